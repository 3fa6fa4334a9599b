//! The binding view of a claim: one row per PersistentVolume with the matcher's verdict, and
//! what the controller does next, from the core's [`BindingExplanation`].

use kube_sim_core::storage::{BindingExplanation, Verdict};
use yew::prelude::*;

use super::binding_text::{outcome_text, verdict_text};
use crate::i18n::{self, Lang};

/// Props of [`BindingTable`].
#[derive(Properties, PartialEq)]
pub struct BindingTableProps {
    /// UI language.
    pub lang: Lang,
    /// The explanation.
    pub explanation: BindingExplanation,
}

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "\"\"".to_string()
    } else {
        s.to_string()
    }
}

/// Draws the table.
#[function_component(BindingTable)]
pub fn binding_table(props: &BindingTableProps) -> Html {
    let lang = props.lang;
    let e = &props.explanation;
    let rows = e.verdicts.iter().map(|v| {
        let (class, word) = match v.verdict {
            Verdict::Chosen => ("verdict-chosen", i18n::BINDING_CHOSEN),
            Verdict::Matches => ("verdict-matches", i18n::BINDING_MATCHES),
            Verdict::Mismatch(_) => ("verdict-mismatch", i18n::BINDING_MISMATCH),
        };
        html! {
            <tr class={class} data-testid="binding-row" data-pv={v.pv.clone()}>
                <th scope="row">{ &v.pv }</th>
                <td>{ &v.capacity }</td>
                <td>{ &v.access_modes }</td>
                <td>{ or_none(&v.class) }</td>
                <td>{ &v.phase }</td>
                <td><strong>{ word.get(lang) }</strong>{ ": " }<span lang={lang.code()}>{ verdict_text(lang, v, &e.class) }</span></td>
            </tr>
        }
    });
    html! {
        <div class="binding-view" data-testid="binding-view">
            <h3>{ i18n::BINDING_TITLE.get(lang) }</h3>
            <p class="view-meta">{ format!("PVC {} · {} {} {} · {} {}", e.claim, i18n::BINDING_REQUEST.get(lang),
                if e.request.is_empty() { "0" } else { &e.request }, e.access_modes, i18n::BINDING_CLASS.get(lang), or_none(&e.class)) }</p>
            if e.verdicts.is_empty() {
                <p>{ i18n::BINDING_NO_PVS.get(lang) }</p>
            } else {
                <table class="view-table" data-testid="binding-table">
                    <thead><tr>
                        <th scope="col">{ i18n::BINDING_PV.get(lang) }</th>
                        <th scope="col">{ i18n::BINDING_CAPACITY.get(lang) }</th>
                        <th scope="col">{ i18n::BINDING_ACCESS_MODES.get(lang) }</th>
                        <th scope="col">{ i18n::BINDING_CLASS.get(lang) }</th>
                        <th scope="col">{ i18n::BINDING_STATUS.get(lang) }</th>
                        <th scope="col">{ i18n::BINDING_VERDICT.get(lang) }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <p class="binding-summary" data-testid="binding-summary" lang={lang.code()}>{ outcome_text(lang, &e.outcome) }</p>
        </div>
    }
}
