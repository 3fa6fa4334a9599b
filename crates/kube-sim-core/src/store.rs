//! The object store: every API object, keyed by kind, then (namespace, name), in BTreeMaps so
//! that listing order is deterministic (namespace, then name, as the API server lists).
//!
//! Every change goes through [`Store::apply`], which stamps `metadata.resourceVersion` from
//! one counter. Nothing here validates: that is the API server's job (`apiserver.rs`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::object;

/// One change to the store.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A new object (must not exist yet).
    Created(Value),
    /// A new version of an existing object.
    Modified(Value),
    /// The object is gone.
    Deleted(Value),
}

/// The objects of the cluster.
#[derive(Clone, Debug, Default)]
pub struct Store {
    objects: BTreeMap<String, BTreeMap<(String, String), Value>>,
    rv: u64,
    /// Index: (kind, namespace, name) of objects with a `deletionTimestamp`.
    terminating: BTreeSet<(String, String, String)>,
    /// The resourceVersion of the last change to each kind.
    kind_rev: BTreeMap<String, u64>,
    /// Index: (kind, namespace, name) of objects with `metadata.ownerReferences` (dependents,
    /// for the garbage collector).
    owned: BTreeSet<(String, String, String)>,
    /// Index: the pods (namespace, name) by `spec.nodeName` ("" for pods not scheduled yet),
    /// so the kubelets and the scheduler read their pods without walking every pod.
    pods_by_node: BTreeMap<String, BTreeSet<(String, String)>>,
    /// Index: (kind, namespace, name) of the objects that name an owner, by the owner's uid.
    by_owner: BTreeMap<String, BTreeSet<(String, String, String)>>,
    /// Index: the pods (namespace, name) with a volume from a claim (`persistentVolumeClaim`
    /// or a generic `ephemeral` volume), for the PV controller.
    claim_pods: BTreeSet<(String, String)>,
    /// The pods' table summaries (`api::pod_summary`), kept by `apply` like the indexes.
    pub(crate) pod_summaries: crate::api::pod_summary::PodSummaries,
}

/// Whether `pod` has a volume from a claim (`persistentVolumeClaim` or `ephemeral`).
fn uses_claim(pod: &Value) -> bool {
    object::get(pod, "spec.volumes")
        .and_then(Value::as_array)
        .is_some_and(|vs| vs.iter().any(|v| v.get("persistentVolumeClaim").is_some() || v.get("ephemeral").is_some()))
}

/// The `spec.nodeName` of a pod ("" when unset).
fn node_of(obj: &Value) -> &str {
    object::get_str(obj, "spec.nodeName").unwrap_or("")
}

