//! The JSON round trip behind kubectl's `-o yaml`: sigs.k8s.io/yaml marshals the object to JSON
//! with encoding/json, reads that back with go-yaml, and only then emits YAML. What survives the
//! trip (numbers, raw characters) is decided here.

use super::emit::to_yaml;
use serde_json::Value;

/// What kubectl's `-o yaml` prints for `v`, or its error: sigs.k8s.io/yaml first writes the
/// object as JSON and reads it back with go-yaml, whose reader rejects the characters Go's JSON
/// leaves raw but YAML forbids (`yaml: control characters are not allowed`), and whose
/// double-quoted scalars fold a raw NEL (U+0085) like a line break.
pub fn kubectl_yaml(v: &Value) -> Result<String, String> {
    if has_forbidden_char(v) {
        return Err("yaml: control characters are not allowed".into());
    }
    Ok(to_yaml(&fold_nel_deep(v)))
}

fn forbidden(c: char) -> bool {
    matches!(c, '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn has_forbidden_char(v: &Value) -> bool {
    match v {
        Value::String(s) => s.chars().any(forbidden),
        Value::Array(a) => a.iter().any(has_forbidden_char),
        Value::Object(m) => m.iter().any(|(k, v)| k.chars().any(forbidden) || has_forbidden_char(v)),
        _ => false,
    }
}

fn fold_nel_deep(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(fold_nel(s)),
        Value::Array(a) => Value::Array(a.iter().map(fold_nel_deep).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (fold_nel(k), fold_nel_deep(v))).collect()),
        other => other.clone(),
    }
}

/// go-yaml's line folding in a double-quoted scalar, for the only raw break Go's JSON leaves:
/// a run of spaces and NELs with `n` NELs becomes one space (`n` = 1) or `n - 1` newlines.
fn fold_nel(s: &str) -> String {
    if !s.contains('\u{85}') {
        return s.to_string();
    }
    let mut out = String::new();
    let mut run = String::new();
    let mut nels = 0;
    let flush = |out: &mut String, run: &mut String, nels: &mut usize| {
        match *nels {
            0 => out.push_str(run),
            1 => out.push(' '),
            n => out.push_str(&"\n".repeat(n - 1)),
        }
        run.clear();
        *nels = 0;
    };
    for c in s.chars() {
        match c {
            ' ' => run.push(c),
            '\u{85}' => nels += 1,
            c => {
                flush(&mut out, &mut run, &mut nels);
                out.push(c);
            }
        }
    }
    flush(&mut out, &mut run, &mut nels);
    out
}

/// A JSON number as go-yaml prints it after sigs.k8s.io/yaml's JSON round trip.
pub(super) fn number_text(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f.fract() == 0.0 && f.abs() < 1e21 {
        // encoding/json prints it without a fraction, so go-yaml reads it back as an int.
        if f.abs() < 9.2e18 {
            return format!("{}", f as i64);
        }
    }
    go_format_g(f)
}

/// strconv.FormatFloat(f, 'g', -1, 64).
pub(crate) fn go_format_g(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf".into() } else { "-.inf".into() };
    }
    let sci = format!("{f:e}"); // e.g. "-1.2345e6"
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let sign = if neg { "-" } else { "" };
    // Go: %e when exp < -4 || exp >= eprec, eprec = 6 for the shortest form.
    if !(-4..6).contains(&exp) {
        let mut s = format!("{sign}{}", digits.get(..1).unwrap_or("0"));
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        let (esign, eabs) = if exp < 0 { ('-', -exp) } else { ('+', exp) };
        s.push_str(&format!("e{esign}{eabs:02}"));
        s
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kubectl_yaml_rejects_and_folds_like_the_json_round_trip() {
        assert_eq!(kubectl_yaml(&json!({"a": "del\u{7f}"})), Err("yaml: control characters are not allowed".into()));
        assert_eq!(kubectl_yaml(&json!({"a": "a\u{85}b", "b": "x \u{85}\u{85} y"})), Ok("a: a b\nb: |-\n  x\n  y\n".into()));
    }

    #[test]
    fn floats_print_like_go() {
        assert_eq!(go_format_g(1.5), "1.5");
        assert_eq!(go_format_g(1234567.5), "1.2345675e+06");
        assert_eq!(go_format_g(0.00001), "1e-05");
        assert_eq!(to_yaml(&json!({"a": 1.0, "b": 2.5})), "a: 1\nb: 2.5\n");
    }

    fn tricky_string() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let alphabet: Vec<char> = vec![
            ' ', ' ', '\n', '\t', '\r', ':', '#', '-', '\'', '"', '\\', 'a', 'b', 'y', '1', '0', '.', '_', '?', '|', '>',
            '{', '[', ',', '&', '*', '!', '%', '@', '`', '~', '\u{e9}', '\u{feff}', '\u{1F600}', '\u{a0}', '\u{1}', 'e',
        ];
        proptest::collection::vec(proptest::sample::select(alphabet), 0..40).prop_map(|cs| cs.into_iter().collect())
    }

    proptest::proptest! {
        /// Whatever the strings, the YAML reads back (with a YAML parser) as the same object.
        #[test]
        fn emitted_yaml_reads_back_to_the_same_value(
            entries in proptest::collection::vec((tricky_string(), tricky_string()), 0..6),
            long in tricky_string(),
        ) {
            let mut map = serde_json::Map::new();
            for (k, v) in entries {
                map.insert(k, Value::String(v));
            }
            map.insert("long".into(), Value::String(long.repeat(4)));
            map.insert("list".into(), json!([long, {"k": long}, [], {}]));
            let v = Value::Object(map);
            let text = to_yaml(&v);
            let back = crate::yaml::parse_documents(&text).expect("emitted YAML parses");
            proptest::prop_assert_eq!(back, vec![v], "YAML was:\n{}", text);
        }
    }
}
