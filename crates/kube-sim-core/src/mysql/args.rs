//! The `mysql` client's command line: `mysql -h mysql -ppassword`, `-u root`, `-e "SQL"`,
//! `-D db` or a positional database, `-A`, `-t`, `-N`, `-B`, `--long=value` forms. As in the
//! real client, `-p` takes its value only when attached (`-p password` prompts, and `password`
//! becomes the database).

use super::MysqlVersion;

/// The parsed command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MysqlArgs {
    /// `-h` / `--host`.
    pub host: Option<String>,
    /// `-u` / `--user`.
    pub user: Option<String>,
    /// `-pVALUE` / `--password=VALUE`.
    pub password: Option<String>,
    /// `-p` / `--password` without a value: the client asks `Enter password: `.
    pub password_prompt: bool,
    /// `-P` / `--port`.
    pub port: Option<String>,
    /// `-D` / `--database` or the first positional argument.
    pub database: Option<String>,
    /// `-e` / `--execute`.
    pub execute: Option<String>,
    /// `-A` / `--no-auto-rehash`.
    pub no_auto_rehash: bool,
    /// `-t` / `--table`.
    pub table: bool,
    /// `-B` / `--batch`.
    pub batch: bool,
    /// `-N` / `--skip-column-names`.
    pub skip_column_names: bool,
    /// `-V` / `--version`.
    pub version: bool,
}

impl MysqlArgs {
    /// Whether the password was given on the command line (the client then warns).
    pub fn password_on_command_line(&self) -> bool {
        self.password.is_some()
    }
}

/// What `mysql --version` prints.
pub fn version_line(client: MysqlVersion) -> String {
    if client.is_v8() {
        format!("mysql  Ver {} for Linux on x86_64 (MySQL Community Server - GPL)\n", client.server_version())
    } else {
        format!("mysql  Ver 14.14 Distrib {}, for Linux (x86_64) using  EditLine wrapper\n", client.server_version())
    }
}

fn takes_value(short: char) -> Option<&'static str> {
    Some(match short {
        'h' => "host",
        'u' => "user",
        'P' => "port",
        'D' => "database",
        'e' => "execute",
        _ => return None,
    })
}

/// Parses the arguments after `mysql`; `Err` is the text the client prints (exit code 1).
pub fn parse_args(args: &[&str]) -> Result<MysqlArgs, String> {
    let mut a = MysqlArgs::default();
    let mut i = 0;
    let set = |a: &mut MysqlArgs, name: &str, value: String| match name {
        "host" => a.host = Some(value),
        "user" => a.user = Some(value),
        "port" => a.port = Some(value),
        "database" => a.database = Some(value),
        "execute" => a.execute = Some(value),
        _ => {}
    };
    while i < args.len() {
        let arg = args[i];
        i += 1;
        if let Some(long) = arg.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let name = name.replace('_', "-");
            match name.as_str() {
                "host" | "user" | "port" | "database" | "execute" => {
                    let v = match value {
                        Some(v) => v,
                        None if i < args.len() => {
                            i += 1;
                            args[i - 1].to_string()
                        }
                        None => return Err(format!("mysql: option '--{name}' requires an argument\n")),
                    };
                    set(&mut a, &name, v);
                }
                "password" => match value {
                    Some(v) => a.password = Some(v),
                    None => a.password_prompt = true,
                },
                "no-auto-rehash" | "skip-auto-rehash" => a.no_auto_rehash = true,
                "auto-rehash" => a.no_auto_rehash = false,
                "table" => a.table = true,
                "batch" => a.batch = true,
                "skip-column-names" => a.skip_column_names = true,
                "version" => a.version = true,
                _ => return Err(format!("mysql: unknown option '--{name}'\n")),
            }
            continue;
        }
        if let Some(shorts) = arg.strip_prefix('-').filter(|s| !s.is_empty()) {
            let chars = shorts.char_indices();
            for (pos, c) in chars {
                let rest = &shorts[pos + c.len_utf8()..];
                if c == 'p' {
                    if rest.is_empty() {
                        a.password_prompt = true;
                    } else {
                        a.password = Some(rest.to_string());
                    }
                    break;
                }
                if let Some(name) = takes_value(c) {
                    let v = if !rest.is_empty() {
                        rest.to_string()
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].to_string()
                    } else {
                        return Err(format!("mysql: option '-{c}' requires an argument\n"));
                    };
                    set(&mut a, name, v);
                    break;
                }
                match c {
                    'A' => a.no_auto_rehash = true,
                    't' => a.table = true,
                    'B' => a.batch = true,
                    'N' => a.skip_column_names = true,
                    'V' => a.version = true,
                    _ => return Err(format!("mysql: unknown option '-{c}'\n")),
                }
            }
            continue;
        }
        if a.database.is_none() {
            a.database = Some(arg.to_string());
        }
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_articles_command_line() {
        let a = parse_args(&["-h", "mysql", "-ppassword"]).unwrap();
        assert_eq!(a.host.as_deref(), Some("mysql"));
        assert_eq!(a.password.as_deref(), Some("password"));
        assert!(a.password_on_command_line() && !a.password_prompt);
        assert_eq!(a.user, None);
    }

    #[test]
    fn a_separate_p_value_is_the_database() {
        let a = parse_args(&["-uroot", "-p", "password"]).unwrap();
        assert!(a.password_prompt);
        assert_eq!(a.password, None);
        assert_eq!(a.database.as_deref(), Some("password"));
        assert_eq!(a.user.as_deref(), Some("root"));
    }

    #[test]
    fn long_options_and_execute() {
        let a = parse_args(&["--host=mysql", "--user", "bob", "--password=pw", "-e", "show databases", "-AtN", "app"]).unwrap();
        assert_eq!(a.host.as_deref(), Some("mysql"));
        assert_eq!(a.user.as_deref(), Some("bob"));
        assert_eq!(a.password.as_deref(), Some("pw"));
        assert_eq!(a.execute.as_deref(), Some("show databases"));
        assert!(a.no_auto_rehash && a.table && a.skip_column_names);
        assert_eq!(a.database.as_deref(), Some("app"));
    }

    #[test]
    fn errors_as_the_client_prints_them() {
        assert_eq!(parse_args(&["-x"]).unwrap_err(), "mysql: unknown option '-x'\n");
        assert_eq!(parse_args(&["--nope"]).unwrap_err(), "mysql: unknown option '--nope'\n");
        assert_eq!(parse_args(&["-h"]).unwrap_err(), "mysql: option '-h' requires an argument\n");
        assert_eq!(version_line(MysqlVersion::V5_6), "mysql  Ver 14.14 Distrib 5.6.51, for Linux (x86_64) using  EditLine wrapper\n");
    }
}
