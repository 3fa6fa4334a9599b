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
        let mut parts: Vec<Vec<char>> = vec![Vec::new()];
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if ere && c == '|' {
                parts.push(Vec::new());
            } else if !ere && c == '\\' && chars.get(i + 1) == Some(&'|') {
                parts.push(Vec::new());
                i += 1;
            } else if let Some(last) = parts.last_mut() {
                last.push(c);
                if c == '\\' {
                    if let Some(n) = chars.get(i + 1) {
                        last.push(*n);
                        i += 1;
                    }
                }
            }
            i += 1;
        }
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

