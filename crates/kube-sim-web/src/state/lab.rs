//! The lab side of the reducer: typed lines, completion, lessons, time, undo and replay.

use std::rc::Rc;

use kube_sim_core::session::SessionRecord;
use kube_sim_core::{Cluster, TypedLine};
use kube_sim_lessons::{Lesson, Progress};

use crate::i18n::{self, fill, grouped};
use super::scrollback::clip_long_lines;

use super::{
    Announcement, Checkpoint, Lab, Notice, Playground, ScrollbackEntry, ScrollbackRow, Snapshot, Tab, CHECKPOINT_EVERY,
    MAX_SCROLLBACK_LINES, MAX_UNDO,
};

/// Most history lines kept.
const MAX_HISTORY: usize = 1_000;

impl Playground {
    /// Types `line` into the lab as the learner did: snapshot for undo, run, show, record,
    /// check the lesson's goals.
    pub(super) fn type_line(&mut self, line: String, record: bool) {
        // A pasted or recorded line never holds a newline; the terminal splits them.
        let line = line.replace(['\r', '\n'], "");
        let recorded = record && self.record.commands.len() < kube_sim_core::session::MAX_COMMANDS;
        if recorded {
            self.snapshot(&line);
        } else {
            // Undo replays the record: a line it does not hold cannot be taken back.
            self.undo.clear();
            self.checkpoints = Rc::default();
        }
        let prompt = self.cluster.get().prompt();
        let typed = self.cluster.type_line(&line);
        self.show_typed(prompt, &line, &typed);
        if record {
            // A record holds at most MAX_COMMANDS lines (so that it still loads); later lines
            // run but are not saved, and the learner is told.
            if recorded {
                Rc::make_mut(&mut self.record).commands.push(line.clone());
                self.revision += 1;
            } else {
                self.notice = Some(Notice::RecordFull);
            }
            if !line.trim().is_empty() && self.history.last() != Some(&line) {
                let history = Rc::make_mut(&mut self.history);
                history.push(line.clone());
                if history.len() > MAX_HISTORY {
                    history.remove(0);
                }
            }
        }
        self.check_goals(&typed.output);
        // "Show solution" puts the next line in the input once this one ran.
        if let Some(i) = self.solution_next.take() {
            let solution = self.lesson().map(|l| l.solution.clone()).unwrap_or_default();
            if solution.get(i) == Some(&line) {
                if let Some(next) = solution.get(i + 1) {
                    self.request_input(next.clone());
                    self.solution_next = Some(i + 1);
                }
            }
        }
    }

    /// Remembers what Undo restores before `line` runs; every [`CHECKPOINT_EVERY`] lines, a
    /// copy of the cluster to replay from.
    pub(super) fn snapshot(&mut self, line: &str) {
        let (commands, events) = (self.record.commands.len(), self.record.events.len());
        self.undo.push_back(Snapshot { progress: self.progress.clone(), commands, events, line: line.to_string() });
        while self.undo.len() > MAX_UNDO {
            self.undo.pop_front();
        }
        let last = self.checkpoints.last().map_or(0, |c| c.commands);
        if commands >= last + CHECKPOINT_EVERY {
            let cluster = Rc::new(self.cluster.get().clone());
            let checkpoints = Rc::make_mut(&mut self.checkpoints);
            checkpoints.push(Checkpoint { cluster, commands, events });
            // Older ones are never needed: Undo goes back MAX_UNDO lines at most.
            let oldest = self.undo.front().map_or(commands, |s| s.commands);
            while checkpoints.len() > 1 && checkpoints[1].commands <= oldest {
                checkpoints.remove(0);
            }
        }
    }

