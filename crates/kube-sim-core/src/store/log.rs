//! The store's change log: for each (kind, namespace, name) ever written, the revision of its
//! last write (a delete included), so a reader that remembers the revision it last read at
//! reads only what changed since ([`super::Store::changed_since`]), not every object.

use std::collections::BTreeMap;

use super::index::Key;

/// The change log. A live object's last revision is kept in its store entry; a deleted one's
/// here, in `gone`, until it is written again. One entry per key: its size is the number of
/// keys ever stored, not the number of writes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Log {
    /// Revision → the key last written at it.
    pub by_rev: BTreeMap<u64, Key>,
    /// The revision of the delete of each key not stored now.
    pub gone: BTreeMap<Key, u64>,
}

impl Log {
    /// Notes a write (a create or an update) of `key` at `rev`; `prev` is the revision of the
    /// stored version it replaces, if any.
    pub fn written(&mut self, key: Key, rev: u64, prev: Option<u64>) {
        match prev {
            Some(p) => {
                self.by_rev.remove(&p);
            }
            None => {
                if let Some(p) = self.gone.remove(&key) {
                    self.by_rev.remove(&p);
                }
            }
        }
        self.by_rev.insert(rev, key);
    }

    /// Notes the delete of `key` at `rev`; `prev` is the revision of the version removed.
    pub fn deleted(&mut self, key: Key, rev: u64, prev: Option<u64>) {
        if let Some(p) = prev {
            self.by_rev.remove(&p);
        }
        if let Some(p) = self.gone.insert(key.clone(), rev) {
            self.by_rev.remove(&p);
        }
        self.by_rev.insert(rev, key);
    }
}
