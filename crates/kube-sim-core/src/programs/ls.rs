//! `ls` with GNU's layout: columns on a terminal, one per line otherwise, `-l` long format.

use super::{Opts, Proc};
use crate::clock::civil;
use crate::fs::{Kind, Stat};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// en_US-like collation: case and leading dots ignored first.
fn sort_key(name: &str) -> (String, String) {
    (name.trim_start_matches('.').to_lowercase(), name.to_string())
}

/// `drwxr-xr-x` for a stat.
pub fn mode_string(st: &Stat) -> String {
    let mut s = String::with_capacity(10);
    s.push(match st.kind {
        Kind::Dir => 'd',
        Kind::File => '-',
        Kind::Symlink => 'l',
    });
    let m = st.mode;
    for (shift, special, ch) in [(6, 0o4000, 's'), (3, 0o2000, 's'), (0, 0o1000, 't')] {
        let bits = (m >> shift) & 7;
        s.push(if bits & 4 != 0 { 'r' } else { '-' });
        s.push(if bits & 2 != 0 { 'w' } else { '-' });
        let x = bits & 1 != 0;
        s.push(match (m & special != 0, x) {
            (true, true) => ch,
            (true, false) => ch.to_ascii_uppercase(),
            (false, true) => 'x',
            (false, false) => '-',
        });
    }
    s
}

/// `Dec 10 08:00` (or `Dec 10  2023` when older than six months or in the future).
pub fn ls_date(t: i64, now: i64) -> String {
    let (y, mo, d, h, mi, _) = civil(t);
    let month = MONTHS.get((mo as usize).saturating_sub(1)).copied().unwrap_or("Jan");
    if now - t > 15_778_476 || t - now > 3600 {
        format!("{month} {d:>2}  {y}")
    } else {
        format!("{month} {d:>2} {h:02}:{mi:02}")
    }
}

fn pad_to(out: &mut String, from: usize, to: usize) {
    let mut from = from;
    while from < to {
        if to / 8 > (from + 1) / 8 {
            out.push('\t');
            from += 8 - from % 8;
        } else {
            out.push(' ');
            from += 1;
        }
    }
}

/// GNU's vertical column layout for an 80-column terminal.
fn columns(names: &[String]) -> String {
    let n = names.len();
    if n == 0 {
        return String::new();
    }
    let lens: Vec<usize> = names.iter().map(|s| s.chars().count()).collect();
    let mut best = (1, vec![lens.iter().copied().max().unwrap_or(0)]);
    for ncols in (1..=n.min(40)).rev() {
        let rows = n.div_ceil(ncols);
        let used_cols = n.div_ceil(rows);
        let widths: Vec<usize> = (0..used_cols).map(|c| lens[c * rows..((c + 1) * rows).min(n)].iter().copied().max().unwrap_or(0)).collect();
        let total: usize = widths.iter().sum::<usize>() + 2 * (used_cols.saturating_sub(1));
        if total < 80 {
            best = (rows, widths);
            break;
        }
    }
    let (rows, widths) = best;
    let mut out = String::new();
    for r in 0..rows {
        let mut pos = 0;
        let mut c = 0;
        while let Some(name) = names.get(c * rows + r) {
            out.push_str(name);
            let end = pos + widths.get(c).copied().unwrap_or(0) + 2;
            pos += name.chars().count();
            if names.get((c + 1) * rows + r).is_some() {
                pad_to(&mut out, pos, end);
                pos = end;
            }
            c += 1;
        }
        out.push('\n');
    }
    out
}

struct Entry {
    name: String,
    st: Stat,
}

/// `ls -h` sizes: `4.0K`, `1.1M`, bytes below 1024.
fn human(n: u64) -> String {
    if n < 1024 {
        return n.to_string();
    }
    let mut v = n as f64;
    let mut unit = 0;
    let units = ["K", "M", "G", "T"];
    while v >= 1024.0 && unit < 4 {
        v /= 1024.0;
        unit += 1;
    }
    let u = units[unit - 1];
    if v < 10.0 {
        format!("{:.1}{u}", (v * 10.0).ceil() / 10.0)
    } else {
        format!("{:.0}{u}", v.ceil())
    }
}

fn long(p: &Proc<'_>, entries: &[Entry], total: bool, h: bool) -> String {
    let now = p.now();
    let rows: Vec<[String; 6]> = entries
        .iter()
        .map(|e| {
            let name = match &e.st.target {
                Some(t) => format!("{} -> {t}", e.name),
                None => e.name.clone(),
            };
            let size = if h { human(e.st.size) } else { e.st.size.to_string() };
            [e.st.nlink.to_string(), p.user_name(e.st.uid), p.group_name(e.st.gid), size, ls_date(e.st.mtime, now), name]
        })
        .collect();
    let w = |k: usize| rows.iter().map(|r| r[k].chars().count()).max().unwrap_or(0);
    let (w0, w1, w2, w3) = (w(0), w(1), w(2), w(3));
    let mut out = String::new();
    if total {
        let blocks: u64 = entries.iter().filter(|e| e.st.kind != Kind::Symlink).map(|e| e.st.size.div_ceil(4096) * 4).sum();
        let blocks = if h && blocks > 0 { human(blocks * 1024) } else { blocks.to_string() };
        out.push_str(&format!("total {blocks}\n"));
    }
    for (e, r) in entries.iter().zip(&rows) {
        out.push_str(&format!("{} {:>w0$} {:<w1$} {:<w2$} {:>w3$} {} {}\n", mode_string(&e.st), r[0], r[1], r[2], r[3], r[4], r[5]));
    }
    out
}

