//! The `mysql` command-line client in interactive mode: the greeting, prompts (`mysql> `,
//! `    -> `, `    '> `), statements ended by `;`, `\g` or `\G`, the client commands `use`,
//! `quit`/`exit`/`\q` (→ `Bye`) and `\c`.

use super::exec::{Note, Outcome, ResultColumn, ResultSet, Session};
use super::client_text::{help_text, NOTHING_FOUND};
use super::format;
use super::parser::{parse, Stmt};
use super::storage::{self, DataDir};
use super::system;
use super::{MysqlVersion, SqlError};

/// A running server's connection counter (one per mysqld process).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MysqlServer {
    /// The server version.
    pub version: MysqlVersion,
    /// The id the next connection gets.
    pub next_connection_id: u64,
    /// `@@hostname`: the pod's hostname.
    pub hostname: String,
    /// Unix seconds when mysqld became ready (for `Uptime`).
    pub started_at: i64,
}

impl MysqlServer {
    /// A freshly started mysqld (hostname `localhost`, started at 0; see [`MysqlServer::on_host`]).
    pub fn new(version: MysqlVersion) -> MysqlServer {
        // 8.0 has background threads holding the first ids.
        let next_connection_id = if version.is_v8() { 8 } else { 1 };
        MysqlServer { version, next_connection_id, hostname: "localhost".into(), started_at: 0 }
    }

    /// The same server, running in a pod with this hostname since `started_at`.
    pub fn on_host(mut self, hostname: &str, started_at: i64) -> MysqlServer {
        self.hostname = hostname.to_string();
        self.started_at = started_at;
        self
    }
}

/// How `mysql` was invoked.
#[derive(Clone, Debug)]
pub struct ConnectOptions<'a> {
    /// The client program's version (the image the client runs in).
    pub client_version: MysqlVersion,
    /// `-u` (default `root`).
    pub user: &'a str,
    /// The password (`-pVALUE`), `None` without `-p`.
    pub password: Option<&'a str>,
    /// Whether the password was given on the command line (the client then warns).
    pub password_on_command_line: bool,
    /// The client's address as the server sees it (`10.244.1.5`, or `localhost`).
    pub client_host: &'a str,
    /// The database argument.
    pub database: Option<&'a str>,
    /// Unix seconds at connect (the cluster clock), for `NOW()`; see [`ClientSession::set_now`].
    pub now: i64,
    /// `-A` / `--no-auto-rehash`: no "Reading table information" on `use`.
    pub no_auto_rehash: bool,
    /// `-h` as given (`mysql`), `None` for the local socket.
    pub server_host: Option<&'a str>,
}

impl Default for ConnectOptions<'_> {
    fn default() -> Self {
        ConnectOptions {
            client_version: MysqlVersion::V5_6,
            user: "root",
            password: None,
            password_on_command_line: false,
            client_host: "localhost",
            database: None,
            now: 0,
            no_auto_rehash: false,
            server_host: None,
        }
    }
}

/// What one typed line produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feed {
    /// Text printed (may be empty).
    pub output: String,
    /// The prompt to show next (empty once finished).
    pub prompt: String,
    /// The client exited (`quit`).
    pub finished: bool,
}

/// An interactive `mysql` session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSession {
    pub(super) version: MysqlVersion,
    pub(super) client_version: MysqlVersion,
    /// Server-side current database.
    pub(super) db: Option<String>,
    pub(super) user: String,
    pub(super) client_host: String,
    pub(super) account_host: String,
    pub(super) buffer: String,
    /// The connection id.
    pub connection_id: u64,
    pub(super) now: i64,
    pub(super) rehash: bool,
    pub(super) warnings: Vec<Note>,
    pub(super) hostname: String,
    pub(super) started_at: i64,
    pub(super) server_host: Option<String>,
    pub(super) questions: u64,
    pub(super) link: super::reconnect::Link,
}

/// `ERROR 2003` when nothing listens at `host:3306` (the client's text).
pub fn cant_connect(client_version: MysqlVersion, host: &str) -> String {
    if client_version.is_v8() {
        format!("ERROR 2003 (HY000): Can't connect to MySQL server on '{host}:3306' (111)\n")
    } else {
        format!("ERROR 2003 (HY000): Can't connect to MySQL server on '{host}' (111)\n")
    }
}

