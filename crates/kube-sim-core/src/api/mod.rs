//! The API machinery: errors, strict decoding, defaults and validation, with the API server's
//! texts. Each kind's rules follow the real API (`k8s-behaviour.md` §1.1, §3.1, §5).
//!
//! The entry point is [`admit`]. Its contract:
//! - **Before** `admit`, the caller sets `metadata.namespace` of a namespaced object (from
//!   `-n` / the context, as the API server takes it from the URL) and, when only
//!   `metadata.generateName` is given, fills `metadata.name` (generateName + 5 random chars).
//!   A namespace on a cluster-scoped object is dropped silently, as the REST handler does.
//!   A namespaced object whose namespace differs from the request's is the caller's
//!   BadRequest (`the namespace of the provided object does not match the namespace sent on
//!   the request`); kubectl reports most such cases client-side first.
//! - `admit` resolves the kind, strictly decodes (BadRequest), applies defaults (create only)
//!   and validates (Invalid). On update it validates the new object against `old`.
//! - `admit` sets `metadata.generation` of Deployments and ReplicaSets (1 on create, +1 on a
//!   spec change).
//! - **After** `admit`, the caller sets `uid`, `resourceVersion`, `creationTimestamp` (create)
//!   and keeps the old ones on update, runs stateful admission ([`admission`]: namespace
//!   lifecycle, default StorageClass, PVC resize; the service-account volume via
//!   [`defaults::add_service_account_volume`]; clusterIP allocation), and stores the object.
//! - Controllers writing `status` (or the scheduler binding `nodeName`) write the store
//!   directly: on update `admit` keeps the stored `status`, as the main resource does.

pub mod admission;
pub mod b64;
pub mod defaults;
pub mod errors;
pub mod etcd;
pub mod field;
pub mod names;
pub mod pod_summary;
pub mod schema;
mod schema_table;
pub mod validation;
pub mod resources;

use serde_json::Value;

pub use b64::base64_check;
pub use errors::{ApiError, Reason};
pub use schema::{is_namespaced, resolve_kind, resource_mapping_error, KindInfo};

/// What a write does, for validation that differs between create and update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// A new object.
    Create,
    /// A change to an existing object.
    Update,
}

/// Admission for one object about to be written: kind resolution, strict decoding, defaults
/// (scheme defaults always; registry/admission ones on create; on update `status` is copied
/// from `old`, so controllers writing status must not go through `admit`), then validation. `old` is the stored object on update. On success `obj`
/// holds the decoded (quantities canonical, nulls dropped) and defaulted object.
///
/// Errors:
/// - unknown `apiVersion`/`kind`: `BadRequest` with `no matches for kind "X" in version "v"`
///   (kubectl itself reports this client-side, see [`resolve_kind`]);
/// - a body that does not decode: `BadRequest`,
///   `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.x"`;
/// - validation: `Invalid`, message as kubectl prints it:
///   `The PersistentVolume "x" is invalid: spec.capacity: Required value`.
pub fn admit(op: Op, obj: &mut Value, old: Option<&Value>) -> Result<(), ApiError> {
    let api_version = crate::object::field(obj, "apiVersion").and_then(Value::as_str).unwrap_or("");
    let kind = crate::object::kind(obj);
    let info = resolve_kind(api_version, kind).map_err(|message| ApiError { reason: Reason::BadRequest, message })?;
    schema::decode(info, obj)
        .map_err(|e| ApiError { reason: Reason::BadRequest, message: schema::decode_error_message(info, &e) })?;
    if !info.namespaced {
        // EnsureObjectNamespaceMatchesRequestNamespace: cluster-scoped objects lose any namespace.
        if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.remove("namespace");
        }
    }
    defaults::apply(info.kind, obj);
    match (op, old) {
        (Op::Create, _) => defaults::on_create(info.kind, obj),
        (Op::Update, Some(old)) => {
            // The main resource ignores status: the strategies keep the stored one.
            if let (Some(o), Some(status)) = (obj.as_object_mut(), old.get("status")) {
                o.insert("status".into(), status.clone());
            }
            bump_generation(info.kind, obj, old);
        }
        (Op::Update, None) => {}
    }
    let errs = validation::validate(info, op, obj, old);
    if errs.is_empty() {
        Ok(())
    } else {
        let name = obj.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
        Err(field::invalid(info.kind, name, &errs))
    }
}

