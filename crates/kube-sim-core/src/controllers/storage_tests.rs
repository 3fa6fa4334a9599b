//! Wiring tests of the storage controllers: the PV controller, the provisioners, the
//! protection finalizers and the API warnings, driven through the API and the clock.

use serde_json::{json, Value};

use super::pv_controller::{outcome_from_phase, RecycleOutcome};
use crate::cluster::Cluster;
use crate::fs::Cred;
use crate::object;

fn nfs_pv(name: &str, policy: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": name},
        "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
            "persistentVolumeReclaimPolicy": policy, "storageClassName": "nfs",
            "nfs": {"path": "/data/nfs", "server": "172.19.0.4"}}})
}

fn claim(name: &str, class: Option<&str>) -> Value {
    let mut c = json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": name, "namespace": "default"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}});
    if let Some(class) = class {
        object::set(&mut c, "spec.storageClassName", json!(class));
    }
    c
}

fn phase(c: &Cluster, kind: &str, ns: &str, name: &str) -> String {
    c.api_get(kind, ns, name).ok().and_then(|o| object::get_str(o, "status.phase")).unwrap_or("<gone>").to_string()
}

fn nfs_server(c: &mut Cluster, exports: &str) {
    for line in [
        "ssh nfs-server".to_string(),
        "yum install -y nfs-utils".into(),
        "systemctl start rpcbind".into(),
        "systemctl start nfs".into(),
        "mkdir -p /data/nfs".into(),
        format!("echo '{exports}' > /etc/exports"),
        "systemctl reload nfs".into(),
        "touch /data/nfs/a".into(),
        "exit".into(),
        // The nodes mount NFS volumes: they need the client tools too.
        "ssh worker-1 yum install -y nfs-utils".into(),
        "ssh worker-2 yum install -y nfs-utils".into(),
    ] {
        c.type_line(&line);
    }
}

fn events(c: &Cluster, name: &str) -> Vec<String> {
    c.api_list("Event", None)
        .into_iter()
        .filter(|e| object::get_str(e, "involvedObject.name") == Some(name))
        .map(|e| format!("{} {}", object::get_str(e, "reason").unwrap_or(""), object::get_str(e, "message").unwrap_or("")))
        .collect()
}

#[test]
fn static_claim_binds_in_the_next_second() {
    let mut c = Cluster::new();
    c.api_create(nfs_pv("pv1", "Retain")).unwrap();
    c.api_create(claim("c1", Some("nfs"))).unwrap();
    c.advance(1);
    assert_eq!(phase(&c, "PersistentVolume", "", "pv1"), "Bound");
    assert_eq!(phase(&c, "PersistentVolumeClaim", "default", "c1"), "Bound");
    let pvc = c.api_get("PersistentVolumeClaim", "default", "c1").unwrap();
    assert_eq!(object::get_str(pvc, "spec.volumeName"), Some("pv1"));
    assert_eq!(object::get(pvc, "metadata.finalizers"), Some(&json!(["kubernetes.io/pvc-protection"])));
}

#[test]
fn recycle_scrubs_and_makes_the_volume_available() {
    let mut c = Cluster::new();
    nfs_server(&mut c, "/data/nfs 172.19.0.0/16(rw,sync,no_root_squash)");
    c.api_create(nfs_pv("pv1", "Recycle")).unwrap();
    assert!(c.take_api_warnings()[0].contains("The Recycle reclaim policy is deprecated"));
    c.api_create(claim("c1", Some("nfs"))).unwrap();
    c.advance(1);
    c.api_delete("PersistentVolumeClaim", "default", "c1", &Default::default()).unwrap();
    c.advance(1);
    assert_eq!(phase(&c, "PersistentVolume", "", "pv1"), "Released");
    assert!(c.api_get("Pod", "default", "recycler-for-pv1").is_ok());
    // The kubelet pulls the image, mounts the export at /scrub and runs the scrub script.
    c.advance(30);
    assert_eq!(phase(&c, "PersistentVolume", "", "pv1"), "Available");
    assert!(c.api_get("Pod", "default", "recycler-for-pv1").is_err());
    assert_eq!(c.fs.list("nfs-server", &Cred::root(), "/data/nfs").unwrap(), Vec::<String>::new());
    assert!(events(&c, "pv1").contains(&"VolumeRecycled Volume recycled".to_string()));
}

