//! `syncVolume` and the reclaim policies (k8s-behaviour.md §1.5, §1.6): what happens to a PV
//! when its claim goes away or binds elsewhere.

use serde_json::{json, Value};

use super::bind::{set_volume_phase_with_event, unbind_volume, volume_with_phase};
use super::decision::{Action, Decision, EventType, ObjectRef, RecycleRequest, VolumeDecision};
use super::matching::claim_ref_of;
use super::sync::{pod_terminated, pods_using};
use super::{
    annotation, has_annotation, ANN_BOUND_BY_CONTROLLER, ANN_DYNAMICALLY_PROVISIONED, ANN_MIGRATED_TO,
    FINALIZER_IN_TREE,
};
use crate::object;

/// Fields of a PV spec that are not the volume source.
const NOT_SOURCES: [&str; 9] = [
    "capacity",
    "accessModes",
    "claimRef",
    "persistentVolumeReclaimPolicy",
    "storageClassName",
    "mountOptions",
    "volumeMode",
    "nodeAffinity",
    "volumeAttributesClassName",
];

/// `syncVolume(pv)`. `claim` is the claim named by `spec.claimRef` (namespace/name) if it
/// exists, whatever its UID; `pods` are any pods (those using the claim are picked out, for the
/// recycler's "in use" check).
pub fn sync_volume(pv: &Value, claim: Option<&Value>, pods: &[&Value]) -> VolumeDecision {
    let mut d = Decision::default();
    let Some(r) = claim_ref_of(pv).filter(|r| !r.uid.is_empty()) else {
        if let Some(new) = volume_with_phase(pv, "Available", "") {
            d.actions.push(Action::UpdateVolumeStatus(new));
        }
        return d;
    };
    let same_claim = claim.filter(|c| object::uid(c) == r.uid);
    let phase = object::get_str(pv, "status.phase").unwrap_or("");
    let Some(claim_obj) = same_claim else {
        let mut pv = pv.clone();
        if phase != "Released" && phase != "Failed" {
            if let Some(new) = volume_with_phase(&pv, "Released", "") {
                d.actions.push(Action::UpdateVolumeStatus(new.clone()));
                pv = new;
            }
        }
        reclaim_volume(&mut d, &pv, claim.is_some(), pods);
        return d;
    };
    let volume_name = object::get_str(claim_obj, "spec.volumeName").unwrap_or("");
    if volume_name.is_empty() {
        let mode = |o: &Value| object::get_str(o, "spec.volumeMode") == Some("Block");
        if mode(claim_obj) != mode(pv) {
            let pv_msg = format!(
                "Cannot bind PersistentVolume to requested PersistentVolumeClaim {:?} due to incompatible volumeMode.",
                object::name(claim_obj)
            );
            d.event(ObjectRef::volume(pv), EventType::Warning, "VolumeMismatch", pv_msg);
            let claim_msg = format!(
                "Cannot bind PersistentVolume {:?} to requested PersistentVolumeClaim due to incompatible volumeMode.",
                object::name(pv)
            );
            d.event(ObjectRef::claim(claim_obj), EventType::Warning, "VolumeMismatch", claim_msg);
            return d;
        }
        d.actions.push(Action::EnqueueClaim { namespace: r.namespace, name: r.name });
        return d;
    }
    if volume_name == object::name(pv) {
        if let Some(new) = volume_with_phase(pv, "Bound", "") {
            d.actions.push(Action::UpdateVolumeStatus(new));
        }
        return d;
    }
    if has_annotation(pv, ANN_DYNAMICALLY_PROVISIONED) && reclaim_policy(pv) == "Delete" {
        let mut pv = pv.clone();
        if phase != "Released" && phase != "Failed" {
            if let Some(new) = volume_with_phase(&pv, "Released", "") {
                d.actions.push(Action::UpdateVolumeStatus(new.clone()));
                pv = new;
            }
        }
        reclaim_volume(&mut d, &pv, true, pods);
        return d;
    }
    unbind_volume(&mut d, pv);
    d
}

fn reclaim_policy(pv: &Value) -> &str {
    object::get_str(pv, "spec.persistentVolumeReclaimPolicy").unwrap_or("")
}

/// `reclaimVolume`: Retain does nothing, Recycle and Delete run their operation, anything else
/// fails the PV. `claim_cached`: a claim with the claimRef's name exists (a new one).
fn reclaim_volume(d: &mut Decision, pv: &Value, claim_cached: bool, pods: &[&Value]) {
    if annotation(pv, ANN_MIGRATED_TO).is_some_and(|m| !m.is_empty()) {
        return;
    }
    match reclaim_policy(pv) {
        "Retain" => {}
        "Recycle" => recycle_volume(d, pv, claim_cached, pods),
        "Delete" => delete_volume(d, pv),
        _ => {
            set_volume_phase_with_event(
                d,
                pv,
                "Failed",
                EventType::Warning,
                "VolumeUnknownReclaimPolicy",
                "Volume has unrecognized PersistentVolumeReclaimPolicy",
            );
        }
    }
}

