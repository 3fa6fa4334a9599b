//! The reducer, natively: every test drives `Playground::apply` as the UI does.

use super::*;

fn fresh() -> Playground {
    Playground::new(Lang::En)
}

fn outputs(p: &Playground) -> String {
    p.scrollback.iter().map(|e| format!("{}{}\n{}", e.prompt, e.input, e.output)).collect()
}

#[test]
fn typed_lines_are_shown_recorded_and_kept_in_history() {
    let mut p = fresh();
    p.apply(Action::TypeLine("kubectl version --client".into()));
    p.apply(Action::TypeLine("kubectl version --client".into()));
    p.apply(Action::TypeLine("  ".into()));
    assert_eq!(p.scrollback.len(), 3);
    assert!(p.scrollback[0].output.contains("Client Version: v1.32."));
    assert_eq!(*p.history, vec!["kubectl version --client".to_string()], "no repeats, no blanks");
    assert_eq!(p.record.commands.len(), 3);
}

#[test]
fn undo_restores_the_cluster_and_the_record() {
    let mut p = fresh();
    let before = p.cluster.get().now();
    p.apply(Action::TypeLine("kubectl version".into()));
    assert!(p.cluster.get().now() > before);
    p.apply(Action::Undo);
    assert_eq!(p.cluster.get().now(), before);
    assert!(p.record.commands.is_empty());
    assert_eq!(p.notice, Some(Notice::Undone("kubectl version".into())));
    p.apply(Action::Undo);
    assert_eq!(p.notice, Some(Notice::NothingToUndo));
    for i in 0..30 {
        p.apply(Action::TypeLine(format!("echo {i}")));
    }
    assert_eq!(p.undo.len(), MAX_UNDO);
}

#[test]
fn a_replayed_record_gives_the_same_terminal() {
    let mut p = fresh();
    p.apply(Action::EditText("kind: ConfigMap\n".into()));
    p.apply(Action::ApplyFile);
    p.apply(Action::Tick(30));
    p.apply(Action::TypeLine("kubectl version --client".into()));
    let record = p.session_record();
    let again = SessionRecord::decode(&record.encode()).unwrap();
    let mut q = fresh();
    q.apply(Action::LoadRecord(Box::new(again), Notice::LinkLoaded));
    assert_eq!(outputs(&q), outputs(&p));
    assert_eq!(q.cluster.get().now(), p.cluster.get().now());
    assert_eq!(q.tabs, p.tabs);
    assert_eq!(q.session_record(), record);
}

#[test]
fn a_lesson_starts_with_its_files_and_replays_its_progress() {
    let lesson = kube_sim_lessons::catalog().into_iter().find(|l| !l.files.is_empty()).unwrap();
    let mut p = fresh();
    p.apply(Action::StartLesson(Some(lesson.id.clone())));
    assert_eq!(p.lesson().map(|l| l.id.clone()), Some(lesson.id.clone()));
    assert_eq!(p.tabs.len(), lesson.files.len());
    assert_eq!(p.record.lesson.as_deref(), Some(lesson.id.as_str()));
    for line in lesson.solution.iter().take(3) {
        p.apply(Action::TypeLine(line.clone()));
    }
    let step = p.progress.as_ref().unwrap().current_step();
    let mut q = fresh();
    q.apply(Action::LoadRecord(Box::new(p.session_record()), Notice::Restored));
    assert_eq!(q.progress.as_ref().unwrap().current_step(), step);
    assert_eq!(outputs(&q), outputs(&p));
    p.apply(Action::Reset);
    assert!(p.scrollback.is_empty() && p.record.commands.is_empty());
    assert_eq!(p.lesson().map(|l| l.id.clone()), Some(lesson.id));
    p.apply(Action::StartLesson(None));
    assert!(p.lesson().is_none());
}

