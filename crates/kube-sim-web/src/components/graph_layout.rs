//! Where the cluster graph puts each object, for the width the graph has on screen: the SVG is
//! laid out in CSS pixels (drawn at scale 1, so its 12 px text stays 12 px), and a row that
//! would make its boxes too narrow for their labels wraps. Pure: tested natively.

use std::collections::BTreeMap;

use kube_sim_core::view::{ClusterView, ObjView};

/// A box: x, y, width, height.
pub type Rect = (i32, i32, i32, i32);

/// The width laid out before the graph's width is known (and in tests without layout).
pub const DEFAULT_WIDTH: i32 = 900;
/// The narrowest and widest layouts (a measured width is clamped to these).
pub const MIN_WIDTH: i32 = 240;
pub const MAX_WIDTH: i32 = 2400;
const GAP: i32 = 12;
/// A pod's box: its name, and its phase on a second line.
pub const POD_H: i32 = 36;
const BOX_H: i32 = 28;
const ROW_GAP: i32 = 46;
/// A node's header (name and power switch, then its phase), above its pods.
pub const NODE_HEAD: i32 = 40;
/// Below these widths a box's labels would not fit: the row wraps.
const NODE_MIN_W: i32 = 170;
const BOX_MIN_W: i32 = 150;
const BOX_MAX_W: i32 = 220;

