//! Pod spec validation: volumes, containers, pod-level fields, and the pod update rule
//! (`k8s-behaviour.md` §5.7; `pkg/apis/core/validation` `ValidatePodSpec`, `ValidatePodUpdate`).

use serde_json::{Map, Value};

use super::diff::struct_diff;
use super::storage::{csi_driver, host_path_source, nfs_source, node_selector};
use super::{arr, int, labels, map, name_errs, s};
use crate::api::field::{BadValue, FieldError};
use crate::api::names;
use crate::quantity::Quantity;

const FILE_MODE: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// Pod volume sources in `validateVolumeSource` order, with the path upstream uses for the
/// "more than 1 volume type" error (note upstream's own `downwarAPI`).
const SOURCES: [(&str, &str); 30] = [
    ("emptyDir", "emptyDir"),
    ("hostPath", "hostPath"),
    ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"),
    ("nfs", "nfs"),
    ("iscsi", "iscsi"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"),
    ("rbd", "rbd"),
    ("cinder", "cinder"),
    ("cephfs", "cephFS"),
    ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("configMap", "configMap"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("storageos", "storageos"),
    ("projected", "projected"),
    ("scaleIO", "scaleIO"),
    ("csi", "csi"),
    ("ephemeral", "ephemeral"),
    ("image", "image"),
];

fn mode(v: &Value, key: &str, path: &str, errs: &mut Vec<FieldError>) {
    if let Some(m) = int(v, key) {
        if !(0..=0o777).contains(&m) {
            errs.push(FieldError::invalid(format!("{path}.{key}"), BadValue::Int(m), FILE_MODE));
        }
    }
}

/// `ValidateLocalNonReservedPath`.
fn local_non_reserved(p: &str, path: &str, errs: &mut Vec<FieldError>) {
    local_descending(p, path, errs);
    if p.starts_with("..") && !p.starts_with("../") {
        errs.push(FieldError::invalid_str(path, p, "must not start with '..'"));
    }
}

/// `validateLocalDescendingPath`.
fn local_descending(p: &str, path: &str, errs: &mut Vec<FieldError>) {
    if p.starts_with('/') {
        errs.push(FieldError::invalid_str(path, p, "must be a relative path"));
    }
    if p.split('/').any(|c| c == "..") {
        errs.push(FieldError::invalid_str(path, p, "must not contain '..'"));
    }
}

fn key_to_paths(v: &Value, path: &str, errs: &mut Vec<FieldError>) {
    for (i, kp) in arr(v, "items").iter().enumerate() {
        let ip = format!("{path}.items[{i}]");
        if s(kp, "key").is_empty() {
            errs.push(FieldError::required(format!("{ip}.key"), ""));
        }
        let p = s(kp, "path");
        if p.is_empty() {
            errs.push(FieldError::required(format!("{ip}.path"), ""));
        }
        local_non_reserved(p, &format!("{ip}.path"), errs);
        mode(kp, "mode", &ip, errs);
    }
}

const VOLUME_FIELD_PATHS: [&str; 5] =
    ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];
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

fn field_ref(fr: &Value, valid: &[&str], path: &str, errs: &mut Vec<FieldError>) {
    if s(fr, "apiVersion").is_empty() {
        errs.push(FieldError::required(format!("{path}.apiVersion"), ""));
        return;
    }
    let fp = s(fr, "fieldPath");
    if fp.is_empty() {
        errs.push(FieldError::required(format!("{path}.fieldPath"), ""));
        return;
    }
    if let Some((base, _)) = fp.split_once('[') {
        if base != "metadata.labels" && base != "metadata.annotations" {
            errs.push(FieldError::invalid_str(path, base, "does not support subscript"));
        }
    } else if !valid.contains(&fp) {
        errs.push(FieldError::not_supported(format!("{path}.fieldPath"), BadValue::Str(fp.into()), valid));
    }
}

fn downward_items(v: &Value, path: &str, errs: &mut Vec<FieldError>) {
    for item in arr(v, "items") {
        let p = s(item, "path");
        if p.is_empty() {
            errs.push(FieldError::required(format!("{path}.path"), ""));
        }
        local_non_reserved(p, &format!("{path}.path"), errs);
        match (item.get("fieldRef"), item.get("resourceFieldRef")) {
            (Some(fr), other) => {
                field_ref(fr, &VOLUME_FIELD_PATHS, &format!("{path}.fieldRef"), errs);
                if other.is_some() {
                    errs.push(FieldError::invalid_str(
                        path,
                        "resource",
                        "fieldRef and resourceFieldRef can not be specified simultaneously",
                    ));
                }
            }
            (None, Some(_)) => {}
            (None, None) => errs.push(FieldError::required(path, "one of fieldRef and resourceFieldRef is required")),
        }
        mode(item, "mode", path, errs);
    }
}

fn volume_source(vol: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let mut n = 0;
    for (src, err_name) in SOURCES {
        let Some(v) = vol.get(src).filter(|v| !v.is_null()) else { continue };
        if n > 0 {
            errs.push(FieldError::forbidden(format!("{path}.{err_name}"), "may not specify more than 1 volume type"));
            continue;
        }
        n += 1;
        let sp = format!("{path}.{src}");
        match src {
            "emptyDir"
                if v.get("sizeLimit").and_then(Value::as_str).and_then(|q| Quantity::parse(q).ok()).is_some_and(|q| q.sign() < 0) =>
            {
                errs.push(FieldError::forbidden(format!("{sp}.sizeLimit"), "SizeLimit field must be a valid resource quantity"));
            }
            "hostPath" => host_path_source(v, &sp, errs),
            "nfs" => nfs_source(v, &sp, errs),
            "secret" | "configMap" => {
                let name_key = if src == "secret" { "secretName" } else { "name" };
                if s(v, name_key).is_empty() {
                    errs.push(FieldError::required(format!("{sp}.{name_key}"), ""));
                }
                mode(v, "defaultMode", &sp, errs);
                key_to_paths(v, &sp, errs);
            }
            "persistentVolumeClaim" if s(v, "claimName").is_empty() => {
                errs.push(FieldError::required(format!("{sp}.claimName"), ""));
            }
            "downwardAPI" => {
                mode(v, "defaultMode", &sp, errs);
                downward_items(v, &sp, errs);
            }
            "projected" => {
                mode(v, "defaultMode", &sp, errs);
                for (i, p) in arr(v, "sources").iter().enumerate() {
                    let pp = format!("{sp}.sources[{i}]");
                    let mut count = 0;
                    for kind in ["secret", "configMap"] {
                        if let Some(k) = p.get(kind) {
                            count += 1;
                            if s(k, "name").is_empty() {
                                errs.push(FieldError::required(format!("{pp}.{kind}.name"), ""));
                            }
                            key_to_paths(k, &format!("{pp}.{kind}"), errs);
                        }
                    }
                    if let Some(d) = p.get("downwardAPI") {
                        count += 1;
                        downward_items(d, &format!("{pp}.downwardAPI"), errs);
                    }
                    count += ["serviceAccountToken", "clusterTrustBundle"].iter().filter(|k| p.get(**k).is_some()).count();
                    if count > 1 {
                        errs.push(FieldError::forbidden(pp, "may not specify more than 1 volume type per source"));
                    }
                }
            }
            "csi" => csi_driver(s(v, "driver"), &format!("{sp}.driver"), errs),
            _ => {}
        }
    }
    if n == 0 {
        errs.push(FieldError::required(path, "must specify a volume type"));
    }
}

/// `ValidateVolumes`: the errors, and the names of the volumes that passed.
fn volumes(spec: &Value, path: &str, errs: &mut Vec<FieldError>) -> Vec<String> {
    let mut ok: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, vol) in arr(spec, "volumes").iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let mut el = Vec::new();
        volume_source(vol, &ip, &mut el);
        let name = s(vol, "name");
        if name.is_empty() {
            el.push(FieldError::required(format!("{ip}.name"), ""));
        } else {
            name_errs(&mut el, &format!("{ip}.name"), name, names::is_dns1123_label(name));
        }
        if seen.iter().any(|n| n == name) {
            el.push(FieldError::duplicate(format!("{ip}.name"), BadValue::Str(name.into())));
        }
        if el.is_empty() {
            seen.push(name.to_string());
            ok.push(name.to_string());
        } else {
            errs.extend(el);
        }
    }
    ok
}

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

