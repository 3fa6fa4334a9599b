//! The default lab: a three-node kubeadm cluster (one control plane, two workers) as it looks
//! right after `kubeadm init` and two joins, with CoreDNS and kube-proxy running.
//! Created by [`Cluster::new`]; afterwards everything changes only through the API.

use serde_json::{json, Value};

use crate::apiserver::controller_ref;
use crate::clock::LAB_EPOCH;
use crate::cluster::Cluster;
use crate::object;

/// When the lab's cluster was set up: two hours before the lab starts.
pub const LAB_BOOT: i64 = LAB_EPOCH - 7200;

/// The nodes: name, InternalIP, pod CIDR.
pub const NODES: &[(&str, &str, &str)] = &[
    ("control-plane", "172.19.0.1", "10.244.0.0/24"),
    ("worker-1", "172.19.0.2", "10.244.1.0/24"),
    ("worker-2", "172.19.0.3", "10.244.2.0/24"),
];

/// Creates the default lab's objects in an empty cluster.
pub fn install(c: &mut Cluster) {
    let boot = crate::clock::rfc3339(LAB_BOOT);
    let add = |c: &mut Cluster, mut obj: Value| -> Value {
        object::set(&mut obj, "metadata.creationTimestamp", json!(boot));
        c.store_new(obj)
    };
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        add(c, json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": ns, "labels": {"kubernetes.io/metadata.name": ns}},
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}));
    }
    let mut nodes = Vec::new();
    for &(name, ip, cidr) in NODES {
        nodes.push(add(c, node(name, ip, cidr, &boot)));
    }
    add(c, kubernetes_service());
    add(c, json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "kube-dns", "namespace": "kube-system",
            "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"},
            "labels": {"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"}},
        "spec": {"clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
            "ports": [
                {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}],
            "selector": {"k8s-app": "kube-dns"}, "sessionAffinity": "None", "type": "ClusterIP"},
        "status": {"loadBalancer": {}}}));
    let cp = nodes[0].clone();
    for (component, image, volumes) in static_pods() {
        let mut pod = static_pod(component, image, volumes, &boot);
        object::set(&mut pod, "metadata.ownerReferences", json!([{"apiVersion": "v1", "controller": true, "kind": "Node", "name": "control-plane", "uid": object::uid(&cp)}]));
        add(c, pod);
    }
    // kube-proxy: a DaemonSet with one pod per node.
    let ds = add(c, kube_proxy_daemonset());
    for (i, n) in nodes.iter().enumerate() {
        let suffix = c.ids.suffix(5);
        let mut pod = workload_pod("kube-proxy", &suffix, object::get(&ds, "spec.template").cloned().unwrap_or_default(), n, &boot);
        object::set(&mut pod, "metadata.ownerReferences", json!([controller_ref(&ds)]));
        object::set(&mut pod, "metadata.labels.controller-revision-hash", json!("7bb84c4984"));
        object::set(&mut pod, "metadata.labels.pod-template-generation", json!("1"));
        let ip = NODES.get(i).map_or("", |n| n.1);
        object::set(&mut pod, "status.podIP", json!(ip));
        object::set(&mut pod, "status.podIPs", json!([{"ip": ip}]));
        add(c, pod);
    }
    // CoreDNS: a Deployment, its ReplicaSet, two pods on the control plane.
    let deploy = add(c, coredns_deployment());
    let mut rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "coredns-668d6bf9bc", "namespace": "kube-system",
            "labels": {"k8s-app": "kube-dns", "pod-template-hash": "668d6bf9bc"},
            "annotations": {"deployment.kubernetes.io/desired-replicas": "2", "deployment.kubernetes.io/max-replicas": "3", "deployment.kubernetes.io/revision": "1"},
            "ownerReferences": [controller_ref(&deploy)]},
        "spec": object::get(&deploy, "spec").cloned().unwrap_or_default(),
        "status": {"availableReplicas": 2, "fullyLabeledReplicas": 2, "observedGeneration": 1, "readyReplicas": 2, "replicas": 2}});
    for f in ["strategy", "progressDeadlineSeconds", "revisionHistoryLimit"] {
        object::remove(&mut rs, &format!("spec.{f}"));
    }
    object::set(&mut rs, "spec.selector.matchLabels.pod-template-hash", json!("668d6bf9bc"));
    object::set(&mut rs, "spec.template.metadata.labels.pod-template-hash", json!("668d6bf9bc"));
    let rs = add(c, rs);
    for ip in ["10.244.0.2", "10.244.0.3"] {
        let suffix = c.ids.suffix(5);
        let mut pod = workload_pod("coredns-668d6bf9bc", &suffix, object::get(&rs, "spec.template").cloned().unwrap_or_default(), &cp, &boot);
        object::set(&mut pod, "metadata.ownerReferences", json!([controller_ref(&rs)]));
        object::set(&mut pod, "status.podIP", json!(ip));
        object::set(&mut pod, "status.podIPs", json!([{"ip": ip}]));
        add(c, pod);
    }
    for obj in crate::lab_system::objects() {
        add(c, obj);
    }
    crate::lab_storage::install(c, &boot);
    crate::controllers::namespace::publish_defaults(c);
    // What the controllers made at boot is as old as the rest.
    let made: Vec<Value> = ["ConfigMap", "ServiceAccount"].iter().flat_map(|k| c.api.store.list(k, None)).cloned().collect();
    for mut obj in made {
        object::set(&mut obj, "metadata.creationTimestamp", json!(boot));
        c.api.store.apply(crate::store::Change::Modified(obj));
    }
}

