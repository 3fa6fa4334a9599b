//! Secret/ConfigMap volumes in a lab: layout, items, modes, optional, errors, live updates.

use serde_json::{json, Value};

use super::*;
use crate::fs::MountOpts;

pub(crate) fn lab() -> Cluster {
    let mut c = Cluster::new();
    c.set_editor_available(false);
    c
}

pub(crate) fn secret(c: &mut Cluster, name: &str, data: Value) {
    c.api_create(json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name}, "data": data})).expect("secret");
}

pub(crate) fn configmap(c: &mut Cluster, name: &str, data: Value) {
    c.api_create(json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data})).expect("configmap");
}

pub(crate) fn pod(c: &mut Cluster, name: &str, volumes: Value, container: Value) -> Value {
    let mut ctr = json!({"name": name, "image": "busybox"});
    if let (Some(m), Some(extra)) = (ctr.as_object_mut(), container.as_object()) {
        m.extend(extra.clone());
    }
    c.api_create(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
        "spec": {"nodeName": "worker-1", "containers": [ctr], "volumes": volumes}}))
    .expect("pod")
}

/// What the kubelet engineer does: a fresh 1777 folder bound at the volume's path on the node.
fn mount(c: &mut Cluster, pod: &Value, volume: &Value) -> (Ino, String) {
    let path = volume_dir(object::uid(pod), volume).expect("projected kind");
    let now = c.now();
    let d = c.filesystems_mut().new_dir(0, 0, 0o1777, now);
    c.filesystems_mut().bind_mount("worker-1", &path, d, MountOpts::default(), now).expect("mount");
    (d, path)
}

fn setup(c: &mut Cluster, pod: &Value, i: usize) -> (Result<(), String>, String) {
    let vol = pod["spec"]["volumes"][i].clone();
    let (d, path) = mount(c, pod, &vol);
    (setup_projected_volume(c, pod, &vol, "worker-1", d), path)
}

fn sh(c: &mut Cluster, cmd: &str) -> String {
    c.type_line(&format!("ssh worker-1 '{cmd}'")).output
}

fn mysecret(c: &mut Cluster) {
    secret(c, "mysecret", json!({"username": "YWRtaW4=", "password": "MTIzNDU2"}));
}

#[test]
fn secret_volume_has_the_atomic_writer_layout() {
    let mut c = lab();
    mysecret(&mut c);
    let p = pod(&mut c, "mysecret", json!([{"name": "foo", "secret": {"secretName": "mysecret"}}]), json!({}));
    let (r, path) = setup(&mut c, &p, 0);
    assert_eq!(r, Ok(()));
    assert_eq!(sh(&mut c, &format!("ls {path}")), "password\nusername\n");
    let ts = c.projection.volumes.values().next().expect("state").ts_dir.clone();
    assert!(ts.starts_with("..2024_12_10_08_00_0"), "{ts}");
    let la = sh(&mut c, &format!("ls -la {path}"));
    let lines: Vec<&str> = la.lines().collect();
    assert_eq!(lines.len(), 7, "{la}");
    assert!(lines[1].starts_with("drwxrwxrwt") && lines[1].ends_with(" ."), "{la}");
    assert!(lines[3].starts_with("drwxr-xr-x 2 root root") && lines[3].ends_with(&format!(" {ts}")), "{la}");
    assert!(lines[4].starts_with("lrwxrwxrwx 1 root root") && lines[4].ends_with(&format!(" ..data -> {ts}")), "{la}");
    assert!(lines[5].ends_with(" password -> ..data/password"), "{la}");
    assert!(lines[6].ends_with(" username -> ..data/username"), "{la}");
    let inner = sh(&mut c, &format!("ls -l {path}/..data/"));
    assert!(inner.contains("-rw-r--r-- 1 root root 6 Dec 10 08:00 password"), "{inner}");
    assert_eq!(sh(&mut c, &format!("cat {path}/username; echo; cat {path}/password")), "admin\n123456");
}