fn containers(spec: &Value, key: &str, vols: &[String], path: &str, seen: &mut Vec<String>, errs: &mut Vec<FieldError>) {
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

fn tolerations(spec: &Value, path: &str, errs: &mut Vec<FieldError>) {
    for (i, t) in arr(spec, "tolerations").iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let key = s(t, "key");
        if !key.is_empty() {
            name_errs(errs, &format!("{ip}.key"), key, names::is_qualified_name(key));
        }
        match s(t, "operator") {
            "Exists" if !s(t, "value").is_empty() => errs.push(FieldError::invalid_str(
                format!("{ip}.operator"),
                s(t, "value"),
                "value must be empty when `operator` is 'Exists'",
            )),
            "" | "Equal" | "Exists" => {}
            op => errs.push(FieldError::not_supported(format!("{ip}.operator"), BadValue::Str(op.into()), &["Equal", "Exists"])),
        }
        let effect = s(t, "effect");
        if !effect.is_empty() && !["NoExecute", "NoSchedule", "PreferNoSchedule"].contains(&effect) {
            errs.push(FieldError::not_supported(
                format!("{ip}.effect"),
                BadValue::Str(effect.into()),
                &["NoExecute", "NoSchedule", "PreferNoSchedule"],
            ));
        }
    }
}

