//! Pod columns: READY, STATUS (the aggregate reason of `printPod`), RESTARTS, AGE; wide IP,
//! NODE, NOMINATED NODE, READINESS GATES.
//!
//! The cells that do not depend on the time come from the pod's [`PodSummary`], which the
//! store keeps for every stored pod (`api::pod_summary`); a line formats only AGE and the
//! age of the last restart.

use serde_json::Value;

use crate::api::pod_summary::{Cell, PodSummary, Summary};
use crate::kubectl::printers::table::{aligned_cells, col, wide, Cells, Column, Layout, Sink, NAME};
use crate::kubectl::printers::util::{push_human, push_int, PushText};
use crate::kubectl::printers::{Listed, TableOpts};
use crate::table_cell::offset;

/// The pod table columns.
pub const COLUMNS: &[Column] = &[
    NAME,
    col("Ready"),
    col("Status"),
    col("Restarts"),
    col("Age"),
    wide("IP"),
    wide("Node"),
    wide("Nominated Node"),
    wide("Readiness Gates"),
];

/// The RESTARTS cell: the count, with the age of the last restart when there was one.
fn push_restarts(out: &mut impl PushText, count: i64, last: Option<i64>, now: i64) {
    push_int(out, count);
    if let (Some(t), true) = (last, count != 0) {
        out.push_text(" (");
        push_human(out, now - t);
        out.push_text(" ago)");
    }
}

/// The AGE cell: `translateTimestampSince` of the creation time.
fn push_age(out: &mut impl PushText, created: Option<i64>, now: i64) {
    match created {
        Some(t) => push_human(out, now - t),
        None => out.push_text("<unknown>"),
    }
}

/// The pod's STATUS cell, its READY cell and its RESTARTS cell.
pub fn summary(pod: &Value, now: i64) -> (String, String, String) {
    let (status, ready, count, last) = PodSummary::status_of(pod);
    let mut restarts = String::new();
    push_restarts(&mut restarts, count, last, now);
    (status, ready, restarts)
}

/// The cells of one pod row (wide cells included).
pub fn row(pod: &Value, now: i64) -> Vec<String> {
    let owned = PodSummary::of(pod);
    let sum = owned.view();
    let (mut restarts, mut age) = (String::new(), String::new());
    push_restarts(&mut restarts, sum.restarts(), sum.last_restart(), now);
    push_age(&mut age, sum.created(), now);
    let cell = |c| sum.cell(c).to_string();
    vec![
        cell(Cell::Name),
        cell(Cell::Ready),
        cell(Cell::Status),
        restarts,
        age,
        cell(Cell::Ip),
        cell(Cell::Node),
        cell(Cell::NominatedNode),
        cell(Cell::ReadinessGates),
    ]
}

/// The pod table of `pods`, in the order given: each line from the pod's summary (derived
/// from the object when `Listed::pod` is `None`), written in two passes ([`aligned`]).
pub fn table(pods: &[Listed], opts: &TableOpts) -> String {
    if pods.is_empty() {
        return String::new();
    }
    let derived: Vec<Option<PodSummary>>;
    let filled: Vec<Listed>;
    let pods = if pods.iter().all(|p| p.pod.is_some()) {
        pods
    } else {
        derived = pods.iter().map(|p| p.pod.is_none().then(|| PodSummary::of(p.obj))).collect();
        filled = pods.iter().zip(&derived).map(|(p, d)| Listed { obj: p.obj, pod: p.pod.or(d.as_ref().map(PodSummary::view)) }).collect();
        &filled
    };
    let layout = Layout::new(COLUMNS, opts, true);
    let lines = Lines { times: Times::of(pods, opts.now), layout, pods };
    aligned_cells(lines.layout.cols(), &lines)
}

/// The pod table's lines: the header, then one line a pod.
struct Lines<'a> {
    layout: Layout<'a>,
    pods: &'a [Listed<'a>],
    times: Times,
}

impl Cells for Lines<'_> {
    fn cells<S: Sink>(&self, out: &mut S) {
        let layout = &self.layout;
        layout.header(out);
        if out.measures_only() {
            if let Some((widest, last_cells)) = self.ascii_widths() {
                if out.ascii_lines(widest.get(..layout.cols()).unwrap_or(&[]), last_cells, self.pods.len()) {
                    return;
                }
            }
        }
        for (k, p) in self.pods.iter().enumerate() {
            let Some(sum) = p.pod else { continue };
            if layout.with_ns {
                stored(out, &sum, Cell::Namespace);
            }
            for &i in &layout.shown {
                match i {
                    0 if layout.prefixes_names() => layout.cell(out, i, sum.name()),
                    0 => stored(out, &sum, Cell::Name),
                    1 => stored(out, &sum, Cell::Ready),
                    2 => stored(out, &sum, Cell::Status),
                    3 => out.ascii_cell(self.times.cell(2 * k)),
                    4 => out.ascii_cell(self.times.cell(2 * k + 1)),
                    5 => stored(out, &sum, Cell::Ip),
                    6 => stored(out, &sum, Cell::Node),
                    7 => stored(out, &sum, Cell::NominatedNode),
                    _ => stored(out, &sum, Cell::ReadinessGates),
                }
            }
            if layout.wants_labels {
                layout.label_cells(out, p.obj);
            }
        }
    }
}

