//! Text commands: echo, printf, cat, head, tail, wc, tr, base64, sort.

use base64::Engine;

use super::{Opts, Proc};

fn escapes(s: &str, out: &mut Vec<u8>) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut b = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            continue;
        }
        match chars.next() {
            Some('n') => out.push(b'\n'),
            Some('t') => out.push(b'\t'),
            Some('r') => out.push(b'\r'),
            Some('a') => out.push(7),
            Some('b') => out.push(8),
            Some('e') => out.push(27),
            Some('f') => out.push(12),
            Some('v') => out.push(11),
            Some('\\') => out.push(b'\\'),
            Some('c') => return false,
            Some('0') => {
                let mut v = 0u32;
                for _ in 0..3 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            Some('x') => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 {
                    match chars.peek().and_then(|c| c.to_digit(16)) {
                        Some(d) => {
                            v = v * 16 + d;
                            chars.next();
                            n += 1;
                        }
                        None => break,
                    }
                }
                if n == 0 {
                    out.extend_from_slice(b"\\x");
                } else {
                    out.push(v as u8);
                }
            }
            Some(o) => {
                out.push(b'\\');
                let mut b = [0; 4];
                out.extend_from_slice(o.encode_utf8(&mut b).as_bytes());
            }
            None => out.push(b'\\'),
        }
    }
    true
}

/// `echo [-neE] ARGS`.
pub fn echo(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let mut newline = true;
    let mut interpret = false;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| "neE".contains(c)) {
            for c in a[1..].chars() {
                match c {
                    'n' => newline = false,
                    'e' => interpret = true,
                    _ => interpret = false,
                }
            }
            i += 1;
        } else {
            break;
        }
    }
    let text = args[i..].join(" ");
    let mut out = Vec::new();
    let keep_going = if interpret { escapes(&text, &mut out) } else {
        out.extend_from_slice(text.as_bytes());
        true
    };
    if newline && keep_going {
        out.push(b'\n');
    }
    p.out(out);
    0
}

/// `printf FORMAT [ARGS]`: `%s %d %i %x %X %o %c %b %%` with flags, width and precision.
pub fn printf(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let Some(fmt) = args.first() else {
        p.out.err("printf: usage: printf [-v var] format [arguments]\n");
        return 2;
    };
    let mut rest = args[1..].iter();
    let mut out = Vec::new();
    let mut code = 0;
    let chars: Vec<char> = fmt.chars().collect();
    loop {
        let mut used = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                let end = (i + 2).min(chars.len());
                let s: String = chars[i..end].iter().collect();
                escapes(&s, &mut out);
                i = end;
                continue;
            }
            if c != '%' {
                let mut b = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < chars.len() && "-+ #0123456789.".contains(chars[i]) {
                i += 1;
            }
            let Some(&conv) = chars.get(i) else {
                out.extend(chars[start..].iter().collect::<String>().bytes());
                break;
            };
            i += 1;
            if conv == '%' {
                out.push(b'%');
                continue;
            }
            let spec: String = chars[start + 1..i - 1].iter().collect();
            let left = spec.starts_with('-');
            let zero = spec.trim_start_matches('-').starts_with('0');
            let spec_num = spec.trim_start_matches(['-', '+', ' ', '#', '0']);
            let (w, prec) = match spec_num.split_once('.') {
                Some((w, pr)) => (w.parse::<usize>().unwrap_or(0), Some(pr.parse::<usize>().unwrap_or(0))),
                None => (spec_num.parse::<usize>().unwrap_or(0), None),
            };
            let w = w.min(4096);
            let arg = rest.next();
            used |= arg.is_some();
            let arg = arg.cloned().unwrap_or_default();
            let body = match conv {
                's' => match prec {
                    Some(pr) => arg.chars().take(pr).collect(),
                    None => arg,
                },
                'b' => {
                    let mut v = Vec::new();
                    escapes(&arg, &mut v);
                    String::from_utf8_lossy(&v).into_owned()
                }
                'c' => arg.chars().next().map(String::from).unwrap_or_default(),
                'd' | 'i' | 'x' | 'X' | 'o' | 'u' => {
                    let n = if arg.is_empty() {
                        0
                    } else {
                        match arg.trim().parse::<i64>() {
                            Ok(n) => n,
                            Err(_) => {
                                p.out.err(format!("bash: printf: {arg}: invalid number\n"));
                                code = 1;
                                0
                            }
                        }
                    };
                    match conv {
                        'x' => format!("{n:x}"),
                        'X' => format!("{n:X}"),
                        'o' => format!("{n:o}"),
                        _ => n.to_string(),
                    }
                }
                'f' => format!("{:.*}", prec.unwrap_or(6).min(64), arg.trim().parse::<f64>().unwrap_or(0.0)),
                other => {
                    p.out.err(format!("bash: printf: `{other}': invalid format character\n"));
                    return 1;
                }
            };
            let pad = w.saturating_sub(body.chars().count());
            if left {
                out.extend(body.bytes());
                out.extend(std::iter::repeat(b' ').take(pad));
            } else {
                let fill = if zero && "dixXou".contains(conv) { b'0' } else { b' ' };
                out.extend(std::iter::repeat(fill).take(pad));
                out.extend(body.bytes());
            }
        }
        if !used || rest.len() == 0 || out.len() > crate::shell::state::MAX_OUTPUT {
            break;
        }
    }
    p.out(out);
    code
}

