//! `syncVolume` and reclaim decisions (§1.5, §1.6).

use serde_json::{json, Value};

use super::super::decision::{Action, EventType};
use super::super::reclaim::{recycle_finished, sync_volume};
use super::{annotated, bound_to, events, kinds, last, pod, pv, pvc, with};
use crate::object;

fn ev(reason: &str, message: &str) -> (String, String) {
    (reason.to_string(), message.to_string())
}

/// A PV bound (by the controller) to `default/data` with UID `uid-data`, phase Bound.
fn bound_pv(policy: &str) -> Value {
    let c = pvc("data", "1Gi", &["RWO"], None);
    let v = bound_to(pv("pv1", "1Gi", &["RWO"], ""), &c);
    let v = with(v, "status.phase", json!("Bound"));
    let v = with(v, "spec.persistentVolumeReclaimPolicy", json!(policy));
    annotated(v, "pv.kubernetes.io/bound-by-controller", "yes")
}

fn bound_claim() -> Value {
    let c = with(pvc("data", "1Gi", &["RWO"], None), "spec.volumeName", json!("pv1"));
    annotated(with(c, "status.phase", json!("Bound")), "pv.kubernetes.io/bind-completed", "yes")
}

fn sync(v: &Value, claim: Option<&Value>, pods: &[Value]) -> super::Decision {
    let pods: Vec<&Value> = pods.iter().collect();
    sync_volume(v, claim, &pods)
}

#[test]
fn unclaimed_volume_becomes_available_once() {
    let fresh = with(pv("pv1", "1Gi", &["RWO"], ""), "status.phase", json!("Pending"));
    let d = sync(&fresh, None, &[]);
    assert_eq!(object::get_str(&last(&d, "UpdateVolumeStatus"), "status.phase"), Some("Available"));
    assert!(sync(&pv("pv1", "1Gi", &["RWO"], ""), None, &[]).actions.is_empty());
}

#[test]
fn pre_bound_volume_without_uid_is_available() {
    let v = with(bound_pv("Retain"), "spec.claimRef.uid", json!(""));
    let d = sync(&v, None, &[]);
    assert_eq!(object::get_str(&last(&d, "UpdateVolumeStatus"), "status.phase"), Some("Available"));
}

#[test]
fn retain_keeps_the_released_volume_and_its_claim_ref() {
    let d = sync(&bound_pv("Retain"), None, &[]);
    assert_eq!(kinds(&d), ["UpdateVolumeStatus"]);
    let v = last(&d, "UpdateVolumeStatus");
    assert_eq!(object::get_str(&v, "status.phase"), Some("Released"));
    assert_eq!(object::get_str(&v, "spec.claimRef.uid"), Some("uid-data"));
    let released = with(bound_pv("Retain"), "status.phase", json!("Released"));
    assert!(sync(&released, None, &[]).actions.is_empty());
}

#[test]
fn recreated_claim_with_the_same_name_releases_the_volume() {
    let new_claim = with(pvc("data", "1Gi", &["RWO"], None), "metadata.uid", json!("uid-new"));
    let d = sync(&bound_pv("Retain"), Some(&new_claim), &[]);
    assert_eq!(object::get_str(&last(&d, "UpdateVolumeStatus"), "status.phase"), Some("Released"));
}

#[test]
fn delete_of_a_static_nfs_volume_fails() {
    let d = sync(&bound_pv("Delete"), None, &[]);
    let msg = "error getting deleter volume plugin for volume \"pv1\": no deletable volume plugin matched";
    assert_eq!(events(&d), [ev("VolumeFailedDelete", msg)]);
    assert_eq!(d.events()[0].event_type, EventType::Warning);
    let v = last(&d, "UpdateVolumeStatus");
    assert_eq!(object::get_str(&v, "status.phase"), Some("Failed"));
    assert_eq!(object::get_str(&v, "status.message"), Some(msg));
    // retried on every sync, but the phase is already Failed: nothing new
    assert!(sync(&v, None, &[]).actions.is_empty());
}

fn host_path(v: Value, path: &str) -> Value {
    let mut v = v;
    object::remove(&mut v, "spec.nfs");
    with(v, "spec.hostPath", json!({"path": path}))
}

