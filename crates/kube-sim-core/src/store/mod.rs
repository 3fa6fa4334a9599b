//! The object store: every API object, keyed by kind, then namespace, then name, in BTreeMaps so
//! that listing order is deterministic (namespace, then name, as the API server lists).
//!
//! Every change goes through [`Store::apply`], which stamps `metadata.resourceVersion` from
//! one counter, keeps the indexes (`index.rs`) and the prior versions a reader asked for
//! (`prior.rs`) up to date. Stored objects are shared (`Rc<Value>`): a copy of the store, a
//! list or a write's result never deep-copies an object. Nothing here validates: that is the API server's job (`apiserver.rs`).

mod index;
mod prior;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::rc::Rc;

use serde_json::Value;

use index::{facts, key_of, Indexes, Key};
pub(crate) use prior::PriorVersion;

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

/// A stored object and the revision it was written at.
#[derive(Clone, Debug)]
struct Entry {
    obj: Rc<Value>,
    rev: u64,
}

/// name → entry.
type Names = BTreeMap<String, Entry>;

/// The objects of the cluster.
#[derive(Clone, Debug, Default)]
pub struct Store {
    /// kind → namespace ("" for cluster-scoped kinds) → name → object. Lookups borrow their
    /// keys; empty namespace maps are removed.
    objects: BTreeMap<String, BTreeMap<String, Names>>,
    rv: u64,
    /// The resourceVersion of the last change to each kind.
    kind_rev: BTreeMap<String, u64>,
    indexes: Indexes,
    /// Versions at a mark of the objects of a few kinds written since (`prior.rs`).
    prior: prior::Prior,
    /// The pods' table summaries (`api::pod_summary`), kept by `apply` like the indexes.
    pub(crate) pod_summaries: crate::api::pod_summary::PodSummaries,
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
        self.entry(kind, ns, name).map(|e| &*e.obj)
    }

    /// The same object as [`Store::get`], shared: a reference that outlives later writes.
    pub fn get_shared(&self, kind: &str, ns: &str, name: &str) -> Option<Rc<Value>> {
        self.entry(kind, ns, name).map(|e| Rc::clone(&e.obj))
    }

    fn entry(&self, kind: &str, ns: &str, name: &str) -> Option<&Entry> {
        self.objects.get(kind)?.get(ns)?.get(name)
    }

    fn get_key(&self, key: &Key) -> Option<&Value> {
        self.get(&key.0, &key.1, &key.2)
    }

    /// Every object of `kind`, in `ns` when given, sorted by namespace then name.
    pub fn list(&self, kind: &str, ns: Option<&str>) -> Vec<&Value> {
        let Some(m) = self.objects.get(kind) else { return Vec::new() };
        match ns {
            None => m.values().flat_map(|names| names.values()).map(|e| &*e.obj).collect(),
            Some(ns) => m.get(ns).into_iter().flat_map(|names| names.values()).map(|e| &*e.obj).collect(),
        }
    }

    /// The objects of `kind` in `ns` whose name starts with `prefix`, sorted by name.
    pub fn list_prefix(&self, kind: &str, ns: &str, prefix: &str) -> Vec<&Value> {
        let Some(names) = self.objects.get(kind).and_then(|m| m.get(ns)) else { return Vec::new() };
        names
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(n, _)| n.starts_with(prefix))
            .map(|(_, e)| &*e.obj)
            .collect()
    }

    /// The objects of `kind` being deleted (with a `deletionTimestamp`), from an index.
    pub fn terminating(&self, kind: &str) -> Vec<&Value> {
        self.indexes
            .terminating
            .range::<Key, _>((Bound::Included(&(kind.to_string(), String::new(), String::new())), Bound::Unbounded))
            .take_while(|(k, _, _)| k == kind)
            .filter_map(|k| self.get_key(k))
            .collect()
    }

    /// Every object being deleted (with a `deletionTimestamp`), in the order of
    /// [`Store::all`], from an index.
    pub fn all_terminating(&self) -> Vec<&Value> {
        self.indexes.terminating.iter().filter_map(|k| self.get_key(k)).collect()
    }

    /// The objects that have owner references (`metadata.ownerReferences`), in the order of
    /// [`Store::all`] (kind, namespace, name), from the owner index.
    pub fn dependents(&self) -> Vec<&Value> {
        let keys: BTreeSet<&Key> = self.indexes.by_owner.values().flatten().collect();
        keys.into_iter().filter_map(|k| self.get_key(k)).collect()
    }

    /// The pods whose `spec.nodeName` is `node` (`""`: the pods not scheduled yet), in the
    /// order of [`Store::list`], from an index.
    pub fn pods_on_node(&self, node: &str) -> Vec<&Value> {
        self.pods_at(self.indexes.pods_by_node.get(node))
    }

    /// The pods on `node` its kubelet works on, in the order of [`Store::list`], from an
    /// index: the pods it runs ([`crate::kubelet::managed`]) and any pod being deleted.
    pub fn kubelet_pods(&self, node: &str) -> Vec<Rc<Value>> {
        let Some(keys) = self.indexes.kubelet_pods.get(node) else { return Vec::new() };
        keys.iter().filter_map(|(ns, name)| self.get_shared("Pod", ns, name)).collect()
    }

    fn pods_at(&self, keys: Option<&BTreeSet<(String, String)>>) -> Vec<&Value> {
        keys.into_iter().flatten().filter_map(|(ns, name)| self.get("Pod", ns, name)).collect()
    }

    /// The objects with an owner reference to the object whose uid is `uid` (controller or
    /// not), ordered by kind, namespace, name, from an index.
    pub fn owned_by(&self, uid: &str) -> Vec<&Value> {
        self.indexes.by_owner.get(uid).into_iter().flatten().filter_map(|k| self.get_key(k)).collect()
    }

    /// The pods with a volume from a claim (`persistentVolumeClaim` or a generic `ephemeral`
    /// volume), in the order of [`Store::list`], from an index.
    pub fn pods_with_claims(&self) -> Vec<&Value> {
        self.pods_at(Some(&self.indexes.claim_pods))
    }

    /// Every object of every kind, kinds in name order.
    pub fn all(&self) -> Vec<&Value> {
        self.objects.values().flat_map(|m| m.values()).flat_map(|names| names.values()).map(|e| &*e.obj).collect()
    }

    /// The kinds that have at least one object.
    pub fn kinds(&self) -> Vec<&str> {
        self.objects.iter().filter(|(_, m)| !m.is_empty()).map(|(k, _)| k.as_str()).collect()
    }

    /// Hands out the next resourceVersion for a change to `kind`.
    fn next_rev(&mut self, kind: &str) -> u64 {
        self.rv += 1;
        match self.kind_rev.get_mut(kind) {
            Some(r) => *r = self.rv,
            None => {
                self.kind_rev.insert(kind.to_string(), self.rv);
            }
        }
        self.rv
    }

    /// Applies one change; stamps a fresh resourceVersion on created and modified objects and
    /// returns the stored object, shared (for `Deleted`, the object as it was). This is the
    /// one write path: the indexes follow it.
    pub fn apply(&mut self, change: Change) -> Rc<Value> {
        match change {
            Change::Created(obj) => self.write(obj, true),
            Change::Modified(obj) => self.write(obj, false),
            Change::Deleted(obj) => {
                self.next_rev(key_of(&obj).0);
                let obj = Rc::new(obj);
                let (kind, ns, name) = key_of(&obj);
                let key: Key = (kind.to_string(), ns.to_string(), name.to_string());
                let old = self.remove(kind, ns, name);
                let old_facts = old.as_ref().map(|e| facts(kind, &e.obj));
                self.prior.note(&key, old.as_ref().map(|e| (&e.obj, e.rev)), true);
                self.indexes.update(&key, old_facts.as_ref(), None);
                self.pod_summaries.forget(&obj);
                obj
            }
        }
    }

    /// Stores `obj` (a create when `created`: its name is not looked up before the insert) at
    /// a fresh resourceVersion, reading its kind, namespace and name once.
    fn write(&mut self, mut obj: Value, created: bool) -> Rc<Value> {
        let rev = self.rv + 1;
        index::set_resource_version(&mut obj, rev);
        let obj = Rc::new(obj);
        let (kind, ns, name) = key_of(&obj);
        self.next_rev(kind);
        if !self.objects.contains_key(kind) {
            self.objects.insert(kind.to_string(), BTreeMap::new());
        }
        let Some(namespaces) = self.objects.get_mut(kind) else { return obj };
        if !namespaces.contains_key(ns) {
            namespaces.insert(ns.to_string(), BTreeMap::new());
        }
        let Some(names) = namespaces.get_mut(ns) else { return obj };
        let entry = Entry { obj: Rc::clone(&obj), rev };
        // A create inserts at once (one search, not two); an update replaces in place
        // (its key is not allocated again).
        let old = if created {
            names.insert(name.to_string(), entry)
        } else {
            match names.get_mut(name) {
                Some(e) => Some(std::mem::replace(e, entry)),
                None => names.insert(name.to_string(), entry),
            }
        };
        let key: Key = (kind.to_string(), ns.to_string(), name.to_string());
        let old_facts = old.as_ref().map(|e| facts(kind, &e.obj));
        self.prior.note(&key, old.as_ref().map(|e| (&e.obj, e.rev)), false);
        self.indexes.update(&key, old_facts.as_ref(), Some(&facts(kind, &obj)));
        if kind == "Pod" {
            self.pod_summaries.note(&obj);
        }
        obj
    }

    /// Takes the entry of (kind, ns, name) out of the map, dropping an emptied namespace.
    fn remove(&mut self, kind: &str, ns: &str, name: &str) -> Option<Entry> {
        let namespaces = self.objects.get_mut(kind)?;
        let names = namespaces.get_mut(ns)?;
        let old = names.remove(name);
        if names.is_empty() {
            namespaces.remove(ns);
        }
        old
    }
}
