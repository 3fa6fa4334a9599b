//! Texts the `mysql` client prints by itself: `help` and `status`.

use super::client::ClientSession;
use super::MysqlVersion;

/// The client's `nice_time`: `1 hour 2 min 3 sec`.
fn nice_time(mut sec: i64) -> String {
    let mut out = String::new();
    for (unit, one, many) in [(86_400, " day ", " days "), (3600, " hour ", " hours "), (60, " min ", " min ")] {
        if sec >= unit {
            let n = sec / unit;
            sec -= n * unit;
            out.push_str(&n.to_string());
            out.push_str(if n > 1 { many } else { one });
        }
    }
    out.push_str(&format!("{sec} sec"));
    out
}

pub(super) const NOTHING_FOUND: &str = "\nNothing found\nPlease try to run 'help contents' for a list of all accessible topics\n\n";

/// What `help` prints.
pub(super) fn help_text(v: MysqlVersion) -> String {
    let mut s = String::from(
        "\nFor information about MySQL products and services, visit:\n   http://www.mysql.com/\nFor developer information, including the MySQL Reference Manual, visit:\n   http://dev.mysql.com/\nTo buy MySQL Enterprise support, training, or other products, visit:\n   https://shop.mysql.com/\n\nList of all MySQL commands:\nNote that all text commands must be first on line and end with ';'\n",
    );
    for (name, key, what) in [
        ("?", "?", "Synonym for `help'."),
        ("clear", "c", "Clear the current input statement."),
        ("connect", "r", "Reconnect to the server. Optional arguments are db and host."),
        ("delimiter", "d", "Set statement delimiter."),
        ("edit", "e", "Edit command with $EDITOR."),
        ("ego", "G", "Send command to mysql server, display result vertically."),
        ("exit", "q", "Exit mysql. Same as quit."),
        ("go", "g", "Send command to mysql server."),
        ("help", "h", "Display this help."),
        ("nopager", "n", "Disable pager, print to stdout."),
        ("notee", "t", "Don't write into outfile."),
        ("pager", "P", "Set PAGER [to_pager]. Print the query results via PAGER."),
        ("print", "p", "Print current command."),
        ("prompt", "R", "Change your mysql prompt."),
        ("quit", "q", "Quit mysql."),
        ("rehash", "#", "Rebuild completion hash."),
        ("source", ".", "Execute an SQL script file. Takes a file name as an argument."),
        ("status", "s", "Get status information from the server."),
        ("system", "!", "Execute a system shell command."),
        ("tee", "T", "Set outfile [to_outfile]. Append everything into given outfile."),
        ("use", "u", "Use another database. Takes database name as argument."),
        ("charset", "C", "Switch to another charset. Might be needed for processing binlog with multi-byte charsets."),
        ("warnings", "W", "Show warnings after every statement."),
        ("nowarning", "w", "Don't show warnings after every statement."),
    ] {
        s.push_str(&format!("{name:<9} (\\{key}) {what}\n"));
    }
    if v.is_v8() {
        s.push_str("resetconnection(\\x) Clean session context.\n");
    }
    s.push_str("\nFor server side help, type 'help contents'\n\n");
    s
}

impl ClientSession {
    /// The `status` (`\\s`) block.
    pub(super) fn status(&self) -> String {
        let v = self.version;
        let cs = if v.is_v8() { "utf8mb4" } else { "latin1" };
        let client = if self.client_version.is_v8() {
            format!("mysql  Ver {} for Linux on x86_64 (MySQL Community Server - GPL)", self.client_version.server_version())
        } else {
            format!("mysql  Ver 14.14 Distrib {}, for Linux (x86_64) using  EditLine wrapper", self.client_version.server_version())
        };
        let (conn, port) = match &self.server_host {
            Some(h) => (format!("{h} via TCP/IP"), "TCP port:\t\t3306".to_string()),
            None => ("Localhost via UNIX socket".to_string(), "UNIX socket:\t\t/var/run/mysqld/mysqld.sock".to_string()),
        };
        let uptime = (self.now - self.started_at).max(1);
        let qps = self.questions as f64 / uptime as f64;
        format!(
            "--------------\n{client}\n\nConnection id:\t\t{}\nCurrent database:\t{}\nCurrent user:\t\t{}@{}\nSSL:\t\t\tNot in use\nCurrent pager:\t\tstdout\nUsing outfile:\t\t''\nUsing delimiter:\t;\nServer version:\t\t{} {}\nProtocol version:\t10\nConnection:\t\t{conn}\nServer characterset:\t{cs}\nDb     characterset:\t{cs}\nClient characterset:\t{cs}\nConn.  characterset:\t{cs}\n{port}\nUptime:\t\t\t{}\n\nThreads: 1  Questions: {}  Slow queries: 0  Opens: 67  Flush tables: 1  Open tables: 60  Queries per second avg: {qps:.3}\n--------------\n\n",
            self.connection_id,
            self.db.as_deref().unwrap_or(""),
            self.user,
            self.client_host,
            v.server_version(),
            v.version_comment(),
            nice_time(uptime),
            self.questions,
        )
    }
}
