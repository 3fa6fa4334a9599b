//! `--field-selector`: `field=value`, `field==value`, `field!=value`, joined by commas, over
//! the fields the API server indexes for each kind.

use serde_json::Value;

use crate::api::resources::ResourceInfo;
use crate::object;

/// The fields each kind can be selected by (besides `metadata.name` and `metadata.namespace`).
fn supported(kind: &str) -> &'static [&'static str] {
    match kind {
        "Pod" => &["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        "Event" => &[
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
        ],
        "Node" => &["spec.unschedulable"],
        "Namespace" => &["status.phase"],
        "Secret" => &["type"],
        "PersistentVolumeClaim" | "PersistentVolume" => &[],
        "ReplicaSet" | "Job" => &["status.replicas"],
        _ => &[],
    }
}

/// One requirement: field, wanted value, and whether it must equal (true) or differ.
pub type Requirement = (String, String, bool);

/// Parses a field selector for `info`, or the API server's error.
pub fn parse(s: &str, info: &ResourceInfo) -> Result<Vec<Requirement>, String> {
    let mut out = Vec::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        let (field, value, eq) = if let Some((f, v)) = part.split_once("!=") {
            (f, v, false)
        } else if let Some((f, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
            (f, v, true)
        } else {
            return Err(format!("error: invalid selector: '{s}'; can't understand '{part}'\n"));
        };
        let ok = field == "metadata.name" || field == "metadata.namespace" || supported(info.kind).contains(&field);
        if !ok {
            let gv = if info.group.is_empty() { format!("/{}", info.version) } else { format!("{}/{}", info.group, info.version) };
            return Err(format!(
                "Error from server (BadRequest): Unable to find \"{gv}, Resource={}\" that match label selector \"\", field selector \"{s}\": field label not supported: {field}\n",
                info.plural
            ));
        }
        out.push((field.to_string(), value.to_string(), eq));
    }
    Ok(out)
}

/// Whether `obj` satisfies every requirement (missing fields read as "").
pub fn matches(reqs: &[Requirement], obj: &Value) -> bool {
    reqs.iter().all(|(field, want, eq)| {
        let got = match field.as_str() {
            "source" => object::get_str(obj, "source.component").map(str::to_string),
            f => object::get(obj, f).map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
        }
        .unwrap_or_default();
        (got == *want) == *eq
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selects_and_rejects() {
        let pods = crate::api::resources::by_kind("Pod").unwrap();
        let r = parse("spec.nodeName=worker-1,status.phase!=Failed", pods).unwrap();
        assert!(matches(&r, &json!({"spec": {"nodeName": "worker-1"}, "status": {"phase": "Running"}})));
        assert!(!matches(&r, &json!({"spec": {"nodeName": "worker-2"}})));
        assert_eq!(
            parse("foo=bar", pods).unwrap_err(),
            "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field selector \"foo=bar\": field label not supported: foo\n"
        );
    }
}
