//! Tests of the defaults (`kubectl get -o yaml` fidelity).

use super::*;

#[test]
fn pull_policies() {
    assert_eq!(pull_policy("nginx"), "Always");
    assert_eq!(pull_policy("nginx:latest"), "Always");
    assert_eq!(pull_policy("mysql:8.0"), "IfNotPresent");
    assert_eq!(pull_policy("localhost:5000/app"), "Always");
    assert_eq!(pull_policy("localhost:5000/app:v1"), "IfNotPresent");
    assert_eq!(pull_policy("busybox@sha256:abc"), "IfNotPresent");
}

#[test]
fn pod_defaults() {
    let mut p = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "busybox:1.36",
        "ports": [{"containerPort": 80}]}],
        "volumes": [{"name": "s", "secret": {"secretName": "x"}}, {"name": "h", "hostPath": {"path": "/d"}}]}});
    apply("Pod", &mut p);
    on_create("Pod", &mut p);
    let s = &p["spec"];
    assert_eq!(s["restartPolicy"], "Always");
    assert_eq!(s["dnsPolicy"], "ClusterFirst");
    assert_eq!(s["terminationGracePeriodSeconds"], 30);
    assert_eq!(s["schedulerName"], "default-scheduler");
    assert_eq!(s["securityContext"], json!({}));
    assert_eq!(s["serviceAccountName"], "default");
    assert_eq!(s["serviceAccount"], "default");
    assert_eq!(s["enableServiceLinks"], true);
    assert_eq!(s["priority"], 0);
    assert_eq!(s["preemptionPolicy"], "PreemptLowerPriority");
    assert_eq!(s["tolerations"].as_array().unwrap().len(), 2);
    assert_eq!(s["tolerations"][0]["tolerationSeconds"], 300);
    let c = &s["containers"][0];
    assert_eq!(c["imagePullPolicy"], "IfNotPresent");
    assert_eq!(c["terminationMessagePath"], "/dev/termination-log");
    assert_eq!(c["terminationMessagePolicy"], "File");
    assert_eq!(c["resources"], json!({}));
    assert_eq!(c["ports"][0]["protocol"], "TCP");
    assert_eq!(s["volumes"][0]["secret"]["defaultMode"], 420);
    assert_eq!(s["volumes"][1]["hostPath"]["type"], "");
    assert_eq!(p["status"], json!({"phase": "Pending", "qosClass": "BestEffort"}));
    add_service_account_volume(&mut p, "abcde");
    assert_eq!(p["spec"]["volumes"][2]["name"], "kube-api-access-abcde");
    assert_eq!(p["spec"]["containers"][0]["volumeMounts"][0]["readOnly"], true);
}

