//! `kubectl describe`: full expected texts.

use serde_json::{json, Value};

use super::describe;
use crate::clock::{rfc3339, LAB_EPOCH};

const T0: i64 = LAB_EPOCH;

fn ts(off: i64) -> String {
    rfc3339(T0 + off)
}

/// An event about `(kind, name, uid)`, seen `(first, last, count)`.
fn ev((kind, name, uid): (&str, &str, &str), ty: &str, reason: &str, from: &str, msg: &str, (first, last, count): (i64, i64, i64)) -> Value {
    json!({"apiVersion": "v1", "kind": "Event",
        "metadata": {"name": format!("{name}.{first}"), "namespace": "default"},
        "involvedObject": {"kind": kind, "name": name, "namespace": if kind == "PersistentVolume" || kind == "Node" { "" } else { "default" }, "uid": uid},
        "type": ty, "reason": reason, "message": msg, "source": {"component": from},
        "firstTimestamp": ts(first), "lastTimestamp": ts(last), "count": count})
}

#[test]
fn secret_shows_sizes_not_values() {
    let o = json!({"kind": "Secret", "metadata": {"name": "mysecret", "namespace": "default", "creationTimestamp": ts(0),
        "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"v1\"}\n"}},
        "type": "Opaque", "data": {"username": "YWRtaW4=", "password": "MTIzNDU2"}});
    assert_eq!(
        describe(&o, &[], T0),
        "Name:         mysecret\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\nusername:  5 bytes\n"
    );
}

#[test]
fn service_account_token_secret_shows_the_token() {
    let o = json!({"kind": "Secret", "metadata": {"name": "tok", "namespace": "default"},
        "type": "kubernetes.io/service-account-token", "data": {"ca.crt": "YWJj", "token": "ZXlKaGJHYw=="}});
    assert_eq!(
        describe(&o, &[], T0),
        "Name:         tok\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  kubernetes.io/service-account-token\n\nData\n====\nca.crt:  3 bytes\ntoken:   eyJhbGc\n"
    );
}

#[test]
fn configmap_prints_every_value_and_skips_last_applied() {
    let o = json!({"kind": "ConfigMap", "metadata": {"name": "myconfigmap", "namespace": "default", "uid": "cm-uid",
        "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"v1\",\"data\":{\"config1\":\"xxx\",\"config2\":\"yyy\"},\"kind\":\"ConfigMap\"}\n"}},
        "data": {"config2": "yyy", "config1": "xxx"}});
    assert_eq!(
        describe(&o, &[], T0),
        "Name:         myconfigmap\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n\
         Data\n====\nconfig1:\n----\nxxx\n\nconfig2:\n----\nyyy\n\n\nBinaryData\n====\n\nEvents:  <none>\n"
    );
}

#[test]
fn configmap_with_file_content_labels_and_binary_data() {
    let o = json!({"kind": "ConfigMap", "metadata": {"name": "myconfigmap2", "namespace": "default",
        "labels": {"tier": "front", "app": "web"}, "annotations": {"note": "hello"}},
        "data": {"app.conf": "config1: 1\nconfig2: 2\n"}, "binaryData": {"logo.png": "iVBORw=="}});
    assert_eq!(
        describe(&o, &[], T0),
        "Name:         myconfigmap2\nNamespace:    default\nLabels:       app=web\n              tier=front\nAnnotations:  note: hello\n\n\
         Data\n====\napp.conf:\n----\nconfig1: 1\nconfig2: 2\n\n\n\nBinaryData\n====\nlogo.png: 4 bytes\n\nEvents:  <none>\n"
    );
}

fn nfs_pv() -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"name": "mypv1", "uid": "pv-uid", "creationTimestamp": ts(0),
            "annotations": {"pv.kubernetes.io/bound-by-controller": "yes"}, "finalizers": ["kubernetes.io/pv-protection"]},
        "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Recycle",
            "storageClassName": "nfs", "volumeMode": "Filesystem", "nfs": {"server": "192.168.56.105", "path": "/nfsdata/pv1"},
            "claimRef": {"kind": "PersistentVolumeClaim", "namespace": "default", "name": "mypvc1", "uid": "pvc-uid"}},
        "status": {"phase": "Bound"}})
}

