//! `kubectl rollout status deployment/NAME [--watch=false] [--timeout=D]`: the Deployment's
//! rollout as kubectl's status viewer words it, one line each time it changes, while the
//! simulated clock moves (a second at a time) until the rollout is complete.

use serde_json::Value;

use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("watch", Some('w'), FlagKind::Bool),
    flag("timeout", None, FlagKind::Value),
    flag("revision", None, FlagKind::Value),
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("selector", Some('l'), FlagKind::Value),
];

const NO_ARGS: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

const HELP: &str = "Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets\n\nExamples:\n  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/abc\n  \n  # Restart deployments with the 'app=nginx' label\n  kubectl rollout restart deployment --selector=app=nginx\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse \"kubectl rollout <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

/// The longest a watch without `--timeout` follows the rollout in the simulation.
const MAX_WATCH: i64 = 600;

/// `kubectl rollout SUBCOMMAND ...`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let _ = io;
    match args.first().map(String::as_str) {
        Some("status") => status(cluster, args.get(1..).unwrap_or(&[])),
        Some(other) if !other.starts_with('-') => {
            ProgramOutput::err(format!("error: unknown command \"{other}\"\nSee 'kubectl rollout -h' for help and examples\n"), 1)
        }
        _ => ProgramOutput { stdout: HELP.into(), stderr: String::new(), code: 1 },
    }
}

/// kubectl's `DeploymentStatusViewer`: the message and whether the rollout is done.
pub fn deployment_status(d: &Value) -> (String, bool) {
    let name = object::name(d);
    let int = |path: &str| object::get(d, path).and_then(Value::as_i64).unwrap_or(0);
    let generation = int("metadata.generation");
    if generation > int("status.observedGeneration") {
        return ("Waiting for deployment spec update to be observed...\n".into(), false);
    }
    let want = object::get(d, "spec.replicas").and_then(Value::as_i64).unwrap_or(1);
    let (replicas, updated, available) = (int("status.replicas"), int("status.updatedReplicas"), int("status.availableReplicas"));
    if updated < want {
        return (format!("Waiting for deployment {name:?} rollout to finish: {updated} out of {want} new replicas have been updated...\n"), false);
    }
    if replicas > updated {
        return (format!("Waiting for deployment {name:?} rollout to finish: {} old replicas are pending termination...\n", replicas - updated), false);
    }
    if available < updated {
        return (format!("Waiting for deployment {name:?} rollout to finish: {available} of {updated} updated replicas are available...\n"), false);
    }
    (format!("deployment {name:?} successfully rolled out\n"), true)
}

fn status(cluster: &mut Cluster, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, SPECS, "kubectl rollout status") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let timeout = match common::duration_flag(&p, "timeout", "kubectl rollout status") {
        Ok(t) => t.map_or(0, |t| t.ceil().max(0.0) as i64),
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.args.is_empty() {
        return ProgramOutput::err("error: required resource not specified\n", 1);
    }
    let targets = match common::targets(&p.args) {
        Ok(t) => t,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let ns = common::namespace(&p);
    let Some(t) = targets.first() else { return ProgramOutput::err(NO_ARGS, 1) };
    let found = match common::lookup(cluster, t, &ns, false) {
        Ok(f) => f,
        Err(e) => return ProgramOutput::err(common::api_err(&e), 1),
    };
    let Some(obj) = found.into_iter().next() else {
        return ProgramOutput::err("error: no matching resources found\n", 1);
    };
    let kind = object::kind(&obj).to_string();
    if kind != "Deployment" {
        return ProgramOutput::err(format!("error: no status viewer has been implemented for {kind}\n"), 1);
    }
    let name = object::name(&obj).to_string();
    let watch = p.get("watch") != Some("false");
    let limit = if timeout > 0 { timeout } else { MAX_WATCH };
    let mut out = String::new();
    let mut last = String::new();
    let mut waited = 0;
    loop {
        let Some(d) = cluster.api.store.get("Deployment", &ns, &name).cloned() else {
            return common::finish(out, format!("error: deployments.apps {name:?} not found\n"), true);
        };
        let (msg, done) = deployment_status(&d);
        if msg != last {
            out.push_str(&msg);
            last = msg;
        }
        if done || !watch {
            return ProgramOutput::ok(out);
        }
        if waited >= limit {
            return common::finish(out, "error: timed out waiting for the condition\n".into(), true);
        }
        cluster.advance(1);
        waited += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_messages() {
        let d = |gen: i64, obs: i64, upd: i64, total: i64, avail: i64| {
            json!({"metadata": {"name": "web", "generation": gen}, "spec": {"replicas": 4},
                "status": {"observedGeneration": obs, "updatedReplicas": upd, "replicas": total, "availableReplicas": avail}})
        };
        assert_eq!(deployment_status(&d(2, 1, 4, 4, 4)).0, "Waiting for deployment spec update to be observed...\n");
        assert_eq!(deployment_status(&d(2, 2, 1, 5, 4)).0, "Waiting for deployment \"web\" rollout to finish: 1 out of 4 new replicas have been updated...\n");
        assert_eq!(deployment_status(&d(2, 2, 4, 5, 4)).0, "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n");
        assert_eq!(deployment_status(&d(2, 2, 4, 4, 3)).0, "Waiting for deployment \"web\" rollout to finish: 3 of 4 updated replicas are available...\n");
        assert_eq!(deployment_status(&d(2, 2, 4, 4, 4)), ("deployment \"web\" successfully rolled out\n".into(), true));
    }
}
