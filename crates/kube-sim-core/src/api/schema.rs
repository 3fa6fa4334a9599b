//! Kinds and strict decoding: what the API server's JSON decoder says about a body, before any
//! validation. Three outcomes, as upstream (`sigs.k8s.io/json` + the strict serializer):
//! - a decode error (`json: cannot unmarshal string into Go struct field …`, a bad quantity,
//!   bad base64 in `data`) — the first one wins;
//! - otherwise, unknown fields: `strict decoding error: unknown field "a", unknown field "b"`;
//! - otherwise the body is accepted. Quantities are rewritten in canonical form and `null`
//!   fields dropped, as the decode/encode round trip of the API server does.

use serde_json::Value;

use super::schema_table::STRUCTS;
use crate::quantity::Quantity;

/// A field's type in the schema table.
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    /// A string; the Go type name (`string`, `v1.RestartPolicy`).
    Str(&'static str),
    /// An integer; the Go type name (`int32`, `int64`).
    Int(&'static str),
    /// A bool.
    Bool,
    /// A `resource.Quantity` (string or number).
    Quantity,
    /// An `intstr.IntOrString`.
    IntOrStr,
    /// `[]byte`: a base64 string.
    Bytes,
    /// Anything: kept, not checked.
    Any,
    /// A map with string keys: value type and Go type name.
    Map(&'static Ty, &'static str),
    /// An array of the element type.
    Arr(&'static Ty),
    /// A struct by name (see `schema_table`).
    Obj(&'static str),
}

impl Ty {
    fn go_name(&self) -> String {
        match self {
            Ty::Str(n) | Ty::Int(n) => n.to_string(),
            Ty::Bool => "bool".into(),
            Ty::Quantity => "resource.Quantity".into(),
            Ty::IntOrStr => "intstr.IntOrString".into(),
            Ty::Bytes => "[]uint8".into(),
            Ty::Any => "interface {}".into(),
            Ty::Map(_, n) => n.to_string(),
            Ty::Arr(t) => format!("[]{}", t.go_name()),
            Ty::Obj(n) => format!("v1.{n}"),
        }
    }
}

/// A kind the API server serves: one registry for kubectl and the API machinery.
pub use crate::api::resources::ResourceInfo as KindInfo;

/// The kind served at `apiVersion`/`kind`, or the REST mapper's error:
/// `no matches for kind "Deployment" in version "apps/v1beta1"`.
pub fn resolve_kind(api_version: &str, kind: &str) -> Result<&'static KindInfo, String> {
    crate::api::resources::by_kind_version(kind, api_version)
        .ok_or_else(|| format!("no matches for kind \"{kind}\" in version \"{api_version}\""))
}

/// kubectl's client-side error for an object whose kind it cannot map (printed after
/// `error: `), e.g. `resource mapping not found for name: "mysql" namespace: "" from
/// "mysql.yml": no matches for kind "Deployment" in version "apps/v1beta1"` followed by a
/// newline and `ensure CRDs are installed first`. `namespace` is the object's own
/// `metadata.namespace` ("" when unset), `source` the file name as given to `-f`.
pub fn resource_mapping_error(name: &str, namespace: &str, source: &str, api_version: &str, kind: &str) -> String {
    let err = resolve_kind(api_version, kind).err().unwrap_or_default();
    format!(
        "resource mapping not found for name: \"{name}\" namespace: \"{namespace}\" from \"{source}\": {err}\nensure CRDs are installed first"
    )
}

/// Whether `kind` is namespaced (false for unknown kinds).
pub fn is_namespaced(kind: &str) -> bool {
    crate::api::resources::by_kind(kind).is_some_and(|k| k.namespaced)
}

/// The known fields of schema struct `name` (JSON name, type), in table order.
pub fn struct_fields(name: &str) -> &'static [(&'static str, Ty)] {
    fields(name)
}

fn fields(name: &str) -> &'static [(&'static str, Ty)] {
    STRUCTS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f).unwrap_or(&[])
}

struct State {
    /// The first non-fatal decode error (Go's `saveError`).
    saved: Option<String>,
    unknown: Vec<String>,
}

fn json_kind(v: &Value) -> String {
    match v {
        Value::String(_) => "string".into(),
        Value::Number(_) => "number".into(),
        Value::Bool(_) => "bool".into(),
        Value::Array(_) => "array".into(),
        Value::Object(_) => "object".into(),
        Value::Null => "null".into(),
    }
}

