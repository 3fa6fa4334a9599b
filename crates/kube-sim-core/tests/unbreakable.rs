//! Huge inputs and runaway commands stay bounded, in time and memory, and say so; and the
//! inputs the fuzz targets (fuzz/) found once stay fixed.

use std::time::{Duration, Instant};

use kube_sim_core::shell::state::{time_limit_message, truncation_note, MAX_OUTPUT, TIME_LIMIT};
use kube_sim_core::Cluster;

/// Types `line` and checks it came back within `secs` (a debug build on a busy machine).
fn typed(lab: &mut Cluster, line: &str, secs: u64) -> String {
    let t = Instant::now();
    let out = lab.type_line(line).output;
    let took = t.elapsed();
    assert!(took < Duration::from_secs(secs), "{line:.80}: took {took:?}");
    out
}

const STEP_LIMIT_MSG: &str = "bash: stopped after 10000 commands (the simulation's step limit)\n";

#[test]
fn a_hundred_thousand_lines_of_output_are_kept_whole() {
    let mut lab = Cluster::new();
    assert_eq!(typed(&mut lab, "seq 100000 | wc -l", 30), "100000\n");
    assert_eq!(typed(&mut lab, "seq 100000 | tail -1", 30), "100000\n");
    let out = typed(&mut lab, "seq 100000", 30);
    assert_eq!(out.lines().count(), 100_000);
    assert!(out.ends_with("99999\n100000\n"));
}

#[test]
fn output_past_the_limit_is_cut_with_a_note() {
    let mut lab = Cluster::new();
    let out = typed(&mut lab, "seq 2000000", 60);
    assert!(out.len() <= MAX_OUTPUT + 4096, "{}", out.len());
    assert!(out.starts_with("1\n2\n3\n"));
    assert!(out.ends_with(&truncation_note()), "{:?}", &out[out.len() - 200..]);
    // Cut on the way through a pipe: the count is of what was kept, and the note says so.
    let out = typed(&mut lab, "seq 2000000 | wc -c", 60);
    assert_eq!(out, format!("{MAX_OUTPUT}\n{}", truncation_note()));
}

#[test]
fn seq_stops_at_the_end_of_i64() {
    let mut lab = Cluster::new();
    assert_eq!(typed(&mut lab, "seq 9223372036854775806 9223372036854775807", 5), "9223372036854775806\n9223372036854775807\n");
    assert_eq!(typed(&mut lab, "seq -9223372036854775807 -1 -9223372036854775808", 5), "-9223372036854775807\n-9223372036854775808\n");
}

#[test]
fn runaway_loops_stop_at_the_step_limit_with_the_message() {
    let mut lab = Cluster::new();
    for line in [
        "while true; do echo x; done",
        "while :; do :; done",
        "until false; do true; done",
        "while true; do echo x; done | wc -l",
        "for i in $(seq 100000); do echo $i; done",
        "while true; do (true); done",
        "while true; do x=$(echo y); done",
        "x=a; while true; do x=$x$x; done; echo ${#x}",
        "sh -c 'while true; do echo x; done'",
        "bash -c 'while true; do sh -c true; done'",
    ] {
        let out = typed(&mut lab, line, 60);
        assert!(out.contains(STEP_LIMIT_MSG), "{line}: {:?}", &out[out.len().saturating_sub(200)..]);
        assert!(out.len() <= MAX_OUTPUT + 4096 + truncation_note().len(), "{line}");
    }
}

#[test]
fn the_step_limit_message_survives_a_full_output() {
    let mut lab = Cluster::new();
    let line = format!("while true; do echo {}; done", "x".repeat(4000));
    let out = typed(&mut lab, &line, 60);
    assert!(out.contains(STEP_LIMIT_MSG), "{:?}", &out[out.len() - 300..]);
    assert!(out.ends_with(&truncation_note()), "{:?}", &out[out.len() - 300..]);
}