#[test]
fn the_solution_is_typed_one_line_at_a_time() {
    let lesson = kube_sim_lessons::catalog().into_iter().find(|l| l.solution.len() >= 2).unwrap();
    let mut p = fresh();
    p.apply(Action::StartLesson(Some(lesson.id.clone())));
    p.apply(Action::ShowSolution);
    assert_eq!(p.input_request.as_ref().map(|r| r.text.clone()), Some(lesson.solution[0].clone()));
    assert!(p.scrollback.is_empty(), "nothing runs");
    p.apply(Action::TypeLine(lesson.solution[0].clone()));
    assert_eq!(p.input_request.as_ref().map(|r| r.text.clone()), Some(lesson.solution[1].clone()));
    p.apply(Action::TypeLine("something else".into()));
    assert_eq!(p.solution_next, None, "typing another line stops the feed");
}

#[test]
fn completion_completes_one_candidate_in_place() {
    let mut p = fresh();
    p.apply(Action::Complete { before: "kubec".into(), after: String::new() });
    let r = p.input_request.clone().unwrap();
    assert_eq!((r.text.as_str(), r.cursor), ("kubectl ", 8));
    p.apply(Action::Complete { before: "zzz".into(), after: String::new() });
    assert_eq!(p.input_request, Some(r), "no candidate: nothing changes");
}

#[test]
fn interrupt_prints_caret_c() {
    let mut p = fresh();
    p.apply(Action::Interrupt("kubectl get".into()));
    assert_eq!(p.scrollback[0].input, "kubectl get^C");
    assert!(p.record.commands.is_empty(), "an abandoned line is not recorded");
}

#[test]
fn the_scrollback_is_bounded() {
    let mut p = fresh();
    let big = "x\n".repeat(MAX_SCROLLBACK_LINES * 2);
    p.push_entry(ScrollbackEntry { prompt: "$ ".into(), input: "a".into(), output: big.clone() });
    let lines: usize = p.scrollback.iter().map(|e| 1 + e.output.matches('\n').count()).sum();
    assert!(lines <= MAX_SCROLLBACK_LINES, "{lines}");
    for _ in 0..3 {
        p.push_entry(ScrollbackEntry { prompt: "$ ".into(), input: "a".into(), output: "y\n".repeat(2000) });
    }
    let lines: usize = p.scrollback.iter().map(|e| 1 + e.output.matches('\n').count()).sum();
    assert!(lines <= MAX_SCROLLBACK_LINES, "{lines}");
}

#[test]
fn dropped_scrollback_lines_are_announced_in_both_languages() {
    let mut p = fresh();
    assert_eq!(p.scrollback_note(), None, "nothing dropped yet");
    p.push_entry(ScrollbackEntry { prompt: "$ ".into(), input: "a".into(), output: "x\n".repeat(3000) });
    assert_eq!(p.scrollback_note(), None, "3,001 lines fit");
    p.push_entry(ScrollbackEntry { prompt: "$ ".into(), input: "b".into(), output: "y\n".repeat(3000) });
    // The first entry (its echo line and 3,000 output lines) scrolled away.
    assert_eq!(p.scrollback_dropped, 3001);
    assert_eq!(p.scrollback_note().as_deref(), Some("… 3,001 earlier lines dropped (the terminal keeps the last 5,000)"));
    // One huge output is cut inside: the cut lines count too.
    p.push_entry(ScrollbackEntry { prompt: "$ ".into(), input: "c".into(), output: "z\n".repeat(6000) });
    let kept: usize = p.scrollback.iter().map(|e| 1 + e.output.matches('\n').count()).sum();
    assert_eq!(p.scrollback_dropped + kept, 3001 + 3001 + 6001);
    p.apply(Action::SetLang(Lang::Zh));
    let zh = p.scrollback_note().unwrap_or_default();
    assert!(zh.starts_with("… 已丢弃 ") && zh.contains("5,000"), "{zh}");
    p.apply(Action::ClearScreen);
    assert_eq!(p.scrollback_note(), None, "clear starts over");
}

