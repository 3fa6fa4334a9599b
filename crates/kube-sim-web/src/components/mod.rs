//! One component per file.

pub mod editor;
pub mod graph;
pub mod lesson_panel;
pub mod terminal;