    /// The cluster as it was before command `commands` (after `events` events): the nearest
    /// checkpoint, or the lesson's start, with the record replayed up to there.
    fn rebuild(&self, commands: usize, events: usize) -> Cluster {
        let from = self.checkpoints.iter().rev().find(|c| c.commands <= commands && c.events <= events);
        let (start, c0, e0) = match from {
            Some(c) => ((*c.cluster).clone(), c.commands, c.events),
            None => (self.lesson().map_or_else(Cluster::new, Lesson::start), 0, 0),
        };
        let mut part = SessionRecord::new(None);
        part.commands = self.record.commands.get(c0..commands).unwrap_or_default().to_vec();
        part.events = self.record.events.get(e0..events).unwrap_or_default().to_vec();
        for e in &mut part.events {
            e.at = e.at.saturating_sub(c0);
        }
        part.replay(start, |_, _, _| {})
    }

    /// Shows a typed line and its output; follows `clear` and `vi FILE`.
    pub(super) fn show_typed(&mut self, prompt: String, line: &str, typed: &TypedLine) {
        if typed.clear {
            self.scrollback = Rc::default();
            self.scrollback_dropped = 0;
        } else {
            self.push_entry(ScrollbackEntry { prompt, input: line.to_string(), output: typed.output.clone() });
        }
        if let Some(path) = &typed.open_in_editor {
            self.open_file(path);
        }
    }

    /// Appends to the scrollback, dropping the oldest lines past [`MAX_SCROLLBACK_LINES`].
    pub(super) fn push_entry(&mut self, mut entry: ScrollbackEntry) {
        let note = |n: usize| fill(i18n::LINE_CLIPPED.get(self.lang), &[("n", &grouped(n))]);
        clip_long_lines(&mut entry.input, note);
        clip_long_lines(&mut entry.output, note);
        // Only the Vec of shared rows is copied when an older state still holds it, never the texts.
        let entries = Rc::make_mut(&mut self.scrollback);
        entries.push(Rc::new(ScrollbackRow::new(entry)));
        let mut total: usize = entries.iter().map(|r| r.lines).sum();
        let before = total;
        let mut drop = 0;
        while total > MAX_SCROLLBACK_LINES && drop + 1 < entries.len() {
            total -= entries[drop].lines;
            drop += 1;
        }
        entries.drain(..drop);
        if total > MAX_SCROLLBACK_LINES {
            if let Some(last) = entries.pop() {
                // The output's last `keep` lines (pieces ending in a newline, and a last piece
                // without one), cut in place: a huge output is neither copied nor listed.
                let keep = MAX_SCROLLBACK_LINES.saturating_sub(1);
                let mut entry = Rc::try_unwrap(last).map_or_else(|shared| shared.entry.clone(), |row| row.entry);
                let newlines = entry.output.bytes().filter(|&b| b == b'\n').count();
                let pieces = newlines + usize::from(!entry.output.is_empty() && !entry.output.ends_with('\n'));
                let from = pieces.saturating_sub(keep);
                if from > 0 {
                    let start = entry.output.match_indices('\n').nth(from - 1).map_or(0, |(i, _)| i + 1);
                    entry.output.replace_range(..start, "");
                }
                entries.push(Rc::new(ScrollbackRow::new(entry)));
            }
        }
        let after: usize = entries.iter().map(|r| r.lines).sum();
        self.scrollback_dropped += before.saturating_sub(after);
    }

    /// The scrollback's first line once old lines were dropped (`… 1,234 earlier lines dropped …`).
    pub fn scrollback_note(&self) -> Option<String> {
        (self.scrollback_dropped > 0).then(|| {
            let (n, max) = (grouped(self.scrollback_dropped), grouped(MAX_SCROLLBACK_LINES));
            fill(i18n::SCROLLBACK_DROPPED.get(self.lang), &[("n", &n), ("max", &max)])
        })
    }

    pub(super) fn check_goals(&mut self, output: &str) {
        let Some(progress) = self.progress.as_mut() else { return };
        let reached = Rc::make_mut(progress).after_command(&self.cluster.get(), output);
        if let Some(reached) = reached {
            let nonce = self.next_nonce();
            self.announcement = Some(Announcement { nonce, steps: reached.steps, complete: reached.complete });
        }
    }

