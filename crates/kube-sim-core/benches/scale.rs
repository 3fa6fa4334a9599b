//! Scale benchmarks of the core (native, criterion). Run: `cargo bench -p kube-sim-core`.
//! Figures and budgets: BENCHMARKS.md. Reported, never asserted in tests.
//!
//! Every lab-based benchmark clones a prepared lab outside the timed part and hands the lab
//! back, so neither the clone nor the drop of thousands of objects is timed.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use kube_sim_core::storage::{sync_claim_indexed, VolumeIndex};
use kube_sim_core::{object, Cluster};
use serde_json::{json, Value};
use std::hint::black_box;

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const CLASSES: [&str; 3] = ["nfs", "fast", ""];
const MODES: [&[&str]; 3] = [&["ReadWriteOnce"], &["ReadWriteOnce", "ReadOnlyMany"], &["ReadWriteMany"]];

fn pv(i: usize) -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"name": format!("pv-{i:05}"), "uid": format!("uid-pv-{i}")},
        "spec": {"capacity": {"storage": format!("{}Gi", i % 10 + 1)}, "accessModes": MODES[i % 3],
                 "storageClassName": CLASSES[i % 3], "persistentVolumeReclaimPolicy": "Retain",
                 "volumeMode": "Filesystem", "nfs": {"server": "172.19.0.4", "path": format!("/data/{i}")}},
        "status": {"phase": "Available"}})
}

fn pvc(j: usize) -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": format!("c-{j:05}"), "namespace": "default", "uid": format!("uid-c-{j}")},
        "spec": {"resources": {"requests": {"storage": format!("{}Gi", (j * 7) % 10 + 1)}},
                 "accessModes": MODES[j % 3], "storageClassName": CLASSES[j % 3], "volumeMode": "Filesystem"},
        "status": {"phase": "Pending"}})
}

/// One PV-controller pass: every unbound claim against one shared index, as the controller does.
fn bind_pass(claims: &[Value], volumes: &[Value]) -> usize {
    let vols: Vec<&Value> = volumes.iter().collect();
    let mut index = VolumeIndex::new(&vols);
    let mut bound = 0;
    for c in claims {
        let d = sync_claim_indexed(c, &index, &vols, &[], &[]);
        if !d.actions.is_empty() {
            bound += 1;
        }
        index.note_decision(&d);
    }
    bound
}

fn binding(c: &mut Criterion) {
    let mut g = c.benchmark_group("bind PVCs against PVs");
    for n in SIZES {
        let volumes: Vec<Value> = (0..n).map(pv).collect();
        let claims: Vec<Value> = (0..n).map(pvc).collect();
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| b.iter(|| black_box(bind_pass(&claims, &volumes))));
    }
    g.finish();
}

/// `n` ConfigMaps (half in `default`, half in `kube-system`) as one multi-document manifest.
fn configmaps_manifest(n: usize) -> String {
    let mut manifest = String::new();
    for i in 0..n {
        manifest.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:05}\n  namespace: {}\ndata:\n  key: value-{i}\n",
            if i % 2 == 0 { "default" } else { "kube-system" }
        ));
    }
    manifest
}

/// A lab with `many.yaml` (n ConfigMaps) in the workspace, not applied yet.
fn lab_with_manifest(n: usize) -> Cluster {
    let mut c = Cluster::new();
    c.write_workspace_file("many.yaml", &configmaps_manifest(n)).expect("workspace is writable");
    c
}

/// A lab holding n ConfigMaps, applied with kubectl.
fn lab_with_configmaps(n: usize) -> Cluster {
    let mut c = lab_with_manifest(n);
    let out = c.type_line("kubectl apply -f many.yaml");
    assert_eq!(out.exit, Some(0), "{}", out.output.lines().last().unwrap_or(""));
    c
}

/// A lab holding n more running pods (half in `default`, half in `kube-system`), stored
/// directly with [`Cluster::insert_object`]: copies of a CoreDNS pod of the lab, renamed,
/// without owner and with their own label, so no controller adopts them and the kubelets
/// leave them alone as they do the lab's system pods. 10,000 pods through the scheduler and
/// the kubelets would time the container runtime, not the API.
fn lab_with_pods(n: usize) -> Cluster {
    let mut c = Cluster::new();
    let template = c
        .api_list("Pod", Some("kube-system"))
        .into_iter()
        .find(|p| object::name(p).starts_with("coredns-"))
        .cloned()
        .expect("the lab runs CoreDNS");
    for i in 0..n {
        let mut pod = template.clone();
        for f in ["uid", "resourceVersion", "ownerReferences", "generateName"] {
            object::remove(&mut pod, &format!("metadata.{f}"));
        }
        object::set(&mut pod, "metadata.name", json!(format!("pod-{i:05}")));
        object::set(&mut pod, "metadata.namespace", json!(if i % 2 == 0 { "default" } else { "kube-system" }));
        object::set(&mut pod, "metadata.labels", json!({"app": "bench"}));
        c.insert_object(pod);
    }
    c
}

