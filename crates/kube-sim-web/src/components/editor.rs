//! The manifest editor.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::state::Action;

/// The workspace file the editor saves to.
pub const EDITOR_FILE: &str = "manifest.yaml";

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// UI language.
    pub lang: Lang,
    /// The text being edited.
    pub text: AttrValue,
    /// Where edits and "apply" go.
    pub ondispatch: Callback<Action>,
}

/// A plain textarea for now; Ctrl/Cmd+Enter applies.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let oninput = {
        let d = props.ondispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            d.emit(Action::EditText(area.value()));
        })
    };
    let apply = {
        let d = props.ondispatch.clone();
        move || d.emit(Action::TypeLine(format!("kubectl apply -f {EDITOR_FILE}")))
    };
    let onclick = {
        let apply = apply.clone();
        Callback::from(move |_| apply())
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            apply();
        }
    });
    html! {
        <section class="region editor" aria-label={i18n::EDITOR.get(props.lang)}>
            <h2>{ i18n::EDITOR.get(props.lang) }</h2>
            <textarea data-testid="editor" spellcheck="false" aria-label={i18n::EDITOR.get(props.lang)}
                      value={props.text.clone()} {oninput} {onkeydown} />
            <button data-testid="editor-apply" {onclick}>{ i18n::APPLY.get(props.lang) }</button>
        </section>
    }
}
