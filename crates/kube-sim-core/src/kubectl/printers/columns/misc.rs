//! Columns of Secret, ConfigMap, Namespace, Deployment, ReplicaSet, Service, Endpoints and of
//! kinds without a server printer (NAME, AGE).

use serde_json::Value;

use crate::kubectl::printers::table::{col, wide, Column, NAME};
use crate::kubectl::printers::util::{arr, format_label_selector, format_labels, int, map, s, selector_string, since_str, v};

/// Secret columns.
pub const SECRET_COLUMNS: &[Column] = &[NAME, col("Type"), col("Data"), col("Age")];
/// ConfigMap columns.
pub const CONFIGMAP_COLUMNS: &[Column] = &[NAME, col("Data"), col("Age")];
/// Namespace columns.
pub const NAMESPACE_COLUMNS: &[Column] = &[NAME, col("Status"), col("Age")];
/// The columns of kinds the server has no printer for.
pub const DEFAULT_COLUMNS: &[Column] = &[NAME, col("Age")];
/// Deployment columns.
pub const DEPLOYMENT_COLUMNS: &[Column] = &[
    NAME,
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];
/// ReplicaSet columns.
pub const REPLICASET_COLUMNS: &[Column] = &[
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];
/// Service columns.
pub const SERVICE_COLUMNS: &[Column] =
    &[NAME, col("Type"), col("Cluster-IP"), col("External-IP"), col("Port(s)"), col("Age"), wide("Selector")];
/// Endpoints columns.
pub const ENDPOINTS_COLUMNS: &[Column] = &[NAME, col("Endpoints"), col("Age")];

fn name(o: &Value) -> String {
    crate::object::name(o).to_string()
}

/// AGE: `translateTimestampSince` of `metadata.creationTimestamp`.
fn age(o: &Value, now: i64) -> String {
    since_str(crate::object::meta_str(o, "creationTimestamp"), now)
}

fn count(o: &Value, path: &str) -> usize {
    map(o, path).map_or(0, |m| m.len())
}

/// Secret row: TYPE, DATA (keys of `data`).
pub fn secret_row(o: &Value, now: i64) -> Vec<String> {
    vec![name(o), s(o, "type").into(), count(o, "data").to_string(), age(o, now)]
}

/// ConfigMap row: DATA counts `data` and `binaryData` keys.
pub fn configmap_row(o: &Value, now: i64) -> Vec<String> {
    vec![name(o), (count(o, "data") + count(o, "binaryData")).to_string(), age(o, now)]
}

/// Namespace row.
pub fn namespace_row(o: &Value, now: i64) -> Vec<String> {
    vec![name(o), s(o, "status.phase").into(), age(o, now)]
}

/// A row of NAME and AGE.
pub fn default_row(o: &Value, now: i64) -> Vec<String> {
    vec![name(o), age(o, now)]
}

/// `layoutContainerCells`: container names and images, joined by `,`.
fn containers(o: &Value) -> (String, String) {
    let cs = arr(o, "spec.template.spec.containers");
    let names: Vec<&str> = cs.iter().map(|c| s(c, "name")).collect();
    let images: Vec<&str> = cs.iter().map(|c| s(c, "image")).collect();
    (names.join(","), images.join(","))
}

/// Deployment row: READY is `ready/desired`.
pub fn deployment_row(o: &Value, now: i64) -> Vec<String> {
    let (names, images) = containers(o);
    let desired = v(o, "spec.replicas").and_then(Value::as_i64).unwrap_or(1);
    vec![
        name(o),
        format!("{}/{desired}", int(o, "status.readyReplicas")),
        int(o, "status.updatedReplicas").to_string(),
        int(o, "status.availableReplicas").to_string(),
        age(o, now),
        names,
        images,
        selector_string(v(o, "spec.selector")).unwrap_or_default(),
    ]
}

/// ReplicaSet row.
pub fn replicaset_row(o: &Value, now: i64) -> Vec<String> {
    let (names, images) = containers(o);
    let desired = v(o, "spec.replicas").and_then(Value::as_i64).unwrap_or(1);
    vec![
        name(o),
        desired.to_string(),
        int(o, "status.replicas").to_string(),
        int(o, "status.readyReplicas").to_string(),
        age(o, now),
        names,
        images,
        format_label_selector(v(o, "spec.selector")),
    ]
}

