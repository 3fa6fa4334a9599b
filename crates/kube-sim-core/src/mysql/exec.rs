//! Statements executed against the datadir, with the server's error codes and texts.

use super::eval::{passes, Ctx};
use super::parser::{Stmt, TableRef};
use super::storage::{self, DataDir, Table};
use super::system;
use super::value::{ColType, Column, Value};
use super::{MysqlVersion, SqlError};

/// A column of a result set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultColumn {
    /// Header.
    pub name: String,
    /// Numbers are right-aligned.
    pub numeric: bool,
    /// NOT NULL columns may be narrower than 4 characters.
    pub not_null: bool,
}

/// Rows returned by a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultSet {
    /// Columns.
    pub columns: Vec<ResultColumn>,
    /// Cells; `None` is NULL.
    pub rows: Vec<Vec<Option<String>>>,
}

/// What a successful statement returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A result set.
    Rows(ResultSet),
    /// `Query OK, N rows affected[, W warnings] (T sec)` and an optional info line.
    Ok { affected: u64, warnings: u64, info: Option<String>, secs: &'static str },
    /// `USE db` succeeded.
    DatabaseChanged,
}

/// A warning or note of the last statement (`SHOW WARNINGS`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// `Warning` or `Note`.
    pub level: &'static str,
    /// The error number.
    pub code: u16,
    /// The message.
    pub message: String,
}

pub(super) fn warning(code: u16, message: String) -> Note {
    Note { level: "Warning", code, message }
}

pub(super) fn note(code: u16, message: String) -> Note {
    Note { level: "Note", code, message }
}

/// One connection's view of the server.
pub struct Session<'a> {
    /// The datadir.
    pub dir: &'a mut dyn DataDir,
    /// Server version.
    pub version: MysqlVersion,
    /// The current database.
    pub db: &'a mut Option<String>,
    /// `USER()`.
    pub user: String,
    /// `CURRENT_USER()`.
    pub current_user: String,
    /// What the account may touch.
    pub grants: super::users::Grants,
    /// Unix seconds, for `NOW()`.
    pub now: i64,
    /// Warnings and notes the last statement raised.
    pub notes: Vec<Note>,
    /// `@@hostname`.
    pub hostname: String,
}

fn no_db() -> SqlError {
    SqlError::new(1046, "3D000", "No database selected")
}
fn unknown_db(db: &str) -> SqlError {
    SqlError::new(1049, "42000", format!("Unknown database '{db}'"))
}
pub(super) fn no_table(db: &str, t: &str) -> SqlError {
    SqlError::new(1146, "42S02", format!("Table '{db}.{t}' doesn't exist"))
}
pub(super) fn ok(affected: u64, warnings: u64, info: Option<String>, secs: &'static str) -> Outcome {
    Outcome::Ok { affected, warnings, info, secs }
}
fn str_col(name: &str, not_null: bool) -> ResultColumn {
    ResultColumn { name: name.into(), numeric: false, not_null }
}

pub(super) const INFORMATION_SCHEMA: &str = "information_schema";

