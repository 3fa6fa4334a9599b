//! `mysql` in a container of the mysql image, in batch mode (`-e SQL` or a script on stdin):
//! connects to the local mysqld, or resolves `-h` through the cluster DNS (Service →
//! Endpoints → pod) to the server container and runs the statements on its datadir.

use super::Proc;
use crate::fs::Cred;
use crate::kubelet::mysqld::FsDataDir;
use crate::mysql::{self, BatchFormat, ConnectOptions, MysqlServer, MysqlVersion};
use crate::object;

/// The file that marks the mysql image's client (its content is the version, `5.6` or `8.0`).
pub const CLIENT_MARK: &str = "/usr/bin/mysql";

/// The client's version in namespace `ns`, when the image has the client.
pub fn client_version(cl: &crate::cluster::Cluster, ns: &str) -> Option<MysqlVersion> {
    let bytes = cl.filesystems().read(ns, &Cred::root(), CLIENT_MARK).ok()?;
    Some(if bytes.starts_with(b"8") { MysqlVersion::V8_0 } else { MysqlVersion::V5_6 })
}

/// The pod IP of the container `ns` (the last line of its `/etc/hosts`).
fn own_ip(cl: &crate::cluster::Cluster, ns: &str) -> String {
    let hosts = cl.filesystems().read(ns, &Cred::root(), "/etc/hosts").unwrap_or_default();
    String::from_utf8_lossy(&hosts).lines().last().and_then(|l| l.split_whitespace().next()).unwrap_or("127.0.0.1").to_string()
}

/// The running mysqld container behind pod IP `ip`: (namespace, pod name, started at, image).
fn server_at(cl: &crate::cluster::Cluster, ip: &str) -> Option<(String, String, i64, String)> {
    let pod = cl.api_list("Pod", None).into_iter().find(|p| object::get_str(p, "status.podIP") == Some(ip) && object::get(p, "metadata.deletionTimestamp").is_none())?;
    let node = object::get_str(pod, "spec.nodeName")?;
    if !crate::kubelet::kubelet_up(cl, node) {
        return None;
    }
    let rt = cl.kubelet.pods.get(object::uid(pod))?;
    let c = rt.containers.iter().find(|c| c.running() && crate::kubelet::images::repo_of(&c.image) == "mysql" && matches!(c.proc.as_ref().map(|p| &p.kind), Some(crate::kubelet::process::Kind::Daemon)))?;
    let started = match c.state {
        crate::kubelet::containers::State::Running(t) => t,
        _ => 0,
    };
    Some((c.fs_ns.clone(), rt.name.clone(), started, c.image.clone()))
}

/// Where a `mysql` client in container namespace `client_ns` connects: the server container
/// and what the connection needs. Err is what the client prints before exiting 1.
pub struct Target {
    /// The client's version.
    pub client_v: MysqlVersion,
    /// The password warning the client prints ("" without `-p` on the command line).
    pub warning: &'static str,
    /// The server container's mount namespace (its datadir is `/var/lib/mysql` there).
    pub server_ns: String,
    /// The server for this connection.
    pub server: MysqlServer,
    /// The client's address as the server sees it.
    pub client_host: String,
}

/// Resolves `a.host` (none: the local mysqld; a name: Service → Endpoints → pod) to a running
/// mysqld container, as the client's connect does.
pub fn target(cl: &crate::cluster::Cluster, client_ns: &str, client_v: MysqlVersion, a: &mysql::MysqlArgs) -> Result<Target, String> {
    let my_ip = own_ip(cl, client_ns);
    let warning = match (a.password_on_command_line(), client_v.is_v8()) {
        (false, _) => "",
        (true, true) => "mysql: [Warning] Using a password on the command line interface can be insecure.\n",
        (true, false) => "Warning: Using a password on the command line interface can be insecure.\n",
    };
    let pod_ns = cl.kubelet.pods.values().find(|r| r.containers.iter().any(|c| c.fs_ns == client_ns)).map_or("default".to_string(), |r| r.ns.clone());
    let host = a.host.clone().filter(|h| !matches!(h.as_str(), "localhost" | "127.0.0.1"));
    let (server, client_host) = match &host {
        None => (server_at(cl, &my_ip), "localhost".to_string()),
        Some(h) => {
            let ip = if h.parse::<std::net::Ipv4Addr>().is_ok() {
                Some(h.clone())
            } else {
                match crate::controllers::endpoints::resolve_service(cl, h, &pod_ns) {
                    None => return Err(format!("{warning}{}", mysql::client::unknown_host(client_v, h))),
                    Some((_, addrs)) => addrs.first().and_then(|a| a["ip"].as_str()).map(str::to_string),
                }
            };
            (ip.and_then(|ip| server_at(cl, &ip)), my_ip.clone())
        }
    };
    let Some((server_ns, server_pod, started, server_image)) = server else {
        let shown = host.unwrap_or_else(|| "localhost".into());
        return Err(if shown == "localhost" {
            format!("{warning}ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n")
        } else {
            format!("{warning}{}", mysql::client::cant_connect(client_v, &shown))
        });
    };
    let version = MysqlVersion::from_image(&server_image).unwrap_or(MysqlVersion::V5_6);
    Ok(Target { client_v, warning, server_ns, server: MysqlServer::new(version).on_host(&server_pod, started), client_host })
}

