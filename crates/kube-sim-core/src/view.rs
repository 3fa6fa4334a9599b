//! [`ClusterView`]: a plain-data picture of the cluster for the UI's graph. It is computed from
//! the store and the hosts on demand; the UI draws it and never reads the store itself.
//!
//! What it shows: the nodes with their pods, each pod's volumes as edges to what backs them
//! (a PVC, then its PV, then the NFS export or host folder; an emptyDir; a hostPath; a Secret or
//! ConfigMap), and the PVs and PVCs with their phases. System namespaces are left out so the
//! learner's objects stay readable.

use serde_json::Value;

use crate::kubectl::printers::columns::pod::summary;
use crate::object;
use crate::Cluster;

/// Namespaces whose objects the graph leaves out.
const SYSTEM_NAMESPACES: &[&str] = &["kube-system", "kube-public", "kube-node-lease"];

/// One drawable object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjView {
    /// `Pod`, `PersistentVolume`, `Backing`, ...
    pub kind: String,
    /// The namespace, "" when cluster-scoped.
    pub namespace: String,
    /// The name (for a backing store: `172.19.0.4:/data/nfs`, `emptyDir`, `worker-1:/data`).
    pub name: String,
    /// What its status column says: `Running`, `Bound`, `Available`, `Ready`, `NotReady`, ...
    pub phase: String,
    /// `obj-<kind lower case>-<namespace or _>-<name>`, the hook tests select by.
    pub testid: String,
}

impl ObjView {
    fn new(kind: &str, namespace: &str, name: &str, phase: &str) -> Self {
        let ns = if namespace.is_empty() { "_" } else { namespace };
        ObjView {
            kind: kind.to_string(),
            namespace: namespace.to_string(),
            name: name.to_string(),
            phase: phase.to_string(),
            testid: format!("obj-{}-{ns}-{name}", kind.to_ascii_lowercase()),
        }
    }
}

/// A node and the pods bound to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView {
    /// The node itself (`phase` is `Ready` or `NotReady`, plus `,SchedulingDisabled`).
    pub node: ObjView,
    /// Whether the machine is powered on.
    pub powered_on: bool,
    /// Its pods, by name.
    pub pods: Vec<ObjView>,
}

/// A line from one object to another (by testid), with a short label (the volume name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The testid it starts at.
    pub from: String,
    /// The testid it ends at.
    pub to: String,
    /// What it means: a volume name, `bound`, `nfs`.
    pub label: String,
}

/// The whole picture.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterView {
    /// Nodes with their pods.
    pub nodes: Vec<NodeView>,
    /// Pods not scheduled on any node yet.
    pub pending_pods: Vec<ObjView>,
    /// Claims.
    pub claims: Vec<ObjView>,
    /// Volumes.
    pub volumes: Vec<ObjView>,
    /// Secrets, ConfigMaps, emptyDirs, host folders and NFS exports that volumes point at.
    pub backings: Vec<ObjView>,
    /// Every edge.
    pub edges: Vec<Edge>,
}

fn phase_of(obj: &Value) -> String {
    if object::get(obj, "metadata.deletionTimestamp").is_some() {
        return "Terminating".into();
    }
    object::get_str(obj, "status.phase").unwrap_or("").to_string()
}

