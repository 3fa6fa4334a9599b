//! Lessons as data, in the manner of Learn Git Branching's levels. The simulator knows nothing
//! of them: a lesson is a start state (setup lines and workspace files on a fresh lab), steps
//! with goals (predicates over the cluster, evaluated through the core's public façade only),
//! hints, a solution and an outro.
//!
//! Each lesson is one YAML file under `lessons/`, embedded with `include_str!` and read with
//! [`kube_sim_core::yaml::parse_documents`] when it is first needed: [`find`] reads one file,
//! [`catalog`] all of them. This crate does no IO.
//!
//! The UI's loop: [`INDEX`] (the picker, no file read) → [`find`] → [`Lesson::start`] gives
//! the lab → [`Progress::new`] → after every typed line, [`Progress::after_command`] says which
//! steps were reached.

pub mod describe;
pub mod goal;
pub mod model;
pub mod progress;

use std::sync::OnceLock;

use kube_sim_core::Cluster;

pub use goal::{Expect, Goal};
pub use model::{Lang, Lesson, LessonError, Step, Text, WorkspaceFile};
pub use progress::{Progress, StepReached};

/// What the lesson picker needs of a lesson without reading its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonInfo {
    /// The lesson's id (its file is `lessons/{id}.yaml`).
    pub id: &'static str,
    /// The English title.
    pub title_en: &'static str,
    /// The Chinese title.
    pub title_zh: &'static str,
    /// Whether it is a challenge.
    pub challenge: bool,
}

impl LessonInfo {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.title_en,
            Lang::Zh => self.title_zh,
        }
    }

    /// The lesson file's name under `lessons/`.
    pub fn file(&self) -> String {
        format!("{}.yaml", self.id)
    }
}

const fn info(id: &'static str, title_en: &'static str, title_zh: &'static str, challenge: bool) -> LessonInfo {
    LessonInfo { id, title_en, title_zh, challenge }
}

/// Every lesson's id and title, in teaching order. A test checks it against the files.
pub const INDEX: &[LessonInfo] = &[
    info("01-emptydir", "emptyDir: a scratch folder two containers share", "emptyDir：两个容器共用的临时目录", false),
    info("02-hostpath", "hostPath: a folder of the node itself", "hostPath：直接使用节点上的目录", false),
    info("03-nfs-server", "Build an NFS server", "搭建一台 NFS 服务器", false),
    info("04-static-pv", "PersistentVolumes and claims: static provisioning", "PV 与 PVC：静态供给", false),
    info("05-reclaim", "Reclaim policies: Recycle, Retain, Delete", "回收策略：Recycle、Retain、Delete", false),
    info("06-dynamic", "Dynamic provisioning with StorageClasses", "用 StorageClass 动态供给", false),
    info("07-mysql", "MySQL survives a node failure", "MySQL 挺过节点故障", false),
    info("08-secrets-create", "Secrets: four ways to create one", "Secret：四种创建方式", false),
    info("09-secrets-use", "Using Secrets: files and environment variables", "使用 Secret：文件与环境变量", false),
    info("10-configmaps", "ConfigMaps: configuration outside the image", "ConfigMap：把配置放在镜像之外", false),
    info("11-challenge-pending-claim", "Challenge: the claim that never binds", "挑战：永远绑定不上的 PVC", true),
    info("12-challenge-container-creating", "Challenge: stuck in ContainerCreating", "挑战：卡在 ContainerCreating", true),
    info("13-challenge-rotate-password", "Challenge: rotate a password without a restart", "挑战：不重启就轮换密码", true),
    info("14-challenge-recover-retained", "Challenge: recover a released volume", "挑战：找回已释放的卷", true),
];

/// The lesson files, in teaching order.
const FILES: &[(&str, &str)] = &[
    ("01-emptydir.yaml", include_str!("../lessons/01-emptydir.yaml")),
    ("02-hostpath.yaml", include_str!("../lessons/02-hostpath.yaml")),
    ("03-nfs-server.yaml", include_str!("../lessons/03-nfs-server.yaml")),
    ("04-static-pv.yaml", include_str!("../lessons/04-static-pv.yaml")),
    ("05-reclaim.yaml", include_str!("../lessons/05-reclaim.yaml")),
    ("06-dynamic.yaml", include_str!("../lessons/06-dynamic.yaml")),
    ("07-mysql.yaml", include_str!("../lessons/07-mysql.yaml")),
    ("08-secrets-create.yaml", include_str!("../lessons/08-secrets-create.yaml")),
    ("09-secrets-use.yaml", include_str!("../lessons/09-secrets-use.yaml")),
    ("10-configmaps.yaml", include_str!("../lessons/10-configmaps.yaml")),
    ("11-challenge-pending-claim.yaml", include_str!("../lessons/11-challenge-pending-claim.yaml")),
    ("12-challenge-container-creating.yaml", include_str!("../lessons/12-challenge-container-creating.yaml")),
    ("13-challenge-rotate-password.yaml", include_str!("../lessons/13-challenge-rotate-password.yaml")),
    ("14-challenge-recover-retained.yaml", include_str!("../lessons/14-challenge-recover-retained.yaml")),
];

