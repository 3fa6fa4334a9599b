//! The terminal's POSIX-like shell: a parser ([`parse`]), word expansion, an executor with
//! pipes, redirections and heredocs, builtins, and the interactive [`Session`] with its prompt,
//! history and pending heredoc bodies.

use crate::cluster::{Cluster, ProcCtx, ProgramOutput};
use crate::terminal::TypedLine;

mod arith;
pub mod ast;
mod builtins;
mod complete;
mod exec;
mod expand;
mod history;
pub mod parse;
pub mod state;
mod words;

pub use builtins::BUILTINS;
pub use complete::complete;
pub use expand::glob_match;
pub use state::{Effects, Out, Runtime, ShellState};


use ast::{HereDoc, List};
use exec::Exec;

/// A command line whose heredoc bodies are still arriving.
#[derive(Clone, Debug)]
struct Pending {
    list: List,
    heredocs: Vec<HereDoc>,
    next: usize,
}

/// How a session's prompt looks.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum PromptStyle {
    /// CentOS bash: `[learner@control-plane ~]$ `, `[root@nfs-server nfs]# `.
    #[default]
    Centos,
    /// Debian bash in a container: `root@mysql-6c8f9:/var/lib/mysql# `.
    Debian {
        /// The host name shown (the pod name).
        hostname: String,
    },
    /// busybox sh: `/data # `.
    Busybox,
}

/// One interactive shell session: where it runs, its variables, history and pending heredoc.
#[derive(Clone, Debug)]
pub struct Session {
    pub(crate) st: ShellState,
    pending: Option<Pending>,
    /// The destination typed to `ssh`, for sessions that `ssh` opened.
    pub(crate) ssh_dest: Option<String>,
    style: PromptStyle,
    /// A `mysql>` client attached to this terminal (`kubectl run -it … -- mysql`): lines go to
    /// it instead of the shell until it exits.
    pub(crate) mysql: Option<Box<crate::programs::mysql_client::MysqlAttach>>,
}

/// The home directory of `user` by convention (`/root`, `/home/NAME`).
pub fn default_home(user: &str) -> String {
    if user == "root" {
        "/root".into()
    } else {
        format!("/home/{user}")
    }
}

impl Session {
    /// A login shell in `ctx`.
    pub fn new(ctx: ProcCtx) -> Self {
        let home = default_home(&ctx.user);
        Session { st: ShellState::login(ctx, &home), pending: None, ssh_dest: None, style: PromptStyle::Centos, mysql: None }
    }

    /// The same session with another prompt style (`kubectl exec -it POD -- bash`).
    pub fn with_prompt(mut self, style: PromptStyle) -> Self {
        self.style = style;
        self
    }

    /// The same session as a nested, non-login shell: `exit` prints `exit`, not `logout`.
    pub fn non_login(mut self) -> Self {
        self.st.login = false;
        self
    }

    /// Where this session's commands run.
    pub fn ctx(&self) -> &ProcCtx {
        &self.st.ctx
    }

    /// The typed lines, oldest first.
    pub fn history(&self) -> &[String] {
        &self.st.history
    }

    /// The prompt, in the style of the reference article's CentOS hosts:
    /// `[learner@control-plane ~]$ `, `[root@nfs-server nfs]# `.
    pub fn prompt(&self) -> String {
        if let Some(m) = &self.mysql {
            return m.prompt();
        }
        let home = self.st.home();
        let cwd = &self.st.ctx.cwd;
        let sigil = if self.st.ctx.user == "root" || self.st.ctx.user == "0" { '#' } else { '$' };
        let full = if cwd == &home {
            "~".to_string()
        } else if let Some(rest) = cwd.strip_prefix(&format!("{home}/")).filter(|_| home != "/") {
            format!("~/{rest}")
        } else {
            cwd.clone()
        };
        match &self.style {
            PromptStyle::Centos => {}
            PromptStyle::Debian { hostname } => return format!("{}@{hostname}:{full}{sigil} ", self.st.ctx.user),
            PromptStyle::Busybox => return format!("{full} {sigil} "),
        }
        let dir = if *cwd == home {
            "~".to_string()
        } else {
            cwd.rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or("/").to_string()
        };
        let host = self.st.ctx.host.split('.').next().unwrap_or("");
        format!("[{}@{} {}]{} ", self.st.ctx.user, host, dir, sigil)
    }

