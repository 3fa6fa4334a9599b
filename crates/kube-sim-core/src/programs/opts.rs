//! GNU getopt_long-style option parsing with GNU's error texts.

/// Parsed options: flags seen (short letters or long names) with values, and operands.
#[derive(Debug, Default)]
pub struct Opts {
    /// `(name, value)` in order; short options by their letter.
    pub flags: Vec<(String, Option<String>)>,
    /// The operands.
    pub args: Vec<String>,
}

impl Opts {
    /// Parses `argv`. `short` lists the short letters, a `:` after a letter means it takes a
    /// value; `long` lists long names (`name=` takes a value) and the short letter they mean
    /// (`'\0'` for none). Errors are GNU's texts without the program prefix.
    pub fn parse(argv: &[String], short: &str, long: &[(&str, char)]) -> Result<Opts, String> {
        let mut o = Opts::default();
        let mut i = 0;
        let sc: Vec<char> = short.chars().collect();
        let takes = |c: char| sc.iter().position(|x| *x == c).is_some_and(|p| sc.get(p + 1) == Some(&':'));
        while let Some(a) = argv.get(i) {
            i += 1;
            if a == "--" {
                o.args.extend(argv[i..].iter().cloned());
                break;
            }
            if let Some(l) = a.strip_prefix("--") {
                let (name, val) = match l.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (l, None),
                };
                let base = |n: &str| n.trim_end_matches(['=', '?']).to_string();
                let matches: Vec<&(&str, char)> = long.iter().filter(|(n, _)| base(n) == name).collect();
                let matches = if matches.is_empty() { long.iter().filter(|(n, _)| base(n).starts_with(name)).collect() } else { matches };
                let Some((full, letter)) = matches.first() else { return Err(format!("unrecognized option '{a}'")) };
                if matches.len() > 1 {
                    return Err(format!("option '{a}' is ambiguous"));
                }
                let key = if *letter == '\0' { base(full) } else { letter.to_string() };
                if full.ends_with('=') {
                    let v = match val {
                        Some(v) => v,
                        None => match argv.get(i) {
                            Some(v) => {
                                i += 1;
                                v.clone()
                            }
                            None => return Err(format!("option '--{}' requires an argument", full.trim_end_matches('='))),
                        },
                    };
                    o.flags.push((key, Some(v)));
                } else if val.is_some() && !full.ends_with('?') {
                    return Err(format!("option '--{}' doesn't allow an argument", base(full)));
                } else {
                    o.flags.push((key, val));
                }
                continue;
            }
            if a.len() > 1 && a.starts_with('-') {
                let chars: Vec<char> = a.chars().skip(1).collect();
                let mut k = 0;
                while let Some(&c) = chars.get(k) {
                    k += 1;
                    if !sc.contains(&c) || c == ':' {
                        return Err(format!("invalid option -- '{c}'"));
                    }
                    if takes(c) {
                        let rest: String = chars[k..].iter().collect();
                        let v = if !rest.is_empty() {
                            rest
                        } else {
                            match argv.get(i) {
                                Some(v) => {
                                    i += 1;
                                    v.clone()
                                }
                                None => return Err(format!("option requires an argument -- '{c}'")),
                            }
                        };
                        o.flags.push((c.to_string(), Some(v)));
                        break;
                    }
                    o.flags.push((c.to_string(), None));
                }
                continue;
            }
            o.args.push(a.clone());
        }
        Ok(o)
    }

    /// Whether flag `name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }

    /// The last value of flag `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }
}
