//! The transcript contract shared by `kube-sim script`, the transcript tests and the lessons.
//!
//! Each input line is typed into a fresh default lab's terminal. A line typed at a prompt is
//! echoed as `$ LINE`, a heredoc body line as `> LINE`, then the output follows. When an output
//! does not end with a newline, one is added before the next echo. The same input always gives
//! the same bytes.

use crate::{Cluster, LineKind};

/// Runs `input` line by line in `cluster` and returns the transcript.
pub fn run_script(cluster: &mut Cluster, input: &str) -> String {
    let mut out = String::new();
    for line in input.lines() {
        let typed = cluster.type_line(line);
        let prefix = match typed.kind {
            Some(LineKind::Continuation) => "> ",
            _ => "$ ",
        };
        out.push_str(prefix);
        out.push_str(line);
        out.push('\n');
        out.push_str(&typed.output);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Runs `input` in a fresh default lab.
pub fn run_fresh(input: &str) -> String {
    run_script(&mut Cluster::new(), input)
}
