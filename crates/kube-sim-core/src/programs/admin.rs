//! Host administration: yum, systemctl, exportfs, showmount, poweroff, reboot.

use super::Proc;
use crate::hosts::{exports, Service};

/// The offline package catalogue: name, epoch:version-release, repository, size.
const CATALOG: &[(&str, &str, &str, &str, &str)] = &[
    ("nfs-utils", "1:1.3.0-0.68.el7.2", "updates", "413 k", "1.1 M"),
    ("rpcbind", "0.2.0-49.el7", "base", "60 k", "101 k"),
    ("vim-enhanced", "2:7.4.629-8.el7_9", "updates", "1.1 M", "2.2 M"),
    ("wget", "1.14-18.el7_6.1", "base", "547 k", "2.0 M"),
    ("net-tools", "2.0-0.25.20131004git.el7", "base", "306 k", "917 k"),
];

fn nevra(name: &str, ver: &str) -> String {
    match ver.split_once(':') {
        Some((e, v)) => format!("{e}:{name}-{v}.x86_64"),
        None => format!("{name}-{ver}.x86_64"),
    }
}

/// Whether the short option letter `c` (or long option `long`) is among `args`.
fn has_opt(args: &[String], c: char, long: &str) -> bool {
    args.iter().any(|a| a == long || (a.starts_with('-') && !a.starts_with("--") && a.contains(c)))
}

/// `yum [-q] install [-y] PKG...` (offline; also `yum remove`, `yum list installed`).
/// `-q` keeps only what yum's quiet mode still prints: missing packages, errors, the prompt.
pub fn yum(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let code = yum_run(p, args);
    if has_opt(args, 'q', "--quiet") {
        for (fd, bytes) in p.out.chunks.iter_mut().filter(|(fd, _)| *fd == 1) {
            let _ = fd;
            let text = String::from_utf8_lossy(bytes).into_owned();
            let kept: String = text.split_inclusive('\n').filter(|l| l.starts_with("No package ") || l.starts_with("Is this ok")).collect();
            *bytes = kept.into_bytes();
        }
        p.out.chunks.retain(|(_, b)| !b.is_empty());
    }
    code
}

