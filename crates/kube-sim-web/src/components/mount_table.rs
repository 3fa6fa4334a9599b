//! The mount view of a pod (or of the container the terminal is in): for each mount, the path
//! in the container, the kubelet's path on the node, and where the data really lives, from the
//! core's plain-data [`PodMounts`]; the picture `docker inspect` gives.

use kube_sim_core::mount_view::{Backing, MountView, PodMounts};
use yew::prelude::*;

use crate::i18n::{self, Lang};

/// Props of [`MountTable`].
#[derive(Properties, PartialEq)]
pub struct MountTableProps {
    /// UI language.
    pub lang: Lang,
    /// The pod's mounts.
    pub mounts: PodMounts,
}

/// The store behind a mount, in words.
pub fn backing_text(m: &MountView, lang: Lang) -> String {
    let node = |n: &Option<String>| n.clone().unwrap_or_else(|| i18n::NODE_UNSCHEDULED.get(lang).to_string());
    let store = match &m.backing {
        Backing::EmptyDir { node: n, medium } if medium == "Memory" => {
            format!("{} {} ({})", i18n::BACKING_EMPTYDIR_MEMORY.get(lang), node(n), i18n::BACKING_DELETED_WITH_POD.get(lang))
        }
        Backing::EmptyDir { node: n, .. } => {
            format!("{} {} ({})", i18n::BACKING_EMPTYDIR.get(lang), node(n), i18n::BACKING_DELETED_WITH_POD.get(lang))
        }
        Backing::HostPath { node: n, path } => {
            format!("{} {}: {path} ({})", i18n::BACKING_HOSTPATH.get(lang), node(n), i18n::BACKING_KEPT.get(lang))
        }
        Backing::Nfs { server, path } => format!("{} {server}:{path}", i18n::BACKING_NFS.get(lang)),
        Backing::Secret { name } => format!("{} {name}", i18n::BACKING_SECRET.get(lang)),
        Backing::ConfigMap { name } => format!("{} {name}", i18n::BACKING_CONFIGMAP.get(lang)),
        Backing::Projected => i18n::BACKING_PROJECTED.get(lang).to_string(),
        Backing::Unbound => i18n::BACKING_UNBOUND.get(lang).to_string(),
        Backing::Other { kind } => format!("{} ({kind})", i18n::BACKING_OTHER.get(lang)),
    };
    match (&m.claim, &m.pv) {
        (Some(c), Some(pv)) => format!("PVC {c} → PV {pv} → {store}"),
        (Some(c), None) => format!("PVC {c} → {store}"),
        _ => store,
    }
}

/// Draws one table per container.
#[function_component(MountTable)]
pub fn mount_table(props: &MountTableProps) -> Html {
    let lang = props.lang;
    let v = &props.mounts;
    let containers = v.containers.iter().map(|c| {
        let rows = c.mounts.iter().map(|m| {
            let on_node = match (&m.source, &m.volume_dir) {
                (Some(src), Some(dir)) if src != dir => format!("{src} → {dir}"),
                (Some(src), _) => src.clone(),
                (None, Some(dir)) => dir.clone(),
                (None, None) => i18n::MOUNT_NOT_SET_UP.get(lang).to_string(),
            };
            let mut opts = vec![if m.read_only { i18n::READ_ONLY.get(lang) } else { i18n::READ_WRITE.get(lang) }.to_string()];
            if let Some(sub) = &m.sub_path {
                opts.push(format!("subPath: {sub}"));
            }
            html! {
                <tr data-testid="mount-row">
                    <td><code>{ &m.mount_path }</code><br /><small>{ format!("{} {}", i18n::MOUNT_VOLUME.get(lang), m.volume) }</small></td>
                    <td><code data-testid="mount-node-path">{ on_node }</code></td>
                    <td data-testid="mount-backing">{ backing_text(m, lang) }</td>
                    <td>{ opts.join(", ") }</td>
                </tr>
            }
        });
        let caption = if c.running {
            format!("{} {}", i18n::MOUNT_CONTAINER.get(lang), c.container)
        } else {
            format!("{} {} ({})", i18n::MOUNT_CONTAINER.get(lang), c.container, i18n::MOUNT_NOT_RUNNING.get(lang))
        };
        html! {
            <table class="view-table mount-table" data-testid="mount-table">
                <caption>{ caption }</caption>
                <thead><tr>
                    <th scope="col">{ i18n::MOUNT_IN_CONTAINER.get(lang) }</th>
                    <th scope="col">{ i18n::MOUNT_ON_NODE.get(lang) }</th>
                    <th scope="col">{ i18n::MOUNT_BACKED_BY.get(lang) }</th>
                    <th scope="col">{ i18n::MOUNT_OPTIONS.get(lang) }</th>
                </tr></thead>
                <tbody>
                    if c.mounts.is_empty() {
                        <tr><td colspan="4">{ i18n::MOUNTS_NONE.get(lang) }</td></tr>
                    }
                    { for rows }
                </tbody>
            </table>
        }
    });
    let node = v.node.clone().unwrap_or_else(|| i18n::NODE_UNSCHEDULED.get(lang).to_string());
    html! {
        <div class="mount-view" data-testid="mount-view">
            <p class="view-meta">{ format!("Pod {}/{} · uid {} · node {node}", v.namespace, v.pod, v.uid) }</p>
            { for containers }
        </div>
    }
}
