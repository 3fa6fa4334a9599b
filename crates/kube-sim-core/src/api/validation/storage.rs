//! PersistentVolume, PersistentVolumeClaim and StorageClass (`k8s-behaviour.md` §5.4–5.6).

use serde_json::{Map, Value};

use super::diff::struct_diff;
use super::{arr, map, name_errs, s, IMMUTABLE};
use crate::api::field::{BadValue, FieldError};
use crate::api::names;
use crate::quantity::Quantity;

const ACCESS_MODES: [&str; 4] = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const NOT_POSITIVE: &str = "must be greater than zero";

/// The PV volume sources in `ValidatePersistentVolumeSpec` order.
pub(crate) const PV_SOURCES: [&str; 22] = [
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "glusterfs",
    "flocker",
    "nfs",
    "rbd",
    "quobyte",
    "cephfs",
    "iscsi",
    "cinder",
    "fc",
    "flexVolume",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "scaleIO",
    "local",
    "storageos",
    "csi",
];

/// Go field order of `core.PersistentVolumeSource`, for the immutability diff.
const PV_SOURCE_GO_ORDER: [&str; 22] = [
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "hostPath",
    "glusterfs",
    "nfs",
    "rbd",
    "quobyte",
    "iscsi",
    "flexVolume",
    "cinder",
    "cephfs",
    "fc",
    "flocker",
    "azureFile",
    "vsphereVolume",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "local",
    "storageos",
    "csi",
];

fn access_modes(spec: &Value, errs: &mut Vec<FieldError>) {
    let (mut rwop, mut other) = (false, false);
    for m in arr(spec, "accessModes") {
        let m = m.as_str().unwrap_or("");
        if !ACCESS_MODES.contains(&m) {
            errs.push(FieldError::not_supported("spec.accessModes", BadValue::Str(m.into()), &ACCESS_MODES));
        }
        if m == "ReadWriteOncePod" {
            rwop = true;
        } else if ACCESS_MODES.contains(&m) {
            other = true;
        }
    }
    if rwop && other {
        errs.push(FieldError::forbidden("spec.accessModes", "may not use ReadWriteOncePod with other access modes"));
    }
}

fn quantity(v: &Value) -> Quantity {
    v.as_str().and_then(|s| Quantity::parse(s).ok()).unwrap_or_else(|| Quantity::from_int(0))
}

/// Go's `%#v` of a `core.ResourceList`.
fn resource_list(m: Option<&Map<String, Value>>) -> String {
    match m {
        None => "core.ResourceList(nil)".into(),
        Some(m) => {
            let items: Vec<String> = m.iter().map(|(k, v)| format!("{:?}:{}", k, quantity(v).go_repr())).collect();
            format!("core.ResourceList{{{}}}", items.join(", "))
        }
    }
}

fn path_clean_is_root(p: &str) -> bool {
    p.starts_with('/') && p.split('/').all(|c| c.is_empty() || c == "." || c == "..")
}

fn no_backsteps(p: &str, path: &str, errs: &mut Vec<FieldError>) {
    if p.split('/').any(|c| c == "..") {
        errs.push(FieldError::invalid_str(path, p, "must not contain '..'"));
    }
}

pub(crate) fn host_path_source(hp: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let p = s(hp, "path");
    if p.is_empty() {
        errs.push(FieldError::required(format!("{path}.path"), ""));
        return;
    }
    no_backsteps(p, &format!("{path}.path"), errs);
    const TYPES: [&str; 8] = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
    if let Some(t) = hp.get("type").and_then(Value::as_str) {
        if !TYPES.contains(&t) {
            errs.push(FieldError::not_supported(format!("{path}.type"), BadValue::Str(t.into()), &TYPES));
        }
    }
}

pub(crate) fn nfs_source(nfs: &Value, path: &str, errs: &mut Vec<FieldError>) {
    if s(nfs, "server").is_empty() {
        errs.push(FieldError::required(format!("{path}.server"), ""));
    }
    let p = s(nfs, "path");
    if p.is_empty() {
        errs.push(FieldError::required(format!("{path}.path"), ""));
    }
    if !p.starts_with('/') {
        errs.push(FieldError::invalid_str(format!("{path}.path"), p, "must be an absolute path"));
    }
}

