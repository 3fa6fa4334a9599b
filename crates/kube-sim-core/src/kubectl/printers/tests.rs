//! `kubectl get` tables: full expected texts.

use serde_json::{json, Value};

use super::*;
use crate::clock::{rfc3339, LAB_EPOCH};

const T0: i64 = LAB_EPOCH;

fn ts(off: i64) -> String {
    rfc3339(T0 + off)
}

fn at(now_off: i64) -> TableOpts {
    TableOpts { now: T0 + now_off, ..TableOpts::default() }
}

fn pv(name: &str, phase: &str, claim: Option<(&str, &str)>) -> Value {
    let mut o = json!({
        "apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"name": name, "creationTimestamp": ts(0), "uid": "pv-uid",
            "finalizers": ["kubernetes.io/pv-protection"]},
        "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
            "persistentVolumeReclaimPolicy": "Recycle", "storageClassName": "nfs", "volumeMode": "Filesystem",
            "nfs": {"server": "192.168.56.105", "path": "/nfsdata/pv1"}},
        "status": {"phase": phase}
    });
    if let Some((ns, n)) = claim {
        o["spec"]["claimRef"] = json!({"kind": "PersistentVolumeClaim", "namespace": ns, "name": n});
    }
    o
}

fn pvc(name: &str, volume: &str) -> Value {
    let mut o = json!({
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(0), "uid": "pvc-uid",
            "finalizers": ["kubernetes.io/pvc-protection"]},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}},
            "storageClassName": "nfs", "volumeMode": "Filesystem"},
        "status": {"phase": "Pending"}
    });
    if !volume.is_empty() {
        o["spec"]["volumeName"] = json!(volume);
        o["status"] = json!({"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"}});
    }
    o
}

/// A pod with one container `c` in the given state.
fn pod(name: &str, status: Value) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(0), "uid": "pod-uid"},
        "spec": {"containers": [{"name": "c", "image": "busybox"}], "nodeName": "node1"},
        "status": status
    })
}

fn running_status() -> Value {
    json!({"phase": "Running", "podIP": "10.244.2.71", "podIPs": [{"ip": "10.244.2.71"}],
        "conditions": [{"type": "Ready", "status": "True"}],
        "containerStatuses": [{"name": "c", "ready": true, "restartCount": 0,
            "state": {"running": {"startedAt": ts(1)}}}]})
}

fn one(kind: &str, o: &Value, opts: &TableOpts) -> String {
    table(kind, &[o], opts)
}

#[test]
fn pv_available_prints_like_the_article_plus_volumeattributesclass() {
    let out = one("PersistentVolume", &pv("mypv1", "Available", None), &at(294));
    assert_eq!(
        out,
        "NAME    CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n\
         mypv1   1Gi        RWO            Recycle          Available           nfs            <unset>                          4m54s\n"
    );
}

#[test]
fn pv_bound_shows_the_claim_and_wide_adds_volumemode() {
    let o = pv("mypv1", "Bound", Some(("default", "mypvc1")));
    let out = one("PersistentVolume", &o, &TableOpts { wide: true, ..at(660) });
    assert_eq!(
        out,
        "NAME    CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM            STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE\n\
         mypv1   1Gi        RWO            Recycle          Bound    default/mypvc1   nfs            <unset>                          11m   Filesystem\n"
    );
}

#[test]
fn pv_being_deleted_is_terminating_and_all_namespaces_adds_nothing() {
    let mut o = pv("pv-a", "Released", Some(("default", "c")));
    o["metadata"]["deletionTimestamp"] = json!(ts(5));
    o["spec"]["accessModes"] = json!(["ReadWriteMany", "ReadOnlyMany"]);
    o["status"]["reason"] = json!("Failed");
    let out = one("PersistentVolume", &o, &TableOpts { all_namespaces: true, ..at(30) });
    assert_eq!(
        out,
        "NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM       STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n\
         pv-a   1Gi        ROX,RWX        Recycle          Terminating   default/c   nfs            <unset>                 Failed   30s\n"
    );
}

