//! The playground's state and its single reducer: every change goes through [`Action`].
//! Browser effects (storage, URL, clipboard, timers) stay in `app.rs` and the components.

mod lab;
mod power;
mod scrollback;
mod shared;
mod tabs;

pub use scrollback::ScrollbackRow;
pub use shared::Lab;

use std::collections::VecDeque;
use std::rc::Rc;

use kube_sim_core::session::SessionRecord;
use kube_sim_core::Cluster;
use kube_sim_lessons::Progress;
use yew::Reducible;

use crate::i18n::Lang;

/// Most lines the scrollback keeps (older lines scroll away for responsiveness).
pub const MAX_SCROLLBACK_LINES: usize = 5_000;
/// Most lines one multi-line paste types into the terminal; a longer paste goes, whole and
/// unrun, into an editor tab (each typed line runs the cluster for a simulated second).
pub const MAX_PASTE_LINES: usize = 1_000;
/// Most commands Undo can take back.
pub const MAX_UNDO: usize = 20;

/// One block in the terminal's scrollback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScrollbackEntry {
    /// The prompt shown before the line.
    pub prompt: String,
    /// What the learner typed.
    pub input: String,
    /// What came out.
    pub output: String,
}

/// A workspace file open in the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tab {
    /// Its name, relative to the workspace (the learner's home).
    pub name: String,
    /// The text being edited.
    pub text: String,
    /// The text last written to the lab.
    pub saved: String,
}

/// The colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The next theme of the toggle.
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }

    /// The stored name (also the CSS class suffix).
    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }
}

/// How fast simulated time runs on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// Only typed lines move the clock.
    Paused,
    /// One simulated second per second.
    X1,
    /// Ten simulated seconds per second.
    X10,
}

/// A message shown in the banner (translated when rendered).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The autosaved session could not be read and was kept aside.
    SaveCorrupt,
    /// The last session was restored from local storage.
    Restored,
    /// A permalink was replayed.
    LinkLoaded,
    /// A permalink could not be read.
    LinkFailed(String),
    /// An imported file was replayed.
    Imported,
    /// An imported file was not a session.
    ImportFailed(String),
    /// Nothing to undo.
    NothingToUndo,
    /// A command was undone.
    Undone(String),
    /// A file name was refused.
    BadFileName,
    /// A permalink to share.
    Share(String),
    /// The session record is full: later lines are not saved.
    RecordFull,
    /// A multi-line paste over [`MAX_PASTE_LINES`] lines was not typed: it is in the editor
    /// tab `file`.
    PasteKept {
        /// Lines in the paste.
        lines: usize,
        /// The tab holding it.
        file: String,
    },
    /// A replay (link, import, restore) stopped at its budget: `replayed` of `total` lines ran;
    /// the rest are in the editor tab `file`.
    ReplayCut {
        /// Lines replayed.
        replayed: usize,
        /// Lines in the record.
        total: usize,
        /// The tab holding the other lines.
        file: String,
    },
}

/// A step confirmation, announced politely.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Announcement {
    /// Changes each time, so a repeated text is announced again.
    pub nonce: u64,
    /// The steps just reached (0-based).
    pub steps: Vec<usize>,
    /// The lesson is complete.
    pub complete: bool,
}

/// A request to put text in the terminal's input (click-to-type, completion, solution).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputRequest {
    /// Changes each time, so the same text can be requested twice.
    pub nonce: u64,
    /// The new input text.
    pub text: String,
    /// Where the cursor goes (a char index).
    pub cursor: usize,
}

/// What Undo restores: the lesson's progress and the record's length before a typed line. The
/// cluster is not copied: Undo rebuilds it from the nearest [`Checkpoint`] by replaying the record.
#[derive(Clone, Debug)]
pub struct Snapshot {
    progress: Option<Rc<Progress>>,
    commands: usize,
    events: usize,
    line: String,
}

/// A copy of the cluster at a point of the record (before command `commands`, after `events`
/// events), taken every [`CHECKPOINT_EVERY`] typed lines so that Undo replays few lines.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    cluster: Rc<Cluster>,
    commands: usize,
    events: usize,
}

/// Typed lines between two checkpoints: one line in this many pays for a copy of the cluster.
pub const CHECKPOINT_EVERY: usize = 10;

