//! File commands: mkdir, rmdir, rm, cp, mv, touch, ln.

use super::{Opts, Proc};
use crate::fs::{FsError, Kind};

/// Parses the options of a GNU file command; with `missing`, at least one operand is
/// required (`CMD: missing operand` and the usage hint otherwise). `Err` holds the exit status.
fn parse(p: &mut Proc<'_>, args: &[String], short: &str, long: &[(&str, char)], missing: Option<&str>) -> Result<Opts, i32> {
    let o = Opts::parse(args, short, long).map_err(|e| p.usage(&e, 1))?;
    match missing {
        Some(m) if o.args.is_empty() => Err(p.usage(m, 1)),
        _ => Ok(o),
    }
}

/// The sources and the destination of `cp` or `mv` (at least one of each).
fn sources_and_dest(p: &mut Proc<'_>, o: &Opts) -> Result<(Vec<String>, String), i32> {
    match o.args.as_slice() {
        [] => Err(p.usage("missing file operand", 1)),
        [a] => Err(p.usage(&format!("missing destination file operand after '{a}'"), 1)),
        [srcs @ .., dest] => Ok((srcs.to_vec(), dest.clone())),
    }
}

/// `mkdir [-p] [-m MODE] DIR...`.
pub fn mkdir(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match parse(p, args, "pm:v", &[("parents", 'p'), ("mode=", 'm'), ("verbose", 'v')], Some("missing operand")) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mode = match o.value("m") {
        Some(m) => match super::perms::parse_mode(m, 0o777) {
            Some(m) => m,
            None => return p.usage(&format!("invalid mode ‘{m}’"), 1),
        },
        None => 0o755,
    };
    let (cred, now) = (p.cred(), p.now());
    let mut code = 0;
    for d in &o.args {
        let abs = p.abs(d);
        let ns = p.ns().to_string();
        let r = if o.has("p") { p.cl.fs.mkdir_p(&ns, &cred, &abs, mode, now).map(drop) } else { p.cl.fs.mkdir(&ns, &cred, &abs, mode, now).map(drop) };
        match r {
            Ok(()) => {
                if o.has("v") {
                    p.out(format!("mkdir: created directory '{d}'\n"));
                }
            }
            Err(e) => {
                p.err(format!("cannot create directory ‘{d}’: {e}"));
                code = 1;
            }
        }
    }
    code
}

/// `rmdir DIR...`.
pub fn rmdir(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match parse(p, args, "p", &[("parents", 'p')], Some("missing operand")) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let (cred, now) = (p.cred(), p.now());
    let mut code = 0;
    for d in &o.args {
        let abs = p.abs(d);
        let ns = p.ns().to_string();
        if let Err(e) = p.cl.fs.remove(&ns, &cred, &abs, true, now) {
            p.err(format!("failed to remove '{d}': {e}"));
            code = 1;
        }
    }
    code
}

/// `rm [-r] [-f] FILE...`.
pub fn rm(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match parse(p, args, "rRfiIdv", &[("recursive", 'r'), ("force", 'f'), ("dir", 'd'), ("verbose", 'v'), ("no-preserve-root", '\0')], None) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let force = o.has("f");
    let recursive = o.has("r") || o.has("R");
    if o.args.is_empty() && !force {
        return p.usage("missing operand", 1);
    }
    let mut code = 0;
    for f in &o.args {
        let abs = p.abs(f);
        let last = f.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if last == "." || last == ".." {
            p.err(format!("refusing to remove '.' or '..' directory: skipping '{f}'"));
            code = 1;
            continue;
        }
        if abs == "/" && recursive {
            p.out.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
            code = 1;
            continue;
        }
        if o.has("i") && !force {
            let answer_yes = p.stdin.first().is_some_and(|b| *b == b'y' || *b == b'Y');
            let what = match p.cl.fs.stat(p.ns(), &p.cred(), &abs, false) {
                Ok(st) if st.kind == Kind::Dir && recursive => "descend into directory",
                Ok(st) if st.kind == Kind::Dir => "remove directory",
                Ok(st) if st.kind == Kind::Symlink => "remove symbolic link",
                Ok(st) if st.size == 0 => "remove regular empty file",
                Ok(_) => "remove regular file",
                Err(_) => "",
            };
            if !what.is_empty() {
                p.out.err(format!("rm: {what} '{f}'? "));
                if !answer_yes {
                    continue;
                }
            }
        }
        if !remove_path(p, f, &abs, recursive, force, o.has("d")) {
            code = 1;
        }
    }
    code
}

