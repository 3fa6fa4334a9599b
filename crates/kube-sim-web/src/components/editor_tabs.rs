//! The editor's tab strip: one tab per workspace file, and new / rename / close.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::state::{Action, Tab};

/// Props of [`EditorTabs`].
#[derive(Properties, PartialEq)]
pub struct EditorTabsProps {
    /// UI language.
    pub lang: Lang,
    /// The open files.
    pub tabs: Vec<Tab>,
    /// The active tab's index.
    pub active: usize,
    /// Where actions go.
    pub ondispatch: Callback<Action>,
}

/// The tab strip and the file-name controls.
#[function_component(EditorTabs)]
pub fn editor_tabs(props: &EditorTabsProps) -> Html {
    let lang = props.lang;
    let name = use_node_ref();
    let with_name = |make: fn(String) -> Action| {
        let d = props.ondispatch.clone();
        let name = name.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = name.cast::<HtmlInputElement>() {
                d.emit(make(input.value()));
                input.set_value("");
            }
        })
    };
    let onkeydown = {
        let d = props.ondispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                let input: HtmlInputElement = e.target_unchecked_into();
                d.emit(Action::NewFile(input.value()));
                input.set_value("");
            }
        })
    };
    let close = {
        let d = props.ondispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::CloseFile))
    };
    // ←/→ move between tabs, as the ARIA tabs pattern expects.
    let onarrow = Callback::from(|e: KeyboardEvent| {
        let Some(tab) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let next = match e.key().as_str() {
            "ArrowRight" => tab.next_element_sibling(),
            "ArrowLeft" => tab.previous_element_sibling(),
            _ => return,
        };
        if let Some(next) = next.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
            e.prevent_default();
            let _ = next.focus();
            next.click();
        }
    });
    html! {
        <div class="editor-tabs">
            <div role="tablist" aria-label={i18n::EDITOR_TABS.get(lang)} class="tablist" onkeydown={onarrow}>
                { for props.tabs.iter().enumerate().map(|(i, t)| {
                    let d = props.ondispatch.clone();
                    let selected = i == props.active;
                    let dirty = t.text != t.saved;
                    html! {
                        <button role="tab" class={classes!("tab", dirty.then_some("dirty"))} data-testid="editor-tab"
                                aria-selected={selected.to_string()} aria-controls="editor-panel"
                                onclick={Callback::from(move |_| d.emit(Action::SelectTab(i)))}>
                            { &t.name }
                            if dirty { <span class="dirty-mark" title={i18n::UNSAVED.get(lang)}>{ " •" }</span> }
                        </button>
                    }
                }) }
            </div>
            <div class="file-controls">
                <input ref={name.clone()} data-testid="file-name" class="file-name" placeholder="pod.yaml" {onkeydown}
                       aria-label={i18n::FILE_NAME.get(lang)} autocomplete="off" spellcheck="false" />
                <button data-testid="file-new" onclick={with_name(Action::NewFile)}>{ i18n::NEW_FILE.get(lang) }</button>
                <button data-testid="file-rename" disabled={props.tabs.is_empty()}
                        onclick={with_name(Action::RenameFile)}>{ i18n::RENAME_FILE.get(lang) }</button>
                <button data-testid="file-close" disabled={props.tabs.is_empty()} onclick={close}>
                    { i18n::DELETE_FILE.get(lang) }</button>
            </div>
        </div>
    }
}
