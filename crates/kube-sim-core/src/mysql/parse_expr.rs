//! The expression grammar: `OR` < `AND` < `NOT` < comparisons, `IS NULL`, `LIKE` < `+ -` <
//! `*` < unary minus, literals, columns, function calls and `@@variables`.

use super::lexer::Tok;
use super::parser::{BinOp, Expr, Parser, R};
use super::value::Value;

impl Parser<'_> {
    pub(super) fn expr(&mut self) -> R<Expr> {
        let mut l = self.and_expr()?;
        while self.eat_kw("or") || self.eat_sym("||") {
            let r = self.and_expr()?;
            l = Expr::Bin(BinOp::Or, Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn and_expr(&mut self) -> R<Expr> {
        let mut l = self.not_expr()?;
        while self.eat_kw("and") {
            let r = self.not_expr()?;
            l = Expr::Bin(BinOp::And, Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn not_expr(&mut self) -> R<Expr> {
        if self.eat_kw("not") {
            return Ok(Expr::Not(Box::new(self.not_expr()?)));
        }
        self.cmp_expr()
    }
    fn cmp_expr(&mut self) -> R<Expr> {
        let l = self.add_expr()?;
        let op = match self.peek().map(|t| &t.tok) {
            Some(Tok::Sym("=")) => Some(BinOp::Eq),
            Some(Tok::Sym("!=" | "<>")) => Some(BinOp::Ne),
            Some(Tok::Sym("<")) => Some(BinOp::Lt),
            Some(Tok::Sym(">")) => Some(BinOp::Gt),
            Some(Tok::Sym("<=")) => Some(BinOp::Le),
            Some(Tok::Sym(">=")) => Some(BinOp::Ge),
            _ => None,
        };
        if let Some(op) = op {
            self.i += 1;
            let r = self.add_expr()?;
            return Ok(Expr::Bin(op, Box::new(l), Box::new(r)));
        }
        if self.eat_kw("is") {
            let not = self.eat_kw("not");
            self.kw("null")?;
            return Ok(Expr::IsNull(Box::new(l), not));
        }
        let not = self.at_kw("not") && self.toks.get(self.i + 1).is_some_and(|t| t.is_kw("like") || t.is_kw("in") || t.is_kw("between"));
        if not {
            self.i += 1;
        }
        if self.eat_kw("in") {
            self.sym("(")?;
            let mut list = vec![self.expr()?];
            while self.eat_sym(",") {
                list.push(self.expr()?);
            }
            self.sym(")")?;
            return Ok(Expr::In(Box::new(l), list, not));
        }
        if self.eat_kw("between") {
            let lo = self.add_expr()?;
            self.kw("and")?;
            let hi = self.add_expr()?;
            let range = Expr::Bin(
                BinOp::And,
                Box::new(Expr::Bin(BinOp::Ge, Box::new(l.clone()), Box::new(lo))),
                Box::new(Expr::Bin(BinOp::Le, Box::new(l), Box::new(hi))),
            );
            return Ok(if not { Expr::Not(Box::new(range)) } else { range });
        }
        if self.eat_kw("like") {
            let r = self.add_expr()?;
            return Ok(Expr::Like(Box::new(l), Box::new(r), not));
        }
        Ok(l)
    }
    fn add_expr(&mut self) -> R<Expr> {
        let mut l = self.mul_expr()?;
        loop {
            let op = if self.eat_sym("+") {
                BinOp::Add
            } else if self.eat_sym("-") {
                BinOp::Sub
            } else {
                return Ok(l);
            };
            let r = self.mul_expr()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
    }
    fn mul_expr(&mut self) -> R<Expr> {
        let mut l = self.unary()?;
        while self.eat_sym("*") {
            let r = self.unary()?;
            l = Expr::Bin(BinOp::Mul, Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn unary(&mut self) -> R<Expr> {
        if self.eat_sym("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        let Some(t) = self.peek().cloned() else { return Err(self.err()) };
        match t.tok {
            Tok::Num(n) => {
                self.i += 1;
                match n.parse::<i64>() {
                    Ok(v) => Ok(Expr::Lit(Value::Int(v))),
                    Err(_) => Ok(Expr::Lit(Value::Str(n))),
                }
            }
            Tok::Str(s) => {
                self.i += 1;
                Ok(Expr::Lit(Value::Str(s)))
            }
            Tok::Sym("(") => {
                self.i += 1;
                let e = self.expr()?;
                self.sym(")")?;
                Ok(e)
            }
            Tok::Word(w) if w.eq_ignore_ascii_case("null") => {
                self.i += 1;
                Ok(Expr::Lit(Value::Null))
            }
            Tok::Word(w) if w.starts_with("@@") => {
                self.i += 1;
                Ok(Expr::Func { name: w, args: Vec::new(), star: false })
            }
            Tok::Word(w) if w.eq_ignore_ascii_case("true") || w.eq_ignore_ascii_case("false") => {
                self.i += 1;
                Ok(Expr::Lit(Value::Int(i64::from(w.eq_ignore_ascii_case("true")))))
            }
            Tok::Word(_) | Tok::Quoted(_) => {
                let quoted = matches!(t.tok, Tok::Quoted(_));
                let name = self.ident()?;
                if !quoted && self.at_sym("(") {
                    self.i += 1;
                    if self.eat_sym("*") {
                        self.sym(")")?;
                        return Ok(Expr::Func { name, args: Vec::new(), star: true });
                    }
                    let mut args = Vec::new();
                    if !self.eat_sym(")") {
                        loop {
                            args.push(self.expr()?);
                            if self.eat_sym(")") {
                                break;
                            }
                            self.sym(",")?;
                        }
                    }
                    return Ok(Expr::Func { name, args, star: false });
                }
                if self.eat_sym(".") {
                    // `t.col`: the table qualifier is accepted and ignored.
                    return Ok(Expr::Col(self.ident()?));
                }
                Ok(Expr::Col(name))
            }
            _ => Err(self.err()),
        }
    }
}
