//! A container's main process as a resumable list: a `sh -c` script split into its top-level
//! commands, run in order; a top-level `sleep N` suspends it until the clock reaches it.

use crate::cluster::{Cluster, ProcCtx};

/// How a step joins the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// `;` or a newline.
    Seq,
    /// `&&`.
    And,
    /// `||`.
    Or,
}

/// What the process is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Shell commands.
    Script(Vec<(Join, String)>),
    /// A server that runs until stopped (nginx, mysqld).
    Daemon,
}

/// A running (or suspended) main process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Process {
    /// Its commands.
    pub kind: Kind,
    /// The next step.
    pub next: usize,
    /// Suspended in `sleep` until then.
    pub wake_at: i64,
    /// The status of the last step.
    pub code: i32,
    /// `export` lines for the container's environment.
    pub prelude: String,
}

/// The outcome of running a process for a while.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ran {
    /// Output (stdout and stderr, as the log keeps them).
    pub output: String,
    /// `Some(code)` when the process exited.
    pub exited: Option<i32>,
}

/// Splits a script into its top-level commands.
pub fn split(script: &str) -> Vec<(Join, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut join = Join::Seq;
    let (mut sq, mut dq, mut depth) = (false, false, 0i32);
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    let mut word = String::new();
    let flush_word = |word: &mut String, depth: &mut i32| {
        match word.as_str() {
            "if" | "for" | "while" | "until" | "case" | "{" => *depth += 1,
            "fi" | "done" | "esac" | "}" => *depth -= 1,
            _ => {}
        }
        word.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if sq {
            sq = c != '\'';
        } else if dq {
            if c == '\\' {
                cur.push(c);
                i += 1;
                if let Some(n) = next {
                    cur.push(n);
                }
                i += 1;
                continue;
            }
            dq = c != '"';
        } else {
            match c {
                '\'' => sq = true,
                '"' => dq = true,
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            let sep = matches!(c, ';' | '\n' | '&' | '|' | ' ' | '\t');
            if sep || matches!(c, '(' | ')') {
                flush_word(&mut word, &mut depth);
            } else if !matches!(c, '\'' | '"') {
                word.push(c);
            }
            if depth == 0 {
                let (is_sep, j, len) = match (c, next) {
                    ('&', Some('&')) => (true, Join::And, 2),
                    ('|', Some('|')) => (true, Join::Or, 2),
                    (';', n) if n != Some(';') => (true, Join::Seq, 1),
                    ('\n', _) => (true, Join::Seq, 1),
                    _ => (false, Join::Seq, 1),
                };
                if is_sep {
                    if !cur.trim().is_empty() {
                        out.push((join, cur.trim().to_string()));
                    }
                    cur.clear();
                    join = j;
                    i += len;
                    continue;
                }
            }
        }
        cur.push(c);
        i += 1;
    }
    if !cur.trim().is_empty() {
        out.push((join, cur.trim().to_string()));
    }
    out
}

/// `sleep N` (seconds, with an optional s/m/h/d suffix) as a whole step: its length.
pub fn sleep_secs(step: &str) -> Option<i64> {
    let mut words = step.split_whitespace();
    if words.next()? != "sleep" {
        return None;
    }
    let arg = words.next()?;
    if words.next().is_some() {
        return None;
    }
    let (num, mult) = match arg.chars().last()? {
        's' => (&arg[..arg.len() - 1], 1.0),
        'm' => (&arg[..arg.len() - 1], 60.0),
        'h' => (&arg[..arg.len() - 1], 3600.0),
        'd' => (&arg[..arg.len() - 1], 86400.0),
        _ => (arg, 1.0),
    };
    let n: f64 = num.parse().ok().filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
    Some((n * mult).ceil().min(1.0e12) as i64)
}

/// The `export K=V` lines that give a shell the container's environment. Names that are not
/// shell identifiers (`app.conf`, allowed since 1.32) stay out: a shell cannot hold them.
pub fn env_prelude(env: &[(String, String)]) -> String {
    env.iter().filter(|(k, _)| is_name(k)).map(|(k, v)| format!("export {k}={}\n", quote(v))).collect()
}

/// Single-quotes `s` for a shell.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Process {
    /// A process for argv (command + args) with environment `env`.
    pub fn new(argv: &[String], env: &[(String, String)], daemon: bool) -> Process {
        let prelude = env_prelude(env);
        let kind = if daemon {
            Kind::Daemon
        } else {
            let is_shell = argv.first().is_some_and(|a| matches!(a.as_str(), "sh" | "/bin/sh" | "bash" | "/bin/bash" | "ash" | "/bin/ash"));
            match (is_shell, argv.get(1).map(String::as_str), argv.get(2)) {
                (true, Some("-c"), Some(script)) => Kind::Script(split(script)),
                // A shell without a tty and without a script reads an empty stdin and exits.
                (true, None, _) => Kind::Script(Vec::new()),
                _ => Kind::Script(vec![(Join::Seq, argv.iter().map(|a| shell_word(a)).collect::<Vec<_>>().join(" "))]),
            }
        };
        Process { kind, next: 0, wake_at: 0, code: 0, prelude }
    }

    /// Whether the process is suspended in a top-level `sleep`.
    pub fn sleeping(&self, now: i64) -> bool {
        self.wake_at > now
    }

    /// Runs the process until it sleeps or exits, as `ctx`.
    pub fn run(&mut self, cluster: &mut Cluster, ctx: &ProcCtx) -> Ran {
        let now = cluster.now();
        let mut ran = Ran::default();
        let Kind::Script(steps) = &self.kind else { return ran };
        let steps = steps.clone();
        if self.wake_at > now {
            return ran;
        }
        while let Some((join, step)) = steps.get(self.next) {
            self.next += 1;
            let skip = match join {
                Join::Seq => false,
                Join::And => self.code != 0,
                Join::Or => self.code == 0,
            };
            if skip {
                continue;
            }
            if let Some(n) = sleep_secs(step) {
                self.code = 0;
                if n > 0 {
                    self.wake_at = now + n;
                    return ran;
                }
                continue;
            }
            if let Some(rest) = step.strip_prefix("exit") {
                if rest.is_empty() || rest.starts_with(' ') {
                    self.code = rest.trim().parse().unwrap_or(self.code);
                    ran.exited = Some(self.code);
                    return ran;
                }
            }
            let script = format!("{}{step}", self.prelude);
            let out = crate::shell::run_sh(cluster, ctx, &script, b"");
            // Warnings reach the log before buffered output (stderr is unbuffered).
            ran.output.push_str(&out.stderr);
            ran.output.push_str(&out.stdout);
            self.code = out.code;
        }
        ran.exited = Some(self.code);
        ran
    }
}

/// `a` as one shell word: as is when it needs no quoting.
fn shell_word(a: &str) -> String {
    if !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,+%@".contains(c)) {
        a.to_string()
    } else {
        quote(a)
    }
}

fn is_name(k: &str) -> bool {
    !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !k.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_top_level() {
        let s = split("echo \"Hello World\" > /p/hello; sleep 30000");
        assert_eq!(s, vec![(Join::Seq, "echo \"Hello World\" > /p/hello".into()), (Join::Seq, "sleep 30000".into())]);
        let s = split("sleep 10; touch /tmp/healthy && echo 'a; b'\nwhile true; do echo x; done");
        assert_eq!(s.len(), 4);
        assert_eq!(s[2], (Join::And, "echo 'a; b'".into()));
        assert_eq!(s[3].1, "while true; do echo x; done");
        assert_eq!(sleep_secs("sleep 30000"), Some(30000));
        assert_eq!(sleep_secs("sleep 1m"), Some(60));
        assert_eq!(sleep_secs("sleep x"), None);
    }
}
