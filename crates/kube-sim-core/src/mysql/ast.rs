//! The syntax tree of the SQL subset.

use super::value::{Column, Value};

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
    /// `e [NOT] IN (list)` (`true` = NOT).
    In(Box<Expr>, Vec<Expr>, bool),
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

/// One change of an `ALTER TABLE`. Positions: `None` keeps the default place, `Some(None)` is
/// `FIRST`, `Some(Some(c))` is `AFTER c`.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterOp {
    /// `ADD [COLUMN] def [FIRST | AFTER c]`.
    Add(Column, Option<Option<String>>),
    /// `DROP [COLUMN] c`.
    Drop(String),
    /// `MODIFY def` (old name `None`) or `CHANGE old def`.
    Change(Option<String>, Column, Option<Option<String>>),
    /// `RENAME [TO] t`, `RENAME TABLE a TO b`.
    Rename(TableRef),
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
        distinct: bool,
        items: Vec<SelectItem>,
        from: Option<TableRef>,
        filter: Option<Expr>,
        group: Vec<Expr>,
        having: Option<Expr>,
        order: Vec<(Expr, bool)>,
        limit: Option<(u64, u64)>,
    },
    /// `UPDATE`.
    Update { table: TableRef, sets: Vec<(String, Expr)>, filter: Option<Expr> },
    /// `DELETE`.
    Delete { table: TableRef, filter: Option<Expr> },
    /// `CREATE USER [IF NOT EXISTS] 'u'@'h' [IDENTIFIED BY 'pw']`.
    CreateUser { user: String, host: String, password: String, if_not_exists: bool },
    /// `DROP USER [IF EXISTS] 'u'@'h'`.
    DropUser { user: String, host: String, if_exists: bool },
    /// `GRANT ... ON db.* | *.* TO 'u'@'h' [IDENTIFIED BY 'pw']` (`db` None: `*.*`).
    Grant { db: Option<String>, user: String, host: String, password: Option<String> },
    /// `SET PASSWORD [FOR 'u'@'h'] = ...`, `ALTER USER 'u'@'h' IDENTIFIED BY ...`.
    SetPassword { account: Option<(String, String)>, password: String },
    /// `ALTER TABLE t op, ...`.
    AlterTable { table: TableRef, ops: Vec<AlterOp> },
    /// `SHOW GRANTS [FOR 'u'@'h' | CURRENT_USER]` (`None`: the current account).
    ShowGrants(Option<(String, String)>),
    /// `SHOW WARNINGS` (answered by the client session, which keeps them).
    ShowWarnings,
    /// `SHOW VARIABLES [LIKE 'pattern']`.
    ShowVariables(Option<String>),
    /// Accepted and without effect here: `SET ...`, `BEGIN`, `COMMIT`, `ROLLBACK`,
    /// `START TRANSACTION`, `FLUSH PRIVILEGES`.
    Noop,
}
