//! Arbitrary bytes saved as a workspace file, then `kubectl apply -f` and `kubectl create -f`
//! on a fresh lab. Nothing may panic, hang or grow without bound.
#![no_main]

use kube_sim_fuzz::fresh;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lab = fresh();
    if lab.write_workspace_file("f.yaml", &text).is_err() {
        return;
    }
    lab.type_line("kubectl apply -f f.yaml");
    lab.type_line("kubectl create -f f.yaml");
    lab.type_line("kubectl get all,pv,pvc,cm,secret -A -o yaml");
    lab.type_line("kubectl apply --dry-run=client -o yaml -f f.yaml");
    lab.type_line("kubectl delete -f f.yaml");
    lab.advance(5);
});
