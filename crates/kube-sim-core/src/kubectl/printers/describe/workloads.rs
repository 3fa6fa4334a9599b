//! Deployment, ReplicaSet and pod template describe.

use serde_json::Value;

use super::pod::{describe_containers, tolerations_multiline};
use super::volumes::describe_volumes;
use super::{annotations_multiline, describe_events, labels_multiline, object_events, w, W};
use crate::kubectl::printers::util::{arr, controller_of, date_at, format_label_selector, int, map, s, scalar, selector_string, v};

/// `DescribePodTemplate`.
pub fn describe_pod_template(w: &mut W, template: Option<&Value>) {
    w.write(0, "Pod Template:\n");
    let Some(t) = template else {
        w.write(1, "<unset>");
        return;
    };
    labels_multiline(w, "  Labels", map(t, "metadata.labels"));
    if map(t, "metadata.annotations").is_some_and(|m| !m.is_empty()) {
        annotations_multiline(w, "  Annotations", map(t, "metadata.annotations"));
    }
    if !s(t, "spec.serviceAccountName").is_empty() {
        w!(w, 1, "Service Account:\t{}\n", s(t, "spec.serviceAccountName"));
    }
    let init = arr(t, "spec.initContainers");
    if !init.is_empty() {
        describe_containers(w, "Init Containers", init, None, None, "  ");
    }
    describe_containers(w, "Containers", arr(t, "spec.containers"), None, None, "  ");
    describe_volumes(w, arr(t, "spec.volumes"), "  ");
    if !s(t, "spec.priorityClassName").is_empty() {
        w!(w, 1, "Priority Class Name:\t{}\n", s(t, "spec.priorityClassName"));
    }
    labels_multiline(w, "  Node-Selectors", map(t, "spec.nodeSelector"));
    tolerations_multiline(w, "  Tolerations", arr(t, "spec.tolerations"));
}

fn conditions(w: &mut W, o: &Value) {
    let conds = arr(o, "status.conditions");
    if !conds.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for c in conds {
            w!(w, 1, "{} \t{}\t{}\n", s(c, "type"), s(c, "status"), s(c, "reason"));
        }
    }
}

fn replicas(o: &Value) -> i64 {
    v(o, "spec.replicas").and_then(Value::as_i64).unwrap_or(1)
}

/// The template of a ReplicaSet without its `pod-template-hash` label, for comparison.
fn template_without_hash(rs: &Value) -> Value {
    let mut t = v(rs, "spec.template").cloned().unwrap_or(Value::Null);
    if let Some(labels) = t.pointer_mut("/metadata/labels").and_then(Value::as_object_mut) {
        labels.remove("pod-template-hash");
        if labels.is_empty() {
            if let Some(meta) = t.pointer_mut("/metadata").and_then(Value::as_object_mut) {
                meta.remove("labels");
            }
        }
    }
    t
}

