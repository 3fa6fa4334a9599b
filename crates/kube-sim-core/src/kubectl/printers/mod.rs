//! What `kubectl get` and `kubectl describe` print, computed from objects alone.
//!
//! Printers are pure functions over JSON objects: they never touch the store. `all` is every
//! object in the cluster (including `Event`s), for printers that show related objects (a PVC's
//! "Used By" pods, a node's pods, the Events section). (Skeleton: the printers work fills these.)

use serde_json::Value;

/// How `kubectl get` was asked to print a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableOpts {
    /// `-o wide`.
    pub wide: bool,
    /// `-A`: add a leading NAMESPACE column.
    pub all_namespaces: bool,
    /// `--show-labels`: add a trailing LABELS column.
    pub show_labels: bool,
    /// `--no-headers`.
    pub no_headers: bool,
    /// The simulated time, for AGE.
    pub now: i64,
}

/// The table `kubectl get` prints for `objs`, all of one `kind` (e.g. `PersistentVolume`).
pub fn table(kind: &str, objs: &[&Value], opts: &TableOpts) -> String {
    let _ = opts;
    let mut out = String::from("NAME\n");
    for o in objs {
        debug_assert_eq!(crate::object::kind(o), kind);
        out.push_str(crate::object::name(o));
        out.push('\n');
    }
    out
}

/// What `kubectl describe` prints for `obj`.
pub fn describe(obj: &Value, all: &[&Value], now: i64) -> String {
    let _ = (all, now);
    format!("Name:         {}\n", crate::object::name(obj))
}
