//! `SELECT`: filtering, grouping and aggregates, ordering, limits and the result columns.

use std::cmp::Ordering;

use super::eval::{eval, expr_kind, is_aggregate, is_aggregate_name, passes, truth, unknown_column};
use super::exec::{Outcome, ResultColumn, ResultSet, Session, INFORMATION_SCHEMA};
use super::parser::{Expr, SelectItem, TableRef};
use super::storage::Table;
use super::system;
use super::value::{compare, Value};
use super::SqlError;

/// The parts of a `SELECT`.
pub struct Query {
    /// `SELECT DISTINCT`.
    pub distinct: bool,
    /// The select list.
    pub items: Vec<SelectItem>,
    /// `FROM`.
    pub from: Option<TableRef>,
    /// `WHERE`.
    pub filter: Option<Expr>,
    /// `GROUP BY`.
    pub group: Vec<Expr>,
    /// `HAVING`.
    pub having: Option<Expr>,
    /// `ORDER BY` (expression, descending).
    pub order: Vec<(Expr, bool)>,
    /// `LIMIT` (offset, count).
    pub limit: Option<(u64, u64)>,
}

/// Replaces select-list aliases (and, at the top, positions) in ORDER BY / GROUP BY / HAVING.
fn resolve(e: Expr, exprs: &[(Expr, String)], table: Option<&Table>, clause: &str, top: bool) -> Result<Expr, SqlError> {
    Ok(match e {
        Expr::Lit(Value::Int(n)) if top => match usize::try_from(n).ok().and_then(|i| i.checked_sub(1)).and_then(|i| exprs.get(i)) {
            Some((x, _)) => x.clone(),
            None => return Err(unknown_column(&n.to_string(), clause)),
        },
        Expr::Col(c) => {
            let is_column = table.is_some_and(|t| t.column_index(&c).is_some());
            match exprs.iter().find(|(x, h)| h.eq_ignore_ascii_case(&c) && (!is_column || !matches!(x, Expr::Col(_)))) {
                Some((x, _)) if !(clause == "group statement" && is_aggregate(x)) => x.clone(),
                _ => Expr::Col(c),
            }
        }
        Expr::Bin(op, l, r) => Expr::Bin(op, Box::new(resolve(*l, exprs, table, clause, false)?), Box::new(resolve(*r, exprs, table, clause, false)?)),
        Expr::Not(x) => Expr::Not(Box::new(resolve(*x, exprs, table, clause, false)?)),
        other => other,
    })
}

fn order_values(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (x, y) => compare(x, y).unwrap_or(Ordering::Equal),
    }
}

