//! The arena and the path-based calls programs make as a user.

use std::collections::BTreeMap;

use super::inode::{Ino, Inode, Kind, Node, Stat};
use super::ns::{Mount, MountNs, MountOpts};
use super::resolve::{allowed, effective, Walk};
use super::{Cred, FsError};

/// Every inode of every host and container, and every mount namespace.
#[derive(Clone, Debug, Default)]
pub struct Filesystems {
    pub(crate) inodes: Vec<Option<Inode>>,
    pub(crate) namespaces: BTreeMap<String, MountNs>,
}

impl Filesystems {
    pub(crate) fn inode(&self, ino: Ino) -> Option<&Inode> {
        self.inodes.get(ino).and_then(Option::as_ref)
    }

    pub(crate) fn inode_mut(&mut self, ino: Ino) -> Option<&mut Inode> {
        self.inodes.get_mut(ino).and_then(Option::as_mut)
    }

    pub(crate) fn alloc(&mut self, node: Node, mode: u32, uid: u32, gid: u32, mtime: i64) -> Ino {
        self.inodes.push(Some(Inode { node, mode, uid, gid, mtime }));
        self.inodes.len() - 1
    }

    /// Creates (or replaces) mount namespace `name` with a fresh empty root directory
    /// (root-owned, 0755) and returns the root inode.
    pub fn create_namespace(&mut self, name: &str, now: i64) -> Ino {
        let root = self.alloc(Node::Dir(BTreeMap::new()), 0o755, 0, 0, now);
        self.namespaces.insert(name.to_string(), MountNs { root, root_opts: MountOpts::default(), mounts: Vec::new() });
        root
    }

    /// Creates namespace `name` whose root is the existing directory `root` (a container's
    /// image root, say).
    pub fn create_namespace_at(&mut self, name: &str, root: Ino, opts: MountOpts) {
        self.namespaces.insert(name.to_string(), MountNs { root, root_opts: opts, mounts: Vec::new() });
    }

    /// Whether namespace `name` exists.
    pub fn has_namespace(&self, name: &str) -> bool {
        self.namespaces.contains_key(name)
    }

    /// Drops namespace `name` (its inodes stay, other mounts may still use them).
    pub fn remove_namespace(&mut self, name: &str) {
        self.namespaces.remove(name);
    }

    /// A new directory that no path reaches yet (an emptyDir, a Secret volume's directory).
    pub fn new_dir(&mut self, uid: u32, gid: u32, mode: u32, now: i64) -> Ino {
        self.alloc(Node::Dir(BTreeMap::new()), mode & 0o7777, uid, gid, now)
    }

    /// Mounts inode `target` at absolute `path` in `ns`, creating the mount point's
    /// directories as root when missing (a file target needs an existing or creatable file).
    pub fn bind_mount(&mut self, ns: &str, path: &str, target: Ino, opts: MountOpts, now: i64) -> Result<(), FsError> {
        let path = super::absolutize("/", path);
        let is_dir = matches!(self.inode(target).map(Inode::kind), Some(Kind::Dir));
        if is_dir {
            self.mkdir_p(ns, &Cred::root(), &path, 0o755, now)?;
        } else if self.stat(ns, &Cred::root(), &path, true).is_err() {
            let (parent, _) = super::split_parent(&path);
            self.mkdir_p(ns, &Cred::root(), &parent, 0o755, now)?;
            self.write(ns, &Cred::root(), &path, b"", false, now)?;
        }
        let n = self.namespaces.get_mut(ns).ok_or(FsError::NotFound)?;
        n.mounts.push(Mount { path, target, opts });
        Ok(())
    }

    /// Removes the last mount at `path` in `ns`.
    pub fn unmount(&mut self, ns: &str, path: &str) -> Result<(), FsError> {
        let path = super::absolutize("/", path);
        let n = self.namespaces.get_mut(ns).ok_or(FsError::NotFound)?;
        let i = n.mounts.iter().rposition(|m| m.path == path).ok_or(FsError::Invalid)?;
        n.mounts.remove(i);
        Ok(())
    }

    /// The mount table of `ns`, in mount order (the root filesystem not included).
    pub fn mounts(&self, ns: &str) -> &[Mount] {
        self.namespaces.get(ns).map_or(&[], |n| n.mounts.as_slice())
    }

    /// The options of the root filesystem of `ns`.
    pub fn root_opts(&self, ns: &str) -> Option<&MountOpts> {
        self.namespaces.get(ns).map(|n| &n.root_opts)
    }

    /// The inode at `path` in `ns`, as root, following symlinks.
    pub fn lookup(&self, ns: &str, path: &str) -> Result<Ino, FsError> {
        Ok(self.walk(ns, &Cred::root(), &super::absolutize("/", path), true)?.last().ino)
    }