#[test]
fn nfs_pv_with_source_and_events_aligned_to_it() {
    assert_eq!(
        describe(&nfs_pv(), &[], T0),
        "Name:            mypv1\n\
         Labels:          <none>\n\
         Annotations:     pv.kubernetes.io/bound-by-controller: yes\n\
         Finalizers:      [kubernetes.io/pv-protection]\n\
         StorageClass:    nfs\n\
         Status:          Bound\n\
         Claim:           default/mypvc1\n\
         Reclaim Policy:  Recycle\n\
         Access Modes:    RWO\n\
         VolumeMode:      Filesystem\n\
         Capacity:        1Gi\n\
         Node Affinity:   <none>\n\
         Message:         \n\
         Source:\n    \
         Type:      NFS (an NFS mount that lasts the lifetime of a pod)\n    \
         Server:    192.168.56.105\n    \
         Path:      /nfsdata/pv1\n    \
         ReadOnly:  false\n\
         Events:        <none>\n"
    );
}

#[test]
fn hostpath_pv_with_node_affinity() {
    let o = json!({"kind": "PersistentVolume",
        "metadata": {"name": "pv-host", "labels": {"type": "local"}, "finalizers": ["kubernetes.io/pv-protection"]},
        "spec": {"capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Retain",
            "storageClassName": "manual", "volumeMode": "Filesystem", "hostPath": {"path": "/mnt/data", "type": "DirectoryOrCreate"},
            "nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [
                {"key": "kubernetes.io/hostname", "operator": "In", "values": ["node1", "node2"]}]}]}}},
        "status": {"phase": "Available"}});
    assert_eq!(
        describe(&o, &[], T0),
        "Name:              pv-host\n\
         Labels:            type=local\n\
         Annotations:       <none>\n\
         Finalizers:        [kubernetes.io/pv-protection]\n\
         StorageClass:      manual\n\
         Status:            Available\n\
         Claim:             \n\
         Reclaim Policy:    Retain\n\
         Access Modes:      RWO\n\
         VolumeMode:        Filesystem\n\
         Capacity:          10Gi\n\
         Node Affinity:     \n  \
         Required Terms:  \n    \
         Term 0:        kubernetes.io/hostname in [node1, node2]\n\
         Message:           \n\
         Source:\n    \
         Type:          HostPath (bare host directory volume)\n    \
         Path:          /mnt/data\n    \
         HostPathType:  DirectoryOrCreate\n\
         Events:            <none>\n"
    );
}

#[test]
fn released_pv_being_deleted_with_events() {
    let mut o = nfs_pv();
    o["metadata"]["deletionTimestamp"] = json!(ts(50));
    o["metadata"]["finalizers"] = json!([]);
    o["status"] = json!({"phase": "Failed", "message": "recycle failed"});
    let e = ev(("PersistentVolume", "mypv1", "pv-uid"), "Warning", "VolumeFailedRecycle", "persistentvolume-controller", "Recycle failed: pod failed ", (10, 40, 2));
    let out = describe(&o, &[&o, &e], T0 + 60);
    assert!(out.contains("Finalizers:      []\n"), "{out}");
    assert!(out.contains("Status:          Terminating (lasts 10s)\n"), "{out}");
    assert!(out.contains("Message:         recycle failed\n"), "{out}");
    assert!(out.ends_with(
        "Events:\n  Type     Reason               Age                From                         Message\n  \
         ----     ------               ----               ----                         -------\n  \
         Warning  VolumeFailedRecycle  20s (x2 over 50s)  persistentvolume-controller  Recycle failed: pod failed\n"
    ), "{out}");
}

fn bound_pvc() -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": "mypvc1", "namespace": "default", "uid": "pvc-uid", "creationTimestamp": ts(0),
            "annotations": {"pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes"},
            "finalizers": ["kubernetes.io/pvc-protection"]},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "nfs",
            "volumeMode": "Filesystem", "volumeName": "mypv1"},
        "status": {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"}}})
}

