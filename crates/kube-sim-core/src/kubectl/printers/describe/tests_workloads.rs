//! `kubectl describe` of deployments, replica sets, services, endpoints and nodes.

use serde_json::{json, Value};

use super::describe;
use crate::clock::{rfc3339, LAB_EPOCH};

const T0: i64 = LAB_EPOCH;

fn ts(off: i64) -> String {
    rfc3339(T0 + off)
}

fn template(hash: Option<&str>) -> Value {
    let mut labels = json!({"app": "mysql"});
    if let Some(h) = hash {
        labels["pod-template-hash"] = json!(h);
    }
    json!({"metadata": {"labels": labels},
        "spec": {"containers": [{"name": "mysql", "image": "mysql:5.6",
            "env": [{"name": "MYSQL_ROOT_PASSWORD", "value": "password"}],
            "ports": [{"containerPort": 3306, "name": "mysql", "protocol": "TCP"}],
            "volumeMounts": [{"name": "mysql-persistent-storage", "mountPath": "/var/lib/mysql"}]}],
            "volumes": [{"name": "mysql-persistent-storage", "persistentVolumeClaim": {"claimName": "mysql-pvc"}}]}})
}

fn deployment() -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "mysql", "namespace": "default", "creationTimestamp": ts(0), "uid": "dep-uid",
            "annotations": {"deployment.kubernetes.io/revision": "1"}},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "mysql"}}, "strategy": {"type": "Recreate"},
            "template": template(None)},
        "status": {"replicas": 1, "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1,
            "conditions": [
                {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}})
}

fn replicaset(name: &str, hash: &str, tpl: Value, replicas: i64) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(0), "uid": format!("{name}-uid"),
            "labels": {"app": "mysql", "pod-template-hash": hash},
            "annotations": {"deployment.kubernetes.io/desired-replicas": "1", "deployment.kubernetes.io/max-replicas": "1",
                "deployment.kubernetes.io/revision": "1"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "mysql", "uid": "dep-uid", "controller": true}]},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "mysql", "pod-template-hash": hash}}, "template": tpl},
        "status": {"replicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas}})
}

fn event(kind: &str, name: &str, uid: &str, reason: &str, from: &str, msg: &str, at: i64) -> Value {
    json!({"kind": "Event", "metadata": {"name": format!("{name}.{at}"), "namespace": "default"},
        "involvedObject": {"kind": kind, "name": name, "namespace": "default", "uid": uid},
        "type": "Normal", "reason": reason, "message": msg, "source": {"component": from},
        "firstTimestamp": ts(at), "lastTimestamp": ts(at), "count": 1})
}

#[test]
fn deployment_with_its_replica_sets_and_events() {
    let d = deployment();
    let new_rs = replicaset("mysql-7686899cf9", "7686899cf9", template(Some("7686899cf9")), 1);
    let mut old_tpl = template(Some("55d6c8b9f"));
    old_tpl["spec"]["containers"][0]["image"] = json!("mysql:5.5");
    let old_rs = replicaset("mysql-55d6c8b9f", "55d6c8b9f", old_tpl, 0);
    let e = event("Deployment", "mysql", "dep-uid", "ScalingReplicaSet", "deployment-controller",
        "Scaled up replica set mysql-7686899cf9 from 0 to 1", 0);
    assert_eq!(
        describe(&d, &[&d, &old_rs, &new_rs, &e], T0 + 8),
        "Name:               mysql\n\
         Namespace:          default\n\
         CreationTimestamp:  Tue, 10 Dec 2024 08:00:00 +0000\n\
         Labels:             <none>\n\
         Annotations:        deployment.kubernetes.io/revision: 1\n\
         Selector:           app=mysql\n\
         Replicas:           1 desired | 1 updated | 1 total | 1 available | 0 unavailable\n\
         StrategyType:       Recreate\n\
         MinReadySeconds:    0\n\
         Pod Template:\n  \
         Labels:  app=mysql\n  \
         Containers:\n   \
         mysql:\n    \
         Image:      mysql:5.6\n    \
         Port:       3306/TCP\n    \
         Host Port:  0/TCP\n    \
         Environment:\n      \
         MYSQL_ROOT_PASSWORD:  password\n    \
         Mounts:\n      \
         /var/lib/mysql from mysql-persistent-storage (rw)\n  \
         Volumes:\n   \
         mysql-persistent-storage:\n    \
         Type:          PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    \
         ClaimName:     mysql-pvc\n    \
         ReadOnly:      false\n  \
         Node-Selectors:  <none>\n  \
         Tolerations:     <none>\n\
         Conditions:\n  \
         Type           Status  Reason\n  \
         ----           ------  ------\n  \
         Available      True    MinimumReplicasAvailable\n  \
         Progressing    True    NewReplicaSetAvailable\n\
         OldReplicaSets:  mysql-55d6c8b9f (0/0 replicas created)\n\
         NewReplicaSet:   mysql-7686899cf9 (1/1 replicas created)\n\
         Events:\n  \
         Type    Reason             Age   From                   Message\n  \
         ----    ------             ----  ----                   -------\n  \
         Normal  ScalingReplicaSet  8s    deployment-controller  Scaled up replica set mysql-7686899cf9 from 0 to 1\n"
    );
}

