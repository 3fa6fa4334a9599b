//! `kubectl apply -f FILE|DIR|-`: creates what is missing, updates what changed, keeping the
//! `kubectl.kubernetes.io/last-applied-configuration` annotation as kubectl does. The
//! three-way merge is simplified to: the live object, with the manifest merged in (maps
//! recursively, lists replaced), minus the fields the previous manifest had and this one drops.

use serde_json::{Map, Value};
use std::borrow::Borrow;
use std::rc::Rc;

use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use super::manifests::Manifest;
use super::output_seam::compact_json;
use crate::api::{ApiError, Reason};
use crate::apiserver;
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

/// The annotation kubectl keeps the applied manifest in.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

const SPECS: &[FlagSpec] = &[
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("recursive", Some('R'), FlagKind::Bool),
    flag("output", Some('o'), FlagKind::Value),
    flag("dry-run", None, FlagKind::Value),
    flag("validate", None, FlagKind::Value),
    flag("server-side", None, FlagKind::Bool),
    flag("force", None, FlagKind::Bool),
    flag("prune", None, FlagKind::Bool),
];

/// How a server error reads when kubectl adds the manifest's source (`AddSourceToErr`):
/// `Invalid` errors are printed from their details, without the source.
pub fn source_err(verb: &str, source: &str, e: &ApiError) -> String {
    match e.reason {
        Reason::Invalid => common::api_err(e),
        _ => common::api_err(&ApiError { reason: e.reason, message: format!("error when {verb} \"{source}\": {}", e.message) }),
    }
}

/// The namespace a manifest goes to, or kubectl's mismatch error.
pub fn manifest_ns(m: &Manifest, flag_ns: Option<&str>) -> Result<String, String> {
    let own = object::meta_str(&m.obj, "namespace");
    match (own, flag_ns) {
        ("", Some(n)) => Ok(n.to_string()),
        ("", None) => Ok("default".to_string()),
        (o, Some(n)) if o != n => Err(format!(
            "error: the namespace from the provided object \"{o}\" does not match the namespace \"{n}\". You must pass '--namespace={o}' to perform this operation.\n"
        )),
        (o, _) => Ok(o.to_string()),
    }
}

/// The registry entry of a manifest, or kubectl's "resource mapping not found" error
/// (`ns` is the manifest's own namespace).
pub fn mapping<'a>(m: &'a Manifest, ns: &'a str) -> Result<&'static crate::api::resources::ResourceInfo, String> {
    apiserver::resource_of(&m.obj).map_err(|e| {
        format!(
            "error: resource mapping not found for name: \"{}\" namespace: \"{ns}\" from \"{}\": {}\nensure CRDs are installed first\n",
            object::name(&m.obj),
            m.source,
            e.message
        )
    })
}

/// `--dry-run`: `none`, `client` or `server`, or kubectl's error.
pub fn dry_run(v: Option<&str>) -> Result<Option<&'static str>, String> {
    match v {
        None | Some("none") | Some("false") => Ok(None),
        Some("client") | Some("true") | Some("unchanged") => Ok(Some("dry run")),
        Some("server") => Ok(Some("server dry run")),
        Some(other) => Err(format!("error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".\n")),
    }
}

/// `-o name|yaml|json` after apply or create: each object on its own (YAML documents
/// separated by `---`).
pub fn print_results<V: Borrow<Value>>(objs: &[V], output: &str) -> Result<String, String> {
    let mut out = String::new();
    for (i, o) in objs.iter().enumerate() {
        let o: &Value = o.borrow();
        match output {
            "name" => out.push_str(&format!("{}\n", common::ref_name(o))),
            "yaml" => {
                if i > 0 {
                    out.push_str("---\n");
                }
                out.push_str(&super::output_seam::yaml_of(o));
            }
            "json" => out.push_str(&super::output_seam::json_of(o)),
            other if other.starts_with("jsonpath=") => {
                let t = other.trim_start_matches("jsonpath=");
                out.push_str(&super::jsonpath::execute(t, o).map_err(|e| format!("error: error parsing jsonpath {t}, {e}\n"))?);
            }
            other => {
                return Err(format!("error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"))
            }
        }
    }
    Ok(out)
}

/// The flags shared by `apply -f` and `create -f`, checked in kubectl's order: the flags
/// themselves, a `-f`, the `-o` format, then `--dry-run`.
pub fn parse_file_command(args: &[String], specs: &[FlagSpec], cmd: &str) -> Result<(flags::Parsed, Option<&'static str>), String> {
    let p = flags::parse(args, specs, cmd)?;
    if p.all("filename").is_empty() {
        return Err("error: must specify one of -f and -k\n".into());
    }
    if let Some(Err(e)) = p.get("output").map(|o| print_results::<Value>(&[], o)) {
        return Err(e);
    }
    let dry = dry_run(p.get("dry-run"))?;
    Ok((p, dry))
}

/// Runs `kubectl apply ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let (p, dry) = match parse_file_command(args, SPECS, "kubectl apply") {
        Ok(parsed) => parsed,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let validate = !matches!(p.get("validate"), Some("false") | Some("ignore"));
    let (manifests, read_errs) = super::manifests::read_with(cluster, io, p.all("filename"), validate, p.is_set("recursive"));
    if manifests.is_empty() && read_errs.is_empty() {
        return ProgramOutput::err("error: no objects passed to apply\n", 1);
    }
    let flag_ns = p.get("namespace");
    let mut out = String::new();
    let mut errs = read_errs.concat();
    let output = p.get("output");
    let mut objs = Vec::new();
    // Each manifest is moved into its apply: the parsed object becomes the stored one without
    // a copy, and no list of thousands of objects is dropped at the end.
    for m in manifests {
        // A server-side dry run goes through admission on a scratch copy of the cluster.
        let result = if dry == Some("server dry run") {
            let mut scratch = cluster.clone();
            apply_one(&mut scratch, m, flag_ns, None).map(|mut done| {
                done.line = format!("{} (server dry run)\n", done.line.trim_end());
                done
            })
        } else {
            apply_one(cluster, m, flag_ns, dry)
        };
        match result {
            Ok(done) => {
                // The warning goes to stderr just before the line; a terminal shows it there.
                out.push_str(&done.warning);
                if output.is_none() {
                    out.push_str(&done.line);
                } else {
                    objs.push(done.obj);
                }
            }
            Err(e) => errs.push_str(&e),
        }
    }
    if let Some(o) = output {
        match print_results(&objs, o) {
            Ok(s) => out.push_str(&s),
            Err(e) => return ProgramOutput::err(e, 1),
        }
    }
    let failed = !errs.is_empty();
    common::finish(out, errs, failed)
}

