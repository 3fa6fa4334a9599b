//! `kubectl describe`: one describer per kind, written through a prefix writer and aligned by a
//! tabwriter (min width 0, padding 2), as kubectl's `tabbedString` does.

use serde_json::{Map, Value};

use super::util::{arr, parse_time, s, since_str, v};

mod config;
mod generic;
mod node;
mod pod;
mod storage;
mod volumes;
mod workloads;

/// The annotation kubectl describe never prints.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
/// Annotations longer than this are printed on their own, shortened lines.
const MAX_ANNOTATION_LEN: usize = 140;

/// Text written at indentation levels of two spaces (kubectl's `PrefixWriter`).
#[derive(Default)]
pub struct W {
    buf: String,
}

impl W {
    /// Writes `text` after `level` indentation steps.
    pub fn write(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.buf.push_str("  ");
        }
        self.buf.push_str(text);
    }

    /// The aligned output.
    pub fn finish(self) -> String {
        super::tabwriter::align(&self.buf, 0, 2)
    }
}

/// `w!(w, LEVEL, "fmt", args…)`.
macro_rules! w {
    ($w:expr, $lvl:expr, $($arg:tt)*) => { $w.write($lvl, &format!($($arg)*)) };
}
pub(crate) use w;

/// What `kubectl describe` prints for `obj`; `all` holds every object (for events and related
/// objects), `now` is the simulated time.
pub fn describe(obj: &Value, all: &[&Value], now: i64) -> String {
    let mut w = W::default();
    match s(obj, "kind") {
        "Pod" => pod::describe_pod(&mut w, obj, all, now),
        "PersistentVolume" => storage::describe_pv(&mut w, obj, all, now),
        "PersistentVolumeClaim" => storage::describe_pvc(&mut w, obj, all, now),
        "StorageClass" => storage::describe_sc(&mut w, obj, all, now),
        "Secret" => config::describe_secret(&mut w, obj),
        "ConfigMap" => config::describe_configmap(&mut w, obj, all, now),
        "Namespace" => config::describe_namespace(&mut w, obj, all),
        "ServiceAccount" => config::describe_serviceaccount(&mut w, obj, all, now),
        "Service" => config::describe_service(&mut w, obj, all, now),
        "Endpoints" => config::describe_endpoints(&mut w, obj, all, now),
        "Deployment" => workloads::describe_deployment(&mut w, obj, all, now),
        "ReplicaSet" => workloads::describe_replicaset(&mut w, obj, all, now),
        "Node" => node::describe_node(&mut w, obj, all, now),
        _ => generic::describe_generic(&mut w, obj, all, now),
    }
    w.finish()
}

/// `printLabelsMultilineWithIndent`: `title:\t` then sorted `k=v`, one per line.
pub fn labels_multiline(w: &mut W, title: &str, labels: Option<&Map<String, Value>>) {
    w!(w, 0, "{title}:\t");
    let mut keys: Vec<&String> = labels.into_iter().flat_map(|m| m.keys()).collect();
    if keys.is_empty() {
        w.write(0, "<none>\n");
        return;
    }
    crate::sort::sort(&mut keys);
    for (i, k) in keys.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let val = labels.and_then(|m| m.get(*k)).map(super::util::scalar).unwrap_or_default();
        w!(w, 0, "{k}={val}\n");
    }
}

/// The first `max` bytes of `text` (on a character boundary), then `...`, when longer.
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

/// `printAnnotationsMultiline`: skips last-applied-configuration; long or multi-line values
/// go on their own lines, shortened to 140 bytes.
pub fn annotations_multiline(w: &mut W, title: &str, annotations: Option<&Map<String, Value>>) {
    w!(w, 0, "{title}:\t");
    let mut keys: Vec<&String> = annotations.into_iter().flat_map(|m| m.keys()).filter(|k| *k != LAST_APPLIED).collect();
    if keys.is_empty() {
        w.write(0, "<none>\n");
        return;
    }
    crate::sort::sort(&mut keys);
    for (i, k) in keys.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let raw = annotations.and_then(|m| m.get(*k)).map(super::util::scalar).unwrap_or_default();
        let value = raw.strip_suffix('\n').unwrap_or(&raw);
        if value.len() + k.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w!(w, 0, "{k}:\n");
            for line in value.split('\n') {
                w!(w, 0, "\t  {}\n", shorten(line, MAX_ANNOTATION_LEN - 2));
            }
        } else {
            w!(w, 0, "{k}: {value}\n");
        }
    }
}

