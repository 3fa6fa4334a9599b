//! `kubectl create secret generic|docker-registry|tls` and `kubectl create configmap`.
//! (Skeleton: the client-side kubectl work fills it in, byte-identical to the real kubectl.)

use crate::cluster::{Cluster, ProcCtx, ProgramOutput};

/// Runs `kubectl create secret ...` or `kubectl create configmap ...` (`args[0]` is `secret`,
/// `configmap` or `cm`).
pub fn run(cluster: &mut Cluster, ctx: &ProcCtx, args: &[String]) -> ProgramOutput {
    let _ = (cluster, ctx, args);
    ProgramOutput::err("error: not implemented yet\n", 1)
}
