//! The PersistentVolume controller of kube-controller-manager, live: it runs the pure
//! decisions of [`crate::storage`] (`sync_volume`, `sync_claim_indexed`) over the store and
//! applies their [`Action`]s through the API, as `persistentvolume-controller`.
//!
//! Like the real controller it syncs an object when it changed (its informer delivers every
//! update, its own writes included, so a sync that wrote something is followed by another
//! one within the same second) and every object every [`RESYNC_PERIOD`] seconds
//! (`--pvclaimbinder-sync-period=15s`). Binding is visible in the second it happens.
//!
//! Recycling creates the recycler pod `recycler-for-<pv>`; [`recycler_outcome`] is the one
//! place that decides when the scrub is done (see its docs for the switch to the kubelet).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::apiserver::DeleteOptions;
use crate::cluster::Cluster;
use crate::object;
use crate::storage::decision::RecycleRequest;
use crate::storage::{self, Action, Decision, ObjectRef, VolumeIndex};

/// The event source of the controller.
pub const COMPONENT: &str = "persistentvolume-controller";
/// Seconds between full resyncs of every claim and volume.
pub const RESYNC_PERIOD: i64 = 15;
/// How long the stand-in scrub waits for a recycler pod before doing the scrub itself.
/// How many sync rounds one second may take (each round syncs what the last one changed).
const MAX_ROUNDS: usize = 6;

/// What the controller remembers between passes: the resourceVersion it last synced of each
/// claim and volume (its informer cache).
#[derive(Clone, Debug, Default)]
pub struct PvControllerState {
    /// (kind, namespace, name) → resourceVersion last synced.
    synced: BTreeMap<(String, String, String), String>,
    /// The second of the last full resync.
    last_resync: Option<i64>,
}

fn key(obj: &Value) -> (String, String, String) {
    (object::kind(obj).to_string(), object::namespace(obj).to_string(), object::name(obj).to_string())
}

fn rv(obj: &Value) -> String {
    object::get_str(obj, "metadata.resourceVersion").unwrap_or("").to_string()
}

/// The second of the controller's next full resync (every claim and volume synced again).
pub fn next_resync(cluster: &Cluster) -> i64 {
    cluster.api.pv_state.last_resync.map_or(cluster.now() + 1, |t| t + RESYNC_PERIOD)
}

/// One pass of the controller (registered in [`super::CONTROLLERS`]).
pub fn reconcile(cluster: &mut Cluster) {
    let now = cluster.now();
    let resync = cluster.api.pv_state.last_resync.map_or(true, |t| now - t >= RESYNC_PERIOD);
    if resync {
        cluster.api.pv_state.last_resync = Some(now);
    }
    requeue_volumes_of_deleted_claims(cluster);
    let mut enqueued: BTreeSet<(String, String)> = BTreeSet::new();
    for round in 0..MAX_ROUNDS {
        let full = resync && round == 0;
        let did = sync_round(cluster, full, &mut enqueued);
        if !did {
            break;
        }
    }
    progress_recycles(cluster);
    // Forget what no longer exists.
    let live: BTreeSet<(String, String, String)> = ["PersistentVolume", "PersistentVolumeClaim"]
        .iter()
        .flat_map(|k| cluster.api.store.list(k, None))
        .map(key)
        .collect();
    cluster.api.pv_state.synced.retain(|k, _| live.contains(k));
}

/// `deleteClaim`: the volume bound to a claim that went away is synced again (its cached
/// version is forgotten).
fn requeue_volumes_of_deleted_claims(cluster: &mut Cluster) {
    let gone: Vec<(String, String)> = cluster
        .api
        .pv_state
        .synced
        .keys()
        .filter(|(k, ns, name)| k == "PersistentVolumeClaim" && cluster.api.store.get(k, ns, name).is_none())
        .map(|(_, ns, name)| (ns.clone(), name.clone()))
        .collect();
    if gone.is_empty() {
        return;
    }
    let volumes: Vec<(String, String, String)> = cluster
        .api
        .store
        .list("PersistentVolume", None)
        .into_iter()
        .filter(|v| storage::matching::claim_ref_of(v).is_some_and(|r| gone.contains(&(r.namespace.clone(), r.name.clone()))))
        .map(key)
        .collect();
    for v in volumes {
        cluster.api.pv_state.synced.remove(&v);
    }
    for (ns, name) in gone {
        cluster.api.pv_state.synced.remove(&("PersistentVolumeClaim".to_string(), ns, name));
    }
}

