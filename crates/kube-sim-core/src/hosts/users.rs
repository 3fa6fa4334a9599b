//! `/etc/passwd` and `/etc/group` as programs read them.

use crate::fs::{Cred, Filesystems};

/// One `/etc/passwd` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Login name.
    pub name: String,
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Home directory.
    pub home: String,
    /// Login shell.
    pub shell: String,
}

/// One `/etc/group` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Group name.
    pub name: String,
    /// Group id.
    pub gid: u32,
    /// Supplementary members.
    pub members: Vec<String>,
}

fn read(fs: &Filesystems, ns: &str, path: &str) -> String {
    fs.read(ns, &Cred::root(), path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

/// Every user of `/etc/passwd` in namespace `ns`.
pub fn users(fs: &Filesystems, ns: &str) -> Vec<User> {
    read(fs, ns, "/etc/passwd")
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            if f.len() < 7 {
                return None;
            }
            Some(User { name: f[0].into(), uid: f[2].parse().ok()?, gid: f[3].parse().ok()?, home: f[5].into(), shell: f[6].into() })
        })
        .collect()
}

/// Every group of `/etc/group` in namespace `ns`.
pub fn groups(fs: &Filesystems, ns: &str) -> Vec<Group> {
    read(fs, ns, "/etc/group")
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            if f.len() < 4 {
                return None;
            }
            let members = f[3].split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
            Some(Group { name: f[0].into(), gid: f[2].parse().ok()?, members })
        })
        .collect()
}

/// The user called `name`.
pub fn user_by_name(fs: &Filesystems, ns: &str, name: &str) -> Option<User> {
    users(fs, ns).into_iter().find(|u| u.name == name)
}

/// The name of uid `uid`.
pub fn user_name(fs: &Filesystems, ns: &str, uid: u32) -> Option<String> {
    users(fs, ns).into_iter().find(|u| u.uid == uid).map(|u| u.name)
}

/// The name of gid `gid`.
pub fn group_name(fs: &Filesystems, ns: &str, gid: u32) -> Option<String> {
    groups(fs, ns).into_iter().find(|g| g.gid == gid).map(|g| g.name)
}

/// The gid of group `name`.
pub fn group_by_name(fs: &Filesystems, ns: &str, name: &str) -> Option<u32> {
    groups(fs, ns).into_iter().find(|g| g.name == name).map(|g| g.gid)
}

/// The credentials of user `name` in `ns` (root when `name` is `root`; unknown users get
/// nfsnobody's ids). A numeric `UID[:GID[:G1,G2...]]` (a container's `runAsUser`,
/// `runAsGroup` and supplemental groups such as `fsGroup`) is taken as is.
pub fn cred_of(fs: &Filesystems, ns: &str, name: &str) -> Cred {
    if name == "root" {
        return Cred::root();
    }
    let mut parts = name.split(':');
    if let Some(Ok(uid)) = parts.next().map(str::parse::<u32>) {
        let gid = parts.next().and_then(|g| g.parse().ok()).unwrap_or(uid);
        let groups = parts.next().map(|g| g.split(',').filter_map(|x| x.parse().ok()).collect()).unwrap_or_default();
        return Cred { uid, gid, groups };
    }
    match user_by_name(fs, ns, name) {
        Some(u) => {
            let groups = groups(fs, ns).into_iter().filter(|g| g.members.iter().any(|m| m == name)).map(|g| g.gid).collect();
            Cred { uid: u.uid, gid: u.gid, groups }
        }
        None => Cred::user(crate::fs::NFSNOBODY, crate::fs::NFSNOBODY),
    }
}