/// `ERROR 2005` when the host name does not resolve.
pub fn unknown_host(client_version: MysqlVersion, host: &str) -> String {
    if client_version.is_v8() {
        format!("ERROR 2005 (HY000): Unknown MySQL server host '{host}' (-2)\n")
    } else {
        format!("ERROR 2005 (HY000): Unknown MySQL server host '{host}' (0)\n")
    }
}

fn password_warning(v: MysqlVersion) -> &'static str {
    if v.is_v8() {
        "mysql: [Warning] Using a password on the command line interface can be insecure.\n"
    } else {
        "Warning: Using a password on the command line interface can be insecure.\n"
    }
}

const READING: &str = "Reading table information for completion of table and column names\nYou can turn off this feature to get a quicker startup with -A\n\n";

impl ClientSession {
    /// Connects: `Ok((session, greeting))` or `Err(text)` (the warning and the error line); the
    /// greeting ends with a blank line, the caller then shows [`ClientSession::prompt`].
    pub fn connect(server: &mut MysqlServer, dir: &dyn DataDir, o: &ConnectOptions) -> Result<(ClientSession, String), String> {
        let mut out = String::new();
        if o.password_on_command_line {
            out.push_str(password_warning(o.client_version));
        }
        let password = o.password.unwrap_or("");
        let account_host = match system::authenticate(dir, o.user, o.client_host, password) {
            Some(h) => h,
            None => {
                let using = if password.is_empty() { "NO" } else { "YES" };
                out.push_str(&format!(
                    "ERROR 1045 (28000): Access denied for user '{}'@'{}' (using password: {using})\n",
                    o.user, o.client_host
                ));
                return Err(out);
            }
        };
        if let Some(db) = o.database {
            if !super::users::grants_of(dir, o.user, &account_host).allows(db) {
                out.push_str(&format!("ERROR 1044 (42000): Access denied for user '{}'@'{account_host}' to database '{db}'\n", o.user));
                return Err(out);
            }
            if db != "information_schema" && !storage::database_exists(dir, db) {
                out.push_str(&SqlError::new(1049, "42000", format!("Unknown database '{db}'")).line());
                out.push('\n');
                return Err(out);
            }
            if !o.no_auto_rehash && !storage::list_tables(dir, db).is_empty() {
                out.push_str(READING);
            }
        }
        let id = server.next_connection_id;
        server.next_connection_id += 1;
        let v = server.version;
        let copyright = if o.client_version.is_v8() {
            "Copyright (c) 2000, 2024, Oracle and/or its affiliates."
        } else {
            "Copyright (c) 2000, 2021, Oracle and/or its affiliates. All rights reserved."
        };
        out.push_str(&format!(
            "Welcome to the MySQL monitor.  Commands end with ; or \\g.\nYour MySQL connection id is {id}\nServer version: {} {}\n\n{copyright}\n\nOracle is a registered trademark of Oracle Corporation and/or its\naffiliates. Other names may be trademarks of their respective\nowners.\n\nType 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n",
            v.server_version(),
            v.version_comment()
        ));
        let s = ClientSession {
            version: v,
            client_version: o.client_version,
            db: o.database.map(str::to_string),
            user: o.user.to_string(),
            client_host: o.client_host.to_string(),
            account_host,
            buffer: String::new(),
            connection_id: id,
            now: o.now,
            rehash: !o.no_auto_rehash,
            warnings: Vec::new(),
            hostname: server.hostname.clone(),
            started_at: server.started_at,
            server_host: o.server_host.map(str::to_string),
            questions: 0,
            link: super::reconnect::Link::Up,
        };
        Ok((s, out))
    }

    /// End of input (Ctrl-D, or the end of piped stdin): the client says `Bye` and exits.
    pub fn eof(&mut self) -> Feed {
        self.buffer.clear();
        Feed { output: "Bye\n".into(), prompt: String::new(), finished: true }
    }

    /// Moves the session's clock (call before [`ClientSession::feed_line`] as simulated time passes).
    pub fn set_now(&mut self, now: i64) {
        self.now = now;
    }

