//! Volume setup and teardown on the node: emptyDir, hostPath (with its type checks), NFS
//! (inline or through a PVC's PV), local PVs, and the projected kinds (`projection.rs`).

use serde_json::Value;

use super::{PodRt, VolumeRt, COMPONENT};
use crate::cluster::Cluster;
use crate::fs::{Cred, Kind, MountOpts};
use crate::object;

/// The pod's directory on the node.
pub fn pod_dir(uid: &str) -> String {
    format!("/var/lib/kubelet/pods/{uid}")
}

/// Sets up every volume not yet set up; the first failure becomes a FailedMount event and a
/// retry in 10 seconds.
pub fn setup(cluster: &mut Cluster, pod: &Value, rt: &mut PodRt) {
    let vols: Vec<Value> = object::get(pod, "spec.volumes").and_then(Value::as_array).cloned().unwrap_or_default();
    for v in &vols {
        let name = object::get_str(v, "name").unwrap_or("").to_string();
        if rt.volumes.contains_key(&name) {
            continue;
        }
        match setup_one(cluster, pod, v, &rt.node, &rt.uid) {
            Ok(Some(vr)) => {
                rt.volumes.insert(name, vr);
            }
            Ok(None) => {
                rt.retry_at = cluster.now() + 2;
                return;
            }
            Err((shown, msg)) => {
                let message = format!("MountVolume.SetUp failed for volume \"{shown}\" : {msg}");
                cluster.record_event_from(pod, "Warning", "FailedMount", &message, COMPONENT, Some(&rt.node));
                rt.retry_at = cluster.now() + 10;
                return;
            }
        }
    }
    rt.volumes_ready = true;
}

type SetupResult = Result<Option<VolumeRt>, (String, String)>;

fn setup_one(cluster: &mut Cluster, pod: &Value, v: &Value, node: &str, uid: &str) -> SetupResult {
    let name = object::get_str(v, "name").unwrap_or("").to_string();
    let now = cluster.now();
    let err = |m: String| (name.clone(), m);
    if v.get("emptyDir").is_some() {
        let path = format!("{}/volumes/kubernetes.io~empty-dir/{name}", pod_dir(uid));
        let ino = cluster.fs.mkdir_p(node, &Cred::root(), &path, 0o777, now).map_err(|e| err(e.to_string()))?;
        let _ = cluster.fs.chmod(node, &Cred::root(), &path, 0o777);
        return Ok(Some(VolumeRt { ino, host_path: path, opts: MountOpts::default(), owned: true, mounted: false }));
    }
    if let Some(hp) = v.get("hostPath") {
        let path = object::get_str(hp, "path").unwrap_or("").to_string();
        let ty = object::get_str(hp, "type").unwrap_or("");
        return host_path(cluster, node, &path, ty).map(Some).map_err(err);
    }
    if let Some(nfs) = v.get("nfs") {
        let dir = format!("{}/volumes/kubernetes.io~nfs/{name}", pod_dir(uid));
        return nfs_mount(cluster, node, nfs, &dir).map(Some).map_err(err);
    }
    if let Some(claim) = object::get_str(v, "persistentVolumeClaim.claimName") {
        let Ok(pvc) = cluster.api_get("PersistentVolumeClaim", object::namespace(pod), claim) else {
            return Ok(None);
        };
        let Some(pv_name) = object::get_str(pvc, "spec.volumeName").filter(|s| !s.is_empty()).map(str::to_string) else {
            return Ok(None);
        };
        let Ok(pv) = cluster.api_get("PersistentVolume", "", &pv_name).cloned() else {
            return Ok(None);
        };
        let perr = |m: String| (pv_name.clone(), m);
        if let Some(nfs) = object::get(&pv, "spec.nfs") {
            let dir = format!("{}/volumes/kubernetes.io~nfs/{pv_name}", pod_dir(uid));
            return nfs_mount(cluster, node, nfs, &dir).map(Some).map_err(perr);
        }
        if let Some(path) = object::get_str(&pv, "spec.hostPath.path") {
            let ty = object::get_str(&pv, "spec.hostPath.type").unwrap_or("");
            return host_path(cluster, node, path, ty).map(Some).map_err(perr);
        }
        if let Some(path) = object::get_str(&pv, "spec.local.path") {
            let ino = cluster.fs.lookup(node, path).map_err(|_| perr(format!("stat {path}: no such file or directory")))?;
            return Ok(Some(VolumeRt { ino, host_path: path.to_string(), opts: MountOpts::default(), owned: false, mounted: false }));
        }
        return Ok(None);
    }
    let plugin = [("secret", "secret"), ("configMap", "configmap"), ("projected", "projected"), ("downwardAPI", "downward-api")]
        .into_iter()
        .find(|(k, _)| v.get(*k).is_some());
    if let Some((_, dir)) = plugin {
        let path = format!("{}/volumes/kubernetes.io~{dir}/{name}", pod_dir(uid));
        let ino = cluster.fs.mkdir_p(node, &Cred::root(), &path, 0o755, now).map_err(|e| err(e.to_string()))?;
        super::projection::setup_projected_volume(cluster, pod, v, node, ino).map_err(err)?;
        let opts = MountOpts { read_only: true, source: "tmpfs".into(), fstype: "tmpfs".into(), ..MountOpts::default() };
        return Ok(Some(VolumeRt { ino, host_path: path, opts, owned: true, mounted: false }));
    }
    // Volume types this lab does not model get an empty directory.
    let path = format!("{}/volumes/kubernetes.io~empty-dir/{name}", pod_dir(uid));
    let ino = cluster.fs.mkdir_p(node, &Cred::root(), &path, 0o777, now).map_err(|e| err(e.to_string()))?;
    Ok(Some(VolumeRt { ino, host_path: path, opts: MountOpts::default(), owned: true, mounted: false }))
}

