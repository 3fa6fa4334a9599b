//! The namespace controller (empties a terminating namespace, then removes it) and the
//! per-namespace defaults: the `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher) and the
//! `default` ServiceAccount (serviceaccount controller).

use serde_json::{json, Value};

use crate::api::resources::RESOURCES;
use crate::apiserver::DeleteOptions;
use crate::cluster::Cluster;
use crate::object;
use crate::store::Change;

/// Empties namespaces that are being deleted; removes them once nothing is left in them.
pub fn reconcile(cluster: &mut Cluster) {
    let terminating: Vec<Value> = cluster.api.store.terminating("Namespace").into_iter().cloned().collect();
    for ns in terminating {
        let name = object::name(&ns).to_string();
        let mut left = 0;
        for r in RESOURCES.iter().filter(|r| r.namespaced) {
            let objs: Vec<(String, bool)> = cluster
                .api_list(r.kind, Some(&name))
                .into_iter()
                .map(|o| (object::name(o).to_string(), object::get(o, "metadata.deletionTimestamp").is_some()))
                .collect();
            left += objs.len();
            for (obj_name, deleting) in objs {
                if !deleting {
                    let _ = cluster.api_delete(r.kind, &name, &obj_name, &DeleteOptions::default());
                }
            }
        }
        if left == 0 {
            cluster.api.store.apply(Change::Deleted(ns));
        }
    }
}

/// The CA bundle every namespace's `kube-root-ca.crt` ConfigMap carries.
pub const ROOT_CA: &str = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIYxuNlJwpVXMwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNDEyMTAwNzU1MDBaFw0zNDEyMDgwODAwMDBaMBUx\nEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\nAoIBAQC9kZ2sSLqvBDJ0xVYYWOsFfHQ6OlPRGp3A3vNHs1iXK2SmnQJ8u1q9ZrB0\n-----END CERTIFICATE-----\n";

/// Creates `kube-root-ca.crt` and the `default` ServiceAccount in every active namespace
/// that lacks them.
pub fn publish_defaults(cluster: &mut Cluster) {
    if !super::kinds_changed_since_last_run(cluster, "root-ca-cert-publisher", &["Namespace", "ConfigMap", "ServiceAccount"]) {
        return;
    }
    let active: Vec<String> = cluster
        .api_list("Namespace", None)
        .into_iter()
        .filter(|n| object::get(n, "metadata.deletionTimestamp").is_none())
        .map(|n| object::name(n).to_string())
        .collect();
    for ns in active {
        if cluster.api.store.get("ConfigMap", &ns, "kube-root-ca.crt").is_none() {
            cluster.store_new(json!({
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": "kube-root-ca.crt", "namespace": ns, "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
                "data": {"ca.crt": ROOT_CA},
            }));
        }
        if cluster.api.store.get("ServiceAccount", &ns, "default").is_none() {
            cluster.store_new(json!({
                "apiVersion": "v1",
                "kind": "ServiceAccount",
                "metadata": {"name": "default", "namespace": ns},
            }));
        }
    }
    // What we created is not a change to react to.
    super::kinds_changed_since_last_run(cluster, "root-ca-cert-publisher", &["Namespace", "ConfigMap", "ServiceAccount"]);
}

/// The API server's bootstrap controller: puts the `kubernetes` Service back when it is gone.
pub fn ensure_kubernetes_service(cluster: &mut Cluster) {
    if !super::kinds_changed_since_last_run(cluster, "apiserver-bootstrap", &["Service", "Namespace"]) {
        return;
    }
    let default_active = cluster.api.store.get("Namespace", "", "default").is_some_and(|n| object::get(n, "metadata.deletionTimestamp").is_none());
    if default_active && cluster.api.store.get("Service", "default", "kubernetes").is_none() {
        cluster.store_new(crate::lab::kubernetes_service());
    }
    super::kinds_changed_since_last_run(cluster, "apiserver-bootstrap", &["Service", "Namespace"]);
}
