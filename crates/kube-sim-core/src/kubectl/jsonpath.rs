//! A subset of kubectl's JSONPath templates (`-o jsonpath=...`): text, `{.a.b}`,
//! `{.items[0].x}`, `{.items[*].metadata.name}`, `{.a['dotted.key']}`, `{range ...}{end}`,
//! and string literals such as `{"\n"}`. Missing keys print nothing, as `kubectl get` allows.

use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Expr(Vec<Step>),
    Range(Vec<Step>, Vec<Node>),
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Index(i64),
    All,
    /// `..key`: the key at any depth.
    Descend(String),
    /// `[?(@.path OP literal)]`, or `[?(@.path)]` (exists) when the operator is empty.
    Filter(Vec<Step>, String, Value),
}

/// Parses the inside of `[?( ... )]`.
fn filter(inner: &str) -> Result<Step, String> {
    let body = inner.strip_prefix("?(").and_then(|b| b.strip_suffix(')')).ok_or_else(|| format!("invalid filter {inner}"))?.trim();
    for op in ["==", "!=", "<=", ">=", "<", ">"] {
        if let Some((lhs, rhs)) = body.split_once(op) {
            let rhs = rhs.trim();
            let lit = if let Some(q) = rhs.strip_prefix('"').and_then(|r| r.strip_suffix('"')).or_else(|| rhs.strip_prefix('\'').and_then(|r| r.strip_suffix('\''))) {
                Value::String(q.to_string())
            } else {
                serde_json::from_str(rhs).map_err(|_| format!("unrecognized character in action: {rhs}"))?
            };
            return Ok(Step::Filter(steps(lhs.trim())?, op.to_string(), lit));
        }
    }
    Ok(Step::Filter(steps(body)?, String::new(), Value::Null))
}

fn compare(got: &Value, op: &str, lit: &Value) -> bool {
    let num = |v: &Value| v.as_f64();
    match op {
        "==" => got == lit,
        "!=" => got != lit,
        _ => match (num(got), num(lit)) {
            (Some(a), Some(b)) => match op {
                "<" => a < b,
                ">" => a > b,
                "<=" => a <= b,
                _ => a >= b,
            },
            _ => false,
        },
    }
}

fn descend<'a>(v: &'a Value, key: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(m) => {
            if let Some(x) = m.get(key) {
                out.push(x);
            }
            for child in m.values() {
                descend(child, key, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| descend(c, key, out)),
        _ => {}
    }
}

/// Parses a template; the error is kubectl's text after `error: `.
fn parse(tpl: &str) -> Result<Vec<Node>, String> {
    let mut stack: Vec<(Vec<Step>, Vec<Node>)> = Vec::new();
    let mut cur: Vec<Node> = Vec::new();
    let mut rest = tpl;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            cur.push(Node::Text(rest.to_string()));
            break;
        };
        if open > 0 {
            cur.push(Node::Text(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let close = find_close(after).ok_or_else(|| "unclosed action".to_string())?;
        let body = after[..close].trim();
        rest = &after[close + 1..];
        if let Some(lit) = body.strip_prefix('"').and_then(|b| b.strip_suffix('"')) {
            cur.push(Node::Text(unescape(lit)));
        } else if let Some(expr) = body.strip_prefix("range ") {
            stack.push((steps(expr.trim())?, std::mem::take(&mut cur)));
        } else if body == "end" {
            let (s, outer) = stack.pop().ok_or_else(|| "not in range, nothing to end".to_string())?;
            let inner = std::mem::replace(&mut cur, outer);
            cur.push(Node::Range(s, inner));
        } else {
            cur.push(Node::Expr(steps(body)?));
        }
    }
    if !stack.is_empty() {
        return Err("unclosed range".to_string());
    }
    Ok(cur)
}

fn find_close(s: &str) -> Option<usize> {
    let mut in_str = None;
    for (i, c) in s.char_indices() {
        match (in_str, c) {
            (None, '"') | (None, '\'') => in_str = Some(c),
            (Some(q), c) if c == q => in_str = None,
            (None, '}') => return Some(i),
            _ => {}
        }
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"")
}

fn steps(expr: &str) -> Result<Vec<Step>, String> {
    let expr = expr.strip_prefix('$').unwrap_or(expr);
    let expr = expr.strip_prefix('@').unwrap_or(expr);
    let chars: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    // A key runs to the next unescaped `.` or `[`; `\.` is a literal dot.
    let key_at = |mut j: usize| {
        let mut key = String::new();
        while j < chars.len() && chars[j] != '.' && chars[j] != '[' {
            if chars[j] == '\\' && chars.get(j + 1) == Some(&'.') {
                j += 1;
            }
            key.push(chars[j]);
            j += 1;
        }
        (key, j)
    };
    while i < chars.len() {
        match chars[i] {
            '.' if chars.get(i + 1) == Some(&'.') => {
                let (key, j) = key_at(i + 2);
                out.push(Step::Descend(key));
                i = j;
            }
            '.' => {
                let (key, j) = key_at(i + 1);
                if !key.is_empty() {
                    out.push(Step::Key(key));
                }
                i = j;
            }
            '[' => {
                let end = chars[i..].iter().position(|c| *c == ']').map(|e| e + i).ok_or_else(|| "unterminated array".to_string())?;
                let inner: String = chars[i + 1..end].iter().collect();
                let inner = inner.trim();
                if inner == "*" {
                    out.push(Step::All);
                } else if inner.starts_with("?(") {
                    out.push(filter(inner)?);
                } else if let Some(k) = inner.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')) {
                    out.push(Step::Key(k.to_string()));
                } else {
                    let n = inner.parse::<i64>().map_err(|_| format!("invalid array index {inner}"))?;
                    out.push(Step::Index(n));
                }
                i = end + 1;
            }
            _ => {
                let (key, j) = key_at(i);
                out.push(Step::Key(key));
                i = j;
            }
        }
    }
    Ok(out)
}