fn pod_using(name: &str, claim: &str) -> Value {
    json!({"kind": "Pod", "metadata": {"name": name, "namespace": "default", "uid": format!("{name}-uid")},
        "spec": {"containers": [{"name": "c", "image": "busybox"}],
            "volumes": [{"name": "mydata", "persistentVolumeClaim": {"claimName": claim}}]}})
}

#[test]
fn bound_pvc_lists_the_pods_using_it() {
    let o = bound_pvc();
    let (a, b, c) = (pod_using("mypod2", "mypvc1"), pod_using("mypod1", "mypvc1"), pod_using("other", "x"));
    assert_eq!(
        describe(&o, &[&o, &a, &b, &c], T0),
        "Name:          mypvc1\n\
         Namespace:     default\n\
         StorageClass:  nfs\n\
         Status:        Bound\n\
         Volume:        mypv1\n\
         Labels:        <none>\n\
         Annotations:   pv.kubernetes.io/bind-completed: yes\n               \
         pv.kubernetes.io/bound-by-controller: yes\n\
         Finalizers:    [kubernetes.io/pvc-protection]\n\
         Capacity:      1Gi\n\
         Access Modes:  RWO\n\
         VolumeMode:    Filesystem\n\
         Used By:       mypod1\n               \
         mypod2\n\
         Events:        <none>\n"
    );
}

#[test]
fn pending_pvc_has_blank_capacity_and_an_events_table() {
    let mut o = bound_pvc();
    o["metadata"]["name"] = json!("data");
    o["metadata"]["annotations"] = json!({});
    o["spec"]["storageClassName"] = json!("fast");
    o["spec"].as_object_mut().unwrap().remove("volumeName");
    o["status"] = json!({"phase": "Pending"});
    let e1 = ev(("PersistentVolumeClaim", "data", "pvc-uid"), "Normal", "ExternalProvisioning", "persistentvolume-controller", "waiting for a volume to be created", (150, 150, 1));
    let e2 = ev(("PersistentVolumeClaim", "data", "pvc-uid"), "Warning", "ProvisioningFailed", "persistentvolume-controller", "storageclass.storage.k8s.io \"fast\" not found", (0, 120, 3));
    let other = ev(("PersistentVolumeClaim", "data", "old-uid"), "Normal", "Old", "x", "stale", (0, 0, 1));
    assert_eq!(
        describe(&o, &[&e1, &other, &e2, &o], T0 + 180),
        "Name:          data\n\
         Namespace:     default\n\
         StorageClass:  fast\n\
         Status:        Pending\n\
         Volume:        \n\
         Labels:        <none>\n\
         Annotations:   <none>\n\
         Finalizers:    [kubernetes.io/pvc-protection]\n\
         Capacity:      \n\
         Access Modes:  \n\
         VolumeMode:    Filesystem\n\
         Used By:       <none>\n\
         Events:\n  \
         Type     Reason                Age               From                         Message\n  \
         ----     ------                ----              ----                         -------\n  \
         Warning  ProvisioningFailed    60s (x3 over 3m)  persistentvolume-controller  storageclass.storage.k8s.io \"fast\" not found\n  \
         Normal   ExternalProvisioning  30s               persistentvolume-controller  waiting for a volume to be created\n"
    );
}

