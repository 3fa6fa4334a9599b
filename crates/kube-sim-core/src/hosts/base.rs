//! The CentOS 7-like base files every host starts with.

use crate::fs::{Cred, Filesystems};

const OS_RELEASE: &str = "NAME=\"CentOS Linux\"
VERSION=\"7 (Core)\"
ID=\"centos\"
ID_LIKE=\"rhel fedora\"
VERSION_ID=\"7\"
PRETTY_NAME=\"CentOS Linux 7 (Core)\"
ANSI_COLOR=\"0;31\"
CPE_NAME=\"cpe:/o:centos:centos:7\"
HOME_URL=\"https://www.centos.org/\"
BUG_REPORT_URL=\"https://bugs.centos.org/\"

CENTOS_MANTISBT_PROJECT=\"CentOS-7\"
CENTOS_MANTISBT_PROJECT_VERSION=\"7\"
REDHAT_SUPPORT_PRODUCT=\"centos\"
REDHAT_SUPPORT_PRODUCT_VERSION=\"7\"

";

const PASSWD: &str = "root:x:0:0:root:/root:/bin/bash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/spool/mail:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
nobody:x:99:99:Nobody:/:/sbin/nologin
sshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/sbin/nologin
rpc:x:32:32:Rpcbind Daemon:/var/lib/rpcbind:/sbin/nologin
rpcuser:x:29:29:RPC Service User:/var/lib/nfs:/sbin/nologin
nfsnobody:x:65534:65534:Anonymous NFS User:/var/lib/nfs:/sbin/nologin
";

const GROUP: &str = "root:x:0:
bin:x:1:
daemon:x:2:
sys:x:3:
adm:x:4:
lp:x:7:
mail:x:12:
wheel:x:10:WHEEL
nobody:x:99:
sshd:x:74:
rpc:x:32:
rpcuser:x:29:
nfsnobody:x:65534:
";

/// A deterministic PEM-looking body for a certificate or key file called `name`.
fn pem(name: &str, kind: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let mut body = Vec::new();
    let mut seed = sha2::Sha256::digest(name.as_bytes()).to_vec();
    for _ in 0..6 {
        seed = sha2::Sha256::digest(&seed).to_vec();
        body.extend_from_slice(&seed);
    }
    let b64 = base64::engine::general_purpose::STANDARD.encode(&body);
    let lines: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
    format!("-----BEGIN {kind}-----\n{}\n-----END {kind}-----\n", lines.join("\n"))
}

/// Creates namespace `host` in `fs` with its base directories and files. Base files are
/// dated a month before `now`.
pub fn install(fs: &mut Filesystems, host: &str, now: i64) {
    let t = now - 30 * 86_400;
    fs.create_namespace(host, t);
    let root = Cred::root();
    let dirs: &[(&str, u32)] = &[
        ("/bin", 0o755), ("/sbin", 0o755), ("/usr/bin", 0o755), ("/usr/sbin", 0o755), ("/boot", 0o555),
        ("/dev", 0o755), ("/proc", 0o555), ("/sys", 0o555), ("/run", 0o755), ("/srv", 0o755), ("/opt", 0o755),
        ("/mnt", 0o755), ("/media", 0o755), ("/etc", 0o755), ("/etc/pki/tls/certs", 0o755),
        ("/etc/pki/ca-trust", 0o755), ("/home", 0o755), ("/root", 0o550), ("/tmp", 0o1777),
        ("/var/tmp", 0o1777), ("/var/log", 0o755), ("/var/lib", 0o755), ("/usr/lib/systemd/system", 0o755),
    ];
    for (d, mode) in dirs {
        let _ = fs.mkdir_p(host, &root, d, 0o755, t);
        let _ = fs.chmod(host, &root, d, *mode);
    }
    let learner = host == "control-plane";
    let passwd = if learner { format!("{PASSWD}learner:x:1000:1000:learner:/home/learner:/bin/bash\n") } else { PASSWD.to_string() };
    let group = GROUP.replace("WHEEL", if learner { "learner" } else { "" });
    let group = if learner { format!("{group}learner:x:1000:\n") } else { group };
    let files: Vec<(String, String)> = vec![
        ("/etc/hostname".into(), format!("{host}\n")),
        ("/etc/os-release".into(), OS_RELEASE.into()),
        ("/etc/centos-release".into(), "CentOS Linux release 7.9.2009 (Core)\n".into()),
        ("/etc/passwd".into(), passwd),
        ("/etc/group".into(), group),
        ("/etc/exports".into(), String::new()),
        ("/etc/hosts".into(), hosts_file()),
        ("/etc/pki/tls/certs/ca-bundle.crt".into(), pem("ca-bundle", "CERTIFICATE")),
        ("/root/.bashrc".into(), "# .bashrc\n\nalias rm='rm -i'\nalias cp='cp -i'\nalias mv='mv -i'\n".into()),
    ];
    for (path, text) in files {
        let _ = fs.write(host, &root, &path, text.as_bytes(), false, t);
    }
    let shadow: String = super::users::users(fs, host).iter().map(|u| format!("{}:!!:20037:0:99999:7:::\n", u.name)).collect();
    let _ = fs.write(host, &root, "/etc/shadow", shadow.as_bytes(), false, t);
    let _ = fs.chmod(host, &root, "/etc/shadow", 0o000);
    let _ = fs.mkdir_p(host, &root, "/etc/ssl", 0o755, t);
    let _ = fs.symlink(host, &root, "/etc/pki/tls/certs", "/etc/ssl/certs", t);
    if host != "nfs-server" {
        let _ = fs.mkdir_p(host, &root, "/var/lib/kubelet/pods", 0o755, t);
        let _ = fs.mkdir_p(host, &root, "/etc/kubernetes/manifests", 0o755, t);
        let crictl = "runtime-endpoint: unix:///var/run/cri-dockerd.sock\nimage-endpoint: unix:///var/run/cri-dockerd.sock\ntimeout: 10\n";
        let _ = fs.write(host, &root, "/etc/crictl.yaml", crictl.as_bytes(), false, t);
    }
    if learner {
        let _ = fs.mkdir_p(host, &root, "/etc/kubernetes/pki", 0o755, t);
        for name in ["ca", "apiserver", "apiserver-kubelet-client", "front-proxy-ca", "front-proxy-client"] {
            let _ = fs.write(host, &root, &format!("/etc/kubernetes/pki/{name}.crt"), pem(name, "CERTIFICATE").as_bytes(), false, t);
            let _ = fs.write(host, &root, &format!("/etc/kubernetes/pki/{name}.key"), pem(&format!("{name}.key"), "RSA PRIVATE KEY").as_bytes(), false, t);
            let _ = fs.chmod(host, &root, &format!("/etc/kubernetes/pki/{name}.key"), 0o600);
        }
        let _ = fs.mkdir_p(host, &root, "/home/learner", 0o700, t);
        let _ = fs.chown(host, &root, "/home/learner", Some(1000), Some(1000), true);
    }
}

/// `/etc/hosts` naming every lab machine.
fn hosts_file() -> String {
    let mut s = String::from("127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n");
    for (name, ip) in super::LAB_HOSTS {
        s.push_str(&format!("{ip} {name}\n"));
    }
    s
}
