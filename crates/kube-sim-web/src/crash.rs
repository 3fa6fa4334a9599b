//! The panic hook (`std::panic::set_hook`, installed through `yew::set_custom_panic_hook`). With `panic = "abort"` in release nothing runs after the hook, so it saves
//! the session first, then shows a recoverable error panel built with plain DOM calls (Yew is
//! gone by then). The panel's Reload is a link: it needs no script.

use std::cell::Cell;

use crate::i18n::{self, Lang};
use crate::autosave;

thread_local! {
    /// The UI language, for the panel.
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Remembers the language the panel is shown in (the session itself is the autosave's latest).
pub fn remember(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// Installs the hook (through Yew, which would otherwise replace it with its own).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        gloo::console::error!(info.to_string());
        save_and_show();
    }));
}

/// What the hook does: saves the latest session (even if the autosave wrote it already), then
/// shows the error panel.
pub fn save_and_show() {
    autosave::write_latest();
    show_panel(LANG.with(Cell::get));
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
