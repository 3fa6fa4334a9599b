//! `kubectl exec`: a command in a running container, or an interactive shell there.

use super::flags::Parsed;
use crate::cluster::{Cluster, ProgramOutput};
use crate::kubelet::process::quote;
use crate::object;
use crate::shell::{PromptStyle, Session};

/// Runs `kubectl exec` once its arguments are checked.
pub fn exec(cluster: &mut Cluster, p: &Parsed) -> ProgramOutput {
    let pod = match super::logs::target_pod(cluster, p) {
        Ok(pod) => pod,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let (name, note) = match super::logs::pick_container(&pod, p.get("container")) {
        Ok(x) => x,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let fail = |msg: String| ProgramOutput { stdout: String::new(), stderr: format!("{note}{msg}"), code: 1 };
    let phase = object::get_str(&pod, "status.phase").unwrap_or("Pending");
    if phase == "Succeeded" || phase == "Failed" {
        return fail(format!("error: cannot exec into a container in a completed pod; current phase is {phase}\n"));
    }
    let (ns, pod_name) = (object::namespace(&pod).to_string(), object::name(&pod).to_string());
    if let Some(e) = super::logs::node_unreachable(cluster, &pod, &format!("exec/{ns}/{pod_name}/{name}")) {
        return fail(e);
    }
    let Some((_, c)) = crate::kubelet::find_container(cluster, &ns, &pod_name, Some(&name)) else {
        return fail(format!("error: unable to upgrade connection: container not found (\"{name}\")\n"));
    };
    if !c.running() {
        return fail(format!("error: unable to upgrade connection: container not found (\"{name}\")\n"));
    }
    let (ctx, env, image) = (c.ctx(), c.env.clone(), c.image.clone());
    let argv = p.after_dash.clone().unwrap_or_default();
    let interactive = p.get("stdin") == Some("true");
    let shell = argv.len() == 1 && matches!(argv[0].as_str(), "sh" | "/bin/sh" | "bash" | "/bin/bash" | "ash" | "/bin/ash");
    if interactive && shell {
        let style = if matches!(crate::kubelet::images::repo_of(&image), "busybox" | "alpine") {
            PromptStyle::Busybox
        } else {
            PromptStyle::Debian { hostname: pod_name.clone() }
        };
        let mut s = Session::new(ctx).with_prompt(style).non_login();
        for (k, v) in &env {
            s.st.set(k, v);
        }
        cluster.kubelet.attached.push(s);
        return ProgramOutput { stdout: String::new(), stderr: note, code: 0 };
    }
    let Some(first) = argv.first() else { return fail(String::new()) };
    let known = crate::programs::exists(cluster, &ctx, first)
        || matches!(first.as_str(), "sh" | "/bin/sh" | "bash" | "/bin/bash" | "echo" | "cd" | "pwd" | "export" | "test" | "[" | "true" | "false" | "printf" | "read" | "set" | "type");
    if !known {
        return ProgramOutput {
            stdout: String::new(),
            stderr: format!("{note}OCI runtime exec failed: exec failed: unable to start container process: exec: \"{first}\": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n"),
            code: 126,
        };
    }
    let prelude = crate::kubelet::process::env_prelude(&env);
    let script = format!("{prelude}{}", argv.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" "));
    let out = crate::shell::run_sh(cluster, &ctx, &script, b"");
    let mut stderr = format!("{note}{}", out.stderr);
    if out.code != 0 {
        stderr.push_str(&format!("command terminated with exit code {}\n", out.code));
    }
    ProgramOutput { stdout: out.stdout, stderr, code: out.code }
}
