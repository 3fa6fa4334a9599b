//! System commands: id, whoami, hostname, uname, env, printenv, sleep, date, df, mount,
//! true, false, test/[, and `kubectl`.

use super::{Opts, Proc};
use crate::clock::civil;
use crate::fs::Kind;

/// `true`.
pub fn true_(_: &mut Proc<'_>, _: &[String]) -> i32 {
    0
}

/// `false`.
pub fn false_(_: &mut Proc<'_>, _: &[String]) -> i32 {
    1
}

/// `kubectl ARGS` (on `control-plane`).
/// Its standard input is readable as the file `/dev/stdin` while it runs (`-f -`).
pub fn kubectl(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let ctx = p.ctx.clone();
    let stdin = String::from_utf8_lossy(p.stdin).into_owned();
    let o = crate::kubectl::run_with_stdin(p.cl, &ctx, args, &stdin);
    p.out.out_owned(o.stdout.into_bytes());
    p.out.err(o.stderr);
    o.code
}

/// `whoami`.
pub fn whoami(p: &mut Proc<'_>, _: &[String]) -> i32 {
    let uid = p.cred().uid;
    match crate::hosts::users::user_name(&p.cl.fs, p.ns(), uid) {
        Some(n) => {
            p.out(format!("{n}\n"));
            0
        }
        None => {
            p.err(format!("cannot find name for user ID {uid}"));
            1
        }
    }
}

/// `id [-u|-g|-G] [-n] [USER]`.
pub fn id(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "ugGnr", &[("user", 'u'), ("group", 'g'), ("groups", 'G'), ("name", 'n')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let ns = p.ns().to_string();
    let cred = match o.args.first() {
        Some(u) => {
            if crate::hosts::users::user_by_name(&p.cl.fs, &ns, u).is_none() {
                p.err(format!("‘{u}’: no such user"));
                return 1;
            }
            crate::hosts::users::cred_of(&p.cl.fs, &ns, u)
        }
        None => p.cred(),
    };
    let mut groups = vec![cred.gid];
    groups.extend(cred.groups.iter().filter(|g| **g != cred.gid));
    let name_or = |p: &Proc<'_>, id: u32, user: bool| if o.has("n") { if user { p.user_name(id) } else { p.group_name(id) } } else { id.to_string() };
    let line = if o.has("u") {
        name_or(p, cred.uid, true)
    } else if o.has("g") {
        name_or(p, cred.gid, false)
    } else if o.has("G") {
        groups.iter().map(|g| name_or(p, *g, false)).collect::<Vec<_>>().join(" ")
    } else {
        let ns = p.ns().to_string();
        let fs = &p.cl.fs;
        let named = |id: u32, name: Option<String>| match name {
            Some(n) => format!("{id}({n})"),
            None => id.to_string(),
        };
        let group = |g: u32| named(g, crate::hosts::users::group_name(fs, &ns, g));
        let gs: Vec<String> = groups.iter().map(|g| group(*g)).collect();
        format!("uid={} gid={} groups={}", named(cred.uid, crate::hosts::users::user_name(fs, &ns, cred.uid)), group(cred.gid), gs.join(","))
    };
    p.out(format!("{line}\n"));
    0
}

/// `hostname [-i|-I]`.
pub fn hostname(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let ip = p.cl.hosts.get(&p.ctx.host).map(|h| h.ip.clone()).unwrap_or_else(|| "127.0.0.1".into());
    // A container's host name is its pod's (its /etc/hostname), not its mount namespace's.
    let name = match p.cl.hosts.get(&p.ctx.host) {
        Some(_) => p.ctx.host.clone(),
        None => p.cl.filesystems().read(&p.ctx.host, &crate::fs::Cred::root(), "/etc/hostname").map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_else(|_| p.ctx.host.clone()),
    };
    match args.first().map(String::as_str) {
        None => p.out(format!("{name}\n")),
        Some("-i") => p.out(format!("{ip}\n")),
        Some("-I") => p.out(format!("{ip} \n")),
        Some("-s") | Some("-f") => p.out(format!("{name}\n")),
        Some(_) => {
            p.err("you must be root to change the host name");
            return 1;
        }
    }
    0
}

/// `uname [-a|-r|-n|-m|-s]`.
pub fn uname(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let host = p.ctx.host.clone();
    let rel = "3.10.0-1160.el7.x86_64";
    let line = match args.first().map(String::as_str) {
        None | Some("-s") => "Linux".to_string(),
        Some("-a") => format!("Linux {host} {rel} #1 SMP Mon Oct 19 16:18:59 UTC 2020 x86_64 x86_64 x86_64 GNU/Linux"),
        Some("-r") => rel.into(),
        Some("-n") => host,
        Some("-m") | Some("-p") | Some("-i") => "x86_64".into(),
        Some(a) => return p.usage(&format!("invalid option -- '{}'", a.trim_start_matches('-')), 1),
    };
    p.out(format!("{line}\n"));
    0
}

/// `env [NAME=VALUE]... [COMMAND [ARGS]]`.
pub fn env(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let mut env: Vec<(String, String)> = p.env.to_vec();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a == "-i" {
            env.clear();
        } else if let Some((k, v)) = a.split_once('=') {
            env.retain(|(n, _)| n != k);
            env.push((k.into(), v.into()));
        } else {
            break;
        }
        i += 1;
    }
    if i < args.len() {
        let ctx = p.ctx.clone();
        return match super::run(p.cl, &ctx, &env, &args[i..], p.stdin, p.tty) {
            Some(o) => {
                let code = o.code;
                p.out.extend(o);
                code
            }
            None => {
                p.err(format!("‘{}’: No such file or directory", args[i]));
                127
            }
        };
    }
    let text: String = env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    p.out(text);
    0
}