#[test]
fn delete_of_a_host_path_volume_under_tmp_removes_it() {
    let v =
        with(host_path(bound_pv("Delete"), "/tmp/data"), "metadata.finalizers", json!(["kubernetes.io/pv-controller"]));
    let d = sync(&v, None, &[]);
    assert_eq!(kinds(&d), ["UpdateVolumeStatus", "RemoveHostPath", "UpdateVolume", "DeleteVolume"]);
    assert_eq!(object::get(&last(&d, "UpdateVolume"), "metadata.finalizers"), Some(&json!([])));
    assert!(d.actions.contains(&Action::RemoveHostPath { path: "/tmp/data".into() }));
}

#[test]
fn delete_of_a_host_path_volume_elsewhere_fails() {
    let d = sync(&host_path(bound_pv("Delete"), "/data/pv"), None, &[]);
    assert_eq!(
        events(&d),
        [ev("VolumeFailedDelete", "host_path deleter only supports /tmp/.+ but received provided /data/pv")]
    );
    let d = sync(&host_path(bound_pv("Delete"), "/tmp/"), None, &[]);
    assert_eq!(events(&d).len(), 1, "/tmp/ alone does not match /tmp/.+");
}

#[test]
fn delete_is_left_to_external_provisioners_and_csi() {
    let ext = annotated(bound_pv("Delete"), "pv.kubernetes.io/provisioned-by", "nfs.csi.k8s.io");
    assert_eq!(kinds(&sync(&ext, None, &[])), ["UpdateVolumeStatus"]);
    let mut csi = bound_pv("Delete");
    object::remove(&mut csi, "spec.nfs");
    let csi = with(csi, "spec.csi", json!({"driver": "nfs.csi.k8s.io", "volumeHandle": "h"}));
    assert_eq!(kinds(&sync(&csi, None, &[])), ["UpdateVolumeStatus"]);
}

#[test]
fn recycle_starts_the_recycler_for_nfs_and_host_path() {
    let d = sync(&bound_pv("Recycle"), None, &[]);
    let Some(Action::Recycle(r)) = d.actions.last() else { panic!("{d:?}") };
    assert_eq!(r.pod_name, "recycler-for-pv1");
    assert_eq!(r.source, json!({"nfs": {"server": "10.0.0.1", "path": "/exports/pv1"}}));
    let d = sync(&host_path(bound_pv("Recycle"), "/data"), None, &[]);
    assert!(matches!(d.actions.last(), Some(Action::Recycle(_))));
}

#[test]
fn recycle_waits_while_pods_use_the_claim() {
    let pods = [
        pod("b", "data", "node1"),
        pod("a", "data", "node1"),
        with(pod("old", "data", "n"), "status.phase", json!("Succeeded")),
    ];
    let d = sync(&bound_pv("Recycle"), None, &pods);
    assert_eq!(events(&d), [ev("VolumeFailedRecycle", "Volume is used by pods: default/a,default/b")]);
    assert_eq!(d.events()[0].event_type, EventType::Normal);
    // a new claim with the same name exists: the pods use that one
    let new_claim = with(pvc("data", "1Gi", &["RWO"], None), "metadata.uid", json!("uid-new"));
    let d = sync(&bound_pv("Recycle"), Some(&new_claim), &pods);
    assert!(matches!(d.actions.last(), Some(Action::Recycle(_))));
}

#[test]
fn recycle_without_a_recycler_plugin_fails() {
    let mut v = bound_pv("Recycle");
    object::remove(&mut v, "spec.nfs");
    let v = with(v, "spec.local", json!({"path": "/mnt/disks/1"}));
    let d = sync(&v, None, &[]);
    assert_eq!(events(&d), [ev("VolumeFailedRecycle", "No recycler plugin found for the volume!")]);
    assert_eq!(object::get_str(&last(&d, "UpdateVolumeStatus"), "status.phase"), Some("Failed"));
}

#[test]
fn recycle_finished_makes_the_volume_available_again() {
    let released = with(bound_pv("Recycle"), "status.phase", json!("Released"));
    let d = recycle_finished(&released, Ok(()));
    assert_eq!(events(&d), [ev("VolumeRecycled", "Volume recycled")]);
    let v = last(&d, "UpdateVolumeStatus");
    assert_eq!(object::get(&v, "spec.claimRef"), None);
    assert_eq!(object::get(&v, "metadata.annotations"), None);
    assert_eq!(object::get_str(&v, "status.phase"), Some("Available"));
    // pre-bound by a user: only the UID goes
    let mut user = released.clone();
    object::remove(&mut user, "metadata.annotations");
    let v = last(&recycle_finished(&user, Ok(())), "UpdateVolumeStatus");
    assert_eq!(object::get_str(&v, "spec.claimRef.name"), Some("data"));
    assert_eq!(object::get(&v, "spec.claimRef.uid"), None);
}

