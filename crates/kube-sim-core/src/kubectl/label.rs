//! `kubectl label` (and the shared code of `kubectl annotate`): `key=value` sets, `key-`
//! removes, `--overwrite`, `--all`, `-l`.

use serde_json::{json, Map, Value};

use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use super::selector::Selector;
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("overwrite", None, FlagKind::Bool),
    flag("all", None, FlagKind::Bool),
    flag("all-namespaces", Some('A'), FlagKind::Bool),
    flag("selector", Some('l'), FlagKind::Value),
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("output", Some('o'), FlagKind::Value),
    flag("list", None, FlagKind::Bool),
    flag("resource-version", None, FlagKind::Value),
];

/// Whether this runs as `label` or `annotate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaKind {
    /// `metadata.labels`.
    Label,
    /// `metadata.annotations`.
    Annotate,
}

/// Runs `kubectl label ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    run_meta(cluster, io, args, MetaKind::Label)
}

/// Runs `kubectl label` or `kubectl annotate`.
pub fn run_meta(cluster: &mut Cluster, io: &Io, args: &[String], which: MetaKind) -> ProgramOutput {
    let (verb, field, noun) = match which {
        MetaKind::Label => ("label", "labels", "label"),
        MetaKind::Annotate => ("annotate", "annotations", "annotation"),
    };
    let p = match flags::parse(args, SPECS, &format!("kubectl {verb}")) {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let is_pair = |a: &String| a.contains('=') || a.ends_with('-');
    let (pairs, resources): (Vec<String>, Vec<String>) = p.args.iter().cloned().partition(is_pair);
    if let Some(first_pair) = p.args.iter().position(is_pair) {
        if let Some(late) = p.args[first_pair..].iter().find(|a| !is_pair(a)) {
            return ProgramOutput::err(format!("error: all resources must be specified before {noun} changes: {late}\n"), 1);
        }
    }
    if resources.is_empty() && p.all("filename").is_empty() {
        return ProgramOutput::err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n", 1);
    }
    if pairs.is_empty() {
        return ProgramOutput::err(format!("error: at least one {noun} update is required\n"), 1);
    }
    let mut set: Vec<(String, String)> = Vec::new();
    let mut remove: Vec<String> = Vec::new();
    for pair in &pairs {
        if let Some((k, v)) = pair.split_once('=') {
            set.push((k.to_string(), v.to_string()));
        } else if let Some(k) = pair.strip_suffix('-') {
            remove.push(k.to_string());
        }
    }
    let both: Vec<&str> = remove.iter().filter(|k| set.iter().any(|(s, _)| s == *k)).map(String::as_str).collect();
    if !both.is_empty() {
        let msg = match which {
            MetaKind::Label => "error: can not both modify and remove a label in the same command\n".to_string(),
            MetaKind::Annotate => format!("error: can not both modify and remove the following annotation(s) in the same command: {}\n", both.join(", ")),
        };
        return ProgramOutput::err(msg, 1);
    }
    let ns = common::namespace(&p);
    let selector = match p.get("selector").map(Selector::parse).transpose() {
        Ok(s) => s,
        Err(e) => return ProgramOutput::err(format!("error: {e}\n"), 1),
    };
    let selecting = selector.is_some() || p.is_set("all");
    let mut errs = String::new();
    let mut objs: Vec<Value> = Vec::new();
    if !p.all("filename").is_empty() {
        let (manifests, read_errs) = super::manifests::read(cluster, io, p.all("filename"), false);
        errs.extend(read_errs);
        for m in manifests {
            let Some(info) = crate::api::resources::by_kind(object::kind(&m.obj)) else { continue };
            let obj_ns = if object::namespace(&m.obj).is_empty() { ns.clone() } else { object::namespace(&m.obj).to_string() };
            match cluster.api_get(info.kind, common::ns_for(info, &obj_ns), object::name(&m.obj)) {
                Ok(o) => objs.push(o.clone()),
                Err(e) => errs.push_str(&common::api_err(&e)),
            }
        }
    } else {
        let targets = match common::targets(&resources) {
            Ok(t) => t,
            Err(e) => return ProgramOutput::err(e, 1),
        };
        if !selecting && targets.iter().any(|t| t.name.is_none()) {
            return ProgramOutput::err("error: resource(s) were provided, but no name was specified\n", 1);
        }
        for t in &targets {
            match common::lookup(cluster, t, &ns, p.is_set("all-namespaces")) {
                Ok(found) => objs.extend(found.into_iter().filter(|o| selector.as_ref().map_or(true, |s| s.matches_obj(o)))),
                Err(e) => errs.push_str(&common::api_err(&e)),
            }
        }
    }
    let overwrite = p.is_set("overwrite");
    let mut out = String::new();
    for mut obj in objs {
        let current = object::get(&obj, &format!("metadata.{field}")).cloned().unwrap_or(json!({}));
        if !overwrite {
            let clashes: Vec<String> = set
                .iter()
                .filter_map(|(k, _)| current.get(k).and_then(Value::as_str).map(|v| format!("'{k}' already has a value ({v})")))
                .collect();
            if !clashes.is_empty() {
                let msg = match which {
                    MetaKind::Label => format!("error: {}, and --overwrite is false\n", clashes.join(", ")),
                    MetaKind::Annotate => format!("error: --overwrite is false but found the following declared annotation(s): {}\n", clashes.join("; ")),
                };
                errs.push_str(&msg);
                continue;
            }
        }
        let mut map: Map<String, Value> = current.as_object().cloned().unwrap_or_default();
        for k in &remove {
            if map.remove(k).is_none() && which == MetaKind::Label {
                out.push_str(&format!("label \"{k}\" not found.\n"));
            }
        }
        for (k, v) in &set {
            map.insert(k.clone(), json!(v));
        }
        let changed = Value::Object(map.clone()) != current;
        // kubectl's updateDataChangeMsg: "unlabeled" when the object got shorter without --overwrite.
        let shorter = serde_json::to_string(&map).map_or(0, |s| s.len()) < serde_json::to_string(&current).map_or(0, |s| s.len());
        if map.is_empty() {
            object::remove(&mut obj, &format!("metadata.{field}"));
        } else {
            object::set(&mut obj, &format!("metadata.{field}"), Value::Object(map));
        }
        let reference = common::ref_name(&obj);
        if changed {
            object::remove(&mut obj, "metadata.resourceVersion");
            if let Err(e) = cluster.api_update(obj) {
                errs.push_str(&common::api_err(&e));
                continue;
            }
        }
        let word = match which {
            MetaKind::Annotate => "annotated",
            MetaKind::Label if !changed => "not labeled",
            MetaKind::Label if !overwrite && shorter => "unlabeled",
            MetaKind::Label => "labeled",
        };
        out.push_str(&format!("{reference} {word}\n"));
    }
    let failed = !errs.is_empty();
    common::finish(out, errs, failed)
}
