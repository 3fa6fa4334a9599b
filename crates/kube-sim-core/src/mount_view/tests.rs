use super::{Backing, MountView};
use crate::{object, Cluster};

const PC: &str = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"producer-consumer"},"spec":{"containers":[
 {"image":"busybox","name":"producer","volumeMounts":[{"mountPath":"/producer_dir","name":"shared-volume"}],
  "args":["/bin/sh","-c","sleep 30000"]},
 {"image":"busybox","name":"consumer","volumeMounts":[{"mountPath":"/consumer_dir","name":"shared-volume","readOnly":true},
   {"mountPath":"/etc/foo","name":"foo"},{"mountPath":"/logs","name":"logs","subPath":"app"}],
  "args":["/bin/sh","-c","sleep 30000"]}],
 "volumes":[{"name":"shared-volume","emptyDir":{}},{"name":"foo","secret":{"secretName":"mysecret"}},
   {"name":"logs","hostPath":{"path":"/srv/logs"}}]}}"#;

const SECRET: &str = r#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"mysecret"},"data":{"password":"MTIzNDU2"}}"#;

fn lab() -> (Cluster, String, String) {
    let mut c = Cluster::new();
    c.api_create(serde_json::from_str(SECRET).unwrap()).unwrap();
    c.api_create(serde_json::from_str(PC).unwrap()).unwrap();
    c.advance(3);
    let pod = c.api_get("Pod", "default", "producer-consumer").unwrap();
    let uid = object::uid(pod).to_string();
    let node = object::get_str(pod, "spec.nodeName").unwrap().to_string();
    (c, uid, node)
}

fn mount<'a>(v: &'a super::PodMounts, ctr: &str, path: &str) -> &'a MountView {
    let c = v.containers.iter().find(|c| c.container == ctr).unwrap();
    c.mounts.iter().find(|m| m.mount_path == path).unwrap()
}

#[test]
fn follows_each_mount_to_the_kubelet_folder_and_its_store() {
    let (c, uid, node) = lab();
    let v = c.mount_view("default", "producer-consumer").expect("view");
    assert_eq!(v.uid, uid);
    assert_eq!(v.node.as_deref(), Some(node.as_str()));
    assert_eq!(v.containers.len(), 2);
    assert!(v.containers.iter().all(|c| c.running));
    let dir = format!("/var/lib/kubelet/pods/{uid}/volumes/kubernetes.io~empty-dir/shared-volume");
    let p = mount(&v, "producer", "/producer_dir");
    assert_eq!(p.volume_dir.as_deref(), Some(dir.as_str()));
    assert_eq!(p.source.as_deref(), Some(dir.as_str()), "docker inspect's Source");
    assert_eq!(p.backing, Backing::EmptyDir { node: Some(node.clone()), medium: String::new() });
    assert!(!p.read_only);
    assert!(mount(&v, "consumer", "/consumer_dir").read_only, "readOnly: true");
    let s = mount(&v, "consumer", "/etc/foo");
    assert_eq!(s.backing, Backing::Secret { name: "mysecret".into() });
    assert!(s.read_only, "Secret volumes are read-only");
    assert_eq!(s.volume_dir.as_deref(), Some(format!("/var/lib/kubelet/pods/{uid}/volumes/kubernetes.io~secret/foo").as_str()));
    let l = mount(&v, "consumer", "/logs");
    assert_eq!(l.sub_path.as_deref(), Some("app"));
    assert_eq!(l.volume_dir.as_deref(), Some("/srv/logs"));
    assert_eq!(l.backing, Backing::HostPath { node: Some(node), path: "/srv/logs".into() });
    assert_eq!(l.source.as_deref(), Some(format!("/var/lib/kubelet/pods/{uid}/volume-subpaths/logs/consumer/2").as_str()));
}

#[test]
fn a_missing_pod_has_no_view_and_a_pending_claim_is_unbound() {
    let mut c = Cluster::new();
    assert!(c.mount_view("default", "nope").is_none());
    let pvc = r#"{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"none","resources":{"requests":{"storage":"1Gi"}}}}"#;
    let pod = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox","volumeMounts":[{"name":"d","mountPath":"/d"}]}],"volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"c"}}]}}"#;
    c.api_create(serde_json::from_str(pvc).unwrap()).unwrap();
    c.api_create(serde_json::from_str(pod).unwrap()).unwrap();
    c.advance(2);
    let v = c.mount_view("default", "p").unwrap();
    let m = &v.containers[0].mounts[0];
    assert_eq!((m.claim.as_deref(), m.pv.as_deref(), &m.backing), (Some("c"), None, &Backing::Unbound));
    assert_eq!((m.volume_dir.as_ref(), m.source.as_ref()), (None, None));
    assert!(!v.containers[0].running);
}

#[test]
fn a_claim_leads_to_its_volume_and_the_nfs_export() {
    let mut c = Cluster::new();
    let yaml = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: mypv1\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  storageClassName: nfs\n  nfs:\n    path: /data/nfs\n    server: 172.19.0.4\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: mypvc1\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n  storageClassName: nfs\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: mypod1\nspec:\n  containers:\n  - name: c\n    image: busybox\n    args: [sleep, '3600']\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: mypvc1\n";
    c.write_workspace_file("all.yml", yaml).unwrap();
    c.type_line("kubectl apply -f all.yml");
    c.advance(5);
    let v = c.mount_view("default", "mypod1").unwrap();
    let m = &v.containers[0].mounts[0];
    assert_eq!(m.claim.as_deref(), Some("mypvc1"));
    assert_eq!(m.pv.as_deref(), Some("mypv1"));
    assert_eq!(m.backing, Backing::Nfs { server: "172.19.0.4".into(), path: "/data/nfs".into() });
    if let Some(dir) = &m.volume_dir {
        assert_eq!(dir, &format!("/var/lib/kubelet/pods/{}/volumes/kubernetes.io~nfs/mypv1", v.uid));
    }
}

#[test]
fn the_session_inside_a_container_names_its_mounts() {
    let (mut c, _, _) = lab();
    assert_eq!(c.session_container(), None);
    assert_eq!(c.session_mounts(), None);
    c.type_line("kubectl exec -it producer-consumer -c consumer -- sh");
    assert_eq!(c.session_container(), Some(("default".into(), "producer-consumer".into(), "consumer".into())));
    let v = c.session_mounts().expect("in a container");
    assert_eq!(v.containers.len(), 1);
    assert_eq!(v.containers[0].container, "consumer");
    assert_eq!(v.containers[0].mounts.len(), 3);
    c.type_line("exit");
    assert_eq!(c.session_container(), None);
}
