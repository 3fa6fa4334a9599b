//! kubectl's object printers: `-o json`, `-o yaml`, `-o name`, and the default
//! `secret/NAME created` line.
//!
//! JSON keys come out in one of two orders, as in kubectl:
//! - **typed** objects (what generators such as `kubectl create secret` build, and what typed
//!   clients get back) print in Go struct order: `kind`, `apiVersion`, `metadata` (`name`,
//!   `namespace`, `uid`, ..., `creationTimestamp`, ...), then the kind's fields ([`typed_order`]);
//! - **unstructured** objects (`kubectl get`, `kubectl create -f`) print with keys sorted
//!   ([`to_json`]).
//!
//! YAML is always sorted (go-yaml v2 re-sorts the JSON), see [`crate::yaml::to_yaml`].

use serde_json::Value;

/// A JSON value whose object keys keep the order they were built in.
#[derive(Clone, Debug, PartialEq)]
pub enum OValue {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Num(serde_json::Number),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<OValue>),
    /// An object, in print order.
    Obj(Vec<(String, OValue)>),
}

impl OValue {
    /// `v` with every object's keys sorted (how Go prints a `map[string]interface{}`).
    pub fn sorted(v: &Value) -> OValue {
        match v {
            Value::Null => OValue::Null,
            Value::Bool(b) => OValue::Bool(*b),
            Value::Number(n) => OValue::Num(n.clone()),
            Value::String(s) => OValue::Str(s.clone()),
            Value::Array(a) => OValue::Arr(a.iter().map(OValue::sorted).collect()),
            Value::Object(m) => OValue::Obj(m.iter().map(|(k, v)| (k.clone(), OValue::sorted(v))).collect()),
        }
    }
}

/// The Go struct field order of `ObjectMeta`.
const OBJECT_META: &[&str] = &[
    "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
    "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
    "managedFields",
];

/// The Go struct field order of a kind's top level, for the kinds kubectl's generators build.
fn kind_fields(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "Secret" => &["kind", "apiVersion", "metadata", "immutable", "data", "stringData", "type"],
        "ConfigMap" => &["kind", "apiVersion", "metadata", "immutable", "data", "binaryData"],
        "Namespace" => &["kind", "apiVersion", "metadata", "spec", "status"],
        _ => return None,
    })
}

/// `obj` in Go struct order, as kubectl prints a typed object with `-o json`; kinds without a
/// known struct print sorted.
pub fn typed_order(obj: &Value) -> OValue {
    let Some(fields) = kind_fields(crate::object::kind(obj)) else { return OValue::sorted(obj) };
    let Value::Object(map) = obj else { return OValue::sorted(obj) };
    let mut out = Vec::new();
    for f in fields {
        if let Some(v) = map.get(*f) {
            let ov = if *f == "metadata" { ordered(v, OBJECT_META) } else { OValue::sorted(v) };
            out.push((f.to_string(), ov));
        }
    }
    for (k, v) in map {
        if !fields.contains(&k.as_str()) {
            out.push((k.clone(), OValue::sorted(v)));
        }
    }
    OValue::Obj(out)
}

fn ordered(v: &Value, order: &[&str]) -> OValue {
    let Value::Object(map) = v else { return OValue::sorted(v) };
    let mut out: Vec<(String, OValue)> =
        order.iter().filter_map(|f| map.get(*f).map(|v| (f.to_string(), OValue::sorted(v)))).collect();
    for (k, v) in map {
        if !order.contains(&k.as_str()) {
            out.push((k.clone(), OValue::sorted(v)));
        }
    }
    OValue::Obj(out)
}

/// What kubectl's `-o json` prints for an unstructured object (keys sorted), with the newline.
pub fn to_json(v: &Value) -> String {
    json_pretty(&OValue::sorted(v))
}

/// Go's `json.MarshalIndent(v, "", "    ")` plus the newline kubectl adds.
pub fn json_pretty(v: &OValue) -> String {
    let mut out = String::new();
    write_json(v, Some(0), &mut out);
    out.push('\n');
    out
}