/// Syncs the volumes, then the claims, that changed since their last sync (all of them when
/// `full`), plus the claims in `enqueued`. Returns whether anything was synced.
fn sync_round(cluster: &mut Cluster, full: bool, enqueued: &mut BTreeSet<(String, String)>) -> bool {
    let dirty = |c: &Cluster, o: &Value| full || c.api.pv_state.synced.get(&key(o)) != Some(&rv(o));
    let volumes: Vec<Value> =
        cluster.api.store.list("PersistentVolume", None).into_iter().filter(|v| dirty(cluster, v)).cloned().collect();
    let mut did = false;
    for pv in volumes {
        did = true;
        cluster.api.pv_state.synced.insert(key(&pv), rv(&pv));
        let claim = storage::matching::claim_ref_of(&pv)
            .and_then(|r| cluster.api.store.get("PersistentVolumeClaim", &r.namespace, &r.name).cloned());
        let pods = claim_pods(cluster);
        let pod_refs: Vec<&Value> = pods.iter().collect();
        let d = storage::sync_volume(&pv, claim.as_ref(), &pod_refs);
        apply(cluster, &d, enqueued);
    }
    let claims: Vec<Value> = cluster
        .api
        .store
        .list("PersistentVolumeClaim", None)
        .into_iter()
        .filter(|c| dirty(cluster, c) || enqueued.contains(&(object::namespace(c).to_string(), object::name(c).to_string())))
        .cloned()
        .collect();
    enqueued.clear();
    if claims.is_empty() {
        return did;
    }
    let volumes: Vec<Value> = cluster.api.store.list("PersistentVolume", None).into_iter().cloned().collect();
    let classes: Vec<Value> = cluster.api.store.list("StorageClass", None).into_iter().cloned().collect();
    let pods = claim_pods(cluster);
    let volume_refs: Vec<&Value> = volumes.iter().collect();
    let class_refs: Vec<&Value> = classes.iter().collect();
    let pod_refs: Vec<&Value> = pods.iter().collect();
    let mut index = VolumeIndex::new(&volume_refs);
    for claim in claims {
        // A claim written earlier in this round is synced from its stored version.
        let Some(claim) = cluster.api.store.get("PersistentVolumeClaim", object::namespace(&claim), object::name(&claim)).cloned() else {
            continue;
        };
        cluster.api.pv_state.synced.insert(key(&claim), rv(&claim));
        let d = storage::sync_claim_indexed(&claim, &index, &volume_refs, &class_refs, &pod_refs);
        index.note_decision(&d);
        apply(cluster, &d, enqueued);
    }
    true
}

/// Copies of the pods that have a volume from a claim (`persistentVolumeClaim` or a generic
/// `ephemeral` volume), in store order, from the store's index: the only pods the sync
/// functions look at (`storage::sync::pods_using`), without reading every pod of the cluster.
fn claim_pods(cluster: &Cluster) -> Vec<Value> {
    cluster.api.store.pods_with_claims().into_iter().cloned().collect()
}

/// The stored object an event is about, or a reference built from `r` when it is gone.
fn involved(cluster: &Cluster, r: &ObjectRef) -> Value {
    cluster.api.store.get(r.kind, &r.namespace, &r.name).cloned().unwrap_or_else(|| {
        let mut v = json!({"apiVersion": "v1", "kind": r.kind, "metadata": {"name": r.name, "uid": r.uid}});
        if !r.namespace.is_empty() {
            object::set(&mut v, "metadata.namespace", json!(r.namespace));
        }
        v
    })
}

/// `obj` ready for an update: no resourceVersion (the controller is the only writer of what
/// it decided in this pass).
fn for_update(obj: &Value) -> Value {
    let mut o = obj.clone();
    object::remove(&mut o, "metadata.resourceVersion");
    o
}

/// A status write; a PV's `lastPhaseTransitionTime` moves when its phase changes.
fn write_status(cluster: &mut Cluster, obj: &Value) {
    let mut o = obj.clone();
    if object::kind(&o) == "PersistentVolume" {
        let stored_phase = cluster
            .api
            .store
            .get("PersistentVolume", "", object::name(&o))
            .and_then(|s| object::get_str(s, "status.phase"))
            .map(str::to_string);
        if stored_phase.as_deref() != object::get_str(&o, "status.phase") {
            let now = cluster.clock.rfc3339();
            object::set(&mut o, "status.lastPhaseTransitionTime", json!(now));
        }
    }
    let _ = cluster.api_update_status(&o);
}

/// Applies a decision in order. `EnqueueClaim` adds to `enqueued`.
pub fn apply(cluster: &mut Cluster, d: &Decision, enqueued: &mut BTreeSet<(String, String)>) {
    for action in &d.actions {
        match action {
            Action::UpdateVolume(v) | Action::UpdateClaim(v) => {
                let _ = cluster.api_update(for_update(v));
            }
            Action::UpdateVolumeStatus(v) | Action::UpdateClaimStatus(v) => write_status(cluster, v),
            Action::DeleteVolume { name } => {
                let _ = cluster.api_delete("PersistentVolume", "", name, &DeleteOptions::default());
            }
            // The in-tree hostPath deleter runs `os.RemoveAll` inside the kube-controller-manager
            // container, whose /tmp is its own: no node's folder changes.
            Action::RemoveHostPath { .. } => {}
            Action::Event(e) => {
                let obj = involved(cluster, &e.object);
                cluster.record_event(&obj, e.event_type.as_str(), &e.reason, &e.message, COMPONENT);
            }
            Action::EnqueueClaim { namespace, name } => {
                enqueued.insert((namespace.clone(), name.clone()));
            }
            // External provisioners watch the claims themselves (`provisioners.rs`).
            Action::Provision(_) => {}
            Action::Recycle(req) => start_recycle(cluster, req),
        }
    }
}

