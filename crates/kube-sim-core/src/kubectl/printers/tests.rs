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

fn deployment() -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "mysql", "namespace": "default", "creationTimestamp": ts(0), "uid": "dep-uid",
            "annotations": {"deployment.kubernetes.io/revision": "1"}},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "mysql"}},
            "strategy": {"type": "Recreate"},
            "template": {"metadata": {"labels": {"app": "mysql"}},
                "spec": {"containers": [{"name": "mysql", "image": "mysql:5.6",
                    "env": [{"name": "MYSQL_ROOT_PASSWORD", "value": "password"}],
                    "ports": [{"containerPort": 3306, "name": "mysql", "protocol": "TCP"}],
                    "volumeMounts": [{"name": "mysql-persistent-storage", "mountPath": "/var/lib/mysql"}]}],
                "volumes": [{"name": "mysql-persistent-storage", "persistentVolumeClaim": {"claimName": "mysql-pvc"}}]}}},
        "status": {"replicas": 1, "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1,
            "conditions": [
                {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}})
}

fn replicaset() -> Value {
    json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "mysql-7686899cf9", "namespace": "default", "creationTimestamp": ts(0), "uid": "rs-uid",
            "labels": {"app": "mysql", "pod-template-hash": "7686899cf9"},
            "annotations": {"deployment.kubernetes.io/desired-replicas": "1", "deployment.kubernetes.io/max-replicas": "1",
                "deployment.kubernetes.io/revision": "1"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "mysql", "uid": "dep-uid",
                "controller": true, "blockOwnerDeletion": true}]},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "mysql", "pod-template-hash": "7686899cf9"}},
            "template": {"metadata": {"labels": {"app": "mysql", "pod-template-hash": "7686899cf9"}},
                "spec": deployment()["spec"]["template"]["spec"].clone()}},
        "status": {"replicas": 1, "readyReplicas": 1, "availableReplicas": 1}})
}

#[test]
fn deployments_ready_up_to_date_available_and_wide() {
    let d = deployment();
    assert_eq!(one("Deployment", &d, &at(8)), "NAME    READY   UP-TO-DATE   AVAILABLE   AGE\nmysql   1/1     1            1           8s\n");
    assert_eq!(
        one("Deployment", &d, &TableOpts { wide: true, ..at(8) }),
        "NAME    READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES      SELECTOR\n\
         mysql   1/1     1            1           8s    mysql        mysql:5.6   app=mysql\n"
    );
}

#[test]
fn replicasets_desired_current_ready_and_wide() {
    let rs = replicaset();
    assert_eq!(
        one("ReplicaSet", &rs, &TableOpts { wide: true, ..at(8) }),
        "NAME               DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES      SELECTOR\n\
         mysql-7686899cf9   1         1         1       8s    mysql        mysql:5.6   app=mysql,pod-template-hash=7686899cf9\n"
    );
}

#[test]
fn services_of_each_type() {
    let svc = |name: &str, ty: &str, ports: Value| {
        json!({"kind": "Service", "metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(0)},
            "spec": {"type": ty, "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "ports": ports,
                "selector": {"app": "mysql"}}})
    };
    let a = svc("mysql", "ClusterIP", json!([{"port": 3306, "protocol": "TCP", "targetPort": 3306}]));
    let b = svc("web", "NodePort", json!([{"port": 80, "nodePort": 30080, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}]));
    let c = svc("lb", "LoadBalancer", json!([{"port": 443, "nodePort": 31443, "protocol": "TCP"}]));
    let mut d = svc("ext", "ExternalName", json!([]));
    d["spec"] = json!({"type": "ExternalName", "externalName": "db.example.com"});
    assert_eq!(
        table("Service", &[&a, &b, &c, &d], &TableOpts { wide: true, ..at(90) }),
        "NAME    TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)               AGE   SELECTOR\n\
         mysql   ClusterIP      10.96.0.10   <none>           3306/TCP              90s   app=mysql\n\
         web     NodePort       10.96.0.10   <none>           80:30080/TCP,53/UDP   90s   app=mysql\n\
         lb      LoadBalancer   10.96.0.10   <pending>        443:31443/TCP         90s   app=mysql\n\
         ext     ExternalName   <none>       db.example.com   <none>                90s   <none>\n"
    );
}

