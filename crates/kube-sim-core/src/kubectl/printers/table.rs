//! The table layout of `kubectl get`: the server's column definitions and cells, decorated by
//! kubectl (`-A` NAMESPACE, `-L` label columns, `--show-labels`, `kind/name`), aligned by a
//! tabwriter with min width 6 and padding 3 (cli-runtime `GetNewTabWriter`).
//!
//! kubectl's tables are uniform (every line has the same cells, so each column is one
//! tabwriter block), so a table is laid out in two passes over its cells ([`aligned`]): the
//! first measures each column's widest cell and the output's exact size, the second writes
//! each cell straight into the output at its place. No cell is kept in between.

use serde_json::Value;

use super::util::{format_labels, map, scalar};
use super::TableOpts;
pub use crate::table_cell::push_cell;
use crate::table_cell::{offset, width};

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

/// Renders `rows` (one full cell list per object, wide cells included) under `columns`. The
/// cells are read once, from wherever the rows and objects are, into a [`Collected`] buffer
/// that the two passes then read in order.
pub fn render(columns: &[Column], objs: &[&Value], rows: Vec<Vec<String>>, opts: &TableOpts, namespaced: bool) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let layout = Layout::new(columns, opts, namespaced);
    let mut cells = Collected::new(layout.cols() * (rows.len() + 1));
    layout.header(&mut cells);
    for (obj, row) in objs.iter().zip(&rows) {
        if layout.with_ns {
            cells.cell(crate::object::namespace(obj));
        }
        for &i in &layout.shown {
            layout.cell(&mut cells, i, row.get(i).map_or("", String::as_str));
        }
        layout.label_cells(&mut cells, obj);
    }
    aligned_cells(layout.cols(), &cells)
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
    /// `-L` or `--show-labels`: cells read from each object's labels.
    pub wants_labels: bool,
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

    /// How many cells a line has.
    pub fn cols(&self) -> usize {
        usize::from(self.with_ns) + self.shown.len() + self.opts.label_columns.len() + usize::from(self.opts.show_labels)
    }

    /// The header line, unless `--no-headers`.
    pub fn header<S: Sink + ?Sized>(&self, out: &mut S) {
        if self.opts.no_headers {
            return;
        }
        if self.with_ns {
            out.clean_cell("NAMESPACE");
        }
        for &i in &self.shown {
            out.cell(&self.columns[i].name.to_uppercase());
        }
        for l in &self.opts.label_columns {
            out.cell(&l.rsplit('/').next().unwrap_or(l).to_uppercase());
        }
        if self.opts.show_labels {
            out.clean_cell("LABELS");
        }
    }

    /// Whether names print as `kind/name`.
    pub fn prefixes_names(&self) -> bool {
        self.prefix.is_some()
    }

    /// The cell of column `i` (with the `kind/` prefix on the name column when asked).
    pub fn cell<S: Sink + ?Sized>(&self, out: &mut S, i: usize, value: &str) {
        match self.prefix {
            Some(k) if self.columns.get(i).is_some_and(|c| c.is_name) => out.cell(&format!("{k}/{value}")),
            _ => out.cell(value),
        }
    }

    /// The `-L` cells and the LABELS cell of `obj`, when asked.
    pub fn label_cells<S: Sink + ?Sized>(&self, out: &mut S, obj: &Value) {
        if !self.wants_labels {
            return;
        }
        let labels = map(obj, "metadata.labels");
        for l in &self.opts.label_columns {
            out.cell(&labels.and_then(|m| m.get(l)).map(scalar).unwrap_or_default());
        }
        if self.opts.show_labels {
            out.cell(&format_labels(labels));
        }
    }
}

/// Where a table's cells go, one line after another (each line has the table's number of
/// cells): [`aligned`] hands its writer first a measure, then a writer.
pub trait Sink {
    /// Adds a cell that has no tab nor line break (as [`push_cell`] leaves it), `width`
    /// characters wide.
    fn clean_cell_of_width(&mut self, c: &str, width: usize);

    /// Adds a cell of ASCII bytes with no tab nor line break (one character a byte).
    fn ascii_cell(&mut self, c: &[u8]) {
        self.clean_cell_of_width(std::str::from_utf8(c).unwrap_or(""), c.len());
    }

    /// Whether the sink only measures (the first pass): then [`Sink::ascii_lines`] may stand
    /// for whole lines of ASCII cells.
    fn measures_only(&self) -> bool {
        false
    }

    /// Adds `lines` whole lines of ASCII cells with no tab nor line break, given by the widest
    /// cell of each column and the total length of the lines' last cells; false (nothing
    /// added) when the sink needs the cells themselves (see [`Sink::measures_only`]).
    fn ascii_lines(&mut self, _widest: &[usize], _last_cells: usize, _lines: usize) -> bool {
        false
    }

    /// Adds a cell that has no tab nor line break.
    fn clean_cell(&mut self, c: &str) {
        self.clean_cell_of_width(c, width(c));
    }

    /// Adds a cell: up to its first line break (then `...`), tabs turned into spaces.
    fn cell(&mut self, c: &str) {
        if c.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) {
            let mut clean = String::new();
            push_cell(&mut clean, c);
            self.clean_cell(&clean);
        } else {
            self.clean_cell(c);
        }
    }
}

/// The table printer's tabwriter settings (cli-runtime `GetNewTabWriter`).
const MIN_WIDTH: usize = 6;
const PADDING: usize = 3;

/// The first pass: each column's widest cell and what the output's size needs besides.
struct Measure {
    widths: Vec<usize>,
    /// How many cells each column got (the last line may be short).
    counts: Vec<usize>,
    /// Bytes beyond the padded widths: each padded cell's bytes beyond its width, and the
    /// whole of every line's last cell.
    extra: usize,
    lines: usize,
    col: usize,
}