#[test]
fn a_finished_recycler_pod_decides_the_outcome() {
    assert_eq!(outcome_from_phase(&json!({"status": {"phase": "Succeeded"}})), RecycleOutcome::Succeeded);
    assert_eq!(outcome_from_phase(&json!({"status": {"phase": "Running"}})), RecycleOutcome::Running);
    assert_eq!(
        outcome_from_phase(&json!({"status": {"phase": "Failed", "message": "boom"}})),
        RecycleOutcome::Failed("pod failed, pod.Status.Message boom.".into())
    );
}

#[test]
fn default_class_is_assigned_and_local_path_waits_for_a_node() {
    let mut c = Cluster::new();
    c.api_create(claim("data", None)).unwrap();
    c.advance(1);
    let pvc = c.api_get("PersistentVolumeClaim", "default", "data").unwrap().clone();
    assert_eq!(object::get_str(&pvc, "spec.storageClassName"), Some("standard"));
    assert_eq!(phase(&c, "PersistentVolumeClaim", "default", "data"), "Pending");
    assert!(events(&c, "data").iter().any(|e| e.starts_with("WaitForFirstConsumer")));
    c.api_patch("PersistentVolumeClaim", "default", "data", &json!({"metadata": {"annotations": {"volume.kubernetes.io/selected-node": "worker-1"}}}))
        .unwrap();
    c.advance(3);
    assert_eq!(phase(&c, "PersistentVolumeClaim", "default", "data"), "Bound");
    let pv_name = format!("pvc-{}", object::uid(&pvc));
    let pv = c.api_get("PersistentVolume", "", &pv_name).unwrap().clone();
    let folder = format!("/opt/local-path-provisioner/{pv_name}_default_data");
    assert_eq!(object::get_str(&pv, "spec.hostPath.path"), Some(folder.as_str()));
    assert!(c.fs.lookup("worker-1", &folder).is_ok());
    c.api_delete("PersistentVolumeClaim", "default", "data", &Default::default()).unwrap();
    c.advance(2);
    assert!(c.api_get("PersistentVolume", "", &pv_name).is_err());
    assert!(c.fs.lookup("worker-1", &folder).is_err());
}

#[test]
fn nfs_csi_fails_when_the_export_refuses_the_node() {
    let mut c = Cluster::new();
    nfs_server(&mut c, "/data/nfs 172.19.0.3(rw,sync,no_root_squash)");
    c.api_create(json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "nfs-csi"},
        "provisioner": "nfs.csi.k8s.io", "parameters": {"server": "172.19.0.4", "share": "/data/nfs"}}))
    .unwrap();
    c.api_create(claim("shared", Some("nfs-csi"))).unwrap();
    c.advance(2);
    assert_eq!(phase(&c, "PersistentVolumeClaim", "default", "shared"), "Pending");
    let evs = events(&c, "shared");
    assert!(evs.iter().any(|e| e.starts_with("ProvisioningFailed failed to provision volume with StorageClass \"nfs-csi\": rpc error: code = Internal desc = failed to mount nfs server")
        && e.contains("mount.nfs: access denied by server while mounting 172.19.0.4:/data/nfs")), "{evs:?}");
}

#[test]
fn a_claim_in_use_stays_terminating_until_its_pod_is_gone() {
    let mut c = Cluster::new();
    c.api_create(nfs_pv("pv1", "Retain")).unwrap();
    c.api_create(claim("c1", Some("nfs"))).unwrap();
    c.api_create(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "user", "namespace": "default"},
        "spec": {"containers": [{"name": "a", "image": "busybox"}],
            "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "c1"}}]}}))
    .unwrap();
    c.advance(1);
    c.api_delete("PersistentVolumeClaim", "default", "c1", &Default::default()).unwrap();
    c.api_delete("PersistentVolume", "", "pv1", &Default::default()).unwrap();
    c.advance(2);
    assert!(c.api_get("PersistentVolumeClaim", "default", "c1").is_ok());
    assert!(c.api_get("PersistentVolume", "", "pv1").is_ok());
    c.api_delete("Pod", "default", "user", &Default::default()).unwrap();
    c.advance(2);
    assert!(c.api_get("PersistentVolumeClaim", "default", "c1").is_err());
    assert!(c.api_get("PersistentVolume", "", "pv1").is_err());
}
