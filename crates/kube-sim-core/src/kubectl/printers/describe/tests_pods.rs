//! `kubectl describe pod`: full expected texts.

use serde_json::{json, Value};

use super::describe;
use crate::clock::{rfc3339, LAB_EPOCH};

const T0: i64 = LAB_EPOCH;

fn ts(off: i64) -> String {
    rfc3339(T0 + off)
}

fn pod_event(reason: &str, from: &str, msg: &str, at: i64) -> Value {
    json!({"kind": "Event", "metadata": {"name": format!("mysql.{at}"), "namespace": "default"},
        "involvedObject": {"kind": "Pod", "name": "mysql-7686899cf9-4jtmg", "namespace": "default", "uid": "pod-uid"},
        "type": "Normal", "reason": reason, "message": msg, "source": {"component": from},
        "firstTimestamp": ts(at), "lastTimestamp": ts(at), "count": 1})
}

fn tolerations() -> Value {
    json!([
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
        {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}])
}

fn mysql_pod() -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "mysql-7686899cf9-4jtmg", "namespace": "default", "uid": "pod-uid", "creationTimestamp": ts(0),
            "labels": {"app": "mysql", "pod-template-hash": "7686899cf9"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "mysql-7686899cf9", "uid": "rs-uid", "controller": true}]},
        "spec": {"priority": 0, "serviceAccountName": "default", "nodeName": "why-02", "tolerations": tolerations(),
            "containers": [{"name": "mysql", "image": "mysql:5.6",
                "env": [{"name": "MYSQL_ROOT_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "mysecret", "key": "password"}}}],
                "ports": [{"containerPort": 3306, "name": "mysql", "protocol": "TCP"}],
                "volumeMounts": [
                    {"name": "kube-api-access-9xk2p", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true},
                    {"name": "mysql-persistent-storage", "mountPath": "/var/lib/mysql"}]}],
            "volumes": [
                {"name": "mysql-persistent-storage", "persistentVolumeClaim": {"claimName": "mysql-pvc"}},
                {"name": "kube-api-access-9xk2p", "projected": {"defaultMode": 420, "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                    {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}}]},
        "status": {"phase": "Running", "hostIP": "192.168.56.103", "podIP": "10.244.1.43", "podIPs": [{"ip": "10.244.1.43"}],
            "startTime": ts(1), "qosClass": "BestEffort",
            "conditions": [
                {"type": "PodReadyToStartContainers", "status": "True"}, {"type": "Initialized", "status": "True"},
                {"type": "Ready", "status": "True"}, {"type": "ContainersReady", "status": "True"},
                {"type": "PodScheduled", "status": "True"}],
            "containerStatuses": [{"name": "mysql", "containerID": "containerd://abc", "image": "docker.io/library/mysql:5.6",
                "imageID": "docker.io/library/mysql@sha256:xyz", "ready": true, "restartCount": 0, "started": true,
                "state": {"running": {"startedAt": ts(5)}}}]}})
}

#[test]
fn running_pod_with_pvc_secret_env_and_events() {
    let p = mysql_pod();
    let e = [
        pod_event("Started", "kubelet", "Started container mysql", 5),
        pod_event("Scheduled", "default-scheduler", "Successfully assigned default/mysql-7686899cf9-4jtmg to why-02", 1),
        pod_event("Pulled", "kubelet", "Container image \"mysql:5.6\" already present on machine", 3),
        pod_event("Created", "kubelet", "Created container: mysql", 4),
    ];
    let all: Vec<&Value> = e.iter().chain([&p]).collect();
    assert_eq!(
        describe(&p, &all, T0 + 8),
        "Name:             mysql-7686899cf9-4jtmg\n\
         Namespace:        default\n\
         Priority:         0\n\
         Service Account:  default\n\
         Node:             why-02/192.168.56.103\n\
         Start Time:       Tue, 10 Dec 2024 08:00:01 +0000\n\
         Labels:           app=mysql\n                  \
         pod-template-hash=7686899cf9\n\
         Annotations:      <none>\n\
         Status:           Running\n\
         IP:               10.244.1.43\n\
         IPs:\n  \
         IP:           10.244.1.43\n\
         Controlled By:  ReplicaSet/mysql-7686899cf9\n\
         Containers:\n  \
         mysql:\n    \
         Container ID:   containerd://abc\n    \
         Image:          mysql:5.6\n    \
         Image ID:       docker.io/library/mysql@sha256:xyz\n    \
         Port:           3306/TCP\n    \
         Host Port:      0/TCP\n    \
         State:          Running\n      \
         Started:      Tue, 10 Dec 2024 08:00:05 +0000\n    \
         Ready:          True\n    \
         Restart Count:  0\n    \
         Environment:\n      \
         MYSQL_ROOT_PASSWORD:  <set to the key 'password' in secret 'mysecret'>  Optional: false\n    \
         Mounts:\n      \
         /var/lib/mysql from mysql-persistent-storage (rw)\n      \
         /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-9xk2p (ro)\n\
         Conditions:\n  \
         Type                        Status\n  \
         PodReadyToStartContainers   True \n  \
         Initialized                 True \n  \
         Ready                       True \n  \
         ContainersReady             True \n  \
         PodScheduled                True \n\
         Volumes:\n  \
         mysql-persistent-storage:\n    \
         Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    \
         ClaimName:  mysql-pvc\n    \
         ReadOnly:   false\n  \
         kube-api-access-9xk2p:\n    \
         Type:                    Projected (a volume that contains injected data from multiple sources)\n    \
         TokenExpirationSeconds:  3607\n    \
         ConfigMapName:           kube-root-ca.crt\n    \
         ConfigMapOptional:       <nil>\n    \
         DownwardAPI:             true\n\
         QoS Class:                   BestEffort\n\
         Node-Selectors:              <none>\n\
         Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             \
         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n\
         Events:\n  \
         Type    Reason     Age   From               Message\n  \
         ----    ------     ----  ----               -------\n  \
         Normal  Scheduled  7s    default-scheduler  Successfully assigned default/mysql-7686899cf9-4jtmg to why-02\n  \
         Normal  Pulled     5s    kubelet            Container image \"mysql:5.6\" already present on machine\n  \
         Normal  Created    4s    kubelet            Created container: mysql\n  \
         Normal  Started    3s    kubelet            Started container mysql\n"
    );
}

#[test]
fn unscheduled_pod() {
    let p = json!({"kind": "Pod", "metadata": {"name": "web", "namespace": "default", "uid": "web-uid", "labels": {"run": "web"}},
        "spec": {"priority": 0, "serviceAccountName": "default", "nodeSelector": {"disktype": "ssd"},
            "containers": [{"name": "web", "image": "nginx"}]},
        "status": {"phase": "Pending", "qosClass": "BestEffort",
            "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable"}]}});
    let e = json!({"kind": "Event", "metadata": {"name": "web.1", "namespace": "default"},
        "involvedObject": {"kind": "Pod", "name": "web", "namespace": "default", "uid": "web-uid"},
        "type": "Warning", "reason": "FailedScheduling",
        "message": "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
        "source": {"component": "default-scheduler"}, "firstTimestamp": ts(0), "lastTimestamp": ts(0), "count": 1});
    assert_eq!(
        describe(&p, &[&p, &e], T0 + 5),
        "Name:             web\n\
         Namespace:        default\n\
         Priority:         0\n\
         Service Account:  default\n\
         Node:             <none>\n\
         Labels:           run=web\n\
         Annotations:      <none>\n\
         Status:           Pending\n\
         IP:               \n\
         IPs:              <none>\n\
         Containers:\n  \
         web:\n    \
         Image:        nginx\n    \
         Port:         <none>\n    \
         Host Port:    <none>\n    \
         Environment:  <none>\n    \
         Mounts:       <none>\n\
         Conditions:\n  \
         Type           Status\n  \
         PodScheduled   False \n\
         Volumes:         <none>\n\
         QoS Class:       BestEffort\n\
         Node-Selectors:  disktype=ssd\n\
         Tolerations:     <none>\n\
         Events:\n  \
         Type     Reason            Age   From               Message\n  \
         ----     ------            ----  ----               -------\n  \
         Warning  FailedScheduling  5s    default-scheduler  0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.\n"
    );
}

fn volumes_pod() -> Value {
    json!({"kind": "Pod", "metadata": {"name": "vols", "namespace": "default", "uid": "vols-uid"},
        "spec": {"priority": 0, "serviceAccountName": "default", "nodeName": "why-03",
            "containers": [{"name": "app", "image": "busybox",
                "command": ["/bin/sh", "-c"], "args": ["echo hi > /data/x; sleep 3600"],
                "envFrom": [{"configMapRef": {"name": "cfg"}}, {"secretRef": {"name": "sec", "optional": true}, "prefix": "S_"}],
                "env": [
                    {"name": "CONFIG_1", "valueFrom": {"configMapKeyRef": {"name": "myconfigmap", "key": "config1"}}},
                    {"name": "NODE", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.nodeName"}}},
                    {"name": "MULTI", "value": "a\nb"}],
                "resources": {"limits": {"memory": "128Mi", "cpu": "500m"}, "requests": {"cpu": "250m", "memory": "64Mi"}},
                "readinessProbe": {"exec": {"command": ["cat", "/tmp/ready"]}, "initialDelaySeconds": 5, "timeoutSeconds": 1,
                    "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
                "volumeMounts": [{"name": "cfg", "mountPath": "/etc/config", "readOnly": true},
                    {"name": "data", "mountPath": "/data", "subPath": "app"}, {"name": "cache", "mountPath": "/cache"}]}],
            "volumes": [
                {"name": "cache", "emptyDir": {}},
                {"name": "host", "hostPath": {"path": "/var/log", "type": ""}},
                {"name": "cfg", "configMap": {"name": "myconfigmap", "defaultMode": 420}},
                {"name": "sec", "secret": {"secretName": "mysecret", "optional": true}},
                {"name": "data", "nfs": {"server": "192.168.56.105", "path": "/nfsdata", "readOnly": true}},
                {"name": "mem", "emptyDir": {"medium": "Memory", "sizeLimit": "1Gi"}}]},
        "status": {"phase": "Pending", "hostIP": "192.168.56.104", "startTime": ts(0),
            "conditions": [{"type": "PodScheduled", "status": "True"}],
            "containerStatuses": [{"name": "app", "image": "busybox", "imageID": "", "ready": false, "restartCount": 0,
                "started": false, "state": {"waiting": {"reason": "ContainerCreating"}}}]}})
}

#[test]
fn container_creating_pod_with_every_volume_type() {
    let p = volumes_pod();
    assert_eq!(
        describe(&p, &[&p], T0 + 3),
        "Name:             vols\n\
         Namespace:        default\n\
         Priority:         0\n\
         Service Account:  default\n\
         Node:             why-03/192.168.56.104\n\
         Start Time:       Tue, 10 Dec 2024 08:00:00 +0000\n\
         Labels:           <none>\n\
         Annotations:      <none>\n\
         Status:           Pending\n\
         IP:               \n\
         IPs:              <none>\n\
         Containers:\n  \
         app:\n    \
         Container ID:  \n    \
         Image:         busybox\n    \
         Image ID:      \n    \
         Port:          <none>\n    \
         Host Port:     <none>\n    \
         Command:\n      \
         /bin/sh\n      \
         -c\n    \
         Args:\n      \
         echo hi > /data/x; sleep 3600\n    \
         State:          Waiting\n      \
         Reason:       ContainerCreating\n    \
         Ready:          False\n    \
         Restart Count:  0\n    \
         Limits:\n      \
         cpu:     500m\n      \
         memory:  128Mi\n    \
         Requests:\n      \
         cpu:      250m\n      \
         memory:   64Mi\n    \
         Readiness:  exec [cat /tmp/ready] delay=5s timeout=1s period=10s #success=1 #failure=3\n    \
         Environment Variables from:\n      \
         cfg  ConfigMap                Optional: false\n      \
         sec  Secret with prefix 'S_'  Optional: true\n    \
         Environment:\n      \
         CONFIG_1:  <set to the key 'config1' of config map 'myconfigmap'>  Optional: false\n      \
         NODE:      why-03 (v1:spec.nodeName)\n      \
         MULTI:     a\n                 \
         b\n    \
         Mounts:\n      \
         /cache from cache (rw)\n      \
         /data from data (rw,path=\"app\")\n      \
         /etc/config from cfg (ro)\n\
         Conditions:\n  \
         Type           Status\n  \
         PodScheduled   True \n\
         Volumes:\n  \
         cache:\n    \
         Type:       EmptyDir (a temporary directory that shares a pod's lifetime)\n    \
         Medium:     \n    \
         SizeLimit:  <unset>\n  \
         host:\n    \
         Type:          HostPath (bare host directory volume)\n    \
         Path:          /var/log\n    \
         HostPathType:  \n  \
         cfg:\n    \
         Type:      ConfigMap (a volume populated by a ConfigMap)\n    \
         Name:      myconfigmap\n    \
         Optional:  false\n  \
         sec:\n    \
         Type:        Secret (a volume populated by a Secret)\n    \
         SecretName:  mysecret\n    \
         Optional:    true\n  \
         data:\n    \
         Type:      NFS (an NFS mount that lasts the lifetime of a pod)\n    \
         Server:    192.168.56.105\n    \
         Path:      /nfsdata\n    \
         ReadOnly:  true\n  \
         mem:\n    \
         Type:        EmptyDir (a temporary directory that shares a pod's lifetime)\n    \
         Medium:      Memory\n    \
         SizeLimit:   1Gi\n\
         QoS Class:       Burstable\n\
         Node-Selectors:  <none>\n\
         Tolerations:     <none>\n\
         Events:          <none>\n"
    );
}

#[test]
fn crash_looping_container_shows_last_state() {
    let mut p = mysql_pod();
    p["status"]["containerStatuses"][0] = json!({"name": "mysql", "containerID": "containerd://def", "imageID": "id",
        "ready": false, "restartCount": 3,
        "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s"}},
        "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": ts(240), "finishedAt": ts(241)}}});
    let out = describe(&p, &[], T0 + 300);
    assert!(
        out.contains(
            "    State:          Waiting\n      \
             Reason:       CrashLoopBackOff\n    \
             Last State:     Terminated\n      \
             Reason:       Error\n      \
             Exit Code:    1\n      \
             Started:      Tue, 10 Dec 2024 08:04:00 +0000\n      \
             Finished:     Tue, 10 Dec 2024 08:04:01 +0000\n    \
             Ready:          False\n    \
             Restart Count:  3\n"
        ),
        "{out}"
    );
    assert!(out.ends_with("Events:                      <none>\n"), "{out}");
}

