//! The kubelet: one per powered-on node whose `kubelet` service is active. Each simulated
//! second it syncs the pods bound to its node: sets up volumes (`volumes.rs`), creates
//! containers from images (`images.rs`) with their own mount namespaces, steps their
//! processes (`process.rs`), restarts them with back-off, writes the pod status
//! (`status.rs`), finishes terminating pods, and runs the static pods of its manifest
//! directory (`static_pods.rs`).
//!
//! Runtime state (containers, logs, processes) lives in [`Runtime`] on the cluster; the API
//! objects only see what the kubelet reports. Pods in `kube-system` (the lab's static and
//! system pods, whose status the lab sets) are left alone.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::Value;

use crate::cluster::Cluster;
use crate::fs::{Ino, MountOpts};
use crate::object;

pub mod containers;
pub mod env;
pub mod images;
pub mod mysqld;
pub mod process;
pub mod projection;
pub mod static_pods;
pub mod status;
pub mod volumes;

pub use process::Process;

/// The component name of kubelet events.
pub const COMPONENT: &str = "kubelet";

/// Everything the kubelets of the cluster keep outside the API.
#[derive(Clone, Debug, Default)]
pub struct Runtime {
    /// Pods the kubelets run, by pod uid.
    pub pods: BTreeMap<String, PodRt>,
    /// Images each node has pulled.
    pub images: BTreeMap<String, BTreeSet<String>>,
    /// The last pod IP host number given out per node.
    pub ip_seq: BTreeMap<String, u32>,
    /// The last heartbeat of each node's kubelet (simulated seconds).
    pub heartbeats: BTreeMap<String, i64>,
    /// Set while a sync runs (a nested `sleep` must not re-enter it).
    pub busy: bool,
    /// The mirror pods each node's kubelet made from its static pod manifests: (namespace, name).
    pub static_pods: BTreeMap<String, BTreeSet<(String, String)>>,
    /// Sessions `kubectl exec -it` / `run -it` opened during the current line.
    pub attached: Vec<crate::shell::Session>,
}

/// A mounted volume of a pod, as the kubelet set it up on the node.
#[derive(Clone, Debug)]
pub struct VolumeRt {
    /// The directory (or file) inode.
    pub ino: Ino,
    /// Its path on the node (what `docker inspect` shows as Source).
    pub host_path: String,
    /// The mount options (NFS squashing).
    pub opts: MountOpts,
    /// Whether the kubelet made it below the pod directory (torn down with the pod).
    pub owned: bool,
    /// Whether the node path is a mount point the kubelet must unmount.
    pub mounted: bool,
}

/// One pod as its kubelet runs it.
#[derive(Clone, Debug)]
pub struct PodRt {
    /// Pod uid, namespace, name and node.
    pub uid: String,
    /// Namespace.
    pub ns: String,
    /// Name.
    pub name: String,
    /// The node.
    pub node: String,
    /// The pod IP.
    pub ip: String,
    /// When the kubelet started the pod.
    pub started: i64,
    /// Mounted volumes by name.
    pub volumes: BTreeMap<String, VolumeRt>,
    /// Whether every volume is set up.
    pub volumes_ready: bool,
    /// When the next volume setup retry happens.
    pub retry_at: i64,
    /// Containers, in spec order.
    pub containers: Vec<containers::CtrRt>,
    /// When termination started.
    pub killing_since: Option<i64>,
    /// How many times its sandbox was re-created (after the node restarted).
    pub sandbox_attempt: u32,
    /// The node lost power while the pod ran: its processes are gone, its sandbox is dead.
    pub down: bool,
}

impl PodRt {
    /// What the sandbox id is derived from: the uid, and the attempt once re-created.
    pub fn sandbox_key(&self) -> String {
        if self.sandbox_attempt == 0 {
            self.uid.clone()
        } else {
            format!("{}/{}", self.uid, self.sandbox_attempt)
        }
    }
}

