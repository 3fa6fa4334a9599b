//! The manifest editor: tabs, a textarea over a highlighted copy of its text, YAML errors at
//! their line, Save (Ctrl/Cmd+S) and Apply (Ctrl/Cmd+Enter), which types
//! `kubectl apply -f FILE` through the terminal.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::editor_tabs::EditorTabs;
use crate::highlight;
use crate::i18n::{self, Lang};
use crate::state::{Action, Tab};

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// UI language.
    pub lang: Lang,
    /// The open files.
    pub tabs: Vec<Tab>,
    /// The active tab's index.
    pub active: usize,
    /// Where edits, saves and applies go.
    pub ondispatch: Callback<Action>,
}

/// The editor region.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let lang = props.lang;
    let tab = props.tabs.get(props.active);
    let text = tab.map(|t| t.text.clone()).unwrap_or_default();
    let error = use_memo(text.clone(), |t| kube_sim_core::yaml::parse_documents(t).err());
    let d = props.ondispatch.clone();
    let oninput = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            d.emit(Action::EditText(area.value()));
        })
    };
    let onkeydown = {
        let d = d.clone();
        Callback::from(move |e: KeyboardEvent| {
            let cmd = (e.ctrl_key() || e.meta_key()) && !e.is_composing();
            if cmd && e.key() == "Enter" {
                e.prevent_default();
                d.emit(Action::ApplyFile);
            } else if cmd && e.key().eq_ignore_ascii_case("s") {
                e.prevent_default();
                d.emit(Action::SaveFile);
            }
        })
    };
    let act = |a: Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(a.clone()))
    };
    let err_line = error.as_ref().as_ref().map(|e| e.line);
    let err_msg = error.as_ref().as_ref().map(|e| e.message.clone());
    let lines: Vec<&str> = text.split('\n').collect();
    let cols = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 2;
    let overlay = lines.iter().enumerate().map(|(i, line)| {
        let is_err = err_line == Some(i + 1);
        html! {
            <>
                <span class={classes!("line", is_err.then_some("yaml-error-line"))}
                      title={if is_err { err_msg.clone() } else { None }}>
                    { for highlight::line(line).into_iter().map(|(tok, piece)| html! {
                        <span class={tok.class()}>{ piece }</span>
                    }) }
                </span>
                { "\n" }
            </>
        }
    });
    let status = match (&tab, &*error) {
        (None, _) => i18n::NO_FILE.get(lang).to_string(),
        (Some(_), Some(e)) => format!("{} {}: {}", i18n::YAML_ERROR_AT.get(lang), e.line, e.message),
        (Some(_), None) => format!("{} · {}", i18n::YAML_OK.get(lang), i18n::APPLY_HINT.get(lang)),
    };
    html! {
        <section class="region editor" aria-label={i18n::EDITOR.get(lang)}>
            <h2>{ i18n::EDITOR.get(lang) }</h2>
            <EditorTabs lang={lang} tabs={props.tabs.clone()} active={props.active} ondispatch={d.clone()} />
            <div class="code-scroll" id="editor-panel" role="tabpanel">
                <div class="code">
                    <pre class="highlight" aria-hidden="true">{ for overlay }</pre>
                    <textarea id="editor-text" data-testid="editor" spellcheck="false" wrap="off"
                              autocomplete="off" autocapitalize="off"
                              aria-label={tab.map(|t| format!("{}: {}", i18n::EDITOR.get(lang), t.name))
                                  .unwrap_or_else(|| i18n::EDITOR.get(lang).to_string())}
                              aria-invalid={err_line.is_some().then_some("true")}
                              aria-describedby="editor-status"
                              title={err_msg.clone()}
                              disabled={tab.is_none()}
                              rows={(lines.len() + 1).to_string()} cols={cols.max(20).to_string()}
                              value={text.clone()} {oninput} {onkeydown} />
                </div>
            </div>
            <div class="editor-footer">
                <p id="editor-status" class={classes!("editor-status", err_line.is_some().then_some("has-error"))}
                   data-testid="editor-status">{ status }</p>
                <button data-testid="editor-save" disabled={tab.is_none()} onclick={act(Action::SaveFile)}>
                    { i18n::SAVE.get(lang) }</button>
                <button data-testid="editor-apply" class="primary" disabled={tab.is_none()} onclick={act(Action::ApplyFile)}>
                    { i18n::APPLY.get(lang) }</button>
            </div>
        </section>
    }
}
