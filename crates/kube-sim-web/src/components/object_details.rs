//! The details panel's teaching views for a clicked graph object: the mount view of a Pod, the
//! binding view of a PersistentVolumeClaim, the keys of a Secret or ConfigMap. Each is a
//! plain-data view the core computes from the current cluster.

use kube_sim_core::config_view::{config_view, ConfigView};
use kube_sim_core::mount_view::PodMounts;
use kube_sim_core::storage::BindingExplanation;
use kube_sim_core::Cluster;
use yew::prelude::*;

use crate::components::binding_table::BindingTable;
use crate::components::config_table::ConfigTable;
use crate::components::mount_table::MountTable;
use crate::i18n::{self, Lang};

/// What the details panel shows above `kubectl describe`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Details {
    /// Nothing more than `kubectl describe`.
    None,
    /// A pod's mounts.
    Mounts(PodMounts),
    /// A claim's binding.
    Binding(BindingExplanation),
    /// A Secret's or ConfigMap's keys.
    Config(ConfigView),
}

/// The view for `kind` `ns/name` in `cluster`.
pub fn details_of(cluster: &Cluster, kind: &str, ns: &str, name: &str) -> Details {
    let found = match kind {
        "Pod" => cluster.mount_view(ns, name).map(Details::Mounts),
        "PersistentVolumeClaim" => cluster.binding_view(ns, name).map(Details::Binding),
        "Secret" | "ConfigMap" => config_view(cluster, kind, ns, name).map(Details::Config),
        _ => None,
    };
    found.unwrap_or(Details::None)
}

/// Props of [`ObjectDetails`].
#[derive(Properties, PartialEq)]
pub struct ObjectDetailsProps {
    /// UI language.
    pub lang: Lang,
    /// What to show.
    pub details: Details,
    /// The simulated time.
    pub now: i64,
}

/// Shows one [`Details`].
#[function_component(ObjectDetails)]
pub fn object_details(props: &ObjectDetailsProps) -> Html {
    let lang = props.lang;
    match &props.details {
        Details::None => html! {},
        Details::Mounts(m) => html! {
            <>
                <h3>{ i18n::MOUNTS_TITLE.get(lang) }</h3>
                <MountTable lang={lang} mounts={m.clone()} />
            </>
        },
        Details::Binding(e) => html! { <BindingTable lang={lang} explanation={e.clone()} /> },
        Details::Config(v) => html! { <ConfigTable lang={lang} view={v.clone()} now={props.now} /> },
    }
}
