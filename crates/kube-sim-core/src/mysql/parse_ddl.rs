//! `CREATE DATABASE` and `CREATE TABLE`: column definitions, keys and table options.

use super::lexer::{Tok, Token};
use super::parser::{Parser, Stmt, SyntaxError, R};
use super::value::{ColType, Column};

impl Parser<'_> {
    pub(super) fn create(&mut self) -> R<Stmt> {
        if self.eat_kw("database") || self.eat_kw("schema") {
            let if_not_exists = self.if_exists(true)?;
            let name = self.ident()?;
            self.table_options()?;
            return Ok(Stmt::CreateDatabase { name, if_not_exists });
        }
        self.kw("table")?;
        let if_not_exists = self.if_exists(true)?;
        let table = self.table_ref()?;
        self.sym("(")?;
        let mut columns: Vec<Column> = Vec::new();
        let mut pk: Vec<String> = Vec::new();
        loop {
            if self.eat_kw("primary") {
                self.kw("key")?;
                pk.extend(self.name_list()?);
            } else if self.at_kw("key") || self.at_kw("index") || self.at_kw("unique") {
                self.i += 1;
                self.eat_kw("key");
                self.eat_kw("index");
                if !self.at_sym("(") {
                    self.ident()?;
                }
                self.name_list()?;
            } else {
                columns.push(self.column_def()?);
            }
            if self.eat_sym(")") {
                break;
            }
            self.sym(",")?;
        }
        for name in pk {
            if let Some(c) = columns.iter_mut().find(|c| c.name.eq_ignore_ascii_case(&name)) {
                c.primary = true;
                c.nullable = false;
            }
        }
        let engine = self.table_options()?;
        Ok(Stmt::CreateTable { table, if_not_exists, columns, engine })
    }

    pub(super) fn name_list(&mut self) -> R<Vec<String>> {
        self.sym("(")?;
        let mut out = vec![self.ident()?];
        while self.eat_sym(",") {
            out.push(self.ident()?);
        }
        self.sym(")")?;
        Ok(out)
    }

    /// `ENGINE=x DEFAULT CHARSET=y ...`; returns the engine.
    fn table_options(&mut self) -> R<Option<String>> {
        let mut engine = None;
        loop {
            self.eat_kw("default");
            let Some(Token { tok: Tok::Word(w), .. }) = self.peek().cloned() else { break };
            let w = w.to_ascii_lowercase();
            if !["engine", "charset", "character", "collate", "auto_increment", "comment"].contains(&w.as_str()) {
                break;
            }
            self.i += 1;
            if w == "character" {
                self.kw("set")?;
            }
            self.eat_sym("=");
            let v = match self.peek().map(|t| t.tok.clone()) {
                Some(Tok::Word(v) | Tok::Quoted(v) | Tok::Str(v) | Tok::Num(v)) => v,
                _ => return Err(self.err()),
            };
            self.i += 1;
            if w == "engine" {
                engine = Some(v);
            }
        }
        Ok(engine)
    }

    pub(super) fn column_def(&mut self) -> R<Column> {
        let name = self.ident()?;
        let ty = match self.peek().map(|t| &t.tok) {
            Some(Tok::Word(w)) => ColType::from_keyword(w).ok_or_else(|| self.err())?,
            _ => return Err(self.err()),
        };
        self.i += 1;
        let mut len = None;
        if self.eat_sym("(") {
            len = Some(u32::try_from(self.number()?).map_err(|_| self.err())?);
            self.sym(")")?;
        }
        if matches!(ty, ColType::Varchar) && len.is_none() {
            return Err(self.err());
        }
        let mut c = Column { name, ty, len, nullable: true, primary: false, auto_increment: false, default: None };
        self.eat_kw("unsigned");
        loop {
            if self.eat_kw("not") {
                self.kw("null")?;
                c.nullable = false;
            } else if self.eat_kw("null") {
                c.nullable = true;
            } else if self.eat_kw("default") {
                let t = self.peek().cloned().ok_or_else(|| self.err())?;
                self.i += 1;
                c.default = match t.tok {
                    Tok::Str(s) | Tok::Num(s) => Some(s),
                    Tok::Word(w) if w.eq_ignore_ascii_case("null") => None,
                    _ => return Err(SyntaxError(t.start)),
                };
            } else if self.eat_kw("auto_increment") {
                c.auto_increment = true;
            } else if self.eat_kw("primary") {
                self.kw("key")?;
                c.primary = true;
                c.nullable = false;
            } else if self.eat_kw("comment") {
                match self.peek().map(|t| &t.tok) {
                    Some(Tok::Str(_)) => self.i += 1,
                    _ => return Err(self.err()),
                }
            } else {
                break;
            }
        }
        Ok(c)
    }
}
