//! The Kube Storage Playground's UI, in Yew. This crate is the only one that touches the
//! browser (yew, web-sys, gloo); everything it shows comes from `kube_sim_core::Cluster`
//! through one reducer ([`state::Playground`]).

pub mod app;
pub mod autosave;
pub mod components;
pub mod crash;
pub mod export_cluster;
pub mod highlight;
pub mod i18n;
pub mod markdown;
pub mod persist;
pub mod state;
pub mod warm;

pub use app::App;

/// Installs the panic hook, then mounts the app on the page's `<body>`.
pub fn start() {
    warm::mark("kube-sim-start");
    crash::install();
    yew::Renderer::<App>::new().render();
}