/// `printenv [NAME]...`.
pub fn printenv(p: &mut Proc<'_>, args: &[String]) -> i32 {
    if args.is_empty() {
        let text: String = p.env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        p.out(text);
        return 0;
    }
    let mut code = 0;
    for a in args {
        match p.env.iter().find(|(k, _)| k == a) {
            Some((_, v)) => {
                let v = format!("{v}\n");
                p.out(v);
            }
            None => code = 1,
        }
    }
    code
}

/// `sleep N[smhd]`: lets simulated time pass (at most a day per call).
pub fn sleep(p: &mut Proc<'_>, args: &[String]) -> i32 {
    if args.is_empty() {
        return p.usage("missing operand", 1);
    }
    let mut total = 0.0;
    for a in args {
        let (num, mult) = match a.chars().last() {
            Some('s') => (&a[..a.len() - 1], 1.0),
            Some('m') => (&a[..a.len() - 1], 60.0),
            Some('h') => (&a[..a.len() - 1], 3600.0),
            Some('d') => (&a[..a.len() - 1], 86400.0),
            _ => (a.as_str(), 1.0),
        };
        match num.parse::<f64>() {
            Ok(n) if n >= 0.0 && n.is_finite() => total += n * mult,
            _ => return p.usage(&format!("invalid time interval ‘{a}’"), 1),
        }
    }
    // Every simulated second runs the controllers: one typed line may let an hour pass.
    let limit = crate::shell::state::TIME_LIMIT;
    let secs = (total.ceil() as i64).min(limit);
    // Inside a container process the kubelet suspends top-level sleeps; a nested one must not
    // move the cluster's clock from within a controller.
    if p.cl.kubelet.busy {
        return 0;
    }
    p.cl.advance(secs);
    if total > limit as f64 {
        p.out.note(crate::shell::state::time_limit_message());
        return 1;
    }
    0
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Formats `t` with a `date +FORMAT` string.
pub fn strftime(t: i64, fmt: &str) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    let wd = DAYS[(t.div_euclid(86_400) + 4).rem_euclid(7) as usize];
    let mon = MONTHS.get((mo as usize).saturating_sub(1)).copied().unwrap_or("Jan");
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&y.to_string()),
            Some('y') => out.push_str(&format!("{:02}", y % 100)),
            Some('m') => out.push_str(&format!("{mo:02}")),
            Some('d') => out.push_str(&format!("{d:02}")),
            Some('e') => out.push_str(&format!("{d:>2}")),
            Some('H') => out.push_str(&format!("{h:02}")),
            Some('M') => out.push_str(&format!("{mi:02}")),
            Some('S') => out.push_str(&format!("{s:02}")),
            Some('s') => out.push_str(&t.to_string()),
            Some('F') => out.push_str(&format!("{y}-{mo:02}-{d:02}")),
            Some('T') => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            Some('a') => out.push_str(wd),
            Some('b') | Some('h') => out.push_str(mon),
            Some('Z') => out.push_str("UTC"),
            Some('z') => out.push_str("+0000"),
            Some('n') => out.push('\n'),
            Some('%') => out.push('%'),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
            None => out.push('%'),
        }
    }
    out
}