#[test]
fn deployment_and_service_defaults() {
    let mut d = json!({"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "mysql"}]}}}});
    apply("Deployment", &mut d);
    assert_eq!(d["spec"]["replicas"], 1);
    assert_eq!(d["spec"]["strategy"], json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}));
    assert_eq!(d["spec"]["revisionHistoryLimit"], 10);
    assert_eq!(d["spec"]["progressDeadlineSeconds"], 600);
    assert_eq!(d["spec"]["template"]["metadata"]["creationTimestamp"], Value::Null);
    assert!(d["spec"]["template"]["spec"].get("enableServiceLinks").is_none());
    assert_eq!(d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"], "Always");
    let mut r = json!({"spec": {"strategy": {"type": "Recreate"}}});
    apply("Deployment", &mut r);
    assert!(r["spec"]["strategy"].get("rollingUpdate").is_none());
    let mut s = json!({"spec": {"ports": [{"port": 3306}]}});
    apply("Service", &mut s);
    assert_eq!(s["spec"]["ports"][0], json!({"port": 3306, "protocol": "TCP", "targetPort": 3306}));
    assert_eq!(s["spec"]["type"], "ClusterIP");
    assert_eq!(s["spec"]["sessionAffinity"], "None");
    assert_eq!(s["spec"]["ipFamilies"], json!(["IPv4"]));
}

#[test]
fn storage_and_config_defaults() {
    let mut pv = json!({"spec": {"hostPath": {"path": "/mnt"}}});
    apply("PersistentVolume", &mut pv);
    on_create("PersistentVolume", &mut pv);
    assert_eq!(pv["spec"]["persistentVolumeReclaimPolicy"], "Retain");
    assert_eq!(pv["spec"]["volumeMode"], "Filesystem");
    assert_eq!(pv["spec"]["hostPath"]["type"], "");
    assert_eq!(pv["status"]["phase"], "Pending");
    let mut pvc = json!({"spec": {}});
    apply("PersistentVolumeClaim", &mut pvc);
    on_create("PersistentVolumeClaim", &mut pvc);
    assert_eq!(pvc["spec"]["volumeMode"], "Filesystem");
    assert_eq!(pvc["status"]["phase"], "Pending");
    let mut sc = json!({"provisioner": "x"});
    apply("StorageClass", &mut sc);
    assert_eq!(sc["reclaimPolicy"], "Delete");
    assert_eq!(sc["volumeBindingMode"], "Immediate");
    let mut s = json!({"data": {"a": "YQ=="}, "stringData": {"user": "admin", "a": "b"}});
    apply("Secret", &mut s);
    assert_eq!(s, json!({"type": "Opaque", "data": {"a": "Yg==", "user": "YWRtaW4="}}));
    let mut ns = json!({"metadata": {"name": "dev"}});
    apply("Namespace", &mut ns);
    on_create("Namespace", &mut ns);
    assert_eq!(ns["metadata"]["labels"]["kubernetes.io/metadata.name"], "dev");
    assert_eq!(ns["status"]["phase"], "Active");
}

#[test]
fn qos() {
    let mut p = json!({"spec": {"containers": [{"name": "c", "image": "i",
        "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}]}});
    apply("Pod", &mut p);
    on_create("Pod", &mut p);
    assert_eq!(p["status"]["qosClass"], "Guaranteed");
    assert_eq!(p["spec"]["containers"][0]["resources"]["requests"]["cpu"], "1");
    let mut p = json!({"spec": {"containers": [{"name": "c", "image": "i", "resources": {"requests": {"cpu": "1"}}}]}});
    apply("Pod", &mut p);
    on_create("Pod", &mut p);
    assert_eq!(p["status"]["qosClass"], "Burstable");
}

#[test]
fn probe_and_env_defaults() {
    let mut p = json!({"spec": {"containers": [{"name": "c", "image": "i",
        "livenessProbe": {"httpGet": {"port": 80}},
        "env": [{"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]}]}});
    apply("Pod", &mut p);
    let probe = &p["spec"]["containers"][0]["livenessProbe"];
    assert_eq!(probe["timeoutSeconds"], 1);
    assert_eq!(probe["periodSeconds"], 10);
    assert_eq!(probe["successThreshold"], 1);
    assert_eq!(probe["failureThreshold"], 3);
    assert_eq!(probe["httpGet"]["scheme"], "HTTP");
    assert_eq!(p["spec"]["containers"][0]["env"][0]["valueFrom"]["fieldRef"]["apiVersion"], "v1");
}

#[test]
fn existing_values_are_kept() {
    let mut p = json!({"spec": {"restartPolicy": "Never", "serviceAccountName": "builder",
        "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 10}],
        "containers": [{"name": "c", "image": "i:latest", "imagePullPolicy": "Never"}],
        "volumes": [{"name": "c", "configMap": {"name": "x", "defaultMode": 256}}]}});
    apply("Pod", &mut p);
    on_create("Pod", &mut p);
    assert_eq!(p["spec"]["restartPolicy"], "Never");
    assert_eq!(p["spec"]["serviceAccount"], "builder");
    assert_eq!(p["spec"]["containers"][0]["imagePullPolicy"], "Never");
    assert_eq!(p["spec"]["volumes"][0]["configMap"]["defaultMode"], 256);
    let tol = p["spec"]["tolerations"].as_array().unwrap();
    assert_eq!(tol.len(), 2);
    assert_eq!(tol[0]["tolerationSeconds"], 10);
    assert_eq!(tol[1]["key"], "node.kubernetes.io/unreachable");
}

#[test]
fn service_types() {
    let mut s = json!({"spec": {"type": "NodePort", "ports": [{"port": 80, "targetPort": "http"}]}});
    apply("Service", &mut s);
    assert_eq!(s["spec"]["externalTrafficPolicy"], "Cluster");
    assert_eq!(s["spec"]["ports"][0]["targetPort"], "http");
    let mut s = json!({"spec": {"type": "ExternalName", "externalName": "db.example.com"}});
    apply("Service", &mut s);
    assert!(s["spec"].get("ipFamilies").is_none());
    on_create("Service", &mut s);
    assert_eq!(s["status"], json!({"loadBalancer": {}}));
}

#[test]
fn automount_off_means_no_token_volume() {
    let mut p = json!({"spec": {"automountServiceAccountToken": false, "containers": [{"name": "c", "image": "i"}]}});
    add_service_account_volume(&mut p, "abcde");
    assert!(p["spec"].get("volumes").is_none());
}

#[test]
fn client_status_is_discarded_on_create() {
    let mut pv = json!({"spec": {}, "status": {"phase": "Bound"}});
    on_create("PersistentVolume", &mut pv);
    assert_eq!(pv["status"], json!({"phase": "Pending"}));
    let mut d = json!({"spec": {}, "status": {"replicas": 3}});
    on_create("Deployment", &mut d);
    assert!(d.get("status").is_none());
    let mut n = json!({"status": {"capacity": {"cpu": "2"}}});
    on_create("Node", &mut n);
    assert_eq!(n["status"]["capacity"]["cpu"], "2");
}
