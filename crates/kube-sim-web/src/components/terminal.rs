//! The terminal: scrollback, prompt, history (↑/↓), Ctrl+L.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::state::{Action, ScrollbackEntry};

/// Props of [`Terminal`].
#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    /// UI language.
    pub lang: Lang,
    /// The prompt for the next line.
    pub prompt: AttrValue,
    /// What has been typed and printed so far.
    pub scrollback: Vec<ScrollbackEntry>,
    /// Lines typed before, oldest first.
    pub history: Vec<String>,
    /// Where typed lines go.
    pub ondispatch: Callback<Action>,
}

/// The terminal region.
#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let input = use_node_ref();
    // Position in history while browsing with ↑/↓; None when editing a new line.
    let cursor = use_state(|| None::<usize>);
    let onkeydown = {
        let input = input.clone();
        let d = props.ondispatch.clone();
        let history = props.history.clone();
        let cursor = cursor.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(el) = input.cast::<HtmlInputElement>() else { return };
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    d.emit(Action::TypeLine(el.value()));
                    el.set_value("");
                    cursor.set(None);
                }
                "ArrowUp" | "ArrowDown" if !history.is_empty() => {
                    e.prevent_default();
                    let up = e.key() == "ArrowUp";
                    let next = match (*cursor, up) {
                        (None, true) => Some(history.len() - 1),
                        (None, false) => None,
                        (Some(i), true) => Some(i.saturating_sub(1)),
                        (Some(i), false) if i + 1 < history.len() => Some(i + 1),
                        (Some(_), false) => None,
                    };
                    el.set_value(next.map(|i| history[i].as_str()).unwrap_or(""));
                    cursor.set(next);
                }
                "l" if e.ctrl_key() => {
                    e.prevent_default();
                    d.emit(Action::ClearScreen);
                }
                _ => {}
            }
        })
    };
    html! {
        <section class="region terminal" aria-label={i18n::TERMINAL.get(props.lang)}>
            <h2>{ i18n::TERMINAL.get(props.lang) }</h2>
            <pre class="scrollback" data-testid="terminal-output" role="log" aria-live="polite">
                { for props.scrollback.iter().map(|e| html! {
                    <>
                        <span class="prompt">{ &e.prompt }</span>{ &e.input }{ "\n" }
                        { &e.output }
                    </>
                }) }
            </pre>
            <div class="input-line">
                <label class="prompt" for="terminal-input">{ props.prompt.clone() }</label>
                <input id="terminal-input" data-testid="terminal-input" ref={input} {onkeydown}
                       autocomplete="off" autocapitalize="off" spellcheck="false"
                       aria-label={i18n::TERMINAL_INPUT.get(props.lang)} />
            </div>
        </section>
    }
}
