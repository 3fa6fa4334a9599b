//! The time-independent part of a pod's `kubectl get` row (the API server's `printPod`,
//! `pkg/printers/internalversion/printers.go`): READY, STATUS, the RESTARTS count and the
//! time of the last restart, IP, NODE, NOMINATED NODE, READINESS GATES and the creation
//! instant.
//!
//! [`PodSummary::of`] derives it from a pod; [`PodSummaries`] keeps one per stored pod,
//! updated by `Store::apply` on every write (created, modified, deleted), keyed and ordered as
//! the store keys pods (namespace, then name). `kubectl get pods` reads it and only formats
//! AGE and the restarts' age per line, instead of searching each pod's JSON tree.
//!
//! Layout: a table reads every pod's summary in list order, so the kept summaries are laid
//! out for that walk. Each pod's fixed part ([`Row`], 64 bytes: where its cells end, the
//! counts and instants) sits by value in the map's nodes; the text of all rows lives in one
//! buffer, in list order, rewritten (compacted, in list order again) once the text of
//! replaced and deleted summaries makes up half of it, so a write costs O(log n) amortised.
//! A listing then reads two mostly sequential streams instead of one or two scattered
//! allocations per pod.

use serde_json::Value;

use crate::table_cell::offset;

mod kept;

pub use kept::PodSummaries;

/// `Null`, to read the fields of an absent object as absent.
static NULL: Value = Value::Null;

/// The field `key` of `obj`, `Null` when absent.
fn field<'a>(obj: &'a Value, key: &str) -> &'a Value {
    obj.get(key).unwrap_or(&NULL)
}

/// The field `key` of `obj` when present and not `null`.
fn present<'a>(obj: &'a Value, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|x| !x.is_null())
}

/// The string field `key` of `obj`, or "".
fn text<'a>(obj: &'a Value, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The array field `key` of `obj`, or an empty slice.
fn list<'a>(obj: &'a Value, key: &str) -> &'a [Value] {
    obj.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// The integer field `key` of `obj` (floats truncated), or 0.
fn int(obj: &Value, key: &str) -> i64 {
    present(obj, key).and_then(|x| x.as_i64().or_else(|| x.as_f64().map(|f| f as i64))).unwrap_or(0)
}

/// Whether the boolean field `key` of `obj` is `true`.
fn is_true(obj: &Value, key: &str) -> bool {
    obj.get(key).and_then(Value::as_bool) == Some(true)
}

/// Whether the condition `ty` of `conds` (a pod's `status.conditions`) is `True`.
fn cond_true(conds: &[Value], ty: &str) -> Option<bool> {
    conds.iter().find(|c| text(c, "type") == ty).map(|c| text(c, "status") == "True")
}

/// RFC 3339, also with fractional seconds (as MicroTime prints), in seconds.
fn instant(ts: &str) -> Option<i64> {
    crate::clock::parse_time(ts)
}

/// The cells of [`PodSummary`], in the order they are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// `metadata.namespace` (the NAMESPACE cell of `-A`).
    Namespace,
    /// `metadata.name` (the NAME cell).
    Name,
    /// READY: ready containers / containers (sidecars included), e.g. `1/1`.
    Ready,
    /// STATUS: the aggregate reason (`Running`, `CrashLoopBackOff`, `Init:0/1`,
    /// `Terminating`…).
    Status,
    /// IP (`-o wide`): the first `status.podIPs` address, or `<none>`.
    Ip,
    /// NODE (`-o wide`): `spec.nodeName`, or `<none>`.
    Node,
    /// NOMINATED NODE (`-o wide`): `status.nominatedNodeName`, or `<none>`.
    NominatedNode,
    /// READINESS GATES (`-o wide`): gates whose condition is `True` / gates, or `<none>`.
    ReadinessGates,
}

/// How many cells a [`PodSummary`] keeps.
pub const CELLS: usize = 8;

