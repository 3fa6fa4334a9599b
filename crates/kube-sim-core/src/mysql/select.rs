//! `SELECT`: filtering, aggregates, ordering, limits and the result columns.

use super::eval::{eval, expr_kind, is_aggregate, is_aggregate_name, passes, unknown_column};
use super::exec::{Outcome, ResultColumn, ResultSet, Session, INFORMATION_SCHEMA};
use super::system;
use super::parser::{Expr, SelectItem, TableRef};
use super::storage::Table;
use super::value::{compare, Value};
use super::SqlError;

impl Session<'_> {
    pub(super) fn select(
        &mut self,
        items: Vec<SelectItem>,
        from: Option<TableRef>,
        filter: Option<Expr>,
        order: Vec<(Expr, bool)>,
        limit: Option<(u64, u64)>,
    ) -> Result<Outcome, SqlError> {
        let table = match &from {
            None => None,
            Some(t) => {
                let db = self.db_of(t)?;
                if db == INFORMATION_SCHEMA {
                    let grants = self.grants.clone();
                    let visible = move |d: &str| grants.allows(d);
                    match system::information_schema_table(&*self.dir, &t.name, &visible) {
                        Some(tb) => Some(tb),
                        None => return Err(SqlError::new(1109, "42S02", format!("Unknown table '{}' in information_schema", t.name))),
                    }
                } else {
                    Some(self.load("SELECT", t)?.1)
                }
            }
        };
        let tb = table.as_ref();
        // Expand `*` into columns.
        let mut exprs: Vec<(Expr, String)> = Vec::new();
        for it in items {
            match it {
                SelectItem::Star => match tb {
                    None => return Err(SqlError::new(1096, "HY000", "No tables used")),
                    Some(t) => exprs.extend(t.columns.iter().map(|c| (Expr::Col(c.name.clone()), c.name.clone()))),
                },
                SelectItem::Expr(e, h) => exprs.push((e, h)),
            }
        }
        // ORDER BY may name a select-list alias or position.
        let order = order
            .into_iter()
            .map(|(e, desc)| {
                let e = match &e {
                    Expr::Lit(Value::Int(n)) => match usize::try_from(*n).ok().and_then(|i| i.checked_sub(1)).and_then(|i| exprs.get(i)) {
                        Some((x, _)) => x.clone(),
                        None => return Err(unknown_column(&n.to_string(), "order clause")),
                    },
                    Expr::Col(c) => exprs.iter().find(|(_, h)| h.eq_ignore_ascii_case(c)).map_or(e.clone(), |(x, _)| x.clone()),
                    _ => e,
                };
                Ok((e, desc))
            })
            .collect::<Result<Vec<_>, SqlError>>()?;
        let columns: Vec<ResultColumn> = exprs
            .iter()
            .map(|(e, h)| {
                let (numeric, nullable) = expr_kind(e, tb);
                ResultColumn { name: h.clone(), numeric, not_null: !nullable }
            })
            .collect();
        let empty: Vec<Vec<Value>> = vec![Vec::new()];
        let source: &[Vec<Value>] = match tb {
            Some(t) => &t.rows,
            None => &empty,
        };
        let mut rows: Vec<&Vec<Value>> = Vec::new();
        for r in source {
            let keep = match &filter {
                None => true,
                Some(f) => passes(f, &self.ctx(tb, Some(r), "where clause"))?,
            };
            if keep {
                rows.push(r);
            }
        }
        let mut out: Vec<Vec<Value>> = Vec::new();
        if exprs.iter().any(|(e, _)| is_aggregate(e)) {
            let first = rows.first().map(|r| r.as_slice());
            let mut row = Vec::new();
            for (e, _) in &exprs {
                row.push(self.eval_aggregate(e, tb, &rows, first)?);
            }
            out.push(row);
        } else {
            // Validate the select list even when no row matches.
            for (e, _) in &exprs {
                eval(e, &self.ctx(tb, None, "field list"))?;
            }
            for (e, _) in &order {
                eval(e, &self.ctx(tb, None, "order clause"))?;
            }
            let mut keyed = Vec::new();
            for r in rows {
                let mut keys = Vec::new();
                for (e, _) in &order {
                    keys.push(eval(e, &self.ctx(tb, Some(r), "order clause"))?);
                }
                let mut vals = Vec::new();
                for (e, _) in &exprs {
                    vals.push(eval(e, &self.ctx(tb, Some(r), "field list"))?);
                }
                keyed.push((keys, vals));
            }
            keyed.sort_by(|a, b| {
                for (i, (_, desc)) in order.iter().enumerate() {
                    let o = match (&a.0[i], &b.0[i]) {
                        (Value::Null, Value::Null) => std::cmp::Ordering::Equal,
                        (Value::Null, _) => std::cmp::Ordering::Less,
                        (_, Value::Null) => std::cmp::Ordering::Greater,
                        (x, y) => compare(x, y).unwrap_or(std::cmp::Ordering::Equal),
                    };
                    let o = if *desc { o.reverse() } else { o };
                    if o != std::cmp::Ordering::Equal {
                        return o;
                    }
                }
                std::cmp::Ordering::Equal
            });
            out = keyed.into_iter().map(|(_, v)| v).collect();
        }
        if let Some((off, n)) = limit {
            out = out.into_iter().skip(usize::try_from(off).unwrap_or(usize::MAX)).take(usize::try_from(n).unwrap_or(usize::MAX)).collect();
        }
        let rows = out.into_iter().map(|r| r.iter().map(Value::text).collect()).collect();
        Ok(Outcome::Rows(ResultSet { columns, rows }))
    }

    fn eval_aggregate(&self, e: &Expr, tb: Option<&Table>, rows: &[&Vec<Value>], first: Option<&[Value]>) -> Result<Value, SqlError> {
        let Expr::Func { name, args, star } = e else {
            if !is_aggregate(e) {
                return eval(e, &self.ctx(tb, first, "field list"));
            }
            return Err(SqlError::new(1111, "HY000", "Invalid use of group function"));
        };
        if !is_aggregate_name(name) {
            if !is_aggregate(e) {
                return eval(e, &self.ctx(tb, first, "field list"));
            }
            return Err(SqlError::new(1111, "HY000", "Invalid use of group function"));
        }
        let lname = name.to_ascii_lowercase();
        if *star {
            return Ok(Value::Int(rows.len() as i64));
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
