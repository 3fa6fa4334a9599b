//! `INSERT` and `UPDATE`: value conversion by column type (warnings in 5.6's non-strict mode,
//! errors in 8.0's strict mode), defaults, auto-increment, primary-key duplicates.

use super::eval::{eval, passes, unknown_column};
use super::exec::{note, ok, warning, Note, Outcome, Session};
use super::parser::{Expr, TableRef};
use super::storage::Table;
use super::value::{compare, numeric_prefix, ColType, Column, Value};
use super::SqlError;

impl Session<'_> {
    /// The primary key's name in 1062 errors: `PRIMARY` (5.6), `t.PRIMARY` (8.0).
    fn key_name(&self, table: &str) -> String {
        if self.version.is_v8() { format!("{table}.PRIMARY") } else { "PRIMARY".to_string() }
    }

    /// Converts a value for a column; counts a warning or fails in strict mode.
    pub(super) fn coerce(&self, c: &Column, v: Value, row: usize, warnings: &mut Vec<Note>) -> Result<Value, SqlError> {
        let strict = self.version.strict();
        if v == Value::Null {
            return Ok(v);
        }
        if let Some((lo, hi)) = c.ty.range() {
            let n = match &v {
                Value::Int(i) => *i,
                Value::Str(s) => {
                    let (x, whole) = numeric_prefix(s);
                    if !whole {
                        let incorrect = format!("Incorrect integer value: '{s}' for column '{}' at row {row}", c.name);
                        if strict {
                            return Err(SqlError::new(1366, "HY000", incorrect));
                        }
                        let digits = s.trim_start().trim_start_matches(['-', '+']).starts_with(|ch: char| ch.is_ascii_digit());
                        warnings.push(if digits { warning(1265, format!("Data truncated for column '{}' at row {row}", c.name)) } else { warning(1366, incorrect) });
                    }
                    x.round() as i64
                }
                Value::Null => 0,
            };
            if n < lo || n > hi {
                let msg = format!("Out of range value for column '{}' at row {row}", c.name);
                if strict {
                    return Err(SqlError::new(1264, "22003", msg));
                }
                warnings.push(warning(1264, msg));
                return Ok(Value::Int(n.clamp(lo, hi)));
            }
            return Ok(Value::Int(n));
        }
        let s = v.text().unwrap_or_default();
        if matches!(c.ty, ColType::DateTime | ColType::Date) {
            let with_time = c.ty == ColType::DateTime;
            return match super::value::normalize_datetime(&s, with_time) {
                Some(n) => {
                    // A time dropped from a DATE is a note (1265), counted with the warnings.
                    if !with_time && super::value::normalize_datetime(&s, true).is_some_and(|f| !f.ends_with("00:00:00")) {
                        warnings.push(note(1265, format!("Data truncated for column '{}' at row {row}", c.name)));
                    }
                    Ok(Value::Str(n))
                }
                None if strict => {
                    let kind = if with_time { "datetime" } else { "date" };
                    Err(SqlError::new(1292, "22007", format!("Incorrect {kind} value: '{s}' for column '{}' at row {row}", c.name)))
                }
                None => {
                    let shaped = s.split('-').count() == 3;
                    warnings.push(if shaped {
                        warning(1264, format!("Out of range value for column '{}' at row {row}", c.name))
                    } else {
                        warning(1265, format!("Data truncated for column '{}' at row {row}", c.name))
                    });
                    Ok(Value::Str(if with_time { "0000-00-00 00:00:00".into() } else { "0000-00-00".into() }))
                }
            };
        }
        if let Some(max) = c.max_chars() {
            if s.chars().count() > max {
                if strict {
                    return Err(SqlError::new(1406, "22001", format!("Data too long for column '{}' at row {row}", c.name)));
                }
                warnings.push(warning(1265, format!("Data truncated for column '{}' at row {row}", c.name)));
                return Ok(Value::Str(s.chars().take(max).collect()));
            }
        }
        Ok(Value::Str(s))
    }

    fn implicit_default(&self, c: &Column, row: usize, warnings: &mut Vec<Note>) -> Result<Value, SqlError> {
        if let Some(d) = &c.default {
            return self.coerce(c, Value::Str(d.clone()), row, warnings);
        }
        if c.nullable || c.auto_increment {
            return Ok(Value::Null);
        }
        let msg = format!("Field '{}' doesn't have a default value", c.name);
        if self.version.strict() {
            return Err(SqlError::new(1364, "HY000", msg));
        }
        warnings.push(warning(1364, msg));
        Ok(if c.ty.is_integer() { Value::Int(0) } else { Value::Str(String::new()) })
    }

    pub(super) fn insert(&mut self, t: &TableRef, columns: Option<Vec<String>>, rows: Vec<Vec<Expr>>) -> Result<Outcome, SqlError> {
        let (db, mut tb) = self.load("INSERT", t)?;
        let targets: Vec<usize> = match &columns {
            None => (0..tb.columns.len()).collect(),
            Some(names) => names
                .iter()
                .map(|n| tb.column_index(n).ok_or_else(|| unknown_column(n, "field list")))
                .collect::<Result<_, _>>()?,
        };
        let mut warnings = Vec::new();
        let mut new_rows = Vec::new();
        for (ri, exprs) in rows.iter().enumerate() {
            let rown = ri + 1;
            if exprs.len() != targets.len() {
                return Err(SqlError::new(1136, "21S01", format!("Column count doesn't match value count at row {rown}")));
            }
            let mut given: Vec<Option<Value>> = vec![None; tb.columns.len()];
            for (e, &ci) in exprs.iter().zip(&targets) {
                let v = eval(e, &self.ctx(None, None, "field list"))?;
                given[ci] = Some(v);
            }
            let mut row = Vec::new();
            for (ci, c) in tb.columns.iter().enumerate() {
                let v = match given[ci].take() {
                    Some(v) => self.coerce(c, v, rown, &mut warnings)?,
                    None => self.implicit_default(c, rown, &mut warnings)?,
                };
                let v = if c.auto_increment && matches!(v, Value::Null | Value::Int(0)) {
                    let max = tb.rows.iter().chain(new_rows.iter()).filter_map(|r: &Vec<Value>| match r.get(ci) {
                        Some(Value::Int(i)) => Some(*i),
                        _ => None,
                    });
                    Value::Int(max.max().unwrap_or(0) + 1)
                } else {
                    v
                };
                if v == Value::Null && !c.nullable {
                    return Err(SqlError::new(1048, "23000", format!("Column '{}' cannot be null", c.name)));
                }
                row.push(v);
            }
            check_duplicate(&tb, tb.rows.iter().chain(new_rows.iter()), &row, None, self.key_name(&t.name))?;
            new_rows.push(row);
        }
        let n = new_rows.len() as u64;
        tb.rows.extend(new_rows);
        self.save(&db, &t.name, &tb)?;
        let w = warnings.len() as u64;
        self.notes = warnings;
        let info = (rows.len() > 1).then(|| format!("Records: {n}  Duplicates: 0  Warnings: {w}"));
        Ok(ok(n, w, info, "0.01"))
    }

    pub(super) fn update(&mut self, t: &TableRef, sets: Vec<(String, Expr)>, filter: Option<Expr>) -> Result<Outcome, SqlError> {
        let (db, mut tb) = self.load("UPDATE", t)?;
        let targets: Vec<(usize, &Expr)> = sets
            .iter()
            .map(|(n, e)| tb.column_index(n).map(|i| (i, e)).ok_or_else(|| unknown_column(n, "field list")))
            .collect::<Result<_, _>>()?;
        let (mut matched, mut changed, mut warnings) = (0u64, 0u64, Vec::new());
        let mut rows = tb.rows.clone();
        for ri in 0..rows.len() {
            let hit = match &filter {
                None => true,
                Some(f) => passes(f, &self.ctx(Some(&tb), Some(&rows[ri]), "where clause"))?,
            };
            if !hit {
                continue;
            }
            matched += 1;
            let mut new = rows[ri].clone();
            for &(ci, e) in &targets {
                let v = eval(e, &self.ctx(Some(&tb), Some(&rows[ri]), "field list"))?;
                let c = &tb.columns[ci];
                let v = self.coerce(c, v, ri + 1, &mut warnings)?;
                if v == Value::Null && !c.nullable {
                    return Err(SqlError::new(1048, "23000", format!("Column '{}' cannot be null", c.name)));
                }
                new[ci] = v;
            }
            if new != rows[ri] {
                check_duplicate(&tb, rows.iter(), &new, Some(ri), self.key_name(&t.name))?;
                changed += 1;
                rows[ri] = new;
            }
        }
        tb.rows = rows;
        if changed > 0 {
            self.save(&db, &t.name, &tb)?;
        }
        let w = warnings.len() as u64;
        self.notes = warnings;
        let info = format!("Rows matched: {matched}  Changed: {changed}  Warnings: {w}");
        Ok(ok(changed, w, Some(info), if changed > 0 { "0.01" } else { "0.00" }))
    }
}

/// ERROR 1062 when `row` repeats the primary key of another row (skipping `skip`).
fn check_duplicate<'a>(tb: &Table, others: impl Iterator<Item = &'a Vec<Value>>, row: &[Value], skip: Option<usize>, key: String) -> Result<(), SqlError> {
    let pk: Vec<usize> = tb.columns.iter().enumerate().filter(|(_, c)| c.primary).map(|(i, _)| i).collect();
    if pk.is_empty() {
        return Ok(());
    }
    for (i, o) in others.enumerate() {
        if Some(i) == skip {
            continue;
        }
        if pk.iter().all(|&k| compare(&o[k], &row[k]) == Some(std::cmp::Ordering::Equal)) {
            let vals: Vec<String> = pk.iter().map(|&k| row[k].text().unwrap_or_default()).collect();
            return Err(SqlError::new(1062, "23000", format!("Duplicate entry '{}' for key '{key}'", vals.join("-"))));
        }
    }
    Ok(())
}
