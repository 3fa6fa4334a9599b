//! Defaults as a v1.32 API server applies them on create (`pkg/apis/*/v1/defaults.go`, plus
//! what the registry strategies and default admission plugins add), so `kubectl get -o yaml`
//! shows what a real cluster shows. Everything here only fills fields that are absent.

use serde_json::{json, Map, Value};

use super::b64;

fn obj(v: &mut Value) -> Option<&mut Map<String, Value>> {
    v.as_object_mut()
}

/// Sets `key` in `m` when absent (or null).
fn def(m: &mut Map<String, Value>, key: &str, value: Value) {
    if m.get(key).map_or(true, Value::is_null) {
        m.insert(key.to_string(), value);
    }
}

/// The object at `key`, created when absent.
fn child<'a>(m: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    if !m.get(key).is_some_and(Value::is_object) {
        m.insert(key.to_string(), json!({}));
    }
    m.get_mut(key).and_then(Value::as_object_mut).expect("just made an object")
}

fn each<F: FnMut(&mut Map<String, Value>)>(m: &mut Map<String, Value>, key: &str, mut f: F) {
    if let Some(Value::Array(items)) = m.get_mut(key) {
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            f(item);
        }
    }
}

/// What the registry strategies and default admission plugins add on **create** only:
/// initial `status`, the pod's service account, priority and default tolerations, the
/// namespace finalizer. Call after [`apply`].
pub fn on_create(kind: &str, o: &mut Value) {
    let Some(m) = obj(o) else { return };
    // PrepareForCreate: a status sent by the client is discarded.
    if matches!(
        kind,
        "Pod" | "PersistentVolume" | "PersistentVolumeClaim" | "Deployment" | "ReplicaSet" | "Service" | "Namespace"
    ) {
        m.remove("status");
    }
    match kind {
        "Pod" => pod_create(m),
        "Namespace" => {
            def(child(m, "spec"), "finalizers", json!(["kubernetes"]));
            def(child(m, "status"), "phase", json!("Active"));
        }
        "PersistentVolume" | "PersistentVolumeClaim" => def(child(m, "status"), "phase", json!("Pending")),
        "Service" => {
            child(child(m, "status"), "loadBalancer");
        }
        "Deployment" | "ReplicaSet" => {
            child(m, "metadata").insert("generation".into(), json!(1));
        }
        _ => {}
    }
}

/// Applies the scheme defaults of `kind` to `o` (`SetDefaults_*`: on every decode, so on
/// create and update alike).
pub fn apply(kind: &str, o: &mut Value) {
    let Some(m) = obj(o) else { return };
    match kind {
        "Pod" => pod(m),
        "Deployment" => {
            let spec = child(m, "spec");
            def(spec, "replicas", json!(1));
            let strategy = child(spec, "strategy");
            def(strategy, "type", json!("RollingUpdate"));
            if strategy.get("type") == Some(&json!("RollingUpdate")) {
                let ru = child(strategy, "rollingUpdate");
                def(ru, "maxUnavailable", json!("25%"));
                def(ru, "maxSurge", json!("25%"));
            }
            def(spec, "revisionHistoryLimit", json!(10));
            def(spec, "progressDeadlineSeconds", json!(600));
            template(spec);
        }
        "ReplicaSet" => {
            let spec = child(m, "spec");
            def(spec, "replicas", json!(1));
            template(spec);
        }
        "Service" => service(m),
        "Namespace" => {
            let name = m.get("metadata").and_then(|x| x.get("name")).and_then(Value::as_str).unwrap_or("").to_string();
            let labels = child(child(m, "metadata"), "labels");
            labels.insert("kubernetes.io/metadata.name".into(), json!(name));
        }
        "PersistentVolume" => {
            let spec = child(m, "spec");
            def(spec, "persistentVolumeReclaimPolicy", json!("Retain"));
            def(spec, "volumeMode", json!("Filesystem"));
            if let Some(hp) = spec.get_mut("hostPath").and_then(Value::as_object_mut) {
                def(hp, "type", json!(""));
            }
        }
        "PersistentVolumeClaim" => {
            let spec = child(m, "spec");
            def(spec, "volumeMode", json!("Filesystem"));
            child(spec, "resources");
        }
        "StorageClass" => {
            def(m, "reclaimPolicy", json!("Delete"));
            def(m, "volumeBindingMode", json!("Immediate"));
        }
        "Secret" => secret(m),
        _ => {}
    }
}

