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
    let layout = Layout::new(columns, opts, namespaced);
    let mut grid = layout.start(rows.len());
    for (obj, row) in objs.iter().zip(rows) {
        if layout.with_ns {
            grid.cell(s(obj, "metadata.namespace"));
        }
        for &i in &layout.shown {
            layout.cell(&mut grid, i, row.get(i).map_or("", String::as_str));
        }
        layout.label_cells(&mut grid, obj);
    }
    grid.finish()
}

/// What kubectl adds around a kind's columns: which of them show, `-A`'s NAMESPACE, the
/// `kind/` prefix of names, `-L` and `--show-labels`.
pub struct Layout<'a> {
    columns: &'a [Column],
    opts: &'a TableOpts,
    /// The NAMESPACE column leads.
    pub with_ns: bool,
    /// The indexes of the columns shown (wide ones only with `-o wide`).
    pub shown: Vec<usize>,
    prefix: Option<&'a str>,
    wants_labels: bool,
}

impl<'a> Layout<'a> {
    /// The layout of `columns` (a kind's server columns) as `opts` asks.
    pub fn new(columns: &'a [Column], opts: &'a TableOpts, namespaced: bool) -> Self {
        Layout {
            columns,
            opts,
            with_ns: opts.all_namespaces && namespaced,
            shown: (0..columns.len()).filter(|&i| opts.wide || !columns[i].wide).collect(),
            prefix: opts.kind_prefix.as_deref().filter(|k| !k.is_empty()),
            wants_labels: opts.show_labels || !opts.label_columns.is_empty(),
        }
    }

    /// A grid for `rows` rows, with the header line unless `--no-headers`.
    pub fn start(&self, rows: usize) -> Grid {
        let cols = usize::from(self.with_ns)
            + self.shown.len()
            + self.opts.label_columns.len()
            + usize::from(self.opts.show_labels);
        let mut grid = Grid::new(cols, rows + 1);
        if !self.opts.no_headers {
            if self.with_ns {
                grid.cell("NAMESPACE");
            }
            for &i in &self.shown {
                grid.cell(&self.columns[i].name.to_uppercase());
            }
            for l in &self.opts.label_columns {
                grid.cell(&l.rsplit('/').next().unwrap_or(l).to_uppercase());
            }
            if self.opts.show_labels {
                grid.cell("LABELS");
            }
        }
        grid
    }

    /// Whether names print as `kind/name`.
    pub fn prefixes_names(&self) -> bool {
        self.prefix.is_some()
    }

    /// The cell of column `i` (with the `kind/` prefix on the name column when asked).
    pub fn cell(&self, grid: &mut Grid, i: usize, value: &str) {
        match self.prefix {
            Some(k) if self.columns.get(i).is_some_and(|c| c.is_name) => grid.cell(&format!("{k}/{value}")),
            _ => grid.cell(value),
        }
    }

    /// The `-L` cells and the LABELS cell of `obj`, when asked.
    pub fn label_cells(&self, grid: &mut Grid, obj: &Value) {
        if !self.wants_labels {
            return;
        }
        let labels = map(obj, "metadata.labels");
        for l in &self.opts.label_columns {
            grid.cell(&labels.and_then(|m| m.get(l)).map(scalar).unwrap_or_default());
        }
        if self.opts.show_labels {
            grid.cell(&format_labels(labels));
        }
    }
}

/// The cells of a table with a fixed number of columns, written into one buffer as they come,
/// with the widest cell of each column: the uniform case of the tabwriter ([`super::tabwriter`])
/// that kubectl's tables are (every line has the same cells, so each column is one block).
pub struct Grid {
    text: String,
    /// Each cell's end in `text` and its width in characters.
    cells: Vec<(u32, u32)>,
    widths: Vec<usize>,
    col: usize,
}

/// The table printer's tabwriter settings (cli-runtime `GetNewTabWriter`).
const MIN_WIDTH: usize = 6;
const PADDING: usize = 3;

/// A count as stored in a grid (saturated: a table never holds 4 GB).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Grid {
    /// An empty grid of `cols` columns, sized for about `rows` lines.
    pub fn new(cols: usize, rows: usize) -> Self {
        let cols = cols.max(1);
        Grid {
            text: String::with_capacity(rows.saturating_mul(cols * 8)),
            cells: Vec::with_capacity(rows.saturating_mul(cols)),
            widths: vec![0; cols],
            col: 0,
        }
    }

    /// Adds a cell: up to its first line break (then `...`), tabs turned into spaces.
    pub fn cell(&mut self, c: &str) {
        if c.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) {
            let mut clean = String::new();
            push_cell(&mut clean, c);
            self.clean_cell(&clean);
        } else {
            self.clean_cell(c);
        }
    }

    /// Adds a cell that has no tab nor line break (as [`push_cell`] leaves it).
    pub fn clean_cell(&mut self, c: &str) {
        self.clean_cell_of_width(c, if c.is_ascii() { c.len() } else { c.chars().count() });
    }

    /// [`Grid::clean_cell`] when the caller knows the cell's width in characters.
    pub fn clean_cell_of_width(&mut self, c: &str, width: usize) {
        self.text.push_str(c);
        self.close(width);
    }

    /// Adds a cell written by `write`, which writes no tab nor line break (numbers, ages).
    pub fn cell_with(&mut self, write: impl FnOnce(&mut String)) {
        let start = self.text.len();
        write(&mut self.text);
        let c = self.text.get(start..).unwrap_or("");
        self.close(if c.is_ascii() { c.len() } else { c.chars().count() });
    }

    fn close(&mut self, width: usize) {
        if let Some(m) = self.widths.get_mut(self.col) {
            *m = (*m).max(width);
        }
        self.cells.push((small(self.text.len()), small(width)));
        self.col += 1;
        if self.col == self.widths.len() {
            self.col = 0;
        }
    }

    /// The aligned text: every cell but a line's last padded to its column's widest cell plus
    /// 3 spaces (at least 6 wide), as `tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)` does.
    pub fn finish(self) -> String {
        let cols = self.widths.len();
        // The last cell of a line is not padded (usize::MAX marks it).
        let mut pads: Vec<usize> = self.widths.iter().map(|w| (w + PADDING).max(MIN_WIDTH)).collect();
        let row_width: usize = pads.iter().take(cols - 1).sum::<usize>() + 1;
        if let Some(last) = pads.last_mut() {
            *last = usize::MAX;
        }
        let rows = self.cells.len().div_ceil(cols);
        let mut out = String::with_capacity(self.text.len() + rows.saturating_mul(row_width));
        let mut start = 0;
        for row in self.cells.chunks(cols) {
            for (&(end, width), &pad) in row.iter().zip(&pads) {
                let end = end as usize;
                out.push_str(self.text.get(start..end).unwrap_or(""));
                start = end;
                if pad != usize::MAX {
                    push_spaces(&mut out, pad.saturating_sub(width as usize));
                }
            }
            out.push('\n');
        }
        out
    }
}

/// `n` spaces.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    if let Some(s) = SPACES.get(..n) {
        out.push_str(s);
        return;
    }
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// One cell as a table prints it: up to its first line break (then `...`), tabs turned into
/// spaces.
pub fn push_cell(text: &mut String, c: &str) {
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
