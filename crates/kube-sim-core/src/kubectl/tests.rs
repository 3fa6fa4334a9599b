//! Scenario tests for the verbs that read manifests (the transcript shell cannot write files
//! yet): a fresh lab, workspace files, lines typed, the exact transcript.

use crate::script::run_script;
use crate::Cluster;

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n";

fn lab(files: &[(&str, &str)], script: &str) -> String {
    let mut c = Cluster::new();
    for (name, text) in files {
        c.write_workspace_file(name, text).expect("workspace is writable");
    }
    run_script(&mut c, script)
}

#[test]
fn apply_creates_then_is_unchanged_then_configured() {
    let changed = POD.replace("app: web", "app: web2");
    let out = lab(&[("pod.yml", POD), ("pod2.yml", &changed)], "kubectl apply -f pod.yml\nkubectl apply -f pod.yml\nkubectl apply -f pod2.yml\nkubectl get pods --show-labels -o name -l app=web2");
    assert_eq!(
        out,
        "$ kubectl apply -f pod.yml\npod/web created\n$ kubectl apply -f pod.yml\npod/web unchanged\n$ kubectl apply -f pod2.yml\npod/web configured\n$ kubectl get pods --show-labels -o name -l app=web2\npod/web\n"
    );
}

#[test]
fn last_applied_is_compact_json_with_namespace() {
    let out = lab(&[("pod.yml", POD)], "kubectl apply -f pod.yml\nkubectl get pod web -o 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'");
    assert!(out.contains("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"web\"},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"nginx\"}]}}\n"), "{out}");
}

#[test]
fn create_twice_is_already_exists_with_source() {
    let out = lab(&[("pod.yml", POD)], "kubectl create -f pod.yml\nkubectl create -f pod.yml");
    assert_eq!(
        out,
        "$ kubectl create -f pod.yml\npod/web created\n$ kubectl create -f pod.yml\nError from server (AlreadyExists): error when creating \"pod.yml\": pods \"web\" already exists\n"
    );
}

#[test]
fn manifest_errors() {
    let nokind = "apiVersion: v1\nmetadata:\n  name: x\n";
    let foo = "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n";
    let other_ns = POD.replace("  name: web\n", "  name: web\n  namespace: nope\n");
    let out = lab(
        &[("nokind.yml", nokind), ("foo.yml", foo), ("ns.yml", &other_ns)],
        "kubectl apply -f nope.yml\nkubectl apply -f nokind.yml\nkubectl apply -f foo.yml\nkubectl apply -f ns.yml\nkubectl apply -f ns.yml -n default\nkubectl delete -f nokind.yml",
    );
    assert_eq!(
        out,
        "$ kubectl apply -f nope.yml\nerror: the path \"nope.yml\" does not exist\n\
$ kubectl apply -f nokind.yml\nerror: error validating \"nokind.yml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n\
$ kubectl apply -f foo.yml\nerror: resource mapping not found for name: \"x\" namespace: \"\" from \"foo.yml\": no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first\n\
$ kubectl apply -f ns.yml\nError from server (NotFound): error when creating \"ns.yml\": namespaces \"nope\" not found\n\
$ kubectl apply -f ns.yml -n default\nerror: the namespace from the provided object \"nope\" does not match the namespace \"default\". You must pass '--namespace=nope' to perform this operation.\n\
$ kubectl delete -f nokind.yml\nerror: unable to decode \"nokind.yml\": Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}'\n"
    );
}

#[test]
fn delete_by_file_and_multi_document_apply() {
    let two = format!("{POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n");
    let out = lab(&[("all.yml", &two)], "kubectl apply -f all.yml\nkubectl delete -f all.yml\nkubectl get pod,cm");
    assert_eq!(
        out,
        "$ kubectl apply -f all.yml\npod/web created\nconfigmap/cfg created\n$ kubectl delete -f all.yml\npod \"web\" deleted\nconfigmap \"cfg\" deleted\n$ kubectl get pod,cm\nNAME                         DATA   AGE\nconfigmap/kube-root-ca.crt   1      120m\n"
    );
}

