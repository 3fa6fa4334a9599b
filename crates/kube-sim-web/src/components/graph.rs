//! The cluster graph: nodes with their pods, claims, volumes and what backs them, drawn from
//! the core's `ClusterView`. Clicking an object shows `kubectl describe` for it.

use std::rc::Rc;

use kube_sim_core::mount_view::PodMounts;
use kube_sim_core::view::{ClusterView, ObjView};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::graph_layout::{self, fit, share, Layout};
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

/// The CSS class for a phase: `phase-running`, `phase-bound`, `phase-crashloopbackoff`, ...
fn phase_class(phase: &str) -> String {
    let first = phase.split(',').next().unwrap_or("");
    format!("phase-{}", first.to_ascii_lowercase())
}

/// What a node's box says under its name: its phase, after "powered off" when it is.
fn node_phase(phase: &str, on: bool, lang: Lang) -> String {
    if on {
        phase.to_string()
    } else {
        format!("{} · {phase}", i18n::POWERED_OFF.get(lang))
    }
}

/// The content width of the element behind the returned ref, in CSS pixels, followed as it
/// changes (a `ResizeObserver`); [`graph_layout::DEFAULT_WIDTH`] until it is first measured.
#[hook]
fn use_graph_width() -> (NodeRef, i32) {
    let node = use_node_ref();
    let width = use_state_eq(|| graph_layout::DEFAULT_WIDTH);
    {
        let (node, width) = (node.clone(), width.setter());
        use_effect_with((), move |_| {
            let observer = node.cast::<web_sys::Element>().and_then(|el| {
                let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() else { return };
                    let w = entry.content_rect().width().round() as i32;
                    if w > 0 {
                        width.set(w);
                    }
                });
                let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&el);
                Some((observer, on_resize))
            });
            move || {
                if let Some((observer, _keep_alive)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    (node, *width)
}

fn label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "PersistentVolumeClaim" => i18n::GRAPH_CLAIMS.get(lang),
        "PersistentVolume" => i18n::GRAPH_VOLUMES.get(lang),
        "Pod" => i18n::GRAPH_UNSCHEDULED.get(lang),
        _ => i18n::GRAPH_BACKINGS.get(lang),
    }
}

/// Draws the cluster: the picture ([`GraphSvg`], redrawn only when the view changes), the
/// mounts of the terminal's container and the details of a clicked object (which follow the
/// clock).
#[function_component(Graph)]
pub fn graph(props: &GraphProps) -> Html {
    let selected = use_state(|| None::<(String, String, (String, String, String))>);
    let width = use_graph_width();
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
        <section class="region graph" aria-label={i18n::CLUSTER_GRAPH.get(lang)} ref={width.0.clone()}>
            <h2>{ i18n::CLUSTER_GRAPH.get(lang) }</h2>
            <GraphSvg lang={lang} view={Rc::clone(&props.view)} highlight={props.highlight.clone()} width={width.1}
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
    /// The width to lay the picture out in, CSS pixels (the graph's region's content width).
    #[prop_or(graph_layout::DEFAULT_WIDTH)]
    pub width: i32,
}

/// The cluster's picture: nodes with their pods, then claims, volumes and backing stores.
#[function_component(GraphSvg)]
pub fn graph_svg(props: &GraphSvgProps) -> Html {
    let v = &props.view;
    let lang = props.lang;
    // Laid out at the width it is shown at (scale 1): see `graph_layout`.
    let Layout { boxes, rows: row_labels, width, height } = graph_layout::layout(v, props.width);
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
        // Nodes, pods and backing stores: the name, then the phase on a second line (drawn outside
        // the button, see below); claims and volumes: both on one line, the name first.
        let two_lines = power.is_some() || class == "graph-pod" || class == "graph-backing";
        let (name, phase) = match power {
            Some(_) => (fit(&o.name, w - 16 - 32), String::new()),
            None if two_lines => (fit(&o.name, w - 16), fit(&o.phase, w - 16)),
            None => share(&o.name, &o.phase, w),
        };
        html! { <>
            <g class={classes!("graph-obj", class.to_string(), phase_class(&o.phase), goal)} data-testid={o.testid.clone()}
               data-phase={o.phase.clone()} data-power={power.map(|on| if on { "on" } else { "off" })} tabindex={describable.then_some("0")} role={describable.then_some("button")}
               aria-label={title.clone()} {onclick} {onkeydown}>
                <title>{ title }</title>
                <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height={h.to_string()} rx="6" />
                <text x={(x + 8).to_string()} y={(y + if two_lines { 15 } else { 18 }).to_string()}>{ name }</text>
            </g>
            // Outside the button (axe joins SVG texts without a space: name+phase would not
            // match its accessible name, which holds both); a node's phase is drawn by its group.
            if power.is_none() && two_lines {
                <text class="graph-phase graph-phase-below" aria-hidden="true" x={(x + 8).to_string()} y={(y + 30).to_string()}>{ phase }</text>
            } else if power.is_none() {
                <text class="graph-phase" aria-hidden="true" x={(x + w - 8).to_string()} y={(y + 18).to_string()} text-anchor="end">{ phase }</text>
            }
        </> }
    };
    let nodes = v.nodes.iter().map(|nd| {
        let node_class = if nd.powered_on { "graph-node" } else { "graph-node graph-off" };
        // The node's phase is drawn outside its button: axe joins SVG texts without a space, so
        // a name and a phase inside it would not match the button's accessible name.
        let switch = boxes.get(&nd.node.testid).map(|&(x, y, w, _)| {
            let phase = node_phase(&nd.node.phase, nd.powered_on, lang);
            html! { <>
                <text class="graph-phase graph-phase-below" aria-hidden="true" x={(x + 8).to_string()} y={(y + 32).to_string()}>{ fit(&phase, w - 16) }</text>
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
    let others = graph_layout::rows(v).into_iter().flat_map(|(kind, items)| {
        let class = match kind {
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
             viewBox={format!("0 0 {width} {height}")} preserveAspectRatio="xMidYMin meet">
            { for edges }
            { for nodes }
            { for labels }
            { for others }
        </svg>
    }
}