#[test]
fn tabs_new_rename_close_and_bad_names() {
    let mut p = fresh();
    p.apply(Action::NewFile("pv.yaml".into()));
    assert_eq!(p.active_tab().map(|t| t.name.as_str()), Some("pv.yaml"));
    p.apply(Action::RenameFile("pv2.yaml".into()));
    assert_eq!(p.active_tab().map(|t| t.name.as_str()), Some("pv2.yaml"));
    p.apply(Action::NewFile("../etc/passwd".into()));
    assert_eq!(p.notice, Some(Notice::BadFileName));
    p.apply(Action::CloseFile);
    assert_eq!(p.tabs.len(), 1);
    p.apply(Action::SaveFile);
    assert_eq!(p.record.events.len(), 1);
}

#[test]
fn secrets_in_a_loaded_record_raise_the_warning() {
    let mut r = SessionRecord::new(None);
    r.commands.push("kubectl create secret generic db --from-literal=password=x".into());
    let mut p = fresh();
    p.apply(Action::LoadRecord(Box::new(r), Notice::LinkLoaded));
    assert!(p.secrets_warning);
}

#[test]
fn hostile_text_stays_text() {
    let mut p = fresh();
    let hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)> \u{202e}abc\u{200b}";
    p.apply(Action::TypeLine(hostile.into()));
    p.apply(Action::EditText(hostile.into()));
    p.apply(Action::TypeLine("x".repeat(100_000)));
    assert_eq!(p.scrollback[0].input, hostile);
    assert_eq!(p.active_tab().map(|t| t.text.as_str()), Some(hostile));
}

const TINY: &str = r#"
id: tiny
verified: true
title: { en: Tiny, zh: 小 }
intro: { en: Intro, zh: 介绍 }
steps:
  - text: { en: Client, zh: 客户端 }
    commands: [kubectl version --client]
    goal: { last_output: { contains: "Client Version: v1.32" } }
  - text: { en: Again, zh: 再来 }
    goal: { last_output: { contains: "Client Version: v1.32" } }
solution: [kubectl version --client, kubectl version --client]
outro: { en: Done, zh: 完成 }
"#;

#[test]
fn reaching_steps_is_announced_and_completes_the_lesson() {
    let lesson = kube_sim_lessons::Lesson::from_yaml("tiny.yaml", TINY).unwrap();
    let mut p = fresh();
    p.start(Some(lesson));
    p.apply(Action::TypeLine("kubectl nope".into()));
    assert_eq!(p.announcement, None);
    p.apply(Action::TypeLine("kubectl version --client".into()));
    let first = p.announcement.clone().unwrap();
    assert_eq!((first.steps.clone(), first.complete), (vec![0], false));
    p.apply(Action::TypeLine("kubectl version --client".into()));
    let second = p.announcement.clone().unwrap();
    assert_eq!((second.steps.clone(), second.complete), (vec![1], true));
    assert_ne!(first.nonce, second.nonce);
    assert!(p.progress.as_ref().unwrap().is_complete());
    assert_eq!(p.session_record().step, 2);
    p.apply(Action::Undo);
    assert_eq!(p.progress.as_ref().unwrap().current_step(), 1, "undo takes the step back too");
}

#[test]
fn vi_file_opens_a_tab_and_clear_empties_the_scrollback() {
    let mut p = fresh();
    p.apply(Action::TypeLine("echo x".into()));
    let typed = kube_sim_core::TypedLine { open_in_editor: Some("/home/learner/notes/pv.yaml".into()), ..Default::default() };
    p.show_typed("$ ".into(), "vi notes/pv.yaml", &typed);
    assert_eq!(p.active_tab().map(|t| t.name.as_str()), Some("notes/pv.yaml"));
    p.apply(Action::EditText("kind: PersistentVolume\n".into()));
    p.apply(Action::SaveFile);
    let text = p.cluster.get().read_file(&kube_sim_core::Cluster::learner_ctx(), "notes/pv.yaml");
    assert_eq!(text.ok().as_deref(), Some(&b"kind: PersistentVolume\n"[..]));
    let clear = kube_sim_core::TypedLine { clear: true, ..Default::default() };
    p.show_typed("$ ".into(), "clear", &clear);
    assert!(p.scrollback.is_empty());
}

