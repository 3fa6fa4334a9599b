//! Controllers: kube-rs-like `reconcile` functions that run, in a fixed order, once per
//! simulated second from [`Cluster::advance`].
//!
//! A controller is a plain function `fn(&mut Cluster)`. It reads objects with
//! [`Cluster::api_list`] / [`Cluster::api_get`], writes with [`Cluster::api_create`],
//! [`Cluster::api_update`], [`Cluster::api_update_status`], [`Cluster::api_delete`] and
//! records events with [`Cluster::record_event`]. To register one, add it to [`CONTROLLERS`]
//! at its place in the order. A controller that only reacts to changes can return early with
//! [`changed_since_last_run`] or [`kinds_changed_since_last_run`]; one that reacts to time
//! (grace periods, timeouts) runs each tick.

use crate::cluster::Cluster;

pub mod endpoints;
pub mod gc;
pub mod namespace;
pub mod node_lifecycle;
pub mod node_taints;
pub mod provisioners;
pub mod pv_controller;
pub mod pvc_protection;
#[cfg(test)]
mod storage_tests;
pub mod scheduler;
pub mod workloads;

/// A registered controller.
#[derive(Clone, Copy, Debug)]
pub struct Controller {
    /// Its name (also its key for [`changed_since_last_run`]).
    pub name: &'static str,
    /// One reconcile pass over the whole cluster.
    pub reconcile: fn(&mut Cluster),
}

/// Every controller, in the order they run each simulated second.
pub const CONTROLLERS: &[Controller] = &[
    Controller { name: "apiserver-bootstrap", reconcile: namespace::ensure_kubernetes_service },
    Controller { name: "namespace", reconcile: namespace::reconcile },
    Controller { name: "root-ca-cert-publisher", reconcile: namespace::publish_defaults },
    Controller { name: "node-lifecycle-taints", reconcile: node_taints::reconcile },
    Controller { name: "scheduler", reconcile: scheduler::reconcile },
    Controller { name: "kubelet", reconcile: crate::kubelet::reconcile },
    Controller { name: "node-lifecycle", reconcile: node_lifecycle::reconcile },
    Controller { name: "replicaset", reconcile: workloads::replicasets },
    Controller { name: "deployment", reconcile: workloads::deployments },
    Controller { name: "endpoints", reconcile: endpoints::reconcile },
    Controller { name: "garbagecollector", reconcile: gc::reconcile },
    Controller { name: "pvc-protection", reconcile: pvc_protection::reconcile_claims },
    Controller { name: "persistentvolume-binder", reconcile: pv_controller::reconcile },
    Controller { name: "external-provisioners", reconcile: provisioners::reconcile },
    Controller { name: "pv-protection", reconcile: pvc_protection::reconcile_volumes },
    Controller { name: "event-ttl", reconcile: gc::expire_events },
];

/// Runs every controller once, in order.
pub fn run_all(cluster: &mut Cluster) {
    for c in CONTROLLERS {
        (c.reconcile)(cluster);
    }
}

/// Whether the store changed since the controller `name` last called this (and remembers
/// the current revision). The first call returns true.
pub fn changed_since_last_run(cluster: &mut Cluster, name: &'static str) -> bool {
    let rev = cluster.api.store.revision();
    let last = cluster.api.seen.insert(name, rev);
    last != Some(rev)
}

/// Whether any object of `kinds` changed since the controller `name` last called this (and
/// remembers the current state). The first call returns true. Cheaper than reacting to every
/// change in the store.
pub fn kinds_changed_since_last_run(cluster: &mut Cluster, name: &'static str, kinds: &[&str]) -> bool {
    let rev = kinds.iter().map(|k| cluster.api.store.kind_revision(k)).max().unwrap_or(0);
    let last = cluster.api.seen.insert(name, rev);
    last != Some(rev)
}
