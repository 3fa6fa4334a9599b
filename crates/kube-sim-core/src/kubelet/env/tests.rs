//! Container environments in a lab.

use serde_json::{json, Value};

use super::*;
use crate::kubelet::projection::tests::{configmap, lab, pod, secret};

fn env_of(c: &Cluster, p: &Value) -> Result<Vec<(String, String)>, String> {
    container_env(c, p, &p["spec"]["containers"][0])
}

fn get<'a>(env: &'a [(String, String)], k: &str) -> Option<&'a str> {
    env.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

#[test]
fn the_articles_secret_env_vars() {
    let mut c = lab();
    secret(&mut c, "mysecret", json!({"username": "YWRtaW4=", "password": "YWJjZGVm"}));
    let ctr = json!({"env": [
        {"name": "SECRET_USERNAME", "valueFrom": {"secretKeyRef": {"name": "mysecret", "key": "username"}}},
        {"name": "SECRET_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "mysecret", "key": "password"}}}]});
    let p = pod(&mut c, "mysecret", json!([]), ctr);
    let env = env_of(&c, &p).expect("env");
    let names: Vec<&str> = env.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "PATH", "HOSTNAME", "SECRET_USERNAME", "SECRET_PASSWORD",
            "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBERNETES_SERVICE_PORT_HTTPS",
            "KUBERNETES_PORT", "KUBERNETES_PORT_443_TCP", "KUBERNETES_PORT_443_TCP_PROTO",
            "KUBERNETES_PORT_443_TCP_PORT", "KUBERNETES_PORT_443_TCP_ADDR", "HOME"
        ]
    );
    assert_eq!(get(&env, "SECRET_USERNAME"), Some("admin"));
    assert_eq!(get(&env, "SECRET_PASSWORD"), Some("abcdef"));
    assert_eq!(get(&env, "HOSTNAME"), Some("mysecret"));
    assert_eq!(get(&env, "HOME"), Some("/root"));
    assert_eq!(get(&env, "KUBERNETES_PORT"), Some("tcp://10.96.0.1:443"));
    assert_eq!(get(&env, "KUBERNETES_PORT_443_TCP_ADDR"), Some("10.96.0.1"));
    assert_eq!(get(&env, "KUBERNETES_SERVICE_PORT_HTTPS"), Some("443"));
}

#[test]
fn missing_objects_and_keys_are_config_errors_unless_optional() {
    let mut c = lab();
    secret(&mut c, "s", json!({"a": "eA=="}));
    configmap(&mut c, "cm", json!({"a": "x"}));
    let one = |c: &mut Cluster, name: &str, from: Value| {
        let p = pod(c, name, json!([]), json!({"env": [{"name": "V", "valueFrom": from}]}));
        env_of(c, &p).map(|e| get(&e, "V").map(str::to_string))
    };
    assert_eq!(one(&mut c, "p1", json!({"secretKeyRef": {"name": "x", "key": "a"}})), Err("secret \"x\" not found".into()));
    assert_eq!(one(&mut c, "p2", json!({"secretKeyRef": {"name": "s", "key": "k"}})), Err("couldn't find key k in Secret default/s".into()));
    assert_eq!(one(&mut c, "p3", json!({"configMapKeyRef": {"name": "x", "key": "a"}})), Err("configmap \"x\" not found".into()));
    assert_eq!(one(&mut c, "p4", json!({"configMapKeyRef": {"name": "cm", "key": "k"}})), Err("couldn't find key k in ConfigMap default/cm".into()));
    assert_eq!(one(&mut c, "p5", json!({"secretKeyRef": {"name": "x", "key": "a", "optional": true}})), Ok(None));
    assert_eq!(one(&mut c, "p6", json!({"configMapKeyRef": {"name": "cm", "key": "k", "optional": true}})), Ok(None));
    assert_eq!(one(&mut c, "p7", json!({"configMapKeyRef": {"name": "cm", "key": "a"}})), Ok(Some("x".into())));
    assert_eq!(one(&mut c, "p8", json!({"fieldRef": {"fieldPath": "metadata.name"}})), Ok(Some("p8".into())));
    assert_eq!(one(&mut c, "p9", json!({"fieldRef": {"fieldPath": "spec.nodeName"}})), Ok(Some("worker-1".into())));
    assert_eq!(one(&mut c, "p10", json!({"fieldRef": {"fieldPath": "status.hostIP"}})), Ok(Some("172.19.0.2".into())));
}

#[test]
fn env_from_with_prefix_then_env_overrides_and_expansion() {
    let mut c = lab();
    configmap(&mut c, "x", json!({"1bad": "b", "LEVEL": "debug", "app.mode": "m"}));
    secret(&mut c, "s", json!({"PASSWORD": "cHc="}));
    let ctr = json!({
        "envFrom": [{"configMapRef": {"name": "x"}}, {"prefix": "DB_", "secretRef": {"name": "s"}},
                    {"configMapRef": {"name": "gone", "optional": true}}],
        "env": [{"name": "LEVEL", "value": "info"}, {"name": "URL", "value": "db://$(DB_PASSWORD)@$(KUBERNETES_SERVICE_HOST)/$(NOPE)/$$(LEVEL)"},
                {"name": "EMPTY"}]});
    let p = pod(&mut c, "p", json!([]), ctr);
    let env = env_of(&c, &p).expect("env");
    let names: Vec<&str> = env.iter().take(8).map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["PATH", "HOSTNAME", "1bad", "LEVEL", "app.mode", "DB_PASSWORD", "URL", "EMPTY"]);
    assert_eq!(get(&env, "1bad"), Some("b"), "v1.32 keeps keys that are not C identifiers");
    assert_eq!(get(&env, "LEVEL"), Some("info"));
    assert_eq!(get(&env, "URL"), Some("db://pw@10.96.0.1/$(NOPE)/$(LEVEL)"));
    assert_eq!(get(&env, "EMPTY"), Some(""));
    let missing = pod(&mut c, "q", json!([]), json!({"envFrom": [{"secretRef": {"name": "gone"}}]}));
    assert_eq!(env_of(&c, &missing), Err("secret \"gone\" not found".into()));
}

#[test]
fn service_links_for_the_namespace() {
    let mut c = lab();
    c.api_create(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "my-sql"},
        "spec": {"clusterIP": "10.96.12.34", "ports": [{"port": 3306, "name": "mysql"}, {"port": 33060, "protocol": "TCP", "name": "x"}]}}))
    .expect("svc");
    let p = pod(&mut c, "p", json!([]), json!({}));
    let env = env_of(&c, &p).expect("env");
    let ip = c.api_get("Service", "default", "my-sql").expect("svc")["spec"]["clusterIP"].as_str().expect("ip").to_string();
    assert_eq!(get(&env, "MY_SQL_SERVICE_HOST"), Some(ip.as_str()));
    assert_eq!(get(&env, "MY_SQL_SERVICE_PORT"), Some("3306"));
    assert_eq!(get(&env, "MY_SQL_SERVICE_PORT_MYSQL"), Some("3306"));
    assert_eq!(get(&env, "MY_SQL_PORT_33060_TCP"), Some(format!("tcp://{ip}:33060").as_str()));
    let mut q = p.clone();
    q["spec"]["enableServiceLinks"] = json!(false);
    let env = env_of(&c, &q).expect("env");
    assert_eq!(get(&env, "MY_SQL_SERVICE_HOST"), None);
    assert_eq!(get(&env, "KUBERNETES_SERVICE_HOST"), Some("10.96.0.1"));
}

