//! The cluster graph (an empty frame until the core exposes its view).

use yew::prelude::*;

use crate::i18n::{self, Lang};

/// Props of [`Graph`].
#[derive(Properties, PartialEq)]
pub struct GraphProps {
    /// UI language.
    pub lang: Lang,
}

/// Draws the cluster.
#[function_component(Graph)]
pub fn graph(props: &GraphProps) -> Html {
    html! {
        <section class="region graph" aria-label={i18n::CLUSTER_GRAPH.get(props.lang)}>
            <h2>{ i18n::CLUSTER_GRAPH.get(props.lang) }</h2>
            <svg data-testid="cluster-graph" role="img" aria-label={i18n::CLUSTER_GRAPH.get(props.lang)}
                 viewBox="0 0 400 200" preserveAspectRatio="xMidYMid meet"></svg>
        </section>
    }
}
