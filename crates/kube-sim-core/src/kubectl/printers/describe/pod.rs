//! Pod describe, and the container sections shared with pod templates.

use serde_json::Value;

use super::volumes::describe_volumes;
use super::{annotations_multiline, describe_events, events_for, labels_multiline, or_none, print_bool, w, W};
use crate::kubectl::printers::util::{arr, date_at, int, map, quantity, s, scalar, since, v};

/// Describes a pod.
pub fn describe_pod(w: &mut W, pod: &Value, all: &[&Value], now: i64) {
    w!(w, 0, "Name:\t{}\n", s(pod, "metadata.name"));
    w!(w, 0, "Namespace:\t{}\n", s(pod, "metadata.namespace"));
    if let Some(p) = v(pod, "spec.priority") {
        w!(w, 0, "Priority:\t{}\n", scalar(p));
    }
    if !s(pod, "spec.priorityClassName").is_empty() {
        w!(w, 0, "Priority Class Name:\t{}\n", s(pod, "spec.priorityClassName"));
    }
    if !s(pod, "spec.runtimeClassName").is_empty() {
        w!(w, 0, "Runtime Class Name:\t{}\n", s(pod, "spec.runtimeClassName"));
    }
    if !s(pod, "spec.serviceAccountName").is_empty() {
        w!(w, 0, "Service Account:\t{}\n", s(pod, "spec.serviceAccountName"));
    }
    match s(pod, "spec.nodeName") {
        "" => w.write(0, "Node:\t<none>\n"),
        n => w!(w, 0, "Node:\t{n}/{}\n", s(pod, "status.hostIP")),
    }
    if v(pod, "status.startTime").is_some() {
        w!(w, 0, "Start Time:\t{}\n", date_at(pod, "status.startTime"));
    }
    labels_multiline(w, "Labels", map(pod, "metadata.labels"));
    annotations_multiline(w, "Annotations", map(pod, "metadata.annotations"));
    let phase = s(pod, "status.phase");
    if v(pod, "metadata.deletionTimestamp").is_some() && phase != "Failed" && phase != "Succeeded" {
        w!(w, 0, "Status:\tTerminating (lasts {})\n", since(pod, "metadata.deletionTimestamp", now));
        w!(w, 0, "Termination Grace Period:\t{}s\n", int(pod, "metadata.deletionGracePeriodSeconds"));
    } else {
        w!(w, 0, "Status:\t{phase}\n");
    }
    if !s(pod, "status.reason").is_empty() {
        w!(w, 0, "Reason:\t{}\n", s(pod, "status.reason"));
    }
    if !s(pod, "status.message").is_empty() {
        w!(w, 0, "Message:\t{}\n", s(pod, "status.message"));
    }
    w!(w, 0, "IP:\t{}\n", s(pod, "status.podIP"));
    let ips = arr(pod, "status.podIPs");
    if ips.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for ip in ips {
            w!(w, 1, "IP:\t{}\n", s(ip, "ip"));
        }
    }
    if let Some((kind, name, _)) = crate::kubectl::printers::util::controller_of(pod) {
        w!(w, 0, "Controlled By:\t{kind}/{name}\n");
    }
    if !s(pod, "status.nominatedNodeName").is_empty() {
        w!(w, 0, "NominatedNodeName:\t{}\n", s(pod, "status.nominatedNodeName"));
    }
    let init = arr(pod, "spec.initContainers");
    if !init.is_empty() {
        describe_containers(w, "Init Containers", init, Some(arr(pod, "status.initContainerStatuses")), Some(pod), "");
    }
    describe_containers(w, "Containers", arr(pod, "spec.containers"), Some(arr(pod, "status.containerStatuses")), Some(pod), "");
    let conditions = arr(pod, "status.conditions");
    let gates = arr(pod, "spec.readinessGates");
    if !gates.is_empty() {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let ty = s(g, "conditionType");
            let st = conditions.iter().find(|c| s(c, "type") == ty).map_or("<none>", |c| s(c, "status"));
            w!(w, 1, "{ty} \t{st} \n");
        }
    }
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w!(w, 1, "{} \t{} \n", s(c, "type"), s(c, "status"));
        }
    }
    describe_volumes(w, arr(pod, "spec.volumes"), "");
    w!(w, 0, "QoS Class:\t{}\n", qos_class(pod));
    labels_multiline(w, "Node-Selectors", map(pod, "spec.nodeSelector"));
    tolerations_multiline(w, "Tolerations", arr(pod, "spec.tolerations"));
    // Pod events are searched without the kind (kubectl clears it), by name, namespace and uid.
    describe_events(w, &events_for(pod, all, false, &[s(pod, "metadata.uid")]), now);
}

