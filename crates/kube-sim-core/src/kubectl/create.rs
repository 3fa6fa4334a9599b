//! `kubectl create`: `-f FILE|DIR|-`, and the generators (`secret`, `configmap`), which
//! `create_data` implements.

use super::apply::{manifest_ns, mapping, print_results, source_err, LAST_APPLIED};
use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use super::manifests::Manifest;
use crate::cluster::{Cluster, ProcCtx, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("recursive", Some('R'), FlagKind::Bool),
    flag("output", Some('o'), FlagKind::Value),
    flag("dry-run", None, FlagKind::Value),
    flag("validate", None, FlagKind::Value),
    flag("save-config", None, FlagKind::Bool),
];

/// Runs `kubectl create ARGS`.
pub fn run(cluster: &mut Cluster, ctx: &ProcCtx, args: &[String], stdin: &str) -> ProgramOutput {
    match args.first().map(String::as_str) {
        Some("secret") | Some("configmap") | Some("cm") => return super::create_data::run(cluster, ctx, args),
        Some("namespace") | Some("ns") => return namespace(cluster, args.get(1..).unwrap_or(&[])),
        _ => {}
    }
    let (p, dry) = match super::apply::parse_file_command(args, SPECS, "kubectl create") {
        Ok(parsed) => parsed,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let io = Io { ctx, stdin };
    let validate = !matches!(p.get("validate"), Some("false") | Some("ignore"));
    let (manifests, read_errs) = super::manifests::read_with(cluster, &io, p.all("filename"), validate, p.is_set("recursive"));
    if manifests.is_empty() && read_errs.is_empty() {
        return ProgramOutput::err("error: no objects passed to create\n", 1);
    }
    let mut out = String::new();
    let mut errs = read_errs.concat();
    let mut objs = Vec::new();
    // Each manifest is moved into its create (no copy of the parsed object).
    for m in manifests {
        let result = mapping(&m, object::namespace(&m.obj)).and_then(|info| {
            let ns = if info.namespaced { manifest_ns(&m, p.get("namespace"))? } else { String::new() };
            let Manifest { source, mut obj } = m;
            if info.namespaced {
                object::set(&mut obj, "metadata.namespace", serde_json::json!(ns));
            }
            if dry == Some("server dry run") {
                crate::apiserver::check_request_body(&obj).map_err(|e| source_err("creating", &source, &e))?;
                let stored = cluster.clone().api_create(obj).map_err(|e| source_err("creating", &source, &e))?;
                return Ok((format!("{} created (server dry run)\n", common::ref_name(&stored)), stored));
            }
            if let Some(d) = dry {
                return Ok((format!("{} created ({d})\n", common::ref_name(&obj)), obj));
            }
            if p.is_set("save-config") {
                let annotations = object::entry(&mut obj, "metadata.annotations");
                if !annotations.is_object() {
                    *annotations = serde_json::json!({});
                }
                let text = format!("{}\n", super::output_seam::compact_json(&obj));
                if let Some(a) = object::entry(&mut obj, "metadata.annotations").as_object_mut() {
                    a.insert(LAST_APPLIED.to_string(), serde_json::json!(text));
                }
            }
            crate::apiserver::check_request_body(&obj).map_err(|e| source_err("creating", &source, &e))?;
            let stored = cluster.api_create(obj).map_err(|e| source_err("creating", &source, &e))?;
            let warning = common::server_warnings(cluster);
            Ok((format!("{warning}{} created\n", common::ref_name(&stored)), stored))
        });
        match result {
            Ok((line, obj)) => {
                if p.get("output").is_none() {
                    out.push_str(&line);
                } else {
                    objs.push(obj);
                }
            }
            Err(e) => errs.push_str(&e),
        }
    }
    if let Some(o) = p.get("output") {
        match print_results(&objs, o) {
            Ok(s) => out.push_str(&s),
            Err(e) => return ProgramOutput::err(e, 1),
        }
    }
    let failed = !errs.is_empty();
    common::finish(out, errs, failed)
}

const NS_SPECS: &[FlagSpec] = &[flag("dry-run", None, FlagKind::Value), flag("output", Some('o'), FlagKind::Value)];

/// `kubectl create namespace NAME`.
fn namespace(cluster: &mut Cluster, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, NS_SPECS, "kubectl create namespace") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.args.len() != 1 {
        return ProgramOutput::err(
            format!("error: exactly one NAME is required, got {}\nSee 'kubectl create namespace -h' for help and examples\n", p.args.len()),
            1,
        );
    }
    let obj = serde_json::json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": p.args[0]}, "spec": {}, "status": {}});
    match cluster.api_create(obj) {
        Ok(stored) => ProgramOutput::ok(format!("{} created\n", common::ref_name(&stored))),
        Err(e) => ProgramOutput::err(common::api_err(&e), 1),
    }
}
