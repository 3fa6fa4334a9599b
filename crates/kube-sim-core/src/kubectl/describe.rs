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
        // Only `describe TYPE NAME` (two arguments) falls back to name-prefix matching.
        let prefix_mode = p.args.len() == 2 && targets.len() == 1;
        for t in &targets {
            match common::lookup(cluster, t, &ns, all_ns) {
                Ok(objs) => found.extend(objs.into_iter().filter(|o| t.name.is_some() || selector.as_ref().map_or(true, |s| s.matches_obj(o)))),
                Err(e) if prefix_mode && e.reason == crate::api::Reason::NotFound => {
                    let prefix = t.name.clone().unwrap_or_default();
                    let scope = if t.info.namespaced { Some(ns.as_str()) } else { None };
                    let matches: Vec<&Value> = cluster.api_list(t.info.kind, scope).into_iter().filter(|o| object::name(o).starts_with(&prefix)).collect();
                    if matches.is_empty() {
                        return ProgramOutput::err(common::api_err(&e), 1);
                    }
                    // Each match is printed on its own, followed by a newline.
                    let all: Vec<&Value> = cluster.api.store.all();
                    let out: String = matches.iter().map(|o| format!("{}\n", printers::describe(o, &all, cluster.now()))).collect();
                    return ProgramOutput::ok(out);
                }
                Err(e) => errs.push_str(&common::api_err(&e)),
            }
        }
        if found.is_empty() && errs.is_empty() {
            let msg = if all_ns { "No resources found\n".to_string() } else { format!("No resources found in {ns} namespace.\n") };
            return ProgramOutput::err(msg, 0);
        }
    }
    let all: Vec<&Value> = cluster.api.store.all();
    let now = cluster.now();
    // Events are shown for a single object only, unless --show-events says otherwise.
    let show_events = match p.get("show-events") {
        Some(v) => v == "true",
        None => found.len() == 1,
    };
    let mut out = String::new();
    for (i, o) in found.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let text = printers::describe(o, &all, now);
        out.push_str(&if show_events { text } else { without_events(&text) });
    }
    let failed = !errs.is_empty();
    common::finish(out, errs, failed)
}

/// A description without its trailing `Events:` section (every describer prints it last).
fn without_events(text: &str) -> String {
    match text.rfind("\nEvents:") {
        Some(i) => text[..=i].to_string(),
        None if text.starts_with("Events:") => String::new(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn events_section_is_cut() {
        assert_eq!(super::without_events("Name: a\nEvents:  <none>\n"), "Name: a\n");
        assert_eq!(super::without_events("Name: a\n"), "Name: a\n");
    }
}