#[test]
fn namespace_deletion_removes_its_contents() {
    let pod = POD.replace("  name: web\n", "  name: web\n  namespace: team\n");
    let mut c = Cluster::new();
    c.write_workspace_file("pod.yml", &pod).expect("writable");
    let out = run_script(&mut c, "kubectl create namespace team\nkubectl apply -f pod.yml\nkubectl delete ns team\nkubectl get ns team");
    assert_eq!(
        out,
        "$ kubectl create namespace team\nnamespace/team created\n$ kubectl apply -f pod.yml\npod/web created\n$ kubectl delete ns team\nnamespace \"team\" deleted\n$ kubectl get ns team\nError from server (NotFound): namespaces \"team\" not found\n"
    );
    assert!(c.api_list("Pod", Some("team")).is_empty());
    assert!(c.api_list("ConfigMap", Some("team")).is_empty());
}

#[test]
fn ten_thousand_pods_are_all_listed() {
    let mut c = Cluster::new();
    for i in 0..10_000 {
        let ns = if i % 2 == 0 { "default" } else { "kube-system" };
        c.store_new(serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": format!("p{i:05}"), "namespace": ns}, "spec": {}}));
    }
    let args: Vec<String> = ["get", "pods", "-A"].iter().map(|s| s.to_string()).collect();
    let ctx = Cluster::learner_ctx();
    let out = super::run(&mut c, &ctx, &args);
    // Every pod, the lab's own pods and the header: speed is measured by the benchmarks.
    assert_eq!(out.stdout.lines().count(), 10_000 + 9 + 1);
    c.advance(10);
    assert_eq!(c.api_list("Pod", None).len(), 10_000 + 9);
}

#[test]
fn apply_over_create_warns_and_dry_runs_change_nothing() {
    let out = lab(
        &[("pod.yml", POD)],
        "kubectl apply -f pod.yml --dry-run=client\nkubectl get pods -o name\nkubectl apply -f pod.yml --dry-run=maybe\nkubectl create -f pod.yml\nkubectl apply -f pod.yml\nkubectl apply -f pod.yml\nkubectl delete -f pod.yml\nkubectl delete -f pod.yml",
    );
    assert_eq!(
        out,
        "$ kubectl apply -f pod.yml --dry-run=client\npod/web created (dry run)\n\
$ kubectl get pods -o name\n\
$ kubectl apply -f pod.yml --dry-run=maybe\nerror: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n\
$ kubectl create -f pod.yml\npod/web created\n\
$ kubectl apply -f pod.yml\nWarning: resource pods/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\npod/web configured\n\
$ kubectl apply -f pod.yml\npod/web unchanged\n\
$ kubectl delete -f pod.yml\npod \"web\" deleted\n\
$ kubectl delete -f pod.yml\nError from server (NotFound): error when deleting \"pod.yml\": pods \"web\" not found\n"
    );
}

#[test]
fn finalizers_hold_objects_until_removed() {
    let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers:\n  - example.com/hold\n";
    let mut c = Cluster::new();
    c.write_workspace_file("cm.yml", cm).expect("writable");
    let out = run_script(&mut c, "kubectl apply -f cm.yml\nkubectl delete cm held --wait=false\nkubectl get cm held -o name");
    assert!(out.ends_with("configmap \"held\" deleted\n$ kubectl get cm held -o name\nconfigmap/held\n"), "{out}");
    let mut held = c.api_get("ConfigMap", "default", "held").expect("still there").clone();
    assert!(crate::object::get(&held, "metadata.deletionTimestamp").is_some());
    crate::object::set(&mut held, "metadata.finalizers", serde_json::json!([]));
    c.api_update(held).expect("update");
    assert!(c.api_get("ConfigMap", "default", "held").is_err());
}

#[test]
fn events_are_listed_and_aggregated() {
    let mut c = Cluster::new();
    let node = c.api_get("Node", "", "worker-2").expect("node").clone();
    c.record_event(&node, "Normal", "NodeNotSchedulable", "Node worker-2 status is now: NodeNotSchedulable", "kubelet");
    c.record_event(&node, "Normal", "NodeNotSchedulable", "Node worker-2 status is now: NodeNotSchedulable", "kubelet");
    let out = run_script(&mut c, "kubectl get events -o jsonpath={.items[*].count}/{.items[*].reason}");
    assert!(out.ends_with("2/NodeNotSchedulable\n"), "{out}");
}

#[test]
fn generation_grows_only_with_spec() {
    let mut c = Cluster::new();
    let _ = run_script(&mut c, "kubectl label deploy coredns -n kube-system x=y\nkubectl scale deploy coredns -n kube-system --replicas=1");
    let d = c.api_get("Deployment", "kube-system", "coredns").expect("deployment");
    assert_eq!(crate::object::get(d, "metadata.generation"), Some(&serde_json::json!(2)));
}

#[test]
fn terminating_namespace_refuses_new_content() {
    let held = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  namespace: scratch\n  finalizers:\n  - example.com/hold\n";
    let pod = POD.replace("  name: web\n", "  name: web\n  namespace: scratch\n");
    let out = lab(
        &[("held.yml", held), ("pod.yml", &pod)],
        "kubectl create ns scratch\nkubectl apply -f held.yml\nkubectl delete ns scratch --wait=false\nkubectl apply -f pod.yml\nkubectl get ns scratch -o jsonpath={.status.phase}",
    );
    assert!(
        out.ends_with("$ kubectl apply -f pod.yml\nError from server (Forbidden): error when creating \"pod.yml\": pods \"web\" is forbidden: unable to create new content in namespace scratch because it is being terminated\n$ kubectl get ns scratch -o jsonpath={.status.phase}\nTerminating\n"),
        "{out}"
    );
}

mod fuzz {
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "get", "describe", "delete", "apply", "create", "label", "annotate", "patch", "scale", "explain", "cordon",
        "uncordon", "drain", "exec", "logs", "run", "api-resources", "cluster-info", "pods", "pod/x", "nodes", "no",
        "worker-1", "pv,pvc", "all", "ns", "-n", "kube-system", "-A", "-l", "a=b", "!a", "a in (", "-o", "yaml", "json",
        "name", "wide", "jsonpath={", "jsonpath={.items[*", "jsonpath={range .items[*]}", "{end}", "-f", "-", "x.yml",
        "--all", "--force", "--grace-period=0", "--", "sh", "a-", "--overwrite", "-p", "{\"a\":", "[{\"op\":\"add\"}]",
        "--type=json", "--replicas=2", "deploy/coredns", "--ignore-daemonsets", "=", "/", ",", "", "-", "--", "-o=",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(120))]
        #[test]
        fn kubectl_never_panics(idx in proptest::collection::vec(0..WORDS.len(), 0..7)) {
            let mut c = crate::Cluster::new();
            let args: Vec<String> = idx.iter().map(|i| WORDS[*i].to_string()).collect();
            let _ = crate::kubectl::run_with_stdin(&mut c, &crate::Cluster::learner_ctx(), &args, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n");
        }
    }
}

