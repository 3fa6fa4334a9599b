//! The terminal's POSIX-like shell. (Skeleton: words split on blanks; the full language comes
//! with the shell issue.)

use crate::cluster::{Cluster, ProcCtx};
use crate::terminal::TypedLine;

/// One interactive shell session: where it runs, its variables and history.
#[derive(Clone, Debug)]
pub struct Session {
    ctx: ProcCtx,
    history: Vec<String>,
    last_status: i32,
}

impl Session {
    /// A login shell in `ctx`.
    pub fn new(ctx: ProcCtx) -> Self {
        Session { ctx, history: Vec::new(), last_status: 0 }
    }

    /// The prompt, in the style of the reference article's CentOS hosts.
    pub fn prompt(&self) -> String {
        let dir = if self.ctx.cwd == "/home/learner" || self.ctx.cwd == "/root" {
            "~".to_string()
        } else {
            self.ctx.cwd.rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or("/").to_string()
        };
        let sigil = if self.ctx.user == "root" { '#' } else { '$' };
        format!("[{}@{} {}]{} ", self.ctx.user, self.ctx.host, dir, sigil)
    }

    /// Whether a command waits for more lines.
    pub fn is_pending(&self) -> bool {
        false
    }

    /// Takes one typed line and runs it when it is complete.
    pub fn feed(&mut self, cluster: &mut Cluster, line: &str) -> TypedLine {
        let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        if words.is_empty() || words[0].starts_with('#') {
            return TypedLine::default();
        }
        self.history.push(line.to_string());
        let out = match cluster.run_program(&self.ctx, &words, "") {
            Some(out) => out,
            None => crate::cluster::ProgramOutput::err(format!("bash: {}: command not found\n", words[0]), 127),
        };
        self.last_status = out.code;
        TypedLine { output: out.stdout + &out.stderr, exit: Some(out.code), ..TypedLine::default() }
    }
}

/// Completions for `partial`, the text before the cursor.
pub fn complete(_cluster: &Cluster, partial: &str) -> Vec<String> {
    const COMMANDS: &[&str] = &["kubectl"];
    let word = partial.rsplit(' ').next().unwrap_or("");
    if partial.contains(' ') {
        return Vec::new();
    }
    COMMANDS.iter().filter(|c| c.starts_with(word)).map(|c| c.to_string()).collect()
}