/// A JSON number as Go's encoder writes the float64 that YAML produced: integral values
/// below 1e21 without a fraction (`80`, not `80.0`).
fn go_number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if !n.is_i64() && !n.is_u64() && f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
        Some(f) if !n.is_i64() && !n.is_u64() => format!("{f}"),
        _ => n.to_string(),
    }
}

/// The integer a JSON number holds, if it is one (integral floats count, as in Go).
fn as_int(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18).map(|f| f as i64))
}

/// Where the walk is: a chain of path segments up to the root, turned into text only when an
/// error names the path (most objects decode without one, and building the paths of every
/// field was most of the cost of decoding).
struct Ctx<'a> {
    parent: Option<&'a Ctx<'a>>,
    seg: Seg<'a>,
    /// The enclosing Go struct.
    owner: &'a str,
}

/// One step of a [`Ctx`] path.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    /// A struct field: `.name` (no dot at the root).
    Field(&'a str),
    /// A list item: `[0]`.
    Index(usize),
    /// A map entry: `[key]`.
    Key(&'a str),
}

impl Ctx<'_> {
    /// Path with indexes, for unknown fields: `spec.volumes[0].secret`.
    fn strict(&self) -> String {
        let mut s = self.parent.map(Ctx::strict).unwrap_or_default();
        match self.seg {
            Seg::Root => {}
            Seg::Field(k) => s = join(&s, k),
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
            Seg::Key(k) => s.push_str(&format!("[{k}]")),
        }
        s
    }

    /// Path without indexes, for type errors: `spec.volumes.secret`.
    fn go(&self) -> String {
        let s = self.parent.map(Ctx::go).unwrap_or_default();
        match self.seg {
            Seg::Field(k) => join(&s, k),
            _ => s,
        }
    }
}

fn type_error(st: &mut State, value_desc: String, ctx: &Ctx, ty: &Ty) {
    if st.saved.is_none() {
        st.saved = Some(format!(
            "json: cannot unmarshal {value_desc} into Go struct field {}.{} of type {}",
            ctx.owner,
            ctx.go(),
            ty.go_name()
        ));
    }
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}

/// Calls `f` on the entries of `m` in key order, stopping at the first error. A
/// `serde_json::Map` iterates in key order already unless serde_json's `preserve_order` is
/// on; then the entries are sorted first.
fn for_each_sorted(
    m: &mut serde_json::Map<String, Value>,
    mut f: impl FnMut(&String, &mut Value) -> Result<(), String>,
) -> Result<(), String> {
    if m.keys().zip(m.keys().skip(1)).all(|(a, b)| a <= b) {
        return m.iter_mut().try_for_each(|(k, v)| f(k, v));
    }
    let mut entries: Vec<(&String, &mut Value)> = m.iter_mut().collect();
    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
    entries.into_iter().try_for_each(|(k, v)| f(k, v))
}

