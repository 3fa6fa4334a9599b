//! "Export for a real cluster": the bash script of [`kube_sim_core::export_bundle`] for the
//! current session, and its file name. The browser side only downloads it.

use kube_sim_core::export_bundle::export_bundle;
use kube_sim_core::Cluster;

use crate::state::Playground;

/// The script's file name and text for the playground's session.
pub fn bundle(state: &Playground) -> (String, String) {
    let record = state.session_record();
    let lesson = state.lesson();
    let start = lesson.map_or_else(Cluster::new, |l| l.start());
    let files: Vec<(String, String)> = lesson.map(|l| l.files.iter().map(|f| (f.name.clone(), f.text.clone())).collect()).unwrap_or_default();
    let setup: Vec<String> = lesson.map(|l| l.setup.clone()).unwrap_or_default();
    let name = match &record.lesson {
        Some(id) => format!("kube-sim-{id}.sh"),
        None => "kube-sim-sandbox.sh".to_string(),
    };
    (name, export_bundle(&record, start, &files, &setup))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::state::Action;

    #[test]
    fn the_sandbox_session_becomes_a_script() {
        let mut p = Playground::new(Lang::En);
        p.apply(Action::TypeLine("kubectl get nodes".into()));
        p.apply(Action::SetPower("worker-1".into(), false));
        p.apply(Action::Tick(60));
        let (name, text) = bundle(&p);
        assert_eq!(name, "kube-sim-sandbox.sh");
        assert!(text.starts_with("#!/usr/bin/env bash\n"));
        assert!(text.contains("\nkubectl get nodes\n"), "{text}");
        assert!(text.contains("# The graph's power button switched worker-1 off here."), "{text}");
        assert!(text.contains("\nkube_sim_wait 60\n"), "{text}");
    }
}
