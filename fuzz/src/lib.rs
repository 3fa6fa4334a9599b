//! What the fuzz targets share: a fresh lab, built once per process and cloned per input.

use std::sync::OnceLock;

use kube_sim_core::Cluster;

/// A fresh lab (`Cluster::new()`), built once and cloned, so an input costs a clone, not an install.
pub fn fresh() -> Cluster {
    static LAB: OnceLock<Cluster> = OnceLock::new();
    LAB.get_or_init(Cluster::new).clone()
}
