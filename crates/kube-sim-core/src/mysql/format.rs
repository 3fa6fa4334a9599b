//! How the `mysql` client prints results in interactive mode: boxed tables, `\G` records,
//! `N rows in set`, `Query OK`, errors.

use super::exec::{Outcome, ResultSet};
use super::SqlError;

fn width(s: &str) -> usize {
    s.chars().count()
}

/// The boxed table, as `mysql` prints a result set (header, rows, border; ends with `\n`).
pub fn table(rs: &ResultSet) -> String {
    let widths: Vec<usize> = rs
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let data = rs.rows.iter().map(|r| r.get(i).and_then(|v| v.as_deref()).map_or(4, width)).max().unwrap_or(0);
            let w = width(&c.name).max(data);
            if w < 4 && !c.not_null { 4 } else { w }
        })
        .collect();
    let border: String = {
        let mut s = String::from("+");
        for w in &widths {
            s.push_str(&"-".repeat(w + 2));
            s.push('+');
        }
        s.push('\n');
        s
    };
    let mut out = border.clone();
    out.push('|');
    for (c, w) in rs.columns.iter().zip(&widths) {
        out.push_str(&format!(" {}{} |", c.name, " ".repeat(w - width(&c.name))));
    }
    out.push('\n');
    out.push_str(&border);
    for r in &rs.rows {
        out.push('|');
        for (i, (c, w)) in rs.columns.iter().zip(&widths).enumerate() {
            let v = r.get(i).and_then(|v| v.as_deref()).unwrap_or("NULL");
            let pad = " ".repeat(w.saturating_sub(width(v)));
            if c.numeric {
                out.push_str(&format!(" {pad}{v} |"));
            } else {
                out.push_str(&format!(" {v}{pad} |"));
            }
        }
        out.push('\n');
    }
    out.push_str(&border);
    out
}

/// The `\G` form: one block per row.
pub fn vertical(rs: &ResultSet) -> String {
    let w = rs.columns.iter().map(|c| width(&c.name)).max().unwrap_or(0);
    let mut out = String::new();
    for (n, r) in rs.rows.iter().enumerate() {
        out.push_str(&format!("*************************** {}. row ***************************\n", n + 1));
        for (i, c) in rs.columns.iter().enumerate() {
            let v = r.get(i).and_then(|v| v.as_deref()).unwrap_or("NULL");
            out.push_str(&format!("{}{}: {v}\n", " ".repeat(w - width(&c.name)), c.name));
        }
    }
    out
}

fn rows_word(n: u64) -> &'static str {
    if n == 1 { "row" } else { "rows" }
}

/// Everything the client prints for a statement's outcome, with the blank line after it.
pub fn outcome(o: &Outcome, vertical_mode: bool) -> String {
    match o {
        Outcome::DatabaseChanged => "Database changed\n".into(),
        Outcome::Rows(rs) if rs.rows.is_empty() => "Empty set (0.00 sec)\n\n".into(),
        Outcome::Rows(rs) => {
            let n = rs.rows.len() as u64;
            let body = if vertical_mode { vertical(rs) } else { table(rs) };
            format!("{body}{n} {} in set (0.00 sec)\n\n", rows_word(n))
        }
        Outcome::Ok { affected, warnings, info, secs } => {
            let warn = match warnings {
                0 => String::new(),
                1 => ", 1 warning".into(),
                n => format!(", {n} warnings"),
            };
            let mut s = format!("Query OK, {affected} {} affected{warn} ({secs} sec)\n", rows_word(*affected));
            if let Some(i) = info {
                s.push_str(i);
                s.push('\n');
            }
            s.push('\n');
            s
        }
    }
}

/// An error as the client prints it.
pub fn error(e: &SqlError) -> String {
    format!("{}\n", e.line())
}

/// The 1064 syntax error for `query`, quoting up to 80 characters from byte `pos`.
pub fn syntax_error(query: &str, pos: usize) -> SqlError {
    let pos = pos.min(query.len());
    let pos = (0..=pos).rev().find(|p| query.is_char_boundary(*p)).unwrap_or(0);
    let near: String = query[pos..].chars().take(80).collect();
    let line = query[..pos].matches('\n').count() + 1;
    SqlError::new(
        1064,
        "42000",
        format!(
            "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '{near}' at line {line}"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::super::exec::ResultColumn;
    use super::*;

    fn rs(cols: &[(&str, bool, bool)], rows: &[&[Option<&str>]]) -> ResultSet {
        ResultSet {
            columns: cols.iter().map(|(n, num, nn)| ResultColumn { name: n.to_string(), numeric: *num, not_null: *nn }).collect(),
            rows: rows.iter().map(|r| r.iter().map(|v| v.map(str::to_string)).collect()).collect(),
        }
    }

    #[test]
    fn narrow_nullable_columns_get_room_for_null() {
        let t = rs(&[("id", true, false)], &[&[Some("1")]]);
        assert_eq!(table(&t), "+------+\n| id   |\n+------+\n|    1 |\n+------+\n");
        let t = rs(&[("1", true, true)], &[&[Some("1")]]);
        assert_eq!(table(&t), "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n");
    }

    #[test]
    fn strings_left_numbers_right_null_printed() {
        let t = rs(&[("id", true, false), ("name", false, false)], &[&[Some("10"), Some("bob")], &[None, None]]);
        assert_eq!(
            table(&t),
            "+------+------+\n| id   | name |\n+------+------+\n|   10 | bob  |\n| NULL | NULL |\n+------+------+\n"
        );
    }

    #[test]
    fn vertical_aligns_names() {
        let t = rs(&[("id", true, false), ("name", false, false)], &[&[Some("1"), None]]);
        assert_eq!(
            vertical(&t),
            "*************************** 1. row ***************************\n  id: 1\nname: NULL\n"
        );
    }

    #[test]
    fn ok_messages() {
        let o = Outcome::Ok { affected: 2, warnings: 1, info: Some("Records: 2  Duplicates: 0  Warnings: 1".into()), secs: "0.01" };
        assert_eq!(outcome(&o, false), "Query OK, 2 rows affected, 1 warning (0.01 sec)\nRecords: 2  Duplicates: 0  Warnings: 1\n\n");
    }

    #[test]
    fn syntax_error_quotes_80_chars_and_line() {
        let e = syntax_error("select *\nform t", 9);
        assert_eq!(e.line(), "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'form t' at line 2");
        let long = format!("x {}", "a".repeat(100));
        assert!(syntax_error(&long, 0).message.contains(&format!("near 'x {}' at line 1", "a".repeat(78))));
    }
}
