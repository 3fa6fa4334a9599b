//! The Deployment and ReplicaSet controllers: a Deployment owns one ReplicaSet per pod
//! template (named `<deployment>-<pod-template-hash>`); a ReplicaSet keeps `replicas`
//! active pods (`<replicaset>-<5 chars>`).

use serde_json::{json, Value};

use crate::apiserver::{controller_ref, owner_refs, DeleteOptions};
use crate::cluster::Cluster;
use crate::object;

const HASH_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// A 10-character `pod-template-hash` of a pod template (FNV-1a over its JSON).
pub fn template_hash(template: &Value) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in template.to_string().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..10)
        .map(|_| {
            let c = HASH_ALPHABET[(h % HASH_ALPHABET.len() as u64) as usize] as char;
            h /= HASH_ALPHABET.len() as u64;
            h ^= h.rotate_left(17).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            c
        })
        .collect()
}

fn owned_by<'a>(cluster: &'a Cluster, kind: &str, ns: &str, uid: &str) -> Vec<&'a Value> {
    // The store's owner index, in (kind, namespace, name) order: for one kind and namespace,
    // the order of `api_list(kind, Some(ns))`.
    cluster
        .api
        .store
        .owned_by(uid)
        .into_iter()
        .filter(|o| object::kind(o) == kind && object::namespace(o) == ns)
        .filter(|o| owner_refs(o).iter().any(|r| r["uid"] == uid && r["controller"] == true))
        .collect()
}

fn without_hash(template: &Value) -> Value {
    let mut t = template.clone();
    if let Some(l) = t.pointer_mut("/metadata/labels").and_then(Value::as_object_mut) {
        l.remove("pod-template-hash");
    }
    t
}

fn replicas(obj: &Value) -> i64 {
    object::get(obj, "spec.replicas").and_then(Value::as_i64).unwrap_or(1)
}

fn status_i(obj: &Value, f: &str) -> i64 {
    object::get(obj, &format!("status.{f}")).and_then(Value::as_i64).unwrap_or(0)
}

/// One pass of the Deployment controller.
pub fn deployments(cluster: &mut Cluster) {
    // A pass reads only these kinds, and its clock only for what it writes: with none of them
    // changed since its last pass (which then wrote nothing), it would write nothing again.
    if !super::kinds_changed_since_last_run(cluster, "deployment", &["Deployment", "ReplicaSet", "Pod"]) {
        return;
    }
    let deploys: Vec<Value> = cluster.api_list("Deployment", None).into_iter().filter(|d| object::get(d, "metadata.deletionTimestamp").is_none()).cloned().collect();
    for d in deploys {
        sync_deployment(cluster, &d);
    }
}

fn scale_event(cluster: &mut Cluster, d: &Value, rs: &str, from: i64, to: i64) {
    let dir = if to > from { "up" } else { "down" };
    cluster.record_event(d, "Normal", "ScalingReplicaSet", &format!("Scaled {dir} replica set {rs} from {from} to {to}"), "deployment-controller");
}

const REVISION: &str = "deployment.kubernetes.io/revision";

fn revision_of(rs: &Value) -> i64 {
    rs.pointer("/metadata/annotations/deployment.kubernetes.io~1revision").and_then(Value::as_str).and_then(|r| r.parse().ok()).unwrap_or(0)
}

/// An `IntOrString` of the rolling-update strategy against `total` replicas: percentages round
/// up for maxSurge and down for maxUnavailable (`intstr.GetScaledValueFromIntOrPercent`).
fn scaled(v: Option<&Value>, total: i64, round_up: bool) -> i64 {
    match v {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
        Some(Value::String(s)) => {
            let pct = s.strip_suffix('%').and_then(|p| p.parse::<i64>().ok()).unwrap_or(0);
            if round_up {
                (pct * total + 99) / 100
            } else {
                pct * total / 100
            }
        }
        _ => {
            if round_up {
                (25 * total + 99) / 100
            } else {
                25 * total / 100
            }
        }
    }
}

