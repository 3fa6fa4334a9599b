//! What a Secret, ConfigMap, downward API or projected volume holds: its payload, as the
//! volume plugins' `MakePayload` / `collectData` build it (pkg/volume/{secret,configmap,
//! downwardapi,projected}), with their error texts.

use std::collections::BTreeMap;

use serde_json::Value;

use super::downward;
use crate::cluster::Cluster;
use crate::object;

/// One file of a payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProjection {
    /// The bytes.
    pub data: Vec<u8>,
    /// Permission bits.
    pub mode: u32,
    /// The owner the kubelet gives it (a projected token with a pod-wide `runAsUser`).
    pub fs_user: Option<u32>,
}

/// Relative path (may hold `/`) → file.
pub type Payload = BTreeMap<String, FileProjection>;

/// One object a payload was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    /// `Secret` or `ConfigMap`.
    pub kind: String,
    /// Its name (in the pod's namespace).
    pub name: String,
    /// The `resourceVersion` read, `None` when it did not exist (optional source).
    pub resource_version: Option<String>,
}

/// A payload and the objects it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Collected {
    /// The files.
    pub payload: Payload,
    /// The Secrets and ConfigMaps read.
    pub sources: Vec<SourceRef>,
}

/// The plugin directory of a volume kind (`kubernetes.io~secret`, ...), or `None` for volume
/// kinds this module does not fill.
pub fn plugin_dir(volume: &Value) -> Option<&'static str> {
    [
        ("secret", "kubernetes.io~secret"),
        ("configMap", "kubernetes.io~configmap"),
        ("projected", "kubernetes.io~projected"),
        ("downwardAPI", "kubernetes.io~downward-api"),
    ]
    .into_iter()
    .find(|(k, _)| volume.get(*k).is_some_and(Value::is_object))
    .map(|(_, d)| d)
}

fn mode_of(v: &Value, key: &str) -> Option<u32> {
    v.get(key).and_then(Value::as_u64).and_then(|m| u32::try_from(m).ok())
}

fn optional(v: &Value) -> bool {
    v.get("optional").and_then(Value::as_bool).unwrap_or(false)
}

fn items(v: &Value) -> &[Value] {
    v.get("items").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// The bytes of each key of a Secret (`data`, base64-decoded) or ConfigMap (`data`, then
/// `binaryData`).
pub fn object_data(obj: &Value) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for_each_datum(object::kind(obj), obj, |k, v| {
        out.insert(k.to_string(), v.into_owned());
    });
    out
}

/// The fields of a `kind` object (`Secret` or `ConfigMap`) whose keys are its data, in the
/// order [`for_each_datum`] reads them.
fn datum_fields(kind: &str) -> &'static [&'static str] {
    if kind == "Secret" {
        &["data"]
    } else {
        &["binaryData", "data"]
    }
}

/// Whether `obj` (of `kind`) has the data key `key`: one of the keys [`object_data`] returns.
pub(crate) fn has_datum(kind: &str, obj: &Value, key: &str) -> bool {
    datum_fields(kind).iter().any(|f| obj.get(*f).and_then(Value::as_object).is_some_and(|m| m.contains_key(key)))
}

/// Calls `f` with each key and value of what [`object_data`] returns, in the order it builds
/// it (a ConfigMap's `binaryData` first; a later call for a key replaces an earlier one),
/// without copying what needs no decoding.
pub(crate) fn for_each_datum(kind: &str, obj: &Value, mut f: impl FnMut(&str, std::borrow::Cow<[u8]>)) {
    for name in datum_fields(kind) {
        for (k, v) in obj.get(*name).and_then(Value::as_object).into_iter().flatten() {
            f(k, datum_value(kind, name, v));
        }
    }
}

/// The bytes of a value `v` of field `name` of a `kind` object: a Secret's data and a
/// ConfigMap's binaryData are base64 (kept as written when they do not decode); a ConfigMap's
/// data is text.
fn datum_value<'a>(kind: &str, name: &str, v: &'a Value) -> std::borrow::Cow<'a, [u8]> {
    let s = v.as_str().unwrap_or("");
    if kind == "Secret" || name == "binaryData" {
        crate::api::b64::decode(s).unwrap_or_else(|| s.as_bytes().to_vec()).into()
    } else {
        s.as_bytes().into()
    }
}

