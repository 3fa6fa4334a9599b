//! The graph's power switch and the time bar's "next event", in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod common;
use common::mount;

wasm_bindgen_test_configure!(run_in_browser);

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid='{id}']")).unwrap().unwrap_or_else(|| panic!("no {id}"))
}

fn enter(target: &Element) {
    common::key_down(target, "Enter", false);
}

#[wasm_bindgen_test]
async fn the_power_switch_turns_a_node_off_and_the_time_bar_says_what_waits() {
    let root = mount().await;
    let switch = by_testid(&root, "power-worker-1");
    assert_eq!(switch.get_attribute("role").as_deref(), Some("switch"));
    assert_eq!(switch.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(switch.get_attribute("aria-label").as_deref(), Some("Power off worker-1"));
    assert!(by_testid(&root, "skip-next").has_attribute("disabled"));
    enter(&switch);
    yew::scheduler::flush().await;
    let node = by_testid(&root, "obj-node-_-worker-1");
    assert_eq!(node.get_attribute("data-power").as_deref(), Some("off"));
    assert_eq!(by_testid(&root, "power-worker-1").get_attribute("aria-checked").as_deref(), Some("false"));
    let note = by_testid(&root, "wait-note").text_content().unwrap();
    assert_eq!(note, "Next: NotReady of node worker-1 in 52 s");
    let skip: HtmlElement = by_testid(&root, "skip-next").dyn_into().unwrap();
    assert!(!skip.has_attribute("disabled"));
    skip.click();
    yew::scheduler::flush().await;
    let clock = by_testid(&root, "clock").text_content().unwrap();
    let note = by_testid(&root, "wait-note").text_content().unwrap();
    let phase = by_testid(&root, "obj-node-_-worker-1").get_attribute("data-phase");
    assert_eq!(phase.as_deref(), Some("NotReady"), "{clock} {note}");
    common::idle().await;
    let saved = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("kube-sim.session").unwrap().unwrap();
    assert!(saved.contains(r#"{"power":{"host":"worker-1","on":false}}"#), "{saved}");
}
