//! A fast path for the plainest manifests: block mappings and sequences of one-line scalars
//! (plain, or single- or double-quoted), with full-line and trailing comments, but no flow
//! collections, anchors, tags, block or multi-line scalars, tabs or quoted keys. Such a text is
//! read straight into JSON values, which is several times cheaper than serde_yaml's event
//! stream (libyaml allocates a few buffers per scalar). Anything outside that subset, and every
//! error, returns `None`: the caller then parses the whole text with serde_yaml, so results and
//! error texts stay serde_yaml's. Plain scalars that are not plainly strings (numbers, `null`,
//! `true`, `~`, ...) are resolved by serde_yaml itself, one scalar at a time; quoted scalars are
//! always strings.

use serde_json::{Map, Value};

/// Deeper nesting than this goes to serde_yaml (which has its own recursion limit).
const MAX_DEPTH: usize = 64;

/// One line holding a node: its indentation and its text without the indentation (trailing
/// spaces trimmed). Blank and comment-only lines are not kept.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// Whether libyaml reads `c` as an ordinary printable character (not a line break, a tab, a
/// control character or a byte order mark); the subset takes no other.
fn printable(c: char) -> bool {
    matches!(c, ' '..='~') || (c >= '\u{a0}' && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'))
}

/// The documents of `src` (empty ones dropped), or `None` when `src` is outside the subset.
pub fn parse_documents(src: &str) -> Option<Vec<Value>> {
    // Printable characters and newlines only (no tab, carriage return, other line breaks or BOM).
    let ascii = src.bytes().all(|b| b == b'\n' || (0x20..0x7f).contains(&b));
    if !ascii && !src.chars().all(|c| c == '\n' || printable(c)) {
        return None;
    }
    let mut docs = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    for raw in lines_of(src).chain(std::iter::once("---")) {
        let text = raw.trim_end_matches(' ');
        if text == "---" {
            if !lines.is_empty() {
                docs.push(document(&mut lines)?);
                lines.clear();
            }
            continue;
        }
        if text.starts_with("---") || text.starts_with("...") || text.starts_with('%') {
            return None;
        }
        let body = text.trim_start_matches(' ');
        // Blank lines and full-line comments hold no node (at any indentation).
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        lines.push(Line { indent: text.len() - body.len(), text: body });
    }
    Some(docs)
}

/// The lines of `src` split at `\n`, as `str::split` does, with a byte loop (cheaper than a
/// pattern search for short lines).
fn lines_of(src: &str) -> impl Iterator<Item = &str> {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let rest = src.get(from..)?;
        match rest.bytes().position(|b| b == b'\n') {
            Some(i) => {
                start = Some(from + i + 1);
                rest.get(..i)
            }
            None => {
                start = None;
                Some(rest)
            }
        }
    })
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
        let (key, rest) = split_colon(line.text)?;
        if !is_plain_key(key) {
            return None;
        }
        // `key:` and `key: # comment` open a nested node (or hold null); `key: value` a scalar.
        let value = match rest.strip_prefix(' ').map(|v| v.trim_start_matches(' ')) {
            _ if rest.is_empty() => None,
            Some(v) if v.starts_with('#') => None,
            Some(v) => Some(v),
            None => return None,
        };
        *at += 1;
        let value = match value {
            None => match lines.get(*at).copied() {
                Some(next) if next.indent > indent => node(lines, at, next.indent, depth + 1)?,
                Some(next) if next.indent == indent && is_item(next.text) => sequence(lines, at, indent, depth + 1)?,
                _ => Value::Null,
            },
            Some(v) => {
                let v = scalar(v)?;
                // A deeper line after `key: value` would continue a multi-line scalar.
                if lines.get(*at).is_some_and(|next| next.indent > indent) {
                    return None;
                }
                v
            }
        };
        // A repeated key goes to serde_yaml (one search: the insert tells).
        if map.insert(key.to_string(), value).is_some() {
            return None;
        }
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
        // `- x`: exactly one space, then something that is neither empty, a comment nor
        // another item.
        let rest = line.text.strip_prefix("- ")?;
        if rest.is_empty() || rest.starts_with([' ', '#']) || is_item(rest) {
            return None;
        }
        let is_entry = split_colon(rest).is_some_and(|(k, r)| is_plain_key(k) && (r.is_empty() || r.starts_with(' ')));
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

/// `text` split at its first `:` (a byte loop: cheaper than a pattern search on short lines).
fn split_colon(text: &str) -> Option<(&str, &str)> {
    let i = text.bytes().position(|b| b == b':')?;
    Some((text.get(..i)?, text.get(i + 1..)?))
}

