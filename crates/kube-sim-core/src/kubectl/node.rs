//! `kubectl cordon`, `uncordon` and `drain`, with kubectl's messages and the drain filters'
//! errors (`pkg/drain/filters.go`).

use serde_json::{json, Value};

use super::common;
use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::apiserver::{owner_refs, DeleteOptions};
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const CORDON: &[FlagSpec] = &[flag("selector", Some('l'), FlagKind::Value), flag("dry-run", None, FlagKind::Value)];

const DRAIN: &[FlagSpec] = &[
    flag("ignore-daemonsets", None, FlagKind::Bool),
    flag("delete-emptydir-data", None, FlagKind::Bool),
    flag("force", None, FlagKind::Bool),
    flag("grace-period", None, FlagKind::Value),
    flag("timeout", None, FlagKind::Value),
    flag("selector", Some('l'), FlagKind::Value),
    flag("pod-selector", None, FlagKind::Value),
    flag("disable-eviction", None, FlagKind::Bool),
    flag("ignore-errors", None, FlagKind::Bool),
    flag("dry-run", None, FlagKind::Value),
];

/// The longest `drain` waits for evicted pods, in simulated seconds.
const MAX_WAIT: i64 = 300;

fn set_unschedulable(cluster: &mut Cluster, name: &str, desired: bool) -> Result<String, String> {
    let node = cluster.api_get("Node", "", name).map_err(|e| format!("{e}\n"))?.clone();
    let current = object::get(&node, "spec.unschedulable").and_then(Value::as_bool).unwrap_or(false);
    let word = if desired { "cordoned" } else { "uncordoned" };
    if current == desired {
        return Ok(format!("node/{name} already {word}\n"));
    }
    let mut updated = node;
    if desired {
        object::set(&mut updated, "spec.unschedulable", json!(true));
    } else {
        object::remove(&mut updated, "spec.unschedulable");
    }
    object::remove(&mut updated, "metadata.resourceVersion");
    cluster.api_update(updated).map_err(|e| format!("error: unable to {} node \"{name}\": {}\n", &word[..word.len() - 2], e.message))?;
    Ok(format!("node/{name} {word}\n"))
}

