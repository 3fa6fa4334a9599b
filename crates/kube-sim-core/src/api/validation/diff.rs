//! An approximation of the `cmp.Diff` the API server appends to "is immutable" errors
//! (`spec: Forbidden: … immutable after creation\n<diff>`). Upstream diffs internal Go
//! structs; this prints the changed top-level fields in the same layout:
//!
//! ```text
//!   core.PersistentVolumeSource{
//!   <TAB>... // 5 identical fields
//! - <TAB>NFS: &{Server: "a", Path: "/x"},
//! + <TAB>NFS: &{Server: "b", Path: "/x"},
//!   <TAB>... // 2 identical fields
//!   }
//! ```

use serde_json::{Map, Value};

use super::short;

/// Go field name for a JSON name (`nodeName` → `NodeName`, `nfs` → `NFS`).
fn go_field(json: &str) -> String {
    match json {
        "nfs" => "NFS".into(),
        "csi" => "CSI".into(),
        "iscsi" => "ISCSI".into(),
        "rbd" => "RBD".into(),
        "fc" => "FC".into(),
        "cephfs" => "CephFS".into(),
        _ => {
            let mut c = json.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

fn go_value(v: Option<&Value>) -> String {
    match v {
        Some(Value::Object(m)) => {
            let items: Vec<String> = m.iter().map(|(k, v)| format!("{}: {}", go_field(k), go_value(Some(v)))).collect();
            format!("&{{{}}}", items.join(", "))
        }
        Some(Value::Array(a)) => {
            let items: Vec<String> = a.iter().map(|v| go_value(Some(v))).collect();
            format!("{{{}}}", items.join(", "))
        }
        other => short(other),
    }
}

/// The diff of `fields` (JSON names, in Go field order) between `old` and `new`.
pub fn struct_diff(type_name: &str, fields: &[&str], old: &Map<String, Value>, new: &Map<String, Value>) -> String {
    let mut out = format!("  {type_name}{{\n");
    let mut same = 0;
    let mut all: Vec<&str> = fields.to_vec();
    let mut extra: Vec<&str> =
        old.keys().chain(new.keys()).map(String::as_str).filter(|k| !fields.contains(k)).collect();
    extra.sort_unstable();
    extra.dedup();
    all.extend(extra);
    let flush = |out: &mut String, same: &mut usize| {
        if *same > 0 {
            let noun = if *same == 1 { "field" } else { "fields" };
            out.push_str(&format!("  \t... // {same} identical {noun}\n"));
            *same = 0;
        }
    };
    for f in &all {
        let (a, b) = (old.get(*f).filter(|v| !v.is_null()), new.get(*f).filter(|v| !v.is_null()));
        if a == b {
            same += 1;
            continue;
        }
        flush(&mut out, &mut same);
        let name = go_field(f);
        out.push_str(&format!("- \t{name}: {},\n", go_value(a)));
        out.push_str(&format!("+ \t{name}: {},\n", go_value(b)));
    }
    flush(&mut out, &mut same);
    out.push_str("  }\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn layout() {
        let a = json!({"nfs": {"server": "a"}, "x": 1});
        let b = json!({"nfs": {"server": "b"}, "x": 1});
        let d = struct_diff("core.T", &["hostPath", "nfs", "x"], a.as_object().unwrap(), b.as_object().unwrap());
        assert_eq!(
            d,
            "  core.T{\n  \t... // 1 identical field\n- \tNFS: &{Server: \"a\"},\n+ \tNFS: &{Server: \"b\"},\n  \t... // 1 identical field\n  }\n"
        );
    }
}