/// `recycleVolumeOperation` up to starting the recycler: refuse while pods use the claim, fail
/// when no recycler plugin handles the source (only NFS and hostPath have one).
fn recycle_volume(d: &mut Decision, pv: &Value, claim_cached: bool, pods: &[&Value]) {
    let Some(r) = claim_ref_of(pv) else { return };
    let mut users: Vec<String> = pods_using(pods, &r.namespace, &r.name)
        .into_iter()
        .filter(|p| !pod_terminated(p))
        .map(|p| format!("{}/{}", object::namespace(p), object::name(p)))
        .collect();
    crate::sort::sort(&mut users);
    users.dedup();
    if !users.is_empty() && !claim_cached {
        let msg = format!("Volume is used by pods: {}", users.join(","));
        d.event(ObjectRef::volume(pv), EventType::Normal, "VolumeFailedRecycle", msg);
        return;
    }
    let source = ["nfs", "hostPath"]
        .iter()
        .find_map(|k| object::get(pv, &format!("spec.{k}")).filter(|s| s.is_object()).map(|s| json!({ *k: s })));
    match source {
        Some(source) => d.actions.push(Action::Recycle(RecycleRequest {
            pv_name: object::name(pv).to_string(),
            pod_name: format!("recycler-for-{}", object::name(pv)),
            source,
            active_deadline_seconds: super::recycler::recycler_timeout(pv),
        })),
        None => {
            set_volume_phase_with_event(
                d,
                pv,
                "Failed",
                EventType::Warning,
                "VolumeFailedRecycle",
                "No recycler plugin found for the volume!",
            );
        }
    }
}

/// The end of a recycle: on success the event `VolumeRecycled` and the PV made Available again
/// (`unbindVolume`); on failure phase Failed with `Recycle failed: <err>`.
pub fn recycle_finished(pv: &Value, result: Result<(), String>) -> Decision {
    let mut d = Decision::default();
    match result {
        Ok(()) => {
            d.event(ObjectRef::volume(pv), EventType::Normal, "VolumeRecycled", "Volume recycled".to_string());
            unbind_volume(&mut d, pv);
        }
        Err(e) => {
            let msg = format!("Recycle failed: {e}");
            set_volume_phase_with_event(&mut d, pv, "Failed", EventType::Warning, "VolumeFailedRecycle", &msg);
        }
    }
    d
}

/// Go's unanchored `regexp.MatchString("/tmp/.+", path)`.
fn under_tmp(path: &str) -> bool {
    path.match_indices("/tmp/").any(|(i, _)| path[i + 5..].chars().next().is_some_and(|c| c != '\n'))
}

/// `deleteVolumeOperation`: find the deleter (the provisioning plugin first, then by source),
/// delete the asset and the PV, or fail the PV with `VolumeFailedDelete`.
fn delete_volume(d: &mut Decision, pv: &Value) {
    let provisioned_by = annotation(pv, ANN_DYNAMICALLY_PROVISIONED).unwrap_or("");
    let host_path = object::get_str(pv, "spec.hostPath.path");
    let deleter: Result<Option<&str>, String> = if !provisioned_by.is_empty() {
        if provisioned_by == "kubernetes.io/host-path" {
            Ok(host_path)
        } else if !provisioned_by.starts_with("kubernetes.io/") {
            Ok(None)
        } else {
            Err(format!("no volume plugin matched name: {provisioned_by}"))
        }
    } else if object::get(pv, "spec.csi").is_some_and(Value::is_object) {
        Ok(None)
    } else if let Some(path) = host_path {
        Ok(Some(path))
    } else {
        let has_source = object::get(pv, "spec")
            .and_then(Value::as_object)
            .is_some_and(|s| s.keys().any(|k| !NOT_SOURCES.contains(&k.as_str())));
        let why = if has_source { "no deletable volume plugin matched" } else { "no volume plugin matched" };
        Err(format!("error getting deleter volume plugin for volume {:?}: {why}", object::name(pv)))
    };
    let path = match deleter {
        Ok(None) => return,
        Ok(Some(path)) => path,
        Err(e) => {
            set_volume_phase_with_event(d, pv, "Failed", EventType::Warning, "VolumeFailedDelete", &e);
            return;
        }
    };
    if !under_tmp(path) {
        let e = format!("host_path deleter only supports /tmp/.+ but received provided {path}");
        set_volume_phase_with_event(d, pv, "Failed", EventType::Warning, "VolumeFailedDelete", &e);
        return;
    }
    d.actions.push(Action::RemoveHostPath { path: path.to_string() });
    let finalizers = object::get(pv, "metadata.finalizers").and_then(Value::as_array);
    if finalizers.is_some_and(|f| f.iter().any(|x| x.as_str() == Some(FINALIZER_IN_TREE))) {
        let mut new = pv.clone();
        if let Some(list) = new.pointer_mut("/metadata/finalizers").and_then(Value::as_array_mut) {
            list.retain(|x| x.as_str() != Some(FINALIZER_IN_TREE));
        }
        d.actions.push(Action::UpdateVolume(new));
    }
    d.actions.push(Action::DeleteVolume { name: object::name(pv).to_string() });
}

/// Whether the PV was bound by the controller (not pre-bound by a user).
pub fn bound_by_controller(pv: &Value) -> bool {
    has_annotation(pv, ANN_BOUND_BY_CONTROLLER)
}