/// `(maxSurge, maxUnavailable)` of a Deployment (`deploymentutil.ResolveFenceposts`).
pub fn rolling_params(d: &Value, want: i64) -> (i64, i64) {
    if object::get_str(d, "spec.strategy.type") == Some("Recreate") {
        return (0, 0);
    }
    let surge = scaled(object::get(d, "spec.strategy.rollingUpdate.maxSurge"), want, true);
    let unavailable = scaled(object::get(d, "spec.strategy.rollingUpdate.maxUnavailable"), want, false);
    if surge == 0 && unavailable == 0 {
        return (0, 1);
    }
    (surge, unavailable.min(want))
}

fn set_replicas(cluster: &mut Cluster, d: &Value, rs: &Value, to: i64, surge: i64) {
    let had = replicas(rs);
    let want = replicas(d);
    let ns = object::namespace(rs).to_string();
    let patch = json!({"metadata": {"annotations": {"deployment.kubernetes.io/desired-replicas": want.to_string(),
        "deployment.kubernetes.io/max-replicas": (want + surge).to_string()}}, "spec": {"replicas": to}});
    if had != to && cluster.api_patch("ReplicaSet", &ns, object::name(rs), &patch).is_ok() {
        scale_event(cluster, d, object::name(rs), had, to);
    }
}

fn sync_deployment(cluster: &mut Cluster, d: &Value) {
    let ns = object::namespace(d).to_string();
    let name = object::name(d).to_string();
    let uid = object::uid(d).to_string();
    let template = object::get(d, "spec.template").cloned().unwrap_or_default();
    let want = replicas(d);
    let recreate = object::get_str(d, "spec.strategy.type") == Some("Recreate");
    let (surge, max_unavailable) = rolling_params(d, want);
    let mut sets: Vec<Value> = owned_by(cluster, "ReplicaSet", &ns, &uid).into_iter().cloned().collect();
    crate::sort::sort_by(&mut sets, |a, b| object::get_str(a, "metadata.creationTimestamp").cmp(&object::get_str(b, "metadata.creationTimestamp")).then(object::name(a).cmp(object::name(b))));
    let hashed_name = format!("{name}-{}", template_hash(&template));
    let current = sets
        .iter()
        .find(|rs| object::get(rs, "spec.template").map(without_hash) == Some(without_hash(&template)))
        .or_else(|| sets.iter().find(|rs| object::name(rs) == hashed_name))
        .cloned();
    let old: Vec<Value> = sets.iter().filter(|rs| !current.as_ref().is_some_and(|c| object::uid(c) == object::uid(rs))).cloned().collect();
    let revision = old.iter().map(revision_of).max().unwrap_or(0) + 1;
    let old_total: i64 = old.iter().map(replicas).sum();
    // Recreate: every old pod goes before the new ReplicaSet gets any.
    if recreate {
        let mut scaled_down = false;
        for rs in old.iter().filter(|rs| replicas(rs) > 0) {
            set_replicas(cluster, d, rs, 0, surge);
            scaled_down = true;
        }
        let old_uids: Vec<&str> = old.iter().map(object::uid).collect();
        let old_running = cluster.api_list("Pod", Some(&ns)).into_iter().any(|p| {
            owner_refs(p).iter().any(|r| r["controller"] == true && r["uid"].as_str().is_some_and(|u| old_uids.contains(&u)))
                && !matches!(object::get_str(p, "status.phase"), Some("Succeeded" | "Failed"))
        });
        if scaled_down || old_running {
            if let Some(rs) = current.as_ref() {
                deployment_status(cluster, d, rs, want, revision);
            }
            return;
        }
    }
    let new_rs = match current {
        Some(rs) => {
            if revision_of(&rs) < revision {
                let _ = cluster.api_patch("ReplicaSet", &ns, object::name(&rs), &json!({"metadata": {"annotations": {REVISION: revision.to_string()}}}));
            }
            rs
        }
        None => {
            let hash = template_hash(&template);
            let rs_name = format!("{name}-{hash}");
            let mut t = template.clone();
            object::set(&mut t, "metadata.labels.pod-template-hash", json!(hash));
            let mut labels = object::get(&t, "metadata.labels").cloned().unwrap_or_else(|| json!({}));
            if !labels.is_object() {
                labels = json!({});
            }
            let mut selector = object::get(d, "spec.selector").cloned().unwrap_or_else(|| json!({}));
            object::set(&mut selector, "matchLabels.pod-template-hash", json!(hash));
            let start = if recreate { want } else { (want + surge - old_total).clamp(0, want) };
            let rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": {"name": rs_name, "namespace": ns, "labels": labels,
                    "annotations": {"deployment.kubernetes.io/desired-replicas": want.to_string(),
                        "deployment.kubernetes.io/max-replicas": (want + surge).to_string(),
                        REVISION: revision.to_string()},
                    "ownerReferences": [controller_ref(d)]},
                "spec": {"replicas": start, "selector": selector, "template": t}});
            match cluster.api_create(rs) {
                Ok(rs) => {
                    if start > 0 {
                        scale_event(cluster, d, &rs_name, 0, start);
                    }
                    deployment_status(cluster, d, &rs, want, revision);
                    return;
                }
                Err(_) => return,
            }
        }
    };
    let new_replicas = replicas(&new_rs);
    if recreate || new_replicas > want {
        set_replicas(cluster, d, &new_rs, want, surge);
    } else if new_replicas < want && new_replicas + old_total < want + surge {
        // Surge: the new ReplicaSet grows while the total stays within replicas + maxSurge.
        let up = (want + surge - new_replicas - old_total).min(want - new_replicas);
        set_replicas(cluster, d, &new_rs, new_replicas + up, surge);
    } else if old_total > 0 {
        scale_down_old(cluster, d, &new_rs, &old, want, surge, max_unavailable);
    }
    deployment_status(cluster, d, &new_rs, want, revision);
}

