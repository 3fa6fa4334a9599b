//! The warm-up (`kube_sim_web::warm`) types lines into a hidden copy of the app after the first
//! paint: the page's lab, terminal, history and autosave are left as they were, and nothing of
//! the copy stays in the document.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use kube_sim_web::persist::{HISTORY_KEY, SESSION_KEY};
use wasm_bindgen_test::*;

mod common;
use common::{mount, storage, type_line};

wasm_bindgen_test_configure!(run_in_browser);

fn performance() -> web_sys::Performance {
    web_sys::window().unwrap().performance().unwrap()
}

/// Waits (up to 20 s) until the warm-up has marked its time.
async fn warm_up_done() {
    for _ in 0..1_000 {
        if performance().get_entries_by_name("kube-sim-warm-up").length() > 0 {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the warm-up never finished");
}

fn output(root: &web_sys::Element) -> String {
    root.query_selector("[data-testid='terminal-output']").unwrap().unwrap().text_content().unwrap()
}

#[wasm_bindgen_test]
async fn the_warm_up_leaves_the_page_as_it_was() {
    performance().clear_measures_with_measure_name("kube-sim-warm-up");
    let root = mount().await;
    let doc = gloo::utils::document();
    let inputs = doc.query_selector_all("[data-testid='terminal-input']").unwrap().length();
    warm_up_done().await;
    assert_eq!(output(&root), "", "the warm-up's lines are not in the page's terminal");
    assert_eq!(
        doc.query_selector_all("[data-testid='terminal-input']").unwrap().length(),
        inputs,
        "the hidden copy is never in the document"
    );
    // The page's lab is untouched: its first pod listing is that of a fresh lab.
    type_line(&root, "kubectl get pods").await;
    let text = output(&root);
    assert!(text.contains("No resources found in default namespace."), "{text}");
    assert!(!text.contains("warm"), "{text}");
    // The copy wrote no history and no session: the autosave holds the page's one line.
    common::idle().await;
    let saved = storage().get_item(SESSION_KEY).unwrap().unwrap_or_default();
    assert!(saved.contains(r#""commands":["kubectl get pods"]"#), "{saved}");
    assert_eq!(storage().get_item(HISTORY_KEY).unwrap().as_deref(), Some("kubectl get pods"));
}
