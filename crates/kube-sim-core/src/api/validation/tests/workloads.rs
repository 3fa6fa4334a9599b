//! Deployment, ReplicaSet, Service, Namespace and decoding texts.

use serde_json::{json, Value};

use super::*;

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
