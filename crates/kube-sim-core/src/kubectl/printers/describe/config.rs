//! Secret, ConfigMap, Namespace, Service and Endpoints describe.

use base64::Engine;
use serde_json::Value;

use super::{describe_events, head, object_events, w, W};
use crate::kubectl::printers::columns::misc::{format_endpoints, join_host_port};
use crate::kubectl::printers::util::{arr, format_labels, int, map, s, scalar, v};

/// The byte length of a base64 `data` value (its text length when it does not decode).
fn decoded_len(x: &Value) -> usize {
    let text = scalar(x);
    base64::engine::general_purpose::STANDARD.decode(text.as_bytes()).map_or(text.len(), |b| b.len())
}

/// Describes a Secret: key sizes, never values (except a service-account token).
pub fn describe_secret(w: &mut W, o: &Value) {
    head(w, o, true);
    w!(w, 0, "\nType:\t{}\n", s(o, "type"));
    w.write(0, "\nData\n====\n");
    if let Some(data) = map(o, "data") {
        let mut keys: Vec<&String> = data.keys().collect();
        crate::sort::sort(&mut keys);
        for k in keys {
            if k == "token" && s(o, "type") == "kubernetes.io/service-account-token" {
                let raw = scalar(&data[k]);
                let text = base64::engine::general_purpose::STANDARD
                    .decode(raw.as_bytes())
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .unwrap_or(raw);
                w!(w, 0, "{k}:\t{text}\n");
            } else {
                w!(w, 0, "{k}:\t{} bytes\n", decoded_len(&data[k]));
            }
        }
    }
}

/// Describes a ConfigMap: every value in full, then binary data sizes.
pub fn describe_configmap(w: &mut W, o: &Value, all: &[&Value], now: i64) {
    head(w, o, true);
    w.write(0, "\nData\n====\n");
    if let Some(data) = map(o, "data") {
        let mut keys: Vec<&String> = data.keys().collect();
        crate::sort::sort(&mut keys);
        for k in keys {
            w!(w, 0, "{k}:\n----\n");
            w!(w, 0, "{}\n", scalar(&data[k]));
            w.write(0, "\n");
        }
    }
    w.write(0, "\nBinaryData\n====\n");
    if let Some(data) = map(o, "binaryData") {
        let mut keys: Vec<&String> = data.keys().collect();
        crate::sort::sort(&mut keys);
        for k in keys {
            w!(w, 0, "{k}: {} bytes\n", decoded_len(&data[k]));
        }
    }
    w.write(0, "\n");
    describe_events(w, &object_events(o, all), now);
}