/// What applying one manifest did.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// A warning kubectl prints first (or "").
    pub warning: String,
    /// `pod/x created|configured|unchanged\n` (with ` (dry run)` for `--dry-run`).
    pub line: String,
    /// The object as stored (or as it would be, for a dry run), for `-o yaml|json|name`;
    /// shared with the store when it is the stored object.
    pub obj: Rc<Value>,
}

/// Applies one manifest, or returns the error text. `dry` is `Some("dry run")` or
/// `Some("server dry run")` for `--dry-run`.
pub fn apply_one(cluster: &mut Cluster, m: Manifest, flag_ns: Option<&str>, dry: Option<&str>) -> Result<Applied, String> {
    let info = mapping(&m, object::meta_str(&m.obj, "namespace"))?;
    let ns = if info.namespaced { manifest_ns(&m, flag_ns)? } else { String::new() };
    let Manifest { source, obj: mut applied } = m;
    // The manifest is an object (`mapping` found its kind): set its namespace and empty its
    // last-applied annotation, on the metadata map directly.
    if let Some(meta) = apiserver::meta_mut(&mut applied) {
        if info.namespaced {
            // Most manifests name their namespace already: it is not written again.
            if meta.get("namespace").and_then(Value::as_str) != Some(ns.as_str()) {
                meta.insert("namespace".to_string(), Value::String(ns.clone()));
            }
        } else {
            meta.remove("namespace");
        }
        if !meta.get("annotations").is_some_and(Value::is_object) {
            meta.insert("annotations".to_string(), Value::Object(Map::new()));
        }
        if let Some(a) = meta.get_mut("annotations").and_then(Value::as_object_mut) {
            a.remove(LAST_APPLIED);
        }
    }
    let mut last_applied = compact_json(&applied);
    last_applied.push('\n');
    let name = object::meta_str(&applied, "name");
    if name.is_empty() {
        return Err(format!(
            "error: error when retrieving current configuration of:\nResource: \"{g}/{v}, Resource={plural}\", GroupVersionKind: \"{g}/{v}, Kind={kind}\"\nName: \"\", Namespace: \"{ns}\"\nfrom server for: \"{src}\": resource name may not be empty\n",
            g = info.group,
            v = info.version,
            plural = info.plural,
            kind = info.kind,
            ns = if info.namespaced { ns.as_str() } else { "" },
            src = source
        ));
    }
    let reference = if info.group.is_empty() {
        [info.singular, "/", name].concat()
    } else {
        [info.singular, ".", info.group, "/", name].concat()
    };
    // The name is the end of the reference (not copied again).
    let name = reference.get(reference.len() - name.len()..).unwrap_or_default();
    let suffix = dry.map(|d| format!(" ({d})")).unwrap_or_default();
    let live = cluster.api.store.get_shared(info.kind, common::ns_for(info, &ns), name);
    let Some(live) = live else {
        let mut obj = applied;
        if let Some(a) = apiserver::meta_mut(&mut obj).and_then(|m| m.get_mut("annotations")).and_then(Value::as_object_mut) {
            a.insert(LAST_APPLIED.to_string(), Value::String(last_applied));
        }
        let line = [reference.as_str(), " created", &suffix, "\n"].concat();
        if dry.is_some() {
            return Ok(Applied { warning: String::new(), line, obj: Rc::new(obj) });
        }
        crate::apiserver::check_request_body(&obj).map_err(|e| source_err("creating", &source, &e))?;
        // The name was just looked up and found free: the create need not look again.
        let stored = cluster.api_create_free(obj, Some((common::ns_for(info, &ns), name))).map_err(|e| source_err("creating", &source, &e))?;
        return Ok(Applied { warning: common::server_warnings(cluster), line, obj: stored });
    };
    let has_last_applied = object::get(&live, "metadata.annotations").and_then(|a| a.get(LAST_APPLIED)).is_some();
    let warning = if has_last_applied {
        String::new()
    } else {
        format!("Warning: resource {}/{name} is missing the {LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n", info.plural)
    };
    let previous: Value = object::get(&live, "metadata.annotations")
        .and_then(|a| a.get(LAST_APPLIED))
        .and_then(Value::as_str)
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null);
    let mut with_annotation = applied.clone();
    if let Some(a) = object::entry(&mut with_annotation, "metadata.annotations").as_object_mut() {
        a.insert(LAST_APPLIED.to_string(), Value::String(last_applied));
    }
    let mut merged = Value::clone(&live);
    drop_removed(&mut merged, &previous, &applied);
    // The patch is empty when nothing is dropped and the manifest already holds in the live
    // object (server-set and defaulted fields do not count).
    if merged == *live && is_subset(&with_annotation, &live) {
        return Ok(Applied { warning, line: format!("{reference} unchanged{suffix}\n"), obj: live });
    }
    merge_into(&mut merged, &with_annotation);
    if dry.is_some() {
        return Ok(Applied { warning, line: format!("{reference} configured{suffix}\n"), obj: Rc::new(merged) });
    }
    object::remove(&mut merged, "metadata.resourceVersion");
    // The patch carries the manifest and its new annotation.
    crate::apiserver::check_request_body(&with_annotation).map_err(|e| source_err("applying patch", &source, &e))?;
    // A non-empty patch is "configured" even when the server ends up with the same object
    // (a Secret's stringData, for one), as kubectl says.
    let stored = cluster.api_update(merged).map_err(|e| source_err("applying patch", &source, &e))?;
    let warning = warning + &common::server_warnings(cluster);
    Ok(Applied { warning, line: format!("{reference} configured\n"), obj: Rc::new(stored) })
}

