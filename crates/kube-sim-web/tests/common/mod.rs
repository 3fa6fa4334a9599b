//! What the browser test files share: local storage and a fresh app mounted in its own root.
#![allow(dead_code)] // each test binary uses its own part of it

/// The page's local storage.
pub fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Renders the app in a new root element appended to the page, after local storage has been
/// prepared by the caller, and waits for the first render.
pub async fn render_app() -> web_sys::Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<kube_sim_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

/// A fresh app in its own root, with no saved state from earlier tests.
pub async fn mount() -> web_sys::Element {
    storage().clear().unwrap();
    render_app().await
}

/// Waits until the autosave has written: it writes once the page has been idle for
/// `kube_sim_web::autosave::IDLE_MS`.
pub async fn idle() {
    let ms = u64::from(kube_sim_web::autosave::IDLE_MS) + 100;
    yew::platform::time::sleep(std::time::Duration::from_millis(ms)).await;
}

/// Dispatches a `keydown` of `key` (with Ctrl when `ctrl`) on `target`, bubbling and cancelable,
/// as a keyboard does.
pub fn key_down(target: &web_sys::EventTarget, key: &str, ctrl: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_ctrl_key(ctrl);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

/// Types `line` into the terminal's input and presses Enter, then waits for the render.
pub async fn type_line(root: &web_sys::Element, line: &str) {
    use wasm_bindgen::JsCast;
    let input: web_sys::HtmlInputElement =
        root.query_selector("[data-testid='terminal-input']").unwrap().unwrap().dyn_into().unwrap();
    input.set_value(line);
    key_down(&input, "Enter", false);
    yew::scheduler::flush().await;
}
