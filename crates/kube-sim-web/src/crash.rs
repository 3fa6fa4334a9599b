//! The panic hook (`std::panic::set_hook`, installed through `yew::set_custom_panic_hook`). With `panic = "abort"` in release nothing runs after the hook, so it saves
//! the session first, then shows a recoverable error panel built with plain DOM calls (Yew is
//! gone by then). The panel's Reload is a link: it needs no script.

use std::cell::RefCell;

use crate::i18n::{self, Lang};
use crate::persist;

thread_local! {
    /// The latest session JSON and language, kept by the autosave effect for the hook.
    static LAST: RefCell<(String, Lang)> = const { RefCell::new((String::new(), Lang::En)) };
}

/// Remembers what the hook must save.
pub fn remember(session_json: String, lang: Lang) {
    LAST.with(|l| *l.borrow_mut() = (session_json, lang));
}

/// Installs the hook (through Yew, which would otherwise replace it with its own).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        gloo::console::error!(info.to_string());
        save_and_show();
    }));
}

/// What the hook does: saves the remembered session, then shows the error panel.
pub fn save_and_show() {
    let (json, lang) = LAST.with(|l| l.borrow().clone());
    if !json.is_empty() {
        persist::save(persist::SESSION_KEY, &json);
    }
    show_panel(lang);
}

fn show_panel(lang: Lang) {
    let doc = gloo::utils::document();
    let Some(body) = doc.body() else { return };
    let Ok(panel) = doc.create_element("div") else { return };
    panel.set_class_name("crash-panel");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-labelledby", "crash-title");
    let _ = panel.set_attribute("data-testid", "crash-panel");
    let add = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = doc.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        panel.append_child(&el).ok()?;
        Some(el)
    };
    if let Some(h) = add("h2", i18n::CRASH_TITLE.get(lang)) {
        h.set_id("crash-title");
    }
    add("p", i18n::CRASH_TEXT.get(lang));
    if let Some(a) = add("a", i18n::RELOAD.get(lang)) {
        let _ = a.set_attribute("href", "");
        a.set_class_name("button");
    }
    let _ = body.append_child(&panel);
}