/// JSON merge of `patch` into `target`: maps merge recursively, everything else replaces.
pub fn merge_into(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                match t.get_mut(k) {
                    Some(tv) if tv.is_object() && v.is_object() => merge_into(tv, v),
                    _ => {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

/// Whether every field of `part` is in `whole` with the same value (lists element by element).
pub fn is_subset(part: &Value, whole: &Value) -> bool {
    match (part, whole) {
        (Value::Object(p), Value::Object(w)) => p.iter().all(|(k, v)| w.get(k).is_some_and(|wv| is_subset(v, wv))),
        (Value::Array(p), Value::Array(w)) => p.len() == w.len() && p.iter().zip(w).all(|(a, b)| is_subset(a, b)),
        (p, w) => p == w,
    }
}

/// Removes from `target` the fields that `previous` set and `current` no longer does.
fn drop_removed(target: &mut Value, previous: &Value, current: &Value) {
    let (Some(t), Some(prev)) = (target.as_object_mut(), previous.as_object()) else { return };
    for (k, pv) in prev {
        match current.get(k) {
            None => {
                t.remove(k);
            }
            Some(cv) if pv.is_object() && cv.is_object() => {
                if let Some(tv) = t.get_mut(k) {
                    drop_removed(tv, pv, cv);
                }
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn subset_ignores_server_fields() {
        let live = json!({"spec": {"containers": [{"name": "a", "image": "x", "imagePullPolicy": "Always"}]}});
        assert!(is_subset(&json!({"spec": {"containers": [{"name": "a", "image": "x"}]}}), &live));
        assert!(!is_subset(&json!({"spec": {"containers": [{"name": "a", "image": "y"}]}}), &live));
        assert!(!is_subset(&json!({"spec": {"containers": []}}), &live));
    }

    #[test]
    fn merge_keeps_server_fields_and_drops_removed_ones() {
        let mut live = json!({"spec": {"a": 1, "b": 2, "volumeName": "pv1"}, "metadata": {"labels": {"x": "1", "y": "2"}}});
        let prev = json!({"spec": {"a": 1, "b": 2}, "metadata": {"labels": {"x": "1", "y": "2"}}});
        let cur = json!({"spec": {"a": 3}, "metadata": {"labels": {"x": "1"}}});
        drop_removed(&mut live, &prev, &cur);
        merge_into(&mut live, &cur);
        assert_eq!(live, json!({"spec": {"a": 3, "volumeName": "pv1"}, "metadata": {"labels": {"x": "1"}}}));
    }
}