/// Deployment and ReplicaSet strategies: `metadata.generation` is 1 on create and grows by
/// one when the spec changes (for Deployments, also when annotations change).
fn bump_generation(kind: &str, obj: &mut Value, old: &Value) {
    if kind != "Deployment" && kind != "ReplicaSet" {
        return;
    }
    let was = old.pointer("/metadata/generation").and_then(Value::as_i64).unwrap_or(1);
    let changed = obj.get("spec") != old.get("spec")
        || (kind == "Deployment" && obj.pointer("/metadata/annotations") != old.pointer("/metadata/annotations"));
    let generation = if changed { was + 1 } else { was };
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert("generation".into(), Value::from(generation));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn admit_flow() {
        let mut pv = json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv1"},
            "spec": {"capacity": {"storage": "1024Mi"}, "accessModes": ["ReadWriteOnce"], "nfs": {"server": "nfs", "path": "/x"}}});
        admit(Op::Create, &mut pv, None).unwrap();
        assert_eq!(pv["spec"]["capacity"]["storage"], "1Gi");
        assert_eq!(pv["spec"]["persistentVolumeReclaimPolicy"], "Retain");

        let mut bad = json!({"apiVersion": "apps/v1beta1", "kind": "Deployment", "metadata": {"name": "mysql"}});
        let e = admit(Op::Create, &mut bad, None).unwrap_err();
        assert_eq!(e.reason, Reason::BadRequest);
        assert_eq!(e.message, "no matches for kind \"Deployment\" in version \"apps/v1beta1\"");

        let mut pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"},
            "spec": {"containers": [{"name": "c", "image": "i"}], "volumes": [{"name": "v", "secret": {"secretName": "s", "item": []}}]}});
        let e = admit(Op::Create, &mut pod, None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error from server (BadRequest): Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.volumes[0].secret.item\""
        );

        let mut pv = json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "x"},
            "spec": {"accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/d"}}});
        let e = admit(Op::Create, &mut pv, None).unwrap_err();
        assert_eq!(e.reason, Reason::Invalid);
        assert_eq!(
            e.message,
            "The PersistentVolume \"x\" is invalid: \n* spec.capacity: Required value\n* spec.capacity: Unsupported value: core.ResourceList(nil): supported values: \"storage\""
        );

        let mut pv = json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "y", "namespace": "default"},
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteMany"], "hostPath": {"path": "/d"}}});
        admit(Op::Create, &mut pv, None).unwrap();
        assert!(pv["metadata"].get("namespace").is_none());

        let mut pv = json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "x"},
            "spec": {"capacity": {"storage": "1GB"}}});
        let e = admit(Op::Create, &mut pv, None).unwrap_err();
        assert_eq!(e.message, format!("PersistentVolume in version \"v1\" cannot be handled as a PersistentVolume: {}", crate::quantity::ERR_FORMAT_WRONG));
    }

    #[test]
    fn generations() {
        let mut d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "default"},
            "spec": {"selector": {"matchLabels": {"a": "b"}}, "template": {"metadata": {"labels": {"a": "b"}},
            "spec": {"containers": [{"name": "c", "image": "i"}]}}}});
        admit(Op::Create, &mut d, None).unwrap();
        assert_eq!(d["metadata"]["generation"], 1);
        let mut same = d.clone();
        admit(Op::Update, &mut same, Some(&d)).unwrap();
        assert_eq!(same["metadata"]["generation"], 1);
        let mut scaled = d.clone();
        scaled["spec"]["replicas"] = json!(3);
        admit(Op::Update, &mut scaled, Some(&d)).unwrap();
        assert_eq!(scaled["metadata"]["generation"], 2);
    }
}
