use super::{describe, targets, GoalLine, Target};
use crate::goal::{Expect, Goal};
use crate::model::Lang;

fn goal(yaml: &str) -> Goal {
    let v = kube_sim_core::yaml::parse_documents(yaml).expect("yaml").remove(0);
    Goal::from_value(&v, "goal").expect("goal")
}

fn texts(g: &Goal, lang: Lang) -> Vec<String> {
    describe(g, lang).into_iter().map(|l| format!("{}{}", "  ".repeat(l.depth), l.text)).collect()
}

#[test]
fn a_phase_check_reads_as_the_object_state_in_both_languages() {
    let g = goal("{ check: \"kubectl get pvc mypvc1 -o jsonpath={.status.phase}\", equals: Bound }");
    assert_eq!(texts(&g, Lang::En), ["PersistentVolumeClaim default/mypvc1 is “Bound”"]);
    assert_eq!(texts(&g, Lang::Zh), ["PersistentVolumeClaim default/mypvc1 的状态是 “Bound”"]);
    assert_eq!(targets(&g), [Target { kind: "PersistentVolumeClaim".into(), namespace: "default".into(), name: "mypvc1".into() }]);
    assert_eq!(targets(&g)[0].testid(), "obj-persistentvolumeclaim-default-mypvc1");
}

#[test]
fn nested_goals_exec_ssh_and_negation() {
    let g = goal(
        "all:\n  - { check: \"kubectl get pv mypv1 -o jsonpath={.spec.persistentVolumeReclaimPolicy}\", equals: Retain }\n  - { check: \"kubectl exec secret-volume-pod -- cat /etc/foo/password\", equals: \"123456\" }\n  - not: { check: \"ssh worker-1 'ls -d /srv/x'\", exit: 0 }\n  - { check: \"kubectl get pod producer-consumer\", contains: NotFound }\n  - any:\n    - { last_output: { contains: done } }\n    - { check: \"kubectl get pods -l app=mysql\", matches: \"mysql-*Running*\" }\n",
    );
    assert_eq!(
        texts(&g, Lang::En),
        [
            "PersistentVolume mypv1: field spec.persistentVolumeReclaimPolicy is “Retain”",
            "In Pod default/secret-volume-pod, `cat /etc/foo/password` prints exactly “123456”",
            "NOT: On host worker-1, `ls -d /srv/x` succeeds (exit status 0)",
            "Pod default/producer-consumer no longer exists",
            "At least one of:",
            "  Your last command's output contains “done”",
            "  `kubectl get pods -l app=mysql` a line of output matches “mysql-*Running*”",
        ]
    );
    assert_eq!(
        texts(&g, Lang::Zh),
        [
            "PersistentVolume mypv1 的字段 spec.persistentVolumeReclaimPolicy 是 “Retain”",
            "在 Pod default/secret-volume-pod 中，`cat /etc/foo/password` 输出恰好是 “123456”",
            "不成立：在主机 worker-1 上，`ls -d /srv/x` 执行成功（退出码 0）",
            "Pod default/producer-consumer 已不存在",
            "以下至少一项成立：",
            "  你上一条命令的输出包含 “done”",
            "  `kubectl get pods -l app=mysql` 输出中有一行匹配 “mysql-*Running*”",
        ]
    );
    let ids: Vec<String> = targets(&g).iter().map(Target::testid).collect();
    assert_eq!(ids, ["obj-persistentvolume-_-mypv1", "obj-pod-default-secret-volume-pod"]);
}

/// Every goal kind (check, last_output, all, any, not) has a description in both languages,
/// and so does every step of every lesson.
#[test]
fn every_goal_kind_and_every_lesson_step_is_described_in_both_languages() {
    let check = Goal::Check { command: "kubectl get nodes".into(), expect: Expect { contains: vec!["Ready".into()], ..Expect::default() } };
    let last = Goal::LastOutput(Expect { equals: Some("x".into()), ..Expect::default() });
    let kinds = [
        check.clone(),
        last.clone(),
        Goal::All(vec![check.clone(), last.clone()]),
        Goal::Any(vec![check.clone(), last.clone()]),
        Goal::Not(Box::new(check.clone())),
        Goal::Not(Box::new(Goal::All(vec![check, last]))),
    ];
    let lessons = crate::catalog();
    let steps = lessons.iter().flat_map(|l| l.steps.iter().map(|s| s.goal.clone()));
    for g in kinds.into_iter().chain(steps) {
        let (en, zh) = (describe(&g, Lang::En), describe(&g, Lang::Zh));
        assert!(!en.is_empty() && en.len() == zh.len(), "{g:?}");
        for (e, z) in en.iter().zip(&zh) {
            assert!(!e.text.trim().is_empty() && !z.text.trim().is_empty(), "{g:?}");
            assert_eq!(e.depth, z.depth);
            assert_ne!(e.text, z.text, "the Chinese text is translated: {g:?}");
        }
    }
    let _ = GoalLine { depth: 0, text: String::new() };
}
