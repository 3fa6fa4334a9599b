//! Secret, ConfigMap, downward API and projected volumes: the kubelet writes their payload
//! into the volume directory on the node (`/var/lib/kubelet/pods/<uid>/volumes/
//! kubernetes.io~secret/<name>`) with the atomic-writer layout (see `writer`), and keeps it
//! up to date.
//!
//! ## When updates show (k8s-behaviour.md §7.3)
//! The real kubelet re-projects a pod's volumes on each periodic pod sync (`syncFrequency`,
//! 1m) from its watch-fed cache. The model: every pod is synced every [`SYNC_PERIOD`] seconds
//! at a phase derived from its uid ([`sync_phase`]), so a changed Secret or ConfigMap shows in
//! its volumes within 60 s; the cache delay is taken as zero. subPath mounts and env vars never
//! change (they are fixed when the container starts).
//!
//! ## For the kubelet
//! ```text
//! start a pod   for each volume with volume_dir(uid, vol) = Some(path):
//!                 let d = fs.new_dir(0, 0, 0o1777, now);  fs.bind_mount(node, &path, d, ..)
//!                 setup_projected_volume(cluster, &pod, &vol, node, d)
//!                   Err(e) → FailedMount "MountVolume.SetUp failed for volume \"<name>\" : {e}",
//!                            retry later (the pod stays ContainerCreating)
//!               bind d read-only at each volumeMount; for a subPath mount bind the inode
//!               `fs.lookup(node, &format!("{path}/{sub_path}"))` (symlinks followed), so the
//!               container keeps that version's file after updates, as in Kubernetes
//! every second resync_projected_volumes(cluster, node) for each node
//! ```

mod downward;
mod payload;
mod seen;
mod token;
mod writer;

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_seen;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::cluster::Cluster;
use crate::fs::Ino;
use crate::object;

pub(crate) use downward::{field_value, resource_value};
pub use payload::{collect, object_data, plugin_dir, Collected, FileProjection, Payload, SourceRef};
use seen::scan_changes;
pub use seen::{seen, DataChange, Noted, Since};

/// The kubelet's `syncFrequency` default (1m).
pub const SYNC_PERIOD: i64 = 60;

/// What one projected volume of one pod shows now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projected {
    /// The node it is on.
    pub node: String,
    /// The pod's namespace and name.
    pub pod_ns: String,
    /// The pod's name.
    pub pod_name: String,
    /// The volume directory on the node.
    pub path: String,
    /// The folder `..data` points at.
    pub ts_dir: String,
    /// The files written.
    pub payload: Payload,
    /// The objects (and their resourceVersions) the payload was read from.
    pub sources: Vec<SourceRef>,
    /// When this version was written (simulated seconds).
    pub written_at: i64,
}

/// The kubelets' projection state, kept in [`Cluster`].
#[derive(Clone, Debug, Default)]
pub struct State {
    /// (pod uid, volume name) → what the volume shows.
    pub volumes: BTreeMap<(String, String), Projected>,
    /// (kind, namespace, name) → the change last seen, for each Secret and ConfigMap whose
    /// data the kubelets saw change (`seen.rs`). One they never saw change holds every key
    /// since its creation, as the store says: [`seen`].
    pub changes: BTreeMap<(String, String, String), Noted>,
    /// How many payload versions were written (names the timestamped folders).
    pub(crate) writes: u64,
    /// The second `changes` was last brought up to date.
    pub(crate) scanned_at: Option<i64>,
    /// The store revisions of Secrets and ConfigMaps at the last scan (nothing to rescan while
    /// they stay).
    pub(crate) scanned_revs: Option<(u64, u64)>,
    /// (store revision, second) of scans after Secrets or ConfigMaps were created: when the
    /// kubelets first saw an object, for one without a readable `creationTimestamp`. Only the
    /// scans such an object still needs are kept (pruned when it doubles).
    pub(crate) scans: Vec<(u64, i64)>,
    /// How many entries of `scans` the last pruning kept.
    pub(crate) scans_kept: usize,
}

/// The second within each [`SYNC_PERIOD`] at which the pod with `uid` is synced.
pub fn sync_phase(uid: &str) -> i64 {
    let h = uid.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    (h % SYNC_PERIOD as u64) as i64
}

/// The next time (≥ `now`) the pod with `uid` is synced.
pub fn next_sync(uid: &str, now: i64) -> i64 {
    now + (sync_phase(uid) - now).rem_euclid(SYNC_PERIOD)
}

/// The volume directory of `volume` of pod `uid` on its node, or `None` for volume kinds not
/// projected here.
pub fn volume_dir(uid: &str, volume: &Value) -> Option<String> {
    let plugin = plugin_dir(volume)?;
    let name = volume.get("name").and_then(Value::as_str).unwrap_or("");
    Some(format!("/var/lib/kubelet/pods/{uid}/volumes/{plugin}/{name}"))
}