#[test]
fn endpoints_list_three_then_count_the_rest() {
    let o = json!({"kind": "Endpoints", "metadata": {"name": "web", "namespace": "default", "creationTimestamp": ts(0)},
        "subsets": [{"addresses": [{"ip": "10.244.1.2"}, {"ip": "10.244.1.3"}, {"ip": "10.244.2.2"}, {"ip": "10.244.2.3"}],
            "ports": [{"port": 80, "protocol": "TCP"}]}]});
    let empty = json!({"kind": "Endpoints", "metadata": {"name": "none", "namespace": "default", "creationTimestamp": ts(0)}});
    assert_eq!(
        table("Endpoints", &[&o, &empty], &at(30)),
        "NAME   ENDPOINTS                                               AGE\n\
         web    10.244.1.2:80,10.244.1.3:80,10.244.2.2:80 + 1 more...   30s\n\
         none   <none>                                                  30s\n"
    );
}

fn node(name: &str, ready: &str) -> Value {
    json!({"kind": "Node", "metadata": {"name": name, "creationTimestamp": ts(-86400 * 40), "uid": "node-uid",
            "labels": {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}},
        "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"]},
        "status": {"conditions": [{"type": "Ready", "status": ready, "reason": "KubeletReady",
                "message": "kubelet is posting ready status", "lastHeartbeatTime": ts(-10), "lastTransitionTime": ts(-86400)}],
            "addresses": [{"type": "InternalIP", "address": "192.168.56.102"}, {"type": "Hostname", "address": name}],
            "capacity": {"cpu": "2", "memory": "2046392Ki", "pods": "110", "ephemeral-storage": "17394Mi"},
            "allocatable": {"cpu": "2", "memory": "1943992Ki", "pods": "110", "ephemeral-storage": "16415037823"},
            "nodeInfo": {"kubeletVersion": "v1.32.4", "osImage": "Ubuntu 24.04.1 LTS", "kernelVersion": "6.8.0-49-generic",
                "containerRuntimeVersion": "containerd://1.7.24", "operatingSystem": "linux", "architecture": "amd64",
                "machineID": "m1", "systemUUID": "s1", "bootID": "b1", "kubeProxyVersion": "v1.32.4"}}})
}

#[test]
fn nodes_status_roles_and_wide() {
    let mut cp = node("why-01", "True");
    cp["metadata"]["labels"]["node-role.kubernetes.io/control-plane"] = json!("");
    let mut w2 = node("why-02", "Unknown");
    w2["spec"]["unschedulable"] = json!(true);
    let mut w3 = node("why-03", "True");
    w3["status"]["conditions"] = json!([]);
    w3["status"]["nodeInfo"]["osImage"] = json!("");
    assert_eq!(
        table("Node", &[&cp, &w2, &w3], &at(0)),
        "NAME     STATUS                        ROLES           AGE   VERSION\n\
         why-01   Ready                         control-plane   40d   v1.32.4\n\
         why-02   NotReady,SchedulingDisabled   <none>          40d   v1.32.4\n\
         why-03   Unknown                       <none>          40d   v1.32.4\n"
    );
    assert_eq!(
        table("Node", &[&cp, &w3], &TableOpts { wide: true, ..at(0) }),
        "NAME     STATUS    ROLES           AGE   VERSION   INTERNAL-IP      EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME\n\
         why-01   Ready     control-plane   40d   v1.32.4   192.168.56.102   <none>        Ubuntu 24.04.1 LTS   6.8.0-49-generic   containerd://1.7.24\n\
         why-03   Unknown   <none>          40d   v1.32.4   192.168.56.102   <none>        <unknown>            6.8.0-49-generic   containerd://1.7.24\n"
    );
}

#[test]
fn namespaces_status_and_age() {
    let ns = |n: &str, phase: &str| json!({"kind": "Namespace", "metadata": {"name": n, "creationTimestamp": ts(0)}, "status": {"phase": phase}});
    let (a, b) = (ns("default", "Active"), ns("old", "Terminating"));
    assert_eq!(
        table("Namespace", &[&a, &b], &TableOpts { all_namespaces: true, ..at(3 * 86400 + 3600 * 5) }),
        "NAME      STATUS        AGE\ndefault   Active        3d5h\nold       Terminating   3d5h\n"
    );
}