impl Session<'_> {
    fn select_source(&self, from: &Option<TableRef>) -> Result<Option<Table>, SqlError> {
        let Some(t) = from else { return Ok(None) };
        let db = self.db_of(t)?;
        if db != INFORMATION_SCHEMA {
            return Ok(Some(self.load("SELECT", t)?.1));
        }
        let grants = self.grants.clone();
        let visible = move |d: &str| grants.allows(d);
        match system::information_schema_table(&*self.dir, &t.name, &visible) {
            Some(tb) => Ok(Some(tb)),
            None => Err(SqlError::new(1109, "42S02", format!("Unknown table '{}' in information_schema", t.name))),
        }
    }

    pub(super) fn select(&mut self, q: Query) -> Result<Outcome, SqlError> {
        let table = self.select_source(&q.from)?;
        let tb = table.as_ref();
        let mut exprs: Vec<(Expr, String)> = Vec::new();
        for it in q.items {
            match it {
                SelectItem::Star => match tb {
                    None => return Err(SqlError::new(1096, "HY000", "No tables used")),
                    Some(t) => exprs.extend(t.columns.iter().map(|c| (Expr::Col(c.name.clone()), c.name.clone()))),
                },
                SelectItem::Expr(e, h) => exprs.push((e, h)),
            }
        }
        let order = q
            .order
            .into_iter()
            .map(|(e, d)| Ok((resolve(e, &exprs, tb, "order clause", true)?, d)))
            .collect::<Result<Vec<_>, SqlError>>()?;
        let group = q.group.into_iter().map(|e| resolve(e, &exprs, tb, "group statement", true)).collect::<Result<Vec<_>, SqlError>>()?;
        let having = q.having.map(|e| resolve(e, &exprs, tb, "having clause", false)).transpose()?;
        let columns: Vec<ResultColumn> = exprs
            .iter()
            .map(|(e, h)| {
                let (numeric, nullable) = expr_kind(e, tb);
                ResultColumn { name: h.clone(), numeric, not_null: !nullable }
            })
            .collect();
        let empty: Vec<Vec<Value>> = vec![Vec::new()];
        let source: &[Vec<Value>] = tb.map_or(&empty, |t| &t.rows);
        let mut rows: Vec<&Vec<Value>> = Vec::new();
        for r in source {
            let keep = match &q.filter {
                None => true,
                Some(f) => passes(f, &self.ctx(tb, Some(r), "where clause"))?,
            };
            if keep {
                rows.push(r);
            }
        }
        // Validate names even when no row matches.
        for (e, _) in &exprs {
            self.check_names(e, tb, "field list")?;
        }
        for e in &group {
            self.check_names(e, tb, "group statement")?;
        }
        for (e, _) in &order {
            self.check_names(e, tb, "order clause")?;
        }
        let grouped = !group.is_empty() || having.is_some() || exprs.iter().any(|(e, _)| is_aggregate(e));
        let mut keyed: Vec<(Vec<Value>, Vec<Value>)> = Vec::new();
        if grouped {
            for g in self.groups(&group, tb, rows)? {
                let first = g.first().map(|r| r.as_slice());
                if let Some(h) = &having {
                    if truth(&self.eval_aggregate(h, tb, &g, first)?) != Some(true) {
                        continue;
                    }
                }
                let keys = order.iter().map(|(e, _)| self.eval_aggregate(e, tb, &g, first)).collect::<Result<Vec<_>, _>>()?;
                let vals = exprs.iter().map(|(e, _)| self.eval_aggregate(e, tb, &g, first)).collect::<Result<Vec<_>, _>>()?;
                keyed.push((keys, vals));
            }
        } else {
            for r in rows {
                let keys = order.iter().map(|(e, _)| eval(e, &self.ctx(tb, Some(r), "order clause"))).collect::<Result<Vec<_>, _>>()?;
                let vals = exprs.iter().map(|(e, _)| eval(e, &self.ctx(tb, Some(r), "field list"))).collect::<Result<Vec<_>, _>>()?;
                keyed.push((keys, vals));
            }
        }
        crate::sort::sort_by(&mut keyed, |a, b| {
            for (i, (_, desc)) in order.iter().enumerate() {
                let o = order_values(&a.0[i], &b.0[i]);
                let o = if *desc { o.reverse() } else { o };
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        });
        let mut out: Vec<Vec<Value>> = keyed.into_iter().map(|(_, v)| v).collect();
        if q.distinct {
            let mut seen: Vec<Vec<Value>> = Vec::new();
            out.retain(|r| {
                let dup = seen.iter().any(|s| s.iter().zip(r).all(|(a, b)| order_values(a, b) == Ordering::Equal));
                if !dup {
                    seen.push(r.clone());
                }
                !dup
            });
        }
        if let Some((off, n)) = q.limit {
            out = out.into_iter().skip(usize::try_from(off).unwrap_or(usize::MAX)).take(usize::try_from(n).unwrap_or(usize::MAX)).collect();
        }
        let rows = out.into_iter().map(|r| r.iter().map(Value::text).collect()).collect();
        Ok(Outcome::Rows(ResultSet { columns, rows }))
    }

    /// Fails with 1054 when an expression names a column the table lacks.
    fn check_names(&self, e: &Expr, tb: Option<&Table>, clause: &'static str) -> Result<(), SqlError> {
        match e {
            Expr::Col(c) if tb.and_then(|t| t.column_index(c)).is_none() => Err(unknown_column(c, clause)),
            Expr::Bin(_, l, r) | Expr::Like(l, r, _) => {
                self.check_names(l, tb, clause)?;
                self.check_names(r, tb, clause)
            }
            Expr::Not(x) | Expr::Neg(x) | Expr::IsNull(x, _) => self.check_names(x, tb, clause),
            Expr::In(x, list, _) => {
                self.check_names(x, tb, clause)?;
                list.iter().try_for_each(|l| self.check_names(l, tb, clause))
            }
            Expr::Func { name, args, .. } => {
                if !is_aggregate_name(name) {
                    // Evaluate once without a row to surface unknown functions and variables.
                    eval(e, &self.ctx(tb, None, clause))?;
                }
                args.iter().try_for_each(|a| self.check_names(a, tb, clause))
            }
            _ => Ok(()),
        }
    }

    /// Splits rows into groups by the GROUP BY values: one group of everything without GROUP
    /// BY; sorted by the group values on 5.6 (its implicit sort), in first-seen order on 8.0.
    fn groups<'r>(&self, group: &[Expr], tb: Option<&Table>, rows: Vec<&'r Vec<Value>>) -> Result<Vec<Vec<&'r Vec<Value>>>, SqlError> {
        if group.is_empty() {
            return Ok(vec![rows]);
        }
        let mut groups: Vec<(Vec<Value>, Vec<&Vec<Value>>)> = Vec::new();
        for r in rows {
            let key = group.iter().map(|e| eval(e, &self.ctx(tb, Some(r), "group statement"))).collect::<Result<Vec<_>, _>>()?;
            let same = |k: &Vec<Value>| k.iter().zip(&key).all(|(a, b)| order_values(a, b) == Ordering::Equal);
            match groups.iter_mut().find(|(k, _)| same(k)) {
                Some((_, g)) => g.push(r),
                None => groups.push((key, vec![r])),
            }
        }
        if !self.version.is_v8() {
            crate::sort::sort_by(&mut groups, |a, b| a.0.iter().zip(&b.0).map(|(x, y)| order_values(x, y)).find(|o| *o != Ordering::Equal).unwrap_or(Ordering::Equal));
        }
        Ok(groups.into_iter().map(|(_, g)| g).collect())
    }

    /// Evaluates a select-list / HAVING / ORDER BY expression over a group: aggregates over all
    /// its rows, plain columns from its first row.
    fn eval_aggregate(&self, e: &Expr, tb: Option<&Table>, rows: &[&Vec<Value>], first: Option<&[Value]>) -> Result<Value, SqlError> {
        let folded = self.fold(e, tb, rows, first)?;
        eval(&folded, &self.ctx(tb, first, "field list"))
    }

    /// Replaces aggregate calls by their values.
    fn fold(&self, e: &Expr, tb: Option<&Table>, rows: &[&Vec<Value>], first: Option<&[Value]>) -> Result<Expr, SqlError> {
        let f = |x: &Expr| self.fold(x, tb, rows, first).map(Box::new);
        Ok(match e {
            Expr::Func { name, .. } if is_aggregate_name(name) => Expr::Lit(self.aggregate(e, tb, rows, first)?),
            Expr::Func { name, args, star } => {
                Expr::Func { name: name.clone(), args: args.iter().map(|a| self.fold(a, tb, rows, first)).collect::<Result<_, _>>()?, star: *star }
            }
            Expr::Bin(op, l, r) => Expr::Bin(*op, f(l)?, f(r)?),
            Expr::Not(x) => Expr::Not(f(x)?),
            Expr::Neg(x) => Expr::Neg(f(x)?),
            Expr::IsNull(x, n) => Expr::IsNull(f(x)?, *n),
            Expr::Like(x, p, n) => Expr::Like(f(x)?, f(p)?, *n),
            Expr::In(x, list, n) => Expr::In(f(x)?, list.iter().map(|l| self.fold(l, tb, rows, first)).collect::<Result<_, _>>()?, *n),
            other => other.clone(),
        })
    }

    /// One aggregate call over a group's rows.
    fn aggregate(&self, e: &Expr, tb: Option<&Table>, rows: &[&Vec<Value>], first: Option<&[Value]>) -> Result<Value, SqlError> {
        let Expr::Func { name, args, star } = e else {
            return eval(e, &self.ctx(tb, first, "field list"));
        };
        let lname = name.to_ascii_lowercase();
        if *star {
            return Ok(Value::Int(rows.len() as i64));
        }
        if args.iter().any(is_aggregate) {
            return Err(SqlError::new(1111, "HY000", "Invalid use of group function"));
        }
        let Some(arg) = args.first() else {
            return Err(SqlError::new(1582, "42000", format!("Incorrect parameter count in the call to native function '{name}'")));
        };
        let mut vals = Vec::new();
        for r in rows {
            let v = eval(arg, &self.ctx(tb, Some(r), "field list"))?;
            if v != Value::Null {
                vals.push(v);
            }
        }
        Ok(match lname.as_str() {
            "count" => Value::Int(vals.len() as i64),
            _ if vals.is_empty() => Value::Null,
            "min" | "max" => {
                let mut best = vals[0].clone();
                for v in &vals[1..] {
                    let o = compare(v, &best);
                    if (lname == "min" && o == Some(std::cmp::Ordering::Less)) || (lname == "max" && o == Some(std::cmp::Ordering::Greater)) {
                        best = v.clone();
                    }
                }
                best
            }
            "sum" if vals.iter().all(|v| matches!(v, Value::Int(_))) => {
                Value::Int(vals.iter().map(|v| if let Value::Int(i) = v { *i } else { 0 }).fold(0i64, i64::wrapping_add))
            }
            "sum" => Value::Str(format!("{}", vals.iter().filter_map(Value::as_number).sum::<f64>())),
            _ => {
                let total: f64 = vals.iter().filter_map(Value::as_number).sum();
                Value::Str(format!("{:.4}", total / vals.len() as f64))
            }
        })
    }
}
