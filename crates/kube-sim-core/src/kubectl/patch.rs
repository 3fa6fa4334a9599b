//! `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`.
//! Strategic merge is treated as a JSON merge patch (lists replaced).

use serde_json::Value;

use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("patch", Some('p'), FlagKind::Value),
    flag("patch-file", None, FlagKind::Value),
    flag("type", None, FlagKind::Value),
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("output", Some('o'), FlagKind::Value),
    flag("subresource", None, FlagKind::Value),
];

/// RFC 7386 JSON merge patch: `null` removes, maps merge, everything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(t) = target {
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

fn pointer_parts(path: &str) -> Vec<String> {
    path.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect()
}

/// RFC 6902 JSON patch (`add`, `remove`, `replace`, `test`); the error is the server's text.
pub fn json_patch(target: &mut Value, ops: &Value) -> Result<(), String> {
    let ops = ops.as_array().ok_or("json: cannot unmarshal object into Go value of type jsonpatch.Patch")?;
    for op in ops {
        let kind = object::get_str(op, "op").unwrap_or("");
        let path = object::get_str(op, "path").unwrap_or("");
        let parts = pointer_parts(path);
        let Some((last, parents)) = parts.split_last() else {
            return Err(format!("unable to apply patch: invalid path \"{path}\""));
        };
        let mut cur = &mut *target;
        for p in parents {
            cur = match cur {
                Value::Object(m) => m.get_mut(p),
                Value::Array(a) => p.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
                _ => None,
            }
            .ok_or_else(|| format!("doc is missing path: \"{path}\": missing value"))?;
        }
        let value = op.get("value").cloned().unwrap_or(Value::Null);
        match (kind, cur) {
            ("add", Value::Object(m)) | ("replace", Value::Object(m)) => {
                if kind == "replace" && !m.contains_key(last) {
                    return Err(format!("doc is missing key: {path}: missing value"));
                }
                m.insert(last.clone(), value);
            }
            ("add", Value::Array(a)) => {
                let idx = if last == "-" { a.len() } else { last.parse::<usize>().map_err(|_| format!("invalid index {last}"))? };
                if idx > a.len() {
                    return Err(format!("unable to access invalid index: {idx}"));
                }
                a.insert(idx, value);
            }
            ("replace", Value::Array(a)) => {
                let slot = last.parse::<usize>().ok().and_then(|i| a.get_mut(i)).ok_or_else(|| format!("unable to access invalid index: {last}"))?;
                *slot = value;
            }
            ("remove", Value::Object(m)) => {
                m.remove(last).ok_or_else(|| format!("unable to remove nonexistent key: {last}: missing value"))?;
            }
            ("remove", Value::Array(a)) => {
                let i = last.parse::<usize>().ok().filter(|i| *i < a.len()).ok_or_else(|| format!("unable to access invalid index: {last}"))?;
                a.remove(i);
            }
            ("test", c) => {
                let got = match c {
                    Value::Object(m) => m.get(last).cloned(),
                    _ => None,
                };
                if got.as_ref() != Some(&value) {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            (other, _) => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(())
}

/// Runs `kubectl patch ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let _ = io;
    let p = match flags::parse(args, SPECS, "kubectl patch") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let ptype = p.get("type").unwrap_or("strategic");
    if !matches!(ptype, "json" | "merge" | "strategic") {
        return ProgramOutput::err(format!("error: --type must be one of [json merge strategic], not \"{ptype}\"\n"), 1);
    }
    let Some(patch_text) = p.get("patch") else {
        return ProgramOutput::err("error: must specify --patch or --patch-file containing the contents of the patch\n", 1);
    };
    if p.args.is_empty() {
        return ProgramOutput::err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1);
    }
    let patch: Value = match crate::yaml::parse_documents(patch_text) {
        Ok(mut d) if d.len() == 1 => d.remove(0),
        Ok(_) => Value::Null,
        Err(e) => return ProgramOutput::err(format!("error: unable to parse \"{patch_text}\": yaml: line {}: {}\n", e.line, e.message), 1),
    };
    let targets = match common::targets(&p.args) {
        Ok(t) => t,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let ns = common::namespace(&p);
    let mut out = String::new();
    let mut errs = String::new();
    for t in targets.iter().filter(|t| t.name.is_some()) {
        let name = t.name.clone().unwrap_or_default();
        let live = match cluster.api_get(t.info.kind, common::ns_for(t.info, &ns), &name) {
            Ok(o) => o.clone(),
            Err(e) => {
                errs.push_str(&common::api_err(&e));
                continue;
            }
        };
        let mut obj = live.clone();
        if ptype == "json" {
            if let Err(e) = json_patch(&mut obj, &patch) {
                errs.push_str(&format!("Error from server (UnprocessableEntity): {e}\n"));
                continue;
            }
        } else {
            merge_patch(&mut obj, &patch);
        }
        let reference = common::ref_name(&live);
        object::remove(&mut obj, "metadata.resourceVersion");
        match cluster.api_update(obj) {
            Ok(stored) if stored == live => out.push_str(&format!("{reference} patched (no change)\n")),
            Ok(_) => out.push_str(&format!("{reference} patched\n")),
            Err(e) => errs.push_str(&common::api_err(&e)),
        }
    }
    let failed = !errs.is_empty();
    common::finish(out, errs, failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_and_json_patches() {
        let mut v = json!({"spec": {"a": 1, "b": [1, 2]}});
        merge_patch(&mut v, &json!({"spec": {"a": null, "c": 3}}));
        assert_eq!(v, json!({"spec": {"b": [1, 2], "c": 3}}));
        json_patch(&mut v, &json!([{"op": "add", "path": "/spec/b/-", "value": 3}, {"op": "replace", "path": "/spec/c", "value": 4}, {"op": "remove", "path": "/spec/b/0"}])).unwrap();
        assert_eq!(v, json!({"spec": {"b": [2, 3], "c": 4}}));
        assert!(json_patch(&mut v, &json!([{"op": "replace", "path": "/spec/zz", "value": 1}])).is_err());
    }
}
