use crate::script::run_fresh;
use crate::Cluster;

fn run(lines: &str) -> String {
    run_fresh(lines)
}

#[test]
fn quotes_variables_and_substitution() {
    let t = run("X='a  b'; echo \"$X\" $X ${X} '$X' \\$X\necho $(echo hi) \"$(printf '%s-' x y)\"\nfalse; echo $?\n");
    assert_eq!(t, "$ X='a  b'; echo \"$X\" $X ${X} '$X' \\$X\na  b a b a b $X $X\n$ echo $(echo hi) \"$(printf '%s-' x y)\"\nhi x-y-\n$ false; echo $?\n1\n");
}

#[test]
fn pipes_lists_and_redirects() {
    let t = run("echo b > f; echo a >> f; sort f | head -n 1\ncat nope 2>/dev/null || echo gone\ncat nope 2>&1 | wc -l\ntrue && echo yes; false || echo no\n");
    assert_eq!(t, "$ echo b > f; echo a >> f; sort f | head -n 1\na\n$ cat nope 2>/dev/null || echo gone\ngone\n$ cat nope 2>&1 | wc -l\n1\n$ true && echo yes; false || echo no\nyes\nno\n");
}

#[test]
fn heredoc_bodies_are_continuations() {
    let mut c = Cluster::new();
    assert!(!c.expects_continuation());
    c.type_line("cat <<EOF > f.txt");
    assert!(c.expects_continuation());
    assert_eq!(c.prompt(), "> ");
    c.type_line("hello $USER");
    c.type_line("EOF");
    assert!(!c.expects_continuation());
    assert_eq!(c.type_line("cat f.txt").output, "hello learner\n");
}

#[test]
fn errors_match_bash() {
    let t = run("frobnicate\necho 'x\necho hi |\n");
    assert_eq!(t, "$ frobnicate\nbash: frobnicate: command not found\n$ echo 'x\nbash: unexpected EOF while looking for matching `''\n$ echo hi |\nbash: syntax error: unexpected end of file\n");
}

#[test]
fn runaway_loops_stop() {
    let mut c = Cluster::new();
    let t = c.type_line("while true; do true; done");
    assert!(t.output.contains("step limit"), "{}", t.output);
    assert_eq!(c.type_line("echo ok").output, "ok\n");
}

#[test]
fn ssh_pushes_a_root_session_and_exit_pops_it() {
    let mut c = Cluster::new();
    assert_eq!(c.prompt(), "[learner@control-plane ~]$ ");
    c.type_line("ssh nfs-server");
    assert_eq!(c.prompt(), "[root@nfs-server ~]# ");
    c.type_line("mkdir -p /data/nfs && cd /data/nfs");
    assert_eq!(c.prompt(), "[root@nfs-server nfs]# ");
    assert_eq!(c.type_line("exit").output, "logout\nConnection to nfs-server closed.\n");
    assert_eq!(c.prompt(), "[learner@control-plane ~]$ ");
    assert_eq!(c.type_line("ssh 172.19.0.2 hostname").output, "worker-1\n");
}

#[test]
fn completion_offers_commands_and_files() {
    let mut c = Cluster::new();
    c.type_line("touch notes.txt; mkdir nfs-pv");
    assert!(c.complete("kubec").contains(&"kubectl".to_string()));
    assert_eq!(c.complete("cat no"), vec!["notes.txt".to_string()]);
    assert_eq!(c.complete("cd nf"), vec!["nfs-pv/".to_string()]);
    assert_eq!(c.complete("ssh w"), vec!["worker-1".to_string(), "worker-2".to_string()]);
    assert_eq!(c.complete("systemctl st"), vec!["start".to_string(), "status".to_string(), "stop".to_string()]);
    assert_eq!(c.complete("systemctl start rp"), vec!["rpcbind".to_string()]);
    assert_eq!(c.complete("cat /etc/host"), vec!["/etc/hostname".to_string(), "/etc/hosts".to_string()]);
}