/// Secret: `type` Opaque; `stringData` merged into `data` (base64) and removed, as the
/// v1 → internal conversion does.
fn secret(m: &mut Map<String, Value>) {
    def(m, "type", json!("Opaque"));
    if let Some(Value::Object(sd)) = m.remove("stringData") {
        let data = child(m, "data");
        for (k, v) in sd {
            data.insert(k, json!(b64::encode(v.as_str().unwrap_or("").as_bytes())));
        }
    }
}

fn service(m: &mut Map<String, Value>) {
    let spec = child(m, "spec");
    def(spec, "type", json!("ClusterIP"));
    def(spec, "sessionAffinity", json!("None"));
    let ty = spec.get("type").and_then(Value::as_str).unwrap_or("").to_string();
    each(spec, "ports", |p| {
        def(p, "protocol", json!("TCP"));
        if let Some(port) = p.get("port").cloned() {
            def(p, "targetPort", port);
        }
    });
    if ty != "ExternalName" {
        def(spec, "internalTrafficPolicy", json!("Cluster"));
        def(spec, "ipFamilies", json!(["IPv4"]));
        def(spec, "ipFamilyPolicy", json!("SingleStack"));
    }
    if ty == "NodePort" || ty == "LoadBalancer" {
        def(spec, "externalTrafficPolicy", json!("Cluster"));
    }
    if ty == "LoadBalancer" {
        def(spec, "allocateLoadBalancerNodePorts", json!(true));
    }
}

/// Deployment / ReplicaSet pod template: the PodSpec defaults, not the Pod-only ones.
fn template(spec: &mut Map<String, Value>) {
    let t = child(spec, "template");
    def(child(t, "metadata"), "creationTimestamp", Value::Null);
    pod_spec(child(t, "spec"));
}

/// `imagePullPolicy` default: Always for `:latest` or no tag, else IfNotPresent.
pub fn pull_policy(image: &str) -> &'static str {
    if image.contains('@') {
        return "IfNotPresent";
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        Some((_, tag)) if tag != "latest" => "IfNotPresent",
        _ => "Always",
    }
}

fn container(c: &mut Map<String, Value>) {
    let image = c.get("image").and_then(Value::as_str).unwrap_or("").to_string();
    def(c, "imagePullPolicy", json!(pull_policy(&image)));
    def(c, "terminationMessagePath", json!("/dev/termination-log"));
    def(c, "terminationMessagePolicy", json!("File"));
    child(c, "resources");
    each(c, "ports", |p| def(p, "protocol", json!("TCP")));
    each(c, "env", |e| {
        if let Some(fr) = e.get_mut("valueFrom").and_then(|v| v.get_mut("fieldRef")).and_then(Value::as_object_mut) {
            def(fr, "apiVersion", json!("v1"));
        }
    });
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get_mut(probe).and_then(Value::as_object_mut) {
            def(p, "timeoutSeconds", json!(1));
            def(p, "periodSeconds", json!(10));
            def(p, "successThreshold", json!(1));
            def(p, "failureThreshold", json!(3));
            if let Some(h) = p.get_mut("httpGet").and_then(Value::as_object_mut) {
                def(h, "path", json!("/"));
                def(h, "scheme", json!("HTTP"));
            }
        }
    }
}

fn volume(v: &mut Map<String, Value>) {
    for src in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(s) = v.get_mut(src).and_then(Value::as_object_mut) {
            def(s, "defaultMode", json!(420));
            if src == "downwardAPI" {
                each(s, "items", |it| {
                    if let Some(fr) = it.get_mut("fieldRef").and_then(Value::as_object_mut) {
                        def(fr, "apiVersion", json!("v1"));
                    }
                });
            }
        }
    }
    if let Some(hp) = v.get_mut("hostPath").and_then(Value::as_object_mut) {
        def(hp, "type", json!(""));
    }
}

