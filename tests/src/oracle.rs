//! Oracle tests: the same command runs in the REAL kubectl (client side only, never contacting
//! a server) and in the simulation, and both must print the same bytes and exit the same way.
//!
//! Each [`Case`] names files to create, then one command line. The real kubectl runs in a fresh
//! temporary folder holding those files, with an empty environment except `KUBECONFIG=/dev/null`,
//! `HOME` (the temporary folder) and `PATH`. The simulation gets the same files in the learner's
//! workspace (`/home/learner`, the shell's working directory) and the line typed into a fresh
//! lab. Our terminal merges stdout and stderr; so the real output compared is stdout followed by
//! stderr. Command lines must not need shell quoting (the words are split on blanks).

use std::path::{Path, PathBuf};
use std::process::Command;

/// One oracle case.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    /// A short name for failure messages.
    pub name: &'static str,
    /// Files to create first: relative path and bytes (folders are made as needed).
    pub files: &'static [(&'static str, &'static [u8])],
    /// The command line, starting with `kubectl`.
    pub line: &'static str,
}

/// What a command printed (stdout then stderr) and its exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// stdout followed by stderr.
    pub output: String,
    /// The exit status.
    pub exit: i32,
}

/// Whether the real kubectl can be run here.
pub fn kubectl_available() -> bool {
    Command::new("kubectl").arg("version").arg("--client").env("KUBECONFIG", "/dev/null").output().is_ok_and(|o| o.status.success())
}

fn scratch_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kube-sim-oracle-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

fn write_files(dir: &Path, files: &[(&str, &[u8])]) {
    for (rel, bytes) in files {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("folder is creatable");
        }
        std::fs::write(&p, bytes).expect("file is writable");
    }
}

/// Runs `case` in the real kubectl. `None` when kubectl cannot be started.
pub fn run_real(case: &Case, tag: &str) -> Option<Outcome> {
    let dir = scratch_dir(tag);
    write_files(&dir, case.files);
    let words: Vec<&str> = case.line.split_whitespace().collect();
    let (program, args) = words.split_first()?;
    run_in(&dir, program, args)
}

/// Runs the real kubectl with `args` (no shell), in an empty temporary folder.
pub fn run_real_args(args: &[&str], tag: &str) -> Option<Outcome> {
    run_in(&scratch_dir(tag), "kubectl", args)
}

/// Runs `program args` in `dir` with no kubeconfig (so nothing reaches a server), then removes
/// `dir`. Stdout and stderr are concatenated, as a terminal shows a failing command.
fn run_in(dir: &std::path::Path, program: &str, args: &[&str]) -> Option<Outcome> {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("KUBECONFIG", "/dev/null")
        .env("HOME", dir)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .ok();
    let _ = std::fs::remove_dir_all(dir);
    let output = output?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    Some(Outcome { output: text, exit: output.status.code().unwrap_or(-1) })
}

/// `word` quoted for a POSIX shell: unchanged when it holds no special character.
pub fn shell_quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_=./,:@%+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Runs `case` in a fresh simulated lab.
pub fn run_sim(case: &Case) -> Outcome {
    let mut cluster = kube_sim_core::Cluster::new();
    let ctx = kube_sim_core::Cluster::learner_ctx();
    for (rel, bytes) in case.files {
        match std::str::from_utf8(bytes) {
            Ok(text) => cluster.write_workspace_file(rel, text).expect("workspace file is writable"),
            Err(_) => cluster.write_file(&ctx, rel, bytes).expect("workspace file is writable"),
        }
    }
    // The real kubectl gets the words directly; our terminal goes through a shell, so each word
    // is quoted as a learner would have to.
    let line: Vec<String> = case.line.split_whitespace().map(shell_quote).collect();
    let typed = cluster.type_line(&line.join(" "));
    Outcome { output: typed.output, exit: typed.exit.unwrap_or(0) }
}

/// The result of a run over many cases.
#[derive(Debug, Default)]
pub struct Report {
    /// Cases compared with the real kubectl.
    pub compared: usize,
    /// Cases skipped because kubectl is not installed.
    pub skipped: usize,
    /// One message per case whose outputs differ.
    pub failures: Vec<String>,
}

/// Compares every case. When kubectl is missing every case is counted as skipped (and said so
/// on stderr); the caller decides whether that is allowed.
pub fn check(cases: &[Case]) -> Report {
    let mut report = Report::default();
    if !kubectl_available() {
        eprintln!("oracle: kubectl not found on PATH; {} cases skipped", cases.len());
        report.skipped = cases.len();
        return report;
    }
    for (i, case) in cases.iter().enumerate() {
        let Some(real) = run_real(case, &i.to_string()) else {
            report.skipped += 1;
            eprintln!("oracle: {}: kubectl could not be started; skipped", case.name);
            continue;
        };
        let sim = run_sim(case);
        report.compared += 1;
        if real != sim {
            report.failures.push(format!(
                "case {} ({}): exit real {} / sim {}\n{}",
                case.name,
                case.line,
                real.exit,
                sim.exit,
                crate::diff(&real.output, &sim.output)
            ));
        }
    }
    report
}
