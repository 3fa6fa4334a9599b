//! The generic describer (kinds without their own, e.g. Event): the head, then every field of
//! the object, sorted, with "smart" labels (`apiVersion` → `API Version`).

use serde_json::{Map, Value};

use super::{describe_events, head, object_events, w, W};

const SKIP: &[&str] = &[".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"];

/// Describes an object generically.
pub fn describe_generic(w: &mut W, obj: &Value, all: &[&Value], now: i64) {
    head(w, obj, true);
    if let Some(m) = obj.as_object() {
        content(w, 0, m, "");
    }
    describe_events(w, &object_events(obj, all), now);
}

/// Go's `%v` of an unstructured scalar.
fn go_value(x: &Value) -> String {
    match x {
        Value::Null => "<nil>".into(),
        Value::String(t) => t.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => go_float(f),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// `%v` of a float64 (shortest `%g`): exponent form below 1e-4 and from 1e6 on.
fn go_float(f: f64) -> String {
    let exp = if f == 0.0 { 0 } else { f.abs().log10().floor() as i32 };
    if !(-4..6).contains(&exp) {
        let t = format!("{f:e}");
        match t.split_once('e') {
            Some((m, e)) => {
                let e: i32 = e.parse().unwrap_or(0);
                format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
            }
            None => t,
        }
    } else {
        f.to_string()
    }
}

fn content(w: &mut W, level: usize, m: &Map<String, Value>, prefix: &str) {
    let mut fields: Vec<&String> = m.keys().collect();
    crate::sort::sort(&mut fields);
    for field in fields {
        let expr = format!("{prefix}.{field}");
        if SKIP.contains(&expr.as_str()) {
            continue;
        }
        match &m[field] {
            Value::Object(child) => {
                w!(w, level, "{}:\n", smart_label(field));
                content(w, level + 1, child, &expr);
            }
            Value::Array(items) => {
                w!(w, level, "{}:\n", smart_label(field));
                for item in items {
                    match item {
                        Value::Object(child) => content(w, level + 1, child, &expr),
                        other => w!(w, level + 1, "{}\n", go_value(other)),
                    }
                }
            }
            other => w!(w, level, "{}:\t{}\n", smart_label(field), go_value(other)),
        }
    }
}

/// `camelcase.Split`: runs of lower, upper, digit, other; an upper run followed by lower case
/// gives its last letter to the next word.
fn camel_split(s: &str) -> Vec<String> {
    fn class(c: char) -> u8 {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    }
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in s.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(r) if k == last => r.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        let (a, b) = (&runs[i], &runs[i + 1]);
        if a.first().is_some_and(|c| c.is_uppercase()) && b.first().is_some_and(|c| c.is_lowercase()) {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter().filter(|r| !r.is_empty()).map(|r| r.into_iter().collect()).collect()
}

/// `smartLabelFor`: `apiVersion` → `API Version`, `uid` → `UID`; fields with characters other
/// than letters and `-` are kept as they are.
fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    const ACRONYMS: &[&str] = &["API", "URL", "UID", "OSB", "GUID"];
    let parts: Vec<String> = camel_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let up = p.to_uppercase();
            if ACRONYMS.contains(&up.as_str()) {
                up
            } else {
                let mut cs = p.chars();
                cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
            }
        })
        .collect();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_labels() {
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("involvedObject"), "Involved Object");
        assert_eq!(smart_label("uid"), "UID");
        assert_eq!(smart_label("podIPs"), "Pod I Ps");
        assert_eq!(smart_label("kubernetes.io/x"), "kubernetes.io/x");
        assert_eq!(go_float(1.5), "1.5");
        assert_eq!(go_float(1e21), "1e+21");
        assert_eq!(go_float(1234567.5), "1.2345675e+06");
    }
}