#[test]
fn apply_without_name() {
    let out = lab(&[("p.yml", "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: b\n")], "kubectl apply -f p.yml");
    assert_eq!(
        out,
        "$ kubectl apply -f p.yml\nerror: error when retrieving current configuration of:\nResource: \"/v1, Resource=pods\", GroupVersionKind: \"/v1, Kind=Pod\"\nName: \"\", Namespace: \"default\"\nfrom server for: \"p.yml\": resource name may not be empty\n"
    );
}

#[test]
fn apply_and_create_print_what_o_asks() {
    let out = lab(&[("pod.yml", POD)], "kubectl apply -f pod.yml -o name\nkubectl apply -f pod.yml -o wide\nkubectl create -f pod.yml --dry-run=client -o name\nkubectl get pods -o name");
    assert_eq!(
        out,
        "$ kubectl apply -f pod.yml -o name\npod/web\n$ kubectl apply -f pod.yml -o wide\nerror: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n$ kubectl create -f pod.yml --dry-run=client -o name\npod/web\n$ kubectl get pods -o name\npod/web\n"
    );
}

#[test]
fn cluster_scoped_manifests_ignore_namespaces() {
    let pv = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\n  namespace: somewhere\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /data\n";
    let out = lab(&[("pv.yml", pv)], "kubectl apply -f pv.yml -n other\nkubectl get pv -o 'jsonpath={.items[0].metadata.namespace}|{.items[0].status.phase}'\nkubectl get pv/pv1 -o name\nkubectl delete pv pv1");
    assert_eq!(
        out,
        "$ kubectl apply -f pv.yml -n other\npersistentvolume/pv1 created\n$ kubectl get pv -o 'jsonpath={.items[0].metadata.namespace}|{.items[0].status.phase}'\n|Available\n$ kubectl get pv/pv1 -o name\npersistentvolume/pv1\n$ kubectl delete pv pv1\npersistentvolume \"pv1\" deleted\n"
    );
}