#[test]
fn storageclass_describe() {
    let o = json!({"kind": "StorageClass", "metadata": {"name": "standard", "uid": "sc-uid",
        "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
        "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"});
    assert_eq!(
        describe(&o, &[], T0),
        "Name:                  standard\n\
         IsDefaultClass:        Yes\n\
         Annotations:           storageclass.kubernetes.io/is-default-class=true\n\
         Provisioner:           rancher.io/local-path\n\
         Parameters:            <none>\n\
         AllowVolumeExpansion:  <unset>\n\
         MountOptions:          <none>\n\
         ReclaimPolicy:         Delete\n\
         VolumeBindingMode:     WaitForFirstConsumer\n\
         Events:                <none>\n"
    );
    let nfs = json!({"kind": "StorageClass", "metadata": {"name": "nfs"}, "provisioner": "example.com/nfs",
        "parameters": {"server": "10.0.0.5", "path": "/share"}, "allowVolumeExpansion": true, "mountOptions": ["nfsvers=4.1"]});
    assert_eq!(
        describe(&nfs, &[], T0),
        "Name:                  nfs\n\
         IsDefaultClass:        No\n\
         Annotations:           <none>\n\
         Provisioner:           example.com/nfs\n\
         Parameters:            path=/share,server=10.0.0.5\n\
         AllowVolumeExpansion:  True\n\
         MountOptions:\n  \
         nfsvers=4.1\n\
         Events:  <none>\n"
    );
}

#[test]
fn namespace_describe() {
    let o = json!({"kind": "Namespace", "metadata": {"name": "default", "labels": {"kubernetes.io/metadata.name": "default"}},
        "status": {"phase": "Active"}});
    assert_eq!(
        describe(&o, &[], T0),
        "Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\n\
         No resource quota.\n\nNo LimitRange resource.\n"
    );
}

#[test]
fn long_and_multi_line_annotations() {
    let long = "x".repeat(150);
    let o = json!({"kind": "Namespace", "metadata": {"name": "n", "annotations": {"a": long, "b": "one\ntwo\n", "c": "short"}},
        "status": {"phase": "Active"}});
    let out = describe(&o, &[], T0);
    let want = format!(
        "Name:         n\nLabels:       <none>\nAnnotations:  a:\n                {}...\n              b:\n                one\n                two\n              c: short\nStatus:       Active\n",
        "x".repeat(138)
    );
    assert!(out.starts_with(&want), "{out}");
}

#[test]
fn generic_describe_of_an_event() {
    let e = json!({"apiVersion": "v1", "kind": "Event", "count": 1, "eventTime": null,
        "firstTimestamp": ts(0), "lastTimestamp": ts(0),
        "involvedObject": {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "name": "mypvc1", "namespace": "default",
            "resourceVersion": "712", "uid": "pvc-uid"},
        "message": "Successfully provisioned volume", "reason": "ProvisioningSucceeded", "reportingComponent": "", "reportingInstance": "",
        "metadata": {"name": "mypvc1.17f0c1", "namespace": "default", "creationTimestamp": ts(0), "resourceVersion": "715",
            "uid": "ev-uid", "managedFields": [{"manager": "x"}]},
        "source": {"component": "persistentvolume-controller"}, "type": "Normal"});
    assert_eq!(
        describe(&e, &[&e], T0),
        "Name:             mypvc1.17f0c1\n\
         Namespace:        default\n\
         Labels:           <none>\n\
         Annotations:      <none>\n\
         API Version:      v1\n\
         Count:            1\n\
         Event Time:       <nil>\n\
         First Timestamp:  2024-12-10T08:00:00Z\n\
         Involved Object:\n  \
         API Version:       v1\n  \
         Kind:              PersistentVolumeClaim\n  \
         Name:              mypvc1\n  \
         Namespace:         default\n  \
         Resource Version:  712\n  \
         UID:               pvc-uid\n\
         Kind:                Event\n\
         Last Timestamp:      2024-12-10T08:00:00Z\n\
         Message:             Successfully provisioned volume\n\
         Metadata:\n  \
         Creation Timestamp:  2024-12-10T08:00:00Z\n  \
         Resource Version:    715\n  \
         UID:                 ev-uid\n\
         Reason:                ProvisioningSucceeded\n\
         Reporting Component:   \n\
         Reporting Instance:    \n\
         Source:\n  \
         Component:  persistentvolume-controller\n\
         Type:         Normal\n\
         Events:       <none>\n"
    );
}

#[test]
fn service_account_describe() {
    let sa = json!({"kind": "ServiceAccount", "metadata": {"name": "default", "namespace": "default", "uid": "sa-uid"},
        "secrets": [{"name": "gone"}]});
    assert_eq!(
        describe(&sa, &[&sa], T0),
        "Name:                default\n\
         Namespace:           default\n\
         Labels:              <none>\n\
         Annotations:         <none>\n\
         Image pull secrets:  <none>\n\
         Mountable secrets:   gone (not found)\n\
         Tokens:              <none>\n\
         Events:              <none>\n"
    );
}
