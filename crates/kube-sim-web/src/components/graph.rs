//! The cluster graph: nodes with their pods, claims, volumes and what backs them, drawn from
//! the core's `ClusterView`. Clicking an object shows `kubectl describe` for it.

use std::collections::BTreeMap;
use std::rc::Rc;

use kube_sim_core::mount_view::PodMounts;
use kube_sim_core::view::{ClusterView, ObjView};
use yew::prelude::*;

use crate::components::mount_table::MountTable;
use crate::components::object_details::{Details, ObjectDetails};
use crate::components::power_switch::PowerSwitch;
use crate::i18n::{self, Lang};

/// Props of [`Graph`].
#[derive(Properties, PartialEq)]
pub struct GraphProps {
    /// UI language.
    pub lang: Lang,
    /// What to draw.
    pub view: Rc<ClusterView>,
    /// Returns `kubectl describe` of (kind, namespace, name), computed without changing the lab.
    pub ondescribe: Callback<(String, String, String), String>,
    /// The teaching view of (kind, namespace, name) (mounts, binding, keys), computed live.
    #[prop_or_default]
    pub ondetails: Option<Callback<(String, String, String), Details>>,
    /// The mounts of the container the terminal is in, shown below the graph.
    #[prop_or_default]
    pub session: Option<PodMounts>,
    /// Testids to outline ("Show goal").
    #[prop_or_default]
    pub highlight: Vec<String>,
    /// The simulated time.
    #[prop_or_default]
    pub now: i64,
    /// The power button: switch a machine on (`true`) or off.
    #[prop_or_default]
    pub onpower: Callback<(String, bool)>,
}

const W: i32 = 900;
const NODE_GAP: i32 = 12;
const POD_H: i32 = 26;
const BOX_H: i32 = 28;
const ROW_GAP: i32 = 46;

/// The CSS class for a phase: `phase-running`, `phase-bound`, `phase-crashloopbackoff`, ...
fn phase_class(phase: &str) -> String {
    let first = phase.split(',').next().unwrap_or("");
    format!("phase-{}", first.to_ascii_lowercase())
}

/// Lays `items` out in a row at `y`, returning each one's rectangle (x, y, w, h).
fn row(items: &[ObjView], y: i32, out: &mut BTreeMap<String, (i32, i32, i32, i32)>) {
    if items.is_empty() {
        return;
    }
    let n = items.len() as i32;
    let w = ((W - NODE_GAP * (n + 1)) / n).min(220);
    for (i, it) in items.iter().enumerate() {
        let x = NODE_GAP + i as i32 * (w + NODE_GAP);
        out.insert(it.testid.clone(), (x, y, w, BOX_H));
    }
}

fn label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "PersistentVolumeClaim" => i18n::GRAPH_CLAIMS.get(lang),
        "PersistentVolume" => i18n::GRAPH_VOLUMES.get(lang),
        _ => i18n::GRAPH_BACKINGS.get(lang),
    }
}