/// `ls [-laA1dR] [FILE]...`.
pub fn ls(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(
        args,
        "laA1dRrtCFhin",
        &[("all", 'a'), ("almost-all", 'A'), ("directory", 'd'), ("recursive", 'R'), ("reverse", 'r'), ("color?", '\0'), ("human-readable", 'h')],
    ) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 2),
    };
    let tty = p.tty;
    let (cred, ns) = (p.cred(), p.ns().to_string());
    let operands: Vec<String> = if o.args.is_empty() { vec![".".into()] } else { o.args.clone() };
    let mut code = 0;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    // GNU ls follows a symlink operand to a directory, except with -l, -d or -F (unless
    // written with a trailing slash).
    let no_deref = o.has("l") || o.has("d") || o.has("F");
    for a in &operands {
        let abs = p.abs(a);
        if no_deref && !a.ends_with('/') {
            if let Ok(st) = p.cl.fs.stat(&ns, &cred, &abs, false).map_err(|_| ()).and_then(|st| if st.kind == Kind::Symlink { Ok(st) } else { Err(()) }) {
                files.push(Entry { name: a.clone(), st });
                continue;
            }
        }
        match p.cl.fs.stat(&ns, &cred, &abs, true) {
            Ok(st) if st.kind == Kind::Dir && !o.has("d") => dirs.push((a.clone(), abs)),
            Ok(_) => {
                let st = p.cl.fs.stat(&ns, &cred, &abs, !o.has("l")).or_else(|_| p.cl.fs.stat(&ns, &cred, &abs, true));
                if let Ok(st) = st {
                    files.push(Entry { name: a.clone(), st });
                }
            }
            Err(e) => {
                match p.cl.fs.stat(&ns, &cred, &abs, false) {
                    Ok(st) => files.push(Entry { name: a.clone(), st }),
                    Err(_) => {
                        p.err(format!("cannot access '{a}': {e}"));
                        code = 2;
                    }
                }
            }
        }
    }
    crate::sort::sort_by_key(&mut files, |e| sort_key(&e.name));
    crate::sort::sort_by_key(&mut dirs, |d| sort_key(&d.0));
    if o.has("r") {
        files.reverse();
        dirs.reverse();
    }
    let mut out = String::new();
    let render = |p: &Proc<'_>, entries: &[Entry], total: bool| -> String {
        if o.has("l") {
            long(p, entries, total, o.has("h"))
        } else if o.has("1") || (!tty && !o.has("C")) {
            entries.iter().map(|e| format!("{}\n", e.name)).collect()
        } else {
            columns(&entries.iter().map(|e| e.name.clone()).collect::<Vec<_>>())
        }
    };
    if !files.is_empty() {
        out.push_str(&render(p, &files, false));
    }
    let headers = operands.len() > 1 || o.has("R");
    let mut queue: Vec<(String, String)> = dirs;
    let mut first = files.is_empty();
    while !queue.is_empty() {
        let (shown, abs) = queue.remove(0);
        if !first {
            out.push('\n');
        }
        first = false;
        if headers {
            out.push_str(&format!("{shown}:\n"));
        }
        let names = match p.cl.fs.list(&ns, &cred, &abs) {
            Ok(n) => n,
            Err(e) => {
                p.out(std::mem::take(&mut out));
                p.err(format!("cannot open directory '{shown}': {e}"));
                code = 2;
                continue;
            }
        };
        let mut entries = Vec::new();
        if o.has("a") {
            for dot in [".", ".."] {
                if let Ok(st) = p.cl.fs.stat(&ns, &cred, &format!("{abs}/{dot}"), true) {
                    entries.push(Entry { name: dot.into(), st });
                }
            }
        }
        let mut children: Vec<Entry> = names
            .into_iter()
            .filter(|n| o.has("a") || o.has("A") || !n.starts_with('.'))
            .filter_map(|n| {
                let child = format!("{}/{n}", abs.trim_end_matches('/'));
                p.cl.fs.stat(&ns, &cred, &child, false).ok().map(|st| Entry { name: n, st })
            })
            .collect();
        crate::sort::sort_by_key(&mut children, |e| sort_key(&e.name));
        if o.has("r") {
            children.reverse();
        }
        let subdirs: Vec<(String, String)> = children
            .iter()
            .filter(|e| e.st.kind == Kind::Dir)
            .map(|e| (format!("{}/{}", shown.trim_end_matches('/'), e.name), format!("{}/{}", abs.trim_end_matches('/'), e.name)))
            .collect();
        entries.extend(children);
        out.push_str(&render(p, &entries, true));
        if o.has("R") {
            for (k, d) in subdirs.into_iter().enumerate() {
                queue.insert(k, d);
            }
        }
    }
    p.out(out);
    code
}
