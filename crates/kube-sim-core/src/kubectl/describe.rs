//! `kubectl describe`: by type, `TYPE NAME`, `TYPE/NAME`, with kubectl's name-prefix matching.

use serde_json::Value;

use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use super::printers;
use super::selector::Selector;
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("selector", Some('l'), FlagKind::Value),
    flag("all-namespaces", Some('A'), FlagKind::Bool),
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("show-events", None, FlagKind::Bool),
];

/// Runs `kubectl describe ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, SPECS, "kubectl describe") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let ns = common::namespace(&p);
    let all_ns = p.is_set("all-namespaces");
    let selector = match p.get("selector").map(Selector::parse).transpose() {
        Ok(s) => s,
        Err(e) => return ProgramOutput::err(format!("error: {e}\n"), 1),
    };
    let mut errs = String::new();
    let mut found: Vec<Value> = Vec::new();
    if !p.all("filename").is_empty() {
        let (manifests, read_errs) = super::manifests::read(cluster, io, p.all("filename"), false);
        errs.extend(read_errs.iter().map(|e| super::manifests::as_get_error(e)));
        for m in manifests {
            let Some(info) = crate::api::resources::by_kind(object::kind(&m.obj)) else { continue };
            let obj_ns = if object::namespace(&m.obj).is_empty() { ns.clone() } else { object::namespace(&m.obj).to_string() };
            match cluster.api_get(info.kind, common::ns_for(info, &obj_ns), object::name(&m.obj)) {
                Ok(o) => found.push(o.clone()),
                Err(e) => errs.push_str(&common::api_err(&e)),
            }
        }
    } else {
        if p.args.is_empty() {
            return ProgramOutput::err("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n", 1);
        }
        let targets = match common::targets(&p.args) {
            Ok(t) => t,
            Err(e) => return ProgramOutput::err(e, 1),
        };
        if selector.is_some() && targets.iter().any(|t| t.name.is_some()) {
            return ProgramOutput::err("error: name cannot be provided when a selector is specified\n", 1);
        }
        let mut any_namespaced = false;
        for t in &targets {
            any_namespaced |= t.info.namespaced;
            match common::lookup(cluster, t, &ns, all_ns) {
                Ok(objs) => found.extend(objs.into_iter().filter(|o| t.name.is_some() || selector.as_ref().map_or(true, |s| s.matches_obj(o)))),
                Err(e) => {
                    // kubectl describe falls back to every object whose name starts with NAME.
                    let prefix = t.name.clone().unwrap_or_default();
                    let scope = if t.info.namespaced { Some(ns.as_str()) } else { None };
                    let matches: Vec<Value> =
                        cluster.api_list(t.info.kind, scope).into_iter().filter(|o| object::name(o).starts_with(&prefix)).cloned().collect();
                    if matches.is_empty() {
                        errs.push_str(&common::api_err(&e));
                    }
                    found.extend(matches);
                }
            }
        }
        if found.is_empty() && errs.is_empty() {
            return ProgramOutput::err(common::no_resources(any_namespaced, all_ns, &ns), 0);
        }
    }
    let all: Vec<&Value> = cluster.api.store.all();
    let now = cluster.now();
    let mut out = String::new();
    for (i, o) in found.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&printers::describe(o, &all, now));
    }
    let failed = !errs.is_empty();
    common::finish(out, errs, failed)
}