/// Describes a Namespace (quotas and limit ranges of the namespace come from `all`).
pub fn describe_namespace(w: &mut W, o: &Value, all: &[&Value]) {
    head(w, o, false);
    w!(w, 0, "Status:\t{}\n", s(o, "status.phase"));
    let name = s(o, "metadata.name");
    let in_ns = |kind: &str| -> Vec<&Value> {
        all.iter().copied().filter(|x| s(x, "kind") == kind && s(x, "metadata.namespace") == name).collect()
    };
    w.write(0, "\n");
    let quotas = in_ns("ResourceQuota");
    if quotas.is_empty() {
        w.write(0, "No resource quota.\n");
    } else {
        w.write(0, "Resource Quotas\n");
        for q in quotas {
            w!(w, 1, "Name:\t{}\n", s(q, "metadata.name"));
            w.write(1, "Resource\tUsed\tHard\n");
            w.write(1, "--------\t---\t---\n");
            let hard = map(q, "status.hard");
            let mut keys: Vec<&String> = hard.into_iter().flat_map(|m| m.keys()).collect();
            crate::sort::sort(&mut keys);
            for k in keys {
                let used = map(q, "status.used").and_then(|m| m.get(k)).map(crate::kubectl::printers::util::quantity);
                let hard = hard.and_then(|m| m.get(k)).map(crate::kubectl::printers::util::quantity);
                w!(w, 1, "{k}\t{}\t{}\n", used.unwrap_or_else(|| "0".into()), hard.unwrap_or_default());
            }
        }
    }
    w.write(0, "\n");
    if in_ns("LimitRange").is_empty() {
        w.write(0, "No LimitRange resource.\n");
    } else {
        w.write(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
        w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    }
}

/// The Endpoints cell of one service port: from EndpointSlices labelled with the service name
/// when any exist (kubectl v1.32 reads slices), else from the Endpoints object of the same name.
fn service_endpoints(svc: &Value, all: &[&Value], port_name: &str) -> String {
    let name = s(svc, "metadata.name");
    let ns = s(svc, "metadata.namespace");
    let slices: Vec<&Value> = all
        .iter()
        .copied()
        .filter(|x| s(x, "kind") == "EndpointSlice" && s(x, "metadata.namespace") == ns)
        .filter(|x| map(x, "metadata.labels").and_then(|m| m.get("kubernetes.io/service-name")).and_then(Value::as_str) == Some(name))
        .collect();
    if !slices.is_empty() {
        let mut list: Vec<String> = Vec::new();
        let mut count = 0;
        let mut more = false;
        for sl in slices {
            let ready = |e: &Value| v(e, "conditions.ready").and_then(Value::as_bool) != Some(false);
            let first_addr = |e: &Value| arr(e, "addresses").first().map(scalar).unwrap_or_default();
            let ports = arr(sl, "ports");
            let endpoints = arr(sl, "endpoints");
            if ports.is_empty() {
                for e in endpoints {
                    more |= list.len() == 3;
                    if !ready(e) {
                        continue;
                    }
                    if !more {
                        list.push(first_addr(e));
                    }
                    count += 1;
                }
                continue;
            }
            for p in ports.iter().filter(|p| s(p, "name") == port_name) {
                for e in endpoints {
                    more |= list.len() == 3;
                    if !ready(e) {
                        continue;
                    }
                    if !more {
                        list.push(join_host_port(&first_addr(e), int(p, "port")));
                    }
                    count += 1;
                }
            }
        }
        let ret = list.join(",");
        return if more { format!("{ret} + {} more...", count - 3) } else { ret };
    }
    match all.iter().find(|x| s(x, "kind") == "Endpoints" && s(x, "metadata.namespace") == ns && s(x, "metadata.name") == name) {
        Some(ep) if !arr(ep, "subsets").is_empty() => format_endpoints(ep, Some(port_name)),
        Some(_) => String::new(),
        None => "<none>".into(),
    }
}

/// Describes a Service.
pub fn describe_service(w: &mut W, o: &Value, all: &[&Value], now: i64) {
    head(w, o, true);
    w!(w, 0, "Selector:\t{}\n", format_labels(map(o, "spec.selector")));
    w!(w, 0, "Type:\t{}\n", s(o, "spec.type"));
    if v(o, "spec.ipFamilyPolicy").is_some() {
        w!(w, 0, "IP Family Policy:\t{}\n", s(o, "spec.ipFamilyPolicy"));
    }
    let fams: Vec<String> = arr(o, "spec.ipFamilies").iter().map(scalar).collect();
    w!(w, 0, "IP Families:\t{}\n", if fams.is_empty() { "<none>".to_string() } else { fams.join(",") });
    w!(w, 0, "IP:\t{}\n", s(o, "spec.clusterIP"));
    let ips: Vec<String> = arr(o, "spec.clusterIPs").iter().map(scalar).collect();
    w!(w, 0, "IPs:\t{}\n", if ips.is_empty() { "<none>".to_string() } else { ips.join(",") });
    let ext: Vec<String> = arr(o, "spec.externalIPs").iter().map(scalar).collect();
    if !ext.is_empty() {
        w!(w, 0, "External IPs:\t{}\n", ext.join(","));
    }
    if !s(o, "spec.loadBalancerIP").is_empty() {
        w!(w, 0, "Desired LoadBalancer IP:\t{}\n", s(o, "spec.loadBalancerIP"));
    }
    if !s(o, "spec.externalName").is_empty() {
        w!(w, 0, "External Name:\t{}\n", s(o, "spec.externalName"));
    }
    let ingress: Vec<String> = arr(o, "status.loadBalancer.ingress")
        .iter()
        .map(|i| if s(i, "ip").is_empty() { s(i, "hostname").to_string() } else { s(i, "ip").to_string() })
        .collect();
    if !ingress.is_empty() {
        w!(w, 0, "LoadBalancer Ingress:\t{}\n", ingress.join(", "));
    }
    for p in arr(o, "spec.ports") {
        let name = match s(p, "name") {
            "" => "<unset>",
            n => n,
        };
        let proto = match s(p, "protocol") {
            "" => "TCP",
            x => x,
        };
        w!(w, 0, "Port:\t{name}\t{}/{proto}\n", int(p, "port"));
        let target = v(p, "targetPort").map(scalar).unwrap_or_else(|| int(p, "port").to_string());
        w!(w, 0, "TargetPort:\t{target}/{proto}\n");
        if int(p, "nodePort") != 0 {
            w!(w, 0, "NodePort:\t{name}\t{}/{proto}\n", int(p, "nodePort"));
        }
        w!(w, 0, "Endpoints:\t{}\n", service_endpoints(o, all, s(p, "name")));
    }
    w!(w, 0, "Session Affinity:\t{}\n", s(o, "spec.sessionAffinity"));
    if !s(o, "spec.externalTrafficPolicy").is_empty() {
        w!(w, 0, "External Traffic Policy:\t{}\n", s(o, "spec.externalTrafficPolicy"));
    }
    if v(o, "spec.internalTrafficPolicy").is_some() {
        w!(w, 0, "Internal Traffic Policy:\t{}\n", s(o, "spec.internalTrafficPolicy"));
    }
    if int(o, "spec.healthCheckNodePort") != 0 {
        w!(w, 0, "HealthCheck NodePort:\t{}\n", int(o, "spec.healthCheckNodePort"));
    }
    describe_events(w, &object_events(o, all), now);
}

/// Describes an Endpoints object.
pub fn describe_endpoints(w: &mut W, o: &Value, all: &[&Value], now: i64) {
    head(w, o, true);
    w.write(0, "Subsets:\n");
    for ss in arr(o, "subsets") {
        let ips = |path: &str| {
            let list: Vec<&str> = arr(ss, path).iter().map(|a| s(a, "ip")).collect();
            if list.is_empty() {
                "<none>".to_string()
            } else {
                list.join(",")
            }
        };
        w!(w, 1, "Addresses:\t{}\n", ips("addresses"));
        w!(w, 1, "NotReadyAddresses:\t{}\n", ips("notReadyAddresses"));
        let ports = arr(ss, "ports");
        if !ports.is_empty() {
            w.write(1, "Ports:\n");
            w.write(2, "Name\tPort\tProtocol\n");
            w.write(2, "----\t----\t--------\n");
            for p in ports {
                let name = match s(p, "name") {
                    "" => "<unset>",
                    n => n,
                };
                let proto = match s(p, "protocol") {
                    "" => "TCP",
                    x => x,
                };
                w!(w, 2, "{name}\t{}\t{proto}\n", int(p, "port"));
            }
        }
        w.write(0, "\n");
    }
    describe_events(w, &object_events(o, all), now);
}

/// Describes a ServiceAccount: image pull secrets, mountable secrets and token secrets,
/// marking names with no Secret in the namespace `(not found)`.
pub fn describe_serviceaccount(w: &mut W, o: &Value, all: &[&Value], now: i64) {
    head(w, o, true);
    let ns = s(o, "metadata.namespace");
    let secrets: Vec<&Value> = all.iter().copied().filter(|x| s(x, "kind") == "Secret" && s(x, "metadata.namespace") == ns).collect();
    let exists = |n: &str| secrets.iter().any(|x| s(x, "metadata.name") == n);
    let names = |path: &str| -> Vec<String> { arr(o, path).iter().map(|r| s(r, "name").to_string()).collect() };
    let tokens: Vec<String> = secrets
        .iter()
        .filter(|x| s(x, "type") == "kubernetes.io/service-account-token")
        .filter(|x| {
            let a = map(x, "metadata.annotations");
            let get = |k: &str| a.and_then(|m| m.get(k)).and_then(Value::as_str).unwrap_or("");
            get("kubernetes.io/service-account.name") == s(o, "metadata.name")
                && get("kubernetes.io/service-account.uid") == s(o, "metadata.uid")
        })
        .map(|x| s(x, "metadata.name").to_string())
        .collect();
    for (header, list) in [
        ("Image pull secrets:", names("imagePullSecrets")),
        ("Mountable secrets: ", names("secrets")),
        ("Tokens:            ", tokens),
    ] {
        if list.is_empty() {
            w!(w, 0, "{header}\t<none>\n");
            continue;
        }
        let mut prefix = header;
        for n in &list {
            let missing = if exists(n) { "" } else { " (not found)" };
            w!(w, 0, "{prefix}\t{n}{missing}\n");
            prefix = "                   ";
        }
    }
    describe_events(w, &object_events(o, all), now);
}
