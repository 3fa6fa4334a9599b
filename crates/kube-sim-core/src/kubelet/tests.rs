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

#[test]
fn template_hash_uses_the_safe_alphabet() {
    let h = crate::controllers::workloads::template_hash(&serde_json::json!({"spec": {"containers": [{"name": "a"}]}}));
    assert_eq!(h.len(), 10);
    assert!(h.chars().all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
}

#[test]
fn tolerations_match_taints() {
    use crate::controllers::scheduler::tolerates;
    let taint = serde_json::json!({"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"});
    assert!(tolerates(&[serde_json::json!({"operator": "Exists"})], &taint));
    assert!(tolerates(&[serde_json::json!({"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"})], &taint));
    assert!(!tolerates(&[serde_json::json!({"key": "other", "operator": "Exists"})], &taint));
}

#[test]
fn powered_off_node_goes_not_ready_and_its_pods_are_evicted_after_300s() {
    let pod = serde_json::json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"s"},"spec":{"containers":[{"name":"s","image":"busybox","args":["sleep","9999"]}]}});
    let mut c = lab_with(&[pod]);
    c.advance(5);
    assert_eq!(c.api_get("Pod", "default", "s").unwrap()["spec"]["nodeName"], "worker-1");
    c.hosts_mut().get_mut("worker-1").unwrap().powered_on = false;
    c.advance(52);
    let node = c.api_get("Node", "", "worker-1").unwrap().clone();
    let ready = node["status"]["conditions"].as_array().unwrap().iter().find(|x| x["type"] == "Ready").unwrap().clone();
    assert_eq!(ready["status"], "Unknown");
    assert!(node["spec"]["taints"].as_array().unwrap().iter().any(|t| t["effect"] == "NoExecute"));
    c.advance(290);
    assert!(c.api_get("Pod", "default", "s").unwrap()["metadata"].get("deletionTimestamp").is_none());
    c.advance(20);
    let pod = c.api_get("Pod", "default", "s").unwrap().clone();
    assert!(pod["metadata"].get("deletionTimestamp").is_some(), "{pod:#}");
}
