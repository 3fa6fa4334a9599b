//! Mount namespaces: a root inode and a mount table per host or container.

use super::inode::Ino;

/// How an NFS export maps the ids of its clients.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Squash {
    /// `no_root_squash`: ids pass unchanged.
    #[default]
    None,
    /// `root_squash` (the NFS default): uid 0 becomes the anonymous user.
    Root,
    /// `all_squash`: every uid becomes the anonymous user.
    All,
}

/// Options of a mount: read-only, id squashing, and what `mount`/`df` print for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountOpts {
    /// Writes fail with `Read-only file system`.
    pub read_only: bool,
    /// NFS id squashing.
    pub squash: Squash,
    /// The uid squashed users become (`anonuid`, 65534 by default).
    pub anon_uid: u32,
    /// The gid squashed users become (`anongid`, 65534 by default).
    pub anon_gid: u32,
    /// The source `mount` prints (`172.19.0.4:/data/nfs`, `tmpfs`, `/dev/vda1`).
    pub source: String,
    /// The filesystem type `mount` prints (`nfs4`, `tmpfs`, `xfs`).
    pub fstype: String,
}

impl Default for MountOpts {
    fn default() -> Self {
        MountOpts {
            read_only: false,
            squash: Squash::None,
            anon_uid: super::NFSNOBODY,
            anon_gid: super::NFSNOBODY,
            source: "/dev/vda1".into(),
            fstype: "xfs".into(),
        }
    }
}

/// One entry of a mount table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// The absolute mount point in its namespace.
    pub path: String,
    /// The inode mounted there (a directory or a file).
    pub target: Ino,
    /// Its options.
    pub opts: MountOpts,
}

/// A mount namespace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MountNs {
    pub root: Ino,
    /// The root filesystem's options (what `/` shows in `mount`).
    pub root_opts: MountOpts,
    /// Mounts in the order they were made; a later mount at the same path hides earlier ones.
    pub mounts: Vec<Mount>,
}

impl MountNs {
    /// The mount at exactly `path`, if any (the last one made).
    pub fn mount_at(&self, path: &str) -> Option<&Mount> {
        self.mounts.iter().rev().find(|m| m.path == path)
    }
}
