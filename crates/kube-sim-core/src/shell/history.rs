//! History expansion of typed lines: `!!`, `!N`, `!-N`, `!prefix`.

/// Expands history references in `line` against `history` (oldest first). `Ok(None)` when the
/// line has none; `Err(event)` for bash's `event not found`.
pub(crate) fn expand(line: &str, history: &[String]) -> Result<Option<String>, String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut changed = false;
    let mut i = 0;
    let mut single = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            single = !single;
        }
        if c == '\\' && !single {
            out.push(c);
            if let Some(n) = chars.get(i + 1) {
                out.push(*n);
            }
            i += 2;
            continue;
        }
        if c != '!' || single {
            out.push(c);
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let (found, len) = match next {
            Some('!') => (history.last().cloned(), 2),
            Some(d) if d.is_ascii_digit() || d == '-' => {
                let mut j = i + 1;
                if d == '-' {
                    j += 1;
                }
                while chars.get(j).is_some_and(char::is_ascii_digit) {
                    j += 1;
                }
                let text: String = chars[i + 1..j].iter().collect();
                let n: i64 = text.parse().unwrap_or(0);
                let idx = if n < 0 { history.len() as i64 + n } else { n - 1 };
                let found = usize::try_from(idx).ok().and_then(|k| history.get(k)).cloned();
                if text == "-" {
                    out.push('!');
                    i += 1;
                    continue;
                }
                (found.ok_or(format!("!{text}"))?.into(), j - i)
            }
            Some(a) if a.is_ascii_alphabetic() || a == '/' || a == '.' => {
                let mut j = i + 1;
                while chars.get(j).is_some_and(|c| !c.is_whitespace() && !";|&()<>\"'".contains(*c)) {
                    j += 1;
                }
                let prefix: String = chars[i + 1..j].iter().collect();
                let found = history.iter().rev().find(|h| h.starts_with(&prefix)).cloned();
                (Some(found.ok_or(format!("!{prefix}"))?), j - i)
            }
            _ => {
                out.push('!');
                i += 1;
                continue;
            }
        };
        match found {
            Some(h) => out.push_str(&h),
            None => return Err("!!".into()),
        }
        changed = true;
        i += len;
    }
    Ok(changed.then_some(out))
}

#[cfg(test)]
mod tests {
    use super::expand;

    #[test]
    fn bang_forms() {
        let h: Vec<String> = vec!["ls -l".into(), "yum install -y nfs-utils".into()];
        assert_eq!(expand("sudo !!", &h), Ok(Some("sudo yum install -y nfs-utils".into())));
        assert_eq!(expand("!1 /tmp", &h), Ok(Some("ls -l /tmp".into())));
        assert_eq!(expand("!-1", &h), Ok(Some("yum install -y nfs-utils".into())));
        assert_eq!(expand("!ls", &h), Ok(Some("ls -l".into())));
        assert_eq!(expand("echo '!!' hi! ! !=", &h), Ok(None));
        assert_eq!(expand("!nope", &h), Err("!nope".into()));
        assert_eq!(expand("!!", &[]), Err("!!".into()));
    }
}