#[test]
fn rolling_update_deployment_without_replica_sets_yet() {
    let mut d = deployment();
    d["spec"]["strategy"] = json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}});
    d["spec"]["template"]["spec"]["containers"][0]["env"] = json!([]);
    d["spec"]["template"]["spec"]["containers"][0]["volumeMounts"] = json!([]);
    d["spec"]["template"]["spec"]["containers"][0]["ports"] = json!([]);
    d["spec"]["template"]["spec"]["volumes"] = json!([]);
    d["status"] = json!({"replicas": 1, "unavailableReplicas": 1, "updatedReplicas": 1});
    let out = describe(&d, &[&d], T0 + 8);
    assert!(
        out.ends_with(
            "RollingUpdateStrategy:  25% max unavailable, 25% max surge\n\
             Pod Template:\n  Labels:  app=mysql\n  Containers:\n   mysql:\n    \
             Image:         mysql:5.6\n    Port:          <none>\n    Host Port:     <none>\n    \
             Environment:   <none>\n    Mounts:        <none>\n  Volumes:         <none>\n  \
             Node-Selectors:  <none>\n  Tolerations:     <none>\nEvents:            <none>\n"
        ),
        "{out}"
    );
    assert!(out.contains("Replicas:               1 desired | 1 updated | 1 total | 0 available | 1 unavailable\n"), "{out}");
}

#[test]
fn replicaset_counts_its_pods() {
    let rs = replicaset("mysql-7686899cf9", "7686899cf9", template(Some("7686899cf9")), 2);
    let pod = |name: &str, phase: &str, owner: &str| {
        json!({"kind": "Pod", "metadata": {"name": name, "namespace": "default",
                "labels": {"app": "mysql", "pod-template-hash": "7686899cf9"},
                "ownerReferences": [{"kind": "ReplicaSet", "name": "mysql-7686899cf9", "uid": owner, "controller": true}]},
            "status": {"phase": phase}})
    };
    let (a, b, c) = (pod("a", "Running", "mysql-7686899cf9-uid"), pod("b", "Pending", "mysql-7686899cf9-uid"), pod("c", "Running", "other"));
    let out = describe(&rs, &[&rs, &a, &b, &c], T0 + 8);
    assert!(
        out.starts_with(
            "Name:           mysql-7686899cf9\n\
             Namespace:      default\n\
             Selector:       app=mysql,pod-template-hash=7686899cf9\n\
             Labels:         app=mysql\n                \
             pod-template-hash=7686899cf9\n\
             Annotations:    deployment.kubernetes.io/desired-replicas: 1\n                \
             deployment.kubernetes.io/max-replicas: 1\n                \
             deployment.kubernetes.io/revision: 1\n\
             Controlled By:  Deployment/mysql\n\
             Replicas:       2 current / 2 desired\n\
             Pods Status:    1 Running / 1 Waiting / 0 Succeeded / 0 Failed\n\
             Pod Template:\n  \
             Labels:  app=mysql\n           \
             pod-template-hash=7686899cf9\n  \
             Containers:\n"
        ),
        "{out}"
    );
    assert!(out.ends_with("  Node-Selectors:  <none>\n  Tolerations:     <none>\nEvents:            <none>\n"), "{out}");
}

