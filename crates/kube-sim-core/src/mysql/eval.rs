//! Expression evaluation over a row, with MySQL's conversions and its 1054 errors.

use std::cmp::Ordering;

use super::parser::{BinOp, Expr};
use super::storage::Table;
use super::value::{compare, numeric_prefix, Value};
use super::SqlError;

/// What an expression can see: the table and row (if any), the session's facts, and the clause
/// named in "Unknown column" errors.
pub struct Ctx<'a> {
    /// The table the row belongs to.
    pub table: Option<&'a Table>,
    /// The current row.
    pub row: Option<&'a [Value]>,
    /// `'field list'`, `'where clause'`, `'order clause'`.
    pub clause: &'static str,
    /// `VERSION()`.
    pub version: &'a str,
    /// `DATABASE()`.
    pub database: Option<&'a str>,
    /// `USER()`: `root@10.244.1.5`.
    pub user: &'a str,
    /// `CURRENT_USER()`: `root@%`.
    pub current_user: &'a str,
    /// The server, for `@@variables`.
    pub server: super::MysqlVersion,
    /// Unix seconds, for `NOW()`.
    pub now: i64,
    /// `@@hostname`.
    pub hostname: &'a str,
}

impl Ctx<'_> {
    fn variable(&self, name: &str) -> Option<String> {
        super::vars::lookup(self.server, self.hostname, name)
    }
}

/// The "Unknown column" error.
pub fn unknown_column(name: &str, clause: &str) -> SqlError {
    SqlError::new(1054, "42S22", format!("Unknown column '{name}' in '{clause}'"))
}

/// Whether an expression uses an aggregate (`COUNT`).
pub fn is_aggregate(e: &Expr) -> bool {
    match e {
        Expr::Func { name, args, .. } => is_aggregate_name(name) || args.iter().any(is_aggregate),
        Expr::In(x, list, _) => is_aggregate(x) || list.iter().any(is_aggregate),
        Expr::Bin(_, l, r) | Expr::Like(l, r, _) => is_aggregate(l) || is_aggregate(r),
        Expr::Not(x) | Expr::Neg(x) | Expr::IsNull(x, _) => is_aggregate(x),
        Expr::Lit(_) | Expr::Col(_) => false,
    }
}

