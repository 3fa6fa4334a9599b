//! The shell's syntax tree.

/// A piece of a word, before expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Unquoted text (subject to globbing).
    Lit(String),
    /// Quoted or escaped text (taken as is).
    Quoted(String),
    /// `~` at the start of a word.
    Tilde,
    /// `$NAME`, `${NAME}`, `${NAME:-word}`, `${#NAME}`; `quoted` inside double quotes.
    Var { name: String, op: VarOp, quoted: bool },
    /// `$((expr))`: the expression text, expanded then evaluated.
    Arith(Vec<Part>),
    /// `$(list)` or `` `list` ``.
    Subst { list: Box<List>, quoted: bool },
}

/// What a `${...}` expansion does besides substituting the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarOp {
    /// Plain `$NAME`.
    Plain,
    /// `${#NAME}`: the length.
    Length,
    /// `${NAME:-word}` (`colon`) or `${NAME-word}`: a default.
    Default { word: Vec<Part>, colon: bool },
}

/// A word: parts glued together.
pub type Word = Vec<Part>;

/// A redirection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `>`.
    Out,
    /// `>>`.
    Append,
    /// `<`.
    In,
    /// `&>`: stdout and stderr to a file.
    OutErr,
    /// `N>&M`.
    Dup,
    /// `<<EOF`: the index of the heredoc body.
    HereDoc(usize),
}

/// `fd op target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redir {
    /// The file descriptor redirected.
    pub fd: u8,
    /// The operator.
    pub op: RedirOp,
    /// The target word (unused for heredocs).
    pub target: Word,
}

/// A command with its words, assignments and redirections.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Simple {
    /// `NAME=value` prefixes.
    pub assigns: Vec<(String, Word)>,
    /// The words: the command and its arguments.
    pub words: Vec<Word>,
    /// The redirections, in order.
    pub redirs: Vec<Redir>,
}

/// One command of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// A simple command.
    Simple(Simple),
    /// `( list )`.
    Subshell(List, Vec<Redir>),
    /// `{ list; }`.
    Group(List, Vec<Redir>),
    /// `if list; then list; [elif list; then list;] [else list;] fi`.
    If(Vec<(List, List)>, Option<List>, Vec<Redir>),
    /// `while list; do list; done` (`until` when the bool is true).
    While(bool, List, List, Vec<Redir>),
    /// `for NAME in words; do list; done`.
    For(String, Vec<Word>, List, Vec<Redir>),
    /// `NAME () compound-command` or `function NAME [()] compound-command`: defines a function.
    Function(String, std::sync::Arc<Command>),
}

/// `[!] cmd | cmd | ...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// `!` negates the status.
    pub bang: bool,
    /// The commands.
    pub cmds: Vec<Command>,
}

/// `pipeline && pipeline || ...`: `true` for `&&`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndOr {
    /// The first pipeline.
    pub first: Pipeline,
    /// The rest, each with its operator (`true` for `&&`).
    pub rest: Vec<(bool, Pipeline)>,
}

/// Commands separated by `;`, `&` or newlines.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct List {
    /// The and-or lists in order.
    pub items: Vec<AndOr>,
}

/// A heredoc the parser saw: the body comes on the following lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HereDoc {
    /// The delimiter word, unquoted.
    pub delim: String,
    /// `<<-`: leading tabs are stripped.
    pub strip_tabs: bool,
    /// The delimiter was quoted: no expansion in the body.
    pub quoted: bool,
    /// The body, filled in as lines arrive.
    pub body: String,
    /// The body is complete (its delimiter line was seen).
    pub done: bool,
}
