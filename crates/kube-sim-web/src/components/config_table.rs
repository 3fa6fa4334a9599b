//! The Secret / ConfigMap view: each key with its stored base64 next to the decoded value, and
//! every pod that reads it (file, subPath file, env var) with whether its copy is current or
//! stale, from the core's [`ConfigView`]. Values are rendered as text, never as HTML.

use kube_sim_core::config_view::{self, ConfigView, Consumer, Decoded, Freshness, Via};
use yew::prelude::*;

use crate::i18n::{self, Lang};

/// Props of [`ConfigTable`].
#[derive(Properties, PartialEq)]
pub struct ConfigTableProps {
    /// UI language.
    pub lang: Lang,
    /// The Secret or ConfigMap.
    pub view: ConfigView,
    /// The simulated time (for "next sync in N s").
    pub now: i64,
}

fn core_lang(lang: Lang) -> config_view::Lang {
    match lang {
        Lang::En => config_view::Lang::En,
        Lang::Zh => config_view::Lang::Zh,
    }
}

fn consumer_text(c: &Consumer, lang: Lang, now: i64) -> (String, &'static str) {
    let via = match &c.via {
        Via::File { volume, path } => format!("{} {path} ({} {volume})", i18n::VIA_FILE.get(lang), i18n::MOUNT_VOLUME.get(lang)),
        Via::SubPath { volume, path } => format!("{} {path} ({} {volume})", i18n::VIA_SUBPATH.get(lang), i18n::MOUNT_VOLUME.get(lang)),
        Via::Env { name } => format!("{} {name}", i18n::VIA_ENV.get(lang)),
        Via::EnvFrom { name } => format!("{} {name}", i18n::VIA_ENVFROM.get(lang)),
    };
    let (fresh, class) = match &c.freshness {
        Freshness::Current => (i18n::FRESH_CURRENT.get(lang).to_string(), "fresh-current"),
        Freshness::Pending { next_sync } => (
            format!("{} {} {}", i18n::FRESH_PENDING.get(lang), (next_sync - now).max(0), i18n::SECONDS_SHORT.get(lang)),
            "fresh-stale",
        ),
        Freshness::StaleUntilRestart => (i18n::FRESH_STALE.get(lang).to_string(), "fresh-stale"),
        Freshness::NotRunning => (i18n::FRESH_NOT_RUNNING.get(lang).to_string(), "fresh-idle"),
    };
    (format!("Pod {} / {}: {via}: {fresh}", c.pod, c.container), class)
}

/// Draws the keys.
#[function_component(ConfigTable)]
pub fn config_table(props: &ConfigTableProps) -> Html {
    let lang = props.lang;
    let v = &props.view;
    let secret = v.kind == "Secret";
    let rows = v.keys.iter().map(|k| {
        let value = match &k.value {
            Decoded::Text(t) => html! { <code class="config-value" data-testid="config-decoded">{ t.clone() }</code> },
            Decoded::Binary { len, hex } => html! { <code data-testid="config-decoded">{ format!("<{len} {}: {hex}>", i18n::CONFIG_BYTES.get(lang)) }</code> },
        };
        let consumers = if k.consumers.is_empty() {
            html! { <span class="fresh-idle">{ i18n::CONFIG_NO_CONSUMERS.get(lang) }</span> }
        } else {
            html! { <ul class="consumers">{ for k.consumers.iter().map(|c| {
                let (text, class) = consumer_text(c, lang, props.now);
                html! { <li class={class} data-testid="config-consumer">{ text }</li> }
            }) }</ul> }
        };
        html! {
            <tr data-testid="config-row" data-key={k.key.clone()}>
                <th scope="row"><code>{ &k.key }</code></th>
                if secret {
                    <td><code data-testid="config-base64">{ k.base64.clone().unwrap_or_default() }</code></td>
                }
                <td>{ value }</td>
                <td>{ consumers }</td>
            </tr>
        }
    });
    let title = if secret { i18n::CONFIG_TITLE_SECRET } else { i18n::CONFIG_TITLE_CONFIGMAP };
    let meta = match &v.secret_type {
        Some(t) => format!("{} {}/{} · type {t} · resourceVersion {}", v.kind, v.namespace, v.name, v.resource_version),
        None => format!("{} {}/{} · resourceVersion {}", v.kind, v.namespace, v.name, v.resource_version),
    };
    html! {
        <div class="config-view" data-testid="config-view">
            <h3>{ title.get(lang) }</h3>
            <p class="view-meta">{ meta }</p>
            if v.keys.is_empty() {
                <p>{ i18n::CONFIG_NO_KEYS.get(lang) }</p>
            } else {
                <table class="view-table" data-testid="config-table">
                    <thead><tr>
                        <th scope="col">{ i18n::CONFIG_KEY.get(lang) }</th>
                        if secret { <th scope="col">{ i18n::CONFIG_BASE64.get(lang) }</th> }
                        <th scope="col">{ if secret { i18n::CONFIG_DECODED.get(lang) } else { i18n::CONFIG_VALUE.get(lang) } }</th>
                        <th scope="col">{ i18n::CONFIG_CONSUMERS.get(lang) }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            if secret {
                <p class="base64-note" data-testid="base64-note">{ config_view::BASE64_NOTE.get(core_lang(lang)) }</p>
            }
        </div>
    }
}