#[test]
fn sh_recursion_stops() {
    let mut lab = Cluster::new();
    // A script that runs itself, through `sh FILE` and through `sh -c`.
    typed(&mut lab, "echo 'sh ./self.sh' > self.sh", 5);
    let out = typed(&mut lab, "sh ./self.sh", 60);
    assert!(out.contains("maximum nesting level exceeded") || out.contains("step limit"), "{out:?}");
    typed(&mut lab, r#"echo 'sh -c "sh ./again.sh"' > again.sh"#, 5);
    let out = typed(&mut lab, "bash again.sh", 60);
    assert!(out.contains("maximum nesting level exceeded") || out.contains("step limit"), "{out:?}");
}

#[test]
fn sleeping_in_a_loop_stops_at_the_time_limit() {
    let mut lab = Cluster::new();
    let before = lab.now();
    let out = typed(&mut lab, "while true; do sleep 600; done", 120);
    assert_eq!(out, time_limit_message());
    // The line let the limit pass, and one more sleep started within it.
    assert!(lab.now() - before <= TIME_LIMIT + 600 + 1, "{}", lab.now() - before);
    assert_eq!(typed(&mut lab, "sleep 5; echo done", 10), "done\n");
}

/// Found by the `permalink` fuzz target: a replayed `sleep 5000…0` ran the controllers for a
/// simulated day (86,400 passes) before it returned.
#[test]
fn fuzz_permalink_a_huge_sleep_stops_at_the_time_limit() {
    let mut lab = Cluster::new();
    let before = lab.now();
    let t = lab.type_line("sleep 500000000000000000000000000000000000000000");
    assert_eq!(t.output, time_limit_message());
    assert_eq!(t.exit, Some(1));
    assert_eq!(lab.now() - before, TIME_LIMIT + 1);
    assert_eq!(lab.type_line("sleep 30").exit, Some(0));
}

#[test]
fn a_five_megabyte_line_is_taken_and_its_output_bounded() {
    let mut lab = Cluster::new();
    let big = "x".repeat(5 << 20);
    let out = typed(&mut lab, &format!("echo {big} | wc -c"), 60);
    assert_eq!(out, format!("{MAX_OUTPUT}\n{}", truncation_note()));
    let out = typed(&mut lab, &big, 60);
    // The cut falls inside the one line: the note still starts a line of its own.
    assert!(out.starts_with("bash: xxx") && out.ends_with(&format!("x\n{}", truncation_note())), "{}", out.len());
    assert!(out.len() <= MAX_OUTPUT + 4096 + 1 + truncation_note().len());
}

fn config_map(name: &str, bytes: usize) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  k: {}\n", "y".repeat(bytes))
}

#[test]
fn an_object_over_the_request_limit_is_413() {
    let mut lab = Cluster::new();
    lab.write_workspace_file("big.yaml", &config_map("big", 5 << 20)).unwrap();
    let err = "Error from server (RequestEntityTooLarge): error when creating \"big.yaml\": Request entity too large: limit is 3145728\n";
    assert_eq!(typed(&mut lab, "kubectl apply -f big.yaml", 60), err);
    assert_eq!(typed(&mut lab, "kubectl create -f big.yaml", 60), err);
    // Under the request limit, the API server's validation speaks.
    lab.write_workspace_file("mid.yaml", &config_map("mid", 2 << 20)).unwrap();
    assert_eq!(
        typed(&mut lab, "kubectl create -f mid.yaml", 60),
        "The ConfigMap \"mid\" is invalid: : Too long: may not be more than 1048576 bytes\n"
    );
    // apply sends the object twice (it and its last-applied annotation): over the limit.
    assert!(typed(&mut lab, "kubectl apply -f mid.yaml", 60).starts_with("Error from server (RequestEntityTooLarge)"));
}

#[test]
fn a_five_megabyte_file_of_small_objects_applies() {
    let mut lab = Cluster::new();
    let many: String = (0..2_000).map(|i| format!("---\n{}", config_map(&format!("c{i}"), 2_600))).collect();
    assert!(many.len() > 5 << 20);
    lab.write_workspace_file("many.yaml", &many).unwrap();
    let out = typed(&mut lab, "kubectl apply -f many.yaml", 120);
    assert_eq!(out.lines().count(), 2_000);
    assert!(out.ends_with("configmap/c1999 created\n"));
}

/// Types a fuzz artifact as the `command_line` target does: lossy UTF-8, one line per newline.
fn type_artifact(bytes: &[u8]) -> Cluster {
    let mut lab = Cluster::new();
    for line in String::from_utf8_lossy(bytes).split('\n').take(64) {
        lab.type_line(line);
    }
    lab
}

