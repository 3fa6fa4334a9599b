//! The API server's warnings for PersistentVolumes and claims (`GetWarningsForPersistentVolume`,
//! `GetWarningsForPersistentVolumeClaim` in `pkg/api/persistentvolume{,claim}/util.go`),
//! returned on create and update; kubectl prints each as `Warning: <text>` on stderr.

use serde_json::Value;

use super::classes::ANN_BETA_STORAGE_CLASS;
use crate::object;

const DEPRECATED_CLASS_ANNOTATION: &str = "deprecated since v1.8; use \"storageClassName\" attribute instead";

/// The warnings for a stored object (empty for other kinds).
pub fn for_object(obj: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let kind = object::kind(obj);
    if kind != "PersistentVolume" && kind != "PersistentVolumeClaim" {
        return out;
    }
    if super::has_annotation(obj, ANN_BETA_STORAGE_CLASS) {
        out.push(format!("metadata.annotations[{ANN_BETA_STORAGE_CLASS}]: {DEPRECATED_CLASS_ANNOTATION}"));
    }
    if kind == "PersistentVolume" {
        if object::get_str(obj, "spec.persistentVolumeReclaimPolicy") == Some("Recycle") {
            out.push("spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.".into());
        }
        for (field, since) in [
            ("cephfs", "deprecated in v1.28, non-functional in v1.31+"),
            ("photonPersistentDisk", "deprecated in v1.11, non-functional in v1.16+"),
            ("scaleIO", "deprecated in v1.16, non-functional in v1.22+"),
            ("storageOS", "deprecated in v1.22, non-functional in v1.25+"),
            ("glusterfs", "deprecated in v1.25, non-functional in v1.26+"),
            ("rbd", "deprecated in v1.28, non-functional in v1.31+"),
        ] {
            if object::get(obj, &format!("spec.{field}")).is_some_and(|v| !v.is_null()) {
                out.push(format!("spec.{field}: {since}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn recycle_and_beta_class_warn() {
        let pv = json!({"kind": "PersistentVolume", "metadata": {"annotations": {ANN_BETA_STORAGE_CLASS: "x"}},
                        "spec": {"persistentVolumeReclaimPolicy": "Recycle"}});
        let w = for_object(&pv);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0], "metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use \"storageClassName\" attribute instead");
        assert!(w[1].starts_with("spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated."));
        assert!(for_object(&json!({"kind": "PersistentVolume", "spec": {"persistentVolumeReclaimPolicy": "Retain"}})).is_empty());
        assert!(for_object(&json!({"kind": "Pod"})).is_empty());
    }
}
