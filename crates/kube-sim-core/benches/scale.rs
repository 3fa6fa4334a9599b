//! Scale benchmarks of the core (native, criterion). Run: `cargo bench -p kube-sim-core`.
//! Figures and budgets: BENCHMARKS.md. Reported, never asserted in tests.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use kube_sim_core::storage::{sync_claim_indexed, VolumeIndex};
use kube_sim_core::Cluster;
use serde_json::{json, Value};

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
    for n in [100, 1_000, 10_000] {
        let volumes: Vec<Value> = (0..n).map(pv).collect();
        let claims: Vec<Value> = (0..n).map(pvc).collect();
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| b.iter(|| black_box(bind_pass(&claims, &volumes))));
    }
    g.finish();
}

fn lab_with_pods(n: usize) -> Cluster {
    let mut c = Cluster::new();
    let mut manifest = String::new();
    for i in 0..n {
        manifest.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:05}\n  namespace: {}\ndata:\n  key: value-{i}\n",
            if i % 2 == 0 { "default" } else { "kube-system" }
        ));
    }
    c.write_workspace_file("many.yaml", &manifest).expect("workspace is writable");
    let out = c.type_line("kubectl apply -f many.yaml");
    assert_eq!(out.exit, Some(0), "{}", out.output.lines().last().unwrap_or(""));
    c
}

fn kubectl(c: &mut Criterion) {
    let mut g = c.benchmark_group("kubectl get cm -A");
    g.sample_size(20);
    for n in [100, 1_000, 10_000] {
        let lab = lab_with_pods(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(|| lab.clone(), |mut l| black_box(l.type_line("kubectl get cm -A")), criterion::BatchSize::LargeInput)
        });
    }
    g.finish();
    let mut g = c.benchmark_group("controller pass (advance 1 s)");
    g.sample_size(20);
    for n in [100, 1_000, 10_000] {
        let lab = lab_with_pods(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(|| lab.clone(), |mut l| l.advance(1), criterion::BatchSize::LargeInput)
        });
    }
    g.finish();
}

criterion_group!(benches, binding, kubectl);
criterion_main!(benches);