#[test]
fn runtime_vars_follow_the_user_and_can_be_overridden() {
    let mut c = lab();
    let p = pod(&mut c, "p", json!([]), json!({"securityContext": {"runAsUser": 999}, "env": [{"name": "PATH", "value": "/opt:$(PATH)"}]}));
    let env = env_of(&c, &p).expect("env");
    assert_eq!(get(&env, "HOME"), Some("/"));
    assert_eq!(env[0], ("PATH".to_string(), "/opt:$(PATH)".to_string()), "the kubelet does not know the image's PATH");
}

#[test]
fn resource_field_refs_default_limits_to_the_node() {
    let mut c = lab();
    let ctr = json!({"resources": {"limits": {"memory": "64Mi"}, "requests": {"cpu": "250m", "memory": "64Mi"}}, "env": [
        {"name": "MEM_MI", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory", "divisor": "1Mi"}}},
        {"name": "CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
        {"name": "CPU_REQ_M", "valueFrom": {"resourceFieldRef": {"resource": "requests.cpu", "divisor": "1m"}}},
        {"name": "CPU_REQ", "valueFrom": {"resourceFieldRef": {"resource": "requests.cpu"}}}]});
    let p = pod(&mut c, "p", json!([]), ctr);
    let env = env_of(&c, &p).expect("env");
    assert_eq!(get(&env, "MEM_MI"), Some("64"));
    assert_eq!(get(&env, "CPU_LIMIT"), Some("2"), "no limit: the node's allocatable");
    assert_eq!(get(&env, "CPU_REQ_M"), Some("250"));
    assert_eq!(get(&env, "CPU_REQ"), Some("1"), "rounded up to whole cores");
}

#[test]
fn odd_shapes_never_panic() {
    let mut c = lab();
    let p = pod(&mut c, "p", json!([]), json!({}));
    for ctr in [json!(null), json!({"env": 5}), json!({"env": [{"valueFrom": {"secretKeyRef": 3}}]}), json!({"envFrom": [{}, {"prefix": 1}]}),
        json!({"env": [{"name": "X", "value": "$"}, {"name": "Y", "value": "$("}, {"name": "Z", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['a']"}}}]})]
    {
        let _ = container_env(&c, &p, &ctr);
    }
    for vol in [json!(null), json!({"secret": {"items": [{}]}}), json!({"projected": {"sources": [null, {"downwardAPI": {"items": [{"fieldRef": {}}]}}]}}),
        json!({"configMap": {"name": 5, "defaultMode": -1}}), json!({"downwardAPI": {"items": [{"path": "x", "resourceFieldRef": {"resource": "bogus"}}]}})]
    {
        let d = c.filesystems_mut().new_dir(0, 0, 0o755, 0);
        let _ = crate::kubelet::projection::setup_projected_volume(&mut c, &p, &vol, "worker-1", d);
    }
}
