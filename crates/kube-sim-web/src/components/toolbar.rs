//! The top bar's buttons: undo, reset, share, export, import, theme and language.

use std::cell::RefCell;
use std::rc::Rc;

use kube_sim_core::session::{SessionRecord, MAX_DECODED};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::state::{Action, Notice, Theme};

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// UI language.
    pub lang: Lang,
    /// The current theme.
    pub theme: Theme,
    /// Whether there is a command to undo.
    pub can_undo: bool,
    /// Whether a lesson is being followed (Reset's label).
    pub in_lesson: bool,
    /// Where actions go.
    pub ondispatch: Callback<Action>,
    /// Makes and copies a permalink.
    pub onshare: Callback<()>,
    /// Downloads the session.
    pub onexport: Callback<()>,
    /// Downloads the session as a bash script for a real cluster.
    #[prop_or_default]
    pub onexport_cluster: Callback<()>,
}

/// The session and display controls.
#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let lang = props.lang;
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let d = props.ondispatch.clone();
    let act = |a: Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(a.clone()))
    };
    let onimport = {
        let d = d.clone();
        let reader: Rc<RefCell<_>> = reader.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            if file.size() > MAX_DECODED as f64 {
                d.emit(Action::SetNotice(Some(Notice::ImportFailed(format!("larger than {MAX_DECODED} bytes")))));
                return;
            }
            let d = d.clone();
            let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |res| {
                let parsed = res.map_err(|e| e.to_string()).and_then(|text| SessionRecord::from_json(&text));
                d.emit(match parsed {
                    Ok(r) => Action::LoadRecord(Box::new(r), Notice::Imported),
                    Err(e) => Action::SetNotice(Some(Notice::ImportFailed(e))),
                });
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let theme_label = match props.theme {
        Theme::Auto => i18n::THEME_AUTO,
        Theme::Light => i18n::THEME_LIGHT,
        Theme::Dark => i18n::THEME_DARK,
    };
    let reset_label = if props.in_lesson { i18n::RESET_LESSON } else { i18n::RESET_LAB };
    let share = {
        let f = props.onshare.clone();
        Callback::from(move |_: MouseEvent| f.emit(()))
    };
    let export = {
        let f = props.onexport.clone();
        Callback::from(move |_: MouseEvent| f.emit(()))
    };
    let export_cluster = {
        let f = props.onexport_cluster.clone();
        Callback::from(move |_: MouseEvent| f.emit(()))
    };
    html! {
        <nav class="toolbar" aria-label={i18n::APP_TITLE.get(lang)}>
            <button data-testid="undo" title={i18n::UNDO_LABEL.get(lang)}
                    disabled={!props.can_undo} onclick={act(Action::Undo)}>{ i18n::UNDO.get(lang) }</button>
            <button data-testid="reset" onclick={act(Action::Reset)}>{ reset_label.get(lang) }</button>
            <button data-testid="share" title={i18n::SHARE_LABEL.get(lang)}
                    onclick={share}>{ i18n::SHARE.get(lang) }</button>
            <button data-testid="export" title={i18n::EXPORT_LABEL.get(lang)}
                    onclick={export}>{ i18n::EXPORT.get(lang) }</button>
            <button data-testid="export-cluster" title={i18n::EXPORT_CLUSTER_LABEL.get(lang)}
                    onclick={export_cluster}>{ i18n::EXPORT_CLUSTER.get(lang) }</button>
            <label class="button file-button" title={i18n::IMPORT_LABEL.get(lang)}>
                { i18n::IMPORT.get(lang) }
                <input type="file" accept="application/json,.json" data-testid="import" class="visually-hidden"
                       aria-label={i18n::IMPORT_LABEL.get(lang)} onchange={onimport} />
            </label>
            <button data-testid="theme-toggle" onclick={act(Action::SetTheme(props.theme.next()))}>
                { theme_label.get(lang) }</button>
            <button data-testid="lang-toggle" class="lang-toggle" title={i18n::SWITCH_LANG_LABEL.get(lang)}
                    onclick={act(Action::SetLang(lang.toggled()))}>
                <span lang={lang.toggled().code()}>{ i18n::SWITCH_LANG.get(lang) }</span>
            </button>
        </nav>
    }
}
