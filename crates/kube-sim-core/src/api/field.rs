//! Field errors as `apimachinery/pkg/util/validation/field` prints them (`k8s-behaviour.md`
//! §5.1), and the `Invalid` status error built from them.

use super::errors::{ApiError, Reason};

/// A value inside a field error, printed as Go's `field.Error` does in v1.32: `%q` for strings,
/// plain for numbers and bools, and Go's `%#v` for anything else (held here pre-rendered).
#[derive(Clone, Debug, PartialEq)]
pub enum BadValue {
    /// A string: printed `%q`.
    Str(String),
    /// An integer: printed plain.
    Int(i64),
    /// A bool: printed plain.
    Bool(bool),
    /// Anything else, already rendered (e.g. `map[string]string{"app":"mysql"}`).
    Raw(String),
}

impl BadValue {
    fn render(&self) -> String {
        match self {
            BadValue::Str(s) => go_quote(s),
            BadValue::Int(n) => n.to_string(),
            BadValue::Bool(b) => b.to_string(),
            BadValue::Raw(s) => s.clone(),
        }
    }
}

/// The kind of a field error (`field.ErrorType`).
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `Required value`.
    Required,
    /// `Forbidden`.
    Forbidden,
    /// `Too long` with the limit in bytes.
    TooLong(i64),
    /// `Invalid value: <v>`.
    Invalid(BadValue),
    /// `Unsupported value: <v>` with the supported values (already sorted).
    NotSupported(BadValue, Vec<String>),
    /// `Duplicate value: <v>`.
    Duplicate(BadValue),
    /// `Not found: <v>`.
    NotFound(BadValue),
}

/// One field error: a path, a kind and a detail.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field path, e.g. `spec.volumes[0].name`.
    pub field: String,
    /// What is wrong.
    pub kind: Kind,
    /// The detail appended after `: `, or "".
    pub detail: String,
}

impl FieldError {
    /// `field.Required(path, detail)`.
    pub fn required(field: impl Into<String>, detail: &str) -> Self {
        FieldError { field: field.into(), kind: Kind::Required, detail: detail.into() }
    }
    /// `field.Forbidden(path, detail)`.
    pub fn forbidden(field: impl Into<String>, detail: &str) -> Self {
        FieldError { field: field.into(), kind: Kind::Forbidden, detail: detail.into() }
    }
    /// `field.Invalid(path, value, detail)`.
    pub fn invalid(field: impl Into<String>, value: BadValue, detail: &str) -> Self {
        FieldError { field: field.into(), kind: Kind::Invalid(value), detail: detail.into() }
    }
    /// `field.Invalid` with a string value.
    pub fn invalid_str(field: impl Into<String>, value: &str, detail: &str) -> Self {
        Self::invalid(field, BadValue::Str(value.into()), detail)
    }
    /// `field.NotSupported(path, value, valid)`.
    pub fn not_supported(field: impl Into<String>, value: BadValue, valid: &[&str]) -> Self {
        FieldError {
            field: field.into(),
            kind: Kind::NotSupported(value, valid.iter().map(|s| s.to_string()).collect()),
            detail: String::new(),
        }
    }
    /// `field.Duplicate(path, value)`.
    pub fn duplicate(field: impl Into<String>, value: BadValue) -> Self {
        FieldError { field: field.into(), kind: Kind::Duplicate(value), detail: String::new() }
    }
    /// `field.NotFound(path, value)`.
    pub fn not_found(field: impl Into<String>, value: BadValue) -> Self {
        FieldError { field: field.into(), kind: Kind::NotFound(value), detail: String::new() }
    }
    /// `field.TooLong(path, _, max)`.
    pub fn too_long(field: impl Into<String>, max: i64) -> Self {
        FieldError { field: field.into(), kind: Kind::TooLong(max), detail: String::new() }
    }

    /// `ErrorBody()`: the text after `<field>: `.
    pub fn body(&self) -> String {
        let mut s = match &self.kind {
            Kind::Required => "Required value".to_string(),
            Kind::Forbidden => "Forbidden".to_string(),
            Kind::TooLong(n) => {
                let mut s = "Too long".to_string();
                if self.detail.is_empty() {
                    if *n < 0 {
                        s.push_str(": value is too long");
                    } else {
                        let unit = if *n == 1 { "byte" } else { "bytes" };
                        s.push_str(&format!(": may not be more than {n} {unit}"));
                    }
                }
                s
            }
            Kind::Invalid(v) => format!("Invalid value: {}", v.render()),
            Kind::NotSupported(v, valid) => {
                let mut s = format!("Unsupported value: {}", v.render());
                if !valid.is_empty() {
                    let q: Vec<String> = valid.iter().map(|v| go_quote(v)).collect();
                    s.push_str(&format!(": supported values: {}", q.join(", ")));
                }
                s
            }
            Kind::Duplicate(v) => format!("Duplicate value: {}", v.render()),
            Kind::NotFound(v) => format!("Not found: {}", v.render()),
        };
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.body())
    }
}

