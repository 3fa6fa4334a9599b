//! "Why is my claim Pending?" (explain.rs).

use serde_json::{json, Value};

use super::super::explain::{explain_binding, render_explanation, BindingExplanation, Mismatch, Verdict};
use super::{annotated, bound_to, pv, pvc, sc, with};

fn explain(claim: &Value, pvs: &[Value], classes: &[Value], delay: bool) -> BindingExplanation {
    let pvs: Vec<&Value> = pvs.iter().collect();
    let classes: Vec<&Value> = classes.iter().collect();
    explain_binding(claim, &pvs, None, delay, &classes)
}

fn verdicts(e: &BindingExplanation) -> Vec<Verdict> {
    e.verdicts.iter().map(|v| v.verdict.clone()).collect()
}

#[test]
fn each_volume_gets_its_first_failing_check() {
    let c = pvc("data", "2Gi", &["RWO"], Some(""));
    let other = pvc("other", "1Gi", &["RWO"], None);
    let pvs = [
        pv("small", "1Gi", &["RWO"], ""),
        pv("gold", "1Gi", &["RWO"], "gold"),
        pv("rox", "5Gi", &["ROX"], ""),
        with(pv("released", "5Gi", &["RWO"], ""), "status.phase", json!("Released")),
        with(bound_to(pv("taken", "5Gi", &["RWO"], ""), &other), "status.phase", json!("Available")),
        with(pv("block", "5Gi", &["RWO"], ""), "spec.volumeMode", json!("Block")),
        with(pv("gone", "5Gi", &["RWO"], ""), "metadata.deletionTimestamp", json!("2024-12-10T08:00:00Z")),
        pv("ok", "3Gi", &["RWO"], ""),
        pv("ok-big", "4Gi", &["RWO"], ""),
    ];
    let e = explain(&c, &pvs, &[], false);
    assert_eq!(
        verdicts(&e),
        [
            Verdict::Mismatch(Mismatch::TooSmall { have: "1Gi".into(), want: "2Gi".into() }),
            Verdict::Mismatch(Mismatch::Class { pv: "gold".into(), claim: "".into() }),
            Verdict::Mismatch(Mismatch::AccessModes { pv: "ROX".into(), claim: "RWO".into() }),
            Verdict::Mismatch(Mismatch::NotAvailable { phase: "Released".into() }),
            Verdict::Mismatch(Mismatch::BoundToOtherClaim { namespace: "default".into(), name: "other".into() }),
            Verdict::Mismatch(Mismatch::VolumeMode { pv: "Block".into(), claim: "Filesystem".into() }),
            Verdict::Mismatch(Mismatch::Deleting),
            Verdict::Chosen,
            Verdict::Matches,
        ]
    );
    assert_eq!(e.verdicts[0].message, "capacity 1Gi is smaller than the 2Gi requested");
    assert_eq!(e.verdicts[1].message, "class \"gold\" does not match the claim's class \"\" (none)");
    assert_eq!(e.chosen.as_deref(), Some("ok"));
    assert_eq!(e.summary, "The controller binds the claim to volume \"ok\".");
}

#[test]
fn class_is_reported_before_capacity() {
    let e = explain(&pvc("data", "2Gi", &["RWO"], Some("fast")), &[pv("a", "1Gi", &["RWO"], "slow")], &[], false);
    assert!(matches!(e.verdicts[0].verdict, Verdict::Mismatch(Mismatch::Class { .. })));
}

#[test]
fn pre_bound_volume_ignores_class_and_phase() {
    let c = pvc("data", "1Gi", &["RWO"], Some("fast"));
    let pre = with(bound_to(pv("pre", "1Gi", &["RWO"], "slow"), &c), "status.phase", json!("Pending"));
    let e = explain(&c, &[pre], &[sc("fast", "example.com/p", "Immediate")], false);
    assert_eq!(verdicts(&e), [Verdict::Chosen]);
}

#[test]
fn summary_without_class_is_the_failed_binding_text() {
    let e = explain(&pvc("data", "2Gi", &["RWO"], Some("")), &[pv("a", "1Gi", &["RWO"], "")], &[], false);
    assert_eq!(e.summary, "no persistent volumes available for this claim and no storage class is set.");
    assert_eq!(e.chosen, None);
}

#[test]
fn summary_names_the_provisioner_situation() {
    let c = pvc("data", "1Gi", &["RWX"], Some("nfs"));
    let e = explain(&c, &[], &[sc("nfs", "kubernetes.io/no-provisioner", "Immediate")], false);
    assert_eq!(
        e.summary,
        "No volume matches and class \"nfs\" has no provisioner (kubernetes.io/no-provisioner): create a matching PV."
    );
    let e = explain(&c, &[], &[], false);
    assert_eq!(e.summary, "No volume matches and storageclass.storage.k8s.io \"nfs\" not found.");
    let e = explain(&c, &[], &[sc("nfs", "example.com/nfs", "Immediate")], false);
    assert_eq!(e.summary, "No volume matches: waiting for the external provisioner 'example.com/nfs' to create one.");
}

