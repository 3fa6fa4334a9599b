//! The executor: lists, pipelines, redirections and simple commands.

use super::ast::*;
use super::state::{Out, Runtime, ShellState, MAX_DEPTH, MAX_FUNCNEST, STEP_LIMIT, TIME_LIMIT};
use crate::cluster::Cluster;
use crate::fs::absolutize;

/// A running shell: the cluster, its state, the line's runtime and heredoc bodies.
pub(crate) struct Exec<'a> {
    pub cl: &'a mut Cluster,
    pub st: &'a mut ShellState,
    pub rt: &'a mut Runtime,
    pub heredocs: Vec<HereDoc>,
    /// Aliases apply (an interactive shell).
    pub interactive: bool,
    /// Stderr of command substitutions, shown before the command's own output.
    pub pending_err: Vec<u8>,
    /// Stdout is the terminal (not a pipe, a file or a substitution).
    pub tty: bool,
    /// An expansion failed (`$((1/0))`): the command does not run.
    pub expand_failed: bool,
    /// Bytes of stdin that `read` took (a `while read` loop moves on by that much).
    pub consumed: usize,
}

/// Where a file descriptor writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dest {
    /// The caller's fd.
    Inherit(u8),
    /// A file opened by a redirection (index into the open files).
    File(usize),
    /// `/dev/null`.
    Null,
}