/// Walks `v` as type `ty`. `Err` is a fatal decode error (an `UnmarshalJSON` failure).
fn walk(v: &mut Value, ty: &Ty, ctx: &Ctx, st: &mut State) -> Result<(), String> {
    if v.is_null() {
        return Ok(());
    }
    match ty {
        Ty::Any => {}
        Ty::Str(_) => {
            if !v.is_string() {
                type_error(st, json_kind(v), ctx, ty);
            }
        }
        Ty::Bool => {
            if !v.is_boolean() {
                type_error(st, json_kind(v), ctx, ty);
            }
        }
        Ty::Int(name) => match v {
            Value::Number(n) => {
                let (lo, hi) = if *name == "int32" { (i32::MIN as i64, i32::MAX as i64) } else { (i64::MIN, i64::MAX) };
                match as_int(n) {
                    Some(x) if x >= lo && x <= hi => {
                        if !n.is_i64() {
                            *v = Value::from(x);
                        }
                    }
                    _ => type_error(st, format!("number {}", go_number(n)), ctx, ty),
                }
            }
            _ => type_error(st, json_kind(v), ctx, ty),
        },
        Ty::Quantity => {
            let text = match &*v {
                Value::String(s) => s.trim().to_string(),
                Value::Number(n) => go_number(n),
                other => other.to_string(),
            };
            let q = Quantity::parse(&text)?;
            *v = Value::String(q.to_string());
        }
        Ty::IntOrStr => match v {
            Value::String(_) => {}
            Value::Number(n) if as_int(n).is_some_and(|x| i32::try_from(x).is_ok()) => {
                if let Some(x) = as_int(n) {
                    *v = Value::from(x);
                }
            }
            Value::Number(n) => {
                return Err(format!("json: cannot unmarshal number {} into Go value of type int32", go_number(n)))
            }
            other => return Err(format!("json: cannot unmarshal {} into Go value of type int32", json_kind(other))),
        },
        Ty::Bytes => match v {
            Value::String(s) => {
                if let Err(at) = crate::api::base64_check(s) {
                    if st.saved.is_none() {
                        st.saved = Some(format!("illegal base64 data at input byte {at}"));
                    }
                }
            }
            _ => type_error(st, json_kind(v), ctx, ty),
        },
        Ty::Map(elem, _) => match v {
            Value::Object(m) => {
                for_each_sorted(m, |key, val| {
                    // Go decodes a null map value as the element's zero value.
                    if val.is_null() && matches!(elem, Ty::Str(_) | Ty::Bytes) {
                        *val = Value::String(String::new());
                    }
                    walk(val, elem, &Ctx { parent: Some(ctx), seg: Seg::Key(key), owner: ctx.owner }, st)
                })?;
                if m.values().any(Value::is_null) {
                    m.retain(|_, val| !val.is_null());
                }
            }
            _ => type_error(st, json_kind(v), ctx, ty),
        },
        Ty::Arr(elem) => match v {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    walk(item, elem, &Ctx { parent: Some(ctx), seg: Seg::Index(i), owner: ctx.owner }, st)?;
                }
            }
            _ => type_error(st, json_kind(v), ctx, ty),
        },
        Ty::Obj(name) => match v {
            Value::Object(m) => {
                let known = fields(name);
                // Keys in sorted order, as kubectl sends them (YAML → map → JSON).
                for_each_sorted(m, |key, val| {
                    let here = Ctx { parent: Some(ctx), seg: Seg::Field(key), owner: name };
                    match known.iter().find(|(f, _)| f == key) {
                        Some((_, fty)) => walk(val, fty, &here, st),
                        None => {
                            st.unknown.push(format!("unknown field \"{}\"", here.strict()));
                            Ok(())
                        }
                    }
                })?;
                if m.values().any(Value::is_null) {
                    m.retain(|_, val| !val.is_null());
                }
            }
            _ => type_error(st, json_kind(v), ctx, ty),
        },
    }
    Ok(())
}

/// Strictly decodes `obj` as `info`'s kind. The error is the text after
/// `<Kind> in version "<v>" cannot be handled as a <Kind>: ` (see [`decode_error_message`]).
pub fn decode(info: &KindInfo, obj: &mut Value) -> Result<(), String> {
    if fields(info.kind).is_empty() {
        // A kind served without a schema table here (DaemonSet, Job, ...): decoded free-form.
        return Ok(());
    }
    let mut st = State { saved: None, unknown: Vec::new() };
    let root = Ty::Obj(info.kind);
    walk(obj, &root, &Ctx { parent: None, seg: Seg::Root, owner: info.kind }, &mut st)?;
    if let Some(e) = st.saved {
        return Err(e);
    }
    if !st.unknown.is_empty() {
        return Err(format!("strict decoding error: {}", st.unknown.join(", ")));
    }
    Ok(())
}