#[test]
fn a_full_record_stops_growing_and_says_so() {
    let mut p = fresh();
    let mut r = (*p.record).clone();
    r.commands = vec!["echo".into(); kube_sim_core::session::MAX_COMMANDS];
    p.record = Rc::new(r);
    p.apply(Action::TypeLine("echo one more".into()));
    assert_eq!(p.record.commands.len(), kube_sim_core::session::MAX_COMMANDS);
    assert_eq!(p.notice, Some(Notice::RecordFull));
    assert!(SessionRecord::from_json(&p.session_record().to_json()).is_ok(), "it still loads");
}

/// What a learner could observe of the lab, read on a copy so that reading changes nothing.
fn observe(p: &Playground) -> String {
    let mut lab = p.cluster.get().clone();
    let now = lab.now();
    let out = lab.type_line("kubectl get cm,pods,pvc -A -o yaml; ls -la; cat notes.txt; history").output;
    format!("{now}\n{out}")
}

#[test]
fn undo_replays_from_checkpoints_to_the_exact_lab() {
    let mut p = fresh();
    let mut seen = Vec::new();
    for i in 0..(2 * CHECKPOINT_EVERY + 5) {
        if i % 4 == 1 {
            p.apply(Action::Tick(7));
        }
        if i % 6 == 2 {
            p.apply(Action::EditText(format!("kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c{i}\n")));
            p.apply(Action::SaveFile);
        }
        seen.push(observe(&p));
        p.apply(Action::TypeLine(format!("kubectl create configmap m{i} --from-literal=k={i}; echo {i} >> notes.txt")));
    }
    assert!(!p.checkpoints.is_empty(), "a checkpoint was taken");
    for i in (0..seen.len()).rev().take(MAX_UNDO) {
        p.apply(Action::Undo);
        assert_eq!(observe(&p), seen[i], "after undoing line {i}");
        assert_eq!(p.record.commands.len(), i);
    }
    p.apply(Action::Undo);
    assert_eq!(p.notice, Some(Notice::NothingToUndo));
}

#[test]
fn undo_in_a_lesson_replays_from_the_lesson_start() {
    let lesson = kube_sim_lessons::catalog().into_iter().find(|l| !l.setup.is_empty()).unwrap();
    let mut p = fresh();
    p.apply(Action::StartLesson(Some(lesson.id.clone())));
    let start = observe(&p);
    p.apply(Action::TypeLine("kubectl create configmap x --from-literal=a=b".into()));
    assert_ne!(observe(&p), start);
    p.apply(Action::Undo);
    assert_eq!(observe(&p), start);
}

#[test]
fn a_huge_output_keeps_exactly_its_last_lines() {
    // The reference: the last MAX - 1 pieces of `split_inclusive('\n')`.
    let reference = |out: &str| {
        let lines: Vec<&str> = out.split_inclusive('\n').collect();
        lines[lines.len().saturating_sub(MAX_SCROLLBACK_LINES - 1)..].concat()
    };
    let numbered = |n: usize| (1..=n).map(|i| format!("{i}\n")).collect::<String>();
    for out in [numbered(12_000), format!("{}tail", numbered(12_000)), format!("{}\n\n", numbered(7_000)), numbered(MAX_SCROLLBACK_LINES)] {
        let mut p = fresh();
        p.push_entry(ScrollbackEntry { prompt: "$ ".into(), input: "seq".into(), output: out.clone() });
        let kept = &p.scrollback.last().map(|r| r.output.clone()).unwrap_or_default();
        assert_eq!(kept, &reference(&out));
        let lines: usize = p.scrollback.iter().map(|r| r.lines).sum();
        assert!(lines <= MAX_SCROLLBACK_LINES, "{lines}");
        assert_eq!(p.scrollback_dropped + lines, 1 + out.matches('\n').count());
    }
}

