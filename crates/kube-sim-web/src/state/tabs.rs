//! The editor side of the reducer: workspace tabs.

use std::rc::Rc;

use kube_sim_core::Cluster;

use super::lab::tab;
use super::{Notice, Playground, Tab};

/// Whether `name` is a workspace file name the editor accepts: a relative path, no spaces,
/// no `..`, not too long.
pub fn valid_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('/')
        && !name.ends_with('/')
        && !name.chars().any(|c| c.is_whitespace() || c.is_control())
        && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

impl Playground {
    /// Opens `name` in a tab (the existing one if it is open), reading it from the lab.
    pub(super) fn open_file(&mut self, name: &str) {
        let name = name.strip_prefix("./").unwrap_or(name);
        let name = name.strip_prefix("/home/learner/").unwrap_or(name);
        if let Some(i) = self.tabs.iter().position(|t| t.name == name) {
            self.active = i;
            return;
        }
        let text = match self.cluster.get().read_file(&Cluster::learner_ctx(), name) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => String::new(),
        };
        self.tabs.push(tab(name, &text));
        self.active = self.tabs.len() - 1;
        self.revision += 1;
    }

    pub(super) fn edit_text(&mut self, text: String) {
        if let Some(t) = self.tabs.get_mut(self.active) {
            t.text = text;
            self.revision += 1;
        }
    }

    pub(super) fn new_file(&mut self, name: &str) {
        let name = name.trim();
        if !valid_file_name(name) {
            self.notice = Some(Notice::BadFileName);
            return;
        }
        if let Some(i) = self.tabs.iter().position(|t| t.name == name) {
            self.active = i;
            return;
        }
        self.tabs.push(Tab { name: name.to_string(), text: String::new(), saved: String::new() });
        self.active = self.tabs.len() - 1;
        self.revision += 1;
    }

    pub(super) fn rename_file(&mut self, name: &str) {
        let name = name.trim();
        if !valid_file_name(name) || self.tabs.iter().any(|t| t.name == name) {
            self.notice = Some(Notice::BadFileName);
            return;
        }
        if let Some(t) = self.tabs.get_mut(self.active) {
            t.name = name.to_string();
            // Not in the lab under its new name yet.
            t.saved = String::new();
            self.revision += 1;
        }
    }

    pub(super) fn close_file(&mut self) {
        if self.active < self.tabs.len() {
            self.tabs.remove(self.active);
            self.active = self.active.min(self.tabs.len().saturating_sub(1));
            self.revision += 1;
        }
    }

    /// Writes the active tab to the lab (what the editor's Save does) and records it.
    pub(super) fn save_file(&mut self) {
        let Some(t) = self.tabs.get_mut(self.active) else { return };
        if self.cluster.edit().write_workspace_file(&t.name, &t.text).is_ok() {
            t.saved = t.text.clone();
            Rc::make_mut(&mut self.record).push_save(&t.name, &t.text);
            self.revision += 1;
            // A saved file may reach a step (goals over workspace files).
            self.check_goals("");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert!(valid_file_name("pod.yaml"));
        assert!(valid_file_name("dir/pod.yaml"));
        for bad in ["", "/etc/passwd", "../x", "a b", "a/./b", "dir/", "a\nb"] {
            assert!(!valid_file_name(bad), "{bad}");
        }
    }
}
