//! DOM wiring of the app, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

mod common;
use common::{mount, type_line};

wasm_bindgen_test_configure!(run_in_browser);

fn by_testid<T: JsCast>(root: &web_sys::Element, id: &str) -> T {
    root.query_selector(&format!("[data-testid='{id}']")).unwrap().unwrap_or_else(|| panic!("no {id}")).dyn_into().unwrap()
}

fn all_by_testid(root: &web_sys::Element, id: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(&format!("[data-testid='{id}']")).unwrap();
    (0..list.length()).filter_map(|i| list.get(i)?.dyn_into().ok()).collect()
}

fn key_with(target: &web_sys::EventTarget, key: &str, ctrl: bool) {
    common::key_down(target, key, ctrl);
}

fn key(target: &HtmlInputElement, key: &str) {
    key_with(target, key, false);
}

fn fire(target: &web_sys::EventTarget, name: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    target.dispatch_event(&Event::new_with_event_init_dict(name, &init).unwrap()).unwrap();
}


fn output(root: &web_sys::Element) -> String {
    by_testid::<HtmlElement>(root, "terminal-output").text_content().unwrap()
}

#[wasm_bindgen_test]
async fn typing_kubectl_version_prints_the_client_version() {
    let root = mount().await;
    type_line(&root, "kubectl version --client").await;
    let text = output(&root);
    assert!(text.contains("kubectl version --client"), "{text}");
    assert!(text.contains("Client Version: v1.32."), "{text}");
    let input: HtmlInputElement = by_testid(&root, "terminal-input");
    assert_eq!(input.value(), "", "the input is cleared after Enter");
}

#[wasm_bindgen_test]
async fn arrow_up_recalls_the_previous_line_and_history_is_kept() {
    let root = mount().await;
    type_line(&root, "kubectl version").await;
    type_line(&root, "kubectl get pods").await;
    let input: HtmlInputElement = by_testid(&root, "terminal-input");
    key(&input, "ArrowUp");
    assert_eq!(input.value(), "kubectl get pods");
    key(&input, "ArrowUp");
    assert_eq!(input.value(), "kubectl version");
    key(&input, "ArrowDown");
    assert_eq!(input.value(), "kubectl get pods");
    key(&input, "ArrowDown");
    assert_eq!(input.value(), "");
    common::idle().await;
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("kube-sim.history").unwrap();
    assert_eq!(stored.as_deref(), Some("kubectl version\nkubectl get pods"));
}

#[wasm_bindgen_test]
async fn tab_completes_a_single_candidate() {
    let root = mount().await;
    let input: HtmlInputElement = by_testid(&root, "terminal-input");
    input.set_value("kubec");
    input.set_selection_range(5, 5).unwrap();
    key(&input, "Tab");
    yew::scheduler::flush().await;
    assert_eq!(input.value(), "kubectl ");
    // A verb after kubectl comes from kubectl's own completion.
    input.set_value("kubectl descr");
    input.set_selection_range(13, 13).unwrap();
    key(&input, "Tab");
    yew::scheduler::flush().await;
    assert_eq!(input.value(), "kubectl describe ");
}

#[wasm_bindgen_test]
async fn ctrl_c_abandons_the_line_and_ctrl_l_clears() {
    let root = mount().await;
    let input: HtmlInputElement = by_testid(&root, "terminal-input");
    input.set_value("kubectl get");
    key_with(&input, "c", true);
    yew::scheduler::flush().await;
    assert!(output(&root).contains("kubectl get^C"), "{}", output(&root));
    assert_eq!(input.value(), "");
    key_with(&input, "l", true);
    yew::scheduler::flush().await;
    assert_eq!(output(&root), "");
}