#[test]
fn recycle_failure_fails_the_volume() {
    let released = with(bound_pv("Recycle"), "status.phase", json!("Released"));
    let d = recycle_finished(&released, Err("pod failed".into()));
    assert_eq!(events(&d), [ev("VolumeFailedRecycle", "Recycle failed: pod failed")]);
    assert_eq!(object::get_str(&last(&d, "UpdateVolumeStatus"), "status.message"), Some("Recycle failed: pod failed"));
}

#[test]
fn unknown_reclaim_policy_fails_the_volume() {
    let d = sync(&bound_pv("Shred"), None, &[]);
    assert_eq!(kinds(&d), ["UpdateVolumeStatus", "UpdateVolumeStatus", "Event"]);
    assert_eq!(events(&d), [ev("VolumeUnknownReclaimPolicy", "Volume has unrecognized PersistentVolumeReclaimPolicy")]);
}

#[test]
fn migrated_volumes_are_not_reclaimed() {
    let v = annotated(bound_pv("Delete"), "pv.kubernetes.io/migrated-to", "ebs.csi.aws.com");
    assert_eq!(kinds(&sync(&v, None, &[])), ["UpdateVolumeStatus"]);
}

#[test]
fn claim_not_yet_bound_is_enqueued_or_mismatched() {
    let c = pvc("data", "1Gi", &["RWO"], None);
    let d = sync(&bound_pv("Retain"), Some(&c), &[]);
    assert_eq!(d.actions, [Action::EnqueueClaim { namespace: "default".into(), name: "data".into() }]);
    let block = with(c, "spec.volumeMode", json!("Block"));
    let d = sync(&bound_pv("Retain"), Some(&block), &[]);
    assert_eq!(
        events(&d),
        [
            ev("VolumeMismatch", "Cannot bind PersistentVolume to requested PersistentVolumeClaim \"data\" due to incompatible volumeMode."),
            ev("VolumeMismatch", "Cannot bind PersistentVolume \"pv1\" to requested PersistentVolumeClaim due to incompatible volumeMode."),
        ]
    );
    assert_eq!(d.events()[0].object.kind, "PersistentVolume");
    assert_eq!(d.events()[1].object.kind, "PersistentVolumeClaim");
}

#[test]
fn claim_bound_to_this_volume_makes_it_bound() {
    let v = with(bound_pv("Retain"), "status.phase", json!("Available"));
    let d = sync(&v, Some(&bound_claim()), &[]);
    assert_eq!(object::get_str(&last(&d, "UpdateVolumeStatus"), "status.phase"), Some("Bound"));
    assert!(sync(&bound_pv("Retain"), Some(&bound_claim()), &[]).actions.is_empty());
}

#[test]
fn claim_bound_elsewhere_unbinds_or_releases() {
    let elsewhere = with(bound_claim(), "spec.volumeName", json!("pv2"));
    // bound by the controller: claimRef and annotation go
    let d = sync(&bound_pv("Retain"), Some(&elsewhere), &[]);
    let v = last(&d, "UpdateVolumeStatus");
    assert_eq!(object::get(&v, "spec.claimRef"), None);
    assert_eq!(object::get_str(&v, "status.phase"), Some("Available"));
    // pre-bound by the user: only the UID goes
    let mut user = bound_pv("Retain");
    object::remove(&mut user, "metadata.annotations");
    let v = last(&sync(&user, Some(&elsewhere), &[]), "UpdateVolume");
    assert_eq!(object::get_str(&v, "spec.claimRef.name"), Some("data"));
    assert_eq!(object::get(&v, "spec.claimRef.uid"), None);
    // provisioned for it with policy Delete: released and deleted
    let prov = annotated(
        host_path(bound_pv("Delete"), "/tmp/x"),
        "pv.kubernetes.io/provisioned-by",
        "kubernetes.io/host-path",
    );
    let d = sync(&prov, Some(&elsewhere), &[]);
    assert_eq!(kinds(&d), ["UpdateVolumeStatus", "RemoveHostPath", "DeleteVolume"]);
}