/// The `kubernetes` Service in `default`, which the API server keeps in place.
pub fn kubernetes_service() -> Value {
    json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "kubernetes", "namespace": "default", "labels": {"component": "apiserver", "provider": "kubernetes"}},
        "spec": {"clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"], "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
            "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}],
            "sessionAffinity": "None", "type": "ClusterIP"},
        "status": {"loadBalancer": {}}})
}

fn node(name: &str, ip: &str, cidr: &str, boot: &str) -> Value {
    let control = name == "control-plane";
    let mut labels = json!({"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux"});
    if let (true, Some(m)) = (control, labels.as_object_mut()) {
        m.insert("node-role.kubernetes.io/control-plane".into(), json!(""));
    }
    let cond = |t: &str, status: &str, reason: &str, msg: &str| {
        json!({"lastHeartbeatTime": boot, "lastTransitionTime": boot, "message": msg, "reason": reason, "status": status, "type": t})
    };
    let mut n = json!({"apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": labels, "annotations": {
            "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/cri-dockerd.sock",
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": {"podCIDR": cidr, "podCIDRs": [cidr]},
        "status": {
            "addresses": [{"address": ip, "type": "InternalIP"}, {"address": name, "type": "Hostname"}],
            "allocatable": {"cpu": "2", "ephemeral-storage": "17394Mi", "hugepages-2Mi": "0", "memory": "3777484Ki", "pods": "110"},
            "capacity": {"cpu": "2", "ephemeral-storage": "17394Mi", "hugepages-2Mi": "0", "memory": "3879884Ki", "pods": "110"},
            "conditions": [
                cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                cond("Ready", "True", "KubeletReady", "kubelet is posting ready status")],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {"architecture": "amd64", "bootID": format!("{:0>36}", name.len()), "containerRuntimeVersion": "docker://26.1.4",
                "kernelVersion": "3.10.0-1160.el7.x86_64", "kubeProxyVersion": crate::KUBE_VERSION, "kubeletVersion": crate::KUBE_VERSION,
                "machineID": format!("{:0>32}", ip.len()), "operatingSystem": "linux", "osImage": "CentOS Linux 7 (Core)",
                "systemUUID": format!("{:0>36}", name.len())}}});
    if control {
        object::set(&mut n, "spec.taints", json!([{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]));
    }
    n
}

fn container_status(name: &str, image: &str, boot: &str) -> Value {
    json!({"containerID": format!("docker://{}", "0".repeat(64)), "image": image, "imageID": format!("docker-pullable://{image}"),
        "lastState": {}, "name": name, "ready": true, "restartCount": 0, "started": true,
        "state": {"running": {"startedAt": boot}}})
}

fn running_status(host_ip: &str, pod_ip: &str, containers: &[Value], boot: &str) -> Value {
    let cond = |t: &str| json!({"lastProbeTime": null, "lastTransitionTime": boot, "status": "True", "type": t});
    json!({"conditions": [cond("PodReadyToStartContainers"), cond("Initialized"), cond("Ready"), cond("ContainersReady"), cond("PodScheduled")],
        "containerStatuses": containers, "hostIP": host_ip, "hostIPs": [{"ip": host_ip}], "phase": "Running",
        "podIP": pod_ip, "podIPs": [{"ip": pod_ip}], "qosClass": "Burstable", "startTime": boot})
}

type StaticPod = (&'static str, &'static str, Vec<(&'static str, &'static str, &'static str)>);

fn static_pods() -> Vec<StaticPod> {
    vec![
        ("etcd", "registry.k8s.io/etcd:3.5.16-0", vec![("etcd-certs", "/etc/kubernetes/pki/etcd", "DirectoryOrCreate"), ("etcd-data", "/var/lib/etcd", "DirectoryOrCreate")]),
        ("kube-apiserver", "registry.k8s.io/kube-apiserver:v1.32.4", vec![
            ("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate"),
            ("etc-pki", "/etc/pki", "DirectoryOrCreate"),
            ("k8s-certs", "/etc/kubernetes/pki", "DirectoryOrCreate")]),
        ("kube-controller-manager", "registry.k8s.io/kube-controller-manager:v1.32.4", vec![
            ("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate"),
            ("etc-pki", "/etc/pki", "DirectoryOrCreate"),
            ("flexvolume-dir", "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", "DirectoryOrCreate"),
            ("k8s-certs", "/etc/kubernetes/pki", "DirectoryOrCreate"),
            ("kubeconfig", "/etc/kubernetes/controller-manager.conf", "FileOrCreate")]),
        ("kube-scheduler", "registry.k8s.io/kube-scheduler:v1.32.4", vec![("kubeconfig", "/etc/kubernetes/scheduler.conf", "FileOrCreate")]),
    ]
}

/// The command line kubeadm v1.32 writes into each static pod manifest.
fn static_command(component: &str) -> Vec<String> {
    let flags: &[&str] = match component {
        "etcd" => &[
            "--advertise-client-urls=https://172.19.0.1:2379", "--cert-file=/etc/kubernetes/pki/etcd/server.crt", "--client-cert-auth=true",
            "--data-dir=/var/lib/etcd", "--experimental-initial-corrupt-check=true", "--experimental-watch-progress-notify-interval=5s",
            "--initial-advertise-peer-urls=https://172.19.0.1:2380", "--initial-cluster=control-plane=https://172.19.0.1:2380",
            "--key-file=/etc/kubernetes/pki/etcd/server.key", "--listen-client-urls=https://127.0.0.1:2379,https://172.19.0.1:2379",
            "--listen-metrics-urls=http://127.0.0.1:2381", "--listen-peer-urls=https://172.19.0.1:2380", "--name=control-plane",
            "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt", "--peer-client-cert-auth=true", "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
            "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt", "--snapshot-count=10000", "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
        ],
        "kube-apiserver" => &[
            "--advertise-address=172.19.0.1", "--allow-privileged=true", "--authorization-mode=Node,RBAC", "--client-ca-file=/etc/kubernetes/pki/ca.crt",
            "--enable-admission-plugins=NodeRestriction", "--enable-bootstrap-token-auth=true", "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
            "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt", "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key",
            "--etcd-servers=https://127.0.0.1:2379", "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
            "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key", "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
            "--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt", "--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key",
            "--requestheader-allowed-names=front-proxy-client", "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
            "--requestheader-extra-headers-prefix=X-Remote-Extra-", "--requestheader-group-headers=X-Remote-Group",
            "--requestheader-username-headers=X-Remote-User", "--secure-port=6443", "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--service-account-key-file=/etc/kubernetes/pki/sa.pub", "--service-account-signing-key-file=/etc/kubernetes/pki/sa.key",
            "--service-cluster-ip-range=10.96.0.0/12", "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt", "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
        ],
        "kube-controller-manager" => &[
            "--allocate-node-cidrs=true", "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
            "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf", "--bind-address=127.0.0.1", "--client-ca-file=/etc/kubernetes/pki/ca.crt",
            "--cluster-cidr=10.244.0.0/16", "--cluster-name=kubernetes", "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt",
            "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key", "--controllers=*,bootstrapsigner,tokencleaner",
            "--kubeconfig=/etc/kubernetes/controller-manager.conf", "--leader-elect=true", "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
            "--root-ca-file=/etc/kubernetes/pki/ca.crt", "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
            "--service-cluster-ip-range=10.96.0.0/12", "--use-service-account-credentials=true",
        ],
        _ => &[
            "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf", "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
            "--bind-address=127.0.0.1", "--kubeconfig=/etc/kubernetes/scheduler.conf", "--leader-elect=true",
        ],
    };
    std::iter::once(component).chain(flags.iter().copied()).map(String::from).collect()
}

fn static_pod(component: &str, image: &str, volumes: Vec<(&str, &str, &str)>, boot: &str) -> Value {
    let name = format!("{component}-control-plane");
    let vols: Vec<Value> = volumes.iter().map(|(n, p, t)| json!({"hostPath": {"path": p, "type": t}, "name": n})).collect();
    let mounts: Vec<Value> = volumes
        .iter()
        .map(|(n, p, _)| {
            let mut m = json!({"mountPath": p, "name": n});
            if !(component == "etcd" || *n == "flexvolume-dir") {
                object::set(&mut m, "readOnly", json!(true));
            }
            m
        })
        .collect();
    let mut annotations = serde_json::Map::new();
    let hash = format!("{:x}", (name.len() as u64).wrapping_mul(0x1f2e_3d4c_5b6a_7988));
    annotations.insert("kubernetes.io/config.hash".into(), json!(hash));
    annotations.insert("kubernetes.io/config.mirror".into(), json!(hash));
    annotations.insert("kubernetes.io/config.seen".into(), json!(format!("{}.000000000Z", boot.trim_end_matches('Z'))));
    annotations.insert("kubernetes.io/config.source".into(), json!("file"));
    match component {
        "etcd" => {
            annotations.insert("kubeadm.kubernetes.io/etcd.advertise-client-urls".into(), json!("https://172.19.0.1:2379"));
        }
        "kube-apiserver" => {
            annotations.insert("kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint".into(), json!("172.19.0.1:6443"));
        }
        _ => {}
    }
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "kube-system", "labels": {"component": component, "tier": "control-plane"},
            "annotations": annotations},
        "spec": {"containers": [{"command": static_command(component), "image": image, "imagePullPolicy": "IfNotPresent", "name": component,
                "resources": {"requests": {"cpu": if component == "etcd" { "100m" } else { "200m" }}},
                "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "volumeMounts": mounts}],
            "dnsPolicy": "ClusterFirst", "enableServiceLinks": true, "hostNetwork": true, "nodeName": "control-plane",
            "preemptionPolicy": "PreemptLowerPriority", "priority": 2000001000, "priorityClassName": "system-node-critical",
            "restartPolicy": "Always", "schedulerName": "default-scheduler", "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
            "terminationGracePeriodSeconds": 30, "tolerations": [{"effect": "NoExecute", "operator": "Exists"}], "volumes": vols},
        "status": running_status("172.19.0.1", "172.19.0.1", &[container_status(component, image, boot)], boot)})
}

fn workload_pod(prefix: &str, suffix: &str, template: Value, node: &Value, boot: &str) -> Value {
    let node_name = object::name(node);
    let host_ip = object::get(node, "status.addresses")
        .and_then(|a| a.get(0))
        .and_then(|a| a.get("address"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut spec = template.get("spec").cloned().unwrap_or_default();
    object::set(&mut spec, "nodeName", json!(node_name));
    // What the Priority admission plugin and defaulting add to every pod.
    let priority = match object::get_str(&spec, "priorityClassName") {
        Some("system-node-critical") => 2_000_001_000,
        Some("system-cluster-critical") => 2_000_000_000,
        _ => 0,
    };
    object::set(&mut spec, "priority", json!(priority));
    object::set(&mut spec, "preemptionPolicy", json!("PreemptLowerPriority"));
    object::set(&mut spec, "enableServiceLinks", json!(true));
    let statuses: Vec<Value> = spec
        .get("containers")
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .map(|c| container_status(object::get_str(c, "name").unwrap_or(""), object::get_str(c, "image").unwrap_or(""), boot))
                .collect()
        })
        .unwrap_or_default();
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": format!("{prefix}-{suffix}"), "namespace": "kube-system", "generateName": format!("{prefix}-"),
            "labels": object::get(&template, "metadata.labels").cloned().unwrap_or_default()},
        "spec": spec,
        "status": running_status(host_ip, host_ip, &statuses, boot)})
}

