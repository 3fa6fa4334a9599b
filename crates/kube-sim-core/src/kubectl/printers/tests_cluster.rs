//! `kubectl get` tables of workloads, services, nodes, namespaces and events: full expected texts.

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

fn one(kind: &str, o: &Value, opts: &TableOpts) -> String {
    table(kind, &[o], opts)
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
    let o = json!({"kind": "Widget", "metadata": {"name": "default", "namespace": "default", "creationTimestamp": ts(0)}});
    assert_eq!(one("Widget", &o, &at(86400 * 800)), "NAME      AGE\ndefault   2y70d\n");
    let sa = json!({"kind": "ServiceAccount", "metadata": {"name": "default", "namespace": "default", "creationTimestamp": ts(0)}});
    assert_eq!(one("ServiceAccount", &sa, &at(5)), "NAME      SECRETS   AGE\ndefault   0         5s\n");
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

#[test]
fn malformed_objects_never_panic() {
    let kinds = [
        "Pod", "PersistentVolume", "PersistentVolumeClaim", "StorageClass", "Secret", "ConfigMap", "Namespace",
        "Deployment", "ReplicaSet", "Service", "Endpoints", "Node", "Event", "Widget",
    ];
    let shapes = [
        json!(null),
        json!({"metadata": 5, "spec": "x", "status": [], "data": 3}),
        json!({"metadata": {"name": 1, "labels": {"a": 1}, "annotations": {"x": null}, "creationTimestamp": "yesterday"},
            "spec": {"containers": [1, {"name": null, "ports": [{"containerPort": "x"}], "env": [{"valueFrom": {}}]}],
                "volumes": [{"name": "v"}], "capacity": {"storage": {"a": 1}}, "replicas": "two", "ports": [{}],
                "selector": {"matchExpressions": [{"operator": "Bogus"}]}, "taints": [{}], "tolerations": [{}]},
            "status": {"containerStatuses": [{"state": {"terminated": {}}}], "capacity": {"cpu": "1e999", "memory": "99999999999999999999Ei"},
                "allocatable": {"cpu": "0"}, "conditions": [{}]},
            "subsets": [{"addresses": [{}], "ports": [{}]}], "data": {"k": "%%%"}, "binaryData": {"b": 1},
            "involvedObject": {}, "series": {}}),
    ];
    for k in kinds {
        for s in &shapes {
            let mut o = s.clone();
            if let Some(m) = o.as_object_mut() {
                m.insert("kind".into(), json!(k));
            }
            let all = [&o, &o];
            let _ = table(k, &all, &TableOpts { wide: true, all_namespaces: true, show_labels: true, ..at(0) });
            let _ = describe(&o, &all, T0);
        }
    }
}

#[test]
fn load_balancer_addresses_are_clipped_unless_wide() {
    let lb = json!({"kind": "Service", "metadata": {"name": "lb", "namespace": "default", "creationTimestamp": ts(0)},
        "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.0.20"], "ports": [{"port": 80, "nodePort": 31000, "protocol": "TCP"}]},
        "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.11"}, {"ip": "203.0.113.10"}]}}});
    let headless = json!({"kind": "Service", "metadata": {"name": "db", "namespace": "default", "creationTimestamp": ts(0)},
        "spec": {"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"], "externalIPs": ["192.0.2.1"],
            "ports": [{"port": 5432, "protocol": "TCP"}]}});
    assert_eq!(
        table("Service", &[&lb, &headless], &at(1)),
        "NAME   TYPE           CLUSTER-IP   EXTERNAL-IP        PORT(S)        AGE\n\
         lb     LoadBalancer   10.96.0.20   203.0.113.10,...   80:31000/TCP   1s\n\
         db     ClusterIP      None         192.0.2.1          5432/TCP       1s\n"
    );
    assert!(table("Service", &[&lb], &TableOpts { wide: true, ..at(1) }).contains("   203.0.113.10,203.0.113.11   "));
}

#[test]
fn statefulsets_daemonsets_and_jobs() {
    let sts = json!({"kind": "StatefulSet", "metadata": {"name": "web", "namespace": "default", "creationTimestamp": ts(0)},
        "spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}},
        "status": {"readyReplicas": 2}});
    assert_eq!(
        one("StatefulSet", &sts, &TableOpts { wide: true, ..at(30) }),
        "NAME   READY   AGE   CONTAINERS   IMAGES\nweb    2/3     30s   nginx        nginx:1.27\n"
    );
    let ds = json!({"kind": "DaemonSet", "metadata": {"name": "kube-proxy", "namespace": "kube-system", "creationTimestamp": ts(0)},
        "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
            "template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"}, "containers": [{"name": "kube-proxy", "image": "kube-proxy"}]}}},
        "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 3, "updatedNumberScheduled": 3, "numberAvailable": 3}});
    assert_eq!(
        one("DaemonSet", &ds, &at(60)),
        "NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n\
         kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   60s\n"
    );
    let job = json!({"kind": "Job", "metadata": {"name": "pi", "namespace": "default", "creationTimestamp": ts(0)},
        "spec": {"completions": 1, "parallelism": 1},
        "status": {"succeeded": 1, "startTime": ts(0), "completionTime": ts(14), "conditions": [{"type": "Complete", "status": "True"}]}});
    let running = json!({"kind": "Job", "metadata": {"name": "work", "namespace": "default", "creationTimestamp": ts(0)},
        "spec": {"parallelism": 2}, "status": {"startTime": ts(10), "active": 2}});
    assert_eq!(
        table("Job", &[&job, &running], &at(100)),
        "NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           14s        100s\nwork   Running    0/1 of 2      90s        100s\n"
    );
}