/// `COUNT`, `SUM`, `MIN`, `MAX`, `AVG`.
pub fn is_aggregate_name(name: &str) -> bool {
    ["count", "sum", "min", "max", "avg"].iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// SQL truth: NULL is unknown, numbers are true when non-zero.
pub fn truth(v: &Value) -> Option<bool> {
    match v {
        Value::Null => None,
        Value::Int(i) => Some(*i != 0),
        Value::Str(s) => Some(numeric_prefix(s).0 != 0.0),
    }
}

fn bool_val(b: Option<bool>) -> Value {
    match b {
        None => Value::Null,
        Some(b) => Value::Int(i64::from(b)),
    }
}

/// Whether a row passes a `WHERE` condition (NULL counts as false).
pub fn passes(e: &Expr, ctx: &Ctx) -> Result<bool, SqlError> {
    Ok(truth(&eval(e, ctx)?) == Some(true))
}

fn num_result(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.2e18 {
        Value::Int(x as i64)
    } else {
        Value::Str(format!("{x}"))
    }
}

/// `LIKE` with `%` and `_`, case-insensitive (dynamic programming: linear in text × pattern).
pub fn like(s: &str, p: &str) -> bool {
    let s: Vec<char> = s.to_lowercase().chars().collect();
    let p: Vec<char> = p.to_lowercase().chars().collect();
    // row[j]: whether s[..i] matches p[..j].
    let mut row = vec![false; p.len() + 1];
    row[0] = true;
    for j in 1..=p.len() {
        row[j] = row[j - 1] && p[j - 1] == '%';
    }
    for &c in &s {
        let mut next = vec![false; p.len() + 1];
        for j in 1..=p.len() {
            next[j] = match p[j - 1] {
                '%' => next[j - 1] || row[j],
                '_' => row[j - 1],
                pc => row[j - 1] && pc == c,
            };
        }
        row = next;
    }
    row[p.len()]
}

/// Evaluates an expression (aggregates must have been replaced before).
pub fn eval(e: &Expr, ctx: &Ctx) -> Result<Value, SqlError> {
    Ok(match e {
        Expr::Lit(v) => v.clone(),
        Expr::Col(name) => {
            let idx = ctx.table.and_then(|t| t.column_index(name)).ok_or_else(|| unknown_column(name, ctx.clause))?;
            ctx.row.and_then(|r| r.get(idx)).cloned().unwrap_or(Value::Null)
        }
        Expr::Neg(x) => match eval(x, ctx)? {
            Value::Null => Value::Null,
            Value::Int(i) => Value::Int(i.wrapping_neg()),
            v => num_result(-v.as_number().unwrap_or(0.0)),
        },
        Expr::Not(x) => bool_val(truth(&eval(x, ctx)?).map(|b| !b)),
        Expr::IsNull(x, not) => Value::Int(i64::from((eval(x, ctx)? == Value::Null) != *not)),
        Expr::Like(x, p, not) => {
            let (v, pv) = (eval(x, ctx)?, eval(p, ctx)?);
            match (v.text(), pv.text()) {
                (Some(s), Some(p)) => Value::Int(i64::from(like(&s, &p) != *not)),
                _ => Value::Null,
            }
        }
        Expr::Bin(op, l, r) => {
            let a = eval(l, ctx)?;
            match op {
                BinOp::And => {
                    let b = eval(r, ctx)?;
                    return Ok(match (truth(&a), truth(&b)) {
                        (Some(false), _) | (_, Some(false)) => Value::Int(0),
                        (Some(true), Some(true)) => Value::Int(1),
                        _ => Value::Null,
                    });
                }
                BinOp::Or => {
                    let b = eval(r, ctx)?;
                    return Ok(match (truth(&a), truth(&b)) {
                        (Some(true), _) | (_, Some(true)) => Value::Int(1),
                        (Some(false), Some(false)) => Value::Int(0),
                        _ => Value::Null,
                    });
                }
                _ => {}
            }
            let b = eval(r, ctx)?;
            let ord = compare(&a, &b);
            match op {
                BinOp::Eq => bool_val(ord.map(|o| o == Ordering::Equal)),
                BinOp::Ne => bool_val(ord.map(|o| o != Ordering::Equal)),
                BinOp::Lt => bool_val(ord.map(|o| o == Ordering::Less)),
                BinOp::Gt => bool_val(ord.map(|o| o == Ordering::Greater)),
                BinOp::Le => bool_val(ord.map(|o| o != Ordering::Greater)),
                BinOp::Ge => bool_val(ord.map(|o| o != Ordering::Less)),
                BinOp::Add | BinOp::Sub | BinOp::Mul => match (&a, &b) {
                    (Value::Null, _) | (_, Value::Null) => Value::Null,
                    (Value::Int(x), Value::Int(y)) => {
                        let r = match op {
                            BinOp::Add => x.checked_add(*y),
                            BinOp::Sub => x.checked_sub(*y),
                            _ => x.checked_mul(*y),
                        };
                        match r {
                            Some(v) => Value::Int(v),
                            None => return Err(SqlError::new(1690, "22003", "BIGINT value is out of range")),
                        }
                    }
                    _ => {
                        let (x, y) = (a.as_number().unwrap_or(0.0), b.as_number().unwrap_or(0.0));
                        num_result(match op {
                            BinOp::Add => x + y,
                            BinOp::Sub => x - y,
                            _ => x * y,
                        })
                    }
                },
                BinOp::And | BinOp::Or => Value::Null,
            }
        }
        Expr::Func { name, args, .. } => call(name, args, ctx)?,
        Expr::In(x, list, not) => {
            let v = eval(x, ctx)?;
            let mut saw_null = v == Value::Null;
            let mut hit = false;
            for e in list {
                match compare(&v, &eval(e, ctx)?) {
                    Some(Ordering::Equal) => hit = true,
                    None => saw_null = true,
                    _ => {}
                }
            }
            if hit {
                Value::Int(i64::from(!*not))
            } else if saw_null {
                Value::Null
            } else {
                Value::Int(i64::from(*not))
            }
        }
    })
}

fn call(name: &str, args: &[Expr], ctx: &Ctx) -> Result<Value, SqlError> {
    if is_aggregate_name(name) {
        return Err(SqlError::new(1111, "HY000", "Invalid use of group function"));
    }
    let lname = name.to_ascii_lowercase();
    let vals = args.iter().map(|a| eval(a, ctx)).collect::<Result<Vec<_>, _>>()?;
    let argc = |n: usize| -> Result<(), SqlError> {
        if vals.len() == n {
            Ok(())
        } else {
            Err(SqlError::new(1582, "42000", format!("Incorrect parameter count in the call to native function '{name}'")))
        }
    };
    Ok(match lname.as_str() {
        "version" => {
            argc(0)?;
            Value::Str(ctx.version.to_string())
        }
        "database" | "schema" => {
            argc(0)?;
            ctx.database.map_or(Value::Null, |d| Value::Str(d.to_string()))
        }
        "user" | "session_user" | "system_user" => {
            argc(0)?;
            Value::Str(ctx.user.to_string())
        }
        "current_user" => {
            argc(0)?;
            Value::Str(ctx.current_user.to_string())
        }
        "now" | "current_timestamp" | "sysdate" | "localtime" | "curdate" | "current_date" | "curtime" | "current_time" => {
            argc(0)?;
            let (y, mo, d, h, mi, s) = crate::clock::civil(ctx.now);
            Value::Str(match lname.as_str() {
                "curdate" | "current_date" => format!("{y:04}-{mo:02}-{d:02}"),
                "curtime" | "current_time" => format!("{h:02}:{mi:02}:{s:02}"),
                _ => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
            })
        }
        "upper" | "ucase" | "lower" | "lcase" => {
            argc(1)?;
            match vals.first().and_then(Value::text) {
                None => Value::Null,
                Some(s) if lname.starts_with('u') => Value::Str(s.to_uppercase()),
                Some(s) => Value::Str(s.to_lowercase()),
            }
        }
        "length" | "char_length" => {
            argc(1)?;
            match vals.first().and_then(Value::text) {
                None => Value::Null,
                Some(s) if lname == "length" => Value::Int(s.len() as i64),
                Some(s) => Value::Int(s.chars().count() as i64),
            }
        }
        "concat" => {
            let mut out = String::new();
            for v in &vals {
                match v.text() {
                    None => return Ok(Value::Null),
                    Some(s) => out.push_str(&s),
                }
            }
            Value::Str(out)
        }
        v if v.starts_with("@@") => {
            let var = v.trim_start_matches("@@");
            let var = var.strip_prefix("global.").or_else(|| var.strip_prefix("session.")).unwrap_or(var);
            match ctx.variable(var) {
                Some(val) => Value::Str(val),
                None => return Err(SqlError::new(1193, "HY000", format!("Unknown system variable '{var}'"))),
            }
        }
        _ => {
            return Err(match ctx.database {
                Some(db) => SqlError::new(1305, "42000", format!("FUNCTION {db}.{name} does not exist")),
                None => SqlError::new(1046, "3D000", "No database selected"),
            })
        }
    })
}

/// Whether an expression's values are numbers (the client right-aligns them), and whether it
/// can be NULL.
pub fn expr_kind(e: &Expr, table: Option<&Table>) -> (bool, bool) {
    match e {
        Expr::Lit(Value::Int(_)) => (true, false),
        Expr::Lit(Value::Str(_)) => (false, false),
        Expr::Lit(Value::Null) => (false, true),
        Expr::Col(n) => table
            .and_then(|t| t.column_index(n).and_then(|i| t.columns.get(i)))
            .map_or((false, true), |c| (c.ty.is_integer(), c.nullable)),
        Expr::Bin(BinOp::Add | BinOp::Sub | BinOp::Mul, l, r) => {
            let (a, b) = (expr_kind(l, table), expr_kind(r, table));
            (true, a.1 || b.1)
        }
        Expr::Bin(_, l, r) | Expr::Like(l, r, _) => (true, expr_kind(l, table).1 || expr_kind(r, table).1),
        Expr::Not(x) | Expr::Neg(x) => (true, expr_kind(x, table).1),
        Expr::IsNull(..) => (true, false),
        Expr::In(x, _, _) => (true, expr_kind(x, table).1),
        Expr::Func { name, .. } => match name.to_ascii_lowercase().as_str() {
            "count" => (true, false),
            "sum" | "avg" => (true, true),
            "min" | "max" => (e_args_kind(e, table), true),
            "length" | "char_length" => (true, true),
            "version" | "user" | "current_user" | "session_user" | "system_user" | "now" | "current_timestamp" | "sysdate"
            | "curdate" | "current_date" | "curtime" | "current_time" | "localtime" => (false, false),
            "@@port" | "@@max_connections" | "@@lower_case_table_names" => (true, false),
            n if n.starts_with("@@") => (false, false),
            _ => (false, true),
        },
    }
}

fn e_args_kind(e: &Expr, table: Option<&Table>) -> bool {
    match e {
        Expr::Func { args, .. } => args.first().is_some_and(|a| expr_kind(a, table).0),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns() {
        assert!(like("Hello", "h%o"));
        assert!(like("abc", "a_c"));
        assert!(!like("abc", "a_"));
        assert!(!like(&"a".repeat(200), &format!("{}b", "%".repeat(100))));
    }
}
