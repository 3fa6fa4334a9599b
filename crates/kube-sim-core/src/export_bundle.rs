//! "Export for a real cluster": one bash script that writes the session's workspace manifests
//! (as quoted heredocs) and runs its kubectl commands in order against the learner's own
//! cluster (kind or minikube), with comments where the simulation differs: the NFS server's
//! address, commands that ran on the lab's machines (`yum`, `systemctl`, `exportfs`, ...),
//! interactive sessions, the power button, and simulated time passing.
//!
//! Pure text over a [`SessionRecord`]: the record is replayed on its start lab only to learn
//! where each line ran (the prompt before it), so the classification follows the model's own
//! shells and not a guess from the text.

use crate::session::{EventKind, SessionRecord};
use crate::Cluster;

/// The simulated NFS server's address, replaced by `$NFS_SERVER` in manifests.
pub const LAB_NFS_SERVER: &str = "172.19.0.4";

/// Commands that run as they are on the learner's workstation (besides kubectl).
const LOCAL: &[&str] = &[
    "echo", "printf", "cat", "base64", "ls", "grep", "head", "tail", "wc", "sort", "uniq", "sleep", "pwd", "date", "true",
    "false", "cd", "mkdir", "touch", "cp", "mv", "rm", "diff", "cut", "tr", "sed", "awk", "export", "history", "clear",
];

/// kubectl commands that never end or want a person: left as comments.
fn kubectl_blocks(words: &[&str]) -> bool {
    let verb = words.iter().skip(1).find(|w| !w.starts_with('-')).copied().unwrap_or("");
    let watch = words.iter().any(|w| matches!(*w, "-w" | "--watch" | "--watch-only") || w.starts_with("--watch="));
    let follow = verb == "logs" && words.iter().any(|w| *w == "-f" || *w == "--follow" || w.starts_with("--follow="));
    matches!(verb, "edit" | "port-forward" | "proxy" | "attach") || watch || follow
}

/// Single-quotes `s` for bash.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A comment line's text: no line breaks.
fn flat(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// A safe relative path for a workspace file, or `None`.
fn safe_name(name: &str) -> Option<&str> {
    let ok = !name.is_empty()
        && !name.starts_with('/')
        && !name.chars().any(char::is_control)
        && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
    ok.then_some(name)
}

/// Where a typed line ran, from the prompt before it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    /// A lab machine's shell: user, host.
    Host(String, String),
    /// Anything else: a container's shell, the mysql client, ...
    Session,
}

fn place(prompt: &str) -> Place {
    let inner = prompt.strip_prefix('[').and_then(|p| p.split_once(' ')).map(|(who, _)| who);
    match inner.and_then(|who| who.split_once('@')) {
        Some((user, host)) if prompt.ends_with("]$ ") || prompt.ends_with("]# ") => Place::Host(user.into(), host.into()),
        _ => Place::Session,
    }
}

/// Writes a workspace file with a quoted heredoc (so nothing in it is expanded).
fn write_file(out: &mut String, name: &str, text: &str) {
    let Some(name) = safe_name(name) else {
        out.push_str(&format!("# (skipped a file with an unusable name: {})\n", flat(name)));
        return;
    };
    let mut delim = "KUBE_SIM_EOF".to_string();
    while text.lines().any(|l| l == delim) {
        delim.push('_');
    }
    if let Some((dir, _)) = name.rsplit_once('/') {
        out.push_str(&format!("mkdir -p {}\n", quote(dir)));
    }
    if text.contains(LAB_NFS_SERVER) {
        out.push_str(&format!("# {LAB_NFS_SERVER} is the lab's NFS server: written as $NFS_SERVER.\n"));
        out.push_str(&format!("sed \"s/172\\.19\\.0\\.4/${{NFS_SERVER}}/g\" > {} <<'{delim}'\n", quote(name)));
    } else {
        out.push_str(&format!("cat > {} <<'{delim}'\n", quote(name)));
    }
    out.push_str(text);
    if !text.is_empty() && !text.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&delim);
    out.push('\n');
}

