//! Pod columns: READY, STATUS (the aggregate reason of `printPod`), RESTARTS, AGE; wide IP,
//! NODE, NOMINATED NODE, READINESS GATES.
//!
//! The cells that do not depend on the time come from the pod's [`PodSummary`], which the
//! store keeps for every stored pod (`api::pod_summary`); a line formats only AGE and the
//! age of the last restart.

use serde_json::Value;

use crate::api::pod_summary::{Cell, PodSummary};
use crate::kubectl::printers::table::{col, wide, Column, Grid, Layout, NAME};
use crate::kubectl::printers::util::{push_human, push_int};
use crate::kubectl::printers::{Listed, TableOpts};

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
fn push_restarts(out: &mut String, count: i64, last: Option<i64>, now: i64) {
    push_int(out, count);
    if let (Some(t), true) = (last, count != 0) {
        out.push_str(" (");
        push_human(out, now - t);
        out.push_str(" ago)");
    }
}

/// The AGE cell: `translateTimestampSince` of the creation time.
fn push_age(out: &mut String, sum: &PodSummary, now: i64) {
    match sum.created {
        Some(t) => push_human(out, now - t),
        None => out.push_str("<unknown>"),
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
    let sum = PodSummary::of(pod);
    let (mut restarts, mut age) = (String::new(), String::new());
    push_restarts(&mut restarts, sum.restarts, sum.last_restart, now);
    push_age(&mut age, &sum, now);
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
/// from the object when `Listed::pod` is `None`).
pub fn table(pods: &[Listed], opts: &TableOpts) -> String {
    if pods.is_empty() {
        return String::new();
    }
    let layout = Layout::new(COLUMNS, opts, true);
    let mut grid = layout.start(pods.len());
    for p in pods {
        let derived;
        let sum = match p.pod {
            Some(sum) => sum,
            None => {
                derived = PodSummary::of(p.obj);
                &derived
            }
        };
        if layout.with_ns {
            stored(&mut grid, sum, Cell::Namespace);
        }
        for &i in &layout.shown {
            cell(&layout, &mut grid, i, sum, opts.now);
        }
        layout.label_cells(&mut grid, p.obj);
    }
    grid.finish()
}

/// A cell kept in the summary (already as the table prints it).
fn stored(grid: &mut Grid, sum: &PodSummary, cell: Cell) {
    grid.clean_cell_of_width(sum.cell(cell), sum.width(cell));
}

/// The cell of column `i` of [`COLUMNS`].
fn cell(layout: &Layout, grid: &mut Grid, i: usize, sum: &PodSummary, now: i64) {
    match i {
        0 if layout.prefixes_names() => layout.cell(grid, i, sum.name()),
        0 => stored(grid, sum, Cell::Name),
        1 => stored(grid, sum, Cell::Ready),
        2 => stored(grid, sum, Cell::Status),
        3 => grid.cell_with(|out| push_restarts(out, sum.restarts, sum.last_restart, now)),
        4 => grid.cell_with(|out| push_age(out, sum, now)),
        5 => stored(grid, sum, Cell::Ip),
        6 => stored(grid, sum, Cell::Node),
        7 => stored(grid, sum, Cell::NominatedNode),
        _ => stored(grid, sum, Cell::ReadinessGates),
    }
}
