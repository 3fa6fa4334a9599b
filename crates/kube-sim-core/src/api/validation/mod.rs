//! Validation with the API server's texts (`k8s-behaviour.md` §5), one file per area.
//! Errors come out in the order upstream appends them; where upstream walks a Go map (random
//! order) we walk keys sorted.

mod apps;
mod containers;
mod diff;
mod config;
mod pod;
mod storage;

use serde_json::{Map, Value};

pub use apps::{go_label_selector, selector_matches};

use super::field::{BadValue, FieldError};
use super::names;
use super::schema::KindInfo;
use super::Op;

/// All field errors of writing `obj` (already decoded and defaulted); `old` on update.
pub fn validate(info: &KindInfo, op: Op, obj: &Value, old: Option<&Value>) -> Vec<FieldError> {
    let mut errs = object_meta(info, obj);
    if let (Op::Update, Some(old)) = (op, old) {
        errs.extend(object_meta_update(obj, old));
    }
    let old = if op == Op::Update { old } else { None };
    match info.kind {
        "Pod" => pod::validate_pod(obj, old, &mut errs),
        "PersistentVolume" => storage::validate_pv(obj, old, &mut errs),
        "PersistentVolumeClaim" => storage::validate_pvc(obj, old, &mut errs),
        "StorageClass" => storage::validate_storage_class(obj, old, &mut errs),
        "Secret" => config::validate_secret(obj, old, &mut errs),
        "ConfigMap" => config::validate_config_map(obj, old, &mut errs),
        "Deployment" | "ReplicaSet" => apps::validate_workload(info.kind, obj, old, &mut errs),
        "Service" => apps::validate_service(obj, old, &mut errs),
        _ => {}
    }
    errs
}

// ---- small readers ----

pub(crate) fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    crate::object::field(v, key).and_then(Value::as_str).unwrap_or("")
}

pub(crate) fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

pub(crate) fn map<'a>(v: &'a Value, key: &str) -> Option<&'a Map<String, Value>> {
    crate::object::field(v, key).and_then(Value::as_object)
}

pub(crate) fn int(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_i64)
}

/// Adds `Invalid` errors for each message of a name rule.
pub(crate) fn name_errs(errs: &mut Vec<FieldError>, path: &str, value: &str, msgs: Vec<String>) {
    for m in msgs {
        errs.push(FieldError::invalid_str(path, value, &m));
    }
}

/// `field is immutable`.
pub(crate) const IMMUTABLE: &str = "field is immutable";

/// Go's `%#v` of a value as far as validation texts print it: strings quoted, numbers plain,
/// string maps as `map[string]string{...}`.
pub(crate) fn raw(v: Option<&Value>) -> BadValue {
    match v {
        Some(Value::String(s)) => BadValue::Str(s.clone()),
        Some(Value::Number(n)) => BadValue::Raw(n.to_string()),
        Some(Value::Bool(b)) => BadValue::Bool(*b),
        None | Some(Value::Null) => BadValue::Raw("null".into()),
        Some(other) => BadValue::Raw(other.to_string()),
    }
}

/// `ValidateLabels` at `path`.
pub(crate) fn labels(m: Option<&Map<String, Value>>, path: &str, errs: &mut Vec<FieldError>) {
    let Some(m) = m else { return };
    for (k, v) in m {
        name_errs(errs, path, k, names::is_qualified_name(k));
        name_errs(errs, path, s_of(v), names::is_valid_label_value(s_of(v)));
    }
}

fn s_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// `ValidateObjectMeta` (apimachinery): name, namespace, labels, annotation keys.
fn object_meta(info: &KindInfo, obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let empty = Value::Null;
    let meta = crate::object::field(obj, "metadata").unwrap_or(&empty);
    let rule = names::name_rule(info.kind);
    let gen = s(meta, "generateName");
    if !gen.is_empty() {
        // Prefix mode: a trailing dash is allowed.
        let masked = match gen.strip_suffix('-') {
            Some(p) => format!("{p}a"),
            None => gen.to_string(),
        };
        name_errs(&mut errs, "metadata.generateName", gen, rule(&masked));
    }
    let name = s(meta, "name");
    if name.is_empty() {
        errs.push(FieldError::required("metadata.name", "name or generateName is required"));
    } else {
        name_errs(&mut errs, "metadata.name", name, rule(name));
    }
    let ns = s(meta, "namespace");
    if info.namespaced {
        if ns.is_empty() {
            errs.push(FieldError::required("metadata.namespace", ""));
        } else {
            name_errs(&mut errs, "metadata.namespace", ns, names::is_dns1123_label(ns));
        }
    } else if !ns.is_empty() {
        errs.push(FieldError::forbidden("metadata.namespace", "not allowed on this type"));
    }
    labels(map(meta, "labels"), "metadata.labels", &mut errs);
    if let Some(ann) = map(meta, "annotations") {
        let mut total = 0;
        for (k, v) in ann {
            // Keys are lowercased before the check (most already are: no copy then).
            let lower: std::borrow::Cow<str> =
                if k.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) { k.to_lowercase().into() } else { k.as_str().into() };
            name_errs(&mut errs, "metadata.annotations", &lower, names::is_qualified_name(&lower));
            total += k.len() + s_of(v).len();
        }
        if total > 256 * 1024 {
            errs.push(FieldError::too_long("metadata.annotations", 256 * 1024));
        }
    }
    errs
}

/// `ValidateObjectMetaUpdate`: name and namespace are immutable.
fn object_meta_update(obj: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for key in ["name", "namespace", "uid"] {
        let new = obj.pointer(&format!("/metadata/{key}")).and_then(Value::as_str).unwrap_or("");
        let was = old.pointer(&format!("/metadata/{key}")).and_then(Value::as_str).unwrap_or("");
        if key == "uid" && new.is_empty() {
            continue;
        }
        if new != was {
            errs.push(FieldError::invalid_str(format!("metadata.{key}"), new, IMMUTABLE));
        }
    }
    errs
}


#[cfg(test)]
mod tests;
