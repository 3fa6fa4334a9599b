//! Storage classes of claims and volumes, the default class, and the binding mode
//! (k8s-behaviour.md §1.1, §3.3; component-helpers `helpers.go`, `pv_helpers.go`).

use serde_json::Value;

use crate::object;

/// The beta class annotation that wins over `spec.storageClassName`.
pub const ANN_BETA_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";
/// Marks the default StorageClass (value `"true"`).
pub const ANN_IS_DEFAULT_CLASS: &str = "storageclass.kubernetes.io/is-default-class";
/// The beta form of [`ANN_IS_DEFAULT_CLASS`].
pub const ANN_BETA_IS_DEFAULT_CLASS: &str = "storageclass.beta.kubernetes.io/is-default-class";

fn annotation<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    obj.get("metadata")?.get("annotations")?.get(key)?.as_str()
}

/// `GetPersistentVolumeClaimClass`: the beta annotation, else `spec.storageClassName`, else `""`.
/// A nil and an empty class are both `""`.
pub fn claim_class(claim: &Value) -> &str {
    annotation(claim, ANN_BETA_STORAGE_CLASS).or_else(|| object::get_str(claim, "spec.storageClassName")).unwrap_or("")
}

/// `PersistentVolumeClaimHasClass`: the annotation exists or `spec.storageClassName` is set
/// (even to `""`). Only claims without a class get the default class.
pub fn claim_has_class(claim: &Value) -> bool {
    annotation(claim, ANN_BETA_STORAGE_CLASS).is_some()
        || object::get(claim, "spec.storageClassName").is_some_and(|v| !v.is_null())
}

/// `GetPersistentVolumeClass`: the beta annotation, else `spec.storageClassName` (`""` = none).
pub fn volume_class(pv: &Value) -> &str {
    annotation(pv, ANN_BETA_STORAGE_CLASS).or_else(|| object::get_str(pv, "spec.storageClassName")).unwrap_or("")
}

/// The StorageClass named `name`, if it exists.
pub fn find_class<'a>(classes: &[&'a Value], name: &str) -> Option<&'a Value> {
    classes.iter().copied().find(|c| object::name(c) == name)
}

/// `IsDefaultAnnotation`: either default annotation is `"true"`.
pub fn is_default_class(class: &Value) -> bool {
    annotation(class, ANN_IS_DEFAULT_CLASS) == Some("true")
        || annotation(class, ANN_BETA_IS_DEFAULT_CLASS) == Some("true")
}

/// `GetDefaultClass`: among the default classes, the newest by `creationTimestamp`; on a tie
/// the first by name.
pub fn default_class<'a>(classes: &[&'a Value]) -> Option<&'a Value> {
    fn created(c: &Value) -> &str {
        object::get_str(c, "metadata.creationTimestamp").unwrap_or("")
    }
    classes
        .iter()
        .copied()
        .filter(|c| is_default_class(c))
        .min_by(|a, b| created(b).cmp(created(a)).then_with(|| object::name(a).cmp(object::name(b))))
}

/// The provisioner of a class (`provisioner`), or `""`.
pub fn provisioner(class: &Value) -> &str {
    object::get_str(class, "provisioner").unwrap_or("")
}

/// `IsDelayBindingMode`: false for class `""` or a missing class; the error
/// `VolumeBindingMode not set for StorageClass "<name>"` when the mode is unset; true for
/// `WaitForFirstConsumer`.
pub fn is_delay_binding_mode(claim: &Value, classes: &[&Value]) -> Result<bool, String> {
    let name = claim_class(claim);
    if name.is_empty() {
        return Ok(false);
    }
    let Some(class) = find_class(classes, name) else { return Ok(false) };
    match object::get_str(class, "volumeBindingMode") {
        None => Err(format!("VolumeBindingMode not set for StorageClass {name:?}")),
        Some(mode) => Ok(mode == "WaitForFirstConsumer"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn claim_class_annotation_wins_and_nil_equals_empty() {
        let c = json!({"metadata": {"annotations": {ANN_BETA_STORAGE_CLASS: "gold"}},
                       "spec": {"storageClassName": "silver"}});
        assert_eq!(claim_class(&c), "gold");
        assert!(claim_has_class(&c));
        let nil = json!({"spec": {}});
        let empty = json!({"spec": {"storageClassName": ""}});
        assert_eq!(claim_class(&nil), claim_class(&empty));
        assert!(!claim_has_class(&nil));
        assert!(claim_has_class(&empty));
    }

    #[test]
    fn volume_class_annotation_wins() {
        let pv = json!({"metadata": {"annotations": {ANN_BETA_STORAGE_CLASS: "b"}},
                        "spec": {"storageClassName": "a"}});
        assert_eq!(volume_class(&pv), "b");
        assert_eq!(volume_class(&json!({"spec": {}})), "");
    }

    #[test]
    fn default_class_is_newest_then_by_name() {
        let sc = |n: &str, t: &str, d: &str| {
            json!({"metadata": {"name": n, "creationTimestamp": t,
                                "annotations": {ANN_IS_DEFAULT_CLASS: d}}})
        };
        let a = sc("a", "2024-12-10T08:00:00Z", "true");
        let b = sc("b", "2024-12-10T09:00:00Z", "true");
        let c = sc("c", "2024-12-10T10:00:00Z", "false");
        let z = sc("z", "2024-12-10T09:00:00Z", "true");
        assert_eq!(default_class(&[&a, &z, &b, &c]).map(object::name), Some("b"));
        assert_eq!(default_class(&[&c]), None);
    }

    #[test]
    fn delay_binding_mode() {
        let wait = json!({"metadata": {"name": "wait"}, "volumeBindingMode": "WaitForFirstConsumer"});
        let now = json!({"metadata": {"name": "now"}, "volumeBindingMode": "Immediate"});
        let unset = json!({"metadata": {"name": "unset"}});
        let claim = |c: &str| json!({"spec": {"storageClassName": c}});
        let classes = [&wait, &now, &unset];
        assert_eq!(is_delay_binding_mode(&claim("wait"), &classes), Ok(true));
        assert_eq!(is_delay_binding_mode(&claim("now"), &classes), Ok(false));
        assert_eq!(is_delay_binding_mode(&claim(""), &classes), Ok(false));
        assert_eq!(is_delay_binding_mode(&claim("missing"), &classes), Ok(false));
        assert_eq!(
            is_delay_binding_mode(&claim("unset"), &classes),
            Err("VolumeBindingMode not set for StorageClass \"unset\"".to_string())
        );
    }
}
