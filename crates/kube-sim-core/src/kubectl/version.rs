//! `kubectl version [--client] [-o json|yaml]`.

use serde_json::{json, Value};

use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::cluster::ProgramOutput;
use crate::{KUBE_VERSION, KUSTOMIZE_VERSION};

const SPECS: &[FlagSpec] = &[flag("client", None, FlagKind::Bool), flag("output", Some('o'), FlagKind::Value)];

/// The build information of v1.32.4 (client and server are the same release).
fn info() -> Value {
    json!({
        "major": "1",
        "minor": "32",
        "gitVersion": KUBE_VERSION,
        "gitCommit": "59526cd4867447956156ae3a602fcbac5c1a9e14",
        "gitTreeState": "clean",
        "buildDate": "2025-04-22T16:02:27Z",
        "goVersion": "go1.23.6",
        "compiler": "gc",
        "platform": "linux/amd64",
    })
}

/// Go's `json.MarshalIndent(v, "", "  ")` for the version struct (fields in struct order).
fn struct_json(client_only: bool) -> String {
    let field_order = ["major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"];
    let block = |indent: &str| {
        let i = info();
        let lines: Vec<String> = field_order.iter().map(|k| format!("{indent}  \"{k}\": {}", i.get(*k).cloned().unwrap_or(Value::Null))).collect();
        format!("{{\n{}\n{indent}}}", lines.join(",\n"))
    };
    let mut parts = vec![format!("  \"clientVersion\": {}", block("  ")), format!("  \"kustomizeVersion\": \"{KUSTOMIZE_VERSION}\"")];
    if !client_only {
        parts.push(format!("  \"serverVersion\": {}", block("  ")));
    }
    format!("{{\n{}\n}}\n", parts.join(",\n"))
}

/// Runs `kubectl version ARGS`.
pub fn run(args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, SPECS, "kubectl version") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let client_only = p.is_set("client");
    match p.get("output") {
        None | Some("") => {
            let mut out = format!("Client Version: {KUBE_VERSION}\nKustomize Version: {KUSTOMIZE_VERSION}\n");
            if !client_only {
                out.push_str(&format!("Server Version: {KUBE_VERSION}\n"));
            }
            ProgramOutput::ok(out)
        }
        Some("json") => ProgramOutput::ok(struct_json(client_only)),
        Some("yaml") => {
            let mut v = json!({"clientVersion": info(), "kustomizeVersion": KUSTOMIZE_VERSION});
            if !client_only {
                v["serverVersion"] = info();
            }
            ProgramOutput::ok(super::output_seam::yaml_of(&v))
        }
        Some(_) => ProgramOutput::err("error: --output must be 'yaml' or 'json'\n", 1),
    }
}