fn eval<'a>(root: &'a Value, steps: &[Step]) -> Vec<&'a Value> {
    let mut cur = vec![root];
    for s in steps {
        let mut next = Vec::new();
        for v in cur {
            match s {
                Step::Key(k) => next.extend(v.get(k.as_str())),
                Step::Index(n) => {
                    if let Some(a) = v.as_array() {
                        let idx = if *n < 0 { a.len() as i64 + n } else { *n };
                        next.extend(usize::try_from(idx).ok().and_then(|i| a.get(i)));
                    }
                }
                Step::All => match v {
                    Value::Array(a) => next.extend(a.iter()),
                    Value::Object(m) => next.extend(m.values()),
                    _ => {}
                },
                Step::Descend(k) => descend(v, k, &mut next),
                Step::Filter(path, op, lit) => {
                    if let Some(a) = v.as_array() {
                        next.extend(a.iter().filter(|e| {
                            let got = eval(e, path);
                            match got.first() {
                                Some(g) if !op.is_empty() => compare(g, op, lit),
                                Some(_) => true,
                                None => false,
                            }
                        }));
                    }
                }
            }
        }
        cur = next;
    }
    cur
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => super::output_seam::compact_json(other),
    }
}

fn render(nodes: &[Node], root: &Value, out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Expr(s) => {
                let vals: Vec<String> = eval(root, s).into_iter().map(text_of).collect();
                out.push_str(&vals.join(" "));
            }
            Node::Range(s, inner) => {
                for v in eval(root, s) {
                    render(inner, v, out);
                }
            }
        }
    }
}

/// The values one expression (`.a.b` or `{.a.b}`) selects in `root`.
pub fn find(expr: &str, root: &Value) -> Result<Vec<Value>, String> {
    let e = expr.trim();
    let e = e.strip_prefix('{').and_then(|x| x.strip_suffix('}')).unwrap_or(e);
    Ok(eval(root, &steps(e)?).into_iter().cloned().collect())
}

/// Renders `template` over `root`; the error is the text kubectl prints after `error: `.
pub fn execute(template: &str, root: &Value) -> Result<String, String> {
    let nodes = parse(template)?;
    let mut out = String::new();
    render(&nodes, root, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn subset_works() {
        let l = json!({"items": [{"metadata": {"name": "a", "labels": {"x.y/z": "1"}}}, {"metadata": {"name": "b"}}]});
        assert_eq!(execute("{.items[*].metadata.name}", &l).unwrap(), "a b");
        assert_eq!(execute("{.items[0].metadata.name}", &l).unwrap(), "a");
        assert_eq!(execute("{.items[-1].metadata.name}", &l).unwrap(), "b");
        assert_eq!(execute("{range .items[*]}{.metadata.name}{\"\\n\"}{end}", &l).unwrap(), "a\nb\n");
        assert_eq!(execute("x={.items[0].metadata.labels['x.y/z']}", &l).unwrap(), "x=1");
        assert_eq!(execute("{.nope}", &l).unwrap(), "");
        assert_eq!(execute("{.items[0].metadata.labels.x\\.y/z}", &l).unwrap(), "1");
        assert!(execute("{range .items[*]}", &l).is_err());
        let n = json!({"status": {"addresses": [{"type": "InternalIP", "address": "1.2.3.4"}, {"type": "Hostname", "address": "w"}]}});
        assert_eq!(execute("{.status.addresses[?(@.type==\"InternalIP\")].address}", &n).unwrap(), "1.2.3.4");
        assert_eq!(execute("{.status.addresses[?(@.type!='InternalIP')].address}", &n).unwrap(), "w");
        assert_eq!(execute("{..address}", &n).unwrap(), "1.2.3.4 w");
    }
}
