//! The binding view's reasons in the UI language, mapped from the core's structured
//! [`Mismatch`] and [`Outcome`] (English is the core's own text, as `kube-sim explain-binding` prints it).

use kube_sim_core::storage::{Mismatch, Outcome, PvVerdict, Verdict};

use crate::i18n::{self, fill, Lang, Msg};

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

fn quoted_class(lang: Lang, c: &str) -> String {
    if c.is_empty() {
        i18n::BR_NO_CLASS.get(lang).to_string()
    } else {
        quoted(c)
    }
}

/// The template and its arguments for a mismatch (`claim_class`: the claim's class).
fn mismatch_parts(lang: Lang, m: &Mismatch, claim_class: &str) -> (Msg, Vec<(&'static str, String)>) {
    match m {
        Mismatch::Class { pv, claim } => {
            (i18n::BR_CLASS, vec![("pv", quoted_class(lang, pv)), ("claim", quoted_class(lang, claim))])
        }
        Mismatch::TooSmall { have, want } => (i18n::BR_TOO_SMALL, vec![("have", have.clone()), ("want", want.clone())]),
        Mismatch::AccessModes { pv, claim } => {
            (i18n::BR_ACCESS_MODES, vec![("pv", pv.clone()), ("claim", claim.clone())])
        }
        Mismatch::Selector => (i18n::BR_SELECTOR, vec![]),
        Mismatch::NotAvailable { phase } if phase == "Released" => (i18n::BR_RELEASED, vec![]),
        Mismatch::NotAvailable { phase } => (i18n::BR_NOT_AVAILABLE, vec![("phase", phase.clone())]),
        Mismatch::BoundToOtherClaim { namespace, name } => {
            (i18n::BR_BOUND_OTHER, vec![("claim", format!("{namespace}/{name}"))])
        }
        Mismatch::VolumeMode { pv, claim } => (i18n::BR_VOLUME_MODE, vec![("pv", pv.clone()), ("claim", claim.clone())]),
        Mismatch::NodeAffinity => (i18n::BR_NODE_AFFINITY, vec![]),
        Mismatch::Deleting => (i18n::BR_DELETING, vec![]),
        Mismatch::AttributesClass => (i18n::BR_ATTRIBUTES_CLASS, vec![]),
        Mismatch::DelayBinding => (i18n::BR_DELAY, vec![("class", quoted(claim_class))]),
        Mismatch::NotRequested { volume } => (i18n::BR_NOT_REQUESTED, vec![("volume", quoted(volume))]),
        Mismatch::Unsatisfied { reason } => (i18n::BR_UNSATISFIED, vec![("reason", reason.clone())]),
    }
}

fn render(lang: Lang, (msg, args): (Msg, Vec<(&'static str, String)>)) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(msg.get(lang), &args)
}

/// A PV's verdict in `lang` (`claim_class`: the claim's class). English is the core's message.
pub fn verdict_text(lang: Lang, v: &PvVerdict, claim_class: &str) -> String {
    if lang == Lang::En {
        return v.message.clone();
    }
    match &v.verdict {
        Verdict::Chosen => i18n::BR_CHOSEN.get(lang).to_string(),
        Verdict::Matches => i18n::BR_MATCHES.get(lang).to_string(),
        Verdict::Mismatch(m) => render(lang, mismatch_parts(lang, m, claim_class)),
    }
}

fn outcome_parts(o: &Outcome) -> (Msg, Vec<(&'static str, String)>) {
    match o {
        Outcome::Bound { volume } => (i18n::BS_BOUND, vec![("volume", quoted(volume))]),
        Outcome::Binds { volume } => (i18n::BS_BINDS, vec![("volume", quoted(volume))]),
        Outcome::RequestedBoundElsewhere { volume } => (i18n::BS_BOUND_ELSEWHERE, vec![("volume", quoted(volume))]),
        Outcome::RequestedUnsatisfied { volume, reason } => {
            (i18n::BS_UNSATISFIED, vec![("volume", quoted(volume)), ("reason", reason.clone())])
        }
        Outcome::RequestedMissing { volume } => (i18n::BS_MISSING, vec![("volume", quoted(volume))]),
        Outcome::DefaultClass { class } => (i18n::BS_DEFAULT_CLASS, vec![("class", quoted(class))]),
        Outcome::WaitForFirstConsumer => (i18n::BS_WAIT_CONSUMER, vec![]),
        Outcome::NoVolumeNoClass => (i18n::BS_NO_CLASS, vec![]),
        Outcome::ClassNotFound { class } => (i18n::BS_CLASS_NOT_FOUND, vec![("class", quoted(class))]),
        Outcome::NoProvisioner { class, provisioner } => {
            (i18n::BS_NO_PROVISIONER, vec![("class", quoted(class)), ("provisioner", provisioner.clone())])
        }
        Outcome::NoPlugin { class, provisioner } => {
            (i18n::BS_NO_PLUGIN, vec![("class", quoted(class)), ("provisioner", provisioner.clone())])
        }
        Outcome::External { provisioner } => (i18n::BS_EXTERNAL, vec![("provisioner", provisioner.clone())]),
    }
}

/// The summary line in `lang`. English is the core's sentence.
pub fn outcome_text(lang: Lang, o: &Outcome) -> String {
    if lang == Lang::En {
        return o.text();
    }
    render(lang, outcome_parts(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        x.to_string()
    }

    /// One of every mismatch (the match below fails to compile when a kind is added).
    fn every_mismatch() -> Vec<Mismatch> {
        let all = vec![
            Mismatch::BoundToOtherClaim { namespace: s("default"), name: s("other") },
            Mismatch::TooSmall { have: s("1Gi"), want: s("2Gi") },
            Mismatch::VolumeMode { pv: s("Block"), claim: s("Filesystem") },
            Mismatch::Deleting,
            Mismatch::NodeAffinity,
            Mismatch::DelayBinding,
            Mismatch::NotAvailable { phase: s("Released") },
            Mismatch::NotAvailable { phase: s("Bound") },
            Mismatch::Selector,
            Mismatch::Class { pv: s(""), claim: s("nfs") },
            Mismatch::AccessModes { pv: s("RWO"), claim: s("RWX") },
            Mismatch::AttributesClass,
            Mismatch::NotRequested { volume: s("pv9") },
            Mismatch::Unsatisfied { reason: s("requested PV is too small") },
        ];
        for m in &all {
            match m {
                Mismatch::BoundToOtherClaim { .. }
                | Mismatch::TooSmall { .. }
                | Mismatch::VolumeMode { .. }
                | Mismatch::Deleting
                | Mismatch::NodeAffinity
                | Mismatch::DelayBinding
                | Mismatch::NotAvailable { .. }
                | Mismatch::Selector
                | Mismatch::Class { .. }
                | Mismatch::AccessModes { .. }
                | Mismatch::AttributesClass
                | Mismatch::NotRequested { .. }
                | Mismatch::Unsatisfied { .. } => {}
            }
        }
        all
    }

    /// One of every outcome (the match below fails to compile when a kind is added).
    fn every_outcome() -> Vec<Outcome> {
        let all = vec![
            Outcome::Bound { volume: s("pv1") },
            Outcome::Binds { volume: s("pv1") },
            Outcome::RequestedBoundElsewhere { volume: s("pv1") },
            Outcome::RequestedUnsatisfied { volume: s("pv1"), reason: s("requested PV is too small") },
            Outcome::RequestedMissing { volume: s("pv1") },
            Outcome::DefaultClass { class: s("standard") },
            Outcome::WaitForFirstConsumer,
            Outcome::NoVolumeNoClass,
            Outcome::ClassNotFound { class: s("nfs") },
            Outcome::NoProvisioner { class: s("local"), provisioner: s("kubernetes.io/no-provisioner") },
            Outcome::NoPlugin { class: s("x"), provisioner: s("kubernetes.io/nfs") },
            Outcome::External { provisioner: s("example.com/nfs") },
        ];
        for o in &all {
            match o {
                Outcome::Bound { .. }
                | Outcome::Binds { .. }
                | Outcome::RequestedBoundElsewhere { .. }
                | Outcome::RequestedUnsatisfied { .. }
                | Outcome::RequestedMissing { .. }
                | Outcome::DefaultClass { .. }
                | Outcome::WaitForFirstConsumer
                | Outcome::NoVolumeNoClass
                | Outcome::ClassNotFound { .. }
                | Outcome::NoProvisioner { .. }
                | Outcome::NoPlugin { .. }
                | Outcome::External { .. } => {}
            }
        }
        all
    }

    fn is_chinese(t: &str) -> bool {
        !t.trim().is_empty() && t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !t.contains('{')
    }

    #[test]
    fn every_reason_kind_has_a_chinese_text() {
        for m in every_mismatch() {
            let v = PvVerdict {
                pv: s("pv1"),
                capacity: s("1Gi"),
                access_modes: s("RWO"),
                class: s(""),
                phase: s("Available"),
                verdict: Verdict::Mismatch(m.clone()),
                message: s("english"),
            };
            let zh = verdict_text(Lang::Zh, &v, "nfs");
            assert!(is_chinese(&zh), "{m:?}: {zh}");
            assert_eq!(verdict_text(Lang::En, &v, "nfs"), "english", "English is the core's text");
        }
        for verdict in [Verdict::Chosen, Verdict::Matches] {
            let v = PvVerdict {
                pv: s("pv1"),
                capacity: s("1Gi"),
                access_modes: s("RWO"),
                class: s(""),
                phase: s("Available"),
                verdict,
                message: s("english"),
            };
            assert!(is_chinese(&verdict_text(Lang::Zh, &v, "")));
        }
        for o in every_outcome() {
            let zh = outcome_text(Lang::Zh, &o);
            assert!(is_chinese(&zh), "{o:?}: {zh}");
            assert_eq!(outcome_text(Lang::En, &o), o.text());
        }
    }

    #[test]
    fn the_english_templates_mirror_the_core_summaries() {
        for o in every_outcome() {
            assert_eq!(render(Lang::En, outcome_parts(&o)), o.text(), "{o:?}");
        }
    }

    #[test]
    fn chinese_keeps_names_and_controller_reasons() {
        let o = Outcome::RequestedUnsatisfied { volume: s("pv1"), reason: s("requested PV is too small") };
        assert_eq!(outcome_text(Lang::Zh, &o), "无法绑定到请求的卷 \"pv1\"：requested PV is too small");
        let (msg, args) = mismatch_parts(Lang::Zh, &Mismatch::Class { pv: s(""), claim: s("nfs") }, "nfs");
        assert_eq!(render(Lang::Zh, (msg, args)), "存储类 \"\"（无） 与 PVC 的存储类 \"nfs\" 不一致");
    }
}