/// Found by the `command_line` target (two timeouts): manifest lines typed as commands ran
/// `sleep 30000`, and each simulated second of it ran the controllers. A typed line now lets at
/// most an hour pass.
#[test]
fn fuzz_command_line_a_long_sleep_in_pasted_lines_is_bounded() {
    for bytes in [
        &include_bytes!("../../../fuzz/regressions/command_line/timeout-090112e7d5f9e8915a640e9237aad1fd07c5720c")[..],
        &include_bytes!("../../../fuzz/regressions/command_line/timeout-1943639e5f1eaccdce465a63ebd208ad0347cd4b")[..],
    ] {
        let start = Cluster::new().now();
        let lab = type_artifact(bytes);
        let lines = String::from_utf8_lossy(bytes).split('\n').take(64).count() as i64;
        // A second per line and an hour at most per sleep (before: 30,000 seconds for one).
        assert!(lab.now() - start <= lines + 4 * TIME_LIMIT, "{}", lab.now() - start);
    }
}

fn pod_with_env(name: &str, bytes: usize) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    env:\n    - name: BIG\n      value: {}\n",
        "v".repeat(bytes)
    )
}

/// etcd's `--max-request-bytes` (1.5 MiB) is below the API server's body limit (3 MiB): an
/// object between the two passes validation and is refused by etcd, whose error the API
/// server passes on with no reason.
#[test]
fn an_object_over_etcds_limit_is_request_too_large() {
    let mut lab = Cluster::new();
    lab.write_workspace_file("pod.yaml", &pod_with_env("big", 2 << 20)).unwrap();
    assert_eq!(
        typed(&mut lab, "kubectl create -f pod.yaml", 60),
        "Error from server: error when creating \"pod.yaml\": etcdserver: request is too large\n"
    );
    assert_eq!(typed(&mut lab, "kubectl get pods big", 10), "Error from server (NotFound): pods \"big\" not found\n");
    // Under the limit, it is stored; an update over it is refused and the object stays.
    lab.write_workspace_file("mid.yaml", &pod_with_env("mid", 1 << 20)).unwrap();
    assert_eq!(typed(&mut lab, "kubectl create -f mid.yaml", 60), "pod/mid created\n");
    let pv = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /data\n";
    lab.write_workspace_file("pv.yaml", pv).unwrap();
    assert_eq!(typed(&mut lab, "kubectl create -f pv.yaml", 10), "persistentvolume/pv1 created\n");
    let big = "o".repeat(800 << 10);
    let patch = format!(r#"kubectl patch pv pv1 --type=merge -p '{{"spec":{{"mountOptions":["{big}","{big}"]}}}}'"#);
    assert_eq!(typed(&mut lab, &patch, 60), "Error from server: etcdserver: request is too large\n");
    let patch = format!(r#"kubectl patch pv pv1 --type=merge -p '{{"spec":{{"mountOptions":["{big}"]}}}}'"#);
    assert_eq!(typed(&mut lab, &patch, 60), "persistentvolume/pv1 patched\n");
}

/// The fork bomb and other runaway functions stop at bash's `FUNCNEST`-style limit or the step
/// limit, at once, and the lab keeps working.
#[test]
fn the_fork_bomb_and_runaway_functions_are_bounded() {
    use kube_sim_core::shell::state::{funcnest_message, MAX_FUNCNEST};
    let mut lab = Cluster::new();
    let t = lab.type_line(":(){ :|:& };:");
    assert_eq!(t.output, funcnest_message(":"));
    assert_eq!(t.exit, Some(1));
    assert_eq!(funcnest_message(":"), format!("bash: :: maximum function nesting level exceeded ({MAX_FUNCNEST})\n"));
    for line in [
        "bomb() { bomb | bomb & }; bomb",
        "f() { f; f; }; f",
        "g() { echo $(g); }; g",
        "h() { if true; then h | h; fi; }; h",
        "k() { sh -c 'k'; k; }; k",
    ] {
        let out = typed(&mut lab, line, 60);
        assert!(out.contains("maximum function nesting level exceeded") || out.contains("maximum nesting level exceeded"), "{line}: {out:?}");
        assert!(out.len() < 100_000, "{line}: {}", out.len());
    }
    let out = typed(&mut lab, "spin() { while true; do true; done; }; spin", 60);
    assert_eq!(out, STEP_LIMIT_MSG);
    let out = typed(&mut lab, "many() { for i in $(seq 100000); do true; done; }; many; many", 60);
    assert_eq!(out, STEP_LIMIT_MSG);
    assert!(typed(&mut lab, "kubectl get pods -A", 10).contains("kube-apiserver-control-plane"));
    // Functions stay defined for the session, and nested shells do not inherit them.
    assert_eq!(typed(&mut lab, "greet() { echo hi $1; }", 5), "");
    assert_eq!(typed(&mut lab, "greet you", 5), "hi you\n");
    assert_eq!(typed(&mut lab, "bash -c 'greet'", 5), "bash: greet: command not found\n");
}
