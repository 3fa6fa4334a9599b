//! PersistentVolume, PersistentVolumeClaim and StorageClass columns.

use serde_json::Value;

use crate::kubectl::printers::table::{col, wide, Column, NAME};
use crate::kubectl::printers::util::{access_modes, arr, quantity_at, s, since, v};

/// The PV table columns.
pub const PV_COLUMNS: &[Column] = &[
    NAME,
    col("Capacity"),
    col("Access Modes"),
    col("Reclaim Policy"),
    col("Status"),
    col("Claim"),
    col("StorageClass"),
    col("VolumeAttributesClass"),
    col("Reason"),
    col("Age"),
    wide("VolumeMode"),
];

/// The PVC table columns.
pub const PVC_COLUMNS: &[Column] = &[
    NAME,
    col("Status"),
    col("Volume"),
    col("Capacity"),
    col("Access Modes"),
    col("StorageClass"),
    col("VolumeAttributesClass"),
    col("Age"),
    wide("VolumeMode"),
];

/// The StorageClass table columns.
pub const SC_COLUMNS: &[Column] = &[
    NAME,
    col("Provisioner"),
    col("ReclaimPolicy"),
    col("VolumeBindingMode"),
    col("AllowVolumeExpansion"),
    col("Age"),
];

fn or_unset(x: &str) -> String {
    if x.is_empty() {
        "<unset>".into()
    } else {
        x.into()
    }
}

fn phase(obj: &Value, path: &str) -> String {
    if v(obj, "metadata.deletionTimestamp").is_some() {
        "Terminating".into()
    } else {
        s(obj, path).into()
    }
}

/// `GetPersistentVolumeClass`: the beta annotation wins over `spec.storageClassName`.
pub fn pv_class(pv: &Value) -> &str {
    match v(pv, "metadata.annotations").and_then(|a| a.get("volume.beta.kubernetes.io/storage-class")) {
        Some(Value::String(c)) => c,
        _ => s(pv, "spec.storageClassName"),
    }
}

/// `GetPersistentVolumeClaimClass`: the beta annotation, else `spec.storageClassName`.
pub fn pvc_class(pvc: &Value) -> &str {
    pv_class(pvc)
}

/// The cells of one PV row.
pub fn pv_row(pv: &Value, now: i64) -> Vec<String> {
    let claim = match v(pv, "spec.claimRef") {
        Some(r) => format!("{}/{}", s(r, "namespace"), s(r, "name")),
        None => String::new(),
    };
    vec![
        s(pv, "metadata.name").into(),
        quantity_at(pv, "spec.capacity.storage").unwrap_or_else(|| "0".into()),
        access_modes(arr(pv, "spec.accessModes")),
        s(pv, "spec.persistentVolumeReclaimPolicy").into(),
        phase(pv, "status.phase"),
        claim,
        pv_class(pv).into(),
        or_unset(s(pv, "spec.volumeAttributesClassName")),
        s(pv, "status.reason").into(),
        since(pv, "metadata.creationTimestamp", now),
        or_unset(s(pv, "spec.volumeMode")),
    ]
}

/// The cells of one PVC row. Capacity and access modes show only once `spec.volumeName` is set.
pub fn pvc_row(pvc: &Value, now: i64) -> Vec<String> {
    let bound = !s(pvc, "spec.volumeName").is_empty();
    let (capacity, modes) = if bound {
        (
            quantity_at(pvc, "status.capacity.storage").unwrap_or_else(|| "0".into()),
            access_modes(arr(pvc, "status.accessModes")),
        )
    } else {
        (String::new(), String::new())
    };
    vec![
        s(pvc, "metadata.name").into(),
        phase(pvc, "status.phase"),
        s(pvc, "spec.volumeName").into(),
        capacity,
        modes,
        pvc_class(pvc).into(),
        or_unset(s(pvc, "spec.volumeAttributesClassName")),
        since(pvc, "metadata.creationTimestamp", now),
        or_unset(s(pvc, "spec.volumeMode")),
    ]
}

/// `IsDefaultAnnotation`: the GA or the beta default-class annotation is "true".
pub fn is_default_class(sc: &Value) -> bool {
    let a = v(sc, "metadata.annotations");
    ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]
        .iter()
        .any(|k| a.and_then(|a| a.get(*k)).and_then(Value::as_str) == Some("true"))
}

/// The cells of one StorageClass row.
pub fn sc_row(sc: &Value, now: i64) -> Vec<String> {
    let mut name = s(sc, "metadata.name").to_string();
    if is_default_class(sc) {
        name.push_str(" (default)");
    }
    let or = |p: &str, d: &str| match s(sc, p) {
        "" => d.to_string(),
        x => x.to_string(),
    };
    let expand = v(sc, "allowVolumeExpansion").and_then(Value::as_bool).unwrap_or(false);
    vec![
        name,
        s(sc, "provisioner").into(),
        or("reclaimPolicy", "Delete"),
        or("volumeBindingMode", "Immediate"),
        expand.to_string(),
        since(sc, "metadata.creationTimestamp", now),
    ]
}
