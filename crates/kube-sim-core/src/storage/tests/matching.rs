//! `FindMatchingVolume` and the access-mode grouping (§1.2).

use serde_json::{json, Value};

use super::super::matching::{find_best_match_for_claim, find_matching_volume, ClaimKey, VolumeIndex};
use super::{annotated, bound_to, pv, pvc, with};
use crate::object;

fn best(claim: &Value, pvs: &[Value]) -> Option<String> {
    let refs: Vec<&Value> = pvs.iter().collect();
    find_best_match_for_claim(claim, &refs, false).map(|i| object::name(&pvs[i]).to_string())
}

fn best_delayed(claim: &Value, pvs: &[Value]) -> Option<String> {
    let refs: Vec<&Value> = pvs.iter().collect();
    find_best_match_for_claim(claim, &refs, true).map(|i| object::name(&pvs[i]).to_string())
}

fn on_node(claim: &Value, pvs: &[Value], node: &Value) -> Option<String> {
    let refs: Vec<&Value> = pvs.iter().collect();
    find_matching_volume(claim, &refs, Some(node), true).map(|i| object::name(&pvs[i]).to_string())
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn smallest_volume_that_fits_wins() {
    let pvs = [pv("big", "10Gi", &["RWO"], ""), pv("mid", "5Gi", &["RWO"], ""), pv("small", "1Gi", &["RWO"], "")];
    assert_eq!(best(&pvc("c", "3Gi", &["RWO"], None), &pvs), some("mid"));
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], None), &pvs), some("small"));
}

#[test]
fn equal_capacity_keeps_the_first_seen() {
    let pvs = [pv("a", "5Gi", &["RWO"], ""), pv("b", "5Gi", &["RWO"], "")];
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], None), &pvs), some("a"));
    let pvs = [pv("b", "5Gi", &["RWO"], ""), pv("a", "5Gi", &["RWO"], "")];
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], None), &pvs), some("b"));
}

#[test]
fn capacity_must_cover_the_request_exactly_compared() {
    let pvs = [pv("g", "1G", &["RWO"], "")];
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], None), &pvs), None, "1G < 1Gi");
    let pvs = [pv("gi", "1Gi", &["RWO"], "")];
    assert_eq!(best(&pvc("c", "1G", &["RWO"], None), &pvs), some("gi"));
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], None), &pvs), some("gi"), "equal fits");
    assert_eq!(best(&pvc("c", "1025Mi", &["RWO"], None), &pvs), None);
}

#[test]
fn fewest_access_modes_group_wins_over_smaller_volume() {
    // upstream "successful-skip-1g-bound-volume"-style case
    let pvs = [pv("five", "5G", &["RWO", "ROX"], ""), pv("one", "1G", &["RWO", "ROX", "RWX"], "")];
    assert_eq!(best(&pvc("c", "1G", &["ROX", "RWO"], None), &pvs), some("five"));
    let pvs = [pv("one", "1G", &["RWO", "ROX", "RWX"], ""), pv("five", "5G", &["RWO", "ROX"], "")];
    assert_eq!(best(&pvc("c", "1G", &["RWO"], None), &pvs), some("five"));
}

#[test]
fn later_group_is_used_when_the_first_yields_nothing() {
    let pvs = [pv("small-rwo", "1G", &["RWO"], ""), pv("big-rwx", "10G", &["RWO", "RWX"], "")];
    assert_eq!(best(&pvc("c", "5G", &["RWO"], None), &pvs), some("big-rwx"));
    assert_eq!(best(&pvc("c", "1G", &["RWX"], None), &pvs), some("big-rwx"));
    assert_eq!(best(&pvc("c", "1G", &["RWOP"], None), &pvs), None);
}

#[test]
fn unknown_claim_mode_matches_nothing() {
    let pvs = [pv("a", "5Gi", &["RWO", "ROX", "RWX", "RWOP"], "")];
    assert_eq!(best(&pvc("c", "1Gi", &["RWO", "Bogus"], None), &pvs), None);
    assert_eq!(best(&pvc("c", "1Gi", &["RWOP"], None), &pvs), some("a"));
}

