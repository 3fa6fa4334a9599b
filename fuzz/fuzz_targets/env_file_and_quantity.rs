//! The env-file parser (`kubectl create secret|configmap --from-env-file`) and the quantity
//! parser, on arbitrary bytes. A parsed quantity must print to text that parses to the same value.
#![no_main]

use kube_sim_core::quantity::Quantity;
use kube_sim_core::Cluster;
use kube_sim_fuzz::fresh;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.lines().take(32) {
        if let Ok(q) = Quantity::parse(line) {
            let _ = (q.value(), q.milli_value(), q.nano_value(), q.is_zero(), q.sign());
            let printed = q.to_string();
            let again = Quantity::parse(&printed).unwrap_or_else(|e| panic!("{line:?} printed {printed:?}: {e}"));
            // The canonical form is a fixed point.
            assert_eq!(again.to_string(), printed, "{line:?}");
        }
    }
    let mut lab = fresh();
    // The raw bytes, not the lossy text: the parser reports invalid UTF-8 itself.
    if lab.write_file(&Cluster::learner_ctx(), "/home/learner/e.env", data).is_err() {
        return;
    }
    lab.type_line("kubectl create secret generic s --from-env-file=e.env");
    lab.type_line("kubectl create configmap c --from-env-file=e.env");
    lab.type_line("kubectl create configmap d --from-env-file=e.env --dry-run=client -o yaml");
    lab.type_line("kubectl get secret s -o yaml");
    lab.type_line("kubectl describe configmap c");
});
