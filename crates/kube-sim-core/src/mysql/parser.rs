//! The SQL subset's grammar: statements and expressions. A syntax error carries the byte offset
//! where parsing stopped, which the 1064 message quotes.

use super::lexer::{tokenize, Tok, Token};
use super::value::Value;

pub use super::ast::{AlterOp, BinOp, Expr, SelectItem, Stmt, TableRef};

/// Where parsing failed: a byte offset into the statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError(pub usize);

/// Parses one statement (without its terminator).
pub fn parse(src: &str) -> Result<Stmt, SyntaxError> {
    let toks = tokenize(src).map_err(SyntaxError)?;
    let mut p = Parser { src, toks, i: 0 };
    let st = p.statement()?;
    if p.i < p.toks.len() {
        return Err(p.err());
    }
    Ok(st)
}

const RESERVED: [&str; 24] = [
    "from", "where", "order", "limit", "group", "having", "and", "or", "not", "as", "by", "set", "values", "value",
    "select", "into", "like", "is", "asc", "desc", "in", "between", "offset", "distinct",
];

pub(super) struct Parser<'a> {
    pub(super) src: &'a str,
    pub(super) toks: Vec<Token>,
    pub(super) i: usize,
}

pub(super) type R<T> = Result<T, SyntaxError>;

