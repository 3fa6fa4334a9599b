//! The programs the shell runs: coreutils-like commands (GNU texts), host administration
//! (`yum`, `systemctl`, `exportfs`, `showmount`, `poweroff`), and `kubectl` on `control-plane`.

use crate::cluster::{Cluster, ProcCtx};
use crate::fs::{absolutize, Cred, FsError};
use crate::shell::Out;

mod admin;
mod crictl;
mod docker;
mod files;
mod filters;
mod grep_sed;
mod kube_sim;
mod ls;
mod misc;
pub mod mysql_client;
mod opts;
mod perms;
mod regex;
pub(crate) mod sys;
mod text;

pub use opts::Opts;

/// A running program: the cluster, who it runs as, its environment, stdin and output.
pub struct Proc<'a> {
    /// The cluster.
    pub cl: &'a mut Cluster,
    /// Host, user, working directory.
    pub ctx: &'a ProcCtx,
    /// The environment, sorted.
    pub env: &'a [(String, String)],
    /// Standard input.
    pub stdin: &'a [u8],
    /// What it wrote.
    pub out: Out,
    /// The program name (for messages).
    pub name: String,
    /// Standard output is the terminal (not a pipe or a file).
    pub tty: bool,
}

type ProgFn = fn(&mut Proc<'_>, &[String]) -> i32;

/// Where a program exists.
#[derive(Clone, Copy)]
enum Req {
    Everywhere,
    Package(&'static str),
    ControlPlane,
    /// Containers of the mysql image.
    MysqlClient,
}

const TABLE: &[(&str, ProgFn, Req)] = &[
    ("base64", filters::base64, Req::Everywhere),
    ("basename", misc::basename, Req::Everywhere),
    ("cat", text::cat, Req::Everywhere),
    ("chmod", perms::chmod, Req::Everywhere),
    ("chown", perms::chown, Req::Everywhere),
    ("cp", files::cp, Req::Everywhere),
    ("cut", filters::cut, Req::Everywhere),
    ("dirname", misc::dirname, Req::Everywhere),
    ("crictl", crictl::crictl, Req::Package("kubelet")),
    ("docker", docker::docker, Req::Package("kubelet")),
    ("date", sys::date, Req::Everywhere),
    ("df", sys::df, Req::Everywhere),
    ("echo", text::echo, Req::Everywhere),
    ("env", sys::env, Req::Everywhere),
    ("exportfs", admin::exportfs, Req::Package("nfs-utils")),
    ("find", misc::find, Req::Everywhere),
    ("false", sys::false_, Req::Everywhere),
    ("grep", grep_sed::grep, Req::Everywhere),
    ("head", text::head, Req::Everywhere),
    ("hostname", sys::hostname, Req::Everywhere),
    ("id", sys::id, Req::Everywhere),
    ("ip", misc::ip, Req::Everywhere),
    ("kube-sim", kube_sim::kube_sim, Req::ControlPlane),
    ("kubectl", sys::kubectl, Req::ControlPlane),
    ("less", misc::more, Req::Everywhere),
    ("ln", files::ln, Req::Everywhere),
    ("ls", ls::ls, Req::Everywhere),
    ("mkdir", files::mkdir, Req::Everywhere),
    ("more", misc::more, Req::Everywhere),
    ("mount", sys::mount, Req::Everywhere),
    ("mv", files::mv, Req::Everywhere),
    ("mysql", mysql_client::mysql, Req::MysqlClient),
    ("poweroff", admin::poweroff, Req::Everywhere),
    ("printenv", sys::printenv, Req::Everywhere),
    ("printf", text::printf, Req::Everywhere),
    ("readlink", misc::readlink, Req::Everywhere),
    ("realpath", misc::realpath, Req::Everywhere),
    ("reboot", admin::reboot, Req::Everywhere),
    ("rm", files::rm, Req::Everywhere),
    ("rmdir", files::rmdir, Req::Everywhere),
    ("sed", grep_sed::sed, Req::Everywhere),
    ("seq", filters::seq, Req::Everywhere),
    ("showmount", admin::showmount, Req::Package("nfs-utils")),
    ("shutdown", admin::shutdown, Req::Everywhere),
    ("sleep", sys::sleep, Req::Everywhere),
    ("sort", filters::sort, Req::Everywhere),
    ("systemctl", admin::systemctl, Req::Everywhere),
    ("tail", text::tail, Req::Everywhere),
    ("tee", misc::tee, Req::Everywhere),
    ("test", sys::test, Req::Everywhere),
    ("[", sys::test, Req::Everywhere),
    ("touch", files::touch, Req::Everywhere),
    ("tr", filters::tr, Req::Everywhere),
    ("true", sys::true_, Req::Everywhere),
    ("uname", sys::uname, Req::Everywhere),
    ("uniq", filters::uniq, Req::Everywhere),
    ("wc", filters::wc, Req::Everywhere),
    ("which", misc::which, Req::Everywhere),
    ("whoami", sys::whoami, Req::Everywhere),
    ("yum", admin::yum, Req::Everywhere),
];

const BIN_DIRS: &[&str] = &["/bin/", "/usr/bin/", "/sbin/", "/usr/sbin/", "/usr/local/bin/"];

fn find(cl: &Cluster, ctx: &ProcCtx, name: &str) -> Option<ProgFn> {
    let base = if name.contains('/') { BIN_DIRS.iter().find_map(|d| name.strip_prefix(d))? } else { name };
    let (_, f, req) = TABLE.iter().find(|(n, _, _)| *n == base)?;
    let ok = match req {
        Req::Everywhere => true,
        Req::Package(p) => cl.hosts.get(&ctx.host).is_some_and(|h| h.has_package(p)),
        Req::ControlPlane => ctx.host == "control-plane",
        Req::MysqlClient => mysql_client::client_version(cl, &ctx.host).is_some(),
    };
    ok.then_some(*f)
}

/// Whether program `name` exists on the host of `ctx`.
pub fn exists(cl: &Cluster, ctx: &ProcCtx, name: &str) -> bool {
    find(cl, ctx, name).is_some()
}

/// The programs that exist on the host of `ctx`, sorted.
pub fn names(cl: &Cluster, ctx: &ProcCtx) -> Vec<String> {
    TABLE.iter().filter(|(n, _, _)| exists(cl, ctx, n)).map(|(n, _, _)| n.to_string()).collect()
}

/// Runs program `argv[0]` on the host of `ctx`; `None` when no such program exists there.
/// `tty`: its stdout is the terminal (`ls` prints columns).
pub fn run(cl: &mut Cluster, ctx: &ProcCtx, env: &[(String, String)], argv: &[String], stdin: &[u8], tty: bool) -> Option<Out> {
    let name = argv.first()?;
    let f = find(cl, ctx, name)?;
    let base = name.rsplit('/').next().unwrap_or(name).to_string();
    let mut p = Proc { cl, ctx, env, stdin, out: Out::default(), name: base, tty };
    let code = f(&mut p, &argv[1..]);
    p.out.code = code;
    Some(p.out)
}

impl Proc<'_> {
    /// The process's credentials.
    pub fn cred(&self) -> Cred {
        self.cl.cred(self.ctx)
    }

    /// `path` made absolute against the working directory.
    pub fn abs(&self, path: &str) -> String {
        absolutize(&self.ctx.cwd, path)
    }

    /// The simulated time.
    pub fn now(&self) -> i64 {
        self.cl.now()
    }

    /// The namespace (host) name.
    pub fn ns(&self) -> &str {
        &self.ctx.host
    }

    /// Reads a file (`-` is stdin).
    pub fn read(&self, path: &str) -> Result<Vec<u8>, FsError> {
        if path == "-" {
            return Ok(self.stdin.to_vec());
        }
        self.cl.read_file(self.ctx, path)
    }

    /// Writes `s` to stdout.
    pub fn out(&mut self, s: impl AsRef<[u8]>) {
        self.out.out(s);
    }

    /// Writes `NAME: s` to stderr.
    pub fn err(&mut self, s: impl AsRef<str>) {
        let msg = format!("{}: {}\n", self.name, s.as_ref());
        self.out.err(msg);
    }

    /// `NAME: msg` and `Try 'NAME --help' for more information.`; returns `code`.
    pub fn usage(&mut self, msg: &str, code: i32) -> i32 {
        let name = self.name.clone();
        self.out.err(format!("{name}: {msg}\nTry '{name} --help' for more information.\n"));
        code
    }

    /// The name of uid `uid` on this host, or the number.
    pub fn user_name(&self, uid: u32) -> String {
        crate::hosts::users::user_name(&self.cl.fs, self.ns(), uid).unwrap_or_else(|| uid.to_string())
    }

    /// The name of gid `gid` on this host, or the number.
    pub fn group_name(&self, gid: u32) -> String {
        crate::hosts::users::group_name(&self.cl.fs, self.ns(), gid).unwrap_or_else(|| gid.to_string())
    }

    /// Whether the process runs as root.
    pub fn is_root(&self) -> bool {
        self.cred().uid == 0
    }
}
