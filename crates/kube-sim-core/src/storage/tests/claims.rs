//! `syncClaim` decisions (§1.3, §1.4, §3.2, §3.3).

use serde_json::{json, Value};

use super::super::decision::{Action, EventType};
use super::super::sync::{check_volume_satisfy_claim, sync_claim};
use super::{annotated, bound_to, events, kinds, last, pod, pv, pvc, sc, with};
use crate::object;

fn sync(claim: &Value, pvs: &[Value], classes: &[Value], pods: &[Value]) -> super::Decision {
    let pvs: Vec<&Value> = pvs.iter().collect();
    let classes: Vec<&Value> = classes.iter().collect();
    let pods: Vec<&Value> = pods.iter().collect();
    sync_claim(claim, &pvs, &classes, &pods)
}

fn ev(reason: &str, message: &str) -> (String, String) {
    (reason.to_string(), message.to_string())
}

fn ann<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get("metadata")?.get("annotations")?.get(key)?.as_str()
}

#[test]
fn bind_writes_volume_then_claim_in_order() {
    let c = pvc("data", "1Gi", &["RWO"], None);
    let d = sync(&c, &[pv("pv1", "2Gi", &["RWO", "RWX"], "")], &[], &[]);
    assert_eq!(kinds(&d), ["UpdateVolume", "UpdateVolumeStatus", "UpdateClaim", "UpdateClaimStatus"]);
    let v = last(&d, "UpdateVolumeStatus");
    assert_eq!(
        object::get(&v, "spec.claimRef"),
        Some(&json!({"kind": "PersistentVolumeClaim", "apiVersion": "v1", "namespace": "default",
                     "name": "data", "uid": "uid-data", "resourceVersion": "7"}))
    );
    assert_eq!(ann(&v, "pv.kubernetes.io/bound-by-controller"), Some("yes"));
    assert_eq!(object::get_str(&v, "status.phase"), Some("Bound"));
    let claim = last(&d, "UpdateClaimStatus");
    assert_eq!(object::get_str(&claim, "spec.volumeName"), Some("pv1"));
    assert_eq!(ann(&claim, "pv.kubernetes.io/bind-completed"), Some("yes"));
    assert_eq!(ann(&claim, "pv.kubernetes.io/bound-by-controller"), Some("yes"));
    assert_eq!(object::get_str(&claim, "status.phase"), Some("Bound"));
    assert_eq!(object::get(&claim, "status.capacity"), Some(&json!({"storage": "2Gi"})));
    assert_eq!(object::get(&claim, "status.accessModes"), Some(&json!(["ReadWriteOnce", "ReadWriteMany"])));
    assert!(d.events().is_empty() && d.error.is_none());
}

#[test]
fn volume_pre_bound_by_user_gets_the_uid_but_no_bound_by_controller() {
    let c = pvc("data", "1Gi", &["RWO"], None);
    let pre = with(bound_to(pv("pv1", "1Gi", &["RWO"], ""), &c), "spec.claimRef.uid", json!(""));
    let d = sync(&c, &[pre], &[], &[]);
    let v = last(&d, "UpdateVolume");
    assert_eq!(object::get_str(&v, "spec.claimRef.uid"), Some("uid-data"));
    assert_eq!(ann(&v, "pv.kubernetes.io/bound-by-controller"), None);
    // the claim still gets it: its volumeName was set by the controller
    assert_eq!(ann(&last(&d, "UpdateClaim"), "pv.kubernetes.io/bound-by-controller"), Some("yes"));
}

#[test]
fn no_volume_and_no_class_is_failed_binding_and_pending() {
    let c = with(pvc("data", "5Gi", &["RWO"], Some("")), "status.capacity", json!({"storage": "1Gi"}));
    let d = sync(&c, &[pv("small", "1Gi", &["RWO"], "")], &[], &[]);
    assert_eq!(
        events(&d),
        [ev("FailedBinding", "no persistent volumes available for this claim and no storage class is set")]
    );
    assert_eq!(d.events()[0].event_type, EventType::Normal);
    let s = last(&d, "UpdateClaimStatus");
    assert_eq!(object::get(&s, "status"), Some(&json!({"phase": "Pending"})));
}

#[test]
fn pending_status_is_not_rewritten_when_unchanged() {
    let d = sync(&pvc("data", "5Gi", &["RWO"], Some("")), &[], &[], &[]);
    assert_eq!(kinds(&d), ["Event"]);
}

