//! [`PodMounts`]: the picture `docker inspect` gives of a pod's containers, mount by mount:
//! the path in the container, the kubelet's path on the node
//! (`/var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~empty-dir/<name>`, the NFS mount under
//! `kubernetes.io~nfs`, ...), and the store behind it (an emptyDir on the node's disk, a host
//! folder, a claim → volume → `server:/path` export, a Secret or ConfigMap).
//!
//! Computed from the pod spec, the claim and volume objects and the kubelet's real mount state
//! (what it set up on the node, what each running container has bind-mounted). Plain data for
//! the UI; nothing here changes the cluster.

use serde_json::Value;

use crate::object;
use crate::Cluster;

/// The mounts of every container of one pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodMounts {
    /// Namespace.
    pub namespace: String,
    /// Pod name.
    pub pod: String,
    /// Pod uid (the folder under `/var/lib/kubelet/pods`).
    pub uid: String,
    /// The node it is bound to, once scheduled.
    pub node: Option<String>,
    /// Containers (init containers first), in spec order.
    pub containers: Vec<ContainerMounts>,
}

/// One container's mounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerMounts {
    /// Container name.
    pub container: String,
    /// Whether it runs now (its mounts exist in its mount namespace).
    pub running: bool,
    /// Its `volumeMounts`, in spec order.
    pub mounts: Vec<MountView>,
}

/// One `volumeMounts` entry, followed down to its store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountView {
    /// The volume's name.
    pub volume: String,
    /// `mountPath`: where it appears in the container.
    pub mount_path: String,
    /// Mounted read-only (the mount's `readOnly`, or a read-only source such as a Secret).
    pub read_only: bool,
    /// `subPath`, when set.
    pub sub_path: Option<String>,
    /// The kubelet's folder (or mount point) for the volume on the node, once set up.
    pub volume_dir: Option<String>,
    /// What `docker inspect` shows as the mount's Source (with a subPath: the
    /// `volume-subpaths` bind), when the container runs.
    pub source: Option<String>,
    /// The PersistentVolumeClaim, for a claim volume.
    pub claim: Option<String>,
    /// The PersistentVolume bound to the claim.
    pub pv: Option<String>,
    /// What holds the data.
    pub backing: Backing,
}

/// What holds a volume's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backing {
    /// A folder on the node's disk (or RAM with `medium: Memory`), deleted with the pod.
    EmptyDir {
        /// The node, once scheduled.
        node: Option<String>,
        /// `Memory` or "" (the node's disk).
        medium: String,
    },
    /// A path on the node, kept when the pod goes.
    HostPath {
        /// The node (the pod's, or the one a local/hostPath PV is pinned to).
        node: Option<String>,
        /// The path on that node.
        path: String,
    },
    /// An NFS export.
    Nfs {
        /// The server (name or IP, as written).
        server: String,
        /// The exported path (with the CSI `subdir`).
        path: String,
    },
    /// A Secret's keys, projected as files (tmpfs).
    Secret {
        /// Its name.
        name: String,
    },
    /// A ConfigMap's keys, projected as files (tmpfs).
    ConfigMap {
        /// Its name.
        name: String,
    },
    /// A `projected` or `downwardAPI` volume (files written by the kubelet).
    Projected,
    /// A claim without a bound volume (or whose volume is gone): nothing to mount yet.
    Unbound,
    /// A volume type this lab does not model (the kubelet gives it an empty folder).
    Other {
        /// Its type (the volume source's key).
        kind: String,
    },
}

fn backing_of_pv(pv: &Value, pod_node: Option<&str>) -> Backing {
    let s = |p: &str| object::get_str(pv, p).map(str::to_string);
    if let (Some(server), Some(path)) = (s("spec.nfs.server"), s("spec.nfs.path")) {
        return Backing::Nfs { server, path };
    }
    if let (Some(server), Some(share)) = (s("spec.csi.volumeAttributes.server"), s("spec.csi.volumeAttributes.share")) {
        let path = match s("spec.csi.volumeAttributes.subdir").filter(|d| !d.is_empty()) {
            Some(sub) => format!("{}/{sub}", share.trim_end_matches('/')),
            None => share,
        };
        return Backing::Nfs { server, path };
    }
    if let Some(path) = s("spec.hostPath.path").or_else(|| s("spec.local.path")) {
        let pinned = object::get(pv, "spec.nodeAffinity.required.nodeSelectorTerms")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|t| object::get(t, "matchExpressions").and_then(Value::as_array).into_iter().flatten())
            .find(|e| object::get_str(e, "key") == Some("kubernetes.io/hostname"))
            .and_then(|e| object::get(e, "values")?.as_array()?.first()?.as_str());
        return Backing::HostPath { node: pinned.or(pod_node).map(str::to_string), path };
    }
    let kind = pv.get("spec").and_then(Value::as_object).and_then(|m| {
        m.keys().find(|k| !matches!(k.as_str(), "capacity" | "accessModes" | "claimRef" | "persistentVolumeReclaimPolicy" | "storageClassName" | "volumeMode" | "nodeAffinity" | "mountOptions"))
    });
    Backing::Other { kind: kind.cloned().unwrap_or_default() }
}

