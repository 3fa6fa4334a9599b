//! The server's datadir: the [`DataDir`] trait the pod's volume implements, and the file layout
//! of databases and tables in it (a folder per database, `<table>.frm` with the definition and
//! `<table>.ibd` / `<table>.MYD` with the rows, in a deterministic text format).

use std::collections::BTreeMap;

use super::value::{ColType, Column, Value};

/// The datadir of one MySQL server, as seen through the pod's mounts. Paths are relative to
/// the datadir (`mysql/user.frm`, `ibdata1`); `""` is the datadir itself.
pub trait DataDir {
    /// The bytes of a file; `None` when it does not exist or is a directory.
    fn read(&self, path: &str) -> Option<Vec<u8>>;
    /// Creates or replaces a file.
    fn write(&mut self, path: &str, data: &[u8]) -> Result<(), String>;
    /// Names of the entries (files and folders) in a folder, sorted; empty when it does not exist.
    fn list(&self, dir: &str) -> Vec<String>;
    /// Removes a file or an empty folder.
    fn remove(&mut self, path: &str) -> Result<(), String>;
    /// Creates a folder (no error if it exists).
    fn mkdir(&mut self, dir: &str) -> Result<(), String>;
}

/// An in-memory [`DataDir`], for tests and for servers without a volume.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemDataDir {
    /// Files by relative path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Folders by relative path.
    pub dirs: std::collections::BTreeSet<String>,
}

impl DataDir for MemDataDir {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.files.get(path).cloned()
    }
    fn write(&mut self, path: &str, data: &[u8]) -> Result<(), String> {
        if self.dirs.contains(path) {
            return Err("Is a directory".into());
        }
        self.files.insert(path.to_string(), data.to_vec());
        Ok(())
    }
    fn list(&self, dir: &str) -> Vec<String> {
        let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let mut out: Vec<String> = self
            .files
            .keys()
            .chain(self.dirs.iter())
            .filter_map(|p| p.strip_prefix(&prefix))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .map(str::to_string)
            .collect();
        crate::sort::sort(&mut out);
        out.dedup();
        out
    }
    fn remove(&mut self, path: &str) -> Result<(), String> {
        if self.files.remove(path).is_some() {
            return Ok(());
        }
        if self.dirs.contains(path) {
            if !self.list(path).is_empty() {
                return Err("Directory not empty".into());
            }
            self.dirs.remove(path);
            return Ok(());
        }
        Err("No such file or directory".into())
    }
    fn mkdir(&mut self, dir: &str) -> Result<(), String> {
        if self.files.contains_key(dir) {
            return Err("File exists".into());
        }
        self.dirs.insert(dir.to_string());
        Ok(())
    }
}

/// A table: its definition and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Storage engine (`InnoDB`, `MyISAM`, `CSV`, `PERFORMANCE_SCHEMA`).
    pub engine: String,
    /// Columns in order.
    pub columns: Vec<Column>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// A new empty InnoDB table.
    pub fn new(columns: Vec<Column>) -> Table {
        Table { engine: "InnoDB".into(), columns, rows: Vec::new() }
    }

    /// The index of a column, by case-insensitive name.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name.eq_ignore_ascii_case(name))
    }
}

/// Where a server keeps table definitions: 5.6 writes `.frm` files; 8.0 keeps the dictionary
/// inside the tablespace (`.ibd` only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `t.frm` + `t.ibd` (InnoDB) or `t.frm` + `t.MYD` + `t.MYI` (MyISAM).
    Frm,
    /// `t.ibd` holding definition and rows.
    Dictionary,
}

const DB_OPT: &str = "default-character-set=latin1\ndefault-collation=latin1_swedish_ci\n";

/// The on-disk folder name of a database (MySQL encodes unusual characters; we keep names as is).
fn is_file(dir: &dyn DataDir, path: &str) -> bool {
    dir.read(path).is_some()
}