    /// Tab completion: one candidate completes the word, several are listed as bash does
    /// (and their common prefix is completed).
    pub(super) fn complete(&mut self, before: &str, after: &str) {
        let candidates = self.cluster.get().complete(before);
        let word_start = before.rfind([' ', '\t', '=', '/']).map_or(0, |i| i + 1);
        let word = &before[word_start..];
        let replace = |c: &str| {
            if c.starts_with(word) {
                format!("{}{c}", &before[..word_start])
            } else {
                format!("{before}{c}")
            }
        };
        match candidates.as_slice() {
            [] => {}
            [one] => {
                let mut head = replace(one);
                if !one.ends_with('/') && after.is_empty() {
                    head.push(' ');
                }
                self.request_input_at(head, after);
            }
            many => {
                let prefix = common_prefix(many);
                if prefix.len() > word.len() && prefix.starts_with(word) {
                    let head = replace(&prefix);
                    self.request_input_at(head, after);
                } else {
                    let prompt = self.cluster.get().prompt();
                    let listing = format!("{}\n", many.join("  "));
                    self.push_entry(ScrollbackEntry { prompt, input: format!("{before}{after}"), output: listing });
                    self.request_input_at(before.to_string(), after);
                }
            }
        }
    }

    fn request_input_at(&mut self, head: String, after: &str) {
        let cursor = head.chars().count();
        self.request_input(format!("{head}{after}"));
        if let Some(r) = self.input_request.as_mut() {
            r.cursor = cursor;
        }
    }

    /// Starts `lesson` (or the sandbox) on a fresh lab.
    pub(super) fn start(&mut self, lesson: Option<Lesson>) {
        self.cluster = Lab::new(lesson.as_ref().map_or_else(Cluster::new, Lesson::start));
        self.start_on(lesson);
    }

    /// Starts `lesson` (or the sandbox) on the lab `self.cluster` holds, which is fresh.
    pub(super) fn start_on(&mut self, lesson: Option<Lesson>) {
        let tabs = match &lesson {
            Some(l) => l.files.iter().map(|f| tab(&f.name, &f.text)).collect(),
            // The sandbox's editor starts with one empty file, not yet in the lab.
            None => vec![Tab { name: "manifest.yaml".into(), text: String::new(), saved: String::new() }],
        };
        self.progress = lesson.as_ref().map(|l| Rc::new(Progress::new(l)));
        self.tabs = tabs;
        self.active = 0;
        self.hints_shown = 0;
        self.solution_next = None;
        self.scrollback = Rc::default();
        self.scrollback_dropped = 0;
        self.undo.clear();
        self.checkpoints = Rc::default();
        self.announcement = None;
        self.notice = None;
        self.secrets_warning = false;
        self.record = Rc::new(SessionRecord::new(lesson.map(|l| l.id)));
        self.revision += 1;
    }

    /// Simulated time passes.
    pub(super) fn tick(&mut self, secs: i64) {
        if secs <= 0 {
            return;
        }
        self.cluster.advance(secs);
        Rc::make_mut(&mut self.record).push_advance(secs);
        self.revision += 1;
        self.check_goals("");
    }

    /// Takes back the last typed line.
    pub(super) fn undo(&mut self) {
        let Some(snap) = self.undo.pop_back() else {
            self.notice = Some(Notice::NothingToUndo);
            return;
        };
        let cluster = self.rebuild(snap.commands, snap.events);
        self.cluster.set(cluster);
        self.progress = snap.progress;
        Rc::make_mut(&mut self.checkpoints).retain(|c| c.commands <= snap.commands && c.events <= snap.events);
        let record = Rc::make_mut(&mut self.record);
        record.commands.truncate(snap.commands);
        record.events.truncate(snap.events);
        self.solution_next = None;
        self.revision += 1;
        self.notice = Some(Notice::Undone(snap.line));
    }