/// `qos.GetPodQOS`: `status.qosClass` when set, else computed from requests and limits.
pub fn qos_class(pod: &Value) -> String {
    if !s(pod, "status.qosClass").is_empty() {
        return s(pod, "status.qosClass").into();
    }
    let containers: Vec<&Value> = arr(pod, "spec.containers").iter().chain(arr(pod, "spec.initContainers")).collect();
    let mut any = false;
    let mut guaranteed = true;
    for c in &containers {
        let req = map(c, "resources.requests");
        let lim = map(c, "resources.limits");
        let nonzero = |m: Option<&serde_json::Map<String, Value>>, k: &str| {
            m.and_then(|m| m.get(k)).map(quantity).is_some_and(|q| q != "0")
        };
        for k in ["cpu", "memory"] {
            if nonzero(req, k) || nonzero(lim, k) {
                any = true;
            }
            let l = lim.and_then(|m| m.get(k)).map(quantity);
            let r = req.and_then(|m| m.get(k)).map(quantity);
            if l.is_none() || (r.is_some() && r != l) {
                guaranteed = false;
            }
        }
    }
    if !any {
        "BestEffort".into()
    } else if guaranteed {
        "Guaranteed".into()
    } else {
        "Burstable".into()
    }
}

/// `printTolerationsMultilineWithIndent`, sorted by key.
pub fn tolerations_multiline(w: &mut W, title: &str, tolerations: &[Value]) {
    w!(w, 0, "{title}:\t");
    if tolerations.is_empty() {
        w.write(0, "<none>\n");
        return;
    }
    let mut sorted: Vec<&Value> = tolerations.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| s(a, "key").cmp(s(b, "key")));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let (key, value, effect) = (s(t, "key"), s(t, "value"), s(t, "effect"));
        let mut line = key.to_string();
        if !value.is_empty() {
            line.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            line.push_str(&format!(":{effect}"));
        }
        if s(t, "operator") == "Exists" && value.is_empty() {
            line.push_str(if key.is_empty() && effect.is_empty() { "op=Exists" } else { " op=Exists" });
        }
        if let Some(secs) = v(t, "tolerationSeconds") {
            line.push_str(&format!(" for {}s", scalar(secs)));
        }
        w!(w, 0, "{line}\n");
    }
}

/// `describeContainers`: the label line, then each container. `statuses` and `pod` are
/// `None` for templates; `space` is "" for pods and "  " for templates.
pub fn describe_containers(w: &mut W, label: &str, containers: &[Value], statuses: Option<&[Value]>, pod: Option<&Value>, space: &str) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    w!(w, 0, "{space}{label}:{none}\n");
    let indent = if space.is_empty() { "" } else { " " };
    for c in containers {
        let name = s(c, "name");
        let status = statuses.and_then(|st| st.iter().find(|x| s(x, "name") == name));
        w!(w, 1, "{indent}{name}:\n");
        if let Some(st) = status {
            w!(w, 2, "Container ID:\t{}\n", s(st, "containerID"));
        }
        w!(w, 2, "Image:\t{}\n", s(c, "image"));
        if let Some(st) = status {
            w!(w, 2, "Image ID:\t{}\n", s(st, "imageID"));
        }
        let proto = |p: &Value| match s(p, "protocol") {
            "" => "TCP".to_string(),
            x => x.to_string(),
        };
        let ports: Vec<String> = arr(c, "ports").iter().map(|p| format!("{}/{}", int(p, "containerPort"), proto(p))).collect();
        let hosts: Vec<String> = arr(c, "ports").iter().map(|p| format!("{}/{}", int(p, "hostPort"), proto(p))).collect();
        let (ports, hosts) = (ports.join(", "), hosts.join(", "));
        if ports.contains(',') {
            w!(w, 2, "Ports:\t{ports}\n");
        } else {
            w!(w, 2, "Port:\t{}\n", or_none(&ports));
        }
        if hosts.contains(',') {
            w!(w, 2, "Host Ports:\t{hosts}\n");
        } else {
            w!(w, 2, "Host Port:\t{}\n", or_none(&hosts));
        }
        for (field, title) in [("command", "Command"), ("args", "Args")] {
            let items = arr(c, field);
            if !items.is_empty() {
                w!(w, 2, "{title}:\n");
                for item in items {
                    for line in scalar(item).split('\n') {
                        w!(w, 3, "{line}\n");
                    }
                }
            }
        }
        if let Some(st) = status {
            describe_state(w, "State", v(st, "state"));
            if v(st, "lastState.terminated").is_some() {
                describe_state(w, "Last State", v(st, "lastState"));
            }
            w!(w, 2, "Ready:\t{}\n", print_bool(v(st, "ready").and_then(Value::as_bool).unwrap_or(false)));
            w!(w, 2, "Restart Count:\t{}\n", int(st, "restartCount"));
        }
        describe_resources(w, c, 2);
        for (field, title) in [("livenessProbe", "Liveness"), ("readinessProbe", "Readiness"), ("startupProbe", "Startup")] {
            if let Some(p) = v(c, field) {
                w!(w, 2, "{title}:\t{}\n", describe_probe(p));
            }
        }
        let env_from = arr(c, "envFrom");
        if !env_from.is_empty() {
            w.write(2, "Environment Variables from:\n");
            for e in env_from {
                let (from, r) = match (v(e, "configMapRef"), v(e, "secretRef")) {
                    (Some(r), _) => ("ConfigMap", r),
                    (None, Some(r)) => ("Secret", r),
                    _ => ("", e),
                };
                let optional = v(r, "optional").and_then(Value::as_bool).unwrap_or(false);
                match s(e, "prefix") {
                    "" => w!(w, 3, "{}\t{from}\tOptional: {optional}\n", s(r, "name")),
                    p => w!(w, 3, "{}\t{from} with prefix '{p}'\tOptional: {optional}\n", s(r, "name")),
                }
            }
        }
        describe_env(w, c, pod);
        describe_mounts(w, c);
    }
}