/// Draws the cluster: the picture ([`GraphSvg`], redrawn only when the view changes), the
/// mounts of the terminal's container and the details of a clicked object (which follow the
/// clock).
#[function_component(Graph)]
pub fn graph(props: &GraphProps) -> Html {
    let selected = use_state(|| None::<(String, String, (String, String, String))>);
    // Memoised on the lab's describe callback and the state's setter, both stable: a typed line
    // that leaves the picture as it was does not redraw the SVG.
    let onactivate = use_callback((props.ondescribe.clone(), selected.setter()), |key: (String, String, String), (ondescribe, set)| {
        let text = ondescribe.emit(key.clone());
        set.set(Some((format!("{} {}", key.0, key.2), text, key)));
    });
    let lang = props.lang;
    let close = {
        let selected = selected.clone();
        Callback::from(move |_| selected.set(None))
    };
    html! {
        <section class="region graph" aria-label={i18n::CLUSTER_GRAPH.get(lang)}>
            <h2>{ i18n::CLUSTER_GRAPH.get(lang) }</h2>
            <GraphSvg lang={lang} view={Rc::clone(&props.view)} highlight={props.highlight.clone()}
                      {onactivate} onpower={props.onpower.clone()} />
            if let Some(m) = props.session.clone() {
                <div class="session-mounts" data-testid="session-mounts">
                    <h3>{ i18n::MOUNTS_SESSION.get(lang) }</h3>
                    <MountTable lang={lang} mounts={m} />
                </div>
            }
            if let Some((what, text, key)) = (*selected).clone() {
                <div class="graph-details" data-testid="graph-details" role="dialog" aria-label={what.clone()}>
                    <div class="graph-details-head">
                        <strong>{ what }</strong>
                        <button onclick={close} aria-label={i18n::CLOSE.get(lang)}>{ "×" }</button>
                    </div>
                    <ObjectDetails lang={lang} now={props.now}
                                   details={props.ondetails.as_ref().map_or(Details::None, |f| f.emit(key))} />
                    <h3>{ i18n::DETAILS_DESCRIBE.get(lang) }</h3>
                    <pre>{ text }</pre>
                </div>
            }
        </section>
    }
}

/// Props of [`GraphSvg`].
#[derive(Properties, PartialEq)]
pub struct GraphSvgProps {
    /// UI language.
    pub lang: Lang,
    /// What to draw.
    pub view: Rc<ClusterView>,
    /// Testids to outline ("Show goal").
    pub highlight: Vec<String>,
    /// An object was clicked (or activated with the keyboard): (kind, namespace, name).
    pub onactivate: Callback<(String, String, String)>,
    /// The power button: switch a machine on (`true`) or off.
    pub onpower: Callback<(String, bool)>,
}

