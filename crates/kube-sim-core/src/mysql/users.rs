//! Accounts and privileges: `CREATE USER`, `DROP USER`, `GRANT`, `REVOKE`, `ALTER USER`,
//! `SET PASSWORD`, and the database-level checks (`ERROR 1044`, `ERROR 1142`).

use super::ast::Stmt;
use super::exec::{Outcome, Session};
use super::lexer::Tok;
use super::parser::{Parser, R};
use super::sha1::mysql_password_hash;
use super::storage;
use super::value::Value;
use super::SqlError;

/// What an account may touch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grants {
    /// Global privileges (`GRANT ALL ON *.*`, root).
    pub all: bool,
    /// Databases granted with `GRANT ... ON db.*`.
    pub dbs: Vec<String>,
}

impl Grants {
    /// Whether the account may use `db`.
    pub fn allows(&self, db: &str) -> bool {
        self.all || db == "information_schema" || self.dbs.iter().any(|d| d == db)
    }
}

/// The grants of `user@host`: root has everything; others what `mysql.db` lists (`Db = '%'`
/// for `*.*`).
pub fn grants_of(dir: &dyn storage::DataDir, user: &str, host: &str) -> Grants {
    if user == "root" {
        return Grants { all: true, dbs: Vec::new() };
    }
    let mut g = Grants::default();
    if let Some(t) = storage::load_table(dir, "mysql", "db") {
        let (Some(hi), Some(di), Some(ui)) = (t.column_index("Host"), t.column_index("Db"), t.column_index("User")) else {
            return g;
        };
        for r in &t.rows {
            let text = |i: usize| r.get(i).and_then(Value::text).unwrap_or_default();
            if text(ui) == user && text(hi) == host {
                if text(di) == "%" {
                    g.all = true;
                } else {
                    g.dbs.push(text(di));
                }
            }
        }
    }
    g
}

impl Parser<'_> {
    /// `'user'@'host'` (host defaults to `%`).
    pub(super) fn account(&mut self) -> R<(String, String)> {
        let user = self.name_or_string()?;
        let host = if self.eat_sym("@") { self.name_or_string()? } else { "%".to_string() };
        Ok((user, host))
    }

    fn name_or_string(&mut self) -> R<String> {
        if let Some(Tok::Str(s)) = self.peek().map(|t| t.tok.clone()) {
            self.i += 1;
            return Ok(s);
        }
        self.ident()
    }

    fn password_literal(&mut self) -> R<String> {
        if self.eat_kw("password") {
            self.sym("(")?;
            let p = self.name_or_string()?;
            self.sym(")")?;
            return Ok(p);
        }
        match self.peek().map(|t| t.tok.clone()) {
            Some(Tok::Str(s)) => {
                self.i += 1;
                Ok(s)
            }
            _ => Err(self.err()),
        }
    }

    fn identified_by(&mut self) -> R<Option<String>> {
        if !self.eat_kw("identified") {
            return Ok(None);
        }
        if self.eat_kw("with") {
            self.name_or_string()?;
        }
        self.kw("by")?;
        Ok(Some(self.password_literal()?))
    }

    /// After `CREATE USER`.
    pub(super) fn create_user(&mut self) -> R<Stmt> {
        let if_not_exists = self.eat_kw("if") && { self.kw("not")?; self.kw("exists")?; true };
        let (user, host) = self.account()?;
        let password = self.identified_by()?.unwrap_or_default();
        Ok(Stmt::CreateUser { user, host, password, if_not_exists })
    }

    /// After `DROP USER`.
    pub(super) fn drop_user(&mut self) -> R<Stmt> {
        let if_exists = self.eat_kw("if") && { self.kw("exists")?; true };
        let (user, host) = self.account()?;
        Ok(Stmt::DropUser { user, host, if_exists })
    }

    /// After `GRANT` / `REVOKE`: `privileges ON db.* | *.* | db.t TO|FROM account [IDENTIFIED BY]`.
    pub(super) fn grant(&mut self, revoke: bool) -> R<Stmt> {
        while !self.at_kw("on") {
            if self.peek().is_none() {
                return Err(self.err());
            }
            self.i += 1;
        }
        self.kw("on")?;
        let db = if self.eat_sym("*") {
            None
        } else {
            Some(self.ident()?)
        };
        self.sym(".")?;
        if !self.eat_sym("*") {
            self.ident()?;
        }
        if revoke {
            self.kw("from")?;
        } else {
            self.kw("to")?;
        }
        let (user, host) = self.account()?;
        let password = if revoke { None } else { self.identified_by()? };
        if !revoke && self.eat_kw("with") {
            self.kw("grant")?;
            self.kw("option")?;
        }
        if revoke {
            return Ok(Stmt::Noop);
        }
        Ok(Stmt::Grant { db, user, host, password })
    }

    /// After `ALTER USER`: `account IDENTIFIED BY 'pw'`.
    pub(super) fn alter_user(&mut self) -> R<Stmt> {
        let (user, host) = self.account()?;
        let Some(password) = self.identified_by()? else { return Err(self.err()) };
        Ok(Stmt::SetPassword { account: Some((user, host)), password })
    }

    /// After `SET PASSWORD`: `[FOR account] = PASSWORD('pw') | 'pw'`.
    pub(super) fn set_password(&mut self) -> R<Stmt> {
        let account = if self.eat_kw("for") { Some(self.account()?) } else { None };
        self.sym("=")?;
        let password = self.password_literal()?;
        Ok(Stmt::SetPassword { account, password })
    }
}