/// `ErrorList.ToAggregate().Error()`: one error as is, more as `[e1, e2]`, duplicates removed.
pub fn aggregate(errs: &[FieldError]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for e in errs {
        let s = e.to_string();
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    if seen.len() == 1 {
        seen.remove(0)
    } else {
        format!("[{}]", seen.join(", "))
    }
}

/// The `Invalid` (422) error for `errs` on object `<kind> "<name>"`, with the message kubectl
/// prints for it: `The <Kind> "<name>" is invalid: <e>` for one cause, and for several
/// `The <Kind> "<name>" is invalid: ` followed by one `\n* <e>` line per cause (kubectl's
/// `MultilineError`). The server's own message would be `<Kind> "<name>" is invalid: [e1, e2]`;
/// see [`server_message`].
pub fn invalid(kind: &str, name: &str, errs: &[FieldError]) -> ApiError {
    let head = format!("The {kind} {} is invalid: ", go_quote(name));
    // kubectl drops repeated causes (statusCausesToAggrError).
    let mut lines: Vec<String> = Vec::new();
    for e in errs {
        let l = e.to_string();
        if !lines.contains(&l) {
            lines.push(l);
        }
    }
    let message = if lines.len() == 1 {
        format!("{head}{}", lines[0])
    } else {
        let mut s = head;
        for l in &lines {
            s.push_str("\n* ");
            s.push_str(l);
        }
        s
    };
    ApiError { reason: Reason::Invalid, message }
}

/// The API server's `Status.message` of an `Invalid` error: `<Kind> "<name>" is invalid: <agg>`.
pub fn server_message(kind: &str, name: &str, errs: &[FieldError]) -> String {
    format!("{kind} {} is invalid: {}", go_quote(name), aggregate(errs))
}

pub use crate::gofmt::go_quote;

/// Go's `%#v` of a `map[string]string` (keys sorted, as fmt prints maps).
pub fn go_string_map(map: Option<&serde_json::Map<String, serde_json::Value>>) -> String {
    match map {
        None => "map[string]string(nil)".into(),
        Some(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}:{}", go_quote(k), go_quote(v.as_str().unwrap_or(""))))
                .collect();
            format!("map[string]string{{{}}}", items.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies() {
        assert_eq!(FieldError::required("spec.accessModes", "").to_string(), "spec.accessModes: Required value");
        assert_eq!(
            FieldError::required("spec.accessModes", "at least 1 access mode is required").to_string(),
            "spec.accessModes: Required value: at least 1 access mode is required"
        );
        assert_eq!(
            FieldError::not_supported(
                "spec.persistentVolumeReclaimPolicy",
                BadValue::Str("Foo".into()),
                &["Delete", "Recycle", "Retain"]
            )
            .to_string(),
            "spec.persistentVolumeReclaimPolicy: Unsupported value: \"Foo\": supported values: \"Delete\", \"Recycle\", \"Retain\""
        );
        assert_eq!(FieldError::too_long("data", 1048576).to_string(), "data: Too long: may not be more than 1048576 bytes");
        assert_eq!(
            FieldError::invalid("x", BadValue::Int(1000), "must be a number between 0 and 0777 (octal), both inclusive")
                .to_string(),
            "x: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive"
        );
        assert_eq!(FieldError::not_found("a", BadValue::Str("x".into())).to_string(), "a: Not found: \"x\"");
    }

    #[test]
    fn aggregates_and_invalid() {
        let a = FieldError::required("spec.capacity", "");
        let b = FieldError::required("spec.accessModes", "");
        assert_eq!(aggregate(std::slice::from_ref(&a)), "spec.capacity: Required value");
        assert_eq!(
            aggregate(&[a.clone(), b.clone(), a.clone()]),
            "[spec.capacity: Required value, spec.accessModes: Required value]"
        );
        let e = invalid("PersistentVolume", "x", std::slice::from_ref(&a));
        assert_eq!(e.message, "The PersistentVolume \"x\" is invalid: spec.capacity: Required value");
        assert_eq!(e.to_string(), e.message);
        let e = invalid("PersistentVolume", "x", &[a.clone(), a.clone()]);
        assert_eq!(e.message, "The PersistentVolume \"x\" is invalid: spec.capacity: Required value");
        let e = invalid("PersistentVolume", "x", &[a.clone(), b.clone()]);
        assert_eq!(
            e.message,
            "The PersistentVolume \"x\" is invalid: \n* spec.capacity: Required value\n* spec.accessModes: Required value"
        );
        assert_eq!(
            server_message("PersistentVolume", "x", &[a, b]),
            "PersistentVolume \"x\" is invalid: [spec.capacity: Required value, spec.accessModes: Required value]"
        );
    }

    #[test]
    fn go_formats() {
        assert_eq!(go_quote("a\"b\n"), "\"a\\\"b\\n\"");
        let m = json!({"app": "mysql", "tier": "db"});
        assert_eq!(go_string_map(m.as_object()), "map[string]string{\"app\":\"mysql\", \"tier\":\"db\"}");
        assert_eq!(go_string_map(None), "map[string]string(nil)");
    }
}
