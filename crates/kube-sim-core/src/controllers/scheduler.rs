//! The default scheduler: binds pending pods to a node that fits (taints and tolerations,
//! cordons, nodeSelector, PV node affinity, WaitForFirstConsumer claims), preferring the
//! node with the fewest pods, then the first by name.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::cluster::Cluster;
use crate::object;

/// The component name of scheduler events.
pub const COMPONENT: &str = "default-scheduler";

/// One scheduling pass.
pub fn reconcile(cluster: &mut Cluster) {
    // The pods without a node, from the store's index (`spec.nodeName` unset or "").
    let pending: Vec<Value> = cluster
        .api
        .store
        .pods_on_node("")
        .into_iter()
        .filter(|p| {
            object::get(p, "metadata.deletionTimestamp").is_none()
                && object::get_str(p, "spec.schedulerName").map_or(true, |s| s == COMPONENT)
        })
        .cloned()
        .collect();
    if pending.is_empty() {
        return;
    }
    let nodes: Vec<Value> = cluster.api_list("Node", None).into_iter().cloned().collect();
    let mut load: BTreeMap<String, usize> = BTreeMap::new();
    for p in cluster.api_list("Pod", None) {
        if let Some(n) = object::get_str(p, "spec.nodeName").filter(|n| !n.is_empty()) {
            if !matches!(object::get_str(p, "status.phase"), Some("Succeeded" | "Failed")) {
                *load.entry(n.to_string()).or_default() += 1;
            }
        }
    }
    for pod in pending {
        schedule(cluster, &pod, &nodes, &mut load);
    }
}

/// Whether `tolerations` tolerate `taint`.
pub fn tolerates(tolerations: &[Value], taint: &Value) -> bool {
    let key = object::get_str(taint, "key").unwrap_or("");
    let value = object::get_str(taint, "value").unwrap_or("");
    let effect = object::get_str(taint, "effect").unwrap_or("");
    tolerations.iter().any(|t| {
        let tkey = object::get_str(t, "key").unwrap_or("");
        let op = object::get_str(t, "operator").unwrap_or("Equal");
        let teffect = object::get_str(t, "effect").unwrap_or("");
        let key_ok = tkey.is_empty() && op == "Exists" || tkey == key;
        let value_ok = op == "Exists" || object::get_str(t, "value").unwrap_or("") == value;
        let effect_ok = teffect.is_empty() || teffect == effect;
        key_ok && value_ok && effect_ok
    })
}

fn matches_terms(node: &Value, terms: &Value) -> bool {
    let labels = node.pointer("/metadata/labels").cloned().unwrap_or_default();
    let Some(terms) = terms.as_array() else { return true };
    terms.iter().any(|term| {
        term.get("matchExpressions").and_then(Value::as_array).map_or(true, |exprs| {
            exprs.iter().all(|e| {
                let key = object::get_str(e, "key").unwrap_or("");
                let vals: Vec<&str> = e.get("values").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
                let have = labels.get(key).and_then(Value::as_str);
                match object::get_str(e, "operator").unwrap_or("") {
                    "In" => have.is_some_and(|h| vals.contains(&h)),
                    "NotIn" => have.map_or(true, |h| !vals.contains(&h)),
                    "Exists" => have.is_some(),
                    "DoesNotExist" => have.is_none(),
                    _ => false,
                }
            })
        })
    })
}

enum Claims {
    /// Bound claims' PVs.
    Ready(Vec<Value>),
    /// Claims that wait for a node to be chosen (WaitForFirstConsumer).
    Delayed(Vec<String>, Vec<Value>),
    /// Cannot schedule: the message's reason.
    Blocked(String),
}

fn claims(cluster: &Cluster, pod: &Value) -> Claims {
    let ns = object::namespace(pod);
    let mut pvs = Vec::new();
    let mut delayed = Vec::new();
    for v in object::get(pod, "spec.volumes").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]) {
        let Some(claim) = object::get_str(v, "persistentVolumeClaim.claimName") else { continue };
        let Ok(pvc) = cluster.api_get("PersistentVolumeClaim", ns, claim) else {
            return Claims::Blocked(format!("persistentvolumeclaim \"{claim}\" not found"));
        };
        if object::get(pvc, "metadata.deletionTimestamp").is_some() {
            return Claims::Blocked(format!("persistentvolumeclaim \"{claim}\" is being deleted"));
        }
        match object::get_str(pvc, "spec.volumeName").filter(|s| !s.is_empty()) {
            Some(pv) => {
                if let Ok(pv) = cluster.api_get("PersistentVolume", "", pv) {
                    pvs.push(pv.clone());
                }
            }
            None => {
                let class = object::get_str(pvc, "spec.storageClassName").unwrap_or("");
                let wffc = cluster
                    .api_get("StorageClass", "", class)
                    .ok()
                    .and_then(|sc| object::get_str(sc, "volumeBindingMode"))
                    .is_some_and(|m| m == "WaitForFirstConsumer");
                if !wffc {
                    return Claims::Blocked("pod has unbound immediate PersistentVolumeClaims".into());
                }
                delayed.push(claim.to_string());
            }
        }
    }
    if delayed.is_empty() {
        Claims::Ready(pvs)
    } else {
        Claims::Delayed(delayed, pvs)
    }
}

