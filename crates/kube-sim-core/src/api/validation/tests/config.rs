//! Secret and ConfigMap texts.

use serde_json::{json, Value};

use super::*;

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