#[test]
fn items_with_nested_paths_and_modes() {
    let mut c = lab();
    mysecret(&mut c);
    let vol = json!([{"name": "foo", "secret": {"secretName": "mysecret", "defaultMode": 0o400, "items": [
        {"key": "username", "path": "mydata/myusername"},
        {"key": "password", "path": "mydata/mypassword", "mode": 0o600}]}}]);
    let p = pod(&mut c, "mysecret", vol, json!({}));
    let (r, path) = setup(&mut c, &p, 0);
    assert_eq!(r, Ok(()));
    assert_eq!(sh(&mut c, &format!("ls {path}")), "mydata\n");
    assert!(sh(&mut c, &format!("ls -l {path}")).contains("mydata -> ..data/mydata"));
    let l = sh(&mut c, &format!("ls -l {path}/mydata/"));
    assert!(l.contains("-rw------- 1 root root 6 Dec 10 08:00 mypassword"), "{l}");
    assert!(l.contains("-r-------- 1 root root 5 Dec 10 08:00 myusername"), "{l}");
    assert_eq!(sh(&mut c, &format!("cat {path}/mydata/myusername")), "admin");
}

#[test]
fn missing_objects_and_keys_fail_with_the_kubelet_texts() {
    let mut c = lab();
    mysecret(&mut c);
    configmap(&mut c, "cm", json!({"a": "1"}));
    let vols = json!([
        {"name": "s", "secret": {"secretName": "nope"}},
        {"name": "c", "configMap": {"name": "nope"}},
        {"name": "k", "secret": {"secretName": "mysecret", "items": [{"key": "foo", "path": "foo"}]}},
        {"name": "ck", "configMap": {"name": "cm", "items": [{"key": "b", "path": "b"}]}},
        {"name": "os", "secret": {"secretName": "nope", "optional": true}},
        {"name": "ok", "configMap": {"name": "cm", "optional": true, "items": [{"key": "b", "path": "b"}, {"key": "a", "path": "x"}]}},
        {"name": "e", "emptyDir": {}}]);
    let p = pod(&mut c, "p", vols, json!({}));
    assert_eq!(setup(&mut c, &p, 0).0, Err("secret \"nope\" not found".into()));
    assert_eq!(setup(&mut c, &p, 1).0, Err("configmap \"nope\" not found".into()));
    assert_eq!(setup(&mut c, &p, 2).0, Err("references non-existent secret key: foo".into()));
    assert_eq!(setup(&mut c, &p, 3).0, Err("configmap references non-existent config key: b".into()));
    let (r, path) = setup(&mut c, &p, 4);
    assert_eq!(r, Ok(()));
    assert_eq!(sh(&mut c, &format!("ls -A {path}")).lines().count(), 2, "empty payload: ..data and its folder");
    let (r, path) = setup(&mut c, &p, 5);
    assert_eq!(r, Ok(()));
    assert_eq!(sh(&mut c, &format!("ls {path}")), "x\n");
    let d = c.filesystems_mut().new_dir(0, 0, 0o755, 0);
    assert_eq!(setup_projected_volume(&mut c, &p, &p["spec"]["volumes"][6], "worker-1", d), Ok(()));
    assert!(c.filesystems().entries(d).expect("dir").is_empty());
}

#[test]
fn configmap_whole_file_key_and_binary_data() {
    let mut c = lab();
    c.api_create(json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "myconfigmap2"},
        "data": {"app.conf": "config1: 1\nconfig2: 2\n"}, "binaryData": {"blob": "AAEC"}}))
    .expect("cm");
    let p = pod(&mut c, "p", json!([{"name": "foo", "configMap": {"name": "myconfigmap2"}}]), json!({}));
    let (r, path) = setup(&mut c, &p, 0);
    assert_eq!(r, Ok(()));
    assert!(path.contains("/volumes/kubernetes.io~configmap/foo"));
    assert_eq!(sh(&mut c, &format!("ls {path}")), "app.conf\nblob\n");
    assert_eq!(sh(&mut c, &format!("cat {path}/app.conf")), "config1: 1\nconfig2: 2\n");
    assert_eq!(sh(&mut c, &format!("wc -c < {path}/blob")), "3\n");
}