/// `reconcileOldReplicaSets`: old ReplicaSets shrink while at least `replicas - maxUnavailable`
/// pods stay available, their unhealthy pods first, oldest ReplicaSet first.
fn scale_down_old(cluster: &mut Cluster, d: &Value, new_rs: &Value, old: &[Value], want: i64, surge: i64, max_unavailable: i64) {
    let all: i64 = old.iter().map(replicas).sum::<i64>() + replicas(new_rs);
    let min_available = want - max_unavailable;
    let new_unavailable = replicas(new_rs) - status_i(new_rs, "availableReplicas");
    let mut budget = all - min_available - new_unavailable;
    if budget <= 0 {
        return;
    }
    let mut sizes: Vec<i64> = old.iter().map(replicas).collect();
    for (rs, size) in old.iter().zip(sizes.iter_mut()) {
        let unhealthy = (*size - status_i(rs, "availableReplicas")).max(0).min(budget);
        if unhealthy > 0 {
            set_replicas(cluster, d, rs, *size - unhealthy, surge);
            *size -= unhealthy;
            budget -= unhealthy;
        }
    }
    let available: i64 = old.iter().zip(&sizes).map(|(rs, size)| status_i(rs, "availableReplicas").min(*size)).sum::<i64>() + status_i(new_rs, "availableReplicas");
    let mut total = available - min_available;
    for (rs, size) in old.iter().zip(sizes) {
        if total <= 0 {
            break;
        }
        let down = size.min(total);
        if down > 0 {
            set_replicas(cluster, d, rs, size - down, surge);
            total -= down;
        }
    }
}

