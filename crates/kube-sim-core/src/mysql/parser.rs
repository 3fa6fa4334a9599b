//! The SQL subset's grammar: statements and expressions. A syntax error carries the byte offset
//! where parsing stopped, which the 1064 message quotes.

use super::lexer::{tokenize, Tok, Token};
use super::value::{ColType, Column, Value};

/// `[db.]table`.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRef {
    /// Explicit database.
    pub db: Option<String>,
    /// Table name.
    pub name: String,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BinOp {
    /// `=`
    Eq,
    /// `!=` / `<>`
    Ne,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
    /// `AND`
    And,
    /// `OR`
    Or,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A literal.
    Lit(Value),
    /// A column reference.
    Col(String),
    /// A binary operation.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `NOT e`.
    Not(Box<Expr>),
    /// `-e`.
    Neg(Box<Expr>),
    /// `e IS [NOT] NULL` (`true` = NOT).
    IsNull(Box<Expr>, bool),
    /// `e [NOT] LIKE pattern` (`true` = NOT).
    Like(Box<Expr>, Box<Expr>, bool),
    /// A function call; `COUNT(*)` has `star`.
    Func { name: String, args: Vec<Expr>, star: bool },
}

/// One item of a select list.
#[derive(Clone, Debug, PartialEq)]
pub enum SelectItem {
    /// `*`.
    Star,
    /// An expression and the column header the client shows.
    Expr(Expr, String),
}

/// A parsed statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// `USE db`.
    Use(String),
    /// `SHOW DATABASES`.
    ShowDatabases,
    /// `SHOW TABLES [FROM db]`.
    ShowTables(Option<String>),
    /// `SHOW CREATE TABLE t`.
    ShowCreateTable(TableRef),
    /// `DESCRIBE t`, `SHOW COLUMNS FROM t`.
    Describe(TableRef),
    /// `CREATE DATABASE [IF NOT EXISTS] db`.
    CreateDatabase { name: String, if_not_exists: bool },
    /// `DROP DATABASE [IF EXISTS] db`.
    DropDatabase { name: String, if_exists: bool },
    /// `CREATE TABLE`.
    CreateTable { table: TableRef, if_not_exists: bool, columns: Vec<Column>, engine: Option<String> },
    /// `DROP TABLE`.
    DropTable { tables: Vec<TableRef>, if_exists: bool },
    /// `TRUNCATE TABLE t`.
    Truncate(TableRef),
    /// `INSERT`.
    Insert { table: TableRef, columns: Option<Vec<String>>, rows: Vec<Vec<Expr>> },
    /// `SELECT`.
    Select {
        items: Vec<SelectItem>,
        from: Option<TableRef>,
        filter: Option<Expr>,
        order: Vec<(Expr, bool)>,
        limit: Option<(u64, u64)>,
    },
    /// `UPDATE`.
    Update { table: TableRef, sets: Vec<(String, Expr)>, filter: Option<Expr> },
    /// `DELETE`.
    Delete { table: TableRef, filter: Option<Expr> },
    /// `SHOW VARIABLES [LIKE 'pattern']`.
    ShowVariables(Option<String>),
    /// Accepted and without effect here: `SET ...`, `BEGIN`, `COMMIT`, `ROLLBACK`,
    /// `START TRANSACTION`, `FLUSH PRIVILEGES`.
    Noop,
}

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

const RESERVED: [&str; 20] = [
    "from", "where", "order", "limit", "group", "having", "and", "or", "not", "as", "by", "set", "values", "value",
    "select", "into", "like", "is", "asc", "desc",
];

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    i: usize,
}

