//! The pod row as `columns::pod` derived it from the pod's JSON at print time, before pods
//! had summaries (`api::pod_summary`): kept, unchanged, as the oracle of the differential
//! tests (`tests_pod_summary.rs`).

use serde_json::Value;

use crate::kubectl::printers::util::{arr, human, int, parse_time, s, since, v};

fn is_sidecar(c: Option<&Value>) -> bool {
    c.is_some_and(|c| s(c, "restartPolicy") == "Always")
}

/// `Null`, to read the fields of an absent object as absent.
static NULL: Value = Value::Null;

/// The field `key` of `obj`, `Null` when absent (each level looked up once).
fn field<'a>(obj: &'a Value, key: &str) -> &'a Value {
    obj.get(key).unwrap_or(&NULL)
}

/// Whether the condition `ty` of `conds` (the pod's `status.conditions`) is `True`.
fn cond_true(conds: &[Value], ty: &str) -> Option<bool> {
    conds.iter().find(|c| s(c, "type") == ty).map(|c| s(c, "status") == "True")
}

/// The pod's STATUS cell, its READY cell and its RESTARTS cell.
pub fn summary(pod: &Value, now: i64) -> (String, String, String) {
    // Every path is read from the object one level at a time: `status` and `spec` once.
    let status = field(pod, "status");
    let spec = field(pod, "spec");
    let conds = arr(status, "conditions");
    let phase = s(status, "phase");
    let mut reason = match s(status, "reason") {
        "" => phase.to_string(),
        r => r.to_string(),
    };
    if conds.iter().any(|c| s(c, "type") == "PodScheduled" && s(c, "reason") == "SchedulingGated") {
        reason = "SchedulingGated".into();
    }
    let init_specs = arr(spec, "initContainers");
    let init_spec = |name: &str| init_specs.iter().find(|c| s(c, "name") == name);
    let mut total = arr(spec, "containers").len();
    total += init_specs.iter().filter(|c| is_sidecar(Some(c))).count();
    let mut ready = 0;
    let mut restarts = 0i64;
    let mut last_restart: Option<i64> = None;
    let mut sidecar_restarts = 0i64;
    let mut last_sidecar_restart: Option<i64> = None;
    let last_terminated = |c: &Value| v(field(c, "lastState"), "terminated").is_some();
    let finished = |c: &Value| parse_time(s(field(c, "lastState"), "terminated.finishedAt"));

    let mut initializing = false;
    let init_statuses = arr(status, "initContainerStatuses");
    for (i, c) in init_statuses.iter().enumerate() {
        let state = field(c, "state");
        restarts += int(c, "restartCount");
        if last_terminated(c) {
            last_restart = last_restart.max(finished(c));
        }
        let sidecar = is_sidecar(init_spec(s(c, "name")));
        if sidecar {
            sidecar_restarts += int(c, "restartCount");
            if last_terminated(c) {
                last_sidecar_restart = last_sidecar_restart.max(finished(c));
            }
        }
        let terminated = v(state, "terminated");
        let waiting_reason = s(state, "waiting.reason");
        if terminated.is_some() && int(state, "terminated.exitCode") == 0 {
            continue;
        } else if sidecar && v(c, "started").and_then(Value::as_bool) == Some(true) {
            if v(c, "ready").and_then(Value::as_bool) == Some(true) {
                ready += 1;
            }
            continue;
        } else if terminated.is_some() {
            reason = match s(state, "terminated.reason") {
                "" if int(state, "terminated.signal") != 0 => {
                    format!("Init:Signal:{}", int(state, "terminated.signal"))
                }
                "" => format!("Init:ExitCode:{}", int(state, "terminated.exitCode")),
                r => format!("Init:{r}"),
            };
        } else if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" {
            reason = format!("Init:{waiting_reason}");
        } else {
            reason = format!("Init:{i}/{}", init_specs.len());
        }
        initializing = true;
        break;
    }

    if !initializing || cond_true(conds, "Initialized") == Some(true) {
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        let mut has_running = false;
        for c in arr(status, "containerStatuses").iter().rev() {
            let state = field(c, "state");
            restarts += int(c, "restartCount");
            if last_terminated(c) {
                last_restart = last_restart.max(finished(c));
            }
            let waiting = s(state, "waiting.reason");
            let term = v(state, "terminated");
            let term_reason = s(state, "terminated.reason");
            if v(state, "waiting").is_some() && !waiting.is_empty() {
                reason = waiting.to_string();
            } else if term.is_some() && !term_reason.is_empty() {
                reason = term_reason.to_string();
            } else if term.is_some() {
                reason = match int(state, "terminated.signal") {
                    0 => format!("ExitCode:{}", int(state, "terminated.exitCode")),
                    sig => format!("Signal:{sig}"),
                };
            } else if v(c, "ready").and_then(Value::as_bool) == Some(true) && v(state, "running").is_some() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if cond_true(conds, "Ready") == Some(true) { "Running".into() } else { "NotReady".into() };
        }
    }

    if v(field(pod, "metadata"), "deletionTimestamp").is_some() {
        if s(status, "reason") == "NodeLost" {
            reason = "Unknown".into();
        } else if phase != "Succeeded" && phase != "Failed" {
            reason = "Terminating".into();
        }
    }
    let restarts_cell = match last_restart {
        Some(t) if restarts != 0 => format!("{restarts} ({} ago)", human(now - t)),
        _ => restarts.to_string(),
    };
    (reason, format!("{ready}/{total}"), restarts_cell)
}

/// The cells of one pod row (wide cells included).
pub fn row(pod: &Value, now: i64) -> Vec<String> {
    let (status, ready, restarts) = summary(pod, now);
    let (meta, spec, st) = (field(pod, "metadata"), field(pod, "spec"), field(pod, "status"));
    let or_none = |x: &str| if x.is_empty() { "<none>".to_string() } else { x.to_string() };
    let ip = arr(st, "podIPs").first().map(|i| s(i, "ip")).unwrap_or("");
    let gates = arr(spec, "readinessGates");
    let gates_cell = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let conds = arr(st, "conditions");
        let t = gates.iter().filter(|g| cond_true(conds, s(g, "conditionType")) == Some(true)).count();
        format!("{t}/{}", gates.len())
    };
    vec![
        s(meta, "name").to_string(),
        ready,
        status,
        restarts,
        since(meta, "creationTimestamp", now),
        or_none(ip),
        or_none(s(spec, "nodeName")),
        or_none(s(st, "nominatedNodeName")),
        gates_cell,
    ]
}
