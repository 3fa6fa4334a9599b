//! Static pods: every file in a node's `/etc/kubernetes/manifests` (the kubelet's
//! `staticPodPath`) that holds a Pod becomes a pod the kubelet runs, shown in the API as a
//! mirror pod `NAME-NODE` (annotations `kubernetes.io/config.*`, owned by the Node). A changed
//! file replaces the pod; a removed file deletes it.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::apiserver::DeleteOptions;
use crate::cluster::Cluster;
use crate::fs::Cred;
use crate::object;

/// The kubelet's `staticPodPath`.
pub const MANIFESTS: &str = "/etc/kubernetes/manifests";

/// The config hash of a manifest (32 hex digits, as the kubelet writes it).
fn config_hash(text: &str, node: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(format!("{node}\n{text}").as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The pods the manifests of `node` describe: (namespace, mirror name, hash, pod).
fn manifests(cluster: &Cluster, node: &str) -> Vec<(String, String, String, Value)> {
    let root = Cred::root();
    let files = cluster.fs.list(node, &root, MANIFESTS).unwrap_or_default();
    let mut out = Vec::new();
    for f in files.iter().filter(|f| !f.starts_with('.')) {
        let Ok(bytes) = cluster.fs.read(node, &root, &format!("{MANIFESTS}/{f}")) else { continue };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let Ok(docs) = crate::yaml::parse_documents(&text) else { continue };
        let Some(pod) = docs.into_iter().find(|d| !d.is_null()) else { continue };
        if object::kind(&pod) != "Pod" || object::name(&pod).is_empty() {
            continue;
        }
        let ns = Some(object::namespace(&pod)).filter(|n| !n.is_empty()).unwrap_or("default").to_string();
        out.push((ns, format!("{}-{node}", object::name(&pod)), config_hash(&text, node), pod));
    }
    out
}

/// The mirror pod of a manifest.
fn mirror(cluster: &Cluster, node: &str, ns: &str, name: &str, hash: &str, manifest: &Value) -> Value {
    let mut pod = manifest.clone();
    object::set(&mut pod, "metadata.name", json!(name));
    object::set(&mut pod, "metadata.namespace", json!(ns));
    for (k, v) in [("hash", hash.to_string()), ("mirror", hash.to_string()), ("seen", format!("{}.000000000Z", cluster.clock.rfc3339().trim_end_matches('Z'))), ("source", "file".into())] {
        if let Some(a) = object::entry(&mut pod, "metadata.annotations").as_object_mut() {
            a.insert(format!("kubernetes.io/config.{k}"), json!(v));
        } else {
            object::set(&mut pod, "metadata.annotations", json!({ format!("kubernetes.io/config.{k}"): v }));
        }
    }
    let node_uid = cluster.api_get("Node", "", node).map(|n| object::uid(n).to_string()).unwrap_or_default();
    object::set(&mut pod, "metadata.ownerReferences", json!([{"apiVersion": "v1", "controller": true, "kind": "Node", "name": node, "uid": node_uid}]));
    object::set(&mut pod, "spec.nodeName", json!(node));
    object::remove(&mut pod, "status");
    pod
}

/// One pass over `node`'s manifests: create missing mirror pods, replace changed ones,
/// delete those whose file is gone.
pub fn sync(cluster: &mut Cluster, node: &str) {
    let wanted = manifests(cluster, node);
    let mut keep = BTreeSet::new();
    for (ns, name, hash, manifest) in wanted {
        keep.insert((ns.clone(), name.clone()));
        let existing = cluster.api_get("Pod", &ns, &name).ok().cloned();
        match existing {
            None => {
                let pod = mirror(cluster, node, &ns, &name, &hash, &manifest);
                if cluster.api_create(pod).is_ok() {
                    cluster.kubelet.static_pods.entry(node.to_string()).or_default().insert((ns, name));
                }
            }
            Some(p) => {
                let ours = cluster.kubelet.static_pods.get(node).is_some_and(|s| s.contains(&(ns.clone(), name.clone())));
                let current = p.pointer("/metadata/annotations/kubernetes.io~1config.mirror").and_then(Value::as_str) == Some(hash.as_str());
                if ours && !current && object::get(&p, "metadata.deletionTimestamp").is_none() {
                    let _ = cluster.api_delete("Pod", &ns, &name, &DeleteOptions::default());
                }
            }
        }
    }
    let gone: Vec<(String, String)> = cluster.kubelet.static_pods.get(node).map(|s| s.difference(&keep).cloned().collect()).unwrap_or_default();
    for (ns, name) in gone {
        let live = cluster.api_get("Pod", &ns, &name).is_ok_and(|p| object::get(p, "metadata.deletionTimestamp").is_none());
        if live {
            let _ = cluster.api_delete("Pod", &ns, &name, &DeleteOptions::default());
        } else if cluster.api_get("Pod", &ns, &name).is_err() {
            if let Some(s) = cluster.kubelet.static_pods.get_mut(node) {
                s.remove(&(ns, name));
            }
        }
    }
}