/// Whether the kubelet of `node` is running (host powered on, `kubelet` service active).
pub fn kubelet_up(cluster: &Cluster, node: &str) -> bool {
    cluster.hosts.get(node).is_some_and(|h| h.powered_on && h.service_active("kubelet"))
}

/// The InternalIP of `node`'s host.
pub fn node_ip(cluster: &Cluster, node: &str) -> String {
    cluster.hosts.get(node).map(|h| h.ip.clone()).unwrap_or_default()
}

/// Whether the kubelet runs `pod`'s containers: not for the lab's boot-time system pods,
/// whose status the lab set (container ids of zeros) and which it only finishes deleting.
pub fn managed(pod: &Value) -> bool {
    let lab_made = object::get(pod, "status.containerStatuses")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(|c| c.get("containerID"))
        .and_then(Value::as_str)
        .is_some_and(|id| id.trim_start_matches("docker://").bytes().all(|b| b == b'0'));
    !lab_made
}

/// The controller entry: every node's kubelet syncs once.
pub fn reconcile(cluster: &mut Cluster) {
    if cluster.kubelet.busy {
        return;
    }
    cluster.kubelet.busy = true;
    let nodes: Vec<String> = cluster.api_list("Node", None).iter().map(|n| object::name(n).to_string()).collect();
    for node in nodes {
        if !cluster.hosts.get(&node).is_some_and(|h| h.powered_on) {
            power_lost(cluster, &node);
            continue;
        }
        if !kubelet_up(cluster, &node) {
            continue;
        }
        let now = cluster.now();
        cluster.kubelet.heartbeats.insert(node.clone(), now);
        projection::resync_projected_volumes(cluster, &node);
        static_pods::sync(cluster, &node);
        sync_node(cluster, &node);
    }
    cluster.kubelet.busy = false;
}

/// A powered-off node: its processes die (exit 255, as docker records a container whose
/// machine went down) and its mounts go; the exited containers and the volumes on its disk
/// stay, so the kubelet restarts the pods when the node is back.
pub(crate) fn power_lost(cluster: &mut Cluster, node: &str) {
    let hit: Vec<String> = cluster.kubelet.pods.values().filter(|p| p.node == node && !p.down).map(|p| p.uid.clone()).collect();
    for uid in hit {
        let Some(mut p) = cluster.kubelet.pods.remove(&uid) else { continue };
        containers::power_lost(cluster, &mut p);
        volumes::unmount_all(cluster, &p);
        p.volumes.clear();
        p.volumes_ready = false;
        p.down = true;
        cluster.kubelet.pods.insert(uid, p);
    }
}

/// The node is back: the pod gets a new sandbox (new IP) and its containers start again.
fn power_back(cluster: &mut Cluster, pod: &Value, rt: &mut PodRt) {
    rt.down = false;
    rt.sandbox_attempt += 1;
    rt.ip = pod_ip(cluster, &rt.node, pod);
    rt.started = cluster.now();
    rt.retry_at = rt.started;
    for c in rt.containers.iter_mut() {
        c.backoff = 0;
        c.retry_at = 0;
    }
    cluster.record_event_from(pod, "Normal", "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.", COMPONENT, Some(&rt.node));
}

fn sync_node(cluster: &mut Cluster, node: &str) {
    // The pods it works on, from the store's index (shared, not copied): the managed pods,
    // and the lab's system pods being deleted.
    let (pods, system): (Vec<Rc<Value>>, Vec<Rc<Value>>) = cluster.api.store.kubelet_pods(node).into_iter().partition(|p| managed(p));
    // The lab's system pods stop at once when deleted.
    for p in &system {
        cluster.api_finish_pod(p);
    }
    let live: BTreeSet<String> = pods.iter().map(|p| object::uid(p).to_string()).collect();
    // Pods whose object is gone (force-deleted): stop and clean up.
    let orphans: Vec<String> = cluster.kubelet.pods.values().filter(|p| p.node == node && !live.contains(&p.uid)).map(|p| p.uid.clone()).collect();
    for uid in orphans {
        if let Some(p) = cluster.kubelet.pods.remove(&uid) {
            containers::remove_all(cluster, &p);
            volumes::teardown(cluster, &p);
        }
    }
    for pod in pods {
        sync_pod(cluster, node, &pod);
    }
}

