use super::*;

fn fs_with(ns: &str) -> Filesystems {
    let mut fs = Filesystems::default();
    fs.create_namespace(ns, 0);
    fs
}

#[test]
fn write_read_list_and_errors() {
    let mut fs = fs_with("h");
    let root = Cred::root();
    fs.mkdir_p("h", &root, "/a/b", 0o755, 1).unwrap();
    fs.write("h", &root, "/a/b/f", b"hi", false, 2).unwrap();
    fs.write("h", &root, "/a/b/f", b"!", true, 3).unwrap();
    assert_eq!(fs.read("h", &root, "/a/b/f").unwrap(), b"hi!");
    assert_eq!(fs.list("h", &root, "/a").unwrap(), vec!["b"]);
    assert_eq!(fs.read("h", &root, "/a"), Err(FsError::IsADirectory));
    assert_eq!(fs.read("h", &root, "/nope"), Err(FsError::NotFound));
    assert_eq!(fs.read("h", &root, "/a/b/f/x"), Err(FsError::NotADirectory));
    assert_eq!(fs.mkdir("h", &root, "/x/y", 0o755, 1), Err(FsError::NotFound));
    assert_eq!(fs.remove("h", &root, "/a", true, 1), Err(FsError::NotEmpty));
    assert_eq!(fs.stat("h", &root, "/a/b/f", true).unwrap().mtime, 3);
}

#[test]
fn permissions_apply_to_users_not_root() {
    let mut fs = fs_with("h");
    let root = Cred::root();
    let user = Cred::user(1000, 1000);
    fs.mkdir_p("h", &root, "/etc", 0o755, 0).unwrap();
    assert_eq!(fs.write("h", &user, "/etc/x", b"", false, 0), Err(FsError::PermissionDenied));
    fs.write("h", &root, "/etc/shadow", b"s", false, 0).unwrap();
    fs.chmod("h", &root, "/etc/shadow", 0o000).unwrap();
    assert_eq!(fs.read("h", &user, "/etc/shadow"), Err(FsError::PermissionDenied));
    assert_eq!(fs.read("h", &root, "/etc/shadow").unwrap(), b"s");
    assert_eq!(fs.chown("h", &user, "/etc/shadow", Some(1000), None, true), Err(FsError::NotPermitted));
}

#[test]
fn one_directory_mounted_in_two_namespaces_with_squash_and_ro() {
    let mut fs = fs_with("server");
    fs.create_namespace("client", 0);
    let root = Cred::root();
    let data = fs.mkdir_p("server", &root, "/data/nfs", 0o755, 0).unwrap();
    let nfs = MountOpts { squash: Squash::Root, fstype: "nfs4".into(), source: "s:/data/nfs".into(), ..MountOpts::default() };
    fs.bind_mount("client", "/mnt", data, nfs, 0).unwrap();
    // root is squashed to nfsnobody, which may not write a root-owned 0755 directory.
    assert_eq!(fs.write("client", &root, "/mnt/a", b"", false, 0), Err(FsError::PermissionDenied));
    fs.chown("server", &root, "/data/nfs", Some(NFSNOBODY), Some(NFSNOBODY), true).unwrap();
    fs.write("client", &root, "/mnt/a", b"x", false, 0).unwrap();
    let st = fs.stat("server", &root, "/data/nfs/a", true).unwrap();
    assert_eq!((st.uid, st.gid), (NFSNOBODY, NFSNOBODY));
    let ro = MountOpts { read_only: true, ..MountOpts::default() };
    fs.bind_mount("client", "/ro", data, ro, 0).unwrap();
    assert_eq!(fs.read("client", &root, "/ro/a").unwrap(), b"x");
    assert_eq!(fs.write("client", &root, "/ro/b", b"", false, 0), Err(FsError::ReadOnly));
    assert_eq!(fs.remove("client", &root, "/mnt", true, 0), Err(FsError::Busy));
    fs.unmount("client", "/mnt").unwrap();
    assert_eq!(fs.list("client", &root, "/mnt").unwrap(), Vec::<String>::new());
}

#[test]
fn symlinks_relative_absolute_and_loops() {
    let mut fs = fs_with("h");
    let root = Cred::root();
    let vol = fs.new_dir(0, 0, 0o777, 0);
    fs.dir_write(vol, "..2024_12_10/password", b"s3cret", 0o644, 0, 0, 0).unwrap();
    fs.dir_symlink(vol, "..data", "..2024_12_10", 0).unwrap();
    fs.dir_symlink(vol, "password", "..data/password", 0).unwrap();
    fs.bind_mount("h", "/etc/secret", vol, MountOpts { read_only: true, ..MountOpts::default() }, 0).unwrap();
    assert_eq!(fs.read("h", &root, "/etc/secret/password").unwrap(), b"s3cret");
    fs.symlink("h", &root, "/etc/secret", "/s", 0).unwrap();
    assert_eq!(fs.read("h", &root, "/s/password").unwrap(), b"s3cret");
    assert_eq!(fs.stat("h", &root, "/s", false).unwrap().kind, Kind::Symlink);
    fs.symlink("h", &root, "loop", "/loop", 0).unwrap();
    assert_eq!(fs.read("h", &root, "/loop"), Err(FsError::Loop));
    assert_eq!(fs.canonical("h", &root, "/s/password").unwrap(), "/etc/secret/..2024_12_10/password");
}

#[test]
fn rename_and_remove_tree() {
    let mut fs = fs_with("h");
    let root = Cred::root();
    fs.mkdir_p("h", &root, "/a/b", 0o755, 0).unwrap();
    fs.rename("h", &root, "/a", "/c", 0).unwrap();
    assert!(fs.stat("h", &root, "/c/b", true).is_ok());
    assert_eq!(fs.rename("h", &root, "/c", "/c/b/d", 0), Err(FsError::Invalid));
    fs.remove_tree("h", "/c", 0).unwrap();
    assert_eq!(fs.lookup("h", "/c"), Err(FsError::NotFound));
    assert_eq!(split_parent("/a/b"), ("/a".to_string(), Some("b".to_string())));
    assert_eq!(split_parent("/"), ("/".to_string(), None));
}
