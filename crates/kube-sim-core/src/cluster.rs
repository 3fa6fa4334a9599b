//! [`Cluster`]: the one façade the CLI and the UI drive.

use crate::clock::Clock;
use crate::fs::{absolutize, Filesystems, FsError};
use crate::ids::IdGen;
use crate::shell::{self, Session};
use crate::terminal::{LineKind, TypedLine};

/// Where a process runs and as whom: the context every program gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcCtx {
    /// The host name (`control-plane`, `worker-1`, ...).
    pub host: String,
    /// The user name (`learner`, `root`).
    pub user: String,
    /// The working directory.
    pub cwd: String,
}

/// What a program wrote and how it ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgramOutput {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status, as `$?` shows it.
    pub code: i32,
}

impl ProgramOutput {
    /// Success with `stdout`.
    pub fn ok(stdout: impl Into<String>) -> Self {
        ProgramOutput { stdout: stdout.into(), stderr: String::new(), code: 0 }
    }

    /// Failure with `stderr` and exit status `code`.
    pub fn err(stderr: impl Into<String>, code: i32) -> Self {
        ProgramOutput { stdout: String::new(), stderr: stderr.into(), code }
    }
}

/// The simulated cluster, its hosts and the learner's terminal.
#[derive(Clone, Debug)]
pub struct Cluster {
    pub(crate) clock: Clock,
    #[allow(dead_code)] // read by the API server and controllers as they land
    pub(crate) ids: IdGen,
    /// Every host's files.
    pub(crate) fs: Filesystems,
    /// The lab's machines.
    pub(crate) hosts: crate::hosts::Hosts,
    /// Nested terminal sessions (`ssh HOST`, `sudo -i`); the last one has the prompt.
    pub(crate) sessions: Vec<Session>,
    /// Whether a front end opens `TypedLine::open_in_editor` (the web UI); the CLI turns it off.
    pub(crate) editor: bool,
    /// The API server and its store.
    pub(crate) api: crate::apiserver::ApiServer,
    /// What the kubelets projected into Secret/ConfigMap volumes.
    pub(crate) projection: crate::kubelet::projection::State,
    /// The kubelets' containers, processes and logs.
    pub(crate) kubelet: crate::kubelet::Runtime,
}

impl Default for Cluster {
    fn default() -> Self {
        Self::new()
    }
}

impl Cluster {
    /// A fresh default lab: the learner is on `control-plane`, in their home folder.
    pub fn new() -> Self {
        let clock = Clock::default();
        let mut fs = Filesystems::default();
        let hosts = crate::hosts::Hosts::boot(&mut fs, clock.now());
        let mut c = Cluster {
            clock,
            ids: IdGen::default(),
            fs,
            hosts,
            sessions: vec![Session::new(Self::learner_ctx())],
            editor: true,
            api: crate::apiserver::ApiServer::default(),
            projection: Default::default(),
            kubelet: crate::kubelet::Runtime::default(),
        };
        crate::lab::install(&mut c);
        c
    }

    /// The simulated time, in Unix seconds.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The store's last resourceVersion: it changes with every write, so two equal readings
    /// mean nothing was written in between (benchmarks wait for a settled lab with it).
    pub fn store_revision(&self) -> u64 {
        self.api.store.revision()
    }

    /// Lets `secs` simulated seconds pass, running the controllers as they do.
    pub fn advance(&mut self, secs: i64) {
        for _ in 0..secs.max(0) {
            self.clock.advance(1);
            crate::controllers::run_all(self);
        }
    }

    /// The prompt the terminal shows now, e.g. `[learner@control-plane ~]$ `, or `> ` while a
    /// command waits for more lines.
    pub fn prompt(&self) -> String {
        match self.sessions.last() {
            Some(session) if session.is_pending() => "> ".into(),
            Some(session) => session.prompt(),
            None => Session::new(Self::learner_ctx()).prompt(),
        }
    }

    /// Whether the next line continues an unfinished command (a heredoc body).
    pub fn expects_continuation(&self) -> bool {
        self.sessions.last().is_some_and(Session::is_pending)
    }

