//! Words: quotes, escapes, `$VAR`, `${...}`, `$(...)`, backquotes and `$((...))`.

use super::ast::*;
use super::parse::{is_meta, parse, ParseError, Parser, MAX_NESTING};

impl Parser {
    /// One word at the cursor (the cursor is on a non-meta character).
    pub(super) fn word(&mut self) -> Result<Word, ParseError> {
        let mut parts: Word = Vec::new();
        let mut lit = String::new();
        let flush = |parts: &mut Word, lit: &mut String| {
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(lit)));
            }
        };
        if self.peek() == Some('~') && matches!(self.peek_at(1), None | Some('/')) || (self.peek() == Some('~') && self.peek_at(1).is_some_and(is_meta)) {
            self.i += 1;
            parts.push(Part::Tilde);
        }
        while let Some(c) = self.peek() {
            if is_meta(c) {
                break;
            }
            match c {
                '\\' => {
                    flush(&mut parts, &mut lit);
                    self.i += 1;
                    if let Some(n) = self.peek() {
                        self.i += 1;
                        if n != '\n' {
                            parts.push(Part::Quoted(n.to_string()));
                        }
                    }
                }
                '\'' => {
                    flush(&mut parts, &mut lit);
                    self.i += 1;
                    let mut q = String::new();
                    loop {
                        match self.peek() {
                            None => return Err(ParseError::Unterminated('\'')),
                            Some('\'') => break,
                            Some(x) => q.push(x),
                        }
                        self.i += 1;
                    }
                    self.i += 1;
                    parts.push(Part::Quoted(q));
                }
                '"' => {
                    flush(&mut parts, &mut lit);
                    self.i += 1;
                    parts.push(Part::Quoted(String::new()));
                    self.dquoted(&mut parts, Some('"'))?;
                }
                '$' | '`' => {
                    flush(&mut parts, &mut lit);
                    self.dollar(&mut parts, false)?;
                }
                _ => {
                    lit.push(c);
                    self.i += 1;
                }
            }
        }
        flush(&mut parts, &mut lit);
        Ok(parts)
    }

    /// The inside of double quotes (until `end`), or a heredoc body (`end` = None).
    pub(super) fn dquoted(&mut self, parts: &mut Word, end: Option<char>) -> Result<(), ParseError> {
        let mut q = String::new();
        loop {
            let Some(c) = self.peek() else {
                return match end {
                    Some(e) => Err(ParseError::Unterminated(e)),
                    None => {
                        if !q.is_empty() {
                            parts.push(Part::Quoted(q));
                        }
                        Ok(())
                    }
                };
            };
            if Some(c) == end {
                self.i += 1;
                break;
            }
            match c {
                '\\' => {
                    self.i += 1;
                    match self.peek() {
                        Some(n @ ('$' | '`' | '\\')) => {
                            q.push(n);
                            self.i += 1;
                        }
                        Some('"') if end.is_some() => {
                            q.push('"');
                            self.i += 1;
                        }
                        Some('\n') => self.i += 1,
                        _ => q.push('\\'),
                    }
                }
                '$' | '`' => {
                    if !q.is_empty() {
                        parts.push(Part::Quoted(std::mem::take(&mut q)));
                    }
                    self.dollar(parts, true)?;
                }
                _ => {
                    q.push(c);
                    self.i += 1;
                }
            }
        }
        if !q.is_empty() {
            parts.push(Part::Quoted(q));
        }
        Ok(())
    }

    /// `$...` or a backquote at the cursor.
    fn dollar(&mut self, parts: &mut Word, quoted: bool) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(ParseError::Unexpected("$".into()));
        }
        let r = self.dollar_inner(parts, quoted);
        self.depth -= 1;
        r
    }

    fn dollar_inner(&mut self, parts: &mut Word, quoted: bool) -> Result<(), ParseError> {
        if self.peek() == Some('`') {
            self.i += 1;
            let mut inner = String::new();
            loop {
                match self.peek() {
                    None => return Err(ParseError::Unterminated('`')),
                    Some('`') => break,
                    Some('\\') if matches!(self.peek_at(1), Some('`' | '\\' | '$')) => {
                        self.i += 1;
                        inner.push(self.peek().unwrap_or('\\'));
                    }
                    Some(x) => inner.push(x),
                }
                self.i += 1;
            }
            self.i += 1;
            let (list, _) = parse(&inner)?;
            parts.push(Part::Subst { list: Box::new(list), quoted });
            return Ok(());
        }
        self.i += 1;
        if self.peek() == Some('(') && self.peek_at(1) == Some('(') {
            let start = self.i + 2;
            let mut depth = 0usize;
            let mut j = start;
            let mut end = None;
            while let Some(&c) = self.s.get(j) {
                match c {
                    '(' => depth += 1,
                    ')' if depth > 0 => depth -= 1,
                    ')' if self.s.get(j + 1) == Some(&')') => {
                        end = Some(j);
                        break;
                    }
                    _ => {}
                }
                j += 1;
            }
            if let Some(end) = end {
                let text: String = self.s[start..end].iter().collect();
                self.i = end + 2;
                let mut sub = Parser { s: text.chars().collect(), i: 0, heredocs: Vec::new(), depth: self.depth };
                let mut inner = Vec::new();
                sub.dquoted(&mut inner, None)?;
                parts.push(Part::Arith(inner));
                return Ok(());
            }
        }
        match self.peek() {
            Some('(') => {
                self.i += 1;
                let list = self.list(Some(')'))?;
                if self.peek() != Some(')') {
                    return Err(ParseError::Unterminated(')'));
                }
                self.i += 1;
                parts.push(Part::Subst { list: Box::new(list), quoted });
            }
            Some('{') => {
                self.i += 1;
                let length = self.peek() == Some('#') && self.peek_at(1) != Some('}');
                if length {
                    self.i += 1;
                }
                let mut name = String::new();
                while let Some(c) = self.peek().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || (name.is_empty() && "?#$!@*".contains(*c))) {
                    name.push(c);
                    self.i += 1;
                    if !(c.is_ascii_alphanumeric() || c == '_') {
                        break;
                    }
                }
                let op = if length {
                    VarOp::Length
                } else if self.peek() == Some(':') && self.peek_at(1) == Some('-') || self.peek() == Some('-') {
                    let colon = self.peek() == Some(':');
                    self.i += if colon { 2 } else { 1 };
                    let mut word = Vec::new();
                    let mut lit = String::new();
                    loop {
                        match self.peek() {
                            None => return Err(ParseError::Unterminated('}')),
                            Some('}') => break,
                            Some('$') => {
                                if !lit.is_empty() {
                                    word.push(Part::Quoted(std::mem::take(&mut lit)));
                                }
                                self.dollar(&mut word, true)?;
                            }
                            Some(c) => {
                                lit.push(c);
                                self.i += 1;
                            }
                        }
                    }
                    if !lit.is_empty() {
                        word.push(Part::Quoted(lit));
                    }
                    VarOp::Default { word, colon }
                } else {
                    VarOp::Plain
                };
                match self.peek() {
                    Some('}') if !name.is_empty() => self.i += 1,
                    None => return Err(ParseError::Unterminated('}')),
                    _ => {
                        while self.peek().is_some_and(|c| c != '}') {
                            self.i += 1;
                        }
                        return Err(ParseError::Unexpected("${}".into()));
                    }
                }
                parts.push(Part::Var { name, op, quoted });
            }
            Some(c) if "?#$!@*0123456789-".contains(c) => {
                self.i += 1;
                parts.push(Part::Var { name: c.to_string(), op: VarOp::Plain, quoted });
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::new();
                while let Some(c) = self.peek().filter(|c| c.is_ascii_alphanumeric() || *c == '_') {
                    name.push(c);
                    self.i += 1;
                }
                parts.push(Part::Var { name, op: VarOp::Plain, quoted });
            }
            _ => parts.push(if quoted { Part::Quoted("$".into()) } else { Part::Lit("$".into()) }),
        }
        Ok(())
    }
}