    /// Whether a command waits for more lines (heredoc bodies).
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Takes one typed line: a heredoc body line, or a command line that runs when complete.
    pub fn feed(&mut self, cluster: &mut Cluster, line: &str) -> (TypedLine, Effects) {
        if let Some(m) = self.mysql.as_mut() {
            let (output, finished) = m.feed(cluster, line);
            let typed = TypedLine { output, exit: Some(0), ..TypedLine::default() };
            return (typed, Effects { pop: finished, ..Effects::default() });
        }
        if let Some(mut p) = self.pending.take() {
            let done = match p.heredocs.get_mut(p.next) {
                Some(doc) => {
                    let text = if doc.strip_tabs { line.trim_start_matches('\t') } else { line };
                    if text == doc.delim {
                        true
                    } else {
                        doc.body.push_str(text);
                        doc.body.push('\n');
                        false
                    }
                }
                None => true,
            };
            if done {
                p.next += 1;
            }
            if p.next >= p.heredocs.len() {
                return self.execute(cluster, &p.list, p.heredocs);
            }
            self.pending = Some(p);
            return (TypedLine::default(), Effects::default());
        }
        if line.trim().is_empty() {
            return (TypedLine::default(), Effects::default());
        }
        let (line, echo) = match history::expand(line, &self.st.history) {
            Ok(Some(expanded)) => (expanded.clone(), format!("{expanded}\n")),
            Ok(None) => (line.to_string(), String::new()),
            Err(event) => {
                self.st.last = 1;
                let typed = TypedLine { output: format!("bash: {event}: event not found\n"), exit: Some(1), ..TypedLine::default() };
                return (typed, Effects::default());
            }
        };
        let line = line.as_str();
        self.st.history.push(line.to_string());
        let (mut typed, effects) = self.run_line(cluster, line);
        if !echo.is_empty() {
            typed.output.insert_str(0, &echo);
        }
        (typed, effects)
    }

    fn run_line(&mut self, cluster: &mut Cluster, line: &str) -> (TypedLine, Effects) {
        match parse::parse(line) {
            Err(e) => {
                self.st.last = 2;
                let typed = TypedLine { output: format!("bash: {}", e.message()), exit: Some(2), ..TypedLine::default() };
                (typed, Effects::default())
            }
            Ok((list, heredocs)) => match heredocs.iter().position(|d| !d.done) {
                None => self.execute(cluster, &list, heredocs),
                Some(next) => {
                    self.pending = Some(Pending { list, heredocs, next });
                    (TypedLine::default(), Effects::default())
                }
            },
        }
    }

    fn execute(&mut self, cluster: &mut Cluster, list: &List, heredocs: Vec<HereDoc>) -> (TypedLine, Effects) {
        let mut rt = Runtime { interactive: true, ..Runtime::default() };
        let out = {
            let mut ex = Exec { cl: cluster, st: &mut self.st, rt: &mut rt, heredocs, interactive: true, pending_err: Vec::new(), tty: true, expand_failed: false, consumed: 0 };
            let mut o = ex.list(list, b"");
            let pending = std::mem::take(&mut ex.pending_err);
            if !pending.is_empty() {
                o.chunks.insert(0, (2, pending));
            }
            o
        };
        self.st.last = out.code;
        let mut output = terminal_text(out.chunks);
        if let Some(message) = rt.stop_message.as_ref().filter(|m| !output.contains(m.as_str())) {
            output.push_str(message);
        }
        if rt.truncated || out.truncated {
            // On a line of its own, also when the cut fell inside a line.
            if !output.is_empty() && !output.ends_with('\n') {
                output.push('\n');
            }
            output.push_str(&state::truncation_note());
        }
        let typed = TypedLine {
            output,
            exit: Some(out.code),
            clear: rt.effects.clear,
            open_in_editor: rt.effects.open_in_editor.clone(),
            steps: rt.steps,
            ..TypedLine::default()
        };
        (typed, rt.effects)
    }
}