fn fs_group(pod: &Value) -> Option<u32> {
    object::get(pod, "spec.securityContext.fsGroup").and_then(Value::as_u64).and_then(|g| u32::try_from(g).ok())
}

/// Fills directory `target_dir` (the volume's folder on `node`) with the payload of `volume`
/// (secret, configMap, downwardAPI or projected) for `pod`, with the atomic-writer layout.
/// `Err` is the FailedMount text after `MountVolume.SetUp failed for volume "<name>" : `
/// (`secret "mysecret" not found`, `references non-existent secret key: foo`, ...). Other
/// volume kinds: `Ok(())`, nothing done.
pub fn setup_projected_volume(cluster: &mut Cluster, pod: &Value, volume: &Value, node: &str, target_dir: Ino) -> Result<(), String> {
    let Some(collected) = collect(cluster, pod, volume, node)? else { return Ok(()) };
    let uid = object::uid(pod).to_string();
    let vol_name = volume.get("name").and_then(Value::as_str).unwrap_or("").to_string();
    let path = volume_dir(&uid, volume).unwrap_or_default();
    write_version(cluster, target_dir, collected, fs_group(pod), (uid, vol_name), node, pod, path)
}

#[allow(clippy::too_many_arguments)]
fn write_version(
    cluster: &mut Cluster,
    dir: Ino,
    collected: Collected,
    fs_group: Option<u32>,
    key: (String, String),
    node: &str,
    pod: &Value,
    path: String,
) -> Result<(), String> {
    let now = cluster.now();
    let unchanged = cluster.projection.volumes.get(&key).is_some_and(|p| p.payload == collected.payload)
        && writer::current_ts_dir(cluster.filesystems(), dir).is_some();
    let ts_dir = if unchanged {
        cluster.projection.volumes.get(&key).map(|p| p.ts_dir.clone()).unwrap_or_default()
    } else {
        cluster.projection.writes += 1;
        let ts = writer::ts_dir_name(now, cluster.projection.writes);
        writer::write(cluster.filesystems_mut(), dir, &collected.payload, &ts, fs_group, now).map_err(|e| e.to_string())?;
        ts
    };
    let written_at = if unchanged { cluster.projection.volumes.get(&key).map_or(now, |p| p.written_at) } else { now };
    let entry = Projected {
        node: node.to_string(),
        pod_ns: object::namespace(pod).to_string(),
        pod_name: object::name(pod).to_string(),
        path,
        ts_dir,
        payload: collected.payload,
        sources: collected.sources,
        written_at,
    };
    cluster.projection.volumes.insert(key, entry);
    Ok(())
}

/// The kubelet's periodic sync on `node` (call every simulated second): each pod whose sync
/// second it is gets its projected volumes re-read and, if the payload changed, rewritten
/// atomically (new timestamped folder, `..data` swapped, old folder removed). A source that
/// is gone gives a `FailedMount` warning and the volume keeps its files. State of pods that
/// no longer exist is dropped.
pub fn resync_projected_volumes(cluster: &mut Cluster, node: &str) {
    scan_changes(cluster);
    let now = cluster.now();
    let keys: Vec<(String, String)> = cluster.projection.volumes.iter().filter(|(_, p)| p.node == node).map(|(k, _)| k.clone()).collect();
    for key in keys {
        let Some(p) = cluster.projection.volumes.get(&key).cloned() else { continue };
        let pod = cluster.api_get("Pod", &p.pod_ns, &p.pod_name).ok().filter(|pod| object::uid(pod) == key.0).cloned();
        let Some(pod) = pod.filter(|pod| object::get_str(pod, "spec.nodeName") == Some(node)) else {
            cluster.projection.volumes.remove(&key);
            continue;
        };
        if (now - sync_phase(&key.0)).rem_euclid(SYNC_PERIOD) != 0 {
            continue;
        }
        let vols = object::get(&pod, "spec.volumes").and_then(Value::as_array).cloned().unwrap_or_default();
        let Some(volume) = vols.iter().find(|v| v.get("name").and_then(Value::as_str) == Some(key.1.as_str())) else { continue };
        let Ok(dir) = cluster.filesystems().lookup(node, &p.path) else { continue };
        match collect(cluster, &pod, volume, node) {
            Ok(Some(c)) => {
                let _ = write_version(cluster, dir, c, fs_group(&pod), key.clone(), node, &pod, p.path.clone());
            }
            Ok(None) => {}
            Err(e) => {
                let msg = format!("MountVolume.SetUp failed for volume \"{}\" : {e}", key.1);
                cluster.record_event_from(&pod, "Warning", "FailedMount", &msg, "kubelet", Some(node));
            }
        }
    }
}