fn deployment_status(cluster: &mut Cluster, d: &Value, new_rs: &Value, want: i64, revision: i64) {
    let ns = object::namespace(d).to_string();
    let name = object::name(d).to_string();
    let uid = object::uid(d).to_string();
    let shown = d.pointer("/metadata/annotations/deployment.kubernetes.io~1revision").and_then(Value::as_str);
    let rev = revision_of(new_rs).max(revision).to_string();
    if shown != Some(rev.as_str()) {
        let _ = cluster.api_patch("Deployment", &ns, &name, &json!({"metadata": {"annotations": {REVISION: rev}}}));
    }
    let d = cluster.api_get("Deployment", &ns, &name).cloned().unwrap_or_else(|_| d.clone());
    let d = &d;
    let new_rs = cluster.api_get("ReplicaSet", &ns, object::name(new_rs)).cloned().unwrap_or_else(|_| new_rs.clone());
    // Status.
    let sets: Vec<Value> = owned_by(cluster, "ReplicaSet", &ns, &uid).into_iter().cloned().collect();
    let sum = |f: &str| sets.iter().map(|rs| status_i(rs, f)).sum::<i64>();
    let (total, ready, available) = (sum("replicas"), sum("readyReplicas"), sum("availableReplicas"));
    let updated = sets.iter().find(|rs| object::uid(rs) == object::uid(&new_rs)).map_or(0, |rs| status_i(rs, "replicas"));
    let now = cluster.clock.rfc3339();
    let old_conds: Vec<Value> = object::get(d, "status.conditions").and_then(Value::as_array).cloned().unwrap_or_default();
    let cond = |t: &str, ok: bool, reason: &str, msg: String| {
        let status = if ok { "True" } else { "False" };
        let prev = old_conds.iter().find(|c| c["type"] == t);
        let same = prev.is_some_and(|c| c["status"] == status && c["reason"] == reason && c["message"] == msg.as_str());
        let since = prev.filter(|c| c["status"] == status).and_then(|c| c.get("lastTransitionTime").cloned()).unwrap_or_else(|| json!(now));
        let upd = if same { prev.and_then(|c| c.get("lastUpdateTime").cloned()).unwrap_or_else(|| json!(now)) } else { json!(now) };
        json!({"lastTransitionTime": since, "lastUpdateTime": upd, "message": msg, "reason": reason, "status": status, "type": t})
    };
    let rs_name = object::name(&new_rs).to_string();
    let avail = available >= want - rolling_params(d, want).1;
    let progressed = updated == want && available >= want && total == want;
    let mut conds = vec![
        if avail {
            cond("Available", true, "MinimumReplicasAvailable", "Deployment has minimum availability.".into())
        } else {
            cond("Available", false, "MinimumReplicasUnavailable", "Deployment does not have minimum availability.".into())
        },
        if progressed {
            cond("Progressing", true, "NewReplicaSetAvailable", format!("ReplicaSet \"{rs_name}\" has successfully progressed."))
        } else {
            cond("Progressing", true, "ReplicaSetUpdated", format!("ReplicaSet \"{rs_name}\" is progressing."))
        },
    ];
    crate::sort::sort_by(&mut conds, |a, b| a["type"].as_str().cmp(&b["type"].as_str()));
    let mut st = json!({"conditions": conds, "observedGeneration": object::get(d, "metadata.generation").cloned().unwrap_or(json!(1)),
        "replicas": total, "updatedReplicas": updated});
    if ready > 0 {
        object::set(&mut st, "readyReplicas", json!(ready));
    }
    if available > 0 {
        object::set(&mut st, "availableReplicas", json!(available));
    }
    if total - available > 0 {
        object::set(&mut st, "unavailableReplicas", json!(total - available));
    }
    if total == 0 {
        object::remove(&mut st, "replicas");
        object::remove(&mut st, "updatedReplicas");
    }
    let mut upd = d.clone();
    object::set(&mut upd, "status", st);
    if let Ok(cur) = cluster.api_get("Deployment", &ns, &name) {
        if cur.get("status") != upd.get("status") {
            let _ = cluster.api_update_status(&upd);
        }
    }
}

fn pod_ready(p: &Value) -> bool {
    object::get(p, "status.conditions").and_then(Value::as_array).is_some_and(|cs| cs.iter().any(|c| c["type"] == "Ready" && c["status"] == "True"))
}

/// One pass of the ReplicaSet controller.
pub fn replicasets(cluster: &mut Cluster) {
    // As for Deployments: a pass is a function of these kinds alone.
    if !super::kinds_changed_since_last_run(cluster, "replicaset", &["ReplicaSet", "Pod"]) {
        return;
    }
    let sets: Vec<Value> = cluster.api_list("ReplicaSet", None).into_iter().filter(|d| object::get(d, "metadata.deletionTimestamp").is_none()).cloned().collect();
    for rs in sets {
        sync_rs(cluster, &rs);
    }
}

