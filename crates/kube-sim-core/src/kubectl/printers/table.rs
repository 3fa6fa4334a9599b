//! The table layout of `kubectl get`: the server's column definitions and cells, decorated by
//! kubectl (`-A` NAMESPACE, `-L` label columns, `--show-labels`, `kind/name`), aligned by a
//! tabwriter with min width 6 and padding 3 (cli-runtime `GetNewTabWriter`).

use serde_json::Value;

use super::util::{format_labels, map, s, scalar};
use super::TableOpts;

/// A server-side column definition.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The column name as the server defines it (kubectl upper-cases it).
    pub name: &'static str,
    /// `Priority: 1`: shown only with `-o wide`.
    pub wide: bool,
    /// `Format: "name"`: the cell `kind/` is prefixed to when several kinds print.
    pub is_name: bool,
}

/// A default column.
pub const fn col(name: &'static str) -> Column {
    Column { name, wide: false, is_name: false }
}

/// A `-o wide` column.
pub const fn wide(name: &'static str) -> Column {
    Column { name, wide: true, is_name: false }
}

/// The `Name` column.
pub const NAME: Column = Column { name: "Name", wide: false, is_name: true };

/// Renders `rows` (one full cell list per object, wide cells included) under `columns`.
pub fn render(columns: &[Column], objs: &[&Value], rows: Vec<Vec<String>>, opts: &TableOpts, namespaced: bool) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let with_ns = opts.all_namespaces && namespaced;
    let shown: Vec<usize> = (0..columns.len()).filter(|&i| opts.wide || !columns[i].wide).collect();
    let mut text = String::new();
    if !opts.no_headers {
        let mut head: Vec<String> = Vec::new();
        if with_ns {
            head.push("NAMESPACE".into());
        }
        head.extend(shown.iter().map(|&i| columns[i].name.to_uppercase()));
        for l in &opts.label_columns {
            head.push(l.rsplit('/').next().unwrap_or(l).to_uppercase());
        }
        if opts.show_labels {
            head.push("LABELS".into());
        }
        push_line(&mut text, &head);
    }
    let prefix = opts.kind_prefix.as_deref().filter(|k| !k.is_empty());
    let wants_labels = opts.show_labels || !opts.label_columns.is_empty();
    for (obj, mut row) in objs.iter().zip(rows) {
        let mut first = true;
        let mut cell = |text: &mut String, c: &str| {
            if !first {
                text.push('\t');
            }
            first = false;
            push_cell(text, c);
        };
        if with_ns {
            cell(&mut text, s(obj, "metadata.namespace"));
        }
        for &i in &shown {
            let value = row.get_mut(i).map(std::mem::take).unwrap_or_default();
            match prefix {
                Some(k) if columns[i].is_name => cell(&mut text, &format!("{k}/{value}")),
                _ => cell(&mut text, &value),
            }
        }
        if wants_labels {
            let labels = map(obj, "metadata.labels");
            for l in &opts.label_columns {
                cell(&mut text, &labels.and_then(|m| m.get(l)).map(scalar).unwrap_or_default());
            }
            if opts.show_labels {
                cell(&mut text, &format_labels(labels));
            }
        }
        text.push('\n');
    }
    super::tabwriter::align(&text, 6, 3)
}

/// One table line; a cell stops at its first line break, marked `...` (cli-runtime printTable).
fn push_line(text: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            text.push('\t');
        }
        push_cell(text, c);
    }
    text.push('\n');
}

/// One cell: up to its first line break (then `...`), tabs turned into spaces.
fn push_cell(text: &mut String, c: &str) {
    let (shown, cut) = match c.find(['\n', '\r', '\x0c']) {
        Some(at) => (&c[..at], true),
        None => (c, false),
    };
    if shown.contains('\t') {
        text.push_str(&shown.replace('\t', " "));
    } else {
        text.push_str(shown);
    }
    if cut {
        text.push_str("...");
    }
}
