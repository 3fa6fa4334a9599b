//! `-o custom-columns=HEADER:EXPR,...`: kubectl's custom-column printer over a tabwriter
//! (min width 6, padding 3).

use serde_json::Value;

/// One column: header and JSONPath expression.
pub type Column = (String, String);

/// Parses the spec, or kubectl's error text.
pub fn parse(spec: &str) -> Result<Vec<Column>, String> {
    if spec.is_empty() {
        return Err("error: custom-columns format specified but no custom columns given\n".to_string());
    }
    spec.split(',')
        .map(|part| match part.split_once(':') {
            Some((h, e)) => Ok((h.to_string(), e.to_string())),
            None => Err(format!("error: unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>\n")),
        })
        .collect()
}

/// Go's `%v` of a decoded JSON value.
fn go_v(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".to_string(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_v).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!("map[{}]", m.iter().map(|(k, v)| format!("{k}:{}", go_v(v))).collect::<Vec<_>>().join(" ")),
        other => other.to_string(),
    }
}

/// The table for `objs`.
pub fn print(columns: &[Column], objs: &[&Value], no_headers: bool) -> Result<String, String> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    if !no_headers {
        rows.push(columns.iter().map(|(h, _)| h.clone()).collect());
    }
    for o in objs {
        let mut row = Vec::new();
        for (_, expr) in columns {
            let vals = super::jsonpath::find(expr, o).map_err(|e| format!("error: {e}\n"))?;
            row.push(if vals.is_empty() { "<none>".to_string() } else { vals.iter().map(go_v).collect::<Vec<_>>().join(",") });
        }
        rows.push(row);
    }
    let n = columns.len();
    let widths: Vec<usize> = (0..n).map(|i| rows.iter().map(|r| r.get(i).map_or(0, |c| c.chars().count()) + 3).max().unwrap_or(0).max(6)).collect();
    let mut out = String::new();
    for r in rows {
        for (i, cell) in r.iter().enumerate() {
            if i + 1 == n {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(widths[i].saturating_sub(cell.chars().count())));
            }
        }
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn columns_align_like_tabwriter() {
        let a = json!({"metadata": {"name": "a", "labels": {"x": "y"}}});
        let b = json!({"metadata": {"name": "longer-name"}});
        let cols = parse("NAME:.metadata.name,L:.metadata.labels").unwrap();
        assert_eq!(print(&cols, &[&a, &b], false).unwrap(), "NAME          L\na             map[x:y]\nlonger-name   <none>\n");
        assert!(parse("NAME").is_err());
    }
}