fn remove_path(p: &mut Proc<'_>, shown: &str, abs: &str, recursive: bool, force: bool, dir_ok: bool) -> bool {
    let (cred, now) = (p.cred(), p.now());
    let ns = p.ns().to_string();
    let st = match p.cl.fs.stat(&ns, &cred, abs, false) {
        Ok(s) => s,
        Err(FsError::NotFound) if force => return true,
        Err(e) => {
            p.err(format!("cannot remove '{shown}': {e}"));
            return false;
        }
    };
    if st.kind == Kind::Dir {
        if !recursive && !dir_ok {
            p.err(format!("cannot remove '{shown}': Is a directory"));
            return false;
        }
        if recursive {
            let names = match p.cl.fs.list(&ns, &cred, abs) {
                Ok(n) => n,
                Err(e) => {
                    p.err(format!("cannot remove '{shown}': {e}"));
                    return false;
                }
            };
            let mut ok = true;
            for n in names {
                let child_shown = format!("{}/{n}", shown.trim_end_matches('/'));
                let child_abs = format!("{}/{n}", abs.trim_end_matches('/'));
                ok &= remove_path(p, &child_shown, &child_abs, true, force, dir_ok);
            }
            if !ok {
                return false;
            }
        }
        if let Err(e) = p.cl.fs.remove(&ns, &cred, abs, true, now) {
            p.err(format!("cannot remove '{shown}': {e}"));
            return false;
        }
        return true;
    }
    if let Err(e) = p.cl.fs.remove(&ns, &cred, abs, false, now) {
        p.err(format!("cannot remove '{shown}': {e}"));
        return false;
    }
    true
}

pub(super) fn is_dir(p: &Proc<'_>, abs: &str) -> bool {
    p.cl.fs.stat(p.ns(), &p.cred(), abs, true).is_ok_and(|s| s.kind == Kind::Dir)
}

pub(super) fn join(dir: &str, name: &str) -> String {
    format!("{}/{}", dir.trim_end_matches('/'), name)
}

pub(super) fn base_name(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or(path)
}

/// `cp [-r] [-p] SRC... DEST`.
pub fn cp(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match parse(p, args, "rRapfivn", &[("recursive", 'r'), ("archive", 'a'), ("force", 'f'), ("preserve", 'p'), ("verbose", 'v')], None) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let recursive = o.has("r") || o.has("R") || o.has("a");
    let (srcs, dest) = match sources_and_dest(p, &o) {
        Ok(sd) => sd,
        Err(code) => return code,
    };
    let dest = &dest;
    let dest_abs = p.abs(dest);
    let dest_dir = is_dir(p, &dest_abs);
    if srcs.len() > 1 && !dest_dir {
        let exists = p.cl.fs.stat(p.ns(), &p.cred(), &dest_abs, true).is_ok();
        p.err(if exists { format!("target '{dest}' is not a directory") } else { format!("target '{dest}': No such file or directory") });
        return 1;
    }
    let mut code = 0;
    for s in &srcs {
        let (to, to_shown) = if dest_dir { (join(&dest_abs, base_name(s)), join(dest, base_name(s))) } else { (dest_abs.clone(), dest.clone()) };
        if !copy(p, s, &p.abs(s), &to, &to_shown, recursive) {
            code = 1;
        }
    }
    code
}