/// An absent instant in a [`Row`] (no RFC 3339 time parses to it).
const NO_TIME: i64 = i64::MIN;

/// The fixed part of a pod's summary: where its text starts in the buffer that holds it and
/// where each cell ends (from that start, in [`Cell`] order), the restart count and the
/// instants. 64 bytes, one cache line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    at: u32,
    ends: [u32; CELLS],
    ascii: bool,
    restarts: i64,
    last_restart: i64,
    created: i64,
}

impl Row {
    /// The length of the row's text.
    fn len(&self) -> usize {
        self.ends[CELLS - 1] as usize
    }

    /// Where `cell`'s text is in the row's text.
    fn cell_range(&self, cell: Cell) -> std::ops::Range<usize> {
        let i = cell as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        start..self.ends[i] as usize
    }

    /// Where the row's text is in its buffer.
    fn range(&self) -> std::ops::Range<usize> {
        self.at as usize..self.at as usize + self.len()
    }
}

/// What a pod's table row shows that does not depend on the time, as kept (by the store's
/// [`PodSummaries`] or a [`PodSummary`]): the text cells as the table prints them (cut at a
/// line break with `...`, tabs as spaces), back to back, and the times.
#[derive(Clone, Copy, Debug)]
pub struct Summary<'a> {
    row: &'a Row,
    text: &'a str,
}

impl PartialEq for Summary<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && Row { at: 0, ..*self.row } == Row { at: 0, ..*other.row }
    }
}

/// `x`, or `<none>` when empty.
fn or_none(x: &str) -> &str {
    if x.is_empty() { "<none>" } else { x }
}

impl<'a> Summary<'a> {
    /// The text of `cell`, as the table prints it.
    pub fn cell(&self, cell: Cell) -> &'a str {
        self.text.get(self.row.cell_range(cell)).unwrap_or("")
    }

    /// The bytes of `cell` (see [`Summary::cell`]).
    pub fn cell_bytes(&self, cell: Cell) -> &'a [u8] {
        self.text.as_bytes().get(self.row.cell_range(cell)).unwrap_or(&[])
    }

    /// The length in bytes of every cell, in [`Cell`] order: `cell_bytes(c).len()` of each,
    /// read from the row's cell ends alone.
    pub fn cell_lens(&self) -> [usize; CELLS] {
        let mut lens = [0; CELLS];
        let mut start = 0;
        for (len, &end) in lens.iter_mut().zip(&self.row.ends) {
            let end = end as usize;
            *len = if start <= end && end <= self.text.len() { end - start } else { 0 };
            start = end;
        }
        lens
    }

    /// Whether every cell is ASCII (one character a byte).
    pub fn is_ascii(&self) -> bool {
        self.row.ascii
    }

    /// The width of `cell` in characters (as the tabwriter counts).
    pub fn width(&self, cell: Cell) -> usize {
        let c = self.cell(cell);
        if self.row.ascii { c.len() } else { c.chars().count() }
    }

    /// `metadata.namespace`.
    pub fn namespace(&self) -> &'a str {
        self.cell(Cell::Namespace)
    }

    /// `metadata.name`.
    pub fn name(&self) -> &'a str {
        self.cell(Cell::Name)
    }

    /// The STATUS cell.
    pub fn status(&self) -> &'a str {
        self.cell(Cell::Status)
    }

    /// The READY cell.
    pub fn ready(&self) -> &'a str {
        self.cell(Cell::Ready)
    }

    /// The restart count the RESTARTS cell starts with.
    pub fn restarts(&self) -> i64 {
        self.row.restarts
    }

    /// When the last restart counted in [`Summary::restarts`] finished
    /// (`lastState.terminated.finishedAt`), shown as `N (AGE ago)` when the count is not 0.
    pub fn last_restart(&self) -> Option<i64> {
        Some(self.row.last_restart).filter(|&t| t != NO_TIME)
    }

    /// `metadata.creationTimestamp` (AGE); `None` when unset or unparsable (`<unknown>`).
    pub fn created(&self) -> Option<i64> {
        Some(self.row.created).filter(|&t| t != NO_TIME)
    }
}