fn yum_run(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let words: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let Some(cmd) = words.first() else {
        p.out.err("Loaded plugins: fastestmirror\nYou need to give some command\n");
        return 1;
    };
    p.out("Loaded plugins: fastestmirror\n");
    if !p.is_root() {
        p.out.err("You need to be root to perform this command.\n");
        return 1;
    }
    let host = p.ctx.host.clone();
    match cmd.as_str() {
        "install" => {
            let mut todo = Vec::new();
            p.out("Loading mirror speeds from cached hostfile\n");
            for name in &words[1..] {
                match CATALOG.iter().find(|c| c.0 == name.as_str()) {
                    None => p.out(format!("No package {name} available.\n")),
                    Some(c) if p.cl.hosts.get(&host).is_some_and(|h| h.has_package(c.0)) => {
                        p.out(format!("Package {} already installed and latest version\n", nevra(c.0, c.1)));
                    }
                    Some(c) => todo.push(*c),
                }
            }
            if todo.is_empty() {
                let none_found = words[1..].iter().all(|n| !CATALOG.iter().any(|c| c.0 == n.as_str()));
                if none_found {
                    p.out.err("Error: Nothing to do\n");
                    return 1;
                }
                p.out("Nothing to do\n");
                return 0;
            }
            let mut s = String::from("Resolving Dependencies\n--> Running transaction check\n");
            for (n, v, ..) in &todo {
                s.push_str(&format!("---> Package {n}.x86_64 {v} will be installed\n"));
            }
            s.push_str("--> Finished Dependency Resolution\n\nDependencies Resolved\n\n");
            let rule = "=".repeat(80);
            s.push_str(&format!("{rule}\n Package            Arch          Version                      Repository     Size\n{rule}\nInstalling:\n"));
            for (n, v, repo, size, _) in &todo {
                s.push_str(&format!(" {n:<18} x86_64        {v:<28} {repo:<10} {size:>8}\n"));
            }
            let pkgs = if todo.len() == 1 { "Package" } else { "Packages" };
            s.push_str(&format!("\nTransaction Summary\n{rule}\nInstall  {} {pkgs}\n\n", todo.len()));
            s.push_str(&format!("Total download size: {}\nInstalled size: {}\n", todo[0].3, todo[0].4));
            let yes = has_opt(args, 'y', "--assumeyes");
            if !yes {
                s.push_str("Is this ok [y/d/N]: ");
                if !p.stdin.first().is_some_and(|b| *b == b'y' || *b == b'Y') {
                    use sha2::Digest;
                    let now = p.now();
                    let h = sha2::Sha256::digest(now.to_le_bytes());
                    let tag: String = h.iter().take(6).map(|b| char::from(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[usize::from(*b) % 62])).collect();
                    let stamp = crate::programs::sys::strftime(now, "%Y-%m-%d.%H-%M");
                    s.push_str(&format!("Exiting on user command\nYour transaction was saved, rerun it with:\n yum load-transaction /tmp/yum_save_tx.{stamp}.{tag}.yumtx\n"));
                    p.out(s);
                    return 1;
                }
            }
            s.push_str("Downloading packages:\nRunning transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction\n");
            let k = todo.len();
            for (i, (n, v, ..)) in todo.iter().enumerate() {
                let label = format!("  Installing : {}", nevra(n, v).trim_end_matches(".x86_64").to_string() + ".x86_64");
                s.push_str(&format!("{label:<76}{:>4}\n", format!("{}/{k}", i + 1)));
            }
            for (i, (n, v, ..)) in todo.iter().enumerate() {
                let label = format!("  Verifying  : {}", nevra(n, v));
                s.push_str(&format!("{label:<76}{:>4}\n", format!("{}/{k}", i + 1)));
            }
            s.push_str("\nInstalled:\n");
            for (n, v, ..) in &todo {
                s.push_str(&format!("  {n}.x86_64 {v}\n"));
            }
            s.push_str("\nComplete!\n");
            p.out(s);
            let now = p.now();
            if let Some(h) = p.cl.hosts.get_mut(&host) {
                for (n, ..) in &todo {
                    h.packages.insert(n.to_string());
                    if *n == "nfs-utils" {
                        h.services.entry("nfs-server".into()).or_insert(Service { active: false, enabled: false, since: now });
                    }
                }
            }
            if todo.iter().any(|t| t.0 == "nfs-utils") {
                let root = crate::fs::Cred::root();
                let _ = p.cl.fs.mkdir_p(&host, &root, "/var/lib/nfs", 0o755, now);
                let _ = p.cl.fs.write(&host, &root, "/var/lib/nfs/etab", b"", false, now);
            }
            0
        }
        "remove" | "erase" => {
            let now = p.now();
            if let Some(h) = p.cl.hosts.get_mut(&host) {
                for n in &words[1..] {
                    h.packages.remove(n.as_str());
                    if n.as_str() == "nfs-utils" {
                        h.services.remove("nfs-server");
                        h.exports.clear();
                    }
                }
            }
            let _ = now;
            p.out("Complete!\n");
            0
        }
        "list" => {
            let pk: Vec<String> = p.cl.hosts.get(&host).map(|h| h.packages.iter().cloned().collect()).unwrap_or_default();
            let mut s = String::from("Installed Packages\n");
            for n in pk {
                if let Some((_, v, ..)) = CATALOG.iter().find(|c| c.0 == n) {
                    s.push_str(&format!("{:<40}{:<27}@{}\n", format!("{n}.x86_64"), v, "base"));
                }
            }
            p.out(s);
            0
        }
        other => {
            p.out.err(format!("No such command: {other}. Please use /usr/bin/yum --help\n"));
            1
        }
    }
}

/// The canonical unit name and its description, for the units this lab knows.
fn unit(name: &str) -> Option<(&'static str, &'static str)> {
    match name.trim_end_matches(".service") {
        "rpcbind" => Some(("rpcbind", "RPC bind service")),
        "nfs" | "nfs-server" => Some(("nfs-server", "NFS server and services")),
        "sshd" => Some(("sshd", "OpenSSH server daemon")),
        "kubelet" => Some(("kubelet", "kubelet: The Kubernetes Node Agent")),
        _ => None,
    }
}

fn ago(secs: i64) -> String {
    let s = secs.max(0);
    if s < 60 {
        format!("{s}s ago")
    } else if s < 3600 {
        format!("{}min {}s ago", s / 60, s % 60)
    } else if s < 86_400 {
        format!("{}h {}min ago", s / 3600, s % 3600 / 60)
    } else {
        format!("{} days ago", s / 86_400)
    }
}

