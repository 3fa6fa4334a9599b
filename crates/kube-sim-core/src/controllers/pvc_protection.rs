//! Storage Object in Use Protection: the admission plugin that puts
//! `kubernetes.io/pvc-protection` on every new claim and `kubernetes.io/pv-protection` on
//! every new volume, the DefaultStorageClass admission plugin, and the two controllers that
//! remove those finalizers once a deleted claim is no longer used by a pod, or a deleted
//! volume is no longer bound.

use serde_json::{json, Value};

use crate::cluster::Cluster;
use crate::object;

/// The claim finalizer.
pub const PVC_PROTECTION: &str = "kubernetes.io/pvc-protection";
/// The volume finalizer.
pub const PV_PROTECTION: &str = "kubernetes.io/pv-protection";

fn add_finalizer(obj: &mut Value, f: &str) {
    let list = object::entry(obj, "metadata.finalizers");
    if !list.is_array() {
        *list = json!([]);
    }
    if let Some(a) = list.as_array_mut() {
        if !a.iter().any(|x| x.as_str() == Some(f)) {
            a.push(json!(f));
        }
    }
}

/// The storage admission plugins on create, after validation: DefaultStorageClass for claims
/// (`classes` are the stored StorageClasses) and StorageObjectInUseProtection for claims and
/// volumes.
pub fn admit_create(obj: &mut Value, classes: &[Value]) {
    match object::kind(obj) {
        "PersistentVolumeClaim" => {
            crate::api::admission::default_storage_class(obj, classes);
            add_finalizer(obj, PVC_PROTECTION);
        }
        "PersistentVolume" => add_finalizer(obj, PV_PROTECTION),
        _ => {}
    }
}

fn remove_finalizer(cluster: &mut Cluster, obj: &Value, f: &str) {
    let mut o = obj.clone();
    if let Some(a) = object::entry(&mut o, "metadata.finalizers").as_array_mut() {
        a.retain(|x| x.as_str() != Some(f));
    }
    object::remove(&mut o, "metadata.resourceVersion");
    let _ = cluster.api_update(o);
}

fn has_finalizer(obj: &Value, f: &str) -> bool {
    object::get(obj, "metadata.finalizers").and_then(Value::as_array).is_some_and(|a| a.iter().any(|x| x.as_str() == Some(f)))
}

/// Whether a pod that has not finished (phase neither Succeeded nor Failed) uses the claim.
pub fn claim_in_use(cluster: &Cluster, namespace: &str, name: &str) -> bool {
    let pods = cluster.api.store.list("Pod", Some(namespace));
    crate::storage::sync::pods_using(&pods, namespace, name)
        .into_iter()
        .any(|p| !matches!(object::get_str(p, "status.phase"), Some("Succeeded") | Some("Failed")))
}

/// The pvc-protection controller: a deleted claim goes once no pod uses it.
pub fn reconcile_claims(cluster: &mut Cluster) {
    let claims: Vec<Value> = cluster.api.store.terminating("PersistentVolumeClaim").into_iter().cloned().collect();
    for claim in claims {
        if has_finalizer(&claim, PVC_PROTECTION) && !claim_in_use(cluster, object::namespace(&claim), object::name(&claim)) {
            remove_finalizer(cluster, &claim, PVC_PROTECTION);
        }
    }
}

/// The pv-protection controller: a deleted volume goes once it is not Bound.
pub fn reconcile_volumes(cluster: &mut Cluster) {
    let volumes: Vec<Value> = cluster.api.store.terminating("PersistentVolume").into_iter().cloned().collect();
    for pv in volumes {
        if has_finalizer(&pv, PV_PROTECTION) && object::get_str(&pv, "status.phase") != Some("Bound") {
            remove_finalizer(cluster, &pv, PV_PROTECTION);
        }
    }
}
