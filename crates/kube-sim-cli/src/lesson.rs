//! `kube-sim lesson start|solve`: a lesson in the terminal.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use kube_sim_lessons::{Lang, Lesson, Progress};

fn find(id: &str) -> Result<Lesson, ExitCode> {
    kube_sim_lessons::find(id).ok_or_else(|| {
        eprintln!("kube-sim: unknown lesson {id:?}; `kube-sim lesson list` shows the lessons");
        ExitCode::from(2)
    })
}

fn step_line(lesson: &Lesson, i: usize, lang: Lang) -> String {
    let mut s = match lang {
        Lang::En => format!("Step {} of {}: ", i + 1, lesson.steps.len()),
        Lang::Zh => format!("第 {} 步（共 {} 步）：", i + 1, lesson.steps.len()),
    };
    s.push_str(lesson.steps[i].text.get(lang).trim_end());
    for c in &lesson.steps[i].commands {
        s.push_str("\n    $ ");
        s.push_str(c);
    }
    s
}

/// Prints the lesson's intro and steps, then runs a session that checks the goals after every
/// typed line and announces the steps reached.
pub fn start(id: &str, lang: &str) -> ExitCode {
    let Some(lang) = Lang::parse(lang) else {
        eprintln!("kube-sim: unknown language {lang:?} (use en or zh)");
        return ExitCode::from(2);
    };
    let lesson = match find(id) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut out = io::stdout();
    let _ = writeln!(out, "# {}\n\n{}", lesson.title.get(lang), lesson.intro.get(lang).trim_end());
    for i in 0..lesson.steps.len() {
        let _ = writeln!(out, "\n{}", step_line(&lesson, i, lang));
    }
    if !lesson.files.is_empty() {
        let names: Vec<&str> = lesson.files.iter().map(|f| f.name.as_str()).collect();
        let label = if lang == Lang::En { "Files in your home folder: " } else { "主目录中的文件：" };
        let _ = writeln!(out, "\n{label}{}", names.join(", "));
    }
    let _ = writeln!(out);
    let mut cluster = lesson.start();
    let mut progress = Progress::new(&lesson);
    let stdin = io::stdin();
    loop {
        let _ = write!(out, "{}", cluster.prompt());
        let _ = out.flush();
        let mut line = String::new();
        match stdin.lock().read_line(&mut line) {
            Ok(0) | Err(_) => {
                let _ = writeln!(out);
                return ExitCode::SUCCESS;
            }
            Ok(_) => {}
        }
        let typed = cluster.type_line(line.trim_end_matches(['\n', '\r']));
        let _ = write!(out, "{}", typed.output);
        if !typed.output.is_empty() && !typed.output.ends_with('\n') {
            let _ = writeln!(out);
        }
        let Some(reached) = progress.after_command(&cluster, &typed.output) else { continue };
        for i in &reached.steps {
            let msg = match lang {
                Lang::En => format!("✔ Step {} of {} reached.", i + 1, lesson.steps.len()),
                Lang::Zh => format!("✔ 完成第 {} 步（共 {} 步）。", i + 1, lesson.steps.len()),
            };
            let _ = writeln!(out, "{msg}");
        }
        if reached.complete {
            let done = if lang == Lang::En { "Lesson complete!" } else { "本课完成！" };
            let _ = writeln!(out, "\n{done}\n\n{}", lesson.outro.get(lang).trim_end());
            return ExitCode::SUCCESS;
        }
        if let Some(i) = reached.steps.last().map(|i| i + 1).filter(|i| *i < lesson.steps.len()) {
            let _ = writeln!(out, "\n{}\n", step_line(&lesson, i, lang));
        }
    }
}

/// Types the lesson's solution into a fresh start and prints the transcript and the steps reached.
pub fn solve(id: &str) -> ExitCode {
    let lesson = match find(id) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let run = lesson.run_solution();
    print!("{}", run.transcript);
    for (step, line) in &run.reached {
        println!("# step {} reached by line {}: {}", step + 1, line + 1, lesson.solution[*line]);
    }
    match run.first_unreached {
        None => println!("# lesson complete"),
        Some(s) => println!("# first unreached step: {} of {}", s + 1, lesson.steps.len()),
    }
    ExitCode::SUCCESS
}
