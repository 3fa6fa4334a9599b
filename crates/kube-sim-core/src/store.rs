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
                if let Some(m) = self.objects.get_mut(object::kind(&obj)) {
                    m.remove(&key);
                }
                obj
            }
        }
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
}
