//! `chmod` and `chown`.

use super::files::{is_dir, join};
use super::{Opts, Proc};
use crate::fs::FsError;

/// Applies an octal or symbolic (`u+x,go-w`, `a=r`) mode to `old`.
pub fn parse_mode(spec: &str, old: u32) -> Option<u32> {
    if !spec.is_empty() && spec.chars().all(|c| c.is_digit(8)) {
        let v = u32::from_str_radix(spec, 8).ok()?;
        return (v <= 0o7777).then_some(v);
    }
    let mut mode = old;
    for clause in spec.split(',') {
        let who_end = clause.find(['+', '-', '=']).unwrap_or(clause.len());
        let who = &clause[..who_end];
        if !who.chars().all(|c| "ugoa".contains(c)) || who_end == clause.len() {
            return None;
        }
        let mask = if who.is_empty() || who.contains('a') {
            0o777
        } else {
            (if who.contains('u') { 0o700 } else { 0 }) | (if who.contains('g') { 0o070 } else { 0 }) | (if who.contains('o') { 0o007 } else { 0 })
        };
        let mut rest = &clause[who_end..];
        while let Some(op) = rest.chars().next() {
            if !"+-=".contains(op) {
                return None;
            }
            let perms_end = rest[1..].find(['+', '-', '=']).map_or(rest.len(), |i| i + 1);
            let perms = &rest[1..perms_end];
            let mut bits = 0;
            for c in perms.chars() {
                bits |= match c {
                    'r' => 0o444,
                    'w' => 0o222,
                    'x' => 0o111,
                    'X' => 0o111,
                    's' | 't' => 0,
                    _ => return None,
                };
            }
            let b = bits & mask;
            mode = match op {
                '+' => mode | b,
                '-' => mode & !b,
                _ => (mode & !mask) | b,
            };
            rest = &rest[perms_end..];
        }
    }
    Some(mode)
}

fn for_each_path(p: &mut Proc<'_>, shown: &str, abs: &str, recursive: bool, f: &mut dyn FnMut(&mut Proc<'_>, &str, &str) -> bool) -> bool {
    let mut ok = f(p, shown, abs);
    if recursive && is_dir(p, abs) {
        if let Ok(names) = p.cl.fs.list(p.ns(), &p.cred(), abs) {
            for n in names {
                ok &= for_each_path(p, &join(shown, &n), &join(abs, &n), true, f);
            }
        }
    }
    ok
}

/// `chmod [-R] MODE FILE...`.
pub fn chmod(p: &mut Proc<'_>, args: &[String]) -> i32 {
    // `-x`-style symbolic modes look like options: take them as the mode.
    let mut argv = args.to_vec();
    let sym = argv.iter().position(|a| a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| "rwxXst".contains(c)));
    let sym_mode = sym.map(|i| argv.remove(i));
    let o = match Opts::parse(&argv, "Rvcf", &[("recursive", 'R'), ("verbose", 'v')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let mut operands = o.args.clone();
    if let Some(m) = sym_mode {
        operands.insert(0, m);
    }
    if operands.is_empty() {
        return p.usage("missing operand", 1);
    }
    let spec = operands.remove(0);
    if operands.is_empty() {
        return p.usage(&format!("missing operand after ‘{spec}’"), 1);
    }
    if parse_mode(&spec, 0).is_none() {
        return p.usage(&format!("invalid mode: ‘{spec}’"), 1);
    }
    let mut code = 0;
    for f in &operands {
        let abs = p.abs(f);
        let ok = for_each_path(p, f, &abs, o.has("R"), &mut |p, shown, abs| {
            let (cred, ns) = (p.cred(), p.ns().to_string());
            let old = match p.cl.fs.stat(&ns, &cred, abs, true) {
                Ok(s) => s.mode,
                Err(e) => {
                    p.err(format!("cannot access '{shown}': {e}"));
                    return false;
                }
            };
            let new = parse_mode(&spec, old).unwrap_or(old);
            if let Err(e) = p.cl.fs.chmod(&ns, &cred, abs, new) {
                p.err(format!("changing permissions of '{shown}': {e}"));
                return false;
            }
            true
        });
        if !ok {
            code = 1;
        }
    }
    code
}

/// `chown [-R] USER[:GROUP] FILE...` (also `USER.GROUP` and `:GROUP`).
pub fn chown(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "Rvhf", &[("recursive", 'R'), ("verbose", 'v')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let mut operands = o.args.clone();
    if operands.is_empty() {
        return p.usage("missing operand", 1);
    }
    let spec = operands.remove(0);
    if operands.is_empty() {
        return p.usage(&format!("missing operand after ‘{spec}’"), 1);
    }
    let ns = p.ns().to_string();
    let (user, group) = match spec.split_once(':').or_else(|| spec.split_once('.')) {
        Some((u, g)) => (u.to_string(), Some(g.to_string())),
        None => (spec.clone(), None),
    };
    let uid = if user.is_empty() {
        None
    } else {
        match crate::hosts::users::user_by_name(&p.cl.fs, &ns, &user).map(|u| u.uid).or_else(|| user.parse().ok()) {
            Some(u) => Some(u),
            None => {
                p.out.err(format!("chown: invalid user: ‘{spec}’\n"));
                return 1;
            }
        }
    };
    let gid = match group.as_deref() {
        None | Some("") => None,
        Some(g) => match crate::hosts::users::group_by_name(&p.cl.fs, &ns, g).or_else(|| g.parse().ok()) {
            Some(g) => Some(g),
            None => {
                p.out.err(format!("chown: invalid group: ‘{spec}’\n"));
                return 1;
            }
        },
    };
    let mut code = 0;
    for f in &operands {
        let abs = p.abs(f);
        let ok = for_each_path(p, f, &abs, o.has("R"), &mut |p, shown, abs| {
            let (cred, ns) = (p.cred(), p.ns().to_string());
            match p.cl.fs.chown(&ns, &cred, abs, uid, gid, true) {
                Ok(()) => true,
                Err(FsError::NotFound) => {
                    p.err(format!("cannot access '{shown}': No such file or directory"));
                    false
                }
                Err(e) => {
                    p.err(format!("changing ownership of '{shown}': {e}"));
                    false
                }
            }
        });
        if !ok {
            code = 1;
        }
    }
    code
}

