//! A shell's variables, positional parameters, aliases and history; and what a command line
//! asks of the terminal (clear, editor, nested sessions).

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::cluster::ProcCtx;

/// How many commands one typed line may run before it is stopped.
pub const STEP_LIMIT: u64 = 10_000;
/// How many simulated seconds one typed line may let pass (`sleep` in a loop) before it is
/// stopped: every simulated second runs the controllers.
pub const TIME_LIMIT: i64 = 3_600;
/// How deep `$(...)`, `sh -c` and groups may nest.
pub const MAX_DEPTH: usize = 48;
/// How deep shell functions may call each other (bash's `FUNCNEST`; each call also nests
/// commands, within [`MAX_DEPTH`]).
pub const MAX_FUNCNEST: usize = 16;

/// A shell's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellState {
    /// Host, user and working directory.
    pub ctx: ProcCtx,
    /// Variables: value and whether exported.
    pub vars: BTreeMap<String, (String, bool)>,
    /// `$?`.
    pub last: i32,
    /// `$0 $1 ...`.
    pub args: Vec<String>,
    /// Aliases (`ll`).
    pub aliases: BTreeMap<String, String>,
    /// Typed lines.
    pub history: Vec<String>,
    /// A login shell (`exit` prints `logout`) or a nested one (`exit` prints `exit`).
    pub login: bool,
    /// Shell functions by name (`f() { ...; }`).
    pub funcs: BTreeMap<String, std::sync::Arc<super::ast::Command>>,
}

impl ShellState {
    /// A login shell for `ctx` with `home`.
    pub fn login(ctx: ProcCtx, home: &str) -> Self {
        let path = if ctx.user == "root" {
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin".to_string()
        } else {
            format!("/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin:{home}/.local/bin:{home}/bin")
        };
        let mut vars = BTreeMap::new();
        for (k, v) in [
            ("HOME", home.to_string()),
            ("HOSTNAME", ctx.host.clone()),
            ("LANG", "en_US.UTF-8".into()),
            ("LOGNAME", ctx.user.clone()),
            ("PATH", path),
            ("PWD", ctx.cwd.clone()),
            ("SHELL", "/bin/bash".into()),
            ("SHLVL", "1".into()),
            ("TERM", "xterm".into()),
            ("USER", ctx.user.clone()),
        ] {
            vars.insert(k.to_string(), (v, true));
        }
        let mut aliases = BTreeMap::new();
        aliases.insert("ll".into(), "ls -l --color=auto".into());
        aliases.insert("ls".into(), "ls --color=auto".into());
        aliases.insert("grep".into(), "grep --color=auto".into());
        ShellState { ctx, vars, last: 0, args: vec!["-bash".into()], aliases, history: Vec::new(), login: true, funcs: BTreeMap::new() }
    }

    /// The value of variable `name` (empty when unset).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|(v, _)| v.as_str())
    }

    /// Sets variable `name`, keeping its export flag.
    pub fn set(&mut self, name: &str, value: &str) {
        let mut end = value.len().min(MAX_VAR);
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        let value = &value[..end];
        let exported = self.vars.get(name).is_some_and(|(_, e)| *e);
        self.vars.insert(name.to_string(), (value.to_string(), exported));
    }

    /// The exported variables, as a program's environment.
    pub fn env(&self) -> Vec<(String, String)> {
        self.vars.iter().filter(|(_, (_, e))| *e).map(|(k, (v, _))| (k.clone(), v.clone())).collect()
    }

    /// `$HOME`.
    pub fn home(&self) -> String {
        self.get("HOME").unwrap_or("/").to_string()
    }
}

/// What a command line asks of the terminal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// `clear`.
    pub clear: bool,
    /// `vi FILE`: the absolute path to open.
    pub open_in_editor: Option<String>,
    /// `ssh HOST`, `sudo -i`, `bash`: a nested session to start.
    pub push: Option<ProcCtx>,
    /// The session to push is a nested, non-login shell (`bash`).
    pub nested: bool,
    /// The destination as typed to `ssh` (for `Connection to X closed.`), when `push` is ssh.
    pub ssh_dest: Option<String>,
    /// `exit` in an interactive shell: leave this session.
    pub pop: bool,
}

/// A variable `local` shadowed: its name and its value and export flag before (if set).
pub type Shadowed = (String, Option<(String, bool)>);

/// Bookkeeping of one typed line's run: the step budget, nesting, exit requests.
#[derive(Clone, Debug, Default)]
pub struct Runtime {
    /// Commands run so far.
    pub steps: u64,
    /// Current nesting.
    pub depth: usize,
    /// What the terminal should do afterwards.
    pub effects: Effects,
    /// `exit N` was run: stop the current shell.
    pub exit: Option<i32>,
    /// The step limit was hit: stop everything.
    pub stopped: bool,
    /// Why it stopped, said once even when the output was full.
    pub stop_message: Option<String>,
    /// Some command's output was cut at [`MAX_OUTPUT`].
    pub truncated: bool,
    /// The simulated time when the line's first command ran (for [`TIME_LIMIT`]).
    pub started: Option<i64>,
    /// Whether the shell is the interactive one (exit leaves the session).
    pub interactive: bool,
    /// How many shell function calls are running.
    pub funcnest: usize,
    /// `return N` was run in a function (or a sourced file): stop it with status N.
    pub returning: Option<i32>,
    /// Per function call, the variables `local` shadowed and their values before.
    pub locals: Vec<Vec<Shadowed>>,
    /// How many `source` files are running (where `return` is allowed).
    pub sourcing: usize,
}

