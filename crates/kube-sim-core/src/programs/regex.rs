//! A small regular-expression engine (BRE/ERE basics: `. * + ? [] ^ $ |`) for `grep` and
//! `sed`. Matching is bounded so hostile patterns cannot hang.


#[derive(Clone, Debug)]
enum Atom {
    Char(char),
    Any,
    Set(bool, Vec<(char, char)>),
}

#[derive(Clone, Debug)]
struct Node {
    atom: Atom,
    min: usize,
    max: usize,
}

/// A compiled pattern: alternatives, each anchored or not.
#[derive(Clone, Debug)]
pub struct Regex {
    alts: Vec<(bool, Vec<Node>, bool)>,
    icase: bool,
}

const BUDGET: usize = 200_000;
/// Longer patterns are cut here (matching recurses once per node).
const MAX_NODES: usize = 1000;

impl Regex {
    /// Compiles `pat` (`ere`: extended syntax; `icase`: ignore case).
    pub fn new(pat: &str, ere: bool, icase: bool) -> Regex {
        let pat = if icase { pat.to_lowercase() } else { pat.to_string() };
        let mut alts = Vec::new();
        let chars: Vec<char> = pat.chars().collect();
        let parts = alternatives(&tokens(&chars, ere));
        for p in parts {
            alts.push(compile(&p, ere));
        }
        Regex { alts, icase }
    }

    /// The first match in `text`: (start, end) byte offsets... in chars.
    pub fn find(&self, text: &[char]) -> Option<(usize, usize)> {
        let mut budget = BUDGET;
        let mut best: Option<(usize, usize)> = None;
        for (start_anchor, nodes, end_anchor) in &self.alts {
            let last_start = if *start_anchor { 0 } else { text.len() };
            for s in 0..=last_start {
                if let Some(e) = match_here(nodes, 0, text, s, *end_anchor, &mut budget, self.icase) {
                    if best.is_none_or_earlier(s) {
                        best = Some((s, e));
                    }
                    break;
                }
                if budget == 0 {
                    return best;
                }
            }
        }
        best
    }

    /// Whether `line` matches.
    pub fn is_match(&self, line: &str) -> bool {
        self.find(&line.chars().collect::<Vec<_>>()).is_some()
    }
}

trait Earlier {
    fn is_none_or_earlier(&self, s: usize) -> bool;
}

impl Earlier for Option<(usize, usize)> {
    fn is_none_or_earlier(&self, s: usize) -> bool {
        match self {
            None => true,
            Some((b, _)) => s < *b,
        }
    }
}

/// A pattern's pieces for alternation: group parentheses, `|`, and everything else as
/// written (escapes and bracket expressions whole).
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open,
    Close,
    Bar,
    Lit(Vec<char>),
}

fn tokens(p: &[char], ere: bool) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.len() {
        let c = p[i];
        let next = p.get(i + 1).copied();
        match (c, next) {
            ('(', _) if ere => out.push(Tok::Open),
            (')', _) if ere => out.push(Tok::Close),
            ('|', _) if ere => out.push(Tok::Bar),
            ('\\', Some('(')) if !ere => {
                out.push(Tok::Open);
                i += 1;
            }
            ('\\', Some(')')) if !ere => {
                out.push(Tok::Close);
                i += 1;
            }
            ('\\', Some('|')) if !ere => {
                out.push(Tok::Bar);
                i += 1;
            }
            ('\\', Some(n)) => {
                out.push(Tok::Lit(vec![c, n]));
                i += 1;
            }
            ('[', _) => {
                // A bracket expression: `]` first (after `^`) is a member.
                let mut j = i + 1;
                if p.get(j) == Some(&'^') {
                    j += 1;
                }
                if p.get(j) == Some(&']') {
                    j += 1;
                }
                while j < p.len() && p[j] != ']' {
                    j += 1;
                }
                let end = (j + 1).min(p.len());
                out.push(Tok::Lit(p[i..end].to_vec()));
                i = end - 1;
            }
            _ => out.push(Tok::Lit(vec![c])),
        }
        i += 1;
    }
    out
}