/// Why a command group is left as a comment, or `None` to run it.
fn verdict(first: &str, at: &Place, opens_session: bool, complete: bool, syntax_error: bool) -> Option<String> {
    if !complete {
        return Some("unfinished (the session ended inside it)".into());
    }
    if syntax_error {
        return Some("the shell refused it (syntax error)".into());
    }
    let (user, host) = match at {
        Place::Session => return Some("typed inside the interactive session above".into()),
        Place::Host(u, h) => (u.as_str(), h.as_str()),
    };
    let words: Vec<&str> = first.split_whitespace().collect();
    let cmd = words.iter().find(|w| !w.contains('=')).copied().unwrap_or("");
    if opens_session {
        return Some("opens an interactive session: run it by hand".into());
    }
    if host != "control-plane" {
        return Some(format!("run on the machine {host} (as {user}); on kind: docker exec -it <node> bash"));
    }
    if cmd == "kubectl" {
        return kubectl_blocks(&words).then(|| "waits until interrupted: run it by hand".into());
    }
    if user == "learner" && LOCAL.contains(&cmd) && !words.iter().skip(1).any(|w| w.starts_with('/')) {
        return None;
    }
    if cmd.is_empty() {
        return None;
    }
    Some(format!("ran on the lab's control-plane as {user}: run it on a machine of your cluster if needed"))
}