fn kube_proxy_daemonset() -> Value {
    json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "kube-proxy", "namespace": "kube-system", "labels": {"k8s-app": "kube-proxy"},
            "annotations": {"deprecated.daemonset.template.generation": "1"}},
        "spec": {"revisionHistoryLimit": 10, "selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
            "template": {"metadata": {"labels": {"k8s-app": "kube-proxy"}},
                "spec": {"containers": [{"command": ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
                        "image": "registry.k8s.io/kube-proxy:v1.32.4", "imagePullPolicy": "IfNotPresent", "name": "kube-proxy",
                        "securityContext": {"privileged": true}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                        "volumeMounts": [{"mountPath": "/var/lib/kube-proxy", "name": "kube-proxy"}, {"mountPath": "/run/xtables.lock", "name": "xtables-lock"}, {"mountPath": "/lib/modules", "name": "lib-modules", "readOnly": true}]}],
                    "dnsPolicy": "ClusterFirst", "hostNetwork": true, "nodeSelector": {"kubernetes.io/os": "linux"},
                    "priorityClassName": "system-node-critical", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                    "serviceAccount": "kube-proxy", "serviceAccountName": "kube-proxy", "terminationGracePeriodSeconds": 30,
                    "tolerations": [{"operator": "Exists"}],
                    "volumes": [{"configMap": {"defaultMode": 420, "name": "kube-proxy"}, "name": "kube-proxy"},
                        {"hostPath": {"path": "/run/xtables.lock", "type": "FileOrCreate"}, "name": "xtables-lock"},
                        {"hostPath": {"path": "/lib/modules", "type": ""}, "name": "lib-modules"}]}},
            "updateStrategy": {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}},
        "status": {"currentNumberScheduled": 3, "desiredNumberScheduled": 3, "numberAvailable": 3, "numberMisscheduled": 0,
            "numberReady": 3, "observedGeneration": 1, "updatedNumberScheduled": 3}})
}

