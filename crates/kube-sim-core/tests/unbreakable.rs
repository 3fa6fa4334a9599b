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
    assert!(out.starts_with("bash: xxx") && out.ends_with(&truncation_note()), "{}", out.len());
    assert!(out.len() <= MAX_OUTPUT + 4096 + truncation_note().len());
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
