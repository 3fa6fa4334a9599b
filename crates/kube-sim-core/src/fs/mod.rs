//! The hosts' and containers' filesystems.
//!
//! One inode arena ([`Filesystems`]) holds every file of every host and container, so one
//! directory can be mounted in several places (emptyDir, hostPath, NFS and PV mounts). Each
//! host (and later each container) has a mount namespace: a root inode and a mount table.
//! Paths resolve through mount points and symlinks; permissions follow uid/gid/mode, with root
//! bypassing them except on read-only mounts and on NFS mounts that squash root.
//!
//! ## For the kubelet and the volume work
//!
//! ```text
//! container root   fs.create_namespace(ns, now)                      (empty, root 0755)
//!                  fs.create_namespace_at(ns, image_root_ino, opts)   (an image's tree)
//! emptyDir         let d = fs.new_dir(0, 0, 0o777, now);
//!                  fs.bind_mount(ns, "/cache", d, MountOpts::default(), now)?
//! hostPath         let d = fs.mkdir_p(node, &Cred::root(), "/data/pod", 0o755, now)?;  (DirectoryOrCreate)
//!                  let d = fs.lookup(node, "/data/pod")?;                            (Directory)
//!                  fs.bind_mount(ns, mount_path, d, MountOpts { read_only, ..Default::default() }, now)?
//! NFS              let rule = cluster.nfs_export_for(server_ip, path, node_ip)?;   (Err: "mount.nfs: ...")
//!                  let d = fs.lookup(server_host, path)?;
//!                  fs.bind_mount(node, "/var/lib/kubelet/pods/UID/volumes/kubernetes.io~nfs/NAME",
//!                                d, rule.mount_opts(server_ip, path), now)?;   then the same into ns
//! Secret/ConfigMap let d = fs.new_dir(0, 0, 0o1777, now);
//!                  fs.dir_write(d, "..2024_12_10_08_00_00.1/key", bytes, 0o644, 0, 0, now)?;
//!                  fs.dir_symlink(d, "..data", "..2024_12_10_08_00_00.1", now)?;
//!                  fs.dir_symlink(d, "key", "..data/key", now)?;  bind with read_only: true
//! Recycle          fs.clear_dir(ino, now), or run the scrub script with shell::run_sh
//! Delete           fs.remove_tree(server_host, path, now)?
//! processes        ProcCtx { host: ns, user: "root" | "999" | "999:999:2000", cwd }
//!                  shell::run_sh(cluster, &ctx, "sh -c ...", stdin)
//! ```

use std::fmt;

mod inode;
mod ns;
mod ops;
mod resolve;
mod tree;

pub use inode::{Ino, Kind, Stat};
pub use ns::{Mount, MountOpts, Squash};
pub use ops::Filesystems;

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
    /// ELOOP.
    Loop,
    /// EINVAL.
    Invalid,
    /// EBUSY.
    Busy,
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
            FsError::Loop => "Too many levels of symbolic links",
            FsError::Invalid => "Invalid argument",
            FsError::Busy => "Device or resource busy",
        })
    }
}

/// Who does a filesystem call: user id, primary group and supplementary groups.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Cred {
    /// User id (0 is root).
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Supplementary group ids.
    pub groups: Vec<u32>,
}

impl Cred {
    /// Root: uid 0, gid 0.
    pub fn root() -> Self {
        Cred::default()
    }

    /// A user with `uid` and primary group `gid`.
    pub fn user(uid: u32, gid: u32) -> Self {
        Cred { uid, gid, groups: Vec::new() }
    }
}

/// The uid and gid of `nfsnobody`, which NFS squashing maps users to.
pub const NFSNOBODY: u32 = 65534;

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

/// Splits an absolute, normalized path into its parent and last name (`/` has no name).
pub fn split_parent(path: &str) -> (String, Option<String>) {
    let p = path.trim_end_matches('/');
    match p.rfind('/') {
        None => ("/".into(), None),
        Some(i) => {
            let parent = if i == 0 { "/".to_string() } else { p[..i].to_string() };
            let name = &p[i + 1..];
            (parent, if name.is_empty() { None } else { Some(name.to_string()) })
        }
    }
}

#[cfg(test)]
mod tests;