fn coredns_deployment() -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "coredns", "namespace": "kube-system", "labels": {"k8s-app": "kube-dns"},
            "annotations": {"deployment.kubernetes.io/revision": "1"}},
        "spec": {"progressDeadlineSeconds": 600, "replicas": 2, "revisionHistoryLimit": 10,
            "selector": {"matchLabels": {"k8s-app": "kube-dns"}},
            "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}, "type": "RollingUpdate"},
            "template": {"metadata": {"labels": {"k8s-app": "kube-dns"}},
                "spec": {"containers": [{"args": ["-conf", "/etc/coredns/Corefile"], "image": "registry.k8s.io/coredns/coredns:v1.11.3",
                        "imagePullPolicy": "IfNotPresent", "name": "coredns",
                        "ports": [{"containerPort": 53, "name": "dns", "protocol": "UDP"}, {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"}, {"containerPort": 9153, "name": "metrics", "protocol": "TCP"}],
                        "resources": {"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}},
                        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                        "volumeMounts": [{"mountPath": "/etc/coredns", "name": "config-volume", "readOnly": true}]}],
                    "dnsPolicy": "Default", "nodeSelector": {"kubernetes.io/os": "linux"}, "priorityClassName": "system-cluster-critical",
                    "restartPolicy": "Always", "schedulerName": "default-scheduler", "serviceAccount": "coredns", "serviceAccountName": "coredns",
                    "terminationGracePeriodSeconds": 30,
                    "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}, {"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}],
                    "volumes": [{"configMap": {"defaultMode": 420, "items": [{"key": "Corefile", "path": "Corefile"}], "name": "coredns"}, "name": "config-volume"}]}}},
        "status": {"availableReplicas": 2, "observedGeneration": 1, "readyReplicas": 2, "replicas": 2, "updatedReplicas": 2}})
}
