//! The playground's state and its single reducer: every change goes through [`Action`].

use std::rc::Rc;

use kube_sim_core::Cluster;
use yew::Reducible;

use crate::i18n::Lang;

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

/// Everything the UI shows.
#[derive(Clone, Debug)]
pub struct Playground {
    /// The simulated cluster.
    pub cluster: Cluster,
    /// The terminal's scrollback.
    pub scrollback: Vec<ScrollbackEntry>,
    /// Lines typed, oldest first, for ↑/↓.
    pub history: Vec<String>,
    /// The editor's text.
    pub editor_text: String,
    /// The UI language.
    pub lang: Lang,
}

impl Playground {
    /// A fresh playground in `lang`.
    pub fn new(lang: Lang) -> Self {
        Playground {
            cluster: Cluster::new(),
            scrollback: Vec::new(),
            history: Vec::new(),
            editor_text: String::new(),
            lang,
        }
    }
}

impl PartialEq for Playground {
    fn eq(&self, other: &Self) -> bool {
        // Every action produces a new state; identity is enough for re-rendering.
        std::ptr::eq(self, other)
    }
}

/// Every way the playground's state can change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A line typed into the terminal (Enter).
    TypeLine(String),
    /// The editor's text changed.
    EditText(String),
    /// Clear the terminal (Ctrl+L).
    ClearScreen,
    /// Switch the UI language.
    SetLang(Lang),
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Action::TypeLine(line) => {
                let prompt = next.cluster.prompt();
                let typed = next.cluster.type_line(&line);
                if typed.clear {
                    next.scrollback.clear();
                } else {
                    next.scrollback.push(ScrollbackEntry { prompt, input: line.clone(), output: typed.output });
                }
                if !line.trim().is_empty() {
                    next.history.push(line);
                }
            }
            Action::EditText(text) => next.editor_text = text,
            Action::ClearScreen => next.scrollback.clear(),
            Action::SetLang(lang) => next.lang = lang,
        }
        Rc::new(next)
    }
}
