//! The store's indexes, kept up to date by [`super::Store::apply`] from a few facts read off
//! each object as it is written ([`Facts`]): an index changes only when those facts change.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::object;

/// A (kind, namespace, name) key.
pub(crate) type Key = (String, String, String);

/// What the indexes need to know of one stored object, borrowed from it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Facts<'a> {
    /// The uid of each `metadata.ownerReferences` entry ("" when it has none).
    pub owners: Vec<&'a str>,
    /// For a pod, its `spec.nodeName` ("" when unset).
    pub node: Option<&'a str>,
    /// A pod with a volume from a claim.
    pub claim: bool,
    /// A pod its node's kubelet works on: one it runs ([`crate::kubelet::managed`]) or one
    /// being deleted.
    pub kubelet: bool,
    /// The object has a `deletionTimestamp`.
    pub deleting: bool,
}

/// Whether `pod` has a volume from a claim (`persistentVolumeClaim` or `ephemeral`).
fn uses_claim(pod: &Value) -> bool {
    pod.get("spec")
        .and_then(|s| s.get("volumes"))
        .and_then(Value::as_array)
        .is_some_and(|vs| vs.iter().any(|v| v.get("persistentVolumeClaim").is_some() || v.get("ephemeral").is_some()))
}

/// The facts of `obj`, an object of `kind`.
pub(crate) fn facts<'a>(kind: &str, obj: &'a Value) -> Facts<'a> {
    let meta = object::field(obj, "metadata");
    let owners = meta
        .and_then(|m| object::field(m, "ownerReferences"))
        .and_then(Value::as_array)
        .map(|refs| refs.iter().map(|r| r.get("uid").and_then(Value::as_str).unwrap_or("")).collect())
        .unwrap_or_default();
    let deleting = meta.and_then(|m| object::field(m, "deletionTimestamp")).is_some();
    let pod = kind == "Pod";
    Facts {
        owners,
        node: pod.then(|| obj.get("spec").and_then(|s| s.get("nodeName")).and_then(Value::as_str).unwrap_or("")),
        claim: pod && uses_claim(obj),
        kubelet: pod && (deleting || crate::kubelet::managed(obj)),
        deleting,
    }
}

/// The indexes over the stored objects.
#[derive(Clone, Debug, Default)]
pub(crate) struct Indexes {
    /// (kind, namespace, name) of objects with a `deletionTimestamp`.
    pub terminating: BTreeSet<Key>,
    /// The pods (namespace, name) by `spec.nodeName` ("" for pods not scheduled yet), so the
    /// scheduler and the node controllers read their pods without walking every pod.
    pub pods_by_node: BTreeMap<String, BTreeSet<(String, String)>>,
    /// The pods (namespace, name) each node's kubelet works on (see [`Facts::kubelet`]).
    pub kubelet_pods: BTreeMap<String, BTreeSet<(String, String)>>,
    /// (kind, namespace, name) of the objects that name an owner, by the owner's uid ("" for a
    /// reference without uid): also the garbage collector's list of dependents.
    pub by_owner: BTreeMap<String, BTreeSet<Key>>,
    /// The pods (namespace, name) with a volume from a claim, for the PV controller.
    pub claim_pods: BTreeSet<(String, String)>,
}

fn set_remove<K: Ord>(map: &mut BTreeMap<String, BTreeSet<K>>, at: &str, key: &K) {
    if let Some(set) = map.get_mut(at) {
        set.remove(key);
        if set.is_empty() {
            map.remove(at);
        }
    }
}

fn set_insert<K: Ord>(map: &mut BTreeMap<String, BTreeSet<K>>, at: &str, key: K) {
    match map.get_mut(at) {
        Some(set) => {
            set.insert(key);
        }
        None => {
            map.insert(at.to_string(), BTreeSet::from([key]));
        }
    }
}

impl Indexes {
    /// Moves the entries of `key` from the facts `old` (none: not stored before) to `new`
    /// (none: deleted).
    pub fn update(&mut self, key: &Key, old: Option<&Facts>, new: Option<&Facts>) {
        if old == new {
            return;
        }
        let pod_key = || (key.1.clone(), key.2.clone());
        if let Some(f) = old {
            for uid in &f.owners {
                set_remove(&mut self.by_owner, uid, key);
            }
            if let Some(node) = f.node {
                let pk = pod_key();
                set_remove(&mut self.pods_by_node, node, &pk);
                set_remove(&mut self.kubelet_pods, node, &pk);
                self.claim_pods.remove(&pk);
            }
            if f.deleting {
                self.terminating.remove(key);
            }
        }
        if let Some(f) = new {
            for uid in &f.owners {
                set_insert(&mut self.by_owner, uid, key.clone());
            }
            if let Some(node) = f.node {
                set_insert(&mut self.pods_by_node, node, pod_key());
                if f.kubelet {
                    set_insert(&mut self.kubelet_pods, node, pod_key());
                }
                if f.claim {
                    self.claim_pods.insert(pod_key());
                }
            }
            if f.deleting {
                self.terminating.insert(key.clone());
            }
        }
    }
}

/// The kind, namespace and name of `obj`, borrowed (what `object::kind`, `namespace` and
/// `name` read, without parsing a path).
pub(crate) fn key_of(obj: &Value) -> (&str, &str, &str) {
    (object::kind(obj), object::namespace(obj), object::name(obj))
}

/// Sets `metadata.resourceVersion` (as `object::set` does, without parsing a path).
pub(crate) fn set_resource_version(obj: &mut Value, rev: u64) {
    let rv = Value::String(rev.to_string());
    match object::field_mut(obj, "metadata").and_then(Value::as_object_mut) {
        Some(meta) => {
            meta.insert("resourceVersion".to_string(), rv);
        }
        None => object::set(obj, "metadata.resourceVersion", rv),
    }
}