#[test]
fn terminating_pod_shows_how_long() {
    let mut p = mysql_pod();
    p["metadata"]["deletionTimestamp"] = json!(ts(100));
    p["metadata"]["deletionGracePeriodSeconds"] = json!(30);
    let out = describe(&p, &[], T0 + 110);
    assert!(
        out.contains("Labels:                    app=mysql\n                           pod-template-hash=7686899cf9\n"),
        "{out}"
    );
    assert!(
        out.contains("Status:                    Terminating (lasts 10s)\nTermination Grace Period:  30s\nIP:                        10.244.1.43\n"),
        "{out}"
    );
}

#[test]
fn terminated_container_with_signal_and_message_and_init_containers() {
    let mut p = mysql_pod();
    p["spec"]["initContainers"] = json!([{"name": "init", "image": "busybox", "command": ["sh", "-c", "true"]}]);
    p["status"]["initContainerStatuses"] = json!([{"name": "init", "containerID": "containerd://i", "imageID": "busybox-id",
        "ready": true, "restartCount": 0,
        "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": ts(1), "finishedAt": ts(2)}}}]);
    p["status"]["containerStatuses"][0]["state"] = json!({"terminated": {"exitCode": 137, "signal": 9, "reason": "OOMKilled",
        "message": "out of memory", "startedAt": ts(3), "finishedAt": ts(9)}});
    let out = describe(&p, &[], T0 + 20);
    assert!(
        out.contains(
            "Init Containers:\n  init:\n    Container ID:  containerd://i\n    Image:         busybox\n    \
             Image ID:      busybox-id\n    Port:          <none>\n    Host Port:     <none>\n    Command:\n      sh\n      -c\n      true\n    \
             State:          Terminated\n      Reason:       Completed\n      Exit Code:    0\n      \
             Started:      Tue, 10 Dec 2024 08:00:01 +0000\n      Finished:     Tue, 10 Dec 2024 08:00:02 +0000\n    \
             Ready:          True\n    Restart Count:  0\n    Environment:    <none>\n    Mounts:         <none>\nContainers:\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "    State:          Terminated\n      Reason:       OOMKilled\n      Message:      out of memory\n      \
             Exit Code:    137\n      Signal:       9\n"
        ),
        "{out}"
    );
}

#[test]
fn qos_class_is_computed_when_status_lacks_it() {
    let mut p = volumes_pod();
    p["spec"]["containers"][0]["resources"] = json!({"limits": {"cpu": "1", "memory": "1Gi"}});
    assert!(describe(&p, &[], T0).contains("QoS Class:       Guaranteed\n"));
    p["spec"]["containers"][0]["resources"] = json!({});
    assert!(describe(&p, &[], T0).contains("QoS Class:       BestEffort\n"));
}

#[test]
fn events_of_other_objects_with_the_same_name_are_not_shown() {
    let p = mysql_pod();
    let mut stale = pod_event("Killing", "kubelet", "Stopping container mysql", 1);
    stale["involvedObject"]["uid"] = json!("older-pod-uid");
    let mut other_ns = pod_event("Killing", "kubelet", "x", 1);
    other_ns["involvedObject"]["namespace"] = json!("shop");
    let out = describe(&p, &[&stale, &other_ns], T0 + 5);
    assert!(out.ends_with("Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\nEvents:                      <none>\n"), "{out}");
}