    /// Types one line into the terminal, as the learner would, and returns what it printed.
    /// Typing a line takes one simulated second.
    pub fn type_line(&mut self, line: &str) -> TypedLine {
        self.advance(1);
        self.type_line_advanced(line)
    }

    /// [`Cluster::type_line`] on a cluster whose clock already moved by the line's second
    /// (`advance(1)`, e.g. on a copy made while the learner was typing): same result.
    pub fn type_line_advanced(&mut self, line: &str) -> TypedLine {
        let kind = if self.expects_continuation() { LineKind::Continuation } else { LineKind::Command };
        let mut session = self.sessions.pop().unwrap_or_else(|| Session::new(Self::learner_ctx()));
        let (mut typed, effects) = session.feed(self, line);
        self.apply_session_effects(session, effects, &mut typed);
        typed.kind = Some(kind);
        typed
    }

    /// Runs one program (or shell builtin such as `sh -c`), as the shell does once it has
    /// expanded a command line. Returns `None` when no such program exists on that host.
    pub fn run_program(&mut self, ctx: &ProcCtx, argv: &[String], stdin: &str) -> Option<ProgramOutput> {
        let out = crate::shell::run_argv(self, ctx, argv, stdin.as_bytes())?;
        Some(ProgramOutput {
            stdout: String::from_utf8_lossy(&out.bytes(1)).into_owned(),
            stderr: String::from_utf8_lossy(&out.bytes(2)).into_owned(),
            code: out.code,
        })
    }

    /// Reads a file as the process in `ctx` sees it (relative paths start at `ctx.cwd`).
    pub fn read_file(&self, ctx: &ProcCtx, path: &str) -> Result<Vec<u8>, FsError> {
        self.fs.read(&ctx.host, &self.cred(ctx), &absolutize(&ctx.cwd, path))
    }

    /// Writes a file as the process in `ctx`.
    pub fn write_file(&mut self, ctx: &ProcCtx, path: &str, data: &[u8]) -> Result<(), FsError> {
        self.write_file_as(ctx, path, data, false)
    }

    /// The sorted names in directory `path`, as the process in `ctx` sees it.
    pub fn read_dir(&self, ctx: &ProcCtx, path: &str) -> Result<Vec<String>, FsError> {
        self.fs.list(&ctx.host, &self.cred(ctx), &absolutize(&ctx.cwd, path))
    }

    /// Whether `path` is a directory for the process in `ctx`.
    pub fn is_dir(&self, ctx: &ProcCtx, path: &str) -> bool {
        let stat = self.fs.stat(&ctx.host, &self.cred(ctx), &absolutize(&ctx.cwd, path), true);
        stat.is_ok_and(|s| s.kind == crate::fs::Kind::Dir)
    }

    /// The learner's context on `control-plane`: their home folder, which is the workspace.
    pub fn learner_ctx() -> ProcCtx {
        ProcCtx { host: "control-plane".into(), user: "learner".into(), cwd: "/home/learner".into() }
    }

    /// Saves a workspace file (what the editor does), relative to the learner's home.
    /// Missing parent folders are created.
    pub fn write_workspace_file(&mut self, name: &str, text: &str) -> Result<(), FsError> {
        let ctx = Self::learner_ctx();
        let path = absolutize(&ctx.cwd, name);
        let (parent, _) = crate::fs::split_parent(&path);
        let (cred, now) = (self.cred(&ctx), self.clock.now());
        self.fs.mkdir_p(&ctx.host, &cred, &parent, 0o755, now)?;
        self.write_file(&ctx, &path, text.as_bytes())
    }

    /// Creates `obj` through the API server (admission, then the store), as `kubectl create`
    /// does, and returns the stored object.
    pub fn create_object(&mut self, obj: serde_json::Value) -> Result<serde_json::Value, crate::api::ApiError> {
        self.api_create(obj)
    }

    /// Words the terminal can complete `partial` (the text before the cursor) with.
    pub fn complete(&self, partial: &str) -> Vec<String> {
        shell::complete(self, partial)
    }
}