impl Parser<'_> {
    pub(super) fn peek(&self) -> Option<&Token> {
        self.toks.get(self.i)
    }
    pub(super) fn err(&self) -> SyntaxError {
        SyntaxError(self.peek().map_or(self.src.len(), |t| t.start))
    }
    pub(super) fn at_kw(&self, kw: &str) -> bool {
        self.peek().is_some_and(|t| t.is_kw(kw))
    }
    pub(super) fn eat_kw(&mut self, kw: &str) -> bool {
        if self.at_kw(kw) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    pub(super) fn kw(&mut self, kw: &str) -> R<()> {
        if self.eat_kw(kw) { Ok(()) } else { Err(self.err()) }
    }
    pub(super) fn at_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Sym(x), .. }) if *x == s)
    }
    pub(super) fn eat_sym(&mut self, s: &str) -> bool {
        if self.at_sym(s) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    pub(super) fn sym(&mut self, s: &str) -> R<()> {
        if self.eat_sym(s) { Ok(()) } else { Err(self.err()) }
    }
    pub(super) fn ident(&mut self) -> R<String> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Quoted(s)) => {
                let s = s.clone();
                self.i += 1;
                Ok(s)
            }
            Some(Tok::Word(w)) if !RESERVED.iter().any(|r| w.eq_ignore_ascii_case(r)) => {
                let s = w.clone();
                self.i += 1;
                Ok(s)
            }
            _ => Err(self.err()),
        }
    }
    pub(super) fn table_ref(&mut self) -> R<TableRef> {
        let first = self.ident()?;
        if self.eat_sym(".") {
            let name = self.ident()?;
            return Ok(TableRef { db: Some(first), name });
        }
        Ok(TableRef { db: None, name: first })
    }
    pub(super) fn number(&mut self) -> R<u64> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Num(n)) => {
                let v = n.parse().map_err(|_| self.err())?;
                self.i += 1;
                Ok(v)
            }
            _ => Err(self.err()),
        }
    }

    fn statement(&mut self) -> R<Stmt> {
        let Some(first) = self.peek().cloned() else { return Err(self.err()) };
        self.i += 1;
        let w = match &first.tok {
            Tok::Word(w) => w.to_ascii_lowercase(),
            _ => {
                self.i -= 1;
                return Err(self.err());
            }
        };
        match w.as_str() {
            "use" => Ok(Stmt::Use(self.ident()?)),
            "show" => self.show(),
            "create" if self.eat_kw("user") => self.create_user(),
            "create" => self.create(),
            "drop" if self.eat_kw("user") => self.drop_user(),
            "drop" => self.drop(),
            "grant" => self.grant(false),
            "revoke" => self.grant(true),
            "alter" if self.eat_kw("table") => self.alter_table(),
            "alter" => {
                self.kw("user")?;
                self.alter_user()
            }
            "rename" => {
                self.kw("table")?;
                self.rename_table()
            }
            "set" if self.eat_kw("password") => self.set_password(),
            "insert" => self.insert(),
            "select" => self.select(),
            "update" => self.update(),
            "delete" => {
                self.kw("from")?;
                let table = self.table_ref()?;
                let filter = self.where_clause()?;
                Ok(Stmt::Delete { table, filter })
            }
            "describe" | "desc" | "explain" => Ok(Stmt::Describe(self.table_ref()?)),
            "set" | "flush" => {
                // Consume the rest: these change nothing the simulation models.
                if self.peek().is_none() {
                    return Err(self.err());
                }
                self.i = self.toks.len();
                Ok(Stmt::Noop)
            }
            "begin" | "commit" | "rollback" => {
                self.eat_kw("work");
                Ok(Stmt::Noop)
            }
            "start" => {
                self.kw("transaction")?;
                Ok(Stmt::Noop)
            }
            "truncate" => {
                self.eat_kw("table");
                Ok(Stmt::Truncate(self.table_ref()?))
            }
            _ => {
                self.i -= 1;
                Err(self.err())
            }
        }
    }

    fn show(&mut self) -> R<Stmt> {
        if self.eat_kw("grants") {
            if !self.eat_kw("for") {
                return Ok(Stmt::ShowGrants(None));
            }
            if self.eat_kw("current_user") {
                if self.eat_sym("(") {
                    self.sym(")")?;
                }
                return Ok(Stmt::ShowGrants(None));
            }
            return Ok(Stmt::ShowGrants(Some(self.account()?)));
        }
        if self.eat_kw("warnings") || self.eat_kw("errors") {
            return Ok(Stmt::ShowWarnings);
        }
        if self.eat_kw("databases") || self.eat_kw("schemas") {
            return Ok(Stmt::ShowDatabases);
        }
        if self.eat_kw("tables") {
            let db = if self.eat_kw("from") || self.eat_kw("in") { Some(self.ident()?) } else { None };
            return Ok(Stmt::ShowTables(db));
        }
        if self.eat_kw("create") {
            self.kw("table")?;
            return Ok(Stmt::ShowCreateTable(self.table_ref()?));
        }
        if (self.eat_kw("global") || self.eat_kw("session")) && !self.at_kw("variables") {
            return Err(self.err());
        }
        if self.eat_kw("variables") {
            if !self.eat_kw("like") {
                return Ok(Stmt::ShowVariables(None));
            }
            return match self.peek().map(|t| t.tok.clone()) {
                Some(Tok::Str(p)) => {
                    self.i += 1;
                    Ok(Stmt::ShowVariables(Some(p)))
                }
                _ => Err(self.err()),
            };
        }
        if self.eat_kw("columns") || self.eat_kw("fields") {
            if !self.eat_kw("from") {
                self.kw("in")?;
            }
            return Ok(Stmt::Describe(self.table_ref()?));
        }
        Err(self.err())
    }

    pub(super) fn if_exists(&mut self, not: bool) -> R<bool> {
        if !self.eat_kw("if") {
            return Ok(false);
        }
        if not {
            self.kw("not")?;
        }
        self.kw("exists")?;
        Ok(true)
    }

    fn drop(&mut self) -> R<Stmt> {
        if self.eat_kw("database") || self.eat_kw("schema") {
            let if_exists = self.if_exists(false)?;
            return Ok(Stmt::DropDatabase { name: self.ident()?, if_exists });
        }
        self.kw("table")?;
        let if_exists = self.if_exists(false)?;
        let mut tables = vec![self.table_ref()?];
        while self.eat_sym(",") {
            tables.push(self.table_ref()?);
        }
        Ok(Stmt::DropTable { tables, if_exists })
    }

    fn insert(&mut self) -> R<Stmt> {
        self.eat_kw("into");
        let table = self.table_ref()?;
        let columns = if self.at_sym("(") { Some(self.name_list_or_empty()?) } else { None };
        if !self.eat_kw("values") {
            self.kw("value")?;
        }
        let mut rows = Vec::new();
        loop {
            self.sym("(")?;
            let mut row = Vec::new();
            if !self.eat_sym(")") {
                loop {
                    row.push(self.expr()?);
                    if self.eat_sym(")") {
                        break;
                    }
                    self.sym(",")?;
                }
            }
            rows.push(row);
            if !self.eat_sym(",") {
                break;
            }
        }
        Ok(Stmt::Insert { table, columns, rows })
    }

    fn name_list_or_empty(&mut self) -> R<Vec<String>> {
        if self.toks.get(self.i + 1).is_some_and(|t| t.tok == Tok::Sym(")")) {
            self.i += 2;
            return Ok(Vec::new());
        }
        self.name_list()
    }

    fn select(&mut self) -> R<Stmt> {
        let distinct = self.eat_kw("distinct");
        if !distinct {
            self.eat_kw("all");
        }
        let mut items = Vec::new();
        loop {
            if self.eat_sym("*") {
                items.push(SelectItem::Star);
            } else {
                let start = self.peek().map_or(self.src.len(), |t| t.start);
                let e = self.expr()?;
                let end = self.toks.get(self.i.wrapping_sub(1)).map_or(start, |t| t.end);
                let mut header = match &e {
                    Expr::Lit(Value::Str(s)) | Expr::Col(s) => s.clone(),
                    _ => self.src.get(start..end).unwrap_or("").to_string(),
                };
                if self.eat_kw("as") {
                    header = self.alias()?;
                } else if matches!(self.peek().map(|t| &t.tok), Some(Tok::Word(_) | Tok::Quoted(_) | Tok::Str(_))) {
                    if let Ok(a) = self.alias() {
                        header = a;
                    }
                }
                items.push(SelectItem::Expr(e, header));
            }
            if !self.eat_sym(",") {
                break;
            }
        }
        let from = if self.eat_kw("from") {
            let t = self.table_ref()?;
            // A table alias: accepted; `alias.col` qualifiers are ignored.
            if self.eat_kw("as") || matches!(self.peek().map(|t| &t.tok), Some(Tok::Word(_) | Tok::Quoted(_))) {
                let _ = self.ident();
            }
            Some(t)
        } else {
            None
        };
        let filter = self.where_clause()?;
        let mut group = Vec::new();
        if self.eat_kw("group") {
            self.kw("by")?;
            loop {
                group.push(self.expr()?);
                if !self.eat_sym(",") {
                    break;
                }
            }
        }
        let having = if self.eat_kw("having") { Some(self.expr()?) } else { None };
        let mut order = Vec::new();
        if self.eat_kw("order") {
            self.kw("by")?;
            loop {
                let e = self.expr()?;
                let desc = if self.eat_kw("desc") {
                    true
                } else {
                    self.eat_kw("asc");
                    false
                };
                order.push((e, desc));
                if !self.eat_sym(",") {
                    break;
                }
            }
        }
        let mut limit = None;
        if self.eat_kw("limit") {
            let a = self.number()?;
            limit = Some(if self.eat_sym(",") {
                (a, self.number()?)
            } else if self.eat_kw("offset") {
                (self.number()?, a)
            } else {
                (0, a)
            });
        }
        Ok(Stmt::Select { distinct, items, from, filter, group, having, order, limit })
    }

    fn alias(&mut self) -> R<String> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Str(s)) => {
                let s = s.clone();
                self.i += 1;
                Ok(s)
            }
            _ => self.ident(),
        }
    }

    fn update(&mut self) -> R<Stmt> {
        let table = self.table_ref()?;
        self.kw("set")?;
        let mut sets = Vec::new();
        loop {
            let c = self.ident()?;
            self.sym("=")?;
            sets.push((c, self.expr()?));
            if !self.eat_sym(",") {
                break;
            }
        }
        let filter = self.where_clause()?;
        Ok(Stmt::Update { table, sets, filter })
    }

    fn where_clause(&mut self) -> R<Option<Expr>> {
        if self.eat_kw("where") { Ok(Some(self.expr()?)) } else { Ok(None) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_article_statements() {
        assert_eq!(parse("use mysql"), Ok(Stmt::Use("mysql".into())));
        let Ok(Stmt::CreateTable { table, columns, .. }) = parse("create table test(id int(4))") else { panic!() };
        assert_eq!(table.name, "test");
        assert_eq!(columns[0].display_type(false), "int(4)");
        let Ok(Stmt::Insert { columns, rows, .. }) = parse("insert test values( 1111 )") else { panic!() };
        assert_eq!(columns, None);
        assert_eq!(rows, vec![vec![Expr::Lit(Value::Int(1111))]]);
        assert!(matches!(parse("select * from test"), Ok(Stmt::Select { .. })));
    }

    #[test]
    fn select_headers_are_the_source_text() {
        let Ok(Stmt::Select { items, .. }) = parse("select 1+1, VERSION(), 'abc', id AS x, count(*) n") else { panic!() };
        let headers: Vec<_> = items
            .iter()
            .map(|i| match i {
                SelectItem::Expr(_, h) => h.clone(),
                SelectItem::Star => "*".into(),
            })
            .collect();
        assert_eq!(headers, vec!["1+1", "VERSION()", "abc", "x", "n"]);
    }

    #[test]
    fn syntax_errors_point_at_the_failing_token() {
        assert_eq!(parse("selec * from t"), Err(SyntaxError(0)));
        assert_eq!(parse("select * form t"), Err(SyntaxError(9)));
        assert_eq!(parse("select * from"), Err(SyntaxError(13)));
        assert_eq!(parse("create table t (id varchar)"), Err(SyntaxError(26)));
    }

    #[test]
    fn where_order_limit() {
        let Ok(Stmt::Select { filter, order, limit, .. }) =
            parse("select id from t where id >= 2 and not name like 'a%' or id is not null order by id desc limit 1, 2")
        else {
            panic!()
        };
        assert!(matches!(filter, Some(Expr::Bin(BinOp::Or, _, _))));
        assert_eq!(order.len(), 1);
        assert!(order[0].1);
        assert_eq!(limit, Some((1, 2)));
    }
}
