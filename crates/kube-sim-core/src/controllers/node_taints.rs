//! The node lifecycle controller's NoSchedule pass for cordoned nodes: a node with
//! `spec.unschedulable` gets the `node.kubernetes.io/unschedulable:NoSchedule` taint, and
//! loses it when uncordoned. (The node-failure work adds the condition-based taints here.)

use serde_json::{json, Value};

use crate::cluster::Cluster;
use crate::object;

/// The taint key of a cordoned node.
pub const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";

/// One pass over the nodes.
pub fn reconcile(cluster: &mut Cluster) {
    if !super::kinds_changed_since_last_run(cluster, "node-lifecycle-taints", &["Node"]) {
        return;
    }
    let now = cluster.clock.rfc3339();
    let nodes: Vec<Value> = cluster.api_list("Node", None).into_iter().cloned().collect();
    for mut node in nodes {
        let want = object::get(&node, "spec.unschedulable").and_then(Value::as_bool).unwrap_or(false);
        let taints: Vec<Value> = object::get(&node, "spec.taints").and_then(Value::as_array).cloned().unwrap_or_default();
        let has = taints.iter().any(|t| object::get_str(t, "key") == Some(UNSCHEDULABLE));
        if want == has {
            continue;
        }
        let mut new: Vec<Value> = taints.into_iter().filter(|t| object::get_str(t, "key") != Some(UNSCHEDULABLE)).collect();
        if want {
            new.push(json!({"effect": "NoSchedule", "key": UNSCHEDULABLE, "timeAdded": now}));
        }
        if new.is_empty() {
            object::remove(&mut node, "spec.taints");
        } else {
            object::set(&mut node, "spec.taints", Value::Array(new));
        }
        object::remove(&mut node, "metadata.resourceVersion");
        let _ = cluster.api_update(node);
    }
    super::kinds_changed_since_last_run(cluster, "node-lifecycle-taints", &["Node"]);
}