#[test]
fn replace_and_wait() {
    // A ConfigMap: a Pod built from a minimal manifest cannot be replaced, because admission
    // filled fields (service account, priority) on create that the file does not carry.
    let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels:\n    app: web\ndata:\n  a: b\n";
    let changed = cm.replace("app: web", "app: other");
    let out = lab(
        &[("cm.yml", cm), ("cm2.yml", &changed)],
        "kubectl replace -f cm.yml\nkubectl create -f cm.yml\nkubectl replace -f cm2.yml\nkubectl get cm -l app=other -o name\nkubectl wait --for=jsonpath={.metadata.labels.app}=other cm/web\nkubectl wait cm/web --for=condition=Ready --timeout=2s\nkubectl wait nodes --all --for=condition=Ready\nkubectl wait pod/nope --for=delete\nkubectl wait cm/web --for=foo",
    );
    assert_eq!(
        out,
        "$ kubectl replace -f cm.yml\nError from server (NotFound): error when replacing \"cm.yml\": configmaps \"web\" not found\n$ kubectl create -f cm.yml\nconfigmap/web created\n$ kubectl replace -f cm2.yml\nconfigmap/web replaced\n$ kubectl get cm -l app=other -o name\nconfigmap/web\n$ kubectl wait --for=jsonpath={.metadata.labels.app}=other cm/web\nconfigmap/web condition met\n$ kubectl wait cm/web --for=condition=Ready --timeout=2s\nerror: timed out waiting for the condition on configmaps/web\n$ kubectl wait nodes --all --for=condition=Ready\nnode/control-plane condition met\nnode/worker-1 condition met\nnode/worker-2 condition met\n$ kubectl wait pod/nope --for=delete\n$ kubectl wait cm/web --for=foo\nerror: unrecognized condition: \"foo\"\n"
    );
}

#[test]
fn reapply_ignores_server_defaults() {
    let mut c = Cluster::new();
    c.write_workspace_file("pod.yml", POD).expect("writable");
    let _ = run_script(&mut c, "kubectl apply -f pod.yml");
    // What defaulting adds on the server side.
    let mut live = c.api_get("Pod", "default", "web").expect("pod").clone();
    crate::object::set(&mut live, "spec.containers", serde_json::json!([{"name": "nginx", "image": "nginx", "imagePullPolicy": "Always"}]));
    crate::object::set(&mut live, "spec.restartPolicy", serde_json::json!("Always"));
    c.api.store.apply(crate::store::Change::Modified(live));
    let out = run_script(&mut c, "kubectl apply -f pod.yml");
    assert_eq!(out, "$ kubectl apply -f pod.yml\npod/web unchanged\n");
}

#[test]
fn binding_sets_the_node_once() {
    let mut c = Cluster::new();
    c.write_workspace_file("pod.yml", POD).expect("writable");
    let _ = run_script(&mut c, "kubectl apply -f pod.yml");
    let pod = c.api_bind_pod("default", "web", "worker-1").expect("bound");
    assert_eq!(crate::object::get_str(&pod, "spec.nodeName"), Some("worker-1"));
    let err = c.api_bind_pod("default", "web", "worker-2").unwrap_err();
    assert_eq!(err.message, "Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"worker-1\"");
    // A pod on a node now terminates gracefully; the kubelet stand-in finishes it.
    let out = run_script(&mut c, "kubectl delete pod web --wait=false\nkubectl get pod web -o name");
    assert_eq!(out, "$ kubectl delete pod web --wait=false\npod \"web\" deleted\n$ kubectl get pod web -o name\nError from server (NotFound): pods \"web\" not found\n");
}

