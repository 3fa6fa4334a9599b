//! The bundle: a golden file for a session that touches every case, and `bash -n` on it and
//! on hostile records.

use super::export_bundle;
use crate::session::SessionRecord;
use crate::Cluster;

const PV: &str = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: mypv1\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  nfs:\n    path: /data/nfs\n    server: 172.19.0.4\n";

fn session() -> SessionRecord {
    let mut r = SessionRecord::new(None);
    r.push_save("pv.yaml", PV);
    for l in [
        "kubectl apply -f pv.yaml",
        "cat > pod.yaml <<EOF",
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: web",
        "spec:",
        "  containers:",
        "  - name: web",
        "    image: nginx",
        "EOF",
        "kubectl apply -f pod.yaml",
        "kubectl get pods -w",
        "sudo yum install -y nfs-utils",
        "ssh worker-1",
    ] {
        r.commands.push(l.into());
    }
    r.push_advance(30);
    for l in ["systemctl status kubelet", "exit", "kubectl exec -it web -- sh", "ls /usr/share/nginx/html", "exit", "echo (", "ls"] {
        r.commands.push(l.into());
    }
    r.push_power("worker-1", false);
    r.push_advance(400);
    r.commands.push("kubectl get pods -o wide".into());
    r.commands.push("cat > half.yaml <<EOF".into());
    r.commands.push("kind: Pod".into());
    r.files.push(("pv.yaml".into(), PV.into()));
    r.files.push(("draft.yaml".into(), "kind: ConfigMap\n".into()));
    r
}

fn bash_n(script: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("bash")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("bash");
    child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "bash -n: {}\n{script}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn golden_bundle() {
    let text = export_bundle(&session(), Cluster::new(), &[], &[]);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/export_bundle/golden.sh");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let golden = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(text, golden, "UPDATE_EXPECT=1 rewrites {path}");
    bash_n(&text);
}

#[test]
fn the_bundle_runs_in_bash_with_waits_skipped() {
    // Only the workstation part runs: files are written, the NFS address is replaced. kubectl
    // is a stub that records its arguments.
    let mut r = SessionRecord::new(None);
    r.push_save("pv.yaml", PV);
    r.commands.push("kubectl apply -f pv.yaml".into());
    r.push_advance(100);
    let text = export_bundle(&r, Cluster::new(), &[("start.txt".into(), "$HOME `x` 'q'\n".into())], &["kubectl create ns x".into()]);
    let dir = std::env::temp_dir().join(format!("kube-sim-bundle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("bin")).unwrap();
    std::fs::write(dir.join("bin/kubectl"), "#!/bin/sh\necho \"kubectl $*\" >> \"$LOG\"\n").unwrap();
    std::fs::write(dir.join("bundle.sh"), &text).unwrap();
    let status = std::process::Command::new("chmod").arg("+x").arg(dir.join("bin/kubectl")).status().unwrap();
    assert!(status.success());
    let out = std::process::Command::new("bash")
        .arg("bundle.sh")
        .current_dir(&dir)
        .env("PATH", format!("{}:{}", dir.join("bin").display(), std::env::var("PATH").unwrap_or_default()))
        .env("LOG", dir.join("log"))
        .env("KUBE_SIM_SKIP_WAITS", "1")
        .env("NFS_SERVER", "10.1.2.3")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pv = std::fs::read_to_string(dir.join("kube-sim-workspace/pv.yaml")).unwrap();
    assert_eq!(pv, PV.replace("172.19.0.4", "10.1.2.3"));
    assert_eq!(std::fs::read_to_string(dir.join("kube-sim-workspace/start.txt")).unwrap(), "$HOME `x` 'q'\n");
    assert_eq!(std::fs::read_to_string(dir.join("log")).unwrap(), "kubectl apply -f pv.yaml\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_records_still_give_valid_bash() {
    let mut r = SessionRecord::new(Some("x'; rm -rf /\r".into()));
    r.push_save("a'b.yaml", "KUBE_SIM_EOF\nline\n");
    r.push_save("../escape.yaml", "x");
    r.push_save("/etc/passwd", "x");
    r.push_save("dir/ok.yaml", "no newline at end");
    r.push_power("worker-1\nrm -rf /", true);
    r.push_advance(-5);
    r.commands.push("cat <<'EOF'".into());
    r.commands.push("$(reboot)".into());
    r.files.push(("b\u{7}.yaml".into(), String::new()));
    let text = export_bundle(&r, Cluster::new(), &[], &[]);
    assert!(!text.contains("\nrm -rf /"), "{text}");
    assert!(text.contains("KUBE_SIM_EOF_\n"), "a line equal to the delimiter gets a longer one");
    assert!(text.contains("# (skipped a file with an unusable name: ../escape.yaml)"));
    bash_n(&text);
    for n in [2, 5, 11, 16, 19, 22] {
        let mut s = session();
        s.commands.truncate(n);
        bash_n(&export_bundle(&s, Cluster::new(), &[], &[]));
    }
}
