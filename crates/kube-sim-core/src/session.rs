//! A recorded playground session: what the learner typed and saved, so that it can be saved,
//! shared as a permalink (`#s=v1.…`) and replayed on a fresh lab. The core is deterministic, so
//! replaying the same record gives the same terminal output, byte for byte.
//!
//! Pure data and text transforms: no IO. [`SessionRecord::decode`] never panics and bounds every
//! size, whatever its input.

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::{Cluster, TypedLine};

/// The record format this build writes and reads.
pub const VERSION: u32 = 1;
/// The prefix of an encoded record.
pub const PREFIX: &str = "v1.";
/// Largest decoded record, in bytes.
pub const MAX_DECODED: usize = 2 * 1024 * 1024;
/// Most command lines a record may hold.
pub const MAX_COMMANDS: usize = 5_000;
/// Most workspace files a record may hold.
pub const MAX_FILES: usize = 200;
/// Most events a record may hold.
pub const MAX_EVENTS: usize = 20_000;
/// Most simulated seconds one [`SessionRecord::replay_within`] lets pass (typed lines, `sleep`,
/// the time bar): every simulated second runs the controllers once.
pub const MAX_REPLAY_SECONDS: i64 = 6 * 3600;
/// Most shell commands one [`SessionRecord::replay_within`] runs (each line stops at the
/// shell's step limit on its own; this bounds a record of many runaway lines).
pub const MAX_REPLAY_STEPS: u64 = 200_000;

/// What one bounded replay may spend: [`MAX_REPLAY_SECONDS`] and [`MAX_REPLAY_STEPS`] by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplayBudget {
    /// Simulated seconds.
    pub seconds: i64,
    /// Shell commands.
    pub steps: u64,
}

impl Default for ReplayBudget {
    fn default() -> Self {
        ReplayBudget { seconds: MAX_REPLAY_SECONDS, steps: MAX_REPLAY_STEPS }
    }
}

/// How far a bounded replay got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Replayed {
    /// Command lines replayed (the first `lines` of the record).
    pub lines: usize,
    /// Events applied (the first `events` of the record).
    pub events: usize,
    /// Simulated seconds the replay let pass.
    pub seconds: i64,
    /// Shell commands the replayed lines ran.
    pub steps: u64,
    /// The replay ran out of its [`ReplayBudget`] before the end.
    pub stopped: bool,
}

/// Something that changed the lab between two typed lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Simulated seconds passed (the time bar).
    Advance(i64),
    /// The editor saved a workspace file: name, text.
    Save(String, String),
    /// The graph's power button: machine `host` was switched off (`on: false`) or on.
    /// Records written before this kind existed never hold it, so they decode as before.
    Power {
        /// The machine (a node or the NFS server).
        host: String,
        /// Whether it was switched on.
        on: bool,
    },
}

/// An event, placed before command line number `at` (0-based; `commands.len()` = at the end).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// How many command lines were typed before it.
    pub at: usize,
    /// What happened.
    pub kind: EventKind,
}

/// A session: the lesson it started from, the editor's files and every typed line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The lesson id the lab started from; `None` for the sandbox (an empty lab).
    pub lesson: Option<String>,
    /// The lesson step the learner had reached (replaying recomputes it).
    #[serde(default)]
    pub step: usize,
    /// The editor's files (name, text), as they were when recorded.
    pub files: Vec<(String, String)>,
    /// Every line typed into the terminal, in order (heredoc bodies included).
    pub commands: Vec<String>,
    /// Time passing and editor saves, between the commands.
    #[serde(default)]
    pub events: Vec<Event>,
}

impl SessionRecord {
    /// An empty record for `lesson` (or the sandbox).
    pub fn new(lesson: Option<String>) -> Self {
        SessionRecord { version: VERSION, lesson, ..SessionRecord::default() }
    }

    /// Records that `secs` simulated seconds passed now (merged with an advance at the same place).
    pub fn push_advance(&mut self, secs: i64) {
        let at = self.commands.len();
        if let Some(Event { at: last_at, kind: EventKind::Advance(s) }) = self.events.last_mut() {
            if *last_at == at {
                *s = s.saturating_add(secs);
                return;
            }
        }
        self.events.push(Event { at, kind: EventKind::Advance(secs) });
    }

    /// Records that the editor saved `name` with `text` now.
    pub fn push_save(&mut self, name: &str, text: &str) {
        self.events.push(Event { at: self.commands.len(), kind: EventKind::Save(name.to_string(), text.to_string()) });
    }

