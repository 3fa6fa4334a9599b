//! The terminal: scrollback (auto-scrolled, trimmed by the reducer), prompt, history (↑/↓),
//! Tab completion, Ctrl+C, Ctrl+L, and multi-line paste (each line typed in order).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::components::scrollback_rows::ScrollbackRows;
use crate::state::{Action, InputRequest, ScrollbackRow};

/// Props of [`Terminal`].
#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    /// UI language.
    pub lang: Lang,
    /// The prompt for the next line.
    pub prompt: AttrValue,
    /// What has been typed and printed so far.
    pub scrollback: Rc<Vec<Rc<ScrollbackRow>>>,
    /// The first line when old lines were dropped ([`crate::state::Playground::scrollback_note`]).
    #[prop_or_default]
    pub dropped_note: Option<String>,
    /// Lines typed before, oldest first.
    pub history: Rc<Vec<String>>,
    /// Text to put in the input (click-to-type, completion, solution).
    pub input_request: Option<InputRequest>,
    /// Where typed lines go.
    pub ondispatch: Callback<Action>,
}

/// The byte index of char index `chars` in `s`.
fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// Runs `f` before the next frame is drawn (`requestAnimationFrame`).
fn next_frame(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window.request_animation_frame(f.unchecked_ref());
}

/// The terminal region.
#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let input = use_node_ref();
    let log = use_node_ref();
    // Position in history while browsing with ↑/↓; None when editing a new line.
    let cursor = use_mut_ref(|| None::<usize>);

    // Requests from the reducer: set the input's text and cursor, and focus it.
    {
        let input = input.clone();
        use_effect_with(props.input_request.clone(), move |req| {
            if let (Some(req), Some(el)) = (req, input.cast::<HtmlInputElement>()) {
                el.set_value(&req.text);
                let _ = el.focus();
                let head = &req.text[..byte_at(&req.text, req.cursor)];
                let at = u32::try_from(head.encode_utf16().count()).unwrap_or(u32::MAX);
                let _ = el.set_selection_range(at, at);
            }
        });
    }
    // Keep the newest output in view: scrolled at the next frame, whose layout is done once
    // there, rather than forced (`scrollHeight`) right after each change of the DOM.
    {
        let log = log.clone();
        let pending = use_mut_ref(|| false);
        use_effect_with(props.scrollback.clone(), move |_| {
            if !std::mem::replace(&mut *pending.borrow_mut(), true) {
                next_frame(move || {
                    *pending.borrow_mut() = false;
                    if let Some(el) = log.cast::<HtmlElement>() {
                        el.set_scroll_top(el.scroll_height());
                    }
                });
            }
        });
    }

    let onkeydown = {
        let input = input.clone();
        let d = props.ondispatch.clone();
        let history = props.history.clone();
        let cursor = cursor.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Keys that confirm an input method's composition (Chinese, Japanese) are not ours.
            if e.is_composing() {
                return;
            }
            let Some(el) = input.cast::<HtmlInputElement>() else { return };
            let ctrl = e.ctrl_key() && !e.alt_key() && !e.meta_key();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    d.emit(Action::TypeLine(el.value()));
                    el.set_value("");
                    *cursor.borrow_mut() = None;
                }
                // On an empty line Tab moves the focus on, so the terminal is no keyboard trap.
                "Tab" if !e.shift_key() && !el.value().is_empty() => {
                    e.prevent_default();
                    let value = el.value();
                    let pos = el.selection_start().ok().flatten().unwrap_or(0) as usize;
                    // The selection is in UTF-16 units.
                    let split = value.char_indices().scan(0usize, |units, (i, c)| {
                        let at = *units;
                        *units += c.len_utf16();
                        Some((i, at))
                    }).find(|&(_, at)| at >= pos).map_or(value.len(), |(i, _)| i);
                    d.emit(Action::Complete { before: value[..split].to_string(), after: value[split..].to_string() });
                }
                "ArrowUp" | "ArrowDown" if !history.is_empty() => {
                    e.prevent_default();
                    let up = e.key() == "ArrowUp";
                    let current = *cursor.borrow();
                    let next = match (current, up) {
                        (None, true) => Some(history.len() - 1),
                        (None, false) => None,
                        (Some(i), true) => Some(i.saturating_sub(1)),
                        (Some(i), false) if i + 1 < history.len() => Some(i + 1),
                        (Some(_), false) => None,
                    };
                    el.set_value(next.and_then(|i| history.get(i)).map(String::as_str).unwrap_or(""));
                    *cursor.borrow_mut() = next;
                }
                "c" | "C" if ctrl => {
                    // Copy still works when text is selected.
                    let selected = el.selection_start().ok().flatten() != el.selection_end().ok().flatten();
                    if !selected {
                        e.prevent_default();
                        d.emit(Action::Interrupt(el.value()));
                        el.set_value("");
                        *cursor.borrow_mut() = None;
                    }
                }
                "l" | "L" if ctrl => {
                    e.prevent_default();
                    d.emit(Action::ClearScreen);
                }
                _ => {}
            }
        })
    };
    let onpaste = {
        let input = input.clone();
        let d = props.ondispatch.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<ClipboardEvent>() else { return };
            let Some(text) = e.clipboard_data().and_then(|c| c.get_data("text/plain").ok()) else { return };
            if !text.contains('\n') && !text.contains('\r') {
                return;
            }
            e.prevent_default();
            let Some(el) = input.cast::<HtmlInputElement>() else { return };
            let value = el.value();
            let start = el.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = el.selection_end().ok().flatten().unwrap_or(0) as usize;
            let units: Vec<u16> = value.encode_utf16().collect();
            let head = String::from_utf16_lossy(units.get(..start).unwrap_or(&units));
            let tail = String::from_utf16_lossy(units.get(end..).unwrap_or(&[]));
            let all = format!("{head}{}{tail}", text.replace("\r\n", "\n").replace('\r', "\n"));
            let mut lines: Vec<String> = all.split('\n').map(str::to_string).collect();
            // The last piece (no newline after it) stays in the input, as a terminal does.
            let rest = lines.pop().unwrap_or_default();
            el.set_value(&rest);
            d.emit(Action::TypeLines(lines));
        })
    };
    let focus_input = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            // A click in the output focuses the input unless the learner is selecting text.
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if !selecting {
                if let Some(el) = input.cast::<HtmlInputElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    let lang = props.lang;
    html! {
        <section class="region terminal" aria-label={i18n::TERMINAL.get(lang)}>
            <h2>{ i18n::TERMINAL.get(lang) }</h2>
            <pre class="scrollback" data-testid="terminal-output" role="log" aria-live="polite" tabindex="0"
                 aria-label={i18n::TERMINAL.get(lang)} ref={log} onclick={focus_input}>
                if let Some(note) = &props.dropped_note {
                    <span class="scrollback-dropped" data-testid="scrollback-dropped">{ note }{ "\n" }</span>
                }
                <ScrollbackRows rows={props.scrollback.clone()} />
            </pre>
            <div class="input-line">
                <label class="prompt" for="terminal-input">{ props.prompt.clone() }</label>
                <input id="terminal-input" data-testid="terminal-input" ref={input} {onkeydown} {onpaste}
                       autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="send"
                       aria-label={i18n::TERMINAL_INPUT.get(lang)} aria-describedby="terminal-help" />
            </div>
            <p id="terminal-help" class="terminal-help">{ i18n::TERMINAL_HELP.get(lang) }</p>
        </section>
    }
}