fn event(name: &str, kind: &str, obj: &str, reason: &str, first: i64, last: i64, count: i64) -> Value {
    json!({"apiVersion": "v1", "kind": "Event",
        "metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(first)},
        "involvedObject": {"kind": kind, "name": obj, "namespace": if kind == "PersistentVolume" { "" } else { "default" },
            "uid": format!("{}-uid", kind.to_lowercase())},
        "reason": reason, "message": format!("{reason} happened "), "type": if reason.contains("Failed") { "Warning" } else { "Normal" },
        "source": {"component": "persistentvolume-controller"},
        "firstTimestamp": ts(first), "lastTimestamp": ts(last), "count": count})
}

#[test]
fn events_table_and_wide() {
    let a = event("mypvc1.181", "PersistentVolumeClaim", "mypvc1", "ProvisioningFailed", 0, 120, 9);
    let mut b = event("web.182", "Pod", "web", "Scheduled", 60, 60, 1);
    b["source"] = json!({"component": "default-scheduler"});
    b["involvedObject"]["fieldPath"] = json!("spec.containers{web}");
    let out = events_table(&[&a, &b], &at(180));
    assert_eq!(
        out,
        "LAST SEEN   TYPE      REASON               OBJECT                         MESSAGE\n\
         60s         Warning   ProvisioningFailed   persistentvolumeclaim/mypvc1   ProvisioningFailed happened\n\
         2m          Normal    Scheduled            pod/web                        Scheduled happened\n"
    );
    let wide = events_table(&[&b], &TableOpts { wide: true, ..at(180) });
    assert_eq!(
        wide,
        "LAST SEEN   TYPE     REASON      OBJECT    SUBOBJECT              SOURCE              MESSAGE              FIRST SEEN   COUNT   NAME\n\
         2m          Normal   Scheduled   pod/web   spec.containers{web}   default-scheduler   Scheduled happened   2m           1       web.182\n"
    );
}

#[test]
fn event_rows_fall_back_to_event_time_and_series() {
    let mut e = event("x.1", "Node", "why-02", "NodeNotReady", 0, 0, 0);
    let m = e.as_object_mut().unwrap();
    m.remove("firstTimestamp");
    m.remove("lastTimestamp");
    m.insert("eventTime".into(), json!("2024-12-10T08:00:00.000000Z"));
    m.insert("series".into(), json!({"count": 4, "lastObservedTime": "2024-12-10T08:05:00.000000Z"}));
    m.insert("reportingComponent".into(), json!("node-controller"));
    m.remove("source");
    let out = events_table(&[&e], &TableOpts { wide: true, no_headers: true, ..at(600) });
    assert_eq!(out, "5m    Normal   NodeNotReady   node/why-02         node-controller   NodeNotReady happened   10m   4     x.1\n");
}

#[test]
fn kinds_without_a_printer_get_name_and_age() {
    let o = json!({"kind": "ServiceAccount", "metadata": {"name": "default", "namespace": "default", "creationTimestamp": ts(0)}});
    assert_eq!(one("ServiceAccount", &o, &at(86400 * 800)), "NAME      AGE\ndefault   2y70d\n");
}

#[test]
fn nothing_to_print_is_empty_and_multi_line_cells_are_cut() {
    assert_eq!(table("Pod", &[], &at(0)), "");
    assert_eq!(no_resources_found(Some("default")), "No resources found in default namespace.\n");
    assert_eq!(no_resources_found(None), "No resources found\n");
    let mut e = event("e.1", "Pod", "p", "Killing", 0, 0, 1);
    e["message"] = json!("line one\nline two");
    assert_eq!(
        events_table(&[&e], &TableOpts { no_headers: true, ..at(0) }),
        "0s    Normal   Killing   pod/p   line one...\n"
    );
}

#[test]
fn missing_creation_timestamp_is_unknown_age() {
    let o = json!({"kind": "Secret", "metadata": {"name": "s", "namespace": "default"}, "type": "Opaque"});
    assert_eq!(one("Secret", &o, &at(0)), "NAME   TYPE     DATA   AGE\ns      Opaque   0      <unknown>\n");
}
