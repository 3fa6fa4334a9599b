//! `docker ps [-a]` and `docker inspect ID` on a node: the containers its kubelet runs
//! (Docker 26 through cri-dockerd), with the kubelet's `k8s_...` names.

use super::Proc;
use crate::kubelet::containers::{CtrRt, State};
use crate::kubelet::PodRt;

/// go-units `HumanDuration`.
pub fn human_duration(secs: i64) -> String {
    let s = secs.max(0);
    let minutes = s / 60;
    let hours = (s as f64 / 3600.0 + 0.5) as i64;
    match s {
        0 => "Less than a second".into(),
        1 => "1 second".into(),
        2..=59 => format!("{s} seconds"),
        _ if minutes == 1 => "About a minute".into(),
        _ if minutes < 60 => format!("{minutes} minutes"),
        _ if hours == 1 => "About an hour".into(),
        _ if hours < 48 => format!("{hours} hours"),
        _ if hours < 24 * 7 * 2 => format!("{} days", hours / 24),
        _ if hours < 24 * 30 * 2 => format!("{} weeks", hours / 24 / 7),
        _ if hours < 24 * 365 * 2 => format!("{} months", hours / 24 / 30),
        _ => format!("{} years", hours / 24 / 365),
    }
}

/// Docker's command column text: arguments with blanks in single quotes.
fn command_text(argv: &[String]) -> String {
    argv.iter().map(|a| if a.contains(char::is_whitespace) || a.is_empty() { format!("'{a}'") } else { a.clone() }).collect::<Vec<_>>().join(" ")
}

/// Go's `strconv.Quote` for the texts docker prints.
fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Row {
    seq: usize,
    id: String,
    image: String,
    command: String,
    created: i64,
    status: String,
    running: bool,
    name: String,
}

fn rows(p: &Proc<'_>, node: &str) -> Vec<Row> {
    let now = p.cl.now();
    let mut rows = Vec::new();
    let pods: Vec<&PodRt> = p.cl.kubelet.pods.values().filter(|pr| pr.node == node).collect();
    for pr in pods {
        for (i, c) in pr.containers.iter().enumerate().filter(|(_, c)| !c.id.is_empty()) {
            let mut r = row(c, now);
            r.seq = i + 1;
            rows.push(r);
        }
        let sandbox_id = sandbox_id(&pr.sandbox_key());
        rows.push(Row {
            seq: 0,
            id: sandbox_id,
            image: "registry.k8s.io/pause:3.10".into(),
            command: "/pause".into(),
            created: pr.started,
            status: format!("Up {}", human_duration(now - pr.started)),
            running: true,
            name: format!("k8s_POD_{}_{}_{}_{}", pr.name, pr.ns, pr.uid, pr.sandbox_attempt),
        });
    }
    crate::sort::sort_by(&mut rows, |a, b| b.created.cmp(&a.created).then(b.seq.cmp(&a.seq)));
    rows
}