/// The connection options for `a` from `t`.
pub fn connect_options<'a>(a: &'a mysql::MysqlArgs, t: &'a Target, now: i64) -> ConnectOptions<'a> {
    ConnectOptions {
        client_version: t.client_v,
        user: a.user.as_deref().unwrap_or("root"),
        password: a.password.as_deref(),
        password_on_command_line: a.password_on_command_line(),
        client_host: &t.client_host,
        database: a.database.as_deref(),
        now,
        no_auto_rehash: a.no_auto_rehash,
        server_host: a.host.as_deref(),
    }
}

/// How the client starts: `--version` prints a line; otherwise it connects somewhere.
enum Start {
    Version(String),
    Connect(Box<mysql::MysqlArgs>, Box<Target>),
}

/// The client's start in container namespace `ns`: its version, its arguments, its target.
/// Err is what it prints and its exit status.
fn start(cl: &crate::cluster::Cluster, ns: &str, args: &[String]) -> Result<Start, (String, i32)> {
    let client_v = client_version(cl, ns).ok_or_else(|| ("sh: mysql: not found\n".to_string(), 127))?;
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let a = mysql::parse_args(&argv).map_err(|e| (e, 1))?;
    if a.version {
        return Ok(Start::Version(mysql::args::version_line(client_v)));
    }
    let t = target(cl, ns, client_v, &a).map_err(|e| (e, 1))?;
    Ok(Start::Connect(Box::new(a), Box::new(t)))
}

/// The server's datadir in its container, as mysqld's user sees it.
fn datadir<'a>(cl: &'a mut crate::cluster::Cluster, server_ns: &str, now: i64) -> FsDataDir<'a> {
    FsDataDir { fs: cl.filesystems_mut(), ns: server_ns.to_string(), cred: Cred::user(999, 999), now }
}

/// `mysql [OPTIONS] [DB]`.
pub fn mysql(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let (a, t) = match start(p.cl, &p.ctx.host, args) {
        Ok(Start::Connect(a, t)) => (a, t),
        Ok(Start::Version(line)) => {
            p.out(line);
            return 0;
        }
        Err((e, code)) => {
            p.out.err(e);
            return code;
        }
    };
    let now = p.cl.now();
    let script = match &a.execute {
        Some(e) => e.clone(),
        None => String::from_utf8_lossy(p.stdin).into_owned(),
    };
    let fmt = BatchFormat { table: a.table, column_names: !a.skip_column_names };
    let mut server = t.server.clone();
    let mut dir = datadir(p.cl, &t.server_ns, now);
    let res = mysql::run_batch(&mut server, &mut dir, &connect_options(&a, &t, now), &script, fmt);
    p.out(res.stdout);
    p.out.err(res.stderr);
    res.exit_code
}

/// An interactive `mysql>` session attached to the terminal (`kubectl run -it … -- mysql …`).
#[derive(Clone, Debug)]
pub struct MysqlAttach {
    /// The client's state (current database, pending statement).
    pub client: mysql::ClientSession,
    /// The server container's mount namespace.
    pub server_ns: String,
    /// The client pod, deleted on exit with `--rm`: (namespace, name).
    pub remove_pod: Option<(String, String)>,
}

impl MysqlAttach {
    /// Connects like the client does at start; returns the session and what it printed.
    pub fn connect(cl: &mut crate::cluster::Cluster, client_ns: &str, args: &[String]) -> Result<(MysqlAttach, String), String> {
        let (a, t) = match start(cl, client_ns, args) {
            Ok(Start::Connect(a, t)) => (a, t),
            Ok(Start::Version(line)) | Err((line, _)) => return Err(line),
        };
        let now = cl.now();
        let mut server = t.server.clone();
        let dir = datadir(cl, &t.server_ns, now);
        let (client, greeting) = mysql::ClientSession::connect(&mut server, &dir, &connect_options(&a, &t, now))?;
        Ok((MysqlAttach { client, server_ns: t.server_ns.clone(), remove_pod: None }, greeting))
    }

    /// The prompt (`mysql> `, `    -> `).
    pub fn prompt(&self) -> String {
        self.client.prompt()
    }

    /// One typed line; returns the output and whether the client exited.
    pub fn feed(&mut self, cl: &mut crate::cluster::Cluster, line: &str) -> (String, bool) {
        let now = cl.now();
        self.client.set_now(now);
        let mut dir = datadir(cl, &self.server_ns, now);
        let f = self.client.feed_line(line, &mut dir);
        let mut out = f.output;
        if f.finished {
            if let Some((ns, name)) = self.remove_pod.take() {
                out.push_str(&crate::kubectl::run::remove_pod(cl, &ns, &name));
            }
        }
        (out, f.finished)
    }
}