/// The index of the first `a` followed by `b` in `s`.
fn find_pair(s: &str, a: u8, b: u8) -> Option<usize> {
    s.as_bytes().windows(2).position(|w| matches!(w, [x, y] if *x == a && *y == b))
}

/// A key the subset takes as a plain string: a letter, then letters, digits, `.`, `_`, `/`,
/// `-`; never one of the words YAML reads as something else, nor longer than libyaml's limit
/// for an implicit key (1,024 characters; it fails on longer ones).
fn is_plain_key(key: &str) -> bool {
    key.len() <= 1000
        && key.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b))
        && plainly_string(key)
}

/// Whether serde_yaml reads the plain scalar `s` (starting with a letter) as the string `s`:
/// not null or a boolean, and not a word Rust parses as a float (`inf`, `infinity`, `nan` in
/// any case: the only ones starting with a letter), which serde_yaml may.
fn plainly_string(s: &str) -> bool {
    !matches!(s, "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
        && !["inf", "infinity", "nan"].iter().any(|w| s.eq_ignore_ascii_case(w))
}

/// A one-line scalar value (plain or quoted, with an optional trailing comment) that does not
/// start with a comment, or `None` for what the subset leaves to serde_yaml.
fn scalar(s: &str) -> Option<Value> {
    let (value, after) = match s.as_bytes().first()? {
        b'\'' => single_quoted(s)?,
        b'"' => double_quoted(s)?,
        _ => return plain(s),
    };
    // After the closing quote: nothing, or spaces and a comment.
    let rest = after.trim_start_matches(' ');
    if rest.is_empty() || (rest.len() < after.len() && rest.starts_with('#')) {
        Some(Value::String(value))
    } else {
        None
    }
}

/// `'...'` at the start of `s`: its value (`''` is one quote) and what follows it.
fn single_quoted(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut rest = s.strip_prefix('\'')?;
    loop {
        let end = rest.find('\'')?;
        out.push_str(rest.get(..end)?);
        rest = rest.get(end + 1..)?;
        match rest.strip_prefix('\'') {
            Some(r) => {
                out.push('\'');
                rest = r;
            }
            None => return Some((out, rest)),
        }
    }
}

/// `"..."` at the start of `s`: its value (with libyaml's escapes) and what follows it.
fn double_quoted(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut rest = s.strip_prefix('"')?;
    loop {
        let end = rest.find(['"', '\\'])?;
        out.push_str(rest.get(..end)?);
        let quote_or_backslash = rest.as_bytes().get(end).copied()?;
        rest = rest.get(end + 1..)?;
        if quote_or_backslash == b'"' {
            return Some((out, rest));
        }
        let escape = rest.chars().next()?;
        rest = rest.get(escape.len_utf8()..)?;
        let code_length = match escape {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => {
                out.push(match escape {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'v' => '\u{b}',
                    'f' => '\u{c}',
                    'r' => '\r',
                    'e' => '\u{1b}',
                    ' ' | '"' | '/' | '\\' => escape,
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    _ => return None,
                });
                continue;
            }
        };
        let hex = rest.get(..code_length)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
        rest = rest.get(code_length..)?;
    }
}

/// A plain scalar on one line, up to a ` #` comment, or `None` for what the subset leaves to
/// serde_yaml.
fn plain(s: &str) -> Option<Value> {
    let s = match find_pair(s, b' ', b'#') {
        Some(i) => s.get(..i)?.trim_end_matches(' '),
        None => s,
    };
    let first = *s.as_bytes().first()?;
    if b"?:,[]{}#&*!|>'\"%@`".contains(&first) || s.starts_with("- ") || s == "-" || s.starts_with("--") {
        return None;
    }
    if find_pair(s, b':', b' ').is_some() || s.ends_with(':') {
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
    fn comments_and_one_line_quoted_scalars_take_the_fast_path() {
        for src in [
            "# c\na: b\n", "a: b # c\n", "a: b#c\n", "a: 1 # c\n", "a: # c\n  b: 1\n", "a:\n# c\n  b: 1\n    # d\n", "#\n---\n# only\n",
            "a: 'x'\n", "a: \"x\"\n", "a: 'it''s' # c\n", "a: \"x # y\"\n", "a: ''\nb: \"\"\n", "a: '1'\nb: \"true\"\nc: 'null'\n",
            "a: \"\\\"q\\\" \\\\ \\/ \\n\\t\\x41\\u00e9\\U0001F600\\_\\N\\L\\P\\0\\e\\ \"\n", "a: it's \"x\"\n", "a: b\\n\n",
            "l:\n- 'x'\n- \"y\" # c\n- z # d\n", "a: café\nb: 'ü'\n# é\n", "a: x{y}[z]\n", "a: 'x: y'\n", "a:\n- x # c\n",
        ] {
            assert!(agrees(src), "{src:?} should take the fast path");
        }
    }

    #[test]
    fn everything_else_is_left_to_serde_yaml() {
        for src in [
            "a: [1]\n", "a: {b: c}\n", "a: &x 1\nb: *x\n", "a: 'x\n  y'\n", "a: \"x\\\n  y\"\n", "a: 'x' y\n", "a: 'x'#c\n", "'a': b\n",
            "a: |\n  x\n", "a: >\n  x\n", "a: !!str 1\n", "a: b\n  c\n", "a: b: c\n", "a: b:\n", "a:b\n", "- a\n", "a: \"\\q\"\n",
            "x\n", "a: 1\na: 2\n", "a:\n\tb: 1\n", "a: 1\n b: 2\n", " a: 1\n", "a:\n  - x\n  y: 1\n", "a: \"\\ud800\"\n",
            "--- a: 1\n", "a: 1\n...\n", "a: - b\n", "a: ? b\n", "a: , b\n", "\u{feff}a: 1\n", "a: 1\r\n", "a: x\u{2028}y\n",
            "a:\n- - x\n", "a:\n-\n  b: 1\n", "a:\n-   b\n", "null: 1\n", "1: a\n", "a:\n  - b\n - c\n", "a:\n- # c\n  b\n",
            "a: 'x'\n  b\n", "a:#c\n", "- x # not a mapping\n", "%YAML 1.1\n---\na: 1\n", "a: @x\n", "a: `x\n", "a: x\u{85}y\n",
        ] {
            assert!(!agrees(src), "{src:?} should go to serde_yaml");
        }
    }

    const PIECES: &[&str] = &[
        "a: 1", "b:", "- c", "- d: e", "- d:", "k: v w", "x: -1", "y: ~", "---", "", "z: 0x1", "q: a:b", "-", "w: true",
        "a: x", "e: 1.5e3", "n: null", "f: 012", "- 7", "g: -", "h: b: c", "i: http://x", "j:", "- - x", "l: .inf",
        "# c", "#", "a: b # c", "b: # c", "c: 1 #c", "d: x#y", "- x # c", "- # c", "e: 'x'", "f: 'it''s'", "g: 'a # b'",
        "h: \"x\"", "i: \"a\\tb\"", "j: \"\\u00e9\\x\"", "k: 'x' # c", "l: \"y\"#c", "- 'q'", "- \"r: s\"", "m: ''",
        "n: \"'\"", "o: 'x", "p: \"\\\"\"", "r: a'b\"c", "s: 'é' # ü", "t: \"\\/\\ \"", "u: #", "- \"x\" y",
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
        let (mut fast, mut fast_new_forms) = (0, 0);
        for _ in 0..40_000 {
            let lines = 1 + next(10);
            let src: String = (0..lines).map(|_| format!("{}{}\n", " ".repeat(INDENTS[next(INDENTS.len())]), PIECES[next(PIECES.len())])).collect();
            if agrees(&src) {
                fast += 1;
                if src.contains(['#', '\'', '"']) {
                    fast_new_forms += 1;
                }
            }
        }
        assert!(fast > 1_000, "only {fast} inputs took the fast path");
        assert!(fast_new_forms > 500, "only {fast_new_forms} inputs with comments or quotes took the fast path");
    }

    #[test]
    fn keys_longer_than_libyamls_limit_go_to_serde_yaml() {
        let long = format!("a{}: 1\n", "b".repeat(1100));
        assert!(parse_documents(&long).is_none());
        assert!(slow(&long).is_err());
        assert!(agrees(&format!("a{}: 1\n", "b".repeat(900))));
    }

    #[test]
    fn words_read_as_floats_are_the_ones_rust_parses() {
        for w in ["inf", "Inf", "INFINITY", "infinity", "nan", "NaN", "infinit", "infinityx", "e5", "E", "info", "a1", "nana"] {
            assert_eq!(plainly_string(w), w.parse::<f64>().is_err(), "{w}");
        }
        assert_eq!(lines_of("a\n\nb\n").collect::<Vec<_>>(), "a\n\nb\n".split('\n').collect::<Vec<_>>());
        assert_eq!(lines_of("").collect::<Vec<_>>(), vec![""]);
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
