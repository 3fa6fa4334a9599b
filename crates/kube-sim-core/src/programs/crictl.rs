//! `crictl ps [-a]`, `crictl inspect ID...` and `crictl pods` on a node (crictl v1.32 over
//! cri-dockerd, as `/etc/crictl.yaml` configures): the containers its kubelet really runs.

use serde_json::{json, Value};

use super::docker::{human_duration, sandbox_id};
use super::Proc;
use crate::kubelet::containers::{CtrRt, State, Term};
use crate::kubelet::PodRt;

const USAGE: &str = "NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

COMMANDS:
   inspect  Display the status of one or more containers
   logs     Fetch the logs of a container
   pods     List pods
   ps       List containers
";

/// One container row, current or the previous attempt.
struct Ctr<'a> {
    pod: &'a PodRt,
    c: &'a CtrRt,
    /// The container's index in the pod spec.
    seq: usize,
    id: String,
    attempt: u32,
    created: i64,
    /// `None` while running.
    exited: Option<&'a Term>,
}

fn containers<'a>(p: &'a Proc<'_>, node: &str) -> Vec<Ctr<'a>> {
    let mut out = Vec::new();
    for pr in p.cl.kubelet.pods.values().filter(|pr| pr.node == node) {
        for (seq, c) in pr.containers.iter().enumerate().filter(|(_, c)| !c.id.is_empty()) {
            let exited = match &c.state {
                State::Running(_) => None,
                State::Terminated(t) => Some(t),
                State::Waiting(..) => c.last.as_ref(),
            };
            // The previous attempt's exited container is kept while the new one runs.
            if let Some(t) = c.last.as_ref().filter(|t| t.id != c.id && c.restart_count > 0) {
                out.push(Ctr { pod: pr, c, seq, id: t.id.clone(), attempt: c.restart_count - 1, created: t.started, exited: Some(t) });
            }
            out.push(Ctr { pod: pr, c, seq, id: c.id.clone(), attempt: c.restart_count, created: c.created, exited });
        }
    }
    // Newest first; containers created in the same second in the order the kubelet started them.
    crate::sort::sort_by(&mut out, |a, b| b.created.cmp(&a.created).then(b.seq.cmp(&a.seq)).then(b.attempt.cmp(&a.attempt)));
    out
}

fn image_id(image: &str) -> String {
    sandbox_id(image)
}

fn trunc(id: &str) -> &str {
    id.get(..13).unwrap_or(id)
}

/// `crictl ARGS`.
pub fn crictl(p: &mut Proc<'_>, args: &[String]) -> i32 {
    if !p.is_root() {
        p.out.err(format!(
            "{} validate service connection: validate CRI v1 runtime API for endpoint \"unix:///var/run/cri-dockerd.sock\": rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial unix /var/run/cri-dockerd.sock: connect: permission denied\"\n",
            "FATA[0000]"
        ));
        return 1;
    }
    match args.first().map(String::as_str) {
        Some("ps") => ps(p, &args[1..]),
        Some("pods") => pods(p, &args[1..]),
        Some("inspect") => inspect(p, &args[1..]),
        Some("logs") => logs(p, &args[1..]),
        None | Some("help") | Some("-h") | Some("--help") => {
            p.out(USAGE);
            0
        }
        Some(other) => {
            p.out.err(format!("No help topic for '{other}'\n"));
            3
        }
    }
}

fn flags(p: &mut Proc<'_>, args: &[String], known: &[&str]) -> Option<(Vec<String>, Vec<String>)> {
    let (mut set, mut rest) = (Vec::new(), Vec::new());
    for a in args {
        if a.starts_with('-') && a.len() > 1 {
            if !known.contains(&a.as_str()) {
                p.out.err(format!("Incorrect Usage: flag provided but not defined: {}\n\nFATA[0000] flag provided but not defined: {}\n", a.trim_start_matches('-'), a.trim_start_matches('-')));
                return None;
            }
            set.push(a.clone());
        } else {
            rest.push(a.clone());
        }
    }
    Some((set, rest))
}