/// A hostPath volume with the kubelet's type checks.
fn host_path(cluster: &mut Cluster, node: &str, path: &str, ty: &str) -> Result<VolumeRt, String> {
    let now = cluster.now();
    let root = Cred::root();
    let kind = cluster.fs.stat(node, &root, path, true).ok().map(|s| s.kind);
    let fail = |what: &str| format!("hostPath type check failed: {path} is not {what}");
    match (ty, kind) {
        ("DirectoryOrCreate" | "", None) => {
            cluster.fs.mkdir_p(node, &root, path, 0o755, now).map_err(|e| e.to_string())?;
        }
        ("DirectoryOrCreate" | "Directory", Some(k)) if k != Kind::Dir => return Err(fail("a directory")),
        ("Directory", None) => return Err(fail("a directory")),
        ("FileOrCreate", None) => {
            let (parent, _) = crate::fs::split_parent(path);
            cluster.fs.mkdir_p(node, &root, &parent, 0o755, now).map_err(|e| e.to_string())?;
            cluster.fs.write(node, &root, path, b"", false, now).map_err(|e| e.to_string())?;
            let _ = cluster.fs.chmod(node, &root, path, 0o644);
        }
        ("FileOrCreate" | "File", Some(k)) if k != Kind::File => return Err(fail("a file")),
        ("File", None) => return Err(fail("a file")),
        ("Socket", _) => return Err(fail("a socket file")),
        ("CharDevice", _) => return Err(fail("a character device")),
        ("BlockDevice", _) => return Err(fail("a block device")),
        _ => {}
    }
    let ino = cluster.fs.lookup(node, path).map_err(|e| e.to_string())?;
    Ok(VolumeRt { ino, host_path: path.to_string(), opts: MountOpts::default(), owned: false, mounted: false })
}

/// Mounts `server:path` at `dir` on the node, as `mount -t nfs` does.
fn nfs_mount(cluster: &mut Cluster, node: &str, nfs: &Value, dir: &str) -> Result<VolumeRt, String> {
    let server = object::get_str(nfs, "server").unwrap_or("");
    let path = object::get_str(nfs, "path").unwrap_or("");
    let read_only = object::get(nfs, "readOnly").and_then(Value::as_bool).unwrap_or(false);
    let source = format!("{server}:{path}");
    let failed = |out: &str| {
        format!("mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs {source} {dir}\nOutput: {}", out.trim_end())
    };
    let node_ip = super::node_ip(cluster, node);
    cluster.nfs_client_check(node, &source).map_err(|e| failed(&e))?;
    let server_ip = cluster.hosts.resolve(server).ok_or_else(|| failed(&format!("mount.nfs: Failed to resolve server {server}: Name or service not known")))?;
    let rule = cluster.nfs_export_for(&server_ip, path, &node_ip).map_err(|e| failed(&e))?;
    let server_host = cluster.hosts.get(&server_ip).map(|h| h.name.clone()).unwrap_or_default();
    let ino = cluster.fs.lookup(&server_host, path).map_err(|_| failed(&format!("mount.nfs: mounting {source} failed, reason given by server: No such file or directory")))?;
    let mut opts = rule.mount_opts(&server_ip, path);
    opts.read_only |= read_only;
    let now = cluster.now();
    cluster.fs.bind_mount(node, dir, ino, opts.clone(), now).map_err(|e| failed(&e.to_string()))?;
    Ok(VolumeRt { ino, host_path: dir.to_string(), opts, owned: true, mounted: true })
}

/// Unmounts the pod's NFS mounts on its node.
pub fn unmount_all(cluster: &mut Cluster, rt: &PodRt) {
    for v in rt.volumes.values().filter(|v| v.mounted) {
        let _ = cluster.fs.unmount(&rt.node, &v.host_path);
    }
}

/// Tears the pod's volumes down and removes its directory (emptyDir data goes with it).
pub fn teardown(cluster: &mut Cluster, rt: &PodRt) {
    unmount_all(cluster, rt);
    remove_pod_dir(cluster, &rt.node, &rt.uid);
}

/// Removes `/var/lib/kubelet/pods/UID` on `node` (nothing may be mounted below it).
pub fn remove_pod_dir(cluster: &mut Cluster, node: &str, uid: &str) {
    let mounted: Vec<String> = cluster.fs.mounts(node).iter().filter(|m| m.path.starts_with(&format!("{}/", pod_dir(uid)))).map(|m| m.path.clone()).collect();
    for m in mounted {
        let _ = cluster.fs.unmount(node, &m);
    }
    let now = cluster.now();
    let _ = cluster.fs.remove_tree(node, &pod_dir(uid), now);
}
