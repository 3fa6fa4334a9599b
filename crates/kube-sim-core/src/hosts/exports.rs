//! `/etc/exports`: parsing, client matching, and what an NFS mount of a server gets.

use crate::fs::{Cred, Filesystems, Squash, NFSNOBODY};

use super::Hosts;

/// One (path, client) pair of the export table, with its options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRule {
    /// The exported directory on the server.
    pub path: String,
    /// The client spec as written: `*`, `172.19.0.0/16`, `172.19.0.2`, `worker-1`.
    pub client: String,
    /// `rw` (otherwise `ro`, the default).
    pub rw: bool,
    /// `sync` (the default) or `async`.
    pub sync: bool,
    /// `root_squash` (default), `no_root_squash` or `all_squash`.
    pub squash: Squash,
    /// `anonuid=` (65534 by default).
    pub anon_uid: u32,
    /// `anongid=` (65534 by default).
    pub anon_gid: u32,
    /// `no_subtree_check` (the default) or `subtree_check`.
    pub subtree_check: bool,
    /// `insecure` (otherwise `secure`).
    pub insecure: bool,
}

impl ExportRule {
    fn new(path: &str, client: &str) -> Self {
        ExportRule {
            path: path.into(),
            client: client.into(),
            rw: false,
            sync: true,
            squash: Squash::Root,
            anon_uid: NFSNOBODY,
            anon_gid: NFSNOBODY,
            subtree_check: false,
            insecure: false,
        }
    }

    /// The options as `exportfs -v` prints them (nfs-utils 1.3 order).
    pub fn verbose_options(&self) -> String {
        let mut o = vec![if self.sync { "sync" } else { "async" }, "wdelay", "hide"];
        o.push(if self.subtree_check { "subtree_check" } else { "no_subtree_check" });
        o.push("sec=sys");
        o.push(if self.rw { "rw" } else { "ro" });
        o.push(if self.insecure { "insecure" } else { "secure" });
        o.push(if self.squash == Squash::None { "no_root_squash" } else { "root_squash" });
        o.push(if self.squash == Squash::All { "all_squash" } else { "no_all_squash" });
        let mut s = o.join(",");
        if self.anon_uid != NFSNOBODY {
            s.push_str(&format!(",anonuid={}", self.anon_uid));
        }
        if self.anon_gid != NFSNOBODY {
            s.push_str(&format!(",anongid={}", self.anon_gid));
        }
        s
    }

    /// The options an NFS mount of `server_ip:path` under this rule gets: read-only unless
    /// `rw`, the rule's squashing and anonymous ids, source `server_ip:path`, type `nfs4`.
    pub fn mount_opts(&self, server_ip: &str, path: &str) -> crate::fs::MountOpts {
        crate::fs::MountOpts {
            read_only: !self.rw,
            squash: self.squash,
            anon_uid: self.anon_uid,
            anon_gid: self.anon_gid,
            source: format!("{server_ip}:{path}"),
            fstype: "nfs4".into(),
        }
    }

    /// Whether a client at `ip` matches this rule's client spec (`hosts` resolves names).
    pub fn matches(&self, ip: &str, hosts: &Hosts) -> bool {
        client_matches(&self.client, ip, hosts)
    }
}

fn parse_ipv4(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut v = 0u32;
    for p in parts {
        v = (v << 8) | u32::from(p.parse::<u8>().ok()?);
    }
    Some(v)
}

fn client_matches(spec: &str, ip: &str, hosts: &Hosts) -> bool {
    if spec == "*" {
        return true;
    }
    let Some(addr) = parse_ipv4(ip) else { return false };
    if let Some((net, mask)) = spec.split_once('/') {
        let Some(net) = parse_ipv4(net) else { return false };
        let mask = match mask.parse::<u32>() {
            Ok(0) => 0,
            Ok(n) if n <= 32 => u32::MAX << (32 - n),
            _ => match parse_ipv4(mask) {
                Some(m) => m,
                None => return false,
            },
        };
        return addr & mask == net & mask;
    }
    if let Some(a) = parse_ipv4(spec) {
        return a == addr;
    }
    hosts.resolve(spec).and_then(|s| parse_ipv4(&s)) == Some(addr)
}