/// Output of a command: chunks written to fd 1 or 2, in order, and the exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Out {
    /// `(fd, bytes)` in the order written.
    pub chunks: Vec<(u8, Vec<u8>)>,
    /// The exit status.
    pub code: i32,
    /// Bytes written so far (writes past [`MAX_OUTPUT`] are dropped).
    pub size: usize,
    /// Some bytes were dropped at [`MAX_OUTPUT`].
    pub truncated: bool,
}

/// The longest value a variable keeps (bytes).
pub const MAX_VAR: usize = 1 << 20;

/// The most one command may write (bytes); the rest is dropped.
pub const MAX_OUTPUT: usize = 4 << 20;

/// Room past [`MAX_OUTPUT`] kept for the shell's own notes (the step limit's message), so a
/// full output still says why it stopped.
const NOTE_ROOM: usize = 4 << 10;

/// What the shell prints when a line ran more than [`STEP_LIMIT`] commands.
pub fn step_limit_message() -> String {
    format!("bash: stopped after {STEP_LIMIT} commands (the simulation's step limit)\n")
}

/// What the shell prints when a line let more than [`TIME_LIMIT`] simulated seconds pass.
pub fn time_limit_message() -> String {
    format!("bash: stopped after {TIME_LIMIT} simulated seconds (the simulation's time limit)\n")
}

/// What bash prints when function calls nest deeper than [`MAX_FUNCNEST`] (its `FUNCNEST`).
pub fn funcnest_message(name: &str) -> String {
    format!("bash: {name}: maximum function nesting level exceeded ({MAX_FUNCNEST})\n")
}

/// What the terminal shows under a typed line whose output was cut at [`MAX_OUTPUT`].
pub fn truncation_note() -> String {
    format!("bash: output truncated after {MAX_OUTPUT} bytes (the simulation's output limit)\n")
}

impl Out {
    /// Writes `s` to stdout.
    pub fn out(&mut self, s: impl AsRef<[u8]>) {
        self.write(1, s.as_ref());
    }

    /// Writes `s` to stderr.
    pub fn err(&mut self, s: impl AsRef<[u8]>) {
        self.write(2, s.as_ref());
    }

    /// Writes `s` to `fd`, merging with the previous chunk of the same fd.
    pub fn write(&mut self, fd: u8, s: &[u8]) {
        self.write_within(fd, Cow::Borrowed(s), MAX_OUTPUT);
    }

    /// Writes the shell's own message `s` to stderr, even when the output is full.
    pub fn note(&mut self, s: impl AsRef<[u8]>) {
        self.write_within(2, Cow::Borrowed(s.as_ref()), MAX_OUTPUT + NOTE_ROOM);
    }

    /// Passes on bytes another command wrote (its notes too) to `fd`.
    pub fn pass(&mut self, fd: u8, s: &[u8]) {
        self.write_within(fd, Cow::Borrowed(s), MAX_OUTPUT + NOTE_ROOM);
    }

    /// [`Out::pass`], taking the bytes: a chunk that starts one here is moved, not copied
    /// (a whole output handed from a command to its caller).
    pub fn pass_owned(&mut self, fd: u8, s: Vec<u8>) {
        self.write_within(fd, Cow::Owned(s), MAX_OUTPUT + NOTE_ROOM);
    }

    /// Writes what fits of `s` under `limit` bytes in all to `fd`, merging with the previous
    /// chunk of the same fd. Bytes given away (`Cow::Owned`) that start a chunk are kept as
    /// they are, not copied.
    fn write_within(&mut self, fd: u8, s: Cow<'_, [u8]>, limit: usize) {
        let room = limit.saturating_sub(self.size);
        if s.len() > room {
            self.truncated = true;
        }
        let keep = s.len().min(room);
        if keep == 0 {
            return;
        }
        self.size += keep;
        match self.chunks.last_mut() {
            Some((f, b)) if *f == fd => b.extend_from_slice(&s[..keep]),
            _ => {
                let chunk = match s {
                    Cow::Owned(mut v) => {
                        v.truncate(keep);
                        v
                    }
                    Cow::Borrowed(b) => b[..keep].to_vec(),
                };
                self.chunks.push((fd, chunk));
            }
        }
    }

    /// Writes `s` to stdout, taking the bytes (a whole output, not copied when it starts a chunk).
    pub fn out_owned(&mut self, s: Vec<u8>) {
        self.write_within(1, Cow::Owned(s), MAX_OUTPUT);
    }

    /// Appends all of `other`'s chunks (its notes too, within the room kept for them).
    pub fn extend(&mut self, other: Out) {
        self.truncated |= other.truncated;
        for (fd, b) in other.chunks {
            self.write_within(fd, Cow::Owned(b), MAX_OUTPUT + NOTE_ROOM);
        }
    }

    /// Everything written to stdout, and the other chunks in order: stdout's bytes are moved
    /// out, not copied, when one chunk holds them all.
    pub fn split_stdout(self) -> (Vec<u8>, Vec<(u8, Vec<u8>)>) {
        let (mut stdout, mut rest) = (Vec::new(), Vec::new());
        for (fd, b) in self.chunks {
            if fd != 1 {
                rest.push((fd, b));
            } else if stdout.is_empty() {
                stdout = b;
            } else {
                stdout.extend_from_slice(&b);
            }
        }
        (stdout, rest)
    }

    /// Everything written to `fd`.
    pub fn bytes(&self, fd: u8) -> Vec<u8> {
        let mine = || self.chunks.iter().filter(|(f, _)| *f == fd).map(|(_, b)| b.as_slice());
        let mut bytes = Vec::with_capacity(mine().map(<[u8]>::len).sum());
        mine().for_each(|b| bytes.extend_from_slice(b));
        bytes
    }

    /// An error message and a status.
    pub fn fail(msg: impl AsRef<[u8]>, code: i32) -> Self {
        let mut o = Out::default();
        o.err(msg);
        o.code = code;
        o
    }
}
