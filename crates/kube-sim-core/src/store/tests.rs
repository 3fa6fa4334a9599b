//! Unit tests of the store.
use super::*;
use crate::object;
use serde_json::json;

#[test]
fn list_by_namespace_is_sorted_and_scoped() {
    let mut s = Store::default();
    for (ns, n) in [("b", "x"), ("a", "z"), ("a", "y"), ("ab", "w")] {
        s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": ns, "name": n}})));
    }
    let names: Vec<_> = s.list("Pod", Some("a")).into_iter().map(object::name).collect();
    assert_eq!(names, ["y", "z"]);
    assert_eq!(s.list("Pod", None).len(), 4);
    assert_eq!(s.revision(), 4);
    let p = s.get("Pod", "b", "x").cloned().unwrap();
    assert_eq!(object::get_str(&p, "metadata.resourceVersion"), Some("1"));
    s.apply(Change::Deleted(p));
    assert!(s.get("Pod", "b", "x").is_none());
}

#[test]
fn dependents_index_follows_owner_references() {
    let mut s = Store::default();
    let refs = json!([{"kind": "ReplicaSet", "name": "rs", "uid": "u1"}]);
    s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": "a", "name": "p", "ownerReferences": refs}})));
    s.apply(Change::Created(json!({"kind": "ConfigMap", "metadata": {"namespace": "a", "name": "c", "ownerReferences": refs}})));
    s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": "a", "name": "q"}})));
    let names = |s: &Store| s.dependents().into_iter().map(|o| format!("{}/{}", object::kind(o), object::name(o))).collect::<Vec<_>>();
    assert_eq!(names(&s), ["ConfigMap/c", "Pod/p"]);
    let mut p = s.get("Pod", "a", "p").cloned().unwrap();
    object::set(&mut p, "metadata.ownerReferences", json!([]));
    s.apply(Change::Modified(p));
    assert_eq!(names(&s), ["ConfigMap/c"]);
    let c = s.get("ConfigMap", "a", "c").cloned().unwrap();
    s.apply(Change::Deleted(c));
    assert!(s.dependents().is_empty());
}

#[test]
fn node_and_owner_indexes_follow_writes() {
    let mut s = Store::default();
    let refs = json!([{"kind": "ReplicaSet", "name": "rs", "uid": "u1"}]);
    s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": "b", "name": "p", "ownerReferences": refs}})));
    s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": "a", "name": "q"}, "spec": {"nodeName": "n1"}})));
    s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": "a", "name": "r"}, "spec": {"nodeName": ""}})));
    let names = |v: Vec<&Value>| v.into_iter().map(|o| format!("{}/{}", object::namespace(o), object::name(o))).collect::<Vec<_>>();
    assert_eq!(names(s.pods_on_node("")), ["a/r", "b/p"]);
    assert_eq!(names(s.pods_on_node("n1")), ["a/q"]);
    assert_eq!(names(s.owned_by("u1")), ["b/p"]);
    let mut p = s.get("Pod", "b", "p").cloned().unwrap();
    object::set(&mut p, "spec.nodeName", json!("n1"));
    object::remove(&mut p, "metadata.ownerReferences");
    s.apply(Change::Modified(p));
    assert_eq!(names(s.pods_on_node("")), ["a/r"]);
    assert_eq!(names(s.pods_on_node("n1")), ["a/q", "b/p"]);
    assert!(s.owned_by("u1").is_empty());
    assert!(s.pods_with_claims().is_empty());
    let mut r = s.get("Pod", "a", "r").cloned().unwrap();
    object::set(&mut r, "spec.volumes", json!([{"name": "v", "persistentVolumeClaim": {"claimName": "c"}}]));
    s.apply(Change::Modified(r));
    assert_eq!(names(s.pods_with_claims()), ["a/r"]);
    let q = s.get("Pod", "a", "q").cloned().unwrap();
    s.apply(Change::Deleted(q));
    assert_eq!(names(s.pods_on_node("n1")), ["b/p"]);
}