    /// `stat` (with `follow`) or `lstat` of `path` as `cred`.
    pub fn stat(&self, ns: &str, cred: &Cred, path: &str, follow: bool) -> Result<Stat, FsError> {
        let walk = self.walk(ns, cred, &super::absolutize("/", path), follow)?;
        self.stat_ino(walk.last().ino).ok_or(FsError::NotFound)
    }

    /// The canonical path of `path` (symlinks and mounts resolved), as `realpath` prints it.
    pub fn canonical(&self, ns: &str, cred: &Cred, path: &str) -> Result<String, FsError> {
        Ok(self.walk(ns, cred, &super::absolutize("/", path), true)?.path())
    }

    /// What `stat` says about inode `ino`.
    pub fn stat_ino(&self, ino: Ino) -> Option<Stat> {
        let i = self.inode(ino)?;
        let (size, nlink, target) = match &i.node {
            Node::Dir(e) => {
                let subdirs = e.values().filter(|c| matches!(self.inode(**c).map(Inode::kind), Some(Kind::Dir))).count();
                (4096, 2 + subdirs as u64, None)
            }
            Node::File(d) => (d.len() as u64, 1, None),
            Node::Symlink(t) => (t.len() as u64, 1, Some(t.clone())),
        };
        Some(Stat { ino, kind: i.kind(), mode: i.mode, uid: i.uid, gid: i.gid, size, mtime: i.mtime, nlink, target })
    }

    /// The bytes of the file at `path`, read as `cred`.
    pub fn read(&self, ns: &str, cred: &Cred, path: &str) -> Result<Vec<u8>, FsError> {
        let walk = self.walk(ns, cred, &super::absolutize("/", path), true)?;
        let f = walk.last();
        let inode = self.inode(f.ino).ok_or(FsError::NotFound)?;
        match &inode.node {
            Node::Dir(_) => Err(FsError::IsADirectory),
            Node::Symlink(_) => Err(FsError::Loop),
            Node::File(d) if allowed(inode, &f.opts, cred, 4) => Ok(d.clone()),
            Node::File(_) => Err(FsError::PermissionDenied),
        }
    }

    /// The sorted names in directory `path`, read as `cred`.
    pub fn list(&self, ns: &str, cred: &Cred, path: &str) -> Result<Vec<String>, FsError> {
        let walk = self.walk(ns, cred, &super::absolutize("/", path), true)?;
        let f = walk.last();
        let inode = self.inode(f.ino).ok_or(FsError::NotFound)?;
        match &inode.node {
            Node::Dir(e) if allowed(inode, &f.opts, cred, 4) => Ok(e.keys().cloned().collect()),
            Node::Dir(_) => Err(FsError::PermissionDenied),
            _ => Err(FsError::NotADirectory),
        }
    }

    /// Checks that `cred` may add or remove names in the directory of `walk`.
    fn check_dir_write(&self, walk: &Walk, cred: &Cred) -> Result<(), FsError> {
        let f = walk.last();
        if f.opts.read_only {
            return Err(FsError::ReadOnly);
        }
        let inode = self.inode(f.ino).ok_or(FsError::NotFound)?;
        if !allowed(inode, &f.opts, cred, 3) {
            return Err(FsError::PermissionDenied);
        }
        Ok(())
    }

    fn add_entry(&mut self, dir: Ino, name: &str, child: Ino, now: i64) {
        if let Some(Inode { node: Node::Dir(e), mtime, .. }) = self.inode_mut(dir) {
            e.insert(name.to_string(), child);
            *mtime = now;
        }
    }

