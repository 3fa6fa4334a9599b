//! Word expansion: parameters, command substitution, field splitting, globbing.

use super::ast::{Part, VarOp, Word};
use super::exec::Exec;

/// One field being built: characters and whether each may act as a glob character.
#[derive(Default)]
struct Field {
    chars: Vec<(char, bool)>,
    present: bool,
}

impl Exec<'_> {
    /// The value of parameter `name`.
    pub(crate) fn param(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.st.last.to_string()),
            "$" => Some("4242".into()),
            "!" | "-" => Some(String::new()),
            "#" => Some(self.st.args.len().saturating_sub(1).to_string()),
            "@" | "*" => Some(self.st.args.iter().skip(1).cloned().collect::<Vec<_>>().join(" ")),
            n if n.chars().all(|c| c.is_ascii_digit()) => n.parse::<usize>().ok().and_then(|i| self.st.args.get(i).cloned()),
            n => self.st.get(n).map(str::to_string),
        }
    }

    fn part_value(&mut self, part: &Part) -> String {
        match part {
            Part::Var { name, op, .. } => {
                let v = self.param(name);
                match op {
                    VarOp::Plain => v.unwrap_or_default(),
                    VarOp::Length => v.unwrap_or_default().chars().count().to_string(),
                    VarOp::Default { word, colon } => match v {
                        Some(v) if !(*colon && v.is_empty()) => v,
                        _ => self.expand_one(word),
                    },
                }
            }
            Part::Subst { list, .. } => self.command_subst(list),
            Part::Arith(parts) => {
                let text = self.expand_one(parts);
                match super::arith::eval(&text, &|n| self.param(n)) {
                    Ok(v) => v.to_string(),
                    Err(e) => {
                        self.expand_failed = true;
                        self.pending_err.extend_from_slice(format!("bash: {}: {e}\n", text.trim()).as_bytes());
                        String::new()
                    }
                }
            }
            Part::Lit(s) | Part::Quoted(s) => s.clone(),
            Part::Tilde => self.st.home(),
        }
    }

    /// Expands `word` to one string: no field splitting, no globbing (assignments, redirect
    /// targets, heredoc bodies).
    pub(crate) fn expand_one(&mut self, word: &Word) -> String {
        let mut s = String::new();
        for p in word {
            let v = self.part_value(p);
            s.push_str(&v);
        }
        s
    }

    /// Expands words to the fields of a command line.
    pub(crate) fn expand_words(&mut self, words: &[Word]) -> Vec<String> {
        let mut out = Vec::new();
        let mut braced = Vec::new();
        for w in words {
            brace_expand(w, &mut braced, 0);
        }
        for w in &braced {
            for f in self.fields(w) {
                out.extend(self.glob(&f));
            }
        }
        out
    }

    fn fields(&mut self, word: &Word) -> Vec<Vec<(char, bool)>> {
        let quoted_at = |p: &Part| matches!(p, Part::Var { name, op: VarOp::Plain, quoted: true } if name == "@");
        // `"$@"` with no positional parameters is no field at all.
        if self.st.args.len() <= 1
            && word.iter().any(quoted_at)
            && word.iter().all(|p| quoted_at(p) || matches!(p, Part::Quoted(s) if s.is_empty()))
        {
            return Vec::new();
        }
        let mut fields = Vec::new();
        let mut cur = Field::default();
        for p in word {
            match p {
                Part::Lit(s) => {
                    cur.present = true;
                    cur.chars.extend(s.chars().map(|c| (c, true)));
                }
                // `"$@"`: one field per positional parameter (none when there are none).
                Part::Var { name, op: VarOp::Plain, quoted: true } if name == "@" => {
                    for (k, a) in self.st.args.iter().skip(1).enumerate() {
                        if k > 0 {
                            fields.push(std::mem::take(&mut cur.chars));
                        }
                        cur.present = true;
                        cur.chars.extend(a.chars().map(|c| (c, false)));
                    }
                }
                Part::Quoted(_) | Part::Tilde | Part::Var { quoted: true, .. } | Part::Subst { quoted: true, .. } => {
                    let v = self.part_value(p);
                    cur.present = true;
                    cur.chars.extend(v.chars().map(|c| (c, false)));
                }
                Part::Var { .. } | Part::Subst { .. } | Part::Arith(_) => {
                    let v = self.part_value(p);
                    for c in v.chars() {
                        if matches!(c, ' ' | '\t' | '\n') {
                            if cur.present || !cur.chars.is_empty() {
                                fields.push(std::mem::take(&mut cur.chars));
                                cur.present = false;
                            }
                        } else {
                            cur.present = true;
                            cur.chars.push((c, true));
                        }
                    }
                }
            }
        }
        if cur.present {
            fields.push(cur.chars);
        }
        fields
    }

    /// Pathname expansion of one field: the sorted matches, or the field itself.
    fn glob(&mut self, field: &[(char, bool)]) -> Vec<String> {
        let text: String = field.iter().map(|(c, _)| *c).collect();
        if !field.iter().any(|(c, g)| *g && matches!(c, '*' | '?' | '[')) {
            return vec![text];
        }
        let absolute = text.starts_with('/');
        let comps: Vec<Vec<(char, bool)>> = field.split(|(c, _)| *c == '/').filter(|c| !c.is_empty()).map(<[_]>::to_vec).collect();
        let mut bases: Vec<String> = vec![if absolute { "/".into() } else { String::new() }];
        for comp in &comps {
            let is_pattern = comp.iter().any(|(c, g)| *g && matches!(c, '*' | '?' | '['));
            let name: String = comp.iter().map(|(c, _)| *c).collect();
            let mut next = Vec::new();
            for base in &bases {
                if !is_pattern {
                    next.push(format!("{base}{name}{}", ""));
                    continue;
                }
                let dir = if base.is_empty() { ".".to_string() } else { base.clone() };
                let Ok(names) = self.cl.read_dir(&self.st.ctx, &dir) else { continue };
                for n in names {
                    if n.starts_with('.') && comp.first().map(|(c, _)| *c) != Some('.') {
                        continue;
                    }
                    if glob_match(comp, &n.chars().collect::<Vec<_>>()) {
                        next.push(format!("{base}{n}"));
                    }
                }
            }
            bases = next.into_iter().map(|b| b + "/").collect();
        }
        let mut found: Vec<String> = bases
            .into_iter()
            .map(|b| b.trim_end_matches('/').to_string())
            .filter(|p| self.cl.read_file(&self.st.ctx, p).is_ok() || self.cl.is_dir(&self.st.ctx, p) || self.exists(p))
            .collect();
        if found.is_empty() {
            return vec![text];
        }
        crate::sort::sort(&mut found);
        found
    }

    fn exists(&self, path: &str) -> bool {
        let abs = crate::fs::absolutize(&self.st.ctx.cwd, path);
        let cred = self.cl.cred(&self.st.ctx);
        self.cl.fs.stat(&self.st.ctx.host, &cred, &abs, false).is_ok()
    }
}

