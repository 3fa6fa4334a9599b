//! Scenario tests of the binder, written from k8s-behaviour.md §1 and §3.

mod claims;
mod explaining;
mod matching;
mod volumes;

use serde_json::{json, Value};

use super::decision::{Action, Decision};
use crate::object;

fn long(mode: &str) -> &'static str {
    match mode {
        "RWO" => "ReadWriteOnce",
        "ROX" => "ReadOnlyMany",
        "RWX" => "ReadWriteMany",
        "RWOP" => "ReadWriteOncePod",
        _ => "Bogus",
    }
}

/// An Available PV, policy Retain, with an NFS source.
pub(super) fn pv(name: &str, capacity: &str, modes: &[&str], class: &str) -> Value {
    let modes: Vec<&str> = modes.iter().map(|m| long(m)).collect();
    json!({
        "apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"name": name, "uid": format!("pv-uid-{name}")},
        "spec": {"capacity": {"storage": capacity}, "accessModes": modes, "storageClassName": class,
                 "persistentVolumeReclaimPolicy": "Retain", "volumeMode": "Filesystem",
                 "nfs": {"server": "10.0.0.1", "path": format!("/exports/{name}")}},
        "status": {"phase": "Available"}
    })
}

/// A Pending claim in `default`; `class: None` leaves `storageClassName` unset (nil).
pub(super) fn pvc(name: &str, request: &str, modes: &[&str], class: Option<&str>) -> Value {
    let modes: Vec<&str> = modes.iter().map(|m| long(m)).collect();
    let mut c = json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": "default", "uid": format!("uid-{name}"), "resourceVersion": "7"},
        "spec": {"accessModes": modes, "resources": {"requests": {"storage": request}}, "volumeMode": "Filesystem"},
        "status": {"phase": "Pending"}
    });
    if let Some(class) = class {
        object::set(&mut c, "spec.storageClassName", json!(class));
    }
    c
}

/// A StorageClass.
pub(super) fn sc(name: &str, provisioner: &str, mode: &str) -> Value {
    json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
           "metadata": {"name": name, "creationTimestamp": "2024-12-10T08:00:00Z"},
           "provisioner": provisioner, "reclaimPolicy": "Delete", "volumeBindingMode": mode})
}

/// A running pod in `default` using the claim `claim`, on `node` ("" = unscheduled).
pub(super) fn pod(name: &str, claim: &str, node: &str) -> Value {
    json!({"metadata": {"name": name, "namespace": "default"},
           "spec": {"nodeName": node, "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": claim}}]},
           "status": {"phase": if node.is_empty() { "Pending" } else { "Running" }}})
}

/// `v` with `path` set to `value`.
pub(super) fn with(mut v: Value, path: &str, value: Value) -> Value {
    object::set(&mut v, path, value);
    v
}

/// `v` with annotation `key` = `value`.
pub(super) fn annotated(mut v: Value, key: &str, value: &str) -> Value {
    super::set_annotation(&mut v, key, value);
    v
}

/// The claimRef a controller writes for `claim`.
pub(super) fn bound_to(pv: Value, claim: &Value) -> Value {
    with(pv, "spec.claimRef", super::bind::claim_reference(claim))
}

/// (reason, message) of the events.
pub(super) fn events(d: &Decision) -> Vec<(String, String)> {
    d.events().iter().map(|e| (e.reason.clone(), e.message.clone())).collect()
}

/// Short names of the actions, in order.
pub(super) fn kinds(d: &Decision) -> Vec<&'static str> {
    d.actions
        .iter()
        .map(|a| match a {
            Action::UpdateVolume(_) => "UpdateVolume",
            Action::UpdateVolumeStatus(_) => "UpdateVolumeStatus",
            Action::UpdateClaim(_) => "UpdateClaim",
            Action::UpdateClaimStatus(_) => "UpdateClaimStatus",
            Action::DeleteVolume { .. } => "DeleteVolume",
            Action::RemoveHostPath { .. } => "RemoveHostPath",
            Action::Event(_) => "Event",
            Action::EnqueueClaim { .. } => "EnqueueClaim",
            Action::Provision(_) => "Provision",
            Action::Recycle(_) => "Recycle",
        })
        .collect()
}

/// The object of the last action of the given kind.
pub(super) fn last(d: &Decision, kind: &str) -> Value {
    d.actions
        .iter()
        .rev()
        .find_map(|a| match (a, kind) {
            (Action::UpdateVolume(v), "UpdateVolume")
            | (Action::UpdateVolumeStatus(v), "UpdateVolumeStatus")
            | (Action::UpdateClaim(v), "UpdateClaim")
            | (Action::UpdateClaimStatus(v), "UpdateClaimStatus") => Some(v.clone()),
            _ => None,
        })
        .unwrap_or(Value::Null)
}