/// Splits tokens at the `|` outside any group.
fn split_bars(toks: &[Tok]) -> Vec<Vec<Tok>> {
    let mut parts = vec![Vec::new()];
    let mut depth = 0usize;
    for t in toks {
        match t {
            Tok::Open => depth += 1,
            Tok::Close => depth = depth.saturating_sub(1),
            Tok::Bar if depth == 0 => {
                parts.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = parts.last_mut() {
            last.push(t.clone());
        }
    }
    parts
}

/// The most alternatives a pattern expands to.
const MAX_ALTS: usize = 64;

/// The pattern's alternatives as plain patterns: a group holding `|` (and not repeated)
/// becomes one alternative per choice, `^(a|b):` → `^a:`, `^b:`.
fn alternatives(toks: &[Tok]) -> Vec<Vec<char>> {
    // A stack whose top is the next alternative in order.
    let mut todo: Vec<Vec<Tok>> = split_bars(toks);
    todo.reverse();
    let mut done: Vec<Vec<char>> = Vec::new();
    while let Some(alt) = todo.pop() {
        let mut expanded = false;
        let mut depth = 0usize;
        let mut open_at = 0;
        for (k, t) in alt.iter().enumerate() {
            match t {
                Tok::Open => {
                    if depth == 0 {
                        open_at = k;
                    }
                    depth += 1;
                }
                Tok::Close if depth > 0 => {
                    depth -= 1;
                    if depth > 0 {
                        continue;
                    }
                    let inner = &alt[open_at + 1..k];
                    let repeated = matches!(alt.get(k + 1), Some(Tok::Lit(l)) if matches!(l.first(), Some('*' | '+' | '?' | '{')));
                    let choices = split_bars(inner);
                    if choices.len() > 1 && !repeated && done.len() + todo.len() + choices.len() <= MAX_ALTS {
                        for ch in choices.into_iter().rev() {
                            let mut v: Vec<Tok> = alt[..open_at].to_vec();
                            v.extend(ch);
                            v.extend(alt[k + 1..].iter().cloned());
                            todo.push(v);
                        }
                        expanded = true;
                        break;
                    }
                }
                _ => {}
            }
        }
        if !expanded {
            done.push(
                alt.iter()
                    .flat_map(|t| match t {
                        Tok::Lit(l) => l.clone(),
                        _ => Vec::new(),
                    })
                    .collect(),
            );
        }
    }
    done
}

fn compile(p: &[char], ere: bool) -> (bool, Vec<Node>, bool) {
    let mut i = 0;
    let start = p.first() == Some(&'^');
    if start {
        i = 1;
    }
    let mut end = p.len();
    let end_anchor = end > i && p[end - 1] == '$' && !(end >= 2 && p[end - 2] == '\\');
    if end_anchor {
        end -= 1;
    }
    let mut nodes: Vec<Node> = Vec::new();
    while i < end {
        let c = p[i];
        i += 1;
        let atom = match c {
            '.' => Atom::Any,
            '[' => {
                let mut j = i;
                let neg = p.get(j) == Some(&'^');
                if neg {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                while j < end && (p[j] != ']' || first) {
                    first = false;
                    if j + 2 < end && p[j + 1] == '-' && p[j + 2] != ']' {
                        ranges.push((p[j], p[j + 2]));
                        j += 3;
                    } else {
                        ranges.push((p[j], p[j]));
                        j += 1;
                    }
                }
                i = (j + 1).min(end.max(j + 1));
                Atom::Set(neg, ranges)
            }
            '*' if !nodes.is_empty() => {
                if let Some(n) = nodes.last_mut() {
                    n.min = 0;
                    n.max = usize::MAX;
                }
                continue;
            }
            '+' | '?' if ere && !nodes.is_empty() => {
                if let Some(n) = nodes.last_mut() {
                    if c == '+' {
                        n.min = 1;
                        n.max = usize::MAX;
                    } else {
                        n.min = 0;
                        n.max = 1;
                    }
                }
                continue;
            }
            '(' | ')' if ere => continue,
            '\\' => {
                let n = p.get(i).copied().unwrap_or('\\');
                i += 1;
                match n {
                    '+' | '?' if !ere && !nodes.is_empty() => {
                        if let Some(last) = nodes.last_mut() {
                            (last.min, last.max) = if n == '+' { (1, usize::MAX) } else { (0, 1) };
                        }
                        continue;
                    }
                    '(' | ')' if !ere => continue,
                    't' => Atom::Char('\t'),
                    'n' => Atom::Char('\n'),
                    's' => Atom::Set(false, vec![(' ', ' '), ('\t', '\t')]),
                    'w' => Atom::Set(false, vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]),
                    other => Atom::Char(other),
                }
            }
            other => Atom::Char(other),
        };
        nodes.push(Node { atom, min: 1, max: 1 });
        if nodes.len() >= MAX_NODES {
            break;
        }
    }
    (start, nodes, end_anchor)
}

fn atom_matches(a: &Atom, c: char, icase: bool) -> bool {
    let c = if icase { c.to_lowercase().next().unwrap_or(c) } else { c };
    match a {
        Atom::Any => true,
        Atom::Char(x) => *x == c,
        Atom::Set(neg, ranges) => {
            let hit = ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi)
                || (icase && ranges.iter().any(|(lo, hi)| {
                    let u = c.to_uppercase().next().unwrap_or(c);
                    *lo <= u && u <= *hi
                }));
            hit != *neg
        }
    }
}

fn match_here(nodes: &[Node], k: usize, text: &[char], pos: usize, end_anchor: bool, budget: &mut usize, icase: bool) -> Option<usize> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    let Some(n) = nodes.get(k) else {
        return (!end_anchor || pos == text.len()).then_some(pos);
    };
    let mut count = 0;
    let mut p = pos;
    while count < n.max && p < text.len() && atom_matches(&n.atom, text[p], icase) {
        count += 1;
        p += 1;
    }
    loop {
        if count >= n.min {
            if let Some(e) = match_here(nodes, k + 1, text, pos + count, end_anchor, budget, icase) {
                return Some(e);
            }
        }
        if count == 0 || count <= n.min || *budget == 0 {
            return None;
        }
        count -= 1;
    }
}


#[cfg(test)]
mod group_tests {
    use super::Regex;

    #[test]
    fn groups_with_alternatives() {
        let re = Regex::new("^(Controlled By|Node|Status):", true, false);
        assert!(re.is_match("Node: x") && re.is_match("Status: y") && re.is_match("Controlled By: z"));
        assert!(!re.is_match("Node-Selectors: x") && !re.is_match(" Node: x"));
        let bre = Regex::new("^\\(a\\|b\\)c$", false, false);
        assert!(bre.is_match("ac") && bre.is_match("bc") && !bre.is_match("abc"));
        let nested = Regex::new("x((a|b)c|d)y", true, false);
        assert!(nested.is_match("xacy") && nested.is_match("xbcy") && nested.is_match("xdy") && !nested.is_match("xay"));
        assert!(Regex::new("[(|]", true, false).is_match("|"));
        assert!(Regex::new("a|b", true, false).is_match("b"));
    }
}
