//! The autosave is off the typing path: a typed line is written to local storage once the page
//! is idle, or at once when the page is hidden or left, so a reload never loses it.
#![cfg(target_arch = "wasm32")]

use kube_sim_web::persist::{HISTORY_KEY, SESSION_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::{mount, storage, type_line};

wasm_bindgen_test_configure!(run_in_browser);


fn saved() -> String {
    storage().get_item(SESSION_KEY).unwrap().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_typed_line_is_saved_once_the_page_is_idle() {
    let root = mount().await;
    type_line(&root, "echo idle-save").await;
    assert!(!saved().contains("echo idle-save"), "not written on the Enter itself");
    common::idle().await;
    assert!(saved().contains(r#""commands":["echo idle-save"]"#), "{}", saved());
    assert_eq!(storage().get_item(HISTORY_KEY).unwrap().as_deref(), Some("echo idle-save"));
}

#[wasm_bindgen_test]
async fn leaving_the_page_saves_at_once() {
    let root = mount().await;
    type_line(&root, "echo before-reload").await;
    // What a reload or a closed tab fires.
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    assert!(saved().contains(r#""commands":["echo before-reload"]"#), "{}", saved());
    type_line(&root, "echo before-hiding").await;
    // A hidden tab (switched away, minimised; on phones often the last event a page gets).
    gloo::utils::document().dispatch_event(&web_sys::Event::new("visibilitychange").unwrap()).unwrap();
    assert!(saved().contains(r#""commands":["echo before-reload","echo before-hiding"]"#), "{}", saved());
    assert_eq!(storage().get_item(HISTORY_KEY).unwrap().as_deref(), Some("echo before-reload\necho before-hiding"));
}

#[wasm_bindgen_test]
async fn the_editor_text_is_saved_when_the_page_is_left() {
    let root = mount().await;
    let editor: web_sys::HtmlTextAreaElement = root.query_selector("[data-testid='editor']").unwrap().unwrap().dyn_into().unwrap();
    editor.set_value("kind: ConfigMap # unsaved draft\n");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    editor.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    assert!(saved().contains("unsaved draft"), "{}", saved());
}
