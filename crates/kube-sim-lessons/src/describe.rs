//! "Show goal": a step's goal in words, in either language, generated from the goal predicate
//! (never written by hand), plus the cluster objects it names so the UI can outline them.
//!
//! `kubectl get pvc mypvc1 -o jsonpath={.status.phase}` with `equals: Bound` reads
//! "PersistentVolumeClaim default/mypvc1 is Bound"; a `kubectl exec POD -- CMD` check reads
//! "In pod default/POD, `CMD` prints …"; anything else describes the command and its matchers.

use crate::goal::{Expect, Goal};
use crate::model::Lang;

/// One line of a goal's description; `depth` indents the parts of `all`/`any`/`not`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalLine {
    /// Nesting depth (0 at the top).
    pub depth: usize,
    /// The text.
    pub text: String,
}

/// A cluster object a goal names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    /// Kind (`PersistentVolumeClaim`, `Pod`, `Node`, ...).
    pub kind: String,
    /// Namespace ("" when cluster-scoped).
    pub namespace: String,
    /// Name.
    pub name: String,
}

impl Target {
    /// The graph's `data-testid` for the object (`obj-<kind>-<namespace or _>-<name>`).
    pub fn testid(&self) -> String {
        let ns = if self.namespace.is_empty() { "_" } else { &self.namespace };
        format!("obj-{}-{ns}-{}", self.kind.to_ascii_lowercase(), self.name)
    }
}

/// The kubectl resource names goals use, with their kinds and whether they are namespaced.
const KINDS: &[(&[&str], &str, bool)] = &[
    (&["pvc", "pvcs", "persistentvolumeclaim", "persistentvolumeclaims"], "PersistentVolumeClaim", true),
    (&["pv", "pvs", "persistentvolume", "persistentvolumes"], "PersistentVolume", false),
    (&["po", "pod", "pods"], "Pod", true),
    (&["secret", "secrets"], "Secret", true),
    (&["cm", "configmap", "configmaps"], "ConfigMap", true),
    (&["sc", "storageclass", "storageclasses"], "StorageClass", false),
    (&["deploy", "deployment", "deployments"], "Deployment", true),
    (&["no", "node", "nodes"], "Node", false),
];

fn kind_of(resource: &str) -> Option<(&'static str, bool)> {
    let r = resource.to_ascii_lowercase();
    KINDS.iter().find(|(names, _, _)| names.contains(&r.as_str())).map(|(_, k, ns)| (*k, *ns))
}

/// Splits a command line into words, honouring single and double quotes (enough for goals).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for ch in line.chars() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(ch);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// What a parsed check is about.
enum Subject {
    /// `kubectl get KIND NAME [-o jsonpath=PATH]`.
    Get { target: Target, path: Option<String> },
    /// `kubectl exec POD -- CMD`.
    Exec { target: Target, command: String },
    /// `ssh HOST CMD`.
    Ssh { host: String, command: String },
    /// Anything else.
    Command,
}

fn parse(command: &str) -> Subject {
    let w = words(command);
    let whole = || Subject::Command;
    let mut ns = "default".to_string();
    let mut jsonpath = None;
    let mut rest: Vec<&str> = Vec::new();
    let mut it = w.iter().map(String::as_str).peekable();
    let mut after_dashes: Vec<&str> = Vec::new();
    while let Some(a) = it.next() {
        match a {
            "--" => {
                after_dashes.extend(it.by_ref());
                break;
            }
            "-n" | "--namespace" => ns = it.next().unwrap_or("default").to_string(),
            "-o" => jsonpath = it.next().and_then(|o| o.strip_prefix("jsonpath=")).map(str::to_string),
            "-c" | "--container" | "-l" | "--selector" => {
                it.next();
            }
            _ if a.starts_with("-o=jsonpath=") => jsonpath = a.strip_prefix("-o=jsonpath=").map(str::to_string),
            _ if a.starts_with("--namespace=") => ns = a.trim_start_matches("--namespace=").to_string(),
            _ if a.starts_with('-') => {}
            _ => rest.push(a),
        }
    }
    match rest.as_slice() {
        ["kubectl", "get", res, name] => match kind_of(res) {
            Some((kind, namespaced)) => Subject::Get {
                target: Target { kind: kind.into(), namespace: if namespaced { ns } else { String::new() }, name: (*name).into() },
                path: jsonpath,
            },
            None => whole(),
        },
        ["kubectl", "exec", pod] if !after_dashes.is_empty() && !pod.contains('/') => Subject::Exec {
            target: Target { kind: "Pod".into(), namespace: ns, name: (*pod).into() },
            command: after_dashes.join(" "),
        },
        ["ssh", host, cmd @ ..] if !cmd.is_empty() => Subject::Ssh { host: (*host).into(), command: cmd.join(" ") },
        _ => whole(),
    }
}

