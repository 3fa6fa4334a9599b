//! `kubectl exec`, `logs` and `run`: argument checking with the real error texts; the work
//! itself is in `exec.rs`, `logs.rs` and `run.rs`.

use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::cluster::{Cluster, ProgramOutput};

const EXEC: &[FlagSpec] = &[
    flag("stdin", Some('i'), FlagKind::Bool),
    flag("tty", Some('t'), FlagKind::Bool),
    flag("container", Some('c'), FlagKind::Value),
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("quiet", Some('q'), FlagKind::Bool),
];

const LOGS: &[FlagSpec] = &[
    flag("follow", Some('f'), FlagKind::Bool),
    flag("previous", Some('p'), FlagKind::Bool),
    flag("container", Some('c'), FlagKind::Value),
    flag("tail", None, FlagKind::Value),
    flag("timestamps", None, FlagKind::Bool),
    flag("all-containers", None, FlagKind::Bool),
    flag("selector", Some('l'), FlagKind::Value),
    flag("since", None, FlagKind::Value),
];

const RUN: &[FlagSpec] = &[
    flag("image", None, FlagKind::Value),
    flag("stdin", Some('i'), FlagKind::Bool),
    flag("tty", Some('t'), FlagKind::Bool),
    flag("rm", None, FlagKind::Bool),
    flag("restart", None, FlagKind::Value),
    flag("env", None, FlagKind::Repeated),
    flag("labels", Some('l'), FlagKind::Value),
    flag("port", None, FlagKind::Value),
    flag("command", None, FlagKind::Bool),
    flag("dry-run", None, FlagKind::Value),
    flag("output", Some('o'), FlagKind::Value),
    flag("overrides", None, FlagKind::Value),
    flag("image-pull-policy", None, FlagKind::Value),
];

/// The error for a first argument (`POD` or `TYPE/NAME`) that names no object.
fn missing_pod(cluster: &Cluster, p: &flags::Parsed) -> Option<String> {
    let first = p.args.first()?;
    let ns = super::common::namespace(p);
    let (info, name) = match first.split_once('/') {
        Some((t, n)) => match super::common::resolve_type(t) {
            Ok(info) => (info, n),
            Err(e) => return Some(e),
        },
        None => (crate::api::resources::by_kind("Pod")?, first.as_str()),
    };
    cluster.api_get(info.kind, super::common::ns_for(info, &ns), name).err().map(|e| super::common::api_err(&e))
}

/// Checks `kubectl exec ARGS`.
pub fn exec(cluster: &mut Cluster, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, EXEC, "kubectl exec") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.args.is_empty() && p.all("filename").is_empty() {
        return ProgramOutput::err("error: pod, type/name or --filename must be specified\n", 1);
    }
    if p.args.len() > 1 {
        return ProgramOutput::err(
            "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
            1,
        );
    }
    if p.after_dash.as_ref().map_or(true, Vec::is_empty) {
        return ProgramOutput::err("error: you must specify at least one command for the container\n", 1);
    }
    if let Some(e) = missing_pod(cluster, &p) {
        return ProgramOutput::err(e, 1);
    }
    super::exec::exec(cluster, &p)
}

/// Checks `kubectl logs ARGS`.
pub fn logs(cluster: &mut Cluster, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, LOGS, "kubectl logs") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.args.is_empty() && p.get("selector").is_none() || p.args.len() > 2 {
        return ProgramOutput::err(
            "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
            1,
        );
    }
    if let Some(e) = missing_pod(cluster, &p) {
        return ProgramOutput::err(e, 1);
    }
    super::logs::logs(cluster, &p)
}

/// Checks `kubectl run ARGS`.
pub fn run(cluster: &mut Cluster, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, RUN, "kubectl run") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.get("image").is_none() {
        return ProgramOutput::err(super::common::klog_command_failed(cluster, "required flag(s) \"image\" not set"), 1);
    }
    if p.args.is_empty() {
        return ProgramOutput::err("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n", 1);
    }
    super::run::run(cluster, &p)
}