impl Session<'_> {
    pub(super) fn ctx<'b>(&'b self, table: Option<&'b Table>, row: Option<&'b [Value]>, clause: &'static str) -> Ctx<'b> {
        Ctx {
            table,
            row,
            clause,
            version: self.version.server_version(),
            database: self.db.as_deref(),
            user: &self.user,
            current_user: &self.current_user,
            server: self.version,
            now: self.now,
            hostname: &self.hostname,
        }
    }

    pub(super) fn db_of(&self, t: &TableRef) -> Result<String, SqlError> {
        t.db.clone().or_else(|| self.db.clone()).ok_or_else(no_db)
    }

    pub(super) fn load(&self, cmd: &str, t: &TableRef) -> Result<(String, Table), SqlError> {
        let db = self.db_of(t)?;
        self.check_table(cmd, &db, &t.name)?;
        storage::load_table(&*self.dir, &db, &t.name).map(|tb| (db.clone(), tb)).ok_or_else(|| no_table(&db, &t.name))
    }

    /// Writes a table; InnoDB keeps rows in primary-key order (its clustered index), so a
    /// plain `SELECT *` returns them sorted by the key.
    pub(super) fn save(&mut self, db: &str, name: &str, t: &Table) -> Result<(), SqlError> {
        let pk: Vec<usize> = t.columns.iter().enumerate().filter(|(_, c)| c.primary).map(|(i, _)| i).collect();
        if t.engine == "InnoDB" && !pk.is_empty() {
            let mut sorted = t.clone();
            crate::sort::sort_by(&mut sorted.rows, |a, b| {
                pk.iter()
                    .map(|&k| match (a.get(k), b.get(k)) {
                        (Some(x), Some(y)) => super::value::compare(x, y).unwrap_or(std::cmp::Ordering::Equal),
                        _ => std::cmp::Ordering::Equal,
                    })
                    .find(|o| *o != std::cmp::Ordering::Equal)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            return storage::save_table(self.dir, self.version.layout(), db, name, &sorted).map_err(|e| io_error(name, &e));
        }
        storage::save_table(self.dir, self.version.layout(), db, name, t).map_err(|e| io_error(name, &e))
    }

    /// Runs one statement.
    pub fn execute(&mut self, stmt: Stmt) -> Result<Outcome, SqlError> {
        match stmt {
            Stmt::CreateUser { .. } | Stmt::DropUser { .. } | Stmt::Grant { .. } | Stmt::SetPassword { .. } => self.execute_account(stmt),
            Stmt::Use(db) => {
                self.check_db(&db)?;
                if db != INFORMATION_SCHEMA && !storage::database_exists(&*self.dir, &db) {
                    return Err(unknown_db(&db));
                }
                *self.db = Some(db);
                Ok(Outcome::DatabaseChanged)
            }
            Stmt::ShowDatabases => {
                let mut rows = vec![vec![Some(INFORMATION_SCHEMA.to_string())]];
                // 8.0 lists the schemas of its data dictionary: a stray folder is no database.
                let v8 = self.version.is_v8();
                rows.extend(
                    storage::list_databases(&*self.dir)
                        .into_iter()
                        .filter(|d| self.grants.allows(d) && !(v8 && d.starts_with("#mysql50#")))
                        .map(|d| vec![Some(d)]),
                );
                Ok(Outcome::Rows(ResultSet { columns: vec![str_col("Database", true)], rows }))
            }
            Stmt::ShowTables(from) => {
                let db = from.or_else(|| self.db.clone()).ok_or_else(no_db)?;
                self.check_db(&db)?;
                let tables = if db == INFORMATION_SCHEMA {
                    system::INFORMATION_SCHEMA_TABLES.iter().map(|s| s.to_string()).collect()
                } else if storage::database_exists(&*self.dir, &db) {
                    storage::list_tables(&*self.dir, &db)
                } else {
                    return Err(unknown_db(&db));
                };
                let rows = tables.into_iter().map(|t| vec![Some(t)]).collect();
                Ok(Outcome::Rows(ResultSet { columns: vec![str_col(&format!("Tables_in_{db}"), true)], rows }))
            }
            Stmt::Describe(t) => self.describe(&t),
            Stmt::ShowGrants(account) => self.show_grants(account),
            Stmt::AlterTable { table, ops } => self.alter_table(&table, ops),
            Stmt::Noop | Stmt::ShowWarnings => Ok(ok(0, 0, None, "0.00")),
            Stmt::ShowVariables(pattern) => {
                let rows = super::vars::variables(self.version, &self.hostname)
                    .into_iter()
                    .filter(|(k, _)| pattern.as_deref().map_or(true, |p| super::eval::like(k, p)))
                    .map(|(k, v)| vec![Some(k.to_string()), Some(v)])
                    .collect();
                Ok(Outcome::Rows(ResultSet { columns: vec![str_col("Variable_name", true), str_col("Value", false)], rows }))
            }
            Stmt::ShowCreateTable(t) => {
                let (_, tb) = self.load("SELECT", &t)?;
                let text = show_create(&t.name, &tb, self.version);
                Ok(Outcome::Rows(ResultSet {
                    columns: vec![str_col("Table", true), str_col("Create Table", true)],
                    rows: vec![vec![Some(t.name.clone()), Some(text)]],
                }))
            }
            Stmt::CreateDatabase { name, if_not_exists } => {
                self.check_db(&name)?;
                if name == INFORMATION_SCHEMA || storage::database_exists(&*self.dir, &name) {
                    if if_not_exists {
                        self.notes = vec![note(1007, format!("Can't create database '{name}'; database exists"))];
                        return Ok(ok(1, 1, None, "0.00"));
                    }
                    return Err(SqlError::new(1007, "HY000", format!("Can't create database '{name}'; database exists")));
                }
                if name.contains(['/', '\\', '.']) || name.ends_with(' ') {
                    return Err(SqlError::new(1102, "42000", format!("Incorrect database name '{name}'")));
                }
                storage::create_database(self.dir, &name)
                    .map_err(|_| SqlError::new(1006, "HY000", format!("Can't create database '{name}' (errno: 13 - Permission denied)")))?;
                Ok(ok(1, 0, None, "0.00"))
            }
            Stmt::DropDatabase { name, if_exists } => {
                self.check_db(&name)?;
                if !storage::database_exists(&*self.dir, &name) {
                    if if_exists {
                        self.notes = vec![note(1008, format!("Can't drop database '{name}'; database doesn't exist"))];
                        return Ok(ok(0, 1, None, "0.00"));
                    }
                    return Err(SqlError::new(1008, "HY000", format!("Can't drop database '{name}'; database doesn't exist")));
                }
                let n = storage::drop_database(self.dir, &name).map_err(|_| {
                    SqlError::new(1010, "HY000", format!("Error dropping database (can't rmdir './{name}', errno: 39)"))
                })?;
                if self.db.as_deref() == Some(name.as_str()) {
                    *self.db = None;
                }
                Ok(ok(n as u64, 0, None, "0.01"))
            }
            Stmt::CreateTable { table, if_not_exists, columns, engine } => self.create_table(&table, if_not_exists, columns, engine),
            Stmt::DropTable { tables, if_exists } => {
                let mut missing = Vec::new();
                let mut found = Vec::new();
                for t in &tables {
                    let db = self.db_of(t)?;
                    self.check_table("DROP", &db, &t.name)?;
                    if storage::table_exists(&*self.dir, &db, &t.name) {
                        found.push((db, t.name.clone()));
                    } else {
                        missing.push(format!("{db}.{}", t.name));
                    }
                }
                if !missing.is_empty() && !if_exists {
                    return Err(SqlError::new(1051, "42S02", format!("Unknown table '{}'", missing.join(","))));
                }
                self.notes = missing.iter().map(|m| note(1051, format!("Unknown table '{m}'"))).collect();
                for (db, name) in found {
                    storage::drop_table(self.dir, &db, &name).map_err(|e| io_error(&name, &e))?;
                }
                Ok(ok(0, missing.len() as u64, None, "0.01"))
            }
            Stmt::Truncate(t) => {
                let (db, mut tb) = self.load("DROP", &t)?;
                tb.rows.clear();
                self.save(&db, &t.name, &tb)?;
                Ok(ok(0, 0, None, "0.01"))
            }
            Stmt::Insert { table, columns, rows } => self.insert(&table, columns, rows),
            Stmt::Select { distinct, items, from, filter, group, having, order, limit } => {
                self.select(super::select::Query { distinct, items, from, filter, group, having, order, limit })
            }
            Stmt::Update { table, sets, filter } => self.update(&table, sets, filter),
            Stmt::Delete { table, filter } => {
                let (db, mut tb) = self.load("DELETE", &table)?;
                let mut keep = Vec::new();
                let mut n = 0u64;
                for r in &tb.rows {
                    let hit = match &filter {
                        None => true,
                        Some(f) => passes(f, &self.ctx(Some(&tb), Some(r), "where clause"))?,
                    };
                    if hit {
                        n += 1;
                    } else {
                        keep.push(r.clone());
                    }
                }
                tb.rows = keep;
                if n > 0 {
                    self.save(&db, &table.name, &tb)?;
                }
                Ok(ok(n, 0, None, if n > 0 { "0.01" } else { "0.00" }))
            }
        }
    }

    fn describe(&self, t: &TableRef) -> Result<Outcome, SqlError> {
        let (_, tb) = self.load("SELECT", t)?;
        let cols = ["Field", "Type", "Null", "Key", "Default", "Extra"];
        let columns = cols.iter().map(|c| str_col(c, *c != "Default")).collect();
        let rows = tb
            .columns
            .iter()
            .map(|c| {
                vec![
                    Some(c.name.clone()),
                    Some(c.display_type(self.version.is_v8())),
                    Some(if c.nullable { "YES" } else { "NO" }.into()),
                    Some(if c.primary { "PRI" } else { "" }.into()),
                    c.default.clone(),
                    Some(if c.auto_increment { "auto_increment" } else { "" }.into()),
                ]
            })
            .collect();
        Ok(Outcome::Rows(ResultSet { columns, rows }))
    }

    fn create_table(&mut self, t: &TableRef, if_not_exists: bool, columns: Vec<Column>, engine: Option<String>) -> Result<Outcome, SqlError> {
        let db = self.db_of(t)?;
        self.check_table("CREATE", &db, &t.name)?;
        if !storage::database_exists(&*self.dir, &db) {
            return Err(unknown_db(&db));
        }
        if storage::table_exists(&*self.dir, &db, &t.name) {
            if if_not_exists {
                self.notes = vec![note(1050, format!("Table '{}' already exists", t.name))];
                return Ok(ok(0, 1, None, "0.00"));
            }
            return Err(SqlError::new(1050, "42S01", format!("Table '{}' already exists", t.name)));
        }
        for (i, c) in columns.iter().enumerate() {
            if columns[..i].iter().any(|d| d.name.eq_ignore_ascii_case(&c.name)) {
                return Err(SqlError::new(1060, "42S21", format!("Duplicate column name '{}'", c.name)));
            }
            if c.ty == ColType::Varchar && c.len.unwrap_or(0) > 65_535 {
                return Err(SqlError::new(1074, "42000", format!("Column length too big for column '{}' (max = 65535); use BLOB or TEXT instead", c.name)));
            }
        }
        let autos = columns.iter().filter(|c| c.auto_increment).count();
        if autos > 1 || columns.iter().any(|c| c.auto_increment && !c.primary) {
            return Err(SqlError::new(1075, "42000", "Incorrect table definition; there can be only one auto column and it must be defined as a key"));
        }
        let mut tb = Table::new(columns);
        if let Some(e) = engine {
            if e.eq_ignore_ascii_case("myisam") && !self.version.is_v8() {
                tb.engine = "MyISAM".into();
            }
        }
        self.save(&db, &t.name, &tb)?;
        // 8.0.17+ deprecates integer display widths (tinyint(1) excepted).
        if self.version.is_v8() {
            self.notes = tb
                .columns
                .iter()
                .filter(|c| c.ty.is_integer() && c.len.is_some() && !(c.ty == ColType::TinyInt && c.len == Some(1)))
                .map(|_| warning(1681, "Integer display width is deprecated and will be removed in a future release.".into()))
                .collect();
        }
        Ok(ok(0, self.notes.len() as u64, None, "0.05"))
    }
}

fn io_error(table: &str, e: &str) -> SqlError {
    let _ = e;
    SqlError::new(1030, "HY000", format!("Got error 13 from storage engine while writing '{table}'"))
}

/// The `SHOW CREATE TABLE` text.
pub fn show_create(name: &str, t: &Table, version: MysqlVersion) -> String {
    let mut lines = Vec::new();
    for c in &t.columns {
        let mut s = format!("  `{}` {}", c.name, c.display_type(version.is_v8()));
        if !c.nullable {
            s.push_str(" NOT NULL");
        }
        if c.auto_increment {
            s.push_str(" AUTO_INCREMENT");
        } else if let Some(d) = &c.default {
            s.push_str(&format!(" DEFAULT '{d}'"));
        } else if c.nullable && c.ty != ColType::Text {
            s.push_str(" DEFAULT NULL");
        }
        lines.push(s);
    }
    let pk: Vec<String> = t.columns.iter().filter(|c| c.primary).map(|c| format!("`{}`", c.name)).collect();
    if !pk.is_empty() {
        lines.push(format!("  PRIMARY KEY ({})", pk.join(",")));
    }
    let auto = t.columns.iter().position(|c| c.auto_increment).and_then(|i| {
        t.rows.iter().filter_map(|r| match r.get(i) {
            Some(Value::Int(v)) => Some(*v),
            _ => None,
        }).max()
    });
    let auto = auto.map(|m| format!(" AUTO_INCREMENT={}", m + 1)).unwrap_or_default();
    let charset = if version.is_v8() { "utf8mb4 COLLATE=utf8mb4_0900_ai_ci" } else { "latin1" };
    format!("CREATE TABLE `{name}` (\n{}\n) ENGINE={}{auto} DEFAULT CHARSET={charset}", lines.join(",\n"), t.engine)
}
