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