fn sync_rs(cluster: &mut Cluster, rs: &Value) {
    let ns = object::namespace(rs).to_string();
    let name = object::name(rs).to_string();
    let want = replicas(rs);
    let pods: Vec<Value> = owned_by(cluster, "Pod", &ns, object::uid(rs)).into_iter().cloned().collect();
    let active: Vec<&Value> = pods
        .iter()
        .filter(|p| object::get(p, "metadata.deletionTimestamp").is_none() && !matches!(object::get_str(p, "status.phase"), Some("Succeeded" | "Failed")))
        .collect();
    let have = active.len() as i64;
    if have < want {
        let template = object::get(rs, "spec.template").cloned().unwrap_or_default();
        for _ in have..want {
            let pod_name = format!("{name}-{}", cluster.ids.suffix(5));
            let mut meta = template.get("metadata").cloned().unwrap_or_else(|| json!({}));
            if !meta.is_object() {
                meta = json!({});
            }
            object::set(&mut meta, "name", json!(pod_name));
            object::set(&mut meta, "generateName", json!(format!("{name}-")));
            object::set(&mut meta, "namespace", json!(ns));
            object::set(&mut meta, "ownerReferences", json!([controller_ref(rs)]));
            let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": template.get("spec").cloned().unwrap_or_default()});
            match cluster.api_create(pod) {
                Ok(_) => {
                    cluster.record_event(rs, "Normal", "SuccessfulCreate", &format!("Created pod: {pod_name}"), "replicaset-controller");
                }
                Err(e) => {
                    cluster.record_event(rs, "Warning", "FailedCreate", &format!("Error creating: {}", e.message), "replicaset-controller");
                    break;
                }
            }
        }
    } else if have > want {
        let mut doomed: Vec<&Value> = active.clone();
        // Unscheduled, then not ready, then newest first.
        crate::sort::sort_by_key(&mut doomed, |p| {
            (
                object::get_str(p, "spec.nodeName").is_some_and(|n| !n.is_empty()),
                pod_ready(p),
                std::cmp::Reverse(object::get_str(p, "metadata.creationTimestamp").unwrap_or("").to_string()),
            )
        });
        let names: Vec<String> = doomed.iter().take((have - want) as usize).map(|p| object::name(p).to_string()).collect();
        for n in names {
            if cluster.api_delete("Pod", &ns, &n, &DeleteOptions::default()).is_ok() {
                cluster.record_event(rs, "Normal", "SuccessfulDelete", &format!("Deleted pod: {n}"), "replicaset-controller");
            }
        }
    }
    let pods: Vec<Value> = owned_by(cluster, "Pod", &ns, object::uid(rs)).into_iter().cloned().collect();
    let active: Vec<&Value> = pods
        .iter()
        .filter(|p| object::get(p, "metadata.deletionTimestamp").is_none() && !matches!(object::get_str(p, "status.phase"), Some("Succeeded" | "Failed")))
        .collect();
    let ready = active.iter().filter(|p| pod_ready(p)).count() as i64;
    let mut st = json!({"fullyLabeledReplicas": active.len(), "observedGeneration": object::get(rs, "metadata.generation").cloned().unwrap_or(json!(1)), "replicas": active.len()});
    if ready > 0 {
        object::set(&mut st, "readyReplicas", json!(ready));
        object::set(&mut st, "availableReplicas", json!(ready));
    }
    if active.is_empty() {
        object::remove(&mut st, "fullyLabeledReplicas");
    }
    if let Ok(cur) = cluster.api_get("ReplicaSet", &ns, &name) {
        if cur.get("status") != Some(&st) {
            let mut upd = cur.clone();
            object::set(&mut upd, "status", st);
            let _ = cluster.api_update_status(&upd);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rolling_params;
    use serde_json::json;

    #[test]
    fn surge_rounds_up_and_unavailable_down() {
        let d = |strategy: serde_json::Value| json!({"spec": {"strategy": strategy}});
        assert_eq!(rolling_params(&d(json!({})), 3), (1, 0));
        assert_eq!(rolling_params(&d(json!({})), 4), (1, 1));
        assert_eq!(rolling_params(&d(json!({})), 10), (3, 2));
        assert_eq!(rolling_params(&d(json!({"rollingUpdate": {"maxSurge": 2, "maxUnavailable": 0}})), 4), (2, 0));
        assert_eq!(rolling_params(&d(json!({"rollingUpdate": {"maxSurge": "50%", "maxUnavailable": "50%"}})), 3), (2, 1));
        // Both zero: one may be unavailable, or nothing could ever move.
        assert_eq!(rolling_params(&d(json!({"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}})), 3), (0, 1));
        assert_eq!(rolling_params(&d(json!({"type": "Recreate"})), 3), (0, 0));
    }
}