#[test]
fn live_update_swaps_data_after_the_sync_delay() {
    let mut c = lab();
    mysecret(&mut c);
    let p = pod(&mut c, "mysecret", json!([{"name": "foo", "secret": {"secretName": "mysecret"}}]), json!({}));
    let (_, path) = setup(&mut c, &p, 0);
    let old = c.projection.volumes.values().next().expect("state").ts_dir.clone();
    let mut s = c.api_get("Secret", "default", "mysecret").expect("s").clone();
    s["data"]["password"] = json!("YWJjZGVm");
    c.api_update(s).expect("update");
    let changed = c.now();
    let due = next_sync(object::uid(&p), changed + 1);
    let mut seen_new = None;
    for t in changed + 1..=changed + 61 {
        c.clock.advance(t - c.now());
        resync_projected_volumes(&mut c, "worker-1");
        let now_pw = c.filesystems().read("worker-1", &crate::fs::Cred::root(), &format!("{path}/password")).expect("read");
        if now_pw == b"abcdef" && seen_new.is_none() {
            seen_new = Some(t);
        }
        if seen_new.is_none() {
            assert_eq!(now_pw, b"123456", "old value before the sync at {due}");
        }
    }
    assert_eq!(seen_new, Some(due));
    assert!(due - changed <= SYNC_PERIOD);
    let new = c.projection.volumes.values().next().expect("state").ts_dir.clone();
    assert_ne!(new, old);
    let la = sh(&mut c, &format!("ls -a {path}"));
    assert!(la.contains(&new) && !la.contains(&old), "{la}");
    let l = sh(&mut c, &format!("ls -la {path}"));
    assert!(l.contains(&format!("..data -> {new}")), "{l}");
    // Nothing changes again while the data stays the same.
    c.clock.advance(SYNC_PERIOD);
    resync_projected_volumes(&mut c, "worker-1");
    assert_eq!(c.projection.volumes.values().next().expect("state").ts_dir, new);
}

#[test]
fn a_deleted_source_keeps_the_files_and_warns() {
    let mut c = lab();
    mysecret(&mut c);
    let p = pod(&mut c, "mysecret", json!([{"name": "foo", "secret": {"secretName": "mysecret"}}]), json!({}));
    let (_, path) = setup(&mut c, &p, 0);
    c.api_delete("Secret", "default", "mysecret", &Default::default()).expect("delete");
    for _ in 0..SYNC_PERIOD {
        c.clock.advance(1);
        resync_projected_volumes(&mut c, "worker-1");
    }
    assert_eq!(sh(&mut c, &format!("cat {path}/username")), "admin");
    let events = c.events_for(object::uid(&p));
    let msg = events.iter().filter_map(|e| e["message"].as_str()).collect::<Vec<_>>();
    assert_eq!(msg, vec!["MountVolume.SetUp failed for volume \"foo\" : secret \"mysecret\" not found"]);
    // The pod goes: its state goes too.
    c.api_delete("Pod", "default", "mysecret", &crate::apiserver::DeleteOptions { grace_period: Some(0), ..Default::default() }).expect("del");
    resync_projected_volumes(&mut c, "worker-1");
    assert!(c.projection.volumes.is_empty());
}