fn describe_state(w: &mut W, name: &str, state: Option<&Value>) {
    let state = state.unwrap_or(&Value::Null);
    if let Some(r) = v(state, "running") {
        w!(w, 2, "{name}:\tRunning\n");
        w!(w, 3, "Started:\t{}\n", date_at(r, "startedAt"));
    } else if let Some(x) = v(state, "waiting") {
        w!(w, 2, "{name}:\tWaiting\n");
        if !s(x, "reason").is_empty() {
            w!(w, 3, "Reason:\t{}\n", s(x, "reason"));
        }
    } else if let Some(t) = v(state, "terminated") {
        w!(w, 2, "{name}:\tTerminated\n");
        if !s(t, "reason").is_empty() {
            w!(w, 3, "Reason:\t{}\n", s(t, "reason"));
        }
        if !s(t, "message").is_empty() {
            w!(w, 3, "Message:\t{}\n", s(t, "message"));
        }
        w!(w, 3, "Exit Code:\t{}\n", int(t, "exitCode"));
        if int(t, "signal") > 0 {
            w!(w, 3, "Signal:\t{}\n", int(t, "signal"));
        }
        w!(w, 3, "Started:\t{}\n", date_at(t, "startedAt"));
        w!(w, 3, "Finished:\t{}\n", date_at(t, "finishedAt"));
    } else {
        w!(w, 2, "{name}:\tWaiting\n");
    }
}

fn describe_resources(w: &mut W, c: &Value, level: usize) {
    for (field, title) in [("resources.limits", "Limits"), ("resources.requests", "Requests")] {
        if let Some(m) = map(c, field).filter(|m| !m.is_empty()) {
            w!(w, level, "{title}:\n");
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sort::sort(&mut keys);
            for k in keys {
                w!(w, level + 1, "{k}:\t{}\n", quantity(&m[k]));
            }
        }
    }
}

/// `DescribeProbe`.
fn describe_probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        int(p, "initialDelaySeconds"),
        int(p, "timeoutSeconds"),
        int(p, "periodSeconds"),
        int(p, "successThreshold"),
        int(p, "failureThreshold")
    );
    if let Some(e) = v(p, "exec") {
        let cmd: Vec<String> = arr(e, "command").iter().map(scalar).collect();
        format!("exec [{}] {attrs}", cmd.join(" "))
    } else if let Some(h) = v(p, "httpGet") {
        let scheme = match s(h, "scheme") {
            "" => "http".to_string(),
            x => x.to_lowercase(),
        };
        let port = v(h, "port").map(scalar).unwrap_or_default();
        let host = if port.is_empty() { s(h, "host").to_string() } else { format!("{}:{port}", s(h, "host")) };
        format!("http-get {scheme}://{host}{} {attrs}", s(h, "path"))
    } else if let Some(t) = v(p, "tcpSocket") {
        format!("tcp-socket {}:{} {attrs}", s(t, "host"), v(t, "port").map(scalar).unwrap_or_default())
    } else if let Some(g) = v(p, "grpc") {
        format!("grpc <pod>:{} {} {attrs}", int(g, "port"), s(g, "service"))
    } else {
        format!("unknown {attrs}")
    }
}

