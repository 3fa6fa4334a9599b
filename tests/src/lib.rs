//! The transcript runner. Every `scripts/**/NAME.script` is run in a fresh default lab through
//! [`kube_sim_core::script::run_fresh`] (the code behind `kube-sim script`), and its transcript
//! must equal `NAME.expected` byte for byte.
//!
//! `UPDATE_EXPECT=1 cargo test -p kube-sim-tests` rewrites the expected files; review the diff
//! before committing it. Without it, a missing expected file is a failure.

pub mod oracle;

use std::path::{Path, PathBuf};

/// Every `.script` file below `dir`, sorted.
pub fn scripts_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "script") {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

/// Runs every script below `dir` and returns one message per mismatch.
pub fn check_transcripts(dir: &Path) -> (usize, Vec<String>) {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let scripts = scripts_under(dir);
    let mut failures = Vec::new();
    for script in &scripts {
        let input = std::fs::read_to_string(script).expect("script is readable");
        let actual = kube_sim_core::script::run_fresh(&input);
        let expected_path = script.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &actual).expect("expected file is writable");
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!("{}:\n{}", script.display(), diff(&expected, &actual))),
            Err(_) => failures.push(format!("{}: no .expected file (run with UPDATE_EXPECT=1)", script.display())),
        }
    }
    (scripts.len(), failures)
}

/// A small line diff: the first differing line with context.
pub fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
    let from = first.saturating_sub(3);
    let mut out = format!("first difference at line {}\n", first + 1);
    for (i, l) in e.iter().enumerate().skip(from).take(8) {
        out.push_str(&format!("  expected {:>4}| {l}\n", i + 1));
    }
    for (i, l) in a.iter().enumerate().skip(from).take(8) {
        out.push_str(&format!("  actual   {:>4}| {l}\n", i + 1));
    }
    out
}