/// The cluster's picture: nodes with their pods, then claims, volumes and backing stores.
#[function_component(GraphSvg)]
pub fn graph_svg(props: &GraphSvgProps) -> Html {
    let v = &props.view;
    let lang = props.lang;
    // Layout: nodes (with their pods) on top, then claims, volumes and backing stores.
    let mut boxes: BTreeMap<String, (i32, i32, i32, i32)> = BTreeMap::new();
    let n = v.nodes.len().max(1) as i32;
    let node_w = (W - NODE_GAP * (n + 1)) / n;
    let tallest = v.nodes.iter().map(|nd| nd.pods.len()).max().unwrap_or(0) as i32;
    let node_h = 34 + tallest.max(1) * (POD_H + 6);
    for (i, nd) in v.nodes.iter().enumerate() {
        let x = NODE_GAP + i as i32 * (node_w + NODE_GAP);
        boxes.insert(nd.node.testid.clone(), (x, 8, node_w, node_h));
        for (j, p) in nd.pods.iter().enumerate() {
            boxes.insert(p.testid.clone(), (x + 8, 8 + 30 + j as i32 * (POD_H + 6), node_w - 16, POD_H));
        }
    }
    let mut y = 8 + node_h + ROW_GAP;
    let rows: Vec<(&str, &Vec<ObjView>)> = [
        ("Pod", &v.pending_pods),
        ("PersistentVolumeClaim", &v.claims),
        ("PersistentVolume", &v.volumes),
        ("Backing", &v.backings),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .collect();
    let mut row_labels = Vec::new();
    for (kind, items) in &rows {
        row_labels.push((*kind, y));
        row(items, y, &mut boxes);
        y += BOX_H + ROW_GAP;
    }
    let height = y;
    let center = |id: &str| boxes.get(id).map(|(x, y, w, h)| (x + w / 2, y + h / 2));
    let edges = v.edges.iter().filter_map(|e| {
        let ((x1, y1), (x2, y2)) = (center(&e.from)?, center(&e.to)?);
        Some(html! {
            <g class="graph-edge">
                <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} />
                if !e.label.is_empty() {
                    <text x={((x1 + x2) / 2 + 4).to_string()} y={((y1 + y2) / 2).to_string()}>{ &e.label }</text>
                }
            </g>
        })
    });
    let obj = |o: &ObjView, class: &str, power: Option<bool>| {
        let Some(&(x, y, w, h)) = boxes.get(&o.testid) else { return html! {} };
        let key = (o.kind.clone(), o.namespace.clone(), o.name.clone());
        let describable = !matches!(o.kind.as_str(), "NFS" | "HostPath" | "EmptyDir");
        let activate = {
            let onactivate = props.onactivate.clone();
            Callback::from(move |()| {
                if describable {
                    onactivate.emit(key.clone());
                }
            })
        };
        let onclick = activate.reform(|_: MouseEvent| ());
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                activate.emit(());
            }
        });
        let title = match power {
            Some(false) => format!("{} {} ({}, {})", o.kind, o.name, i18n::POWERED_OFF.get(lang), o.phase),
            _ => format!("{} {} ({})", o.kind, o.name, o.phase),
        };
        let goal = props.highlight.contains(&o.testid).then_some("goal-target");
        html! { <>
            <g class={classes!("graph-obj", class.to_string(), phase_class(&o.phase), goal)} data-testid={o.testid.clone()}
               data-phase={o.phase.clone()} data-power={power.map(|on| if on { "on" } else { "off" })} tabindex={describable.then_some("0")} role={describable.then_some("button")}
               aria-label={title.clone()} {onclick} {onkeydown}>
                <title>{ title }</title>
                <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height={h.to_string()} rx="6" />
                <text x={(x + 8).to_string()} y={(y + 17).to_string()}>{ &o.name }</text>
            </g>
            // Outside the button (axe joins SVG texts without a space: name+phase would not
            // match its accessible name, which holds both); a node's phase is drawn by its group.
            if power.is_none() {
                <text class="graph-phase" aria-hidden="true" x={(x + w - 6).to_string()} y={(y + 17).to_string()} text-anchor="end">{ &o.phase }</text>
            }
        </> }
    };
    let nodes = v.nodes.iter().map(|nd| {
        let node_class = if nd.powered_on { "graph-node" } else { "graph-node graph-off" };
        // The node's phase is drawn outside its button: axe joins SVG texts without a space, so
        // a name and a phase inside it would not match the button's accessible name.
        let switch = boxes.get(&nd.node.testid).map(|&(x, y, w, _)| {
            let phase = if nd.powered_on { nd.node.phase.clone() } else { format!("{} · {}", i18n::POWERED_OFF.get(lang), nd.node.phase) };
            html! { <>
                <text class="graph-phase" aria-hidden="true" x={(x + w - 36).to_string()} y={(y + 17).to_string()} text-anchor="end">{ phase }</text>
                <PowerSwitch lang={lang} host={nd.node.name.clone()} on={nd.powered_on} at={(x, y, w)} onpower={props.onpower.clone()} />
            </> }
        });
        // One group per node holds its box, its power switch and its pods (tests select pods by node).
        html! {
            <g class="graph-node-group" data-node={nd.node.name.clone()}>
                { obj(&nd.node, node_class, Some(nd.powered_on)) }{ for switch }{ for nd.pods.iter().map(|p| obj(p, "graph-pod", None)) }
            </g>
        }
    });
    let others = rows.iter().flat_map(|(kind, items)| {
        let class = match *kind {
            "Pod" => "graph-pod",
            "PersistentVolumeClaim" => "graph-pvc",
            "PersistentVolume" => "graph-pv",
            _ => "graph-backing",
        };
        items.iter().map(move |o| (o, class))
    });
    let others: Vec<Html> = others.map(|(o, class)| obj(o, class, None)).collect();
    let labels = row_labels.iter().map(|(kind, y)| {
        html! { <text class="graph-row-label" x="12" y={(y - 8).to_string()}>{ label(kind, lang) }</text> }
    });
    html! {
        <svg data-testid="cluster-graph" role="group" aria-label={i18n::CLUSTER_GRAPH.get(lang)}
             viewBox={format!("0 0 {W} {height}")} preserveAspectRatio="xMidYMin meet">
            { for edges }
            { for nodes }
            { for labels }
            { for others }
        </svg>
    }
}
