//! `kubectl create`: `-f FILE`, and the generators (`secret`, `configmap`, `namespace`).

use crate::cluster::{Cluster, ProcCtx, ProgramOutput};

/// Runs `kubectl create ARGS`.
pub fn run(cluster: &mut Cluster, ctx: &ProcCtx, args: &[String]) -> ProgramOutput {
    match args.first().map(String::as_str) {
        Some("secret") | Some("configmap") | Some("cm") => super::create_data::run(cluster, ctx, args),
        _ => ProgramOutput::err("error: must specify one of -f and -k\n", 1),
    }
}
