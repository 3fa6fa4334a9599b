//! Path resolution through mount points and symlinks, with search-permission checks.

use super::inode::{Ino, Inode, Node};
use super::ns::{MountOpts, Squash};
use super::ops::Filesystems;
use super::{Cred, FsError};

/// How many symlinks one resolution may follow before `ELOOP`.
const MAX_LINKS: usize = 40;

/// One step of a resolved path: the name, the inode and the mount it lives on.
#[derive(Clone, Debug)]
pub(crate) struct Frame {
    pub name: String,
    pub ino: Ino,
    pub opts: MountOpts,
}

/// A resolved path: the frames from the root to the last component.
#[derive(Clone, Debug)]
pub(crate) struct Walk {
    pub frames: Vec<Frame>,
}

impl Walk {
    /// The last component's frame.
    pub fn last(&self) -> &Frame {
        // A walk always holds at least the root frame.
        &self.frames[self.frames.len() - 1]
    }

    /// The canonical absolute path of the last component.
    pub fn path(&self) -> String {
        let names: Vec<&str> = self.frames.iter().skip(1).map(|f| f.name.as_str()).collect();
        format!("/{}", names.join("/"))
    }
}

/// The credentials that apply on a mount after NFS squashing.
pub(crate) fn effective(cred: &Cred, opts: &MountOpts) -> Cred {
    let squash = match opts.squash {
        Squash::None => false,
        Squash::Root => cred.uid == 0,
        Squash::All => true,
    };
    if squash {
        Cred { uid: opts.anon_uid, gid: opts.anon_gid, groups: Vec::new() }
    } else {
        cred.clone()
    }
}

/// Whether `cred` may access `inode` on a mount with `opts` for `want` (4 read, 2 write, 1 exec).
pub(crate) fn allowed(inode: &Inode, opts: &MountOpts, cred: &Cred, want: u32) -> bool {
    let eff = effective(cred, opts);
    if eff.uid == 0 {
        let is_dir = matches!(inode.node, Node::Dir(_));
        return want & 1 == 0 || is_dir || inode.mode & 0o111 != 0;
    }
    let bits = if eff.uid == inode.uid {
        inode.mode >> 6
    } else if eff.gid == inode.gid || eff.groups.contains(&inode.gid) {
        inode.mode >> 3
    } else {
        inode.mode
    } & 7;
    bits & want == want
}

impl Filesystems {
    /// The root frame of namespace `ns` (with a mount over `/` applied).
    fn root_frame(&self, ns: &str) -> Result<Frame, FsError> {
        let n = self.namespaces.get(ns).ok_or(FsError::NotFound)?;
        Ok(match n.mount_at("/") {
            Some(m) => Frame { name: String::new(), ino: m.target, opts: m.opts.clone() },
            None => Frame { name: String::new(), ino: n.root, opts: n.root_opts.clone() },
        })
    }

    /// Resolves absolute `path` in `ns`. With `follow_last`, a final symlink is followed.
    pub(crate) fn walk(&self, ns: &str, cred: &Cred, path: &str, follow_last: bool) -> Result<Walk, FsError> {
        let mut frames = vec![self.root_frame(ns)?];
        let mut todo: Vec<String> = path.split('/').filter(|s| !s.is_empty()).rev().map(str::to_string).collect();
        let mut links = 0;
        while let Some(name) = todo.pop() {
            if name == "." {
                continue;
            }
            if name == ".." {
                if frames.len() > 1 {
                    frames.pop();
                }
                continue;
            }
            let cur = frames.last().ok_or(FsError::NotFound)?.clone();
            let inode = self.inode(cur.ino).ok_or(FsError::NotFound)?;
            let Node::Dir(entries) = &inode.node else { return Err(FsError::NotADirectory) };
            if !allowed(inode, &cur.opts, cred, 1) {
                return Err(FsError::PermissionDenied);
            }
            let child = *entries.get(&name).ok_or(FsError::NotFound)?;
            let child_inode = self.inode(child).ok_or(FsError::NotFound)?;
            if let Node::Symlink(target) = &child_inode.node {
                if follow_last || !todo.is_empty() {
                    links += 1;
                    if links > MAX_LINKS {
                        return Err(FsError::Loop);
                    }
                    if target.starts_with('/') {
                        frames.truncate(1);
                    }
                    for part in target.split('/').filter(|s| !s.is_empty()).rev() {
                        todo.push(part.to_string());
                    }
                    continue;
                }
            }
            let mut frame = Frame { name, ino: child, opts: cur.opts.clone() };
            let mut path_names: Vec<&str> = frames.iter().skip(1).map(|f| f.name.as_str()).collect();
            path_names.push(&frame.name);
            let canon = format!("/{}", path_names.join("/"));
            if let Some(m) = self.namespaces.get(ns).and_then(|n| n.mount_at(&canon)) {
                frame.ino = m.target;
                frame.opts = m.opts.clone();
            }
            frames.push(frame);
        }
        Ok(Walk { frames })
    }

    /// Resolves the parent of absolute `path` and returns it with the last name.
    pub(crate) fn walk_parent(&self, ns: &str, cred: &Cred, path: &str) -> Result<(Walk, String), FsError> {
        let (parent, name) = super::split_parent(&super::absolutize("/", path));
        let name = name.ok_or(FsError::Exists)?;
        let walk = self.walk(ns, cred, &parent, true)?;
        let inode = self.inode(walk.last().ino).ok_or(FsError::NotFound)?;
        if !matches!(inode.node, Node::Dir(_)) {
            return Err(FsError::NotADirectory);
        }
        Ok((walk, name))
    }
}