/// Everything the UI shows.
#[derive(Clone, Debug)]
pub struct Playground {
    /// The simulated cluster, shared by every state (mutated in place, never copied by an action).
    pub cluster: Lab,
    /// The lesson being followed and how far the learner got; `None` in the sandbox.
    pub progress: Option<Rc<Progress>>,
    /// How many hints are revealed.
    pub hints_shown: usize,
    /// While "show solution" feeds the terminal: the index of the solution line in the input.
    pub solution_next: Option<usize>,
    /// The terminal's scrollback.
    pub scrollback: Rc<Vec<Rc<ScrollbackRow>>>,
    /// How many old scrollback lines were dropped past [`MAX_SCROLLBACK_LINES`] since the last clear.
    pub scrollback_dropped: usize,
    /// Lines typed, oldest first, for ↑/↓ (kept across sessions).
    pub history: Rc<Vec<String>>,
    /// The editor's tabs.
    pub tabs: Vec<Tab>,
    /// The active tab's index.
    pub active: usize,
    /// Text to put in the terminal's input.
    pub input_request: Option<InputRequest>,
    /// The time bar's speed.
    pub speed: Speed,
    /// The session as recorded so far (autosave, permalink, export).
    pub record: Rc<SessionRecord>,
    /// Snapshots for Undo, oldest first.
    pub undo: VecDeque<Snapshot>,
    /// Copies of the cluster Undo replays from, oldest first (none: from the lesson's start).
    pub checkpoints: Rc<Vec<Checkpoint>>,
    /// The banner message.
    pub notice: Option<Notice>,
    /// The record probably holds Secrets (shown next to share/export).
    pub secrets_warning: bool,
    /// The last step confirmation.
    pub announcement: Option<Announcement>,
    /// Bumped whenever the record changes (the autosave effect watches it).
    pub revision: u64,
    /// The UI language.
    pub lang: Lang,
    /// The colour theme.
    pub theme: Theme,
    /// "Show goal" is open: the current step's goal is described and its objects outlined.
    pub goal_shown: bool,
    nonce: u64,
}

impl Playground {
    /// A fresh sandbox playground in `lang`.
    pub fn new(lang: Lang) -> Self {
        // One lab is built at boot, not two (building one is most of the start-up's own work).
        let mut p = Playground::bare(lang, Cluster::new());
        p.start_on(None);
        p
    }

    /// A sandbox playground on `cluster` (the warm-up's copy of the lab: see `warm`).
    pub fn on_cluster(lang: Lang, cluster: Cluster) -> Self {
        let mut p = Playground::bare(lang, cluster);
        p.start_on(None);
        p
    }

    fn bare(lang: Lang, cluster: Cluster) -> Self {
        Playground {
            cluster: Lab::new(cluster),
            progress: None,
            hints_shown: 0,
            solution_next: None,
            scrollback: Rc::default(),
            scrollback_dropped: 0,
            history: Rc::default(),
            tabs: Vec::new(),
            active: 0,
            input_request: None,
            speed: Speed::Paused,
            record: Rc::new(SessionRecord::new(None)),
            undo: VecDeque::new(),
            checkpoints: Rc::default(),
            notice: None,
            secrets_warning: false,
            announcement: None,
            revision: 0,
            lang,
            theme: Theme::Auto,
            goal_shown: false,
            nonce: 0,
        }
    }

    /// The lesson being followed, if any.
    pub fn lesson(&self) -> Option<&kube_sim_lessons::Lesson> {
        self.progress.as_deref().map(Progress::lesson)
    }

    /// The active tab.
    pub fn active_tab(&self) -> Option<&Tab> {
        self.tabs.get(self.active)
    }

    /// The record with the editor's current files, as autosave, share and export write it.
    pub fn session_record(&self) -> SessionRecord {
        let mut r = (*self.record).clone();
        r.files = self.tabs.iter().map(|t| (t.name.clone(), t.text.clone())).collect();
        r.step = self.progress.as_ref().map_or(0, |p| p.current_step());
        r
    }

    fn next_nonce(&mut self) -> u64 {
        self.nonce += 1;
        self.nonce
    }

    fn request_input(&mut self, text: String) {
        let cursor = text.chars().count();
        let nonce = self.next_nonce();
        self.input_request = Some(InputRequest { nonce, text, cursor });
    }
}

impl PartialEq for Playground {
    fn eq(&self, other: &Self) -> bool {
        // Every action produces a new state; identity is enough for re-rendering.
        std::ptr::eq(self, other)
    }
}

