//! The interactive session: a line editor with history (↑/↓, Ctrl+R) and Tab completion from
//! the core, over a fresh default lab.

use std::cell::RefCell;
use std::process::ExitCode;
use std::rc::Rc;

use kube_sim_core::Cluster;
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, Helper};

/// Completes with the core's `Cluster::complete`, which knows commands, kubectl verbs and
/// resource types, object names and file names.
struct ClusterCompleter(Rc<RefCell<Cluster>>);

impl Completer for ClusterCompleter {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let words = self.0.borrow().complete(before);
        Ok((start, words.into_iter().map(|w| Pair { display: w.clone(), replacement: w }).collect()))
    }
}

impl Hinter for ClusterCompleter {
    type Hint = String;
}
impl Highlighter for ClusterCompleter {}
impl Validator for ClusterCompleter {}
impl Helper for ClusterCompleter {}

/// Runs the REPL until `exit` at the outermost prompt or end of input.
pub fn run() -> ExitCode {
    let mut lab = Cluster::new();
    // There is no editor pane here: `vi FILE` explains how to write the file instead.
    lab.set_editor_available(false);
    let cluster = Rc::new(RefCell::new(lab));
    let mut editor: Editor<ClusterCompleter, rustyline::history::DefaultHistory> = match Editor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("kube-sim: cannot start the line editor: {e}");
            return ExitCode::from(2);
        }
    };
    editor.set_helper(Some(ClusterCompleter(cluster.clone())));
    loop {
        let prompt = cluster.borrow().prompt();
        match editor.readline(&prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                let typed = cluster.borrow_mut().type_line(&line);
                if typed.clear {
                    print!("\x1b[H\x1b[2J");
                }
                print!("{}", typed.output);
                if !typed.output.is_empty() && !typed.output.ends_with('\n') {
                    println!();
                }
            }
            Err(ReadlineError::Interrupted) => println!("^C"),
            Err(ReadlineError::Eof) => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kube-sim: {e}");
                return ExitCode::from(2);
            }
        }
    }
}
