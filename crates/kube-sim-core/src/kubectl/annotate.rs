//! `kubectl annotate`: the same machinery as `kubectl label`, over `metadata.annotations`.

use super::common::Io;
use super::label::{run_meta, MetaKind};
use crate::cluster::{Cluster, ProgramOutput};

/// Runs `kubectl annotate ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    run_meta(cluster, io, args, MetaKind::Annotate)
}
