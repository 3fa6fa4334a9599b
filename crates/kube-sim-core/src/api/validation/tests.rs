//! Validation texts, kind by kind, through `admit` (decode → defaults → validate).

use serde_json::{json, Value};

use crate::api::{admit, ApiError, Op, Reason};

fn create(mut obj: Value) -> Result<Value, ApiError> {
    admit(Op::Create, &mut obj, None).map(|_| obj)
}

/// The field errors of a failed create, one per line.
fn errs(obj: Value) -> Vec<String> {
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
fn split(body: &str) -> Vec<String> {
    match body.strip_prefix("\n* ") {
        Some(list) => list.split("\n* ").map(str::to_string).collect(),
        None => vec![body.to_string()],
    }
}

fn update(old: Value, mut new: Value) -> Vec<String> {
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

fn pv(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv1"}, "spec": spec})
}

fn pvc(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c1", "namespace": "default"}, "spec": spec})
}

fn pod(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"}, "spec": spec})
}

fn good_pv() -> Value {
    json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "nfs": {"server": "10.0.0.1", "path": "/srv"}})
}

const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

// ---- metadata ----

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

// ---- PersistentVolume ----

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

// ---- PersistentVolumeClaim ----

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

// ---- StorageClass ----

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

// ---- Secret / ConfigMap ----

fn secret(extra: Value) -> Value {
    let mut s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "default"}});
    for (k, v) in extra.as_object().unwrap() {
        s[k] = v.clone();
    }
    s
}

#[test]
fn secret_keys_and_base64() {
    assert_eq!(
        errs(secret(json!({"data": {"my key": "YQ=="}}))),
        vec!["data[my key]: Invalid value: \"my key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]
    );
    let e = create(secret(json!({"data": {"password": "mypassword"}}))).unwrap_err();
    assert_eq!(e.to_string(), "Error from server (BadRequest): Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 8");
    let v = create(secret(json!({"stringData": {"user": "admin"}}))).unwrap();
    assert_eq!(v["data"]["user"], "YWRtaW4=");
    assert_eq!(v["type"], "Opaque");
    assert!(v.get("stringData").is_none());
}

#[test]
fn secret_sizes_and_types() {
    let big = crate::api::b64::encode(&vec![b'x'; 1024 * 1024 + 1]);
    assert_eq!(errs(secret(json!({"data": {"a": big}}))), vec!["data: Too long: may not be more than 1048576 bytes"]);
    assert_eq!(
        errs(secret(json!({"type": "kubernetes.io/tls", "data": {"tls.crt": "YQ=="}}))),
        vec!["data[tls.key]: Required value"]
    );
    assert_eq!(
        errs(secret(json!({"type": "kubernetes.io/basic-auth"}))),
        vec!["data[username]: Required value", "data[password]: Required value"]
    );
    assert_eq!(
        errs(secret(json!({"type": "kubernetes.io/dockerconfigjson", "data": {".dockerconfigjson": "eA=="}}))),
        vec!["data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": invalid character 'x' looking for beginning of value"]
    );
}

#[test]
fn immutable_secret_and_config_map() {
    let old = secret(json!({"immutable": true, "data": {"a": "YQ=="}}));
    let new = secret(json!({"immutable": true, "data": {"a": "Yg=="}}));
    assert_eq!(update(old.clone(), new), vec!["data: Forbidden: field is immutable when `immutable` is set"]);
    let new = secret(json!({"data": {"a": "YQ=="}}));
    assert_eq!(update(old, new), vec!["immutable: Forbidden: field is immutable when `immutable` is set"]);
    let cm = |data: Value| json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"}, "immutable": true, "data": data});
    assert_eq!(update(cm(json!({"k": "1"})), cm(json!({"k": "2"}))), vec!["data: Forbidden: field is immutable when `immutable` is set"]);
    let old = secret(json!({"type": "Opaque"}));
    let new = secret(json!({"type": "kubernetes.io/tls", "data": {"tls.crt": "YQ==", "tls.key": "YQ=="}}));
    assert_eq!(update(old, new), vec!["type: Invalid value: \"kubernetes.io/tls\": field is immutable"]);
}

#[test]
fn config_map_keys() {
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"},
        "data": {"..x": "1", "k": "v"}, "binaryData": {"k": "YQ=="}});
    assert_eq!(
        errs(cm),
        vec![
            "data[..x]: Invalid value: \"..x\": must not start with '..'",
            "data[k]: Invalid value: \"k\": duplicate of key present in binaryData",
        ]
    );
}