#[test]
fn pvc_pending_has_blank_volume_capacity_and_modes() {
    let out = one("PersistentVolumeClaim", &pvc("mypvc1", ""), &at(6));
    assert_eq!(
        out,
        "NAME     STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n\
         mypvc1   Pending                                      nfs            <unset>                 6s\n"
    );
}

#[test]
fn pvc_bound_shows_status_capacity() {
    let out = one("PersistentVolumeClaim", &pvc("mypvc1", "mypv1"), &at(6));
    assert_eq!(
        out,
        "NAME     STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n\
         mypvc1   Bound    mypv1    1Gi        RWO            nfs            <unset>                 6s\n"
    );
}

#[test]
fn pvc_wide_with_all_namespaces() {
    let a = pvc("data", "pvc-1234");
    let mut b = pvc("mysql-pvc", "");
    b["metadata"]["namespace"] = json!("shop");
    b["spec"].as_object_mut().unwrap().remove("storageClassName");
    let out = table("PersistentVolumeClaim", &[&a, &b], &TableOpts { wide: true, all_namespaces: true, ..at(7200) });
    assert_eq!(
        out,
        "NAMESPACE   NAME        STATUS    VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE    VOLUMEMODE\n\
         default     data        Bound     pvc-1234   1Gi        RWO            nfs            <unset>                 120m   Filesystem\n\
         shop        mysql-pvc   Pending                                                       <unset>                 120m   Filesystem\n"
    );
}

#[test]
fn pvc_class_comes_from_the_beta_annotation_first() {
    let mut o = pvc("c", "");
    o["metadata"]["annotations"] = json!({"volume.beta.kubernetes.io/storage-class": "slow"});
    let out = one("PersistentVolumeClaim", &o, &TableOpts { no_headers: true, ..at(1) });
    assert_eq!(out, "c     Pending                     slow   <unset>   1s\n");
}

#[test]
fn secrets_count_data_keys() {
    let o = json!({"kind": "Secret", "metadata": {"name": "mysecret", "namespace": "default", "creationTimestamp": ts(0)},
        "type": "Opaque", "data": {"username": "YWRtaW4=", "password": "MTIzNDU2"}});
    assert_eq!(one("Secret", &o, &at(238)), "NAME       TYPE     DATA   AGE\nmysecret   Opaque   2      3m58s\n");
}

#[test]
fn configmaps_count_data_and_binary_data() {
    let a = json!({"kind": "ConfigMap", "metadata": {"name": "myconfigmap", "namespace": "default", "creationTimestamp": ts(0)},
        "data": {"config1": "xxx", "config2": "yyy"}});
    let b = json!({"kind": "ConfigMap", "metadata": {"name": "bin", "namespace": "default", "creationTimestamp": ts(0)},
        "data": {"a": "1"}, "binaryData": {"b": "AAE="}});
    let c = json!({"kind": "ConfigMap", "metadata": {"name": "kube-root-ca.crt", "namespace": "default", "creationTimestamp": ts(-86400 * 3)}});
    assert_eq!(
        table("ConfigMap", &[&a, &b, &c], &at(9)),
        "NAME               DATA   AGE\nmyconfigmap        2      9s\nbin                2      9s\nkube-root-ca.crt   0      3d\n"
    );
}

