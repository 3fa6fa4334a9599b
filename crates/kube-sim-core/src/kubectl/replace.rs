//! `kubectl replace -f FILE [--force]`: the stored object becomes the manifest (status kept).

use super::apply::{dry_run, manifest_ns, mapping, source_err};
use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::apiserver::DeleteOptions;
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("force", None, FlagKind::Bool),
    flag("grace-period", None, FlagKind::Value),
    flag("output", Some('o'), FlagKind::Value),
    flag("dry-run", None, FlagKind::Value),
    flag("validate", None, FlagKind::Value),
    flag("save-config", None, FlagKind::Bool),
    flag("wait", None, FlagKind::Bool),
];

/// Runs `kubectl replace ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, SPECS, "kubectl replace") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.all("filename").is_empty() {
        return ProgramOutput::err("error: must specify one of -f and -k\n", 1);
    }
    let dry = match dry_run(p.get("dry-run")) {
        Ok(d) => d,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let validate = !matches!(p.get("validate"), Some("false") | Some("ignore"));
    let (manifests, read_errs) = super::manifests::read(cluster, io, p.all("filename"), validate);
    let mut out = String::new();
    let mut errs = read_errs.concat();
    for m in &manifests {
        let result = mapping(m, object::namespace(&m.obj)).and_then(|info| {
            let ns = if info.namespaced { manifest_ns(m, p.get("namespace"))? } else { String::new() };
            let mut obj = m.obj.clone();
            if info.namespaced {
                object::set(&mut obj, "metadata.namespace", serde_json::json!(ns));
            }
            let name = object::name(&obj).to_string();
            let reference = format!("{}/{name}", info.qualified_singular());
            if let Some(d) = dry {
                return Ok(format!("{reference} replaced ({d})\n"));
            }
            crate::apiserver::check_request_body(&obj).map_err(|e| source_err("replacing", &m.source, &e))?;
            if p.is_set("force") {
                let mut lines = String::new();
                if cluster.api_get(info.kind, &ns, &name).is_ok() {
                    let opts = DeleteOptions { grace_period: Some(0), ..DeleteOptions::default() };
                    cluster.api_delete(info.kind, &ns, &name, &opts).map_err(|e| source_err("deleting", &m.source, &e))?;
                    lines.push_str(&format!("{} \"{name}\" deleted\n", info.qualified_singular()));
                }
                cluster.api_create(obj).map_err(|e| source_err("replacing", &m.source, &e))?;
                return Ok(format!("{lines}{reference} replaced\n"));
            }
            cluster.api_get(info.kind, &ns, &name).map_err(|e| source_err("replacing", &m.source, &e))?;
            object::remove(&mut obj, "metadata.resourceVersion");
            cluster.api_update(obj).map_err(|e| source_err("replacing", &m.source, &e))?;
            Ok(format!("{reference} replaced\n"))
        });
        match result {
            Ok(line) => out.push_str(&line),
            Err(e) => errs.push_str(&e),
        }
    }
    let failed = !errs.is_empty();
    common::finish(out, errs, failed)
}
