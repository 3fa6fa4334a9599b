//! kubectl: argv in, what kubectl v1.32 prints out.

use crate::cluster::{Cluster, ProcCtx, ProgramOutput};

pub mod annotate;
pub mod api_resources;
pub mod apply;
pub mod cluster_info;
pub mod common;
pub mod complete;
pub mod create;
pub mod create_data;
pub mod custom_columns;
pub mod delete;
pub mod describe;
pub mod explain;
mod explain_docs;
pub mod field_selector;
pub mod flags;
pub mod output;
pub mod get;
pub mod jsonpath;
pub mod label;
pub mod manifests;
pub mod node;
pub mod output_seam;
pub mod patch;
pub mod printers;
pub mod replace;
pub mod rollout;
pub mod scale;
pub mod selector;
pub mod unsupported;
pub mod exec;
pub mod logs;
pub mod run;
pub mod version;
pub mod wait;

/// Runs `kubectl ARGS` against the cluster, with no standard input.
/// `ctx` is the process running kubectl (its working directory resolves `-f` paths).
pub fn run(cluster: &mut Cluster, ctx: &ProcCtx, args: &[String]) -> ProgramOutput {
    run_with_stdin(cluster, ctx, args, "")
}

/// Runs `kubectl ARGS` with `stdin` (read by `-f -`).
pub fn run_with_stdin(cluster: &mut Cluster, ctx: &ProcCtx, args: &[String], stdin: &str) -> ProgramOutput {
    let args = match hoist_global_flags(args) {
        Ok(a) => a,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let args = args.as_slice();
    let rest = args.get(1..).unwrap_or(&[]);
    let io = common::Io { ctx, stdin };
    match args.first().map(String::as_str) {
        Some("create") => create::run(cluster, ctx, rest, stdin),
        Some("apply") => apply::run(cluster, &io, rest),
        Some("get") => get::run(cluster, &io, rest),
        Some("describe") => describe::run(cluster, &io, rest),
        Some("delete") => delete::run(cluster, &io, rest),
        Some("label") => label::run(cluster, &io, rest),
        Some("annotate") => annotate::run(cluster, &io, rest),
        Some("patch") => patch::run(cluster, &io, rest),
        Some("scale") => scale::run(cluster, &io, rest),
        Some("replace") => replace::run(cluster, &io, rest),
        Some("wait") => wait::run(cluster, &io, rest),
        Some("rollout") => rollout::run(cluster, &io, rest),
        Some("explain") => explain::run(rest),
        Some("api-resources") => api_resources::run(rest),
        Some("cluster-info") => cluster_info::run(cluster, rest),
        Some("cordon") => node::cordon(cluster, rest, true),
        Some("uncordon") => node::cordon(cluster, rest, false),
        Some("drain") => node::drain(cluster, rest),
        Some("exec") => unsupported::exec(cluster, rest),
        Some("logs") => unsupported::logs(cluster, rest),
        Some("run") => unsupported::run(cluster, rest),
        Some("version") => version::run(rest),
        // No metrics-server in the lab.
        Some("top") => ProgramOutput::err("error: Metrics API not available\n", 1),
        Some(other) => ProgramOutput::err(unknown_command(other), 1),
        None => ProgramOutput::err("kubectl controls the Kubernetes cluster manager.\n".to_string(), 0),
    }
}

/// Global flags typed before the command (`kubectl -n kube-system get pods`) move after it,
/// where every command's flag parser accepts them. Errors are cobra's for the root command.
fn hoist_global_flags(args: &[String]) -> Result<Vec<String>, String> {
    let mut leading = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a == "--" || !a.starts_with('-') || a == "-" {
            break;
        }
        i += 1;
        leading.push(a.clone());
        let takes_value = if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, _)) => (n, true),
                None => (long, false),
            };
            match flags::GLOBAL.iter().find(|f| f.long == name) {
                None => return Err(format!("Error: flags cannot be placed before plugin name: {a}\n")),
                Some(f) if f.kind != flags::FlagKind::Bool && !inline => {
                    if args.get(i).is_none() {
                        return Err(format!("Error: flag needs an argument: --{name}\nSee 'kubectl --help' for usage.\n"));
                    }
                    true
                }
                Some(_) => false,
            }
        } else {
            let c = a.chars().nth(1).unwrap_or('-');
            match flags::GLOBAL.iter().find(|f| f.short == Some(c)) {
                None => return Err(format!("Error: unknown shorthand flag: '{c}' in {a}\nSee 'kubectl --help' for usage.\n")),
                Some(f) if f.kind != flags::FlagKind::Bool && a.chars().count() == 2 => {
                    if args.get(i).is_none() {
                        return Err(format!("Error: flag needs an argument: '{c}' in {a}\nSee 'kubectl --help' for usage.\n"));
                    }
                    true
                }
                Some(_) => false,
            }
        };
        if takes_value {
            if let Some(v) = args.get(i) {
                leading.push(v.clone());
                i += 1;
            }
        }
    }
    if leading.is_empty() || i >= args.len() {
        return Ok(args.to_vec());
    }
    // kubectl VERB GLOBALS... REST: flags before `--` so they stay flags.
    let mut out = vec![args[i].clone()];
    out.extend(leading);
    out.extend(args[i + 1..].iter().cloned());
    Ok(out)
}

/// kubectl's commands in the order it registers them (cobra suggests in this order).
const COMMANDS: &[&str] = &[
    "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale", "certificate",
    "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach", "exec", "port-forward",
    "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait", "kustomize", "label", "annotate",
    "completion", "config", "plugin", "version", "api-versions", "api-resources", "options",
];

/// Case-insensitive Levenshtein distance, as cobra computes it for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// cobra's error for an unknown command, with its "Did you mean this?" suggestions.
fn unknown_command(typed: &str) -> String {
    let mut out = format!("Error: unknown command \"{typed}\" for \"kubectl\"\n");
    let lower = typed.to_lowercase();
    let suggestions: Vec<&str> = COMMANDS.iter().copied().filter(|c| distance(typed, c) <= 2 || c.starts_with(&lower)).collect();
    if !suggestions.is_empty() {
        out.push_str("\nDid you mean this?\n");
        for s in suggestions {
            out.push_str(&format!("\t{s}\n"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
