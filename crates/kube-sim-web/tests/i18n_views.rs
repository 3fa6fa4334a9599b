//! The teaching views in Chinese, in headless Chromium: the binding view's reasons and summary
//! are translated, the terminal's output is not.
#![cfg(target_arch = "wasm32")]

use kube_sim_core::session::SessionRecord;
use kube_sim_web::persist::{LANG_KEY, SESSION_KEY};
use wasm_bindgen_test::*;

mod common;

wasm_bindgen_test_configure!(run_in_browser);

/// A Chinese app restored from a sandbox session that typed `lines`.
async fn mount_zh(lines: &[&str]) -> web_sys::Element {
    let s = common::storage();
    s.clear().unwrap();
    s.set_item(LANG_KEY, "zh-CN").unwrap();
    let mut record = SessionRecord::new(None);
    record.commands = lines.iter().map(|l| l.to_string()).collect();
    s.set_item(SESSION_KEY, &record.to_json()).unwrap();
    common::render_app().await
}

fn find(root: &web_sys::Element, id: &str) -> web_sys::Element {
    root.query_selector(&format!("[data-testid='{id}']")).unwrap().unwrap_or_else(|| panic!("no {id}"))
}

async fn activate(root: &web_sys::Element, id: &str) {
    common::key_down(&find(root, id), "Enter", false);
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_binding_view_explains_in_chinese() {
    let root = mount_zh(&[
        "cat > pv.yml <<EOF", "apiVersion: v1", "kind: PersistentVolume", "metadata:", "  name: small", "spec:",
        "  capacity:", "    storage: 100Mi", "  accessModes: [ReadWriteOnce]", "  storageClassName: nfs", "  nfs:",
        "    path: /data/nfs", "    server: 172.19.0.4", "---", "apiVersion: v1", "kind: PersistentVolumeClaim",
        "metadata:", "  name: mypvc1", "spec:", "  accessModes: [ReadWriteOnce]", "  resources:", "    requests:",
        "      storage: 1Gi", "  storageClassName: nfs", "EOF", "kubectl apply -f pv.yml", "sleep 2",
    ])
    .await;
    let out = find(&root, "terminal-output").text_content().unwrap_or_default();
    assert!(out.contains("persistentvolumeclaim/mypvc1 created"), "kubectl output stays English: {out}");
    activate(&root, "obj-persistentvolumeclaim-default-mypvc1").await;
    let row = find(&root, "binding-row").text_content().unwrap_or_default();
    assert!(row.contains("容量 100Mi 小于请求的 1Gi"), "{row}");
    let summary = find(&root, "binding-summary");
    let text = summary.text_content().unwrap_or_default();
    assert_eq!(text, "没有匹配的卷，且找不到 storageclass.storage.k8s.io \"nfs\"。");
    assert_eq!(summary.get_attribute("lang").as_deref(), Some("zh-CN"));
}
