//! What several kubectl verbs share: resolving resource types and `TYPE NAME` / `TYPE/NAME`
//! arguments, the namespace, error texts and object names as kubectl prints them.

use serde_json::Value;

use crate::api::resources::{self, ResourceInfo};
use crate::api::ApiError;
use crate::cluster::{Cluster, ProcCtx, ProgramOutput};
use crate::object;

use super::flags::Parsed;

/// The process kubectl runs in and its standard input.
#[derive(Clone, Copy, Debug)]
pub struct Io<'a> {
    /// Host, user, working directory.
    pub ctx: &'a ProcCtx,
    /// Standard input (for `-f -`).
    pub stdin: &'a str,
}

/// The namespace kubectl works in: `-n`, or `default`.
pub fn namespace(p: &Parsed) -> String {
    p.get("namespace").filter(|n| !n.is_empty()).unwrap_or("default").to_string()
}

/// Resolves a resource type typed by the learner, or kubectl's error text.
pub fn resolve_type(typed: &str) -> Result<&'static ResourceInfo, String> {
    resources::resolve(typed).ok_or_else(|| format!("error: the server doesn't have a resource type \"{typed}\"\n"))
}

/// The kinds of the `all` category, in the order kubectl prints them.
const ALL_CATEGORY: &[&str] = &["Pod", "Service", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "Job"];

const TYPE_AND_SLASH: &str = "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n";

/// What the positional arguments of get/describe/delete/label name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The resource type.
    pub info: &'static ResourceInfo,
    /// The object name, or `None` for "every object of the type".
    pub name: Option<String>,
}

/// Splits `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...` into targets.
pub fn targets(args: &[String]) -> Result<Vec<Target>, String> {
    let Some(first) = args.first() else { return Ok(Vec::new()) };
    if first.contains('/') {
        let mut out = Vec::new();
        for a in args {
            let Some((t, n)) = a.split_once('/') else {
                return Err(TYPE_AND_SLASH.to_string());
            };
            if n.is_empty() {
                return Err("error: arguments in resource/name form must have a single resource and name\n".to_string());
            }
            out.push(Target { info: resolve_type(t)?, name: Some(n.to_string()) });
        }
        return Ok(out);
    }
    if args.iter().skip(1).any(|a| a.contains('/')) {
        return Err(TYPE_AND_SLASH.to_string());
    }
    let mut infos = Vec::new();
    for t in first.split(',').filter(|t| !t.is_empty()) {
        let expanded: Vec<&'static ResourceInfo> = if t == "all" {
            ALL_CATEGORY.iter().filter_map(|k| resources::by_kind(k)).collect()
        } else {
            vec![resolve_type(t)?]
        };
        for info in expanded {
            if !infos.contains(&info) {
                infos.push(info);
            }
        }
    }
    let mut out = Vec::new();
    for info in infos {
        if args.len() == 1 {
            out.push(Target { info, name: None });
        }
        for n in &args[1..] {
            out.push(Target { info, name: Some(n.clone()) });
        }
    }
    Ok(out)
}

/// The namespace to look `info` up in ("" for cluster-scoped kinds).
pub fn ns_for<'a>(info: &ResourceInfo, ns: &'a str) -> &'a str {
    if info.namespaced {
        ns
    } else {
        ""
    }
}

/// `pod/nginx`, `deployment.apps/coredns`: how kubectl names an object in its messages.
pub fn ref_name(obj: &Value) -> String {
    let kind = object::kind(obj);
    match resources::by_kind(kind) {
        Some(r) => format!("{}/{}", r.qualified_singular(), object::name(obj)),
        None => format!("{}/{}", kind.to_ascii_lowercase(), object::name(obj)),
    }
}

/// The error line kubectl prints for a failed API call.
pub fn api_err(e: &ApiError) -> String {
    format!("{e}\n")
}

/// "No resources found in NS namespace." or "No resources found" (stderr).
pub fn no_resources(namespaced: bool, all_namespaces: bool, ns: &str) -> String {
    if namespaced && !all_namespaces {
        format!("No resources found in {ns} namespace.\n")
    } else {
        "No resources found\n".to_string()
    }
}

/// A finished command from collected stdout, stderr and whether anything failed.
pub fn finish(out: String, err: String, failed: bool) -> ProgramOutput {
    ProgramOutput { stdout: out, stderr: err, code: i32::from(failed) }
}