    /// Replays `record` on a fresh start of its lesson; the scrollback shows every line again.
    pub(super) fn load_record(&mut self, record: &SessionRecord, notice: Notice) {
        let lesson = record.lesson.as_deref().and_then(kube_sim_lessons::find);
        self.start(lesson.clone());
        let mut progress = lesson.as_ref().map(Progress::new);
        let mut entries: Vec<ScrollbackEntry> = Vec::new();
        let mut prompt = self.cluster.get().prompt();
        let mut open = Vec::new();
        let start = self.cluster.get().clone();
        let budget = kube_sim_core::session::ReplayBudget::default();
        let (cluster, done) = record.replay_within(start, budget, |c, line, typed| {
            if typed.clear {
                entries.clear();
            } else {
                entries.push(ScrollbackEntry { prompt: prompt.clone(), input: line.to_string(), output: typed.output.clone() });
            }
            if let Some(p) = &typed.open_in_editor {
                open.push(p.clone());
            }
            if let Some(p) = progress.as_mut() {
                p.after_command(c, &typed.output);
            }
            prompt = c.prompt();
        });
        self.cluster.set(cluster);
        self.progress = progress.map(Rc::new);
        for e in entries {
            self.push_entry(e);
        }
        if !record.files.is_empty() {
            self.tabs = record.files.iter().map(|(n, t)| tab(n, t)).collect();
            // What the lab holds is what was last saved; unsaved edits show as such.
            for t in &mut self.tabs {
                let saved = self.cluster.get().read_file(&Cluster::learner_ctx(), &t.name).ok();
                t.saved = saved.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            }
        }
        for p in open {
            self.open_file(&p);
        }
        let mut kept = record.clone();
        kept.files.clear();
        kept.commands.truncate(done.lines);
        kept.events.truncate(done.events);
        self.record = Rc::new(kept);
        self.secrets_warning = record.mentions_secrets();
        self.notice = Some(if done.stopped { self.keep_unreplayed(record, &done) } else { notice });
        self.revision += 1;
    }

    /// A replay that ran out of its budget: the lines it did not replay go, unchanged and
    /// unsaved, into a new editor tab, which the notice names.
    fn keep_unreplayed(&mut self, record: &SessionRecord, done: &kube_sim_core::session::Replayed) -> Notice {
        let rest = record.rest(done);
        let file = self.new_tab_with_lines("not-replayed", &rest.commands);
        Notice::ReplayCut { replayed: done.lines, total: record.commands.len(), file }
    }

    /// A paste too long to type: all of it goes, unrun and unsaved, into a new editor tab.
    pub(super) fn keep_paste(&mut self, lines: &[String]) {
        let file = self.new_tab_with_lines("pasted", lines);
        self.notice = Some(Notice::PasteKept { lines: lines.len(), file });
        self.revision += 1;
    }

    /// Opens a new, unsaved tab `STEM.sh` (`STEM-2.sh`, ... when taken) holding `lines`.
    fn new_tab_with_lines(&mut self, stem: &str, lines: &[String]) -> String {
        let mut file = format!("{stem}.sh");
        let mut n = 1;
        while self.tabs.iter().any(|t| t.name == file) {
            n += 1;
            file = format!("{stem}-{n}.sh");
        }
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        self.tabs.push(Tab { name: file.clone(), text, saved: String::new() });
        self.active = self.tabs.len() - 1;
        file
    }
}

/// A tab whose text is saved in the lab.
pub(super) fn tab(name: &str, text: &str) -> Tab {
    Tab { name: name.to_string(), text: text.to_string(), saved: text.to_string() }
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else { return String::new() };
    let mut end = first.len();
    for w in &words[1..] {
        end = first.char_indices().zip(w.chars()).take_while(|((_, a), b)| a == b).map(|((i, a), _)| i + a.len_utf8()).last().unwrap_or(0).min(end);
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_prefixes() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(common_prefix(&w(&["apply", "api-resources", "api-versions"])), "ap");
        assert_eq!(common_prefix(&w(&["get", "create"])), "");
        assert_eq!(common_prefix(&w(&["日本", "日曜"])), "日");
    }
}
