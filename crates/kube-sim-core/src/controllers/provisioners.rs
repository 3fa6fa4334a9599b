//! External provisioners, which run as pods in a real cluster and here as controllers:
//! `rancher.io/local-path` (kind's local-path-provisioner) and `nfs.csi.k8s.io`
//! (csi-driver-nfs with csi-provisioner). Both follow sig-storage-lib-external-provisioner:
//! they take claims annotated `volume.kubernetes.io/storage-provisioner: <name>` with no
//! volume (and, for WaitForFirstConsumer classes, a selected node), emit `Provisioning`,
//! create the asset and a PV `pvc-<uid>` pre-bound to the claim, emit
//! `ProvisioningSucceeded`; and they delete the asset and the PV of their Released PVs with
//! reclaim policy Delete.

use serde_json::{json, Value};

use crate::apiserver::DeleteOptions;
use crate::cluster::Cluster;
use crate::fs::{Cred, Squash};
use crate::object;
use crate::storage::bind::claim_reference;
use crate::storage::classes::{claim_class, find_class, provisioner};
use crate::storage::{annotation, ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, FINALIZER_EXTERNAL};

/// The local-path provisioner's name.
pub const LOCAL_PATH: &str = "rancher.io/local-path";
/// csi-driver-nfs's driver name.
pub const NFS_CSI: &str = "nfs.csi.k8s.io";
/// Where local-path-provisioner creates volume folders on the node (its default config).
pub const LOCAL_PATH_ROOT: &str = "/opt/local-path-provisioner";
/// The event source of local-path-provisioner: `<provisioner>_<pod hostname>_<uuid>`.
pub const LOCAL_PATH_SOURCE: &str =
    "rancher.io/local-path_local-path-provisioner-7dc846544d-x4qtj_3d5a8c1e-8b7f-4f2a-9c61-0e4b2d7f5a93";
/// The node csi-nfs-controller runs on (hostNetwork, so its hostname is the node's).
pub const NFS_CONTROLLER_NODE: &str = "worker-1";
/// The event source of csi-provisioner in csi-nfs-controller.
pub const NFS_SOURCE: &str = "nfs.csi.k8s.io_worker-1_6b1f0e27-4d93-4c58-a7e2-91c3f5d8b064";

/// The provisioners, by name: event source and provisioning function.
type ProvisionFn = fn(&mut Cluster, &Value, &Value) -> Result<Value, String>;
type DeleteFn = fn(&mut Cluster, &Value) -> Result<(), String>;
const PROVISIONERS: &[(&str, &str, ProvisionFn, DeleteFn)] = &[
    (LOCAL_PATH, LOCAL_PATH_SOURCE, provision_local_path, delete_local_path),
    (NFS_CSI, NFS_SOURCE, provision_nfs, delete_nfs),
];

/// One pass of every external provisioner.
pub fn reconcile(cluster: &mut Cluster) {
    let kinds = ["PersistentVolumeClaim", "PersistentVolume", "StorageClass"];
    let changed = super::kinds_changed_since_last_run(cluster, "external-provisioners", &kinds);
    // Failed attempts are retried on the resync period.
    if !changed && cluster.now() % super::pv_controller::RESYNC_PERIOD != 0 {
        return;
    }
    provision_claims(cluster);
    delete_released(cluster);
    super::kinds_changed_since_last_run(cluster, "external-provisioners", &kinds);
}

