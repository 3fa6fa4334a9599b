//! What the learner's terminal sees: lines go in, text comes out.
//!
//! The terminal keeps the lines of a command that is not complete yet (a heredoc body), and the
//! stack of nested sessions (`ssh HOST`, `kubectl exec -it`, `mysql>`) whose prompts it shows.

/// How a typed line was taken, decided by the terminal's state *before* the line arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A line typed at a prompt; a transcript echoes it as `$ LINE`.
    Command,
    /// A line that continues an earlier command (a heredoc body); echoed as `> LINE`.
    Continuation,
}

/// The result of one line typed into the terminal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypedLine {
    /// Whether the line was a command or the continuation of one.
    pub kind: Option<LineKind>,
    /// Everything the command wrote, stdout and stderr interleaved as a terminal shows them.
    pub output: String,
    /// The exit status (`$?`), when a command ran.
    pub exit: Option<i32>,
    /// The command asked the screen to be cleared (`clear`, Ctrl+L).
    pub clear: bool,
    /// The command asked to open a file in the editor (`vi FILE`, `kubectl edit`).
    pub open_in_editor: Option<String>,
    /// The shell commands the line ran (its cost: at most the shell's step limit).
    pub steps: u64,
}
