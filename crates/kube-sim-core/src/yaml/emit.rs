//! A YAML emitter that writes exactly what kubectl's `-o yaml` prints: sigs.k8s.io/yaml, i.e.
//! go-yaml v2 marshalling a JSON tree. It follows go-yaml v2's emitter (a port of libyaml):
//! block style, 2-space indentation, sequences in mappings not indented, keys in go-yaml's
//! order, scalar styles chosen by its analysis, and long lines folded past column 80.

use super::resolve::{key_cmp, resolves_to_str};
use super::round_trip::number_text;
use serde_json::Value;

const BEST_INDENT: i32 = 2;
const BEST_WIDTH: usize = 80;

/// Prints `v` as kubectl's `-o yaml` does (sigs.k8s.io/yaml → go-yaml v2).
pub fn to_yaml(v: &Value) -> String {
    let mut e = Emitter { out: String::new(), column: 0, whitespace: true, indention: true, indent: -1, indents: Vec::new() };
    e.node(v, Ctx::Root);
    // Document end (implicit), then stream end.
    // go-yaml v2 writes no `...` after an open-ended (`|+`) scalar here.
    e.write_indent();
    e.out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root,
    Sequence,
    /// A mapping value.
    Mapping,
    /// A simple (implicit) mapping key.
    SimpleKey,
    /// A complex (`? `) mapping key.
    ComplexKey,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Emitter {
    out: String,
    column: usize,
    whitespace: bool,
    indention: bool,
    indent: i32,
    indents: Vec<i32>,
}

/// What go-yaml's `yaml_emitter_analyze_scalar` finds out about a scalar.
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn is_printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}') || (('\u{E000}'..='\u{FFFD}').contains(&c) && c != '\u{FEFF}')
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: Option<char>) -> bool {
    matches!(c, Some(' ' | '\t'))
}

fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis { multiline: false, block_plain_allowed: true, single_quoted_allowed: true, block_allowed: false };
    }
    let chars: Vec<char> = value.chars().collect();
    let (mut block_indicators, mut line_breaks, mut special) = (false, false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) = (false, false, false, false);
    let (mut break_space, mut space_break, mut previous_space, mut previous_break) = (false, false, false, false);
    if value.starts_with("---") || value.starts_with("...") {
        block_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = i + 1 >= n || is_blank(chars.get(i + 1).copied());
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= i + 1 == n;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= i == 0;
            trailing_break |= i + 1 == n;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = matches!(c, ' ' | '\t' | '\0') || is_break(c);
    }
    let mut a = Analysis { multiline: line_breaks, block_plain_allowed: true, single_quoted_allowed: true, block_allowed: true };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, indicator: &str, need_whitespace: bool, is_whitespace: bool, is_indention: bool) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in indicator.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn node(&mut self, v: &Value, ctx: Ctx) {
        match v {
            Value::Null => self.scalar("null", Style::Plain, ctx),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, Style::Plain, ctx),
            Value::Number(n) => self.scalar(&number_text(n), Style::Plain, ctx),
            Value::String(s) => {
                let style = if s.contains('\n') {
                    Style::Literal
                } else if resolves_to_str(s) {
                    Style::Plain
                } else {
                    Style::Double
                };
                self.scalar(s, style, ctx);
            }
            Value::Array(items) if items.is_empty() => self.empty_flow("[", "]"),
            Value::Object(map) if map.is_empty() => self.empty_flow("{", "}"),
            Value::Array(items) => {
                let indentless = ctx == Ctx::Mapping && !self.indention;
                self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, Ctx::Sequence);
                }
                self.pop_indent();
            }
            Value::Object(map) => {
                let entries = sorted_entries(map);
                self.increase_indent(false, false);
                for (k, v) in entries {
                    self.write_indent();
                    if k.len() <= 128 && !k.chars().any(is_break) {
                        self.node(&Value::String(k.clone()), Ctx::SimpleKey);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.node(&Value::String(k.clone()), Ctx::ComplexKey);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(v, Ctx::Mapping);
                }
                self.pop_indent();
            }
        }
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.write_indicator(close, false, false, false);
    }

    fn scalar(&mut self, value: &str, requested: Style, ctx: Ctx) {
        let a = analyze(value);
        let simple_key = ctx == Ctx::SimpleKey;
        let mut style = requested;
        if simple_key && a.multiline {
            style = Style::Double;
        }
        if style == Style::Plain && (!a.block_plain_allowed || (value.is_empty() && simple_key)) {
            style = Style::Single;
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        if style == Style::Literal && (!a.block_allowed || simple_key) {
            style = Style::Double;
        }
        self.increase_indent(true, false);
        match style {
            Style::Plain => self.plain(value, !simple_key),
            Style::Single => self.single_quoted(value, !simple_key),
            Style::Double => self.double_quoted(value, !simple_key),
            Style::Literal => self.literal(value),
        }
        self.pop_indent();
    }

    fn plain(&mut self, value: &str, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = value.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && chars.get(i + 1) != Some(&' ') {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn single_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        let n = chars.len();
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i + 1 < n && chars.get(i + 1) != Some(&' ') {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn double_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let mut spaces = false;
        // go-yaml's `is_bom` looks at the start of the value, not at `i`: after a leading BOM,
        // every character is escaped.
        let leading_bom = chars.first() == Some(&'\u{FEFF}');
        for (i, &c) in chars.iter().enumerate() {
            if leading_bom || !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                match c {
                    '\0' => self.put('0'),
                    '\u{07}' => self.put('a'),
                    '\u{08}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{0B}' => self.put('v'),
                    '\u{0C}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1B}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{A0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    _ => {
                        let v = c as u32;
                        let (letter, width) = if v <= 0xFF {
                            ('x', 2)
                        } else if v <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(letter);
                        for ch in format!("{v:0width$X}").chars() {
                            self.put(ch);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i != 0 && i + 1 != n {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let chomp = match chars.len() {
            0 => Some("-"),
            n if !is_break(chars[n - 1]) => Some("-"),
            1 => Some("+"),
            n if is_break(chars[n - 2]) => Some("+"),
            _ => None,
        };
        if let Some(ch) = chomp {
            self.write_indicator(ch, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in &chars {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                    breaks = false;
                }
                self.put(c);
                self.indention = false;
            }
        }
    }
}

/// The entries of `map` in go-yaml v2's key order. That order is not total for some keys
/// (`9` < `10` < `1e3` < `9`), where go-yaml's result depends on Go's random map order; an
/// insertion sort over the byte-sorted keys gives one of its possible outputs, and never panics.
fn sorted_entries(map: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = Vec::with_capacity(map.len());
    for (k, v) in map {
        let mut at = entries.len();
        while at > 0 && key_cmp(k, entries[at - 1].0) == std::cmp::Ordering::Less {
            at -= 1;
        }
        entries.insert(at, (k, v));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn configmap_shape() {
        let v = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "creationTimestamp": null},
            "data": {"f1": "hello\nworld\n"}});
        assert_eq!(to_yaml(&v), "apiVersion: v1\ndata:\n  f1: |\n    hello\n    world\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: x\n");
    }

    #[test]
    fn sequences_in_maps_are_not_indented() {
        let v = json!({"spec": {"accessModes": ["ReadWriteOnce"], "list": [{"a": 1, "b": [1, [2, 3]]}], "e": {}, "f": []}});
        assert_eq!(
            to_yaml(&v),
            "spec:\n  accessModes:\n  - ReadWriteOnce\n  e: {}\n  f: []\n  list:\n  - a: 1\n    b:\n    - 1\n    - - 2\n      - 3\n"
        );
    }

    #[test]
    fn scalar_styles_match_go_yaml() {
        let cases = [
            ("2024-12-10T08:00:00Z", "\"2024-12-10T08:00:00Z\""),
            ("true", "\"true\""),
            ("123", "\"123\""),
            ("", "\"\""),
            ("a: b", "'a: b'"),
            ("it's", "it's"),
            ("'q'", "'''q'''"),
            ("#x", "'#x'"),
            ("a\tb", "\"a\\tb\""),
            ("héllo ☃ 😀", "\"héllo ☃ \\U0001F600\""),
            ("x\n\n", "|+\n  x\n"),
            ("\n", "|2+\n"),
            ("  lead\nx\n", "|2\n    lead\n  x"),
            ("a\u{2028}b", "'a\u{2028}  b'"),
            ("trail  \nx\n", "\"trail  \\nx\\n\""),
            ("a\r\nb", "\"a\\r\\nb\""),
            ("\u{feff}a\u{e9} ", "\"\\uFEFF\\x61\\xE9\\x20\""),
        ];
        for (input, want) in cases {
            let got = to_yaml(&json!({ "k": input }));
            let want = format!("k: {want}\n");
            assert_eq!(got, want, "for {input:?}");
        }
    }

    #[test]
    fn long_plain_strings_fold_at_80_columns() {
        let long = "word ".repeat(40);
        let got = to_yaml(&json!({"data": {"long": long}}));
        assert_eq!(
            got,
            "data:\n  long: 'word word word word word word word word word word word word word word word\n    word word word word word word word word word word word word word word word word\n    word word word word word word word word word '\n"
        );
    }

    #[test]
    fn keys_without_a_total_order_do_not_panic() {
        let v = json!({"9": 1, "10": 2, "1e3": 3, "a01": 4, "a1": 5, "1_000": 6, "1.5": 7, "01": 8});
        assert_eq!(to_yaml(&v).lines().count(), 8);
    }
}
