//! `$(( ))` arithmetic: integers, `+ - * / %`, comparisons, parentheses, variables.

/// Evaluates `text`; `var` looks variables up. Errors are bash's texts.
pub(crate) fn eval(text: &str, var: &dyn Fn(&str) -> Option<String>) -> Result<i64, String> {
    let toks = lex(text)?;
    let mut p = P { toks, i: 0, var, depth: 0 };
    if p.toks.is_empty() {
        return Ok(0);
    }
    let v = p.cmp()?;
    match p.toks.get(p.i) {
        None => Ok(v),
        Some(t) => Err(format!("syntax error in expression (error token is \"{}\")", t.text())),
    }
}

#[derive(Clone, Debug)]
enum Tok {
    Num(i64),
    Name(String),
    Op(String),
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Num(n) => n.to_string(),
            Tok::Name(s) | Tok::Op(s) => s.clone(),
        }
    }
}

fn lex(s: &str) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch.is_ascii_digit() {
            let st = i;
            while i < c.len() && c[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let t: String = c[st..i].iter().collect();
            out.push(Tok::Num(t.parse().map_err(|_| format!("value too great for base (error token is \"{t}\")"))?));
        } else if ch.is_ascii_alphabetic() || ch == '_' {
            let st = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Name(c[st..i].iter().collect()));
        } else {
            let two: String = c[i..(i + 2).min(c.len())].iter().collect();
            if ["==", "!=", "<=", ">=", "&&", "||", "**"].contains(&two.as_str()) {
                out.push(Tok::Op(two));
                i += 2;
            } else if "+-*/%()<>!".contains(ch) {
                out.push(Tok::Op(ch.to_string()));
                i += 1;
            } else {
                let rest: String = c[i..].iter().collect();
                return Err(format!("syntax error: invalid arithmetic operator (error token is \"{rest}\")"));
            }
        }
    }
    Ok(out)
}

struct P<'a> {
    toks: Vec<Tok>,
    i: usize,
    var: &'a dyn Fn(&str) -> Option<String>,
    depth: usize,
}

impl P<'_> {
    fn op(&self) -> Option<&str> {
        match self.toks.get(self.i) {
            Some(Tok::Op(o)) => Some(o),
            _ => None,
        }
    }

    fn cmp(&mut self) -> Result<i64, String> {
        let mut l = self.add()?;
        while let Some(o) = self.op().map(str::to_string) {
            if !["==", "!=", "<", ">", "<=", ">="].contains(&o.as_str()) {
                break;
            }
            self.i += 1;
            let r = self.add()?;
            l = i64::from(match o.as_str() {
                "==" => l == r,
                "!=" => l != r,
                "<" => l < r,
                ">" => l > r,
                "<=" => l <= r,
                _ => l >= r,
            });
        }
        Ok(l)
    }

    fn add(&mut self) -> Result<i64, String> {
        let mut l = self.mul()?;
        while let Some(o) = self.op().filter(|o| *o == "+" || *o == "-").map(str::to_string) {
            self.i += 1;
            let r = self.mul()?;
            l = if o == "+" { l.wrapping_add(r) } else { l.wrapping_sub(r) };
        }
        Ok(l)
    }

    fn mul(&mut self) -> Result<i64, String> {
        let mut l = self.pow()?;
        while let Some(o) = self.op().filter(|o| ["*", "/", "%"].contains(o)).map(str::to_string) {
            self.i += 1;
            let r = self.pow()?;
            l = match o.as_str() {
                "*" => l.wrapping_mul(r),
                _ if r == 0 => return Err("division by 0 (error token is \"0\")".into()),
                "/" => l.wrapping_div(r),
                _ => l.wrapping_rem(r),
            };
        }
        Ok(l)
    }

    fn pow(&mut self) -> Result<i64, String> {
        let base = self.unary()?;
        if self.op() == Some("**") {
            self.i += 1;
            let e = self.pow()?;
            if e < 0 {
                return Err("exponent less than 0 (error token is \"0\")".into());
            }
            return Ok(base.wrapping_pow(u32::try_from(e).unwrap_or(u32::MAX)));
        }
        Ok(base)
    }

    fn unary(&mut self) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err("expression recursion level exceeded".into());
        }
        let r = match self.toks.get(self.i).cloned() {
            Some(Tok::Op(o)) if o == "-" || o == "+" || o == "!" => {
                self.i += 1;
                let v = self.unary()?;
                Ok(match o.as_str() {
                    "-" => v.wrapping_neg(),
                    "!" => i64::from(v == 0),
                    _ => v,
                })
            }
            Some(Tok::Op(o)) if o == "(" => {
                self.i += 1;
                let v = self.cmp()?;
                if self.op() != Some(")") {
                    return Err("missing `)'".into());
                }
                self.i += 1;
                Ok(v)
            }
            Some(Tok::Num(n)) => {
                self.i += 1;
                Ok(n)
            }
            Some(Tok::Name(n)) => {
                self.i += 1;
                Ok((self.var)(&n).and_then(|v| v.trim().parse().ok()).unwrap_or(0))
            }
            Some(t) => Err(format!("syntax error: operand expected (error token is \"{}\")", t.text())),
            None => Err("syntax error: operand expected".into()),
        };
        self.depth -= 1;
        r
    }
}
