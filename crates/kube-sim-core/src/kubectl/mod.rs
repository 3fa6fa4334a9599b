//! kubectl: argv in, what kubectl v1.32 prints out.

use crate::cluster::{Cluster, ProcCtx, ProgramOutput};
use crate::{KUBE_VERSION, KUSTOMIZE_VERSION};

pub mod create;
pub mod create_data;
pub mod flags;
pub mod output;
pub mod printers;

/// Runs `kubectl ARGS` against the cluster.
/// `ctx` is the process running kubectl (its working directory resolves `-f` paths).
pub fn run(cluster: &mut Cluster, ctx: &ProcCtx, args: &[String]) -> ProgramOutput {
    match args.first().map(String::as_str) {
        Some("create") => create::run(cluster, ctx, &args[1..]),
        Some("version") => version(&args[1..]),
        Some(other) => ProgramOutput::err(
            format!("Error: unknown command \"{other}\" for \"kubectl\"\n"),
            1,
        ),
        None => ProgramOutput::err("kubectl controls the Kubernetes cluster manager.\n".to_string(), 0),
    }
}

fn version(args: &[String]) -> ProgramOutput {
    let client_only = args.iter().any(|a| a == "--client" || a == "--client=true");
    let mut out = format!("Client Version: {KUBE_VERSION}\nKustomize Version: {KUSTOMIZE_VERSION}\n");
    if !client_only {
        out.push_str(&format!("Server Version: {KUBE_VERSION}\n"));
    }
    ProgramOutput::ok(out)
}