impl Sink for Measure {
    fn ascii_cell(&mut self, c: &[u8]) {
        self.measure(c.len(), c.len());
    }

    fn measures_only(&self) -> bool {
        true
    }

    fn ascii_lines(&mut self, widest: &[usize], last_cells: usize, lines: usize) -> bool {
        if self.col != 0 || widest.len() != self.widths.len() {
            return false;
        }
        for ((w, n), &x) in self.widths.iter_mut().zip(self.counts.iter_mut()).zip(widest) {
            *w = (*w).max(x);
            *n += lines;
        }
        // A padded ASCII cell has no bytes beyond its width; a line's last cell is not padded.
        self.extra += last_cells;
        self.lines += lines;
        true
    }

    fn clean_cell_of_width(&mut self, c: &str, width: usize) {
        self.measure(c.len(), width);
    }
}

impl Measure {
    /// Notes a cell of `len` bytes, `width` characters wide.
    fn measure(&mut self, len: usize, width: usize) {
        let last = self.col + 1 == self.widths.len();
        if let (Some(w), Some(n)) = (self.widths.get_mut(self.col), self.counts.get_mut(self.col)) {
            *w = (*w).max(width);
            *n += 1;
        }
        if last {
            self.extra += len;
            self.lines += 1;
            self.col = 0;
        } else {
            self.extra += len.saturating_sub(width);
            self.col += 1;
        }
    }
}

/// The second pass: each cell copied to its place in an output already filled with spaces.
struct Write {
    out: Vec<u8>,
    /// Each column's padded width (the last column is not padded).
    pads: Vec<usize>,
    at: usize,
    col: usize,
}

impl Sink for Write {
    fn ascii_cell(&mut self, c: &[u8]) {
        self.write(c, c.len());
    }

    fn clean_cell_of_width(&mut self, c: &str, width: usize) {
        self.write(c.as_bytes(), width);
    }
}

impl Write {
    /// Copies a cell to its place (`width` characters wide), then moves past its padding.
    fn write(&mut self, c: &[u8], width: usize) {
        let end = self.at + c.len();
        if let Some(place) = self.out.get_mut(self.at..end) {
            place.copy_from_slice(c);
        }
        if self.col + 1 == self.pads.len() {
            self.newline(end);
        } else {
            let pad = self.pads.get(self.col).copied().unwrap_or(0);
            self.at = end + pad.saturating_sub(width);
            self.col += 1;
        }
    }

    fn newline(&mut self, at: usize) {
        if let Some(b) = self.out.get_mut(at) {
            *b = b'\n';
        }
        self.at = at + 1;
        self.col = 0;
    }
}

/// The cells of a table, line after line, as [`aligned_cells`] asks for them (twice: the same
/// cells both times).
pub trait Cells {
    /// Gives every cell to `out`.
    fn cells<S: Sink>(&self, out: &mut S);
}

/// Cells collected once, cleaned, back to back in one buffer with their widths.
pub struct Collected {
    text: String,
    /// Each cell's end in `text` and its width in characters.
    cells: Vec<(u32, u32)>,
}

impl Collected {
    /// An empty collection, sized for about `cells` cells.
    pub fn new(cells: usize) -> Self {
        Collected { text: String::with_capacity(cells.saturating_mul(8)), cells: Vec::with_capacity(cells) }
    }
}

impl Sink for Collected {
    fn clean_cell_of_width(&mut self, c: &str, width: usize) {
        self.text.push_str(c);
        self.cells.push((offset(self.text.len()), offset(width)));
    }
}

impl Cells for Collected {
    fn cells<S: Sink>(&self, out: &mut S) {
        let mut start = 0;
        for &(end, width) in &self.cells {
            let end = end as usize;
            out.clean_cell_of_width(self.text.get(start..end).unwrap_or(""), width as usize);
            start = end;
        }
    }
}

/// Cells given by a closure.
struct ByClosure<F>(F);

impl<F: Fn(&mut dyn Sink)> Cells for ByClosure<F> {
    fn cells<S: Sink>(&self, out: &mut S) {
        (self.0)(out);
    }
}

/// [`aligned_cells`] of the cells a closure gives.
pub fn aligned(cols: usize, cells: impl Fn(&mut dyn Sink)) -> String {
    aligned_cells(cols, &ByClosure(cells))
}

/// The aligned text of `cells` (`cols` cells a line): every cell but a line's last padded to
/// its column's widest cell plus 3 spaces (at least 6 wide), as
/// `tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)` does with kubectl's uniform tables.
pub fn aligned_cells(cols: usize, cells: &impl Cells) -> String {
    let cols = cols.max(1);
    let mut m = Measure { widths: vec![0; cols], counts: vec![0; cols], extra: 0, lines: 0, col: 0 };
    cells.cells(&mut m);
    if m.col != 0 {
        m.lines += 1;
    }
    let pads: Vec<usize> = m.widths.iter().map(|w| (w + PADDING).max(MIN_WIDTH)).collect();
    let padded: usize = pads.iter().zip(&m.counts).take(cols - 1).map(|(p, n)| p * n).sum();
    let size = padded + m.extra + m.lines;
    let mut w = Write { out: vec![b' '; size], pads, at: 0, col: 0 };
    cells.cells(&mut w);
    if w.col != 0 {
        w.newline(w.at);
    }
    debug_assert_eq!(w.at, size, "the two passes disagree");
    w.out.truncate(w.at);
    String::from_utf8(w.out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