/// Databases present in the datadir: its sub-folders, sorted. A folder whose name is not a
/// plain identifier shows as `#mysql50#name`, as MySQL 5.6 shows `lost+found`.
pub fn list_databases(dir: &dyn DataDir) -> Vec<String> {
    dir.list("")
        .into_iter()
        .filter(|n| !is_file(dir, n))
        .map(|n| {
            if n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
                n
            } else {
                format!("#mysql50#{n}")
            }
        })
        .collect()
}

/// Whether a database folder exists.
pub fn database_exists(dir: &dyn DataDir, db: &str) -> bool {
    !db.is_empty() && !db.contains('/') && dir.list("").iter().any(|n| n == db) && !is_file(dir, db)
}

/// Creates a database folder with its `db.opt`.
pub fn create_database(dir: &mut dyn DataDir, db: &str) -> Result<(), String> {
    dir.mkdir(db)?;
    dir.write(&format!("{db}/db.opt"), DB_OPT.as_bytes())
}

/// Removes a database folder and every file in it; returns how many tables it held.
pub fn drop_database(dir: &mut dyn DataDir, db: &str) -> Result<usize, String> {
    let tables = list_tables(dir, db).len();
    // Like MySQL, only files it knows are removed; anything else keeps the folder (errno 39).
    const KNOWN: [&str; 7] = [".frm", ".ibd", ".MYD", ".MYI", ".CSV", ".CSM", ".opt"];
    for f in dir.list(db) {
        if KNOWN.iter().any(|k| f.ends_with(k)) {
            dir.remove(&format!("{db}/{f}"))?;
        }
    }
    dir.remove(db)?;
    Ok(tables)
}

/// Tables of a database, sorted: the names of its `.frm` files, or of its `.ibd` files when
/// the server keeps no `.frm`.
pub fn list_tables(dir: &dyn DataDir, db: &str) -> Vec<String> {
    let files = dir.list(db);
    let mut out: Vec<String> = files.iter().filter_map(|f| f.strip_suffix(".frm")).map(str::to_string).collect();
    for f in &files {
        if let Some(t) = f.strip_suffix(".ibd") {
            if !files.iter().any(|g| g == &format!("{t}.frm")) {
                out.push(t.to_string());
            }
        }
    }
    crate::sort::sort(&mut out);
    out
}

/// Whether a table exists.
pub fn table_exists(dir: &dyn DataDir, db: &str, table: &str) -> bool {
    list_tables(dir, db).iter().any(|t| t == table)
}

/// Reads a table (definition and rows); `None` when it does not exist or cannot be decoded.
pub fn load_table(dir: &dyn DataDir, db: &str, table: &str) -> Option<Table> {
    let frm = dir.read(&format!("{db}/{table}.frm"));
    let (def_text, data_path) = match frm {
        Some(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let engine = decode_engine(&text);
            let ext = data_ext(&engine);
            (text, ext.map(|e| format!("{db}/{table}.{e}")))
        }
        None => {
            let bytes = dir.read(&format!("{db}/{table}.ibd"))?;
            (String::from_utf8_lossy(&bytes).into_owned(), Some(format!("{db}/{table}.ibd")))
        }
    };
    let mut t = decode_definition(&def_text)?;
    if let Some(p) = data_path {
        if let Some(bytes) = dir.read(&p) {
            t.rows = decode_rows(&String::from_utf8_lossy(&bytes), &t.columns);
        }
    }
    Some(t)
}

fn data_ext(engine: &str) -> Option<&'static str> {
    match engine {
        "InnoDB" => Some("ibd"),
        "MyISAM" => Some("MYD"),
        "CSV" => Some("CSV"),
        _ => None,
    }
}

