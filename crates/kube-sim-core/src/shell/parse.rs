//! The parser: one command line (and the heredocs it opens) into a [`List`].

use super::ast::*;

/// Why a line does not parse, with bash's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A quote or bracket never closed: ``unexpected EOF while looking for matching `X'``.
    Unterminated(char),
    /// `syntax error near unexpected token `X'`.
    Unexpected(String),
    /// `syntax error: unexpected end of file`.
    Eof,
}

impl ParseError {
    /// The message bash prints (without the `bash: ` prefix), ending with a newline.
    pub fn message(&self) -> String {
        match self {
            ParseError::Unterminated(c) => format!("unexpected EOF while looking for matching `{c}'\n"),
            ParseError::Unexpected(t) => format!("syntax error near unexpected token `{t}'\n"),
            ParseError::Eof => "syntax error: unexpected end of file\n".into(),
        }
    }
}

/// How deep `$( $( ... ) )` and groups may nest.
pub(super) const MAX_NESTING: usize = 64;

/// Parses `src` into a list and the heredocs its redirections open (bodies empty).
pub fn parse(src: &str) -> Result<(List, Vec<HereDoc>), ParseError> {
    let mut p = Parser { s: src.chars().collect(), i: 0, heredocs: Vec::new(), depth: 0 };
    let list = p.list(None)?;
    p.blanks();
    if p.peek().is_some() {
        let w = p.peek_word();
        if CLOSERS.contains(&w.as_str()) {
            return Err(ParseError::Unexpected(w));
        }
        return Err(p.unexpected_here());
    }
    Ok((list, p.heredocs))
}

pub(super) struct Parser {
    pub(super) s: Vec<char>,
    pub(super) i: usize,
    pub(super) heredocs: Vec<HereDoc>,
    pub(super) depth: usize,
}

pub(super) fn is_meta(c: char) -> bool {
    matches!(c, '|' | '&' | ';' | '<' | '>' | '(' | ')' | ' ' | '\t' | '\n' | '\r')
}

/// Words that end a list inside a compound command.
const CLOSERS: &[&str] = &["then", "elif", "else", "fi", "do", "done", "}"];

/// Reserved words that cannot name a function in `NAME ()`.
const RESERVED: &[&str] = &["if", "then", "elif", "else", "fi", "while", "until", "for", "do", "done", "in", "case", "esac", "function", "{", "}", "!"];

