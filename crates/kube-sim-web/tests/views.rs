//! The teaching views in the details panel (mounts, binding, Secret keys), the mounts of the
//! container the terminal is in, and "Show goal", in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlSelectElement};

mod common;
use common::{mount, type_line};

wasm_bindgen_test_configure!(run_in_browser);

fn find(root: &web_sys::Element, id: &str) -> Option<web_sys::Element> {
    root.query_selector(&format!("[data-testid='{id}']")).unwrap()
}

fn text_of(root: &web_sys::Element, id: &str) -> String {
    find(root, id).unwrap_or_else(|| panic!("no {id}")).text_content().unwrap_or_default()
}

fn all_text(root: &web_sys::Element, id: &str) -> Vec<String> {
    let list = root.query_selector_all(&format!("[data-testid='{id}']")).unwrap();
    (0..list.length()).filter_map(|i| list.get(i)?.text_content()).collect()
}

/// Presses Enter on an element (graph objects are SVG, reached with the keyboard too).
fn press_enter(target: &web_sys::EventTarget) {
    common::key_down(target, "Enter", false);
}


async fn activate(root: &web_sys::Element, id: &str) {
    press_enter(&find(root, id).unwrap_or_else(|| panic!("no {id}")));
    yew::scheduler::flush().await;
}

const POD: &[&str] = &[
    "cat > pod.yml <<EOF",
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: web",
    "spec:",
    "  containers:",
    "  - name: c",
    "    image: busybox",
    "    args: [sleep, '3600']",
    "    volumeMounts:",
    "    - name: cache",
    "      mountPath: /cache",
    "    - name: creds",
    "      mountPath: /etc/creds",
    "  volumes:",
    "  - name: cache",
    "    emptyDir: {}",
    "  - name: creds",
    "    secret:",
    "      secretName: mysecret",
    "EOF",
];

async fn pod_with_volumes(root: &web_sys::Element) {
    type_line(root, "kubectl create secret generic mysecret --from-literal=password=123456").await;
    for l in POD {
        type_line(root, l).await;
    }
    type_line(root, "kubectl apply -f pod.yml").await;
    type_line(root, "sleep 5").await;
}

#[wasm_bindgen_test]
async fn a_secret_without_consumers_is_in_the_graph_and_shows_base64_next_to_the_value() {
    let root = mount().await;
    type_line(&root, "kubectl create secret generic mysecret '--from-literal=password=<b>123456</b>'").await;
    activate(&root, "obj-secret-default-mysecret").await;
    assert_eq!(text_of(&root, "config-base64"), "PGI+MTIzNDU2PC9iPg==");
    assert_eq!(text_of(&root, "config-decoded"), "<b>123456</b>", "user text is text, never HTML");
    assert!(find(&root, "config-view").unwrap().query_selector("b").unwrap().is_none());
    assert!(text_of(&root, "base64-note").contains("not encryption"));
    assert!(text_of(&root, "graph-details").contains("Type:  Opaque"), "kubectl describe stays below");
}

#[wasm_bindgen_test]
async fn a_pod_shows_its_mounts_and_a_consumer_of_the_secret() {
    let root = mount().await;
    pod_with_volumes(&root).await;
    activate(&root, "obj-pod-default-web").await;
    let paths = all_text(&root, "mount-node-path");
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].starts_with("/var/lib/kubelet/pods/") && paths[0].ends_with("/volumes/kubernetes.io~empty-dir/cache"), "{paths:?}");
    assert!(paths[1].ends_with("/volumes/kubernetes.io~secret/creds"), "{paths:?}");
    let backings = all_text(&root, "mount-backing");
    assert!(backings[0].starts_with("emptyDir: a folder on the disk of node worker-"), "{backings:?}");
    assert!(backings[1].contains("Secret") && backings[1].contains("mysecret"), "{backings:?}");
    // The Secret lists the pod as a consumer whose file is current.
    find(&root, "graph-details").unwrap().query_selector("button").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    activate(&root, "obj-secret-default-mysecret").await;
    let consumers = all_text(&root, "config-consumer");
    assert_eq!(consumers, ["Pod web / c: file /etc/creds/password (volume creds): current"]);
}

#[wasm_bindgen_test]
async fn exec_into_a_container_shows_its_mounts_until_exit() {
    let root = mount().await;
    pod_with_volumes(&root).await;
    assert!(find(&root, "session-mounts").is_none());
    type_line(&root, "kubectl exec -it web -- sh").await;
    let shown = text_of(&root, "session-mounts");
    assert!(shown.contains("/cache") && shown.contains("kubernetes.io~empty-dir/cache"), "{shown}");
    type_line(&root, "exit").await;
    assert!(find(&root, "session-mounts").is_none());
}

#[wasm_bindgen_test]
async fn a_claim_shows_why_each_volume_matches_or_not() {
    let root = mount().await;
    for l in [
        "cat > pv.yml <<EOF", "apiVersion: v1", "kind: PersistentVolume", "metadata:", "  name: small", "spec:",
        "  capacity:", "    storage: 100Mi", "  accessModes: [ReadWriteOnce]", "  storageClassName: nfs", "  nfs:",
        "    path: /data/nfs", "    server: 172.19.0.4", "---", "apiVersion: v1", "kind: PersistentVolumeClaim",
        "metadata:", "  name: mypvc1", "spec:", "  accessModes: [ReadWriteOnce]", "  resources:", "    requests:",
        "      storage: 1Gi", "  storageClassName: nfs", "EOF", "kubectl apply -f pv.yml", "sleep 2",
    ] {
        type_line(&root, l).await;
    }
    activate(&root, "obj-persistentvolumeclaim-default-mypvc1").await;
    let rows = all_text(&root, "binding-row");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("capacity 100Mi is smaller than the 1Gi requested"), "{rows:?}");
    assert!(text_of(&root, "binding-summary").contains("No volume matches"));
}

#[wasm_bindgen_test]
async fn show_goal_describes_the_step_and_outlines_its_objects() {
    let root = mount().await;
    let select: HtmlSelectElement = find(&root, "lesson-select").unwrap().dyn_into().unwrap();
    select.set_value("08-secrets-create");
    let init = EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert!(find(&root, "goal-description").is_none());
    let button: HtmlElement = find(&root, "show-goal").unwrap().dyn_into().unwrap();
    assert_eq!(button.text_content().unwrap(), "Show goal");
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(all_text(&root, "goal-line"), ["Secret default/mysecret: field data.username is “YWRtaW4=”"]);
    type_line(&root, "kubectl create secret generic mysecret --from-literal=password=x").await;
    let g = find(&root, "obj-secret-default-mysecret").expect("the secret is drawn");
    assert!(g.class_list().contains("goal-target"), "{}", g.get_attribute("class").unwrap_or_default());
    // The other language.
    find(&root, "lang-toggle").unwrap().dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert_eq!(all_text(&root, "goal-line"), ["Secret default/mysecret 的字段 data.username 是 “YWRtaW4=”"]);
    let button: HtmlElement = find(&root, "show-goal").unwrap().dyn_into().unwrap();
    button.click();
    yew::scheduler::flush().await;
    assert!(find(&root, "goal-description").is_none());
    assert!(!find(&root, "obj-secret-default-mysecret").unwrap().class_list().contains("goal-target"));
}
