//! The teaching view of one Secret or ConfigMap: each key with its raw base64 and decoded
//! value, and every pod/container that consumes it (a file in a volume, a subPath file, an
//! env var) with whether that consumer sees the current value or a stale one.
//!
//! Freshness rules (k8s-behaviour.md §7.3): volume files follow the object at the pod's next
//! kubelet sync ([`crate::kubelet::projection::SYNC_PERIOD`]); env vars and subPath files are
//! fixed when the container starts, so they are stale once the data changed after the start.
//! Plain data for the UI; [`render`] prints it for the CLI.

mod render;

#[cfg(test)]
mod tests;

use serde_json::Value;

use crate::cluster::Cluster;
use crate::kubelet::projection::{next_sync, object_data};
use crate::object;

pub use render::{render, Bilingual, Lang, BASE64_NOTE};

/// One Secret or ConfigMap, key by key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigView {
    /// `Secret` or `ConfigMap`.
    pub kind: String,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// A Secret's `type` (`Opaque`, ...); `None` for ConfigMaps.
    pub secret_type: Option<String>,
    /// The current `resourceVersion`.
    pub resource_version: String,
    /// The keys, sorted.
    pub keys: Vec<KeyView>,
}

/// One key and who reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyView {
    /// The key.
    pub key: String,
    /// The stored base64 text (Secret `data`, ConfigMap `binaryData`); `None` for ConfigMap
    /// `data`, stored as plain text.
    pub base64: Option<String>,
    /// The decoded value.
    pub value: Decoded,
    /// Everything that consumes this key.
    pub consumers: Vec<Consumer>,
}

/// A decoded value: text, or bytes that are not printable text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// UTF-8 text (newlines and tabs allowed).
    Text(String),
    /// Binary: its length and the first bytes in hex (`00 01 02 …`).
    Binary {
        /// Length in bytes.
        len: usize,
        /// Hex of the first 16 bytes, `…` appended when longer.
        hex: String,
    },
}

/// How a container reads a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// A file in a mounted volume (updated by the kubelet).
    File {
        /// The volume's name.
        volume: String,
        /// The file's path in the container.
        path: String,
    },
    /// A file mounted with `subPath` (never updated).
    SubPath {
        /// The volume's name.
        volume: String,
        /// The file's path in the container.
        path: String,
    },
    /// `env[].valueFrom.secretKeyRef` / `configMapKeyRef`.
    Env {
        /// The variable.
        name: String,
    },
    /// `envFrom` (with its prefix).
    EnvFrom {
        /// The variable.
        name: String,
    },
}

/// Whether a consumer sees the current value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// It sees the current value.
    Current,
    /// A volume file still shows an older version; the kubelet rewrites it at `next_sync`.
    Pending {
        /// Simulated time of the pod's next sync.
        next_sync: i64,
    },
    /// Fixed at container start and the data changed since: restart the pod to see it.
    StaleUntilRestart,
    /// The container is not running (or the volume not set up yet).
    NotRunning,
}

/// One consumer of a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consumer {
    /// The pod's name.
    pub pod: String,
    /// The container's name.
    pub container: String,
    /// How it reads the key.
    pub via: Via,
    /// Whether it sees the current value.
    pub freshness: Freshness,
}

/// Decodes bytes for display: text when it is UTF-8 without control characters (other than
/// newline, tab, carriage return), otherwise a hex summary.
pub fn decode_for_display(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) => Decoded::Text(s.to_string()),
        _ => {
            let mut hex: Vec<String> = bytes.iter().take(16).map(|b| format!("{b:02x}")).collect();
            if bytes.len() > 16 {
                hex.push("…".into());
            }
            Decoded::Binary { len: bytes.len(), hex: hex.join(" ") }
        }
    }
}

fn arr<'a>(v: &'a Value, path: &str) -> &'a [Value] {
    object::get(v, path).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

/// When `container` of `pod` started, if it runs.
fn started_at(pod: &Value, container: &str) -> Option<i64> {
    ["status.containerStatuses", "status.initContainerStatuses"].iter().find_map(|p| {
        arr(pod, p)
            .iter()
            .find(|st| s(st, "name") == container)
            .and_then(|st| st.pointer("/state/running/startedAt"))
            .and_then(Value::as_str)
            .and_then(crate::clock::parse_rfc3339)
    })
}

/// The file path a key gets in a volume source (`items` mapping), if projected at all.
fn key_path(src: &Value, key: &str) -> Option<String> {
    let items = arr(src, "items");
    if items.is_empty() {
        return Some(key.to_string());
    }
    items.iter().find(|i| s(i, "key") == key).map(|i| s(i, "path").to_string())
}

/// The key's path in each volume of `pod` that projects it.
fn volumes_with(pod: &Value, kind: &str, name: &str, key: &str) -> Vec<(String, String)> {
    let (field, name_field) = if kind == "Secret" { ("secret", "secretName") } else { ("configMap", "name") };
    let mut out = Vec::new();
    for v in arr(pod, "spec.volumes") {
        let vname = s(v, "name").to_string();
        if let Some(src) = v.get(field).filter(|src| s(src, name_field) == name) {
            if let Some(p) = key_path(src, key) {
                out.push((vname.clone(), p));
            }
        }
        for source in v.get("projected").map(|p| arr(p, "sources")).unwrap_or(&[]) {
            if let Some(src) = source.get(field).filter(|src| s(src, "name") == name) {
                if let Some(p) = key_path(src, key) {
                    out.push((vname.clone(), p));
                }
            }
        }
    }
    out
}

