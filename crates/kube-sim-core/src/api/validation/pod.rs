//! Pod spec validation: volumes, containers, pod-level fields, and the pod update rule
//! (`k8s-behaviour.md` §5.7; `pkg/apis/core/validation` `ValidatePodSpec`, `ValidatePodUpdate`).

use serde_json::Value;

use super::containers::containers;
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
pub(super) fn local_descending(p: &str, path: &str, errs: &mut Vec<FieldError>) {
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

pub(super) fn field_ref(fr: &Value, valid: &[&str], path: &str, errs: &mut Vec<FieldError>) {
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
        let d = struct_diff("core.PodSpec", "PodSpec", &[], &old_map, &munged);
        errs.push(FieldError::forbidden(
            "spec",
            &format!(
                "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n{d}"
            ),
        ));
    }
}