/// Parses `/etc/exports` text into rules, or the first error as exportfs prints it.
pub fn parse(text: &str) -> Result<Vec<ExportRule>, String> {
    let mut rules = Vec::new();
    // Backslash-newline continues a line; the line number is where the entry starts.
    let mut joined: Vec<(usize, String)> = Vec::new();
    let mut cont = false;
    for (n, line) in text.lines().enumerate() {
        let (body, more) = match line.strip_suffix('\\') {
            Some(b) => (b, true),
            None => (line, false),
        };
        match joined.last_mut() {
            Some((_, acc)) if cont => {
                acc.push(' ');
                acc.push_str(body);
            }
            _ => joined.push((n, body.to_string())),
        }
        cont = more;
    }
    for (n, line) in &joined {
        let n = *n;
        let line = line.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let Some(path) = words.next() else { continue };
        let path = path.trim_matches('"');
        if !path.starts_with('/') {
            return Err(format!("exportfs: /etc/exports:{}: bad export path \"{path}\"\n", n + 1));
        }
        let mut any = false;
        let mut defaults = String::new();
        for w in words {
            if let Some(d) = w.strip_prefix('-') {
                defaults = d.to_string();
                continue;
            }
            any = true;
            let (client, opts) = match w.find('(') {
                Some(i) => (&w[..i], Some(w[i + 1..].trim_end_matches(')'))),
                None => (w, None),
            };
            let client = if client.is_empty() { "*" } else { client };
            let mut rule = ExportRule::new(path, client);
            let all = format!("{defaults},{}", opts.unwrap_or(""));
            for opt in all.split(',').filter(|o| !o.is_empty()) {
                apply_option(&mut rule, opt).map_err(|o| format!("exportfs: /etc/exports:{}: unknown keyword \"{o}\"\n", n + 1))?;
            }
            rules.push(rule);
        }
        if !any {
            let mut rule = ExportRule::new(path, "*");
            for opt in defaults.split(',').filter(|o| !o.is_empty()) {
                apply_option(&mut rule, opt).map_err(|o| format!("exportfs: /etc/exports:{}: unknown keyword \"{o}\"\n", n + 1))?;
            }
            rules.push(rule);
        }
    }
    Ok(rules)
}

fn apply_option(rule: &mut ExportRule, opt: &str) -> Result<(), String> {
    match opt {
        "rw" => rule.rw = true,
        "ro" => rule.rw = false,
        "sync" => rule.sync = true,
        "async" => rule.sync = false,
        "root_squash" => {
            if rule.squash == Squash::None {
                rule.squash = Squash::Root;
            }
        }
        "no_root_squash" => {
            if rule.squash == Squash::Root {
                rule.squash = Squash::None;
            }
        }
        "all_squash" => rule.squash = Squash::All,
        "no_all_squash" => {
            if rule.squash == Squash::All {
                rule.squash = Squash::Root;
            }
        }
        "subtree_check" => rule.subtree_check = true,
        "no_subtree_check" => rule.subtree_check = false,
        "secure" => rule.insecure = false,
        "insecure" => rule.insecure = true,
        "wdelay" | "no_wdelay" | "hide" | "nohide" | "crossmnt" | "no_acl" | "acl" | "sec=sys" => {}
        _ => {
            if let Some(v) = opt.strip_prefix("anonuid=") {
                rule.anon_uid = v.parse().map_err(|_| opt.to_string())?;
            } else if let Some(v) = opt.strip_prefix("anongid=") {
                rule.anon_gid = v.parse().map_err(|_| opt.to_string())?;
            } else if opt.starts_with("fsid=") {
            } else {
                return Err(opt.to_string());
            }
        }
    }
    Ok(())
}