/// `ValidatePodSpec` at `path` (`spec` or `spec.template.spec`).
pub fn pod_spec(spec: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let vols = volumes(spec, &format!("{path}.volumes"), errs);
    let mut seen = Vec::new();
    containers(spec, "containers", &vols, &format!("{path}.containers"), &mut seen, errs);
    containers(spec, "initContainers", &vols, &format!("{path}.initContainers"), &mut seen, errs);
    match s(spec, "restartPolicy") {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.push(FieldError::required(format!("{path}.restartPolicy"), "")),
        other => errs.push(FieldError::not_supported(
            format!("{path}.restartPolicy"),
            BadValue::Str(other.into()),
            &["Always", "Never", "OnFailure"],
        )),
    }
    match s(spec, "dnsPolicy") {
        "ClusterFirst" | "ClusterFirstWithHostNet" | "Default" | "None" => {}
        "" => errs.push(FieldError::required(format!("{path}.dnsPolicy"), "")),
        other => errs.push(FieldError::not_supported(
            format!("{path}.dnsPolicy"),
            BadValue::Str(other.into()),
            &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
        )),
    }
    labels(map(spec, "nodeSelector"), &format!("{path}.nodeSelector"), errs);
    if let Some(req) = spec.pointer("/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution") {
        node_selector(req, &format!("{path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"), errs);
    }
    for key in ["serviceAccountName", "nodeName"] {
        let v = s(spec, key);
        if !v.is_empty() {
            name_errs(errs, &format!("{path}.{key}"), v, names::is_dns1123_subdomain(v));
        }
    }
    tolerations(spec, &format!("{path}.tolerations"), errs);
}

/// `ValidatePod` (+ `ValidatePodUpdate` when `old`).
pub fn validate_pod(pod: &Value, old: Option<&Value>, errs: &mut Vec<FieldError>) {
    let empty = Value::Null;
    let spec = pod.get("spec").unwrap_or(&empty);
    pod_spec(spec, "spec", errs);
    // validateContainersOnlyForPod: pods (not templates) reject padded images.
    for key in ["containers", "initContainers"] {
        for (i, c) in arr(spec, key).iter().enumerate() {
            let image = s(c, "image");
            if image.trim() != image {
                errs.push(FieldError::invalid_str(
                    format!("spec.{key}[{i}].image"),
                    image,
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }
    let Some(old) = old else { return };
    let ospec = old.get("spec").unwrap_or(&empty);
    for key in ["containers", "initContainers"] {
        let (n, o) = (arr(spec, key), arr(ospec, key));
        if n.len() != o.len() {
            errs.push(FieldError::forbidden(format!("spec.{key}"), "pod updates may not add or remove containers"));
            return;
        }
    }
    let otol = arr(ospec, "tolerations");
    let ntol = arr(spec, "tolerations");
    for ot in otol {
        let found = ntol.iter().any(|nt| {
            let mut clone = ot.clone();
            if let Some(m) = clone.as_object_mut() {
                match nt.get("tolerationSeconds") {
                    Some(v) => m.insert("tolerationSeconds".into(), v.clone()),
                    None => m.remove("tolerationSeconds"),
                };
            }
            &clone == nt
        });
        if !found {
            errs.push(FieldError::forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
            break;
        }
    }
    // Munge the allowed changes back to the old values and compare.
    let mut munged = spec.as_object().cloned().unwrap_or_default();
    let old_map = ospec.as_object().cloned().unwrap_or_default();
    for key in ["containers", "initContainers"] {
        if let Some(Value::Array(list)) = munged.get_mut(key) {
            for (c, oc) in list.iter_mut().zip(arr(ospec, key)) {
                if let (Some(c), Some(img)) = (c.as_object_mut(), oc.get("image")) {
                    c.insert("image".into(), img.clone());
                }
            }
        }
    }
    for key in ["activeDeadlineSeconds", "tolerations", "schedulingGates"] {
        match old_map.get(key) {
            Some(v) => munged.insert(key.into(), v.clone()),
            None => munged.remove(key),
        };
    }
    if int(ospec, "terminationGracePeriodSeconds").is_some_and(|g| g < 0) && int(spec, "terminationGracePeriodSeconds") == Some(1) {
        if let Some(v) = old_map.get("terminationGracePeriodSeconds") {
            munged.insert("terminationGracePeriodSeconds".into(), v.clone());
        }
    }
    if munged != old_map {
        const ORDER: [&str; 24] = [
            "volumes",
            "initContainers",
            "containers",
            "ephemeralContainers",
            "restartPolicy",
            "terminationGracePeriodSeconds",
            "activeDeadlineSeconds",
            "dnsPolicy",
            "nodeSelector",
            "serviceAccountName",
            "automountServiceAccountToken",
            "nodeName",
            "securityContext",
            "imagePullSecrets",
            "hostname",
            "subdomain",
            "setHostnameAsFQDN",
            "affinity",
            "schedulerName",
            "tolerations",
            "hostAliases",
            "priorityClassName",
            "priority",
            "enableServiceLinks",
        ];
        let d = struct_diff("core.PodSpec", &ORDER, &old_map, &munged);
        errs.push(FieldError::forbidden(
            "spec",
            &format!(
                "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n{d}"
            ),
        ));
    }
}
