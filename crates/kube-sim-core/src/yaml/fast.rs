//! A fast path for the plainest manifests: block mappings and sequences of plain scalars, with
//! no comments, quotes, flow collections, anchors, tags or multi-line scalars. Such a text is
//! read straight into JSON values, which is several times cheaper than serde_yaml's event
//! stream (libyaml allocates a few buffers per scalar). Anything outside that subset, and every
//! error, returns `None`: the caller then parses the whole text with serde_yaml, so results and
//! error texts stay serde_yaml's. Scalars that are not plainly strings (numbers, `null`,
//! `true`, `~`, ...) are resolved by serde_yaml itself, one scalar at a time.

use serde_json::{Map, Value};

/// Deeper nesting than this goes to serde_yaml (which has its own recursion limit).
const MAX_DEPTH: usize = 64;

/// One non-blank line: its indentation and its text without the indentation (trailing spaces
/// trimmed).
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// The documents of `src` (empty ones dropped), or `None` when `src` is outside the subset.
pub fn parse_documents(src: &str) -> Option<Vec<Value>> {
    // Only printable ASCII and newlines; no character that starts a comment, a quoted or block
    // scalar, a flow collection, an anchor, alias, tag or directive.
    let plain = src.bytes().all(|b| {
        b == b'\n' || ((0x20..0x7f).contains(&b) && !b"#'\"{}[]&*!|>%@`\\".contains(&b))
    });
    if !plain {
        return None;
    }
    let mut docs = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    for raw in src.split('\n').chain(std::iter::once("---")) {
        let text = raw.trim_end_matches(' ');
        if text == "---" {
            if !lines.is_empty() {
                docs.push(document(&mut lines)?);
                lines.clear();
            }
            continue;
        }
        if text.starts_with("---") || text.starts_with("...") {
            return None;
        }
        let body = text.trim_start_matches(' ');
        if body.is_empty() {
            continue;
        }
        lines.push(Line { indent: text.len() - body.len(), text: body });
    }
    Some(docs)
}

/// One document: a block mapping at the left margin.
fn document(lines: &mut [Line]) -> Option<Value> {
    let first = lines.first()?;
    if first.indent != 0 || is_item(first.text) {
        return None;
    }
    let mut at = 0;
    let v = mapping(lines, &mut at, 0, 0)?;
    (at == lines.len()).then_some(v)
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// A block mapping whose keys are at `indent`, from `lines[*at]`.
fn mapping(lines: &mut [Line], at: &mut usize, indent: usize, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut map = Map::new();
    while let Some(line) = lines.get(*at).copied() {
        if line.indent < indent {
            break;
        }
        if line.indent > indent || is_item(line.text) {
            return None;
        }
        let (key, rest) = line.text.split_once(':')?;
        if !is_plain_key(key) || map.contains_key(key) {
            return None;
        }
        *at += 1;
        let value = if rest.is_empty() {
            match lines.get(*at).copied() {
                Some(next) if next.indent > indent => node(lines, at, next.indent, depth + 1)?,
                Some(next) if next.indent == indent && is_item(next.text) => sequence(lines, at, indent, depth + 1)?,
                _ => Value::Null,
            }
        } else {
            let v = scalar(rest.strip_prefix(' ')?.trim_start_matches(' '))?;
            // A deeper line after `key: value` would continue a multi-line scalar.
            if lines.get(*at).is_some_and(|next| next.indent > indent) {
                return None;
            }
            v
        };
        map.insert(key.to_string(), value);
    }
    Some(Value::Object(map))
}

/// A block node starting at `lines[*at]`, indented by `indent`.
fn node(lines: &mut [Line], at: &mut usize, indent: usize, depth: usize) -> Option<Value> {
    let line = lines.get(*at)?;
    if is_item(line.text) {
        sequence(lines, at, indent, depth)
    } else {
        mapping(lines, at, indent, depth)
    }
}

/// A block sequence whose `- ` indicators are at `indent`.
fn sequence(lines: &mut [Line], at: &mut usize, indent: usize, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut items = Vec::new();
    while let Some(line) = lines.get(*at).copied() {
        if line.indent < indent || (line.indent == indent && !is_item(line.text)) {
            break;
        }
        if line.indent > indent {
            return None;
        }
        // `- x`: exactly one space, then something that is neither empty nor another item.
        let rest = line.text.strip_prefix("- ")?;
        if rest.is_empty() || rest.starts_with(' ') || is_item(rest) {
            return None;
        }
        let is_entry = rest.split_once(':').is_some_and(|(k, r)| is_plain_key(k) && (r.is_empty() || r.starts_with(' ')));
        if is_entry {
            // `- key: value`: a mapping whose keys are two columns right of the dash.
            if let Some(l) = lines.get_mut(*at) {
                *l = Line { indent: indent + 2, text: rest };
            }
            items.push(mapping(lines, at, indent + 2, depth + 1)?);
        } else {
            *at += 1;
            items.push(scalar(rest)?);
            if lines.get(*at).is_some_and(|next| next.indent > indent) {
                return None;
            }
        }
    }
    Some(Value::Array(items))
}

/// A key the subset takes as a plain string: a letter, then letters, digits, `.`, `_`, `/`,
/// `-`; never one of the words YAML reads as something else.
fn is_plain_key(key: &str) -> bool {
    key.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b))
        && plainly_string(key)
}

