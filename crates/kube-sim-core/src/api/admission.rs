//! Stateful admission plugins as pure functions: the caller looks up what they need (the
//! StorageClasses, the namespace) and calls them around [`super::admit`]:
//! - [`namespace_lifecycle`] before `admit` on create (NamespaceLifecycle);
//! - [`service_account`] after `admit` on pod create (ServiceAccount);
//! - [`default_storage_class`] after `admit` on PVC create (DefaultStorageClass);
//! - [`pvc_resize`] after `admit` on PVC update (PersistentVolumeClaimResize), because
//!   validating admission runs after validation.

use serde_json::Value;

use super::errors::{ApiError, Reason};
use crate::quantity::Quantity;

/// `storageclass.kubernetes.io/is-default-class`.
pub const DEFAULT_CLASS_ANNOTATION: &str = "storageclass.kubernetes.io/is-default-class";
const BETA_DEFAULT_CLASS_ANNOTATION: &str = "storageclass.beta.kubernetes.io/is-default-class";
const BETA_CLASS_ANNOTATION: &str = "volume.beta.kubernetes.io/storage-class";

fn forbidden(resource: &str, name: &str, why: &str) -> ApiError {
    ApiError { reason: Reason::Forbidden, message: format!("{resource} \"{name}\" is forbidden: {why}") }
}

/// NamespaceLifecycle on create: `namespaces "dev" not found` when the namespace does not
/// exist, and Forbidden `… unable to create new content in namespace dev because it is being
/// terminated` while it is being deleted. `resource` is the plural (`pods`).
pub fn namespace_lifecycle(namespace: Option<&Value>, ns: &str, resource: &str, name: &str) -> Result<(), ApiError> {
    let Some(nsobj) = namespace else {
        return Err(ApiError::not_found("namespaces", ns));
    };
    if nsobj.pointer("/status/phase").and_then(Value::as_str) == Some("Terminating") {
        return Err(forbidden(
            resource,
            name,
            &format!("unable to create new content in namespace {ns} because it is being terminated"),
        ));
    }
    Ok(())
}

/// ServiceAccount admission on pod create: the pod's service account must exist
/// (`exists` is the caller's lookup of `spec.serviceAccountName` in the pod's namespace).
pub fn service_account(pod: &Value, exists: bool) -> Result<(), ApiError> {
    if exists {
        return Ok(());
    }
    let name = pod.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    let ns = pod.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("");
    let sa = pod.pointer("/spec/serviceAccountName").and_then(Value::as_str).unwrap_or("default");
    Err(forbidden("pods", name, &format!("error looking up service account {ns}/{sa}: serviceaccount \"{sa}\" not found")))
}

fn is_default(sc: &Value) -> bool {
    let ann = sc.pointer("/metadata/annotations");
    [DEFAULT_CLASS_ANNOTATION, BETA_DEFAULT_CLASS_ANNOTATION]
        .iter()
        .any(|k| ann.and_then(|a| a.get(*k)).and_then(Value::as_str) == Some("true"))
}

/// The default StorageClass among `classes`: the newest by `creationTimestamp` (RFC 3339, so
/// string order is time order), ties broken by name ascending.
pub fn default_class_name(classes: &[Value]) -> Option<String> {
    let name = |c: &Value| c.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("").to_string();
    let ts = |c: &Value| c.pointer("/metadata/creationTimestamp").and_then(Value::as_str).unwrap_or("").to_string();
    classes
        .iter()
        .filter(|c| is_default(c))
        .max_by(|a, b| ts(a).cmp(&ts(b)).then_with(|| name(b).cmp(&name(a))))
        .map(name)
}

/// DefaultStorageClass on PVC create: a claim with no `spec.storageClassName` (absent, not
/// `""`) and no beta class annotation gets the default class, if there is one.
pub fn default_storage_class(pvc: &mut Value, classes: &[Value]) {
    if pvc.pointer("/spec/storageClassName").is_some_and(|v| !v.is_null()) {
        return;
    }
    if pvc.pointer("/metadata/annotations").and_then(|a| a.get(BETA_CLASS_ANNOTATION)).is_some() {
        return;
    }
    if let (Some(class), Some(spec)) = (default_class_name(classes), pvc.get_mut("spec").and_then(Value::as_object_mut)) {
        spec.insert("storageClassName".into(), Value::String(class));
    }
}