#[test]
fn editor_and_clear_effects() {
    let mut c = Cluster::new();
    let t = c.type_line("vi pod.yml");
    assert_eq!(t.open_in_editor.as_deref(), Some("/home/learner/pod.yml"));
    assert_eq!(t.output, "");
    assert!(c.type_line("clear").clear);
    c.set_editor_available(false);
    let t = c.type_line("vim pod.yml");
    assert_eq!(t.open_in_editor, None);
    assert_eq!(t.output, "vim: no full-screen editor in this terminal; write the file with a heredoc:\n  cat > pod.yml <<'EOF'\n  ...\n  EOF\n");
}

#[test]
fn nfs_exports_reach_nfs_export_for() {
    let mut c = Cluster::new();
    for l in ["ssh nfs-server", "yum install -y nfs-utils", "systemctl start rpcbind", "systemctl start nfs", "mkdir -p /data/nfs",
        "echo '/data/nfs 172.19.0.0/16(rw,sync,no_root_squash)' > /etc/exports", "exportfs -r"] {
        c.type_line(l);
    }
    let rule = c.nfs_export_for("172.19.0.4", "/data/nfs/pv1", "172.19.0.2");
    assert_eq!(rule.map(|r| r.squash), Err("mount.nfs: mounting 172.19.0.4:/data/nfs/pv1 failed, reason given by server: No such file or directory".into()));
    let rule = c.nfs_export_for("172.19.0.4", "/data/nfs", "172.19.0.2").unwrap();
    assert!(rule.rw);
    assert_eq!(rule.squash, crate::fs::Squash::None);
    assert!(c.nfs_export_for("172.19.0.4", "/data/nfs", "10.1.1.1").unwrap_err().contains("access denied"));
    assert_eq!(c.nfs_export_for("172.19.0.9", "/data/nfs", "172.19.0.2"), Err("mount.nfs: Connection timed out".into()));
    assert!(c.nfs_client_check("worker-1", "172.19.0.4:/data/nfs").unwrap_err().starts_with("mount: wrong fs type"));
    assert_eq!(c.nfs_client_check("nfs-server", "172.19.0.4:/data/nfs"), Ok(()));
    c.type_line("ssh nfs-server systemctl stop nfs");
    assert_eq!(c.nfs_export_for("172.19.0.4", "/data/nfs", "172.19.0.2"), Err("mount.nfs: Connection refused".into()));
}

#[test]
fn deep_nesting_and_huge_patterns_do_not_overflow() {
    let mut c = Cluster::new();
    for line in ["$(".repeat(5000), "${a:-".repeat(5000), "(".repeat(5000), "{ ".repeat(5000), "`".repeat(5000), "$((".repeat(3000)] {
        let t = c.type_line(&line);
        assert!(t.exit.is_some());
    }
    let t = c.type_line(&format!("echo aaaa | grep '{}'", "a*".repeat(5000)));
    assert!(t.exit.is_some());
    let t = c.type_line(&format!("echo {}", "*".repeat(3000)));
    assert!(t.exit.is_some());
}

#[test]
fn runaway_growth_is_bounded() {
    let mut c = Cluster::new();
    let t = c.type_line("x=ab; while true; do x=$x$x; done; echo ${#x}");
    assert!(t.output.contains("step limit"));
    let t = c.type_line("printf '%4000s' $(seq 100000) | wc -c");
    // The pipe's input was cut at the output limit, and the terminal says so.
    assert_eq!(t.output, format!("4194304\n{}", super::state::truncation_note()));
}

