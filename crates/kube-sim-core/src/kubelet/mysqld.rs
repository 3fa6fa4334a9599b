//! The mysql image's server in a container: [`crate::mysql::start`] over the container's
//! `/var/lib/mysql` (through its mounts, so data lands on the emptyDir or the NFS export).

use crate::fs::{Cred, Filesystems, Kind};
use crate::mysql::{DataDir, MysqlVersion, StartOptions, StartOutcome};

/// The datadir path in the container.
pub const DATADIR: &str = "/var/lib/mysql";

/// A container's `/var/lib/mysql` as the `mysql` user (uid 999) sees it.
pub struct FsDataDir<'a> {
    /// The filesystems.
    pub fs: &'a mut Filesystems,
    /// The container's mount namespace.
    pub ns: String,
    /// The mysqld process's credentials.
    pub cred: Cred,
    /// The clock.
    pub now: i64,
}

impl FsDataDir<'_> {
    fn path(&self, rel: &str) -> String {
        if rel.is_empty() {
            DATADIR.to_string()
        } else {
            format!("{DATADIR}/{rel}")
        }
    }
}

impl DataDir for FsDataDir<'_> {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.fs.read(&self.ns, &self.cred, &self.path(path)).ok()
    }

    fn write(&mut self, path: &str, data: &[u8]) -> Result<(), String> {
        let p = self.path(path);
        self.fs.write(&self.ns, &self.cred, &p, data, false, self.now).map_err(|e| e.to_string())
    }

    fn list(&self, dir: &str) -> Vec<String> {
        self.fs.list(&self.ns, &self.cred, &self.path(dir)).unwrap_or_default()
    }

    fn remove(&mut self, path: &str) -> Result<(), String> {
        let p = self.path(path);
        let is_dir = self.fs.stat(&self.ns, &self.cred, &p, false).is_ok_and(|s| s.kind == Kind::Dir);
        self.fs.remove(&self.ns, &self.cred, &p, is_dir, self.now).map_err(|e| e.to_string())
    }

    fn mkdir(&mut self, dir: &str) -> Result<(), String> {
        let p = self.path(dir);
        self.fs.mkdir_p(&self.ns, &self.cred, &p, 0o700, self.now).map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Starts mysqld in container namespace `ns`: the entrypoint chowns the datadir to mysql
/// (as root), then runs the server as mysql.
pub fn start(fs: &mut Filesystems, ns: &str, image: &str, env: &[(String, String)], now: i64, hostname: &str, random_password: &str) -> Option<StartOutcome> {
    let version = MysqlVersion::from_image(image)?;
    let chown_fails = fs.chown(ns, &Cred::root(), DATADIR, Some(999), Some(999), true).is_err();
    let mut dir = FsDataDir { fs, ns: ns.to_string(), cred: Cred::user(999, 999), now };
    let opts = StartOptions { version, env, now, chown_fails, random_password, datadir_path: "/var/lib/mysql/", hostname };
    Some(crate::mysql::start(&mut dir, &opts))
}

/// SIGTERM: mysqld's shutdown lines.
pub fn stop(fs: &mut Filesystems, ns: &str, image: &str, now: i64) -> String {
    let Some(version) = MysqlVersion::from_image(image) else { return String::new() };
    let mut dir = FsDataDir { fs, ns: ns.to_string(), cred: Cred::user(999, 999), now };
    crate::mysql::shutdown(&mut dir, version, now)
}