impl Parser {
    pub(super) fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    pub(super) fn peek_at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }

    fn blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\r')) {
            self.i += 1;
        }
        if self.peek() == Some('#') {
            while self.peek().is_some_and(|c| c != '\n') {
                self.i += 1;
            }
        }
    }

    /// The bare word at the cursor, if the next word is unquoted plain text.
    fn peek_word(&self) -> String {
        let mut j = self.i;
        let mut w = String::new();
        while let Some(c) = self.s.get(j) {
            if is_meta(*c) || matches!(c, '\'' | '"' | '\\' | '$' | '`') {
                break;
            }
            w.push(*c);
            j += 1;
        }
        w
    }

    fn eat_word(&mut self, w: &str) -> bool {
        self.blanks();
        if self.peek_word() == w {
            self.i += w.chars().count();
            true
        } else {
            false
        }
    }

    pub(super) fn list(&mut self, close: Option<char>) -> Result<List, ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(ParseError::Unexpected("(".into()));
        }
        let mut list = List::default();
        loop {
            self.blanks();
            match self.peek() {
                None => break,
                Some(c) if Some(c) == close => break,
                Some(';' | '\n') if list.items.is_empty() && self.peek() == Some('\n') => {
                    self.i += 1;
                    continue;
                }
                Some(';') => return Err(ParseError::Unexpected(if self.peek_at(1) == Some(';') { ";;".into() } else { ";".into() })),
                Some(')') => return Err(ParseError::Unexpected(")".into())),
                _ => {}
            }
            if CLOSERS.contains(&self.peek_word().as_str()) {
                break;
            }
            list.items.push(self.and_or()?);
            self.blanks();
            match self.peek() {
                Some(';') if self.peek_at(1) != Some(';') => self.i += 1,
                Some('&') if self.peek_at(1) != Some('&') => self.i += 1,
                Some('\n') => {
                    self.i += 1;
                    self.read_heredoc_bodies();
                }
                _ => break,
            }
        }
        self.depth -= 1;
        Ok(list)
    }

    /// After a newline: the bodies of the heredocs opened on the line before, read from the
    /// following lines of the source (multi-line scripts such as `sh -c` arguments).
    fn read_heredoc_bodies(&mut self) {
        for k in 0..self.heredocs.len() {
            if self.heredocs[k].done {
                continue;
            }
            let (delim, strip) = (self.heredocs[k].delim.clone(), self.heredocs[k].strip_tabs);
            let mut body = String::new();
            while self.i < self.s.len() {
                let end = self.s[self.i..].iter().position(|c| *c == '\n').map_or(self.s.len(), |p| self.i + p);
                let line: String = self.s[self.i..end].iter().collect();
                self.i = (end + 1).min(self.s.len());
                let text = if strip { line.trim_start_matches('\t') } else { line.as_str() };
                if text == delim {
                    break;
                }
                body.push_str(text);
                body.push('\n');
            }
            self.heredocs[k].body = body;
            self.heredocs[k].done = true;
        }
    }

    fn and_or(&mut self) -> Result<AndOr, ParseError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            self.blanks();
            let and = match (self.peek(), self.peek_at(1)) {
                (Some('&'), Some('&')) => true,
                (Some('|'), Some('|')) => false,
                _ => break,
            };
            self.i += 2;
            self.skip_newlines();
            rest.push((and, self.pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn skip_newlines(&mut self) {
        loop {
            self.blanks();
            if self.peek() == Some('\n') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        self.blanks();
        let bang = if self.peek() == Some('!') && matches!(self.peek_at(1), Some(' ' | '\t')) {
            self.i += 1;
            true
        } else {
            false
        };
        let mut cmds = vec![self.command()?];
        loop {
            self.blanks();
            if self.peek() == Some('|') && self.peek_at(1) != Some('|') {
                self.i += 1;
                self.skip_newlines();
                cmds.push(self.command()?);
            } else {
                break;
            }
        }
        Ok(Pipeline { bang, cmds })
    }

    fn unexpected_here(&self) -> ParseError {
        match self.peek() {
            None => ParseError::Eof,
            Some('\n') => ParseError::Unexpected("newline".into()),
            Some(c) => {
                let two: String = self.s.iter().skip(self.i).take(2).collect();
                if ["&&", "||", ";;", ">>", "<<"].contains(&two.as_str()) {
                    ParseError::Unexpected(two)
                } else {
                    ParseError::Unexpected(c.to_string())
                }
            }
        }
    }

    fn command(&mut self) -> Result<Command, ParseError> {
        self.blanks();
        if self.peek() == Some('(') {
            self.i += 1;
            let list = self.list(Some(')'))?;
            if self.peek() != Some(')') {
                return Err(ParseError::Eof);
            }
            self.i += 1;
            let redirs = self.trailing_redirs()?;
            return Ok(Command::Subshell(list, redirs));
        }
        match self.peek_word().as_str() {
            "{" => {
                self.i += 1;
                let list = self.list(None)?;
                if !self.eat_word("}") {
                    return Err(self.unexpected_here());
                }
                let redirs = self.trailing_redirs()?;
                Ok(Command::Group(list, redirs))
            }
            "if" => self.if_cmd(),
            "while" | "until" => {
                let until = self.peek_word() == "until";
                self.i += 5;
                let _ = until;
                let cond = self.list(None)?;
                let body = self.do_done()?;
                let redirs = self.trailing_redirs()?;
                Ok(Command::While(until, cond, body, redirs))
            }
            "for" => {
                self.i += 3;
                self.blanks();
                let name = self.peek_word();
                if name.is_empty() || !is_name(&name) {
                    return Err(self.unexpected_here());
                }
                self.i += name.chars().count();
                let mut words = Vec::new();
                if self.eat_word("in") {
                    loop {
                        self.blanks();
                        match self.peek() {
                            Some(';' | '\n') => {
                                self.i += 1;
                                break;
                            }
                            None => return Err(ParseError::Eof),
                            Some(c) if is_meta(c) => return Err(self.unexpected_here()),
                            _ => words.push(self.word()?),
                        }
                    }
                } else {
                    self.blanks();
                    if matches!(self.peek(), Some(';' | '\n')) {
                        self.i += 1;
                    }
                }
                let body = self.do_done()?;
                let redirs = self.trailing_redirs()?;
                Ok(Command::For(name, words, body, redirs))
            }
            w if CLOSERS.contains(&w) => Err(ParseError::Unexpected(w.to_string())),
            "function" if self.s.get(self.i + 8).map_or(true, |c| is_meta(*c)) => {
                self.i += 8;
                self.blanks();
                let name = self.peek_word();
                if self.peek().is_none() {
                    return Err(ParseError::Unexpected("newline".into()));
                }
                if name.is_empty() || self.peek().is_some_and(is_meta) {
                    return Err(self.unexpected_here());
                }
                self.i += name.chars().count();
                let save = self.i;
                if !self.parens() {
                    self.i = save;
                }
                self.function_body(name)
            }
            w if self.is_function_def(w) => {
                let name = w.to_string();
                self.i += name.chars().count();
                self.parens();
                self.function_body(name)
            }
            w if !w.is_empty() && self.s[self.i + w.chars().count()..].iter().find(|c| !matches!(c, ' ' | '\t')) == Some(&'(') => {
                // `f(x)`: bash names the token after the parenthesis.
                self.i += w.chars().count();
                self.blanks();
                self.i += 1;
                self.blanks();
                if self.peek().is_none() {
                    return Err(ParseError::Unexpected("newline".into()));
                }
                Err(self.unexpected_word())
            }
            _ => self.simple().map(Command::Simple),
        }
    }

    /// Whether the word `w` at the cursor is followed by `()`: a function definition.
    fn is_function_def(&self, w: &str) -> bool {
        if w.is_empty() || w.contains('=') || RESERVED.contains(&w) {
            return false;
        }
        let mut j = self.i + w.chars().count();
        let skip = |j: &mut usize| {
            while matches!(self.s.get(*j), Some(' ' | '\t')) {
                *j += 1;
            }
        };
        skip(&mut j);
        if self.s.get(j) != Some(&'(') {
            return false;
        }
        j += 1;
        skip(&mut j);
        self.s.get(j) == Some(&')')
    }

    /// Eats `( )` at the cursor; false when it is not there.
    fn parens(&mut self) -> bool {
        self.blanks();
        if self.peek() != Some('(') {
            return false;
        }
        self.i += 1;
        self.blanks();
        if self.peek() != Some(')') {
            return false;
        }
        self.i += 1;
        true
    }

    /// A function's body: a compound command, after optional newlines.
    fn function_body(&mut self, name: String) -> Result<Command, ParseError> {
        self.skip_newlines();
        if self.peek().is_none() {
            return Err(ParseError::Eof);
        }
        let w = self.peek_word();
        let compound = self.peek() == Some('(') || ["{", "if", "while", "until", "for"].contains(&w.as_str());
        if !compound {
            return Err(self.unexpected_word());
        }
        let body = self.command()?;
        Ok(Command::Function(name, std::sync::Arc::new(body)))
    }

    /// `syntax error near unexpected token` naming the whole word at the cursor.
    fn unexpected_word(&self) -> ParseError {
        let w = self.peek_word();
        if w.is_empty() {
            self.unexpected_here()
        } else {
            ParseError::Unexpected(w)
        }
    }

    fn if_cmd(&mut self) -> Result<Command, ParseError> {
        self.i += 2;
        let mut arms = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.list(None)?;
            if !self.eat_word("then") {
                return Err(self.unexpected_here());
            }
            let body = self.list(None)?;
            arms.push((cond, body));
            if self.eat_word("elif") {
                continue;
            }
            if self.eat_word("else") {
                otherwise = Some(self.list(None)?);
            }
            if !self.eat_word("fi") {
                return Err(self.unexpected_here());
            }
            break;
        }
        let redirs = self.trailing_redirs()?;
        Ok(Command::If(arms, otherwise, redirs))
    }

    fn do_done(&mut self) -> Result<List, ParseError> {
        if !self.eat_word("do") {
            return Err(self.unexpected_here());
        }
        let body = self.list(None)?;
        if !self.eat_word("done") {
            return Err(self.unexpected_here());
        }
        Ok(body)
    }

    fn trailing_redirs(&mut self) -> Result<Vec<Redir>, ParseError> {
        let mut redirs = Vec::new();
        loop {
            self.blanks();
            match self.redir()? {
                Some(r) => redirs.push(r),
                None => return Ok(redirs),
            }
        }
    }

    fn simple(&mut self) -> Result<Simple, ParseError> {
        let mut cmd = Simple::default();
        loop {
            self.blanks();
            let Some(c) = self.peek() else { break };
            if let Some(r) = self.redir()? {
                cmd.redirs.push(r);
                continue;
            }
            if is_meta(c) {
                break;
            }
            let start = self.i;
            let word = self.word()?;
            if cmd.words.is_empty() {
                if let Some(Part::Lit(first)) = word.first() {
                    if let Some((name, rest)) = first.split_once('=') {
                        if is_name(name) && self.s.get(start..start + name.len()).is_some() {
                            let mut value = word.clone();
                            value[0] = Part::Lit(rest.to_string());
                            if rest.is_empty() {
                                value.remove(0);
                            }
                            cmd.assigns.push((name.to_string(), value));
                            continue;
                        }
                    }
                }
            }
            cmd.words.push(word);
        }
        if cmd.words.is_empty() && cmd.assigns.is_empty() && cmd.redirs.is_empty() {
            return Err(self.unexpected_here());
        }
        Ok(cmd)
    }

    /// A redirection at the cursor, if there is one.
    fn redir(&mut self) -> Result<Option<Redir>, ParseError> {
        let save = self.i;
        let mut fd: Option<u8> = None;
        let mut digits = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_digit) {
            digits.push(c);
            self.i += 1;
        }
        if !digits.is_empty() {
            if matches!(self.peek(), Some('<' | '>')) {
                fd = digits.parse().ok().or(Some(255));
            } else {
                self.i = save;
                return Ok(None);
            }
        }
        let (op, default_fd) = match (self.peek(), self.peek_at(1), self.peek_at(2)) {
            (Some('&'), Some('>'), _) if fd.is_none() => {
                self.i += 2;
                if self.peek() == Some('>') {
                    self.i += 1;
                }
                (RedirOp::OutErr, 1)
            }
            (Some('>'), Some('>'), _) => {
                self.i += 2;
                (RedirOp::Append, 1)
            }
            (Some('>'), Some('&'), _) => {
                self.i += 2;
                (RedirOp::Dup, 1)
            }
            (Some('>'), Some('|'), _) => {
                self.i += 2;
                (RedirOp::Out, 1)
            }
            (Some('>'), _, _) => {
                self.i += 1;
                (RedirOp::Out, 1)
            }
            (Some('<'), Some('<'), third) => {
                self.i += 2;
                let strip = third == Some('-');
                if strip {
                    self.i += 1;
                }
                self.blanks();
                if self.peek().is_none() {
                    return Err(ParseError::Unexpected("newline".into()));
                }
                if none_or_meta(self.peek()) {
                    return Err(self.unexpected_here());
                }
                let word = self.word()?;
                let quoted = word.iter().any(|p| !matches!(p, Part::Lit(_)));
                let delim = literal_text(&word);
                self.heredocs.push(HereDoc { delim, strip_tabs: strip, quoted, body: String::new(), done: false });
                return Ok(Some(Redir { fd: fd.unwrap_or(0), op: RedirOp::HereDoc(self.heredocs.len() - 1), target: Vec::new() }));
            }
            (Some('<'), Some('&'), _) => {
                self.i += 2;
                (RedirOp::Dup, 0)
            }
            (Some('<'), _, _) => {
                self.i += 1;
                (RedirOp::In, 0)
            }
            _ => {
                self.i = save;
                return Ok(None);
            }
        };
        self.blanks();
        if self.peek().is_none() {
            return Err(ParseError::Unexpected("newline".into()));
        }
        if none_or_meta(self.peek()) {
            return Err(self.unexpected_here());
        }
        let target = self.word()?;
        Ok(Some(Redir { fd: fd.unwrap_or(default_fd), op, target }))
    }

}

fn none_or_meta(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => is_meta(c),
    }
}

/// Whether `s` is a valid variable name.
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The text of a word with quotes removed and no expansion (heredoc delimiters).
pub fn literal_text(word: &Word) -> String {
    let mut s = String::new();
    for p in word {
        match p {
            Part::Lit(t) | Part::Quoted(t) => s.push_str(t),
            Part::Tilde => s.push('~'),
            Part::Var { name, .. } => {
                s.push('$');
                s.push_str(name);
            }
            Part::Subst { .. } | Part::Arith(_) => {}
        }
    }
    s
}

/// Parses a heredoc body for expansion (`$VAR`, `$(...)`, `\$`); quotes are literal.
pub fn parse_heredoc_body(body: &str) -> Result<Word, ParseError> {
    let mut p = Parser { s: body.chars().collect(), i: 0, heredocs: Vec::new(), depth: 0 };
    let mut parts = Vec::new();
    p.dquoted(&mut parts, None)?;
    Ok(parts)
}