pub(crate) fn csi_driver(driver: &str, path: &str, errs: &mut Vec<FieldError>) {
    if driver.is_empty() {
        errs.push(FieldError::required(path, ""));
    }
    if driver.len() > 63 {
        errs.push(FieldError::too_long(path, 63));
    }
    name_errs(errs, path, driver, names::is_dns1123_subdomain(&driver.to_lowercase()));
}

/// `validateNodeSelector` for `spec.nodeAffinity.required`.
pub(crate) fn node_selector(sel: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let terms = arr(sel, "nodeSelectorTerms");
    let tpath = format!("{path}.nodeSelectorTerms");
    if terms.is_empty() {
        errs.push(FieldError::required(tpath, "must have at least one node selector term"));
        return;
    }
    for (i, term) in terms.iter().enumerate() {
        for (j, req) in arr(term, "matchExpressions").iter().enumerate() {
            let rp = format!("{tpath}[{i}].matchExpressions[{j}]");
            let n = arr(req, "values").len();
            match s(req, "operator") {
                "In" | "NotIn" if n == 0 => errs.push(FieldError::required(
                    format!("{rp}.values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                )),
                "Exists" | "DoesNotExist" if n > 0 => errs.push(FieldError::forbidden(
                    format!("{rp}.values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                )),
                "Gt" | "Lt" if n != 1 => errs.push(FieldError::required(
                    format!("{rp}.values"),
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                )),
                "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
                op => errs.push(FieldError::invalid_str(format!("{rp}.operator"), op, "not a valid selector operator")),
            }
            let key = s(req, "key");
            name_errs(errs, &format!("{rp}.key"), key, names::is_qualified_name(key));
        }
    }
}

fn class_name(spec: &Value, errs: &mut Vec<FieldError>) {
    let c = s(spec, "storageClassName");
    if !c.is_empty() {
        name_errs(errs, "spec.storageClassName", c, names::is_dns1123_subdomain(c));
    }
}

fn volume_mode(spec: &Value, errs: &mut Vec<FieldError>) {
    if let Some(m) = spec.get("volumeMode").and_then(Value::as_str) {
        if m != "Block" && m != "Filesystem" {
            errs.push(FieldError::not_supported("spec.volumeMode", BadValue::Str(m.into()), &["Block", "Filesystem"]));
        }
    }
}

/// `ValidatePersistentVolume` (+ `ValidatePersistentVolumeUpdate` when `old`).
pub fn validate_pv(pv: &Value, old: Option<&Value>, errs: &mut Vec<FieldError>) {
    let empty = Value::Null;
    let spec = pv.get("spec").unwrap_or(&empty);
    if arr(spec, "accessModes").is_empty() {
        errs.push(FieldError::required("spec.accessModes", ""));
    }
    access_modes(spec, errs);
    let cap = map(spec, "capacity");
    if cap.map_or(true, Map::is_empty) {
        errs.push(FieldError::required("spec.capacity", ""));
    }
    if !cap.is_some_and(|c| c.contains_key("storage") && c.len() == 1) {
        errs.push(FieldError::not_supported("spec.capacity", BadValue::Raw(resource_list(cap)), &["storage"]));
    }
    for (k, v) in cap.into_iter().flatten() {
        let q = quantity(v);
        let p = format!("spec.capacity[{k}]");
        if q.value() < 0 {
            errs.push(FieldError::invalid(&p, BadValue::Int(q.value()), "must be a valid resource quantity"));
        }
        if q.sign() <= 0 {
            errs.push(FieldError::invalid_str(&p, &q.to_string(), NOT_POSITIVE));
        }
    }
    let policy = s(spec, "persistentVolumeReclaimPolicy");
    if !policy.is_empty() && !["Delete", "Recycle", "Retain"].contains(&policy) {
        errs.push(FieldError::not_supported(
            "spec.persistentVolumeReclaimPolicy",
            BadValue::Str(policy.into()),
            &["Delete", "Recycle", "Retain"],
        ));
    }
    let mut affinity = false;
    if let Some(req) = spec.get("nodeAffinity").and_then(|a| a.get("required")) {
        node_selector(req, "spec.nodeAffinity.required", errs);
        affinity = true;
    }
    let mut count = 0;
    for src in PV_SOURCES {
        let Some(v) = spec.get(src).filter(|v| !v.is_null()) else { continue };
        let path = format!("spec.{src}");
        if count > 0 && src != "flexVolume" {
            errs.push(FieldError::forbidden(path, "may not specify more than 1 volume type"));
            continue;
        }
        count += 1;
        match src {
            "hostPath" => host_path_source(v, &path, errs),
            "nfs" => nfs_source(v, &path, errs),
            "local" => {
                let p = s(v, "path");
                if p.is_empty() {
                    errs.push(FieldError::required("spec.local.path", ""));
                } else {
                    no_backsteps(p, "spec.local.path", errs);
                }
                if !affinity {
                    errs.push(FieldError::required("spec.nodeAffinity", "Local volume requires node affinity"));
                }
            }
            "csi" => {
                csi_driver(s(v, "driver"), "spec.csi.driver", errs);
                if s(v, "volumeHandle").is_empty() {
                    errs.push(FieldError::required("spec.csi.volumeHandle", ""));
                }
            }
            _ => {}
        }
    }
    if count == 0 {
        errs.push(FieldError::required("spec", "must specify a volume type"));
    }
    if spec.get("hostPath").is_some_and(|hp| path_clean_is_root(s(hp, "path"))) && policy == "Recycle" {
        errs.push(FieldError::forbidden(
            "spec.persistentVolumeReclaimPolicy",
            "may not be 'recycle' for a hostPath mount of '/'",
        ));
    }
    class_name(spec, errs);
    volume_mode(spec, errs);

    let Some(old) = old else { return };
    let ospec = old.get("spec").unwrap_or(&empty);
    let pick = |sp: &Value| -> Map<String, Value> {
        crate::sort::json_map(PV_SOURCE_GO_ORDER.iter().filter_map(|k| sp.get(*k).map(|v| (k.to_string(), v.clone()))).collect())
    };
    let (a, mut b) = (pick(ospec), pick(spec));
    // controllerExpandSecretRef may be added to a CSI source.
    if let (Some(oc), Some(nc)) = (a.get("csi"), b.get_mut("csi").and_then(Value::as_object_mut)) {
        if oc.get("controllerExpandSecretRef").is_none() {
            nc.remove("controllerExpandSecretRef");
        }
    }
    if a != b {
        let d = struct_diff("core.PersistentVolumeSource", "PersistentVolumeSpec", &PV_SOURCE_GO_ORDER, &a, &b);
        errs.push(FieldError::forbidden(
            "spec.persistentvolumesource",
            &format!("spec.persistentvolumesource is immutable after creation\n{d}"),
        ));
    }
    if spec.get("volumeMode") != ospec.get("volumeMode") {
        errs.push(FieldError::invalid("volumeMode", super::raw(spec.get("volumeMode")), IMMUTABLE));
    }
    if let Some(oa) = ospec.get("nodeAffinity").filter(|v| !v.is_null()) {
        if spec.get("nodeAffinity") != Some(oa) {
            errs.push(FieldError::invalid(
                "nodeAffinity",
                BadValue::Raw("core.VolumeNodeAffinity{Required:(*core.NodeSelector)(0xc000a1e2d0)}".into()),
                "field is immutable, except for updating from beta label to GA",
            ));
        }
    }
}

const BETA_CLASS: &str = "volume.beta.kubernetes.io/storage-class";

/// `ValidatePersistentVolumeClaim` (+ `ValidatePersistentVolumeClaimUpdate` when `old`).
pub fn validate_pvc(pvc: &Value, old: Option<&Value>, errs: &mut Vec<FieldError>) {
    let empty = Value::Null;
    let spec = pvc.get("spec").unwrap_or(&empty);
    if arr(spec, "accessModes").is_empty() {
        errs.push(FieldError::required("spec.accessModes", "at least 1 access mode is required"));
    }
    if let Some(sel) = spec.get("selector").filter(|v| !v.is_null()) {
        super::apps::label_selector(sel, "spec.selector", errs);
    }
    access_modes(spec, errs);
    match spec.pointer("/resources/requests/storage") {
        None => errs.push(FieldError::required("spec.resources[storage]", "")),
        Some(v) => {
            let q = quantity(v);
            if q.sign() <= 0 {
                errs.push(FieldError::invalid_str("spec.resources[storage]", &q.to_string(), NOT_POSITIVE));
            }
        }
    }
    class_name(spec, errs);
    volume_mode(spec, errs);

    let Some(old) = old else { return };
    let ospec = old.get("spec").unwrap_or(&empty);
    let ann = |o: &Value| o.pointer("/metadata/annotations").and_then(|a| a.get(BETA_CLASS)).and_then(Value::as_str).map(str::to_string);
    let (old_ann, new_ann) = (ann(old), ann(pvc));
    if old_ann.is_some() || new_ann.is_some() {
        let n = new_ann.clone().unwrap_or_default();
        if n != old_ann.clone().unwrap_or_default() {
            errs.push(FieldError::invalid_str(format!("metadata.annotations.{BETA_CLASS}"), &n, IMMUTABLE));
        }
    }
    let mut a = ospec.as_object().cloned().unwrap_or_default();
    let mut b = spec.as_object().cloned().unwrap_or_default();
    if s(ospec, "volumeName").is_empty() {
        match b.get("volumeName") {
            Some(v) => a.insert("volumeName".into(), v.clone()),
            None => a.remove("volumeName"),
        };
    }
    if a.get("storageClassName").is_none() && b.get("storageClassName").is_some() {
        let n = s(spec, "storageClassName").to_string();
        if old_ann.as_deref().map_or(true, |o| o == n) {
            b.remove("storageClassName");
        }
    }
    let bound = old.pointer("/status/phase").and_then(Value::as_str) == Some("Bound");
    if bound {
        if let (Some(o), Some(r)) = (
            ospec.pointer("/resources/requests/storage"),
            b.get_mut("resources").and_then(|r| r.get_mut("requests")).and_then(Value::as_object_mut),
        ) {
            r.insert("storage".into(), o.clone());
        }
    }
    if a != b {
        const ORDER: [&str; 9] = [
            "accessModes",
            "selector",
            "resources",
            "volumeName",
            "storageClassName",
            "volumeMode",
            "dataSource",
            "dataSourceRef",
            "volumeAttributesClassName",
        ];
        let d = struct_diff("core.PersistentVolumeClaimSpec", "PersistentVolumeClaimSpec", &ORDER, &a, &b);
        errs.push(FieldError::forbidden(
            "spec",
            &format!("spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n{d}"),
        ));
    }
    let size = |sp: &Value| sp.pointer("/resources/requests/storage").map(quantity).unwrap_or_else(|| Quantity::from_int(0));
    let (new_size, old_size) = (size(spec), size(ospec));
    let status_size = old.pointer("/status/capacity/storage").map(quantity).unwrap_or_else(|| Quantity::from_int(0));
    // RecoverVolumeExpansionFailure is beta (on) in v1.32.
    if new_size < old_size && new_size <= status_size {
        errs.push(FieldError::forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
    }
    if spec.get("volumeMode") != ospec.get("volumeMode") {
        errs.push(FieldError::invalid("volumeMode", super::raw(spec.get("volumeMode")), IMMUTABLE));
    }
}

/// `ValidateStorageClass` (+ `ValidateStorageClassUpdate` when `old`).
pub fn validate_storage_class(sc: &Value, old: Option<&Value>, errs: &mut Vec<FieldError>) {
    let prov = s(sc, "provisioner");
    if prov.is_empty() {
        errs.push(FieldError::required("provisioner", ""));
    } else {
        name_errs(errs, "provisioner", &prov.to_lowercase(), names::is_qualified_name(&prov.to_lowercase()));
    }
    if let Some(p) = sc.get("reclaimPolicy").and_then(Value::as_str) {
        if p != "Delete" && p != "Retain" {
            errs.push(FieldError::not_supported("reclaimPolicy", BadValue::Str(p.into()), &["Delete", "Retain"]));
        }
    }
    match sc.get("volumeBindingMode").and_then(Value::as_str) {
        None => errs.push(FieldError::required("volumeBindingMode", "")),
        Some("Immediate" | "WaitForFirstConsumer") => {}
        Some(m) => errs.push(FieldError::not_supported(
            "volumeBindingMode",
            BadValue::Str(m.into()),
            &["Immediate", "WaitForFirstConsumer"],
        )),
    }
    let Some(old) = old else { return };
    if sc.get("parameters") != old.get("parameters") {
        errs.push(FieldError::forbidden("parameters", "updates to parameters are forbidden."));
    }
    if prov != s(old, "provisioner") {
        errs.push(FieldError::forbidden("provisioner", "updates to provisioner are forbidden."));
    }
    if s(sc, "reclaimPolicy") != s(old, "reclaimPolicy") {
        errs.push(FieldError::forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
    }
    if s(sc, "volumeBindingMode") != s(old, "volumeBindingMode") {
        errs.push(FieldError::invalid("volumeBindingMode", super::raw(sc.get("volumeBindingMode")), IMMUTABLE));
    }
}
