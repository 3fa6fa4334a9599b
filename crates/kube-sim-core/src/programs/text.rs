//! Text commands: echo, printf, cat, head, tail.

use super::{Opts, Proc};

pub(super) fn escapes(s: &str, out: &mut Vec<u8>) -> bool {
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

/// One backslash escape of a printf FORMAT at `chars[i]`: `\\NNN` (one to three octal
/// digits), `\\xHH`, or what `echo -e` knows. Returns the index after it.
fn format_escape(chars: &[char], i: usize, out: &mut Vec<u8>) -> usize {
    let digits = |start: usize, radix: u32, max: usize| chars.iter().skip(start).take(max).take_while(|c| c.is_digit(radix)).count();
    match chars.get(i + 1) {
        Some(c) if c.is_digit(8) => {
            let n = digits(i + 1, 8, 3);
            let v = chars[i + 1..i + 1 + n].iter().fold(0u32, |v, c| v * 8 + c.to_digit(8).unwrap_or(0));
            out.push((v & 0xff) as u8);
            i + 1 + n
        }
        Some('x') if digits(i + 2, 16, 2) > 0 => {
            let n = digits(i + 2, 16, 2);
            let v = chars[i + 2..i + 2 + n].iter().fold(0u32, |v, c| v * 16 + c.to_digit(16).unwrap_or(0));
            out.push(v as u8);
            i + 2 + n
        }
        Some('"') => {
            out.push(b'"');
            i + 2
        }
        _ => {
            let end = (i + 2).min(chars.len());
            let s: String = chars[i..end].iter().collect();
            escapes(&s, out);
            end
        }
    }
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
                i = format_escape(&chars, i, &mut out);
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
pub(super) fn inputs(p: &mut Proc<'_>, files: &[String]) -> (Vec<(String, Vec<u8>)>, i32) {
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
            p.out(pick);
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