/// Reads each operand (or stdin), reporting errors as `NAME: FILE: ERROR`.
fn inputs(p: &mut Proc<'_>, files: &[String]) -> (Vec<(String, Vec<u8>)>, i32) {
    let mut v = Vec::new();
    let mut code = 0;
    if files.is_empty() {
        v.push(("-".to_string(), p.stdin.to_vec()));
    }
    for f in files {
        match p.read(f) {
            Ok(d) => v.push((f.clone(), d)),
            Err(e) => {
                p.err(format!("{f}: {e}"));
                code = 1;
            }
        }
    }
    (v, code)
}

/// `cat [-n] [FILE]...`.
pub fn cat(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "nAbsETuv", &[("number", 'n'), ("show-all", 'A')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let files = if o.args.is_empty() { Vec::new() } else { o.args.clone() };
    let mut code = 0;
    let mut n = 0;
    let list: Vec<String> = if files.is_empty() { vec!["-".into()] } else { files };
    for f in list {
        match p.read(&f) {
            Ok(d) => {
                if o.has("n") {
                    let mut out = Vec::new();
                    for line in d.split_inclusive(|b| *b == b'\n') {
                        n += 1;
                        out.extend(format!("{n:>6}\t").bytes());
                        out.extend_from_slice(line);
                    }
                    p.out(out);
                } else {
                    p.out(d);
                }
            }
            Err(e) => {
                p.err(format!("{f}: {e}"));
                code = 1;
            }
        }
    }
    code
}

fn count_arg(p: &mut Proc<'_>, args: &[String]) -> Result<(Opts, Option<String>), i32> {
    // `-5` means `-n 5`.
    let args: Vec<String> = args
        .iter()
        .map(|a| if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_digit()) { format!("-n{}", &a[1..]) } else { a.clone() })
        .collect();
    match Opts::parse(&args, "n:c:qvf", &[("lines=", 'n'), ("bytes=", 'c'), ("quiet", 'q'), ("follow", 'f')]) {
        Ok(o) => {
            let v = o.value("n").map(str::to_string);
            Ok((o, v))
        }
        Err(e) => Err(p.usage(&e, 1)),
    }
}

