//! Command-line flags with pflag's rules and cobra's error texts.
//!
//! Each kubectl command declares its flags as a table of [`FlagSpec`]; [`parse`] splits argv
//! into flag values and positional arguments, or returns the exact error kubectl prints.
//! Global flags (`-n`, `--namespace`, `--context`, ...) are accepted by every command.

use std::collections::BTreeMap;

/// What kind of value a flag takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// `--flag`, `--flag=true|false`.
    Bool,
    /// `--flag VALUE`, `--flag=VALUE`, `-fVALUE`.
    Value,
    /// Like [`FlagKind::Value`], but every occurrence is kept (`--from-literal`).
    Repeated,
}

/// One flag a command accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagSpec {
    /// The long name, without dashes.
    pub long: &'static str,
    /// The one-letter shorthand, if any.
    pub short: Option<char>,
    /// What it takes.
    pub kind: FlagKind,
}

/// Shorthand for a table entry.
pub const fn flag(long: &'static str, short: Option<char>, kind: FlagKind) -> FlagSpec {
    FlagSpec { long, short, kind }
}

/// Flags every kubectl command accepts.
pub const GLOBAL: &[FlagSpec] = &[
    flag("namespace", Some('n'), FlagKind::Value),
    flag("context", None, FlagKind::Value),
    flag("kubeconfig", None, FlagKind::Value),
    flag("cluster", None, FlagKind::Value),
    flag("user", None, FlagKind::Value),
    flag("server", Some('s'), FlagKind::Value),
    flag("request-timeout", None, FlagKind::Value),
    flag("v", Some('v'), FlagKind::Value),
    flag("help", Some('h'), FlagKind::Bool),
];

/// The parsed command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Positional arguments, in order. Everything after `--` is in [`Parsed::after_dash`].
    pub args: Vec<String>,
    /// The arguments after a bare `--`, if there was one.
    pub after_dash: Option<Vec<String>>,
    /// Flag values by long name; a bool flag holds `"true"` or `"false"`.
    values: BTreeMap<&'static str, Vec<String>>,
}

impl Parsed {
    /// The last value given for `long`.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.values.get(long).and_then(|v| v.last()).map(String::as_str)
    }

    /// Every value given for `long`, in order.
    pub fn all(&self, long: &str) -> &[String] {
        self.values.get(long).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether a bool flag is set to true.
    pub fn is_set(&self, long: &str) -> bool {
        self.get(long) == Some("true")
    }

    /// Whether the flag appeared at all.
    pub fn has(&self, long: &str) -> bool {
        self.values.contains_key(long)
    }
}

/// Parses `argv` (after the command words) against `specs` plus [`GLOBAL`].
///
/// `cmd_path` is the command as cobra names it in errors, e.g. `kubectl get`.
/// The error is the complete text kubectl prints on stderr.
pub fn parse(argv: &[String], specs: &[FlagSpec], cmd_path: &str) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let find_long = |name: &str| specs.iter().chain(GLOBAL).find(|s| s.long == name).copied();
    let find_short = |c: char| specs.iter().chain(GLOBAL).find(|s| s.short == Some(c)).copied();
    let fail = |msg: String| Err(format!("Error: {msg}\nSee '{cmd_path} --help' for usage.\n"));
    let mut i = 0;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            p.after_dash = Some(argv[i..].to_vec());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(spec) = find_long(name) else {
                return fail(format!("unknown flag: --{name}"));
            };
            let value = match (spec.kind, inline) {
                (FlagKind::Bool, Some(v)) => parse_bool(&v).map_err(|()| bool_error(&v, spec, cmd_path))?,
                (FlagKind::Bool, None) => "true".to_string(),
                (_, Some(v)) => v,
                (_, None) if i < argv.len() => {
                    i += 1;
                    argv[i - 1].clone()
                }
                (_, None) => return fail(format!("flag needs an argument: --{name}")),
            };
            p.values.entry(spec.long).or_default().push(value);
        } else if a.len() > 1 && a.starts_with('-') {
            // A group of shorthands: `-it`, `-oyaml`, `-o=yaml`, `-n kube-system`.
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                j += 1;
                let Some(spec) = find_short(c) else {
                    return fail(format!("unknown shorthand flag: '{c}' in {a}"));
                };
                if spec.kind == FlagKind::Bool {
                    let value = if chars.get(j) == Some(&'=') {
                        let v: String = chars[j + 1..].iter().collect();
                        j = chars.len();
                        parse_bool(&v).map_err(|()| bool_error(&v, spec, cmd_path))?
                    } else {
                        "true".to_string()
                    };
                    p.values.entry(spec.long).or_default().push(value);
                    continue;
                }
                let rest: String = chars[j..].iter().collect();
                let value = if let Some(v) = rest.strip_prefix('=') {
                    v.to_string()
                } else if !rest.is_empty() {
                    rest
                } else if i < argv.len() {
                    i += 1;
                    argv[i - 1].clone()
                } else {
                    return fail(format!("flag needs an argument: '{c}' in {a}"));
                };
                p.values.entry(spec.long).or_default().push(value);
                break;
            }
        } else {
            p.args.push(a.clone());
        }
    }
    Ok(p)
}