#[test]
fn wait_for_first_consumer_events() {
    let classes = [sc("local", "kubernetes.io/no-provisioner", "WaitForFirstConsumer")];
    let c = pvc("data", "1Gi", &["RWO"], Some("local"));
    let d = sync(&c, &[pv("pv1", "1Gi", &["RWO"], "local")], &classes, &[]);
    assert_eq!(events(&d), [ev("WaitForFirstConsumer", "waiting for first consumer to be created before binding")]);
    let one = [pod("web", "data", ""), pod("scheduled", "data", "node1"), pod("other", "else", "")];
    let d = sync(&c, &[], &classes, &one);
    assert_eq!(events(&d), [ev("WaitForPodScheduled", "waiting for pod web to be scheduled")]);
    let two =
        [pod("a", "data", ""), pod("b", "data", ""), with(pod("done", "data", ""), "status.phase", json!("Failed"))];
    let d = sync(&c, &[], &classes, &two);
    assert_eq!(events(&d), [ev("WaitForPodScheduled", "waiting for pods a,b to be scheduled")]);
}

#[test]
fn selected_node_sends_a_delayed_claim_to_provisioning() {
    let classes = [sc("csi", "example.com/csi", "WaitForFirstConsumer")];
    let c = annotated(pvc("data", "1Gi", &["RWO"], Some("csi")), "volume.kubernetes.io/selected-node", "node1");
    let d = sync(&c, &[], &classes, &[]);
    let Some(Action::Provision(req)) = d.actions.iter().find(|a| matches!(a, Action::Provision(_))) else {
        panic!("no provision: {d:?}")
    };
    assert_eq!(req.selected_node.as_deref(), Some("node1"));
    assert_eq!(req.pv_name, "pvc-uid-data");
}

#[test]
fn delayed_claim_still_binds_a_pre_bound_volume() {
    let classes = [sc("local", "kubernetes.io/no-provisioner", "WaitForFirstConsumer")];
    let c = pvc("data", "1Gi", &["RWO"], Some("local"));
    let d = sync(&c, &[bound_to(pv("pre", "1Gi", &["RWO"], "local"), &c)], &classes, &[]);
    assert_eq!(object::get_str(&last(&d, "UpdateClaimStatus"), "status.phase"), Some("Bound"));
}

#[test]
fn retroactive_default_class_only_for_nil_class_without_a_match() {
    let default =
        annotated(sc("std", "example.com/nfs", "Immediate"), "storageclass.kubernetes.io/is-default-class", "true");
    let d = sync(&pvc("data", "1Gi", &["RWO"], None), &[], std::slice::from_ref(&default), &[]);
    assert_eq!(kinds(&d), ["UpdateClaim"]);
    assert_eq!(object::get_str(&last(&d, "UpdateClaim"), "spec.storageClassName"), Some("std"));
    // "" is a class choice: never defaulted
    let d = sync(&pvc("data", "1Gi", &["RWO"], Some("")), &[], std::slice::from_ref(&default), &[]);
    assert_eq!(events(&d)[0].0, "FailedBinding");
    // a classless PV is tried first
    let d = sync(&pvc("data", "1Gi", &["RWO"], None), &[pv("pv1", "1Gi", &["RWO"], "")], &[default], &[]);
    assert_eq!(object::get_str(&last(&d, "UpdateClaim"), "spec.volumeName"), Some("pv1"));
}

#[test]
fn missing_class_is_provisioning_failed_without_status_write() {
    let d = sync(&pvc("data", "1Gi", &["RWO"], Some("fast")), &[], &[], &[]);
    assert_eq!(events(&d), [ev("ProvisioningFailed", "storageclass.storage.k8s.io \"fast\" not found")]);
    assert_eq!(d.events()[0].event_type, EventType::Warning);
    assert_eq!(kinds(&d), ["Event"]);
}

#[test]
fn external_provisioner_gets_both_annotations_and_an_event() {
    let classes = [sc("nfs", "k8s-sigs.io/nfs-subdir-external-provisioner", "Immediate")];
    let c = pvc("data", "1Gi", &["RWX"], Some("nfs"));
    let d = sync(&c, &[], &classes, &[]);
    assert_eq!(kinds(&d), ["UpdateClaim", "Event", "Provision"]);
    let claim = last(&d, "UpdateClaim");
    for key in ["volume.kubernetes.io/storage-provisioner", "volume.beta.kubernetes.io/storage-provisioner"] {
        assert_eq!(ann(&claim, key), Some("k8s-sigs.io/nfs-subdir-external-provisioner"));
    }
    assert_eq!(events(&d), [ev("ExternalProvisioning", "Waiting for a volume to be created either by the external provisioner 'k8s-sigs.io/nfs-subdir-external-provisioner' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.")]);
    // annotations already there: no claim write
    let d = sync(&claim, &[], &classes, &[]);
    assert_eq!(kinds(&d), ["Event", "Provision"]);
}

