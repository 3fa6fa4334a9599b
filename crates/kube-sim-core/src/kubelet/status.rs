//! The pod status the kubelet reports: phase, conditions, IPs and container statuses.

use serde_json::{json, Map, Value};

use super::containers::{CtrRt, State};
use super::PodRt;
use crate::clock::rfc3339;
use crate::cluster::Cluster;
use crate::object;

/// The `imageID` of an image reference as docker reports it.
pub fn image_id(image: &str) -> String {
    use sha2::Digest;
    let repo = super::images::repo_of(image);
    let digest = sha2::Sha256::digest(format!("{repo}:{}", super::images::tag_of(image)).as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("docker-pullable://{repo}@sha256:{hex}")
}

/// The image name as the runtime reports it (`busybox` → `busybox:latest`).
pub fn image_name(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    if last.contains(':') || image.contains('@') {
        image.to_string()
    } else {
        format!("{image}:latest")
    }
}

fn term_json(t: &super::containers::Term) -> Value {
    json!({"containerID": format!("docker://{}", t.id), "exitCode": t.exit_code, "finishedAt": rfc3339(t.finished),
        "reason": t.reason, "startedAt": rfc3339(t.started)})
}

fn container_status(c: &CtrRt) -> Value {
    let state = match &c.state {
        State::Waiting(reason, msg) if msg.is_empty() => json!({"waiting": {"reason": reason}}),
        State::Waiting(reason, msg) => json!({"waiting": {"message": msg, "reason": reason}}),
        State::Running(t) => json!({"running": {"startedAt": rfc3339(*t)}}),
        State::Terminated(t) => json!({"terminated": term_json(t)}),
    };
    let last = match (&c.state, &c.last) {
        (State::Terminated(_), _) | (_, None) => json!({}),
        (_, Some(t)) => json!({"terminated": term_json(t)}),
    };
    let pulled = !c.id.is_empty();
    let mut s = json!({"image": if pulled { image_name(&c.image) } else { c.image.clone() },
        "imageID": if pulled { image_id(&c.image) } else { String::new() },
        "lastState": last, "name": c.name, "ready": c.running(), "restartCount": c.restart_count,
        "started": c.running(), "state": state});
    if pulled && !matches!(c.state, State::Waiting(..)) {
        object::set(&mut s, "containerID", json!(format!("docker://{}", c.id)));
    }
    s
}

/// The phase from the containers and the restart policy.
pub fn phase(pod: &Value, rt: &PodRt) -> &'static str {
    let policy = object::get_str(pod, "spec.restartPolicy").unwrap_or("Always");
    let never_started = rt.containers.iter().any(|c| c.id.is_empty());
    if rt.containers.is_empty() || never_started {
        return "Pending";
    }
    let all_done = rt.containers.iter().all(|c| matches!(c.state, State::Terminated(_)));
    if all_done && policy != "Always" {
        let failed = rt.containers.iter().any(|c| matches!(&c.state, State::Terminated(t) if t.exit_code != 0));
        if !failed {
            return "Succeeded";
        }
        if policy == "Never" {
            return "Failed";
        }
    }
    "Running"
}

/// Writes the pod's status when it changed.
pub fn report(cluster: &mut Cluster, pod: &Value, rt: &PodRt) {
    let Ok(cur) = cluster.api_get("Pod", &rt.ns, &rt.name).cloned() else { return };
    if object::uid(&cur) != rt.uid {
        return;
    }
    let now = cluster.clock.rfc3339();
    let old = cur.get("status").cloned().unwrap_or_else(|| json!({}));
    let mut st = old.as_object().cloned().unwrap_or_default();
    let host_ip = super::node_ip(cluster, &rt.node);
    let mut statuses: Vec<Value> = rt.containers.iter().map(container_status).collect();
    if statuses.is_empty() {
        statuses = object::get(pod, "spec.containers")
            .and_then(Value::as_array)
            .map(|cs| {
                cs.iter()
                    .map(|c| {
                        json!({"image": object::get_str(c, "image").unwrap_or(""), "imageID": "", "lastState": {},
                            "name": object::get_str(c, "name").unwrap_or(""), "ready": false, "restartCount": 0, "started": false,
                            "state": {"waiting": {"reason": "ContainerCreating"}}})
                    })
                    .collect()
            })
            .unwrap_or_default();
    }
    crate::sort::sort_by(&mut statuses, |a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let unready: Vec<String> = rt.containers.iter().filter(|c| !c.running()).map(|c| c.name.clone()).collect();
    let unready = if rt.containers.is_empty() {
        object::get(pod, "spec.containers").and_then(Value::as_array).map(|a| a.iter().filter_map(|c| c["name"].as_str()).map(str::to_string).collect()).unwrap_or_default()
    } else {
        unready
    };
    let phase = phase(pod, rt);
    let old_conds: Vec<Value> = old.get("conditions").and_then(Value::as_array).cloned().unwrap_or_default();
    let cond = |t: &str, ok: bool, reason: Option<&str>, msg: Option<String>| {
        let status = if ok { "True" } else { "False" };
        let since = old_conds
            .iter()
            .find(|c| c["type"] == t && c["status"] == status)
            .and_then(|c| c.get("lastTransitionTime").cloned())
            .unwrap_or_else(|| json!(now));
        let mut c = json!({"lastProbeTime": null, "lastTransitionTime": since, "status": status, "type": t});
        if let (Some(r), false) = (reason, ok) {
            object::set(&mut c, "reason", json!(r));
        }
        if let (Some(m), false) = (msg, ok) {
            object::set(&mut c, "message", json!(m));
        }
        c
    };
    let done = phase == "Succeeded" || phase == "Failed";
    let ready = unready.is_empty() && !done;
    let (reason, msg) = if done {
        (Some("PodCompleted"), None)
    } else {
        (Some("ContainersNotReady"), Some(format!("containers with unready status: [{}]", unready.join(" "))))
    };
    let scheduled = old_conds.iter().find(|c| c["type"] == "PodScheduled").cloned().unwrap_or_else(|| cond("PodScheduled", true, None, None));
    let conds = vec![
        cond("PodReadyToStartContainers", rt.volumes_ready && !done, None, None),
        cond("Initialized", true, if done { Some("PodCompleted") } else { None }, None),
        cond("Ready", ready, reason, msg.clone()),
        cond("ContainersReady", ready, reason, msg),
        scheduled,
    ];
    st.insert("conditions".into(), Value::Array(conds));
    st.insert("containerStatuses".into(), Value::Array(statuses));
    st.insert("hostIP".into(), json!(host_ip));
    st.insert("hostIPs".into(), json!([{"ip": host_ip}]));
    st.insert("phase".into(), json!(phase));
    st.insert("podIP".into(), json!(rt.ip));
    st.insert("podIPs".into(), json!([{"ip": rt.ip}]));
    st.insert("startTime".into(), json!(rfc3339(rt.started)));
    let mut new = cur.clone();
    object::set(&mut new, "status", Value::Object(Map::from_iter(st)));
    if new != cur {
        let _ = cluster.api_update_status(&new);
    }
}