/// A pod's summary on its own (derived from a pod that is not kept, or to compare with).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodSummary {
    row: Row,
    text: String,
}

impl PodSummary {
    /// The summary, to read.
    pub fn view(&self) -> Summary<'_> {
        Summary { row: &self.row, text: &self.text }
    }

    /// `metadata.name`.
    pub fn name(&self) -> &str {
        self.view().name()
    }

    /// The STATUS cell.
    pub fn status(&self) -> &str {
        self.view().status()
    }

    /// The READY cell.
    pub fn ready(&self) -> &str {
        self.view().ready()
    }
}

/// Appends the cells (in [`Cell`] order) to `text` and returns their row.
fn push_row(text: &mut String, cells: [&str; CELLS], restarts: &Restarts, created: Option<i64>) -> Row {
    let at = text.len();
    let mut ends = [0u32; CELLS];
    for (end, c) in ends.iter_mut().zip(cells) {
        crate::table_cell::push_cell(text, c);
        *end = offset(text.len() - at);
    }
    Row {
        at: offset(at),
        ends,
        ascii: text.get(at..).is_some_and(str::is_ascii),
        restarts: restarts.count,
        last_restart: restarts.last.unwrap_or(NO_TIME),
        created: created.unwrap_or(NO_TIME),
    }
}

/// Restart counts and the last restart, as `printPod` adds them up.
#[derive(Default)]
struct Restarts {
    count: i64,
    last: Option<i64>,
}

impl Restarts {
    /// Adds one container status's `restartCount` and its last termination.
    fn add(&mut self, c: &Value) {
        self.count += int(c, "restartCount");
        if let Some(t) = present(field(c, "lastState"), "terminated") {
            self.last = self.last.max(instant(text(t, "finishedAt")));
        }
    }
}

impl PodSummary {
    /// Derives the summary of `pod` (a pod as the API server stores it, with status).
    pub fn of(pod: &Value) -> PodSummary {
        let mut text = String::new();
        let row = Self::push(pod, &mut text);
        PodSummary { row, text }
    }

    /// Appends the text of `pod`'s summary to `buf` and returns its row.
    fn push(pod: &Value, buf: &mut String) -> Row {
        let (meta, spec, status) = (field(pod, "metadata"), field(pod, "spec"), field(pod, "status"));
        let conds = list(status, "conditions");
        let (status_cell, ready, restarts) = Self::status_parts(pod);
        let gates = list(spec, "readinessGates");
        let readiness_gates = if gates.is_empty() {
            "<none>".to_string()
        } else {
            let t = gates.iter().filter(|g| cond_true(conds, text(g, "conditionType")) == Some(true)).count();
            format!("{t}/{}", gates.len())
        };
        let ip = list(status, "podIPs").first().map(|i| text(i, "ip")).unwrap_or("");
        let cells = [
            text(meta, "namespace"),
            text(meta, "name"),
            &ready,
            &status_cell,
            or_none(ip),
            or_none(text(spec, "nodeName")),
            or_none(text(status, "nominatedNodeName")),
            &readiness_gates,
        ];
        push_row(buf, cells, &restarts, instant(text(meta, "creationTimestamp")))
    }

    /// STATUS and READY of `pod` as derived (not cut as a table cell), and its restarts:
    /// the count and when the last one finished.
    pub fn status_of(pod: &Value) -> (String, String, i64, Option<i64>) {
        let (status, ready, restarts) = Self::status_parts(pod);
        (status, ready, restarts.count, restarts.last)
    }