#[test]
fn recycler_scrub_script_empties_a_volume_through_a_squashed_nfs_mount() {
    use crate::cluster::ProcCtx;
    let mut c = Cluster::new();
    for l in ["ssh nfs-server", "yum install -y nfs-utils", "systemctl start rpcbind", "systemctl start nfs", "mkdir -p /data/nfs/pv1/sub",
        "touch /data/nfs/pv1/a /data/nfs/pv1/.hidden /data/nfs/pv1/..odd", "chown -R nfsnobody:nfsnobody /data/nfs",
        "echo '/data/nfs *(rw,sync)' > /etc/exports", "exportfs -r", "exit"] {
        c.type_line(l);
    }
    let rule = c.nfs_export_for("172.19.0.4", "/data/nfs/pv1", "172.19.0.2").unwrap();
    let opts = rule.mount_opts("172.19.0.4", "/data/nfs/pv1");
    let now = c.now();
    let ino = c.filesystems().lookup("nfs-server", "/data/nfs/pv1").unwrap();
    let fs = c.filesystems_mut();
    fs.create_namespace("recycler", now);
    fs.bind_mount("recycler", "/scrub", ino, opts, now).unwrap();
    let ctx = ProcCtx { host: "recycler".into(), user: "root".into(), cwd: "/".into() };
    let script = "test -e /scrub && rm -rf /scrub/..?* /scrub/.[!.]* /scrub/*  && test -z \"$(ls -A /scrub)\" || exit 1";
    let out = crate::shell::run_sh(&mut c, &ctx, script, b"");
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(c.filesystems().entries(ino).unwrap(), vec![]);
    // A uid from a securityContext works as a user name.
    let ctx = ProcCtx { host: "recycler".into(), user: "999:999".into(), cwd: "/".into() };
    let out = crate::shell::run_sh(&mut c, &ctx, "id; touch /scrub/x", b"");
    assert_eq!(out.stdout, "uid=999 gid=999 groups=999\n");
    assert_eq!(out.stderr, "touch: cannot touch '/scrub/x': Permission denied\n");
}

#[test]
fn nested_shells_and_container_prompts() {
    use crate::cluster::ProcCtx;
    use crate::shell::{PromptStyle, Session};
    let mut c = Cluster::new();
    c.type_line("bash");
    assert_eq!(c.session_depth(), 2);
    assert_eq!(c.type_line("{ echo bye; exit 3; }").output, "bye\nexit\n");
    assert_eq!(c.session_depth(), 1);
    assert_eq!(c.type_line("(exit 4); echo $?").output, "4\n");
    assert_eq!(c.session_depth(), 1);
    c.filesystems_mut().create_namespace("pod-mysql", 0);
    let ctx = ProcCtx { host: "pod-mysql".into(), user: "root".into(), cwd: "/".into() };
    c.push_session(Session::new(ctx.clone()).with_prompt(PromptStyle::Debian { hostname: "mysql-0".into() }).non_login());
    assert_eq!(c.prompt(), "root@mysql-0:/# ");
    c.type_line("mkdir -p /var/lib/mysql; cd /var/lib/mysql");
    assert_eq!(c.prompt(), "root@mysql-0:/var/lib/mysql# ");
    assert_eq!(c.type_line("exit").output, "exit\n");
    c.push_session(Session::new(ctx).with_prompt(PromptStyle::Busybox));
    assert_eq!(c.prompt(), "/ # ");
}

#[test]
fn mounts_show_in_mount_df_and_ls() {
    let mut c = Cluster::new();
    for l in ["ssh nfs-server", "yum install -y nfs-utils", "systemctl start rpcbind", "systemctl start nfs", "mkdir -p /data/nfs",
        "chown nfsnobody.nfsnobody /data/nfs/", "echo '/data/nfs 172.19.0.0/16(rw,sync)' > /etc/exports", "systemctl reload nfs", "exit"] {
        c.type_line(l);
    }
    let rule = c.nfs_export_for("172.19.0.4", "/data/nfs", "172.19.0.2").unwrap();
    let ino = c.filesystems().lookup("nfs-server", "/data/nfs").unwrap();
    let now = c.now();
    c.filesystems_mut().bind_mount("worker-1", "/mnt/nfs", ino, rule.mount_opts("172.19.0.4", "/data/nfs"), now).unwrap();
    c.type_line("ssh worker-1");
    assert_eq!(c.type_line("touch /mnt/nfs/a; ls -l /mnt/nfs").output, "total 0\n-rw-r--r-- 1 nfsnobody nfsnobody 0 Dec 10 08:00 a\n");
    assert_eq!(
        c.type_line("mount | tail -n 1").output,
        "172.19.0.4:/data/nfs on /mnt/nfs type nfs4 (rw,relatime,vers=4.1,rsize=524288,wsize=524288,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=172.19.0.2,local_lock=none,addr=172.19.0.4)\n"
    );
    assert_eq!(c.type_line("df -h /mnt/nfs | tail -n 1").output, "172.19.0.4:/data/nfs   40G     0   40G   0% /mnt/nfs\n");
}