// ---- Pods ----

#[test]
fn pod_containers() {
    assert_eq!(errs(pod(json!({}))), vec!["spec.containers: Required value"]);
    assert_eq!(
        errs(pod(json!({"containers": [{"name": "Web"}]}))),
        vec![
            "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.containers[0].image: Required value",
        ]
    );
    assert_eq!(
        errs(pod(json!({"containers": [{"name": "a", "image": "i"}, {"name": "a", "image": "i"}]}))),
        vec!["spec.containers[1].name: Duplicate value: \"a\""]
    );
    assert_eq!(
        errs(pod(json!({"containers": [{"name": "a", "image": "i", "ports": [{"containerPort": 70000}]}]}))),
        vec!["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"]
    );
    assert_eq!(
        errs(pod(json!({"containers": [{"name": "a", "image": "i", "env": [{"name": "1X", "value": "v"}]}]}))),
        vec!["spec.containers[0].env[0].name: Invalid value: \"1X\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"]
    );
    assert_eq!(
        errs(pod(json!({"containers": [{"name": "a", "image": "i", "resources": {"requests": {"cpu": "2"}, "limits": {"cpu": "1"}}}]}))),
        vec!["spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"]
    );
}

#[test]
fn pod_volume_mounts() {
    let p = pod(json!({"containers": [{"name": "a", "image": "i", "volumeMounts": [{"name": "x", "mountPath": "/d"}]}]}));
    assert_eq!(errs(p), vec!["spec.containers[0].volumeMounts[0].name: Not found: \"x\""]);
    let p = pod(json!({"volumes": [{"name": "x", "emptyDir": {}}],
        "containers": [{"name": "a", "image": "i", "volumeMounts": [{"name": "x", "mountPath": "/d", "subPath": "../up"},
                                                                     {"name": "x", "mountPath": "/d"}]}]}));
    assert_eq!(
        errs(p),
        vec![
            "spec.containers[0].volumeMounts.subPath: Invalid value: \"../up\": must not contain '..'",
            "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/d\": must be unique",
        ]
    );
}

#[test]
fn pod_volumes() {
    let c = json!([{"name": "a", "image": "i"}]);
    assert_eq!(
        errs(pod(json!({"containers": c, "volumes": [{"name": "v"}]}))),
        vec!["spec.volumes[0]: Required value: must specify a volume type"]
    );
    assert_eq!(
        errs(pod(json!({"containers": c, "volumes": [{"name": "v", "emptyDir": {}, "hostPath": {"path": "/x"}}]}))),
        vec!["spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type"]
    );
    assert_eq!(
        errs(pod(json!({"containers": c, "volumes": [{"name": "v", "emptyDir": {}}, {"name": "v", "emptyDir": {}}]}))),
        vec!["spec.volumes[1].name: Duplicate value: \"v\""]
    );
    assert_eq!(
        errs(pod(json!({"containers": c, "volumes": [{"name": "v", "secret": {"defaultMode": 1000}}]}))),
        vec![
            "spec.volumes[0].secret.secretName: Required value",
            "spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
        ]
    );
    assert_eq!(
        errs(pod(json!({"containers": c, "volumes": [{"name": "v", "configMap": {"name": "c", "items": [{"key": "k", "path": "/abs"}, {"path": "..x"}]}}]}))),
        vec![
            "spec.volumes[0].configMap.items[0].path: Invalid value: \"/abs\": must be a relative path",
            "spec.volumes[0].configMap.items[1].key: Required value",
            "spec.volumes[0].configMap.items[1].path: Invalid value: \"..x\": must not start with '..'",
        ]
    );
    assert_eq!(
        errs(pod(json!({"containers": c, "volumes": [{"name": "v", "persistentVolumeClaim": {}}]}))),
        vec!["spec.volumes[0].persistentVolumeClaim.claimName: Required value"]
    );
    assert_eq!(
        errs(pod(json!({"containers": c, "volumes": [{"name": "My_Vol", "emptyDir": {}}]})))[0],
        "spec.volumes[0].name: Invalid value: \"My_Vol\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    );
}

#[test]
fn pod_fields() {
    let c = json!([{"name": "a", "image": "i"}]);
    assert_eq!(
        errs(pod(json!({"containers": c, "restartPolicy": "Sometimes"}))),
        vec!["spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\""]
    );
    assert_eq!(
        errs(pod(json!({"containers": [{"name": "a", "image": "i", "imagePullPolicy": "Maybe"}]}))),
        vec!["spec.containers[0].imagePullPolicy: Unsupported value: \"Maybe\": supported values: \"Always\", \"IfNotPresent\", \"Never\""]
    );
}

#[test]
fn pod_update_rule() {
    let base = pod(json!({"containers": [{"name": "a", "image": "nginx:1.25"}]}));
    let mut new = base.clone();
    new["spec"]["containers"][0]["image"] = json!("nginx:1.26");
    let mut stored = base.clone();
    admit(Op::Create, &mut stored, None).unwrap();
    let mut full = stored.clone();
    full["spec"]["containers"][0]["image"] = json!("nginx:1.26");
    assert!(admit(Op::Update, &mut full, Some(&stored)).is_ok(), "image may change");
    let mut full = stored.clone();
    full["spec"]["nodeName"] = json!("node2");
    let e = admit(Op::Update, &mut full, Some(&stored)).unwrap_err();
    assert!(e.message.starts_with("The Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{"), "{}", e.message);
    assert!(e.message.contains("+ \tNodeName: \"node2\","), "{}", e.message);
    let mut full = stored.clone();
    full["spec"]["containers"] = json!([]);
    let e = admit(Op::Update, &mut full, Some(&stored)).unwrap_err();
    assert!(e.message.contains("spec.containers: Forbidden: pod updates may not add or remove containers"), "{}", e.message);
}

// ---- Deployments ----

fn deploy(spec: Value) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "mysql", "namespace": "default"}, "spec": spec})
}

