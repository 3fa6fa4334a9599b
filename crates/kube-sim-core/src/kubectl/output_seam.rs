//! The two serializers `-o yaml` and `-o json` go through, in one place so the real YAML
//! printer (`crate::yaml::to_yaml`) can be switched in here.

use serde::Serialize;
use serde_json::Value;

/// `-o yaml` of one object. (Stand-in until `crate::yaml::to_yaml` lands: prints JSON.)
pub fn yaml_of(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// `-o json`: Go's `json.MarshalIndent(obj, "", "    ")` (keys sorted, `<`, `>`, `&`
/// escaped), plus the newline kubectl adds.
pub fn json_of(v: &Value) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if v.serialize(&mut ser).is_err() {
        return String::new();
    }
    let s = String::from_utf8(buf).unwrap_or_default();
    let mut out = go_escape(&s);
    out.push('\n');
    out
}

/// Compact JSON as Go's `json.Marshal` writes it (HTML-escaped).
pub fn compact_json(v: &Value) -> String {
    go_escape(&serde_json::to_string(v).unwrap_or_default())
}

fn go_escape(s: &str) -> String {
    s.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_is_go_marshal_indent() {
        assert_eq!(json_of(&json!({"b": [1], "a": {"x": "<&>"}, "c": {}})), "{\n    \"a\": {\n        \"x\": \"\\u003c\\u0026\\u003e\"\n    },\n    \"b\": [\n        1\n    ],\n    \"c\": {}\n}\n");
    }
}
