//! Downward API values (`fieldpath.ExtractFieldPathAsString`, `containerResourceRuntimeValue`),
//! shared by downward API volume items and `env[].valueFrom`.

use serde_json::Value;

use crate::cluster::Cluster;
use crate::object;
use crate::quantity::Quantity;

/// The value of `fieldRef.fieldPath` for `pod`, as the kubelet computes it.
pub(crate) fn field_value(cluster: &Cluster, pod: &Value, path: &str) -> Result<String, String> {
    let s = |p: &str| object::get_str(pod, p).unwrap_or("").to_string();
    match path {
        "metadata.name" | "metadata.namespace" | "metadata.uid" | "spec.nodeName" | "spec.serviceAccountName" | "status.podIP" => Ok(s(path)),
        "status.podIPs" => Ok(ips(pod.pointer("/status/podIPs"))),
        "status.hostIP" => Ok(host_ips(cluster, pod).into_iter().next().unwrap_or_default()),
        "status.hostIPs" => Ok(host_ips(cluster, pod).join(",")),
        "metadata.labels" => Ok(format_map(object::get(pod, "metadata.labels"))),
        "metadata.annotations" => Ok(format_map(object::get(pod, "metadata.annotations"))),
        _ => {
            for (prefix, field) in [("metadata.labels['", "labels"), ("metadata.annotations['", "annotations")] {
                if let Some(key) = path.strip_prefix(prefix).and_then(|r| r.strip_suffix("']")) {
                    let v = pod.get("metadata").and_then(|m| m.get(field)).and_then(|m| m.get(key));
                    return Ok(v.and_then(Value::as_str).unwrap_or("").to_string());
                }
            }
            Err(format!("unsupported fieldPath: {path}"))
        }
    }
}

fn ips(v: Option<&Value>) -> String {
    let list = v.and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    list.iter().filter_map(|i| i.get("ip").and_then(Value::as_str)).collect::<Vec<_>>().join(",")
}

/// The node's InternalIP addresses (the kubelet's own host IPs).
fn host_ips(cluster: &Cluster, pod: &Value) -> Vec<String> {
    let node = object::get_str(pod, "spec.nodeName").unwrap_or("");
    let Ok(n) = cluster.api_get("Node", "", node) else { return Vec::new() };
    let addrs = object::get(n, "status.addresses").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    addrs
        .iter()
        .filter(|a| a.get("type").and_then(Value::as_str) == Some("InternalIP"))
        .filter_map(|a| a.get("address").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// `fieldpath.FormatMap`: `key="value"` lines, sorted by key, no final newline.
fn format_map(m: Option<&Value>) -> String {
    let Some(Value::Object(m)) = m else { return String::new() };
    let mut keys: Vec<&String> = m.keys().collect();
    crate::sort::sort(&mut keys);
    let lines: Vec<String> = keys.iter().map(|k| format!("{k}={}", go_quote(m[k.as_str()].as_str().unwrap_or("")))).collect();
    lines.join("\n")
}

/// Go's `%q` of a string (printable ASCII kept, the rest escaped).
fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The value of a `resourceFieldRef` (`limits.cpu`, `requests.memory`, ...): limits default to
/// the node's allocatable; CPU rounds up to whole `divisor`s (default 1 core), memory and
/// ephemeral storage to whole `divisor` bytes.
pub(crate) fn resource_value(cluster: &Cluster, pod: &Value, container: &Value, sel: &Value) -> Result<String, String> {
    let resource = sel.get("resource").and_then(Value::as_str).unwrap_or("");
    let container = match sel.get("containerName").and_then(Value::as_str).filter(|n| !n.is_empty()) {
        Some(name) => find_container(pod, name).ok_or_else(|| format!("container {name} not found"))?,
        None => container,
    };
    let (section, res) = resource.split_once('.').ok_or_else(|| format!("unsupported container resource : {resource}"))?;
    let mut qty = object::get(container, &format!("resources.{section}"))
        .and_then(|m| m.get(res))
        .and_then(Value::as_str)
        .map(str::to_string);
    if qty.is_none() && section == "limits" {
        let node = object::get_str(pod, "spec.nodeName").unwrap_or("");
        qty = cluster
            .api_get("Node", "", node)
            .ok()
            .and_then(|n| object::get(n, "status.allocatable").and_then(|a| a.get(res)).and_then(Value::as_str).map(str::to_string));
    }
    let q = Quantity::parse(qty.as_deref().unwrap_or("0")).unwrap_or_else(|_| Quantity::from_int(0));
    let divisor = sel.get("divisor").and_then(Value::as_str).and_then(|d| Quantity::parse(d).ok());
    let ceil_div = |a: i64, b: i64| if b <= 0 { 0 } else { (a + b - 1).div_euclid(b) };
    match res {
        "cpu" => Ok(ceil_div(q.milli_value(), divisor.map_or(1000, |d| d.milli_value())).to_string()),
        "memory" | "ephemeral-storage" => Ok(ceil_div(q.value(), divisor.map_or(1, |d| d.value())).to_string()),
        _ => Err(format!("unsupported container resource : {resource}")),
    }
}

fn find_container<'a>(pod: &'a Value, name: &str) -> Option<&'a Value> {
    ["containers", "initContainers"].iter().find_map(|k| {
        object::get(pod, &format!("spec.{k}"))
            .and_then(Value::as_array)
            .and_then(|cs| cs.iter().find(|c| c.get("name").and_then(Value::as_str) == Some(name)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_format_like_go() {
        let m = json!({"b": "2", "a": "x\"y"});
        assert_eq!(format_map(Some(&m)), "a=\"x\\\"y\"\nb=\"2\"");
        assert_eq!(format_map(None), "");
    }
}