fn ps(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let Some((set, _)) = flags(p, args, &["-a", "--all", "-q", "--quiet", "--no-trunc"]) else { return 1 };
    let all = set.iter().any(|a| a == "-a" || a == "--all");
    let quiet = set.iter().any(|a| a == "-q" || a == "--quiet");
    let no_trunc = set.iter().any(|a| a == "--no-trunc");
    let node = p.ctx.host.clone();
    let now = p.cl.now();
    let mut text = String::new();
    if !quiet {
        text.push_str("CONTAINER\tIMAGE\tCREATED\tSTATE\tNAME\tATTEMPT\tPOD ID\tPOD\tNAMESPACE\n");
    }
    for r in containers(p, &node).into_iter().filter(|r| all || r.exited.is_none()) {
        if quiet {
            text.push_str(&r.id);
            text.push('\n');
            continue;
        }
        let (id, image, pod_id) = if no_trunc {
            (r.id.clone(), format!("sha256:{}", image_id(&r.c.image)), sandbox_id(&r.pod.sandbox_key()))
        } else {
            (trunc(&r.id).to_string(), trunc(&image_id(&r.c.image)).to_string(), trunc(&sandbox_id(&r.pod.sandbox_key())).to_string())
        };
        let state = if r.exited.is_some() { "Exited" } else { "Running" };
        text.push_str(&format!(
            "{id}\t{image}\t{} ago\t{state}\t{}\t{}\t{pod_id}\t{}\t{}\n",
            human_duration(now - r.created),
            r.c.name,
            r.attempt,
            r.pod.name,
            r.pod.ns
        ));
    }
    let out = if quiet { text } else { crate::kubectl::printers::tabwriter::align(&text, 20, 3) };
    p.out(out);
    0
}

fn pods(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let Some((set, _)) = flags(p, args, &["-q", "--quiet", "--no-trunc"]) else { return 1 };
    let quiet = set.iter().any(|a| a == "-q" || a == "--quiet");
    let no_trunc = set.iter().any(|a| a == "--no-trunc");
    let node = p.ctx.host.clone();
    let now = p.cl.now();
    let mut list: Vec<&PodRt> = p.cl.kubelet.pods.values().filter(|pr| pr.node == node).collect();
    crate::sort::sort_by(&mut list, |a, b| b.started.cmp(&a.started).then(a.name.cmp(&b.name)));
    let mut text = String::new();
    if !quiet {
        text.push_str("POD ID\tCREATED\tSTATE\tNAME\tNAMESPACE\tATTEMPT\tRUNTIME\n");
    }
    for pr in list {
        let id = sandbox_id(&pr.sandbox_key());
        if quiet {
            text.push_str(&id);
            text.push('\n');
            continue;
        }
        let id = if no_trunc { id } else { trunc(&id).to_string() };
        let state = if pr.down || pr.killing_since.is_some() && pr.containers.iter().all(|c| !c.running()) { "NotReady" } else { "Ready" };
        text.push_str(&format!("{id}\t{} ago\t{state}\t{}\t{}\t{}\t(default)\n", human_duration(now - pr.started), pr.name, pr.ns, pr.sandbox_attempt));
    }
    let out = if quiet { text } else { crate::kubectl::printers::tabwriter::align(&text, 20, 3) };
    p.out(out);
    0
}

fn inspect(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let Some((_, ids)) = flags(p, args, &["-o=json", "--output=json"]) else { return 1 };
    if ids.is_empty() {
        p.out.err("NAME:\n   crictl inspect - Display the status of one or more containers\n\nUSAGE:\n   crictl inspect [command options] CONTAINER-ID [CONTAINER-ID...]\n");
        return 1;
    }
    let node = p.ctx.host.clone();
    let mut found = Vec::new();
    for id in &ids {
        let all = containers(p, &node);
        let matching: Vec<&Ctr<'_>> = all.iter().filter(|r| r.id.starts_with(id.as_str())).collect();
        match matching.as_slice() {
            [r] => found.push(status(r)),
            _ => return no_such_container(p, id, "ContainerStatus", "get container status"),
        }
    }
    let v = if found.len() == 1 { found.remove(0) } else { Value::Array(found) };
    let text = serde_json::to_string_pretty(&sorted(v)).unwrap_or_default();
    p.out(format!("{}\n", go_escape(&text)));
    0
}

/// The error crictl prints for a container id the runtime does not know.
fn no_such_container(p: &mut Proc<'_>, id: &str, rpc: &str, what: &str) -> i32 {
    let stamp = crate::clock::rfc3339(p.cl.now());
    let klog = format!("E{}{} {}.000000    4242 log.go:32]", &stamp[5..7], &stamp[8..10], &stamp[11..19]);
    let err = format!("rpc error: code = Unknown desc = Error response from daemon: No such container: {id}");
    p.out.err(format!("{klog} \"{rpc} from runtime service failed\" err=\"{}\" containerID=\"{id}\"\n", err.replace('"', "\\\"")));
    p.out.err(format!("FATA[0000] {what}: {err}\n"));
    1
}

