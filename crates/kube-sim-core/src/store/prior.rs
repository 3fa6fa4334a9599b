//! Prior versions: for the objects of a few kinds, the version each had at a mark revision,
//! kept by the write path for those written or deleted since the mark. A reader that wants to
//! know what changed between two of its passes (the kubelets' view of Secrets and ConfigMaps)
//! gets the objects modified or deleted in between with their old version, and needs no copy
//! of the objects that were only created.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;

use super::index::Key;

/// The version an object had at the mark.
#[derive(Clone, Debug)]
pub(crate) struct PriorVersion {
    /// The object as it was at the mark.
    pub obj: Rc<Value>,
    /// The revision it was written at (≤ the mark).
    pub rev: u64,
    /// Whether it was deleted since the mark (it may have been created again since).
    pub deleted: bool,
}

/// The versions kept since the mark.
#[derive(Clone, Debug, Default)]
pub(crate) struct Prior {
    /// The kinds whose versions are kept (none until a reader asks).
    pub kinds: &'static [&'static str],
    /// The revision of the mark.
    pub mark: u64,
    /// (kind, namespace, name) → its version at the mark, for each object of `kinds` that
    /// existed then and was written or deleted since.
    pub versions: BTreeMap<Key, PriorVersion>,
    /// Whether an object of `kinds` was created since the mark.
    pub created: bool,
}

impl Prior {
    /// Notes a write (`deleted` false) or delete of `key` whose stored version before it was
    /// `old` (stored at revision `old_rev`). Only the first since the mark keeps a version: a
    /// later one replaces a version written after the mark.
    pub fn note(&mut self, key: &Key, old: Option<(&Rc<Value>, u64)>, deleted: bool) {
        if !self.kinds.contains(&key.0.as_str()) {
            return;
        }
        match old {
            Some((obj, rev)) if rev <= self.mark => {
                self.versions.insert(key.clone(), PriorVersion { obj: Rc::clone(obj), rev, deleted });
            }
            Some(_) if deleted => {
                if let Some(v) = self.versions.get_mut(key) {
                    v.deleted = true;
                }
            }
            Some(_) => {}
            None => self.created |= !deleted,
        }
    }
}

impl super::Store {
    /// The revision the object of `kind` named `name` in `ns` was last written at.
    pub fn written_at(&self, kind: &str, ns: &str, name: &str) -> Option<u64> {
        self.entry(kind, ns, name).map(|e| e.rev)
    }

    /// Sets a mark at the current revision: from now on, the first write or delete of an
    /// object of one of `kinds` keeps the version it replaces ([`Self::prior_version`]).
    /// Returns what was kept since the previous mark (whose revision is [`Self::prior_mark`]
    /// before the call): `versions` holds (kind, namespace, name) → the version at that mark,
    /// for each object of `kinds` that existed then and was written or deleted since (the
    /// objects created since are not in it); `created` says whether any was created.
    pub(crate) fn take_prior(&mut self, kinds: &'static [&'static str]) -> Prior {
        let next = Prior { kinds, mark: self.rv, versions: BTreeMap::new(), created: false };
        std::mem::replace(&mut self.prior, next)
    }

    /// The revision of the last [`Self::take_prior`] (0 before the first).
    pub fn prior_mark(&self) -> u64 {
        self.prior.mark
    }

    /// The version the object had at [`Self::prior_mark`] and the revision it was written
    /// at, when it existed then, is of the kinds kept and was written or deleted since.
    pub fn prior_version(&self, kind: &str, ns: &str, name: &str) -> Option<(&Rc<Value>, u64)> {
        if self.prior.versions.is_empty() {
            return None;
        }
        self.prior.versions.get(&(kind.to_string(), ns.to_string(), name.to_string())).map(|v| (&v.obj, v.rev))
    }
}
