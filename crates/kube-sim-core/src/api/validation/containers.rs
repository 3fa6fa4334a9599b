//! Container validation: ports, env, envFrom, volume mounts, resources, probes
//! (`validateContainerCommon` and friends in `pkg/apis/core/validation`).

use serde_json::{Map, Value};

use super::pod::{field_ref, local_descending};
use super::{arr, int, name_errs, s};
use crate::api::field::{BadValue, FieldError};
use crate::api::names;
use crate::quantity::Quantity;

const ENV_FIELD_PATHS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

fn ports(c: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let mut names_seen: Vec<&str> = Vec::new();
    for (i, p) in arr(c, "ports").iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let name = s(p, "name");
        if !name.is_empty() {
            let msgs = names::is_valid_port_name(name);
            if !msgs.is_empty() {
                name_errs(errs, &format!("{ip}.name"), name, msgs);
            } else if names_seen.contains(&name) {
                errs.push(FieldError::duplicate(format!("{ip}.name"), BadValue::Str(name.into())));
            } else {
                names_seen.push(name);
            }
        }
        match int(p, "containerPort").unwrap_or(0) {
            0 => errs.push(FieldError::required(format!("{ip}.containerPort"), "")),
            n => {
                for m in names::is_valid_port_num(n) {
                    errs.push(FieldError::invalid(format!("{ip}.containerPort"), BadValue::Int(n), &m));
                }
            }
        }
        if let Some(h) = int(p, "hostPort").filter(|h| *h != 0) {
            for m in names::is_valid_port_num(h) {
                errs.push(FieldError::invalid(format!("{ip}.hostPort"), BadValue::Int(h), &m));
            }
        }
        match s(p, "protocol") {
            "" => errs.push(FieldError::required(format!("{ip}.protocol"), "")),
            "TCP" | "UDP" | "SCTP" => {}
            other => errs.push(FieldError::not_supported(format!("{ip}.protocol"), BadValue::Str(other.into()), &["SCTP", "TCP", "UDP"])),
        }
    }
}

fn key_selector(r: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let name = s(r, "name");
    name_errs(errs, &format!("{path}.name"), name, names::is_dns1123_subdomain(name));
    let key = s(r, "key");
    if key.is_empty() {
        errs.push(FieldError::required(format!("{path}.key"), ""));
    } else {
        name_errs(errs, &format!("{path}.key"), key, names::is_config_map_key(key));
    }
}

fn env(c: &Value, path: &str, errs: &mut Vec<FieldError>) {
    for (i, e) in arr(c, "env").iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let name = s(e, "name");
        if name.is_empty() {
            errs.push(FieldError::required(format!("{ip}.name"), ""));
        } else {
            name_errs(errs, &format!("{ip}.name"), name, names::is_env_var_name(name));
        }
        let Some(vf) = e.get("valueFrom") else { continue };
        let vp = format!("{ip}.valueFrom");
        let mut n = 0;
        if let Some(fr) = vf.get("fieldRef") {
            n += 1;
            field_ref(fr, &ENV_FIELD_PATHS, &format!("{vp}.fieldRef"), errs);
        }
        if vf.get("resourceFieldRef").is_some() {
            n += 1;
        }
        for k in ["configMapKeyRef", "secretKeyRef"] {
            if let Some(r) = vf.get(k) {
                n += 1;
                key_selector(r, &format!("{vp}.{k}"), errs);
            }
        }
        if n == 0 {
            errs.push(FieldError::invalid_str(
                &vp,
                "",
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
            ));
        } else if !s(e, "value").is_empty() {
            errs.push(FieldError::invalid_str(&vp, "", "may not be specified when `value` is not empty"));
        } else if n > 1 {
            errs.push(FieldError::invalid_str(&vp, "", "may not have more than one field specified at a time"));
        }
    }
    for (i, e) in arr(c, "envFrom").iter().enumerate() {
        let ip = format!("{path}From[{i}]");
        let mut n = 0;
        for k in ["configMapRef", "secretRef"] {
            if let Some(r) = e.get(k) {
                n += 1;
                let name = s(r, "name");
                if name.is_empty() {
                    errs.push(FieldError::required(format!("{ip}.{k}.name"), ""));
                } else {
                    name_errs(errs, &format!("{ip}.{k}.name"), name, names::is_dns1123_subdomain(name));
                }
            }
        }
        if n == 0 {
            errs.push(FieldError::invalid_str(format!("{path}From"), "", "must specify one of: `configMapRef` or `secretRef`"));
        } else if n > 1 {
            errs.push(FieldError::invalid_str(format!("{path}From"), "", "may not have more than one field specified at a time"));
        }
    }
}

fn mounts(c: &Value, vols: &[String], path: &str, errs: &mut Vec<FieldError>) {
    let mut points: Vec<&str> = Vec::new();
    let privileged = c.pointer("/securityContext/privileged") == Some(&Value::Bool(true));
    for (i, m) in arr(c, "volumeMounts").iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let name = s(m, "name");
        if name.is_empty() {
            errs.push(FieldError::required(format!("{ip}.name"), ""));
        }
        if !vols.iter().any(|v| v == name) {
            errs.push(FieldError::not_found(format!("{ip}.name"), BadValue::Str(name.into())));
        }
        let mp = s(m, "mountPath");
        if mp.is_empty() {
            errs.push(FieldError::required(format!("{ip}.mountPath"), ""));
        }
        if points.contains(&mp) {
            errs.push(FieldError::invalid_str(format!("{ip}.mountPath"), mp, "must be unique"));
        }
        points.push(mp);
        let sub = s(m, "subPath");
        if !sub.is_empty() {
            // Upstream reports this on the list path, not the item path.
            local_descending(sub, &format!("{path}.subPath"), errs);
        }
        if let Some(p) = m.get("mountPropagation").and_then(Value::as_str) {
            let pp = format!("{path}.mountPropagation");
            const PROPS: [&str; 3] = ["Bidirectional", "HostToContainer", "None"];
            if !PROPS.contains(&p) {
                errs.push(FieldError::not_supported(&pp, BadValue::Str(p.into()), &PROPS));
            }
            if p == "Bidirectional" && !privileged {
                errs.push(FieldError::forbidden(pp, "Bidirectional mount propagation is available only to privileged containers"));
            }
        }
    }
}