    /// Records that machine `host` was switched on or off now (the graph's power button).
    pub fn push_power(&mut self, host: &str, on: bool) {
        self.events.push(Event { at: self.commands.len(), kind: EventKind::Power { host: host.to_string(), on } });
    }

    /// Whether the record probably holds a Secret (a command or a file mentions `secret`).
    pub fn mentions_secrets(&self) -> bool {
        let has = |s: &str| s.to_ascii_lowercase().contains("secret");
        self.commands.iter().any(|c| has(c))
            || self.files.iter().any(|(n, t)| has(n) || has(t))
            || self.events.iter().any(|e| matches!(&e.kind, EventKind::Save(n, t) if has(n) || has(t)))
    }

    /// The record as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a record from JSON, checking its version and sizes. Never panics.
    pub fn from_json(json: &str) -> Result<SessionRecord, String> {
        if json.len() > MAX_DECODED {
            return Err(format!("the session is larger than {MAX_DECODED} bytes"));
        }
        let version = serde_json::from_str::<serde_json::Value>(json)
            .map_err(|e| format!("not a session: {e}"))?
            .get("version")
            .and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(VERSION)) {
            return Err(match version {
                Some(v) => format!("unknown session version {v}"),
                None => "not a session: no version".to_string(),
            });
        }
        let record: SessionRecord = serde_json::from_str(json).map_err(|e| format!("not a session: {e}"))?;
        record.check()?;
        Ok(record)
    }

    fn check(&self) -> Result<(), String> {
        if self.commands.len() > MAX_COMMANDS {
            return Err(format!("the session has more than {MAX_COMMANDS} commands"));
        }
        if self.files.len() > MAX_FILES {
            return Err(format!("the session has more than {MAX_FILES} files"));
        }
        if self.events.len() > MAX_EVENTS {
            return Err(format!("the session has more than {MAX_EVENTS} events"));
        }
        if self.commands.iter().any(|c| c.contains('\n')) {
            return Err("a command holds a newline".to_string());
        }
        Ok(())
    }

    /// The permalink form: `v1.` then the compact JSON, compressed, in unpadded base64url.
    pub fn encode(&self) -> String {
        let packed = compress(self.to_json().as_bytes());
        format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
    }

    /// Reads a permalink form. Never panics; refuses records over the size limits.
    pub fn decode(text: &str) -> Result<SessionRecord, String> {
        let body = text.trim().strip_prefix(PREFIX).ok_or_else(|| format!("a session link starts with {PREFIX}"))?;
        // Base64 grows 3 bytes into 4; the compressed form is never larger than 2× the JSON.
        if body.len() > MAX_DECODED * 3 {
            return Err("the session link is too long".to_string());
        }
        let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body.trim_end_matches('='))
            .map_err(|e| format!("the session link is damaged: {e}"))?;
        let json = decompress(&packed, MAX_DECODED)?;
        let json = String::from_utf8(json).map_err(|_| "the session link is damaged: not UTF-8".to_string())?;
        Self::from_json(&json)
    }

    /// Replays the record on `start` (a fresh lab, or a lesson's start): events and typed lines
    /// in their order. `on_line` sees each line and what it printed, after it ran.
    pub fn replay(&self, mut start: Cluster, mut on_line: impl FnMut(&Cluster, &str, &TypedLine)) -> Cluster {
        let mut events = self.events.iter().peekable();
        for (i, line) in self.commands.iter().enumerate() {
            while let Some(e) = events.next_if(|e| e.at <= i) {
                apply_event(&mut start, &e.kind);
            }
            let typed = start.type_line(line);
            on_line(&start, line, &typed);
        }
        for e in events {
            apply_event(&mut start, &e.kind);
        }
        start
    }

    /// Replays the record as [`SessionRecord::replay`] does, within `budget`: it stops before
    /// an event that would take the replay past `budget.seconds` simulated seconds (a time-bar
    /// advance counts whole), before a line once the seconds are spent (a line takes one, and a
    /// `sleep` in it at most the shell's time limit), and once the lines ran `budget.steps`
    /// shell commands. [`SessionRecord::rest`] is what it did not replay.
    pub fn replay_within(&self, mut start: Cluster, budget: ReplayBudget, mut on_line: impl FnMut(&Cluster, &str, &TypedLine)) -> (Cluster, Replayed) {
        let began = start.now();
        let mut done = Replayed::default();
        let over = |c: &Cluster, done: &Replayed, extra: i64| c.now() - began + extra > budget.seconds || done.steps >= budget.steps;
        for (i, line) in self.commands.iter().enumerate() {
            while let Some(e) = self.events.get(done.events).filter(|e| e.at <= i) {
                if over(&start, &done, event_seconds(&e.kind)) {
                    done.stopped = true;
                    break;
                }
                apply_event(&mut start, &e.kind);
                done.events += 1;
            }
            if done.stopped || over(&start, &done, 1) {
                done.stopped = true;
                break;
            }
            let typed = start.type_line(line);
            done.steps += typed.steps;
            done.lines += 1;
            on_line(&start, line, &typed);
        }
        while let Some(e) = self.events.get(done.events).filter(|_| !done.stopped) {
            if over(&start, &done, event_seconds(&e.kind)) {
                done.stopped = true;
                break;
            }
            apply_event(&mut start, &e.kind);
            done.events += 1;
        }
        done.seconds = start.now() - began;
        (start, done)
    }

    /// The part of the record a bounded replay did not replay: its lines, and its events
    /// (placed relative to those lines). Empty when `done` reached the end.
    pub fn rest(&self, done: &Replayed) -> SessionRecord {
        let lines = done.lines.min(self.commands.len());
        let events = done.events.min(self.events.len());
        SessionRecord {
            commands: self.commands[lines..].to_vec(),
            events: self.events[events..].iter().map(|e| Event { at: e.at.saturating_sub(lines), kind: e.kind.clone() }).collect(),
            ..SessionRecord::new(self.lesson.clone())
        }
    }
}

