//! The `mysql` client in batch mode: `mysql -e "SQL"` or a script on stdin
//! (`kubectl exec -i mysql -- mysql -ppassword < init.sql`). Results are tab-separated with a
//! header (or boxed tables without the `rows in set` line when stdout is a terminal); the first
//! error stops the run with `ERROR 1146 (42S02) at line N: ...` and exit code 1.

use super::client::{ConnectOptions, MysqlServer};
use super::exec::{Outcome, ResultSet, Session};
use super::format;
use super::parser::{parse, Stmt};
use super::storage::{self, DataDir};
use super::system;
use super::SqlError;

/// What a batch run printed and how it exited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchResult {
    /// Standard output.
    pub stdout: String,
    /// Standard error (the password warning, errors).
    pub stderr: String,
    /// 0, or 1 after an error.
    pub exit_code: i32,
}

/// Splits a script into statements, each with the line it starts on. Statements end at `;`
/// (or `\g`, `\G`) outside quotes and comments; `--`/`#` comments are dropped.
pub fn split_statements(script: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start_line = 1;
    let mut line = 1;
    let mut quote: Option<char> = None;
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        if cur.trim().is_empty() && !c.is_whitespace() {
            start_line = line;
        }
        if c == '\n' {
            line += 1;
        }
        match quote {
            Some(q) => {
                cur.push(c);
                if c == '\\' && q != '`' {
                    if let Some(n) = chars.next() {
                        if n == '\n' {
                            line += 1;
                        }
                        cur.push(n);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' | '`' => {
                    quote = Some(c);
                    cur.push(c);
                }
                ';' => out.push((start_line, std::mem::take(&mut cur))),
                '\\' if matches!(chars.peek(), Some('g' | 'G')) => {
                    chars.next();
                    out.push((start_line, std::mem::take(&mut cur)));
                }
                '#' => {
                    for n in chars.by_ref() {
                        if n == '\n' {
                            line += 1;
                            cur.push('\n');
                            break;
                        }
                    }
                }
                '-' if chars.peek() == Some(&'-') => {
                    let mut look = chars.clone();
                    look.next();
                    if look.peek().map_or(true, |n| n.is_whitespace()) {
                        for n in chars.by_ref() {
                            if n == '\n' {
                                line += 1;
                                cur.push('\n');
                                break;
                            }
                        }
                    } else {
                        cur.push(c);
                    }
                }
                _ => cur.push(c),
            },
        }
    }
    if !cur.trim().is_empty() {
        out.push((start_line, cur));
    }
    out.into_iter().map(|(l, s)| (l, s.trim().to_string())).filter(|(_, s)| !s.is_empty()).collect()
}

fn escape_batch(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n").replace('\t', "\\t").replace('\0', "\\0")
}

fn tab_separated(rs: &ResultSet, column_names: bool) -> String {
    let mut out = String::new();
    if column_names {
        out = rs.columns.iter().map(|c| escape_batch(&c.name)).collect::<Vec<_>>().join("\t");
        out.push('\n');
    }
    for r in &rs.rows {
        let cells: Vec<String> = r.iter().map(|v| v.as_deref().map_or("NULL".to_string(), escape_batch)).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// How batch results print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchFormat {
    /// Boxed tables: stdout is a terminal (`kubectl exec -it`) or `-t`.
    pub table: bool,
    /// The header line of tab-separated output (`-N` turns it off).
    pub column_names: bool,
}

impl Default for BatchFormat {
    fn default() -> Self {
        BatchFormat { table: false, column_names: true }
    }
}

/// Runs `mysql` non-interactively over `script` (`-e` text or stdin).
pub fn run_batch(server: &mut MysqlServer, dir: &mut dyn DataDir, o: &ConnectOptions, script: &str, fmt: BatchFormat) -> BatchResult {
    let mut res = BatchResult::default();
    if o.password_on_command_line {
        res.stderr.push_str(if o.client_version.is_v8() {
            "mysql: [Warning] Using a password on the command line interface can be insecure.\n"
        } else {
            "Warning: Using a password on the command line interface can be insecure.\n"
        });
    }
    let password = o.password.unwrap_or("");
    let Some(account_host) = system::authenticate(&*dir, o.user, o.client_host, password) else {
        let using = if password.is_empty() { "NO" } else { "YES" };
        res.stderr.push_str(&format!("ERROR 1045 (28000): Access denied for user '{}'@'{}' (using password: {using})\n", o.user, o.client_host));
        res.exit_code = 1;
        return res;
    };
    if let Some(db) = o.database {
        if !super::users::grants_of(&*dir, o.user, &account_host).allows(db) {
            res.stderr.push_str(&format!("ERROR 1044 (42000): Access denied for user '{}'@'{account_host}' to database '{db}'\n", o.user));
            res.exit_code = 1;
            return res;
        }
        if db != "information_schema" && !storage::database_exists(&*dir, db) {
            res.stderr.push_str(&format!("ERROR 1049 (42000): Unknown database '{db}'\n"));
            res.exit_code = 1;
            return res;
        }
    }
    server.next_connection_id += 1;
    let mut db = o.database.map(str::to_string);
    for (line, text) in split_statements(script) {
        let first = text.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
        let stmt = if first == "use" || first == "\\u" {
            let arg = text[first.len()..].trim();
            let arg = arg.strip_prefix('`').and_then(|a| a.strip_suffix('`')).unwrap_or(arg);
            Ok(Stmt::Use(arg.to_string()))
        } else {
            parse(&text).map_err(|e| format::syntax_error(&text, e.0))
        };
        let grants = super::users::grants_of(&*dir, o.user, &account_host);
        let mut session = Session {
            dir: &mut *dir,
            version: server.version,
            db: &mut db,
            user: format!("{}@{}", o.user, o.client_host),
            current_user: format!("{}@{account_host}", o.user),
            grants,
            now: o.now,
            notes: Vec::new(),
            hostname: server.hostname.clone(),
        };
        match stmt.and_then(|s| session.execute(s)) {
            Ok(Outcome::Rows(rs)) if !rs.rows.is_empty() => {
                res.stdout.push_str(&if fmt.table { format::table(&rs) } else { tab_separated(&rs, fmt.column_names) });
            }
            Ok(_) => {}
            Err(SqlError { code, state, message }) => {
                res.stderr.push_str(&format!("ERROR {code} ({state}) at line {line}: {message}\n"));
                res.exit_code = 1;
                return res;
            }
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::super::session_tests::{boot, opts};
    use super::super::storage::MemDataDir;
    use super::super::MysqlVersion;
    use super::*;

    #[test]
    fn splits_statements_with_their_lines() {
        assert_eq!(
            split_statements("use mysql;\n-- c\nselect 'a;b'\n  from t;\n\n# x\nselect 1"),
            vec![(1, "use mysql".to_string()), (3, "select 'a;b'\n  from t".to_string()), (7, "select 1".to_string())]
        );
    }

    #[test]
    fn tab_separated_output_and_stderr_warning() {
        let mut d = MemDataDir::default();
        let mut srv = boot(&mut d, MysqlVersion::V5_6);
        let r = run_batch(&mut srv, &mut d, &opts("password"), "show databases", BatchFormat::default());
        assert_eq!(r.stdout, "Database\ninformation_schema\nmysql\nperformance_schema\n");
        assert_eq!(r.stderr, "Warning: Using a password on the command line interface can be insecure.\n");
        assert_eq!(r.exit_code, 0);
    }

    #[test]
    fn script_creates_data_then_stops_at_the_first_error() {
        let mut d = MemDataDir::default();
        let mut srv = boot(&mut d, MysqlVersion::V5_6);
        let mut o = opts("password");
        o.password_on_command_line = false;
        let script = "create database app;\nuse app;\ncreate table t (id int, s varchar(9));\ninsert into t values (1, 'a\\tb'), (2, NULL);\nselect * from t;\nselect * from nope;\nselect 1;\n";
        let r = run_batch(&mut srv, &mut d, &o, script, BatchFormat::default());
        assert_eq!(r.stdout, "id\ts\n1\ta\\tb\n2\tNULL\n");
        assert_eq!(r.stderr, "ERROR 1146 (42S02) at line 6: Table 'app.nope' doesn't exist\n");
        assert_eq!(r.exit_code, 1);
    }

    #[test]
    fn tty_batch_prints_tables_without_summary() {
        let mut d = MemDataDir::default();
        let mut srv = boot(&mut d, MysqlVersion::V5_6);
        let r = run_batch(&mut srv, &mut d, &opts("password"), "select 1", BatchFormat { table: true, column_names: true });
        assert_eq!(r.stdout, "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n");
        let r = run_batch(&mut srv, &mut d, &opts("password"), "select 1", BatchFormat { table: false, column_names: false });
        assert_eq!(r.stdout, "1\n");
    }

    #[test]
    fn batch_access_denied() {
        let mut d = MemDataDir::default();
        let mut srv = boot(&mut d, MysqlVersion::V5_6);
        let r = run_batch(&mut srv, &mut d, &opts("bad"), "select 1", BatchFormat::default());
        assert_eq!(r.exit_code, 1);
        assert!(r.stderr.ends_with("ERROR 1045 (28000): Access denied for user 'root'@'10.244.1.5' (using password: YES)\n"));
    }
}