/// Every way the playground's state can change.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A line typed into the terminal (Enter).
    TypeLine(String),
    /// Several lines typed in order (a multi-line paste).
    TypeLines(Vec<String>),
    /// Ctrl+C: the line is abandoned.
    Interrupt(String),
    /// Tab: complete the text before the cursor; `after` is the rest of the line.
    Complete {
        /// Text before the cursor.
        before: String,
        /// Text after the cursor.
        after: String,
    },
    /// Put a command in the terminal's input without running it (click-to-type).
    SetInput(String),
    /// Clear the terminal (Ctrl+L).
    ClearScreen,
    /// Switch the UI language.
    SetLang(Lang),
    /// Switch the theme.
    SetTheme(Theme),
    /// Start lesson `id` on a fresh lab; `None` is the sandbox.
    StartLesson(Option<String>),
    /// Back to the lesson's start (or an empty lab in the sandbox).
    Reset,
    /// Reveal the next hint.
    ShowHint,
    /// Type the solution into the terminal's input, one line at a time.
    ShowSolution,
    /// Open a workspace file in a tab.
    OpenFile(String),
    /// Make tab `i` active.
    SelectTab(usize),
    /// The active tab's text changed.
    EditText(String),
    /// A new empty tab.
    NewFile(String),
    /// Rename the active tab.
    RenameFile(String),
    /// Close the active tab.
    CloseFile,
    /// Write the active tab to the lab.
    SaveFile,
    /// Save the active tab, then type `kubectl apply -f FILE` into the terminal.
    ApplyFile,
    /// Simulated seconds pass (the time bar's timer, or "skip").
    Tick(i64),
    /// Set the time bar's speed.
    SetSpeed(Speed),
    /// Undo the last typed line.
    Undo,
    /// Replay a recorded session (autosave, permalink, import) on a fresh lab.
    LoadRecord(Box<SessionRecord>, Notice),
    /// Show or dismiss the banner.
    SetNotice(Option<Notice>),
    /// Restore the kept history (from local storage).
    SetHistory(Vec<String>),
    /// Open or close "Show goal".
    ShowGoal(bool),
    /// The graph's power button: switch machine `host` on (`true`) or off.
    SetPower(String, bool),
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // A shallow copy: the cluster is shared (see `Lab`), the rest is small or behind an Rc.
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

impl Playground {
    /// Applies one action (the reducer's body; also used to build the initial state).
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::TypeLine(line) => self.type_line(line, true),
            Action::TypeLines(lines) if lines.len() > MAX_PASTE_LINES => self.keep_paste(&lines),
            Action::TypeLines(lines) => {
                for line in lines {
                    self.type_line(line, true);
                }
            }
            Action::Interrupt(line) => {
                let prompt = self.cluster.get().prompt();
                self.push_entry(ScrollbackEntry { prompt, input: format!("{line}^C"), output: String::new() });
                self.solution_next = None;
            }
            Action::Complete { before, after } => self.complete(&before, &after),
            Action::SetInput(text) => {
                self.solution_next = None;
                self.request_input(text);
            }
            Action::ClearScreen => {
                self.scrollback = Rc::default();
                self.scrollback_dropped = 0;
            }
            Action::SetLang(lang) => self.lang = lang,
            Action::SetTheme(theme) => self.theme = theme,
            Action::StartLesson(id) => {
                let lesson = id.as_deref().and_then(kube_sim_lessons::find);
                self.goal_shown = false;
                self.start(lesson);
            }
            Action::Reset => {
                let lesson = self.lesson().cloned();
                self.start(lesson);
            }
            Action::ShowHint => {
                let total = self.lesson().map_or(0, |l| l.hints.len());
                self.hints_shown = (self.hints_shown + 1).min(total);
            }
            Action::ShowSolution => {
                let first = self.lesson().and_then(|l| l.solution.first().cloned());
                if let Some(first) = first {
                    self.request_input(first);
                    self.solution_next = Some(0);
                }
            }
            Action::OpenFile(name) => self.open_file(&name),
            Action::SelectTab(i) => {
                if i < self.tabs.len() {
                    self.active = i;
                }
            }
            Action::EditText(text) => self.edit_text(text),
            Action::NewFile(name) => self.new_file(&name),
            Action::RenameFile(name) => self.rename_file(&name),
            Action::CloseFile => self.close_file(),
            Action::SaveFile => self.save_file(),
            Action::ApplyFile => {
                if let Some(name) = self.active_tab().map(|t| t.name.clone()) {
                    self.save_file();
                    self.type_line(format!("kubectl apply -f {name}"), true);
                }
            }
            Action::Tick(secs) => self.tick(secs),
            Action::SetSpeed(speed) => self.speed = speed,
            Action::Undo => self.undo(),
            Action::LoadRecord(record, notice) => self.load_record(&record, notice),
            Action::SetNotice(notice) => self.notice = notice,
            Action::SetHistory(history) => self.history = Rc::new(history),
            Action::ShowGoal(shown) => self.goal_shown = shown,
            Action::SetPower(host, on) => self.set_power(&host, on),
        }
    }
}

#[cfg(test)]
mod tests;