/// The uids in `metadata.ownerReferences`.
fn owner_uids(obj: &Value) -> impl Iterator<Item = &str> {
    object::get(obj, "metadata.ownerReferences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("uid").and_then(Value::as_str))
}

fn has_owner_refs(obj: &Value) -> bool {
    object::get(obj, "metadata.ownerReferences").and_then(Value::as_array).is_some_and(|a| !a.is_empty())
}

impl Store {
    /// The last resourceVersion handed out (changes with every write).
    pub fn revision(&self) -> u64 {
        self.rv
    }

    /// The resourceVersion of the last change to an object of `kind` (0 if never).
    pub fn kind_revision(&self, kind: &str) -> u64 {
        self.kind_rev.get(kind).copied().unwrap_or(0)
    }

    /// The object of `kind` named `name` in `ns` ("" for cluster-scoped kinds).
    pub fn get(&self, kind: &str, ns: &str, name: &str) -> Option<&Value> {
        self.objects.get(kind)?.get(&(ns.to_string(), name.to_string()))
    }

    /// Every object of `kind`, in `ns` when given, sorted by namespace then name.
    pub fn list(&self, kind: &str, ns: Option<&str>) -> Vec<&Value> {
        let Some(m) = self.objects.get(kind) else { return Vec::new() };
        match ns {
            None => m.values().collect(),
            Some(ns) => m
                .range((ns.to_string(), String::new())..)
                .take_while(|((n, _), _)| n == ns)
                .map(|(_, v)| v)
                .collect(),
        }
    }

    /// The objects of `kind` being deleted (with a `deletionTimestamp`), from an index.
    pub fn terminating(&self, kind: &str) -> Vec<&Value> {
        self.terminating
            .range((kind.to_string(), String::new(), String::new())..)
            .take_while(|(k, _, _)| k == kind)
            .filter_map(|(k, ns, name)| self.get(k, ns, name))
            .collect()
    }

    /// Every object being deleted (with a `deletionTimestamp`), in the order of
    /// [`Store::all`], from an index.
    pub fn all_terminating(&self) -> Vec<&Value> {
        self.terminating.iter().filter_map(|(k, ns, name)| self.get(k, ns, name)).collect()
    }

    /// The objects that have owner references (`metadata.ownerReferences`), in the order of
    /// [`Store::all`], from an index.
    pub fn dependents(&self) -> Vec<&Value> {
        self.owned.iter().filter_map(|(k, ns, name)| self.get(k, ns, name)).collect()
    }

    /// The pods whose `spec.nodeName` is `node` (`""`: the pods not scheduled yet), in the
    /// order of [`Store::list`], from an index.
    pub fn pods_on_node(&self, node: &str) -> Vec<&Value> {
        let Some(keys) = self.pods_by_node.get(node) else { return Vec::new() };
        let Some(pods) = self.objects.get("Pod") else { return Vec::new() };
        keys.iter().filter_map(|k| pods.get(k)).collect()
    }

    /// The objects with an owner reference to the object whose uid is `uid` (controller or
    /// not), ordered by kind, namespace, name, from an index.
    pub fn owned_by(&self, uid: &str) -> Vec<&Value> {
        let Some(keys) = self.by_owner.get(uid) else { return Vec::new() };
        keys.iter().filter_map(|(k, ns, name)| self.get(k, ns, name)).collect()
    }

    /// The pods with a volume from a claim (`persistentVolumeClaim` or a generic `ephemeral`
    /// volume), in the order of [`Store::list`], from an index.
    pub fn pods_with_claims(&self) -> Vec<&Value> {
        let Some(pods) = self.objects.get("Pod") else { return Vec::new() };
        self.claim_pods.iter().filter_map(|k| pods.get(k)).collect()
    }

    /// Drops the index entries of the stored version of `ikey`, if any.
    fn unindex(&mut self, ikey: &(String, String, String)) {
        let Some(old) = self.objects.get(&ikey.0).and_then(|m| m.get(&(ikey.1.clone(), ikey.2.clone()))) else { return };
        let uids: Vec<String> = owner_uids(old).map(str::to_string).collect();
        let node = (ikey.0 == "Pod").then(|| node_of(old).to_string());
        for uid in uids {
            if let Some(set) = self.by_owner.get_mut(&uid) {
                set.remove(ikey);
                if set.is_empty() {
                    self.by_owner.remove(&uid);
                }
            }
        }
        if let Some(node) = node {
            self.claim_pods.remove(&(ikey.1.clone(), ikey.2.clone()));
            if let Some(set) = self.pods_by_node.get_mut(&node) {
                set.remove(&(ikey.1.clone(), ikey.2.clone()));
                if set.is_empty() {
                    self.pods_by_node.remove(&node);
                }
            }
        }
    }

    /// Adds the index entries of `obj`, stored under `ikey`.
    fn index(&mut self, ikey: &(String, String, String), obj: &Value) {
        for uid in owner_uids(obj) {
            self.by_owner.entry(uid.to_string()).or_default().insert(ikey.clone());
        }
        if ikey.0 == "Pod" && uses_claim(obj) {
            self.claim_pods.insert((ikey.1.clone(), ikey.2.clone()));
        }
        if ikey.0 == "Pod" {
            self.pods_by_node.entry(node_of(obj).to_string()).or_default().insert((ikey.1.clone(), ikey.2.clone()));
        }
    }

    /// Every object of every kind, kinds in name order.
    pub fn all(&self) -> Vec<&Value> {
        self.objects.values().flat_map(|m| m.values()).collect()
    }

    /// The kinds that have at least one object.
    pub fn kinds(&self) -> Vec<&str> {
        self.objects.iter().filter(|(_, m)| !m.is_empty()).map(|(k, _)| k.as_str()).collect()
    }

    /// Applies one change; stamps a fresh resourceVersion on created and modified objects and
    /// returns the stored object (for `Deleted`, the object as it was).
    pub fn apply(&mut self, change: Change) -> Value {
        match change {
            Change::Created(mut obj) | Change::Modified(mut obj) => {
                self.rv += 1;
                self.kind_rev.insert(object::kind(&obj).to_string(), self.rv);
                object::set(&mut obj, "metadata.resourceVersion", Value::String(self.rv.to_string()));
                let key = (object::namespace(&obj).to_string(), object::name(&obj).to_string());
                let ikey = (object::kind(&obj).to_string(), key.0.clone(), key.1.clone());
                if has_owner_refs(&obj) {
                    self.owned.insert(ikey.clone());
                } else {
                    self.owned.remove(&ikey);
                }
                self.unindex(&ikey);
                self.index(&ikey, &obj);
                self.pod_summaries.note(&obj);
                if object::get(&obj, "metadata.deletionTimestamp").is_some() {
                    self.terminating.insert(ikey);
                } else {
                    self.terminating.remove(&ikey);
                }
                self.objects.entry(object::kind(&obj).to_string()).or_default().insert(key, obj.clone());
                obj
            }
            Change::Deleted(obj) => {
                self.rv += 1;
                self.kind_rev.insert(object::kind(&obj).to_string(), self.rv);
                let key = (object::namespace(&obj).to_string(), object::name(&obj).to_string());
                let ikey = (object::kind(&obj).to_string(), key.0.clone(), key.1.clone());
                self.terminating.remove(&ikey);
                self.owned.remove(&ikey);
                self.unindex(&ikey);
                self.pod_summaries.forget(&obj);
                if let Some(m) = self.objects.get_mut(object::kind(&obj)) {
                    m.remove(&key);
                }
                obj
            }
        }
    }
}

impl crate::cluster::Cluster {
    /// The store's last resourceVersion: it changes with every write, so two equal readings
    /// mean nothing was written in between (benchmarks wait for a settled lab with it).
    pub fn store_revision(&self) -> u64 {
        self.api.store.revision()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