/// How many words one brace expansion may produce.
const MAX_BRACE_WORDS: usize = 4096;

/// Brace expansion (`a{b,c}`, `{1..3}`) of the unquoted text of `word`, appended to `out`.
fn brace_expand(word: &Word, out: &mut Vec<Word>, depth: usize) {
    if depth < 8 && out.len() < MAX_BRACE_WORDS {
        for (k, part) in word.iter().enumerate() {
            let Part::Lit(text) = part else { continue };
            let Some((pre, alts, post)) = split_brace(text) else { continue };
            for alt in alts {
                if out.len() >= MAX_BRACE_WORDS {
                    return;
                }
                let mut w: Word = word[..k].to_vec();
                w.push(Part::Lit(format!("{pre}{alt}{post}")));
                w.extend(word[k + 1..].iter().cloned());
                brace_expand(&w, out, depth + 1);
            }
            return;
        }
    }
    out.push(word.clone());
}

/// The first `{a,b}` or `{1..3}` in `text`: prefix, alternatives, suffix.
fn split_brace(text: &str) -> Option<(String, Vec<String>, String)> {
    let chars: Vec<char> = text.chars().collect();
    for open in (0..chars.len()).filter(|i| chars[*i] == '{') {
        let mut depth = 0;
        let mut commas = Vec::new();
        let mut close = None;
        for (j, c) in chars.iter().enumerate().skip(open) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                ',' if depth == 1 => commas.push(j),
                _ => {}
            }
        }
        let Some(close) = close else { continue };
        let pre: String = chars[..open].iter().collect();
        let post: String = chars[close + 1..].iter().collect();
        let inner: String = chars[open + 1..close].iter().collect();
        if !commas.is_empty() {
            let mut alts = Vec::new();
            let mut from = open + 1;
            for c in commas.iter().copied().chain(std::iter::once(close)) {
                alts.push(chars[from..c].iter().collect());
                from = c + 1;
            }
            return Some((pre, alts, post));
        }
        if let Some((a, b)) = inner.split_once("..") {
            if let (Ok(x), Ok(y)) = (a.parse::<i64>(), b.parse::<i64>()) {
                let n = (x - y).unsigned_abs().min(MAX_BRACE_WORDS as u64) as i64;
                let step = if y >= x { 1 } else { -1 };
                return Some((pre, (0..=n).map(|k| (x + k * step).to_string()).collect(), post));
            }
            let (ac, bc) = (a.chars().collect::<Vec<_>>(), b.chars().collect::<Vec<_>>());
            if let ([x], [y]) = (ac.as_slice(), bc.as_slice()) {
                if x.is_ascii_alphabetic() && y.is_ascii_alphabetic() {
                    let (lo, hi) = if x <= y { (*x, *y) } else { (*y, *x) };
                    let mut v: Vec<String> = (lo..=hi).map(String::from).collect();
                    if x > y {
                        v.reverse();
                    }
                    return Some((pre, v, post));
                }
            }
        }
    }
    None
}