/// The simulated seconds an event lets pass.
fn event_seconds(kind: &EventKind) -> i64 {
    match kind {
        EventKind::Advance(secs) => (*secs).clamp(0, MAX_ADVANCE),
        _ => 0,
    }
}

/// The longest one time-bar advance a replay applies (7 days).
const MAX_ADVANCE: i64 = 7 * 24 * 3600;

fn apply_event(cluster: &mut Cluster, kind: &EventKind) {
    match kind {
        // Bounded: a shared link must not keep the page busy for simulated years.
        EventKind::Advance(secs) => cluster.advance((*secs).clamp(0, MAX_ADVANCE)),
        EventKind::Save(name, text) => {
            let _ = cluster.write_workspace_file(name, text);
        }
        EventKind::Power { host, on } => {
            let change = if *on { crate::hosts::Power::On } else { crate::hosts::Power::Off };
            let _ = cluster.set_power(host, change);
        }
    }
}

/// A small LZ77 form: a literal run is `0x00..=0x7f` (n+1 bytes follow); a match is
/// `0x80 | (len-4)` (len 4..=131) then a 2-byte little-endian distance (1..=65535).
fn compress(data: &[u8]) -> Vec<u8> {
    const MIN: usize = 4;
    const MAX_LEN: usize = 131;
    const WINDOW: usize = 65_535;
    let mut out = Vec::with_capacity(data.len() / 2 + 16);
    let mut table = vec![usize::MAX; 1 << 14];
    let hash = |b: &[u8]| -> usize {
        let v = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        (v.wrapping_mul(2_654_435_761) >> 18) as usize
    };
    let mut lit_start = 0;
    let mut i = 0;
    let flush = |out: &mut Vec<u8>, lits: &[u8]| {
        for chunk in lits.chunks(128) {
            out.push((chunk.len() - 1) as u8);
            out.extend_from_slice(chunk);
        }
    };
    while i + MIN <= data.len() {
        let h = hash(&data[i..i + MIN]);
        let cand = table[h];
        table[h] = i;
        if cand != usize::MAX && i - cand <= WINDOW && data[cand..cand + MIN] == data[i..i + MIN] {
            let mut len = MIN;
            while len < MAX_LEN && i + len < data.len() && data[cand + len] == data[i + len] {
                len += 1;
            }
            flush(&mut out, &data[lit_start..i]);
            out.push(0x80 | (len - MIN) as u8);
            out.extend_from_slice(&((i - cand) as u16).to_le_bytes());
            i += len;
            lit_start = i;
        } else {
            i += 1;
        }
    }
    flush(&mut out, &data[lit_start..]);
    out
}

