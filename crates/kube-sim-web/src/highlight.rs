//! A small YAML highlighter for the editor's overlay: one line at a time, into classed spans.

/// The class of a piece of a YAML line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// Indentation, punctuation and anything else.
    Plain,
    /// A mapping key.
    Key,
    /// A quoted or plain string value.
    Str,
    /// A number, boolean or null.
    Lit,
    /// A comment.
    Comment,
    /// `---` / `...` and list dashes.
    Punct,
}

impl Tok {
    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Tok::Plain => "tok-plain",
            Tok::Key => "tok-key",
            Tok::Str => "tok-str",
            Tok::Lit => "tok-lit",
            Tok::Comment => "tok-comment",
            Tok::Punct => "tok-punct",
        }
    }
}

/// Splits one line into classed pieces; the pieces concatenate to the line.
pub fn line(text: &str) -> Vec<(Tok, &str)> {
    let mut out = Vec::new();
    let trimmed = text.trim_start();
    let indent = text.len() - trimmed.len();
    if indent > 0 {
        out.push((Tok::Plain, &text[..indent]));
    }
    if trimmed == "---" || trimmed == "..." {
        out.push((Tok::Punct, trimmed));
        return out;
    }
    let mut rest = trimmed;
    let mut at = indent;
    while let Some(after) = rest.strip_prefix("- ").or_else(|| (rest == "-").then_some("")) {
        let dash = rest.len() - after.len();
        out.push((Tok::Punct, &text[at..at + dash]));
        at += dash;
        rest = after;
    }
    if rest.starts_with('#') {
        out.push((Tok::Comment, rest));
        return out;
    }
    // A comment starts at " #" outside quotes.
    let (body, comment) = split_comment(rest);
    if let Some(colon) = key_end(body) {
        out.push((Tok::Key, &body[..colon]));
        out.push((Tok::Plain, ":"));
        value(&body[colon + 1..], &mut out);
    } else {
        value(body, &mut out);
    }
    if !comment.is_empty() {
        out.push((Tok::Comment, comment));
    }
    out
}

fn split_comment(s: &str) -> (&str, &str) {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && (prev == ' ' || prev == ':' || i == 0) => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => return (&s[..i], &s[i..]),
            None => {}
        }
        prev = c;
    }
    (s, "")
}

fn key_end(s: &str) -> Option<usize> {
    if s.starts_with(['"', '\'', '{', '[', '|', '>']) {
        return None;
    }
    let i = s.find(": ").or_else(|| s.ends_with(':').then(|| s.len() - 1))?;
    (!s[..i].is_empty()).then_some(i)
}

fn value<'a>(v: &'a str, out: &mut Vec<(Tok, &'a str)>) {
    let t = v.trim_start();
    let lead = v.len() - t.len();
    if lead > 0 {
        out.push((Tok::Plain, &v[..lead]));
    }
    if t.is_empty() {
        return;
    }
    let bare = t.trim_end();
    let lit = matches!(bare, "true" | "false" | "null" | "~" | "yes" | "no") || bare.parse::<f64>().is_ok();
    let tok = if lit {
        Tok::Lit
    } else if bare.starts_with(['|', '>', '{', '[']) {
        Tok::Punct
    } else {
        Tok::Str
    };
    out.push((tok, t));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(s: &str) -> String {
        line(s).iter().map(|(_, p)| *p).collect()
    }

    #[test]
    fn pieces_rebuild_the_line() {
        for s in ["", "  - name: web # c", "apiVersion: v1", "---", "- - x", "  \"quoted: no\"", "日本: 語", "a:b", "-", "key:"] {
            assert_eq!(joined(s), s);
        }
    }

    #[test]
    fn classes() {
        assert_eq!(line("  replicas: 3"), vec![(Tok::Plain, "  "), (Tok::Key, "replicas"), (Tok::Plain, ":"), (Tok::Plain, " "), (Tok::Lit, "3")]);
        assert_eq!(line("- name: x")[0], (Tok::Punct, "- "));
        assert_eq!(line("# hi"), vec![(Tok::Comment, "# hi")]);
        assert_eq!(line("a: b # c").last(), Some(&(Tok::Comment, "# c")));
    }
}