fn copy(p: &mut Proc<'_>, shown: &str, from: &str, to: &str, to_shown: &str, recursive: bool) -> bool {
    let (cred, now) = (p.cred(), p.now());
    let ns = p.ns().to_string();
    let st = match p.cl.fs.stat(&ns, &cred, from, true) {
        Ok(s) => s,
        Err(e) => {
            p.err(format!("cannot stat '{shown}': {e}"));
            return false;
        }
    };
    if st.kind == Kind::Dir {
        if !recursive {
            p.err(format!("-r not specified; omitting directory '{shown}'"));
            return false;
        }
        if to.starts_with(&format!("{}/", from.trim_end_matches('/'))) {
            p.err(format!("cannot copy a directory, '{shown}', into itself, '{to_shown}'"));
            return false;
        }
        if !is_dir(p, to) {
            if let Err(e) = p.cl.fs.mkdir(&ns, &cred, to, st.mode, now) {
                p.err(format!("cannot create directory '{to_shown}': {e}"));
                return false;
            }
        }
        let names = match p.cl.fs.list(&ns, &cred, from) {
            Ok(n) => n,
            Err(e) => {
                p.err(format!("cannot access '{shown}': {e}"));
                return false;
            }
        };
        let mut ok = true;
        for n in names {
            ok &= copy(p, &join(shown, &n), &join(from, &n), &join(to, &n), &join(to_shown, &n), true);
        }
        return ok;
    }
    let data = match p.cl.fs.read(&ns, &cred, from) {
        Ok(d) => d,
        Err(e) => {
            p.err(format!("cannot open '{shown}' for reading: {e}"));
            return false;
        }
    };
    if let Err(e) = p.cl.fs.write(&ns, &cred, to, &data, false, now) {
        let what = if e == FsError::NotFound || e == FsError::PermissionDenied || e == FsError::ReadOnly { "create regular file" } else { "overwrite" };
        p.err(format!("cannot {what} '{to_shown}': {e}"));
        return false;
    }
    true
}

/// `mv SRC... DEST`.
pub fn mv(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match parse(p, args, "fivn", &[("force", 'f'), ("verbose", 'v')], None) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let (srcs, dest) = match sources_and_dest(p, &o) {
        Ok(sd) => sd,
        Err(code) => return code,
    };
    let dest = &dest;
    let dest_abs = p.abs(dest);
    let dest_dir = is_dir(p, &dest_abs);
    if srcs.len() > 1 && !dest_dir {
        p.err(format!("target '{dest}' is not a directory"));
        return 1;
    }
    let (cred, now) = (p.cred(), p.now());
    let ns = p.ns().to_string();
    let mut code = 0;
    for s in &srcs {
        let from = p.abs(s);
        if let Err(e) = p.cl.fs.stat(&ns, &cred, &from, false) {
            p.err(format!("cannot stat '{s}': {e}"));
            code = 1;
            continue;
        }
        let (to, to_shown) = if dest_dir { (join(&dest_abs, base_name(s)), join(dest, base_name(s))) } else { (dest_abs.clone(), dest.clone()) };
        if let Err(e) = p.cl.fs.rename(&ns, &cred, &from, &to, now) {
            if e == FsError::Invalid {
                p.err(format!("cannot move '{s}' to a subdirectory of itself, '{to_shown}'"));
            } else {
                p.err(format!("cannot move '{s}' to '{to_shown}': {e}"));
            }
            code = 1;
        }
    }
    code
}

/// `touch FILE...`.
pub fn touch(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match parse(p, args, "acm", &[("no-create", 'c')], Some("missing file operand")) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let (cred, now) = (p.cred(), p.now());
    let ns = p.ns().to_string();
    let mut code = 0;
    for f in &o.args {
        let abs = p.abs(f);
        let r = match p.cl.fs.stat(&ns, &cred, &abs, true) {
            Ok(_) => p.cl.fs.set_mtime(&ns, &cred, &abs, now),
            Err(FsError::NotFound) if o.has("c") => Ok(()),
            Err(FsError::NotFound) => p.cl.fs.write(&ns, &cred, &abs, b"", true, now),
            Err(e) => Err(e),
        };
        if let Err(e) = r {
            p.err(format!("cannot touch '{f}': {e}"));
            code = 1;
        }
    }
    code
}

/// `ln -s TARGET LINK`.
pub fn ln(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match parse(p, args, "sfnv", &[("symbolic", 's'), ("force", 'f')], None) {
        Ok(o) => o,
        Err(code) => return code,
    };
    if !o.has("s") {
        p.err("hard links are not supported here; use ln -s");
        return 1;
    }
    let (target, link) = match o.args.as_slice() {
        [] => return p.usage("missing file operand", 1),
        [t] => (t.clone(), base_name(t).to_string()),
        [t, l, ..] => (t.clone(), l.clone()),
    };
    let (cred, now) = (p.cred(), p.now());
    let ns = p.ns().to_string();
    let mut abs = p.abs(&link);
    if is_dir(p, &abs) {
        abs = join(&abs, base_name(&target));
    }
    if o.has("f") {
        let _ = p.cl.fs.remove(&ns, &cred, &abs, false, now);
    }
    if let Err(e) = p.cl.fs.symlink(&ns, &cred, &target, &abs, now) {
        p.err(format!("failed to create symbolic link '{link}': {e}"));
        return 1;
    }
    0
}