#[test]
fn deployment_selector() {
    let t = json!({"metadata": {"labels": {"app": "mysql"}}, "spec": {"containers": [{"name": "m", "image": "mysql:8"}]}});
    assert_eq!(
        errs(deploy(json!({"selector": {"matchLabels": {"app": "db"}}, "template": t}))),
        vec!["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"mysql\"}: `selector` does not match template `labels`"]
    );
    assert_eq!(
        errs(deploy(json!({"template": t}))),
        vec![
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"mysql\"}: `selector` does not match template `labels`",
        ]
    );
    let ok = deploy(json!({"selector": {"matchLabels": {"app": "mysql"}}, "template": t}));
    let v = create(ok.clone()).unwrap();
    assert_eq!(v["spec"]["replicas"], 1);
    let mut new = ok.clone();
    new["spec"]["selector"]["matchLabels"]["app"] = json!("db");
    new["spec"]["template"]["metadata"]["labels"]["app"] = json!("db");
    assert_eq!(
        update(ok, new),
        vec!["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"db\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"]
    );
}

#[test]
fn deployment_template_rules() {
    let t = json!({"metadata": {"labels": {"app": "a"}}, "spec": {"restartPolicy": "Never", "containers": [{"name": "m", "image": "i"}]}});
    assert_eq!(
        errs(deploy(json!({"selector": {"matchLabels": {"app": "a"}}, "template": t, "replicas": -1}))),
        vec![
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
        ]
    );
    let t = json!({"metadata": {"labels": {"app": "a"}}, "spec": {"containers": [{"name": "m", "image": "i", "volumeMounts": [{"name": "data", "mountPath": "/var/lib/mysql"}]}]}});
    assert_eq!(
        errs(deploy(json!({"selector": {"matchLabels": {"app": "a"}}, "template": t}))),
        vec!["spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"data\""]
    );
}

// ---- Services ----

#[test]
fn service_rules() {
    let svc = |spec: Value| json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db", "namespace": "default"}, "spec": spec});
    assert_eq!(errs(svc(json!({}))), vec!["spec.ports: Required value"]);
    assert_eq!(
        errs(svc(json!({"ports": [{"port": 80}, {"port": 81}]}))),
        vec!["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"]
    );
    assert_eq!(
        errs(svc(json!({"type": "NodePort", "ports": [{"port": 80, "nodePort": 80}]}))),
        vec!["spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"]
    );
    let v = create(svc(json!({"ports": [{"port": 3306}], "selector": {"app": "mysql"}}))).unwrap();
    assert_eq!(v["spec"]["ports"][0]["targetPort"], 3306);
}

#[test]
fn strict_decoding_through_admit() {
    let e = create(deploy(json!({"replica": 1}))).unwrap_err();
    assert_eq!(
        e.message,
        "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\""
    );
    let e = create(pod(json!({"containers": [{"name": "a", "image": "i", "args": ["sleep", 10]}]}))).unwrap_err();
    assert_eq!(
        e.message,
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string"
    );
}

// ---- more focused cases ----

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
fn secret_service_account_and_ssh() {
    assert_eq!(
        errs(secret(json!({"type": "kubernetes.io/service-account-token"}))),
        vec!["metadata.annotations[kubernetes.io/service-account.name]: Required value"]
    );
    assert_eq!(errs(secret(json!({"type": "kubernetes.io/ssh-auth"}))), vec!["data[ssh-privatekey]: Required value"]);
    assert_eq!(errs(secret(json!({"type": "kubernetes.io/dockercfg"}))), vec!["data[.dockercfg]: Required value"]);
    assert!(errs(secret(json!({"type": "example.com/custom", "data": {"x": "eA=="}}))).is_empty());
}

#[test]
fn config_map_size_limit() {
    let big = "x".repeat(1024 * 1024 + 1);
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"}, "data": {"k": big}});
    assert_eq!(errs(cm), vec![": Too long: may not be more than 1048576 bytes"]);
}

#[test]
fn pod_env_value_from() {
    let c = |env: Value| pod(json!({"containers": [{"name": "a", "image": "i", "env": env}]}));
    assert_eq!(
        errs(c(json!([{"name": "A", "valueFrom": {}}]))),
        vec!["spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"]
    );
    assert_eq!(
        errs(c(json!([{"name": "A", "value": "x", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}]))),
        vec!["spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"]
    );
    assert_eq!(
        errs(c(json!([{"name": "A", "valueFrom": {"secretKeyRef": {"name": "s"}}}]))),
        vec!["spec.containers[0].env[0].valueFrom.secretKeyRef.key: Required value"]
    );
    assert_eq!(
        errs(c(json!([{"name": "A", "valueFrom": {"fieldRef": {"fieldPath": "spec.hostname"}}}]))),
        vec!["spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.hostname\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\""]
    );
    let v = create(c(json!([{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}]))).unwrap();
    assert_eq!(v["spec"]["containers"][0]["env"][0]["valueFrom"]["fieldRef"]["apiVersion"], "v1");
}

#[test]
fn pod_env_from() {
    let p = pod(json!({"containers": [{"name": "a", "image": "i", "envFrom": [{"prefix": "X_"}, {"configMapRef": {}}]}]}));
    assert_eq!(
        errs(p),
        vec![
            "spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
            "spec.containers[0].envFrom[1].configMapRef.name: Required value",
        ]
    );
}

#[test]
fn pod_probes_and_propagation() {
    let p = pod(json!({"volumes": [{"name": "v", "hostPath": {"path": "/mnt"}}],
        "containers": [{"name": "a", "image": "i", "livenessProbe": {"periodSeconds": 5},
        "volumeMounts": [{"name": "v", "mountPath": "/m", "mountPropagation": "Bidirectional"}]}]}));
    assert_eq!(
        errs(p),
        vec![
            "spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers",
            "spec.containers[0].livenessProbe: Required value: must specify a handler type",
        ]
    );
}

#[test]
fn pod_projected_and_downward() {
    let c = json!([{"name": "a", "image": "i"}]);
    let p = pod(json!({"containers": c, "volumes": [{"name": "v", "projected": {"sources": [{"secret": {"name": "s"}, "configMap": {"name": "c"}}]}}]}));
    assert_eq!(errs(p), vec!["spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type per source"]);
    let p = pod(json!({"containers": c, "volumes": [{"name": "v", "downwardAPI": {"items": [{"path": "labels"}]}}]}));
    assert_eq!(errs(p), vec!["spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required"]);
    let p = pod(json!({"containers": c, "volumes": [{"name": "v", "downwardAPI": {}, "emptyDir": {}}]}));
    assert_eq!(errs(p), vec!["spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type"]);
}

#[test]
fn pod_tolerations_and_node_name() {
    let c = json!([{"name": "a", "image": "i"}]);
    let p = pod(json!({"containers": c, "tolerations": [{"key": "k", "operator": "Exists", "value": "v"}], "nodeName": "Node_1"}));
    assert_eq!(
        errs(p),
        vec![
            format!("spec.nodeName: Invalid value: \"Node_1\": {SUBDOMAIN_MSG}"),
            "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'".to_string(),
        ]
    );
}

#[test]
fn pod_volume_errors_hide_mounts() {
    // A volume that fails validation is not mountable either.
    let p = pod(json!({"volumes": [{"name": "v", "secret": {}}],
        "containers": [{"name": "a", "image": "i", "volumeMounts": [{"name": "v", "mountPath": "/s"}]}]}));
    assert_eq!(
        errs(p),
        vec!["spec.volumes[0].secret.secretName: Required value", "spec.containers[0].volumeMounts[0].name: Not found: \"v\""]
    );
}

#[test]
fn pod_resource_names() {
    let p = pod(json!({"containers": [{"name": "a", "image": "i", "resources": {"limits": {"memroy": "1Gi"}}}]}));
    assert_eq!(
        errs(p),
        vec![
            "spec.containers[0].resources.limits[memroy]: Invalid value: memroy: must be a standard resource type or fully qualified",
            "spec.containers[0].resources.limits[memroy]: Invalid value: memroy: must be a standard resource for containers",
            // Requests are defaulted from limits first, so they fail too.
            "spec.containers[0].resources.requests[memroy]: Invalid value: memroy: must be a standard resource type or fully qualified",
            "spec.containers[0].resources.requests[memroy]: Invalid value: memroy: must be a standard resource for containers",
        ]
    );
}

#[test]
fn deployment_strategy_rules() {
    let t = json!({"metadata": {"labels": {"app": "a"}}, "spec": {"containers": [{"name": "m", "image": "i"}]}});
    let d = |strategy: Value| deploy(json!({"selector": {"matchLabels": {"app": "a"}}, "template": t, "strategy": strategy}));
    assert_eq!(
        errs(d(json!({"type": "Recreate", "rollingUpdate": {"maxSurge": 1}}))),
        vec!["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]
    );
    assert_eq!(
        errs(d(json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}}))),
        vec!["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"]
    );
    assert_eq!(
        errs(d(json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "150%"}}))),
        vec!["spec.strategy.rollingUpdate.maxSurge: Invalid value: \"150%\": must not be greater than 100%"]
    );
}

