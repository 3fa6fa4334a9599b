//! PersistentVolume, PersistentVolumeClaim and StorageClass texts.

use serde_json::json;

use super::*;
use crate::api::{admit, Op, Reason};

#[test]
fn pv_valid_and_defaults() {
    let v = create(pv(good_pv())).unwrap();
    assert_eq!(v["spec"]["persistentVolumeReclaimPolicy"], "Retain");
    assert_eq!(v["status"]["phase"], "Pending");
}

#[test]
fn pv_required_fields() {
    assert_eq!(
        errs(pv(json!({"nfs": {"server": "s", "path": "/p"}}))),
        vec![
            "spec.accessModes: Required value",
            "spec.capacity: Required value",
            "spec.capacity: Unsupported value: core.ResourceList(nil): supported values: \"storage\"",
        ]
    );
    assert_eq!(
        errs(pv(json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"]}))),
        vec!["spec: Required value: must specify a volume type"]
    );
}

#[test]
fn pv_capacity_rules() {
    let mut s = good_pv();
    s["capacity"] = json!({"storage": "0"});
    assert_eq!(errs(pv(s)), vec!["spec.capacity[storage]: Invalid value: \"0\": must be greater than zero"]);
    let mut s = good_pv();
    s["capacity"] = json!({"storage": "1Gi", "cpu": "1"});
    let e = errs(pv(s));
    assert!(e[0].starts_with("spec.capacity: Unsupported value: core.ResourceList{\"cpu\":resource.Quantity{"), "{e:?}");
    assert!(e[0].ends_with("Format:\"BinarySI\"}}: supported values: \"storage\""), "{e:?}");
    let mut s = good_pv();
    s["capacity"] = json!({"storage": "1GB"});
    let e = create(pv(s)).unwrap_err();
    assert_eq!(e.reason, Reason::BadRequest);
    assert_eq!(
        e.message,
        "PersistentVolume in version \"v1\" cannot be handled as a PersistentVolume: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    );
}

#[test]
fn pv_access_modes_and_policy() {
    let mut s = good_pv();
    s["accessModes"] = json!(["ReadWriteOncePod", "ReadWriteOnce"]);
    assert_eq!(errs(pv(s)), vec!["spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"]);
    let mut s = good_pv();
    s["accessModes"] = json!(["ReadWriteAll"]);
    assert_eq!(errs(pv(s)), vec!["spec.accessModes: Unsupported value: \"ReadWriteAll\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\""]);
    let mut s = good_pv();
    s["persistentVolumeReclaimPolicy"] = json!("Keep");
    assert_eq!(errs(pv(s)), vec!["spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\""]);
    let mut s = good_pv();
    s["storageClassName"] = json!("Fast");
    assert_eq!(errs(pv(s)), vec![format!("spec.storageClassName: Invalid value: \"Fast\": {SUBDOMAIN_MSG}")]);
    let mut s = good_pv();
    s["volumeMode"] = json!("Raw");
    assert_eq!(errs(pv(s)), vec!["spec.volumeMode: Unsupported value: \"Raw\": supported values: \"Block\", \"Filesystem\""]);
}

#[test]
fn pv_sources() {
    let mut s = good_pv();
    s["hostPath"] = json!({"path": "/data"});
    assert_eq!(errs(pv(s)), vec!["spec.nfs: Forbidden: may not specify more than 1 volume type"]);
    let s = json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "local": {"path": "/mnt/disk"}});
    assert_eq!(errs(pv(s)), vec!["spec.nodeAffinity: Required value: Local volume requires node affinity"]);
    let s = json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/"},
        "persistentVolumeReclaimPolicy": "Recycle"});
    assert_eq!(errs(pv(s)), vec!["spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'"]);
    let s = json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "nfs": {"path": "srv"}});
    assert_eq!(
        errs(pv(s)),
        vec!["spec.nfs.server: Required value", "spec.nfs.path: Invalid value: \"srv\": must be an absolute path"]
    );
    let s = json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/a/../b", "type": "Dir"}});
    assert_eq!(
        errs(pv(s)),
        vec![
            "spec.hostPath.path: Invalid value: \"/a/../b\": must not contain '..'",
            "spec.hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
        ]
    );
    let s = json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "local": {"path": "/mnt"},
        "nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "kubernetes.io/hostname", "operator": "In"}]}]}}});
    assert_eq!(
        errs(pv(s)),
        vec!["spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
    );
}

