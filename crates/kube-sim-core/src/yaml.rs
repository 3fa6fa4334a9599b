//! The one module that touches serde_yaml (archived upstream): replace the crate here, and
//! nowhere else, to move to a maintained fork.

use serde_json::Value;

mod emit;
mod fast;
mod resolve;
mod round_trip;

pub use emit::to_yaml;
pub use round_trip::kubectl_yaml;
pub use resolve::key_cmp;

/// A YAML syntax error, with the 1-based line go-yaml would report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line number.
    pub line: usize,
    /// The problem, in libyaml's words (go-yaml is a port of libyaml, so they match).
    pub message: String,
}

/// Parses a (possibly multi-document) YAML or JSON text into JSON values. Empty documents are
/// dropped, as kubectl drops them.
pub fn parse_documents(src: &str) -> Result<Vec<Value>, YamlError> {
    // The plainest manifests are read directly; everything else, errors included, by serde_yaml.
    if let Some(docs) = fast::parse_documents(src) {
        return Ok(docs);
    }
    parse_documents_with_serde_yaml(src)
}

/// [`parse_documents`] without its fast path: what serde_yaml alone makes of `src`. The two
/// must always agree (the fuzz target `yaml_fast_path` checks it).
pub fn parse_documents_with_serde_yaml(src: &str) -> Result<Vec<Value>, YamlError> {
    use serde::Deserialize;
    let mut docs = Vec::new();
    for de in serde_yaml::Deserializer::from_str(src) {
        match Value::deserialize(de) {
            Ok(Value::Null) => {}
            Ok(v) => docs.push(v),
            Err(e) => {
                let line = e.location().map(|l| l.line()).unwrap_or(1);
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_string();
                return Err(YamlError { line, message });
            }
        }
    }
    Ok(docs)
}

/// One plain scalar as serde_yaml resolves it (`1` a number, `~` null, `true` a boolean...),
/// for the fast path; `None` if serde_yaml does not read it.
fn parse_one(scalar: &str) -> Option<Value> {
    serde_yaml::from_str(scalar).ok()
}