fn provision_claims(cluster: &mut Cluster) {
    let claims: Vec<Value> = cluster.api.store.list("PersistentVolumeClaim", None).into_iter().cloned().collect();
    for claim in claims {
        let Some(&(name, source, provision, _)) =
            PROVISIONERS.iter().find(|p| annotation(&claim, ANN_STORAGE_PROVISIONER) == Some(p.0))
        else {
            continue;
        };
        if !object::get_str(&claim, "spec.volumeName").unwrap_or("").is_empty()
            || object::get(&claim, "metadata.deletionTimestamp").is_some()
        {
            continue;
        }
        let pv_name = format!("pvc-{}", object::uid(&claim));
        if cluster.api.store.get("PersistentVolume", "", &pv_name).is_some() {
            continue;
        }
        let classes: Vec<Value> = cluster.api.store.list("StorageClass", None).into_iter().cloned().collect();
        let refs: Vec<&Value> = classes.iter().collect();
        let Some(class) = find_class(&refs, claim_class(&claim)).cloned() else { continue };
        if provisioner(&class) != name {
            continue;
        }
        let delayed = object::get_str(&class, "volumeBindingMode") == Some("WaitForFirstConsumer");
        if delayed && annotation(&claim, ANN_SELECTED_NODE).is_none() {
            continue;
        }
        let key = format!("{}/{}", object::namespace(&claim), object::name(&claim));
        let msg = format!("External provisioner is provisioning volume for claim {key:?}");
        cluster.record_event(&claim, "Normal", "Provisioning", &msg, source);
        match provision(cluster, &claim, &class) {
            Ok(pv) => {
                if cluster.api_create(pv).is_ok() {
                    let msg = format!("Successfully provisioned volume {pv_name}");
                    cluster.record_event(&claim, "Normal", "ProvisioningSucceeded", &msg, source);
                }
            }
            Err(e) => {
                let msg = format!("failed to provision volume with StorageClass {:?}: {e}", object::name(&class));
                cluster.record_event(&claim, "Warning", "ProvisioningFailed", &msg, source);
            }
        }
    }
}

/// The PV every provisioner returns: `pvc-<uid>`, pre-bound to the claim, with the claim's
/// modes and request, the class's reclaim policy and mount options.
fn base_pv(claim: &Value, class: &Value, provisioner: &str) -> Value {
    let mut pv = json!({
        "apiVersion": "v1",
        "kind": "PersistentVolume",
        "metadata": {
            "name": format!("pvc-{}", object::uid(claim)),
            "annotations": {ANN_DYNAMICALLY_PROVISIONED: provisioner},
        },
        "spec": {
            "accessModes": object::get(claim, "spec.accessModes").cloned().unwrap_or(json!([])),
            "capacity": {"storage": object::get_str(claim, "spec.resources.requests.storage").unwrap_or("0")},
            "claimRef": claim_reference(claim),
            "persistentVolumeReclaimPolicy": object::get_str(class, "reclaimPolicy").unwrap_or("Delete"),
            "storageClassName": object::name(class),
            "volumeMode": object::get_str(claim, "spec.volumeMode").unwrap_or("Filesystem"),
        },
    });
    if let Some(opts) = class.get("mountOptions").filter(|o| o.as_array().is_some_and(|a| !a.is_empty())) {
        object::set(&mut pv, "spec.mountOptions", opts.clone());
    }
    pv
}

/// `<ns>_<name>` folder of a claim, as local-path-provisioner names it.
fn local_path_folder(claim: &Value) -> String {
    format!("{LOCAL_PATH_ROOT}/pvc-{}_{}_{}", object::uid(claim), object::namespace(claim), object::name(claim))
}