#[test]
fn in_tree_provisioners_of_a_default_controller_manager() {
    let c = pvc("data", "1Gi", &["RWO"], Some("local"));
    let d = sync(&c, &[], &[sc("local", "kubernetes.io/no-provisioner", "Immediate")], &[]);
    assert_eq!(events(&d), [ev("ProvisioningFailed", "no volume plugin matched name: kubernetes.io/no-provisioner")]);
    let c = pvc("data", "1Gi", &["RWO"], Some("hp"));
    let d = sync(&c, &[], &[sc("hp", "kubernetes.io/host-path", "Immediate")], &[]);
    assert_eq!(kinds(&d), ["UpdateClaim", "Event"]);
    assert_eq!(
        events(&d),
        [ev(
            "ProvisioningFailed",
            "Failed to create provisioner: provisioning in volume plugin \"kubernetes.io/host-path\" is disabled"
        )]
    );
    let c = pvc("data", "1Gi", &["RWO"], Some("ebs"));
    let d = sync(&c, &[], &[sc("ebs", "kubernetes.io/aws-ebs", "Immediate")], &[]);
    assert_eq!(ann(&last(&d, "UpdateClaim"), "volume.kubernetes.io/storage-provisioner"), Some("ebs.csi.aws.com"));
}

#[test]
fn binding_mode_unset_is_a_sync_error() {
    let class = json!({"metadata": {"name": "odd"}, "provisioner": "x.io/p"});
    let d = sync(&pvc("data", "1Gi", &["RWO"], Some("odd")), &[], &[class], &[]);
    assert_eq!(d.error.as_deref(), Some("VolumeBindingMode not set for StorageClass \"odd\""));
    assert!(d.actions.is_empty());
}

#[test]
fn requested_volume_missing_is_pending_without_event() {
    let c = with(pvc("data", "1Gi", &["RWO"], None), "spec.volumeName", json!("nope"));
    let d = sync(&c, &[], &[], &[]);
    assert!(d.actions.is_empty(), "already Pending");
    let d = sync(&with(c, "status.phase", json!("")), &[], &[], &[]);
    assert_eq!(kinds(&d), ["UpdateClaimStatus"]);
}

#[test]
fn requested_volume_too_small_is_volume_mismatch() {
    let c = with(pvc("data", "5Gi", &["RWO"], None), "spec.volumeName", json!("pv1"));
    let d = sync(&c, &[pv("pv1", "1Gi", &["RWO"], "")], &[], &[]);
    assert_eq!(
        events(&d),
        [ev("VolumeMismatch", "Cannot bind to requested volume \"pv1\": requested PV is too small")]
    );
    assert_eq!(d.events()[0].event_type, EventType::Warning);
}

#[test]
fn requested_volume_checks_in_order() {
    let c = pvc("data", "5Gi", &["RWX"], Some("gold"));
    let small = pv("pv1", "1Gi", &["RWO"], "silver");
    let deleting = with(small.clone(), "metadata.deletionTimestamp", json!("2024-12-10T08:00:00Z"));
    assert_eq!(check_volume_satisfy_claim(&deleting, &c), Err("the volume is marked for deletion \"pv1\"".into()));
    assert_eq!(check_volume_satisfy_claim(&small, &c), Err("requested PV is too small".into()));
    let big = with(small, "spec.capacity.storage", json!("5Gi"));
    assert_eq!(check_volume_satisfy_claim(&big, &c), Err("storageClassName does not match".into()));
    let gold = with(big, "spec.storageClassName", json!("gold"));
    let block = with(gold.clone(), "spec.volumeMode", json!("Block"));
    assert_eq!(check_volume_satisfy_claim(&block, &c), Err("incompatible volumeMode".into()));
    assert_eq!(check_volume_satisfy_claim(&gold, &c), Err("incompatible accessMode".into()));
    let ok = with(gold, "spec.accessModes", json!(["ReadWriteMany"]));
    assert_eq!(check_volume_satisfy_claim(&ok, &c), Ok(()));
}

#[test]
fn requested_volume_ignores_phase_and_selector() {
    let c = with(pvc("data", "1Gi", &["RWO"], None), "spec.volumeName", json!("pv1"));
    let c = with(c, "spec.selector", json!({"matchLabels": {"never": "there"}}));
    let released = with(pv("pv1", "1Gi", &["RWO"], ""), "status.phase", json!("Released"));
    let d = sync(&c, &[released], &[], &[]);
    assert_eq!(object::get_str(&last(&d, "UpdateVolumeStatus"), "status.phase"), Some("Bound"));
    // volumeName already right: no bound-by-controller on the claim
    assert_eq!(ann(&last(&d, "UpdateClaim"), "pv.kubernetes.io/bound-by-controller"), None);
}