/// Runs `kubectl cordon NODE` (`desired` true) or `kubectl uncordon NODE`.
pub fn cordon(cluster: &mut Cluster, args: &[String], desired: bool) -> ProgramOutput {
    let verb = if desired { "cordon" } else { "uncordon" };
    let p = match flags::parse(args, CORDON, &format!("kubectl {verb}")) {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.args.is_empty() {
        return ProgramOutput::err(format!("error: USAGE: {verb} NODE [flags]\nSee 'kubectl {verb} -h' for help and examples\n"), 1);
    }
    if let Err(e) = super::apply::dry_run(p.get("dry-run")) {
        return ProgramOutput::err(e, 1);
    }
    let mut out = ProgramOutput::default();
    for name in &p.args {
        match set_unschedulable(cluster, name, desired) {
            Ok(s) => out.stdout.push_str(&s),
            Err(e) => {
                out.stderr.push_str(&e);
                out.code = 1;
            }
        }
    }
    out
}

/// Runs `kubectl drain NODE`.
pub fn drain(cluster: &mut Cluster, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, DRAIN, "kubectl drain") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let grace = match common::int_flag(&p, "grace-period", "kubectl drain") {
        Ok(g) => g.filter(|g| *g >= 0),
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if let Err(e) = common::duration_flag(&p, "timeout", "kubectl drain") {
        return ProgramOutput::err(e, 1);
    }
    if p.args.is_empty() {
        return ProgramOutput::err("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n", 1);
    }
    if let Err(e) = super::apply::dry_run(p.get("dry-run")) {
        return ProgramOutput::err(e, 1);
    }
    let mut out = ProgramOutput::default();
    for name in &p.args {
        if let Err(e) = cluster.api_get("Node", "", name) {
            return ProgramOutput::err(format!("{e}\n"), 1);
        }
    }
    for name in &p.args {
        match set_unschedulable(cluster, name, true) {
            Ok(s) => out.stdout.push_str(&s),
            Err(e) => out.stderr.push_str(&e),
        }
    }
    let force = p.is_set("force");
    let ignore_ds = p.is_set("ignore-daemonsets");
    let emptydir = p.is_set("delete-emptydir-data");
    for (i, name) in p.args.iter().enumerate() {
        let pods: Vec<Value> = cluster
            .api_list("Pod", None)
            .into_iter()
            .filter(|pod| object::get_str(pod, "spec.nodeName") == Some(name.as_str()))
            .cloned()
            .collect();
        // Errors and warnings by message, in the order the filters run.
        let mut errors: Vec<(String, Vec<String>)> = Vec::new();
        let mut warnings: Vec<(String, Vec<String>)> = Vec::new();
        let mut evict: Vec<Value> = Vec::new();
        let add = |list: &mut Vec<(String, Vec<String>)>, msg: &str, pod: &Value| {
            let id = format!("{}/{}", object::namespace(pod), object::name(pod));
            match list.iter_mut().find(|(m, _)| m == msg) {
                Some((_, v)) => v.push(id),
                None => list.push((msg.to_string(), vec![id])),
            }
        };
        for pod in pods {
            // The drain filters in order; the status is the last one's, and a filter that
            // keeps the pod stops the chain (pkg/drain/filters.go).
            enum Status {
                Okay,
                Skip,
                Warning(bool, &'static str),
                Error(&'static str),
            }
            let finished = matches!(object::get_str(&pod, "status.phase"), Some("Succeeded") | Some("Failed"));
            let controller = owner_refs(&pod).iter().find(|r| r.get("controller").and_then(Value::as_bool) == Some(true)).cloned();
            let ds_managed = controller.as_ref().is_some_and(|r| object::get_str(r, "kind") == Some("DaemonSet"));
            let mirror = object::get(&pod, "metadata.annotations").and_then(|a| a.get("kubernetes.io/config.mirror")).is_some();
            let has_emptydir = object::get(&pod, "spec.volumes")
                .and_then(Value::as_array)
                .is_some_and(|vs| vs.iter().any(|v| v.get("emptyDir").is_some()));
            let filters: [&dyn Fn() -> Status; 4] = [
                &|| match (ds_managed && !finished, ignore_ds) {
                    (false, _) => Status::Okay,
                    (true, true) => Status::Warning(false, "ignoring DaemonSet-managed Pods"),
                    (true, false) => Status::Error("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"),
                },
                &|| if mirror { Status::Skip } else { Status::Okay },
                &|| match (has_emptydir && !finished, emptydir) {
                    (false, _) => Status::Okay,
                    (true, true) => Status::Warning(true, "deleting Pods with local storage"),
                    (true, false) => Status::Error("cannot delete Pods with local storage (use --delete-emptydir-data to override)"),
                },
                &|| match (finished || controller.is_some(), force) {
                    (true, _) => Status::Okay,
                    (false, true) => Status::Warning(true, "deleting Pods that declare no controller"),
                    (false, false) => Status::Error("cannot delete Pods that declare no controller (use --force to override)"),
                },
            ];
            let mut status = Status::Okay;
            for f in filters {
                status = f();
                if matches!(status, Status::Skip | Status::Error(_) | Status::Warning(false, _)) {
                    break;
                }
            }
            match status {
                Status::Okay => evict.push(pod),
                Status::Skip => {}
                Status::Warning(delete, msg) => {
                    add(&mut warnings, msg, &pod);
                    if delete {
                        evict.push(pod);
                    }
                }
                Status::Error(msg) => add(&mut errors, msg, &pod),
            }
        }
        if !errors.is_empty() {
            let msgs: Vec<String> = errors.iter().map(|(m, pods)| format!("{m}: {}", pods.join(", "))).collect();
            let agg = if msgs.len() == 1 { msgs.concat() } else { format!("[{}]", msgs.join(", ")) };
            if p.is_set("ignore-errors") && p.args.len() > 1 {
                out.stderr.push_str(&format!("error: unable to drain node \"{name}\" due to error:{agg}, continuing command...\n"));
                continue;
            }
            out.stderr.push_str(&format!("error: unable to drain node \"{name}\", aborting command...\n\nThere are pending nodes to be drained:\n"));
            for rest in &p.args[i..] {
                out.stderr.push_str(&format!(" {rest}\n"));
            }
            out.stderr.push_str(&format!("error: {agg}\n"));
            out.code = 1;
            return out;
        }
        if !warnings.is_empty() {
            let msgs: Vec<String> = warnings.iter().map(|(m, pods)| format!("{m}: {}", pods.join(", "))).collect();
            // stderr, but a terminal shows it here, before the evictions: keep that order.
            out.stdout.push_str(&format!("Warning: {}\n", msgs.join("; ")));
        }
        let opts = DeleteOptions { grace_period: grace, ..DeleteOptions::default() };
        let mut pending = Vec::new();
        for pod in &evict {
            out.stdout.push_str(&format!("evicting pod {}/{}\n", object::namespace(pod), object::name(pod)));
            if cluster.api_delete("Pod", object::namespace(pod), object::name(pod), &opts).is_ok() {
                pending.push(pod.clone());
            }
        }
        let mut waited = 0;
        while !pending.is_empty() && waited <= MAX_WAIT {
            pending.retain(|pod| {
                let gone = cluster.api.store.get("Pod", object::namespace(pod), object::name(pod)).map_or(true, |o| object::uid(o) != object::uid(pod));
                if gone {
                    out.stdout.push_str(&format!("pod/{} evicted\n", object::name(pod)));
                }
                !gone
            });
            if !pending.is_empty() {
                cluster.advance(1);
                waited += 1;
            }
        }
        out.stdout.push_str(&format!("node/{name} drained\n"));
    }
    out
}
