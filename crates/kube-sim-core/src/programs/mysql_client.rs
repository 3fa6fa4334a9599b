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

/// `mysql [OPTIONS] [DB]`.
pub fn mysql(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let ns = p.ctx.host.clone();
    let Some(client_v) = client_version(p.cl, &ns) else {
        p.out.err("sh: mysql: not found\n");
        return 127;
    };
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let a = match mysql::parse_args(&argv) {
        Ok(a) => a,
        Err(e) => {
            p.out.err(e);
            return 1;
        }
    };
    if a.version {
        p.out(mysql::args::version_line(client_v));
        return 0;
    }
    let my_ip = own_ip(p.cl, &ns);
    let warning = match (a.password_on_command_line(), client_v.is_v8()) {
        (false, _) => "",
        (true, true) => "mysql: [Warning] Using a password on the command line interface can be insecure.\n",
        (true, false) => "Warning: Using a password on the command line interface can be insecure.\n",
    };
    let pod_ns = p.cl.kubelet.pods.values().find(|r| r.containers.iter().any(|c| c.fs_ns == ns)).map_or("default".to_string(), |r| r.ns.clone());
    let host = a.host.clone().filter(|h| !matches!(h.as_str(), "localhost" | "127.0.0.1"));
    let (server, client_host) = match &host {
        None => (server_at(p.cl, &my_ip), "localhost".to_string()),
        Some(h) => {
            let ip = if h.parse::<std::net::Ipv4Addr>().is_ok() {
                Some(h.clone())
            } else {
                match crate::controllers::endpoints::resolve_service(p.cl, h, &pod_ns) {
                    None => {
                        p.out.err(warning);
                        p.out.err(mysql::client::unknown_host(client_v, h));
                        return 1;
                    }
                    Some((_, addrs)) => addrs.first().and_then(|a| a["ip"].as_str()).map(str::to_string),
                }
            };
            (ip.and_then(|ip| server_at(p.cl, &ip)), my_ip.clone())
        }
    };
    let Some((server_ns, server_pod, started, server_image)) = server else {
        let shown = host.unwrap_or_else(|| "localhost".into());
        p.out.err(warning);
        if shown == "localhost" {
            p.out.err("ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n");
        } else {
            p.out.err(mysql::client::cant_connect(client_v, &shown));
        }
        return 1;
    };
    let version = MysqlVersion::from_image(&server_image).unwrap_or(MysqlVersion::V5_6);
    let mut server = MysqlServer::new(version).on_host(&server_pod, started);
    let now = p.cl.now();
    let script = match &a.execute {
        Some(e) => e.clone(),
        None => String::from_utf8_lossy(p.stdin).into_owned(),
    };
    let o = ConnectOptions {
        client_version: client_v,
        user: a.user.as_deref().unwrap_or("root"),
        password: a.password.as_deref(),
        password_on_command_line: a.password_on_command_line(),
        client_host: &client_host,
        database: a.database.as_deref(),
        now,
        no_auto_rehash: a.no_auto_rehash,
        server_host: a.host.as_deref(),
    };
    let fmt = BatchFormat { table: a.table, column_names: !a.skip_column_names };
    let mut dir = FsDataDir { fs: p.cl.filesystems_mut(), ns: server_ns, cred: Cred::user(999, 999), now };
    let res = mysql::run_batch(&mut server, &mut dir, &o, &script, fmt);
    p.out(res.stdout);
    p.out.err(res.stderr);
    res.exit_code
}