/// The view of `kind` (`Secret` or `ConfigMap`) `ns/name`, or `None` when it does not exist.
pub fn config_view(cluster: &Cluster, kind: &str, ns: &str, name: &str) -> Option<ConfigView> {
    if !matches!(kind, "Secret" | "ConfigMap") {
        return None;
    }
    let obj = cluster.api_get(kind, ns, name).ok()?;
    let data = object_data(obj);
    let raw = |field: &str, key: &str| object::get(obj, field).and_then(|d| d.get(key)).and_then(Value::as_str).map(str::to_string);
    let changes = crate::kubelet::projection::seen(cluster, kind, ns, name);
    let now = cluster.now();
    let pods = cluster.api_list("Pod", Some(ns));
    let keys = data
        .iter()
        .map(|(key, bytes)| {
            let base64 = if kind == "Secret" { raw("data", key) } else { raw("binaryData", key) };
            let mut consumers = Vec::new();
            for pod in &pods {
                let since = changes.as_deref().and_then(|c| c.since(kind, key));
                consumers_in_pod(cluster, pod, kind, name, key, bytes, since, now, &mut consumers);
            }
            KeyView { key: key.clone(), base64, value: decode_for_display(bytes), consumers }
        })
        .collect();
    Some(ConfigView {
        kind: kind.to_string(),
        namespace: ns.to_string(),
        name: name.to_string(),
        secret_type: (kind == "Secret").then(|| object::get_str(obj, "type").unwrap_or("Opaque").to_string()),
        resource_version: object::get_str(obj, "metadata.resourceVersion").unwrap_or("").to_string(),
        keys,
    })
}

/// The views of every Secret and ConfigMap in `ns` (Secrets first, each kind by name).
pub fn config_views_in(cluster: &Cluster, ns: &str) -> Vec<ConfigView> {
    ["Secret", "ConfigMap"]
        .iter()
        .flat_map(|k| cluster.api_list(k, Some(ns)).into_iter().map(move |o| (*k, object::name(o).to_string())))
        .filter_map(|(k, n)| config_view(cluster, k, ns, &n))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn consumers_in_pod(cluster: &Cluster, pod: &Value, kind: &str, name: &str, key: &str, bytes: &[u8], since: Option<i64>, now: i64, out: &mut Vec<Consumer>) {
    let uid = object::uid(pod);
    let pod_name = object::name(pod).to_string();
    let vols = volumes_with(pod, kind, name, key);
    let (ref_field, from_field) = if kind == "Secret" { ("secretKeyRef", "secretRef") } else { ("configMapKeyRef", "configMapRef") };
    for c in arr(pod, "spec.initContainers").iter().chain(arr(pod, "spec.containers")) {
        let cname = s(c, "name").to_string();
        let started = started_at(pod, &cname);
        let fixed_at_start = || match started {
            None => Freshness::NotRunning,
            Some(t) if since.is_some_and(|ch| ch > t) => Freshness::StaleUntilRestart,
            Some(_) => Freshness::Current,
        };
        let mut push = |via: Via, freshness: Freshness| out.push(Consumer { pod: pod_name.clone(), container: cname.clone(), via, freshness });
        for m in arr(c, "volumeMounts") {
            for (vol, rel) in vols.iter().filter(|(v, _)| v == s(m, "name")) {
                let mount = s(m, "mountPath").trim_end_matches('/');
                let sub = s(m, "subPath").trim_matches('/');
                if sub.is_empty() {
                    let shown = cluster.projection.volumes.get(&(uid.to_string(), vol.clone())).map(|p| p.payload.get(rel).map(|f| f.data == bytes));
                    let fresh = match (started, shown) {
                        (None, _) | (_, None) => Freshness::NotRunning,
                        (_, Some(Some(true))) => Freshness::Current,
                        _ => Freshness::Pending { next_sync: next_sync(uid, now) },
                    };
                    push(Via::File { volume: vol.clone(), path: format!("{mount}/{rel}") }, fresh);
                } else if sub == rel {
                    push(Via::SubPath { volume: vol.clone(), path: mount.to_string() }, fixed_at_start());
                } else if let Some(rest) = rel.strip_prefix(&format!("{sub}/")) {
                    push(Via::SubPath { volume: vol.clone(), path: format!("{mount}/{rest}") }, fixed_at_start());
                }
            }
        }
        for from in arr(c, "envFrom") {
            if from.get(from_field).is_some_and(|r| s(r, "name") == name) {
                push(Via::EnvFrom { name: format!("{}{key}", s(from, "prefix")) }, fixed_at_start());
            }
        }
        for e in arr(c, "env") {
            if e.get("valueFrom").and_then(|f| f.get(ref_field)).is_some_and(|r| s(r, "name") == name && s(r, "key") == key) {
                push(Via::Env { name: s(e, "name").to_string() }, fixed_at_start());
            }
        }
    }
}