#[test]
fn summary_for_a_nil_class_with_a_default() {
    let default =
        annotated(sc("std", "example.com/nfs", "Immediate"), "storageclass.kubernetes.io/is-default-class", "true");
    let e = explain(&pvc("data", "1Gi", &["RWO"], None), &[], &[default], false);
    assert_eq!(e.summary, "No volume matches: the default class \"std\" will be assigned to the claim.");
}

#[test]
fn wait_for_first_consumer_verdict_and_summary() {
    let classes = [sc("local", "kubernetes.io/no-provisioner", "WaitForFirstConsumer")];
    let c = pvc("data", "1Gi", &["RWO"], Some("local"));
    let e = explain(&c, &[pv("a", "1Gi", &["RWO"], "local")], &classes, true);
    assert_eq!(verdicts(&e), [Verdict::Mismatch(Mismatch::DelayBinding)]);
    assert!(e.summary.starts_with("waiting for first consumer to be created before binding"));
}

#[test]
fn scheduler_view_reports_node_affinity() {
    let c = pvc("data", "1Gi", &["RWO"], Some("local"));
    let pinned = with(
        pv("a", "1Gi", &["RWO"], "local"),
        "spec.nodeAffinity",
        json!({"required": {"nodeSelectorTerms": [{"matchExpressions": [
            {"key": "kubernetes.io/hostname", "operator": "In", "values": ["node1"]}]}]}}),
    );
    let node = json!({"metadata": {"name": "node2", "labels": {"kubernetes.io/hostname": "node2"}}});
    let e = explain_binding(&c, &[&pinned], Some(&node), true, &[]);
    assert_eq!(verdicts(&e), [Verdict::Mismatch(Mismatch::NodeAffinity)]);
    assert_eq!(e.verdicts[0].message, "node affinity does not allow node \"node2\"");
}

#[test]
fn claim_asking_for_a_volume_by_name() {
    let c = with(pvc("data", "5Gi", &["RWO"], None), "spec.volumeName", json!("b"));
    let e = explain(&c, &[pv("a", "10Gi", &["RWO"], ""), pv("b", "1Gi", &["RWO"], "")], &[], false);
    assert_eq!(
        verdicts(&e),
        [
            Verdict::Mismatch(Mismatch::NotRequested { volume: "b".into() }),
            Verdict::Mismatch(Mismatch::Unsatisfied { reason: "requested PV is too small".into() }),
        ]
    );
    assert_eq!(e.summary, "Cannot bind to requested volume \"b\": requested PV is too small");
    let e = explain(&c, &[], &[], false);
    assert_eq!(e.summary, "The requested volume \"b\" does not exist; the claim stays Pending.");
}

#[test]
fn rendered_table() {
    let c = pvc("data", "2Gi", &["RWO"], Some(""));
    let e = explain(&c, &[pv("pv-small", "1Gi", &["RWO"], ""), pv("pv2", "5Gi", &["RWO", "RWX"], "nfs")], &[], false);
    assert_eq!(
        render_explanation(&e),
        "PersistentVolumeClaim default/data: 2Gi RWO, class \"\"\n\
         PV         CAPACITY   ACCESS MODES   CLASS   STATUS      VERDICT\n\
         pv-small   1Gi        RWO            \"\"      Available   capacity 1Gi is smaller than the 2Gi requested\n\
         pv2        5Gi        RWO,RWX        nfs     Available   class \"nfs\" does not match the claim's class \"\" (none)\n\
         no persistent volumes available for this claim and no storage class is set.\n"
    );
}

#[test]
fn released_and_selector_messages() {
    let c = with(pvc("data", "1Gi", &["RWO"], None), "spec.selector", json!({"matchLabels": {"app": "db"}}));
    let released = with(pv("old", "1Gi", &["RWO"], ""), "metadata.labels", json!({"app": "db"}));
    let released = with(released, "status.phase", json!("Released"));
    let e = explain(&c, &[pv("plain", "1Gi", &["RWO"], ""), released], &[], false);
    assert_eq!(e.verdicts[0].verdict, Verdict::Mismatch(Mismatch::Selector));
    assert_eq!(e.verdicts[0].message, "labels do not match the claim's selector");
    assert_eq!(
        e.verdicts[1].message,
        "phase is Released, not Available: it still references its deleted claim (clear spec.claimRef to reuse it)"
    );
}

#[test]
fn bound_claim_summary() {
    let c = with(pvc("data", "1Gi", &["RWO"], None), "spec.volumeName", json!("pv1"));
    let c = annotated(with(c, "status.phase", json!("Bound")), "pv.kubernetes.io/bind-completed", "yes");
    let v = with(bound_to(pv("pv1", "1Gi", &["RWO"], ""), &c), "status.phase", json!("Bound"));
    let e = explain(&c, &[v], &[], false);
    assert_eq!(verdicts(&e), [Verdict::Chosen]);
    assert_eq!(e.summary, "Bound to volume \"pv1\".");
}
