//! `kubectl run`: creates a pod; with `-i`/`-t` waits for it and attaches (a shell gets an
//! interactive session; other commands show their output), and `--rm` deletes it after.

use serde_json::{json, Value};

use super::flags::Parsed;
use crate::apiserver::DeleteOptions;
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;
use crate::shell::{PromptStyle, Session};

/// How long `kubectl run -i` waits for the pod to run (`--pod-running-timeout`, 1m).
const RUNNING_TIMEOUT: i64 = 60;

/// Runs `kubectl run` once its arguments are checked.
pub fn run(cluster: &mut Cluster, p: &Parsed) -> ProgramOutput {
    let name = p.args.first().cloned().unwrap_or_default();
    let image = p.get("image").unwrap_or("").to_string();
    let ns = super::common::namespace(p);
    let restart = p.get("restart").unwrap_or("Always").to_string();
    if !matches!(restart.as_str(), "Always" | "OnFailure" | "Never") {
        return ProgramOutput::err(format!("error: invalid restart policy: {restart}\n"), 1);
    }
    let attach = p.get("stdin") == Some("true") || p.get("tty") == Some("true");
    let rm = p.get("rm") == Some("true");
    if rm && !attach {
        return ProgramOutput::err("error: --rm should only be used for attached containers\n", 1);
    }
    let cmd: Vec<String> = p.after_dash.clone().unwrap_or_default();
    let mut container = json!({"image": image, "name": name, "resources": {}});
    if !cmd.is_empty() {
        let field = if p.get("command") == Some("true") { "command" } else { "args" };
        object::set(&mut container, field, json!(cmd));
    }
    if attach {
        object::set(&mut container, "stdin", json!(true));
        object::set(&mut container, "stdinOnce", json!(true));
        if p.get("tty") == Some("true") {
            object::set(&mut container, "tty", json!(true));
        }
    }
    let envs: Vec<Value> = p.all("env").iter().filter_map(|e| e.split_once('=')).map(|(k, v)| json!({"name": k, "value": v})).collect();
    if !envs.is_empty() {
        object::set(&mut container, "env", Value::Array(envs));
    }
    let mut pod = json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"labels": {"run": name}, "name": name, "namespace": ns},
        "spec": {"containers": [container], "dnsPolicy": "ClusterFirst", "restartPolicy": restart}});
    if let Some(o) = p.get("overrides") {
        match serde_json::from_str::<Value>(o) {
            Ok(patch) => super::patch::merge_patch(&mut pod, &patch),
            Err(e) => return ProgramOutput::err(format!("error: {e}\n"), 1),
        }
    }
    if let Err(e) = cluster.api_create(pod) {
        return ProgramOutput::err(super::common::api_err(&e), 1);
    }
    if !attach {
        return ProgramOutput::ok(format!("pod/{name} created\n"));
    }
    let mut waited = 0;
    loop {
        let phase = cluster.api_get("Pod", &ns, &name).ok().and_then(|p| object::get_str(p, "status.phase").map(str::to_string)).unwrap_or_default();
        if phase != "Pending" && !phase.is_empty() || waited >= RUNNING_TIMEOUT {
            break;
        }
        cluster.advance(1);
        waited += 1;
    }
    let pod = cluster.api_get("Pod", &ns, &name).cloned().unwrap_or_default();
    let phase = object::get_str(&pod, "status.phase").unwrap_or("Pending").to_string();
    if phase == "Pending" {
        return ProgramOutput::err("error: timed out waiting for the condition\n", 1);
    }
    let found = crate::kubelet::find_container(cluster, &ns, &name, None).map(|(_, c)| {
        let failed = match &c.state {
            crate::kubelet::containers::State::Terminated(t) if t.exit_code != 0 => Some(t.reason.clone()),
            _ => None,
        };
        (c.ctx(), c.env.clone(), c.running(), c.log.clone(), failed)
    });
    let Some((ctx, env, running, log, failed)) = found else {
        return ProgramOutput::err("error: timed out waiting for the condition\n", 1);
    };
    let shell = cmd.is_empty() && matches!(crate::kubelet::images::repo_of(&image), "busybox" | "alpine")
        || cmd.len() == 1 && matches!(cmd[0].as_str(), "sh" | "/bin/sh" | "bash" | "/bin/bash");
    let mut out = String::new();
    if shell && p.get("tty") == Some("true") {
        out.push_str("If you don't see a command prompt, try pressing enter.\n");
        let style = if matches!(crate::kubelet::images::repo_of(&image), "busybox" | "alpine") {
            PromptStyle::Busybox
        } else {
            PromptStyle::Debian { hostname: name.clone() }
        };
        let mut s = Session::new(ctx).with_prompt(style).non_login();
        for (k, v) in &env {
            s.st.set(k, v);
        }
        cluster.kubelet.attached.push(s);
        return ProgramOutput::ok(out);
    }
    // `kubectl run -it … -- mysql …`: the client's `mysql>` prompt takes over the terminal.
    if p.get("tty") == Some("true") && cmd.first().is_some_and(|c| c == "mysql") {
        return match crate::programs::mysql_client::MysqlAttach::connect(cluster, &ctx.host, &cmd[1..]) {
            Ok((mut attach, greeting)) => {
                if rm {
                    attach.remove_pod = Some((ns.clone(), name.clone()));
                }
                let _ = greeting; // printed before kubectl attaches, so the learner never sees it
                out.push_str("If you don't see a command prompt, try pressing enter.\n");
                let mut s = Session::new(ctx).non_login();
                s.mysql = Some(Box::new(attach));
                cluster.kubelet.attached.push(s);
                ProgramOutput::ok(out)
            }
            Err(e) => {
                out.push_str(&e);
                if rm {
                    out.push_str(&remove_pod(cluster, &ns, &name));
                }
                ProgramOutput { stdout: out, stderr: format!("pod {ns}/{name} terminated (Error)\n"), code: 1 }
            }
        };
    }
    if running && p.get("tty") == Some("true") {
        out.push_str("If you don't see a command prompt, try pressing enter.\n");
    }
    out.push_str(&log);
    if rm {
        out.push_str(&remove_pod(cluster, &ns, &name));
    }
    if let Some(reason) = failed {
        return ProgramOutput { stdout: out, stderr: format!("pod {ns}/{name} terminated ({reason})\n"), code: 1 };
    }
    ProgramOutput::ok(out)
}

/// What `--rm` does when the attached session ends: deletes the pod at once and says so.
pub fn remove_pod(cluster: &mut Cluster, ns: &str, name: &str) -> String {
    match cluster.api_delete("Pod", ns, name, &DeleteOptions { grace_period: Some(0), ..Default::default() }) {
        Ok(_) => format!("pod \"{name}\" deleted\n"),
        Err(_) => String::new(),
    }
}
