//! Validation texts, kind by kind, through `admit` (decode → defaults → validate).

mod config;
mod pods;
mod storage;
mod workloads;

use serde_json::{json, Value};

use crate::api::{admit, ApiError, Op, Reason};

pub(super) fn create(mut obj: Value) -> Result<Value, ApiError> {
    admit(Op::Create, &mut obj, None).map(|_| obj)
}

/// The field errors of a failed create, one per line.
pub(super) fn errs(obj: Value) -> Vec<String> {
    match create(obj) {
        Ok(_) => Vec::new(),
        Err(e) => {
            assert_eq!(e.reason, Reason::Invalid, "{}", e.message);
            let body = e.message.split_once(" is invalid: ").map(|(_, b)| b.to_string()).unwrap_or_default();
            split(&body)
        }
    }
}

/// One entry per `* ` bullet of kubectl's multi-error form (entries may span lines).
pub(super) fn split(body: &str) -> Vec<String> {
    match body.strip_prefix("\n* ") {
        Some(list) => list.split("\n* ").map(str::to_string).collect(),
        None => vec![body.to_string()],
    }
}

pub(super) fn update(old: Value, mut new: Value) -> Vec<String> {
    let mut stored = old.clone();
    admit(Op::Create, &mut stored, None).expect("old object is valid");
    match admit(Op::Update, &mut new, Some(&stored)) {
        Ok(()) => Vec::new(),
        Err(e) => {
            let body = e.message.split_once(" is invalid: ").map(|(_, b)| b.to_string()).unwrap_or(e.message);
            split(&body)
        }
    }
}

pub(super) fn pv(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv1"}, "spec": spec})
}

pub(super) fn pvc(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c1", "namespace": "default"}, "spec": spec})
}

pub(super) fn pod(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"}, "spec": spec})
}

pub(super) fn good_pv() -> Value {
    json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "nfs": {"server": "10.0.0.1", "path": "/srv"}})
}

pub(super) const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

#[test]
fn names_per_kind() {
    let mut p = pv(good_pv());
    p["metadata"]["name"] = json!("Bad_Name");
    assert_eq!(errs(p), vec![format!("metadata.name: Invalid value: \"Bad_Name\": {SUBDOMAIN_MSG}")]);
    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "1db", "namespace": "default"},
        "spec": {"ports": [{"port": 3306}]}});
    assert_eq!(errs(svc), vec!["metadata.name: Invalid value: \"1db\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]);
    let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a.b"}});
    assert!(errs(ns)[0].starts_with("metadata.name: Invalid value: \"a.b\": a lowercase RFC 1123 label must consist"));
    let ok = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "my.config", "namespace": "default"}});
    assert!(errs(ok).is_empty());
}

#[test]
fn name_and_namespace_rules() {
    let mut p = pv(good_pv());
    p["metadata"] = json!({});
    assert_eq!(errs(p), vec!["metadata.name: Required value: name or generateName is required"]);
    // A namespace on a cluster-scoped object is dropped before validation (REST handler).
    let mut p = pv(good_pv());
    p["metadata"]["namespace"] = json!("default");
    assert!(errs(p).is_empty());
    let info = crate::api::resolve_kind("v1", "PersistentVolume").unwrap();
    let e = super::validate(info, Op::Create, &json!({"metadata": {"name": "x", "namespace": "d"}}), None);
    assert_eq!(e[0].to_string(), "metadata.namespace: Forbidden: not allowed on this type");
    let mut c = pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}));
    c["metadata"] = json!({"name": "c"});
    assert_eq!(errs(c), vec!["metadata.namespace: Required value"]);
}

#[test]
fn label_values() {
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default", "labels": {"app": "my app"}}});
    assert_eq!(errs(cm), vec!["metadata.labels: Invalid value: \"my app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]);
}

pub(super) fn secret(extra: Value) -> Value {
    let mut s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "default"}});
    for (k, v) in extra.as_object().unwrap() {
        s[k] = v.clone();
    }
    s
}

pub(super) fn deploy(spec: Value) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "mysql", "namespace": "default"}, "spec": spec})
}