/// `systemctl start|stop|restart|reload|enable|disable|status|is-active UNIT...`.
pub fn systemctl(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let words: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).cloned().collect();
    let Some(verb) = words.first().cloned() else {
        p.out("  UNIT                      LOAD   ACTIVE SUB     DESCRIPTION\n");
        return 0;
    };
    if words.len() < 2 {
        p.out.err("Too few arguments.\n");
        return 1;
    }
    let host = p.ctx.host.clone();
    let now = p.now();
    let mut code = 0;
    for name in &words[1..] {
        let svc_name = format!("{}.service", name.trim_end_matches(".service"));
        let known = unit(name).filter(|(u, _)| p.cl.hosts.get(&host).is_some_and(|h| h.services.contains_key(*u)));
        let Some((u, desc)) = known else {
            match verb.as_str() {
                "status" => p.out.err(format!("Unit {svc_name} could not be found.\n")),
                "is-active" => p.out("unknown\n"),
                "enable" | "disable" => p.out.err("Failed to execute operation: No such file or directory\n"),
                _ => p.out.err(format!("Failed to {verb} {svc_name}: Unit not found.\n")),
            }
            code = if verb == "status" { 4 } else { 5 };
            continue;
        };
        if !p.is_root() && !matches!(verb.as_str(), "status" | "is-active" | "is-enabled") {
            p.out.err(format!("Failed to {verb} {svc_name}: Access denied\n"));
            code = 4;
            continue;
        }
        let state = p.cl.hosts.get(&host).and_then(|h| h.services.get(u)).cloned().unwrap_or_default();
        let mut reload_exports = false;
        let set = |p: &mut Proc<'_>, f: &dyn Fn(&mut Service)| {
            if let Some(s) = p.cl.hosts.get_mut(&host).and_then(|h| h.services.get_mut(u)) {
                f(s);
            }
        };
        match verb.as_str() {
            "start" | "restart" => {
                if u == "nfs-server" && !p.cl.hosts.get(&host).is_some_and(|h| h.service_active("rpcbind")) {
                    set(p, &|s| s.active = true);
                    if let Some(r) = p.cl.hosts.get_mut(&host).and_then(|h| h.services.get_mut("rpcbind")) {
                        r.active = true;
                        r.since = now;
                    }
                } else {
                    set(p, &|s| s.active = true);
                }
                if verb == "restart" || !state.active {
                    set(p, &|s| s.since = now);
                }
                reload_exports = u == "nfs-server";
            }
            "stop" => {
                set(p, &|s| {
                    s.active = false;
                    s.since = now;
                });
                if u == "nfs-server" {
                    if let Some(h) = p.cl.hosts.get_mut(&host) {
                        h.exports.clear();
                    }
                }
            }
            "reload" => {
                if !state.active {
                    p.out.err(format!("Job for {svc_name} invalid.\n"));
                    code = 1;
                    continue;
                }
                reload_exports = u == "nfs-server";
            }
            "enable" => {
                if !state.enabled {
                    let target = "multi-user.target.wants";
                    p.out.err(format!("Created symlink from /etc/systemd/system/{target}/{u}.service to /usr/lib/systemd/system/{u}.service.\n"));
                }
                set(p, &|s| s.enabled = true);
            }
            "disable" => {
                if state.enabled {
                    p.out.err(format!("Removed symlink /etc/systemd/system/multi-user.target.wants/{u}.service.\n"));
                }
                set(p, &|s| s.enabled = false);
            }
            "is-active" => {
                p.out(if state.active { "active\n" } else { "inactive\n" });
                if !state.active {
                    code = 3;
                }
            }
            "is-enabled" => {
                p.out(if state.enabled { "enabled\n" } else { "disabled\n" });
                if !state.enabled {
                    code = 1;
                }
            }
            "status" => {
                let en = if state.enabled { "enabled" } else { "disabled" };
                let dot = "●";
                let mut s = format!("{dot} {u}.service - {desc}\n   Loaded: loaded (/usr/lib/systemd/system/{u}.service; {en}; vendor preset: {})\n", if u == "rpcbind" || u == "sshd" { "enabled" } else { "disabled" });
                if state.active {
                    let sub = if u == "nfs-server" { "exited" } else { "running" };
                    let when = crate::programs::sys::strftime(state.since, "%a %Y-%m-%d %H:%M:%S %Z");
                    s.push_str(&format!("   Active: active ({sub}) since {when}; {}\n", ago(now - state.since)));
                } else {
                    s.push_str("   Active: inactive (dead)\n");
                    code = 3;
                }
                p.out(s);
            }
            other => {
                p.out.err(format!("Unknown operation '{other}'.\n"));
                return 1;
            }
        }
        if reload_exports {
            let msg = exports::reload(&p.cl.fs, &mut p.cl.hosts, &host);
            let _ = msg;
        }
    }
    code
}