/// Times `line` typed into a copy of `lab` (one simulated second, so one controller pass, then
/// the command).
fn bench_line(c: &mut Criterion, group: &str, line: &str, make: fn(usize) -> Cluster) {
    let mut g = c.benchmark_group(group);
    g.sample_size(10);
    for n in SIZES {
        let lab = make(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(
                || lab.clone(),
                |mut l| {
                    black_box(l.type_line(line));
                    l
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn bench_pass(c: &mut Criterion, group: &str, make: fn(usize) -> Cluster) {
    let mut g = c.benchmark_group(group);
    g.sample_size(10);
    for n in SIZES {
        let lab = make(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(
                || lab.clone(),
                |mut l| {
                    l.advance(1);
                    l
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn kubectl(c: &mut Criterion) {
    // Right after the insertions: the typed line's second runs the first controller pass over
    // the n new pods, then the get.
    bench_line(c, "kubectl get pods -A (right after n insertions)", "kubectl get pods -A", lab_with_pods);
    // On a settled lab: the typed line's second is a steady pass (nothing changed), then the get.
    bench_line(c, "kubectl get pods -A (settled lab)", "kubectl get pods -A", settled_pods);
    bench_line(c, "kubectl get cm -A (right after the apply)", "kubectl get cm -A", lab_with_configmaps);
    bench_line(c, "kubectl get cm -A (settled lab)", "kubectl get cm -A", settled_configmaps);
    // n ConfigMaps of ~109 bytes each: 10,000 make a 1.09 MB manifest.
    bench_line(c, "kubectl apply -f (n ConfigMaps)", "kubectl apply -f many.yaml", lab_with_manifest);
}

fn passes(c: &mut Criterion) {
    // The first pass after the apply: the controllers that react to changes have work to do.
    bench_pass(c, "controller pass (advance 1 s), n ConfigMaps", lab_with_configmaps);
    bench_pass(c, "controller pass (advance 1 s), n pods", lab_with_pods);
    // The first pass after every ConfigMap's data changed: the kubelets note each change.
    bench_pass(c, "controller pass (advance 1 s), n ConfigMaps modified", modified_configmaps);
    // A pass in which nothing changed since the last one (the lab after a typed line).
    bench_pass(c, "controller pass (advance 1 s), steady, n ConfigMaps", settled_configmaps);
    bench_pass(c, "controller pass (advance 1 s), steady, n pods", settled_pods);
    // The first pass after every pod's labels changed (`kubectl label pods --all -A`).
    bench_pass(c, "controller pass (advance 1 s), n pods relabeled", relabeled_pods);
}

/// Lets simulated seconds pass until a whole second changes nothing in the store (at most 10).
fn settle(c: &mut Cluster) {
    for _ in 0..10 {
        let before = c.store_revision();
        c.advance(1);
        if c.store_revision() == before {
            return;
        }
    }
}

/// [`lab_with_pods`] once the controllers have seen the new pods and nothing changes any more.
fn settled_pods(n: usize) -> Cluster {
    let mut c = lab_with_pods(n);
    settle(&mut c);
    c
}

/// [`lab_with_configmaps`] once every controller has seen it all and nothing changes any more.
fn settled_configmaps(n: usize) -> Cluster {
    let mut c = lab_with_configmaps(n);
    settle(&mut c);
    c
}

/// [`settled_configmaps`], then the value of every ConfigMap changed with one `kubectl apply`.
fn modified_configmaps(n: usize) -> Cluster {
    let mut c = settled_configmaps(n);
    let manifest = configmaps_manifest(n).replace("key: value-", "key: changed-");
    c.write_workspace_file("many.yaml", &manifest).expect("workspace is writable");
    let out = c.type_line("kubectl apply -f many.yaml");
    assert_eq!(out.exit, Some(0), "{}", out.output.lines().last().unwrap_or(""));
    c
}

/// [`settled_pods`], then every pod labelled with one `kubectl label pods --all -A`.
fn relabeled_pods(n: usize) -> Cluster {
    let mut c = settled_pods(n);
    let out = c.type_line("kubectl label pods --all -A relabeled=yes");
    assert_eq!(out.exit, Some(0), "{}", out.output.lines().last().unwrap_or(""));
    c
}

criterion_group!(benches, binding, kubectl, passes);
criterion_main!(benches);
