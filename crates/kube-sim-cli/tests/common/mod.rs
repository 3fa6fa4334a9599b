//! Runs the real `kube-sim` binary, for the CLI's integration tests.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `kube-sim ARGS` with `stdin`; returns stdout, stderr and the exit code.
pub fn kube_sim(args: &[&str], stdin: &str) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kube-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kube-sim starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("stdin written");
    let out = child.wait_with_output().expect("kube-sim ends");
    (
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
        out.status.code().unwrap_or(-1),
    )
}