#[test]
fn prefix_lists_and_kubelet_index() {
    let mut s = Store::default();
    for n in ["recycler-for-b", "recycler-for-a", "recycler", "web"] {
        s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": "default", "name": n}})));
    }
    let names: Vec<_> = s.list_prefix("Pod", "default", "recycler-for-").into_iter().map(object::name).collect();
    assert_eq!(names, ["recycler-for-a", "recycler-for-b"]);
    assert!(s.list_prefix("Pod", "other", "r").is_empty());
    // The lab's system pods (container ids of zeros) are the kubelet's only once deleted.
    let lab = json!({"kind": "Pod", "metadata": {"namespace": "kube-system", "name": "sys"}, "spec": {"nodeName": "n1"},
        "status": {"containerStatuses": [{"containerID": "docker://0000"}]}});
    s.apply(Change::Created(lab.clone()));
    s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": "a", "name": "run"}, "spec": {"nodeName": "n1"}})));
    let names = |s: &Store| s.kubelet_pods("n1").iter().map(|p| object::name(p).to_string()).collect::<Vec<_>>();
    assert_eq!(names(&s), ["run"]);
    assert_eq!(s.pods_on_node("n1").len(), 2);
    let mut deleting = lab;
    object::set(&mut deleting, "metadata.deletionTimestamp", json!("2026-01-01T00:00:00Z"));
    s.apply(Change::Modified(deleting.clone()));
    assert_eq!(names(&s), ["run", "sys"]);
    assert_eq!(s.terminating("Pod").len(), 1);
    s.apply(Change::Deleted(deleting));
    assert_eq!(names(&s), ["run"]);
    assert!(s.all_terminating().is_empty());
    assert_eq!(s.kinds(), ["Pod"]);
}

#[test]
fn shared_objects_outlive_writes_and_copies() {
    let mut s = Store::default();
    let first = s.apply(Change::Created(json!({"kind": "ConfigMap", "metadata": {"namespace": "a", "name": "c"}})));
    let copy = s.clone();
    s.apply(Change::Modified(json!({"kind": "ConfigMap", "metadata": {"namespace": "a", "name": "c"}, "data": {"k": "v"}})));
    assert_eq!(object::get_str(&first, "metadata.resourceVersion"), Some("1"));
    assert_eq!(copy.get("ConfigMap", "a", "c").map(|c| c.get("data").is_none()), Some(true));
    assert_eq!(s.get_shared("ConfigMap", "a", "c").and_then(|c| object::get_str(&c, "data.k").map(str::to_string)).as_deref(), Some("v"));
}

#[test]
fn prior_versions_are_those_at_the_mark_of_objects_written_since() {
    let mut s = Store::default();
    let cm = |name: &str, v: &str| json!({"kind": "ConfigMap", "metadata": {"namespace": "a", "name": name}, "data": {"k": v}});
    s.apply(Change::Created(cm("x", "1")));
    s.apply(Change::Created(cm("y", "1")));
    // Nothing is kept before a reader asks.
    s.apply(Change::Modified(cm("x", "2")));
    s.apply(Change::Created(cm("w", "1")));
    let first = s.take_prior(&["ConfigMap"]);
    assert!(first.versions.is_empty() && !first.created);
    assert_eq!((s.prior_mark(), s.written_at("ConfigMap", "a", "x")), (4, Some(3)));
    s.apply(Change::Modified(cm("x", "3")));
    s.apply(Change::Modified(cm("x", "4")));
    let y = s.get("ConfigMap", "a", "y").cloned().unwrap();
    s.apply(Change::Deleted(y));
    // Modified, then deleted: its version at the mark, noted as deleted.
    s.apply(Change::Modified(cm("w", "2")));
    let w = s.get("ConfigMap", "a", "w").cloned().unwrap();
    s.apply(Change::Deleted(w));
    s.apply(Change::Created(cm("z", "1")));
    s.apply(Change::Modified(cm("z", "2")));
    s.apply(Change::Created(json!({"kind": "Pod", "metadata": {"namespace": "a", "name": "p"}})));
    s.apply(Change::Modified(json!({"kind": "Pod", "metadata": {"namespace": "a", "name": "p"}})));
    let at_mark = |v: Option<(&Rc<Value>, u64)>| v.map(|(o, _)| (object::get_str(o, "data.k").unwrap_or("").to_string(), object::get_str(o, "metadata.resourceVersion").unwrap_or("").to_string()));
    assert_eq!(at_mark(s.prior_version("ConfigMap", "a", "x")), Some(("2".into(), "3".into())));
    assert_eq!(at_mark(s.prior_version("ConfigMap", "a", "y")), Some(("1".into(), "2".into())));
    assert_eq!(at_mark(s.prior_version("ConfigMap", "a", "z")), None, "created since the mark");
    assert_eq!(at_mark(s.prior_version("Pod", "a", "p")), None, "not a kind kept");
    let kept = s.take_prior(&["ConfigMap"]);
    assert_eq!(kept.versions.iter().map(|(k, v)| (k.2.as_str(), v.rev, v.deleted)).collect::<Vec<_>>(), [("w", 4, true), ("x", 3, false), ("y", 2, true)]);
    assert!(kept.created, "z was created");
    assert_eq!(s.prior_mark(), s.revision());
    assert!(s.prior_version("ConfigMap", "a", "x").is_none());
}