#[test]
fn server_dry_run_checks_but_stores_nothing() {
    let out = lab(&[("pod.yml", POD)], "kubectl create -f pod.yml --dry-run=server\nkubectl apply -f pod.yml --dry-run=server\nkubectl get pods -o name\nkubectl create -f pod.yml\nkubectl create -f pod.yml --dry-run=server");
    assert_eq!(
        out,
        "$ kubectl create -f pod.yml --dry-run=server\npod/web created (server dry run)\n$ kubectl apply -f pod.yml --dry-run=server\npod/web created (server dry run)\n$ kubectl get pods -o name\n$ kubectl create -f pod.yml\npod/web created\n$ kubectl create -f pod.yml --dry-run=server\nError from server (AlreadyExists): error when creating \"pod.yml\": pods \"web\" already exists\n"
    );
}

#[test]
fn odd_manifests_do_not_panic() {
    let docs = [
        "apiVersion: v1\nkind: Pod\nmetadata: 5\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a]\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: oops\n  annotations: [1]\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  ownerReferences: 3\n  finalizers: nope\n",
        "apiVersion: 5\nkind: true\n",
        "kind: List\napiVersion: v1\nitems: 7\n",
        "kind: List\napiVersion: v1\nitems:\n- 1\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: in-list\n",
        "---\n---\n",
        "",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n",
    ];
    for (i, d) in docs.iter().enumerate() {
        let mut c = Cluster::new();
        c.write_workspace_file("m.yml", d).expect("writable");
        for line in ["kubectl apply -f m.yml", "kubectl apply -f m.yml", "kubectl create -f m.yml", "kubectl get -f m.yml", "kubectl describe -f m.yml", "kubectl label -f m.yml a=b", "kubectl delete -f m.yml", "kubectl replace -f m.yml"] {
            let _ = c.type_line(line);
        }
        let _ = i;
        c.advance(5);
    }
}

#[test]
fn drain_refuses_bare_pods_until_forced() {
    let pod = POD.replace("    image: nginx\n", "    image: nginx\n  volumes:\n  - name: scratch\n    emptyDir: {}\n");
    let mut c = Cluster::new();
    c.write_workspace_file("pod.yml", &pod).expect("writable");
    let _ = run_script(&mut c, "kubectl apply -f pod.yml");
    c.api_bind_pod("default", "web", "worker-1").expect("bound");
    let proxy = c
        .api_list("Pod", Some("kube-system"))
        .into_iter()
        .find(|p| crate::object::name(p).starts_with("kube-proxy") && crate::object::get_str(p, "spec.nodeName") == Some("worker-1"))
        .map(|p| crate::object::name(p).to_string())
        .expect("kube-proxy on worker-1");
    let out = run_script(&mut c, "kubectl drain worker-1\nkubectl drain worker-1 --ignore-daemonsets --force\nkubectl drain worker-1 --ignore-daemonsets --force --delete-emptydir-data");
    assert_eq!(
        out,
        format!(
            "$ kubectl drain worker-1\nnode/worker-1 cordoned\nerror: unable to drain node \"worker-1\", aborting command...\n\nThere are pending nodes to be drained:\n worker-1\nerror: [cannot delete Pods with local storage (use --delete-emptydir-data to override): default/web, cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/{proxy}]\n\
$ kubectl drain worker-1 --ignore-daemonsets --force\nnode/worker-1 already cordoned\nerror: unable to drain node \"worker-1\", aborting command...\n\nThere are pending nodes to be drained:\n worker-1\nerror: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/web\n\
$ kubectl drain worker-1 --ignore-daemonsets --force --delete-emptydir-data\nnode/worker-1 already cordoned\nWarning: deleting Pods that declare no controller: default/web; ignoring DaemonSet-managed Pods: kube-system/{proxy}\nevicting pod default/web\npod/web evicted\nnode/worker-1 drained\n"
        )
    );
}

#[test]
fn directories_and_recursion() {
    let cm = |n: &str| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {n}\n");
    let out = lab(
        &[("dir/a.yaml", &cm("a")), ("dir/notes.txt", "hello"), ("dir/sub/b.yml", &cm("b"))],
        "kubectl apply -f dir\nkubectl apply -f dir -R\nkubectl delete -f dir/ -R",
    );
    assert_eq!(
        out,
        "$ kubectl apply -f dir\nconfigmap/a created\n$ kubectl apply -f dir -R\nconfigmap/a unchanged\nconfigmap/b created\n$ kubectl delete -f dir/ -R\nconfigmap \"a\" deleted\nconfigmap \"b\" deleted\n"
    );
}
