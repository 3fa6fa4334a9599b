//! Reading `-f FILE|DIR|-` as kubectl's resource builder does: files with `.json`, `.yaml` or
//! `.yml` in a directory, multi-document YAML, `List` objects flattened.

use serde_json::Value;

use super::common::Io;
use super::output_seam::compact_json;
use crate::cluster::Cluster;
use crate::object;

/// One object read from a manifest, with where it came from (`pod.yml`, `dir/a.yml`, `STDIN`).
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// The path as kubectl names it in errors.
    pub source: String,
    /// The object.
    pub obj: Value,
}

/// Reads every `-f` path. Returns the objects that were read and the error lines of those that
/// could not be (kubectl goes on with the others). `validate` is true for the commands that
/// validate what they send (`apply`, `create`), whose errors for objects without `kind` or
/// `apiVersion` differ from the decoding errors of `get`, `delete`, `describe`.
pub fn read(cluster: &Cluster, io: &Io, paths: &[String], validate: bool) -> (Vec<Manifest>, Vec<String>) {
    read_with(cluster, io, paths, validate, false)
}

/// Like [`read`]; `recursive` (`-R`) also reads the directories inside directories.
pub fn read_with(cluster: &Cluster, io: &Io, paths: &[String], validate: bool, recursive: bool) -> (Vec<Manifest>, Vec<String>) {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for p in paths {
        if p == "-" {
            parse_into(io.stdin, "STDIN", validate, &mut out, &mut errs);
            continue;
        }
        if cluster.is_dir(io.ctx, p) {
            let mut sink = Sink { validate, recursive, out: &mut out, errs: &mut errs };
            read_dir(cluster, io, p, 0, &mut sink);
            continue;
        }
        match cluster.read_file(io.ctx, p) {
            Ok(bytes) => parse_into(&text_of(&bytes), p, validate, &mut out, &mut errs),
            Err(_) => errs.push(format!("error: the path \"{p}\" does not exist\n")),
        }
    }
    (out, errs)
}

/// Where a directory walk puts what it reads.
struct Sink<'a> {
    validate: bool,
    recursive: bool,
    out: &'a mut Vec<Manifest>,
    errs: &'a mut Vec<String>,
}

fn read_dir(cluster: &Cluster, io: &Io, dir: &str, depth: usize, sink: &mut Sink) {
    let Ok(names) = cluster.read_dir(io.ctx, dir) else { return };
    for n in names {
        let path = format!("{}/{n}", dir.trim_end_matches('/'));
        if cluster.is_dir(io.ctx, &path) {
            if sink.recursive && depth < 32 {
                read_dir(cluster, io, &path, depth + 1, sink);
            }
            continue;
        }
        if !(n.ends_with(".yaml") || n.ends_with(".yml") || n.ends_with(".json")) {
            continue;
        }
        if let Ok(bytes) = cluster.read_file(io.ctx, &path) {
            parse_into(&text_of(&bytes), &path, sink.validate, sink.out, sink.errs);
        }
    }
}

/// A file's bytes as text, invalid UTF-8 replaced (`String::from_utf8_lossy`, whose chunked
/// scan is several times slower than `str::from_utf8` on the valid text files almost are).
fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn parse_into(text: &str, source: &str, validate: bool, out: &mut Vec<Manifest>, errs: &mut Vec<String>) {
    let docs = match crate::yaml::parse_documents(text) {
        Ok(d) => d,
        Err(e) => {
            errs.push(format!("error: error parsing {source}: error converting YAML to JSON: yaml: line {}: {}\n", e.line, e.message));
            return;
        }
    };
    for doc in docs {
        let invalid = |what: &str| {
            format!("error: error validating \"{source}\": error validating data: {what}; if you choose to ignore these errors, turn validation off with --validate=false\n")
        };
        if !doc.is_object() {
            errs.push(if validate {
                invalid("invalid object to validate")
            } else {
                let ty = if doc.is_array() { "array" } else if doc.is_string() { "string" } else { "number" };
                format!("error: unable to decode \"{source}\": json: cannot unmarshal {ty} into Go value of type unstructured.detector\n")
            });
            continue;
        }
        let missing = ["kind", "apiVersion"].into_iter().find(|f| doc.get(*f).and_then(Value::as_str).map_or(true, str::is_empty));
        if let Some(field) = missing {
            errs.push(if validate {
                invalid(&format!("{field} not set"))
            } else if field == "kind" {
                format!("error: unable to decode \"{source}\": Object 'Kind' is missing in '{}'\n", compact_json(&doc))
            } else {
                format!("error: unable to recognize \"{source}\": no matches for kind \"{}\" in version \"\"\n", object::kind(&doc))
            });
            continue;
        }
        if doc.get("kind").and_then(Value::as_str).is_some_and(|k| k.ends_with("List")) {
            if let Some(items) = doc.get("items").and_then(Value::as_array) {
                out.extend(items.iter().map(|obj| Manifest { source: source.to_string(), obj: obj.clone() }));
                continue;
            }
        }
        out.push(Manifest { source: source.to_string(), obj: doc });
    }
}

/// `get` and `describe` print the builder's decoding errors without kubectl's `error: `
/// prefix (only the missing-path error keeps it).
pub fn as_get_error(e: &str) -> String {
    if e.starts_with("error: the path ") {
        e.to_string()
    } else {
        e.strip_prefix("error: ").unwrap_or(e).to_string()
    }
}
