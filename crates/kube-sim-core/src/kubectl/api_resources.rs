//! `kubectl api-resources`: the served resources as kubectl v1.32 lists them.

use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::api::resources::RESOURCES;
use crate::cluster::ProgramOutput;

const SPECS: &[FlagSpec] = &[
    flag("namespaced", None, FlagKind::Bool),
    flag("api-group", None, FlagKind::Value),
    flag("output", Some('o'), FlagKind::Value),
    flag("no-headers", None, FlagKind::Bool),
    flag("verbs", None, FlagKind::Repeated),
    flag("sort-by", None, FlagKind::Value),
    flag("cached", None, FlagKind::Bool),
];

/// Runs `kubectl api-resources ARGS`.
pub fn run(args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, SPECS, "kubectl api-resources") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if let Some(o) = p.get("output").filter(|o| !matches!(*o, "wide" | "name")) {
        return ProgramOutput::err(format!("error: --output {o} is not available\n"), 1);
    }
    if p.get("sort-by").is_some_and(|s| s != "name" && s != "kind") {
        return ProgramOutput::err("error: --sort-by accepts only name or kind\n", 1);
    }
    let namespaced = p.get("namespaced").map(|v| v == "true");
    let rows: Vec<_> = RESOURCES
        .iter()
        .filter(|r| namespaced.map_or(true, |n| r.namespaced == n))
        .filter(|r| p.get("api-group").map_or(true, |g| r.group == g))
        .collect();
    if p.get("output") == Some("name") {
        let names: String = rows
            .iter()
            .map(|r| if r.group.is_empty() { format!("{}\n", r.plural) } else { format!("{}.{}\n", r.plural, r.group) })
            .collect();
        return ProgramOutput::ok(names);
    }
    let wide = p.get("output") == Some("wide");
    let mut table: Vec<Vec<String>> = Vec::new();
    if !p.is_set("no-headers") {
        let mut h = vec!["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
        if wide {
            h.extend(["VERBS", "CATEGORIES"]);
        }
        table.push(h.into_iter().map(String::from).collect());
    }
    for r in rows {
        let mut row = vec![r.plural.to_string(), r.short.join(","), r.api_version(), r.namespaced.to_string(), r.kind.to_string()];
        if wide {
            let verbs = if r.kind == "Namespace" {
                "[create delete get list patch update watch]"
            } else {
                "[create delete deletecollection get list patch update watch]"
            };
            let all = matches!(r.kind, "Pod" | "Service" | "DaemonSet" | "Deployment" | "ReplicaSet" | "StatefulSet" | "Job");
            row.push(verbs.to_string());
            row.push(if all { "all".to_string() } else { String::new() });
        }
        table.push(row);
    }
    let ncols = table.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..ncols).map(|i| table.iter().map(|row| row.get(i).map_or(0, String::len)).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in &table {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}", w = widths[i] + 3));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    ProgramOutput::ok(out)
}