fn schedule(cluster: &mut Cluster, pod: &Value, nodes: &[Value], load: &mut BTreeMap<String, usize>) {
    let ns = object::namespace(pod).to_string();
    let name = object::name(pod).to_string();
    let total = nodes.len();
    let (pvs, delayed) = match claims(cluster, pod) {
        Claims::Ready(p) => (p, Vec::new()),
        Claims::Delayed(d, p) => (p, d),
        Claims::Blocked(reason) => {
            let msg = format!("0/{total} nodes are available: {reason}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling.");
            unschedulable(cluster, pod, &msg);
            return;
        }
    };
    let tolerations: Vec<Value> = object::get(pod, "spec.tolerations").and_then(Value::as_array).cloned().unwrap_or_default();
    let selector = object::get(pod, "spec.nodeSelector").and_then(Value::as_object).cloned().unwrap_or_default();
    let affinity = object::get(pod, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms").cloned();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut fits = Vec::new();
    for node in nodes {
        let taints: Vec<Value> = object::get(node, "spec.taints").and_then(Value::as_array).cloned().unwrap_or_default();
        let bad_taint = taints.iter().find(|t| {
            matches!(object::get_str(t, "effect"), Some("NoSchedule" | "NoExecute")) && !tolerates(&tolerations, t)
        });
        let labels = node.pointer("/metadata/labels").cloned().unwrap_or_default();
        let reason = if object::get(node, "spec.unschedulable").and_then(Value::as_bool).unwrap_or(false)
            && !tolerates(&tolerations, &json!({"key": super::node_taints::UNSCHEDULABLE, "effect": "NoSchedule"}))
        {
            Some("node(s) were unschedulable".to_string())
        } else if let Some(t) = bad_taint {
            Some(format!("node(s) had untolerated taint {{{}: {}}}", object::get_str(t, "key").unwrap_or(""), object::get_str(t, "value").unwrap_or("")))
        } else if !selector.iter().all(|(k, v)| labels.get(k) == Some(v)) || affinity.as_ref().is_some_and(|t| !matches_terms(node, t)) {
            Some("node(s) didn't match Pod's node affinity/selector".to_string())
        } else if pvs.iter().any(|pv| object::get(pv, "spec.nodeAffinity.required.nodeSelectorTerms").is_some_and(|t| !matches_terms(node, t))) {
            Some("node(s) had volume node affinity conflict".to_string())
        } else {
            None
        };
        match reason {
            Some(r) => *reasons.entry(r).or_default() += 1,
            None => fits.push(object::name(node).to_string()),
        }
    }
    if fits.is_empty() {
        // The scheduler sorts the "N reason" strings themselves.
        let mut parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
        crate::sort::sort(&mut parts);
        let msg = format!("0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling.", parts.join(", "));
        unschedulable(cluster, pod, &msg);
        return;
    }
    let mut ranked: Vec<(usize, String)> = fits.iter().map(|n| (load.get(n).copied().unwrap_or(0), n.clone())).collect();
    crate::sort::sort(&mut ranked);
    let Some((_, node)) = ranked.into_iter().next() else { return };
    if !delayed.is_empty() {
        for claim in delayed {
            let has = cluster
                .api_get("PersistentVolumeClaim", &ns, &claim)
                .ok()
                .and_then(|pvc| pvc.pointer("/metadata/annotations/volume.kubernetes.io~1selected-node"))
                .is_some();
            if !has {
                let patch = json!({"metadata": {"annotations": {"volume.kubernetes.io/selected-node": node}}});
                let _ = cluster.api_patch("PersistentVolumeClaim", &ns, &claim, &patch);
            }
        }
        return;
    }
    if cluster.api_bind_pod(&ns, &name, &node).is_ok() {
        *load.entry(node.clone()).or_default() += 1;
        cluster.record_event(pod, "Normal", "Scheduled", &format!("Successfully assigned {ns}/{name} to {node}"), COMPONENT);
    }
}

/// Records FailedScheduling (once per distinct message) and the PodScheduled=False condition.
fn unschedulable(cluster: &mut Cluster, pod: &Value, msg: &str) {
    let conds: Vec<Value> = object::get(pod, "status.conditions").and_then(Value::as_array).cloned().unwrap_or_default();
    if conds.iter().any(|c| c["type"] == "PodScheduled" && c["message"] == msg) {
        return;
    }
    cluster.record_event(pod, "Warning", "FailedScheduling", msg, COMPONENT);
    let mut new: Vec<Value> = conds.into_iter().filter(|c| c["type"] != "PodScheduled").collect();
    new.push(json!({"lastProbeTime": null, "lastTransitionTime": cluster.clock.rfc3339(), "message": msg, "reason": "Unschedulable", "status": "False", "type": "PodScheduled"}));
    let mut p = pod.clone();
    object::set(&mut p, "status.conditions", Value::Array(new));
    object::set(&mut p, "status.phase", json!("Pending"));
    let _ = cluster.api_update_status(&p);
}