/// The pod sandbox's id (64 hex digits), also used as an image's id.
pub(super) fn sandbox_id(uid: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(uid.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn row(c: &CtrRt, now: i64) -> Row {
    let (status, running) = match &c.state {
        State::Running(t) => (format!("Up {}", human_duration(now - t)), true),
        State::Terminated(t) => (format!("Exited ({}) {} ago", t.exit_code, human_duration(now - t.finished)), false),
        State::Waiting(..) => match &c.last {
            Some(t) => (format!("Exited ({}) {} ago", t.exit_code, human_duration(now - t.finished)), false),
            None => ("Created".into(), false),
        },
    };
    Row { seq: 0, id: c.id.clone(), image: c.image.clone(), command: command_text(&c.argv), created: c.created, status, running, name: c.fs_ns.clone() }
}

/// `docker ps [-a]`, `docker inspect ID...`.
pub fn docker(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let node = p.ctx.host.clone();
    if !p.is_root() {
        p.out.err("permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.45/containers/json\": dial unix /var/run/docker.sock: connect: permission denied\n");
        return 1;
    }
    match args.first().map(String::as_str) {
        Some("ps") => {
            let all = args.iter().skip(1).any(|a| a == "-a" || a == "--all");
            let now = p.cl.now();
            let mut table: Vec<[String; 7]> = vec![["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"].map(String::from)];
            for r in rows(p, &node).into_iter().filter(|r| all || r.running) {
                let cmd: String = if r.command.chars().count() > 20 { format!("{}…", r.command.chars().take(19).collect::<String>()) } else { r.command.clone() };
                table.push([r.id[..12.min(r.id.len())].to_string(), r.image, go_quote(&cmd), format!("{} ago", human_duration(now - r.created)), r.status, String::new(), r.name]);
            }
            let mut widths = [0usize; 7];
            for row in &table {
                for (i, cell) in row.iter().enumerate() {
                    widths[i] = widths[i].max(cell.chars().count());
                }
            }
            let mut out = String::new();
            for row in &table {
                let mut line = String::new();
                for (i, cell) in row.iter().enumerate() {
                    if i == 6 {
                        line.push_str(cell);
                    } else {
                        line.push_str(cell);
                        line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 3));
                    }
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
            p.out(out);
            0
        }
        Some("inspect") => {
            let ids: Vec<&String> = args.iter().skip(1).filter(|a| !a.starts_with('-')).collect();
            if ids.is_empty() {
                p.out.err("\"docker inspect\" requires at least 1 argument.\nSee 'docker inspect --help'.\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nReturn low-level information on Docker objects\n");
                return 1;
            }
            let mut objs = Vec::new();
            let mut code = 0;
            for id in ids {
                let found = p.cl.kubelet.pods.values().filter(|pr| pr.node == node).find_map(|pr| {
                    pr.containers.iter().find(|c| !c.id.is_empty() && (c.id.starts_with(id.as_str()) || &c.fs_ns == id)).map(|c| inspect(pr, c))
                });
                match found {
                    Some(o) => objs.push(o),
                    None => {
                        p.out.err(format!("Error: No such object: {id}\n"));
                        code = 1;
                    }
                }
            }
            p.out(format!("[\n{}\n]\n", objs.join(",\n")));
            code
        }
        Some(other) => {
            p.out.err(format!("docker: '{other}' is not a docker command.\nSee 'docker --help'\n"));
            1
        }
        None => {
            p.out("\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n");
            0
        }
    }
}

fn inspect(pr: &PodRt, c: &CtrRt) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let (status, running, exit_code, started, finished) = match &c.state {
        State::Running(t) => ("running", true, 0, crate::clock::rfc3339(*t), "0001-01-01T00:00:00Z".to_string()),
        State::Terminated(t) => ("exited", false, t.exit_code, crate::clock::rfc3339(t.started), crate::clock::rfc3339(t.finished)),
        State::Waiting(..) => ("created", false, 0, "0001-01-01T00:00:00Z".into(), "0001-01-01T00:00:00Z".into()),
    };
    let path = c.argv.first().cloned().unwrap_or_default();
    let args: Vec<String> = c.argv.iter().skip(1).map(|a| format!("            {}", q(a))).collect();
    let mounts: Vec<String> = c
        .mounts
        .iter()
        .map(|m| {
            format!(
                "            {{\n                \"Type\": \"bind\",\n                \"Source\": {},\n                \"Destination\": {},\n                \"Mode\": \"{}\",\n                \"RW\": {},\n                \"Propagation\": \"rprivate\"\n            }}",
                q(&m.source),
                q(&m.destination),
                if m.rw { "" } else { "ro" },
                m.rw
            )
        })
        .collect();
    let env: Vec<String> = c.env.iter().map(|(k, v)| format!("                {}", q(&format!("{k}={v}")))).collect();
    format!(
        "    {{\n        \"Id\": \"{id}\",\n        \"Created\": \"{created}\",\n        \"Path\": {path},\n        \"Args\": {args},\n        \"State\": {{\n            \"Status\": \"{status}\",\n            \"Running\": {running},\n            \"Paused\": false,\n            \"Restarting\": false,\n            \"OOMKilled\": false,\n            \"Dead\": false,\n            \"ExitCode\": {exit_code},\n            \"Error\": \"\",\n            \"StartedAt\": \"{started}\",\n            \"FinishedAt\": \"{finished}\"\n        }},\n        \"Image\": \"sha256:{image}\",\n        \"Name\": \"/{name}\",\n        \"RestartCount\": 0,\n        \"Mounts\": {mounts},\n        \"Config\": {{\n            \"Hostname\": {hostname},\n            \"Env\": {env},\n            \"Image\": {img},\n            \"Labels\": {{\n                \"io.kubernetes.container.name\": {cname},\n                \"io.kubernetes.pod.name\": {pname},\n                \"io.kubernetes.pod.namespace\": {pns},\n                \"io.kubernetes.pod.uid\": {puid}\n            }}\n        }}\n    }}",
        id = c.id,
        created = crate::clock::rfc3339(c.created),
        path = q(&path),
        args = arr(&args, 8),
        image = sandbox_id(&c.image),
        name = c.fs_ns,
        mounts = arr(&mounts, 8),
        hostname = q(&pr.name),
        env = arr(&env, 12),
        img = q(&c.image),
        cname = q(&c.name),
        pname = q(&pr.name),
        pns = q(&pr.ns),
        puid = q(&pr.uid),
    )
}

/// A JSON array of pre-indented items, closed at `indent` spaces (`[]` when empty).
fn arr(items: &[String], indent: usize) -> String {
    if items.is_empty() {
        "[]".into()
    } else {
        format!("[\n{}\n{}]", items.join(",\n"), " ".repeat(indent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_quotes() {
        assert_eq!(human_duration(0), "Less than a second");
        assert_eq!(human_duration(75), "About a minute");
        assert_eq!(human_duration(360), "6 minutes");
        assert_eq!(go_quote("echo \"H…"), "\"echo \\\"H…\"");
        assert_eq!(command_text(&["/bin/sh".into(), "-c".into(), "cat /x; sleep 1".into()]), "/bin/sh -c 'cat /x; sleep 1'");
    }
}