fn provision_local_path(cluster: &mut Cluster, claim: &Value, class: &Value) -> Result<Value, String> {
    if object::get_str(claim, "spec.volumeMode") == Some("Block") {
        return Err(format!("{LOCAL_PATH} does not support block volume provisioning"));
    }
    if object::get(claim, "spec.selector").is_some_and(|s| !s.is_null()) {
        return Err("claim.Spec.Selector is not supported".into());
    }
    let modes = object::get(claim, "spec.accessModes").and_then(Value::as_array).cloned().unwrap_or_default();
    if modes.iter().any(|m| !matches!(m.as_str(), Some("ReadWriteOnce") | Some("ReadWriteOncePod"))) {
        return Err("NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes".into());
    }
    let Some(node) = annotation(claim, ANN_SELECTED_NODE).map(str::to_string) else {
        return Err("configuration error, no node was specified".into());
    };
    if cluster.hosts.get(&node).is_none() {
        return Err(format!("nodes {node:?} not found"));
    }
    let path = local_path_folder(claim);
    let now = cluster.now();
    cluster.fs.mkdir_p(&node, &Cred::root(), &path, 0o777, now).map_err(|e| format!("failed to create volume {path}: {e}"))?;
    let mut pv = base_pv(claim, class, LOCAL_PATH);
    object::set(&mut pv, "spec.hostPath", json!({"path": path, "type": "DirectoryOrCreate"}));
    object::set(
        &mut pv,
        "spec.nodeAffinity",
        json!({"required": {"nodeSelectorTerms": [{"matchExpressions": [
            {"key": "kubernetes.io/hostname", "operator": "In", "values": [node]}]}]}}),
    );
    Ok(pv)
}

/// The node a local-path PV lives on (its node affinity).
fn local_path_node(pv: &Value) -> Option<String> {
    object::get(pv, "spec.nodeAffinity.required.nodeSelectorTerms")?
        .pointer("/0/matchExpressions/0/values/0")?
        .as_str()
        .map(str::to_string)
}

fn delete_local_path(cluster: &mut Cluster, pv: &Value) -> Result<(), String> {
    let (Some(node), Some(path)) = (local_path_node(pv), object::get_str(pv, "spec.hostPath.path")) else {
        return Err("no node affinity or path".into());
    };
    let now = cluster.now();
    cluster.fs.remove_tree(&node, path, now).map_err(|e| e.to_string())
}

/// The IP csi-nfs-controller mounts from.
fn nfs_controller_ip(cluster: &Cluster) -> String {
    cluster.hosts.get(NFS_CONTROLLER_NODE).map(|h| h.ip.clone()).unwrap_or_default()
}

/// csi-driver-nfs's `mount failed` error for an internal mount of `server:share` at `/tmp/<pv>`.
fn nfs_mount_error(server: &str, share: &str, pv_name: &str, options: &str, output: &str) -> String {
    let opts = if options.is_empty() { String::new() } else { format!("-o {options} ") };
    format!(
        "rpc error: code = Internal desc = failed to mount nfs server: rpc error: code = Internal desc = mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs {opts}{server}:{share} /tmp/{pv_name}\nOutput: {output}\n"
    )
}

/// Mounts `server:share` as csi-nfs-controller does, returning (host name, credentials of
/// root through the export, read-write).
fn nfs_internal_mount(cluster: &Cluster, server: &str, share: &str, pv_name: &str, options: &str) -> Result<(String, Cred), String> {
    let rule = cluster
        .nfs_export_for(server, share, &nfs_controller_ip(cluster))
        .map_err(|e| nfs_mount_error(server, share, pv_name, options, &e))?;
    let host = cluster.hosts.get(server).map(|h| h.name.clone()).unwrap_or_default();
    let cred = if rule.squash == Squash::None { Cred::root() } else { Cred::user(rule.anon_uid, rule.anon_gid) };
    if !rule.rw {
        return Err(format!("rpc error: code = Internal desc = failed to make subdirectory: mkdir /tmp/{pv_name}/{pv_name}: read-only file system"));
    }
    Ok((host, cred))
}

fn class_param<'a>(class: &'a Value, key: &str) -> &'a str {
    class.get("parameters").and_then(|p| p.get(key)).and_then(Value::as_str).unwrap_or("")
}

fn mount_options(class: &Value) -> String {
    class.get("mountOptions").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect::<Vec<_>>().join(",")
}