#[test]
fn deployment_empty_selector_and_expressions() {
    let t = json!({"metadata": {"labels": {"app": "a", "tier": "db"}}, "spec": {"containers": [{"name": "m", "image": "i"}]}});
    assert_eq!(
        errs(deploy(json!({"selector": {}, "template": t}))),
        vec!["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"]
    );
    let sel = json!({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["db", "cache"]}]});
    assert!(errs(deploy(json!({"selector": sel, "template": t}))).is_empty());
}

#[test]
fn replica_set_rules() {
    let rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "r", "namespace": "default"},
        "spec": {"selector": {"matchLabels": {"app": "x"}}, "template": {"metadata": {"labels": {"app": "y"}},
        "spec": {"containers": [{"name": "c", "image": "i"}]}}}});
    assert_eq!(
        errs(rs),
        vec!["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"y\"}: `selector` does not match template `labels`"]
    );
}

#[test]
fn service_type_and_target_port() {
    let svc = |spec: Value| json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db", "namespace": "default"}, "spec": spec});
    assert_eq!(
        errs(svc(json!({"type": "Internal", "ports": [{"port": 80}]}))),
        vec!["spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""]
    );
    assert_eq!(
        errs(svc(json!({"ports": [{"port": 80, "targetPort": "HTTP_PORT"}]}))),
        vec![
            "spec.ports[0].targetPort: Invalid value: \"HTTP_PORT\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "spec.ports[0].targetPort: Invalid value: \"HTTP_PORT\": must contain at least one letter (a-z)",
        ]
    );
    assert_eq!(
        errs(svc(json!({"ports": [{"port": 80, "nodePort": 30080}]}))),
        vec!["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]
    );
}

#[test]
fn namespace_defaults_and_rules() {
    let v = create(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}})).unwrap();
    assert_eq!(v["spec"]["finalizers"], json!(["kubernetes"]));
    assert_eq!(v["status"]["phase"], "Active");
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
fn pod_image_whitespace() {
    assert_eq!(
        errs(pod(json!({"containers": [{"name": "a", "image": "nginx "}]}))),
        vec!["spec.containers[0].image: Invalid value: \"nginx \": must not have leading or trailing whitespace"]
    );
}
