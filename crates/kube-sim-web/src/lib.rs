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

/// Installs the panic hook, then mounts the app on the page's `<body>` in place of the page's
/// loading notice (`#boot` in `index.html`; no paint comes between the two).
pub fn start() {
    warm::mark("kube-sim-start");
    crash::install();
    if let Some(notice) = gloo::utils::document().get_element_by_id("boot") {
        notice.remove();
    }
    yew::Renderer::<App>::new().render();
}
