//! `kube-sim` on the control plane: the simulator's own helper commands.
//!
//! - `kube-sim explain-binding PVC [-n NS]`: why a claim is (or is not) bound, one verdict
//!   per PersistentVolume ([`crate::storage::explain_binding`]).
//! - `kube-sim help`.

use super::Proc;
use crate::storage::{classes::is_delay_binding_mode, explain_binding, render_explanation};

const HELP: &str = "kube-sim: helper commands of the Kube Storage Playground.

Usage:
  kube-sim explain-binding PVC [-n NAMESPACE]   why a PersistentVolumeClaim is or is not bound
  kube-sim help                                 this help
";

/// `kube-sim ARGS`.
pub fn kube_sim(p: &mut Proc<'_>, args: &[String]) -> i32 {
    match args.first().map(String::as_str) {
        None | Some("help") | Some("-h") | Some("--help") => {
            p.out(HELP);
            0
        }
        Some("explain-binding") => explain(p, args.get(1..).unwrap_or(&[])),
        Some(other) => {
            p.out.err(format!("kube-sim: unknown command {other:?}\n{HELP}"));
            1
        }
    }
}

fn explain(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let mut ns = "default".to_string();
    let mut names = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "-n" || a == "--namespace" {
            match it.next() {
                Some(v) => ns = v.clone(),
                None => {
                    p.out.err(format!("kube-sim: flag needs an argument: {a}\n"));
                    return 1;
                }
            }
        } else if let Some(v) = a.strip_prefix("--namespace=").or_else(|| a.strip_prefix("-n=")) {
            ns = v.to_string();
        } else {
            names.push(a.clone());
        }
    }
    let [name] = names.as_slice() else {
        p.out.err("kube-sim: explain-binding needs exactly one PVC name\nUsage: kube-sim explain-binding PVC [-n NAMESPACE]\n");
        return 1;
    };
    let Some(claim) = p.cl.api.store.get("PersistentVolumeClaim", &ns, name).cloned() else {
        p.out.err(format!("kube-sim: persistentvolumeclaims {name:?} not found in namespace {ns:?}\n"));
        return 1;
    };
    let volumes: Vec<_> = p.cl.api.store.list("PersistentVolume", None).into_iter().cloned().collect();
    let classes: Vec<_> = p.cl.api.store.list("StorageClass", None).into_iter().cloned().collect();
    let volume_refs: Vec<_> = volumes.iter().collect();
    let class_refs: Vec<_> = classes.iter().collect();
    let delay = is_delay_binding_mode(&claim, &class_refs).unwrap_or(false);
    let e = explain_binding(&claim, &volume_refs, None, delay, &class_refs);
    p.out(render_explanation(&e));
    0
}
