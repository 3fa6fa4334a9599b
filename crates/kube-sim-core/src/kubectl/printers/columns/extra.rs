//! Columns of ServiceAccount, StatefulSet, DaemonSet and Job.

use serde_json::Value;

use crate::kubectl::printers::table::{col, wide, Column, NAME};
use crate::kubectl::printers::util::{arr, format_label_selector, format_labels, human, int, map, parse_time, s, since, v};

/// ServiceAccount columns.
pub const SERVICEACCOUNT_COLUMNS: &[Column] = &[NAME, col("Secrets"), col("Age")];
/// StatefulSet columns.
pub const STATEFULSET_COLUMNS: &[Column] = &[NAME, col("Ready"), col("Age"), wide("Containers"), wide("Images")];
/// DaemonSet columns.
pub const DAEMONSET_COLUMNS: &[Column] = &[
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Node Selector"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];
/// Job columns.
pub const JOB_COLUMNS: &[Column] = &[
    NAME,
    col("Status"),
    col("Completions"),
    col("Duration"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

fn containers(o: &Value) -> (String, String) {
    let cs = arr(o, "spec.template.spec.containers");
    let names: Vec<&str> = cs.iter().map(|c| s(c, "name")).collect();
    let images: Vec<&str> = cs.iter().map(|c| s(c, "image")).collect();
    (names.join(","), images.join(","))
}

/// ServiceAccount row: SECRETS counts `secrets`.
pub fn serviceaccount_row(o: &Value, now: i64) -> Vec<String> {
    vec![s(o, "metadata.name").into(), arr(o, "secrets").len().to_string(), since(o, "metadata.creationTimestamp", now)]
}

/// StatefulSet row: READY is `ready/desired`.
pub fn statefulset_row(o: &Value, now: i64) -> Vec<String> {
    let (names, images) = containers(o);
    let desired = v(o, "spec.replicas").and_then(Value::as_i64).unwrap_or(1);
    vec![
        s(o, "metadata.name").into(),
        format!("{}/{desired}", int(o, "status.readyReplicas")),
        since(o, "metadata.creationTimestamp", now),
        names,
        images,
    ]
}

/// DaemonSet row.
pub fn daemonset_row(o: &Value, now: i64) -> Vec<String> {
    let (names, images) = containers(o);
    vec![
        s(o, "metadata.name").into(),
        int(o, "status.desiredNumberScheduled").to_string(),
        int(o, "status.currentNumberScheduled").to_string(),
        int(o, "status.numberReady").to_string(),
        int(o, "status.updatedNumberScheduled").to_string(),
        int(o, "status.numberAvailable").to_string(),
        format_labels(map(o, "spec.template.spec.nodeSelector")),
        since(o, "metadata.creationTimestamp", now),
        names,
        images,
        format_label_selector(v(o, "spec.selector")),
    ]
}

fn job_condition(o: &Value, ty: &str) -> bool {
    arr(o, "status.conditions").iter().find(|c| s(c, "type") == ty).is_some_and(|c| s(c, "status") == "True")
}

/// Job row: STATUS, COMPLETIONS (`succeeded/completions`), DURATION.
pub fn job_row(o: &Value, now: i64) -> Vec<String> {
    let (names, images) = containers(o);
    let succeeded = int(o, "status.succeeded");
    let completions = match v(o, "spec.completions").and_then(Value::as_i64) {
        Some(c) => format!("{succeeded}/{c}"),
        None => match int(o, "spec.parallelism") {
            p if p > 1 => format!("{succeeded}/1 of {p}"),
            _ => format!("{succeeded}/1"),
        },
    };
    let start = parse_time(s(o, "status.startTime"));
    let duration = match (start, parse_time(s(o, "status.completionTime"))) {
        (None, _) => String::new(),
        (Some(st), None) => human(now - st),
        (Some(st), Some(end)) => human(end - st),
    };
    let status = if job_condition(o, "Complete") {
        "Complete"
    } else if job_condition(o, "Failed") {
        "Failed"
    } else if v(o, "metadata.deletionTimestamp").is_some() {
        "Terminating"
    } else if job_condition(o, "Suspended") {
        "Suspended"
    } else if job_condition(o, "FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    };
    vec![
        s(o, "metadata.name").into(),
        status.into(),
        completions,
        duration,
        since(o, "metadata.creationTimestamp", now),
        names,
        images,
        format_label_selector(v(o, "spec.selector")),
    ]
}
