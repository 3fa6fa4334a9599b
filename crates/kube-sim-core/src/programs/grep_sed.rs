//! `grep` and `sed` over the [`super::regex`] engine.

use super::regex::Regex;
use super::{Opts, Proc};

/// `grep [-ivcnqEFHh] PATTERN [FILE]...`.
pub fn grep(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(
        args,
        "ivcnqEFlhHwoe:rA:B:C:",
        &[
            ("ignore-case", 'i'),
            ("invert-match", 'v'),
            ("count", 'c'),
            ("line-number", 'n'),
            ("quiet", 'q'),
            ("extended-regexp", 'E'),
            ("color?", '\0'),
            ("colour?", '\0'),
            ("after-context=", 'A'),
            ("before-context=", 'B'),
            ("context=", 'C'),
        ],
    ) {
        Ok(o) => o,
        Err(e) => {
            p.out.err(format!("grep: {e}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"));
            return 2;
        }
    };
    let mut context = [0usize; 2];
    for (i, flag) in ["B", "A"].into_iter().enumerate() {
        if let Some(v) = o.value(flag).or_else(|| o.value("C")) {
            match v.parse::<usize>() {
                Ok(n) => context[i] = n,
                Err(_) => {
                    p.out.err(format!("grep: {v}: invalid context length argument\n"));
                    return 2;
                }
            }
        }
    }
    let [before, after] = context;
    let mut operands = o.args.clone();
    // Every `-e PATTERN` (or the first operand); a pattern with newlines is several.
    let mut pats: Vec<String> = o.flags.iter().filter(|(k, _)| k == "e").filter_map(|(_, v)| v.clone()).collect();
    if pats.is_empty() {
        if operands.is_empty() {
            p.out.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
            return 2;
        }
        pats.push(operands.remove(0));
    }
    let pats: Vec<String> = pats.iter().flat_map(|p| p.split('\n').map(str::to_string).collect::<Vec<_>>()).collect();
    let res: Vec<Regex> = if o.has("F") { Vec::new() } else { pats.iter().map(|p| Regex::new(p, o.has("E"), o.has("i"))).collect() };
    let files: Vec<String> = if operands.is_empty() { vec!["-".into()] } else { operands };
    let prefix = (files.len() > 1 || o.has("H")) && !o.has("h");
    let mut any = false;
    let mut err = false;
    let mut out = String::new();
    for f in &files {
        let data = match p.read(f) {
            Ok(d) => d,
            Err(e) => {
                p.out(std::mem::take(&mut out));
                p.err(format!("{f}: {e}"));
                err = true;
                continue;
            }
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        let mut count = 0;
        let name = if f == "-" { "(standard input)" } else { f };
        let lines: Vec<&str> = text.lines().collect();
        // The last line printed (for context lines and the `--` between groups).
        let mut shown: Option<usize> = None;
        let mut last_after = after;
        for (n, line) in lines.iter().copied().enumerate() {
            let hit = if !o.has("F") {
                res.iter().any(|r| r.is_match(line))
            } else if o.has("i") {
                pats.iter().any(|pat| line.to_lowercase().contains(&pat.to_lowercase()))
            } else {
                pats.iter().any(|pat| line.contains(pat.as_str()))
            };
            if hit == o.has("v") {
                // A line after a match, within -A lines of it.
                if shown.is_some_and(|s| n <= s + last_after) && !o.has("c") && !o.has("l") {
                    push_line(&mut out, prefix.then_some(name), o.has("n").then_some(n + 1), '-', line);
                    shown = Some(n);
                    last_after = last_after.saturating_sub(1);
                }
                continue;
            }
            last_after = after;
            count += 1;
            any = true;
            if o.has("q") {
                return 0;
            }
            if !o.has("c") && !o.has("l") {
                let from = shown.map_or(n.saturating_sub(before), |s| (s + 1).max(n.saturating_sub(before)));
                if (before > 0 || after > 0) && shown.is_some_and(|s| from > s + 1) {
                    out.push_str("--\n");
                }
                for (k, l) in lines.iter().enumerate().take(n).skip(from) {
                    push_line(&mut out, prefix.then_some(name), o.has("n").then_some(k + 1), '-', l);
                }
                push_line(&mut out, prefix.then_some(name), o.has("n").then_some(n + 1), ':', line);
                shown = Some(n);
            }
        }
        if o.has("c") {
            if prefix {
                out.push_str(&format!("{name}:"));
            }
            out.push_str(&format!("{count}\n"));
        } else if o.has("l") && count > 0 {
            out.push_str(&format!("{name}\n"));
        }
    }
    p.out(out);
    if err {
        2
    } else if any {
        0
    } else {
        1
    }
}

/// One output line of grep: `[FILE<sep>][N<sep>]LINE` (`:` for a match, `-` for context).
fn push_line(out: &mut String, file: Option<&str>, n: Option<usize>, sep: char, line: &str) {
    if let Some(f) = file {
        out.push_str(f);
        out.push(sep);
    }
    if let Some(n) = n {
        out.push_str(&n.to_string());
        out.push(sep);
    }
    out.push_str(line);
    out.push('\n');
}

enum Addr {
    All,
    Line(usize),
    Last,
    Re(Regex),
}

enum SedCmd {
    Subst { re: Regex, rep: String, global: bool, print: bool },
    Delete,
    Print,
}

fn sed_err(p: &mut Proc<'_>, n: usize, ch: usize, msg: &str) -> i32 {
    p.out.err(format!("sed: -e expression #{n}, char {ch}: {msg}\n"));
    1
}

/// Splits `s` on unescaped `delim`, returning the pieces and where parsing stopped.
fn split_delim(s: &[char], delim: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == '\\' && s.get(i + 1) == Some(&delim) {
            if let Some(l) = parts.last_mut() {
                l.push(delim);
            }
            i += 2;
            continue;
        }
        if c == '\\' {
            if let Some(l) = parts.last_mut() {
                l.push('\\');
                if let Some(n) = s.get(i + 1) {
                    l.push(*n);
                }
            }
            i += 2;
            continue;
        }
        if c == delim {
            parts.push(String::new());
        } else if let Some(l) = parts.last_mut() {
            l.push(c);
        }
        i += 1;
    }
    parts
}

