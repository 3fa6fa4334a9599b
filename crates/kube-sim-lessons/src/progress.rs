//! Where a learner is in a lesson: the current step, checked after every command.

use kube_sim_core::Cluster;

use crate::model::{Lang, Lesson, Step};

/// Steps reached by one command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepReached {
    /// The indexes of the steps reached, in order (several when later steps' goals already
    /// held; only the first may have used the command's output).
    pub steps: Vec<usize>,
    /// The lesson is complete: every step is reached.
    pub complete: bool,
}

/// A learner's progress through one lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    lesson: Lesson,
    step: usize,
}

impl Progress {
    /// Progress at the first step of `lesson`.
    pub fn new(lesson: &Lesson) -> Self {
        Progress { lesson: lesson.clone(), step: 0 }
    }

    /// The lesson being followed.
    pub fn lesson(&self) -> &Lesson {
        &self.lesson
    }

    /// The index of the current step; equal to the number of steps once the lesson is complete.
    pub fn current_step(&self) -> usize {
        self.step
    }

    /// The current step, `None` once the lesson is complete.
    pub fn current(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    /// Whether every step is reached.
    pub fn is_complete(&self) -> bool {
        self.step >= self.lesson.steps.len()
    }

    /// Whether step `index` is reached.
    pub fn is_reached(&self, index: usize) -> bool {
        index < self.step
    }

    /// The current step's text in `lang`, `None` once the lesson is complete.
    pub fn current_text(&self, lang: Lang) -> Option<&str> {
        self.current().map(|s| s.text.get(lang))
    }

    /// Checks the current step's goal after the learner typed a line whose output was
    /// `last_output`. Steps are reached in order: when the current step's goal holds, the next
    /// steps are checked too (without the output, which counts for one step only).
    /// Nothing is checked while a command waits for more lines (a heredoc body).
    ///
    /// Call it after every typed line with that line's output, and with `""` after anything
    /// else that may change the cluster (the editor saved a file, simulated time passed).
    pub fn after_command(&mut self, cluster: &Cluster, last_output: &str) -> Option<StepReached> {
        if cluster.expects_continuation() {
            return None;
        }
        let mut reached = Vec::new();
        let mut output = Some(last_output);
        while let Some(step) = self.lesson.steps.get(self.step) {
            if !step.goal.holds(cluster, output) {
                break;
            }
            reached.push(self.step);
            self.step += 1;
            output = None;
        }
        (!reached.is_empty()).then(|| StepReached { steps: reached, complete: self.is_complete() })
    }

    /// Moves back to step `index` (e.g. when the learner resets the lab).
    pub fn restart_at(&mut self, index: usize) {
        self.step = index.min(self.lesson.steps.len());
    }
}
