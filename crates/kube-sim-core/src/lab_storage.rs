//! The lab's storage: the default StorageClass `standard` as kind ships it (local-path
//! provisioner, WaitForFirstConsumer, Delete).

use serde_json::{json, Value};

use crate::cluster::Cluster;
use crate::object;
use crate::store::Change;

/// The UID of `standard` (fixed, so adding it does not move the ids of everything after it).
const STANDARD_UID: &str = "4f3b8a2e-6c1d-4e57-9a0b-2d8c7e5f1a36";

/// The `standard` StorageClass.
pub fn standard_class() -> Value {
    let last_applied = "{\"apiVersion\":\"storage.k8s.io/v1\",\"kind\":\"StorageClass\",\"metadata\":{\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"true\"},\"name\":\"standard\"},\"provisioner\":\"rancher.io/local-path\",\"reclaimPolicy\":\"Delete\",\"volumeBindingMode\":\"WaitForFirstConsumer\"}\n";
    json!({
        "apiVersion": "storage.k8s.io/v1",
        "kind": "StorageClass",
        "metadata": {
            "name": "standard",
            "annotations": {
                "kubectl.kubernetes.io/last-applied-configuration": last_applied,
                "storageclass.kubernetes.io/is-default-class": "true",
            },
        },
        "provisioner": "rancher.io/local-path",
        "reclaimPolicy": "Delete",
        "volumeBindingMode": "WaitForFirstConsumer",
    })
}

/// Adds the storage objects, created at `boot` (RFC 3339).
pub fn install(c: &mut Cluster, boot: &str) {
    let mut sc = standard_class();
    object::set(&mut sc, "metadata.uid", json!(STANDARD_UID));
    object::set(&mut sc, "metadata.creationTimestamp", json!(boot));
    c.api.store.apply(Change::Created(sc));
}