#[test]
fn requested_volume_bound_elsewhere() {
    let other = pvc("other", "1Gi", &["RWO"], None);
    let taken = bound_to(pv("pv1", "1Gi", &["RWO"], ""), &other);
    let c = with(pvc("data", "1Gi", &["RWO"], None), "spec.volumeName", json!("pv1"));
    let d = sync(&c, std::slice::from_ref(&taken), &[], &[]);
    assert_eq!(events(&d), [ev("FailedBinding", "volume \"pv1\" already bound to a different claim.")]);
    assert!(d.error.is_none());
    let c = annotated(c, "pv.kubernetes.io/bound-by-controller", "yes");
    let d = sync(&c, &[taken], &[], &[]);
    assert_eq!(
        d.error.as_deref(),
        Some(
            "invalid binding of claim \"default/data\" to volume \"pv1\": volume already claimed by \"default/other\""
        )
    );
}

fn bound_claim(volume_name: &str) -> Value {
    let c = with(pvc("data", "1Gi", &["RWO"], None), "spec.volumeName", json!(volume_name));
    let c =
        with(c, "status", json!({"phase": "Bound", "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"]}));
    annotated(c, "pv.kubernetes.io/bind-completed", "yes")
}

#[test]
fn bound_claim_losing_its_volume_is_lost() {
    let d = sync(&bound_claim(""), &[], &[], &[]);
    assert_eq!(
        events(&d),
        [ev("ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!")]
    );
    assert_eq!(object::get(&last(&d, "UpdateClaimStatus"), "status"), Some(&json!({"phase": "Lost"})));
    let d = sync(&bound_claim("gone"), &[], &[], &[]);
    assert_eq!(events(&d), [ev("ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!")]);
    // already Lost: no event again
    let lost = with(bound_claim("gone"), "status.phase", json!("Lost"));
    assert!(sync(&lost, &[], &[], &[]).actions.is_empty());
}

#[test]
fn bound_claim_misbound_or_rebound() {
    let c = bound_claim("pv1");
    let other = pvc("other", "1Gi", &["RWO"], None);
    let d = sync(&c, &[bound_to(pv("pv1", "1Gi", &["RWO"], ""), &other)], &[], &[]);
    assert_eq!(
        events(&d),
        [ev("ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly")]
    );
    // the PV lost its claimRef: bind again
    let d = sync(&c, &[pv("pv1", "1Gi", &["RWO"], "")], &[], &[]);
    assert_eq!(kinds(&d), ["UpdateVolume", "UpdateVolumeStatus"]);
    // all is well: nothing to write
    let ok = with(bound_to(pv("pv1", "1Gi", &["RWO"], ""), &c), "status.phase", json!("Bound"));
    let ok = annotated(ok, "pv.kubernetes.io/bound-by-controller", "yes");
    assert!(sync(&c, &[ok], &[], &[]).actions.is_empty());
}

#[test]
fn capacity_is_copied_only_when_becoming_bound() {
    let c = bound_claim("pv1");
    let bigger = with(pv("pv1", "2Gi", &["RWO"], ""), "status.phase", json!("Bound"));
    let d = sync(&c, &[bound_to(bigger.clone(), &c)], &[], &[]);
    assert!(d.actions.iter().all(|a| !matches!(a, Action::UpdateClaimStatus(_))));
    let fresh = pvc("data", "1Gi", &["RWO"], None);
    let resized = annotated(bigger, "volume.alpha.kubernetes.io/pre-resize-capacity", "1500Mi");
    let resized = with(resized, "status.phase", json!("Available"));
    let d = sync(&fresh, &[resized], &[], &[]);
    assert_eq!(object::get_str(&last(&d, "UpdateClaimStatus"), "status.capacity.storage"), Some("1500Mi"));
}

#[test]
fn one_index_for_a_pass_of_a_thousand_claims() {
    use super::super::matching::VolumeIndex;
    use super::super::sync::sync_claim_indexed;
    let pvs: Vec<Value> =
        (0..1000).map(|i| pv(&format!("pv-{i}"), &format!("{}Gi", i % 7 + 1), &["RWO"], "")).collect();
    let refs: Vec<&Value> = pvs.iter().collect();
    let mut index = VolumeIndex::new(&refs);
    let mut bound = std::collections::BTreeSet::new();
    for j in 0..1000 {
        let c = pvc(&format!("c-{j}"), &format!("{}Gi", j % 7 + 1), &["RWO"], None);
        let d = sync_claim_indexed(&c, &index, &refs, &[], &[]);
        let name = object::get_str(&last(&d, "UpdateClaim"), "spec.volumeName").map(str::to_string);
        assert!(bound.insert(name.expect("bound")), "PV bound twice");
        index.note_decision(&d);
    }
    assert_eq!(bound.len(), 1000);
}
