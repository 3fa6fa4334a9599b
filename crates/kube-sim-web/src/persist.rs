//! The browser edge: local storage, the URL fragment, downloads. Nothing here is called from
//! the reducer; `app.rs` and the components call it from effects and event handlers.

use kube_sim_core::session::SessionRecord;

use crate::i18n::Lang;
use crate::state::{Action, Notice, Playground, Theme};

/// The autosaved session (a [`SessionRecord`] as JSON, with its version).
pub const SESSION_KEY: &str = "kube-sim.session";
/// Where an unreadable autosave is kept aside.
pub const CORRUPT_KEY: &str = "kube-sim.session.corrupt";
/// The terminal's history, a line per line.
pub const HISTORY_KEY: &str = "kube-sim.history";
/// The UI language.
pub const LANG_KEY: &str = "kube-sim.lang";
/// The theme.
pub const THEME_KEY: &str = "kube-sim.theme";
/// Set while the autosave is replayed: still there at the next start means the replay crashed.
pub const LOADING_KEY: &str = "kube-sim.loading";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a stored string.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a string (quota errors are ignored: the playground keeps working).
pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The URL fragment's session link (`#s=v1.…`), if any.
pub fn fragment_link() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#s=").map(str::to_string)
}

/// Drops the URL fragment (after its session was loaded), keeping the page in history.
pub fn clear_fragment() {
    let Some(w) = web_sys::window() else { return };
    let Ok(path) = w.location().pathname() else { return };
    let search = w.location().search().unwrap_or_default();
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
}

/// The page's address without its fragment, for permalinks.
pub fn base_url() -> String {
    let Some(w) = web_sys::window() else { return String::new() };
    let href = w.location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The playground as the page opens: language, theme and history from storage, then the
/// session from the URL fragment, else the autosave, else a clean sandbox.
pub fn initial_state() -> Playground {
    let lang = load(LANG_KEY).and_then(|c| Lang::parse(&c)).unwrap_or_else(Lang::from_browser);
    let mut p = Playground::new(lang);
    crate::warm::mark("kube-sim-lab");
    p.apply(Action::SetTheme(Theme::parse(&load(THEME_KEY).unwrap_or_default())));
    let history = load(HISTORY_KEY).map(|h| h.lines().map(str::to_string).collect()).unwrap_or_default();
    p.apply(Action::SetHistory(history));
    if let Some(link) = fragment_link() {
        clear_fragment();
        match SessionRecord::decode(&link) {
            Ok(r) => p.apply(Action::LoadRecord(Box::new(r), Notice::LinkLoaded)),
            Err(e) => p.apply(Action::SetNotice(Some(Notice::LinkFailed(e)))),
        }
        return p;
    }
    if let Some(saved) = load(SESSION_KEY) {
        // A replay that crashed last time would crash again: keep that session aside.
        let crashed = load(LOADING_KEY).is_some();
        save(LOADING_KEY, "1");
        let parsed = if crashed { Err(String::new()) } else { SessionRecord::from_json(&saved) };
        match parsed {
            Ok(r) => {
                let trivial = r.commands.is_empty() && r.events.is_empty();
                p.apply(Action::LoadRecord(Box::new(r), Notice::Restored));
                if trivial {
                    p.apply(Action::SetNotice(None));
                }
            }
            Err(_) => {
                save(CORRUPT_KEY, &saved);
                remove(SESSION_KEY);
                p.apply(Action::SetNotice(Some(Notice::SaveCorrupt)));
            }
        }
        remove(LOADING_KEY);
    }
    p
}

/// Removes a stored string.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) {
    download_as(name, text, "application/json");
}

/// Downloads `text` as a file called `name` of media type `mime`.
pub fn download_as(name: &str, text: &str, mime: &str) {
    use wasm_bindgen::JsCast;
    let blob = gloo::file::Blob::new_with_options(text, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let doc = gloo::utils::document();
    let Ok(a) = doc.create_element("a") else { return };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
        a.click();
    }
    // The object URL is revoked when `url` drops, after the click started the download.
}

/// Copies `text` to the clipboard when the browser allows it.
pub fn copy(text: &str) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;
    if let Some(w) = web_sys::window() {
        // A refusal (no permission, no focus) is fine: the link is shown in the banner too.
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
        let _ = w.navigator().clipboard().write_text(text).catch(&ignore);
        // One tiny closure per share click; it must outlive the promise.
        ignore.forget();
    }
}
