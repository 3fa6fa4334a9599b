//! What the fuzz targets share: a fresh lab, built once per thread and cloned per input.

use kube_sim_core::Cluster;

thread_local! {
    /// The lab, built once. `Cluster` shares its stored objects (`Rc`), so it is not `Sync` and
    /// cannot live in a `static`; libFuzzer runs the inputs of a process on one thread.
    static LAB: Cluster = Cluster::new();
}

/// A fresh lab (`Cluster::new()`), built once and cloned, so an input costs a clone, not an install.
pub fn fresh() -> Cluster {
    LAB.with(Cluster::clone)
}
