//! `kube-sim-core`: a simulated Kubernetes v1.32 cluster.
//!
//! It holds the API objects and their store, the controllers that reconcile them as simulated
//! time passes, the hosts with their filesystems, the container shell, and kubectl.
//!
//! Invariants (see ARCHITECTURE.md):
//! - **No IO.** Nothing here touches the disk, the network, the clock of the machine or the DOM.
//!   Files the learner edits live in the simulated filesystems; the UI and the CLI pass text in
//!   and get text and plain-data views out.
//! - **No web dependencies.** This crate never depends on yew, web-sys, js-sys, wasm-bindgen or
//!   gloo; `scripts/test.sh` checks it. It builds natively and for `wasm32-unknown-unknown`.
//! - **Deterministic.** Time is a logical clock ([`clock::Clock`]); ids come from a seeded
//!   generator ([`ids::IdGen`]). The same input gives the same bytes.
//! - **A model, not a script.** No code path knows about a lesson; every output is computed
//!   from the state of the simulated cluster.
//! - **User input never panics.** Bad input becomes an error text, the one the real cluster
//!   prints where there is one.

pub mod api;
pub mod apiserver;
pub mod binding_view;
pub mod clock;
pub mod config_view;
pub mod cluster;
pub mod controllers;
pub mod duration;
pub mod events;
pub mod export_bundle;
pub mod fs;
pub mod gofmt;
pub mod hosts;
pub mod ids;
pub mod kubectl;
pub mod kubelet;
pub mod lab;
pub mod lab_storage;
pub mod lab_system;
pub mod mount_view;
pub mod mysql;
pub mod object;
pub mod programs;
pub mod quantity;
pub mod script;
pub mod session;
pub mod sort;
pub mod table_cell;
pub mod shell;
pub mod storage;
pub mod store;
pub mod terminal;
pub mod view;
pub mod waiting;
pub mod yaml;

pub use cluster::Cluster;
pub use terminal::{LineKind, TypedLine};

/// The Kubernetes version the simulation reproduces.
pub const KUBE_VERSION: &str = "v1.32.4";
/// The kustomize version that kubectl v1.32 embeds.
pub const KUSTOMIZE_VERSION: &str = "v5.5.0";