/// `RecycleVolumeByWatchingPodUntilCompletion`: creates `recycler-for-<pv>` unless it runs.
fn start_recycle(cluster: &mut Cluster, req: &RecycleRequest) {
    if cluster.api.store.get("Pod", "default", &req.pod_name).is_some() {
        return;
    }
    let _ = cluster.api_create(storage::recycler::recycler_pod(req));
}

/// How a recycle ended, if it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecycleOutcome {
    /// The recycler pod is still working.
    Running,
    /// The scrub succeeded.
    Succeeded,
    /// The pod failed (the error the recycler client returns).
    Failed(String),
}

/// **Who scrubs:** the recycler pod itself. The kubelet mounts the volume's source at
/// `/scrub` and runs the scrub script; this reads the pod's phase as the recycler client does.
/// Past `activeDeadlineSeconds` an unfinished pod fails with `DeadlineExceeded`, as the
/// kubelet's active-deadline handler does (a pod that cannot mount its NFS source never ends).
pub fn recycler_outcome(cluster: &mut Cluster, _pv: &Value, pod: &Value) -> RecycleOutcome {
    let outcome = outcome_from_phase(pod);
    if outcome != RecycleOutcome::Running {
        return outcome;
    }
    let created = object::get_str(pod, "metadata.creationTimestamp").and_then(crate::clock::parse_rfc3339).unwrap_or(0);
    let deadline = object::get(pod, "spec.activeDeadlineSeconds").and_then(Value::as_i64).unwrap_or(i64::MAX);
    if cluster.now() - created < deadline {
        return RecycleOutcome::Running;
    }
    let mut done = pod.clone();
    object::set(&mut done, "status.phase", json!("Failed"));
    object::set(&mut done, "status.reason", json!("DeadlineExceeded"));
    object::set(&mut done, "status.message", json!("Pod was active on the node longer than the specified deadline"));
    let _ = cluster.api_update_status(&done);
    outcome_from_phase(&done)
}

/// The recycler client's reading of a finished pod.
pub fn outcome_from_phase(pod: &Value) -> RecycleOutcome {
    match object::get_str(pod, "status.phase") {
        Some("Succeeded") => RecycleOutcome::Succeeded,
        Some("Failed") => RecycleOutcome::Failed(format!(
            "pod failed, pod.Status.Message {}.",
            object::get_str(pod, "status.message").unwrap_or("")
        )),
        _ => RecycleOutcome::Running,
    }
}


/// Moves running recycles on: a finished recycler pod is deleted and the PV gets
/// `recycle_finished` (VolumeRecycled and Available, or Failed).
fn progress_recycles(cluster: &mut Cluster) {
    let pods: Vec<Value> = cluster
        .api
        .store
        .list_prefix("Pod", "default", "recycler-for-")
        .into_iter()
        .filter(|p| object::get(p, "metadata.deletionTimestamp").is_none())
        .cloned()
        .collect();
    for pod in pods {
        let pv_name = object::name(&pod).trim_start_matches("recycler-for-").to_string();
        let Some(pv) = cluster.api.store.get("PersistentVolume", "", &pv_name).cloned() else { continue };
        mirror_pod_events(cluster, &pv, &pod);
        let result = match recycler_outcome(cluster, &pv, &pod) {
            RecycleOutcome::Running => continue,
            RecycleOutcome::Succeeded => Ok(()),
            RecycleOutcome::Failed(e) => Err(e),
        };
        mirror_pod_events(cluster, &pv, &pod);
        let _ = cluster.api_delete("Pod", "default", object::name(&pod), &DeleteOptions { grace_period: Some(0), ..Default::default() });
        let Some(pv) = cluster.api.store.get("PersistentVolume", "", &pv_name).cloned() else { continue };
        let d = storage::recycle_finished(&pv, result);
        let mut enqueued = BTreeSet::new();
        apply(cluster, &d, &mut enqueued);
    }
}

/// `newRecyclerEventRecorder`: the recycler pod's events, re-emitted on the PV as
/// `RecyclerPod` `Recycler pod: <message>`.
fn mirror_pod_events(cluster: &mut Cluster, pv: &Value, pod: &Value) {
    let uid = object::uid(pod).to_string();
    let events: Vec<(String, String)> = cluster
        .api
        .store
        .list("Event", Some("default"))
        .into_iter()
        .filter(|e| object::get_str(e, "involvedObject.uid") == Some(uid.as_str()))
        .map(|e| {
            (
                object::get_str(e, "type").unwrap_or("Normal").to_string(),
                object::get_str(e, "message").unwrap_or("").to_string(),
            )
        })
        .collect();
    for (type_, message) in events {
        let msg = format!("Recycler pod: {message}");
        let exists = cluster.api.store.list("Event", Some("default")).into_iter().any(|e| {
            object::get_str(e, "involvedObject.uid") == Some(object::uid(pv)) && object::get_str(e, "message") == Some(msg.as_str())
        });
        if !exists {
            cluster.record_event(pv, &type_, "RecyclerPod", &msg, COMPONENT);
        }
    }
}