fn head_tail(p: &mut Proc<'_>, args: &[String], head: bool) -> i32 {
    let (o, lines) = match count_arg(p, args) {
        Ok(x) => x,
        Err(c) => return c,
    };
    let raw = lines.clone().unwrap_or_else(|| "10".into());
    let from_start = !head && raw.starts_with('+');
    let n: usize = match raw.trim_start_matches(['+', '-']).parse() {
        Ok(n) => n,
        Err(_) => {
            let name = p.name.clone();
            p.out.err(format!("{name}: invalid number of lines: ‘{raw}’\n"));
            return 1;
        }
    };
    let files: Vec<String> = if o.args.is_empty() { vec!["-".into()] } else { o.args.clone() };
    let many = files.len() > 1;
    let mut code = 0;
    for (i, f) in files.iter().enumerate() {
        let data = match p.read(f) {
            Ok(d) => d,
            Err(e) => {
                p.err(format!("cannot open '{f}' for reading: {e}"));
                code = 1;
                continue;
            }
        };
        if many {
            p.out(format!("{}==> {} <==\n", if i > 0 { "\n" } else { "" }, if f == "-" { "standard input" } else { f }));
        }
        if let Some(c) = o.value("c") {
            let from_start = c.starts_with('+');
            let Ok(k) = c.trim_start_matches(['+', '-']).parse::<usize>() else {
                let name = p.name.clone();
                p.out.err(format!("{name}: invalid number of bytes: ‘{c}’\n"));
                return 1;
            };
            let pick = if head {
                &data[..k.min(data.len())]
            } else if from_start {
                &data[k.saturating_sub(1).min(data.len())..]
            } else {
                &data[data.len().saturating_sub(k)..]
            };
            p.out(pick.to_vec());
            continue;
        }
        let lines: Vec<&[u8]> = data.split_inclusive(|b| *b == b'\n').collect();
        let pick: Vec<u8> = if head {
            lines.iter().take(n).flat_map(|l| l.iter().copied()).collect()
        } else if from_start {
            lines.iter().skip(n.saturating_sub(1)).flat_map(|l| l.iter().copied()).collect()
        } else {
            lines.iter().skip(lines.len().saturating_sub(n)).flat_map(|l| l.iter().copied()).collect()
        };
        p.out(pick);
    }
    code
}

/// `head [-n N] [FILE]...`.
pub fn head(p: &mut Proc<'_>, args: &[String]) -> i32 {
    head_tail(p, args, true)
}

/// `tail [-n [+]N] [FILE]...`.
pub fn tail(p: &mut Proc<'_>, args: &[String]) -> i32 {
    head_tail(p, args, false)
}