/// The graph's geometry.
#[derive(Debug, Default, PartialEq)]
pub struct Layout {
    /// Every drawn object's box, by testid.
    pub boxes: BTreeMap<String, Rect>,
    /// The rows below the nodes: their kind ("Pod" for pending pods, "PersistentVolumeClaim",
    /// "PersistentVolume", "Backing") and the y of their first line.
    pub rows: Vec<(&'static str, i32)>,
    /// The picture's size.
    pub width: i32,
    pub height: i32,
}

/// How many boxes of at least `min` fit side by side in `width`, and their width (at most `max`).
fn columns(n: usize, width: i32, min: i32, max: i32) -> (usize, i32) {
    let fit = ((width - GAP) / (min + GAP)).max(1) as usize;
    let k = n.clamp(1, fit);
    let w = ((width - GAP * (k as i32 + 1)) / k as i32).clamp(1, max);
    (k, w)
}

/// Lays `items` out from `y`, boxes `h` high, wrapping; returns the y below them.
fn row(items: &[ObjView], y: i32, h: i32, width: i32, boxes: &mut BTreeMap<String, Rect>) -> i32 {
    let (k, w) = columns(items.len(), width, BOX_MIN_W, BOX_MAX_W);
    let mut bottom = y;
    for (i, it) in items.iter().enumerate() {
        let (line, col) = ((i / k) as i32, (i % k) as i32);
        let top = y + line * (h + GAP);
        boxes.insert(it.testid.clone(), (GAP + col * (w + GAP), top, w, h));
        bottom = top + h;
    }
    bottom
}

/// The rows drawn below the nodes, in order: pods not on a node yet, claims, volumes, backing
/// stores (empty ones included).
pub fn rows(v: &ClusterView) -> [(&'static str, &[ObjView]); 4] {
    [
        ("Pod", &v.pending_pods),
        ("PersistentVolumeClaim", &v.claims),
        ("PersistentVolume", &v.volumes),
        ("Backing", &v.backings),
    ]
}

/// Lays the cluster out `width` CSS pixels wide (clamped to [`MIN_WIDTH`]..[`MAX_WIDTH`]):
/// nodes with their pods on top, then pending pods, claims, volumes and backing stores.
pub fn layout(v: &ClusterView, width: i32) -> Layout {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let mut boxes = BTreeMap::new();
    let (k, node_w) = columns(v.nodes.len(), width, NODE_MIN_W, i32::MAX);
    let mut y = 8;
    for line in v.nodes.chunks(k) {
        let tallest = line.iter().map(|nd| nd.pods.len()).max().unwrap_or(0) as i32;
        let node_h = NODE_HEAD + 2 + tallest.max(1) * (POD_H + 6);
        for (i, nd) in line.iter().enumerate() {
            let x = GAP + i as i32 * (node_w + GAP);
            boxes.insert(nd.node.testid.clone(), (x, y, node_w, node_h));
            for (j, p) in nd.pods.iter().enumerate() {
                boxes.insert(p.testid.clone(), (x + 8, y + NODE_HEAD + j as i32 * (POD_H + 6), node_w - 16, POD_H));
            }
        }
        y += node_h + GAP;
    }
    y += ROW_GAP - GAP;
    let mut labels = Vec::new();
    for (kind, items) in rows(v) {
        if items.is_empty() {
            continue;
        }
        labels.push((kind, y));
        // Pods and backing stores (a path or an address) have their phase on a second line.
        let h = if matches!(kind, "Pod" | "Backing") { POD_H } else { BOX_H };
        y = row(items, y, h, width, &mut boxes) + ROW_GAP;
    }
    Layout { boxes, rows: labels, width, height: y }
}

/// The width of `s` drawn in the graph's 12 px sans-serif, estimated generously (ASCII ≈ 7 px,
/// anything wider, such as CJK, 12 px), so that a text said to fit does.
pub fn text_width(s: &str) -> i32 {
    s.chars().map(|c| if c.is_ascii() { 7 } else { 12 }).sum()
}

/// How a one-line box of width `w` shares its room between a name (left) and a phase (right):
/// the phase gets what it needs up to half, the name the rest. Returns the two texts as drawn.
pub fn share(name: &str, phase: &str, w: i32) -> (String, String) {
    let room = w - 16 - 8;
    let phase_room = text_width(phase).min(room / 2);
    (fit(name, room - phase_room), fit(phase, phase_room))
}

/// `s` as it fits in `room` pixels: whole, or cut at a character boundary with "…" at the end
/// (the full text stays in the object's title and accessible name).
pub fn fit(s: &str, room: i32) -> String {
    if text_width(s) <= room {
        return s.to_string();
    }
    let mut used = text_width("…");
    let mut out = String::new();
    for c in s.chars() {
        used += text_width(c.encode_utf8(&mut [0; 4]));
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kube_sim_core::view::NodeView;

    fn obj(kind: &str, name: &str) -> ObjView {
        let (namespace, phase) = (String::new(), "Ready".to_string());
        ObjView { kind: kind.into(), namespace, name: name.into(), phase, testid: format!("{kind}-{name}") }
    }

    fn cluster(nodes: usize, pods: usize, claims: usize) -> ClusterView {
        let mut v = ClusterView::default();
        for i in 0..nodes {
            let pods = (0..pods).map(|j| obj("Pod", &format!("p{i}-{j}"))).collect();
            v.nodes.push(NodeView { node: obj("Node", &format!("n{i}")), powered_on: true, pods });
        }
        v.claims = (0..claims).map(|i| obj("PersistentVolumeClaim", &format!("c{i}"))).collect();
        v.volumes = (0..claims).map(|i| obj("PersistentVolume", &format!("v{i}"))).collect();
        v
    }

    fn overlap(a: Rect, b: Rect) -> bool {
        a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
    }

    fn inside(inner: Rect, outer: Rect) -> bool {
        inner.0 >= outer.0 && inner.1 >= outer.1 && inner.0 + inner.2 <= outer.0 + outer.2 && inner.1 + inner.3 <= outer.1 + outer.3
    }

    /// Every box is inside the picture, and boxes overlap only where a pod sits in its node.
    fn check(l: &Layout) {
        for (id, &(x, y, w, h)) in &l.boxes {
            assert!(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= l.width && y + h <= l.height, "{id} {:?} in {}×{}", (x, y, w, h), l.width, l.height);
        }
        let all: Vec<_> = l.boxes.iter().collect();
        for (i, (a, ra)) in all.iter().enumerate() {
            for (b, rb) in &all[i + 1..] {
                let pod_of = |pod: &str, node: &str| pod.strip_prefix("Pod-p").and_then(|p| p.split('-').next()) == node.strip_prefix("Node-n");
                let nested = (pod_of(a, b) && inside(**ra, **rb)) || (pod_of(b, a) && inside(**rb, **ra));
                assert!(nested || !overlap(**ra, **rb), "{a} {ra:?} overlaps {b} {rb:?}");
            }
        }
    }

    #[test]
    fn a_narrow_graph_wraps_rows_instead_of_shrinking_boxes() {
        let v = cluster(3, 2, 7);
        let narrow = layout(&v, 400);
        check(&narrow);
        assert!(narrow.boxes.values().all(|r| r.2 >= BOX_MIN_W - 16), "{:?}", narrow.boxes);
        // Two nodes side by side, the third below them.
        assert_eq!(narrow.boxes["Node-n0"].1, narrow.boxes["Node-n1"].1);
        assert!(narrow.boxes["Node-n2"].1 > narrow.boxes["Node-n0"].1);
        let wide = layout(&v, 1200);
        check(&wide);
        assert_eq!(wide.boxes["Node-n0"].1, wide.boxes["Node-n2"].1, "three nodes in one row");
        assert!(wide.height < narrow.height);
        assert_eq!(wide.width, 1200);
    }

    #[test]
    fn widths_are_clamped_and_any_size_of_cluster_lays_out() {
        for width in [-5, 0, 100, 240, 333, 901, 5000] {
            for (n, p, c) in [(0, 0, 0), (1, 0, 0), (4, 9, 30), (12, 1, 1)] {
                let l = layout(&cluster(n, p, c), width);
                assert_eq!(l.width, width.clamp(MIN_WIDTH, MAX_WIDTH));
                check(&l);
            }
        }
    }

    #[test]
    fn fit_keeps_what_fits_and_cuts_the_rest_at_a_character() {
        assert_eq!(fit("web-1", 200), "web-1");
        assert_eq!(fit("mysql-6d4b75cb6d-xk2p9", 70), "mysql-6d…");
        assert!(text_width(&fit("mysql-6d4b75cb6d-xk2p9", 70)) <= 70);
        assert_eq!(fit("数据卷声明", 40), "数据…");
        assert_eq!(fit("abc", 0), "…");
        assert_eq!(fit("", 0), "");
        assert_eq!(share("data-claim-1", "Bound", 200), ("data-claim-1".to_string(), "Bound".to_string()));
        let (name, phase) = share("a-very-long-claim-name", "ContainerCreating", 150);
        assert!(text_width(&name) + text_width(&phase) <= 150 - 24, "{name} {phase}");
        assert!(name.ends_with('…') && phase.ends_with('…'));
    }
}