impl Cluster {
    /// The mounts of pod `ns/pod`, or `None` when there is no such pod.
    pub fn mount_view(&self, ns: &str, pod: &str) -> Option<PodMounts> {
        let obj = self.api_get("Pod", ns, pod).ok()?;
        let uid = object::uid(obj).to_string();
        let node = object::get_str(obj, "spec.nodeName").filter(|n| !n.is_empty()).map(str::to_string);
        let rt = self.kubelet.pods.get(&uid);
        let volumes: Vec<&Value> = object::get(obj, "spec.volumes").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default();
        let specs = ["spec.initContainers", "spec.containers"]
            .iter()
            .flat_map(|p| object::get(obj, p).and_then(Value::as_array).into_iter().flatten());
        let containers = specs
            .map(|c| {
                let cname = object::get_str(c, "name").unwrap_or("");
                let ctr = rt.and_then(|rt| rt.containers.iter().find(|x| x.name == cname));
                let running = ctr.is_some_and(|x| x.running());
                let mounts = object::get(c, "volumeMounts")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|m| {
                        let volume = object::get_str(m, "name").unwrap_or("").to_string();
                        let mount_path = object::get_str(m, "mountPath").unwrap_or("").to_string();
                        let vol = volumes.iter().find(|v| object::get_str(v, "name") == Some(volume.as_str()));
                        let (claim, pv, backing) = match vol {
                            Some(v) => self.backing_of_volume(ns, v, node.as_deref()),
                            None => (None, None, Backing::Other { kind: String::new() }),
                        };
                        let volume_rt = rt.and_then(|rt| rt.volumes.get(&volume));
                        let source = ctr
                            .filter(|x| x.running())
                            .and_then(|x| x.mounts.iter().find(|mi| mi.destination == mount_path))
                            .map(|mi| mi.source.clone());
                        let projected = matches!(backing, Backing::Secret { .. } | Backing::ConfigMap { .. } | Backing::Projected);
                        let read_only = object::get(m, "readOnly").and_then(Value::as_bool).unwrap_or(false)
                            || projected
                            || volume_rt.is_some_and(|v| v.opts.read_only);
                        MountView {
                            volume,
                            mount_path,
                            read_only,
                            sub_path: object::get_str(m, "subPath").filter(|s| !s.is_empty()).map(str::to_string),
                            volume_dir: volume_rt.map(|v| v.host_path.clone()),
                            source,
                            claim,
                            pv,
                            backing,
                        }
                    })
                    .collect();
                ContainerMounts { container: cname.to_string(), running, mounts }
            })
            .collect();
        Some(PodMounts { namespace: ns.to_string(), pod: pod.to_string(), uid, node, containers })
    }

    fn backing_of_volume(&self, ns: &str, v: &Value, node: Option<&str>) -> (Option<String>, Option<String>, Backing) {
        let s = |p: &str| object::get_str(v, p).map(str::to_string);
        if let Some(claim) = s("persistentVolumeClaim.claimName") {
            let pv_name = self
                .api_get("PersistentVolumeClaim", ns, &claim)
                .ok()
                .and_then(|c| object::get_str(c, "spec.volumeName"))
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            let backing = match pv_name.as_deref().and_then(|n| self.api_get("PersistentVolume", "", n).ok()) {
                Some(pv) => backing_of_pv(pv, node),
                None => Backing::Unbound,
            };
            return (Some(claim), pv_name, backing);
        }
        let backing = if v.get("emptyDir").is_some() {
            Backing::EmptyDir { node: node.map(str::to_string), medium: s("emptyDir.medium").unwrap_or_default() }
        } else if let Some(path) = s("hostPath.path") {
            Backing::HostPath { node: node.map(str::to_string), path }
        } else if let (Some(server), Some(path)) = (s("nfs.server"), s("nfs.path")) {
            Backing::Nfs { server, path }
        } else if let Some(name) = s("secret.secretName") {
            Backing::Secret { name }
        } else if let Some(name) = s("configMap.name") {
            Backing::ConfigMap { name }
        } else if v.get("projected").is_some() || v.get("downwardAPI").is_some() {
            Backing::Projected
        } else {
            let kind = v.as_object().and_then(|m| m.keys().find(|k| k.as_str() != "name").cloned());
            Backing::Other { kind: kind.unwrap_or_default() }
        };
        (None, None, backing)
    }

    /// The container the terminal's current session runs in (`kubectl exec -it POD -- sh`),
    /// as (namespace, pod, container); `None` at a host's shell.
    pub fn session_container(&self) -> Option<(String, String, String)> {
        let host = self.current_ctx().host;
        self.kubelet.pods.values().find_map(|p| {
            let c = p.containers.iter().find(|c| !c.fs_ns.is_empty() && c.fs_ns == host)?;
            Some((p.ns.clone(), p.name.clone(), c.name.clone()))
        })
    }

    /// The mounts of the container the terminal's session runs in: its pod's view with only
    /// that container, or `None` at a host's shell.
    pub fn session_mounts(&self) -> Option<PodMounts> {
        let (ns, pod, container) = self.session_container()?;
        let mut v = self.mount_view(&ns, &pod)?;
        v.containers.retain(|c| c.container == container);
        Some(v)
    }
}

#[cfg(test)]
mod tests;
