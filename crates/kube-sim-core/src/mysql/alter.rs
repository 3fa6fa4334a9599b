//! `ALTER TABLE` (ADD / DROP / MODIFY / CHANGE column, RENAME) and `RENAME TABLE`.

use super::ast::{AlterOp, Stmt, TableRef};
use super::exec::{Outcome, Session};
use super::parser::{Parser, R};
use super::storage;
use super::value::Value;
use super::SqlError;

impl Parser<'_> {
    /// After `ALTER TABLE`.
    pub(super) fn alter_table(&mut self) -> R<Stmt> {
        let table = self.table_ref()?;
        let mut ops = Vec::new();
        loop {
            ops.push(self.alter_op()?);
            if !self.eat_sym(",") {
                break;
            }
        }
        Ok(Stmt::AlterTable { table, ops })
    }

    fn position(&mut self) -> R<Option<Option<String>>> {
        if self.eat_kw("first") {
            return Ok(Some(None));
        }
        if self.eat_kw("after") {
            return Ok(Some(Some(self.ident()?)));
        }
        Ok(None)
    }

    fn alter_op(&mut self) -> R<AlterOp> {
        if self.eat_kw("add") {
            self.eat_kw("column");
            let col = self.column_def()?;
            let pos = self.position()?;
            return Ok(AlterOp::Add(col, pos));
        }
        if self.eat_kw("drop") {
            self.eat_kw("column");
            return Ok(AlterOp::Drop(self.ident()?));
        }
        if self.eat_kw("modify") {
            self.eat_kw("column");
            let col = self.column_def()?;
            let pos = self.position()?;
            return Ok(AlterOp::Change(None, col, pos));
        }
        if self.eat_kw("change") {
            self.eat_kw("column");
            let old = self.ident()?;
            let col = self.column_def()?;
            let pos = self.position()?;
            return Ok(AlterOp::Change(Some(old), col, pos));
        }
        if self.eat_kw("rename") {
            if !self.eat_kw("to") {
                self.eat_kw("as");
            }
            return Ok(AlterOp::Rename(self.table_ref()?));
        }
        Err(self.err())
    }

    /// After `RENAME TABLE`: `a TO b`.
    pub(super) fn rename_table(&mut self) -> R<Stmt> {
        let from = self.table_ref()?;
        self.kw("to")?;
        let to = self.table_ref()?;
        Ok(Stmt::AlterTable { table: from, ops: vec![AlterOp::Rename(to)] })
    }
}

fn place(cols: &[super::value::Column], pos: &Option<Option<String>>, default: usize) -> Result<usize, SqlError> {
    match pos {
        None => Ok(default),
        Some(None) => Ok(0),
        Some(Some(after)) => cols
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(after))
            .map(|i| i + 1)
            .ok_or_else(|| SqlError::new(1054, "42S22", format!("Unknown column '{after}' in '{}'", "table definition"))),
    }
}

impl Session<'_> {
    /// Runs `ALTER TABLE`.
    pub(super) fn alter_table(&mut self, t: &TableRef, ops: Vec<AlterOp>) -> Result<Outcome, SqlError> {
        let (db, mut tb) = self.load("ALTER", t)?;
        let mut name = t.name.clone();
        let mut target_db = db.clone();
        let mut copied = false;
        let mut only_rename = true;
        for op in ops {
            match op {
                AlterOp::Add(col, pos) => {
                    only_rename = false;
                    if tb.column_index(&col.name).is_some() {
                        return Err(SqlError::new(1060, "42S21", format!("Duplicate column name '{}'", col.name)));
                    }
                    let at = place(&tb.columns, &pos, tb.columns.len())?;
                    let fill = match &col.default {
                        Some(d) if col.ty.is_integer() => Value::Int(d.parse().unwrap_or(0)),
                        Some(d) => Value::Str(d.clone()),
                        None if col.nullable => Value::Null,
                        None if col.ty.is_integer() => Value::Int(0),
                        None => Value::Str(String::new()),
                    };
                    for r in &mut tb.rows {
                        r.insert(at, fill.clone());
                    }
                    tb.columns.insert(at, col);
                }
                AlterOp::Drop(c) => {
                    only_rename = false;
                    let i = tb.column_index(&c).ok_or_else(|| SqlError::new(1091, "42000", format!("Can't DROP '{c}'; check that column/key exists")))?;
                    if tb.columns.len() == 1 {
                        return Err(SqlError::new(1090, "42000", "You can't delete all columns with ALTER TABLE; use DROP TABLE instead"));
                    }
                    tb.columns.remove(i);
                    for r in &mut tb.rows {
                        r.remove(i);
                    }
                }
                AlterOp::Change(old, col, pos) => {
                    only_rename = false;
                    copied = true;
                    let old_name = old.unwrap_or_else(|| col.name.clone());
                    let i = tb.column_index(&old_name).ok_or_else(|| SqlError::new(1054, "42S22", format!("Unknown column '{old_name}' in '{name}'")))?;
                    let mut warnings = Vec::new();
                    let mut values = Vec::new();
                    for (ri, r) in tb.rows.iter().enumerate() {
                        let v = r.get(i).cloned().unwrap_or(Value::Null);
                        values.push(self.coerce(&col, v, ri + 1, &mut warnings)?);
                    }
                    tb.columns.remove(i);
                    let at = place(&tb.columns, &pos, i)?;
                    tb.columns.insert(at, col);
                    for (r, v) in tb.rows.iter_mut().zip(values) {
                        r.remove(i);
                        r.insert(at, v);
                    }
                    self.notes.extend(warnings);
                }
                AlterOp::Rename(to) => {
                    let new_db = to.db.clone().unwrap_or_else(|| db.clone());
                    if storage::table_exists(&*self.dir, &new_db, &to.name) {
                        return Err(SqlError::new(1050, "42S01", format!("Table '{}' already exists", to.name)));
                    }
                    if !storage::database_exists(&*self.dir, &new_db) {
                        return Err(SqlError::new(1025, "HY000", format!("Error on rename of './{db}/{name}' to './{new_db}/{}' (errno: 2 - No such file or directory)", to.name)));
                    }
                    name = to.name;
                    target_db = new_db;
                }
            }
        }
        if target_db != db || name != t.name {
            storage::drop_table(self.dir, &db, &t.name).map_err(|_| SqlError::new(1025, "HY000", "Error on rename"))?;
        }
        self.save(&target_db, &name, &tb)?;
        if only_rename {
            return Ok(Outcome::Ok { affected: 0, warnings: 0, info: None, secs: "0.01" });
        }
        let n = if copied { tb.rows.len() as u64 } else { 0 };
        let w = self.notes.len() as u64;
        Ok(Outcome::Ok { affected: n, warnings: w, info: Some(format!("Records: {n}  Duplicates: 0  Warnings: {w}")), secs: "0.05" })
    }
}