/// The value [`for_each_datum`] gives last for `key` of `obj` (of `kind`): what
/// [`object_data`] holds for it.
pub(crate) fn datum<'a>(kind: &str, obj: &'a Value, key: &str) -> Option<std::borrow::Cow<'a, [u8]>> {
    datum_fields(kind).iter().rev().find_map(|name| Some(datum_value(kind, name, obj.get(*name).and_then(Value::as_object)?.get(key)?)))
}

/// `secret.MakePayload` / `configmap.MakePayload`: all keys with `default_mode`, or only the
/// listed `items` at their paths.
fn make_payload(kind: &str, data: &BTreeMap<String, Vec<u8>>, src: &Value, default_mode: u32, optional: bool) -> Result<Payload, String> {
    let mut payload = Payload::new();
    let list = items(src);
    if list.is_empty() {
        for (k, v) in data {
            payload.insert(k.clone(), FileProjection { data: v.clone(), mode: default_mode, fs_user: None });
        }
        return Ok(payload);
    }
    for item in list {
        let key = item.get("key").and_then(Value::as_str).unwrap_or("");
        let Some(content) = data.get(key) else {
            if optional {
                continue;
            }
            return Err(if kind == "Secret" {
                format!("references non-existent secret key: {key}")
            } else {
                format!("configmap references non-existent config key: {key}")
            });
        };
        let path = item.get("path").and_then(Value::as_str).unwrap_or(key);
        let mode = mode_of(item, "mode").unwrap_or(default_mode);
        payload.insert(path.to_string(), FileProjection { data: content.clone(), mode, fs_user: None });
    }
    Ok(payload)
}

/// Reads a Secret or ConfigMap for a volume: `secret "x" not found` unless optional (then
/// empty).
fn source(cluster: &Cluster, kind: &str, ns: &str, name: &str, optional: bool, sources: &mut Vec<SourceRef>) -> Result<BTreeMap<String, Vec<u8>>, String> {
    match cluster.api_get(kind, ns, name) {
        Ok(obj) => {
            let rv = object::get_str(obj, "metadata.resourceVersion").map(str::to_string);
            sources.push(SourceRef { kind: kind.into(), name: name.into(), resource_version: rv });
            Ok(object_data(obj))
        }
        Err(_) if optional => {
            sources.push(SourceRef { kind: kind.into(), name: name.into(), resource_version: None });
            Ok(BTreeMap::new())
        }
        Err(_) => Err(format!("{} \"{name}\" not found", kind.to_lowercase())),
    }
}

/// `volumeutil.FsUserFrom`: the `runAsUser` every container runs as, if they all agree.
pub(crate) fn fs_user_from(pod: &Value) -> Option<u32> {
    let pod_user = object::get(pod, "spec.securityContext.runAsUser").and_then(Value::as_u64);
    let mut users = ["initContainers", "containers"].iter().flat_map(|k| {
        object::get(pod, &format!("spec.{k}")).and_then(Value::as_array).cloned().unwrap_or_default()
    });
    let first = users.next()?;
    let eff = |c: &Value| object::get(c, "securityContext.runAsUser").and_then(Value::as_u64).or(pod_user);
    let u = eff(&first)?;
    users.all(|c| eff(&c) == Some(u)).then_some(u).and_then(|u| u32::try_from(u).ok())
}

fn downward_items(cluster: &Cluster, pod: &Value, src: &Value, default_mode: u32, payload: &mut Payload) -> Result<(), String> {
    let first = pod.pointer("/spec/containers/0").cloned().unwrap_or(Value::Null);
    for item in items(src) {
        let path = item.get("path").and_then(Value::as_str).unwrap_or("");
        let value = if let Some(f) = item.get("fieldRef") {
            downward::field_value(cluster, pod, f.get("fieldPath").and_then(Value::as_str).unwrap_or(""))?
        } else if let Some(r) = item.get("resourceFieldRef") {
            downward::resource_value(cluster, pod, &first, r)?
        } else {
            continue;
        };
        let mode = mode_of(item, "mode").unwrap_or(default_mode);
        payload.insert(path.to_string(), FileProjection { data: value.into_bytes(), mode, fs_user: None });
    }
    Ok(())
}

