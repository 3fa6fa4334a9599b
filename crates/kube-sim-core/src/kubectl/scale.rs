//! `kubectl scale --replicas=N TYPE NAME`.

use serde_json::json;

use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("replicas", None, FlagKind::Value),
    flag("current-replicas", None, FlagKind::Value),
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("selector", Some('l'), FlagKind::Value),
    flag("all", None, FlagKind::Bool),
    flag("timeout", None, FlagKind::Value),
    flag("output", Some('o'), FlagKind::Value),
];

/// Runs `kubectl scale ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let _ = io;
    let p = match flags::parse(args, SPECS, "kubectl scale") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let Some(replicas) = p.get("replicas") else {
        return ProgramOutput::err(common::klog_command_failed(cluster, "required flag(s) \"replicas\" not set"), 1);
    };
    let Ok(replicas) = replicas.parse::<i64>() else {
        return ProgramOutput::err(format!("Error: invalid argument \"{replicas}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{replicas}\": invalid syntax\nSee 'kubectl scale --help' for usage.\n"), 1);
    };
    if replicas < 0 {
        return ProgramOutput::err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n", 1);
    }
    if p.args.is_empty() {
        return ProgramOutput::err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1);
    }
    let targets = match common::targets(&p.args) {
        Ok(t) => t,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let ns = common::namespace(&p);
    let mut out = String::new();
    let mut errs = String::new();
    for t in &targets {
        if !matches!(t.info.kind, "Deployment" | "ReplicaSet" | "StatefulSet") {
            errs.push_str(&format!("error: no scaler has been implemented for {{\"{}\" \"{}\"}}\n", t.info.group, t.info.kind));
            continue;
        }
        let objs = match common::lookup(cluster, t, &ns, false) {
            Ok(o) => o,
            Err(e) => {
                errs.push_str(&common::api_err(&e));
                continue;
            }
        };
        for mut obj in objs {
            object::set(&mut obj, "spec.replicas", json!(replicas));
            object::remove(&mut obj, "metadata.resourceVersion");
            let reference = common::ref_name(&obj);
            match cluster.api_update(obj) {
                Ok(_) => out.push_str(&format!("{reference} scaled\n")),
                Err(e) => errs.push_str(&common::api_err(&e)),
            }
        }
    }
    let failed = !errs.is_empty();
    common::finish(out, errs, failed)
}