/// `date [-u] [+FORMAT]`.
pub fn date(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let mut fmt = "%a %b %e %H:%M:%S %Z %Y".to_string();
    for a in args {
        if let Some(f) = a.strip_prefix('+') {
            fmt = f.to_string();
        } else if a == "-u" || a == "--utc" {
        } else if a.starts_with('-') {
            return p.usage(&format!("invalid option -- '{}'", a.chars().nth(1).unwrap_or('-')), 1);
        } else {
            p.err(format!("invalid date ‘{a}’"));
            return 1;
        }
    }
    let line = strftime(p.now(), &fmt);
    p.out(format!("{line}\n"));
    0
}

/// GNU df's minimum column widths: source, size, used, avail, use%, target.
const DF_MIN: [usize; 6] = [14, 5, 5, 5, 4, 0];

fn table(rows: &[Vec<String>]) -> String {
    let ncols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..ncols)
        .map(|c| rows.iter().map(|r| r.get(c).map_or(0, |s| s.chars().count())).max().unwrap_or(0).max(DF_MIN.get(c).copied().unwrap_or(0)))
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let w = widths[c];
            if c == 0 {
                line.push_str(&format!("{cell:<w$}"));
            } else if c + 1 == ncols {
                line.push(' ');
                line.push_str(cell);
            } else {
                line.push_str(&format!(" {cell:>w$}"));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn human(kib: u64) -> String {
    if kib == 0 {
        return "0".into();
    }
    let units = ["K", "M", "G", "T"];
    let mut v = kib as f64;
    let mut u = 0;
    while v >= 1024.0 && u < 3 {
        v /= 1024.0;
        u += 1;
    }
    if v < 10.0 {
        format!("{:.1}{}", (v * 10.0).ceil() / 10.0, units[u])
    } else {
        format!("{:.0}{}", v.ceil(), units[u])
    }
}

/// `df [-h]`: the root filesystem, tmpfs, and every mount of this host.
pub fn df(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let h = args.iter().any(|a| a == "-h");
    let ns = p.ns().to_string();
    let root_ino = p.cl.fs.lookup(&ns, "/").ok();
    let used_root = root_ino.map_or(0, |i| p.cl.fs.usage(i) / 1024) + 2_202_112;
    let mut rows = vec![vec![
        "Filesystem".to_string(),
        if h { "Size" } else { "1K-blocks" }.into(),
        "Used".into(),
        if h { "Avail" } else { "Available" }.into(),
        "Use%".into(),
        "Mounted on".into(),
    ]];
    let mut add = |src: &str, size: u64, used: u64, at: &str| {
        let avail = size.saturating_sub(used);
        let pct = if size == 0 { "-".to_string() } else { format!("{}%", (used * 100).div_ceil(size)) };
        let f = |v: u64| if h { human(v) } else { v.to_string() };
        rows.push(vec![src.into(), f(size), f(used), f(avail), pct, at.into()]);
    };
    let root_src = p.cl.fs.root_opts(&ns).map(|o| o.source.clone()).unwrap_or_else(|| "/dev/vda1".into());
    add(&root_src, 41_922_560, used_root, "/");
    add("devtmpfs", 1_928_584, 0, "/dev");
    add("tmpfs", 1_940_480, 0, "/dev/shm");
    add("tmpfs", 1_940_480, 8_912, "/run");
    let mounts: Vec<crate::fs::Mount> = p.cl.fs.mounts(&ns).to_vec();
    for m in &mounts {
        let used = p.cl.fs.usage(m.target) / 1024;
        let size = if m.opts.fstype == "tmpfs" { 1_940_480 } else { 41_922_560 };
        add(&m.opts.source, size, used, &m.path);
    }
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if files.is_empty() {
        p.out(table(&rows));
        return 0;
    }
    let mut code = 0;
    let mut picked = vec![rows[0].clone()];
    let cred = p.cred();
    for f in files {
        let abs = p.abs(f);
        let canon = match p.cl.fs.canonical(&ns, &cred, &abs) {
            Ok(c) => c,
            Err(e) => {
                p.err(format!("{f}: {e}"));
                code = 1;
                continue;
            }
        };
        let under = |m: &str| canon == m || m == "/" || canon.starts_with(&format!("{m}/"));
        let best = rows.iter().skip(1).filter(|r| r.get(5).is_some_and(|m| under(m))).max_by_key(|r| r.get(5).map_or(0, String::len));
        if let Some(r) = best {
            picked.push(r.clone());
        }
    }
    if picked.len() > 1 {
        p.out(table(&picked));
    }
    code
}

/// `mount` (no arguments): the mount table.
pub fn mount(p: &mut Proc<'_>, args: &[String]) -> i32 {
    if !args.is_empty() && args.iter().any(|a| !a.starts_with('-')) {
        if !p.is_root() {
            p.out.err("mount: only root can do that\n");
            return 1;
        }
        p.out.err("mount: mounting by hand is not simulated; use a PersistentVolume\n");
        return 32;
    }
    let ns = p.ns().to_string();
    let root = p.cl.fs.root_opts(&ns).cloned().unwrap_or_default();
    let mut out = format!("{} on / type {} (rw,relatime,seclabel,attr2,inode64,noquota)\n", root.source, root.fstype);
    out.push_str("proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\n");
    out.push_str("sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime,seclabel)\n");
    out.push_str("devtmpfs on /dev type devtmpfs (rw,nosuid,seclabel,size=1928584k,nr_inodes=482146,mode=755)\n");
    out.push_str("tmpfs on /dev/shm type tmpfs (rw,nosuid,nodev,seclabel)\n");
    out.push_str("tmpfs on /run type tmpfs (rw,nosuid,nodev,seclabel,mode=755)\n");
    for m in p.cl.fs.mounts(&ns) {
        let rw = if m.opts.read_only { "ro" } else { "rw" };
        let extra = if m.opts.fstype.starts_with("nfs") {
            let addr = m.opts.source.split(':').next().unwrap_or("");
            let client = p.cl.hosts.get(&ns).map(|h| h.ip.clone()).unwrap_or_default();
            format!(",vers=4.1,rsize=524288,wsize=524288,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr={client},local_lock=none,addr={addr}")
        } else {
            String::new()
        };
        out.push_str(&format!("{} on {} type {} ({rw},relatime{extra})\n", m.opts.source, m.path, m.opts.fstype));
    }
    p.out(out);
    0
}

/// `test EXPR` and `[ EXPR ]`.
pub fn test(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let mut args: Vec<String> = args.to_vec();
    if p.name == "[" {
        if args.last().map(String::as_str) != Some("]") {
            p.out.err("bash: [: missing `]'\n");
            return 2;
        }
        args.pop();
    }
    match eval(p, &args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(msg) => {
            let name = p.name.clone();
            p.out.err(format!("bash: {name}: {msg}\n"));
            2
        }
    }
}

fn eval(p: &Proc<'_>, a: &[String]) -> Result<bool, String> {
    if let Some(i) = a.iter().position(|x| x == "-o") {
        return Ok(eval(p, &a[..i])? || eval(p, &a[i + 1..])?);
    }
    if let Some(i) = a.iter().position(|x| x == "-a") {
        if i > 0 {
            return Ok(eval(p, &a[..i])? && eval(p, &a[i + 1..])?);
        }
    }
    let s = |i: usize| a[i].as_str();
    match a.len() {
        0 => Ok(false),
        1 => Ok(!a[0].is_empty()),
        2 if s(0) == "!" => Ok(!eval(p, &a[1..])?),
        2 => {
            let path = p.abs(s(1));
            let (ns, cred) = (p.ns(), p.cred());
            let st = p.cl.fs.stat(ns, &cred, &path, true);
            Ok(match s(0) {
                "-z" => a[1].is_empty(),
                "-n" => !a[1].is_empty(),
                "-e" => st.is_ok(),
                "-f" => st.is_ok_and(|s| s.kind == Kind::File),
                "-d" => st.is_ok_and(|s| s.kind == Kind::Dir),
                "-s" => st.is_ok_and(|s| s.size > 0),
                "-L" | "-h" => p.cl.fs.stat(ns, &cred, &path, false).is_ok_and(|s| s.kind == Kind::Symlink),
                "-r" => p.cl.fs.access(ns, &cred, &path, 4),
                "-w" => p.cl.fs.access(ns, &cred, &path, 2),
                "-x" => p.cl.fs.access(ns, &cred, &path, 1),
                op => return Err(format!("{op}: unary operator expected")),
            })
        }
        3 if s(0) == "!" => Ok(!eval(p, &a[1..])?),
        3 => {
            let num = |x: &str| x.trim().parse::<i64>().map_err(|_| format!("{x}: integer expression expected"));
            Ok(match s(1) {
                "=" | "==" => a[0] == a[2],
                "!=" => a[0] != a[2],
                "-eq" => num(s(0))? == num(s(2))?,
                "-ne" => num(s(0))? != num(s(2))?,
                "-lt" => num(s(0))? < num(s(2))?,
                "-le" => num(s(0))? <= num(s(2))?,
                "-gt" => num(s(0))? > num(s(2))?,
                "-ge" => num(s(0))? >= num(s(2))?,
                op => return Err(format!("{op}: binary operator expected")),
            })
        }
        4 if s(0) == "!" => Ok(!eval(p, &a[1..])?),
        _ => Err("too many arguments".into()),
    }
}
