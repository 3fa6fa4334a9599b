//! The terminal's rows in the DOM: a typed line adds a row and leaves the rows already shown
//! untouched; a long output is cut into blocks, with the same text.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::{mount, type_line};

wasm_bindgen_test_configure!(run_in_browser);


fn rows(root: &web_sys::Element) -> Vec<web_sys::Element> {
    let list = root.query_selector_all("[data-testid='terminal-output'] .row").unwrap();
    (0..list.length()).filter_map(|i| list.get(i)?.dyn_into().ok()).collect()
}

fn output(root: &web_sys::Element) -> String {
    root.query_selector("[data-testid='terminal-output']").unwrap().unwrap().text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_typed_line_adds_one_row_and_keeps_the_others() {
    let root = mount().await;
    type_line(&root, "echo one").await;
    type_line(&root, "echo two").await;
    let before = rows(&root);
    assert_eq!(before.len(), 2);
    // Text nodes inside the first row: the very same nodes after another line.
    let first_text = before[0].last_child().unwrap();
    type_line(&root, "echo three").await;
    let after = rows(&root);
    assert_eq!(after.len(), 3);
    assert!(after[0].is_same_node(Some(&before[0])) && after[1].is_same_node(Some(&before[1])));
    assert!(after[0].last_child().unwrap().is_same_node(Some(&first_text)), "the old row was not re-rendered");
    assert_eq!(output(&root), "[learner@control-plane ~]$ echo one\none\n[learner@control-plane ~]$ echo two\ntwo\n[learner@control-plane ~]$ echo three\nthree\n");
    // Ctrl+L-like clearing and a new line: rows are rebuilt from the new scrollback.
    type_line(&root, "clear").await;
    assert!(rows(&root).is_empty());
    type_line(&root, "echo four").await;
    assert_eq!(output(&root), "[learner@control-plane ~]$ echo four\nfour\n");
}

#[wasm_bindgen_test]
async fn a_long_output_is_cut_into_blocks_with_the_same_text() {
    let root = mount().await;
    type_line(&root, "seq 250").await;
    let expected: String = (1..=250).map(|i| format!("{i}\n")).collect();
    assert_eq!(output(&root), format!("[learner@control-plane ~]$ seq 250\n{expected}"));
    let chunks = root.query_selector_all("[data-testid='terminal-output'] .chunk").unwrap();
    assert_eq!(chunks.length(), 3, "100 + 100 + 50 lines");
    assert_eq!(chunks.get(2).unwrap().text_content().unwrap(), (201..=250).map(|i| format!("{i}\n")).collect::<String>());
    // A short output stays one text.
    type_line(&root, "seq 3").await;
    assert_eq!(root.query_selector_all("[data-testid='terminal-output'] .chunk").unwrap().length(), 3);
}

#[wasm_bindgen_test]
async fn a_huge_output_keeps_only_the_last_lines_in_the_dom() {
    let root = mount().await;
    type_line(&root, "seq 100000").await;
    let text = output(&root);
    assert!(text.ends_with("\n99999\n100000\n"), "the end is shown");
    let lines = text.matches('\n').count();
    assert!(lines <= kube_sim_web::state::MAX_SCROLLBACK_LINES + 1, "{lines} lines in the DOM");
    let note = root.query_selector("[data-testid='scrollback-dropped']").unwrap().unwrap().text_content().unwrap();
    assert!(note.contains("earlier lines dropped"), "{note}");
}
