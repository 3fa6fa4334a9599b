//! Inode-level calls for the kubelet: fill a volume's directory, clear it, remove trees.

use std::collections::BTreeMap;

use super::inode::{Ino, Inode, Node};
use super::ops::Filesystems;
use super::{Cred, FsError};

impl Filesystems {
    /// The entries of directory `dir`, sorted by name.
    pub fn entries(&self, dir: Ino) -> Result<Vec<(String, Ino)>, FsError> {
        match self.inode(dir).map(|i| &i.node) {
            Some(Node::Dir(e)) => Ok(e.iter().map(|(k, v)| (k.clone(), *v)).collect()),
            Some(_) => Err(FsError::NotADirectory),
            None => Err(FsError::NotFound),
        }
    }

    /// The child `name` of directory `dir`, without following symlinks.
    pub fn child(&self, dir: Ino, name: &str) -> Option<Ino> {
        match self.inode(dir).map(|i| &i.node) {
            Some(Node::Dir(e)) => e.get(name).copied(),
            _ => None,
        }
    }

    /// The bytes of file inode `ino`.
    pub fn file_bytes(&self, ino: Ino) -> Option<&[u8]> {
        match self.inode(ino).map(|i| &i.node) {
            Some(Node::File(d)) => Some(d),
            _ => None,
        }
    }

    /// Writes file `rel` (a relative path, parents created 0755) below directory `dir`,
    /// owned by `uid:gid` with `mode`, with no permission checks (the kubelet writes as root).
    #[allow(clippy::too_many_arguments)]
    pub fn dir_write(&mut self, dir: Ino, rel: &str, data: &[u8], mode: u32, uid: u32, gid: u32, now: i64) -> Result<Ino, FsError> {
        let (parent, name) = self.dir_parent(dir, rel, now)?;
        if let Some(existing) = self.child(parent, &name) {
            if let Some(Inode { node: Node::File(d), mtime, mode: m, uid: u, gid: g }) = self.inode_mut(existing) {
                *d = data.to_vec();
                *mtime = now;
                *m = mode & 0o7777;
                *u = uid;
                *g = gid;
                return Ok(existing);
            }
            return Err(FsError::IsADirectory);
        }
        let ino = self.alloc(Node::File(data.to_vec()), mode & 0o7777, uid, gid, now);
        self.link(parent, &name, ino, now);
        Ok(ino)
    }

    /// Creates (or replaces) symlink `rel` below `dir` pointing at `target`.
    pub fn dir_symlink(&mut self, dir: Ino, rel: &str, target: &str, now: i64) -> Result<Ino, FsError> {
        let (parent, name) = self.dir_parent(dir, rel, now)?;
        let ino = self.alloc(Node::Symlink(target.to_string()), 0o777, 0, 0, now);
        self.link(parent, &name, ino, now);
        Ok(ino)
    }

    /// Creates directory `rel` (and parents) below `dir`, owned by root, mode 0755.
    pub fn dir_mkdir(&mut self, dir: Ino, rel: &str, now: i64) -> Result<Ino, FsError> {
        let mut cur = dir;
        for part in rel.split('/').filter(|s| !s.is_empty() && *s != ".") {
            cur = match self.child(cur, part) {
                Some(c) if matches!(self.inode(c).map(|i| &i.node), Some(Node::Dir(_))) => c,
                Some(_) => return Err(FsError::NotADirectory),
                None => {
                    let c = self.alloc(Node::Dir(BTreeMap::new()), 0o755, 0, 0, now);
                    self.link(cur, part, c, now);
                    c
                }
            };
        }
        Ok(cur)
    }

    /// Hard-links inode `child` as `name` in directory `dir` (replacing any entry).
    pub fn link(&mut self, dir: Ino, name: &str, child: Ino, now: i64) {
        if let Some(Inode { node: Node::Dir(e), mtime, .. }) = self.inode_mut(dir) {
            e.insert(name.to_string(), child);
            *mtime = now;
        }
    }

    /// Removes entry `name` from directory `dir` (the whole subtree goes with it).
    pub fn unlink_entry(&mut self, dir: Ino, name: &str, now: i64) -> bool {
        if let Some(Inode { node: Node::Dir(e), mtime, .. }) = self.inode_mut(dir) {
            *mtime = now;
            return e.remove(name).is_some();
        }
        false
    }

    /// Empties directory `dir` (what the Recycle scrub `rm -rf /scrub/*` does).
    pub fn clear_dir(&mut self, dir: Ino, now: i64) {
        if let Some(Inode { node: Node::Dir(e), mtime, .. }) = self.inode_mut(dir) {
            e.clear();
            *mtime = now;
        }
    }

    /// Sets owner and group of inode `ino`.
    pub fn set_owner(&mut self, ino: Ino, uid: u32, gid: u32) {
        if let Some(i) = self.inode_mut(ino) {
            i.uid = uid;
            i.gid = gid;
        }
    }

    /// Sets the permission bits of inode `ino`.
    pub fn set_mode(&mut self, ino: Ino, mode: u32) {
        if let Some(i) = self.inode_mut(ino) {
            i.mode = mode & 0o7777;
        }
    }

    /// Removes `path` and everything below it in `ns`, as root (`rm -rf`). Missing is fine.
    pub fn remove_tree(&mut self, ns: &str, path: &str, now: i64) -> Result<(), FsError> {
        let path = super::absolutize("/", path);
        let (walk, name) = match self.walk_parent(ns, &Cred::root(), &path) {
            Ok(x) => x,
            Err(FsError::NotFound) => return Ok(()),
            Err(e) => return Err(e),
        };
        if walk.last().opts.read_only {
            return Err(FsError::ReadOnly);
        }
        self.unlink_entry(walk.last().ino, &name, now);
        Ok(())
    }

    /// Total bytes of the files below `ino` (each inode counted once).
    pub fn usage(&self, ino: Ino) -> u64 {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = vec![ino];
        let mut total = 0;
        while let Some(i) = stack.pop() {
            if !seen.insert(i) {
                continue;
            }
            match self.inode(i).map(|x| &x.node) {
                Some(Node::File(d)) => total += d.len() as u64,
                Some(Node::Dir(e)) => stack.extend(e.values().copied()),
                _ => {}
            }
        }
        total
    }

    fn dir_parent(&mut self, dir: Ino, rel: &str, now: i64) -> Result<(Ino, String), FsError> {
        let rel = rel.trim_matches('/');
        let (parent_rel, name) = match rel.rfind('/') {
            Some(i) => (&rel[..i], &rel[i + 1..]),
            None => ("", rel),
        };
        if name.is_empty() {
            return Err(FsError::Invalid);
        }
        let parent = self.dir_mkdir(dir, parent_rel, now)?;
        Ok((parent, name.to_string()))
    }
}