    /// Writes (or with `append`, appends to) the file at `path` as `cred`, creating it with
    /// mode 0644 owned by `cred` (after squashing) when missing.
    pub fn write(&mut self, ns: &str, cred: &Cred, path: &str, data: &[u8], append: bool, now: i64) -> Result<(), FsError> {
        let path = super::absolutize("/", path);
        match self.walk(ns, cred, &path, true) {
            Ok(walk) => {
                let f = walk.last().clone();
                let inode = self.inode(f.ino).ok_or(FsError::NotFound)?;
                if matches!(inode.node, Node::Dir(_)) {
                    return Err(FsError::IsADirectory);
                }
                if f.opts.read_only {
                    return Err(FsError::ReadOnly);
                }
                if !allowed(inode, &f.opts, cred, 2) {
                    return Err(FsError::PermissionDenied);
                }
                if let Some(Inode { node: Node::File(d), mtime, .. }) = self.inode_mut(f.ino) {
                    if !append {
                        d.clear();
                    }
                    d.extend_from_slice(data);
                    *mtime = now;
                }
                Ok(())
            }
            Err(FsError::NotFound) => {
                let (walk, name) = self.walk_parent(ns, cred, &path)?;
                self.check_dir_write(&walk, cred)?;
                let eff = effective(cred, &walk.last().opts);
                let ino = self.alloc(Node::File(data.to_vec()), 0o644, eff.uid, eff.gid, now);
                self.add_entry(walk.last().ino, &name, ino, now);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Creates directory `path` with `mode` as `cred`.
    pub fn mkdir(&mut self, ns: &str, cred: &Cred, path: &str, mode: u32, now: i64) -> Result<Ino, FsError> {
        let (walk, name) = self.walk_parent(ns, cred, path)?;
        let dir = self.inode(walk.last().ino).ok_or(FsError::NotFound)?;
        if let Node::Dir(e) = &dir.node {
            if e.contains_key(&name) {
                return Err(FsError::Exists);
            }
        }
        self.check_dir_write(&walk, cred)?;
        let eff = effective(cred, &walk.last().opts);
        let ino = self.alloc(Node::Dir(BTreeMap::new()), mode & 0o7777, eff.uid, eff.gid, now);
        self.add_entry(walk.last().ino, &name, ino, now);
        Ok(ino)
    }

    /// `mkdir -p`: creates `path` and its missing parents; existing directories are fine.
    pub fn mkdir_p(&mut self, ns: &str, cred: &Cred, path: &str, mode: u32, now: i64) -> Result<Ino, FsError> {
        let path = super::absolutize("/", path);
        let mut cur = String::new();
        let mut last = self.walk(ns, cred, "/", true)?.last().ino;
        for part in path.split('/').filter(|s| !s.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            last = match self.walk(ns, cred, &cur, true) {
                Ok(w) => {
                    let ino = w.last().ino;
                    if !matches!(self.inode(ino).map(Inode::kind), Some(Kind::Dir)) {
                        return Err(FsError::NotADirectory);
                    }
                    ino
                }
                Err(FsError::NotFound) => self.mkdir(ns, cred, &cur, mode, now)?,
                Err(e) => return Err(e),
            };
        }
        Ok(last)
    }

    /// Creates symlink `path` pointing at `target`.
    pub fn symlink(&mut self, ns: &str, cred: &Cred, target: &str, path: &str, now: i64) -> Result<(), FsError> {
        let (walk, name) = self.walk_parent(ns, cred, path)?;
        if let Some(Node::Dir(e)) = self.inode(walk.last().ino).map(|i| &i.node) {
            if e.contains_key(&name) {
                return Err(FsError::Exists);
            }
        }
        self.check_dir_write(&walk, cred)?;
        let eff = effective(cred, &walk.last().opts);
        let ino = self.alloc(Node::Symlink(target.to_string()), 0o777, eff.uid, eff.gid, now);
        self.add_entry(walk.last().ino, &name, ino, now);
        Ok(())
    }

    /// Removes the name `path` (a file or symlink with `dir == false`, an empty directory with
    /// `dir == true`), as `cred`.
    pub fn remove(&mut self, ns: &str, cred: &Cred, path: &str, dir: bool, now: i64) -> Result<(), FsError> {
        let (walk, name) = self.walk_parent(ns, cred, path)?;
        let parent = walk.last().ino;
        let child = match self.inode(parent).map(|i| &i.node) {
            Some(Node::Dir(e)) => *e.get(&name).ok_or(FsError::NotFound)?,
            _ => return Err(FsError::NotADirectory),
        };
        let full = format!("{}/{}", walk.path().trim_end_matches('/'), name);
        if self.namespaces.get(ns).is_some_and(|n| n.mounts.iter().any(|m| m.path == full)) {
            return Err(FsError::Busy);
        }
        match (self.inode(child).map(|i| &i.node), dir) {
            (Some(Node::Dir(_)), false) => return Err(FsError::IsADirectory),
            (Some(Node::Dir(e)), true) if !e.is_empty() => return Err(FsError::NotEmpty),
            (Some(Node::Dir(_)), true) | (Some(_), false) => {}
            (Some(_), true) => return Err(FsError::NotADirectory),
            (None, _) => return Err(FsError::NotFound),
        }
        self.check_dir_write(&walk, cred)?;
        let p = self.inode(parent).ok_or(FsError::NotFound)?;
        let eff = effective(cred, &walk.last().opts);
        let c = self.inode(child).ok_or(FsError::NotFound)?;
        if p.mode & 0o1000 != 0 && eff.uid != 0 && eff.uid != p.uid && eff.uid != c.uid {
            return Err(FsError::NotPermitted);
        }
        if let Some(Inode { node: Node::Dir(e), mtime, .. }) = self.inode_mut(parent) {
            e.remove(&name);
            *mtime = now;
        }
        Ok(())
    }

    /// Moves `from` to `to` (replacing a file at `to`), as `cred`.
    pub fn rename(&mut self, ns: &str, cred: &Cred, from: &str, to: &str, now: i64) -> Result<(), FsError> {
        let (fw, fname) = self.walk_parent(ns, cred, from)?;
        let child = match self.inode(fw.last().ino).map(|i| &i.node) {
            Some(Node::Dir(e)) => *e.get(&fname).ok_or(FsError::NotFound)?,
            _ => return Err(FsError::NotADirectory),
        };
        let (tw, tname) = self.walk_parent(ns, cred, to)?;
        if tw.frames.iter().any(|f| f.ino == child) {
            return Err(FsError::Invalid);
        }
        self.check_dir_write(&fw, cred)?;
        self.check_dir_write(&tw, cred)?;
        if let Some(Node::Dir(e)) = self.inode(tw.last().ino).map(|i| &i.node) {
            if let Some(existing) = e.get(&tname) {
                let src_dir = matches!(self.inode(child).map(Inode::kind), Some(Kind::Dir));
                match self.inode(*existing).map(|i| &i.node) {
                    Some(Node::Dir(x)) if !x.is_empty() => return Err(FsError::NotEmpty),
                    Some(Node::Dir(_)) if !src_dir => return Err(FsError::IsADirectory),
                    Some(Node::File(_)) | Some(Node::Symlink(_)) if src_dir => return Err(FsError::NotADirectory),
                    _ => {}
                }
            }
        }
        if let Some(Inode { node: Node::Dir(e), mtime, .. }) = self.inode_mut(fw.last().ino) {
            e.remove(&fname);
            *mtime = now;
        }
        self.add_entry(tw.last().ino, &tname, child, now);
        Ok(())
    }

    /// Sets the permission bits of `path` (owner or root only).
    pub fn chmod(&mut self, ns: &str, cred: &Cred, path: &str, mode: u32) -> Result<(), FsError> {
        let walk = self.walk(ns, cred, &super::absolutize("/", path), true)?;
        let f = walk.last().clone();
        let eff = effective(cred, &f.opts);
        let inode = self.inode(f.ino).ok_or(FsError::NotFound)?;
        if f.opts.read_only {
            return Err(FsError::ReadOnly);
        }
        if eff.uid != 0 && eff.uid != inode.uid {
            return Err(FsError::NotPermitted);
        }
        if let Some(i) = self.inode_mut(f.ino) {
            i.mode = mode & 0o7777;
        }
        Ok(())
    }

    /// Changes the owner and/or group of `path` (root only; squashed root may not).
    pub fn chown(&mut self, ns: &str, cred: &Cred, path: &str, uid: Option<u32>, gid: Option<u32>, follow: bool) -> Result<(), FsError> {
        let walk = self.walk(ns, cred, &super::absolutize("/", path), follow)?;
        let f = walk.last().clone();
        if f.opts.read_only {
            return Err(FsError::ReadOnly);
        }
        let eff = effective(cred, &f.opts);
        let inode = self.inode(f.ino).ok_or(FsError::NotFound)?;
        let only_group_of_own = eff.uid == inode.uid
            && uid.map_or(true, |u| u == inode.uid)
            && gid.map_or(true, |g| g == eff.gid || eff.groups.contains(&g));
        if eff.uid != 0 && !only_group_of_own {
            return Err(FsError::NotPermitted);
        }
        if let Some(i) = self.inode_mut(f.ino) {
            if let Some(u) = uid {
                i.uid = u;
            }
            if let Some(g) = gid {
                i.gid = g;
            }
        }
        Ok(())
    }

    /// Sets the modification time of `path` (owner, root, or anyone who may write it).
    pub fn set_mtime(&mut self, ns: &str, cred: &Cred, path: &str, mtime: i64) -> Result<(), FsError> {
        let walk = self.walk(ns, cred, &super::absolutize("/", path), true)?;
        let f = walk.last().clone();
        if f.opts.read_only {
            return Err(FsError::ReadOnly);
        }
        let inode = self.inode(f.ino).ok_or(FsError::NotFound)?;
        let eff = effective(cred, &f.opts);
        if eff.uid != 0 && eff.uid != inode.uid && !allowed(inode, &f.opts, cred, 2) {
            return Err(FsError::PermissionDenied);
        }
        if let Some(i) = self.inode_mut(f.ino) {
            i.mtime = mtime;
        }
        Ok(())
    }

    /// Whether `cred` may access `path` for `want` (4 read, 2 write, 1 exec), as `test -r/-w/-x`.
    pub fn access(&self, ns: &str, cred: &Cred, path: &str, want: u32) -> bool {
        let Ok(walk) = self.walk(ns, cred, &super::absolutize("/", path), true) else { return false };
        let f = walk.last();
        if want & 2 != 0 && f.opts.read_only {
            return false;
        }
        self.inode(f.ino).is_some_and(|i| allowed(i, &f.opts, cred, want))
    }
}