fn decompress(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let damaged = || "the session link is damaged".to_string();
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    while let Some(&tag) = data.get(i) {
        i += 1;
        if tag < 0x80 {
            let n = usize::from(tag) + 1;
            let lits = data.get(i..i + n).ok_or_else(damaged)?;
            out.extend_from_slice(lits);
            i += n;
        } else {
            let len = usize::from(tag & 0x7f) + 4;
            let d = data.get(i..i + 2).ok_or_else(damaged)?;
            let dist = usize::from(u16::from_le_bytes([d[0], d[1]]));
            i += 2;
            if dist == 0 || dist > out.len() {
                return Err(damaged());
            }
            let from = out.len() - dist;
            for k in 0..len {
                let b = out[from + k];
                out.push(b);
            }
        }
        if out.len() > limit {
            return Err(format!("the session is larger than {limit} bytes"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SessionRecord {
        let mut r = SessionRecord::new(Some("01-emptydir".into()));
        r.files.push(("pod.yaml".into(), "apiVersion: v1\nkind: Pod\n".repeat(20)));
        r.commands.push("kubectl version --client".into());
        r.push_advance(5);
        r.push_advance(10);
        r.push_save("pod.yaml", "kind: Pod\n");
        r.commands.push("kubectl get pods".into());
        r
    }

    #[test]
    fn encode_decode_round_trips() {
        let r = sample();
        let enc = r.encode();
        assert!(enc.starts_with("v1."));
        assert!(!enc.contains('+') && !enc.contains('/') && !enc.contains('='));
        assert_eq!(SessionRecord::decode(&enc), Ok(r.clone()));
        assert_eq!(SessionRecord::from_json(&r.to_json()), Ok(r));
    }

    #[test]
    fn advances_at_one_place_merge() {
        let r = sample();
        assert_eq!(r.events[0], Event { at: 1, kind: EventKind::Advance(15) });
        assert_eq!(r.events.len(), 2);
    }

    #[test]
    fn compression_shrinks_repetitive_text_and_round_trips() {
        let text = "apiVersion: v1\nkind: PersistentVolume\n".repeat(100);
        let packed = compress(text.as_bytes());
        assert!(packed.len() < text.len() / 5, "{}", packed.len());
        assert_eq!(decompress(&packed, MAX_DECODED).unwrap(), text.as_bytes());
        for s in ["", "a", "abcd", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "日本語日本語日本語"] {
            assert_eq!(decompress(&compress(s.as_bytes()), MAX_DECODED).unwrap(), s.as_bytes());
        }
        let mixed: Vec<u8> = (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect();
        assert_eq!(decompress(&compress(&mixed), MAX_DECODED).unwrap(), mixed);
    }

    #[test]
    fn hostile_links_are_errors_not_panics() {
        for bad in ["", "v1.", "v2.AAAA", "v1.!!!!", "v1.gA", "v1.gAAA", "v1.AA", "v1.f39_", "nonsense", "v1.////"] {
            assert!(SessionRecord::decode(bad).is_err(), "{bad}");
        }
        // A bomb: one literal then matches that expand past the limit.
        let mut bomb = vec![0u8, b'a'];
        for _ in 0..40_000 {
            bomb.extend_from_slice(&[0xff, 1, 0]);
        }
        let link = format!("v1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bomb));
        assert!(SessionRecord::decode(&link).unwrap_err().contains("larger than"));
        // Every prefix of a valid link fails cleanly or decodes.
        let enc = sample().encode();
        for n in 0..enc.len() {
            let _ = SessionRecord::decode(&enc[..n]);
        }
    }

    proptest::proptest! {
        #[test]
        fn decode_never_panics(text in ".{0,200}", bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = SessionRecord::decode(&text);
            let _ = SessionRecord::decode(&format!("v1.{text}"));
            let _ = SessionRecord::decode(&format!("v1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes)));
            let _ = SessionRecord::from_json(&text);
        }
    }

    #[test]
    fn versions_and_bounds_are_checked() {
        assert_eq!(SessionRecord::from_json(r#"{"version":2}"#), Err("unknown session version 2".into()));
        assert!(SessionRecord::from_json("[1,2]").is_err());
        assert!(SessionRecord::from_json(r#"{"version":1,"lesson":null,"files":[],"commands":[1]}"#).is_err());
        let mut r = SessionRecord::new(None);
        r.commands = vec!["ls".into(); MAX_COMMANDS + 1];
        assert!(SessionRecord::decode(&r.encode()).unwrap_err().contains("more than"));
        r.commands = vec!["a\nb".into()];
        assert!(SessionRecord::from_json(&r.to_json()).is_err());
    }

    #[test]
    fn power_events_round_trip_and_replay() {
        let mut r = SessionRecord::new(None);
        r.commands.push("kubectl get nodes".into());
        r.push_power("worker-1", false);
        r.push_advance(60);
        let json = r.to_json();
        assert!(json.contains(r#"{"power":{"host":"worker-1","on":false}}"#), "{json}");
        assert_eq!(SessionRecord::decode(&r.encode()), Ok(r.clone()));
        let c = r.replay(Cluster::new(), |_, _, _| {});
        assert!(!c.is_powered_on("worker-1"));
        assert!(c.is_powered_on("worker-2"));
        r.push_power("worker-1", true);
        assert!(r.replay(Cluster::new(), |_, _, _| {}).is_powered_on("worker-1"));
        // An unknown machine in a hostile record is ignored, not a panic.
        r.push_power("nope", false);
        let _ = r.replay(Cluster::new(), |_, _, _| {});
    }

    #[test]
    fn records_without_power_events_still_decode() {
        let old = r#"{"version":1,"lesson":null,"files":[],"commands":["ls"],"events":[{"at":0,"kind":{"advance":5}}]}"#;
        let r = SessionRecord::from_json(old).unwrap();
        assert_eq!(r.events[0].kind, EventKind::Advance(5));
    }

    #[test]
    fn secrets_are_noticed() {
        let mut r = SessionRecord::new(None);
        assert!(!r.mentions_secrets());
        r.commands.push("kubectl create Secret generic x".into());
        assert!(r.mentions_secrets());
    }

    #[test]
    fn replay_is_deterministic() {
        let r = sample();
        let mut seen = Vec::new();
        let a = r.replay(Cluster::new(), |_, line, typed| seen.push((line.to_string(), typed.output.clone())));
        let b = r.replay(Cluster::new(), |_, _, _| {});
        assert_eq!(seen.len(), 2);
        assert_eq!(a.now(), b.now());
        let file = a.read_file(&Cluster::learner_ctx(), "pod.yaml").unwrap();
        assert_eq!(file, b"kind: Pod\n");
    }

    #[test]
    fn a_replay_stops_at_its_time_budget_and_keeps_the_rest() {
        let mut r = SessionRecord::new(None);
        r.commands = vec!["sleep 600".into(); MAX_COMMANDS];
        r.push_advance(30);
        let budget = ReplayBudget { seconds: 1300, ..ReplayBudget::default() };
        let (lab, done) = r.replay_within(Cluster::new(), budget, |_, _, _| {});
        // Each line takes its second and its sleep.
        assert_eq!(done, Replayed { lines: 3, events: 0, seconds: 3 * 601, steps: 3, stopped: true });
        assert_eq!(lab.now() - Cluster::new().now(), 3 * 601);
        let rest = r.rest(&done);
        assert_eq!(rest.commands.len(), MAX_COMMANDS - 3);
        assert_eq!(rest.events, vec![Event { at: MAX_COMMANDS - 3, kind: EventKind::Advance(30) }]);
        // A week on the time bar is over the budget: nothing after it runs.
        let mut r = SessionRecord::new(None);
        r.push_advance(7 * 24 * 3600);
        r.commands.push("echo hi".into());
        let (_, done) = r.replay_within(Cluster::new(), ReplayBudget::default(), |_, _, _| {});
        assert_eq!((done.lines, done.events, done.stopped), (0, 0, true));
        assert_eq!(r.rest(&done), r);
    }

    #[test]
    fn a_replay_stops_at_its_step_budget() {
        let mut r = SessionRecord::new(None);
        r.commands = vec!["while true; do true; done".into(); 30];
        let mut seen = 0;
        let budget = ReplayBudget { steps: 30_000, ..ReplayBudget::default() };
        let (_, done) = r.replay_within(Cluster::new(), budget, |_, _, t| {
            seen += 1;
            assert!(t.steps > crate::shell::state::STEP_LIMIT, "{}", t.steps);
        });
        assert!(done.stopped && done.lines == seen && done.steps >= 30_000, "{done:?}");
        assert!(done.lines <= 3, "{done:?}");
    }

    #[test]
    fn a_bounded_replay_of_a_normal_record_is_the_replay() {
        let r = sample();
        let (a, done) = r.replay_within(Cluster::new(), ReplayBudget::default(), |_, _, _| {});
        assert!(!done.stopped);
        assert_eq!((done.lines, done.events), (r.commands.len(), r.events.len()));
        let b = r.replay(Cluster::new(), |_, _, _| {});
        assert_eq!(a.now(), b.now());
        assert_eq!(r.rest(&done).commands.len(), 0);
    }
}
