//! Secret and ConfigMap (`k8s-behaviour.md` §5.3): keys, sizes, types, immutability.

use serde_json::Value;

use super::{map, s, IMMUTABLE};
use crate::api::b64;
use crate::api::field::{BadValue, FieldError};
use crate::api::names;

/// `core.MaxSecretSize` (also the ConfigMap limit).
pub const MAX_SIZE: usize = 1024 * 1024;
const IMMUTABLE_SET: &str = "field is immutable when `immutable` is set";

fn key_errs(bag: &str, key: &str, errs: &mut Vec<FieldError>) {
    for m in names::is_config_map_key(key) {
        errs.push(FieldError::invalid_str(format!("{bag}[{key}]"), key, &m));
    }
}

fn decoded_len(v: &Value) -> usize {
    v.as_str().and_then(b64::decode).map_or(0, |b| b.len())
}

/// Go's `json.Unmarshal` error for a docker config that is not a JSON object (approximate
/// beyond the common cases).
fn json_object_error(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(_)) => None,
        Ok(other) => Some(format!(
            "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            match other {
                Value::String(_) => "string",
                Value::Number(_) => "number",
                Value::Bool(_) => "bool",
                Value::Array(_) => "array",
                _ => "null",
            }
        )),
        Err(_) => match text.trim_start().chars().next() {
            None => Some("unexpected end of JSON input".into()),
            Some(c) => Some(format!("invalid character '{c}' looking for beginning of value")),
        },
    }
}

fn immutable_checks(obj: &Value, old: &Value, bags: &[&str], errs: &mut Vec<FieldError>) {
    if old.get("immutable") != Some(&Value::Bool(true)) {
        return;
    }
    if obj.get("immutable") != Some(&Value::Bool(true)) {
        errs.push(FieldError::forbidden("immutable", IMMUTABLE_SET));
    }
    for bag in bags {
        if obj.get(*bag) != old.get(*bag) {
            errs.push(FieldError::forbidden(*bag, IMMUTABLE_SET));
        }
    }
}

/// `ValidateSecret` (+ `ValidateSecretUpdate` when `old`).
pub fn validate_secret(sec: &Value, old: Option<&Value>, errs: &mut Vec<FieldError>) {
    if let Some(old) = old {
        let (t, ot) = (s(sec, "type"), s(old, "type"));
        if t != ot {
            errs.push(FieldError::invalid_str("type", t, IMMUTABLE));
        }
        immutable_checks(sec, old, &["data"], errs);
    }
    let data = map(sec, "data");
    let mut total = 0;
    for (k, v) in data.into_iter().flatten() {
        key_errs("data", k, errs);
        total += decoded_len(v);
    }
    if total > MAX_SIZE {
        errs.push(FieldError::too_long("data", MAX_SIZE as i64));
    }
    let has = |k: &str| data.is_some_and(|d| d.contains_key(k));
    let bytes = |k: &str| data.and_then(|d| d.get(k)).and_then(Value::as_str).and_then(b64::decode).unwrap_or_default();
    match s(sec, "type") {
        "kubernetes.io/service-account-token" => {
            let name = sec.pointer("/metadata/annotations").and_then(|a| a.get("kubernetes.io/service-account.name"));
            if name.and_then(Value::as_str).map_or(true, str::is_empty) {
                errs.push(FieldError::required("metadata.annotations[kubernetes.io/service-account.name]", ""));
            }
        }
        t @ ("kubernetes.io/dockercfg" | "kubernetes.io/dockerconfigjson") => {
            let key = if t == "kubernetes.io/dockercfg" { ".dockercfg" } else { ".dockerconfigjson" };
            if !has(key) {
                errs.push(FieldError::required(format!("data[{key}]"), ""));
            } else if let Some(e) = json_object_error(&bytes(key)) {
                errs.push(FieldError::invalid(
                    format!("data[{key}]"),
                    BadValue::Str("<secret contents redacted>".into()),
                    &e,
                ));
            }
        }
        "kubernetes.io/basic-auth" if !has("username") && !has("password") => {
            errs.push(FieldError::required("data[username]", ""));
            errs.push(FieldError::required("data[password]", ""));
        }
        "kubernetes.io/ssh-auth" if bytes("ssh-privatekey").is_empty() => {
            errs.push(FieldError::required("data[ssh-privatekey]", ""));
        }
        "kubernetes.io/tls" => {
            if !has("tls.crt") {
                errs.push(FieldError::required("data[tls.crt]", ""));
            }
            if !has("tls.key") {
                errs.push(FieldError::required("data[tls.key]", ""));
            }
        }
        _ => {}
    }
}

/// `ValidateConfigMap` (+ `ValidateConfigMapUpdate` when `old`).
pub fn validate_config_map(cm: &Value, old: Option<&Value>, errs: &mut Vec<FieldError>) {
    if let Some(old) = old {
        immutable_checks(cm, old, &["data", "binaryData"], errs);
    }
    let data = map(cm, "data");
    let bin = map(cm, "binaryData");
    let mut total = 0;
    for (k, v) in data.into_iter().flatten() {
        key_errs("data", k, errs);
        if bin.is_some_and(|b| b.contains_key(k)) {
            errs.push(FieldError::invalid_str(format!("data[{k}]"), k, "duplicate of key present in binaryData"));
        }
        total += v.as_str().map_or(0, str::len);
    }
    for (k, v) in bin.into_iter().flatten() {
        // Upstream only reports the clash on the `data` side.
        key_errs("binaryData", k, errs);
        total += decoded_len(v);
    }
    if total > MAX_SIZE {
        errs.push(FieldError::too_long("", MAX_SIZE as i64));
    }
}
