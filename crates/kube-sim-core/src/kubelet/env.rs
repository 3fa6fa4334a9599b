//! A container's environment (owned by the projection work; this file is the agreed
//! interface, with a stub body).

use serde_json::Value;

use crate::cluster::Cluster;

/// The environment of `container` of `pod`, in order: `env`, `envFrom`. `Err` is the
/// CreateContainerConfigError message (`secret "x" not found`).
pub fn container_env(cluster: &Cluster, pod: &Value, container: &Value) -> Result<Vec<(String, String)>, String> {
    let _ = (cluster, pod);
    let mut out = Vec::new();
    for e in container.get("env").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]) {
        if let (Some(n), Some(v)) = (e.get("name").and_then(Value::as_str), e.get("value").and_then(Value::as_str)) {
            out.push((n.to_string(), v.to_string()));
        }
    }
    Ok(out)
}