fn service() -> Value {
    json!({"kind": "Service", "metadata": {"name": "mysql", "namespace": "default", "uid": "svc-uid"},
        "spec": {"type": "ClusterIP", "clusterIP": "10.96.12.34", "clusterIPs": ["10.96.12.34"], "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack", "selector": {"app": "mysql"}, "sessionAffinity": "None",
            "internalTrafficPolicy": "Cluster", "ports": [{"port": 3306, "protocol": "TCP", "targetPort": 3306}]}})
}

fn endpoints() -> Value {
    json!({"kind": "Endpoints", "metadata": {"name": "mysql", "namespace": "default", "uid": "ep-uid",
            "annotations": {"endpoints.kubernetes.io/last-change-trigger-time": "2024-12-10T08:00:05Z"}},
        "subsets": [{"addresses": [{"ip": "10.244.1.43", "targetRef": {"kind": "Pod", "name": "mysql-1"}}],
            "ports": [{"port": 3306, "protocol": "TCP"}]}]})
}

#[test]
fn service_describe_reads_endpoints() {
    let s = service();
    let ep = endpoints();
    assert_eq!(
        describe(&s, &[&s, &ep], T0),
        "Name:                     mysql\n\
         Namespace:                default\n\
         Labels:                   <none>\n\
         Annotations:              <none>\n\
         Selector:                 app=mysql\n\
         Type:                     ClusterIP\n\
         IP Family Policy:         SingleStack\n\
         IP Families:              IPv4\n\
         IP:                       10.96.12.34\n\
         IPs:                      10.96.12.34\n\
         Port:                     <unset>  3306/TCP\n\
         TargetPort:               3306/TCP\n\
         Endpoints:                10.244.1.43:3306\n\
         Session Affinity:         None\n\
         Internal Traffic Policy:  Cluster\n\
         Events:                   <none>\n"
    );
}

#[test]
fn nodeport_service_without_endpoints_and_with_slices() {
    let mut s = service();
    s["spec"]["type"] = json!("NodePort");
    s["spec"]["externalTrafficPolicy"] = json!("Cluster");
    s["spec"]["ports"] = json!([{"name": "http", "port": 80, "protocol": "TCP", "targetPort": "web", "nodePort": 30080}]);
    let out = describe(&s, &[&s], T0);
    assert!(
        out.contains(
            "Port:                     http  80/TCP\nTargetPort:               web/TCP\nNodePort:                 http  30080/TCP\n\
             Endpoints:                <none>\nSession Affinity:         None\nExternal Traffic Policy:  Cluster\n"
        ),
        "{out}"
    );
    let slice = json!({"kind": "EndpointSlice", "metadata": {"name": "mysql-abc", "namespace": "default",
            "labels": {"kubernetes.io/service-name": "mysql"}},
        "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}],
        "endpoints": [{"addresses": ["10.244.1.5"], "conditions": {"ready": true}},
            {"addresses": ["10.244.2.6"], "conditions": {"ready": false}}]});
    let out = describe(&s, &[&s, &slice], T0);
    assert!(out.contains("Endpoints:                10.244.1.5:8080\n"), "{out}");
}

#[test]
fn endpoints_describe() {
    let ep = endpoints();
    assert_eq!(
        describe(&ep, &[&ep], T0),
        "Name:         mysql\n\
         Namespace:    default\n\
         Labels:       <none>\n\
         Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2024-12-10T08:00:05Z\n\
         Subsets:\n  \
         Addresses:          10.244.1.43\n  \
         NotReadyAddresses:  <none>\n  \
         Ports:\n    \
         Name     Port  Protocol\n    \
         ----     ----  --------\n    \
         <unset>  3306  TCP\n\
         \n\
         Events:  <none>\n"
    );
}

