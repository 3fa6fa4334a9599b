//! `bind()`, `unbindVolume()` and the status writers of the PV controller (k8s-behaviour.md
//! §1.4), computed as new objects.

use serde_json::{json, Map, Value};

use super::decision::{Action, Decision, EventType, ObjectRef};
use super::matching::claim_ref_of;
use super::qty::nanos;
use super::{
    annotation, has_annotation, set_annotation, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_PRE_RESIZE_CAPACITY,
};
use crate::object;

/// `reference.GetReference(claim)`: the claimRef a PV gets.
pub fn claim_reference(claim: &Value) -> Value {
    let mut r = Map::new();
    r.insert("kind".into(), json!("PersistentVolumeClaim"));
    r.insert("apiVersion".into(), json!("v1"));
    for (field, path) in [
        ("namespace", "metadata.namespace"),
        ("name", "metadata.name"),
        ("uid", "metadata.uid"),
        ("resourceVersion", "metadata.resourceVersion"),
    ] {
        if let Some(v) = object::get_str(claim, path).filter(|v| !v.is_empty()) {
            r.insert(field.into(), json!(v));
        }
    }
    Value::Object(r)
}

/// `GetBindVolumeToClaim`: the PV bound to `claim`, or `None` when nothing changes.
pub fn bind_volume_to_claim(volume: &Value, claim: &Value) -> Option<Value> {
    let claim_key = super::matching::ClaimKey::new(claim);
    let current = claim_ref_of(volume);
    let already = current.as_ref().is_some_and(|r| r.is_claim(&claim_key));
    let same = current
        .as_ref()
        .is_some_and(|r| r.name == claim_key.name && r.namespace == claim_key.namespace && r.uid == claim_key.uid);
    let mut new = volume.clone();
    let mut dirty = false;
    if !same {
        object::set(&mut new, "spec.claimRef", claim_reference(claim));
        dirty = true;
    }
    if !already && !has_annotation(&new, ANN_BOUND_BY_CONTROLLER) {
        set_annotation(&mut new, ANN_BOUND_BY_CONTROLLER, "yes");
        dirty = true;
    }
    dirty.then_some(new)
}

/// `updateVolumePhase`: the PV with `status.phase` and `status.message` set, or `None` when
/// the phase is already `phase`.
pub fn volume_with_phase(volume: &Value, phase: &str, message: &str) -> Option<Value> {
    if object::get_str(volume, "status.phase") == Some(phase) {
        return None;
    }
    let mut new = volume.clone();
    object::set(&mut new, "status.phase", json!(phase));
    if message.is_empty() {
        object::remove(&mut new, "status.message");
    } else {
        object::set(&mut new, "status.message", json!(message));
    }
    Some(new)
}

/// `updateVolumePhaseWithEvent`: the phase write and the event, only when the phase changes.
pub fn set_volume_phase_with_event(
    d: &mut Decision,
    volume: &Value,
    phase: &str,
    event_type: EventType,
    reason: &str,
    message: &str,
) -> Value {
    match volume_with_phase(volume, phase, message) {
        Some(new) => {
            d.actions.push(Action::UpdateVolumeStatus(new.clone()));
            d.event(ObjectRef::volume(&new), event_type, reason, message.to_string());
            new
        }
        None => volume.clone(),
    }
}

/// `updateClaimStatus(claim, phase, volume)`: the claim with its new status, `Ok(None)` when
/// nothing changes. Without a volume, `accessModes` and `capacity` are cleared; with one, they
/// are copied from it (capacity only when the claim is becoming `phase`).
pub fn claim_with_status(claim: &Value, phase: &str, volume: Option<&Value>) -> Result<Option<Value>, String> {
    let mut new = claim.clone();
    let mut dirty = false;
    let old_phase = object::get_str(claim, "status.phase").unwrap_or("");
    if old_phase != phase {
        object::set(&mut new, "status.phase", json!(phase));
        dirty = true;
    }
    match volume {
        None => {
            for path in ["status.accessModes", "status.capacity"] {
                if object::get(claim, path).is_some_and(|v| !v.is_null()) {
                    object::remove(&mut new, path);
                    dirty = true;
                }
            }
        }
        Some(pv) => {
            let pv_modes = object::get(pv, "spec.accessModes").cloned().unwrap_or(Value::Null);
            if object::get(claim, "status.accessModes").cloned().unwrap_or(Value::Null) != pv_modes {
                if pv_modes.is_null() {
                    object::remove(&mut new, "status.accessModes");
                } else {
                    object::set(&mut new, "status.accessModes", pv_modes);
                }
                dirty = true;
            }
            if old_phase != phase {
                let Some(pv_cap) = object::get_str(pv, "spec.capacity.storage") else {
                    return Err(format!("PersistentVolume {:?} is without a storage capacity", object::name(pv)));
                };
                let claim_cap = object::get_str(claim, "status.capacity.storage");
                if let Some(pre) = annotation(pv, ANN_PRE_RESIZE_CAPACITY) {
                    let pre = if nanos(pre).is_some() { pre } else { pv_cap };
                    object::set(&mut new, "status.capacity.storage", json!(pre));
                    dirty = true;
                } else if claim_cap.map_or(true, |c| nanos(c) != nanos(pv_cap)) {
                    let cap = object::get(pv, "spec.capacity").cloned().unwrap_or(Value::Null);
                    object::set(&mut new, "status.capacity", cap);
                    dirty = true;
                }
            }
        }
    }
    Ok(dirty.then_some(new))
}