#[test]
fn nil_and_empty_class_both_match_only_classless_volumes() {
    let pvs = [pv("gold", "1Gi", &["RWO"], "gold"), pv("none", "5Gi", &["RWO"], "")];
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], None), &pvs), some("none"));
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], Some("")), &pvs), some("none"));
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], Some("gold")), &pvs), some("gold"));
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], Some("silver")), &pvs), None);
}

#[test]
fn beta_class_annotation_wins_on_both_sides() {
    let ann = "volume.beta.kubernetes.io/storage-class";
    let pvs = [annotated(pv("a", "1Gi", &["RWO"], "gold"), ann, "silver")];
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], Some("gold")), &pvs), None);
    assert_eq!(best(&pvc("c", "1Gi", &["RWO"], Some("silver")), &pvs), some("a"));
    let claim = annotated(pvc("c", "1Gi", &["RWO"], Some("gold")), ann, "silver");
    assert_eq!(best(&claim, &pvs), some("a"));
}

#[test]
fn selector_filters_by_labels() {
    let pvs = [
        with(pv("fast", "1Gi", &["RWO"], ""), "metadata.labels", json!({"speed": "fast", "zone": "a"})),
        with(pv("slow", "1Gi", &["RWO"], ""), "metadata.labels", json!({"speed": "slow"})),
    ];
    let claim = with(pvc("c", "1Gi", &["RWO"], None), "spec.selector", json!({"matchLabels": {"speed": "slow"}}));
    assert_eq!(best(&claim, &pvs), some("slow"));
    let claim = with(
        pvc("c", "1Gi", &["RWO"], None),
        "spec.selector",
        json!({"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}]}),
    );
    assert_eq!(best(&claim, &pvs), some("fast"));
    let claim = with(pvc("c", "1Gi", &["RWO"], None), "spec.selector", json!({"matchLabels": {"speed": "warp"}}));
    assert_eq!(best(&claim, &pvs), None);
}

#[test]
fn only_available_volumes_match_unless_pre_bound() {
    let c = pvc("c", "1Gi", &["RWO"], None);
    for phase in ["Pending", "Released", "Bound", "Failed"] {
        let pvs = [with(pv("a", "1Gi", &["RWO"], ""), "status.phase", json!(phase))];
        assert_eq!(best(&c, &pvs), None, "{phase}");
    }
    // pre-bound by name: phase, class and selector are not checked
    let pre = with(bound_to(pv("pre", "1Gi", &["RWO"], "other"), &c), "status.phase", json!("Pending"));
    let pre = with(pre, "spec.claimRef.uid", json!(""));
    let claim = with(c.clone(), "spec.selector", json!({"matchLabels": {"x": "y"}}));
    assert_eq!(best(&claim, &[pre]), some("pre"));
}

#[test]
fn pre_bound_volume_is_returned_before_a_smaller_available_one() {
    let c = pvc("c", "1Gi", &["RWO"], None);
    let pvs = [pv("small", "1Gi", &["RWO"], ""), bound_to(pv("pre", "10Gi", &["RWO"], ""), &c)];
    assert_eq!(best(&c, &pvs), some("pre"));
}

#[test]
fn volumes_bound_to_other_claims_are_skipped() {
    let c = pvc("c", "1Gi", &["RWO"], None);
    let other = pvc("other", "1Gi", &["RWO"], None);
    let pvs = [bound_to(pv("taken", "1Gi", &["RWO"], ""), &other), pv("free", "2Gi", &["RWO"], "")];
    assert_eq!(best(&c, &pvs), some("free"));
    // same name, other UID: the claim was recreated, the PV is not ours
    let stale = with(bound_to(pv("stale", "1Gi", &["RWO"], ""), &c), "spec.claimRef.uid", json!("old-uid"));
    assert_eq!(best(&c, &[stale]), None);
}

#[test]
fn too_small_pre_bound_volume_is_skipped() {
    let c = pvc("c", "5Gi", &["RWO"], None);
    let pvs = [bound_to(pv("pre", "1Gi", &["RWO"], ""), &c), pv("free", "5Gi", &["RWO"], "")];
    assert_eq!(best(&c, &pvs), some("free"));
}

#[test]
fn volume_mode_nil_is_filesystem() {
    let block_claim = with(pvc("c", "1Gi", &["RWO"], None), "spec.volumeMode", json!("Block"));
    let nil_pv = with(pv("a", "1Gi", &["RWO"], ""), "spec.volumeMode", Value::Null);
    assert_eq!(best(&block_claim, std::slice::from_ref(&nil_pv)), None);
    let nil_claim = with(pvc("c", "1Gi", &["RWO"], None), "spec.volumeMode", Value::Null);
    assert_eq!(best(&nil_claim, &[nil_pv]), some("a"));
    let block_pv = with(pv("b", "1Gi", &["RWO"], ""), "spec.volumeMode", json!("Block"));
    assert_eq!(best(&block_claim, &[block_pv]), some("b"));
}

#[test]
fn deleting_volumes_are_skipped_even_when_pre_bound() {
    let c = pvc("c", "1Gi", &["RWO"], None);
    let gone = with(pv("a", "1Gi", &["RWO"], ""), "metadata.deletionTimestamp", json!("2024-12-10T08:00:00Z"));
    assert_eq!(best(&c, std::slice::from_ref(&gone)), None);
    assert_eq!(best(&c, &[bound_to(gone, &c)]), None);
    assert_eq!(best(&c, &[pv("a", "1Gi", &["RWO"], "")]), some("a"));
}

#[test]
fn volume_attributes_class_volumes_never_bind_with_the_gate_off() {
    let c = pvc("c", "1Gi", &["RWO"], None);
    let vac = with(pv("a", "1Gi", &["RWO"], ""), "spec.volumeAttributesClassName", json!("gold"));
    assert_eq!(best(&c, &[vac]), None);
}

#[test]
fn delay_binding_skips_unbound_volumes_but_not_pre_bound_ones() {
    let c = pvc("c", "1Gi", &["RWO"], Some("wait"));
    let free = pv("free", "1Gi", &["RWO"], "wait");
    assert_eq!(best_delayed(&c, std::slice::from_ref(&free)), None);
    assert_eq!(best(&c, std::slice::from_ref(&free)), some("free"));
    assert_eq!(best_delayed(&c, &[free, bound_to(pv("pre", "1Gi", &["RWO"], "wait"), &c)]), some("pre"));
}

fn affinity(pv: Value, host: &str) -> Value {
    with(
        pv,
        "spec.nodeAffinity",
        json!({"required": {"nodeSelectorTerms": [{"matchExpressions": [
            {"key": "kubernetes.io/hostname", "operator": "In", "values": [host]}]}]}}),
    )
}

fn node(name: &str) -> Value {
    json!({"metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}}})
}

#[test]
fn scheduler_path_checks_node_affinity() {
    let c = pvc("c", "1Gi", &["RWO"], Some("local"));
    let pvs =
        [affinity(pv("n1", "1Gi", &["RWO"], "local"), "node1"), affinity(pv("n2", "2Gi", &["RWO"], "local"), "node2")];
    assert_eq!(on_node(&c, &pvs, &node("node1")), some("n1"));
    assert_eq!(on_node(&c, &pvs, &node("node2")), some("n2"));
    assert_eq!(on_node(&c, &pvs, &node("node3")), None);
    // the controller path ignores node affinity
    assert_eq!(best(&c, &pvs), some("n1"));
}

#[test]
fn pre_bound_volume_with_failing_affinity_means_no_match_at_all() {
    let c = pvc("c", "1Gi", &["RWO"], Some("local"));
    let pvs =
        [pv("free", "1Gi", &["RWO"], "local"), bound_to(affinity(pv("pre", "1Gi", &["RWO"], "local"), "node1"), &c)];
    assert_eq!(on_node(&c, &pvs, &node("node2")), None);
    assert_eq!(on_node(&c, &pvs, &node("node1")), some("pre"));
}

#[test]
fn access_modes_checked_inline_only_on_the_scheduler_path() {
    let c = pvc("c", "1Gi", &["RWX"], None);
    let pvs = [pv("rwo", "1Gi", &["RWO"], "")];
    let refs: Vec<&Value> = pvs.iter().collect();
    assert_eq!(find_matching_volume(&c, &refs, None, false), Some(0));
    assert_eq!(on_node(&c, &pvs, &node("node1")), None);
    let pvs = [pv("rwx", "1Gi", &["RWO", "RWX"], "")];
    assert_eq!(on_node(&c, &pvs, &node("node1")), some("rwx"));
}

#[test]
fn binds_a_thousand_claims_against_a_thousand_volumes() {
    // PV i has (i % 10 + 1) Gi; claim j asks for (j % 10 + 1) Gi: every claim gets a PV of
    // exactly its size, and no PV is given twice.
    let pvs: Vec<Value> =
        (0..1000).map(|i| pv(&format!("pv-{i}"), &format!("{}Gi", i % 10 + 1), &["RWO"], "")).collect();
    let claims: Vec<Value> =
        (0..1000).map(|j| pvc(&format!("c-{j}"), &format!("{}Gi", j % 10 + 1), &["RWO"], None)).collect();
    let refs: Vec<&Value> = pvs.iter().collect();
    let mut index = VolumeIndex::new(&refs);
    let mut taken = vec![false; pvs.len()];
    for c in &claims {
        let key = ClaimKey::new(c);
        let i = index.find_best_match(&key, false).expect("a PV for every claim");
        assert!(!taken[i], "PV given twice");
        taken[i] = true;
        let want = object::get_str(c, "spec.resources.requests.storage");
        assert_eq!(object::get_str(&pvs[i], "spec.capacity.storage"), want);
        index.assume_bound(i, &key);
    }
    assert!(taken.iter().all(|t| *t));
    assert_eq!(index.find_best_match(&ClaimKey::new(&pvc("extra", "1Gi", &["RWO"], None)), false), None);
}

/// The index answers as the walk over each group's members (`find_in`) does, for claims and
/// volumes varied in class, size, modes, phase, claimRef, labels and deletion.
#[test]
fn index_agrees_with_the_walk_over_each_group() {
    use super::super::matching::{find_in, VolumeKey};
    let classes = ["", "nfs", "fast"];
    let modes: [&[&str]; 4] = [&["RWO"], &["RWO", "ROX"], &["RWX"], &["ROX"]];
    let sizes = ["1Gi", "2Gi", "500Mi", "2Gi", "10Gi"];
    let pvs: Vec<Value> = (0..120)
        .map(|i| {
            let mut v = pv(&format!("pv-{i:03}"), sizes[i % 5], modes[i % 4], classes[i % 3]);
            if i % 7 == 0 {
                object::set(&mut v, "status.phase", json!("Released"));
            }
            if i % 11 == 0 {
                object::set(&mut v, "spec.claimRef", json!({"namespace": "default", "name": format!("c-{:03}", i % 13), "uid": ""}));
            }
            if i % 17 == 0 {
                object::set(&mut v, "metadata.deletionTimestamp", json!("2024-12-10T08:00:00Z"));
            }
            if i % 2 == 0 {
                object::set(&mut v, "metadata.labels", json!({"tier": if i % 4 == 0 { "gold" } else { "silver" }}));
            }
            v
        })
        .collect();
    let refs: Vec<&Value> = pvs.iter().collect();
    let index = VolumeIndex::new(&refs);
    let keys: Vec<VolumeKey> = refs.iter().map(|v| VolumeKey::new(v)).collect();
    for j in 0..80 {
        let mut c = pvc(&format!("c-{:03}", j % 13), ["1Gi", "2Gi", "3Gi", "100Mi"][j % 4], modes[j % 4], Some(classes[j % 3]));
        if j % 5 == 0 {
            object::set(&mut c, "spec.selector", json!({"matchLabels": {"tier": "gold"}}));
        }
        let key = ClaimKey::new(&c);
        for delay in [false, true] {
            let walk = index.matching_groups(&key).into_iter().find_map(|m| find_in(&keys, m.iter().copied(), &key, None, delay));
            assert_eq!(index.find_best_match(&key, delay), walk, "claim {j}, delay {delay}");
        }
    }
}
