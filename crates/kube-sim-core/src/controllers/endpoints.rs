//! Services: ClusterIP allocation (the API server's allocator, done here when a Service
//! arrives without one) and the Endpoints controller (ready and not-ready pod addresses).

use serde_json::{json, Value};

use crate::cluster::Cluster;
use crate::object;

/// Allocates a ClusterIP in 10.96.0.0/12 for `ns/name`: a hash of the name, then the next
/// free address.
fn allocate(cluster: &Cluster, ns: &str, name: &str) -> String {
    let used: Vec<String> = cluster.api_list("Service", None).iter().filter_map(|s| object::get_str(s, "spec.clusterIP").map(str::to_string)).collect();
    let mut h: u32 = 2_166_136_261;
    for b in format!("{ns}/{name}").bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(16_777_619);
    }
    // 10.96.0.0/12 holds 2^20 addresses; skip the first 16 (10.96.0.1, 10.96.0.10 are taken).
    let mut n = 16 + h % ((1 << 20) - 32);
    loop {
        let ip = format!("10.{}.{}.{}", 96 + (n >> 16), (n >> 8) & 0xff, n & 0xff);
        if !used.contains(&ip) && n & 0xff != 0 && n & 0xff != 255 {
            return ip;
        }
        n = 16 + (n + 1) % ((1 << 20) - 32);
    }
}

fn selector_matches(sel: &serde_json::Map<String, Value>, pod: &Value) -> bool {
    let labels = pod.pointer("/metadata/labels");
    sel.iter().all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
}

fn pod_ready(p: &Value) -> bool {
    object::get(p, "status.conditions").and_then(Value::as_array).is_some_and(|cs| cs.iter().any(|c| c["type"] == "Ready" && c["status"] == "True"))
}

/// One pass: allocate missing ClusterIPs, then write every selector Service's Endpoints.
pub fn reconcile(cluster: &mut Cluster) {
    if !super::kinds_changed_since_last_run(cluster, "endpoints", &["Service", "Pod"]) {
        return;
    }
    let services: Vec<Value> = cluster.api_list("Service", None).into_iter().cloned().collect();
    for svc in services {
        let ns = object::namespace(&svc).to_string();
        let name = object::name(&svc).to_string();
        let ty = object::get_str(&svc, "spec.type").unwrap_or("ClusterIP");
        if ty != "ExternalName" && object::get_str(&svc, "spec.clusterIP").map_or(true, str::is_empty) {
            let ip = allocate(cluster, &ns, &name);
            let mut upd = svc.clone();
            object::set(&mut upd, "spec.clusterIP", json!(ip));
            object::set(&mut upd, "spec.clusterIPs", json!([ip]));
            object::remove(&mut upd, "metadata.resourceVersion");
            let _ = cluster.api_update(upd);
        }
        let Some(sel) = object::get(&svc, "spec.selector").and_then(Value::as_object).cloned() else { continue };
        if sel.is_empty() || ns == "kube-system" {
            continue;
        }
        let pods: Vec<Value> = cluster
            .api_list("Pod", Some(&ns))
            .into_iter()
            .filter(|p| selector_matches(&sel, p) && object::get_str(p, "status.podIP").is_some_and(|ip| !ip.is_empty()) && object::get(p, "metadata.deletionTimestamp").is_none())
            .cloned()
            .collect();
        let addr = |p: &Value| {
            json!({"ip": object::get_str(p, "status.podIP").unwrap_or(""), "nodeName": object::get_str(p, "spec.nodeName").unwrap_or(""),
                "targetRef": {"kind": "Pod", "name": object::name(p), "namespace": ns, "uid": object::uid(p)}})
        };
        let mut ready: Vec<Value> = pods.iter().filter(|p| pod_ready(p)).map(addr).collect();
        let mut not_ready: Vec<Value> = pods.iter().filter(|p| !pod_ready(p)).map(addr).collect();
        crate::sort::sort_by(&mut ready, |a, b| a["ip"].as_str().cmp(&b["ip"].as_str()));
        crate::sort::sort_by(&mut not_ready, |a, b| a["ip"].as_str().cmp(&b["ip"].as_str()));
        let ports: Vec<Value> = object::get(&svc, "spec.ports")
            .and_then(Value::as_array)
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        let target = p.get("targetPort").and_then(Value::as_i64).or_else(|| p.get("port").and_then(Value::as_i64)).unwrap_or(0);
                        let mut port = json!({"port": target, "protocol": object::get_str(p, "protocol").unwrap_or("TCP")});
                        if let Some(n) = object::get_str(p, "name") {
                            object::set(&mut port, "name", json!(n));
                        }
                        port
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut subset = json!({"ports": ports});
        if !ready.is_empty() {
            object::set(&mut subset, "addresses", Value::Array(ready));
        }
        if !not_ready.is_empty() {
            object::set(&mut subset, "notReadyAddresses", Value::Array(not_ready));
        }
        let mut ep = json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": name, "namespace": ns}});
        if let Some(l) = object::get(&svc, "metadata.labels") {
            object::set(&mut ep, "metadata.labels", l.clone());
        }
        if !pods.is_empty() {
            object::set(&mut ep, "subsets", json!([subset]));
        }
        match cluster.api_get("Endpoints", &ns, &name).cloned() {
            Ok(cur) => {
                if cur.get("subsets") != ep.get("subsets") {
                    let mut upd = cur.clone();
                    match ep.get("subsets") {
                        Some(s) => object::set(&mut upd, "subsets", s.clone()),
                        None => {
                            object::remove(&mut upd, "subsets");
                        }
                    }
                    object::remove(&mut upd, "metadata.resourceVersion");
                    let _ = cluster.api_update(upd);
                }
            }
            Err(_) => {
                let _ = cluster.api_create(ep);
            }
        }
    }
    super::kinds_changed_since_last_run(cluster, "endpoints", &["Service", "Pod"]);
}

/// The pod IPs behind Service `host` (`mysql`, `mysql.default`, `mysql.default.svc`,
/// `mysql.default.svc.cluster.local`) as seen from namespace `from_ns`: the ready addresses
/// of its Endpoints.
pub fn resolve_service(cluster: &Cluster, host: &str, from_ns: &str) -> Option<(String, Vec<Value>)> {
    let host = host.trim_end_matches('.').trim_end_matches(".cluster.local").trim_end_matches(".svc");
    let (name, ns) = match host.split_once('.') {
        Some((n, ns)) => (n, ns),
        None => (host, from_ns),
    };
    let svc = cluster.api_get("Service", ns, name).ok()?;
    let ip = object::get_str(svc, "spec.clusterIP").unwrap_or("").to_string();
    let addrs = cluster
        .api_get("Endpoints", ns, name)
        .ok()
        .and_then(|e| e.pointer("/subsets/0/addresses"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Some((ip, addrs))
}