/// The common head: `Name:`, optionally `Namespace:`, `Labels:` and `Annotations:`.
pub fn head(w: &mut W, obj: &Value, namespaced: bool) {
    w!(w, 0, "Name:\t{}\n", s(obj, "metadata.name"));
    if namespaced {
        w!(w, 0, "Namespace:\t{}\n", s(obj, "metadata.namespace"));
    }
    labels_multiline(w, "Labels", super::util::map(obj, "metadata.labels"));
    annotations_multiline(w, "Annotations", super::util::map(obj, "metadata.annotations"));
}

/// The events about `obj` (the field selector of kubectl's `searchEvents`: involved object
/// name, namespace, and kind and uid when given), in store order.
pub fn events_for<'a>(obj: &Value, all: &[&'a Value], match_kind: bool, uids: &[&str]) -> Vec<&'a Value> {
    let name = s(obj, "metadata.name");
    let ns = s(obj, "metadata.namespace");
    let kind = s(obj, "kind");
    all.iter()
        .copied()
        .filter(|e| s(e, "kind") == "Event")
        .filter(|e| s(e, "involvedObject.name") == name && s(e, "involvedObject.namespace") == ns)
        .filter(|e| !match_kind || kind.is_empty() || s(e, "involvedObject.kind") == kind)
        .filter(|e| uids.iter().all(|u| u.is_empty()) || uids.contains(&s(e, "involvedObject.uid")))
        .collect()
}

/// The events about `obj` as most describers search them (name, namespace, kind, uid).
pub fn object_events<'a>(obj: &Value, all: &[&'a Value]) -> Vec<&'a Value> {
    events_for(obj, all, true, &[s(obj, "metadata.uid")])
}

/// `DescribeEvents`: `Events:  <none>`, or the table sorted by `lastTimestamp`.
pub fn describe_events(w: &mut W, events: &[&Value], now: i64) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    let mut sorted: Vec<&Value> = events.to_vec();
    crate::sort::sort_by_key(&mut sorted, |e| parse_time(s(e, "lastTimestamp")).unwrap_or(i64::MIN));
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let first = match s(e, "eventTime") {
            "" => since_str(s(e, "firstTimestamp"), now),
            t => since_str(t, now),
        };
        let count = super::util::int(e, "count");
        let interval = if v(e, "series").is_some() {
            format!(
                "{} (x{} over {first})",
                since_str(s(e, "series.lastObservedTime"), now),
                super::util::int(e, "series.count")
            )
        } else if count > 1 {
            format!("{} (x{count} over {first})", since_str(s(e, "lastTimestamp"), now))
        } else {
            first
        };
        let source = match s(e, "source.component") {
            "" => s(e, "reportingComponent"),
            c => c,
        };
        w!(w, 1, "{}\t{}\t{interval}\t{source}\t{}\n", s(e, "type"), s(e, "reason"), s(e, "message").trim());
    }
}

/// The "Events:" section of `obj`'s describe output as raw tab-separated text (align it with
/// `tabwriter::align(text, 0, 2)` together with the lines before it).
pub fn events_section(obj: &Value, all: &[&Value], now: i64) -> String {
    let mut w = W::default();
    describe_events(&mut w, &object_events(obj, all), now);
    w.buf
}

/// Go's `%v` of a bool as `printBool` prints it.
pub fn print_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// `<none>` for an empty string.
pub fn or_none(x: &str) -> &str {
    if x.is_empty() {
        "<none>"
    } else {
        x
    }
}

/// The array at `path` of `obj`.
pub fn list<'a>(obj: &'a Value, path: &str) -> &'a [Value] {
    arr(obj, path)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_pods;
#[cfg(test)]
mod tests_workloads;
