//! What `kubectl get` and `kubectl describe` print, computed from objects alone.
//!
//! Printers are pure functions over JSON objects as the API server stores them (with status):
//! they never touch the store. `all` is every object in the cluster (including `Event`s), for
//! printers that show related objects (a PVC's "Used By" pods, a node's pods, the Events
//! section, a Deployment's ReplicaSets).
//!
//! - [`table`]: the server-side table columns (`pkg/printers/internalversion/printers.go`)
//!   laid out as kubectl's table printer does (tabwriter, min width 6, padding 3).
//! - [`describe`]: kubectl's describers (`pkg/describe/describe.go`, tabwriter padding 2).

use serde_json::Value;

use crate::api::pod_summary::Summary;

pub mod columns;
pub mod describe;
pub mod table;
pub mod tabwriter;
pub mod util;

/// How `kubectl get` was asked to print a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableOpts {
    /// `-o wide`.
    pub wide: bool,
    /// `-A`: add a leading NAMESPACE column (ignored for cluster-scoped kinds, as kubectl does).
    pub all_namespaces: bool,
    /// `--show-labels`: add a trailing LABELS column.
    pub show_labels: bool,
    /// `--no-headers`.
    pub no_headers: bool,
    /// The simulated time, for AGE.
    pub now: i64,
    /// `-L key1,key2`: one column per label key (header: the part after the last `/`,
    /// upper-cased), before LABELS.
    pub label_columns: Vec<String>,
    /// When several kinds print (`kubectl get pods,pvc`, `get all`), the name column shows
    /// `prefix/name`: pass `lower(kind)` plus `.group` for non-core groups (`pod`,
    /// `deployment.apps`, `persistentvolumeclaim`).
    pub kind_prefix: Option<String>,
}

/// The table `kubectl get` prints for `objs`, all of one `kind` (e.g. `PersistentVolume`), in
/// the order given (the API server lists by namespace, then name). Empty when `objs` is empty:
/// kubectl then prints only [`no_resources_found`] on stderr.
pub fn table(kind: &str, objs: &[&Value], opts: &TableOpts) -> String {
    let listed: Vec<Listed> = objs.iter().map(|&obj| Listed { obj, pod: None }).collect();
    table_of(kind, &listed, opts)
}

/// One object to print in a table, with the store's summary of it when it is a stored pod
/// (see [`crate::api::pod_summary`]).
#[derive(Clone, Copy, Debug)]
pub struct Listed<'a> {
    /// The object.
    pub obj: &'a Value,
    /// Its summary, when the caller has it; `None` derives it from `obj` (pods only).
    pub pod: Option<Summary<'a>>,
}

/// [`table`] over listed objects: pods print from their summaries.
pub fn table_of(kind: &str, items: &[Listed], opts: &TableOpts) -> String {
    if kind == "Pod" {
        return columns::pod::table(items, opts);
    }
    let kt = columns::for_kind(kind);
    let objs: Vec<&Value> = items.iter().map(|l| l.obj).collect();
    let rows: Vec<Vec<String>> = objs.iter().map(|o| (kt.row)(o, opts.now, opts.wide)).collect();
    table::render(kt.columns, &objs, rows, opts, kt.namespaced)
}

/// `kubectl get events`: the Event table (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; wide adds
/// SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME). kubectl does not sort events: rows come in the
/// order given (store order).
pub fn events_table(events: &[&Value], opts: &TableOpts) -> String {
    table("Event", events, opts)
}

/// What `kubectl describe` prints for `obj`. Several objects are separated by a blank line:
/// kubectl prints `"\n\n"` before every describe output but the first (each ends in `\n`).
pub fn describe(obj: &Value, all: &[&Value], now: i64) -> String {
    describe::describe(obj, all, now)
}

/// The stderr line of `kubectl get` when nothing matched: `namespace` is `None` for
/// cluster-scoped kinds and with `-A`.
pub fn no_resources_found(namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) => format!("No resources found in {ns} namespace.\n"),
        None => "No resources found\n".to_string(),
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_cluster;
#[cfg(test)]
mod tests_pod_summary;