#[test]
fn pv_update_rules() {
    let mut new = pv(good_pv());
    new["spec"]["nfs"]["path"] = json!("/other");
    let e = update(pv(good_pv()), new);
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n  core.PersistentVolumeSource{"), "{e:?}");
    let mut new = pv(good_pv());
    new["spec"]["capacity"]["storage"] = json!("5Gi");
    new["spec"]["persistentVolumeReclaimPolicy"] = json!("Delete");
    assert!(update(pv(good_pv()), new).is_empty());
    let mut new = pv(good_pv());
    new["spec"]["volumeMode"] = json!("Block");
    assert_eq!(update(pv(good_pv()), new), vec!["volumeMode: Invalid value: \"Block\": field is immutable"]);
}

#[test]
fn pvc_rules() {
    assert_eq!(
        errs(pvc(json!({}))),
        vec!["spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value"]
    );
    assert_eq!(
        errs(pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "0"}}}))),
        vec!["spec.resources[storage]: Invalid value: \"0\": must be greater than zero"]
    );
    assert!(errs(pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": ""}))).is_empty());
    let v = create(pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1.5Gi"}}}))).unwrap();
    assert_eq!(v["spec"]["resources"]["requests"]["storage"], "1536Mi");
    assert_eq!(v["spec"]["volumeMode"], "Filesystem");
    assert_eq!(v["status"]["phase"], "Pending");
}

#[test]
fn pvc_update_rules() {
    let base = pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}));
    let mut new = base.clone();
    new["spec"]["volumeName"] = json!("pv1");
    assert!(update(base.clone(), new).is_empty(), "volumeName may be set once");
    let mut new = base.clone();
    new["spec"]["accessModes"] = json!(["ReadWriteMany"]);
    let e = update(base.clone(), new);
    assert!(e[0].starts_with("spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{"), "{e:?}");
    let mut new = base.clone();
    new["spec"]["resources"]["requests"]["storage"] = json!("2Gi");
    assert_eq!(update(base.clone(), new).len(), 1, "requests only change on bound claims");
    let mut new = base.clone();
    new["spec"]["storageClassName"] = json!("standard");
    assert!(update(base, new).is_empty(), "class may go from nil to a value");
}

#[test]
fn storage_class_rules() {
    let sc = json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "fast"}});
    assert_eq!(errs(sc.clone()), vec!["provisioner: Required value"]);
    let mut bad = sc.clone();
    bad["provisioner"] = json!("example.com/nfs");
    bad["reclaimPolicy"] = json!("Recycle");
    assert_eq!(errs(bad), vec!["reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\""]);
    let mut ok = sc.clone();
    ok["provisioner"] = json!("kubernetes.io/no-provisioner");
    let v = create(ok.clone()).unwrap();
    assert_eq!(v["volumeBindingMode"], "Immediate");
    let mut new = ok.clone();
    new["reclaimPolicy"] = json!("Retain");
    new["volumeBindingMode"] = json!("WaitForFirstConsumer");
    assert_eq!(
        update(ok, new),
        vec![
            "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
            "volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable",
        ]
    );
}

#[test]
fn pvc_bound_expansion_and_shrink() {
    let base = pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "2Gi"}}}));
    let mut stored = base.clone();
    admit(Op::Create, &mut stored, None).unwrap();
    stored["status"] = json!({"phase": "Bound", "capacity": {"storage": "2Gi"}});
    let mut grow = stored.clone();
    grow["spec"]["resources"]["requests"]["storage"] = json!("5Gi");
    assert!(admit(Op::Update, &mut grow, Some(&stored)).is_ok());
    let mut shrink = stored.clone();
    shrink["spec"]["resources"]["requests"]["storage"] = json!("1Gi");
    let e = admit(Op::Update, &mut shrink, Some(&stored)).unwrap_err();
    assert_eq!(
        e.message,
        "The PersistentVolumeClaim \"c1\" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity"
    );
}

#[test]
fn pvc_rwop_and_class() {
    let e = errs(pvc(json!({"accessModes": ["ReadWriteOncePod", "ReadOnlyMany"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "NFS"})));
    assert_eq!(
        e,
        vec![
            "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes".to_string(),
            format!("spec.storageClassName: Invalid value: \"NFS\": {SUBDOMAIN_MSG}"),
        ]
    );
}

#[test]
fn pvc_volume_mode_immutable() {
    let base = pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}));
    let mut new = base.clone();
    new["spec"]["volumeMode"] = json!("Block");
    let e = update(base, new);
    assert_eq!(e.len(), 2);
    assert_eq!(e[1], "volumeMode: Invalid value: \"Block\": field is immutable");
}

#[test]
fn name_is_immutable_on_update() {
    let old = pv(good_pv());
    let mut new = pv(good_pv());
    new["metadata"]["name"] = json!("pv2");
    assert_eq!(update(old, new), vec!["metadata.name: Invalid value: \"pv2\": field is immutable"]);
}

#[test]
fn update_keeps_stored_status() {
    let mut stored = pv(good_pv());
    admit(Op::Create, &mut stored, None).unwrap();
    stored["status"] = json!({"phase": "Bound"});
    let mut new = pv(good_pv());
    new["status"] = json!({"phase": "Available"});
    admit(Op::Update, &mut new, Some(&stored)).unwrap();
    assert_eq!(new["status"]["phase"], "Bound");
}

#[test]
fn pvc_selector() {
    let e = errs(pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}},
        "selector": {"matchExpressions": [{"key": "release", "operator": "Exists", "values": ["x"]}]}})));
    assert_eq!(
        e,
        vec!["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]
    );
}

#[test]
fn pv_capacity_typo_shows_go_value() {
    let mut s = good_pv();
    s["capacity"] = json!({"storge": "10Gi"});
    assert_eq!(
        errs(pv(s)),
        vec!["spec.capacity: Unsupported value: core.ResourceList{\"storge\":resource.Quantity{i:resource.int64Amount{value:10737418240, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"10Gi\", Format:\"BinarySI\"}}: supported values: \"storage\""]
    );
}
