//! Tab completion for kubectl, as kubectl's own completion script offers it: verbs, resource
//! types, then the names of live objects of that type.

use crate::api::resources::{self, RESOURCES};
use crate::cluster::Cluster;
use crate::object;

/// kubectl's commands, in `kubectl --help` order.
pub const VERBS: &[&str] = &[
    "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale",
    "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach",
    "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait",
    "kustomize", "label", "annotate", "completion", "alpha", "api-resources", "api-versions", "config", "plugin",
    "version",
];

/// Verbs whose first argument is a resource type and the next ones object names.
const TYPED_VERBS: &[&str] = &["get", "describe", "delete", "edit", "label", "annotate", "patch", "explain", "scale", "wait"];

/// Candidates for the last (partial) word of `args`, the words after `kubectl`.
pub fn words(cluster: &Cluster, args: &[&str]) -> Vec<String> {
    let Some((partial, before)) = args.split_last() else { return Vec::new() };
    let positional = positional_words(before);
    let namespace = namespace_flag(before).unwrap_or("default");
    let candidates: Vec<String> = match positional.as_slice() {
        [] => VERBS.iter().map(|v| v.to_string()).collect(),
        ["explain"] if partial.contains('.') => super::explain::complete_path(partial),
        [verb] if TYPED_VERBS.contains(verb) => {
            let mut names: Vec<String> = RESOURCES.iter().map(|r| r.plural.to_string()).collect();
            names.extend(RESOURCES.iter().flat_map(|r| r.short.iter().map(|s| s.to_string())));
            names
        }
        [verb, ..] if matches!(*verb, "logs" | "exec" | "attach" | "port-forward") => object_names(cluster, "Pod", namespace),
        [verb, ty, ..] if TYPED_VERBS.contains(verb) && *verb != "explain" => match resources::resolve(ty) {
            Some(r) => object_names(cluster, r.kind, namespace),
            None => Vec::new(),
        },
        [verb] if matches!(*verb, "cordon" | "uncordon" | "drain") => object_names(cluster, "Node", namespace),
        _ => Vec::new(),
    };
    let mut out: Vec<String> = candidates.into_iter().filter(|c| c.starts_with(partial)).collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// The words that are not flags nor flag values (`-n kube-system`, `-o wide`, `-c name`).
fn positional_words<'a>(words: &[&'a str]) -> Vec<&'a str> {
    const TAKES_VALUE: &[&str] = &["-n", "--namespace", "-o", "--output", "-l", "--selector", "-c", "--container", "-f", "--filename"];
    let mut out = Vec::new();
    let mut skip = false;
    for w in words {
        if skip {
            skip = false;
        } else if TAKES_VALUE.contains(w) {
            skip = true;
        } else if !w.starts_with('-') {
            out.push(*w);
        }
    }
    out
}

fn namespace_flag<'a>(words: &[&'a str]) -> Option<&'a str> {
    let mut it = words.iter();
    while let Some(w) = it.next() {
        if *w == "-n" || *w == "--namespace" {
            return it.next().copied();
        }
        if let Some(ns) = w.strip_prefix("--namespace=").or_else(|| w.strip_prefix("-n=")) {
            return Some(ns);
        }
    }
    None
}

fn object_names(cluster: &Cluster, kind: &str, namespace: &str) -> Vec<String> {
    let namespaced = resources::by_kind(kind).is_some_and(|r| r.namespaced);
    let ns = namespaced.then_some(namespace);
    cluster.api_list(kind, ns).into_iter().map(|o| object::name(o).to_string()).collect()
}

#[cfg(test)]
mod tests {
    use crate::Cluster;

    #[test]
    fn verbs_types_and_live_names() {
        let c = Cluster::new();
        assert_eq!(c.complete("kubectl ge"), ["get"]);
        assert!(c.complete("kubectl get p").contains(&"pv".to_string()));
        assert!(c.complete("kubectl get p").contains(&"persistentvolumeclaims".to_string()));
        assert_eq!(c.complete("kubectl get nodes worker-"), ["worker-1", "worker-2"]);
        assert_eq!(c.complete("kubectl describe sc "), ["standard"]);
        assert_eq!(c.complete("kubectl -n kube-system logs etcd"), ["etcd-control-plane"]);
        assert_eq!(c.complete("kubectl get pods -n kube-system kube-a"), ["kube-apiserver-control-plane"]);
        assert_eq!(c.complete("kubectl cordon w"), ["worker-1", "worker-2"]);
        assert_eq!(c.complete("kubectl explain pv.spec.nf"), ["pv.spec.nfs"]);
        assert!(c.complete("kubectl explain p").contains(&"pv".to_string()));
    }
}
