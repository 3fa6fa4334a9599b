//! The images the lab's registry has: their default command, size, and root filesystem.

use crate::cluster::Cluster;
use crate::fs::{Cred, Ino};

/// What the kubelet knows about an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Image {
    /// Repository name without registry or tag (`busybox`, `mysql`).
    pub repo: &'static str,
    /// Its size in bytes (the Pulled event's `Image size`).
    pub size: u64,
    /// ENTRYPOINT + CMD.
    pub default_cmd: &'static [&'static str],
    /// Whether PID 1 exits on SIGTERM (a shell PID 1 ignores it).
    pub stops_on_term: bool,
}

const IMAGES: &[Image] = &[
    Image { repo: "busybox", size: 4_269_694, default_cmd: &["sh"], stops_on_term: false },
    Image { repo: "alpine", size: 7_800_000, default_cmd: &["/bin/sh"], stops_on_term: false },
    Image { repo: "nginx", size: 191_998_640, default_cmd: &["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"], stops_on_term: true },
    Image { repo: "mysql", size: 302_840_548, default_cmd: &["docker-entrypoint.sh", "mysqld"], stops_on_term: true },
];

/// The Kubernetes components' images (registry.k8s.io): servers that run until stopped.
const K8S_IMAGE: Image = Image { repo: "registry.k8s.io", size: 61_245_718, default_cmd: &["/pause"], stops_on_term: true };

/// The repository part of an image reference: `docker.io/library/busybox:1.36` → `busybox`.
pub fn repo_of(image: &str) -> &str {
    let no_digest = image.split('@').next().unwrap_or(image);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split(':').next().unwrap_or(last)
}

/// The tag of an image reference (`latest` when none).
pub fn tag_of(image: &str) -> &str {
    let no_digest = image.split('@').next().unwrap_or(image);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split_once(':').map_or("latest", |(_, t)| t)
}

/// The image, when the registry has it (only Docker Hub library images are known).
pub fn lookup(image: &str) -> Option<&'static Image> {
    let no_digest = image.split('@').next().unwrap_or(image);
    let path = no_digest.rsplit_once(':').filter(|(_, t)| !t.contains('/')).map_or(no_digest, |(p, _)| p);
    if path.starts_with("registry.k8s.io/") {
        return Some(&K8S_IMAGE);
    }
    let ok_registry = matches!(path.split('/').count(), 1) || path.starts_with("docker.io/library/") || path.starts_with("library/");
    if !ok_registry {
        return None;
    }
    let repo = repo_of(image);
    let tag = tag_of(image);
    let known_tag = match repo {
        "mysql" => matches!(tag, "latest" | "5.6" | "5.7" | "8" | "8.0") || tag.starts_with("5.6.") || tag.starts_with("5.7.") || tag.starts_with("8."),
        _ => !tag.is_empty(),
    };
    IMAGES.iter().find(|i| i.repo == repo).filter(|_| known_tag)
}

/// The `imagePullPolicy` default: `Always` for `:latest` (or no tag), else `IfNotPresent`.
pub fn default_pull_policy(image: &str) -> &'static str {
    if tag_of(image) == "latest" {
        "Always"
    } else {
        "IfNotPresent"
    }
}

const BUSYBOX_PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n";
const BUSYBOX_GROUP: &str = "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nwheel:x:10:root\nmail:x:8:\nwww-data:x:33:\noperator:x:37:\nusers:x:100:\nnogroup:x:65534:\n";
const DEBIAN_PASSWD: &str = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
const DEBIAN_GROUP: &str = "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nnogroup:x:65534:\n";

/// A fresh root filesystem of `image` for a container of pod `hostname` with `pod_ip`.
pub fn rootfs(cluster: &mut Cluster, image: &Image, hostname: &str, pod_ip: &str) -> Ino {
    let now = cluster.now();
    let fs = &mut cluster.fs;
    let root = fs.new_dir(0, 0, 0o755, now);
    for d in ["bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr/bin", "usr/sbin", "var/log", "var/run"] {
        let _ = fs.dir_mkdir(root, d, now);
    }
    if let Some(tmp) = fs.child(root, "tmp") {
        fs.set_mode(tmp, 0o1777);
    }
    if let Some(r) = fs.child(root, "root") {
        fs.set_mode(r, 0o700);
    }
    let (mut passwd, mut group) = match image.repo {
        "busybox" | "alpine" => (BUSYBOX_PASSWD.to_string(), BUSYBOX_GROUP.to_string()),
        _ => (DEBIAN_PASSWD.to_string(), DEBIAN_GROUP.to_string()),
    };
    match image.repo {
        "nginx" => {
            passwd.push_str("nginx:x:101:101:nginx user:/nonexistent:/bin/false\n");
            group.push_str("nginx:x:101:\n");
            let _ = fs.dir_write(root, "usr/share/nginx/html/index.html", NGINX_INDEX.as_bytes(), 0o644, 0, 0, now);
        }
        "mysql" => {
            passwd.push_str("mysql:x:999:999::/home/mysql:/bin/sh\n");
            group.push_str("mysql:x:999:\n");
            if let Ok(d) = fs.dir_mkdir(root, "var/lib/mysql", now) {
                fs.set_owner(d, 999, 999);
            }
        }
        _ => {}
    }
    let hosts = format!("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{pod_ip}\t{hostname}\n");
    let files: [(&str, String); 5] = [
        ("etc/passwd", passwd),
        ("etc/group", group),
        ("etc/hostname", format!("{hostname}\n")),
        ("etc/hosts", hosts),
        ("etc/resolv.conf", "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n".into()),
    ];
    for (p, text) in files {
        let _ = fs.dir_write(root, p, text.as_bytes(), 0o644, 0, 0, now);
    }
    let _ = Cred::root();
    root
}

const NGINX_INDEX: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_images() {
        assert_eq!(lookup("busybox").map(|i| i.repo), Some("busybox"));
        assert_eq!(lookup("docker.io/library/mysql:5.6").map(|i| i.repo), Some("mysql"));
        assert!(lookup("nope").is_none());
        assert!(lookup("quay.io/x/busybox").is_none());
        assert_eq!(default_pull_policy("busybox"), "Always");
        assert_eq!(default_pull_policy("mysql:5.6"), "IfNotPresent");
    }
}