/// Whether serde_yaml reads the plain scalar `s` (starting with a letter) as the string `s`.
fn plainly_string(s: &str) -> bool {
    !matches!(s, "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE") && s.parse::<f64>().is_err()
}

/// A plain scalar value on one line, or `None` for what the subset leaves to serde_yaml.
fn scalar(s: &str) -> Option<Value> {
    let first = *s.as_bytes().first()?;
    if b"?:,".contains(&first) || s.starts_with("- ") || s == "-" || s.starts_with("--") {
        return None;
    }
    if s.contains(": ") || s.ends_with(':') {
        return None;
    }
    if first.is_ascii_alphabetic() && plainly_string(s) {
        return Some(Value::String(s.to_string()));
    }
    // Numbers, `~`, `null`, `true`...: serde_yaml's own resolution of the lone scalar.
    match super::parse_one(s)? {
        v @ (Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_)) => Some(v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_yaml makes of `src`, as `yaml::parse_documents` did before the fast path.
    fn slow(src: &str) -> Result<Vec<Value>, String> {
        use serde::Deserialize;
        let mut docs = Vec::new();
        for de in serde_yaml::Deserializer::from_str(src) {
            match Value::deserialize(de) {
                Ok(Value::Null) => {}
                Ok(v) => docs.push(v),
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(docs)
    }

    /// The fast path either declines or agrees with serde_yaml.
    fn agrees(src: &str) -> bool {
        match parse_documents(src) {
            None => false,
            Some(fast) => {
                assert_eq!(Ok(fast), slow(src), "{src:?}");
                true
            }
        }
    }

    #[test]
    fn plain_manifests_take_the_fast_path_with_serde_yamls_values() {
        let cm = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-00001\n  namespace: default\ndata:\n  key: value-1\n";
        assert!(agrees(cm));
        assert!(agrees(&cm.repeat(3)));
        assert!(agrees("a: 1\nb: -2\nc: 1.5\nd: 0x1f\ne: 012\nf: ~\ng: null\nh: true\ni: False\nj: yes\nk: .inf\nl: 1e3\nm: inf\nn: nan\n"));
        assert!(agrees("spec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    args:\n    - -c\n    - sleep 10\n  - name: d\n    ports:\n      - containerPort: 80\n        protocol: TCP\n"));
        assert!(agrees("a:\nb:\n  c:\n---\n\n---\nx: http://h/p?q=1,2\ny: a  b\nz: -x\n"));
        assert!(agrees(""));
        assert!(agrees("\n\n---\n---\n"));
        assert!(agrees("list:\n- a\n- 1\nafter: x\n"));
        assert!(agrees("metadata:\n  labels:\n    app.kubernetes.io/name: web\n    tier: db-2\n"));
    }

    #[test]
    fn everything_else_is_left_to_serde_yaml() {
        for src in [
            "a: 'x'\n", "a: \"x\"\n", "a: b # c\n", "# c\na: b\n", "a: [1]\n", "a: {b: c}\n", "a: &x 1\nb: *x\n",
            "a: |\n  x\n", "a: >\n  x\n", "a: !!str 1\n", "a: b\n  c\n", "a: b: c\n", "a: b:\n", "a:b\n", "- a\n",
            "x\n", "a: 1\na: 2\n", "a:\n\tb: 1\n", "a: é\n", "a: 1\n b: 2\n", " a: 1\n", "a:\n  - x\n  y: 1\n",
            "--- a: 1\n", "a: 1\n...\n", "a: - b\n", "a: ? b\n", "a: , b\n", "\u{feff}a: 1\n", "a: 1\r\n",
            "a:\n- - x\n", "a:\n-\n  b: 1\n", "a:\n-   b\n", "null: 1\n", "1: a\n", "a:\n  - b\n - c\n", "a: b\\n\n",
        ] {
            assert!(!agrees(src), "{src:?} should go to serde_yaml");
        }
    }

    const PIECES: &[&str] = &[
        "a: 1", "b:", "- c", "- d: e", "- d:", "k: v w", "x: -1", "y: ~", "---", "", "z: 0x1", "q: a:b", "-", "w: true",
        "a: x", "e: 1.5e3", "n: null", "f: 012", "- 7", "g: -", "h: b: c", "i: http://x", "j:", "- - x", "l: .inf",
    ];

    /// Random lines of the shapes the subset knows, at indentations 0, 2, 4 (and a few odd
    /// ones): whenever the fast path answers, it answers what serde_yaml does. A fixed
    /// generator, so the run is the same every time; it must take the fast path often.
    #[test]
    fn fast_path_agrees_with_serde_yaml() {
        const INDENTS: [usize; 8] = [0, 0, 0, 2, 2, 4, 1, 3];
        let mut seed: u64 = 0x5eed;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        let mut fast = 0;
        for _ in 0..30_000 {
            let lines = 1 + next(10);
            let src: String = (0..lines).map(|_| format!("{}{}\n", " ".repeat(INDENTS[next(INDENTS.len())]), PIECES[next(PIECES.len())])).collect();
            if agrees(&src) {
                fast += 1;
            }
        }
        assert!(fast > 1_000, "only {fast} inputs took the fast path");
    }

    #[test]
    fn deep_nesting_goes_to_serde_yaml() {
        let mut src = String::new();
        for i in 0..100 {
            src.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert!(parse_documents(&src).is_none());
    }
}
