//! Secret, ConfigMap, projected and downwardAPI volumes (owned by the projection work; this
//! file is the agreed interface, with stub bodies).

use serde_json::Value;

use crate::cluster::Cluster;
use crate::fs::Ino;

/// Fills `target_dir` (a fresh directory the kubelet made for the volume) with the files of
/// a secret/configMap/projected/downwardAPI `volume` of `pod` on `node`. `Err` is the
/// FailedMount message after `MountVolume.SetUp failed for volume "<name>" : `.
/// Volumes of other types are not this function's business: it returns `Ok(())`.
pub fn setup_projected_volume(cluster: &mut Cluster, pod: &Value, volume: &Value, node: &str, target_dir: Ino) -> Result<(), String> {
    let _ = (cluster, pod, node, target_dir);
    let projected = ["secret", "configMap", "projected", "downwardAPI"].iter().any(|k| volume.get(*k).is_some());
    if projected {
        Err("not implemented".into())
    } else {
        Ok(())
    }
}

/// Updates the projected volumes of the pods running on `node` (the kubelet's periodic
/// resync). Called by the kubelet once a simulated second.
pub fn resync_projected_volumes(cluster: &mut Cluster, node: &str) {
    let _ = (cluster, node);
}
