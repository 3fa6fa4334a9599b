//! What the cluster is waiting on time for: [`Cluster::waiting`] lists every timer the
//! controllers and kubelets have armed, each with the simulated second at which it acts.
//! Nothing here invents a timer: every entry is read from the state the controller itself
//! checks (heartbeats and the node-monitor grace period, taint `timeAdded` and
//! `tolerationSeconds`, a container's back-off `retry_at`, the kubelet's sync phase, the PV
//! controller's last resync, a recycler pod's `activeDeadlineSeconds`, a deletion's
//! `deletionTimestamp`).
//!
//! `at` is the second whose controller pass acts: advancing the clock by `at - now()` seconds
//! makes it happen (it is always later than `now()`).

use serde_json::Value;

use crate::controllers::{node_lifecycle, pv_controller};
use crate::kubelet::{self, containers::State, projection};
use crate::object;
use crate::Cluster;

/// The kind of thing that waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WaitKind {
    /// A node whose kubelet stopped posting status turns NotReady after the node-monitor grace period.
    NodeNotReady,
    /// A pod on a tainted (unreachable) node is evicted when its toleration runs out.
    Eviction,
    /// A container in CrashLoopBackOff is restarted when its back-off ends.
    CrashLoopBackOff,
    /// An image pull is retried when its back-off ends (ImagePullBackOff).
    ImagePullBackOff,
    /// An image pull in progress completes.
    ImagePull,
    /// A volume that failed to mount is tried again.
    MountRetry,
    /// A Secret or ConfigMap changed; the kubelet's periodic sync rewrites the pod's volume.
    ProjectedResync,
    /// A terminating pod's containers are killed at the end of the grace period.
    GracePeriod,
    /// The PV controller's periodic resync looks at a Pending claim again.
    ClaimResync,
    /// A recycler pod that has not finished fails at its active deadline.
    RecyclerDeadline,
}

/// One armed timer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    /// What happens.
    pub what: WaitKind,
    /// To what: a node name, `namespace/pod`, `namespace/pod/container`, or a PV name.
    pub subject: String,
    /// The simulated second (Unix) at which it happens.
    pub at: i64,
}

fn ready_status(node: &Value) -> &str {
    object::get(node, "status.conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
        .and_then(|c| c["status"].as_str())
        .unwrap_or("Unknown")
}

fn pod_key(pod: &Value) -> String {
    format!("{}/{}", object::namespace(pod), object::name(pod))
}

impl Cluster {
    /// Every timer armed now, soonest first (then by kind and subject).
    pub fn waiting(&self) -> Vec<Waiting> {
        let now = self.now();
        let later = |at: i64| at.max(now + 1);
        let mut out = Vec::new();
        let mut push = |what, subject: String, at: i64| out.push(Waiting { what, subject, at: later(at) });
        for node in self.api_list("Node", None) {
            let name = object::name(node);
            let up = kubelet::kubelet_up(self, name);
            if !up && ready_status(node) != "Unknown" {
                // The node lifecycle controller records a first heartbeat on its next pass.
                let last = self.kubelet.heartbeats.get(name).copied().unwrap_or(now + 1);
                push(WaitKind::NodeNotReady, name.to_string(), last + node_lifecycle::GRACE + 1);
            }
            let taints = node_lifecycle::no_execute_taints(node);
            if taints.is_empty() {
                continue;
            }
            let on_node = self.api_list("Pod", None).into_iter().filter(|p| {
                object::get_str(p, "spec.nodeName") == Some(name) && object::get(p, "metadata.deletionTimestamp").is_none()
            });
            for pod in on_node {
                if let Some(due) = node_lifecycle::eviction_due(&taints, pod, now) {
                    push(WaitKind::Eviction, pod_key(pod), due);
                }
            }
        }
        for rt in self.kubelet.pods.values() {
            if !kubelet::kubelet_up(self, &rt.node) {
                continue;
            }
            let Ok(pod) = self.api_get("Pod", &rt.ns, &rt.name) else { continue };
            let key = pod_key(pod);
            if object::get(pod, "metadata.deletionTimestamp").is_some() {
                let deadline = object::get_str(pod, "metadata.deletionTimestamp").and_then(crate::clock::parse_rfc3339);
                if let Some(d) = deadline.filter(|d| *d > now && rt.containers.iter().any(|c| c.running())) {
                    push(WaitKind::GracePeriod, key, d);
                }
                continue;
            }
            if !rt.volumes_ready && rt.retry_at > now {
                push(WaitKind::MountRetry, key.clone(), rt.retry_at);
            }
            for c in &rt.containers {
                let subject = format!("{key}/{}", c.name);
                match &c.state {
                    State::Waiting(r, _) if r == "CrashLoopBackOff" => push(WaitKind::CrashLoopBackOff, subject, c.retry_at),
                    State::Waiting(r, _) if r == "ImagePullBackOff" => push(WaitKind::ImagePullBackOff, subject, c.retry_at),
                    State::Waiting(_, _) if c.pull_done > now => push(WaitKind::ImagePull, subject, c.pull_done),
                    _ => {}
                }
            }
        }
        for ((uid, _), p) in &self.projection.volumes {
            if !kubelet::kubelet_up(self, &p.node) {
                continue;
            }
            let stale = p.sources.iter().any(|s| {
                let current = self.api_get(&s.kind, &p.pod_ns, &s.name).ok().and_then(|o| object::get_str(o, "metadata.resourceVersion"));
                current.is_some() && current != s.resource_version.as_deref()
            });
            let subject = format!("{}/{}", p.pod_ns, p.pod_name);
            if stale && !out.iter().any(|w| w.what == WaitKind::ProjectedResync && w.subject == subject) {
                out.push(Waiting { what: WaitKind::ProjectedResync, subject, at: projection::next_sync(uid, now + 1) });
            }
        }
        let resync = later(pv_controller::next_resync(self));
        for claim in self.api_list("PersistentVolumeClaim", None) {
            if object::get_str(claim, "status.phase") == Some("Pending") && object::get(claim, "metadata.deletionTimestamp").is_none() {
                out.push(Waiting { what: WaitKind::ClaimResync, subject: pod_key(claim), at: resync });
            }
        }
        for pod in self.api_list("Pod", Some("default")) {
            let Some(pv) = object::name(pod).strip_prefix("recycler-for-") else { continue };
            let running = !matches!(object::get_str(pod, "status.phase"), Some("Succeeded" | "Failed"));
            let created = object::get_str(pod, "metadata.creationTimestamp").and_then(crate::clock::parse_rfc3339);
            let deadline = object::get(pod, "spec.activeDeadlineSeconds").and_then(Value::as_i64);
            if let (true, Some(c), Some(d)) = (running && object::get(pod, "metadata.deletionTimestamp").is_none(), created, deadline) {
                out.push(Waiting { what: WaitKind::RecyclerDeadline, subject: pv.to_string(), at: later(c.saturating_add(d)) });
            }
        }
        crate::sort::sort_by(&mut out, |a, b| (a.at, a.what, &a.subject).cmp(&(b.at, b.what, &b.subject)));
        out
    }

    /// The soonest armed timer, if any.
    pub fn next_waiting(&self) -> Option<Waiting> {
        self.waiting().into_iter().next()
    }
}

#[cfg(test)]
mod tests;
