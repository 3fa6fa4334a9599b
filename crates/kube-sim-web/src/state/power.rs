//! The graph's power button: a machine switched on or off, recorded in the session (so
//! autosave, permalinks and export replay it) and undoable like a typed line.

use std::rc::Rc;

use kube_sim_core::hosts::Power;

use super::Playground;

impl Playground {
    /// Switches machine `host` on or off; nothing happens when it already is, or no such machine exists.
    pub(super) fn set_power(&mut self, host: &str, on: bool) {
        {
            let c = self.cluster.get();
            if c.host(host).is_none() || c.is_powered_on(host) == on {
                return;
            }
        }
        self.snapshot(&format!("power {} {host}", if on { "on" } else { "off" }));
        let change = if on { Power::On } else { Power::Off };
        if self.cluster.edit().set_power(host, change).is_err() {
            self.undo.pop_back();
            return;
        }
        Rc::make_mut(&mut self.record).push_power(host, on);
        self.revision += 1;
        self.check_goals("");
    }
}

#[cfg(test)]
mod tests {
    use kube_sim_core::session::EventKind;

    use crate::i18n::Lang;
    use crate::state::{Action, Notice, Playground};

    #[test]
    fn power_is_recorded_replayed_and_undone() {
        let mut p = Playground::new(Lang::En);
        p.apply(Action::TypeLine("kubectl get nodes".into()));
        let rev = p.revision;
        p.apply(Action::SetPower("worker-1".into(), false));
        assert!(!p.cluster.get().is_powered_on("worker-1"));
        assert!(p.revision > rev, "autosave sees it");
        assert_eq!(p.record.events.last().map(|e| &e.kind), Some(&EventKind::Power { host: "worker-1".into(), on: false }));
        // A permalink or autosave replays it.
        let record = p.session_record();
        let mut other = Playground::new(Lang::En);
        other.apply(Action::LoadRecord(Box::new(record), Notice::LinkLoaded));
        assert!(!other.cluster.get().is_powered_on("worker-1"));
        assert!(other.cluster.get().is_powered_on("worker-2"));
        // Undo takes it back like a typed line.
        p.apply(Action::Undo);
        assert!(p.cluster.get().is_powered_on("worker-1"));
        assert!(p.record.events.iter().all(|e| !matches!(e.kind, EventKind::Power { .. })));
        assert_eq!(p.notice, Some(Notice::Undone("power off worker-1".into())));
    }

    #[test]
    fn no_change_and_unknown_machines_record_nothing() {
        let mut p = Playground::new(Lang::En);
        p.apply(Action::SetPower("worker-2".into(), true));
        p.apply(Action::SetPower("nope".into(), false));
        assert!(p.record.events.is_empty());
        assert!(p.undo.is_empty());
    }
}