/// `exportfs [-r|-a|-v|-ra|-rav]`.
pub fn exportfs(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let flags: String = args.iter().filter(|a| a.starts_with('-')).map(|a| a.trim_start_matches('-')).collect();
    if let Some(bad) = flags.chars().find(|c| !"arvu".contains(*c)) {
        p.out.err(format!("exportfs: invalid option -- '{bad}'\nusage: exportfs [-adfhioruvs] [host:/path]\n"));
        return 1;
    }
    if !p.is_root() && (flags.contains('r') || flags.contains('a') || flags.contains('u')) {
        p.out.err("exportfs: could not open /var/lib/nfs/.etab.lock for locking: errno 13 (Permission denied)\n");
        return 1;
    }
    let host = p.ctx.host.clone();
    if flags.contains('u') && flags.contains('a') {
        if let Some(h) = p.cl.hosts.get_mut(&host) {
            h.exports.clear();
        }
        return 0;
    }
    if flags.contains('r') || flags.contains('a') {
        let msg = exports::reload(&p.cl.fs, &mut p.cl.hosts, &host);
        p.out.err(msg);
        if flags.contains('v') {
            let rules = p.cl.hosts.get(&host).map(|h| h.exports.clone()).unwrap_or_default();
            let mut s = String::new();
            for r in rules {
                s.push_str(&format!("exporting {}:{}\n", r.client, r.path));
            }
            p.out(s);
        }
        return 0;
    }
    let verbose = flags.contains('v');
    let rules = p.cl.hosts.get(&host).map(|h| h.exports.clone()).unwrap_or_default();
    let mut s = String::new();
    for r in rules {
        let client = if r.client == "*" { "<world>".to_string() } else { r.client.clone() };
        let opts = if verbose { format!("({})", r.verbose_options()) } else { String::new() };
        if r.path.len() > 14 {
            s.push_str(&format!("{}\n\t\t{client}{opts}\n", r.path));
        } else {
            s.push_str(&format!("{:<14}\t{client}{opts}\n", r.path));
        }
    }
    p.out(s);
    0
}

/// `showmount -e [HOST]`: the export list of an NFS server.
pub fn showmount(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let exports_flag = args.iter().any(|a| a == "-e" || a == "--exports");
    let target = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| "localhost".into());
    let resolved = if matches!(target.as_str(), "localhost" | "127.0.0.1") { Some(p.ctx.host.clone()) } else { p.cl.hosts.get(&target).map(|h| h.name.clone()) };
    let Some(server) = resolved.and_then(|n| p.cl.hosts.get(&n).cloned()) else {
        p.out.err("clnt_create: RPC: Unknown host\n");
        return 1;
    };
    if !server.powered_on {
        p.out.err("clnt_create: RPC: Port mapper failure - Unable to receive: errno 113 (No route to host)\n");
        return 1;
    }
    if !server.service_active("rpcbind") {
        p.out.err("clnt_create: RPC: Port mapper failure - Unable to receive: errno 111 (Connection refused)\n");
        return 1;
    }
    if !server.service_active("nfs-server") {
        p.out.err("clnt_create: RPC: Program not registered\n");
        return 1;
    }
    if !exports_flag {
        p.out(format!("Hosts on {target}:\n"));
        return 0;
    }
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for r in &server.exports {
        match groups.iter_mut().find(|g| g.0 == r.path) {
            Some(g) => g.1.push(r.client.clone()),
            None => groups.push((r.path.clone(), vec![r.client.clone()])),
        }
    }
    let w = groups.iter().map(|g| g.0.len()).max().unwrap_or(0);
    let mut s = format!("Export list for {target}:\n");
    for (path, clients) in groups {
        s.push_str(&format!("{path:<w$} {}\n", clients.join(",")));
    }
    p.out(s);
    0
}

fn power(p: &mut Proc<'_>, reboot: bool) -> i32 {
    if !p.is_root() {
        p.out.err("==== AUTHENTICATING FOR org.freedesktop.login1.power-off ===\nAuthentication is required for powering off the system.\nFailed to power off system via logind: Interactive authentication required.\n");
        return 1;
    }
    let host = p.ctx.host.clone();
    let change = if reboot { crate::hosts::Power::Reboot } else { crate::hosts::Power::Off };
    let _ = p.cl.set_power(&host, change);
    0
}

/// `poweroff`: the host goes down.
pub fn poweroff(p: &mut Proc<'_>, _: &[String]) -> i32 {
    power(p, false)
}

/// `reboot`: services come back as enabled.
pub fn reboot(p: &mut Proc<'_>, _: &[String]) -> i32 {
    power(p, true)
}

/// `shutdown [-h|-P|-r] [now|+0]`: powers off (or, with `-r`, reboots) at once.
pub fn shutdown(p: &mut Proc<'_>, args: &[String]) -> i32 {
    power(p, has_opt(args, 'r', "--reboot"))
}