#[test]
fn projected_volume_with_token_ca_and_namespace() {
    let mut c = lab();
    c.advance(2); // the namespace controller publishes kube-root-ca.crt and the default ServiceAccount
    let vol = json!({"name": "kube-api-access-abcde", "projected": {"defaultMode": 420, "sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
        {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}]}});
    let p = pod(&mut c, "p", json!([vol]), json!({}));
    let (r, path) = setup(&mut c, &p, 0);
    assert_eq!(r, Ok(()));
    assert!(path.ends_with("/volumes/kubernetes.io~projected/kube-api-access-abcde"));
    assert_eq!(sh(&mut c, &format!("ls {path}")), "ca.crt\nnamespace\ntoken\n");
    assert_eq!(sh(&mut c, &format!("cat {path}/namespace")), "default");
    assert!(sh(&mut c, &format!("cat {path}/ca.crt")).starts_with("-----BEGIN CERTIFICATE-----"));
    let tok = sh(&mut c, &format!("cat {path}/token"));
    assert!(tok.starts_with("eyJhbGciOiJSUzI1NiIsImtpZCI6"), "{tok}");
    assert_eq!(tok.split('.').count(), 3);
    let missing = json!({"name": "x", "projected": {"sources": [
        {"secret": {"name": "a"}}, {"configMap": {"name": "b"}}]}});
    let d = c.filesystems_mut().new_dir(0, 0, 0o755, 0);
    assert_eq!(setup_projected_volume(&mut c, &p, &missing, "worker-1", d), Err("[secret \"a\" not found, configmap \"b\" not found]".into()));
}

#[test]
fn downward_api_volume_and_fs_group() {
    let mut c = lab();
    mysecret(&mut c);
    let mut p = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "d", "labels": {"app": "web", "tier": "fe"}},
        "spec": {"nodeName": "worker-1", "securityContext": {"fsGroup": 2000},
            "containers": [{"name": "d", "image": "busybox"}],
            "volumes": [{"name": "info", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
                        {"name": "s", "secret": {"secretName": "mysecret"}}]}});
    p = c.api_create(p).expect("pod");
    let (r, path) = setup(&mut c, &p, 0);
    assert_eq!(r, Ok(()));
    assert!(path.contains("kubernetes.io~downward-api/info"));
    assert_eq!(sh(&mut c, &format!("cat {path}/labels")), "app=\"web\"\ntier=\"fe\"");
    let (_, spath) = setup(&mut c, &p, 1);
    let l = sh(&mut c, &format!("ls -l {spath}/..data/"));
    assert!(l.contains("-rw-r--r-- 1 root 2000 6 Dec 10 08:00 password"), "{l}");
    let l = sh(&mut c, &format!("ls -la {spath}/"));
    assert!(l.contains("drwxr-sr-x 2 root 2000 4096 Dec 10 08:00 ..2024_"), "{l}");
}

#[test]
fn sync_phase_spreads_pods_over_the_minute() {
    assert!((0..SYNC_PERIOD).contains(&sync_phase("abc")));
    assert_eq!(next_sync("abc", 1000) % SYNC_PERIOD, sync_phase("abc"));
    assert!(next_sync("abc", 1000) >= 1000 && next_sync("abc", 1000) < 1060);
    assert!(writer::read_current(&crate::fs::Filesystems::default(), 0).is_none());
}

#[test]
fn a_subpath_bind_keeps_the_version_it_was_given() {
    let mut c = lab();
    mysecret(&mut c);
    let p = pod(&mut c, "mysecret", json!([{"name": "foo", "secret": {"secretName": "mysecret"}}]), json!({}));
    let (_, path) = setup(&mut c, &p, 0);
    // What the kubelet does for `subPath: password`: bind the resolved file.
    let file = c.filesystems().lookup("worker-1", &format!("{path}/password")).expect("file");
    c.filesystems_mut().bind_mount("worker-1", "/mnt/pw", file, MountOpts { read_only: true, ..Default::default() }, 0).expect("bind");
    let mut s = c.api_get("Secret", "default", "mysecret").expect("s").clone();
    s["data"]["password"] = json!("YWJjZGVm");
    c.api_update(s).expect("update");
    for _ in 0..=SYNC_PERIOD {
        c.clock.advance(1);
        resync_projected_volumes(&mut c, "worker-1");
    }
    assert_eq!(sh(&mut c, &format!("cat {path}/password")), "abcdef");
    assert_eq!(sh(&mut c, "cat /mnt/pw"), "123456");
}
