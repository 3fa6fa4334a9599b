//! The serializers `-o yaml`, `-o json` and the last-applied annotation go through, for the
//! verbs that print stored (unstructured) objects: thin names over `output.rs` and `yaml`.

use serde_json::Value;

use super::output::{go_json_number, go_json_string, to_json};

/// `-o yaml` of one object, as kubectl prints it (go-yaml v2 through a JSON round trip).
pub fn yaml_of(v: &Value) -> String {
    crate::yaml::kubectl_yaml(v).unwrap_or_else(|e| format!("error: {e}\n"))
}

/// `-o json`: Go's `json.MarshalIndent(obj, "", "    ")` (keys sorted, HTML-escaped), plus the
/// newline kubectl adds.
pub fn json_of(v: &Value) -> String {
    to_json(v)
}

/// Compact JSON as Go's `json.Marshal` writes it (keys sorted, HTML-escaped).
pub fn compact_json(v: &Value) -> String {
    let mut out = String::with_capacity(256);
    write_compact(v, &mut out);
    out
}

/// Writes `v` as [`compact_json`] does, straight from the tree (a map's keys are already in
/// byte order, as Go sorts them), without an intermediate copy.
fn write_compact(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&go_json_number(n)),
        Value::String(s) => go_json_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (i, (k, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                go_json_string(k, out);
                out.push(':');
                write_compact(item, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_is_go_marshal_indent() {
        assert_eq!(json_of(&json!({"b": [1], "a": {"x": "<&>"}, "c": {}})), "{\n    \"a\": {\n        \"x\": \"\\u003c\\u0026\\u003e\"\n    },\n    \"b\": [\n        1\n    ],\n    \"c\": {}\n}\n");
        assert_eq!(compact_json(&json!({"b": 1, "a": "<"})), "{\"a\":\"\\u003c\",\"b\":1}");
    }

    #[test]
    fn yaml_is_kubectls() {
        assert_eq!(yaml_of(&json!({"kind": "Secret", "data": {"a": "Yg=="}, "metadata": {"creationTimestamp": null}})),
            "data:\n  a: Yg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n");
    }
}