/// Each file's lesson, read on first use.
static PARSED: [OnceLock<Result<Lesson, LessonError>>; FILES.len()] = [const { OnceLock::new() }; FILES.len()];

fn parsed(i: usize) -> Option<&'static Result<Lesson, LessonError>> {
    let (file, src) = FILES.get(i)?;
    Some(PARSED.get(i)?.get_or_init(|| Lesson::from_yaml(file, src)))
}

/// Reads every lesson file, in teaching order; the first unreadable file is an error.
pub fn try_catalog() -> Result<Vec<Lesson>, LessonError> {
    (0..FILES.len()).filter_map(parsed).cloned().collect()
}

/// The lessons, in teaching order.
///
/// # Panics
/// When an embedded lesson file is malformed; the crate's tests read every file, so a released
/// build never does.
pub fn catalog() -> Vec<Lesson> {
    try_catalog().unwrap_or_else(|e| panic!("bad lesson file {e}"))
}

/// The lesson with id `id` (only its file is read). Its file is named after it.
pub fn find(id: &str) -> Option<Lesson> {
    let i = FILES.iter().position(|(file, _)| file.strip_suffix(".yaml") == Some(id))?;
    parsed(i)?.as_ref().ok().filter(|l| l.id == id).cloned()
}

impl Lesson {
    /// A fresh default lab prepared for this lesson: the workspace files are written, then the
    /// setup lines are typed (their output is not shown) and the shell history is cleared.
    pub fn start(&self) -> Cluster {
        let mut cluster = Cluster::new();
        for f in &self.files {
            // The workspace is the learner's home folder, which always exists.
            let _ = cluster.write_workspace_file(&f.name, &f.text);
        }
        for line in &self.setup {
            cluster.type_line(line);
        }
        if !self.setup.is_empty() {
            // The learner's history starts empty, as on a machine they just logged in to.
            cluster.type_line("history -c");
        }
        cluster
    }

    /// The step texts in `lang`, in order.
    pub fn step_texts(&self, lang: Lang) -> Vec<&str> {
        self.steps.iter().map(|s| s.text.get(lang)).collect()
    }

    /// The hints in `lang`, in order.
    pub fn hints_in(&self, lang: Lang) -> Vec<&str> {
        self.hints.iter().map(|h| h.get(lang)).collect()
    }

    /// The solution as one text, a line per typed line (what "show solution" displays).
    pub fn solution_text(&self) -> String {
        let mut s = self.solution.join("\n");
        s.push('\n');
        s
    }

    /// The workspace file named `name`.
    pub fn file(&self, name: &str) -> Option<&WorkspaceFile> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// What happened when a solution was typed into a fresh lab: the steps reached, in order, and
/// the first step never reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolutionRun {
    /// For each step reached, its index and the 0-based solution line that reached it.
    pub reached: Vec<(usize, usize)>,
    /// The first step not reached, `None` when the lesson was completed.
    pub first_unreached: Option<usize>,
    /// The whole transcript, in `kube-sim script`'s format.
    pub transcript: String,
}