    /// STATUS, READY and the restarts.
    fn status_parts(pod: &Value) -> (String, String, Restarts) {
        let (meta, spec, status) = (field(pod, "metadata"), field(pod, "spec"), field(pod, "status"));
        let (status_cell, ready, restarts) = Self::derive_status(status, spec, list(status, "conditions"));
        let deleting = present(meta, "deletionTimestamp").is_some();
        let status_cell = match () {
            _ if deleting && text(status, "reason") == "NodeLost" => "Unknown".to_string(),
            _ if deleting && !matches!(text(status, "phase"), "Succeeded" | "Failed") => "Terminating".to_string(),
            _ => status_cell,
        };
        (status_cell, ready, restarts)
    }

    /// STATUS before the deletion override, READY, and the restarts.
    fn derive_status(status: &Value, spec: &Value, conds: &[Value]) -> (String, String, Restarts) {
        let mut reason = match text(status, "reason") {
            "" => text(status, "phase").to_string(),
            r => r.to_string(),
        };
        if conds.iter().any(|c| text(c, "type") == "PodScheduled" && text(c, "reason") == "SchedulingGated") {
            reason = "SchedulingGated".into();
        }
        let init_specs = list(spec, "initContainers");
        // A sidecar: the (first) init container of that name restarts `Always`.
        let sidecar = |name: &str| {
            init_specs.iter().find(|c| text(c, "name") == name).is_some_and(|c| text(c, "restartPolicy") == "Always")
        };
        let total = list(spec, "containers").len() + init_specs.iter().filter(|c| text(c, "restartPolicy") == "Always").count();
        let mut ready = 0;
        let mut all = Restarts::default();
        let mut sidecars = Restarts::default();
        let mut initializing = false;
        for (i, c) in list(status, "initContainerStatuses").iter().enumerate() {
            let state = field(c, "state");
            all.add(c);
            let is_sidecar = sidecar(text(c, "name"));
            if is_sidecar {
                sidecars.add(c);
            }
            let terminated = present(state, "terminated");
            let waiting_reason = text(field(state, "waiting"), "reason");
            if terminated.is_some_and(|t| int(t, "exitCode") == 0) {
                continue;
            } else if is_sidecar && is_true(c, "started") {
                if is_true(c, "ready") {
                    ready += 1;
                }
                continue;
            } else if let Some(t) = terminated {
                reason = match text(t, "reason") {
                    "" if int(t, "signal") != 0 => format!("Init:Signal:{}", int(t, "signal")),
                    "" => format!("Init:ExitCode:{}", int(t, "exitCode")),
                    r => format!("Init:{r}"),
                };
            } else if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" {
                reason = format!("Init:{waiting_reason}");
            } else {
                reason = format!("Init:{i}/{}", init_specs.len());
            }
            initializing = true;
            break;
        }
        let mut restarts = all;
        if !initializing || cond_true(conds, "Initialized") == Some(true) {
            restarts = sidecars;
            let mut has_running = false;
            for c in list(status, "containerStatuses").iter().rev() {
                let state = field(c, "state");
                restarts.add(c);
                let waiting = text(field(state, "waiting"), "reason");
                let term = present(state, "terminated");
                let term_reason = term.map_or("", |t| text(t, "reason"));
                if present(state, "waiting").is_some() && !waiting.is_empty() {
                    reason = waiting.to_string();
                } else if term.is_some() && !term_reason.is_empty() {
                    reason = term_reason.to_string();
                } else if let Some(t) = term {
                    reason = match int(t, "signal") {
                        0 => format!("ExitCode:{}", int(t, "exitCode")),
                        sig => format!("Signal:{sig}"),
                    };
                } else if is_true(c, "ready") && present(state, "running").is_some() {
                    has_running = true;
                    ready += 1;
                }
            }
            if reason == "Completed" && has_running {
                reason = if cond_true(conds, "Ready") == Some(true) { "Running".into() } else { "NotReady".into() };
            }
        }
        (reason, format!("{ready}/{total}"), restarts)
    }
}