fn is_standard_container_resource(n: &str) -> bool {
    matches!(n, "cpu" | "memory" | "ephemeral-storage") || n.starts_with("hugepages-")
}

fn resources(c: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let empty = Map::new();
    let lim = c.pointer("/resources/limits").and_then(Value::as_object).unwrap_or(&empty);
    let req = c.pointer("/resources/requests").and_then(Value::as_object).unwrap_or(&empty);
    let q = |v: &Value| v.as_str().and_then(|s| Quantity::parse(s).ok()).unwrap_or_else(|| Quantity::from_int(0));
    for (bag, m) in [("limits", lim), ("requests", req)] {
        for (name, v) in m {
            let fp = format!("{path}.{bag}[{name}]");
            if !name.contains('/') {
                if !is_standard_container_resource(name) && !matches!(name.as_str(), "storage" | "pods" | "services") {
                    errs.push(FieldError::invalid(&fp, BadValue::Raw(name.clone()), "must be a standard resource type or fully qualified"));
                }
                if !is_standard_container_resource(name) {
                    errs.push(FieldError::invalid(&fp, BadValue::Raw(name.clone()), "must be a standard resource for containers"));
                }
            }
            let qv = q(v);
            if qv.sign() < 0 {
                errs.push(FieldError::invalid_str(&fp, &qv.to_string(), "must be greater than or equal to 0"));
            }
            if bag == "requests" {
                if let Some(l) = lim.get(name) {
                    let lq = q(l);
                    if qv > lq {
                        errs.push(FieldError::invalid_str(
                            format!("{path}.requests"),
                            &qv.to_string(),
                            &format!("must be less than or equal to {name} limit of {lq}"),
                        ));
                    }
                }
            }
        }
    }
}

fn probe(c: &Value, key: &str, path: &str, errs: &mut Vec<FieldError>) {
    let Some(p) = c.get(key) else { return };
    let pp = format!("{path}.{key}");
    let handlers = ["exec", "httpGet", "tcpSocket", "grpc"].iter().filter(|h| p.get(**h).is_some()).count();
    if handlers == 0 {
        errs.push(FieldError::required(&pp, "must specify a handler type"));
    } else if handlers > 1 {
        errs.push(FieldError::forbidden(&pp, "may not specify more than 1 handler type"));
    }
    if key != "readinessProbe" {
        if let Some(n) = int(p, "successThreshold").filter(|n| *n != 1) {
            errs.push(FieldError::invalid(format!("{pp}.successThreshold"), BadValue::Int(n), "must be 1"));
        }
    }
}

/// `validateContainers` / `validateInitContainers`: `seen` carries names across both lists.
pub(super) fn containers(spec: &Value, key: &str, vols: &[String], path: &str, seen: &mut Vec<String>, errs: &mut Vec<FieldError>) {
    let list = arr(spec, key);
    if key == "containers" && list.is_empty() {
        errs.push(FieldError::required(path, ""));
    }
    for (i, c) in list.iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let name = s(c, "name");
        if name.is_empty() {
            errs.push(FieldError::required(format!("{ip}.name"), ""));
        } else {
            name_errs(errs, &format!("{ip}.name"), name, names::is_dns1123_label(name));
        }
        if s(c, "image").is_empty() {
            errs.push(FieldError::required(format!("{ip}.image"), ""));
        }
        match s(c, "terminationMessagePolicy") {
            "File" | "FallbackToLogsOnError" => {}
            "" => errs.push(FieldError::required(format!("{ip}.terminationMessagePolicy"), "")),
            other => errs.push(FieldError::not_supported(
                format!("{ip}.terminationMessagePolicy"),
                BadValue::Str(other.into()),
                &["File", "FallbackToLogsOnError"],
            )),
        }
        ports(c, &format!("{ip}.ports"), errs);
        env(c, &format!("{ip}.env"), errs);
        mounts(c, vols, &format!("{ip}.volumeMounts"), errs);
        match s(c, "imagePullPolicy") {
            "Always" | "IfNotPresent" | "Never" => {}
            "" => errs.push(FieldError::required(format!("{ip}.imagePullPolicy"), "")),
            other => errs.push(FieldError::not_supported(
                format!("{ip}.imagePullPolicy"),
                BadValue::Str(other.into()),
                &["Always", "IfNotPresent", "Never"],
            )),
        }
        resources(c, &format!("{ip}.resources"), errs);
        if seen.iter().any(|n| n == name) {
            errs.push(FieldError::duplicate(format!("{ip}.name"), BadValue::Str(name.into())));
        } else {
            seen.push(name.to_string());
        }
        if key == "containers" {
            for p in ["livenessProbe", "readinessProbe", "startupProbe"] {
                probe(c, p, &ip, errs);
            }
        }
    }
}
