//! One component per file.

pub mod editor;
pub mod editor_tabs;
pub mod graph;
pub mod graph_layout;
pub mod lesson_panel;
pub mod lesson_picker;
pub mod notice_banner;
pub mod power_switch;
pub mod scrollback_rows;
pub mod terminal;
pub mod time_bar;
pub mod toolbar;
pub mod binding_table;
pub mod binding_text;
pub mod config_table;
pub mod goal_view;
pub mod mount_table;
pub mod object_details;
pub mod wait_note;