impl Lines<'_> {
    /// The widest cell of each column of the lines (not the header) and the total length of
    /// their last cells, read from the summaries' cell ends and the times without the text,
    /// when every line is a pod's summary of ASCII cells with no label nor `kind/` prefix;
    /// `None` otherwise (the first pass then measures cell by cell).
    fn ascii_widths(&self) -> Option<([usize; MAX_CELLS], usize)> {
        let layout = &self.layout;
        if layout.wants_labels || layout.prefixes_names() || layout.cols() > MAX_CELLS {
            return None;
        }
        // NAMESPACE, then the columns in `COLUMNS` order: every column is measured (a fixed
        // walk, no lookup a cell), the shown ones are picked at the end.
        let mut all = [0; MAX_CELLS];
        let last = layout.shown.last().map_or(0, |i| i + 1);
        let mut last_cells = 0;
        for (k, p) in self.pods.iter().enumerate() {
            let sum = p.pod.filter(Summary::is_ascii)?;
            let [ns, name, ready, status, ip, node, nominated, gates] = sum.cell_lens();
            let lens = [ns, name, ready, status, self.times.cell(2 * k).len(), self.times.cell(2 * k + 1).len(), ip, node, nominated, gates];
            for (w, len) in all.iter_mut().zip(lens) {
                *w = (*w).max(len);
            }
            last_cells += lens.get(last).copied().unwrap_or(0);
        }
        let mut widest = [0; MAX_CELLS];
        let first = usize::from(layout.with_ns);
        widest[0] = all[0];
        for (&i, w) in layout.shown.iter().zip(widest.iter_mut().skip(first)) {
            *w = all.get(i + 1).copied().unwrap_or(0);
        }
        Some((widest, last_cells))
    }
}

/// The most cells a pod line has: NAMESPACE and every column.
const MAX_CELLS: usize = 1 + COLUMNS.len();

/// The RESTARTS and AGE cells of every line, formatted once for both passes: ASCII, back to
/// back. A cell equal to the one above it (the same restarts, the same creation instant:
/// replicas created together sit next to each other) is not formatted again: the line points
/// at the same text.
struct Times {
    text: Vec<u8>,
    /// Where each cell is in `text`: RESTARTS then AGE, line after line.
    cells: Vec<(u32, u32)>,
}

/// The last cell formatted for a key, and where its text is.
type Last<K> = Option<(K, (u32, u32))>;

impl Times {
    fn of(pods: &[Listed], now: i64) -> Times {
        let mut t = Times { text: Vec::with_capacity(64), cells: Vec::with_capacity(pods.len() * 2) };
        let mut restarts: Last<(i64, Option<i64>)> = None;
        let mut age: Last<Option<i64>> = None;
        for p in pods {
            let Some(sum) = p.pod else {
                t.cells.extend([(0, 0), (0, 0)]);
                continue;
            };
            let cell = t.once(&mut restarts, (sum.restarts(), sum.last_restart()), |text, (count, last)| push_restarts(text, count, last, now));
            t.cells.push(cell);
            let cell = t.once(&mut age, sum.created(), |text, created| push_age(text, created, now));
            t.cells.push(cell);
        }
        t
    }

    /// Where the cell of `key` is: the last one's text when `key` is the last one's key, else
    /// the text `format` appends.
    fn once<K: Copy + PartialEq>(&mut self, last: &mut Last<K>, key: K, format: impl Fn(&mut Vec<u8>, K)) -> (u32, u32) {
        match *last {
            Some((k, cell)) if k == key => cell,
            _ => {
                let start = offset(self.text.len());
                format(&mut self.text, key);
                let cell = (start, offset(self.text.len()));
                *last = Some((key, cell));
                cell
            }
        }
    }

    /// The `i`th cell.
    fn cell(&self, i: usize) -> &[u8] {
        let (start, end) = self.cells.get(i).copied().unwrap_or((0, 0));
        self.text.get(start as usize..end as usize).unwrap_or(&[])
    }
}

/// A cell kept in the summary (already as the table prints it).
#[inline(always)]
fn stored<S: Sink>(out: &mut S, sum: &Summary, cell: Cell) {
    if sum.is_ascii() {
        out.ascii_cell(sum.cell_bytes(cell));
    } else {
        out.clean_cell_of_width(sum.cell(cell), sum.width(cell));
    }
}
