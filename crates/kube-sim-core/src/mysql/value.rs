//! Values, column types and column definitions.

use std::cmp::Ordering;

/// A cell value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// Any integer type.
    Int(i64),
    /// Strings, dates and datetimes.
    Str(String),
}

impl Value {
    /// The text the client prints (`None` for NULL).
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Int(i) => Some(i.to_string()),
            Value::Str(s) => Some(s.clone()),
        }
    }

    /// The number MySQL converts a value to: a string's leading numeric prefix, else 0.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Null => None,
            Value::Int(i) => Some(*i as f64),
            Value::Str(s) => Some(numeric_prefix(s).0),
        }
    }
}

/// The leading number of a string as MySQL reads it, and whether the whole string was used.
pub fn numeric_prefix(s: &str) -> (f64, bool) {
    let t = s.trim_start();
    let b = t.as_bytes();
    let mut end = 0;
    if end < b.len() && (b[end] == b'-' || b[end] == b'+') {
        end += 1;
    }
    let digits_start = end;
    while end < b.len() && b[end].is_ascii_digit() {
        end += 1;
    }
    if end < b.len() && b[end] == b'.' {
        end += 1;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
    }
    if end == digits_start {
        return (0.0, t.is_empty());
    }
    let n = t.get(..end).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (n, t.get(end..).is_some_and(|r| r.trim().is_empty()))
}

/// Normalises a date or datetime literal (`2024-12-10`, `2024-12-10 8:05:00`) to MySQL's
/// form; `None` when it is not a valid date.
pub fn normalize_datetime(s: &str, with_time: bool) -> Option<String> {
    let s = s.trim();
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let mut dp = date.split('-');
    let (y, m, d): (u32, u32, u32) = (dp.next()?.parse().ok()?, dp.next()?.parse().ok()?, dp.next()?.parse().ok()?);
    if dp.next().is_some() || y > 9999 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        0 => 0,
        _ => return None,
    };
    if d > days && !(m == 0 && d == 0) {
        return None;
    }
    let (mut h, mut mi, mut se) = (0u32, 0u32, 0u32);
    if let Some(t) = time {
        let mut tp = t.split(':');
        h = tp.next()?.parse().ok()?;
        mi = tp.next().map_or(Some(0), |x| x.parse().ok())?;
        se = tp.next().map_or(Some(0), |x| x.split('.').next().and_then(|x| x.parse().ok()))?;
        if h > 23 || mi > 59 || se > 59 {
            return None;
        }
    }
    Some(if with_time {
        format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{se:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    })
}

/// Compares two values the MySQL way: numbers numerically, a number with a string as numbers,
/// strings case-insensitively (latin1_swedish_ci). `None` when either is NULL.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => None,
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Str(x), Value::Str(y)) => Some(x.to_lowercase().trim_end().cmp(y.to_lowercase().trim_end())),
        _ => a.as_number()?.partial_cmp(&b.as_number()?),
    }
}

/// The column types the simulation knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColType {
    /// `tinyint`.
    TinyInt,
    /// `smallint`.
    SmallInt,
    /// `int` / `integer`.
    Int,
    /// `bigint`.
    BigInt,
    /// `varchar(n)`.
    Varchar,
    /// `char(n)`.
    Char,
    /// `text`.
    Text,
    /// `datetime`.
    DateTime,
    /// `date`.
    Date,
}

impl ColType {
    /// The keyword (lower case) as stored in the definition file.
    pub fn keyword(self) -> &'static str {
        match self {
            ColType::TinyInt => "tinyint",
            ColType::SmallInt => "smallint",
            ColType::Int => "int",
            ColType::BigInt => "bigint",
            ColType::Varchar => "varchar",
            ColType::Char => "char",
            ColType::Text => "text",
            ColType::DateTime => "datetime",
            ColType::Date => "date",
        }
    }

    /// Parses a type keyword, case-insensitively.
    pub fn from_keyword(k: &str) -> Option<ColType> {
        Some(match k.to_ascii_lowercase().as_str() {
            "tinyint" => ColType::TinyInt,
            "smallint" => ColType::SmallInt,
            "int" | "integer" => ColType::Int,
            "bigint" => ColType::BigInt,
            "varchar" => ColType::Varchar,
            "char" => ColType::Char,
            "text" => ColType::Text,
            "datetime" => ColType::DateTime,
            "date" => ColType::Date,
            _ => return None,
        })
    }

    /// Whether values are integers (right-aligned by the client).
    pub fn is_integer(self) -> bool {
        matches!(self, ColType::TinyInt | ColType::SmallInt | ColType::Int | ColType::BigInt)
    }

    /// The display width MySQL 5.6 gives an integer type declared without one.
    fn default_width(self) -> Option<u32> {
        match self {
            ColType::TinyInt => Some(4),
            ColType::SmallInt => Some(6),
            ColType::Int => Some(11),
            ColType::BigInt => Some(20),
            ColType::Char => Some(1),
            _ => None,
        }
    }

    /// The value range of an integer type.
    pub fn range(self) -> Option<(i64, i64)> {
        match self {
            ColType::TinyInt => Some((-128, 127)),
            ColType::SmallInt => Some((-32768, 32767)),
            ColType::Int => Some((-2_147_483_648, 2_147_483_647)),
            ColType::BigInt => Some((i64::MIN, i64::MAX)),
            _ => None,
        }
    }
}