fn quoted(s: &str) -> String {
    format!("“{}”", s.trim_end_matches('\n').replace('\n', "\\n"))
}

/// The matchers as a phrase ("prints “Bound”", "exits with status 0", ...).
fn matchers(e: &Expect, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(x) = &e.equals {
        parts.push(match (lang, x.trim_end_matches('\n').is_empty()) {
            (Lang::En, true) => "prints nothing".to_string(),
            (Lang::Zh, true) => "没有输出".to_string(),
            (Lang::En, false) => format!("prints exactly {}", quoted(x)),
            (Lang::Zh, false) => format!("输出恰好是 {}", quoted(x)),
        });
    }
    for c in &e.contains {
        parts.push(match lang {
            Lang::En => format!("output contains {}", quoted(c)),
            Lang::Zh => format!("输出包含 {}", quoted(c)),
        });
    }
    for g in &e.matches {
        parts.push(match lang {
            Lang::En => format!("a line of output matches {}", quoted(g)),
            Lang::Zh => format!("输出中有一行匹配 {}", quoted(g)),
        });
    }
    if let Some(code) = e.exit {
        parts.push(match (lang, code) {
            (Lang::En, 0) => "succeeds (exit status 0)".to_string(),
            (Lang::Zh, 0) => "执行成功（退出码 0）".to_string(),
            (Lang::En, n) => format!("exits with status {n}"),
            (Lang::Zh, n) => format!("退出码为 {n}"),
        });
    }
    parts.join(match lang {
        Lang::En => " and ",
        Lang::Zh => "，且",
    })
}

fn who(t: &Target) -> String {
    if t.namespace.is_empty() {
        format!("{} {}", t.kind, t.name)
    } else {
        format!("{} {}/{}", t.kind, t.namespace, t.name)
    }
}

fn check_text(command: &str, e: &Expect, lang: Lang) -> String {
    match parse(command) {
        Subject::Get { target, path: Some(path) } if e.equals.is_some() && e.contains.is_empty() && e.matches.is_empty() => {
            let want = e.equals.clone().unwrap_or_default();
            let field = path.trim_matches(|c| c == '{' || c == '}').trim_start_matches('.').to_string();
            match (lang, field.as_str()) {
                (Lang::En, "status.phase") => format!("{} is {}", who(&target), quoted(&want)),
                (Lang::Zh, "status.phase") => format!("{} 的状态是 {}", who(&target), quoted(&want)),
                (Lang::En, _) => format!("{}: field {field} is {}", who(&target), quoted(&want)),
                (Lang::Zh, _) => format!("{} 的字段 {field} 是 {}", who(&target), quoted(&want)),
            }
        }
        Subject::Get { target, path: None } if e.contains == ["NotFound"] && e.equals.is_none() => match lang {
            Lang::En => format!("{} no longer exists", who(&target)),
            Lang::Zh => format!("{} 已不存在", who(&target)),
        },
        Subject::Get { target, path: None } if e.exit == Some(0) && e.equals.is_none() && e.contains.is_empty() => match lang {
            Lang::En => format!("{} exists", who(&target)),
            Lang::Zh => format!("{} 存在", who(&target)),
        },
        Subject::Exec { target, command } => match lang {
            Lang::En => format!("In {}, `{command}` {}", who(&target), matchers(e, lang)),
            Lang::Zh => format!("在 {} 中，`{command}` {}", who(&target), matchers(e, lang)),
        },
        Subject::Ssh { host, command } => match lang {
            Lang::En => format!("On host {host}, `{command}` {}", matchers(e, lang)),
            Lang::Zh => format!("在主机 {host} 上，`{command}` {}", matchers(e, lang)),
        },
        Subject::Get { .. } | Subject::Command => match lang {
            Lang::En => format!("`{command}` {}", matchers(e, lang)),
            Lang::Zh => format!("`{command}` {}", matchers(e, lang)),
        },
    }
}

