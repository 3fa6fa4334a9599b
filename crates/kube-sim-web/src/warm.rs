//! Warm-up: the browser compiles wasm lazily, a function the first time it is called, so the
//! learner's first command would pay for compiling the code it runs: the kubectl, API-server
//! and controller code of the core, and the reducer, the terminal's new row, the graph's
//! update and Yew's diffing of the UI (tens of ms). Right after the first paint, [`warm_up`]
//! mounts a hidden copy of the app (a [`crate::App`] with [`Run`], in an element that is not
//! in the page) on a copy of the lab, and types a few typical lines into it through the same
//! reducer and components, one line per task so that a key the learner presses meanwhile
//! waits for one line at most; then the copy is destroyed. The lab and the page are never
//! touched (the copy writes no storage and no autosave). The time it takes is marked in the
//! page's performance timeline (`kube-sim-warm-up`), so benchmarks can report it.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use kube_sim_core::Cluster;
use yew::{AppHandle, UseReducerDispatcher};

use crate::i18n::Lang;
use crate::state::{Action, Playground};
use crate::App;

/// A pod with each kind of volume the course teaches, its claim and volume, a ConfigMap and a
/// Secret: applying it runs validation, admission, the scheduler, the PV controller and the
/// kubelet's mounts.
const MANIFEST: &str = "apiVersion: v1
kind: PersistentVolume
metadata: {name: warm-pv}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: warm
  nfs: {path: /warm, server: 172.19.0.4}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: warm-pvc}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  storageClassName: warm
---
apiVersion: v1
kind: ConfigMap
metadata: {name: warm-cm}
data: {k: v}
---
apiVersion: v1
kind: Secret
metadata: {name: warm-secret}
stringData: {k: v}
---
apiVersion: v1
kind: Pod
metadata: {name: warm-pod}
spec:
  containers:
    - name: c
      image: busybox
      command: [sleep, '3600']
      volumeMounts:
        - {name: a, mountPath: /a}
        - {name: b, mountPath: /b}
        - {name: c, mountPath: /c}
        - {name: d, mountPath: /d}
        - {name: e, mountPath: /e}
  volumes:
    - {name: a, persistentVolumeClaim: {claimName: warm-pvc}}
    - {name: b, configMap: {name: warm-cm}}
    - {name: c, secret: {secretName: warm-secret}}
    - {name: d, emptyDir: {}}
    - {name: e, hostPath: {path: /tmp}}
";

/// What the copy is made to do, in order: the lines a learner types first, the editor's Apply.
fn steps() -> Vec<Action> {
    let line = |l: &str| Action::TypeLine(l.to_string());
    vec![
        line("kubectl get pods"),
        Action::EditText(MANIFEST.to_string()),
        Action::ApplyFile,
        line("kubectl get pods,pvc,pv -o wide"),
        line("kubectl describe pod warm-pod"),
        line("ls -l; cat manifest.yaml | grep -c kind"),
        line("kubectl get pods"),
    ]
}

/// The warm-up's copy of the lab, given to the hidden app (its props). Equal only to itself.
#[derive(Clone)]
pub struct Run {
    lang: Lang,
    /// Taken by [`Run::initial_state`].
    cluster: Rc<RefCell<Option<Cluster>>>,
    /// The hidden app, destroyed when its lines are typed.
    handle: Rc<RefCell<Option<AppHandle<App>>>>,
    /// The element it is drawn in (not in the page).
    root: web_sys::Element,
}

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cluster, &other.cluster)
    }
}

impl Run {
    /// The hidden app's first state: a sandbox on the copy.
    pub fn initial_state(&self) -> Playground {
        let cluster = self.cluster.borrow_mut().take().unwrap_or_default();
        Playground::on_cluster(self.lang, cluster)
    }
}

/// Runs `f` in a task after the next frame is painted (`requestAnimationFrame`, then a
/// zero-delay timeout), so that it never delays what the learner sees (the first paint, or
/// the line just typed).
pub fn after_first_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, f).forget();
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
}

/// Marks `name` in the page's performance timeline (boot milestones the benchmark reports).
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// Mounts the hidden copy of the app on a copy of `lab`; it types [`steps`] (see
/// [`type_lines`]) and is destroyed after them.
pub fn warm_up(lab: &Cluster, lang: Lang) {
    mark("kube-sim-warm-up-start");
    let Ok(root) = gloo::utils::document().create_element("div") else { return };
    let run = Run { lang, cluster: Rc::new(RefCell::new(Some(lab.clone()))), handle: Rc::default(), root: root.clone() };
    let slot = Rc::clone(&run.handle);
    // The first render happens in a later microtask, after the handle is stored.
    *slot.borrow_mut() = Some(yew::Renderer::<App>::with_root_and_props(root, crate::app::AppProps { warm: Some(run) }).render());
}

/// Types `line` into the terminal under `root` as a learner does: the input's value, then a
/// `keydown` of Enter (the terminal's own handler dispatches it). False if there is no input.
fn press_enter(root: &web_sys::Element, line: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(input) = root
        .query_selector("[data-testid='terminal-input']")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return false;
    };
    input.set_value(line);
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let Ok(event) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) else { return false };
    input.dispatch_event(&event).is_ok()
}

/// The hidden app's part: runs [`steps`], one per task (typed lines through the terminal's
/// input and Enter key, the others dispatched), then destroys the app and marks the
/// warm-up's time.
pub fn type_lines(run: &Run, d: UseReducerDispatcher<Playground>) {
    let slot = Rc::clone(&run.handle);
    let root = run.root.clone();
    yew::platform::spawn_local(async move {
        for step in steps() {
            // Each step renders before the next task starts.
            yew::platform::time::sleep(Duration::ZERO).await;
            match step {
                Action::TypeLine(line) if press_enter(&root, &line) => {}
                step => d.dispatch(step),
            }
        }
        yew::platform::time::sleep(Duration::ZERO).await;
        let handle = slot.borrow_mut().take();
        if let Some(handle) = handle {
            handle.destroy();
        }
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.measure_with_start_mark("kube-sim-warm-up", "kube-sim-warm-up-start");
        }
    });
}