fn class_of(pvc: &Value) -> String {
    pvc.pointer("/metadata/annotations")
        .and_then(|a| a.get(BETA_CLASS_ANNOTATION))
        .or_else(|| pvc.pointer("/spec/storageClassName"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn request(pvc: &Value) -> Quantity {
    pvc.pointer("/spec/resources/requests/storage")
        .and_then(Value::as_str)
        .and_then(|s| Quantity::parse(s).ok())
        .unwrap_or_else(|| Quantity::from_int(0))
}

/// PersistentVolumeClaimResize on PVC update: growing `resources.requests.storage` needs a
/// bound claim whose StorageClass (`class`, looked up by the caller from the claim's class)
/// has `allowVolumeExpansion: true`.
pub fn pvc_resize(new: &Value, old: &Value, class: Option<&Value>) -> Result<(), ApiError> {
    if request(new) <= request(old) {
        return Ok(());
    }
    let name = new.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    if old.pointer("/status/phase").and_then(Value::as_str) != Some("Bound") {
        return Err(forbidden("persistentvolumeclaims", name, "Only bound persistent volume claims can be expanded"));
    }
    let cn = class_of(new);
    let allowed = !cn.is_empty()
        && cn == class_of(old)
        && class.and_then(|c| c.get("allowVolumeExpansion")).and_then(Value::as_bool) == Some(true);
    if !allowed {
        return Err(forbidden(
            "persistentvolumeclaims",
            name,
            "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sc(name: &str, ts: &str, default: bool) -> Value {
        let mut v = json!({"metadata": {"name": name, "creationTimestamp": ts}, "provisioner": "p"});
        if default {
            v["metadata"]["annotations"] = json!({DEFAULT_CLASS_ANNOTATION: "true"});
        }
        v
    }

    #[test]
    fn namespace_checks() {
        let e = namespace_lifecycle(None, "dev", "pods", "p").unwrap_err();
        assert_eq!(e.to_string(), "Error from server (NotFound): namespaces \"dev\" not found");
        let ns = json!({"status": {"phase": "Terminating"}});
        let e = namespace_lifecycle(Some(&ns), "dev", "pods", "p").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error from server (Forbidden): pods \"p\" is forbidden: unable to create new content in namespace dev because it is being terminated"
        );
        assert!(namespace_lifecycle(Some(&json!({"status": {"phase": "Active"}})), "dev", "pods", "p").is_ok());
    }

    #[test]
    fn default_class_assignment() {
        let classes = [sc("a", "2024-12-10T08:00:00Z", true), sc("b", "2024-12-10T09:00:00Z", true), sc("c", "2024-12-11T00:00:00Z", false)];
        assert_eq!(default_class_name(&classes).as_deref(), Some("b"));
        let mut pvc = json!({"spec": {}});
        default_storage_class(&mut pvc, &classes);
        assert_eq!(pvc["spec"]["storageClassName"], "b");
        let mut pvc = json!({"spec": {"storageClassName": ""}});
        default_storage_class(&mut pvc, &classes);
        assert_eq!(pvc["spec"]["storageClassName"], "");
        let mut pvc = json!({"spec": {}});
        default_storage_class(&mut pvc, &[sc("c", "x", false)]);
        assert!(pvc["spec"].get("storageClassName").is_none());
        let tie = [sc("z", "t", true), sc("y", "t", true)];
        assert_eq!(default_class_name(&tie).as_deref(), Some("y"));
    }

    #[test]
    fn resize_rules() {
        let old = json!({"metadata": {"name": "data"}, "spec": {"storageClassName": "fast", "resources": {"requests": {"storage": "1Gi"}}},
            "status": {"phase": "Bound"}});
        let mut new = old.clone();
        new["spec"]["resources"]["requests"]["storage"] = json!("2Gi");
        let e = pvc_resize(&new, &old, Some(&json!({"allowVolumeExpansion": false}))).unwrap_err();
        assert_eq!(
            e.message,
            "persistentvolumeclaims \"data\" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize"
        );
        assert!(pvc_resize(&new, &old, Some(&json!({"allowVolumeExpansion": true}))).is_ok());
        let mut pending = old.clone();
        pending["status"]["phase"] = json!("Pending");
        let e = pvc_resize(&new, &pending, None).unwrap_err();
        assert_eq!(e.message, "persistentvolumeclaims \"data\" is forbidden: Only bound persistent volume claims can be expanded");
        assert!(pvc_resize(&old, &old, None).is_ok());
    }

    #[test]
    fn missing_service_account() {
        let pod = json!({"metadata": {"name": "p", "namespace": "dev"}, "spec": {"serviceAccountName": "builder"}});
        assert_eq!(
            service_account(&pod, false).unwrap_err().message,
            "pods \"p\" is forbidden: error looking up service account dev/builder: serviceaccount \"builder\" not found"
        );
        assert!(service_account(&pod, true).is_ok());
    }
}
