//! `kubectl delete`: by name, `TYPE/NAME`, `-f`, `-l`, `--all`; waits, as the real one does,
//! until the deleted objects are gone (`--wait=false` does not).

use serde_json::Value;

use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use super::selector::Selector;
use crate::apiserver::{DeleteOptions, Propagation};
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("selector", Some('l'), FlagKind::Value),
    flag("all", None, FlagKind::Bool),
    flag("all-namespaces", Some('A'), FlagKind::Bool),
    flag("grace-period", None, FlagKind::Value),
    flag("force", None, FlagKind::Bool),
    flag("now", None, FlagKind::Bool),
    flag("wait", None, FlagKind::Bool),
    flag("cascade", None, FlagKind::Value),
    flag("ignore-not-found", None, FlagKind::Bool),
    flag("timeout", None, FlagKind::Value),
    flag("output", Some('o'), FlagKind::Value),
    flag("recursive", Some('R'), FlagKind::Bool),
];

const NO_ARGS: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

/// The longest kubectl waits here for objects to go, in simulated seconds.
const MAX_WAIT: i64 = 300;

/// Runs `kubectl delete ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, SPECS, "kubectl delete") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let ns = common::namespace(&p);
    let all_ns = p.is_set("all-namespaces");
    let force = p.is_set("force");
    let mut grace: Option<i64> = match common::int_flag(&p, "grace-period", "kubectl delete") {
        Ok(g) => g.filter(|g| *g >= 0),
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let timeout = match common::duration_flag(&p, "timeout", "kubectl delete") {
        Ok(t) => t.filter(|t| *t > 0.0).map(|t| t.ceil() as i64),
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.is_set("now") {
        if grace.is_some() {
            return ProgramOutput::err("error: --now and --grace-period cannot be specified together\n", 1);
        }
        grace = Some(1);
    }
    let mut warn = String::new();
    if force && grace.is_none() {
        grace = Some(0);
    }
    if grace == Some(0) {
        if force {
            warn.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
        } else {
            grace = Some(1);
        }
    }
    let propagation = match p.get("cascade").unwrap_or("background") {
        "background" | "true" => Propagation::Background,
        "foreground" => Propagation::Foreground,
        "orphan" | "false" => Propagation::Orphan,
        other => {
            return ProgramOutput::err(
                format!("error: invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\"\n"),
                1,
            )
        }
    };
    let selector = match p.get("selector").map(Selector::parse).transpose() {
        Ok(s) => s,
        Err(e) => return ProgramOutput::err(format!("error: {e}\n"), 1),
    };
    let selecting = selector.is_some() || p.is_set("all");
    let mut errs = String::new();
    let mut victims: Vec<Value> = Vec::new();
    if !p.all("filename").is_empty() {
        let (manifests, read_errs) = super::manifests::read_with(cluster, io, p.all("filename"), false, p.is_set("recursive"));
        if !read_errs.is_empty() && manifests.is_empty() {
            return ProgramOutput::err(read_errs.concat(), 1);
        }
        errs.extend(read_errs);
        for m in manifests {
            let Some(info) = crate::api::resources::by_kind(object::kind(&m.obj)) else { continue };
            let obj_ns = if object::namespace(&m.obj).is_empty() { ns.clone() } else { object::namespace(&m.obj).to_string() };
            match cluster.api_get(info.kind, common::ns_for(info, &obj_ns), object::name(&m.obj)) {
                Ok(o) => victims.push(o.clone()),
                Err(e) if p.is_set("ignore-not-found") => drop(e),
                Err(e) => errs.push_str(&super::apply::source_err("deleting", &m.source, &e)),
            }
        }
    } else {
        if p.args.is_empty() {
            return ProgramOutput::err(NO_ARGS, 1);
        }
        let targets = match common::targets(&p.args) {
            Ok(t) => t,
            Err(e) => return ProgramOutput::err(e, 1),
        };
        if selecting && targets.iter().any(|t| t.name.is_some()) {
            return ProgramOutput::err("error: name cannot be provided when a selector is specified\n", 1);
        }
        if !selecting && targets.iter().any(|t| t.name.is_none()) {
            return ProgramOutput::err("error: resource(s) were provided, but no name was specified\n", 1);
        }
        for t in &targets {
            match common::lookup(cluster, t, &ns, all_ns) {
                Ok(objs) => victims.extend(objs.into_iter().filter(|o| selector.as_ref().map_or(true, |s| s.matches_obj(o)))),
                Err(e) if p.is_set("ignore-not-found") => drop(e),
                Err(e) => errs.push_str(&common::api_err(&e)),
            }
        }
        if victims.is_empty() && errs.is_empty() {
            return ProgramOutput::ok("No resources found\n");
        }
    }
    let opts = DeleteOptions { grace_period: grace, propagation };
    let mut out = String::new();
    let mut gone_wait: Vec<(String, String, String, String)> = Vec::new();
    for v in &victims {
        let kind = object::kind(v);
        let Some(info) = crate::api::resources::by_kind(kind) else { continue };
        match cluster.api_delete(kind, object::namespace(v), object::name(v), &opts) {
            Ok(_) => {
                if p.get("output") == Some("name") {
                    out.push_str(&format!("{}\n", common::ref_name(v)));
                } else {
                    let how = if force && grace == Some(0) { "force deleted" } else { "deleted" };
                    out.push_str(&format!("{} \"{}\" {how}\n", info.qualified_singular(), object::name(v)));
                }
                gone_wait.push((kind.to_string(), object::namespace(v).to_string(), object::name(v).to_string(), object::uid(v).to_string()));
            }
            Err(e) => errs.push_str(&common::api_err(&e)),
        }
    }
    if p.get("wait") != Some("false") {
        let still_there = |c: &Cluster| {
            gone_wait.iter().any(|(k, n, name, uid)| c.api.store.get(k, n, name).is_some_and(|o| object::uid(o) == uid))
        };
        let limit = timeout.unwrap_or(MAX_WAIT);
        let mut waited = 0;
        while still_there(cluster) && waited < limit {
            cluster.advance(1);
            waited += 1;
        }
        if timeout.is_some() {
            for (k, n, name, uid) in &gone_wait {
                if cluster.api.store.get(k, n, name).is_some_and(|o| object::uid(o) == uid) {
                    let plural = crate::api::resources::by_kind(k).map_or(String::new(), |r| r.qualified_plural());
                    errs.push_str(&format!("error: timed out waiting for the condition on {plural}/{name}\n"));
                }
            }
        }
    }
    let failed = !errs.is_empty();
    // The warning goes to stderr before anything is deleted; a terminal shows it first.
    common::finish(warn + &out, errs, failed)
}