/// Go's `json.Marshal(v)`: compact, HTML-escaped, no newline.
pub fn json_compact(v: &OValue) -> String {
    let mut out = String::new();
    write_json(v, None, &mut out);
    out
}

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn write_json(v: &OValue, indent: Option<usize>, out: &mut String) {
    match v {
        OValue::Null => out.push_str("null"),
        OValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        OValue::Num(n) => out.push_str(&go_json_number(n)),
        OValue::Str(s) => go_json_string(s, out),
        OValue::Arr(items) if items.is_empty() => out.push_str("[]"),
        OValue::Obj(fields) if fields.is_empty() => out.push_str("{}"),
        OValue::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Some(l) = indent {
                    newline(out, l + 1);
                }
                write_json(item, indent.map(|l| l + 1), out);
            }
            if let Some(l) = indent {
                newline(out, l);
            }
            out.push(']');
        }
        OValue::Obj(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Some(l) = indent {
                    newline(out, l + 1);
                }
                go_json_string(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_json(v, indent.map(|l| l + 1), out);
            }
            if let Some(l) = indent {
                newline(out, l);
            }
            out.push('}');
        }
    }
}

/// The bytes [`go_json_string`] looks at: control characters, `"`, `\`, `<`, `>`, `&`, and
/// 0xE2 (the lead byte of U+2028 and U+2029).
const MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[0xe2] = true;
    t
};

/// A string as Go's encoding/json writes it (HTML-safe: `<`, `>`, `&` become `\u003c` ...).
/// A byte loop: only ASCII bytes and the lead byte of U+2028/U+2029 (0xE2) can need an escape,
/// so runs of other bytes are copied at once.
pub fn go_json_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !MAY_ESCAPE[b as usize] {
            i += 1;
            continue;
        }
        let (escape, len): (&str, usize) = match b {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            0x08 => ("\\b", 1),
            0x0c => ("\\f", 1),
            b'<' | b'>' | b'&' | 0x00..=0x1f => ("", 1),
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            0xe2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xa8 | 0xa9])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(s.get(start..i).unwrap_or(""));
        if escape.is_empty() {
            let c = s.get(i..i + len).and_then(|c| c.chars().next()).map_or(0, |c| c as u32);
            out.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                out.push(HEX[((c >> shift) & 0xf) as usize] as char);
            }
        } else {
            out.push_str(escape);
        }
        i += len;
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or(""));
    out.push('"');
}

/// A number as Go's encoding/json writes a float64 (or an integer as is).
pub(crate) fn go_json_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    let abs = f.abs();
    if abs == 0.0 || (1e-6..1e21).contains(&abs) {
        return format!("{f}");
    }
    let sci = format!("{f:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    match exp.strip_prefix('-') {
        Some(e) => format!("{mant}e-{e}"),
        None => format!("{mant}e+{exp}"),
    }
}

/// How `-o` asked kubectl to print the objects it created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// No `-o`: `secret/NAME created`.
    Default,
    /// `-o name`: `secret/NAME`.
    Name,
    /// `-o json`.
    Json,
    /// `-o yaml`.
    Yaml,
}

/// The formats kubectl's generic print flags accept, as its error lists them.
const ALLOWED: &str = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

/// Parses `-o` for commands with kubectl's generic print flags (`create`, `apply`, `label`...).
/// The error is the whole text kubectl prints.
pub fn parse_output(o: Option<&str>) -> Result<OutputFormat, String> {
    match o.unwrap_or("") {
        "" => Ok(OutputFormat::Default),
        "name" => Ok(OutputFormat::Name),
        "json" => Ok(OutputFormat::Json),
        "yaml" => Ok(OutputFormat::Yaml),
        other => Err(format!(
            "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: {ALLOWED}\n"
        )),
    }
}

/// Which dry run a command did, for the `created (dry run)` suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRun {
    /// A real request.
    None,
    /// `--dry-run=client`.
    Client,
    /// `--dry-run=server`.
    Server,
}

/// `kind/name` as `-o name` prints it: `secret/s`, `deployment.apps/web`.
pub fn resource_name(obj: &Value) -> String {
    let kind = crate::object::kind(obj).to_lowercase();
    let api_version = crate::object::get_str(obj, "apiVersion").unwrap_or("");
    match api_version.split_once('/') {
        Some((group, _)) => format!("{kind}.{group}/{}", crate::object::name(obj)),
        None => format!("{kind}/{}", crate::object::name(obj)),
    }
}

