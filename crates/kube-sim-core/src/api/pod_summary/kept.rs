//! The store's summaries of its pods (see the parent module for the layout).

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;

use super::{PodSummary, Row, Summary};
use crate::object;
use crate::table_cell::offset;

/// The summaries of the stored pods, keyed (namespace, name) and ordered as the store lists
/// pods (see the module doc for the layout). Shared (`Rc`, copied on the first write), so that
/// a copy of the cluster (an undo checkpoint) copies none.
#[derive(Clone, Debug, Default)]
pub struct PodSummaries {
    kept: Rc<Kept>,
}

/// The rows and the buffer of their text.
#[derive(Clone, Debug, Default)]
struct Kept {
    rows: BTreeMap<(String, String), Row>,
    text: String,
    /// Bytes of `text` no row points to any more (replaced or deleted summaries).
    garbage: usize,
}

/// Below this much garbage the buffer is never compacted (small clusters).
const MIN_GARBAGE: usize = 16 * 1024;

impl Kept {
    /// Rewrites the text of every row back to back, in list order, once garbage is over half
    /// the buffer (and over [`MIN_GARBAGE`]): each rewrite follows at least as many bytes of
    /// writes as it copies, so it adds O(1) per write.
    fn compact_if_wasteful(&mut self) {
        if self.garbage < MIN_GARBAGE || self.garbage < self.text.len() / 2 {
            return;
        }
        let mut text = String::with_capacity(self.text.len() - self.garbage);
        for row in self.rows.values_mut() {
            let t = self.text.get(row.range()).unwrap_or("");
            row.at = offset(text.len());
            text.push_str(t);
        }
        self.text = text;
        self.garbage = 0;
    }

    /// Notes that `row`'s text is not read any more.
    fn drop_text(&mut self, row: Option<Row>) {
        if let Some(row) = row {
            self.garbage += row.len();
            self.compact_if_wasteful();
        }
    }

    fn view<'a>(&'a self, row: &'a Row) -> Summary<'a> {
        Summary { row, text: self.text.get(row.range()).unwrap_or("") }
    }
}

impl PodSummaries {
    /// Notes the stored version of `obj` (created or modified); other kinds are ignored.
    pub fn note(&mut self, obj: &Value) {
        if object::kind(obj) == "Pod" {
            let kept = Rc::make_mut(&mut self.kept);
            let row = PodSummary::push(obj, &mut kept.text);
            let key = (object::namespace(obj).to_string(), object::name(obj).to_string());
            let old = kept.rows.insert(key, row);
            kept.drop_text(old);
        }
    }

    /// Forgets the deleted `obj`; other kinds are ignored.
    pub fn forget(&mut self, obj: &Value) {
        if object::kind(obj) == "Pod" {
            let key = (object::namespace(obj).to_string(), object::name(obj).to_string());
            if self.kept.rows.contains_key(&key) {
                let kept = Rc::make_mut(&mut self.kept);
                let old = kept.rows.remove(&key);
                kept.drop_text(old);
            }
        }
    }

    /// The summary of the pod `name` in `ns`.
    pub fn get(&self, ns: &str, name: &str) -> Option<Summary<'_>> {
        self.kept.rows.get(&(ns.to_string(), name.to_string())).map(|r| self.kept.view(r))
    }

    /// The summaries of the pods in `ns` (every namespace when `None`), in the order of
    /// `Store::list("Pod", ns)`.
    pub fn list(&self, ns: Option<&str>) -> Vec<Summary<'_>> {
        let kept = &*self.kept;
        match ns {
            None => kept.rows.values().map(|r| kept.view(r)).collect(),
            Some(ns) => kept
                .rows
                .range((ns.to_string(), String::new())..)
                .take_while(|((n, _), _)| n == ns)
                .map(|(_, r)| kept.view(r))
                .collect(),
        }
    }

    /// How many pods are summarised.
    pub fn len(&self) -> usize {
        self.kept.rows.len()
    }

    /// Whether no pod is summarised.
    pub fn is_empty(&self) -> bool {
        self.kept.rows.is_empty()
    }

    /// The size of the text buffer and the part of it no row reads (for tests).
    #[cfg(test)]
    pub(crate) fn buffer(&self) -> (usize, usize) {
        (self.kept.text.len(), self.kept.garbage)
    }
}