fn parse_bool(v: &str) -> Result<String, ()> {
    // strconv.ParseBool
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok("true".into()),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok("false".into()),
        _ => Err(()),
    }
}

fn bool_error(v: &str, spec: FlagSpec, cmd_path: &str) -> String {
    let name = match spec.short {
        Some(c) => format!("-{c}, --{}", spec.long),
        None => format!("--{}", spec.long),
    };
    format!(
        "Error: invalid argument \"{v}\" for \"{name}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax\nSee '{cmd_path} --help' for usage.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[FlagSpec] = &[
        flag("output", Some('o'), FlagKind::Value),
        flag("all-namespaces", Some('A'), FlagKind::Bool),
        flag("stdin", Some('i'), FlagKind::Bool),
        flag("tty", Some('t'), FlagKind::Bool),
        flag("from-literal", None, FlagKind::Repeated),
    ];

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn long_short_grouped_and_inline_forms() {
        let p = parse(&argv("pods -oyaml -n kube-system --from-literal=a=b --from-literal c=d -it x"), SPECS, "kubectl get").unwrap();
        assert_eq!(p.args, ["pods", "x"]);
        assert_eq!(p.get("output"), Some("yaml"));
        assert_eq!(p.get("namespace"), Some("kube-system"));
        assert_eq!(p.all("from-literal"), ["a=b", "c=d"]);
        assert!(p.is_set("stdin") && p.is_set("tty"));
    }

    #[test]
    fn double_dash_ends_flags() {
        let p = parse(&argv("pod -it -- sh -c ls"), SPECS, "kubectl exec").unwrap();
        assert_eq!(p.args, ["pod"]);
        assert_eq!(p.after_dash.unwrap(), ["sh", "-c", "ls"]);
    }

    #[test]
    fn errors_match_cobra() {
        assert_eq!(parse(&argv("--foo"), SPECS, "kubectl get").unwrap_err(), "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
        assert_eq!(parse(&argv("-z"), SPECS, "kubectl get").unwrap_err(), "Error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n");
        assert_eq!(parse(&argv("-o"), SPECS, "kubectl get").unwrap_err(), "Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n");
        assert_eq!(parse(&argv("--namespace"), SPECS, "kubectl get").unwrap_err(), "Error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage.\n");
        assert_eq!(
            parse(&argv("--all-namespaces=foo"), SPECS, "kubectl get").unwrap_err(),
            "Error: invalid argument \"foo\" for \"-A, --all-namespaces\" flag: strconv.ParseBool: parsing \"foo\": invalid syntax\nSee 'kubectl get --help' for usage.\n"
        );
    }
}
