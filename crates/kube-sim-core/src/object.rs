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

/// Maps this small are searched by walking their entries and comparing lengths first: a
/// `BTreeMap` search compares the key's bytes with every key it passes (a `memcmp` each),
/// while most keys of a small map differ in length from the one sought.
const SMALL_MAP: usize = 16;

/// `obj[key]` when `obj` is a map holding `key` (as `Value::get`; cheaper on small maps).
pub fn field<'a>(obj: &'a Value, key: &str) -> Option<&'a Value> {
    let m = obj.as_object()?;
    if m.len() <= SMALL_MAP {
        m.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        m.get(key)
    }
}

/// [`field`], mutable (as `Value::get_mut`).
pub fn field_mut<'a>(obj: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    let m = obj.as_object_mut()?;
    if m.len() <= SMALL_MAP {
        m.iter_mut().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        m.get_mut(key)
    }
}

/// `metadata.<key>` when it is a string, or "" (read directly, without parsing a path: the
/// hot paths read names thousands of times per command).
pub fn meta_str<'a>(obj: &'a Value, key: &str) -> &'a str {
    field(obj, "metadata").and_then(|m| field(m, key)).and_then(Value::as_str).unwrap_or("")
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
    field(obj, "kind").and_then(Value::as_str).unwrap_or("")
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

    #[test]
    fn fields_of_small_and_large_maps_are_the_maps_own() {
        let mut big = serde_json::Map::new();
        for i in 0..40 {
            big.insert(format!("k{i}"), json!(i));
        }
        let mut small = json!({"apiVersion": "v1", "kind": "K", "metadata": {"name": "n", "namespace": "ns"}, "data": {}});
        for (v, keys) in [(&mut small, vec!["apiVersion", "kind", "metadata", "data", "nope", "", "kin"]), (&mut Value::Object(big), vec!["k0", "k39", "k7", "k40", ""])] {
            for k in keys {
                assert_eq!(field(v, k), v.get(k), "{k}");
                let expected = v.get(k).cloned();
                assert_eq!(field_mut(v, k).map(|x| x.clone()), expected, "{k}");
            }
        }
        assert_eq!(field(&json!([1]), "a"), None);
        assert_eq!((meta_str(&small, "name"), namespace(&small), kind(&small)), ("n", "ns", "K"));
    }
}