/// Writes a table (definition and rows) in the given layout.
pub fn save_table(dir: &mut dyn DataDir, layout: Layout, db: &str, name: &str, t: &Table) -> Result<(), String> {
    let def = encode_definition(t);
    let rows = encode_rows(t);
    match layout {
        Layout::Dictionary => dir.write(&format!("{db}/{name}.ibd"), format!("{def}{rows}").as_bytes()),
        Layout::Frm => {
            dir.write(&format!("{db}/{name}.frm"), def.as_bytes())?;
            match t.engine.as_str() {
                "MyISAM" => {
                    dir.write(&format!("{db}/{name}.MYD"), rows.as_bytes())?;
                    dir.write(&format!("{db}/{name}.MYI"), b"kube-sim MyISAM index\n")
                }
                "CSV" => {
                    dir.write(&format!("{db}/{name}.CSV"), rows.as_bytes())?;
                    dir.write(&format!("{db}/{name}.CSM"), b"kube-sim CSV meta\n")
                }
                "InnoDB" => dir.write(&format!("{db}/{name}.ibd"), rows.as_bytes()),
                _ => Ok(()),
            }
        }
    }
}

/// Removes every file of a table.
pub fn drop_table(dir: &mut dyn DataDir, db: &str, name: &str) -> Result<(), String> {
    for ext in ["frm", "ibd", "MYD", "MYI", "CSV", "CSM"] {
        let p = format!("{db}/{name}.{ext}");
        if dir.read(&p).is_some() {
            dir.remove(&p)?;
        }
    }
    Ok(())
}

/// Escapes a field for the tab-separated text formats.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unesc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn opt_field(v: &Option<String>) -> String {
    match v {
        Some(s) => esc(s),
        None => "\\N".into(),
    }
}

fn decode_engine(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("engine\t"))
        .unwrap_or("InnoDB")
        .to_string()
}

/// The definition text: `engine\t..` then one `column\t...` line per column.
fn encode_definition(t: &Table) -> String {
    let mut s = format!("kube-sim table definition v1\nengine\t{}\n", t.engine);
    for c in &t.columns {
        s.push_str(&format!(
            "column\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            esc(&c.name),
            c.ty.keyword(),
            c.len.map(|l| l.to_string()).unwrap_or_else(|| "-".into()),
            if c.nullable { "NULL" } else { "NOT NULL" },
            if c.primary { "PRI" } else { "-" },
            if c.auto_increment { "auto_increment" } else { "-" },
            opt_field(&c.default),
        ));
    }
    s
}

fn decode_definition(text: &str) -> Option<Table> {
    let mut t = Table::new(Vec::new());
    t.engine = decode_engine(text);
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.first() != Some(&"column") || f.len() < 8 {
            continue;
        }
        let ty = ColType::from_keyword(f[2])?;
        t.columns.push(Column {
            name: unesc(f[1]),
            ty,
            len: f[3].parse().ok(),
            nullable: f[4] == "NULL",
            primary: f[5] == "PRI",
            auto_increment: f[6] == "auto_increment",
            default: if f[7] == "\\N" { None } else { Some(unesc(f[7])) },
        });
    }
    if t.columns.is_empty() {
        return None;
    }
    Some(t)
}

/// The rows text: one `row\t...` line per row, `\N` for NULL.
fn encode_rows(t: &Table) -> String {
    let mut s = String::new();
    for r in &t.rows {
        s.push_str("row");
        for v in r {
            s.push('\t');
            match v {
                Value::Null => s.push_str("\\N"),
                Value::Int(i) => s.push_str(&i.to_string()),
                Value::Str(x) => s.push_str(&esc(x)),
            }
        }
        s.push('\n');
    }
    s
}