/// Reloads the export table of `server` from its `/etc/exports` (what `exportfs -r` and
/// `systemctl start|reload nfs` do). Returns the warnings/errors exportfs prints.
pub fn reload(fs: &Filesystems, hosts: &mut Hosts, server: &str) -> String {
    let text = fs.read(server, &Cred::root(), "/etc/exports").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let (rules, mut msg) = match parse(&text) {
        Ok(r) => (r, String::new()),
        Err(e) => (Vec::new(), e),
    };
    let mut kept = Vec::new();
    for r in rules {
        match fs.stat(server, &Cred::root(), &r.path, true) {
            Ok(_) => kept.push(r),
            Err(e) => msg.push_str(&format!("exportfs: Failed to stat {}: {e}\n", r.path)),
        }
    }
    if let Some(h) = hosts.get_mut(server) {
        h.exports = kept;
    }
    msg
}

/// What an NFS client at `client_ip` gets when it mounts `server_ip:path`: the export rule
/// that applies (the longest exported path containing `path` whose client spec matches), or
/// the `mount.nfs:` error text.
pub fn export_for(fs: &Filesystems, hosts: &Hosts, server_ip: &str, path: &str, client_ip: &str) -> Result<ExportRule, String> {
    let server = match hosts.get(server_ip) {
        Some(h) if h.powered_on => h,
        _ => return Err("mount.nfs: Connection timed out".into()),
    };
    if !server.service_active("nfs-server") {
        return Err("mount.nfs: Connection refused".into());
    }
    let norm = crate::fs::absolutize("/", path);
    let denied = || format!("mount.nfs: access denied by server while mounting {server_ip}:{path}");
    let best = server
        .exports
        .iter()
        .filter(|r| norm == r.path || r.path == "/" || norm.starts_with(&format!("{}/", r.path)))
        .max_by_key(|r| r.path.len())
        .map(|r| r.path.clone())
        .ok_or_else(denied)?;
    let rule = server.exports.iter().find(|r| r.path == best && r.matches(client_ip, hosts)).cloned().ok_or_else(denied)?;
    if fs.stat(&server.name, &Cred::root(), &norm, true).is_err() {
        return Err(format!("mount.nfs: mounting {server_ip}:{path} failed, reason given by server: No such file or directory"));
    }
    Ok(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_and_matches_clients() {
        let rules = parse("# c\n/data/nfs 172.19.0.0/16(rw,sync,no_root_squash) worker-1\n/x *(ro,all_squash,anonuid=1000)\n").unwrap();
        assert_eq!(rules.len(), 3);
        assert!(rules[0].rw && rules[0].squash == Squash::None);
        assert_eq!(rules[0].verbose_options(), "sync,wdelay,hide,no_subtree_check,sec=sys,rw,secure,no_root_squash,no_all_squash");
        assert!(!rules[1].rw && rules[1].squash == Squash::Root);
        assert_eq!(rules[2].squash, Squash::All);
        assert_eq!(rules[2].anon_uid, 1000);
        let mut fs = Filesystems::default();
        let hosts = Hosts::boot(&mut fs, 0);
        assert!(rules[0].matches("172.19.0.3", &hosts));
        assert!(!rules[0].matches("10.0.0.1", &hosts));
        assert!(rules[1].matches("172.19.0.2", &hosts));
        assert!(!rules[1].matches("172.19.0.3", &hosts));
        assert_eq!(parse("/a 1.2.3.4(bogus)\n"), Err("exportfs: /etc/exports:1: unknown keyword \"bogus\"\n".into()));
        let rules = parse("/b -rw,no_root_squash \\\n  10.0.0.1 10.0.0.2(ro)\n").unwrap();
        assert_eq!(rules.len(), 2);
        assert!(rules[0].rw && rules[0].squash == Squash::None);
        assert!(!rules[1].rw && rules[1].client == "10.0.0.2");
    }
}
