//! The SQL tokenizer: words, `backtick` identifiers, 'strings', numbers and symbols, each with
//! its byte offset so syntax errors can quote the text "near" them.

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An unquoted word: keyword or identifier.
    Word(String),
    /// A `backtick`-quoted identifier.
    Quoted(String),
    /// A 'string' or "string" literal.
    Str(String),
    /// A number literal, as written.
    Num(String),
    /// Punctuation or an operator: `( ) , ; . * = != <> < > <= >= + - @`.
    Sym(&'static str),
}

/// A token and where it starts in the statement text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
}

impl Token {
    /// Whether this is the unquoted keyword `kw` (case-insensitive).
    pub fn is_kw(&self, kw: &str) -> bool {
        matches!(&self.tok, Tok::Word(w) if w.eq_ignore_ascii_case(kw))
    }
}

const SYMS: [&str; 17] = ["<=>", "!=", "<>", "<=", ">=", "(", ")", ",", ";", ".", "*", "=", "<", ">", "+", "-", "@"];

/// Splits a statement into tokens; `Err(offset)` where an unterminated quote starts.
pub fn tokenize(src: &str) -> Result<Vec<Token>, usize> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'#' || (c == b'-' && b.get(i + 1) == Some(&b'-') && b.get(i + 2).map_or(true, |x| x.is_ascii_whitespace())) {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            match src.get(i + 2..).and_then(|r| r.find("*/")) {
                Some(p) => i = i + 2 + p + 2,
                None => return Err(i),
            }
            continue;
        }
        let start = i;
        if c == b'\'' || c == b'"' || c == b'`' {
            let (text, next) = quoted(src, i, c).ok_or(start)?;
            i = next;
            let tok = if c == b'`' { Tok::Quoted(text) } else { Tok::Str(text) };
            out.push(Token { tok, start, end: i });
            continue;
        }
        if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            // `1abc` is an identifier in MySQL.
            if i < b.len() && is_word_byte(b[i]) {
                while i < b.len() && is_word_byte(b[i]) {
                    i += 1;
                }
                out.push(Token { tok: Tok::Word(src[start..i].to_string()), start, end: i });
            } else {
                out.push(Token { tok: Tok::Num(src[start..i].to_string()), start, end: i });
            }
            continue;
        }
        if c == b'@' && b.get(i + 1) == Some(&b'@') && b.get(i + 2).is_some_and(|x| is_word_byte(*x)) {
            i += 2;
            while i < b.len() && (is_word_byte(b[i]) || b[i] == b'.') {
                i += 1;
            }
            out.push(Token { tok: Tok::Word(src[start..i].to_string()), start, end: i });
            continue;
        }
        if is_word_byte(c) {
            while i < b.len() && is_word_byte(b[i]) {
                i += 1;
            }
            out.push(Token { tok: Tok::Word(src[start..i].to_string()), start, end: i });
            continue;
        }
        if let Some(s) = SYMS.iter().find(|s| src[i..].starts_with(**s)) {
            i += s.len();
            out.push(Token { tok: Tok::Sym(s), start, end: i });
            continue;
        }
        // Any other character: a one-character symbol the parser will reject.
        let ch_len = src[i..].chars().next().map_or(1, char::len_utf8);
        i += ch_len;
        out.push(Token { tok: Tok::Sym("?"), start, end: i });
    }
    Ok(out)
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

/// Reads a quoted text starting at `i` (the quote); doubled quotes and, in strings, backslash
/// escapes. Returns the text and the offset after the closing quote.
fn quoted(src: &str, i: usize, q: u8) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = src[i + 1..].char_indices().peekable();
    while let Some((off, ch)) = chars.next() {
        let abs = i + 1 + off;
        if ch as u32 == u32::from(q) {
            if chars.peek().map(|(_, c)| *c as u32) == Some(u32::from(q)) {
                chars.next();
                out.push(ch);
                continue;
            }
            return Some((out, abs + 1));
        }
        if ch == '\\' && q != b'`' {
            let (_, e) = chars.next()?;
            out.push(match e {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                other => other,
            });
            continue;
        }
        out.push(ch);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        tokenize(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn words_strings_numbers_symbols() {
        assert_eq!(
            toks("insert test values( 1111 , 'it''s', `a b`) -- hi"),
            vec![
                Tok::Word("insert".into()),
                Tok::Word("test".into()),
                Tok::Word("values".into()),
                Tok::Sym("("),
                Tok::Num("1111".into()),
                Tok::Sym(","),
                Tok::Str("it's".into()),
                Tok::Sym(","),
                Tok::Quoted("a b".into()),
                Tok::Sym(")"),
            ]
        );
        assert_eq!(toks("a<=b<>c!=d"), vec![
            Tok::Word("a".into()), Tok::Sym("<="), Tok::Word("b".into()), Tok::Sym("<>"),
            Tok::Word("c".into()), Tok::Sym("!="), Tok::Word("d".into())
        ]);
    }

    #[test]
    fn unterminated_quote_reports_its_offset() {
        assert_eq!(tokenize("select 'abc"), Err(7));
        assert_eq!(tokenize("select /* x"), Err(7));
    }

    #[test]
    fn backslash_escapes_in_strings() {
        assert_eq!(toks(r"'a\nb\'c'"), vec![Tok::Str("a\nb'c".into())]);
    }
}