/// The script: a `#!/usr/bin/env bash` text for kind or minikube. `start` is the lab the record
/// starts from (a fresh lab, or the lesson's start); `start_files` are the workspace files the
/// lesson wrote before the first line, `setup` the lines the lesson typed to prepare its lab.
pub fn export_bundle(record: &SessionRecord, start: Cluster, start_files: &[(String, String)], setup: &[String]) -> String {
    // Where each line ran: the prompt before it, and whether the shell refused it.
    let mut prompts = vec![start.prompt()];
    let mut refused = Vec::new();
    let end = record.replay(start, |c, _, typed| {
        prompts.push(c.prompt());
        refused.push(typed.output.contains("syntax error near unexpected token"));
    });
    drop(end);
    let mut out = String::new();
    let title = record.lesson.as_deref().map_or("sandbox".to_string(), flat);
    out.push_str(&format!(
        "#!/usr/bin/env bash\n\
         # Kube Storage Playground: this session ({title}) for a real cluster (kind or minikube).\n\
         # Run it in an empty folder with kubectl pointing at your cluster:\n\
         #   NFS_SERVER=<your NFS server> bash {{this file}}\n\
         # Where the simulation differs:\n\
         # - The lab's NFS server is {LAB_NFS_SERVER}; manifests use $NFS_SERVER instead. Your nodes\n\
         #   need an NFS client (nfs-utils / nfs-common) and must reach the server.\n\
         # - The lab's nodes are control-plane, worker-1 and worker-2; kind names them kind-control-plane,\n\
         #   kind-worker, ...; minikube minikube, minikube-m02, ... Node names in commands may need changing.\n\
         # - Commands that ran on the lab's machines (yum, systemctl, exportfs, mount, ...) and interactive\n\
         #   sessions are comments here: run them by hand on the machine (kind: docker exec -it <node> bash;\n\
         #   minikube: minikube ssh -n <node>).\n\
         # - Simulated time passing becomes kube_sim_wait N; KUBE_SIM_SKIP_WAITS=1 skips the waits.\n\
         set -u\n\
         NFS_SERVER=\"${{NFS_SERVER:-{LAB_NFS_SERVER}}}\"\n\
         kube_sim_wait() {{ if [ \"${{KUBE_SIM_SKIP_WAITS:-0}}\" != 1 ]; then sleep \"$1\"; fi; }}\n\
         mkdir -p kube-sim-workspace && cd kube-sim-workspace || exit 1\n"
    ));
    if !setup.is_empty() {
        out.push_str("\n# The lesson prepared its lab with these lines (run them by hand if your cluster needs them):\n");
        for l in setup {
            out.push_str(&format!("#   {}\n", flat(l)));
        }
    }
    let mut files: Vec<(String, String)> = Vec::new();
    if !start_files.is_empty() {
        out.push_str("\n# The workspace files the session started with.\n");
        for (n, t) in start_files {
            write_file(&mut out, n, t);
            files.push((n.clone(), t.clone()));
        }
    }
    out.push('\n');
    let mut events = record.events.iter().peekable();
    let mut i = 0;
    let n = record.commands.len();
    while i < n || events.peek().is_some() {
        while let Some(e) = events.next_if(|e| e.at <= i || i >= n) {
            event(&mut out, &e.kind, &mut files);
        }
        if i >= n {
            break;
        }
        // A group: the line typed at a shell prompt and its continuation lines (heredoc bodies);
        // events during it are written after it.
        let mut j = i + 1;
        while j < n && prompts.get(j).is_some_and(|p| p == "> ") {
            j += 1;
        }
        let at = place(prompts.get(i).map_or("", String::as_str));
        let after = prompts.get(j).map_or("", String::as_str);
        let complete = after != "> ";
        let opens = at != Place::Session && complete && place(after) == Place::Session;
        let moves_to = match (&at, place(after)) {
            (Place::Host(u1, h1), Place::Host(u2, h2)) if complete && (h1 != &h2 || u1 != &u2) => Some(format!("{u2}@{h2}")),
            _ => None,
        };
        let syntax_error = refused.get(i..j).is_some_and(|r| r.iter().any(|b| *b));
        let first = record.commands[i].as_str();
        let why = match moves_to {
            Some(to) if to == "learner@control-plane" => Some("back on the lab's control-plane".into()),
            Some(to) => Some(format!("opens a shell as {to}: the lines below ran there")),
            None => verdict(first, &at, opens, complete, syntax_error),
        };
        match why {
            None => {
                for l in &record.commands[i..j] {
                    out.push_str(l);
                    out.push('\n');
                }
                if first.contains(LAB_NFS_SERVER) {
                    out.push_str(&format!("# ^ {LAB_NFS_SERVER} is the lab's NFS server: use $NFS_SERVER on your cluster.\n"));
                }
            }
            Some(why) => {
                out.push_str(&format!("# ({why}):\n"));
                for l in &record.commands[i..j] {
                    out.push_str(&format!("#   {}\n", flat(l)));
                }
            }
        }
        i = j;
    }
    let unsaved: Vec<&(String, String)> =
        record.files.iter().filter(|(n, t)| !files.iter().any(|(fn_, ft)| fn_ == n && ft == t)).collect();
    if !unsaved.is_empty() {
        out.push_str("\n# The editor's text when the session was exported (not all of it was saved in the lab).\n");
        for (n, t) in unsaved {
            write_file(&mut out, n, t);
        }
    }
    out
}

fn event(out: &mut String, kind: &EventKind, files: &mut Vec<(String, String)>) {
    match kind {
        EventKind::Advance(secs) => {
            let secs = (*secs).clamp(0, 7 * 24 * 3600);
            out.push_str(&format!("# {secs} s of simulated time passed here.\nkube_sim_wait {secs}\n"));
        }
        EventKind::Save(name, text) => {
            out.push_str("# Saved in the editor:\n");
            write_file(out, name, text);
            files.retain(|(n, _)| n != name);
            files.push((name.clone(), text.clone()));
        }
        EventKind::Power { host, on } => {
            let host = flat(host);
            let (what, kind, mini) = if *on { ("on", "start", "start") } else { ("off", "stop", "stop") };
            out.push_str(&format!(
                "# The graph's power button switched {host} {what} here. On kind: docker {kind} <node container>;\n\
                 # on minikube: minikube node {mini} <node>.\n"
            ));
        }
    }
}

#[cfg(test)]
mod tests;
