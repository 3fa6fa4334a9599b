//! Warm-up: the browser compiles wasm lazily, a function the first time it is called, so the
//! learner's first command would pay for compiling the kubectl, API-server and controller code
//! it runs (tens of ms). Right after the first paint, [`warm_up`] runs a few typical lines on a
//! throw-away copy of the lab, so that this compiling happens before the learner types.
//! The lab itself is never touched. The time it takes is marked in the page's performance
//! timeline (`kube-sim-warm-up`), so benchmarks can report it.

use kube_sim_core::Cluster;

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

/// Lines typed on the copy.
const LINES: &[&str] = &[
    "kubectl get pods",
    "kubectl apply -f kube-sim-warm-up.yaml",
    "kubectl get pods,pvc,pv -o wide",
    "kubectl describe pod warm-pod",
    "ls -l; cat kube-sim-warm-up.yaml | grep -c kind",
];

/// Runs `f` in a task after the next frame is painted (`requestAnimationFrame`, then a
/// zero-delay timeout), so that it never delays what the learner first sees.
pub fn after_first_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, f).forget();
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
}

/// Runs [`LINES`] on a copy of `lab` and computes its view; the copy is dropped.
pub fn warm_up(lab: &Cluster) {
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(perf) = &perf {
        let _ = perf.mark("kube-sim-warm-up-start");
    }
    let mut copy = lab.clone();
    if copy.write_workspace_file("kube-sim-warm-up.yaml", MANIFEST).is_ok() {
        for line in LINES {
            copy.type_line(line);
        }
        let _ = copy.view();
    }
    if let Some(perf) = &perf {
        let _ = perf.measure_with_start_mark("kube-sim-warm-up", "kube-sim-warm-up-start");
    }
}