fn sync_pod(cluster: &mut Cluster, node: &str, pod: &Value) {
    let uid = object::uid(pod).to_string();
    let terminating = object::get(pod, "metadata.deletionTimestamp").is_some();
    let phase = object::get_str(pod, "status.phase").unwrap_or("");
    if !cluster.kubelet.pods.contains_key(&uid) {
        if terminating || phase == "Succeeded" || phase == "Failed" {
            if terminating {
                // Nothing runs (the node restarted): the pod can go.
                volumes::remove_pod_dir(cluster, node, &uid);
                cluster.api_finish_pod(pod);
            }
            return;
        }
        let rt = admit(cluster, node, pod);
        cluster.kubelet.pods.insert(uid.clone(), rt);
    }
    let Some(mut rt) = cluster.kubelet.pods.remove(&uid) else { return };
    if rt.down && !terminating {
        power_back(cluster, pod, &mut rt);
    }
    if terminating {
        if containers::kill(cluster, pod, &mut rt) {
            containers::remove_all(cluster, &rt);
            volumes::teardown(cluster, &rt);
            cluster.api_finish_pod(pod);
            return;
        }
    } else {
        if !rt.volumes_ready && cluster.now() >= rt.retry_at {
            volumes::setup(cluster, pod, &mut rt);
        }
        if rt.volumes_ready {
            containers::sync(cluster, pod, &mut rt);
        }
    }
    status::report(cluster, pod, &rt);
    cluster.kubelet.pods.insert(uid, rt);
}

/// A pod the kubelet sees for the first time: its IP and directory.
fn admit(cluster: &mut Cluster, node: &str, pod: &Value) -> PodRt {
    let ip = pod_ip(cluster, node, pod);
    let uid = object::uid(pod).to_string();
    let now = cluster.now();
    let _ = cluster.fs.mkdir_p(node, &crate::fs::Cred::root(), &format!("/var/lib/kubelet/pods/{uid}/volumes"), 0o750, now);
    PodRt {
        uid,
        ns: object::namespace(pod).to_string(),
        name: object::name(pod).to_string(),
        node: node.to_string(),
        ip,
        started: now,
        volumes: BTreeMap::new(),
        volumes_ready: false,
        retry_at: now,
        containers: Vec::new(),
        killing_since: None,
        sandbox_attempt: 0,
        down: false,
    }
}

/// A new sandbox's IP on `node` (the node's own with `hostNetwork`).
fn pod_ip(cluster: &mut Cluster, node: &str, pod: &Value) -> String {
    if object::get(pod, "spec.hostNetwork").and_then(Value::as_bool).unwrap_or(false) {
        return node_ip(cluster, node);
    }
    let index = crate::lab::NODES.iter().position(|n| n.0 == node).unwrap_or(0);
    let seq = cluster.kubelet.ip_seq.entry(node.to_string()).or_insert(if index == 0 { 3 } else { 1 });
    *seq += 1;
    format!("10.244.{index}.{}", *seq)
}

/// The container of `pod` (namespace/name) named `container` (the first when `None`), as the
/// kubelet runs it.
pub fn find_container<'a>(cluster: &'a Cluster, ns: &str, pod: &str, container: Option<&str>) -> Option<(&'a PodRt, &'a containers::CtrRt)> {
    let p = cluster.kubelet.pods.values().find(|p| p.ns == ns && p.name == pod)?;
    let c = match container {
        Some(n) => p.containers.iter().find(|c| c.name == n)?,
        None => p.containers.first()?,
    };
    Some((p, c))
}

#[cfg(test)]
mod tests;