#[test]
fn run_program_runs_exec_form_commands() {
    let mut c = Cluster::new();
    let ctx = Cluster::learner_ctx();
    let argv: Vec<String> = ["sh", "-c", "echo $0 $1; echo oops >&2; exit 4", "x", "y"].iter().map(|s| s.to_string()).collect();
    let out = c.run_program(&ctx, &argv, "").unwrap();
    assert_eq!((out.stdout.as_str(), out.stderr.as_str(), out.code), ("x y\n", "oops\n", 4));
    let out = c.run_program(&ctx, &["wc".to_string(), "-l".to_string()], "a\nb\n").unwrap();
    assert_eq!(out.stdout, "2\n");
    assert!(c.run_program(&ctx, &["nope".to_string()], "").is_none());
}

#[test]
fn multi_line_scripts_carry_their_heredoc_bodies() {
    let mut c = Cluster::new();
    let ctx = Cluster::learner_ctx();
    let out = crate::shell::run_sh(&mut c, &ctx, "cat <<EOF > conf\nkey=$HOME\nEOF\ncat conf\ncat <<'X' | wc -l\na\nb\nX\n", b"");
    assert_eq!(out.stdout, "key=/home/learner\n2\n");
}

#[test]
fn workspace_files_land_in_the_learners_home() {
    let mut c = Cluster::new();
    c.write_workspace_file("manifests/pod.yml", "kind: Pod\n").unwrap();
    assert_eq!(c.type_line("cat ~/manifests/pod.yml; ls -l manifests").output, "kind: Pod\ntotal 4\n-rw-r--r-- 1 learner learner 10 Dec 10 08:00 pod.yml\n");
    assert_eq!(c.write_workspace_file("/etc/x", ""), Err(crate::fs::FsError::PermissionDenied));
}

mod props {
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "ls", "-l", "-la", "-R", "cat", "/etc/passwd", "rm", "-rf", "*", ".[!.]*", "mkdir", "-p", "a/b", "cd", "..", "/", "echo",
        "$(ls)", "|", "&&", "||", ";", ">", ">>", "2>&1", "f", "<<EOF", "EOF", "<<-X", "ssh", "worker-1", "nfs-server", "exit",
        "sudo", "-i", "chmod", "777", "u+x", "chown", "nfsnobody.nfsnobody", "yum", "install", "-y", "nfs-utils", "systemctl",
        "start", "stop", "reload", "nfs", "rpcbind", "exportfs", "-rav", "showmount", "-e", "sed", "-i", "s/a/b/g", "grep", "-v",
        "x", "base64", "-d", "printf", "%s%d", "{a,b}", "$((1/0))", "while", "true;", "do", "done", "for", "i", "in", "if",
        "then", "fi", "find", "tee", "poweroff", "reboot", "vi", "clear", "history", "cp", "mv", "ln", "-s", "touch", "/tmp/x",
        "/etc/exports", "'/d *(rw)'", "head", "-n", "tail", "wc", "sort", "uniq", "cut", "-d:", "-f1", "(", ")", "{", "}",
        "sh", "-c", "'exit 3'", "$?", "${x:-y}", "kubectl", "version", "df", "-h", "mount", "id", "date", "sleep", "2",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn random_lines_never_panic(lines in proptest::collection::vec(".{0,40}", 1..6)) {
            let mut c = crate::Cluster::new();
            for l in &lines {
                let _ = c.type_line(l);
                let _ = c.prompt();
                let _ = c.complete(l);
            }
        }

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            let mut c = crate::Cluster::new();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            for l in text.split('\n') {
                let _ = c.type_line(l);
            }
            let _ = c.type_line(&text);
        }

        #[test]
        fn command_soup_never_panics(lines in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(WORDS), 0..8), 1..8)) {
            let mut c = crate::Cluster::new();
            for words in &lines {
                let _ = c.type_line(&words.join(" "));
                let _ = c.prompt();
            }
        }

        #[test]
        fn shell_syntax_soup_never_panics(lines in proptest::collection::vec("[a-z $'\"`(){}|&;<>*?\\[\\]=#~/.\\\\-]{0,30}", 1..6)) {
            let mut c = crate::Cluster::new();
            for l in &lines {
                let _ = c.type_line(l);
            }
        }
    }
}