fn node() -> Value {
    json!({"kind": "Node", "metadata": {"name": "why-02", "creationTimestamp": ts(-86400 * 40), "uid": "node-uid",
            "labels": {"kubernetes.io/hostname": "why-02", "kubernetes.io/os": "linux"},
            "annotations": {"node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"],
            "taints": [{"key": "node.kubernetes.io/unreachable", "effect": "NoSchedule"},
                {"key": "node.kubernetes.io/unreachable", "effect": "NoExecute"}]},
        "status": {"conditions": [{"type": "Ready", "status": "Unknown", "reason": "NodeStatusUnknown",
                "message": "Kubelet stopped posting node status.", "lastHeartbeatTime": ts(-10), "lastTransitionTime": ts(60)}],
            "addresses": [{"type": "InternalIP", "address": "192.168.56.102"}, {"type": "Hostname", "address": "why-02"}],
            "capacity": {"cpu": "2", "memory": "2046392Ki", "pods": "110", "ephemeral-storage": "17394Mi"},
            "allocatable": {"cpu": "2", "memory": "1943992Ki", "pods": "110", "ephemeral-storage": "16415037823"},
            "nodeInfo": {"kubeletVersion": "v1.32.4", "osImage": "Ubuntu 24.04.1 LTS", "kernelVersion": "6.8.0-49-generic",
                "containerRuntimeVersion": "containerd://1.7.24", "operatingSystem": "linux", "architecture": "amd64",
                "machineID": "m1", "systemUUID": "s1", "bootID": "b1", "kubeProxyVersion": "v1.32.4"}}})
}

#[test]
fn node_describe_with_pods_and_allocations() {
    let n = node();
    let running = json!({"kind": "Pod", "metadata": {"name": "mysql-7686899cf9-4jtmg", "namespace": "default", "creationTimestamp": ts(0)},
        "spec": {"nodeName": "why-02", "containers": [{"name": "mysql"}]}, "status": {"phase": "Running"}});
    let done = json!({"kind": "Pod", "metadata": {"name": "job-x", "namespace": "default"},
        "spec": {"nodeName": "why-02"}, "status": {"phase": "Succeeded"}});
    assert_eq!(
        describe(&n, &[&n, &running, &done], T0 + 600),
        "Name:               why-02\n\
         Roles:              <none>\n\
         Labels:             kubernetes.io/hostname=why-02\n                    \
         kubernetes.io/os=linux\n\
         Annotations:        node.alpha.kubernetes.io/ttl: 0\n                    \
         volumes.kubernetes.io/controller-managed-attach-detach: true\n\
         CreationTimestamp:  Thu, 31 Oct 2024 08:00:00 +0000\n\
         Taints:             node.kubernetes.io/unreachable:NoExecute\n                    \
         node.kubernetes.io/unreachable:NoSchedule\n\
         Unschedulable:      false\n\
         Lease:\n  \
         HolderIdentity:  why-02\n  \
         AcquireTime:     <unset>\n  \
         RenewTime:       Tue, 10 Dec 2024 07:59:50 +0000\n\
         Conditions:\n  \
         Type    Status    LastHeartbeatTime                 LastTransitionTime                Reason              Message\n  \
         ----    ------    -----------------                 ------------------                ------              -------\n  \
         Ready   Unknown   Tue, 10 Dec 2024 07:59:50 +0000   Tue, 10 Dec 2024 08:01:00 +0000   NodeStatusUnknown   Kubelet stopped posting node status.\n\
         Addresses:\n  \
         InternalIP:  192.168.56.102\n  \
         Hostname:    why-02\n\
         Capacity:\n  \
         cpu:                2\n  \
         ephemeral-storage:  17394Mi\n  \
         memory:             2046392Ki\n  \
         pods:               110\n\
         Allocatable:\n  \
         cpu:                2\n  \
         ephemeral-storage:  16415037823\n  \
         memory:             1943992Ki\n  \
         pods:               110\n\
         System Info:\n  \
         Machine ID:                 m1\n  \
         System UUID:                s1\n  \
         Boot ID:                    b1\n  \
         Kernel Version:             6.8.0-49-generic\n  \
         OS Image:                   Ubuntu 24.04.1 LTS\n  \
         Operating System:           linux\n  \
         Architecture:               amd64\n  \
         Container Runtime Version:  containerd://1.7.24\n  \
         Kubelet Version:            v1.32.4\n  \
         Kube-Proxy Version:         v1.32.4\n\
         PodCIDR:                      10.244.1.0/24\n\
         PodCIDRs:                     10.244.1.0/24\n\
         Non-terminated Pods:          (1 in total)\n  \
         Namespace                   Name                      CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n  \
         ---------                   ----                      ------------  ----------  ---------------  -------------  ---\n  \
         default                     mysql-7686899cf9-4jtmg    0 (0%)        0 (0%)      0 (0%)           0 (0%)         10m\n\
         Allocated resources:\n  \
         (Total limits may be over 100 percent, i.e., overcommitted.)\n  \
         Resource           Requests  Limits\n  \
         --------           --------  ------\n  \
         cpu                0 (0%)    0 (0%)\n  \
         memory             0 (0%)    0 (0%)\n  \
         ephemeral-storage  0 (0%)    0 (0%)\n\
         Events:              <none>\n"
    );
}

