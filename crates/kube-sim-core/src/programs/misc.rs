//! Small utilities: tee, which, find, basename, dirname, readlink, realpath, more/less, ip.

use super::{Opts, Proc};
use crate::fs::Kind;

/// `tee [-a] FILE...`: stdin to stdout and to each file.
pub fn tee(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "ai", &[("append", 'a')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let data = p.stdin.to_vec();
    p.out(data.clone());
    let ctx = p.ctx.clone();
    let mut code = 0;
    for f in &o.args {
        if let Err(e) = p.cl.write_file_as(&ctx, f, &data, o.has("a")) {
            p.err(format!("{f}: {e}"));
            code = 1;
        }
    }
    code
}

/// `which NAME...`.
pub fn which(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let path = p.env.iter().find(|(k, _)| k == "PATH").map(|(_, v)| v.clone()).unwrap_or_default();
    let mut code = 0;
    for a in args {
        if super::exists(p.cl, p.ctx, a) {
            let dir = if matches!(a.as_str(), "exportfs" | "showmount" | "poweroff" | "reboot" | "shutdown") { "/usr/sbin" } else { "/usr/bin" };
            p.out(format!("{dir}/{a}\n"));
        } else {
            p.out.err(format!("/usr/bin/which: no {a} in ({path})\n"));
            code = 1;
        }
    }
    code
}

/// `basename PATH [SUFFIX]`.
pub fn basename(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let Some(path) = args.first() else { return p.usage("missing operand", 1) };
    let trimmed = path.trim_end_matches('/');
    let mut base = if trimmed.is_empty() && path.starts_with('/') { "/".to_string() } else { trimmed.rsplit('/').next().unwrap_or("").to_string() };
    if let Some(suffix) = args.get(1) {
        if base != *suffix {
            if let Some(b) = base.strip_suffix(suffix.as_str()) {
                base = b.to_string();
            }
        }
    }
    p.out(format!("{base}\n"));
    0
}

/// `dirname PATH`.
pub fn dirname(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let Some(path) = args.first() else { return p.usage("missing operand", 1) };
    let t = path.trim_end_matches('/');
    let d = match t.rfind('/') {
        None => ".".to_string(),
        Some(0) => "/".to_string(),
        Some(i) => t[..i].trim_end_matches('/').to_string(),
    };
    let d = if d.is_empty() { "/".to_string() } else { d };
    p.out(format!("{d}\n"));
    0
}

/// `readlink [-f] PATH`.
pub fn readlink(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "fen", &[("canonicalize", 'f')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let Some(path) = o.args.first() else { return p.usage("missing operand", 1) };
    let (ns, cred, abs) = (p.ns().to_string(), p.cred(), p.abs(path));
    if o.has("f") || o.has("e") {
        return match p.cl.fs.canonical(&ns, &cred, &abs) {
            Ok(c) => {
                p.out(format!("{c}\n"));
                0
            }
            Err(_) => 1,
        };
    }
    match p.cl.fs.stat(&ns, &cred, &abs, false) {
        Ok(st) if st.kind == Kind::Symlink => {
            p.out(format!("{}\n", st.target.unwrap_or_default()));
            0
        }
        _ => 1,
    }
}

/// `realpath PATH...`.
pub fn realpath(p: &mut Proc<'_>, args: &[String]) -> i32 {
    if args.is_empty() {
        return p.usage("missing operand", 1);
    }
    let (ns, cred) = (p.ns().to_string(), p.cred());
    let mut code = 0;
    for a in args {
        match p.cl.fs.canonical(&ns, &cred, &p.abs(a)) {
            Ok(c) => p.out(format!("{c}\n")),
            Err(e) => {
                p.err(format!("{a}: {e}"));
                code = 1;
            }
        }
    }
    code
}

/// `more FILE` / `less FILE`: the whole file (no pager in this terminal).
pub fn more(p: &mut Proc<'_>, args: &[String]) -> i32 {
    super::text::cat(p, args)
}

/// `find [PATH...] [-name PATTERN] [-type f|d|l] [-maxdepth N]`.
pub fn find(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let mut paths = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i).filter(|a| !a.starts_with('-')) {
        paths.push(a.clone());
        i += 1;
    }
    if paths.is_empty() {
        paths.push(".".into());
    }
    let (mut name, mut kind, mut maxdepth, mut mindepth) = (None::<String>, None::<Kind>, usize::MAX, 0usize);
    let mut delete = false;
    while let Some(a) = args.get(i) {
        if a == "-delete" {
            delete = true;
            i += 1;
            continue;
        }
        let v = args.get(i + 1).cloned();
        match (a.as_str(), v) {
            ("-name", Some(v)) => name = Some(v),
            ("-type", Some(v)) => {
                kind = match v.as_str() {
                    "f" => Some(Kind::File),
                    "d" => Some(Kind::Dir),
                    "l" => Some(Kind::Symlink),
                    _ => {
                        p.err(format!("Unknown argument to -type: {v}"));
                        return 1;
                    }
                }
            }
            ("-maxdepth", Some(v)) => maxdepth = v.parse().unwrap_or(usize::MAX),
            ("-mindepth", Some(v)) => mindepth = v.parse().unwrap_or(0),
            ("-name" | "-type" | "-maxdepth" | "-mindepth", None) => {
                p.err(format!("missing argument to `{a}'"));
                return 1;
            }
            _ => {
                p.err(format!("unknown predicate `{a}'"));
                return 1;
            }
        }
        i += 2;
    }
    let pattern: Option<Vec<(char, bool)>> = name.map(|n| n.chars().map(|c| (c, true)).collect());
    let (ns, cred) = (p.ns().to_string(), p.cred());
    let mut out = String::new();
    let mut code = 0;
    // `-delete` implies `-depth`: matches are removed children first, after the walk.
    let mut doomed: Vec<(String, String, bool)> = Vec::new();
    for root in paths {
        let mut stack = vec![(root.clone(), p.abs(&root), 0usize)];
        while let Some((shown, abs, depth)) = stack.pop() {
            let st = match p.cl.fs.stat(&ns, &cred, &abs, false) {
                Ok(s) => s,
                Err(e) => {
                    p.out(std::mem::take(&mut out));
                    p.err(format!("‘{shown}’: {e}"));
                    code = 1;
                    continue;
                }
            };
            let base: Vec<char> = shown.trim_end_matches('/').rsplit('/').next().unwrap_or("").chars().collect();
            let name_ok = pattern.as_ref().is_none_or_match(&base);
            if name_ok && kind.is_none_or_eq(st.kind) && depth >= mindepth {
                if delete {
                    doomed.push((shown.clone(), abs.clone(), st.kind == Kind::Dir));
                } else {
                    out.push_str(&shown);
                    out.push('\n');
                }
            }
            if st.kind == Kind::Dir && depth < maxdepth {
                match p.cl.fs.list(&ns, &cred, &abs) {
                    Ok(names) => {
                        for n in names.into_iter().rev() {
                            stack.push((format!("{}/{n}", shown.trim_end_matches('/')), format!("{}/{n}", abs.trim_end_matches('/')), depth + 1));
                        }
                    }
                    Err(e) => {
                        p.out(std::mem::take(&mut out));
                        p.err(format!("‘{shown}’: {e}"));
                        code = 1;
                    }
                }
            }
        }
    }
    let now = p.now();
    for (shown, abs, is_dir) in doomed.into_iter().rev() {
        if let Err(e) = p.cl.fs.remove(&ns, &cred, &abs, is_dir, now) {
            p.err(format!("cannot delete ‘{shown}’: {e}"));
            code = 1;
        }
    }
    p.out(out);
    code
}

trait PatternExt {
    fn is_none_or_match(&self, name: &[char]) -> bool;
}

impl PatternExt for Option<&Vec<(char, bool)>> {
    fn is_none_or_match(&self, name: &[char]) -> bool {
        match self {
            None => true,
            Some(p) => crate::shell::glob_match(p, name),
        }
    }
}

trait KindExt {
    fn is_none_or_eq(&self, k: Kind) -> bool;
}

impl KindExt for Option<Kind> {
    fn is_none_or_eq(&self, k: Kind) -> bool {
        self.is_none() || *self == Some(k)
    }
}

/// `ip addr` / `ip a`: loopback and eth0 with the host's address.
pub fn ip(p: &mut Proc<'_>, args: &[String]) -> i32 {
    match args.first().map(String::as_str) {
        Some("a" | "addr" | "address") => {}
        Some(other) => {
            p.out.err(format!("Object \"{other}\" is unknown, try \"ip help\".\n"));
            return 1;
        }
        None => {
            p.out.err("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
            return 255;
        }
    }
    let addr = p.cl.hosts.get(&p.ctx.host).map_or_else(|| "127.0.0.1".to_string(), |h| h.ip.clone());
    let last = addr.rsplit('.').next().and_then(|o| o.parse::<u8>().ok()).unwrap_or(1);
    let mut s = String::from("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n");
    s.push_str(&format!("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000\n    link/ether 52:54:00:13:00:{last:02x} brd ff:ff:ff:ff:ff:ff\n    inet {addr}/16 brd 172.19.255.255 scope global eth0\n       valid_lft forever preferred_lft forever\n"));
    p.out(s);
    0
}