/// What the terminal shows of a line's output chunks (stdout and stderr interleaved), bytes
/// that are not UTF-8 replaced. A line with one chunk (a command's whole output, moved along
/// the shell) becomes the text without a copy.
fn terminal_text(chunks: Vec<(u8, Vec<u8>)>) -> String {
    let size: usize = chunks.iter().map(|(_, b)| b.len()).sum();
    let mut output = String::new();
    for (_, b) in chunks {
        // Valid UTF-8 (nearly always) is taken or copied at once; std's lossy decoder has no
        // such fast path.
        match String::from_utf8(b) {
            Ok(s) if output.is_empty() && s.len() == size => output = s,
            Ok(s) => {
                output.reserve(size.saturating_sub(output.len()));
                output.push_str(&s);
            }
            Err(e) => output.push_str(&String::from_utf8_lossy(e.as_bytes())),
        }
    }
    output
}

/// Runs `script` with `sh -c` semantics as the process `ctx` (a container's command, `ssh HOST
/// CMD`), sharing `rt`'s step budget.
pub(crate) fn run_script_as(cluster: &mut Cluster, ctx: &ProcCtx, script: &str, stdin: &[u8], rt: &mut Runtime) -> Out {
    let home = default_home(&ctx.user);
    let mut st = ShellState::login(ctx.clone(), &home);
    st.args = vec!["sh".into()];
    let saved_exit = rt.exit.take();
    let interactive = std::mem::replace(&mut rt.interactive, false);
    let mut ex = Exec { cl: cluster, st: &mut st, rt, heredocs: Vec::new(), interactive: false, pending_err: Vec::new(), tty: false, expand_failed: false, consumed: 0 };
    let mut out = ex.run_text(script, stdin);
    let pending = std::mem::take(&mut ex.pending_err);
    if !pending.is_empty() {
        out.chunks.insert(0, (2, pending));
    }
    if let Some(code) = rt.exit.take() {
        out.code = code;
    }
    rt.exit = saved_exit;
    rt.interactive = interactive;
    out
}

/// Runs an exec-form command (`["sh", "-c", "..."]`, `["cat", "/etc/hostname"]`) as the
/// process `ctx`: shell builtins and programs; `None` when `argv[0]` exists as neither.
pub fn run_argv(cluster: &mut Cluster, ctx: &ProcCtx, argv: &[String], stdin: &[u8]) -> Option<Out> {
    let name = argv.first()?;
    if !BUILTINS.contains(&name.as_str())
        && !matches!(name.as_str(), "/bin/sh" | "/bin/bash" | "/usr/bin/sh" | "/usr/bin/bash")
        && !crate::programs::exists(cluster, ctx, name)
    {
        return None;
    }
    let mut st = ShellState::login(ctx.clone(), &default_home(&ctx.user));
    let mut rt = Runtime::default();
    let mut ex = Exec { cl: cluster, st: &mut st, rt: &mut rt, heredocs: Vec::new(), interactive: false, pending_err: Vec::new(), tty: false, expand_failed: false, consumed: 0 };
    let out = ex.run_argv(argv, &[], stdin);
    Some(out)
}

/// Runs `script` as `sh -c SCRIPT` would, as the process `ctx` (how container commands and
/// `kubectl exec POD -- sh -c '...'` run). Stdout and stderr come back separately.
pub fn run_sh(cluster: &mut Cluster, ctx: &ProcCtx, script: &str, stdin: &[u8]) -> ProgramOutput {
    let mut rt = Runtime::default();
    let out = run_script_as(cluster, ctx, script, stdin, &mut rt);
    ProgramOutput {
        stdout: String::from_utf8_lossy(&out.bytes(1)).into_owned(),
        stderr: String::from_utf8_lossy(&out.bytes(2)).into_owned(),
        code: out.code,
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_handover;
