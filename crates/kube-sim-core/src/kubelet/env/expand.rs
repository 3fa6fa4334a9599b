//! `$(VAR)` references in `env[].value` (third_party/forked/golang/expansion): `$(NAME)` is
//! replaced when NAME is defined, kept as written otherwise; `$$` is a literal `$`.

/// Expands `input` with `lookup` (a name → value, `None` when undefined).
pub(crate) fn expand(input: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let b = input.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut checkpoint = 0;
    let mut cursor = 0;
    while cursor < b.len() {
        if b[cursor] == b'$' && cursor + 1 < b.len() {
            out.extend_from_slice(&b[checkpoint..cursor]);
            let rest = &b[cursor + 1..];
            let advance = match rest[0] {
                b'$' => {
                    out.push(b'$');
                    1
                }
                b'(' => match rest.iter().position(|&c| c == b')') {
                    Some(end) => {
                        let name = String::from_utf8_lossy(&rest[1..end]).into_owned();
                        match lookup(&name) {
                            Some(v) => out.extend_from_slice(v.as_bytes()),
                            None => out.extend_from_slice(format!("$({name})").as_bytes()),
                        }
                        end + 1
                    }
                    None => {
                        out.extend_from_slice(b"$(");
                        1
                    }
                },
                c => {
                    out.push(b'$');
                    out.push(c);
                    1
                }
            };
            cursor += advance;
            checkpoint = cursor + 1;
        }
        cursor += 1;
    }
    out.extend_from_slice(&b[checkpoint.min(b.len())..]);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(n: &str) -> Option<String> {
        match n {
            "A" => Some("x".into()),
            "B" => Some("$(A)".into()),
            _ => None,
        }
    }

    #[test]
    fn upstream_cases() {
        assert_eq!(expand("$(A)", vars), "x");
        assert_eq!(expand("pre-$(A)-post", vars), "pre-x-post");
        assert_eq!(expand("$(B)", vars), "$(A)");
        assert_eq!(expand("$(NOPE)", vars), "$(NOPE)");
        assert_eq!(expand("$$(A)", vars), "$(A)");
        assert_eq!(expand("$$$(A)", vars), "$x");
        assert_eq!(expand("$(A", vars), "$(A");
        assert_eq!(expand("$A", vars), "$A");
        assert_eq!(expand("end$", vars), "end$");
        assert_eq!(expand("$()", vars), "$()");
        assert_eq!(expand("héllo $(A) ü", vars), "héllo x ü");
    }
}