/// Describes a Deployment; its ReplicaSets are the ones it controls in `all`.
pub fn describe_deployment(w: &mut W, d: &Value, all: &[&Value], now: i64) {
    w!(w, 0, "Name:\t{}\n", s(d, "metadata.name"));
    w!(w, 0, "Namespace:\t{}\n", s(d, "metadata.namespace"));
    w!(w, 0, "CreationTimestamp:\t{}\n", date_at(d, "metadata.creationTimestamp"));
    labels_multiline(w, "Labels", map(d, "metadata.labels"));
    annotations_multiline(w, "Annotations", map(d, "metadata.annotations"));
    w!(w, 0, "Selector:\t{}\n", selector_string(v(d, "spec.selector")).unwrap_or_default());
    w!(
        w,
        0,
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
        replicas(d),
        int(d, "status.updatedReplicas"),
        int(d, "status.replicas"),
        int(d, "status.availableReplicas"),
        int(d, "status.unavailableReplicas")
    );
    w!(w, 0, "StrategyType:\t{}\n", s(d, "spec.strategy.type"));
    w!(w, 0, "MinReadySeconds:\t{}\n", int(d, "spec.minReadySeconds"));
    if let Some(ru) = v(d, "spec.strategy.rollingUpdate") {
        let get = |k: &str| v(ru, k).map(scalar).unwrap_or_else(|| "0".into());
        w!(w, 0, "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n", get("maxUnavailable"), get("maxSurge"));
    }
    describe_pod_template(w, v(d, "spec.template"));
    conditions(w, d);
    let uid = s(d, "metadata.uid");
    let owned: Vec<&Value> = all
        .iter()
        .copied()
        .filter(|x| s(x, "kind") == "ReplicaSet" && s(x, "metadata.namespace") == s(d, "metadata.namespace"))
        .filter(|x| controller_of(x).is_some_and(|(k, n, u)| k == "Deployment" && (u == uid || (u.is_empty() && n == s(d, "metadata.name")))))
        .collect();
    let template = v(d, "spec.template").cloned().unwrap_or(Value::Null);
    let mut new_rs = owned.iter().copied().find(|rs| template_without_hash(rs) == template);
    if new_rs.is_none() {
        let want = map(d, "metadata.annotations").and_then(|m| m.get("deployment.kubernetes.io/revision")).map(scalar);
        new_rs = owned.iter().copied().find(|rs| {
            want.is_some() && map(rs, "metadata.annotations").and_then(|m| m.get("deployment.kubernetes.io/revision")).map(scalar) == want
        });
    }
    if !owned.is_empty() {
        let fmt = |list: &[&Value]| {
            let items: Vec<String> = list
                .iter()
                .map(|rs| format!("{} ({}/{} replicas created)", s(rs, "metadata.name"), int(rs, "status.replicas"), replicas(rs)))
                .collect();
            if items.is_empty() {
                "<none>".to_string()
            } else {
                items.join(", ")
            }
        };
        let old: Vec<&Value> = owned.iter().copied().filter(|rs| !new_rs.is_some_and(|n| std::ptr::eq(n, *rs))).collect();
        w!(w, 0, "OldReplicaSets:\t{}\n", fmt(&old));
        w!(w, 0, "NewReplicaSet:\t{}\n", fmt(&new_rs.into_iter().collect::<Vec<_>>()));
    }
    describe_events(w, &object_events(d, all), now);
}

/// Describes a ReplicaSet; pod counts come from the pods it controls in `all`.
pub fn describe_replicaset(w: &mut W, rs: &Value, all: &[&Value], now: i64) {
    w!(w, 0, "Name:\t{}\n", s(rs, "metadata.name"));
    w!(w, 0, "Namespace:\t{}\n", s(rs, "metadata.namespace"));
    w!(w, 0, "Selector:\t{}\n", format_label_selector(v(rs, "spec.selector")));
    labels_multiline(w, "Labels", map(rs, "metadata.labels"));
    annotations_multiline(w, "Annotations", map(rs, "metadata.annotations"));
    if let Some((kind, name, _)) = controller_of(rs) {
        w!(w, 0, "Controlled By:\t{kind}/{name}\n");
    }
    w!(w, 0, "Replicas:\t{} current / {} desired\n", int(rs, "status.replicas"), replicas(rs));
    let uid = s(rs, "metadata.uid");
    let sel = v(rs, "spec.selector").cloned().unwrap_or(Value::Null);
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for p in all.iter().filter(|p| s(p, "kind") == "Pod" && s(p, "metadata.namespace") == s(rs, "metadata.namespace")) {
        if !crate::kubectl::printers::util::selector_matches(&sel, map(p, "metadata.labels")) {
            continue;
        }
        if !controller_of(p).is_some_and(|(_, _, u)| u == uid) {
            continue;
        }
        match s(p, "status.phase") {
            "Running" => running += 1,
            "Pending" => waiting += 1,
            "Succeeded" => succeeded += 1,
            "Failed" => failed += 1,
            _ => {}
        }
    }
    w.write(0, "Pods Status:\t");
    w!(w, 0, "{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n");
    describe_pod_template(w, v(rs, "spec.template"));
    conditions(w, rs);
    describe_events(w, &object_events(rs, all), now);
}