    /// The current database, as `SELECT DATABASE()` shows it.
    pub fn database(&self) -> Option<&str> {
        self.db.as_deref()
    }

    /// The prompt for the next line.
    pub fn prompt(&self) -> String {
        match scan_state(&self.buffer) {
            State::Quote(q) => format!("    {q}> "),
            State::Comment => "   /*> ".into(),
            State::Normal if self.buffer.trim().is_empty() => "mysql> ".into(),
            State::Normal => "    -> ".into(),
        }
    }

    /// Feeds one typed line (without its newline).
    pub fn feed_line(&mut self, line: &str, dir: &mut dyn DataDir) -> Feed {
        let mut out = String::new();
        if self.buffer.trim().is_empty() {
            self.buffer.clear();
            let t = line.trim();
            let word = t.split(|c: char| c.is_whitespace() || c == ';').next().unwrap_or("");
            let lw = word.to_ascii_lowercase();
            if lw == "quit" || lw == "exit" || lw == "\\q" {
                return Feed { output: "Bye\n".into(), prompt: String::new(), finished: true };
            }
            if lw == "help" || lw == "\\h" || lw == "?" || lw == "\\?" {
                let arg = t[word.len()..].trim().trim_end_matches(';').trim();
                let out = if arg.is_empty() { help_text(self.client_version) } else { NOTHING_FOUND.to_string() };
                return Feed { output: out, prompt: self.prompt(), finished: false };
            }
            if lw == "status" || lw == "\\s" {
                return Feed { output: self.status(), prompt: self.prompt(), finished: false };
            }
            if lw == "use" || lw == "\\u" {
                let rest = t[word.len()..].trim_start();
                let (arg, after) = match rest.strip_prefix('`') {
                    Some(q) => q.split_once('`').unwrap_or((q, "")),
                    None => rest.split_at(rest.find(|c: char| c.is_whitespace() || c == ';').unwrap_or(rest.len())),
                };
                out.push_str(&self.use_db(arg, dir));
                let after = after.trim_start();
                let after = after.strip_prefix(';').unwrap_or(after).trim();
                if !after.is_empty() {
                    let more = self.feed_line(after, dir);
                    out.push_str(&more.output);
                    return Feed { output: out, ..more };
                }
                return Feed { output: out, prompt: self.prompt(), finished: false };
            }
        }
        let mut chars = line.chars().peekable();
        let mut state = scan_state(&self.buffer);
        while let Some(c) = chars.next() {
            match state {
                State::Quote(q) => {
                    self.buffer.push(c);
                    if c == '\\' && q != '`' {
                        if let Some(n) = chars.next() {
                            self.buffer.push(n);
                        }
                    } else if c == q {
                        state = State::Normal;
                    }
                }
                State::Comment => {
                    self.buffer.push(c);
                    if c == '*' && chars.peek() == Some(&'/') {
                        self.buffer.push('/');
                        chars.next();
                        state = State::Normal;
                    }
                }
                State::Normal => match c {
                    ';' => out.push_str(&self.run(false, dir)),
                    '\\' => match chars.next() {
                        Some('G') => out.push_str(&self.run(true, dir)),
                        Some('g') => out.push_str(&self.run(false, dir)),
                        Some('c') => self.buffer.clear(),
                        Some('q') => {
                            out.push_str("Bye\n");
                            return Feed { output: out, prompt: String::new(), finished: true };
                        }
                        Some(o) => {
                            self.buffer.push('\\');
                            self.buffer.push(o);
                        }
                        None => self.buffer.push('\\'),
                    },
                    '\'' | '"' | '`' => {
                        self.buffer.push(c);
                        state = State::Quote(c);
                    }
                    '/' if chars.peek() == Some(&'*') => {
                        self.buffer.push_str("/*");
                        chars.next();
                        state = State::Comment;
                    }
                    '#' => break,
                    '-' if chars.peek() == Some(&'-') && {
                        let mut look = chars.clone();
                        look.next();
                        look.peek().map_or(true, |n| n.is_whitespace())
                    } =>
                    {
                        break
                    }
                    _ => self.buffer.push(c),
                },
            }
        }
        if !self.buffer.trim().is_empty() || matches!(state, State::Quote(_) | State::Comment) {
            self.buffer.push('\n');
        } else {
            self.buffer.clear();
        }
        Feed { output: out, prompt: self.prompt(), finished: false }
    }