/// Objects of `t` in `ns` (or every namespace), or the one it names.
pub fn lookup(cluster: &Cluster, t: &Target, ns: &str, all_ns: bool) -> Result<Vec<Value>, ApiError> {
    lookup_refs(cluster, t, ns, all_ns).map(|v| v.into_iter().cloned().collect())
}

/// Like [`lookup`], without copying the objects.
pub fn lookup_refs<'a>(cluster: &'a Cluster, t: &Target, ns: &str, all_ns: bool) -> Result<Vec<&'a Value>, ApiError> {
    match &t.name {
        Some(n) => cluster.api_get(t.info.kind, ns_for(t.info, ns), n).map(|o| vec![o]),
        None => {
            let scope = if all_ns || !t.info.namespaced { None } else { Some(ns) };
            Ok(cluster.api_list(t.info.kind, scope))
        }
    }
}

/// Go's `time.ParseDuration`: the duration in seconds, or Go's error text
/// (`time: invalid duration "abc"`).
pub fn parse_go_duration(s: &str) -> Result<f64, String> {
    let quoted = format!("\"{s}\"");
    let invalid = || format!("time: invalid duration {quoted}");
    let mut rest = s;
    let mut neg = false;
    if let Some(r) = rest.strip_prefix('-') {
        neg = true;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    if rest == "0" {
        return Ok(0.0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let num = &rest[..num_len];
        if num.is_empty() || num == "." {
            return Err(invalid());
        }
        let value: f64 = num.parse().map_err(|_| invalid())?;
        rest = &rest[num_len..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale = match unit {
            "" => return Err(format!("time: missing unit in duration {quoted}")),
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            other => return Err(format!("time: unknown unit \"{other}\" in duration {quoted}")),
        };
        total += value * scale;
    }
    Ok(if neg { -total } else { total })
}

/// Checks a duration flag as pflag does, or returns cobra's error for `--{name}`.
pub fn duration_flag(p: &Parsed, name: &str, cmd: &str) -> Result<Option<f64>, String> {
    match p.get(name) {
        None => Ok(None),
        Some(v) => parse_go_duration(v)
            .map(Some)
            .map_err(|e| format!("Error: invalid argument \"{v}\" for \"--{name}\" flag: {e}\nSee '{cmd} --help' for usage.\n")),
    }
}

/// Checks an integer flag as pflag does, or returns cobra's error for `--{name}`.
pub fn int_flag(p: &Parsed, name: &str, cmd: &str) -> Result<Option<i64>, String> {
    match p.get(name) {
        None => Ok(None),
        Some(v) => v.parse::<i64>().map(Some).map_err(|_| {
            format!("Error: invalid argument \"{v}\" for \"--{name}\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax\nSee '{cmd} --help' for usage.\n")
        }),
    }
}

/// klog's "command failed" line (for cobra's required-flag errors), stamped with the
/// simulated time.
pub fn klog_command_failed(cluster: &Cluster, msg: &str) -> String {
    let (_, mo, d, h, mi, s) = crate::clock::civil(cluster.now());
    let escaped = msg.replace('"', "\\\"");
    format!("E{mo:02}{d:02} {h:02}:{mi:02}:{s:02}.000000   4242 run.go:72] \"command failed\" err=\"{escaped}\"\n")
}

/// The API server's warnings of the last write, as kubectl prints them (`Warning: ...` lines,
/// on stderr just before the result line).
pub fn server_warnings(cluster: &mut Cluster) -> String {
    cluster.take_api_warnings().iter().map(|w| format!("Warning: {w}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("1m30s"), Ok(90.0));
        assert_eq!(parse_go_duration("0"), Ok(0.0));
        assert_eq!(parse_go_duration("abc").unwrap_err(), "time: invalid duration \"abc\"");
        assert_eq!(parse_go_duration("5").unwrap_err(), "time: missing unit in duration \"5\"");
        assert_eq!(parse_go_duration("5x").unwrap_err(), "time: unknown unit \"x\" in duration \"5x\"");
    }

    #[test]
    fn target_forms() {
        let t = targets(&a("pv,pvc x")).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].info.kind, "PersistentVolumeClaim");
        let t = targets(&a("pod/a deploy/b")).unwrap();
        assert_eq!((t[1].info.kind, t[1].name.as_deref()), ("Deployment", Some("b")));
        assert_eq!(targets(&a("foos")).unwrap_err(), "error: the server doesn't have a resource type \"foos\"\n");
        assert!(targets(&a("pod pod/a")).is_err());
    }
}