impl Exec<'_> {
    fn halted(&self) -> bool {
        self.rt.exit.is_some() || self.rt.stopped || self.rt.returning.is_some()
    }

    /// Runs a list.
    pub(crate) fn list(&mut self, list: &List, stdin: &[u8]) -> Out {
        let mut out = Out::default();
        for item in &list.items {
            if self.halted() {
                break;
            }
            let o = self.and_or(item, stdin);
            out.code = o.code;
            out.extend(o);
        }
        if let Some(code) = self.rt.exit {
            out.code = code;
        }
        out
    }

    fn and_or(&mut self, ao: &AndOr, stdin: &[u8]) -> Out {
        let mut out = self.pipeline(&ao.first, stdin);
        for (and, p) in &ao.rest {
            if self.halted() {
                break;
            }
            if (out.code == 0) != *and {
                continue;
            }
            let o = self.pipeline(p, stdin);
            out.code = o.code;
            out.extend(o);
        }
        out
    }

    fn pipeline(&mut self, p: &Pipeline, stdin: &[u8]) -> Out {
        let mut out = Out::default();
        let mut input = stdin.to_vec();
        let n = p.cmds.len();
        for (i, cmd) in p.cmds.iter().enumerate() {
            if self.halted() {
                break;
            }
            let saved_tty = self.tty;
            if i + 1 < n {
                self.tty = false;
            }
            let o = self.command(cmd, &input);
            self.tty = saved_tty;
            out.code = o.code;
            if i + 1 < n {
                let (stdout, rest) = o.split_stdout();
                input = stdout;
                for (fd, b) in rest {
                    out.pass_owned(fd, b);
                }
            } else {
                out.extend(o);
            }
        }
        if p.bang {
            out.code = i32::from(out.code == 0);
        }
        self.st.last = out.code;
        out
    }

    fn command(&mut self, cmd: &Command, stdin: &[u8]) -> Out {
        if self.rt.depth > MAX_DEPTH {
            self.rt.stopped = true;
            return Out::fail("bash: maximum nesting level exceeded\n", 1);
        }
        self.rt.depth += 1;
        let out = match cmd {
            Command::Simple(s) => self.simple(s, stdin),
            Command::Group(l, r) => self.with_redirs(r, stdin, |ex, input| ex.list(l, input)),
            Command::Subshell(l, r) => self.with_redirs(r, stdin, |ex, input| ex.subshell(|ex| ex.list(l, input))),
            Command::If(arms, otherwise, r) => self.with_redirs(r, stdin, |ex, input| {
                let mut out = Out::default();
                for (cond, body) in arms {
                    let c = ex.list(cond, input);
                    let ok = c.code == 0;
                    out.extend(c);
                    if ex.halted() {
                        return out;
                    }
                    if ok {
                        let b = ex.list(body, input);
                        out.code = b.code;
                        out.extend(b);
                        return out;
                    }
                }
                out.code = 0;
                if let Some(e) = otherwise {
                    let b = ex.list(e, input);
                    out.code = b.code;
                    out.extend(b);
                }
                out
            }),
            Command::While(until, cond, body, r) => self.with_redirs(r, stdin, |ex, input| {
                let mut out = Out::default();
                // `read` in the loop consumes the loop's stdin line by line.
                let mut buf = input.to_vec();
                loop {
                    if !ex.step(&mut out) {
                        break;
                    }
                    ex.consumed = 0;
                    let c = ex.list(cond, &buf);
                    buf.drain(..ex.consumed.min(buf.len()));
                    let go = (c.code == 0) != *until;
                    out.extend(c);
                    if !go || ex.halted() {
                        break;
                    }
                    ex.consumed = 0;
                    let b = ex.list(body, &buf);
                    buf.drain(..ex.consumed.min(buf.len()));
                    out.extend(b);
                    if ex.halted() {
                        break;
                    }
                }
                out.code = 0;
                out
            }),
            Command::For(name, words, body, r) => self.with_redirs(r, stdin, |ex, input| {
                let items = ex.expand_words(words);
                let mut out = Out::default();
                for it in items {
                    if !ex.step(&mut out) {
                        break;
                    }
                    ex.st.set(name, &it);
                    let b = ex.list(body, input);
                    out.code = b.code;
                    out.extend(b);
                    if ex.halted() {
                        break;
                    }
                }
                out
            }),
            Command::Function(name, body) => {
                self.st.funcs.insert(name.clone(), body.clone());
                Out::default()
            }
        };
        self.rt.depth -= 1;
        // A pipeline stage's cut output is only its next stage's input: remember the cut.
        self.rt.truncated |= out.truncated;
        out
    }

    /// Counts one step; false (with the message once) when the line ran out of steps.
    pub(crate) fn step(&mut self, out: &mut Out) -> bool {
        self.rt.steps += 1;
        let now = self.cl.now();
        let started = *self.rt.started.get_or_insert(now);
        let message = if self.rt.steps > STEP_LIMIT {
            super::state::step_limit_message()
        } else if now - started > TIME_LIMIT {
            super::state::time_limit_message()
        } else {
            return true;
        };
        if !self.rt.stopped {
            out.note(&message);
            out.code = 1;
            self.rt.stop_message = Some(message);
        }
        self.rt.stopped = true;
        false
    }

    /// Runs `f` in a copy of the shell state (`( )`, `$( )`): changes do not leak out.
    pub(crate) fn subshell(&mut self, f: impl FnOnce(&mut Exec<'_>) -> Out) -> Out {
        let saved = self.st.clone();
        let saved_exit = self.rt.exit.take();
        let saved_return = self.rt.returning.take();
        let interactive = std::mem::replace(&mut self.interactive, false);
        let mut out = f(self);
        self.interactive = interactive;
        if let Some(code) = self.rt.exit.take().or(self.rt.returning.take()) {
            out.code = code;
        }
        *self.st = saved;
        self.rt.exit = saved_exit;
        self.rt.returning = saved_return;
        out
    }

    /// `$(list)`: its stdout with trailing newlines removed.
    pub(crate) fn command_subst(&mut self, list: &List) -> String {
        if self.rt.depth > MAX_DEPTH {
            self.rt.stopped = true;
            return String::new();
        }
        self.rt.depth += 1;
        let saved_tty = std::mem::replace(&mut self.tty, false);
        let out = self.subshell(|ex| ex.list(list, b""));
        self.tty = saved_tty;
        self.rt.depth -= 1;
        self.st.last = out.code;
        let (stdout, rest) = out.split_stdout();
        for (_, err) in rest.iter().filter(|(fd, _)| *fd == 2) {
            self.pending_err.extend_from_slice(err);
        }
        let mut s = String::from_utf8(stdout).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        s.truncate(s.trim_end_matches('\n').len());
        s
    }

    /// Applies redirections `redirs` around `f`, routing its output.
    fn with_redirs(&mut self, redirs: &[Redir], stdin: &[u8], f: impl FnOnce(&mut Exec<'_>, &[u8]) -> Out) -> Out {
        let mut table = [Dest::Inherit(0), Dest::Inherit(1), Dest::Inherit(2)];
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut input = stdin.to_vec();
        let mut pre = Out::default();
        for r in redirs {
            if let Err(msg) = self.redirect(r, &mut table, &mut files, &mut input) {
                pre.err(msg);
                pre.code = 1;
                pre.chunks.splice(0..0, self.take_pending());
                return pre;
            }
        }
        let saved_tty = self.tty;
        if table[1] != Dest::Inherit(1) {
            self.tty = false;
        }
        let own_input = redirs.iter().any(|r| r.fd == 0 && matches!(r.op, RedirOp::In | RedirOp::HereDoc(_)));
        let saved_consumed = self.consumed;
        let inner = f(self, &input);
        if own_input {
            self.consumed = saved_consumed;
        }
        self.tty = saved_tty;
        let mut out = Out { code: inner.code, truncated: inner.truncated, ..Out::default() };
        for (fd, b) in self.take_pending() {
            out.write(fd, &b);
        }
        for (fd, bytes) in inner.chunks {
            let dest = table.get(usize::from(fd)).copied().unwrap_or(Dest::Inherit(fd));
            match dest {
                Dest::Inherit(k) => out.pass_owned(k, bytes),
                Dest::File(i) => match files.get_mut(i) {
                    Some(f) if f.1.is_empty() => f.1 = bytes,
                    Some(f) => f.1.extend_from_slice(&bytes),
                    None => {}
                },
                Dest::Null => {}
            }
        }
        for (path, data) in files {
            if !data.is_empty() {
                if let Err(e) = self.cl.write_file_as(&self.st.ctx, &path, &data, true) {
                    out.err(format!("bash: {path}: {e}\n"));
                }
            }
        }
        out
    }

    fn take_pending(&mut self) -> Vec<(u8, Vec<u8>)> {
        if self.pending_err.is_empty() {
            Vec::new()
        } else {
            vec![(2, std::mem::take(&mut self.pending_err))]
        }
    }

    fn redirect(&mut self, r: &Redir, table: &mut [Dest; 3], files: &mut Vec<(String, Vec<u8>)>, input: &mut Vec<u8>) -> Result<(), String> {
        let fd = usize::from(r.fd);
        if let RedirOp::HereDoc(i) = r.op {
            let Some(doc) = self.heredocs.get(i).cloned() else { return Ok(()) };
            let body = if doc.quoted {
                doc.body
            } else {
                match super::parse::parse_heredoc_body(&doc.body) {
                    Ok(w) => self.expand_one(&w),
                    Err(_) => doc.body,
                }
            };
            if fd == 0 {
                *input = body.into_bytes();
            }
            return Ok(());
        }
        let target = self.expand_one(&r.target);
        if fd > 2 {
            return Ok(());
        }
        match r.op {
            RedirOp::Dup => {
                if target == "-" {
                    table[fd] = Dest::Null;
                    return Ok(());
                }
                match target.parse::<usize>() {
                    Ok(k) if k <= 2 => table[fd] = table[k],
                    Ok(_) => return Err(format!("bash: {target}: Bad file descriptor\n")),
                    Err(_) => return Err(format!("bash: {target}: ambiguous redirect\n")),
                }
            }
            RedirOp::In => {
                if target == "/dev/null" {
                    input.clear();
                    return Ok(());
                }
                match self.cl.read_file(&self.st.ctx, &target) {
                    Ok(d) => *input = d,
                    Err(e) => return Err(format!("bash: {target}: {e}\n")),
                }
            }
            RedirOp::Out | RedirOp::Append | RedirOp::OutErr => {
                let dest = if target == "/dev/null" {
                    Dest::Null
                } else if matches!(target.as_str(), "/dev/stdout" | "/dev/stderr") {
                    Dest::Inherit(if target == "/dev/stdout" { 1 } else { 2 })
                } else {
                    let abs = absolutize(&self.st.ctx.cwd, &target);
                    let append = r.op == RedirOp::Append;
                    if let Err(e) = self.cl.write_file_as(&self.st.ctx, &abs, b"", append) {
                        return Err(format!("bash: {target}: {e}\n"));
                    }
                    files.push((abs, Vec::new()));
                    Dest::File(files.len() - 1)
                };
                if r.op == RedirOp::OutErr {
                    table[1] = dest;
                    table[2] = dest;
                } else {
                    table[fd] = dest;
                }
            }
            RedirOp::HereDoc(_) => {}
        }
        Ok(())
    }

    fn simple(&mut self, s: &Simple, stdin: &[u8]) -> Out {
        let mut early = Out::default();
        if !self.step(&mut early) {
            return early;
        }
        self.expand_failed = false;
        let mut argv = self.expand_words(&s.words);
        if self.expand_failed {
            self.expand_failed = false;
            let mut o = Out { code: 1, ..Out::default() };
            for (fd, b) in self.take_pending() {
                o.write(fd, &b);
            }
            return o;
        }
        if self.interactive {
            self.expand_alias(&mut argv, s);
        }
        let assigns: Vec<(String, String)> = s.assigns.iter().map(|(k, w)| (k.clone(), self.expand_one(w))).collect();
        if argv.is_empty() {
            let status = if s.assigns.iter().any(|(_, w)| w.iter().any(|p| matches!(p, Part::Subst { .. }))) { self.st.last } else { 0 };
            for (k, v) in &assigns {
                self.st.set(k, v);
            }
            let mut out = self.with_redirs(&s.redirs, stdin, |_, _| Out::default());
            if out.code == 0 {
                out.code = status;
            }
            return out;
        }
        self.with_redirs(&s.redirs, stdin, |ex, input| ex.run_argv(&argv, &assigns, input))
    }

    fn expand_alias(&mut self, argv: &mut Vec<String>, s: &Simple) {
        let quoted_first = s.words.first().is_some_and(|w| w.iter().any(|p| !matches!(p, Part::Lit(_))));
        if quoted_first {
            return;
        }
        let mut seen = Vec::new();
        while let Some(a) = argv.first().and_then(|n| self.st.aliases.get(n)).cloned() {
            let name = argv[0].clone();
            if seen.contains(&name) {
                break;
            }
            seen.push(name);
            let words: Vec<String> = a.split_whitespace().map(str::to_string).collect();
            argv.splice(0..1, words);
        }
    }

    /// Runs an expanded command line: a builtin, or a program on this host.
    pub(crate) fn run_argv(&mut self, argv: &[String], assigns: &[(String, String)], stdin: &[u8]) -> Out {
        let Some(name) = argv.first() else { return Out::default() };
        if let Some(body) = self.st.funcs.get(name).cloned() {
            return self.call_function(name, &body, &argv[1..], stdin);
        }
        if let Some(out) = self.builtin(argv, stdin) {
            return out;
        }
        let mut env = self.st.env();
        for (k, v) in assigns {
            env.retain(|(n, _)| n != k);
            env.push((k.clone(), v.clone()));
        }
        crate::sort::sort(&mut env);
        let ctx = self.st.ctx.clone();
        match crate::programs::run(self.cl, &ctx, &env, argv, stdin, self.tty) {
            Some(out) => out,
            None if name.contains('/') => Out::fail(format!("bash: {name}: No such file or directory\n"), 127),
            None => Out::fail(format!("bash: {name}: command not found\n"), 127),
        }
    }

    /// Calls shell function `name` with positional parameters `args`: `return` ends it,
    /// `local` variables are put back after it; calls nest at most [`MAX_FUNCNEST`] deep
    /// (then the whole line stops, as bash's `FUNCNEST` does).
    fn call_function(&mut self, name: &str, body: &Command, args: &[String], stdin: &[u8]) -> Out {
        if self.rt.funcnest >= MAX_FUNCNEST {
            let message = super::state::funcnest_message(name);
            self.rt.stopped = true;
            self.rt.stop_message.get_or_insert_with(|| message.clone());
            return Out::fail(message, 1);
        }
        self.rt.funcnest += 1;
        let zero = self.st.args.first().cloned().unwrap_or_default();
        let positional = std::iter::once(zero).chain(args.iter().cloned()).collect();
        let saved_args = std::mem::replace(&mut self.st.args, positional);
        self.rt.locals.push(Vec::new());
        let mut out = self.command(body, stdin);
        for (k, old) in self.rt.locals.pop().unwrap_or_default().into_iter().rev() {
            match old {
                Some(v) => {
                    self.st.vars.insert(k, v);
                }
                None => {
                    self.st.vars.remove(&k);
                }
            }
        }
        self.st.args = saved_args;
        self.rt.funcnest -= 1;
        if let Some(code) = self.rt.returning.take() {
            out.code = code;
        }
        out
    }
}