/// `sed [-n] [-i] [-E] [-e] SCRIPT [FILE]...`: `s///[gpI]`, `d`, `p`, with line, `$` or
/// `/re/` addresses.
pub fn sed(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "nie:Er", &[("quiet", 'n'), ("in-place", 'i'), ("expression=", 'e'), ("regexp-extended", 'E')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let ere = o.has("E") || o.has("r");
    let mut operands = o.args.clone();
    let scripts: Vec<String> = {
        let e: Vec<String> = o.flags.iter().filter(|(k, _)| k == "e").filter_map(|(_, v)| v.clone()).collect();
        if e.is_empty() {
            if operands.is_empty() {
                p.out.err("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n");
                return 1;
            }
            vec![operands.remove(0)]
        } else {
            e
        }
    };
    let mut cmds: Vec<(Addr, SedCmd)> = Vec::new();
    for (n, script) in scripts.iter().enumerate() {
        for part in script.split([';', '\n']).filter(|s| !s.trim().is_empty()) {
            let chars: Vec<char> = part.trim().chars().collect();
            let i;
            let addr = if chars.first() == Some(&'/') {
                let end = chars[1..].iter().position(|c| *c == '/').map(|e| e + 1);
                let Some(end) = end else { return sed_err(p, n + 1, chars.len(), "unterminated address regex") };
                i = end + 1;
                Addr::Re(Regex::new(&chars[1..end].iter().collect::<String>(), ere, false))
            } else if chars.first() == Some(&'$') {
                i = 1;
                Addr::Last
            } else {
                let digits: String = chars.iter().take_while(|c| c.is_ascii_digit()).collect();
                i = digits.len();
                digits.parse().map_or(Addr::All, Addr::Line)
            };
            let cmd = match chars.get(i) {
                Some('s') => {
                    let Some(&delim) = chars.get(i + 1) else { return sed_err(p, n + 1, chars.len(), "unterminated `s' command") };
                    let pieces = split_delim(&chars[i + 2..], delim);
                    if pieces.len() < 3 {
                        return sed_err(p, n + 1, chars.len(), "unterminated `s' command");
                    }
                    let flags = &pieces[2];
                    if let Some(bad) = flags.chars().find(|c| !"gpI0123456789".contains(*c)) {
                        let _ = bad;
                        return sed_err(p, n + 1, chars.len(), "unknown option to `s'");
                    }
                    SedCmd::Subst { re: Regex::new(&pieces[0], ere, flags.contains('I')), rep: pieces[1].clone(), global: flags.contains('g'), print: flags.contains('p') }
                }
                Some('d') => SedCmd::Delete,
                Some('p') => SedCmd::Print,
                Some(c) => return sed_err(p, n + 1, i + 1, &format!("unknown command: `{c}'")),
                None => return sed_err(p, n + 1, chars.len(), "missing command"),
            };
            cmds.push((addr, cmd));
        }
    }
    let files: Vec<String> = if operands.is_empty() { vec!["-".into()] } else { operands };
    let mut code = 0;
    for f in &files {
        let data = match p.read(f) {
            Ok(d) => d,
            Err(e) => {
                p.err(format!("can't read {f}: {e}"));
                code = 2;
                continue;
            }
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        let lines: Vec<&str> = text.lines().collect();
        let mut out = String::new();
        for (ln, line) in lines.iter().enumerate() {
            let mut cur = line.to_string();
            let mut deleted = false;
            let mut extra = String::new();
            for (addr, cmd) in &cmds {
                let hit = match addr {
                    Addr::All => true,
                    Addr::Line(k) => ln + 1 == *k,
                    Addr::Last => ln + 1 == lines.len(),
                    Addr::Re(r) => r.is_match(&cur),
                };
                if !hit {
                    continue;
                }
                match cmd {
                    SedCmd::Delete => {
                        deleted = true;
                        break;
                    }
                    SedCmd::Print => {
                        extra.push_str(&cur);
                        extra.push('\n');
                    }
                    SedCmd::Subst { re, rep, global, print } => {
                        let (new, changed) = substitute(re, rep, &cur, *global);
                        cur = new;
                        if changed && *print {
                            extra.push_str(&cur);
                            extra.push('\n');
                        }
                    }
                }
            }
            out.push_str(&extra);
            if !deleted && !o.has("n") {
                out.push_str(&cur);
                out.push('\n');
            }
        }
        if !text.is_empty() && !text.ends_with('\n') && out.ends_with('\n') {
            out.pop();
        }
        if o.has("i") && f != "-" {
            let ctx = p.ctx.clone();
            if let Err(e) = p.cl.write_file_as(&ctx, f, out.as_bytes(), false) {
                p.err(format!("couldn't open temporary file {f}: {e}"));
                code = 4;
            }
        } else {
            p.out(out);
        }
    }
    code
}

fn substitute(re: &Regex, rep: &str, line: &str, global: bool) -> (String, bool) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    let mut changed = false;
    while pos <= chars.len() {
        let Some((s, e)) = re.find(&chars[pos..]).map(|(s, e)| (s + pos, e + pos)) else { break };
        out.extend(&chars[pos..s]);
        let matched: String = chars[s..e].iter().collect();
        let mut rc = rep.chars();
        while let Some(c) = rc.next() {
            match c {
                '&' => out.push_str(&matched),
                '\\' => match rc.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(o) => out.push(o),
                    None => {}
                },
                o => out.push(o),
            }
        }
        changed = true;
        if e == s {
            if let Some(c) = chars.get(e) {
                out.push(*c);
            }
            pos = e + 1;
        } else {
            pos = e;
        }
        if !global {
            break;
        }
    }
    if pos < chars.len() {
        out.extend(&chars[pos..]);
    }
    (out, changed)
}
