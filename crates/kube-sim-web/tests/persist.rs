//! The autosaved session in local storage, in headless Chromium: an unreadable or newer save is
//! kept aside byte for byte and the app starts clean; a save in an older shape still replays.
#![cfg(target_arch = "wasm32")]

use kube_sim_core::session::SessionRecord;
use kube_sim_web::persist::{CORRUPT_KEY, LOADING_KEY, SESSION_KEY};
use wasm_bindgen_test::*;

mod common;
use common::storage;

wasm_bindgen_test_configure!(run_in_browser);

/// Empties local storage, stores `saved` as the autosave, and mounts a fresh app in its own root.
async fn mount_with_saved(saved: &str) -> web_sys::Element {
    let s = storage();
    s.clear().unwrap();
    s.set_item(SESSION_KEY, saved).unwrap();
    common::render_app().await
}

fn text_of(root: &web_sys::Element, id: &str) -> String {
    root.query_selector(&format!("[data-testid='{id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {id}"))
        .text_content()
        .unwrap_or_default()
}

/// What the app autosaved after it started (once the page is idle).
async fn autosaved() -> SessionRecord {
    common::idle().await;
    let json = storage().get_item(SESSION_KEY).unwrap().expect("the app autosaves");
    SessionRecord::from_json(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// The app set `saved` aside, said so, and started a clean sandbox.
async fn assert_set_aside(saved: &str) {
    let root = mount_with_saved(saved).await;
    let kept = storage().get_item(CORRUPT_KEY).unwrap();
    assert_eq!(kept.as_deref(), Some(saved), "the unreadable save is kept byte for byte");
    let notice = text_of(&root, "notice");
    assert!(notice.contains("The saved session could not be read"), "{notice}");
    assert!(notice.contains("kube-sim.session.corrupt"), "{notice}");
    assert_eq!(text_of(&root, "terminal-output"), "", "nothing was replayed");
    let clean = autosaved().await;
    assert!(clean.lesson.is_none() && clean.commands.is_empty() && clean.events.is_empty(), "{clean:?}");
    assert_eq!(storage().get_item(LOADING_KEY).unwrap(), None, "the replay guard is cleared");
}

#[wasm_bindgen_test]
async fn garbage_in_the_autosave_is_set_aside() {
    assert_set_aside("\u{0}not JSON at all \u{1F600} \"{[").await;
}

#[wasm_bindgen_test]
async fn a_truncated_autosave_is_set_aside() {
    let full = r#"{"version":1,"lesson":null,"step":0,"files":[["manifest.yaml",""]],"commands":["kubectl get pods"],"events":[]}"#;
    assert_set_aside(&full[..full.len() / 2]).await;
}

#[wasm_bindgen_test]
async fn json_of_the_wrong_shape_is_set_aside() {
    assert_set_aside(r#"{"version":1,"lesson":null,"files":"manifest.yaml","commands":[1,2,3]}"#).await;
    assert_set_aside("[1,2,3]").await;
    assert_set_aside(r#"{"lesson":null,"files":[],"commands":[]}"#).await;
}

#[wasm_bindgen_test]
async fn a_save_from_a_newer_version_is_set_aside() {
    assert_set_aside(r#"{"version":2,"lesson":null,"files":[],"commands":["kubectl get pods"],"teleport":true}"#)
        .await;
    assert_set_aside(r#"{"version":"1","lesson":null,"files":[],"commands":[]}"#).await;
}

#[wasm_bindgen_test]
async fn a_v1_save_without_step_and_events_still_replays() {
    // The shape of the first v1 records: no `step`, no `events`.
    let old = r#"{"version":1,"lesson":null,"files":[["ns.yaml","apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n"]],"commands":["kubectl create namespace demo","kubectl get namespace demo -o name"]}"#;
    let root = mount_with_saved(old).await;
    let out = text_of(&root, "terminal-output");
    assert!(out.contains("namespace/demo created"), "{out}");
    assert!(out.contains("kubectl get namespace demo -o name\nnamespace/demo"), "{out}");
    let notice = text_of(&root, "notice");
    assert!(notice.contains("Your last session was restored."), "{notice}");
    assert_eq!(storage().get_item(CORRUPT_KEY).unwrap(), None, "nothing was set aside");
    let again = autosaved().await;
    assert_eq!(again.commands, ["kubectl create namespace demo", "kubectl get namespace demo -o name"]);
    assert_eq!(again.files.len(), 1);
    assert!(again.events.is_empty());
}

#[wasm_bindgen_test]
async fn a_v1_save_with_only_the_early_event_kinds_still_replays() {
    // Written before power events existed: time passing and editor saves only.
    let old = r#"{"version":1,"lesson":null,"step":0,"files":[["notes.txt","hello from v1\n"]],"commands":["kubectl create namespace demo","cat notes.txt"],"events":[{"at":1,"kind":{"advance":30}},{"at":1,"kind":{"save":["notes.txt","hello from v1\n"]}}]}"#;
    let root = mount_with_saved(old).await;
    let out = text_of(&root, "terminal-output");
    assert!(out.contains("namespace/demo created"), "{out}");
    assert!(out.contains("cat notes.txt\nhello from v1"), "the saved file was replayed before the line: {out}");
    assert_eq!(storage().get_item(CORRUPT_KEY).unwrap(), None, "nothing was set aside");
    let again = autosaved().await;
    assert_eq!(again.events.len(), 2, "{again:?}");
    assert_eq!(again.commands.len(), 2);
}

/// A save whose replay would run past the replay budget (here a week on the time bar first)
/// replays what fits, says how much, and keeps the other lines, unchanged, in an editor tab.
#[wasm_bindgen_test]
async fn a_replay_over_its_budget_stops_and_keeps_the_rest_in_a_tab() {
    let long = r#"{"version":1,"lesson":null,"step":0,"files":[["notes.txt","mine\n"]],"commands":["kubectl create namespace demo","echo 'kept <b>as typed</b>'"],"events":[{"at":0,"kind":{"advance":604800}}]}"#;
    let root = mount_with_saved(long).await;
    let notice = text_of(&root, "notice");
    assert!(notice.contains("Replayed 0 of 2 lines"), "{notice}");
    assert!(notice.contains("21,600 simulated seconds or 200,000 shell commands"), "{notice}");
    assert!(notice.contains("not-replayed.sh"), "{notice}");
    assert_eq!(text_of(&root, "terminal-output"), "", "nothing ran");
    let editor: web_sys::HtmlTextAreaElement =
        wasm_bindgen::JsCast::dyn_into(root.query_selector("[data-testid='editor']").unwrap().unwrap()).unwrap();
    assert_eq!(editor.value(), "kubectl create namespace demo\necho 'kept <b>as typed</b>'\n");
    let tabs = root.query_selector_all("[data-testid='editor-tab']").unwrap();
    let names: Vec<String> = (0..tabs.length()).filter_map(|i| tabs.item(i)).filter_map(|n| n.text_content()).collect();
    assert!(names.iter().any(|n| n.contains("notes.txt")) && names.iter().any(|n| n.contains("not-replayed.sh")), "{names:?}");
    // The autosave holds what ran (nothing) and the tabs: nothing the learner wrote is lost.
    let again = autosaved().await;
    assert!(again.commands.is_empty() && again.events.is_empty(), "{again:?}");
    assert!(again.files.iter().any(|(n, t)| n == "not-replayed.sh" && t.contains("kept <b>as typed</b>")), "{again:?}");
    assert!(again.files.iter().any(|(n, t)| n == "notes.txt" && t == "mine\n"), "{again:?}");
}
