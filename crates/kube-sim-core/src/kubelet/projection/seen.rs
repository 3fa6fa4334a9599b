//! Since when each key of a Secret or ConfigMap holds its value, as the kubelets saw it at
//! their last scan ([`seen`]).
//!
//! A scan runs once per simulated second in which Secrets or ConfigMaps were written
//! ([`scan_changes`]). It costs only the objects modified or deleted since the last one, which
//! the store hands over with the version they had then ([`crate::store::Store::take_prior`]),
//! and for each of them it only notes *that* its data changed: the version seen before
//! ([`Noted::prev`]) and the second. Which keys changed is read from the two versions when
//! someone asks ([`DataChange::since`]); only an object seen changing a second time has the
//! key times of its previous change worked out then (they need the version in between, which
//! the store no longer keeps). Objects only created cost nothing: [`seen`] reads them from the
//! store.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;

use super::payload;
use super::State;
use crate::cluster::Cluster;
use crate::object;
use crate::store::{PriorVersion, Store};

/// The kinds whose data the kubelets project from the API.
const DATA_KINDS: &[&str] = &["ConfigMap", "Secret"];

/// A (kind, namespace, name) key.
type Key = (String, String, String);

/// What the kubelets saw of one Secret or ConfigMap at their last scan, key by key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataChange {
    /// Not changed since the kubelets first saw it: every key of `obj` (the version seen)
    /// holds its value since `at` (its creation, simulated seconds).
    Created {
        /// The object as seen (shared with the store).
        obj: Rc<Value>,
        /// Since when every key holds its value.
        at: i64,
    },
    /// Changed at the scan of second `at`, from `prev` to `obj`: a key whose value differs
    /// (or that `prev` lacks) holds it since `at`, the others since `before` says.
    Changed {
        /// Since when each key of `prev` held its value.
        before: Since,
        /// The version seen before the change.
        prev: Rc<Value>,
        /// The version seen since.
        obj: Rc<Value>,
        /// The second of the scan that saw the change.
        at: i64,
    },
}

/// Since when each key of a version held its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Since {
    /// Every key, since this second.
    All(i64),
    /// Key by key.
    Keys(Rc<BTreeMap<String, i64>>),
}

impl Since {
    fn get(&self, key: &str) -> Option<i64> {
        match self {
            Since::All(at) => Some(*at),
            Since::Keys(keys) => keys.get(key).copied(),
        }
    }
}

impl DataChange {
    /// Since when `key` of this `kind` (`Secret` or `ConfigMap`) object holds its value, as
    /// seen at the last scan; `None` when the object had no such key then.
    pub fn since(&self, kind: &str, key: &str) -> Option<i64> {
        match self {
            DataChange::Created { obj, at } => payload::has_datum(kind, obj, key).then_some(*at),
            DataChange::Changed { before, prev, obj, at } => {
                let new = payload::datum(kind, obj, key)?;
                match payload::datum(kind, prev, key) {
                    Some(old) if old == new => before.get(key).or(Some(*at)),
                    _ => Some(*at),
                }
            }
        }
    }
}

/// A Secret or ConfigMap whose data the kubelets saw change (kept in [`State::changes`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Noted {
    /// Since when each key of `prev` held its value; `None`: every key since `prev` was first
    /// seen (its creation, [`created_at`]).
    pub(crate) before: Option<Rc<BTreeMap<String, i64>>>,
    /// The version seen before the change.
    pub(crate) prev: Rc<Value>,
    /// The second of the scan that saw the change.
    pub(crate) at: i64,
}

impl Noted {
    fn before(&self, state: &State, stamp: &mut Stamp, now: i64) -> Since {
        match &self.before {
            Some(keys) => Since::Keys(Rc::clone(keys)),
            None => Since::All(stamp.created_at(state, &self.prev, now)),
        }
    }

    /// Since when each key of `next` (the version this change led to, of `kind`) holds its
    /// value: what a further change of `next` is compared with.
    fn key_times(&self, state: &State, kind: &str, next: Rc<Value>, stamp: &mut Stamp, now: i64) -> BTreeMap<String, i64> {
        let change = DataChange::Changed { before: self.before(state, stamp, now), prev: Rc::clone(&self.prev), obj: Rc::clone(&next), at: self.at };
        let mut keys = BTreeMap::new();
        payload::for_each_datum(kind, &next, |k, _| {
            if let Some(t) = change.since(kind, k) {
                keys.insert(k.to_string(), t);
            }
        });
        keys
    }
}

