//! Pod texts: containers, volumes, mounts, updates.

use serde_json::{json, Value};

use super::*;
use crate::api::{admit, Op};

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
    assert!(e.message.contains("- \tNodeName: ") && e.message.contains("+ \tNodeName: "), "{}", e.message);
    assert!(e.message.contains(" \"node2\",\n"), "{}", e.message);
    let mut full = stored.clone();
    full["spec"]["containers"] = json!([]);
    let e = admit(Op::Update, &mut full, Some(&stored)).unwrap_err();
    assert!(e.message.contains("spec.containers: Forbidden: pod updates may not add or remove containers"), "{}", e.message);
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
fn pod_image_whitespace() {
    assert_eq!(
        errs(pod(json!({"containers": [{"name": "a", "image": "nginx "}]}))),
        vec!["spec.containers[0].image: Invalid value: \"nginx \": must not have leading or trailing whitespace"]
    );
}

#[test]
fn pod_update_diff_layout() {
    let base = pod(json!({"containers": [{"name": "a", "image": "nginx:1.25"}]}));
    let mut stored = base.clone();
    admit(Op::Create, &mut stored, None).unwrap();
    let mut full = stored.clone();
    full["spec"]["nodeName"] = json!("node2");
    full["spec"]["containers"][0]["ports"] = json!([{"containerPort": 80}]);
    let e = admit(Op::Update, &mut full, Some(&stored)).unwrap_err();
    let diff = e.message.split_once('\n').map(|(_, d)| d).unwrap_or("");
    assert!(diff.starts_with("  core.PodSpec{\n  \tVolumes:             nil,\n"), "{diff}");
    assert!(diff.contains("- \tNodeName:                     \"\",\n+ \tNodeName:                     \"node2\",\n"), "{diff}");
    assert!(diff.ends_with("  \t... // 24 identical fields\n  }\n"), "{diff}");
}