/// `SetDefaults_PodSpec` and its containers and volumes.
fn pod_spec(spec: &mut Map<String, Value>) {
    def(spec, "restartPolicy", json!("Always"));
    def(spec, "dnsPolicy", json!("ClusterFirst"));
    def(spec, "terminationGracePeriodSeconds", json!(30));
    def(spec, "schedulerName", json!("default-scheduler"));
    def(spec, "securityContext", json!({}));
    each(spec, "containers", container);
    each(spec, "initContainers", container);
    each(spec, "volumes", volume);
}

/// Pods: the PodSpec defaults and `SetDefaults_Pod`.
fn pod(m: &mut Map<String, Value>) {
    let spec = child(m, "spec");
    pod_spec(spec);
    def(spec, "enableServiceLinks", json!(true));
    // Requests default to limits.
    each(spec, "containers", |c| {
        let res = child(c, "resources");
        if let Some(Value::Object(limits)) = res.get("limits").cloned() {
            let req = child(res, "requests");
            for (k, v) in limits {
                def(req, &k, v);
            }
        }
    });
}

/// What the default admission plugins (ServiceAccount, Priority, DefaultTolerationSeconds)
/// and the pod strategy add on create. The service account token volume needs a random
/// suffix: see [`add_service_account_volume`].
fn pod_create(m: &mut Map<String, Value>) {
    let spec = child(m, "spec");
    def(spec, "serviceAccountName", json!("default"));
    let sa = spec.get("serviceAccountName").cloned().unwrap_or(json!("default"));
    def(spec, "serviceAccount", sa);
    def(spec, "priority", json!(0));
    def(spec, "preemptionPolicy", json!("PreemptLowerPriority"));
    let tol = spec.entry("tolerations").or_insert_with(|| json!([]));
    if let Value::Array(list) = tol {
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
            let has = list.iter().any(|t| {
                t.get("key").and_then(Value::as_str) == Some(key)
                    && t.get("effect").and_then(Value::as_str).map_or(true, |e| e == "NoExecute")
            });
            if !has {
                list.push(json!({"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": 300}));
            }
        }
    }
    let qos = qos_class(spec);
    let status = child(m, "status");
    def(status, "phase", json!("Pending"));
    def(status, "qosClass", json!(qos));
}

/// The pod's QoS class from its containers' requests and limits.
pub fn qos_class(spec: &Map<String, Value>) -> &'static str {
    let containers: Vec<&Value> = ["containers", "initContainers"]
        .iter()
        .filter_map(|k| spec.get(*k).and_then(Value::as_array))
        .flatten()
        .collect();
    let mut any = false;
    let mut guaranteed = true;
    for c in &containers {
        let req = c.pointer("/resources/requests").and_then(Value::as_object);
        let lim = c.pointer("/resources/limits").and_then(Value::as_object);
        if req.is_some_and(|r| !r.is_empty()) || lim.is_some_and(|l| !l.is_empty()) {
            any = true;
        }
        for r in ["cpu", "memory"] {
            let l = lim.and_then(|l| l.get(r));
            let q = req.and_then(|q| q.get(r)).or(l);
            if l.is_none() || q != l {
                guaranteed = false;
            }
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// What the ServiceAccount admission plugin adds to a pod: the `kube-api-access-<suffix>`
/// projected volume and its read-only mount in every container. `suffix` is 5 random
/// characters from the caller's seeded generator. Does nothing when
/// `automountServiceAccountToken: false` or the volume already exists.
pub fn add_service_account_volume(pod: &mut Value, suffix: &str) {
    let name = format!("kube-api-access-{suffix}");
    let Some(spec) = pod.get_mut("spec").and_then(Value::as_object_mut) else { return };
    if spec.get("automountServiceAccountToken") == Some(&json!(false)) {
        return;
    }
    let vols = spec.entry("volumes").or_insert_with(|| json!([]));
    let Value::Array(vols) = vols else { return };
    if vols.iter().any(|v| v.get("name").and_then(Value::as_str).is_some_and(|n| n.starts_with("kube-api-access-"))) {
        return;
    }
    vols.push(json!({
        "name": name,
        "projected": {
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
            ]
        }
    }));
    for key in ["containers", "initContainers"] {
        each(spec, key, |c| {
            let mounts = c.entry("volumeMounts").or_insert_with(|| json!([]));
            if let Value::Array(ms) = mounts {
                ms.push(json!({"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": name, "readOnly": true}));
            }
        });
    }
}

#[cfg(test)]
#[path = "defaults_tests.rs"]
mod tests;
