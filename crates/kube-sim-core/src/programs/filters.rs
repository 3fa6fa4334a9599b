//! Filters: wc, tr, base64, sort, seq, uniq, cut.

use base64::Engine;

use super::text::{escapes, inputs};
use super::{Opts, Proc};

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
        crate::sort::sort_by(&mut lines, |a, b| num(a).partial_cmp(&num(b)).unwrap_or(std::cmp::Ordering::Equal).then_with(|| a.cmp(b)));
    } else if o.has("f") {
        crate::sort::sort_by_key(&mut lines, |a| a.to_lowercase());
    } else {
        crate::sort::sort(&mut lines);
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
    // Past the output limit the shell drops the rest (and says so); past i64 there is no more.
    while ((step > 0 && v <= last) || (step < 0 && v >= last)) && out.len() <= crate::shell::state::MAX_OUTPUT {
        out.push_str(&format!("{v}\n"));
        match v.checked_add(step) {
            Some(next) => v = next,
            None => break,
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
