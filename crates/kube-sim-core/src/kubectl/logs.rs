//! `kubectl logs`: a container's log as its kubelet kept it.

use serde_json::Value;

use super::flags::Parsed;
use crate::cluster::{Cluster, ProgramOutput};
use crate::kubelet::containers::State;
use crate::object;

/// The pod named by the first argument (`NAME` or `pod/NAME`), in the namespace of `p`.
pub(super) fn target_pod(cluster: &Cluster, p: &Parsed) -> Result<Value, String> {
    let ns = super::common::namespace(p);
    let first = p.args.first().map(String::as_str).unwrap_or("");
    if let Some((ty, name)) = first.split_once('/') {
        let info = super::common::resolve_type(ty)?;
        if info.kind != "Pod" {
            let owner = cluster.api_get(info.kind, &ns, name).map_err(|e| super::common::api_err(&e))?;
            let sel = object::get(owner, "spec.selector.matchLabels").and_then(Value::as_object).cloned().unwrap_or_default();
            return first_pod(cluster, &ns, &sel).ok_or_else(|| "error: timed out waiting for the condition\n".to_string());
        }
        return cluster.api_get("Pod", &ns, name).cloned().map_err(|e| super::common::api_err(&e));
    }
    cluster.api_get("Pod", &ns, first).cloned().map_err(|e| super::common::api_err(&e))
}

fn matching(cluster: &Cluster, ns: &str, sel: &serde_json::Map<String, Value>) -> Vec<Value> {
    cluster
        .api_list("Pod", Some(ns))
        .into_iter()
        .filter(|p| sel.iter().all(|(k, v)| p.pointer("/metadata/labels").and_then(|l| l.get(k)) == Some(v)))
        .cloned()
        .collect()
}

/// The pod kubectl picks for `TYPE/NAME`: running ones first, then by name.
fn first_pod(cluster: &Cluster, ns: &str, sel: &serde_json::Map<String, Value>) -> Option<Value> {
    let mut pods = matching(cluster, ns, sel);
    crate::sort::sort_by_key(&mut pods, |p| (object::get(p, "metadata.deletionTimestamp").is_some(), object::get_str(p, "status.phase") != Some("Running"), object::name(p).to_string()));
    pods.into_iter().next()
}

/// `-l k=v,k2=v2` as a map (equality terms only).
fn selector_map(sel: &str) -> serde_json::Map<String, Value> {
    crate::sort::json_map(sel.split(',').filter_map(|t| t.split_once('=')).map(|(k, v)| (k.trim_end_matches('=').to_string(), Value::String(v.trim_start_matches('=').to_string()))).collect())
}

/// The container to use: `-c NAME`, the `kubectl.kubernetes.io/default-container`
/// annotation, or the first (with kubectl's `Defaulted container` note on stderr).
pub(super) fn pick_container(pod: &Value, wanted: Option<&str>) -> Result<(String, String), String> {
    let names: Vec<String> = object::get(pod, "spec.containers")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|c| c["name"].as_str()).map(str::to_string).collect())
        .unwrap_or_default();
    if let Some(w) = wanted {
        if !names.iter().any(|n| n == w) {
            return Err(format!("error: container {w} is not valid for pod {}\n", object::name(pod)));
        }
        return Ok((w.to_string(), String::new()));
    }
    let annotated = pod.pointer("/metadata/annotations/kubectl.kubernetes.io~1default-container").and_then(Value::as_str);
    if let Some(a) = annotated.filter(|a| names.iter().any(|n| n == a)) {
        return Ok((a.to_string(), String::new()));
    }
    let first = names.first().cloned().unwrap_or_default();
    let note = if names.len() > 1 { format!("Defaulted container \"{first}\" out of: {}\n", names.join(", ")) } else { String::new() };
    Ok((first, note))
}

/// The API server's error when the kubelet of the pod's node cannot be reached.
pub(super) fn node_unreachable(cluster: &Cluster, pod: &Value, path: &str) -> Option<String> {
    let node = object::get_str(pod, "spec.nodeName")?;
    if crate::kubelet::kubelet_up(cluster, node) {
        return None;
    }
    let ip = crate::kubelet::node_ip(cluster, node);
    Some(format!("Error from server: Get \"https://{ip}:10250/{path}\": dial tcp {ip}:10250: connect: no route to host\n"))
}

/// Runs `kubectl logs` once its arguments are checked.
pub fn logs(cluster: &mut Cluster, p: &Parsed) -> ProgramOutput {
    if let (Some(sel), true) = (p.get("selector"), p.args.is_empty()) {
        let ns = super::common::namespace(p);
        let pods = matching(cluster, &ns, &selector_map(sel));
        if pods.is_empty() {
            return ProgramOutput::err(format!("No resources found in {ns} namespace.\n"), 0);
        }
        let mut out = ProgramOutput::default();
        for pod in pods {
            let one = logs_of(cluster, p, &pod);
            out.stdout.push_str(&one.stdout);
            out.stderr.push_str(&one.stderr);
            out.code = out.code.max(one.code);
        }
        return out;
    }
    let pod = match target_pod(cluster, p) {
        Ok(pod) => pod,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    logs_of(cluster, p, &pod)
}

fn logs_of(cluster: &mut Cluster, p: &Parsed, pod: &Value) -> ProgramOutput {
    let pod = pod.clone();
    let wanted = p.get("container").or_else(|| p.args.get(1).map(String::as_str));
    let (name, note) = match pick_container(&pod, wanted) {
        Ok(x) => x,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let pod_name = object::name(&pod).to_string();
    let ns = object::namespace(&pod).to_string();
    let previous = p.get("previous") == Some("true");
    if let Some(e) = node_unreachable(cluster, &pod, &format!("containerLogs/{ns}/{pod_name}/{name}")) {
        return ProgramOutput { stdout: String::new(), stderr: format!("{note}{e}"), code: 1 };
    }
    let bad = |msg: String| ProgramOutput { stdout: String::new(), stderr: format!("{note}Error from server (BadRequest): {msg}\n"), code: 1 };
    let Some((_, c)) = crate::kubelet::find_container(cluster, &ns, &pod_name, Some(&name)) else {
        return bad(format!("container \"{name}\" in pod \"{pod_name}\" is waiting to start: ContainerCreating"));
    };
    let text = if previous {
        match &c.prev_log {
            Some(l) => l.clone(),
            None => return bad(format!("previous terminated container \"{name}\" in pod \"{pod_name}\" not found")),
        }
    } else {
        match &c.state {
            State::Waiting(reason, _) if c.id.is_empty() => {
                let why = if reason == "ErrImagePull" || reason == "ImagePullBackOff" { "trying and failing to pull image".to_string() } else { reason.clone() };
                return bad(format!("container \"{name}\" in pod \"{pod_name}\" is waiting to start: {why}"));
            }
            State::Waiting(..) => c.prev_log.clone().unwrap_or_default(),
            _ => c.log.clone(),
        }
    };
    let text = match p.get("tail").and_then(|t| t.parse::<i64>().ok()).filter(|t| *t >= 0) {
        Some(n) => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            lines[lines.len().saturating_sub(n as usize)..].concat()
        }
        None => text,
    };
    ProgramOutput { stdout: text, stderr: note, code: 0 }
}