enum Tok {
    Star,
    Any,
    Set(bool, Vec<(char, char)>),
    Char(char),
}

fn tokens(pat: &[(char, bool)]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(&(p, g)) = pat.get(i) {
        i += 1;
        if g && p == '*' {
            toks.push(Tok::Star);
        } else if g && p == '?' {
            toks.push(Tok::Any);
        } else if g && p == '[' {
            let close = pat.iter().enumerate().skip(i + 1).find(|(_, (x, _))| *x == ']').map(|(j, _)| j);
            let Some(end) = close else {
                toks.push(Tok::Char('['));
                continue;
            };
            let mut set = &pat[i..end];
            let negate = matches!(set.first(), Some(('!' | '^', _)));
            if negate {
                set = &set[1..];
            }
            let mut ranges = Vec::new();
            let mut k = 0;
            while k < set.len() {
                if k + 2 < set.len() && set[k + 1].0 == '-' {
                    ranges.push((set[k].0, set[k + 2].0));
                    k += 3;
                } else {
                    ranges.push((set[k].0, set[k].0));
                    k += 1;
                }
            }
            toks.push(Tok::Set(negate, ranges));
            i = end + 1;
        } else {
            toks.push(Tok::Char(p));
        }
    }
    toks
}

/// Whether `name` matches glob pattern `pat` (`*`, `?`, `[...]`, `[!...]`; quoted chars
/// literal). Dynamic programming: linear in pattern times name.
pub fn glob_match(pat: &[(char, bool)], name: &[char]) -> bool {
    let toks = tokens(pat);
    // ok[j]: the first i tokens match the first j chars.
    let mut ok = vec![false; name.len() + 1];
    ok[0] = true;
    for t in &toks {
        let mut next = vec![false; name.len() + 1];
        match t {
            Tok::Star => {
                let mut any = false;
                for j in 0..=name.len() {
                    any |= ok[j];
                    next[j] = any;
                }
            }
            _ => {
                for j in 0..name.len() {
                    if !ok[j] {
                        continue;
                    }
                    let c = name[j];
                    let hit = match t {
                        Tok::Any => true,
                        Tok::Char(x) => *x == c,
                        Tok::Set(neg, ranges) => ranges.iter().any(|(a, b)| *a <= c && c <= *b) != *neg,
                        Tok::Star => false,
                    };
                    next[j + 1] = hit;
                }
            }
        }
        ok = next;
    }
    ok[name.len()]
}