/// Appends the status write of `updateClaimStatus`; returns the claim after it.
pub(crate) fn push_claim_status(
    d: &mut Decision,
    claim: &Value,
    phase: &str,
    volume: Option<&Value>,
) -> Result<Value, String> {
    match claim_with_status(claim, phase, volume)? {
        Some(new) => {
            d.actions.push(Action::UpdateClaimStatus(new.clone()));
            Ok(new)
        }
        None => Ok(claim.clone()),
    }
}

/// `updateClaimStatusWithEvent`: nothing at all when the phase is already `phase`.
pub(crate) fn claim_status_with_event(claim: &Value, phase: &str, reason: &str, message: &str) -> Decision {
    let mut d = Decision::default();
    if object::get_str(claim, "status.phase") == Some(phase) {
        return d;
    }
    if let Err(e) = push_claim_status(&mut d, claim, phase, None) {
        return d.fail(e);
    }
    d.event(ObjectRef::claim(claim), EventType::Warning, reason, message.to_string());
    d
}

/// `bindClaimToVolume`: the claim with `spec.volumeName` and its annotations, or `None`.
pub fn bind_claim_to_volume(claim: &Value, volume: &Value) -> Option<Value> {
    let mut new = claim.clone();
    let mut dirty = false;
    if object::get_str(claim, "spec.volumeName").unwrap_or("") != object::name(volume) {
        object::set(&mut new, "spec.volumeName", json!(object::name(volume)));
        if !has_annotation(&new, ANN_BOUND_BY_CONTROLLER) {
            set_annotation(&mut new, ANN_BOUND_BY_CONTROLLER, "yes");
        }
        dirty = true;
    }
    if !has_annotation(&new, ANN_BIND_COMPLETED) {
        set_annotation(&mut new, ANN_BIND_COMPLETED, "yes");
        dirty = true;
    }
    dirty.then_some(new)
}

/// `bind(volume, claim)`: PV spec, PV status (Bound), claim spec, claim status (Bound), in that
/// order, each write only when something changes.
pub fn bind(volume: &Value, claim: &Value) -> Decision {
    let mut d = Decision::default();
    let mut volume = volume.clone();
    if let Some(new) = bind_volume_to_claim(&volume, claim) {
        d.actions.push(Action::UpdateVolume(new.clone()));
        volume = new;
    }
    if let Some(new) = volume_with_phase(&volume, "Bound", "") {
        d.actions.push(Action::UpdateVolumeStatus(new.clone()));
        volume = new;
    }
    let mut claim = claim.clone();
    if let Some(new) = bind_claim_to_volume(&claim, &volume) {
        d.actions.push(Action::UpdateClaim(new.clone()));
        claim = new;
    }
    match push_claim_status(&mut d, &claim, "Bound", Some(&volume)) {
        Ok(_) => d,
        Err(e) => d.fail(e),
    }
}

/// `unbindVolume`: a controller-bound PV loses its claimRef and the bound-by-controller
/// annotation; a user-pre-bound one keeps its claimRef without the UID. Then phase Available.
pub fn unbind_volume(d: &mut Decision, volume: &Value) -> Value {
    let mut new = volume.clone();
    if has_annotation(volume, ANN_BOUND_BY_CONTROLLER) {
        object::remove(&mut new, "spec.claimRef");
        let mut now_empty = false;
        if let Some(map) = new.pointer_mut("/metadata/annotations").and_then(Value::as_object_mut) {
            map.remove(ANN_BOUND_BY_CONTROLLER);
            now_empty = map.is_empty();
        }
        if now_empty {
            object::remove(&mut new, "metadata.annotations");
        }
    } else {
        object::remove(&mut new, "spec.claimRef.uid");
    }
    d.actions.push(Action::UpdateVolume(new.clone()));
    match volume_with_phase(&new, "Available", "") {
        Some(avail) => {
            d.actions.push(Action::UpdateVolumeStatus(avail.clone()));
            avail
        }
        None => new,
    }
}
