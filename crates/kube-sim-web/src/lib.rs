//! The Kube Storage Playground's UI, in Yew. This crate is the only one that touches the
//! browser (yew, web-sys, gloo); everything it shows comes from `kube_sim_core::Cluster`
//! through one reducer ([`state::Playground`]).

pub mod app;
pub mod components;
pub mod i18n;
pub mod state;

pub use app::App;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