/// What a mutating command prints for `obj`: `secret/s created (dry run)`, its name, its JSON
/// (typed order when `typed`) or its YAML. `action` is the verb (`created`, `configured`).
/// `managedFields` are dropped unless `show_managed_fields`. The error is the whole text kubectl
/// prints (`error: yaml: control characters are not allowed`).
pub fn print_object(
    obj: &Value,
    format: OutputFormat,
    typed: bool,
    action: &str,
    dry_run: DryRun,
    show_managed_fields: bool,
) -> Result<String, String> {
    let mut obj = obj.clone();
    if !show_managed_fields {
        crate::object::remove(&mut obj, "metadata.managedFields");
    }
    Ok(match format {
        OutputFormat::Default => {
            let suffix = match dry_run {
                DryRun::None => "",
                DryRun::Client => " (dry run)",
                DryRun::Server => " (server dry run)",
            };
            format!("{} {action}{suffix}\n", resource_name(&obj))
        }
        OutputFormat::Name => format!("{}\n", resource_name(&obj)),
        OutputFormat::Json if typed => json_pretty(&typed_order(&obj)),
        OutputFormat::Json => to_json(&obj),
        OutputFormat::Yaml => crate::yaml::kubectl_yaml(&obj).map_err(|e| format!("error: {e}\n"))?,
    })
}

/// The `List` kubectl prints for `get -o yaml|json` without a name (even for one item):
/// `apiVersion: v1`, `items`, `kind: List`, `metadata: {resourceVersion: ""}`.
pub fn list_object(items: Vec<Value>) -> Value {
    serde_json::json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_secret_json_is_in_struct_order() {
        let s = json!({"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/basic-auth",
            "metadata": {"name": "s", "creationTimestamp": null, "namespace": "foo"}, "data": {"username": "Yg=="}});
        assert_eq!(
            json_pretty(&typed_order(&s)),
            "{\n    \"kind\": \"Secret\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"s\",\n        \"namespace\": \"foo\",\n        \"creationTimestamp\": null\n    },\n    \"data\": {\n        \"username\": \"Yg==\"\n    },\n    \"type\": \"kubernetes.io/basic-auth\"\n}\n"
        );
    }

    #[test]
    fn strings_escape_like_go() {
        let mut out = String::new();
        go_json_string("<b>&\"\\ \u{8}\u{c}\u{1}\u{7f}\u{2028}", &mut out);
        assert_eq!(out, "\"\\u003cb\\u003e\\u0026\\\"\\\\ \\b\\f\\u0001\u{7f}\\u2028\"");
    }

    /// Go's escaping is serde_json's plus the HTML-safe `\u003c`, `\u003e`, `\u0026` and
    /// `\u2028`, `\u2029` (both write other control characters as lowercase `\u00XX`, and
    /// `\b`, `\f`, `\n`, `\r`, `\t`, `\"`, `\\` short): random strings over the characters
    /// that matter, from a fixed generator.
    #[test]
    fn strings_escape_as_serde_json_does_plus_go_html_escapes() {
        const ALPHABET: &[char] = &[
            'a', 'Z', '0', ' ', '"', '\\', '/', '<', '>', '&', '\n', '\r', '\t', '\u{0}', '\u{1}', '\u{8}', '\u{b}', '\u{c}',
            '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{a0}', 'é', '\u{2027}', '\u{2028}', '\u{2029}', '\u{202a}', '€',
            '\u{e000}', '\u{feff}', '\u{10ffff}', '😀', 'â', '\u{2000}',
        ];
        let mut seed: u64 = 0x6a50;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        for _ in 0..20_000 {
            let len = next(12);
            let s: String = (0..len).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
            let expected = serde_json::to_string(&s)
                .expect("a string serializes")
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026")
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029");
            let mut out = String::from("x");
            go_json_string(&s, &mut out);
            assert_eq!(out.get(1..), Some(expected.as_str()), "{s:?}");
        }
    }

    #[test]
    fn empty_containers_and_compact_form() {
        let v = OValue::sorted(&json!({"b": [], "a": {}, "c": [1, "x"]}));
        assert_eq!(json_compact(&v), "{\"a\":{},\"b\":[],\"c\":[1,\"x\"]}");
        assert_eq!(json_pretty(&v), "{\n    \"a\": {},\n    \"b\": [],\n    \"c\": [\n        1,\n        \"x\"\n    ]\n}\n");
    }

    #[test]
    fn lists_print_like_kubectl_get() {
        let l = list_object(vec![json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}})]);
        assert_eq!(
            crate::yaml::to_yaml(&l),
            "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"
        );
    }

    #[test]
    fn output_formats_and_names() {
        assert_eq!(parse_output(Some("yaml")), Ok(OutputFormat::Yaml));
        assert!(parse_output(Some("wide")).unwrap_err().starts_with("error: unable to match a printer suitable for the output format \"wide\""));
        let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}});
        assert_eq!(print_object(&d, OutputFormat::Default, false, "created", DryRun::Server, false).unwrap(), "deployment.apps/web created (server dry run)\n");
    }
}
