//! The cluster graph: an empty frame until the core exposes a view of the cluster.

use yew::prelude::*;

use crate::i18n::{self, Lang};

/// Props of [`Graph`].
#[derive(Properties, PartialEq)]
pub struct GraphProps {
    /// UI language.
    pub lang: Lang,
}

/// Draws the cluster (coming soon).
#[function_component(Graph)]
pub fn graph(props: &GraphProps) -> Html {
    let soon = i18n::GRAPH_SOON.get(props.lang);
    html! {
        <section class="region graph" aria-label={i18n::CLUSTER_GRAPH.get(props.lang)}>
            <h2>{ i18n::CLUSTER_GRAPH.get(props.lang) }</h2>
            <svg data-testid="cluster-graph" role="img" aria-label={soon}
                 viewBox="0 0 400 200" preserveAspectRatio="xMidYMid meet">
                <rect class="graph-frame" x="4" y="4" width="392" height="192" rx="8" />
                <text class="graph-soon" x="200" y="105" text-anchor="middle">{ soon }</text>
            </svg>
        </section>
    }
}