    fn use_db(&mut self, db: &str, dir: &mut dyn DataDir) -> String {
        if db.is_empty() {
            return "ERROR: \nUSE must be followed by a database name\n".into();
        }
        let (prefix, connected) = self.reconnect_if_needed();
        if !connected {
            return prefix;
        }
        prefix + &self.use_db_connected(db, dir)
    }

    fn use_db_connected(&mut self, db: &str, dir: &mut dyn DataDir) -> String {
        let changed = self.db.as_deref() != Some(db);
        let mut session = self.session(dir);
        match session.execute(Stmt::Use(db.to_string())) {
            Err(e) => format::error(&e),
            Ok(_) => {
                self.db = Some(db.to_string());
                let mut s = String::new();
                if self.rehash && changed && !storage::list_tables(&*dir, db).is_empty() {
                    s.push_str(READING);
                }
                s.push_str("Database changed\n");
                s
            }
        }
    }

    fn session<'a>(&'a mut self, dir: &'a mut dyn DataDir) -> Session<'a> {
        let grants = super::users::grants_of(&*dir, &self.user, &self.account_host);
        Session {
            dir,
            version: self.version,
            db: &mut self.db,
            user: format!("{}@{}", self.user, self.client_host),
            current_user: format!("{}@{}", self.user, self.account_host),
            grants,
            now: self.now,
            notes: Vec::new(),
            hostname: self.hostname.clone(),
        }
    }

    /// Sends the buffered statement.
    fn run(&mut self, vertical: bool, dir: &mut dyn DataDir) -> String {
        if self.buffer.trim().is_empty() {
            self.buffer.clear();
            return "ERROR: \nNo query specified\n\n".into();
        }
        let (prefix, connected) = self.reconnect_if_needed();
        if !connected {
            self.buffer.clear();
            return prefix;
        }
        prefix + &self.run_statement(vertical, dir)
    }

    fn run_statement(&mut self, vertical: bool, dir: &mut dyn DataDir) -> String {
        let text = std::mem::take(&mut self.buffer);
        let query = text.trim();
        if query.is_empty() {
            return "ERROR: \nNo query specified\n\n".into();
        }
        self.questions += 1;
        let stmt = match parse(query) {
            Ok(s) => s,
            Err(e) => return format::error(&format::syntax_error(query, e.0)),
        };
        if stmt == Stmt::ShowWarnings {
            let rows: Vec<Vec<Option<String>>> =
                self.warnings.iter().map(|n| vec![Some(n.level.to_string()), Some(n.code.to_string()), Some(n.message.clone())]).collect();
            let col = |name: &str, numeric| ResultColumn { name: name.into(), numeric, not_null: true };
            let rs = ResultSet { columns: vec![col("Level", false), col("Code", true), col("Message", false)], rows };
            return format::outcome(&Outcome::Rows(rs), vertical);
        }
        let mut session = self.session(dir);
        let result = session.execute(stmt);
        let notes = std::mem::take(&mut session.notes);
        match result {
            Ok(o) => {
                self.warnings = notes;
                format::outcome(&o, vertical)
            }
            Err(e) => {
                self.warnings = vec![Note { level: "Error", code: e.code, message: e.message.clone() }];
                format::error(&e)
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Normal,
    Quote(char),
    Comment,
}

/// Whether the buffered text ends inside a quote or a comment.
fn scan_state(buf: &str) -> State {
    let mut state = State::Normal;
    let mut chars = buf.chars().peekable();
    while let Some(c) = chars.next() {
        state = match state {
            State::Quote(q) if c == '\\' && q != '`' => {
                chars.next();
                state
            }
            State::Quote(q) if c == q => State::Normal,
            State::Comment if c == '*' && chars.peek() == Some(&'/') => {
                chars.next();
                State::Normal
            }
            State::Normal if c == '\'' || c == '"' || c == '`' => State::Quote(c),
            State::Normal if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                State::Comment
            }
            s => s,
        };
    }
    state
}
