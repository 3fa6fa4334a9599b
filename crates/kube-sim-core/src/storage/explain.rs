//! "Why is my claim Pending?": the verdict of the matcher on every PV, and what the controller
//! does next (`kube-sim explain-binding PVC`, the UI's binding view).

use serde_json::Value;

use super::access_modes::mask_to_string;
use super::classes::{claim_class, claim_has_class, default_class, find_class, provisioner};
use super::matching::{find_best_match_for_claim, find_matching_volume, ClaimKey, VolumeKey};
use super::selectors::volume_node_affinity_matches;
use super::outcome::Outcome;
use super::sync::check_volume_satisfy_claim;
use super::{has_annotation, ANN_BIND_COMPLETED, ANN_SELECTED_NODE, NOT_SUPPORTED_PROVISIONER};
use crate::object;

/// Why a PV cannot take the claim (machine-readable).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// `spec.claimRef` names another claim.
    BoundToOtherClaim {
        /// Its namespace.
        namespace: String,
        /// Its name.
        name: String,
    },
    /// Capacity below the request.
    TooSmall {
        /// PV capacity as written.
        have: String,
        /// Request as written.
        want: String,
    },
    /// `Filesystem` vs `Block`.
    VolumeMode {
        /// The PV's mode.
        pv: String,
        /// The claim's mode.
        claim: String,
    },
    /// The PV has a deletionTimestamp.
    Deleting,
    /// The PV's node affinity excludes the node (scheduler path only).
    NodeAffinity,
    /// It would match, but the class waits for the first consumer: the scheduler picks.
    DelayBinding,
    /// Phase is not Available.
    NotAvailable {
        /// The phase.
        phase: String,
    },
    /// Labels do not satisfy the claim's selector.
    Selector,
    /// Storage classes differ.
    Class {
        /// The PV's class.
        pv: String,
        /// The claim's class.
        claim: String,
    },
    /// The PV lacks some requested access mode.
    AccessModes {
        /// The PV's modes (`RWO,ROX`).
        pv: String,
        /// The claim's modes.
        claim: String,
    },
    /// The PV sets a VolumeAttributesClass (feature gate off in v1.32).
    AttributesClass,
    /// The claim names another volume in `spec.volumeName`.
    NotRequested {
        /// The volume the claim asks for.
        volume: String,
    },
    /// The claim asks for this volume by name and a check of `checkVolumeSatisfyClaim` fails.
    Unsatisfied {
        /// The controller's reason (`requested PV is too small`, ...).
        reason: String,
    },
}

/// The verdict on one PV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The PV the controller (or the scheduler, with a node) binds.
    Chosen,
    /// It fits, but another PV is preferred.
    Matches,
    /// The first check it fails.
    Mismatch(Mismatch),
}

/// One row of the explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PvVerdict {
    /// PV name.
    pub pv: String,
    /// Capacity as written.
    pub capacity: String,
    /// Access modes, short form.
    pub access_modes: String,
    /// Class (`""` for none).
    pub class: String,
    /// Phase.
    pub phase: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The verdict in English.
    pub message: String,
}

/// The explanation for one claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindingExplanation {
    /// `namespace/name`.
    pub claim: String,
    /// Requested storage as written.
    pub request: String,
    /// Requested access modes, short form.
    pub access_modes: String,
    /// The claim's class (`""` for none).
    pub class: String,
    /// One verdict per PV, in input order.
    pub verdicts: Vec<PvVerdict>,
    /// The PV that would be bound.
    pub chosen: Option<String>,
    /// What happens to the claim, in one sentence (English; `outcome.text()`).
    pub summary: String,
    /// What happens to the claim, machine-readable (the UI translates it).
    pub outcome: Outcome,
}

fn quoted_class(c: &str) -> String {
    if c.is_empty() {
        "\"\" (none)".to_string()
    } else {
        format!("{c:?}")
    }
}

fn mode_name(block: bool) -> String {
    if block { "Block" } else { "Filesystem" }.to_string()
}