#[test]
fn node_pod_requests_and_limits_are_summed_with_percentages() {
    let n = node();
    let p = |name: &str, cpu: &str, mem: &str| {
        json!({"kind": "Pod", "metadata": {"name": name, "namespace": "kube-system", "creationTimestamp": ts(0)},
            "spec": {"nodeName": "why-02", "containers": [{"name": "c", "resources": {
                "requests": {"cpu": cpu, "memory": mem}, "limits": {"memory": "170Mi"}}}]},
            "status": {"phase": "Running"}})
    };
    let (a, b) = (p("coredns-a", "100m", "70Mi"), p("coredns-b", "100m", "70Mi"));
    let out = describe(&n, &[&n, &a, &b], T0 + 60);
    assert!(out.contains("  kube-system                 coredns-a    100m (5%)     0 (0%)      70Mi (3%)        170Mi (8%)     60s\n"), "{out}");
    assert!(out.contains("  cpu                200m (10%)  0 (0%)\n  memory             140Mi (7%)  340Mi (17%)\n"), "{out}");
}

#[test]
fn node_events_match_uid_or_name() {
    let n = node();
    let mut by_name = event("Node", "why-02", "why-02", "NodeNotReady", "node-controller", "Node why-02 status is now: NodeNotReady", 30);
    by_name["involvedObject"]["namespace"] = json!("");
    let mut by_uid = event("Node", "why-02", "node-uid", "Starting", "kubelet", "Starting kubelet.", 0);
    by_uid["involvedObject"]["namespace"] = json!("");
    let out = describe(&n, &[&n, &by_name, &by_uid], T0 + 60);
    assert!(
        out.ends_with(
            "Events:\n  Type    Reason        Age   From             Message\n  ----    ------        ----  ----             -------\n  \
             Normal  Starting      60s   kubelet          Starting kubelet.\n  \
             Normal  NodeNotReady  30s   node-controller  Node why-02 status is now: NodeNotReady\n"
        ),
        "{out}"
    );
}

#[test]
fn node_totals_keep_decimal_units_and_cpu_cores() {
    let n = node();
    let p = |name: &str| {
        json!({"kind": "Pod", "metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(0)},
            "spec": {"nodeName": "why-02", "containers": [{"name": "c", "resources": {"requests": {"cpu": "500m", "memory": "128M"}}}]},
            "status": {"phase": "Running"}})
    };
    let (a, b) = (p("a"), p("b"));
    let out = describe(&n, &[&n, &a, &b], T0 + 60);
    assert!(out.contains("  cpu                1 (50%)     0 (0%)\n  memory             256M (12%)  0 (0%)\n"), "{out}");
}
