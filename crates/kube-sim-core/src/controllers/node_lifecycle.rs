//! The node lifecycle controller: a node whose kubelet stopped posting status for longer than
//! the grace period turns `Unknown` (NotReady) and gets the `node.kubernetes.io/unreachable`
//! taints; pods that tolerate `unreachable:NoExecute` only for `tolerationSeconds` are then
//! deleted (taint-based eviction). A kubelet that comes back posts Ready again.

use serde_json::{json, Value};

use crate::apiserver::DeleteOptions;
use crate::cluster::Cluster;
use crate::object;

/// `--node-monitor-grace-period` (50s since v1.32).
pub const GRACE: i64 = 50;
/// The taint key of a node whose kubelet is unreachable.
pub const UNREACHABLE: &str = "node.kubernetes.io/unreachable";

const CONDS: &[(&str, &str, &str)] = &[
    ("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    ("Ready", "KubeletReady", "kubelet is posting ready status"),
];

fn ready_status(node: &Value) -> String {
    object::get(node, "status.conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
        .and_then(|c| c["status"].as_str())
        .unwrap_or("Unknown")
        .to_string()
}

/// One pass over the nodes.
pub fn reconcile(cluster: &mut Cluster) {
    let now = cluster.now();
    let stamp = cluster.clock.rfc3339();
    // Shared, not copied: a node is copied only when its status changes.
    let names: Vec<String> = cluster.api_list("Node", None).into_iter().map(|n| object::name(n).to_string()).collect();
    for name in names {
        let Some(node) = cluster.api.store.get_shared("Node", "", &name) else { continue };
        let last = *cluster.kubelet.heartbeats.entry(name.clone()).or_insert(now);
        let alive = crate::kubelet::kubelet_up(cluster, &name);
        let status = ready_status(&node);
        if alive && status != "True" {
            let mut upd = Value::clone(&node);
            let conds: Vec<Value> = CONDS
                .iter()
                .map(|(t, r, m)| {
                    let s = if *t == "Ready" { "True" } else { "False" };
                    json!({"lastHeartbeatTime": stamp, "lastTransitionTime": stamp, "message": m, "reason": r, "status": s, "type": t})
                })
                .collect();
            object::set(&mut upd, "status.conditions", Value::Array(conds));
            let _ = cluster.api_update_status(&upd);
            let taints: Vec<Value> = object::get(&upd, "spec.taints").and_then(Value::as_array).cloned().unwrap_or_default();
            let kept: Vec<Value> = taints.iter().filter(|t| t["key"] != UNREACHABLE).cloned().collect();
            if kept.len() != taints.len() {
                let mut n = cluster.api_get("Node", "", &name).cloned().unwrap_or(upd.clone());
                if kept.is_empty() {
                    object::remove(&mut n, "spec.taints");
                } else {
                    object::set(&mut n, "spec.taints", Value::Array(kept));
                }
                object::remove(&mut n, "metadata.resourceVersion");
                let _ = cluster.api_update(n);
            }
            cluster.record_event(&node, "Normal", "NodeReady", &format!("Node {name} status is now: NodeReady"), "kubelet");
            continue;
        }
        if !alive && status != "Unknown" && now - last > GRACE {
            let mut upd = Value::clone(&node);
            if let Some(cs) = object::entry(&mut upd, "status.conditions").as_array_mut() {
                for c in cs.iter_mut() {
                    object::set(c, "status", json!("Unknown"));
                    object::set(c, "reason", json!("NodeStatusUnknown"));
                    object::set(c, "message", json!("Kubelet stopped posting node status."));
                    object::set(c, "lastTransitionTime", json!(stamp));
                }
            }
            let _ = cluster.api_update_status(&upd);
            let mut n = cluster.api_get("Node", "", &name).cloned().unwrap_or(upd.clone());
            let taints = object::entry(&mut n, "spec.taints");
            if !taints.is_array() {
                *taints = json!([]);
            }
            if let Some(a) = taints.as_array_mut() {
                a.push(json!({"effect": "NoSchedule", "key": UNREACHABLE, "timeAdded": stamp}));
                a.push(json!({"effect": "NoExecute", "key": UNREACHABLE, "timeAdded": stamp}));
            }
            object::remove(&mut n, "metadata.resourceVersion");
            let _ = cluster.api_update(n);
            cluster.record_event(&node, "Normal", "NodeNotReady", &format!("Node {name} status is now: NodeNotReady"), "node-controller");
        }
        evict(cluster, &name, now);
    }
}

/// Deletes the pods on `node` whose toleration of its NoExecute taints ran out.
fn evict(cluster: &mut Cluster, node: &str, now: i64) {
    let Ok(n) = cluster.api_get("Node", "", node) else { return };
    let taints = no_execute_taints(n);
    if taints.is_empty() {
        return;
    }
    let pods: Vec<Value> = cluster
        .api
        .store
        .pods_on_node(node)
        .into_iter()
        .filter(|p| object::get(p, "metadata.deletionTimestamp").is_none())
        .cloned()
        .collect();
    for pod in pods {
        if eviction_due(&taints, &pod, now).map_or(true, |d| now < d) {
            continue;
        }
        let (ns, name) = (object::namespace(&pod).to_string(), object::name(&pod).to_string());
        cluster.record_event(&pod, "Normal", "TaintManagerEviction", &format!("Marking for deletion Pod {ns}/{name}"), "taint-eviction-controller");
        let _ = cluster.api_delete("Pod", &ns, &name, &DeleteOptions::default());
    }
}

/// The NoExecute taints of `node`.
pub fn no_execute_taints(node: &Value) -> Vec<Value> {
    object::get(node, "spec.taints")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter(|t| t["effect"] == "NoExecute").cloned().collect())
        .unwrap_or_default()
}

/// When `pod` is evicted because of `taints` (its node's NoExecute taints): the earliest
/// `timeAdded` of a taint it does not tolerate, or `timeAdded + tolerationSeconds` of one it
/// tolerates for a while; `None` when it tolerates them all forever.
pub fn eviction_due(taints: &[Value], pod: &Value, now: i64) -> Option<i64> {
    let tolerations: Vec<Value> = object::get(pod, "spec.tolerations").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut due: Option<i64> = None;
    for t in taints {
        let added = object::get_str(t, "timeAdded").and_then(crate::clock::parse_rfc3339).unwrap_or(now);
        let matching: Vec<&Value> = tolerations.iter().filter(|tol| super::scheduler::tolerates(std::slice::from_ref(tol), t)).collect();
        if matching.is_empty() {
            due = Some(due.map_or(added, |d| d.min(added)));
            continue;
        }
        // The shortest tolerationSeconds wins; one without it tolerates forever.
        let secs = matching.iter().filter_map(|tol| tol.get("tolerationSeconds").and_then(Value::as_i64)).min();
        if matching.iter().all(|tol| tol.get("tolerationSeconds").is_some()) {
            let at = added + secs.unwrap_or(0).max(0);
            due = Some(due.map_or(at, |d| d.min(at)));
        }
    }
    due
}
