//! The PersistentVolume controller's decisions, as pure functions over API objects
//! (`serde_json::Value`, as the API server stores them, defaulted). k8s-behaviour.md §1 and §3.
//!
//! Nothing here touches a store: [`sync::sync_claim`] and [`reclaim::sync_volume`] return a
//! [`Decision`], an ordered list of [`Action`]s (object writes, events, operations to start)
//! that the controller loop applies in order. [`explain::explain_binding`] answers "why is my
//! claim Pending?" for `kube-sim explain-binding` and the UI.
//!
//! | File | What |
//! |---|---|
//! | `access_modes.rs` | access-mode sets, `GetAccessModesAsString` |
//! | `classes.rs` | class getters, default class, `IsDelayBindingMode` |
//! | `selectors.rs` | label selectors and node selectors |
//! | `matching.rs` | `FindMatchingVolume`, access-mode grouping, [`matching::VolumeIndex`] |
//! | `decision.rs` | [`Decision`], [`Action`], [`Event`] |
//! | `bind.rs` | `bind()` and `unbindVolume()` writes |
//! | `sync.rs` | `syncClaim` (unbound and bound claims, provisioning) |
//! | `reclaim.rs` | `syncVolume`, reclaim (Retain / Recycle / Delete) |
//! | `recycler.rs` | the recycler pod and its timeout |
//! | `explain.rs` | per-PV verdicts and the claim summary |
//! | `warnings.rs` | the API server's deprecation warnings for PVs and claims |

pub mod access_modes;
pub mod bind;
pub mod classes;
pub mod decision;
pub mod explain;
pub mod matching;
mod qty;
pub mod outcome;
pub mod reclaim;
pub mod recycler;
pub mod selectors;
pub mod sync;
pub mod warnings;

#[cfg(test)]
mod tests;

pub use decision::{Action, Decision, Event, EventType, ObjectRef};
pub use explain::{explain_binding, render_explanation, BindingExplanation, Mismatch, PvVerdict, Verdict};
pub use outcome::Outcome;
pub use matching::{find_best_match_for_claim, find_matching_volume, VolumeIndex};
pub use reclaim::{recycle_finished, sync_volume};
pub use sync::{sync_claim, sync_claim_indexed};

/// PVC annotation: binding has completed at least once (the controller writes `"yes"`).
pub const ANN_BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";
/// PV and PVC annotation: the controller made the binding (`"yes"`).
pub const ANN_BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";
/// PVC annotation set by the scheduler for delayed binding: the chosen node.
pub const ANN_SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";
/// PV annotation: the plugin or driver that provisioned it.
pub const ANN_DYNAMICALLY_PROVISIONED: &str = "pv.kubernetes.io/provisioned-by";
/// PV/PVC annotation: handled by a CSI driver through migration; the controller stands down.
pub const ANN_MIGRATED_TO: &str = "pv.kubernetes.io/migrated-to";
/// PVC annotation: the provisioner asked to provision it.
pub const ANN_STORAGE_PROVISIONER: &str = "volume.kubernetes.io/storage-provisioner";
/// The legacy form of [`ANN_STORAGE_PROVISIONER`], written too.
pub const ANN_BETA_STORAGE_PROVISIONER: &str = "volume.beta.kubernetes.io/storage-provisioner";
/// PV annotation written on resize: the claim status capacity to report.
pub const ANN_PRE_RESIZE_CAPACITY: &str = "volume.alpha.kubernetes.io/pre-resize-capacity";
/// Provisioner name meaning "no dynamic provisioning".
pub const NOT_SUPPORTED_PROVISIONER: &str = "kubernetes.io/no-provisioner";
/// Finalizer of in-tree PVs with policy Delete (HonorPVReclaimPolicy).
pub const FINALIZER_IN_TREE: &str = "kubernetes.io/pv-controller";
/// Finalizer that external provisioners put on the PVs they create.
pub const FINALIZER_EXTERNAL: &str = "external-provisioner.volume.kubernetes.io/finalizer";

/// The annotation `key` of `obj`, if set.
pub(crate) fn annotation<'a>(obj: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    obj.get("metadata")?.get("annotations")?.get(key)?.as_str()
}

/// Whether `obj` has the annotation `key` (any value).
pub(crate) fn has_annotation(obj: &serde_json::Value, key: &str) -> bool {
    obj.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get(key)).is_some()
}

/// Sets annotation `key` on `obj`.
pub(crate) fn set_annotation(obj: &mut serde_json::Value, key: &str, value: &str) {
    let annotations = crate::object::entry(obj, "metadata.annotations");
    if !annotations.is_object() {
        *annotations = serde_json::Value::Object(serde_json::Map::new());
    }
    if let Some(map) = annotations.as_object_mut() {
        map.insert(key.to_string(), serde_json::Value::String(value.to_string()));
    }
}