fn provision_nfs(cluster: &mut Cluster, claim: &Value, class: &Value) -> Result<Value, String> {
    if object::get(claim, "spec.selector").is_some_and(|s| !s.is_null()) {
        return Err("claim Selector is not supported".into());
    }
    let (server, share) = (class_param(class, "server"), class_param(class, "share"));
    if server.is_empty() {
        return Err("rpc error: code = InvalidArgument desc = server is a required parameter".into());
    }
    if share.is_empty() {
        return Err("rpc error: code = InvalidArgument desc = share is a required parameter".into());
    }
    let pv_name = format!("pvc-{}", object::uid(claim));
    let (host, cred) = nfs_internal_mount(cluster, server, share, &pv_name, &mount_options(class))?;
    let dir = format!("{}/{pv_name}", crate::fs::absolutize("/", share));
    let now = cluster.now();
    match cluster.fs.mkdir(&host, &cred, &dir, 0o755, now) {
        Ok(_) | Err(crate::fs::FsError::Exists) => {}
        Err(e) => {
            return Err(format!(
                "rpc error: code = Internal desc = failed to make subdirectory: mkdir /tmp/{pv_name}/{pv_name}: {}",
                e.to_string().to_lowercase()
            ))
        }
    }
    let mut pv = base_pv(claim, class, NFS_CSI);
    let trim = |s: &str| s.trim_matches('/').to_string();
    object::set(&mut pv, "metadata.finalizers", json!([FINALIZER_EXTERNAL]));
    object::set(
        &mut pv,
        "spec.csi",
        json!({
            "driver": NFS_CSI,
            "volumeHandle": format!("{}#{}#{pv_name}##", trim(server), trim(share)),
            "volumeAttributes": {"server": server, "share": share, "subdir": pv_name},
        }),
    );
    Ok(pv)
}

fn delete_nfs(cluster: &mut Cluster, pv: &Value) -> Result<(), String> {
    let attr = |k: &str| object::get_str(pv, &format!("spec.csi.volumeAttributes.{k}")).unwrap_or("").to_string();
    let (server, share, subdir) = (attr("server"), attr("share"), attr("subdir"));
    let name = object::name(pv).to_string();
    let options = object::get(pv, "spec.mountOptions")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","))
        .unwrap_or_default();
    let (host, _) = nfs_internal_mount(cluster, &server, &share, &name, &options)?;
    if subdir.is_empty() {
        return Ok(());
    }
    let now = cluster.now();
    let dir = format!("{}/{subdir}", crate::fs::absolutize("/", &share));
    cluster.fs.remove_tree(&host, &dir, now).map_err(|e| format!("rpc error: code = Internal desc = delete subdirectory({subdir}) failed with {e}"))
}

/// Deletes the asset and the PV of each Released PV with policy Delete that a provisioner made.
fn delete_released(cluster: &mut Cluster) {
    let pvs: Vec<Value> = cluster.api.store.list("PersistentVolume", None).into_iter().cloned().collect();
    for pv in pvs {
        let by = annotation(&pv, ANN_DYNAMICALLY_PROVISIONED).unwrap_or("");
        let Some(&(_, source, _, delete)) = PROVISIONERS.iter().find(|p| p.0 == by) else { continue };
        let released = object::get_str(&pv, "status.phase") == Some("Released");
        let policy = object::get_str(&pv, "spec.persistentVolumeReclaimPolicy") == Some("Delete");
        if !released || !policy {
            continue;
        }
        match delete(cluster, &pv) {
            Ok(()) => {
                let name = object::name(&pv).to_string();
                if let Some(mut cur) = cluster.api.store.get("PersistentVolume", "", &name).cloned() {
                    if let Some(f) = object::entry(&mut cur, "metadata.finalizers").as_array_mut() {
                        f.retain(|x| x.as_str() != Some(FINALIZER_EXTERNAL));
                    }
                    object::remove(&mut cur, "metadata.resourceVersion");
                    let _ = cluster.api_update(cur);
                }
                let _ = cluster.api_delete("PersistentVolume", "", &name, &DeleteOptions::default());
            }
            Err(e) => {
                cluster.record_event(&pv, "Warning", "VolumeFailedDelete", e.trim_end(), source);
            }
        }
    }
}