/// `crictl logs [--tail N] ID`: what the container wrote.
fn logs(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let mut tail: Option<usize> = None;
    let mut ids = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--tail=") {
            tail = v.parse().ok();
        } else if a == "--tail" {
            tail = it.next().and_then(|v| v.parse().ok());
        } else {
            ids.push(a.clone());
        }
    }
    let [id] = ids.as_slice() else {
        p.out.err("FATA[0000] ID cannot be empty\n");
        return 1;
    };
    let node = p.ctx.host.clone();
    let found: Vec<String> = containers(p, &node)
        .iter()
        .filter(|r| r.id.starts_with(id.as_str()))
        .map(|r| if r.id == r.c.id { r.c.log.clone() } else { r.c.prev_log.clone().unwrap_or_default() })
        .collect();
    let [log] = found.as_slice() else {
        return no_such_container(p, id, "ContainerStatus", "get container status");
    };
    let lines: Vec<&str> = log.split_inclusive('\n').collect();
    let start = tail.map_or(0, |n| lines.len().saturating_sub(n));
    let text: String = lines.get(start..).unwrap_or_default().concat();
    p.out(text);
    0
}

/// Go's `json.Marshal` escapes `<`, `>` and `&` inside strings.
fn go_escape(s: &str) -> String {
    s.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Objects with their keys in order, as Go's `map[string]any` marshals them.
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut pairs: Vec<(String, Value)> = m.into_iter().collect();
            crate::sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
            Value::Object(crate::sort::json_map(pairs.into_iter().map(|(k, v)| (k, sorted(v))).collect()))
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        v => v,
    }
}

/// A deterministic host PID for a running container.
fn pid(id: &str) -> u64 {
    let n = u64::from_str_radix(id.get(..6).unwrap_or("0"), 16).unwrap_or(0);
    1000 + n % 30000
}

fn short_hash(s: &str) -> String {
    sandbox_id(s).get(..8).unwrap_or("").to_string()
}

/// `{"info": ..., "status": ...}` of one container as crictl prints it.
fn status(r: &Ctr<'_>) -> Value {
    let (c, pr) = (r.c, r.pod);
    let rfc = crate::clock::rfc3339;
    let zero = "0001-01-01T00:00:00Z".to_string();
    let (state, started, finished, code, reason) = match r.exited {
        None => ("CONTAINER_RUNNING", rfc(r.created), zero, 0, String::new()),
        Some(t) => ("CONTAINER_EXITED", rfc(t.started), rfc(t.finished), t.exit_code, if t.exit_code == 0 { "Completed".into() } else { "Error".into() }),
    };
    let mounts: Vec<Value> = c
        .mounts
        .iter()
        .map(|m| {
            json!({"containerPath": m.destination, "gidMappings": [], "hostPath": m.source, "propagation": "PROPAGATION_PRIVATE",
                "readonly": !m.rw, "recursiveReadOnly": false, "selinuxRelabel": false, "uidMappings": []})
        })
        .collect();
    let labels = json!({
        "io.kubernetes.container.name": c.name,
        "io.kubernetes.pod.name": pr.name,
        "io.kubernetes.pod.namespace": pr.ns,
        "io.kubernetes.pod.uid": pr.uid,
    });
    let annotations = json!({
        "io.kubernetes.container.hash": short_hash(&format!("{}/{}", c.name, c.image)),
        "io.kubernetes.container.restartCount": r.attempt.to_string(),
        "io.kubernetes.container.terminationMessagePath": "/dev/termination-log",
        "io.kubernetes.container.terminationMessagePolicy": "File",
        "io.kubernetes.pod.terminationGracePeriod": "30",
    });
    json!({
        "info": {"pid": if r.exited.is_none() { pid(&r.id) } else { 0 }, "sandboxID": sandbox_id(&pr.sandbox_key())},
        "status": {
            "annotations": annotations,
            "createdAt": rfc(r.created),
            "exitCode": code,
            "finishedAt": finished,
            "id": r.id,
            "image": {"annotations": {}, "image": crate::kubelet::status::image_name(&c.image), "runtimeHandler": "", "userSpecifiedImage": ""},
            "imageId": "",
            "imageRef": crate::kubelet::status::image_id(&c.image),
            "labels": labels,
            "logPath": format!("/var/log/pods/{}_{}_{}/{}/{}.log", pr.ns, pr.name, pr.uid, c.name, r.attempt),
            "message": "",
            "metadata": {"attempt": r.attempt, "name": c.name},
            "mounts": mounts,
            "reason": reason,
            "startedAt": started,
            "state": state,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sorted_and_html_escaped() {
        let v = sorted(json!({"b": 1, "a": {"d": [], "c": "<x>"}}));
        let s = go_escape(&serde_json::to_string_pretty(&v).unwrap());
        assert_eq!(s, "{\n  \"a\": {\n    \"c\": \"\\u003cx\\u003e\",\n    \"d\": []\n  },\n  \"b\": 1\n}");
        assert_eq!(trunc("0123456789abcdef"), "0123456789abc");
        assert!(pid("ffffff") >= 1000);
    }
}
