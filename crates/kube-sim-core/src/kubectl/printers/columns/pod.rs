//! Pod columns: READY, STATUS (the aggregate reason of `printPod`), RESTARTS, AGE; wide IP,
//! NODE, NOMINATED NODE, READINESS GATES.
//!
//! The cells that do not depend on the time come from the pod's [`PodSummary`], which the
//! store keeps for every stored pod (`api::pod_summary`); a line formats only AGE and the
//! age of the last restart.

use std::fmt::Write as _;

use serde_json::Value;

use crate::api::pod_summary::PodSummary;
use crate::kubectl::printers::table::{col, wide, Column, Grid, Layout, NAME};
use crate::kubectl::printers::util::human;
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
fn push_restarts(out: &mut String, sum: &PodSummary, now: i64) {
    let _ = write!(out, "{}", sum.restarts);
    if let (Some(t), true) = (sum.last_restart, sum.restarts != 0) {
        out.push_str(" (");
        out.push_str(&human(now - t));
        out.push_str(" ago)");
    }
}

/// The AGE cell: `translateTimestampSince` of the creation time.
fn push_age(out: &mut String, sum: &PodSummary, now: i64) {
    match sum.created {
        Some(t) => out.push_str(&human(now - t)),
        None => out.push_str("<unknown>"),
    }
}

/// The pod's STATUS cell, its READY cell and its RESTARTS cell.
pub fn summary(pod: &Value, now: i64) -> (String, String, String) {
    let sum = PodSummary::of(pod);
    let mut restarts = String::new();
    push_restarts(&mut restarts, &sum, now);
    (sum.status, sum.ready, restarts)
}

/// The cells of one pod row (wide cells included).
pub fn row(pod: &Value, now: i64) -> Vec<String> {
    let sum = PodSummary::of(pod);
    let (mut restarts, mut age) = (String::new(), String::new());
    push_restarts(&mut restarts, &sum, now);
    push_age(&mut age, &sum, now);
    vec![sum.name, sum.ready, sum.status, restarts, age, sum.ip, sum.node, sum.nominated_node, sum.readiness_gates]
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
            grid.cell(&sum.namespace);
        }
        for &i in &layout.shown {
            cell(&layout, &mut grid, i, sum, opts.now);
        }
        layout.label_cells(&mut grid, p.obj);
    }
    grid.finish()
}

/// The cell of column `i` of [`COLUMNS`].
fn cell(layout: &Layout, grid: &mut Grid, i: usize, sum: &PodSummary, now: i64) {
    match i {
        0 => layout.cell(grid, i, &sum.name),
        1 => grid.cell(&sum.ready),
        2 => grid.cell(&sum.status),
        3 => grid.cell_with(|out| push_restarts(out, sum, now)),
        4 => grid.cell_with(|out| push_age(out, sum, now)),
        5 => grid.cell(&sum.ip),
        6 => grid.cell(&sum.node),
        7 => grid.cell(&sum.nominated_node),
        _ => grid.cell(&sum.readiness_gates),
    }
}