#[wasm_bindgen_test]
async fn apply_from_the_editor_types_the_command_into_the_terminal() {
    let root = mount().await;
    let editor: HtmlTextAreaElement = by_testid(&root, "editor");
    editor.set_value("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n");
    fire(&editor, "input");
    yew::scheduler::flush().await;
    by_testid::<HtmlElement>(&root, "editor-apply").click();
    yew::scheduler::flush().await;
    let text = output(&root);
    assert!(text.contains("kubectl apply -f manifest.yaml"), "{text}");
    // The file was saved in the lab before the command ran (and recorded for replay).
    common::idle().await;
    let saved = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("kube-sim.session").unwrap().unwrap();
    assert!(saved.contains(r#"{"at":0,"kind":{"save":["manifest.yaml","apiVersion: v1\nkind: ConfigMap"#), "{saved}");
    assert!(saved.contains(r#""commands":["kubectl apply -f manifest.yaml"]"#), "{saved}");
}

#[wasm_bindgen_test]
async fn yaml_errors_are_shown_at_their_line() {
    let root = mount().await;
    let editor: HtmlTextAreaElement = by_testid(&root, "editor");
    editor.set_value("a: 1\nb: [\n");
    fire(&editor, "input");
    yew::scheduler::flush().await;
    let status = by_testid::<HtmlElement>(&root, "editor-status").text_content().unwrap();
    assert!(status.contains("line 3") || status.contains("line 2"), "{status}");
    assert!(root.query_selector(".yaml-error-line").unwrap().is_some());
    assert_eq!(editor.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn undo_takes_back_the_last_command() {
    let root = mount().await;
    let undo: HtmlElement = by_testid(&root, "undo");
    assert!(undo.has_attribute("disabled"));
    type_line(&root, "echo hi > note.txt").await;
    let undo: HtmlElement = by_testid(&root, "undo");
    assert!(!undo.has_attribute("disabled"));
    undo.click();
    yew::scheduler::flush().await;
    let notice = by_testid::<HtmlElement>(&root, "notice").text_content().unwrap();
    assert!(notice.contains("echo hi > note.txt"), "{notice}");
    assert!(by_testid::<HtmlElement>(&root, "undo").has_attribute("disabled"));
    common::idle().await;
    let saved = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("kube-sim.session").unwrap().unwrap();
    assert!(saved.contains("\"commands\":[]"), "{saved}");
}

#[wasm_bindgen_test]
async fn language_toggle_switches_the_ui_text() {
    let root = mount().await;
    let toggle: HtmlElement = by_testid(&root, "lang-toggle");
    let before = toggle.text_content().unwrap();
    let title = root.query_selector("h1").unwrap().unwrap().text_content().unwrap();
    toggle.click();
    yew::scheduler::flush().await;
    let after = toggle.text_content().unwrap();
    assert_ne!(before, after);
    assert_ne!(root.query_selector("h1").unwrap().unwrap().text_content().unwrap(), title);
    toggle.click();
    yew::scheduler::flush().await;
    assert_eq!(toggle.text_content().unwrap(), before);
}

#[wasm_bindgen_test]
async fn starting_a_lesson_and_clicking_a_command_types_it() {
    let root = mount().await;
    let select: HtmlSelectElement = by_testid(&root, "lesson-select");
    let first = kube_sim_lessons::catalog().into_iter().next().unwrap();
    select.set_value(&first.id);
    fire(&select, "change");
    yew::scheduler::flush().await;
    let lesson = by_testid::<HtmlElement>(&root, "lesson").text_content().unwrap();
    assert!(lesson.contains(&first.title.en), "{lesson}");
    let tabs = all_by_testid(&root, "editor-tab");
    assert_eq!(tabs.len(), first.files.len());
    let commands = all_by_testid(&root, "lesson-command");
    let cmd = commands.first().expect("the first lesson has click-to-type commands");
    let text = cmd.text_content().unwrap();
    cmd.click();
    yew::scheduler::flush().await;
    let input: HtmlInputElement = by_testid(&root, "terminal-input");
    assert_eq!(input.value(), text, "typed, not run");
    assert!(!output(&root).contains(&text));
    key(&input, "Enter");
    yew::scheduler::flush().await;
    assert!(output(&root).contains(&text));
}

#[wasm_bindgen_test]
async fn hints_are_revealed_one_by_one() {
    let root = mount().await;
    let select: HtmlSelectElement = by_testid(&root, "lesson-select");
    let lesson = kube_sim_lessons::catalog().into_iter().find(|l| l.hints.len() >= 2).unwrap();
    select.set_value(&lesson.id);
    fire(&select, "change");
    yew::scheduler::flush().await;
    let hints = || by_testid::<HtmlElement>(&root, "hints").child_element_count();
    assert_eq!(hints(), 0);
    by_testid::<HtmlElement>(&root, "show-hint").click();
    yew::scheduler::flush().await;
    assert_eq!(hints(), 1);
    by_testid::<HtmlElement>(&root, "show-hint").click();
    yew::scheduler::flush().await;
    assert_eq!(hints(), 2);
}

#[wasm_bindgen_test]
async fn the_crash_panel_saves_the_session_and_offers_a_reload() {
    let root = mount().await;
    type_line(&root, "echo before the crash").await;
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("kube-sim.session").unwrap();
    kube_sim_web::crash::save_and_show();
    let saved = storage.get_item("kube-sim.session").unwrap().unwrap();
    assert!(saved.contains("echo before the crash"), "{saved}");
    let doc = gloo::utils::document();
    let panel = doc.query_selector("[data-testid='crash-panel']").unwrap().unwrap();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alertdialog"));
    let reload = panel.query_selector("a").unwrap().unwrap();
    assert_eq!(reload.get_attribute("href").as_deref(), Some(""));
    panel.remove();
}

#[wasm_bindgen_test]
async fn the_theme_toggle_cycles_and_is_kept() {
    let root = mount().await;
    let app = root.query_selector(".app").unwrap().unwrap();
    assert!(app.class_list().contains("theme-auto"));
    by_testid::<HtmlElement>(&root, "theme-toggle").click();
    yew::scheduler::flush().await;
    assert!(app.class_list().contains("theme-light"));
    by_testid::<HtmlElement>(&root, "theme-toggle").click();
    yew::scheduler::flush().await;
    assert!(app.class_list().contains("theme-dark"));
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("kube-sim.theme").unwrap();
    assert_eq!(stored.as_deref(), Some("dark"));
}

#[wasm_bindgen_test]
async fn show_solution_types_the_first_line_without_running_it() {
    let root = mount().await;
    let lesson = kube_sim_lessons::catalog().into_iter().find(|l| !l.solution.is_empty()).unwrap();
    let select: HtmlSelectElement = by_testid(&root, "lesson-select");
    select.set_value(&lesson.id);
    fire(&select, "change");
    yew::scheduler::flush().await;
    by_testid::<HtmlElement>(&root, "show-solution").click();
    yew::scheduler::flush().await;
    let input: HtmlInputElement = by_testid(&root, "terminal-input");
    assert_eq!(input.value(), lesson.solution[0]);
    assert_eq!(output(&root), "");
    let active = gloo::utils::document().active_element().unwrap();
    assert_eq!(active.get_attribute("data-testid").as_deref(), Some("terminal-input"), "the input has the focus");
}

#[wasm_bindgen_test]
async fn editor_tabs_open_and_switch_with_the_arrow_keys() {
    let root = mount().await;
    let name: HtmlInputElement = by_testid(&root, "file-name");
    name.set_value("pv.yaml");
    by_testid::<HtmlElement>(&root, "file-new").click();
    yew::scheduler::flush().await;
    let tabs = all_by_testid(&root, "editor-tab");
    assert_eq!(tabs.iter().map(|t| t.text_content().unwrap()).collect::<Vec<_>>(), ["manifest.yaml", "pv.yaml"]);
    assert_eq!(tabs[1].get_attribute("aria-selected").as_deref(), Some("true"));
    key_with(&tabs[1], "ArrowLeft", false);
    yew::scheduler::flush().await;
    let tabs = all_by_testid(&root, "editor-tab");
    assert_eq!(tabs[0].get_attribute("aria-selected").as_deref(), Some("true"));
    let editor: HtmlTextAreaElement = by_testid(&root, "editor");
    assert_eq!(editor.get_attribute("aria-label").as_deref(), Some("Manifest editor: manifest.yaml"));
}