/// A column definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Name as declared.
    pub name: String,
    /// Type.
    pub ty: ColType,
    /// Declared length / display width.
    pub len: Option<u32>,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// Part of the primary key.
    pub primary: bool,
    /// `AUTO_INCREMENT`.
    pub auto_increment: bool,
    /// Declared default (`None`: no default, shown as NULL).
    pub default: Option<String>,
}

impl Column {
    /// The type as `DESCRIBE` and `SHOW CREATE TABLE` print it: `int(11)`, `varchar(20)`; 8.0
    /// drops integer display widths.
    pub fn display_type(&self, v8: bool) -> String {
        let kw = self.ty.keyword();
        if v8 && self.ty.is_integer() {
            return kw.to_string();
        }
        match self.len.or(self.ty.default_width()) {
            Some(n) if !matches!(self.ty, ColType::Text | ColType::DateTime | ColType::Date) => format!("{kw}({n})"),
            _ => kw.to_string(),
        }
    }

    /// Maximum characters a string column holds.
    pub fn max_chars(&self) -> Option<usize> {
        match self.ty {
            ColType::Varchar | ColType::Char => Some(self.len.unwrap_or(1) as usize),
            ColType::Text => Some(65_535),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_prefix_reads_like_mysql() {
        assert_eq!(numeric_prefix("12abc"), (12.0, false));
        assert_eq!(numeric_prefix(" 7 "), (7.0, true));
        assert_eq!(numeric_prefix("abc"), (0.0, false));
        assert_eq!(numeric_prefix("-3.5"), (-3.5, true));
    }

    #[test]
    fn datetimes_normalise() {
        assert_eq!(normalize_datetime("2024-12-10", true).as_deref(), Some("2024-12-10 00:00:00"));
        assert_eq!(normalize_datetime("2024-2-9 8:05", true).as_deref(), Some("2024-02-09 08:05:00"));
        assert_eq!(normalize_datetime("2024-12-10 08:00:00", false).as_deref(), Some("2024-12-10"));
        assert_eq!(normalize_datetime("2023-02-29", false), None);
        assert_eq!(normalize_datetime("yesterday", true), None);
    }

    #[test]
    fn comparisons_follow_mysql_conversions() {
        assert_eq!(compare(&Value::Int(2), &Value::Str("10".into())), Some(Ordering::Less));
        assert_eq!(compare(&Value::Str("ABC".into()), &Value::Str("abc".into())), Some(Ordering::Equal));
        assert_eq!(compare(&Value::Null, &Value::Int(1)), None);
    }

    #[test]
    fn display_types() {
        let c = |ty, len| Column { name: "c".into(), ty, len, nullable: true, primary: false, auto_increment: false, default: None };
        assert_eq!(c(ColType::Int, None).display_type(false), "int(11)");
        assert_eq!(c(ColType::Int, Some(4)).display_type(false), "int(4)");
        assert_eq!(c(ColType::Int, Some(4)).display_type(true), "int");
        assert_eq!(c(ColType::Varchar, Some(20)).display_type(false), "varchar(20)");
        assert_eq!(c(ColType::Char, None).display_type(false), "char(1)");
        assert_eq!(c(ColType::BigInt, None).display_type(false), "bigint(20)");
        assert_eq!(c(ColType::Text, None).display_type(false), "text");
        assert_eq!(c(ColType::DateTime, None).display_type(false), "datetime");
    }
}
