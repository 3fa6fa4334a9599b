//! Inodes: directories, files and symlinks with owner, mode and mtime.

use std::collections::BTreeMap;

/// An inode number: an index into the shared arena.
pub type Ino = usize;

/// What an inode holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    /// A directory: names to inodes.
    Dir(BTreeMap<String, Ino>),
    /// A regular file's bytes.
    File(Vec<u8>),
    /// A symlink's target text.
    Symlink(String),
}

/// One inode of the arena.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Inode {
    pub node: Node,
    /// Permission bits (`0o7777`).
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    /// Modification time, simulated Unix seconds.
    pub mtime: i64,
}

/// The type of an inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A directory.
    Dir,
    /// A regular file.
    File,
    /// A symbolic link.
    Symlink,
}

/// What `stat` tells about an inode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stat {
    /// The inode number.
    pub ino: Ino,
    /// Directory, file or symlink.
    pub kind: Kind,
    /// Permission bits (`0o7777`).
    pub mode: u32,
    /// Owner uid.
    pub uid: u32,
    /// Group gid.
    pub gid: u32,
    /// Size in bytes (directories: 4096; symlinks: the target's length).
    pub size: u64,
    /// Modification time, simulated Unix seconds.
    pub mtime: i64,
    /// Hard links: 1 for files, 2 + subdirectories for directories.
    pub nlink: u64,
    /// The symlink's target, for symlinks.
    pub target: Option<String>,
}

impl Inode {
    /// Directory, file or symlink.
    pub fn kind(&self) -> Kind {
        match self.node {
            Node::Dir(_) => Kind::Dir,
            Node::File(_) => Kind::File,
            Node::Symlink(_) => Kind::Symlink,
        }
    }
}