#[test]
fn storageclasses_mark_the_default_and_fill_defaults() {
    let a = json!({"kind": "StorageClass", "metadata": {"name": "standard", "creationTimestamp": ts(0),
        "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
        "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"});
    let b = json!({"kind": "StorageClass", "metadata": {"name": "nfs", "creationTimestamp": ts(0)},
        "provisioner": "example.com/nfs", "allowVolumeExpansion": true});
    assert_eq!(
        table("StorageClass", &[&b, &a], &at(86400 * 10)),
        "NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n\
         nfs                  example.com/nfs         Delete          Immediate              true                   10d\n\
         standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  10d\n"
    );
}

#[test]
fn running_pod_wide_like_the_article() {
    let mut o = pod("producer-consumer", running_status());
    o["spec"]["containers"] = json!([{"name": "producer", "image": "busybox"}, {"name": "consumer", "image": "busybox"}]);
    o["spec"]["nodeName"] = json!("why-03");
    o["status"]["containerStatuses"] = json!([
        {"name": "consumer", "ready": true, "restartCount": 0, "state": {"running": {"startedAt": ts(1)}}},
        {"name": "producer", "ready": true, "restartCount": 0, "state": {"running": {"startedAt": ts(1)}}}]);
    let out = one("Pod", &o, &TableOpts { wide: true, ..at(338) });
    assert_eq!(
        out,
        "NAME                READY   STATUS    RESTARTS   AGE     IP            NODE     NOMINATED NODE   READINESS GATES\n\
         producer-consumer   2/2     Running   0          5m38s   10.244.2.71   why-03   <none>           <none>\n"
    );
}

#[test]
fn waiting_reasons_become_the_status() {
    let waiting = |r: &str| {
        json!({"phase": "Pending", "containerStatuses": [{"name": "c", "ready": false, "restartCount": 0,
            "state": {"waiting": {"reason": r}}}]})
    };
    let a = pod("a", waiting("ContainerCreating"));
    let b = pod("b", waiting("CreateContainerConfigError"));
    let c = pod("c", waiting("ErrImagePull"));
    assert_eq!(
        table("Pod", &[&a, &b, &c], &at(20)),
        "NAME   READY   STATUS                       RESTARTS   AGE\n\
         a      0/1     ContainerCreating            0          20s\n\
         b      0/1     CreateContainerConfigError   0          20s\n\
         c      0/1     ErrImagePull                 0          20s\n"
    );
}

#[test]
fn crash_loop_shows_restarts_with_the_age_of_the_last_one() {
    let o = pod("crash", json!({"phase": "Running", "containerStatuses": [{"name": "c", "ready": false, "restartCount": 5,
        "state": {"waiting": {"reason": "CrashLoopBackOff"}},
        "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ts(300)}}}]}));
    assert_eq!(
        one("Pod", &o, &at(600)),
        "NAME    READY   STATUS             RESTARTS     AGE\ncrash   0/1     CrashLoopBackOff   5 (5m ago)   10m\n"
    );
}

#[test]
fn succeeded_pod_is_completed() {
    let o = pod("job", json!({"phase": "Succeeded", "containerStatuses": [{"name": "c", "ready": false, "restartCount": 0,
        "state": {"terminated": {"exitCode": 0, "reason": "Completed", "finishedAt": ts(3)}}}]}));
    assert_eq!(one("Pod", &o, &at(3600 * 5 + 60 * 7)), "NAME   READY   STATUS      RESTARTS   AGE\njob    0/1     Completed   0          5h7m\n");
}

#[test]
fn terminated_without_reason_prints_the_exit_code_or_signal() {
    let t = |code: i64, sig: i64| {
        json!({"phase": "Failed", "containerStatuses": [{"name": "c", "ready": false, "restartCount": 0,
            "state": {"terminated": {"exitCode": code, "signal": sig}}}]})
    };
    let a = pod("a", t(2, 0));
    let b = pod("b", t(137, 9));
    assert_eq!(
        table("Pod", &[&a, &b], &TableOpts { no_headers: true, ..at(1) }),
        "a     0/1   ExitCode:2   0     1s\nb     0/1   Signal:9     0     1s\n"
    );
}

#[test]
fn deleting_pods_are_terminating_or_unknown_when_the_node_is_lost() {
    let mut a = pod("mysql-7686899cf9-4jtmg", running_status());
    a["metadata"]["deletionTimestamp"] = json!(ts(4000));
    let mut b = pod("mysql-7686899cf9-lost1", running_status());
    b["metadata"]["deletionTimestamp"] = json!(ts(4000));
    b["status"]["reason"] = json!("NodeLost");
    assert_eq!(
        table("Pod", &[&a, &b], &at(77 * 60)),
        "NAME                     READY   STATUS        RESTARTS   AGE\n\
         mysql-7686899cf9-4jtmg   1/1     Terminating   0          77m\n\
         mysql-7686899cf9-lost1   1/1     Unknown       0          77m\n"
    );
}

#[test]
fn init_containers_show_progress_and_sidecars_count_in_ready() {
    let mut o = pod("init", json!({"phase": "Pending",
        "initContainerStatuses": [{"name": "setup", "ready": false, "restartCount": 0,
            "state": {"running": {"startedAt": ts(1)}}}],
        "containerStatuses": [{"name": "c", "ready": false, "restartCount": 0, "state": {"waiting": {"reason": "PodInitializing"}}}]}));
    o["spec"]["initContainers"] = json!([{"name": "setup", "image": "busybox"}, {"name": "log", "image": "busybox", "restartPolicy": "Always"}]);
    assert_eq!(one("Pod", &o, &at(4)), "NAME   READY   STATUS     RESTARTS   AGE\ninit   0/2     Init:0/2   0          4s\n");
}

#[test]
fn unscheduled_pod_is_pending_with_none_cells() {
    let mut o = pod("web", json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable"}]}));
    o["spec"].as_object_mut().unwrap().remove("nodeName");
    assert_eq!(
        one("Pod", &o, &TableOpts { wide: true, ..at(2) }),
        "NAME   READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\n\
         web    0/1     Pending   0          2s    <none>   <none>   <none>           <none>\n"
    );
}

#[test]
fn completed_container_next_to_a_running_one_is_running_or_notready() {
    let st = |ready: &str| {
        json!({"phase": "Running", "conditions": [{"type": "Ready", "status": ready}],
            "containerStatuses": [
                {"name": "a", "ready": true, "restartCount": 0, "state": {"running": {"startedAt": ts(0)}}},
                {"name": "b", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]})
    };
    let mut a = pod("ok", st("True"));
    a["spec"]["containers"] = json!([{"name": "a"}, {"name": "b"}]);
    let mut b = pod("nr", st("False"));
    b["spec"]["containers"] = json!([{"name": "a"}, {"name": "b"}]);
    assert_eq!(
        table("Pod", &[&a, &b], &at(60)),
        "NAME   READY   STATUS     RESTARTS   AGE\nok     1/2     Running    0          60s\nnr     1/2     NotReady   0          60s\n"
    );
}

#[test]
fn evicted_pods_show_the_status_reason() {
    let o = pod("ev", json!({"phase": "Failed", "reason": "Evicted", "message": "The node was low on resource"}));
    assert_eq!(one("Pod", &o, &at(1)), "NAME   READY   STATUS    RESTARTS   AGE\nev     0/1     Evicted   0          1s\n");
}

#[test]
fn show_labels_and_no_headers() {
    let mut a = pod("mysql-7686899cf9-7wj5f", running_status());
    a["metadata"]["labels"] = json!({"pod-template-hash": "7686899cf9", "app": "mysql"});
    let b = pod("plain", running_status());
    assert_eq!(
        table("Pod", &[&a, &b], &TableOpts { show_labels: true, ..at(62 * 60) }),
        "NAME                     READY   STATUS    RESTARTS   AGE   LABELS\n\
         mysql-7686899cf9-7wj5f   1/1     Running   0          62m   app=mysql,pod-template-hash=7686899cf9\n\
         plain                    1/1     Running   0          62m   <none>\n"
    );
    assert_eq!(
        table("Pod", &[&b], &TableOpts { no_headers: true, ..at(8) }),
        "plain   1/1   Running   0     8s\n"
    );
}

#[test]
fn all_namespaces_and_label_columns() {
    let mut a = pod("web", running_status());
    a["metadata"]["namespace"] = json!("kube-system");
    a["metadata"]["labels"] = json!({"app.kubernetes.io/name": "web", "tier": "front"});
    let out = table(
        "Pod",
        &[&a],
        &TableOpts { all_namespaces: true, label_columns: vec!["app.kubernetes.io/name".into(), "env".into()], ..at(5) },
    );
    assert_eq!(
        out,
        "NAMESPACE     NAME   READY   STATUS    RESTARTS   AGE   NAME   ENV\nkube-system   web    1/1     Running   0          5s    web    \n"
    );
}

#[test]
fn kind_prefix_names_rows_like_get_all() {
    let o = pod("web", running_status());
    assert_eq!(
        one("Pod", &o, &TableOpts { kind_prefix: Some("pod".into()), ..at(5) }),
        "NAME      READY   STATUS    RESTARTS   AGE\npod/web   1/1     Running   0          5s\n"
    );
}
