//! `kube-sim lesson …`, checked on the real binary.

mod common;

use common::kube_sim;

#[test]
fn list_prints_id_and_both_titles_tab_separated() {
    let (out, _, code) = kube_sim(&["lesson", "list"], "");
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), kube_sim_lessons::catalog().len());
    assert!(lines[0].starts_with("01-emptydir\t"), "{}", lines[0]);
    assert!(lines.iter().all(|l| l.split('\t').count() == 3), "{out}");
}

#[test]
fn unknown_lesson_exits_two() {
    let (_, err, code) = kube_sim(&["lesson", "start", "no-such-lesson"], "");
    assert_eq!(code, 2);
    assert!(err.contains("unknown lesson \"no-such-lesson\""), "{err}");
    assert_eq!(kube_sim(&["lesson", "start", "01-emptydir", "--lang", "fr"], "").2, 2);
}

#[test]
fn start_prints_the_intro_and_steps_in_the_chosen_language() {
    let (out, _, code) = kube_sim(&["lesson", "start", "01-emptydir", "--lang", "zh"], "");
    assert_eq!(code, 0);
    assert!(out.starts_with("# emptyDir：两个容器共用的临时目录\n"), "{out}");
    assert!(out.contains("第 1 步（共 5 步）"), "{out}");
    let (out, _, _) = kube_sim(&["lesson", "start", "01-emptydir"], "kubectl version --client\n");
    assert!(out.contains("Step 5 of 5"), "{out}");
    assert!(out.contains("Client Version: v1.32.4"), "{out}");
}