/// The first failing check, in the order class, capacity, access modes, selector, phase,
/// claimRef, volumeMode, node affinity, deletion (PVs pre-bound to the claim skip class,
/// selector and phase, as the controller does).
fn first_mismatch(v: &VolumeKey, c: &ClaimKey, node: Option<&Value>, delay: bool) -> Option<Mismatch> {
    let prebound = v.is_bound_to(c);
    if !prebound && v.class != c.class {
        return Some(Mismatch::Class { pv: v.class.to_string(), claim: c.class.to_string() });
    }
    if v.capacity < c.request {
        return Some(Mismatch::TooSmall { have: v.capacity_text.to_string(), want: c.request_text.to_string() });
    }
    if c.unknown_mode || v.modes & c.modes != c.modes {
        return Some(Mismatch::AccessModes { pv: mask_to_string(v.modes), claim: mask_to_string(c.modes) });
    }
    if !prebound {
        match &c.selector {
            Some(Err(_)) => return Some(Mismatch::Selector),
            Some(Ok(s)) if !s.matches(v.labels) => return Some(Mismatch::Selector),
            _ => {}
        }
        if v.phase != "Available" {
            return Some(Mismatch::NotAvailable { phase: v.phase.clone() });
        }
    }
    if let Some(r) = v.claim_ref.as_ref().filter(|_| !prebound) {
        return Some(Mismatch::BoundToOtherClaim { namespace: r.namespace.clone(), name: r.name.clone() });
    }
    if v.block != c.block {
        return Some(Mismatch::VolumeMode { pv: mode_name(v.block), claim: mode_name(c.block) });
    }
    if node.is_some_and(|n| !volume_node_affinity_matches(v.pv, n)) {
        return Some(Mismatch::NodeAffinity);
    }
    if v.deleting {
        return Some(Mismatch::Deleting);
    }
    if v.has_vac {
        return Some(Mismatch::AttributesClass);
    }
    (!prebound && delay && node.is_none()).then_some(Mismatch::DelayBinding)
}

fn describe(m: &Mismatch, claim_class: &str, node: Option<&Value>) -> String {
    match m {
        Mismatch::Class { pv, claim } => {
            format!("class {} does not match the claim's class {}", quoted_class(pv), quoted_class(claim))
        }
        Mismatch::TooSmall { have, want } => format!("capacity {have} is smaller than the {want} requested"),
        Mismatch::AccessModes { pv, claim } => format!("access modes {pv} do not include all of the requested {claim}"),
        Mismatch::Selector => "labels do not match the claim's selector".to_string(),
        Mismatch::NotAvailable { phase } if phase == "Released" => {
            "phase is Released, not Available: it still references its deleted claim (clear spec.claimRef to reuse it)"
                .to_string()
        }
        Mismatch::NotAvailable { phase } => format!("phase is {phase}, not Available"),
        Mismatch::BoundToOtherClaim { namespace, name } => format!("already bound to claim {namespace}/{name}"),
        Mismatch::VolumeMode { pv, claim } => format!("volumeMode {pv} does not match the requested {claim}"),
        Mismatch::NodeAffinity => {
            format!("node affinity does not allow node {:?}", node.map(object::name).unwrap_or(""))
        }
        Mismatch::Deleting => "the volume is being deleted".to_string(),
        Mismatch::AttributesClass => "sets volumeAttributesClassName (feature disabled)".to_string(),
        Mismatch::DelayBinding => format!(
            "would match, but class {claim_class:?} is WaitForFirstConsumer: the scheduler picks a volume when a pod uses the claim"
        ),
        Mismatch::NotRequested { volume } => format!("the claim asks for volume {volume:?} by name"),
        Mismatch::Unsatisfied { reason } => format!("requested by name but cannot bind: {reason}"),
    }
}

/// Explains the binding of `claim`: a verdict per PV and the controller's next step. `node`
/// selects the scheduler's view (node affinity and access modes checked, no delay skip).
pub fn explain_binding(
    claim: &Value,
    volumes: &[&Value],
    node: Option<&Value>,
    delay_binding: bool,
    classes: &[&Value],
) -> BindingExplanation {
    let c = ClaimKey::new(claim);
    let requested = object::get_str(claim, "spec.volumeName").unwrap_or("");
    let requested_pv = volumes.iter().position(|v| object::name(v) == requested && !requested.is_empty());
    let mut requested_problem: Option<Outcome> = None;
    let chosen = if !requested.is_empty() {
        requested_pv.and_then(|i| {
            let pv = volumes.get(i)?;
            let key = VolumeKey::new(pv);
            match &key.claim_ref {
                Some(r) if !r.is_claim(&c) => {
                    requested_problem = Some(Outcome::RequestedBoundElsewhere { volume: requested.to_string() });
                    None
                }
                Some(_) => Some(i),
                None => match check_volume_satisfy_claim(pv, claim) {
                    Ok(()) => Some(i),
                    Err(e) => {
                        requested_problem = Some(Outcome::RequestedUnsatisfied {
                            volume: requested.to_string(),
                            reason: e,
                        });
                        None
                    }
                },
            }
        })
    } else if node.is_some() {
        find_matching_volume(claim, volumes, node, delay_binding)
    } else {
        find_best_match_for_claim(claim, volumes, delay_binding)
    };
    let verdicts = volumes
        .iter()
        .enumerate()
        .map(|(i, pv)| {
            let v = VolumeKey::new(pv);
            let verdict = if chosen == Some(i) {
                Verdict::Chosen
            } else if !requested.is_empty() && v.name != requested {
                Verdict::Mismatch(Mismatch::NotRequested { volume: requested.to_string() })
            } else if !requested.is_empty() {
                match (&v.claim_ref, &requested_problem) {
                    (Some(r), _) if !r.is_claim(&c) => Verdict::Mismatch(Mismatch::BoundToOtherClaim {
                        namespace: r.namespace.clone(),
                        name: r.name.clone(),
                    }),
                    _ => Verdict::Mismatch(Mismatch::Unsatisfied {
                        reason: check_volume_satisfy_claim(pv, claim).err().unwrap_or_default(),
                    }),
                }
            } else {
                first_mismatch(&v, &c, node, delay_binding).map_or(Verdict::Matches, Verdict::Mismatch)
            };
            let message = match &verdict {
                Verdict::Chosen => "chosen: the claim binds to this volume".to_string(),
                Verdict::Matches => {
                    "matches, but another volume is preferred (fewest access modes, then smallest capacity)".to_string()
                }
                Verdict::Mismatch(m) => describe(m, c.class, node),
            };
            PvVerdict {
                pv: v.name.to_string(),
                capacity: v.capacity_text.to_string(),
                access_modes: mask_to_string(v.modes),
                class: v.class.to_string(),
                phase: v.phase.clone(),
                verdict,
                message,
            }
        })
        .collect();
    let chosen_name = chosen.and_then(|i| volumes.get(i)).map(|v| object::name(v).to_string());
    let outcome =
        outcome(claim, chosen_name.as_deref(), requested, requested_problem, delay_binding && node.is_none(), classes);
    BindingExplanation {
        claim: format!("{}/{}", c.namespace, c.name),
        request: c.request_text.to_string(),
        access_modes: mask_to_string(c.modes),
        class: c.class.to_string(),
        verdicts,
        chosen: chosen_name,
        summary: outcome.text(),
        outcome,
    }
}