fn decode_rows(text: &str, cols: &[Column]) -> Vec<Vec<Value>> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("row") else { continue };
        let fields: Vec<&str> = match rest.strip_prefix('\t') {
            Some(r) => r.split('\t').collect(),
            None if rest.is_empty() => Vec::new(),
            None => continue,
        };
        let row = cols
            .iter()
            .enumerate()
            .map(|(i, c)| match fields.get(i) {
                None | Some(&"\\N") => Value::Null,
                Some(f) if c.ty.is_integer() => f.parse().map(Value::Int).unwrap_or(Value::Null),
                Some(f) => Value::Str(unesc(f)),
            })
            .collect();
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(name: &str, ty: ColType, len: Option<u32>) -> Column {
        Column { name: name.into(), ty, len, nullable: true, primary: false, auto_increment: false, default: None }
    }

    #[test]
    fn mem_datadir_lists_files_and_folders_sorted() {
        let mut d = MemDataDir::default();
        d.write("ibdata1", b"x").unwrap();
        d.mkdir("mysql").unwrap();
        d.write("mysql/user.frm", b"x").unwrap();
        assert_eq!(d.list(""), vec!["ibdata1", "mysql"]);
        assert_eq!(d.list("mysql"), vec!["user.frm"]);
        assert!(d.remove("mysql").is_err());
        assert_eq!(list_databases(&d), vec!["mysql"]);
    }

    #[test]
    fn odd_folder_names_show_as_mysql50() {
        let mut d = MemDataDir::default();
        d.mkdir("lost+found").unwrap();
        assert_eq!(list_databases(&d), vec!["#mysql50#lost+found"]);
    }

    #[test]
    fn table_round_trips_through_frm_and_ibd() {
        let mut d = MemDataDir::default();
        create_database(&mut d, "shop").unwrap();
        let mut t = Table::new(vec![col("id", ColType::Int, Some(4)), col("name", ColType::Varchar, Some(20))]);
        t.rows.push(vec![Value::Int(1), Value::Str("a\tb\\c\nd".into())]);
        t.rows.push(vec![Value::Int(2), Value::Null]);
        save_table(&mut d, Layout::Frm, "shop", "items", &t).unwrap();
        assert_eq!(d.list("shop"), vec!["db.opt", "items.frm", "items.ibd"]);
        assert_eq!(load_table(&d, "shop", "items"), Some(t.clone()));
        assert_eq!(list_tables(&d, "shop"), vec!["items"]);
        drop_table(&mut d, "shop", "items").unwrap();
        assert_eq!(d.list("shop"), vec!["db.opt"]);
    }

    #[test]
    fn dictionary_layout_keeps_one_ibd() {
        let mut d = MemDataDir::default();
        create_database(&mut d, "s").unwrap();
        let mut t = Table::new(vec![col("id", ColType::BigInt, None)]);
        t.rows.push(vec![Value::Int(-5)]);
        save_table(&mut d, Layout::Dictionary, "s", "t", &t).unwrap();
        assert_eq!(d.list("s"), vec!["db.opt", "t.ibd"]);
        assert_eq!(list_tables(&d, "s"), vec!["t"]);
        assert_eq!(load_table(&d, "s", "t"), Some(t));
    }

    #[test]
    fn myisam_tables_have_myd_and_myi() {
        let mut d = MemDataDir::default();
        create_database(&mut d, "mysql").unwrap();
        let mut t = Table::new(vec![col("Host", ColType::Char, Some(60))]);
        t.engine = "MyISAM".into();
        save_table(&mut d, Layout::Frm, "mysql", "user", &t).unwrap();
        assert_eq!(d.list("mysql"), vec!["db.opt", "user.MYD", "user.MYI", "user.frm"]);
        assert_eq!(drop_database(&mut d, "mysql"), Ok(1));
        assert!(d.list("").is_empty());
    }

    #[test]
    fn garbage_files_do_not_panic() {
        let mut d = MemDataDir::default();
        d.mkdir("x").unwrap();
        d.write("x/t.frm", b"column\tid").unwrap();
        d.write("x/u.frm", b"engine\tInnoDB\ncolumn\tid\tint\t-\tNULL\t-\t-\t\\N\n").unwrap();
        d.write("x/u.ibd", b"row\tzz\nrow\nrow\t7\t8\n").unwrap();
        assert_eq!(load_table(&d, "x", "t"), None);
        let u = load_table(&d, "x", "u").unwrap();
        assert_eq!(u.rows, vec![vec![Value::Null], vec![Value::Null], vec![Value::Int(7)]]);
    }
}
