//! `kubectl cluster-info`: the control plane and the kube-system services labelled
//! `kubernetes.io/cluster-service=true`, in kubectl's colours.

use serde_json::Value;

use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

/// The API server's address.
pub const API_SERVER: &str = "https://172.19.0.1:6443";

const GREEN: &str = "\x1b[0;32m";
const YELLOW: &str = "\x1b[0;33m";
const RESET: &str = "\x1b[0m";

fn line(name: &str, link: &str) -> String {
    format!("{GREEN}{name}{RESET} is running at {YELLOW}{link}{RESET}\n")
}

/// Runs `kubectl cluster-info ARGS`.
pub fn run(cluster: &Cluster, args: &[String]) -> ProgramOutput {
    if let Some(a) = args.iter().find(|a| !a.starts_with('-')) {
        if a == "dump" {
            return ProgramOutput::err("error: cluster-info dump is not available in this lab\n", 1);
        }
        return ProgramOutput::err(format!("error: unknown command \"{a}\" for \"kubectl cluster-info\"\n"), 1);
    }
    let mut out = line("Kubernetes control plane", API_SERVER);
    for svc in cluster.api_list("Service", Some("kube-system")) {
        let labels = object::get(svc, "metadata.labels");
        let label = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
        if label("kubernetes.io/cluster-service") != Some("true") {
            continue;
        }
        let svc_name = object::name(svc);
        let mut path = svc_name.to_string();
        if let Some(port) = object::get(svc, "spec.ports").and_then(|p| p.get(0)) {
            let port_name = object::get_str(port, "name").unwrap_or("");
            let https = port_name == "https" || port.get("port").and_then(Value::as_i64) == Some(443);
            path = match (https, port_name.is_empty()) {
                (true, true) => format!("https:{svc_name}:"),
                (true, false) => format!("https:{svc_name}:{port_name}"),
                (false, true) => svc_name.to_string(),
                (false, false) => format!("{svc_name}:{port_name}"),
            };
        }
        let link = format!("{API_SERVER}/api/v1/namespaces/kube-system/services/{path}/proxy");
        out.push_str(&line(label("kubernetes.io/name").unwrap_or(svc_name), &link));
    }
    out.push_str("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    ProgramOutput::ok(out)
}
