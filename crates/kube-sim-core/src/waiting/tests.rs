//! Each timer of [`Cluster::waiting`] is real: advancing to its `at` makes it happen.

use serde_json::json;

use super::{WaitKind, Waiting};
use crate::hosts::Power;
use crate::object;
use crate::Cluster;

fn lab_with(objs: &[serde_json::Value]) -> Cluster {
    let mut c = Cluster::new();
    for o in objs {
        c.api_create(o.clone()).expect("create");
    }
    c
}

fn find(c: &Cluster, what: WaitKind) -> Option<Waiting> {
    c.waiting().into_iter().find(|w| w.what == what)
}

/// Advances the clock to `at`.
fn advance_to(c: &mut Cluster, at: i64) {
    let now = c.now();
    assert!(at > now, "{at} is not later than {now}");
    c.advance(at - now);
}

fn pod_phase_and_node(c: &Cluster, name: &str) -> (String, String) {
    let p = c.api_get("Pod", "default", name).unwrap();
    (object::get_str(p, "status.phase").unwrap_or("").into(), object::get_str(p, "spec.nodeName").unwrap_or("").into())
}

#[test]
fn a_fresh_lab_waits_on_nothing() {
    let mut c = Cluster::new();
    c.advance(2);
    assert_eq!(c.waiting(), vec![]);
    assert_eq!(c.next_waiting(), None);
}

#[test]
fn power_off_then_not_ready_then_eviction_each_at_its_second() {
    let pod = json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"web","image":"nginx"}]}});
    let mut c = lab_with(&[pod]);
    c.advance(30);
    let (phase, node) = pod_phase_and_node(&c, "web");
    assert_eq!(phase, "Running");
    c.set_power(&node, Power::Off).unwrap();
    let off = c.now();
    let nr = find(&c, WaitKind::NodeNotReady).expect("NotReady is due");
    assert_eq!(nr.subject, node);
    assert_eq!(nr.at, off + crate::controllers::node_lifecycle::GRACE + 1, "the last heartbeat was the second it went off");
    c.advance(nr.at - c.now() - 1);
    assert_eq!(c.view().nodes.iter().find(|n| n.node.name == node).unwrap().node.phase, "Ready");
    c.advance(1);
    assert_eq!(c.view().nodes.iter().find(|n| n.node.name == node).unwrap().node.phase, "NotReady");
    assert_eq!(find(&c, WaitKind::NodeNotReady), None);
    let ev = find(&c, WaitKind::Eviction).expect("the pod tolerates unreachable for 300 s");
    assert_eq!(ev.subject, "default/web");
    assert_eq!(ev.at, nr.at + 300);
    c.advance(ev.at - c.now() - 1);
    assert!(c.api_get("Pod", "default", "web").unwrap().get("metadata").unwrap().get("deletionTimestamp").is_none());
    advance_to(&mut c, ev.at);
    assert!(object::get(c.api_get("Pod", "default", "web").unwrap(), "metadata.deletionTimestamp").is_some());
    assert_eq!(find(&c, WaitKind::Eviction), None, "an evicted pod waits on nothing more");
}

#[test]
fn a_node_off_before_any_controller_pass_turns_not_ready_at_its_second() {
    let mut c = Cluster::new();
    c.set_power("worker-2", Power::Off).unwrap();
    let nr = find(&c, WaitKind::NodeNotReady).expect("due");
    c.advance(nr.at - c.now() - 1);
    assert_eq!(c.view().nodes[2].node.phase, "Ready");
    c.advance(1);
    assert_eq!(c.view().nodes[2].node.phase, "NotReady");
}

#[test]
fn crash_loop_back_off_restarts_at_retry_at() {
    let pod = json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"bb"},"spec":{"containers":[{"name":"bb","image":"busybox","imagePullPolicy":"IfNotPresent"}]}});
    // IfNotPresent: with busybox's `latest` tag the default policy is Always, and each restart
    // would first pull the image (a wait of its own, listed as ImagePull).
    let mut c = lab_with(&[pod]);
    let mut w = None;
    for _ in 0..60 {
        c.advance(1);
        w = find(&c, WaitKind::CrashLoopBackOff);
        if w.is_some() {
            break;
        }
    }
    let w = w.expect("busybox without a command crash-loops");
    assert_eq!(w.subject, "default/bb/bb");
    let restarts = |c: &Cluster| c.api_get("Pod", "default", "bb").unwrap()["status"]["containerStatuses"][0]["restartCount"].as_i64();
    let before = restarts(&c);
    c.advance(w.at - c.now() - 1);
    assert_eq!(restarts(&c), before, "still backing off a second before");
    c.advance(1);
    assert_eq!(restarts(&c), before.map(|r| r + 1), "restarted at its second");
}

#[test]
fn image_pull_back_off_is_listed() {
    let pod = json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"containers":[{"name":"x","image":"nope"}]}});
    let mut c = lab_with(&[pod]);
    c.advance(4);
    let w = find(&c, WaitKind::ImagePullBackOff).expect("backing off");
    assert_eq!(w.subject, "default/x/x");
    assert!(w.at > c.now() && w.at <= c.now() + 10, "{w:?}");
}

#[test]
fn a_changed_secret_shows_at_the_pods_sync_second() {
    let secret = json!({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"k":"one"}});
    let pod = json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{
        "containers":[{"name":"p","image":"nginx","volumeMounts":[{"name":"v","mountPath":"/etc/s"}]}],
        "volumes":[{"name":"v","secret":{"secretName":"s"}}]}});
    let mut c = lab_with(&[secret, pod]);
    c.advance(30);
    assert_eq!(find(&c, WaitKind::ProjectedResync), None);
    c.type_line("kubectl patch secret s -p '{\"stringData\":{\"k\":\"two\"}}'");
    let w = find(&c, WaitKind::ProjectedResync).expect("the volume shows the old value until the sync");
    assert_eq!(w.subject, "default/p");
    assert!(w.at > c.now() && w.at <= c.now() + 60, "{w:?}");
    let read = |c: &mut Cluster| c.type_line("kubectl exec p -- cat /etc/s/k").output;
    c.advance(w.at - c.now() - 2);
    assert_eq!(read(&mut c), "one", "typing takes a second: this read is at at-1");
    assert_eq!(read(&mut c), "two");
    assert_eq!(find(&c, WaitKind::ProjectedResync), None);
}

#[test]
fn a_pending_claim_is_looked_at_again_on_the_resync() {
    let pvc = json!({"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{
        "accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"none"}});
    let mut c = lab_with(&[pvc]);
    c.advance(1);
    let w = find(&c, WaitKind::ClaimResync).expect("pending");
    assert_eq!(w.subject, "default/c");
    assert!(w.at > c.now() && w.at <= c.now() + crate::controllers::pv_controller::RESYNC_PERIOD, "{w:?}");
}

#[test]
fn soonest_first() {
    let pods = [
        json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"containers":[{"name":"x","image":"nope"}]}}),
        json!({"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{
            "accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"none"}}),
    ];
    let mut c = lab_with(&pods);
    c.advance(4);
    let w = c.waiting();
    assert!(w.len() >= 2, "{w:?}");
    assert!(w.windows(2).all(|p| p[0].at <= p[1].at), "{w:?}");
    assert_eq!(c.next_waiting().as_ref(), w.first());
}
