//! `kube-sim`: the playground's simulated cluster in a terminal.
//!
//! - `kube-sim`: an interactive REPL on the default lab.
//! - `kube-sim script FILE` (or `-` for stdin): runs FILE's lines as if typed, and prints the
//!   transcript (`$ LINE` echoes, `> LINE` for heredoc bodies). Exit 0 when the script ran to
//!   its end, 2 for misuse or an unreadable file.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use kube_sim_core::script;

mod repl;

mod lesson;

const USAGE: &str = "Usage:
  kube-sim                 start an interactive session on a fresh default lab
  kube-sim script FILE     run FILE's lines as if typed (FILE may be - for stdin)
  kube-sim lesson list     list the lessons (id, English title, Chinese title)
  kube-sim lesson start ID [--lang en|zh]
                           start lesson ID: its intro and steps, then a session that
                           announces each step reached
  kube-sim lesson solve ID type lesson ID's solution and show what it reached
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => repl::run(),
        ["script", path] => run_script(path),
        ["lesson", "list"] => {
            for lesson in kube_sim_lessons::catalog() {
                println!("{}\t{}\t{}", lesson.id, lesson.title.en, lesson.title.zh);
            }
            ExitCode::SUCCESS
        }
        ["lesson", "start", id] => lesson::start(id, "en"),
        ["lesson", "start", id, "--lang", lang] | ["lesson", "start", "--lang", lang, id] => lesson::start(id, lang),
        ["lesson", "solve", id] => lesson::solve(id),
        ["-h" | "--help" | "help"] => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("kube-sim: unknown arguments {args:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_script(path: &str) -> ExitCode {
    let mut input = String::new();
    let read = if path == "-" {
        io::stdin().read_to_string(&mut input).map(drop)
    } else {
        std::fs::read_to_string(path).map(|s| input = s)
    };
    if let Err(e) = read {
        eprintln!("kube-sim: cannot read {path}: {e}");
        return ExitCode::from(2);
    }
    let transcript = script::run_fresh(&input);
    let mut stdout = io::stdout().lock();
    // A closed pipe (`kube-sim script f | head`) is not an error of the script.
    let _ = stdout.write_all(transcript.as_bytes());
    ExitCode::SUCCESS
}
