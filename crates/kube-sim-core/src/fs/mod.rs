//! The hosts' and containers' filesystems. (Skeleton: one flat map of absolute paths to bytes;
//! the shell issue replaces it with inodes, owners, modes and mounts.)

use std::collections::BTreeMap;
use std::fmt;

/// Why a filesystem call failed, with the errno text coreutils print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsError {
    /// ENOENT.
    NotFound,
    /// ENOTDIR.
    NotADirectory,
    /// EISDIR.
    IsADirectory,
    /// EACCES.
    PermissionDenied,
    /// EPERM.
    NotPermitted,
    /// EROFS.
    ReadOnly,
    /// EEXIST.
    Exists,
    /// ENOTEMPTY.
    NotEmpty,
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotADirectory => "Not a directory",
            FsError::IsADirectory => "Is a directory",
            FsError::PermissionDenied => "Permission denied",
            FsError::NotPermitted => "Operation not permitted",
            FsError::ReadOnly => "Read-only file system",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
        })
    }
}

/// Every file of every host, keyed by `host:/abs/path`.
#[derive(Clone, Debug, Default)]
pub struct Filesystems {
    files: BTreeMap<String, Vec<u8>>,
}

fn key(host: &str, path: &str) -> String {
    format!("{host}:{path}")
}

impl Filesystems {
    /// The bytes of the file at `path` on `host`.
    pub fn read(&self, host: &str, path: &str) -> Result<Vec<u8>, FsError> {
        if self.is_dir(host, path) {
            return Err(FsError::IsADirectory);
        }
        self.files.get(&key(host, path)).cloned().ok_or(FsError::NotFound)
    }

    /// Writes the file at `path` on `host`.
    pub fn write(&mut self, host: &str, path: &str, data: &[u8]) -> Result<(), FsError> {
        self.files.insert(key(host, path), data.to_vec());
        Ok(())
    }

    /// Whether `path` on `host` is a directory (has files below it).
    pub fn is_dir(&self, host: &str, path: &str) -> bool {
        let prefix = key(host, &format!("{}/", path.trim_end_matches('/')));
        self.files.range(prefix.clone()..).next().is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    /// The names directly inside directory `path` on `host`, sorted.
    pub fn read_dir(&self, host: &str, path: &str) -> Result<Vec<String>, FsError> {
        let prefix = key(host, &format!("{}/", path.trim_end_matches('/')));
        let mut names: Vec<String> = self
            .files
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, _)| k[prefix.len()..].split('/').next().unwrap_or("").to_string())
            .collect();
        names.dedup();
        if names.is_empty() {
            return Err(if self.files.contains_key(&key(host, path)) { FsError::NotADirectory } else { FsError::NotFound });
        }
        Ok(names)
    }
}

/// Resolves `path` against `cwd` and removes `.`/`..` components.
pub fn absolutize(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') { path.to_string() } else { format!("{cwd}/{path}") };
    let mut parts: Vec<&str> = Vec::new();
    for c in joined.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    format!("/{}", parts.join("/"))
}