/// The BadRequest message for a body that does not decode.
pub fn decode_error_message(info: &KindInfo, err: &str) -> String {
    format!("{} in version \"{}\" cannot be handled as a {}: {err}", info.kind, info.version, info.kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dec(kind: &str, mut v: Value) -> Result<Value, String> {
        let info = crate::api::resources::by_kind(kind).unwrap();
        decode(info, &mut v).map(|_| v)
    }

    #[test]
    fn resolves_kinds() {
        assert_eq!(resolve_kind("apps/v1", "Deployment").unwrap().kind, "Deployment");
        assert_eq!(resolve_kind("storage.k8s.io/v1", "StorageClass").unwrap().group, "storage.k8s.io");
        assert_eq!(
            resolve_kind("apps/v1beta1", "Deployment").unwrap_err(),
            "no matches for kind \"Deployment\" in version \"apps/v1beta1\""
        );
        assert_eq!(resolve_kind("v1", "pod").unwrap_err(), "no matches for kind \"pod\" in version \"v1\"");
        assert!(is_namespaced("Pod") && !is_namespaced("PersistentVolume") && !is_namespaced("StorageClass"));
        assert_eq!(
            resource_mapping_error("nginx", "", "deployment.yaml", "apps/v1beta2", "Deployment"),
            "resource mapping not found for name: \"nginx\" namespace: \"\" from \"deployment.yaml\": no matches for kind \"Deployment\" in version \"apps/v1beta2\"\nensure CRDs are installed first"
        );
    }

    #[test]
    fn unknown_fields_nested() {
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "c", "image": "i"}],
                     "volumes": [{"name": "v", "secret": {"secretName": "s", "item": []}}]}});
        assert_eq!(dec("Pod", pod).unwrap_err(), "strict decoding error: unknown field \"spec.volumes[0].secret.item\"");
        let pod = json!({"kind": "Pod", "metadata": {"name": "p", "app": "x"},
            "spec": {"containers": [{"name": "c", "image": "i", "volumeMount": []}, {"name": "d", "ports": [{"port": 80}]}]}});
        assert_eq!(
            dec("Pod", pod).unwrap_err(),
            "strict decoding error: unknown field \"metadata.app\", unknown field \"spec.containers[0].volumeMount\", unknown field \"spec.containers[1].ports[0].port\""
        );
        let d = json!({"spec": {"strategy": {"rollingUpdate": {"maxUnaivailable": 1}}}});
        assert_eq!(
            dec("Deployment", d).unwrap_err(),
            "strict decoding error: unknown field \"spec.strategy.rollingUpdate.maxUnaivailable\""
        );
        let info = resolve_kind("apps/v1", "Deployment").unwrap();
        assert_eq!(
            decode_error_message(info, "x"),
            "Deployment in version \"v1\" cannot be handled as a Deployment: x"
        );
    }

    #[test]
    fn type_errors() {
        let pod = json!({"spec": {"containers": [{"name": "c", "args": ["sleep", 3600]}]}});
        assert_eq!(
            dec("Pod", pod).unwrap_err(),
            "json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string"
        );
        let pod = json!({"spec": {"containers": [{"name": "c", "env": [{"name": "A", "value": 1}]}]}});
        assert_eq!(
            dec("Pod", pod).unwrap_err(),
            "json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string"
        );
        let pod = json!({"spec": {"containers": [{"ports": [{"containerPort": "80"}]}]}});
        assert_eq!(
            dec("Pod", pod).unwrap_err(),
            "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"
        );
        let d = json!({"spec": {"template": {"metadata": {"labels": {"v": 1}}}}});
        assert_eq!(
            dec("Deployment", d).unwrap_err(),
            "json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string"
        );
        assert_eq!(
            dec("Pod", json!({"spec": "x"})).unwrap_err(),
            "json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec"
        );
        assert_eq!(
            dec("Pod", json!({"spec": {"containers": ["nginx"]}})).unwrap_err(),
            "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container"
        );
        assert_eq!(
            dec("Deployment", json!({"spec": {"replicas": 1.5}})).unwrap_err(),
            "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32"
        );
        // A type error wins over unknown fields.
        assert!(dec("Pod", json!({"foo": 1, "spec": {"nodeName": 3}})).unwrap_err().starts_with("json:"));
    }

    #[test]
    fn quantities_and_bytes() {
        let pv = json!({"spec": {"capacity": {"storage": "1GB"}}});
        assert_eq!(dec("PersistentVolume", pv).unwrap_err(), crate::quantity::ERR_FORMAT_WRONG);
        let pvc = json!({"spec": {"resources": {"requests": {"storage": "1.5Gi"}}, "storageClassName": null}});
        let v = dec("PersistentVolumeClaim", pvc).unwrap();
        assert_eq!(v, json!({"spec": {"resources": {"requests": {"storage": "1536Mi"}}}}));
        let pv = json!({"spec": {"capacity": {"storage": 1000000000}}});
        assert_eq!(dec("PersistentVolume", pv).unwrap()["spec"]["capacity"]["storage"], "1G");
        let s = json!({"data": {"password": "password123"}});
        assert_eq!(dec("Secret", s).unwrap_err(), "illegal base64 data at input byte 8");
        let s = json!({"data": {"password": "cGFzc3dvcmQ="}, "stringData": {"a": "b"}});
        assert!(dec("Secret", s).is_ok());
        let cm = json!({"data": {"port": 3306}});
        assert_eq!(
            dec("ConfigMap", cm).unwrap_err(),
            "json: cannot unmarshal number into Go struct field ConfigMap.data of type string"
        );
        // Status is free-form.
        assert!(dec("Pod", json!({"status": {"phase": "Running", "whatever": 1}})).is_ok());
    }

    #[test]
    fn nested_template_paths() {
        let d = json!({"spec": {"template": {"spec": {"containers": [{"name": "m", "volumeMounts": [
            {"name": "a", "mountPath": "/a"}, {"name": "b", "mountPath": "/b", "readonly": true}]}]}}}});
        assert_eq!(
            dec("Deployment", d).unwrap_err(),
            "strict decoding error: unknown field \"spec.template.spec.containers[0].volumeMounts[1].readonly\""
        );
    }

    #[test]
    fn pv_and_pvc_unknown_fields() {
        let pv = json!({"spec": {"capacity": {"storage": "1Gi"}, "nfs": {"server": "s", "path": "/p", "readonly": true},
            "claimRef": {"name": "c", "namespace": "default"}, "storageclass": "x"}});
        assert_eq!(
            dec("PersistentVolume", pv).unwrap_err(),
            "strict decoding error: unknown field \"spec.nfs.readonly\", unknown field \"spec.storageclass\""
        );
        let pvc = json!({"spec": {"resources": {"request": {"storage": "1Gi"}}}});
        assert_eq!(dec("PersistentVolumeClaim", pvc).unwrap_err(), "strict decoding error: unknown field \"spec.resources.request\"");
    }

    #[test]
    fn storage_class_and_config_fields() {
        let sc = json!({"provisioner": "x", "parameters": {"a": "b"}, "reclaimpolicy": "Retain"});
        assert_eq!(dec("StorageClass", sc).unwrap_err(), "strict decoding error: unknown field \"reclaimpolicy\"");
        let cm = json!({"data": {"a": "b"}, "metadata": {"name": "c", "labels": {"x": "y"}}, "spec": {}});
        assert_eq!(dec("ConfigMap", cm).unwrap_err(), "strict decoding error: unknown field \"spec\"");
        assert!(dec("Secret", json!({"type": "Opaque", "immutable": true, "data": {}})).is_ok());
    }

    #[test]
    fn affinity_and_tolerations_decode() {
        let pod = json!({"spec": {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
            {"matchExpressions": [{"key": "k", "operator": "In", "values": ["a"]}]}]}}},
            "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 5}]}});
        assert!(dec("Pod", pod).is_ok());
        let pod = json!({"spec": {"affinity": {"nodeAffinity": {"required": {}}}}});
        assert_eq!(dec("Pod", pod).unwrap_err(), "strict decoding error: unknown field \"spec.affinity.nodeAffinity.required\"");
    }

    #[test]
    fn int_or_string_and_bools() {
        let svc = json!({"spec": {"ports": [{"port": 80, "targetPort": "http"}, {"port": 81, "targetPort": 8081}]}});
        assert!(dec("Service", svc).is_ok());
        let pod = json!({"spec": {"hostNetwork": "yes"}});
        assert_eq!(
            dec("Pod", pod).unwrap_err(),
            "json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool"
        );
        let pv = json!({"spec": {"accessModes": "ReadWriteOnce"}});
        assert_eq!(
            dec("PersistentVolume", pv).unwrap_err(),
            "json: cannot unmarshal string into Go struct field PersistentVolumeSpec.spec.accessModes of type []v1.PersistentVolumeAccessMode"
        );
    }

    #[test]
    fn yaml_floats_behave_like_go() {
        // YAML gives floats for 80.0 and 1e3; Go's JSON encoder writes them as 80 and 1000.
        let v = dec("Pod", json!({"spec": {"containers": [{"ports": [{"containerPort": 80.0}]}]}})).unwrap();
        assert_eq!(v["spec"]["containers"][0]["ports"][0]["containerPort"], json!(80));
        let v = dec("PersistentVolume", json!({"spec": {"capacity": {"storage": 1e3}}})).unwrap();
        assert_eq!(v["spec"]["capacity"]["storage"], "1k");
        let v = dec("PersistentVolume", json!({"spec": {"capacity": {"storage": 1.5}}})).unwrap();
        assert_eq!(v["spec"]["capacity"]["storage"], "1500m");
        assert_eq!(
            dec("Deployment", json!({"spec": {"replicas": 3000000000u64}})).unwrap_err(),
            "json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32"
        );
    }

    #[test]
    fn null_map_values_are_zero() {
        let v = dec("ConfigMap", json!({"data": {"a": null}, "metadata": {"labels": {"x": null}}})).unwrap();
        assert_eq!(v, json!({"data": {"a": ""}, "metadata": {"labels": {"x": ""}}}));
    }
}