/// The payload of `volume` for `pod`, or `Ok(None)` for volume kinds other than secret,
/// configMap, downwardAPI and projected. `Err` is the text after
/// `MountVolume.SetUp failed for volume "<name>" : `.
pub fn collect(cluster: &Cluster, pod: &Value, volume: &Value, node: &str) -> Result<Option<Collected>, String> {
    let ns = object::namespace(pod);
    let mut sources = Vec::new();
    if let Some(src) = volume.get("secret").filter(|v| v.is_object()) {
        let name = src.get("secretName").and_then(Value::as_str).unwrap_or("");
        let data = source(cluster, "Secret", ns, name, optional(src), &mut sources)?;
        let payload = make_payload("Secret", &data, src, mode_of(src, "defaultMode").unwrap_or(0o644), optional(src))?;
        return Ok(Some(Collected { payload, sources }));
    }
    if let Some(src) = volume.get("configMap").filter(|v| v.is_object()) {
        let name = src.get("name").and_then(Value::as_str).unwrap_or("");
        let data = source(cluster, "ConfigMap", ns, name, optional(src), &mut sources)?;
        let payload = make_payload("ConfigMap", &data, src, mode_of(src, "defaultMode").unwrap_or(0o644), optional(src))?;
        return Ok(Some(Collected { payload, sources }));
    }
    if let Some(src) = volume.get("downwardAPI").filter(|v| v.is_object()) {
        let mut payload = Payload::new();
        downward_items(cluster, pod, src, mode_of(src, "defaultMode").unwrap_or(0o644), &mut payload)?;
        return Ok(Some(Collected { payload, sources }));
    }
    let Some(src) = volume.get("projected").filter(|v| v.is_object()) else { return Ok(None) };
    projected(cluster, pod, src, node).map(Some)
}

/// `projected.collectData`: every source in order; errors are gathered (`[a, b]` when more
/// than one, as `utilerrors.NewAggregate` prints them).
fn projected(cluster: &Cluster, pod: &Value, src: &Value, node: &str) -> Result<Collected, String> {
    let ns = object::namespace(pod);
    let default_mode = mode_of(src, "defaultMode").unwrap_or(0o644);
    let fs_group = object::get(pod, "spec.securityContext.fsGroup").is_some();
    let mut out = Collected::default();
    let mut errs: Vec<String> = Vec::new();
    let list = src.get("sources").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    for s in list {
        let r = if let Some(sec) = s.get("secret") {
            let name = sec.get("name").and_then(Value::as_str).unwrap_or("");
            source(cluster, "Secret", ns, name, optional(sec), &mut out.sources)
                .and_then(|d| make_payload("Secret", &d, sec, default_mode, optional(sec)))
        } else if let Some(cm) = s.get("configMap") {
            let name = cm.get("name").and_then(Value::as_str).unwrap_or("");
            source(cluster, "ConfigMap", ns, name, optional(cm), &mut out.sources)
                .and_then(|d| make_payload("ConfigMap", &d, cm, default_mode, optional(cm)))
        } else if let Some(d) = s.get("downwardAPI") {
            let mut p = Payload::new();
            downward_items(cluster, pod, d, default_mode, &mut p).map(|_| p)
        } else if let Some(t) = s.get("serviceAccountToken") {
            let fs_user = fs_user_from(pod);
            let mode = if fs_user.is_some() || fs_group { 0o600 } else { default_mode };
            let path = t.get("path").and_then(Value::as_str).unwrap_or("token").to_string();
            super::token::service_account_token(cluster, pod, node, t)
                .map(|tok| Payload::from([(path, FileProjection { data: tok.into_bytes(), mode, fs_user })]))
        } else {
            Ok(Payload::new())
        };
        match r {
            Ok(p) => out.payload.extend(p),
            Err(e) if !errs.contains(&e) => errs.push(e),
            Err(_) => {}
        }
    }
    match errs.len() {
        0 => Ok(out),
        1 => Err(errs.remove(0)),
        _ => Err(format!("[{}]", errs.join(", "))),
    }
}