type R<T> = Result<T, SyntaxError>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.i)
    }
    fn err(&self) -> SyntaxError {
        SyntaxError(self.peek().map_or(self.src.len(), |t| t.start))
    }
    fn at_kw(&self, kw: &str) -> bool {
        self.peek().is_some_and(|t| t.is_kw(kw))
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.at_kw(kw) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn kw(&mut self, kw: &str) -> R<()> {
        if self.eat_kw(kw) { Ok(()) } else { Err(self.err()) }
    }
    fn at_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Sym(x), .. }) if *x == s)
    }
    fn eat_sym(&mut self, s: &str) -> bool {
        if self.at_sym(s) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn sym(&mut self, s: &str) -> R<()> {
        if self.eat_sym(s) { Ok(()) } else { Err(self.err()) }
    }
    fn ident(&mut self) -> R<String> {
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
    fn table_ref(&mut self) -> R<TableRef> {
        let first = self.ident()?;
        if self.eat_sym(".") {
            let name = self.ident()?;
            return Ok(TableRef { db: Some(first), name });
        }
        Ok(TableRef { db: None, name: first })
    }
    fn number(&mut self) -> R<u64> {
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
            "create" => self.create(),
            "drop" => self.drop(),
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
        if self.eat_kw("global") || self.eat_kw("session") {
            if !self.at_kw("variables") {
                return Err(self.err());
            }
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

    fn if_exists(&mut self, not: bool) -> R<bool> {
        if !self.eat_kw("if") {
            return Ok(false);
        }
        if not {
            self.kw("not")?;
        }
        self.kw("exists")?;
        Ok(true)
    }

    fn create(&mut self) -> R<Stmt> {
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

    fn name_list(&mut self) -> R<Vec<String>> {
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

    fn column_def(&mut self) -> R<Column> {
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
        let from = if self.eat_kw("from") { Some(self.table_ref()?) } else { None };
        let filter = self.where_clause()?;
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
        Ok(Stmt::Select { items, from, filter, order, limit })
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

    fn expr(&mut self) -> R<Expr> {
        let mut l = self.and_expr()?;
        while self.eat_kw("or") || self.eat_sym("||") {
            let r = self.and_expr()?;
            l = Expr::Bin(BinOp::Or, Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn and_expr(&mut self) -> R<Expr> {
        let mut l = self.not_expr()?;
        while self.eat_kw("and") {
            let r = self.not_expr()?;
            l = Expr::Bin(BinOp::And, Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn not_expr(&mut self) -> R<Expr> {
        if self.eat_kw("not") {
            return Ok(Expr::Not(Box::new(self.not_expr()?)));
        }
        self.cmp_expr()
    }
    fn cmp_expr(&mut self) -> R<Expr> {
        let l = self.add_expr()?;
        let op = match self.peek().map(|t| &t.tok) {
            Some(Tok::Sym("=")) => Some(BinOp::Eq),
            Some(Tok::Sym("!=" | "<>")) => Some(BinOp::Ne),
            Some(Tok::Sym("<")) => Some(BinOp::Lt),
            Some(Tok::Sym(">")) => Some(BinOp::Gt),
            Some(Tok::Sym("<=")) => Some(BinOp::Le),
            Some(Tok::Sym(">=")) => Some(BinOp::Ge),
            _ => None,
        };
        if let Some(op) = op {
            self.i += 1;
            let r = self.add_expr()?;
            return Ok(Expr::Bin(op, Box::new(l), Box::new(r)));
        }
        if self.eat_kw("is") {
            let not = self.eat_kw("not");
            self.kw("null")?;
            return Ok(Expr::IsNull(Box::new(l), not));
        }
        let not = self.at_kw("not") && self.toks.get(self.i + 1).is_some_and(|t| t.is_kw("like"));
        if not {
            self.i += 1;
        }
        if self.eat_kw("like") {
            let r = self.add_expr()?;
            return Ok(Expr::Like(Box::new(l), Box::new(r), not));
        }
        Ok(l)
    }
    fn add_expr(&mut self) -> R<Expr> {
        let mut l = self.mul_expr()?;
        loop {
            let op = if self.eat_sym("+") {
                BinOp::Add
            } else if self.eat_sym("-") {
                BinOp::Sub
            } else {
                return Ok(l);
            };
            let r = self.mul_expr()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
    }
    fn mul_expr(&mut self) -> R<Expr> {
        let mut l = self.unary()?;
        while self.eat_sym("*") {
            let r = self.unary()?;
            l = Expr::Bin(BinOp::Mul, Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn unary(&mut self) -> R<Expr> {
        if self.eat_sym("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        let Some(t) = self.peek().cloned() else { return Err(self.err()) };
        match t.tok {
            Tok::Num(n) => {
                self.i += 1;
                match n.parse::<i64>() {
                    Ok(v) => Ok(Expr::Lit(Value::Int(v))),
                    Err(_) => Ok(Expr::Lit(Value::Str(n))),
                }
            }
            Tok::Str(s) => {
                self.i += 1;
                Ok(Expr::Lit(Value::Str(s)))
            }
            Tok::Sym("(") => {
                self.i += 1;
                let e = self.expr()?;
                self.sym(")")?;
                Ok(e)
            }
            Tok::Word(w) if w.eq_ignore_ascii_case("null") => {
                self.i += 1;
                Ok(Expr::Lit(Value::Null))
            }
            Tok::Word(w) if w.starts_with("@@") => {
                self.i += 1;
                Ok(Expr::Func { name: w, args: Vec::new(), star: false })
            }
            Tok::Word(w) if w.eq_ignore_ascii_case("true") || w.eq_ignore_ascii_case("false") => {
                self.i += 1;
                Ok(Expr::Lit(Value::Int(i64::from(w.eq_ignore_ascii_case("true")))))
            }
            Tok::Word(_) | Tok::Quoted(_) => {
                let quoted = matches!(t.tok, Tok::Quoted(_));
                let name = self.ident()?;
                if !quoted && self.at_sym("(") {
                    self.i += 1;
                    if self.eat_sym("*") {
                        self.sym(")")?;
                        return Ok(Expr::Func { name, args: Vec::new(), star: true });
                    }
                    let mut args = Vec::new();
                    if !self.eat_sym(")") {
                        loop {
                            args.push(self.expr()?);
                            if self.eat_sym(")") {
                                break;
                            }
                            self.sym(",")?;
                        }
                    }
                    return Ok(Expr::Func { name, args, star: false });
                }
                if self.eat_sym(".") {
                    // `t.col`: the table qualifier is accepted and ignored.
                    return Ok(Expr::Col(self.ident()?));
                }
                Ok(Expr::Col(name))
            }
            _ => Err(self.err()),
        }
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
