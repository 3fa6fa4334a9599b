//! A small MySQL: a server whose storage engine keeps databases and tables as files in its
//! datadir (so data lives where the pod's volume puts it), the docker image entrypoint's
//! startup behaviour and logs, and the `mysql` client's interactive session with the 5.6
//! client's exact output.
//!
//! - [`storage`]: the [`DataDir`] trait the pod's volume implements, and the file layout.
//! - [`server`]: [`server::start`], the entrypoint + mysqld startup over a datadir.
//! - [`client`]: [`ClientSession`], lines in, output and prompt out.
//! - [`exec`]: statements against the datadir; [`format`]: tables and messages.

pub mod ast;
pub mod batch;
pub mod client;
pub mod eval;
pub mod exec;
pub mod format;
pub mod lexer;
pub mod parse_expr;
pub mod parser;
pub mod select;
pub mod server;
pub mod sha1;
pub mod storage;
pub mod system;
#[cfg(test)]
mod dml_tests;
#[cfg(test)]
mod session_tests;
#[cfg(test)]
mod users_tests;
pub mod users;
pub mod value;
pub mod vars;

pub use batch::{run_batch, BatchResult};
pub use client::{ClientSession, ConnectOptions, Feed, MysqlServer};
pub use server::{start, StartOptions, StartOutcome};
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
