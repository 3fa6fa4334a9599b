//! Pod columns: READY, STATUS (the aggregate reason of `printPod`), RESTARTS, AGE; wide IP,
//! NODE, NOMINATED NODE, READINESS GATES.

use serde_json::Value;

use crate::kubectl::printers::table::{col, wide, Column, NAME};
use crate::kubectl::printers::util::{arr, human, int, parse_time, s, since, v};

/// The pod table columns.
pub const COLUMNS: &[Column] = &[
    NAME,
    col("Ready"),
    col("Status"),
    col("Restarts"),
    col("Age"),
    wide("IP"),
    wide("Node"),
    wide("Nominated Node"),
    wide("Readiness Gates"),
];

fn is_sidecar(c: Option<&Value>) -> bool {
    c.is_some_and(|c| s(c, "restartPolicy") == "Always")
}

fn cond_true(pod: &Value, ty: &str) -> Option<bool> {
    arr(pod, "status.conditions").iter().find(|c| s(c, "type") == ty).map(|c| s(c, "status") == "True")
}

/// The pod's STATUS cell, its READY cell and its RESTARTS cell.
pub fn summary(pod: &Value, now: i64) -> (String, String, String) {
    let phase = s(pod, "status.phase");
    let mut reason = match s(pod, "status.reason") {
        "" => phase.to_string(),
        r => r.to_string(),
    };
    if arr(pod, "status.conditions")
        .iter()
        .any(|c| s(c, "type") == "PodScheduled" && s(c, "reason") == "SchedulingGated")
    {
        reason = "SchedulingGated".into();
    }
    let init_specs = arr(pod, "spec.initContainers");
    let init_spec = |name: &str| init_specs.iter().find(|c| s(c, "name") == name);
    let mut total = arr(pod, "spec.containers").len();
    total += init_specs.iter().filter(|c| is_sidecar(Some(c))).count();
    let mut ready = 0;
    let mut restarts = 0i64;
    let mut last_restart: Option<i64> = None;
    let mut sidecar_restarts = 0i64;
    let mut last_sidecar_restart: Option<i64> = None;
    let finished = |c: &Value| parse_time(s(c, "lastState.terminated.finishedAt"));

    let mut initializing = false;
    let init_statuses = arr(pod, "status.initContainerStatuses");
    for (i, c) in init_statuses.iter().enumerate() {
        restarts += int(c, "restartCount");
        if v(c, "lastState.terminated").is_some() {
            last_restart = last_restart.max(finished(c));
        }
        let sidecar = is_sidecar(init_spec(s(c, "name")));
        if sidecar {
            sidecar_restarts += int(c, "restartCount");
            if v(c, "lastState.terminated").is_some() {
                last_sidecar_restart = last_sidecar_restart.max(finished(c));
            }
        }
        let terminated = v(c, "state.terminated");
        let waiting_reason = s(c, "state.waiting.reason");
        if terminated.is_some() && int(c, "state.terminated.exitCode") == 0 {
            continue;
        } else if sidecar && v(c, "started").and_then(Value::as_bool) == Some(true) {
            if v(c, "ready").and_then(Value::as_bool) == Some(true) {
                ready += 1;
            }
            continue;
        } else if terminated.is_some() {
            reason = match s(c, "state.terminated.reason") {
                "" if int(c, "state.terminated.signal") != 0 => {
                    format!("Init:Signal:{}", int(c, "state.terminated.signal"))
                }
                "" => format!("Init:ExitCode:{}", int(c, "state.terminated.exitCode")),
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

    if !initializing || cond_true(pod, "Initialized") == Some(true) {
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        let mut has_running = false;
        for c in arr(pod, "status.containerStatuses").iter().rev() {
            restarts += int(c, "restartCount");
            if v(c, "lastState.terminated").is_some() {
                last_restart = last_restart.max(finished(c));
            }
            let waiting = s(c, "state.waiting.reason");
            let term = v(c, "state.terminated");
            let term_reason = s(c, "state.terminated.reason");
            if v(c, "state.waiting").is_some() && !waiting.is_empty() {
                reason = waiting.to_string();
            } else if term.is_some() && !term_reason.is_empty() {
                reason = term_reason.to_string();
            } else if term.is_some() {
                reason = match int(c, "state.terminated.signal") {
                    0 => format!("ExitCode:{}", int(c, "state.terminated.exitCode")),
                    sig => format!("Signal:{sig}"),
                };
            } else if v(c, "ready").and_then(Value::as_bool) == Some(true) && v(c, "state.running").is_some() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if cond_true(pod, "Ready") == Some(true) { "Running".into() } else { "NotReady".into() };
        }
    }

    if v(pod, "metadata.deletionTimestamp").is_some() {
        if s(pod, "status.reason") == "NodeLost" {
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
    let or_none = |x: &str| if x.is_empty() { "<none>".to_string() } else { x.to_string() };
    let ip = arr(pod, "status.podIPs").first().map(|i| s(i, "ip")).unwrap_or("");
    let gates = arr(pod, "spec.readinessGates");
    let gates_cell = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let t = gates.iter().filter(|g| cond_true(pod, s(g, "conditionType")) == Some(true)).count();
        format!("{t}/{}", gates.len())
    };
    vec![
        s(pod, "metadata.name").to_string(),
        ready,
        status,
        restarts,
        since(pod, "metadata.creationTimestamp", now),
        or_none(ip),
        or_none(s(pod, "spec.nodeName")),
        or_none(s(pod, "status.nominatedNodeName")),
        gates_cell,
    ]
}