/// `wc [-lwc] [FILE]...`.
pub fn wc(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "lwcm", &[("lines", 'l'), ("words", 'w'), ("bytes", 'c'), ("chars", 'm')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let (mut l, mut w, mut c) = (o.has("l"), o.has("w"), o.has("c") || o.has("m"));
    if !l && !w && !c {
        (l, w, c) = (true, true, true);
    }
    let (inputs, code) = inputs(p, &o.args);
    let counts: Vec<(String, [usize; 3])> = inputs
        .iter()
        .map(|(n, d)| {
            let text = String::from_utf8_lossy(d);
            (n.clone(), [d.iter().filter(|b| **b == b'\n').count(), text.split_whitespace().count(), d.len()])
        })
        .collect();
    let mut total = [0; 3];
    for (_, c) in &counts {
        for k in 0..3 {
            total[k] += c[k];
        }
    }
    let cols = [l, w, c].iter().filter(|x| **x).count();
    let stdin = o.args.is_empty();
    let width = if cols == 1 && counts.len() == 1 {
        1
    } else if stdin {
        7
    } else {
        total[2].to_string().len()
    };
    let mut out = String::new();
    let mut rows = counts.clone();
    if counts.len() > 1 {
        rows.push(("total".into(), total));
    }
    for (name, n) in rows {
        let mut parts = Vec::new();
        if l {
            parts.push(format!("{:>width$}", n[0]));
        }
        if w {
            parts.push(format!("{:>width$}", n[1]));
        }
        if c {
            parts.push(format!("{:>width$}", n[2]));
        }
        out.push_str(&parts.join(" "));
        if name != "-" {
            out.push(' ');
            out.push_str(&name);
        }
        out.push('\n');
    }
    p.out(out);
    code
}

fn expand_set(s: &str) -> Vec<char> {
    let mut raw = Vec::new();
    escapes(s, &mut raw);
    let chars: Vec<char> = String::from_utf8_lossy(&raw).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(class) = chars[i..].iter().collect::<String>().strip_prefix("[:").and_then(|r| r.split_once(":]")).map(|(c, _)| c.to_string()) {
            let set: Vec<char> = match class.as_str() {
                "lower" => ('a'..='z').collect(),
                "upper" => ('A'..='Z').collect(),
                "digit" => ('0'..='9').collect(),
                "space" => vec![' ', '\t', '\n', '\r', '\x0b', '\x0c'],
                "alpha" => ('A'..='Z').chain('a'..='z').collect(),
                "alnum" => ('0'..='9').chain('A'..='Z').chain('a'..='z').collect(),
                _ => Vec::new(),
            };
            out.extend(set);
            i += class.len() + 4;
        } else if i + 2 < chars.len() && chars[i + 1] == '-' && chars[i] <= chars[i + 2] {
            out.extend(chars[i]..=chars[i + 2]);
            i += 3;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `tr [-d] [-s] SET1 [SET2]`.
pub fn tr(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "dsc", &[("delete", 'd'), ("squeeze-repeats", 's')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let Some(s1) = o.args.first() else { return p.usage("missing operand", 1) };
    let set1 = expand_set(s1);
    let input = String::from_utf8_lossy(p.stdin).into_owned();
    let mut out = String::new();
    if o.has("d") {
        out = input.chars().filter(|c| !set1.contains(c)).collect();
    } else if o.has("s") && o.args.len() == 1 {
        let mut last: Option<char> = None;
        for c in input.chars() {
            if last == Some(c) && set1.contains(&c) {
                continue;
            }
            out.push(c);
            last = Some(c);
        }
    } else {
        let Some(s2) = o.args.get(1) else {
            let msg = format!("missing operand after ‘{s1}’\nTwo strings must be given when translating.");
            return p.usage(&msg, 1);
        };
        let set2 = expand_set(s2);
        let mut last: Option<char> = None;
        for c in input.chars() {
            let m = match set1.iter().position(|x| *x == c) {
                Some(i) => set2.get(i).or(set2.last()).copied().unwrap_or(c),
                None => c,
            };
            if o.has("s") && last == Some(m) && set2.contains(&m) {
                continue;
            }
            out.push(m);
            last = Some(m);
        }
    }
    p.out(out);
    0
}

/// `base64 [-d] [-w COLS] [FILE]`: 76-column lines by default; decoding is byte-exact.
pub fn base64(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "diw:", &[("decode", 'd'), ("ignore-garbage", 'i'), ("wrap=", 'w')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    if o.args.len() > 1 {
        let extra = o.args[1].clone();
        return p.usage(&format!("extra operand ‘{extra}’"), 1);
    }
    let data = match o.args.first() {
        Some(f) => match p.read(f) {
            Ok(d) => d,
            Err(e) => {
                p.err(format!("{f}: {e}"));
                return 1;
            }
        },
        None => p.stdin.to_vec(),
    };
    if o.has("d") {
        let clean: Vec<u8> = data.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
        match base64::engine::general_purpose::STANDARD.decode(&clean) {
            Ok(d) => {
                p.out(d);
                0
            }
            Err(_) => {
                p.err("invalid input");
                1
            }
        }
    } else {
        let wrap: usize = match o.value("w").map(str::parse) {
            None => 76,
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                let v = o.value("w").unwrap_or_default().to_string();
                p.err(format!("invalid wrap size: ‘{v}’"));
                return 1;
            }
        };
        let enc = base64::engine::general_purpose::STANDARD.encode(&data);
        let mut out = String::new();
        if wrap == 0 {
            out.push_str(&enc);
        } else {
            for chunk in enc.as_bytes().chunks(wrap) {
                out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
                out.push('\n');
            }
        }
        p.out(out);
        0
    }
}

/// `sort [-r] [-n] [-u] [FILE]...`.
pub fn sort(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "rnuf", &[("reverse", 'r'), ("numeric-sort", 'n'), ("unique", 'u')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 2),
    };
    let mut lines: Vec<String> = Vec::new();
    let files: Vec<String> = if o.args.is_empty() { vec!["-".into()] } else { o.args.clone() };
    for f in &files {
        match p.read(f) {
            Ok(d) => lines.extend(String::from_utf8_lossy(&d).lines().map(str::to_string)),
            Err(e) => {
                p.err(format!("cannot read: {f}: {e}"));
                return 2;
            }
        }
    }
    if o.has("n") {
        let num = |s: &str| s.trim_start().split(|c: char| !c.is_ascii_digit() && c != '-' && c != '.').next().and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
        lines.sort_by(|a, b| num(a).partial_cmp(&num(b)).unwrap_or(std::cmp::Ordering::Equal).then_with(|| a.cmp(b)));
    } else if o.has("f") {
        lines.sort_by_key(|a| a.to_lowercase());
    } else {
        lines.sort();
    }
    if o.has("r") {
        lines.reverse();
    }
    if o.has("u") {
        lines.dedup();
    }
    let mut out = String::new();
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    p.out(out);
    0
}

/// `seq [FIRST [INCREMENT]] LAST`.
pub fn seq(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let nums: Result<Vec<i64>, &String> = args.iter().map(|a| a.parse::<i64>().map_err(|_| a)).collect();
    let nums = match nums {
        Ok(n) => n,
        Err(a) => {
            let a = a.clone();
            return p.usage(&format!("invalid floating point argument: ‘{a}’"), 1);
        }
    };
    let (first, step, last) = match nums.as_slice() {
        [] => return p.usage("missing operand", 1),
        [l] => (1, 1, *l),
        [f, l] => (*f, 1, *l),
        [f, s, l] => (*f, *s, *l),
        [_, _, _, extra, ..] => {
            let e = extra.to_string();
            return p.usage(&format!("extra operand ‘{e}’"), 1);
        }
    };
    if step == 0 {
        return p.usage("invalid Zero increment value: ‘0’", 1);
    }
    let mut out = String::new();
    let mut v = first;
    let mut n = 0;
    while (step > 0 && v <= last) || (step < 0 && v >= last) {
        out.push_str(&format!("{v}\n"));
        v += step;
        n += 1;
        if n >= 100_000 {
            break;
        }
    }
    p.out(out);
    0
}

/// `uniq [-c] [FILE]`.
pub fn uniq(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "cdu", &[("count", 'c')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let data = match o.args.first() {
        Some(f) => match p.read(f) {
            Ok(d) => d,
            Err(e) => {
                p.err(format!("{f}: {e}"));
                return 1;
            }
        },
        None => p.stdin.to_vec(),
    };
    let text = String::from_utf8_lossy(&data).into_owned();
    let mut groups: Vec<(usize, &str)> = Vec::new();
    for l in text.lines() {
        match groups.last_mut() {
            Some((n, last)) if *last == l => *n += 1,
            _ => groups.push((1, l)),
        }
    }
    let mut out = String::new();
    for (n, l) in groups {
        if (o.has("d") && n < 2) || (o.has("u") && n > 1) {
            continue;
        }
        if o.has("c") {
            out.push_str(&format!("{n:>7} {l}\n"));
        } else {
            out.push_str(&format!("{l}\n"));
        }
    }
    p.out(out);
    0
}

/// `cut -d DELIM -f LIST [FILE]...` (and `-c LIST`).
pub fn cut(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let o = match Opts::parse(args, "d:f:c:", &[("delimiter=", 'd'), ("fields=", 'f'), ("characters=", 'c')]) {
        Ok(o) => o,
        Err(e) => return p.usage(&e, 1),
    };
    let Some(list) = o.value("f").or(o.value("c")).map(str::to_string) else {
        return p.usage("you must specify a list of bytes, characters, or fields", 1);
    };
    let mut picks: Vec<(usize, usize)> = Vec::new();
    for part in list.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.parse().unwrap_or(1), if b.is_empty() { usize::MAX } else { b.parse().unwrap_or(0) }),
            None => match part.parse::<usize>() {
                Ok(n) => (n, n),
                Err(_) => return p.usage(&format!("invalid field value ‘{part}’"), 1),
            },
        };
        if a == 0 {
            return p.usage("fields and positions are numbered from 1", 1);
        }
        picks.push((a, b));
    }
    let want = |i: usize| picks.iter().any(|(a, b)| *a <= i && i <= *b);
    let delim = o.value("d").and_then(|d| d.chars().next()).unwrap_or('\t');
    let (inputs, code) = inputs(p, &o.args);
    let mut out = String::new();
    for (_, d) in inputs {
        for line in String::from_utf8_lossy(&d).lines() {
            if o.has("c") {
                out.extend(line.chars().enumerate().filter(|(i, _)| want(i + 1)).map(|(_, c)| c));
            } else if !line.contains(delim) {
                out.push_str(line);
            } else {
                let fields: Vec<&str> = line.split(delim).enumerate().filter(|(i, _)| want(i + 1)).map(|(_, f)| f).collect();
                out.push_str(&fields.join(&delim.to_string()));
            }
            out.push('\n');
        }
    }
    p.out(out);
    code
}
