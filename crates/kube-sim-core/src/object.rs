//! API objects are kept as JSON values (see ARCHITECTURE.md, "Objects as JSON trees"): what the
//! learner wrote is kept field for field, and `-o yaml` prints keys sorted, as kubectl does.
//! These helpers read and write them by dotted path.

use serde_json::{Map, Value};

/// The value at `path` (dot-separated keys; `[n]` is not supported, use `seq` helpers).
pub fn get<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(obj, |v, k| v.get(k))
}

/// The string at `path`, if it is one.
pub fn get_str<'a>(obj: &'a Value, path: &str) -> Option<&'a str> {
    get(obj, path).and_then(Value::as_str)
}

/// A mutable reference to the value at `path`, creating objects along the way.
pub fn entry<'a>(obj: &'a mut Value, path: &str) -> &'a mut Value {
    path.split('.').fold(obj, |v, k| {
        if !v.is_object() {
            *v = Value::Object(Map::new());
        }
        let m = v.as_object_mut().expect("just made an object");
        // Look up first: `Map::entry` would allocate the key even when it is there.
        if !m.contains_key(k) {
            m.insert(k.to_string(), Value::Null);
        }
        m.get_mut(k).expect("just inserted")
    })
}

/// Sets `path` to `value`, creating objects along the way.
pub fn set(obj: &mut Value, path: &str, value: Value) {
    *entry(obj, path) = value;
}

/// Removes the value at `path`, returning it.
pub fn remove(obj: &mut Value, path: &str) -> Option<Value> {
    let (parent, last) = match path.rsplit_once('.') {
        Some((p, l)) => (path_mut(obj, p)?, l),
        None => (obj, path),
    };
    parent.as_object_mut()?.remove(last)
}

fn path_mut<'a>(obj: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.').try_fold(obj, |v, k| v.get_mut(k))
}

/// `metadata.<key>` when it is a string, or "" (read directly, without parsing a path: the
/// hot paths read names thousands of times per command).
pub fn meta_str<'a>(obj: &'a Value, key: &str) -> &'a str {
    obj.get("metadata").and_then(|m| m.get(key)).and_then(Value::as_str).unwrap_or("")
}

/// `metadata.name`, or "".
pub fn name(obj: &Value) -> &str {
    meta_str(obj, "name")
}

/// `metadata.namespace`, or "".
pub fn namespace(obj: &Value) -> &str {
    meta_str(obj, "namespace")
}

/// `kind`, or "".
pub fn kind(obj: &Value) -> &str {
    obj.get("kind").and_then(Value::as_str).unwrap_or("")
}

/// `metadata.uid`, or "".
pub fn uid(obj: &Value) -> &str {
    meta_str(obj, "uid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn get_set_remove_by_path() {
        let mut v = json!({"metadata": {"name": "a"}});
        assert_eq!(name(&v), "a");
        set(&mut v, "spec.capacity.storage", json!("1Gi"));
        assert_eq!(get_str(&v, "spec.capacity.storage"), Some("1Gi"));
        assert_eq!(remove(&mut v, "spec.capacity.storage"), Some(json!("1Gi")));
        assert_eq!(get(&v, "spec.capacity"), Some(&json!({})));
        assert_eq!(remove(&mut v, "nope.deeper"), None);
    }
}
