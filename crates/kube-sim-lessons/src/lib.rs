//! Lessons as data, in the manner of Learn Git Branching's levels. The simulator knows nothing
//! of them: a lesson is a start state, steps with goals (predicates over the cluster), hints and
//! a solution. (Skeleton: the catalogue is filled by the tutorial issue.)

/// A text in both of the playground's languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

/// One lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// A stable id, used in links and saved progress.
    pub id: &'static str,
    /// The title.
    pub title: Text,
}

/// The lessons, in teaching order.
pub fn catalog() -> Vec<Lesson> {
    Vec::new()
}