fn push_lines(goal: &Goal, lang: Lang, depth: usize, negated: bool, out: &mut Vec<GoalLine>) {
    let not = |t: String| match (negated, lang) {
        (false, _) => t,
        (true, Lang::En) => format!("NOT: {t}"),
        (true, Lang::Zh) => format!("不成立：{t}"),
    };
    match goal {
        Goal::Check { command, expect } => out.push(GoalLine { depth, text: not(check_text(command, expect, lang)) }),
        Goal::LastOutput(e) => {
            let text = match lang {
                Lang::En => format!("Your last command's {}", matchers(e, lang).replacen("prints", "output is", 1)),
                Lang::Zh => format!("你上一条命令的{}", matchers(e, lang)),
            };
            out.push(GoalLine { depth, text: not(text) });
        }
        Goal::All(gs) if !negated => {
            if depth > 0 {
                out.push(GoalLine { depth, text: match lang { Lang::En => "All of:".into(), Lang::Zh => "以下全部成立：".into() } });
            }
            let d = if depth > 0 { depth + 1 } else { depth };
            gs.iter().for_each(|g| push_lines(g, lang, d, false, out));
        }
        Goal::All(gs) | Goal::Any(gs) => {
            let all = matches!(goal, Goal::All(_));
            let head = match (lang, all) {
                (Lang::En, true) => "All of:",
                (Lang::Zh, true) => "以下全部成立：",
                (Lang::En, false) => "At least one of:",
                (Lang::Zh, false) => "以下至少一项成立：",
            };
            out.push(GoalLine { depth, text: not(head.to_string()) });
            gs.iter().for_each(|g| push_lines(g, lang, depth + 1, false, out));
        }
        Goal::Not(g) => push_lines(g, lang, depth, !negated, out),
    }
}

/// The goal in words, one line per condition, in `lang`.
pub fn describe(goal: &Goal, lang: Lang) -> Vec<GoalLine> {
    let mut out = Vec::new();
    push_lines(goal, lang, 0, false, &mut out);
    out
}

/// The cluster objects the goal names (those it expects to exist), sorted, without repeats.
pub fn targets(goal: &Goal) -> Vec<Target> {
    fn walk(goal: &Goal, negated: bool, out: &mut Vec<Target>) {
        match goal {
            Goal::Check { command, expect } => {
                let gone = expect.contains.iter().any(|c| c == "NotFound");
                match parse(command) {
                    Subject::Get { target, .. } | Subject::Exec { target, .. } if !negated && !gone => out.push(target),
                    Subject::Ssh { host, .. } if !negated && (host.starts_with("worker-") || host == "control-plane") => {
                        out.push(Target { kind: "Node".into(), namespace: String::new(), name: host });
                    }
                    _ => {}
                }
            }
            Goal::LastOutput(_) => {}
            Goal::All(gs) | Goal::Any(gs) => gs.iter().for_each(|g| walk(g, negated, out)),
            Goal::Not(g) => walk(g, !negated, out),
        }
    }
    let mut out = Vec::new();
    walk(goal, false, &mut out);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests;