fn join_strs(items: &[Value], sep: &str) -> String {
    items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(sep)
}

/// `getServiceExternalIP`. `wide` disables the 16-character clipping of load balancer addresses.
fn external_ip(o: &Value, wide: bool) -> String {
    let ext = arr(o, "spec.externalIPs");
    match s(o, "spec.type") {
        "ClusterIP" | "NodePort" | "" if !ext.is_empty() => join_strs(ext, ","),
        "ClusterIP" | "NodePort" | "" => "<none>".into(),
        "LoadBalancer" => {
            let mut lb: Vec<&str> = arr(o, "status.loadBalancer.ingress")
                .iter()
                .map(|i| if s(i, "ip").is_empty() { s(i, "hostname") } else { s(i, "ip") })
                .filter(|x| !x.is_empty())
                .collect();
            crate::sort::sort(&mut lb);
            lb.dedup();
            let mut text = lb.join(",");
            if !wide && text.len() > 16 {
                text = format!("{}...", text.get(..13).unwrap_or(&text));
            }
            if !ext.is_empty() {
                let mut all: Vec<String> = if text.is_empty() { vec![] } else { text.split(',').map(String::from).collect() };
                all.extend(ext.iter().filter_map(Value::as_str).map(String::from));
                return all.join(",");
            }
            if text.is_empty() {
                "<pending>".into()
            } else {
                text
            }
        }
        "ExternalName" => s(o, "spec.externalName").into(),
        _ => "<unknown>".into(),
    }
}

/// `makePortString`: `port/proto` or `port:nodePort/proto`, joined by `,`.
fn ports(o: &Value) -> String {
    let pieces: Vec<String> = arr(o, "spec.ports")
        .iter()
        .map(|p| {
            let proto = match s(p, "protocol") {
                "" => "TCP",
                x => x,
            };
            match int(p, "nodePort") {
                n if n > 0 => format!("{}:{n}/{proto}", int(p, "port")),
                _ => format!("{}/{proto}", int(p, "port")),
            }
        })
        .collect();
    if pieces.is_empty() {
        "<none>".into()
    } else {
        pieces.join(",")
    }
}

/// Service row.
pub fn service_row(o: &Value, now: i64, wide: bool) -> Vec<String> {
    let cluster_ip = arr(o, "spec.clusterIPs").first().and_then(Value::as_str).unwrap_or("<none>");
    vec![
        name(o),
        s(o, "spec.type").into(),
        cluster_ip.into(),
        external_ip(o, wide),
        ports(o),
        age(o, now),
        format_labels(map(o, "spec.selector")),
    ]
}

/// `formatEndpoints`: up to three `ip:port` (or bare ip) entries, then `+ N more...`.
pub fn format_endpoints(o: &Value, port_name: Option<&str>) -> String {
    let subsets = arr(o, "subsets");
    if subsets.is_empty() {
        return "<none>".into();
    }
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    for ss in subsets {
        let addrs = arr(ss, "addresses");
        let ports = arr(ss, "ports");
        if ports.is_empty() {
            count += addrs.len();
            for a in addrs {
                if list.len() == 3 {
                    more = true;
                    break;
                }
                list.push(s(a, "ip").into());
            }
            continue;
        }
        for p in ports {
            if port_name.is_some_and(|n| n != s(p, "name")) {
                continue;
            }
            count += addrs.len();
            for a in addrs {
                if list.len() == 3 {
                    more = true;
                    break;
                }
                list.push(join_host_port(s(a, "ip"), int(p, "port")));
            }
        }
    }
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", count.saturating_sub(3))
    } else {
        ret
    }
}

/// `net.JoinHostPort`: IPv6 hosts are bracketed.
pub fn join_host_port(host: &str, port: i64) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Endpoints row.
pub fn endpoints_row(o: &Value, now: i64) -> Vec<String> {
    vec![name(o), format_endpoints(o, None), age(o, now)]
}
