//! Node and Event columns.

use serde_json::Value;

use crate::kubectl::printers::table::{col, wide, Column, NAME};
use crate::kubectl::printers::util::{arr, int, map, s, since, since_str, v};

/// Node columns.
pub const NODE_COLUMNS: &[Column] = &[
    NAME,
    col("Status"),
    col("Roles"),
    col("Age"),
    col("Version"),
    wide("Internal-IP"),
    wide("External-IP"),
    wide("OS-Image"),
    wide("Kernel-Version"),
    wide("Container-Runtime"),
];

/// Event columns (wide order: Last Seen, Type, Reason, Object, Subobject, Source, Message,
/// First Seen, Count, Name).
pub const EVENT_COLUMNS: &[Column] = &[
    col("Last Seen"),
    col("Type"),
    col("Reason"),
    col("Object"),
    wide("Subobject"),
    wide("Source"),
    col("Message"),
    wide("First Seen"),
    wide("Count"),
    crate::kubectl::printers::table::Column { name: "Name", wide: true, is_name: true },
];

/// `findNodeRoles`: `node-role.kubernetes.io/<role>` and `kubernetes.io/role=<role>`, sorted.
pub fn node_roles(node: &Value) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for (k, val) in map(node, "metadata.labels").into_iter().flatten() {
        if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.push(role.into());
            }
        } else if k == "kubernetes.io/role" {
            if let Some(r) = val.as_str().filter(|r| !r.is_empty()) {
                roles.push(r.into());
            }
        }
    }
    crate::sort::sort(&mut roles);
    roles.dedup();
    roles
}

/// The node STATUS cell: `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled`.
pub fn node_status(node: &Value) -> String {
    let ready = arr(node, "status.conditions").iter().rev().find(|c| s(c, "type") == "Ready");
    let mut st = match ready {
        Some(c) if s(c, "status") == "True" => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    };
    if v(node, "spec.unschedulable").and_then(Value::as_bool) == Some(true) {
        st.push_str(",SchedulingDisabled");
    }
    st
}

fn address(node: &Value, ty: &str) -> String {
    arr(node, "status.addresses")
        .iter()
        .find(|a| s(a, "type") == ty)
        .map_or_else(|| "<none>".to_string(), |a| s(a, "address").to_string())
}

/// Node row.
pub fn node_row(node: &Value, now: i64) -> Vec<String> {
    let roles = node_roles(node);
    let unknown = |p: &str| match s(node, p) {
        "" => "<unknown>".to_string(),
        x => x.to_string(),
    };
    vec![
        s(node, "metadata.name").into(),
        node_status(node),
        if roles.is_empty() { "<none>".into() } else { roles.join(",") },
        since(node, "metadata.creationTimestamp", now),
        s(node, "status.nodeInfo.kubeletVersion").into(),
        address(node, "InternalIP"),
        address(node, "ExternalIP"),
        unknown("status.nodeInfo.osImage"),
        unknown("status.nodeInfo.kernelVersion"),
        unknown("status.nodeInfo.containerRuntimeVersion"),
    ]
}

/// The first-seen age of an event: `firstTimestamp`, else `eventTime`.
pub fn first_seen(e: &Value, now: i64) -> String {
    match s(e, "firstTimestamp") {
        "" => since_str(s(e, "eventTime"), now),
        t => since_str(t, now),
    }
}

/// Event row.
pub fn event_row(e: &Value, now: i64) -> Vec<String> {
    let first = first_seen(e, now);
    let mut last = match s(e, "lastTimestamp") {
        "" => first.clone(),
        t => since_str(t, now),
    };
    let mut count = int(e, "count");
    if v(e, "series").is_some() {
        last = since_str(s(e, "series.lastObservedTime"), now);
        count = int(e, "series.count");
    } else if count == 0 {
        count = 1;
    }
    let kind = s(e, "involvedObject.kind").to_lowercase();
    let target = match s(e, "involvedObject.name") {
        "" => kind,
        n => format!("{kind}/{n}"),
    };
    let component = match s(e, "source.component") {
        "" => s(e, "reportingComponent"),
        c => c,
    };
    let instance = match s(e, "source.host") {
        "" => s(e, "reportingInstance"),
        h => h,
    };
    let source = if instance.is_empty() { component.to_string() } else { format!("{component}, {instance}") };
    vec![
        last,
        s(e, "type").into(),
        s(e, "reason").into(),
        target,
        s(e, "involvedObject.fieldPath").into(),
        source,
        s(e, "message").trim().into(),
        first,
        count.to_string(),
        s(e, "metadata.name").into(),
    ]
}