impl Lesson {
    /// Types the solution line by line into [`Lesson::start`], checking goals after each line
    /// as the UI does. Used by the tests and by `kube-sim lesson check`.
    pub fn run_solution(&self) -> SolutionRun {
        let mut cluster = self.start();
        let mut progress = Progress::new(self);
        let mut reached = Vec::new();
        let mut transcript = String::new();
        for (i, line) in self.solution.iter().enumerate() {
            let typed = cluster.type_line(line);
            let prefix = if typed.kind == Some(kube_sim_core::LineKind::Continuation) { "> " } else { "$ " };
            transcript.push_str(prefix);
            transcript.push_str(line);
            transcript.push('\n');
            transcript.push_str(&typed.output);
            if !transcript.ends_with('\n') {
                transcript.push('\n');
            }
            if let Some(r) = progress.after_command(&cluster, &typed.output) {
                reached.extend(r.steps.iter().map(|&s| (s, i)));
            }
        }
        let first_unreached = (!progress.is_complete()).then(|| progress.current_step());
        SolutionRun { reached, first_unreached, transcript }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = r#"
id: tiny
verified: true
title: { en: Tiny, zh: 小 }
intro: { en: Intro, zh: 介绍 }
files:
  - { name: note.txt, text: "hello\n" }
steps:
  - text: { en: Client, zh: 客户端 }
    commands: [kubectl version --client]
    goal: { last_output: { contains: "Client Version: v1.32" } }
  - text: { en: Server, zh: 服务端 }
    goal: { last_output: { contains: "Server Version" } }
hints: [{ en: Hint, zh: 提示 }]
solution: [kubectl version --client, kubectl version]
outro: { en: Done, zh: 完成 }
"#;

    #[test]
    fn a_lesson_runs_step_by_step() {
        let lesson = Lesson::from_yaml("tiny.yaml", TINY).unwrap();
        let mut cluster = lesson.start();
        let note = cluster.read_file(&Cluster::learner_ctx(), "note.txt").unwrap();
        assert_eq!(note, b"hello\n");
        let mut progress = Progress::new(&lesson);
        let typed = cluster.type_line("kubectl nope");
        assert_eq!(progress.after_command(&cluster, &typed.output), None);
        let typed = cluster.type_line("kubectl version --client");
        let reached = progress.after_command(&cluster, &typed.output).unwrap();
        assert_eq!(reached, StepReached { steps: vec![0], complete: false });
        assert_eq!(progress.current_text(Lang::Zh), Some("服务端"));
        let typed = cluster.type_line("kubectl version");
        let reached = progress.after_command(&cluster, &typed.output).unwrap();
        assert_eq!(reached, StepReached { steps: vec![1], complete: true });
        assert!(progress.is_complete());
        assert_eq!(progress.current(), None);
    }

    #[test]
    fn one_output_counts_for_one_step_only() {
        let twice = TINY.replace("\"Server Version\"", "\"Client Version\"");
        let lesson = Lesson::from_yaml("tiny.yaml", &twice).unwrap();
        let mut cluster = lesson.start();
        let mut progress = Progress::new(&lesson);
        let typed = cluster.type_line("kubectl version --client");
        assert_eq!(progress.after_command(&cluster, &typed.output).map(|r| r.steps), Some(vec![0]));
        let typed = cluster.type_line("kubectl version --client");
        assert_eq!(progress.after_command(&cluster, &typed.output).map(|r| r.complete), Some(true));
    }

    #[test]
    fn the_solution_runner_reports_reached_steps() {
        let lesson = Lesson::from_yaml("tiny.yaml", TINY).unwrap();
        let run = lesson.run_solution();
        assert_eq!(run.reached, vec![(0, 0), (1, 1)]);
        assert_eq!(run.first_unreached, None);
        assert!(run.transcript.starts_with("$ kubectl version --client\nClient Version: v1.32.4\n"));
        assert_eq!(lesson.solution_text(), "kubectl version --client\nkubectl version\n");
    }

    #[test]
    fn bases_expand_into_setup_and_typos_are_errors() {
        let with_base = TINY.replace("verified: true", "verified: true\nbase: nfs\nsetup: [clear]");
        let lesson = Lesson::from_yaml("tiny.yaml", &with_base).unwrap();
        assert_eq!(lesson.setup.first().map(String::as_str), Some("ssh nfs-server"));
        assert_eq!(lesson.setup.last().map(String::as_str), Some("clear"));
        let typo = TINY.replace("hints:", "hint:");
        let err = Lesson::from_yaml("tiny.yaml", &typo).unwrap_err();
        assert_eq!(err.to_string(), "tiny.yaml: lesson: unknown key \"hint\"");
        let unknown_base = TINY.replace("verified: true", "verified: true\nbase: ceph");
        assert!(Lesson::from_yaml("tiny.yaml", &unknown_base).is_err());
    }

    #[test]
    fn languages_parse_from_codes() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn the_index_matches_the_files() {
        let catalog = catalog();
        assert_eq!(INDEX.len(), catalog.len());
        for (info, lesson) in INDEX.iter().zip(&catalog) {
            assert_eq!(info.id, lesson.id);
            assert_eq!(info.title(Lang::En), lesson.title.en, "{}", lesson.id);
            assert_eq!(info.title(Lang::Zh), lesson.title.zh, "{}", lesson.id);
            assert_eq!(info.challenge, lesson.challenge, "{}", lesson.id);
        }
        for (file, _) in FILES {
            assert!(INDEX.iter().any(|l| l.file() == *file), "{file}");
        }
    }

    #[test]
    fn the_catalog_is_ordered_and_findable() {
        let ids: Vec<String> = catalog().into_iter().map(|l| l.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert!(find("04-static-pv").is_some());
        assert!(find("nope").is_none());
    }
}
