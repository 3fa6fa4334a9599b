//! Kubelet tests over the default lab.

use crate::cluster::Cluster;
use crate::object;

pub(crate) fn lab_with(yaml_objs: &[serde_json::Value]) -> Cluster {
    let mut c = Cluster::new();
    for o in yaml_objs {
        c.api_create(o.clone()).expect("create");
    }
    c
}

const PC: &str = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"producer-consumer"},"spec":{"containers":[
 {"image":"busybox","name":"producer","volumeMounts":[{"mountPath":"/producer_dir","name":"shared-volume"}],
  "args":["/bin/sh","-c","echo \"Hello World\" > /producer_dir/hello; sleep 30000"]},
 {"image":"busybox","name":"consumer","volumeMounts":[{"mountPath":"/consumer_dir","name":"shared-volume"}],
  "args":["/bin/sh","-c","cat /consumer_dir/hello; sleep 30000"]}],
 "volumes":[{"name":"shared-volume","emptyDir":{}}]}}"#;

#[test]
fn producer_consumer_runs_and_shares_the_empty_dir() {
    let mut c = lab_with(&[serde_json::from_str(PC).unwrap()]);
    c.advance(3);
    let pod = c.api_get("Pod", "default", "producer-consumer").unwrap().clone();
    assert_eq!(object::get_str(&pod, "status.phase"), Some("Running"), "{pod:#}");
    let node = object::get_str(&pod, "spec.nodeName").unwrap().to_string();
    assert_eq!(node, "worker-1");
    let (_, con) = super::find_container(&c, "default", "producer-consumer", Some("consumer")).unwrap();
    assert_eq!(con.log, "Hello World\n");
    let uid = object::uid(&pod).to_string();
    let dir = format!("/var/lib/kubelet/pods/{uid}/volumes/kubernetes.io~empty-dir/shared-volume/hello");
    assert_eq!(c.filesystems().read(&node, &crate::fs::Cred::root(), &dir).unwrap(), b"Hello World\n");
    c.api_delete("Pod", "default", "producer-consumer", &Default::default()).unwrap();
    c.advance(10);
    assert!(c.api_get("Pod", "default", "producer-consumer").is_ok());
    c.advance(25);
    assert!(c.api_get("Pod", "default", "producer-consumer").is_err());
    assert!(c.filesystems().read(&node, &crate::fs::Cred::root(), &dir).is_err());
}

#[test]
fn busybox_without_command_crash_loops() {
    let pod = serde_json::json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"bb"},"spec":{"containers":[{"name":"bb","image":"busybox"}]}});
    let mut c = lab_with(&[pod]);
    c.advance(30);
    let pod = c.api_get("Pod", "default", "bb").unwrap().clone();
    let st = &pod["status"]["containerStatuses"][0];
    assert!(st["restartCount"].as_i64().unwrap() >= 1, "{pod:#}");
}

#[test]
fn unknown_image_backs_off() {
    let pod = serde_json::json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"containers":[{"name":"x","image":"nope"}]}});
    let mut c = lab_with(&[pod]);
    c.advance(4);
    let pod = c.api_get("Pod", "default", "x").unwrap().clone();
    assert_eq!(pod["status"]["containerStatuses"][0]["state"]["waiting"]["reason"], "ImagePullBackOff", "{pod:#}");
}
