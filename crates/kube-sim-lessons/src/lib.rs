//! Lessons as data, in the manner of Learn Git Branching's levels. The simulator knows nothing
//! of them: a lesson is a start state (setup lines and workspace files on a fresh lab), steps
//! with goals (predicates over the cluster, evaluated through the core's public façade only),
//! hints, a solution and an outro.
//!
//! Each lesson is one YAML file under `lessons/`, embedded with `include_str!` and read with
//! [`kube_sim_core::yaml::parse_documents`]. This crate does no IO.
//!
//! The UI's loop: [`catalog`] → [`Lesson::start`] gives the lab → [`Progress::new`] → after
//! every typed line, [`Progress::after_command`] says which steps were reached.

pub mod goal;
pub mod model;
pub mod progress;

use std::sync::OnceLock;

use kube_sim_core::Cluster;

pub use goal::{Expect, Goal};
pub use model::{Lang, Lesson, LessonError, Step, Text, WorkspaceFile};
pub use progress::{Progress, StepReached};

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

/// Reads every lesson file, in teaching order; the first unreadable file is an error.
pub fn try_catalog() -> Result<Vec<Lesson>, LessonError> {
    FILES.iter().map(|(file, src)| Lesson::from_yaml(file, src)).collect()
}

/// The lessons, in teaching order.
///
/// # Panics
/// When an embedded lesson file is malformed; the crate's tests read every file, so a released
/// build never does.
pub fn catalog() -> Vec<Lesson> {
    static CATALOG: OnceLock<Vec<Lesson>> = OnceLock::new();
    CATALOG.get_or_init(|| try_catalog().unwrap_or_else(|e| panic!("bad lesson file {e}"))).clone()
}

/// The lesson with id `id`.
pub fn find(id: &str) -> Option<Lesson> {
    catalog().into_iter().find(|l| l.id == id)
}

impl Lesson {
    /// A fresh default lab prepared for this lesson: the workspace files are written, then the
    /// setup lines are typed (their output is not shown).
    pub fn start(&self) -> Cluster {
        let mut cluster = Cluster::new();
        for f in &self.files {
            // The workspace is the learner's home folder, which always exists.
            let _ = cluster.write_workspace_file(&f.name, &f.text);
        }
        for line in &self.setup {
            cluster.type_line(line);
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
