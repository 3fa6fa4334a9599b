//! A small MySQL: a server whose storage engine keeps databases and tables as files in its
//! datadir (so data lives where the pod's volume puts it: lost with an emptyDir, kept on an NFS
//! PV), the docker image entrypoint's startup behaviour and logs, and the `mysql` client's
//! interactive and batch sessions with the 5.6 client's exact output.
//!
//! - [`storage`]: the [`DataDir`] trait the pod's volume implements, the file layout
//!   (`mysql/user.frm`, `shop/items.ibd`, `ibdata1`, `auto.cnf`), [`MemDataDir`] for tests.
//! - [`server`]: [`start`] (entrypoint + mysqld over a datadir, with its log) and
//!   [`server::shutdown`] (a clean stop; without it the next start does crash recovery).
//! - [`client`]: [`ClientSession`] (greeting, then lines in, output and prompt out), with
//!   [`client_text`] (`help`, `status`) and [`reconnect`] (the server went away);
//!   [`batch`]: [`run_batch`] for `mysql -e` and scripts on stdin; [`args`]: the command line.
//! - [`exec`], [`select`], [`dml`], [`alter`], [`users`]: statements against the datadir, with
//!   the server's error codes; [`eval`]: expressions; [`vars`]: system variables;
//!   [`system`]: the system databases and accounts; [`mod@format`]: tables and messages.
//! - [`lexer`], [`parser`], [`parse_ddl`], [`parse_expr`], [`ast`]: the SQL subset.
//!
//! ```
//! use kube_sim_core::mysql::{start, ClientSession, ConnectOptions, MemDataDir, MysqlServer, MysqlVersion, StartOptions};
//!
//! let mut dir = MemDataDir::default(); // the lead: the pod's /var/lib/mysql through its mounts
//! let env = vec![("MYSQL_ROOT_PASSWORD".to_string(), "password".to_string())];
//! let opts = StartOptions { version: MysqlVersion::V5_6, env: &env, now: 0, chown_fails: false,
//!                           random_password: "", datadir_path: "/var/lib/mysql/", hostname: "mysql-0" };
//! let started = start(&mut dir, &opts);
//! assert!(started.ready && started.log.ends_with("MySQL Community Server (GPL)\n"));
//!
//! let mut server = MysqlServer::new(MysqlVersion::V5_6);
//! let o = ConnectOptions { password: Some("password"), password_on_command_line: true,
//!                          client_host: "10.244.1.5", ..Default::default() };
//! let (mut session, greeting) = ClientSession::connect(&mut server, &dir, &o).unwrap();
//! assert!(greeting.contains("Server version: 5.6.51 MySQL Community Server (GPL)"));
//! assert_eq!(session.prompt(), "mysql> ");
//! let fed = session.feed_line("select 1;", &mut dir);
//! assert_eq!(fed.output, "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set (0.00 sec)\n\n");
//! assert!(session.feed_line("quit", &mut dir).finished);
//! ```

pub mod alter;
pub mod args;
pub mod ast;
pub mod batch;
pub mod client;
pub mod client_text;
pub mod dml;
pub mod eval;
pub mod exec;
pub mod format;
pub mod lexer;
pub mod parse_ddl;
pub mod parse_expr;
pub mod parser;
pub mod reconnect;
pub mod select;
pub mod server;
pub mod server_log;
pub mod sha1;
pub mod storage;
pub mod system;
pub mod users;
pub mod value;
pub mod vars;

#[cfg(test)]
mod dml_tests;
#[cfg(test)]
mod query_tests;
#[cfg(test)]
mod server_tests;
#[cfg(test)]
mod session_tests;
#[cfg(test)]
mod users_tests;

pub use args::{parse_args, MysqlArgs};
pub use batch::{run_batch, BatchFormat, BatchResult};
pub use client::{ClientSession, ConnectOptions, Feed, MysqlServer};
pub use server::{shutdown, start, StartOptions, StartOutcome};
pub use storage::{DataDir, MemDataDir};

/// Which server the image runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MysqlVersion {
    /// `mysql:5.6` (5.6.51): `.frm` files, non-strict SQL mode.
    V5_6,
    /// `mysql:8` / `mysql:8.0` (8.0.40): data dictionary in the tablespaces, strict SQL mode.
    V8_0,
}

impl MysqlVersion {
    /// The version for an image reference (`mysql:5.6`, `mysql:8.0.40`, `docker.io/library/mysql:8`);
    /// `None` when the image is not MySQL 5.6 or 8.
    pub fn from_image(image: &str) -> Option<MysqlVersion> {
        let last = image.rsplit('/').next().unwrap_or(image);
        let (name, tag) = last.split_once(':').unwrap_or((last, "latest"));
        if name != "mysql" {
            return None;
        }
        if tag == "5.6" || tag.starts_with("5.6.") {
            Some(MysqlVersion::V5_6)
        } else if tag == "8" || tag.starts_with("8.0") || tag == "latest" {
            Some(MysqlVersion::V8_0)
        } else {
            None
        }
    }

    /// `SELECT VERSION()`.
    pub fn server_version(self) -> &'static str {
        match self {
            MysqlVersion::V5_6 => "5.6.51",
            MysqlVersion::V8_0 => "8.0.40",
        }
    }

    /// The `version_comment` the client shows after the version.
    pub fn version_comment(self) -> &'static str {
        match self {
            MysqlVersion::V5_6 => "MySQL Community Server (GPL)",
            MysqlVersion::V8_0 => "MySQL Community Server - GPL",
        }
    }

    /// The package version the entrypoint names.
    pub fn package_version(self) -> &'static str {
        match self {
            MysqlVersion::V5_6 => "5.6.51-1debian9",
            MysqlVersion::V8_0 => "8.0.40-1.el9",
        }
    }

    /// Where table definitions live.
    pub fn layout(self) -> storage::Layout {
        match self {
            MysqlVersion::V5_6 => storage::Layout::Frm,
            MysqlVersion::V8_0 => storage::Layout::Dictionary,
        }
    }

    /// Whether the default SQL mode is strict (errors instead of warnings on bad values).
    pub fn strict(self) -> bool {
        self == MysqlVersion::V8_0
    }

    /// Whether this is 8.0.
    pub fn is_v8(self) -> bool {
        self == MysqlVersion::V8_0
    }
}

/// A server error: code, SQLSTATE and message, printed as `ERROR 1146 (42S02): ...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlError {
    /// The error number.
    pub code: u16,
    /// The SQLSTATE.
    pub state: &'static str,
    /// The message.
    pub message: String,
}

impl SqlError {
    /// A new error.
    pub fn new(code: u16, state: &'static str, message: impl Into<String>) -> SqlError {
        SqlError { code, state, message: message.into() }
    }

    /// The line the client prints.
    pub fn line(&self) -> String {
        format!("ERROR {} ({}): {}", self.code, self.state, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_images() {
        assert_eq!(MysqlVersion::from_image("mysql:5.6"), Some(MysqlVersion::V5_6));
        assert_eq!(MysqlVersion::from_image("docker.io/library/mysql:8"), Some(MysqlVersion::V8_0));
        assert_eq!(MysqlVersion::from_image("mysql"), Some(MysqlVersion::V8_0));
        assert_eq!(MysqlVersion::from_image("busybox"), None);
        assert_eq!(MysqlVersion::from_image("mysql:5.7"), None);
    }
}