fn op_failed(op: &str, user: &str, host: &str) -> SqlError {
    SqlError::new(1396, "HY000", format!("Operation {op} failed for '{user}'@'{host}'"))
}

impl Session<'_> {
    fn user_rows(&self) -> Result<storage::Table, SqlError> {
        storage::load_table(&*self.dir, "mysql", "user").ok_or_else(|| SqlError::new(1146, "42S02", "Table 'mysql.user' doesn't exist"))
    }

    fn account_index(t: &storage::Table, user: &str, host: &str) -> Option<usize> {
        let (hi, ui) = (t.column_index("Host")?, t.column_index("User")?);
        t.rows.iter().position(|r| {
            r.get(ui).and_then(Value::text).as_deref() == Some(user) && r.get(hi).and_then(Value::text).as_deref() == Some(host)
        })
    }

    fn write_users(&mut self, t: &storage::Table) -> Result<(), SqlError> {
        storage::save_table(self.dir, self.version.layout(), "mysql", "user", t)
            .map_err(|_| SqlError::new(1030, "HY000", "Got error 13 from storage engine"))
    }

    fn require_global(&self) -> Result<(), SqlError> {
        if self.grants.all {
            return Ok(());
        }
        Err(SqlError::new(1227, "42000", "Access denied; you need (at least one of) the CREATE USER privilege(s) for this operation"))
    }

    fn add_user(&mut self, user: &str, host: &str, password: &str) -> Result<bool, SqlError> {
        let mut t = self.user_rows()?;
        if Self::account_index(&t, user, host).is_some() {
            return Ok(false);
        }
        let n = t.columns.len();
        let mut row = vec![Value::Null; n];
        let set = |row: &mut Vec<Value>, i: Option<usize>, v: String| {
            if let Some(slot) = i.and_then(|i| row.get_mut(i)) {
                *slot = Value::Str(v);
            }
        };
        set(&mut row, t.column_index("Host"), host.to_string());
        set(&mut row, t.column_index("User"), user.to_string());
        let pi = t.column_index("Password").or_else(|| t.column_index("authentication_string"));
        set(&mut row, pi, mysql_password_hash(password));
        t.rows.push(row);
        self.write_users(&t)?;
        Ok(true)
    }

    /// Runs an account statement.
    pub(super) fn execute_account(&mut self, stmt: Stmt) -> Result<Outcome, SqlError> {
        let done = Outcome::Ok { affected: 0, warnings: 0, info: None, secs: "0.00" };
        match stmt {
            Stmt::CreateUser { user, host, password, if_not_exists } => {
                self.require_global()?;
                if !self.add_user(&user, &host, &password)? {
                    if if_not_exists {
                        return Ok(Outcome::Ok { affected: 0, warnings: 1, info: None, secs: "0.00" });
                    }
                    return Err(op_failed("CREATE USER", &user, &host));
                }
                Ok(done)
            }
            Stmt::DropUser { user, host, if_exists } => {
                self.require_global()?;
                let mut t = self.user_rows()?;
                let Some(i) = Self::account_index(&t, &user, &host) else {
                    if if_exists {
                        return Ok(Outcome::Ok { affected: 0, warnings: 1, info: None, secs: "0.00" });
                    }
                    return Err(op_failed("DROP USER", &user, &host));
                };
                t.rows.remove(i);
                self.write_users(&t)?;
                Ok(done)
            }
            Stmt::Grant { db, user, host, password } => {
                self.require_global()?;
                let exists = Self::account_index(&self.user_rows()?, &user, &host).is_some();
                if !exists || password.is_some() {
                    if !exists && self.version.is_v8() {
                        return Err(SqlError::new(1410, "42000", "You are not allowed to create a user with GRANT"));
                    }
                    let pw = password.clone().unwrap_or_default();
                    if !self.add_user(&user, &host, &pw)? {
                        self.set_password(&user, &host, &pw)?;
                    }
                }
                let mut t = storage::load_table(&*self.dir, "mysql", "db").ok_or_else(|| SqlError::new(1146, "42S02", "Table 'mysql.db' doesn't exist"))?;
                let target = db.unwrap_or_else(|| "%".to_string());
                let row: Vec<Value> = t
                    .columns
                    .iter()
                    .map(|c| match c.name.as_str() {
                        "Host" => Value::Str(host.clone()),
                        "Db" => Value::Str(target.clone()),
                        "User" => Value::Str(user.clone()),
                        _ => Value::Null,
                    })
                    .collect();
                if !t.rows.contains(&row) {
                    t.rows.push(row);
                    storage::save_table(self.dir, self.version.layout(), "mysql", "db", &t)
                        .map_err(|_| SqlError::new(1030, "HY000", "Got error 13 from storage engine"))?;
                }
                Ok(done)
            }
            Stmt::SetPassword { account, password } => {
                let (user, host) = match account {
                    Some(a) => {
                        self.require_global()?;
                        a
                    }
                    None => {
                        let (u, h) = self.current_user.split_once('@').unwrap_or((&self.current_user, "%"));
                        (u.to_string(), h.to_string())
                    }
                };
                self.set_password(&user, &host, &password)?;
                Ok(done)
            }
            _ => Ok(done),
        }
    }

    /// `SHOW GRANTS`: the 5.6 statements that would recreate the account's privileges.
    pub(super) fn show_grants(&self, account: Option<(String, String)>) -> Result<Outcome, SqlError> {
        let (user, host) = account.unwrap_or_else(|| {
            let (u, h) = self.current_user.split_once('@').unwrap_or((&self.current_user, "%"));
            (u.to_string(), h.to_string())
        });
        let t = self.user_rows()?;
        let no_grant = || SqlError::new(1141, "42000", format!("There is no such grant defined for user '{user}' on host '{host}'"));
        let i = Self::account_index(&t, &user, &host).ok_or_else(no_grant)?;
        let pi = t.column_index("Password").or_else(|| t.column_index("authentication_string"));
        let hash = pi.and_then(|p| t.rows.get(i).and_then(|r| r.get(p)).and_then(Value::text)).unwrap_or_default();
        let g = grants_of(&*self.dir, &user, &host);
        let v8 = self.version.is_v8();
        let who = if v8 { format!("`{user}`@`{host}`") } else { format!("'{user}'@'{host}'") };
        let ident = if v8 || hash.is_empty() { String::new() } else { format!(" IDENTIFIED BY PASSWORD '{hash}'") };
        let mut lines = Vec::new();
        if g.all {
            let opt = if user == "root" { " WITH GRANT OPTION" } else { "" };
            lines.push(format!("GRANT ALL PRIVILEGES ON *.* TO {who}{ident}{opt}"));
        } else {
            lines.push(format!("GRANT USAGE ON *.* TO {who}{ident}"));
        }
        for d in &g.dbs {
            lines.push(format!("GRANT ALL PRIVILEGES ON `{d}`.* TO {who}"));
        }
        let header = format!("Grants for {user}@{host}");
        Ok(Outcome::Rows(super::exec::ResultSet {
            columns: vec![super::exec::ResultColumn { name: header, numeric: false, not_null: true }],
            rows: lines.into_iter().map(|l| vec![Some(l)]).collect(),
        }))
    }

    fn set_password(&mut self, user: &str, host: &str, password: &str) -> Result<(), SqlError> {
        let mut t = self.user_rows()?;
        let i = Self::account_index(&t, user, host).ok_or_else(|| SqlError::new(1133, "42000", "Can't find any matching row in the user table"))?;
        if let Some(pi) = t.column_index("Password").or_else(|| t.column_index("authentication_string")) {
            if let Some(slot) = t.rows.get_mut(i).and_then(|r| r.get_mut(pi)) {
                *slot = Value::Str(mysql_password_hash(password));
            }
        }
        self.write_users(&t)
    }

    /// `ERROR 1044` unless the account may use `db`.
    pub(super) fn check_db(&self, db: &str) -> Result<(), SqlError> {
        if self.grants.allows(db) {
            return Ok(());
        }
        Err(SqlError::new(1044, "42000", format!("Access denied for user '{}' to database '{db}'", self.quoted_account())))
    }

    /// `ERROR 1142` unless the account may run `cmd` on `db.table`.
    pub(super) fn check_table(&self, cmd: &str, db: &str, table: &str) -> Result<(), SqlError> {
        if self.grants.allows(db) {
            return Ok(());
        }
        let (u, _) = self.user.split_once('@').unwrap_or((&self.user, ""));
        let client = self.user.split_once('@').map_or("", |(_, h)| h);
        Err(SqlError::new(1142, "42000", format!("{cmd} command denied to user '{u}'@'{client}' for table '{table}'")))
    }

    fn quoted_account(&self) -> String {
        let (u, h) = self.current_user.split_once('@').unwrap_or((&self.current_user, "%"));
        format!("{u}'@'{h}")
    }
}