fn node_phase(node: &Value) -> String {
    let ready = object::get(node, "status.conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| object::get_str(c, "type") == Some("Ready")))
        .map(|c| object::get_str(c, "status") == Some("True"));
    let mut s = match ready {
        Some(true) => "Ready".to_string(),
        Some(false) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    };
    if object::get(node, "spec.unschedulable").and_then(Value::as_bool) == Some(true) {
        s.push_str(",SchedulingDisabled");
    }
    s
}

fn user_namespace(obj: &Value) -> bool {
    !SYSTEM_NAMESPACES.contains(&object::namespace(obj))
}

impl ClusterView {
    fn backing(&mut self, kind: &str, namespace: &str, name: &str, phase: &str) -> String {
        let v = ObjView::new(kind, namespace, name, phase);
        let id = v.testid.clone();
        if !self.backings.iter().any(|b| b.testid == id) {
            self.backings.push(v);
        }
        id
    }

    fn edge(&mut self, from: &str, to: &str, label: &str) {
        self.edges.push(Edge { from: from.into(), to: to.into(), label: label.into() });
    }
}

impl Cluster {
    /// The picture of the cluster the UI's graph draws.
    pub fn view(&self) -> ClusterView {
        let now = self.now();
        let mut v = ClusterView::default();
        for node in self.api_list("Node", None) {
            let name = object::name(node);
            v.nodes.push(NodeView {
                node: ObjView::new("Node", "", name, &node_phase(node)),
                powered_on: self.host(name).map_or(true, |h| h.powered_on),
                pods: Vec::new(),
            });
        }
        let pods: Vec<&Value> = self.api_list("Pod", None).into_iter().filter(|p| user_namespace(p)).collect();
        for pod in &pods {
            let (status, _, _) = summary(pod, now);
            let ns = object::namespace(pod);
            let pv = ObjView::new("Pod", ns, object::name(pod), &status);
            let pod_id = pv.testid.clone();
            match v.nodes.iter_mut().find(|n| Some(n.node.name.as_str()) == object::get_str(pod, "spec.nodeName")) {
                Some(n) => n.pods.push(pv),
                None => v.pending_pods.push(pv),
            }
            for vol in object::get(pod, "spec.volumes").and_then(Value::as_array).into_iter().flatten() {
                let label = object::get_str(vol, "name").unwrap_or("");
                let target = if let Some(claim) = object::get_str(vol, "persistentVolumeClaim.claimName") {
                    Some(ObjView::new("PersistentVolumeClaim", ns, claim, "").testid)
                } else if let Some(s) = object::get_str(vol, "secret.secretName") {
                    Some(v.backing("Secret", ns, s, "Secret"))
                } else if let Some(c) = object::get_str(vol, "configMap.name") {
                    Some(v.backing("ConfigMap", ns, c, "ConfigMap"))
                } else if object::get(vol, "emptyDir").is_some() {
                    let name = format!("{}.{label}", object::name(pod));
                    Some(v.backing("EmptyDir", ns, &name, "emptyDir"))
                } else if let Some(path) = object::get_str(vol, "hostPath.path") {
                    let host = object::get_str(pod, "spec.nodeName").unwrap_or("?");
                    Some(v.backing("HostPath", "", &format!("{host}:{path}"), "hostPath"))
                } else if let (Some(server), Some(path)) = (object::get_str(vol, "nfs.server"), object::get_str(vol, "nfs.path")) {
                    Some(v.backing("NFS", "", &format!("{server}:{path}"), "nfs"))
                } else {
                    None
                };
                if let Some(t) = target {
                    v.edge(&pod_id, &t, label);
                }
            }
        }
        // Secrets and ConfigMaps the learner made, even with no consumer yet (so they can be
        // clicked and read); the per-namespace CA bundle and service-account tokens stay out.
        for kind in ["Secret", "ConfigMap"] {
            for o in self.api_list(kind, None).into_iter().filter(|o| user_namespace(o)) {
                let system = object::name(o) == "kube-root-ca.crt"
                    || object::get_str(o, "type") == Some("kubernetes.io/service-account-token");
                if !system {
                    v.backing(kind, object::namespace(o), object::name(o), kind);
                }
            }
        }
        for claim in self.api_list("PersistentVolumeClaim", None).into_iter().filter(|c| user_namespace(c)) {
            let c = ObjView::new("PersistentVolumeClaim", object::namespace(claim), object::name(claim), &phase_of(claim));
            if let Some(pv) = object::get_str(claim, "spec.volumeName").filter(|s| !s.is_empty()) {
                v.edge(&c.testid, &ObjView::new("PersistentVolume", "", pv, "").testid, "bound");
            }
            v.claims.push(c);
        }
        for pv in self.api_list("PersistentVolume", None) {
            let p = ObjView::new("PersistentVolume", "", object::name(pv), &phase_of(pv));
            let backing = if let (Some(server), Some(path)) = (object::get_str(pv, "spec.nfs.server"), object::get_str(pv, "spec.nfs.path")) {
                Some(v.backing("NFS", "", &format!("{server}:{path}"), "nfs"))
            } else if let (Some(server), Some(share)) =
                (object::get_str(pv, "spec.csi.volumeAttributes.server"), object::get_str(pv, "spec.csi.volumeAttributes.share"))
            {
                let sub = object::get_str(pv, "spec.csi.volumeAttributes.subdir").unwrap_or("");
                Some(v.backing("NFS", "", &format!("{server}:{}/{sub}", share.trim_end_matches('/')), "nfs"))
            } else {
                object::get_str(pv, "spec.hostPath.path").or_else(|| object::get_str(pv, "spec.local.path")).map(|path| {
                    let node = pv_node(pv).unwrap_or("any node");
                    v.backing("HostPath", "", &format!("{node}:{path}"), "hostPath")
                })
            };
            if let Some(b) = backing {
                v.edge(&p.testid, &b, "");
            }
            v.volumes.push(p);
        }
        v
    }
}

/// The node a PV is pinned to by `nodeAffinity` (`kubernetes.io/hostname In [x]`).
fn pv_node(pv: &Value) -> Option<&str> {
    object::get(pv, "spec.nodeAffinity.required.nodeSelectorTerms")?
        .as_array()?
        .iter()
        .flat_map(|t| object::get(t, "matchExpressions").and_then(Value::as_array).into_iter().flatten())
        .find(|e| object::get_str(e, "key") == Some("kubernetes.io/hostname"))
        .and_then(|e| object::get(e, "values")?.as_array()?.first()?.as_str())
}

#[cfg(test)]
mod tests {
    use crate::Cluster;

    const PV_PVC: &str = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: mypv1\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Recycle\n  storageClassName: nfs\n  nfs:\n    path: /data/nfs\n    server: 172.19.0.4\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: mypvc1\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n  storageClassName: nfs\n";

    #[test]
    fn shows_nodes_binding_and_backing() {
        let mut c = Cluster::new();
        let v = c.view();
        let names: Vec<&str> = v.nodes.iter().map(|n| n.node.name.as_str()).collect();
        assert_eq!(names, ["control-plane", "worker-1", "worker-2"]);
        assert!(v.nodes.iter().all(|n| n.node.phase == "Ready" && n.powered_on));
        assert!(v.nodes.iter().all(|n| n.pods.is_empty()), "system pods are left out");
        c.write_workspace_file("pv.yml", PV_PVC).unwrap();
        c.type_line("kubectl apply -f pv.yml");
        let before = c.view();
        assert_eq!(before.claims[0].phase, "Pending", "the controller binds on its next pass");
        c.advance(1);
        let v = c.view();
        assert_eq!(v.volumes.iter().find(|p| p.name == "mypv1").map(|p| p.phase.as_str()), Some("Bound"));
        assert_eq!(v.claims[0].testid, "obj-persistentvolumeclaim-default-mypvc1");
        assert_eq!(v.claims[0].phase, "Bound");
        assert!(v.edges.iter().any(|e| e.from == "obj-persistentvolumeclaim-default-mypvc1" && e.to == "obj-persistentvolume-_-mypv1"));
        assert!(v.edges.iter().any(|e| e.from == "obj-persistentvolume-_-mypv1" && e.to == "obj-nfs-_-172.19.0.4:/data/nfs"));
    }

    #[test]
    fn secrets_and_config_maps_show_without_consumers() {
        let mut c = Cluster::new();
        c.type_line("kubectl create secret generic mysecret --from-literal=password=123456");
        c.type_line("kubectl create configmap cm --from-literal=a=b");
        let v = c.view();
        let ids: Vec<&str> = v.backings.iter().map(|b| b.testid.as_str()).collect();
        assert_eq!(ids, ["obj-secret-default-mysecret", "obj-configmap-default-cm"]);
    }
}
