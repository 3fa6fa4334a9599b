//! The kubelet's `AtomicWriter` (pkg/volume/util/atomic_writer.go) over the inode arena:
//!
//! ```text
//! <volume dir>/..2024_12_10_08_00_05.2841934062/username   the payload (a fresh folder, 0755)
//! <volume dir>/..data -> ..2024_12_10_08_00_05.2841934062  swapped in one step
//! <volume dir>/username -> ..data/username                 one link per first path component
//! ```
//!
//! A new payload goes to a new timestamped folder, `..data` is swapped to it, links for paths
//! gone are removed and the old folder is deleted. Readers always see one whole version.

use crate::clock::civil;
use crate::fs::{FsError, Ino, Kind};
use crate::fs::Filesystems;

use super::payload::Payload;

/// `time.Now().UTC().Format("..2006_01_02_15_04_05.")` plus `os.MkdirTemp`'s random number
/// (here from `seq`, so names are deterministic).
pub(crate) fn ts_dir_name(now: i64, seq: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(now);
    // splitmix64 of the sequence number: a uint32 in decimal, as MkdirTemp appends.
    let mut z = seq.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    format!("..{y:04}_{mo:02}_{d:02}_{h:02}_{mi:02}_{s:02}.{}", z as u32)
}

/// The folder `..data` points at now, if any.
pub(crate) fn current_ts_dir(fs: &Filesystems, dir: Ino) -> Option<String> {
    let link = fs.child(dir, "..data")?;
    fs.stat_ino(link)?.target
}

/// Writes `payload` into volume directory `dir` as a new version named `ts`. `fs_group`
/// applies `SetVolumeOwnership` for a read-only volume (group = fsGroup, `g+r`, and
/// `g+rx` plus setgid on folders).
pub(crate) fn write(fs: &mut Filesystems, dir: Ino, payload: &Payload, ts: &str, fs_group: Option<u32>, now: i64) -> Result<(), FsError> {
    let old = current_ts_dir(fs, dir);
    let ts_ino = fs.dir_mkdir(dir, ts, now)?;
    fs.set_mode(ts_ino, 0o755);
    for (path, f) in payload {
        let rel = format!("{ts}/{path}");
        fs.dir_write(dir, &rel, &f.data, f.mode, f.fs_user.unwrap_or(0), 0, now)?;
    }
    fs.dir_symlink(dir, "..data", ts, now)?;
    let firsts: Vec<&str> = payload.keys().map(|p| p.split('/').next().unwrap_or(p)).collect();
    for first in &firsts {
        let target = format!("..data/{first}");
        let current = fs.child(dir, first).and_then(|c| fs.stat_ino(c)).and_then(|s| s.target);
        if current.as_deref() != Some(target.as_str()) {
            fs.dir_symlink(dir, first, &target, now)?;
        }
    }
    for (name, _) in fs.entries(dir)? {
        if !name.starts_with("..") && !firsts.contains(&name.as_str()) {
            fs.unlink_entry(dir, &name, now);
        }
    }
    if let Some(old) = old.filter(|o| o != ts) {
        fs.unlink_entry(dir, &old, now);
    }
    if let Some(gid) = fs_group {
        set_ownership(fs, dir, gid);
    }
    Ok(())
}

/// `volume.SetVolumeOwnership` for a read-only volume: every inode below `dir` gets group
/// `gid`; files `g+r`, folders `g+rx` and setgid; symlinks keep their mode.
fn set_ownership(fs: &mut Filesystems, dir: Ino, gid: u32) {
    let mut stack = vec![dir];
    while let Some(ino) = stack.pop() {
        let Some(st) = fs.stat_ino(ino) else { continue };
        fs.set_owner(ino, st.uid, gid);
        match st.kind {
            Kind::Dir => {
                fs.set_mode(ino, st.mode | 0o2550);
                stack.extend(fs.entries(ino).unwrap_or_default().into_iter().map(|(_, c)| c));
            }
            Kind::File => fs.set_mode(ino, st.mode | 0o440),
            Kind::Symlink => {}
        }
    }
}

/// The payload currently visible under `dir` (files below the `..data` folder).
#[cfg(test)]
pub(crate) fn read_current(fs: &Filesystems, dir: Ino) -> Option<Payload> {
    let ts = current_ts_dir(fs, dir)?;
    let root = fs.child(dir, &ts)?;
    let mut out = Payload::new();
    let mut stack = vec![(root, String::new())];
    while let Some((ino, prefix)) = stack.pop() {
        for (name, child) in fs.entries(ino).ok()? {
            let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            let st = fs.stat_ino(child)?;
            match st.kind {
                Kind::Dir => stack.push((child, path)),
                _ => {
                    let data = fs.file_bytes(child).unwrap_or_default().to_vec();
                    out.insert(path, super::payload::FileProjection { data, mode: st.mode, fs_user: None });
                }
            }
        }
    }
    Some(out)
}
