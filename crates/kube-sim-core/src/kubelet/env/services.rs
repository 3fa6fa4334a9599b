//! Service environment variables (`getServiceEnvVarMap`, pkg/kubelet/envvars `FromServices`):
//! for the `kubernetes` Service of `default` always, and for every Service of the pod's
//! namespace when `enableServiceLinks` is true (the default). Headless and ExternalName
//! Services (no cluster IP) give none.

use serde_json::Value;

use crate::cluster::Cluster;
use crate::object;

fn env_name(s: &str) -> String {
    s.replace('-', "_").to_uppercase()
}

/// The variables of one Service, in `FromServices` order.
fn from_service(svc: &Value, out: &mut Vec<(String, String)>) {
    let ip = object::get_str(svc, "spec.clusterIP").unwrap_or("");
    let ports = object::get(svc, "spec.ports").and_then(Value::as_array).cloned().unwrap_or_default();
    let prefix = env_name(object::name(svc));
    let port_of = |p: &Value| p.get("port").and_then(Value::as_i64).unwrap_or(0);
    let Some(first) = ports.first() else { return };
    out.push((format!("{prefix}_SERVICE_HOST"), ip.to_string()));
    let base = format!("{prefix}_SERVICE_PORT");
    out.push((base.clone(), port_of(first).to_string()));
    for p in &ports {
        if let Some(n) = p.get("name").and_then(Value::as_str).filter(|n| !n.is_empty()) {
            out.push((format!("{base}_{}", env_name(n)), port_of(p).to_string()));
        }
    }
    for (i, p) in ports.iter().enumerate() {
        let proto = p.get("protocol").and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or("TCP");
        let lower = proto.to_lowercase();
        let host_port = if ip.contains(':') { format!("[{ip}]:{}", port_of(p)) } else { format!("{ip}:{}", port_of(p)) };
        if i == 0 {
            out.push((format!("{prefix}_PORT"), format!("{lower}://{host_port}")));
        }
        let pp = format!("{prefix}_PORT_{}_{}", port_of(p), proto.to_uppercase());
        out.push((pp.clone(), format!("{lower}://{host_port}")));
        out.push((format!("{pp}_PROTO"), lower.clone()));
        out.push((format!("{pp}_PORT"), port_of(p).to_string()));
        out.push((format!("{pp}_ADDR"), ip.to_string()));
    }
}

/// The service variables for a pod in `ns`, Services taken in name order.
pub(crate) fn service_env(cluster: &Cluster, ns: &str, links: bool) -> Vec<(String, String)> {
    let mut chosen: Vec<&Value> = Vec::new();
    for svc in cluster.api_list("Service", None) {
        let ip = object::get_str(svc, "spec.clusterIP").unwrap_or("");
        if ip.is_empty() || ip == "None" {
            continue;
        }
        let master = object::namespace(svc) == "default" && object::name(svc) == "kubernetes";
        if master || (links && object::namespace(svc) == ns) {
            if !chosen.iter().any(|c| object::name(c) == object::name(svc)) {
                chosen.push(svc);
            } else if master {
                // The master service wins over a same-named Service of the pod's namespace.
                chosen.retain(|c| object::name(c) != "kubernetes");
                chosen.push(svc);
            }
        }
    }
    crate::sort::sort_by(&mut chosen, |a, b| object::name(a).cmp(object::name(b)));
    let mut out = Vec::new();
    for svc in chosen {
        from_service(svc, &mut out);
    }
    out
}
