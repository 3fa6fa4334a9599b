//! DOM wiring of the app, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<kube_sim_web::App>::with_root(root.clone()).render();
    root
}

fn by_testid<T: JsCast>(root: &web_sys::Element, id: &str) -> T {
    root.query_selector(&format!("[data-testid='{id}']")).unwrap().unwrap_or_else(|| panic!("no {id}")).dyn_into().unwrap()
}

fn key(target: &HtmlInputElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

async fn type_line(root: &web_sys::Element, line: &str) {
    let input: HtmlInputElement = by_testid(root, "terminal-input");
    input.set_value(line);
    key(&input, "Enter");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn typing_kubectl_version_prints_the_client_version() {
    let root = mount();
    yew::scheduler::flush().await;
    type_line(&root, "kubectl version --client").await;
    let out: HtmlElement = by_testid(&root, "terminal-output");
    let text = out.text_content().unwrap();
    assert!(text.contains("kubectl version --client"), "{text}");
    assert!(text.contains("Client Version: v1.32."), "{text}");
    let input: HtmlInputElement = by_testid(&root, "terminal-input");
    assert_eq!(input.value(), "", "the input is cleared after Enter");
}

#[wasm_bindgen_test]
async fn arrow_up_recalls_the_previous_line() {
    let root = mount();
    yew::scheduler::flush().await;
    type_line(&root, "kubectl version").await;
    let input: HtmlInputElement = by_testid(&root, "terminal-input");
    key(&input, "ArrowUp");
    yew::scheduler::flush().await;
    assert_eq!(input.value(), "kubectl version");
}

#[wasm_bindgen_test]
async fn language_toggle_switches_the_ui_text() {
    let root = mount();
    yew::scheduler::flush().await;
    let toggle: HtmlElement = by_testid(&root, "lang-toggle");
    let before = toggle.text_content().unwrap();
    toggle.click();
    yew::scheduler::flush().await;
    let after = toggle.text_content().unwrap();
    assert_ne!(before, after);
    toggle.click();
    yew::scheduler::flush().await;
    assert_eq!(toggle.text_content().unwrap(), before);
}
