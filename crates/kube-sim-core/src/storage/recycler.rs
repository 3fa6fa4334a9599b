//! The recycler pod (S9: `NewPersistentVolumeRecyclerPodTemplate`, the NFS and hostPath
//! recyclers, `CalculateTimeoutForVolume` with kube-controller-manager's default flags).

use serde_json::{json, Value};

use super::decision::RecycleRequest;
use super::qty::bytes;
use crate::object;

/// Image of the recycler container.
pub const RECYCLER_IMAGE: &str = "registry.k8s.io/build-image/debian-base:bookworm-v1.0.2";
/// The scrub script run by `/bin/sh -c`.
pub const SCRUB_SCRIPT: &str =
    "test -e /scrub && find /scrub -mindepth 1 -delete && test -z \"$(ls -A /scrub)\" || exit 1";

/// `CalculateTimeoutForVolume(min, increment, pv)`: `max(min, (size / 1Gi) * increment)`,
/// with `--pv-recycler-minimum-timeout-nfs=300`, `--pv-recycler-increment-timeout-nfs=30`,
/// `--pv-recycler-minimum-timeout-hostpath=60`, `--pv-recycler-timeout-increment-hostpath=30`.
pub fn recycler_timeout(pv: &Value) -> i64 {
    let (min, increment) = if object::get(pv, "spec.nfs").is_some() { (300, 30) } else { (60, 30) };
    let size = object::get_str(pv, "spec.capacity.storage").and_then(bytes).unwrap_or(0);
    let timeout = (size / (1i128 << 30)).saturating_mul(increment);
    i64::try_from(timeout.max(min)).unwrap_or(i64::MAX)
}

/// The pod that scrubs the volume: `recycler-for-<pv>` in `default`, the PV's source mounted
/// at `/scrub`, restart policy Never, `activeDeadlineSeconds` from [`recycler_timeout`].
pub fn recycler_pod(req: &RecycleRequest) -> Value {
    let mut volume = json!({"name": "vol"});
    if let (Some(v), Some(source)) = (volume.as_object_mut(), req.source.as_object()) {
        for (k, s) in source {
            v.insert(k.clone(), s.clone());
        }
    }
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": req.pod_name, "namespace": "default"},
        "spec": {
            "activeDeadlineSeconds": req.active_deadline_seconds,
            "restartPolicy": "Never",
            "volumes": [volume],
            "containers": [{
                "name": "pv-recycler",
                "image": RECYCLER_IMAGE,
                "command": ["/bin/sh"],
                "args": ["-c", SCRUB_SCRIPT],
                "volumeMounts": [{"name": "vol", "mountPath": "/scrub"}]
            }]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeout_grows_with_size_above_the_minimum() {
        let nfs = |size: &str| json!({"spec": {"capacity": {"storage": size}, "nfs": {"server": "s", "path": "/"}}});
        assert_eq!(recycler_timeout(&nfs("1Gi")), 300);
        assert_eq!(recycler_timeout(&nfs("20Gi")), 600);
        let hp = |size: &str| json!({"spec": {"capacity": {"storage": size}, "hostPath": {"path": "/d"}}});
        assert_eq!(recycler_timeout(&hp("1Gi")), 60);
        assert_eq!(recycler_timeout(&hp("3Gi")), 90);
    }

    #[test]
    fn pod_mounts_the_source_at_scrub() {
        let req = RecycleRequest {
            pv_name: "pv1".into(),
            pod_name: "recycler-for-pv1".into(),
            source: json!({"hostPath": {"path": "/data"}}),
            active_deadline_seconds: 60,
        };
        let pod = recycler_pod(&req);
        assert_eq!(pod["spec"]["volumes"], json!([{"name": "vol", "hostPath": {"path": "/data"}}]));
        assert_eq!(pod["metadata"]["name"], "recycler-for-pv1");
        assert_eq!(pod["spec"]["containers"][0]["args"][1], SCRUB_SCRIPT);
    }
}