/// The value of a downward-API field path of `pod`, as the describe env resolver gives it.
fn field_value(pod: Option<&Value>, path: &str) -> String {
    let Some(pod) = pod else { return String::new() };
    let direct = |p: &str| s(pod, p).to_string();
    match path {
        "metadata.name" | "metadata.namespace" | "metadata.uid" | "spec.nodeName" | "spec.serviceAccountName"
        | "status.hostIP" | "status.podIP" => direct(path),
        _ => {
            for (prefix, m) in [("metadata.labels['", "metadata.labels"), ("metadata.annotations['", "metadata.annotations")] {
                if let Some(k) = path.strip_prefix(prefix).and_then(|r| r.strip_suffix("']")) {
                    return map(pod, m).and_then(|m| m.get(k)).map(scalar).unwrap_or_default();
                }
            }
            String::new()
        }
    }
}

fn describe_env(w: &mut W, c: &Value, pod: Option<&Value>) {
    let env = arr(c, "env");
    let none = if env.is_empty() { "\t<none>" } else { "" };
    w!(w, 2, "Environment:{none}\n");
    for e in env {
        let name = s(e, "name");
        let Some(from) = v(e, "valueFrom") else {
            for (i, line) in s(e, "value").split('\n').enumerate() {
                if i == 0 {
                    w!(w, 3, "{name}:\t{line}\n");
                } else {
                    w!(w, 3, "\t{line}\n");
                }
            }
            continue;
        };
        let optional = |r: &Value| v(r, "optional").and_then(Value::as_bool).unwrap_or(false);
        if let Some(f) = v(from, "fieldRef") {
            let value = field_value(pod, s(f, "fieldPath"));
            w!(w, 3, "{name}:\t{value} ({}:{})\n", s(f, "apiVersion"), s(f, "fieldPath"));
        } else if let Some(r) = v(from, "resourceFieldRef") {
            let res = s(r, "resource");
            let (section, key) = res.split_once('.').unwrap_or(("", res));
            let got = map(c, &format!("resources.{section}")).and_then(|m| m.get(key)).map(quantity);
            let value = match got {
                Some(q) if q != "0" => q,
                _ if matches!(res, "limits.cpu" | "limits.memory") => "node allocatable".to_string(),
                Some(q) => q,
                None => "0".to_string(),
            };
            w!(w, 3, "{name}:\t{value} ({res})\n");
        } else if let Some(r) = v(from, "secretKeyRef") {
            w!(w, 3, "{name}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n", s(r, "key"), s(r, "name"), optional(r));
        } else if let Some(r) = v(from, "configMapKeyRef") {
            w!(w, 3, "{name}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n", s(r, "key"), s(r, "name"), optional(r));
        }
    }
}

fn describe_mounts(w: &mut W, c: &Value) {
    let mounts = arr(c, "volumeMounts");
    let none = if mounts.is_empty() { "\t<none>" } else { "" };
    w!(w, 2, "Mounts:{none}\n");
    let mut sorted: Vec<&Value> = mounts.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| s(a, "mountPath").cmp(s(b, "mountPath")));
    for m in sorted {
        let mut flags = vec![if v(m, "readOnly").and_then(Value::as_bool) == Some(true) { "ro".to_string() } else { "rw".to_string() }];
        if !s(m, "subPath").is_empty() {
            flags.push(format!("path={:?}", s(m, "subPath")));
        }
        w!(w, 3, "{} from {} ({})\n", s(m, "mountPath"), s(m, "name"), flags.join(","));
    }
    let devices = arr(c, "volumeDevices");
    if !devices.is_empty() {
        w!(w, 2, "Devices:{none}\n");
        let mut sorted: Vec<&Value> = devices.iter().collect();
        crate::sort::sort_by(&mut sorted, |a, b| s(a, "devicePath").cmp(s(b, "devicePath")));
        for d in sorted {
            w!(w, 3, "{} from {}\n", s(d, "devicePath"), s(d, "name"));
        }
    }
}