/// Notes, once per simulated second, which Secrets and ConfigMaps changed their data: only
/// those modified or deleted since the last scan, which the store hands over with the version
/// they had then. Those only created since need nothing: [`seen`] reads them from the store.
pub(super) fn scan_changes(cluster: &mut Cluster) {
    let now = cluster.now();
    if cluster.projection.scanned_at == Some(now) {
        return;
    }
    cluster.projection.scanned_at = Some(now);
    let store = &mut cluster.api.store;
    let revs = (store.kind_revision("Secret"), store.kind_revision("ConfigMap"));
    if cluster.projection.scanned_revs == Some(revs) {
        return;
    }
    let first = cluster.projection.scanned_revs.is_none();
    cluster.projection.scanned_revs = Some(revs);
    let taken = store.take_prior(DATA_KINDS);
    let store = &*store;
    let state = &mut cluster.projection;
    let mut stamp = Stamp::default();
    // What is noted of an object seen at the last scan and written or deleted since (`None`:
    // it is gone).
    let mut next = |state: &State, key: &Key, v: PriorVersion, before: Option<Noted>| {
        if v.deleted && store.written_at(&key.0, &key.1, &key.2).is_none() {
            return None;
        }
        let before = before.map(|b| Rc::new(b.key_times(state, &key.0, Rc::clone(&v.obj), &mut stamp, now)));
        Some(Noted { before, prev: v.obj, at: now })
    };
    let prior = taken.versions;
    if prior.len() <= 32 + state.changes.len() / 16 {
        for (key, v) in prior {
            let before = state.changes.remove(&key);
            if let Some(noted) = next(state, &key, v, before) {
                state.changes.insert(key, noted);
            }
        }
    } else {
        // Many (a large apply): one merge of the two maps, in key order, and the map built in
        // bulk, rather than a search per object.
        let mut old = std::mem::take(&mut state.changes).into_iter().peekable();
        let mut out = Vec::with_capacity(prior.len() + old.len());
        for (key, v) in prior {
            out.extend(std::iter::from_fn(|| old.next_if(|(k, _)| *k < key)));
            let before = old.next_if(|(k, _)| *k == key).map(|(_, b)| b);
            if let Some(noted) = next(state, &key, v, before) {
                out.push((key, noted));
            }
        }
        out.extend(old);
        state.changes = out.into_iter().collect();
    }
    // Only an object created since the last mark can need this scan's second as the one it
    // was first seen at.
    if taken.created || first {
        state.scans.push((store.prior_mark(), now));
        if state.scans.len() > 2 * state.scans_kept + 64 {
            prune_scans(state, store);
        }
    }
}

/// Drops the entries of [`State::scans`] no object needs: one is read only for an object
/// without a readable `creationTimestamp`, first seen at that scan, as it was then
/// ([`first_seen`]); called right after a scan, when every stored version is the one seen.
fn prune_scans(state: &mut State, store: &Store) {
    let mut needed = vec![false; state.scans.len()];
    let mut stamp = Stamp::default();
    let prevs = state.changes.values().filter(|n| n.before.is_none()).map(|n| &*n.prev);
    for obj in DATA_KINDS.iter().flat_map(|k| store.list(k, None)).chain(prevs) {
        if stamp.parse(obj).is_none() {
            let i = scan_of(state, object::meta_str(obj, "resourceVersion"));
            if let Some(n) = needed.get_mut(i) {
                *n = true;
            }
        }
    }
    let mut needed = needed.into_iter();
    state.scans.retain(|_| needed.next().unwrap_or(true));
    state.scans_kept = state.scans.len();
}

/// What the kubelets saw of the `kind` (`Secret` or `ConfigMap`) object `ns/name` at the last
/// scan; `None` when it did not exist then.
pub fn seen<'a>(cluster: &'a Cluster, kind: &str, ns: &str, name: &str) -> Option<Cow<'a, DataChange>> {
    let state = &cluster.projection;
    // The version seen: the store has it, or the version it replaced since.
    let store = &cluster.api.store;
    let obj = match store.prior_version(kind, ns, name) {
        Some((v, _)) => Rc::clone(v),
        None => {
            let written = store.written_at(kind, ns, name)?;
            if state.scanned_revs.is_none() || written > store.prior_mark() {
                return None;
            }
            store.get_shared(kind, ns, name)?
        }
    };
    let now = cluster.now();
    let mut stamp = Stamp::default();
    let change = match state.changes.get(&(kind.to_string(), ns.to_string(), name.to_string())) {
        Some(n) => DataChange::Changed { before: n.before(state, &mut stamp, now), prev: Rc::clone(&n.prev), obj, at: n.at },
        // Not seen changing: every key since its creation.
        None => DataChange::Created { at: stamp.created_at(state, &obj, now), obj },
    };
    Some(Cow::Owned(change))
}

/// The last `creationTimestamp` parsed and its value: objects created by one apply share it.
#[derive(Default)]
struct Stamp(String, Option<i64>);

impl Stamp {
    /// The `creationTimestamp` of `obj`, when it reads as one.
    fn parse(&mut self, obj: &Value) -> Option<i64> {
        let t = object::meta_str(obj, "creationTimestamp");
        if t.is_empty() {
            return None;
        }
        if t != self.0 {
            *self = Stamp(t.to_string(), crate::clock::parse_rfc3339(t));
        }
        self.1
    }

    /// Since when every key of `obj`, as the kubelets first saw it, holds its value: its
    /// `creationTimestamp`, or the second of the first scan after it was written, or `now`
    /// (not seen yet).
    fn created_at(&mut self, state: &State, obj: &Value, now: i64) -> i64 {
        self.parse(obj).unwrap_or_else(|| first_seen(state, object::meta_str(obj, "resourceVersion"), now))
    }
}

/// The index in [`State::scans`] of the first scan at or after the write at
/// `resource_version`.
fn scan_of(state: &State, resource_version: &str) -> usize {
    let rev = resource_version.parse::<u64>().unwrap_or(u64::MAX);
    state.scans.partition_point(|(r, _)| *r < rev)
}

/// The second of the first scan at or after the write at `resource_version`, or `now`.
fn first_seen(state: &State, resource_version: &str, now: i64) -> i64 {
    state.scans.get(scan_of(state, resource_version)).map_or(now, |(_, t)| *t)
}