fn outcome(
    claim: &Value,
    chosen: Option<&str>,
    requested: &str,
    requested_problem: Option<Outcome>,
    delay: bool,
    classes: &[&Value],
) -> Outcome {
    if has_annotation(claim, ANN_BIND_COMPLETED) && object::get_str(claim, "status.phase") == Some("Bound") {
        return Outcome::Bound { volume: requested.to_string() };
    }
    if let Some(pv) = chosen {
        return Outcome::Binds { volume: pv.to_string() };
    }
    if !requested.is_empty() {
        return requested_problem.unwrap_or_else(|| Outcome::RequestedMissing { volume: requested.to_string() });
    }
    if !claim_has_class(claim) {
        if let Some(def) = default_class(classes) {
            return Outcome::DefaultClass { class: object::name(def).to_string() };
        }
    }
    if delay && !has_annotation(claim, ANN_SELECTED_NODE) {
        return Outcome::WaitForFirstConsumer;
    }
    let class = claim_class(claim);
    if class.is_empty() {
        return Outcome::NoVolumeNoClass;
    }
    let Some(sc) = find_class(classes, class) else {
        return Outcome::ClassNotFound { class: class.to_string() };
    };
    let p = provisioner(sc);
    let (class, provisioner) = (class.to_string(), p.to_string());
    if p == NOT_SUPPORTED_PROVISIONER {
        Outcome::NoProvisioner { class, provisioner }
    } else if p.starts_with("kubernetes.io/") {
        Outcome::NoPlugin { class, provisioner }
    } else {
        Outcome::External { provisioner }
    }
}

/// The explanation as a fixed-width table for the CLI.
pub fn render_explanation(e: &BindingExplanation) -> String {
    let class = |c: &str| if c.is_empty() { "\"\"".to_string() } else { c.to_string() };
    let mut out = format!(
        "PersistentVolumeClaim {}: {} {}, class {}\n",
        e.claim,
        if e.request.is_empty() { "0" } else { &e.request },
        if e.access_modes.is_empty() { "(no access modes)" } else { &e.access_modes },
        class(&e.class)
    );
    let mut rows = vec![[
        "PV".to_string(),
        "CAPACITY".into(),
        "ACCESS MODES".into(),
        "CLASS".into(),
        "STATUS".into(),
        "VERDICT".into(),
    ]];
    for v in &e.verdicts {
        rows.push([
            v.pv.clone(),
            v.capacity.clone(),
            v.access_modes.clone(),
            class(&v.class),
            v.phase.clone(),
            v.message.clone(),
        ]);
    }
    let mut widths = [0usize; 5];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    if e.verdicts.is_empty() {
        out.push_str("No PersistentVolumes.\n");
    } else {
        for row in &rows {
            let mut line = String::new();
            for (cell, w) in row.iter().zip(widths.iter()) {
                line.push_str(&format!("{cell:<w$}   "));
            }
            line.push_str(&row[5]);
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.push_str(&e.summary);
    out.push('\n');
    out
}
