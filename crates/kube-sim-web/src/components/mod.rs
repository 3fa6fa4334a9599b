//! One component per file.

pub mod editor;
pub mod editor_tabs;
pub mod graph;
pub mod lesson_panel;
pub mod lesson_picker;
pub mod notice_banner;
pub mod power_switch;
pub mod terminal;
pub mod time_bar;
pub mod toolbar;
pub mod wait_note;
