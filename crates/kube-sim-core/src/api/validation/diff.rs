//! An approximation of the `cmp.Diff` the API server appends to "is immutable" errors
//! (`spec: Forbidden: … immutable after creation\n<diff>`). Upstream diffs internal Go
//! structs; this follows go-cmp's layout rules over the JSON tree: changed fields as `-`/`+`
//! lines (nested structs diffed field by field), two identical fields of context around each
//! change, longer identical runs elided as `... // N identical fields`, keys aligned. Values
//! are rendered Go-like from the schema table (zero values for absent fields); exotic values
//! may differ from upstream in detail.

use serde_json::{Map, Value};

use crate::api::field::go_quote;
use crate::api::schema::{struct_fields, Ty};

const CONTEXT: usize = 2;

/// Go field name for a JSON name (`nodeName` → `NodeName`, `nfs` → `NFS`).
fn go_field(json: &str) -> String {
    match json {
        "nfs" => "NFS".into(),
        "csi" => "CSI".into(),
        "iscsi" => "ISCSI".into(),
        "rbd" => "RBD".into(),
        "fc" => "FC".into(),
        "cephfs" => "CephFS".into(),
        "hostIPC" => "HostIPC".into(),
        "hostPID" => "HostPID".into(),
        _ => {
            let mut c = json.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Array(a) => a.is_empty(),
        Value::Object(_) => false,
    }
}

/// Optional scalars that are pointers in the Go types: absent is `nil`, present is `&v`.
const POINTER_FIELDS: [&str; 16] = [
    "automountServiceAccountToken",
    "enableServiceLinks",
    "hostUsers",
    "setHostnameAsFQDN",
    "shareProcessNamespace",
    "activeDeadlineSeconds",
    "terminationGracePeriodSeconds",
    "priority",
    "preemptionPolicy",
    "runtimeClassName",
    "storageClassName",
    "volumeMode",
    "volumeAttributesClassName",
    "defaultMode",
    "optional",
    "type",
];

fn render_field(key: &str, v: Option<&Value>, ty: &Ty, top: bool) -> String {
    let v = v.filter(|v| !v.is_null());
    if POINTER_FIELDS.contains(&key) && matches!(ty, Ty::Str(_) | Ty::Int(_) | Ty::Bool) {
        return match v {
            None => "nil".into(),
            Some(v) => format!("&{}", render(Some(v), ty, false)),
        };
    }
    render(v, ty, top)
}

/// A single-line Go-like rendering of `v` as type `ty` (`None` = absent: the zero value).
fn render(v: Option<&Value>, ty: &Ty, top: bool) -> String {
    let v = v.filter(|v| !v.is_null());
    match (v, ty) {
        (None, Ty::Str(_)) => "\"\"".into(),
        (None, Ty::Int(_)) => "0".into(),
        (None, Ty::Bool) => "false".into(),
        (None, _) => "nil".into(),
        (Some(Value::String(s)), _) => go_quote(s),
        (Some(Value::Array(items)), _) => {
            let elem = match ty {
                Ty::Arr(e) => **e,
                _ => Ty::Any,
            };
            let parts: Vec<String> = items.iter().map(|i| render(Some(i), &elem, false)).collect();
            format!("{{{}}}", parts.join(", "))
        }
        (Some(Value::Object(m)), Ty::Obj(name)) => {
            let fields = struct_fields(name);
            let parts: Vec<String> = fields
                .iter()
                .filter_map(|(k, fty)| m.get(*k).filter(|v| !is_zero(v)).map(|v| format!("{}: {}", go_field(k), render_field(k, Some(v), fty, false))))
                .collect();
            format!("{}{{{}}}", if top { "&" } else { "" }, parts.join(", "))
        }
        (Some(Value::Object(m)), _) => {
            let elem = match ty {
                Ty::Map(e, _) => **e,
                _ => Ty::Any,
            };
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{}: {}", go_quote(k), render(Some(v), &elem, false))).collect();
            format!("{{{}}}", parts.join(", "))
        }
        (Some(other), _) => other.to_string(),
    }
}

enum Rec {
    Line(char, String, String),
    Ellipsis(usize),
    Nested(String, String, Vec<Rec>),
}

fn records(order: &[(&str, Ty)], old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<Rec> {
    let same = |k: &str| old.get(k).filter(|v| !v.is_null()) == new.get(k).filter(|v| !v.is_null());
    let mut out = Vec::new();
    let mut i = 0;
    let mut first_group = true;
    while i < order.len() {
        if same(order[i].0) {
            let start = i;
            while i < order.len() && same(order[i].0) {
                i += 1;
            }
            let run = &order[start..i];
            let last_group = i == order.len();
            let lo = if first_group { 0 } else { CONTEXT.min(run.len()) };
            let mut hi = if last_group { 0 } else { CONTEXT.min(run.len() - lo) };
            if run.len() - lo - hi <= 1 {
                hi = run.len() - lo;
            }
            let line = |(k, ty): &(&str, Ty)| Rec::Line(' ', go_field(k), render_field(k, old.get(*k), ty, true));
            out.extend(run[..lo].iter().map(line));
            if run.len() > lo + hi {
                out.push(Rec::Ellipsis(run.len() - lo - hi));
            }
            out.extend(run[run.len() - hi..].iter().map(line));
        } else {
            let (k, ty) = &order[i];
            let (a, b) = (old.get(*k).filter(|v| !v.is_null()), new.get(*k).filter(|v| !v.is_null()));
            match (a, b, ty) {
                (Some(Value::Object(x)), Some(Value::Object(y)), Ty::Obj(name)) => {
                    let inner = records(struct_fields(name), x, y);
                    out.push(Rec::Nested(go_field(k), format!("&core.{name}{{"), inner));
                }
                _ => {
                    out.push(Rec::Line('-', go_field(k), render_field(k, a, ty, true)));
                    out.push(Rec::Line('+', go_field(k), render_field(k, b, ty, true)));
                }
            }
            i += 1;
        }
        first_group = false;
    }
    out
}

fn emit(recs: &[Rec], depth: usize, out: &mut String) {
    let tabs = "\t".repeat(depth);
    let mut i = 0;
    while i < recs.len() {
        // Keys align across a run of single-line records.
        let mut j = i;
        let mut width = 0;
        while let Some(Rec::Line(_, k, _)) = recs.get(j) {
            width = width.max(k.len());
            j += 1;
        }
        if j > i {
            for r in &recs[i..j] {
                if let Rec::Line(mode, k, v) = r {
                    let pad = " ".repeat(width - k.len() + 1);
                    out.push_str(&format!("{mode} {tabs}{k}:{pad}{v},\n"));
                }
            }
            i = j;
            continue;
        }
        match &recs[i] {
            Rec::Ellipsis(n) => {
                let noun = if *n == 1 { "field" } else { "fields" };
                out.push_str(&format!("  {tabs}... // {n} identical {noun}\n"));
            }
            Rec::Nested(k, header, inner) => {
                out.push_str(&format!("  {tabs}{k}: {header}\n"));
                emit(inner, depth + 1, out);
                out.push_str(&format!("  {tabs}}},\n"));
            }
            Rec::Line(..) => {}
        }
        i += 1;
    }
}

/// The diff of `old` → `new` for the fields of schema struct `schema` listed in `fields`
/// (JSON names, in Go field order; other schema fields present in either side follow),
/// printed as type `type_name`. Empty `fields` means every field of the schema struct.
pub fn struct_diff(type_name: &str, schema: &str, fields: &[&str], old: &Map<String, Value>, new: &Map<String, Value>) -> String {
    let known = struct_fields(schema);
    let all: Vec<&str> = known.iter().map(|(k, _)| *k).collect();
    let fields = if fields.is_empty() { all.as_slice() } else { fields };
    let mut order: Vec<(&str, Ty)> = fields
        .iter()
        .map(|f| (*f, known.iter().find(|(k, _)| k == f).map_or(Ty::Any, |(_, t)| *t)))
        .collect();
    for (k, t) in known {
        if !fields.contains(k) && (old.contains_key(*k) || new.contains_key(*k)) {
            order.push((k, *t));
        }
    }
    let mut out = format!("  {type_name}{{\n");
    emit(&records(&order, old, new), 1, &mut out);
    out.push_str("  }\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_change_with_context() {
        let a = json!({"nfs": {"server": "10.0.0.1", "path": "/srv"}});
        let b = json!({"nfs": {"server": "10.0.0.1", "path": "/other"}});
        let order = ["gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "quobyte", "iscsi", "cinder"];
        let d = struct_diff("core.PersistentVolumeSource", "PersistentVolumeSpec", &order, a.as_object().unwrap(), b.as_object().unwrap());
        assert_eq!(
            d,
            "  core.PersistentVolumeSource{\n  \t... // 2 identical fields\n  \tHostPath:  nil,\n  \tGlusterfs: nil,\n  \tNFS: &core.NFSVolumeSource{\n  \t\tServer:   \"10.0.0.1\",\n- \t\tPath:     \"/srv\",\n+ \t\tPath:     \"/other\",\n  \t\tReadOnly: false,\n  \t},\n  \tRBD:     nil,\n  \tQuobyte: nil,\n  \t... // 2 identical fields\n  }\n"
        );
    }

    #[test]
    fn scalar_change_and_short_runs() {
        let a = json!({"nodeName": "a", "restartPolicy": "Always"});
        let b = json!({"nodeName": "b", "restartPolicy": "Always"});
        let d = struct_diff("core.PodSpec", "PodSpec", &["restartPolicy", "nodeName"], a.as_object().unwrap(), b.as_object().unwrap());
        assert_eq!(d, "  core.PodSpec{\n  \tRestartPolicy: \"Always\",\n- \tNodeName:      \"a\",\n+ \tNodeName:      \"b\",\n  }\n");
    }
}