#[test]
fn a_typed_line_shares_the_rows_already_shown() {
    let mut p = fresh();
    p.apply(Action::TypeLine("echo one".into()));
    let before = Rc::clone(&p.scrollback);
    p.apply(Action::TypeLine("echo two".into()));
    assert_eq!(p.scrollback.len(), 2);
    assert!(Rc::ptr_eq(&before[0], &p.scrollback[0]), "the first row is not copied");
}

#[test]
fn a_record_over_the_replay_budget_is_cut_and_its_rest_kept_in_a_tab() {
    let mut r = SessionRecord::new(None);
    r.commands = vec!["echo one".into(), "kubectl get pods".into()];
    r.events.push(kube_sim_core::session::Event { at: 1, kind: kube_sim_core::session::EventKind::Advance(7 * 24 * 3600) });
    let mut p = fresh();
    p.apply(Action::LoadRecord(Box::new(r), Notice::LinkLoaded));
    assert_eq!(p.notice, Some(Notice::ReplayCut { replayed: 1, total: 2, file: "not-replayed.sh".into() }));
    assert_eq!(p.scrollback.len(), 1);
    assert_eq!(p.record.commands, vec!["echo one".to_string()]);
    assert!(p.record.events.is_empty());
    let tab = p.active_tab().unwrap();
    assert_eq!((tab.name.as_str(), tab.text.as_str()), ("not-replayed.sh", "kubectl get pods\n"));
    // A second cut does not overwrite the first tab.
    let again = p.session_record();
    let mut r2 = again.clone();
    r2.commands.push("echo two".into());
    r2.events.push(kube_sim_core::session::Event { at: 1, kind: kube_sim_core::session::EventKind::Advance(7 * 24 * 3600) });
    p.apply(Action::LoadRecord(Box::new(r2), Notice::LinkLoaded));
    assert_eq!(p.notice, Some(Notice::ReplayCut { replayed: 1, total: 2, file: "not-replayed-2.sh".into() }));
    assert!(p.tabs.iter().any(|t| t.name == "not-replayed.sh" && t.text == "kubectl get pods\n"));
}

#[test]
fn a_paste_too_long_to_type_goes_whole_into_a_tab() {
    let mut p = fresh();
    let lines: Vec<String> = (0..MAX_PASTE_LINES + 1).map(|i| format!("echo {i}")).collect();
    let now = p.cluster.get().now();
    p.apply(Action::TypeLines(lines.clone()));
    assert_eq!(p.cluster.get().now(), now, "nothing ran");
    assert!(p.scrollback.is_empty() && p.record.commands.is_empty());
    assert_eq!(p.notice, Some(Notice::PasteKept { lines: MAX_PASTE_LINES + 1, file: "pasted.sh".into() }));
    let tab = p.active_tab().unwrap();
    assert_eq!(tab.text.lines().count(), MAX_PASTE_LINES + 1);
    assert!(tab.text.starts_with("echo 0\necho 1\n") && tab.text.ends_with(&format!("echo {MAX_PASTE_LINES}\n")));
    // Up to the limit, each line is typed.
    p.apply(Action::TypeLines(lines[..3].to_vec()));
    assert_eq!(p.scrollback.len(), 3);
}

#[test]
fn a_huge_line_is_shown_cut_with_a_note_and_kept_whole_in_the_record() {
    let mut p = fresh();
    let big = "x".repeat(100_000);
    p.apply(Action::TypeLine(big.clone()));
    let row = p.scrollback.last().unwrap();
    assert!(row.input.starts_with(&"x".repeat(8_192)));
    assert!(row.input.ends_with(" … 91,808 more characters of this line are not shown"), "{}", &row.input[8_000..]);
    assert!(row.output.contains("more characters of this line are not shown"), "the output echoes the line");
    assert_eq!(p.record.commands.last(), Some(&big));
}
