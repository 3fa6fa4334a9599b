//! `FindMatchingVolume` and the PV controller's access-mode grouping (`findBestMatchForClaim`),
//! k8s-behaviour.md §1.2. Quantities and keys are computed once per PV in a [`VolumeIndex`], so
//! matching many claims against many PVs re-parses nothing in the inner loop.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::access_modes::{self, mask_of};
use super::classes::{claim_class, volume_class};
use super::qty::nanos;
use super::selectors::{volume_node_affinity_matches, LabelSelector};
use crate::object;

/// What the matcher needs from a claim, read once.
#[derive(Clone, Debug)]
pub struct ClaimKey<'a> {
    /// `metadata.namespace`.
    pub namespace: &'a str,
    /// `metadata.name`.
    pub name: &'a str,
    /// `metadata.uid`.
    pub uid: &'a str,
    /// `spec.resources.requests.storage` in nano-units (0 when absent).
    pub request: i128,
    /// The request as written (`"2Gi"`), for messages.
    pub request_text: &'a str,
    /// `spec.volumeMode == Block` (nil counts as Filesystem).
    pub block: bool,
    /// The claim's class after the beta annotation rule (`""` for nil).
    pub class: &'a str,
    /// `spec.selector`, parsed; `Some(Err)` when it does not parse.
    pub selector: Option<Result<LabelSelector, String>>,
    /// `spec.accessModes` as a bit set.
    pub modes: u8,
    /// The claim lists a mode name no PV can have.
    pub unknown_mode: bool,
}

impl<'a> ClaimKey<'a> {
    /// Reads the fields of `claim`.
    pub fn new(claim: &'a Value) -> ClaimKey<'a> {
        let request_text = object::get_str(claim, "spec.resources.requests.storage").unwrap_or("");
        let (modes, unknown_mode) = mask_of(object::get(claim, "spec.accessModes"));
        ClaimKey {
            namespace: object::namespace(claim),
            name: object::name(claim),
            uid: object::uid(claim),
            request: nanos(request_text).unwrap_or(0),
            request_text,
            block: object::get_str(claim, "spec.volumeMode") == Some("Block"),
            class: claim_class(claim),
            selector: object::get(claim, "spec.selector").filter(|s| !s.is_null()).map(LabelSelector::parse),
            modes,
            unknown_mode,
        }
    }
}

/// A PV's `spec.claimRef`, as far as binding cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimRefKey {
    /// `claimRef.namespace`.
    pub namespace: String,
    /// `claimRef.name`.
    pub name: String,
    /// `claimRef.uid` (`""` when pre-bound by name only).
    pub uid: String,
}

impl ClaimRefKey {
    /// `IsVolumeBoundToClaim`: same name and namespace, and the same UID if the ref has one.
    pub fn is_claim(&self, claim: &ClaimKey) -> bool {
        self.name == claim.name && self.namespace == claim.namespace && (self.uid.is_empty() || self.uid == claim.uid)
    }
}

/// What the matcher needs from a PV, read once.
#[derive(Clone, Debug)]
pub struct VolumeKey<'a> {
    /// The PV object.
    pub pv: &'a Value,
    /// `metadata.name`.
    pub name: &'a str,
    /// `spec.capacity.storage` in nano-units (0 when absent).
    pub capacity: i128,
    /// `spec.capacity.storage` as written.
    pub capacity_text: &'a str,
    /// `spec.volumeMode == Block`.
    pub block: bool,
    /// The PV's class after the beta annotation rule.
    pub class: &'a str,
    /// `status.phase`.
    pub phase: String,
    /// `metadata.deletionTimestamp` is set.
    pub deleting: bool,
    /// `spec.volumeAttributesClassName` is set (the gate is off in v1.32: such PVs never bind).
    pub has_vac: bool,
    /// `spec.claimRef`.
    pub claim_ref: Option<ClaimRefKey>,
    /// `spec.accessModes` as a bit set.
    pub modes: u8,
    /// `metadata.labels`.
    pub labels: Option<&'a Map<String, Value>>,
}

/// The claimRef of a PV, if set.
pub fn claim_ref_of(pv: &Value) -> Option<ClaimRefKey> {
    let r = object::get(pv, "spec.claimRef").filter(|r| r.is_object())?;
    let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    Some(ClaimRefKey { namespace: s("namespace"), name: s("name"), uid: s("uid") })
}

impl<'a> VolumeKey<'a> {
    /// Reads the fields of `pv`.
    pub fn new(pv: &'a Value) -> VolumeKey<'a> {
        let capacity_text = object::get_str(pv, "spec.capacity.storage").unwrap_or("");
        VolumeKey {
            pv,
            name: object::name(pv),
            capacity: nanos(capacity_text).unwrap_or(0),
            capacity_text,
            block: object::get_str(pv, "spec.volumeMode") == Some("Block"),
            class: volume_class(pv),
            phase: object::get_str(pv, "status.phase").unwrap_or("").to_string(),
            deleting: object::get(pv, "metadata.deletionTimestamp").is_some_and(|t| !t.is_null()),
            has_vac: object::get_str(pv, "spec.volumeAttributesClassName").is_some_and(|s| !s.is_empty()),
            claim_ref: claim_ref_of(pv),
            modes: mask_of(object::get(pv, "spec.accessModes")).0,
            labels: object::get(pv, "metadata.labels").and_then(Value::as_object),
        }
    }

    /// Whether the PV is bound or pre-bound to `claim`.
    pub fn is_bound_to(&self, claim: &ClaimKey) -> bool {
        self.claim_ref.as_ref().is_some_and(|r| r.is_claim(claim))
    }
}

/// The PVs of one matching pass, with their keys and their access-mode groups.
///
/// Besides the keys, it keeps two indexes so that a claim is matched in O(log n) rather than
/// by a walk over every PV: per access-mode group, the free PVs (no claimRef, `Available`,
/// not being deleted) sorted by (class, block, capacity, position), whose first entry at or
/// above the claim's request is `FindMatchingVolume`'s smallest fit; and the PVs that carry a
/// claimRef, by the claim they name. Both follow every change made through
/// [`VolumeIndex::note_decision`] and [`VolumeIndex::assume_bound`].
#[derive(Clone, Debug)]
pub struct VolumeIndex<'a> {
    keys: Vec<VolumeKey<'a>>,
    /// (mode set, members in input order), in order of first appearance.
    groups: Vec<(u8, Vec<usize>)>,
    by_name: BTreeMap<&'a str, usize>,
    /// The group (position in `groups`) of each PV.
    group_of: Vec<usize>,
    /// Per group: the free PVs by (class, block, capacity, position).
    free: Vec<BTreeSet<FreeKey<'a>>>,
    /// PVs with a claimRef, by (claimRef namespace, claimRef name).
    by_claim: BTreeMap<(String, String), BTreeSet<usize>>,
}

/// (class, block, capacity, position) of a free PV.
type FreeKey<'a> = (&'a str, bool, i128, usize);

/// The first free PV of `set` with `class` and `block` and at least `request`, in
/// (capacity, position) order, that `accept` takes.
fn first_free<'s>(
    set: &BTreeSet<FreeKey<'s>>,
    class: &'s str,
    block: bool,
    request: i128,
    mut accept: impl FnMut(usize) -> bool,
) -> Option<usize> {
    set.range((class, block, request, 0)..=(class, block, i128::MAX, usize::MAX)).map(|k| k.3).find(|&i| accept(i))
}

impl<'a> VolumeIndex<'a> {
    /// Indexes `volumes` (read once).
    pub fn new(volumes: &[&'a Value]) -> VolumeIndex<'a> {
        let keys: Vec<VolumeKey<'a>> = volumes.iter().map(|v| VolumeKey::new(v)).collect();
        let mut groups: Vec<(u8, Vec<usize>)> = Vec::new();
        let mut group_of = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            match groups.iter().position(|(m, _)| *m == k.modes) {
                Some(g) => {
                    groups[g].1.push(i);
                    group_of.push(g);
                }
                None => {
                    group_of.push(groups.len());
                    groups.push((k.modes, vec![i]));
                }
            }
        }
        let by_name = keys.iter().enumerate().map(|(i, k)| (k.name, i)).collect();
        let free = vec![BTreeSet::new(); groups.len()];
        let mut index = VolumeIndex { keys, groups, by_name, group_of, free, by_claim: BTreeMap::new() };
        for i in 0..index.keys.len() {
            index.link(i);
        }
        index
    }

    /// Adds PV `i` to the free set or the claimRef index, as its key says.
    fn link(&mut self, i: usize) {
        let (Some(k), Some(&g)) = (self.keys.get(i), self.group_of.get(i)) else { return };
        match &k.claim_ref {
            Some(r) => {
                self.by_claim.entry((r.namespace.clone(), r.name.clone())).or_default().insert(i);
            }
            None if k.phase == "Available" && !k.has_vac && !k.deleting => {
                if let Some(set) = self.free.get_mut(g) {
                    set.insert((k.class, k.block, k.capacity, i));
                }
            }
            None => {}
        }
    }

    /// Removes PV `i` from the free set and the claimRef index.
    fn unlink(&mut self, i: usize) {
        let (Some(k), Some(&g)) = (self.keys.get(i), self.group_of.get(i)) else { return };
        if let Some(set) = self.free.get_mut(g) {
            set.remove(&(k.class, k.block, k.capacity, i));
        }
        if let Some(r) = &k.claim_ref {
            let key = (r.namespace.clone(), r.name.clone());
            if let Some(set) = self.by_claim.get_mut(&key) {
                set.remove(&i);
                if set.is_empty() {
                    self.by_claim.remove(&key);
                }
            }
        }
    }

    /// Changes the key of PV `i` with `f`, keeping the indexes in step.
    fn update(&mut self, i: usize, f: impl FnOnce(&mut VolumeKey<'a>)) {
        if i >= self.keys.len() {
            return;
        }
        self.unlink(i);
        if let Some(k) = self.keys.get_mut(i) {
            f(k);
        }
        self.link(i);
    }

    /// The key of PV `i` (its position in the input slice).
    pub fn key(&self, i: usize) -> Option<&VolumeKey<'a>> {
        self.keys.get(i)
    }

    /// Number of PVs.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no PVs.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// `allPossibleMatchingAccessModes`: the indexed mode sets that contain all of the claim's
    /// modes, fewest modes first (ties: order of first appearance; upstream leaves it open).
    pub fn matching_groups(&self, claim: &ClaimKey) -> Vec<&[usize]> {
        self.matching_group_ids(claim).into_iter().filter_map(|g| self.groups.get(g)).map(|(_, m)| m.as_slice()).collect()
    }

    /// The positions in `groups` of [`VolumeIndex::matching_groups`].
    fn matching_group_ids(&self, claim: &ClaimKey) -> Vec<usize> {
        if claim.unknown_mode {
            return Vec::new();
        }
        let mut out: Vec<usize> = (0..self.groups.len()).filter(|&g| self.groups[g].0 & claim.modes == claim.modes).collect();
        crate::sort::sort_by_key(&mut out, |&g| access_modes::count(self.groups[g].0));
        out
    }

    /// `findBestMatchForClaim`: each access-mode group in turn; the first group that yields a
    /// volume wins. Returns the position of the PV in the input slice. Same answer as
    /// `find_in` over each group's members (a PV bound to the claim first, then the smallest
    /// free fit, the first one on ties), from the indexes.
    pub fn find_best_match(&self, claim: &ClaimKey, delay_binding: bool) -> Option<usize> {
        let selector = match &claim.selector {
            None => None,
            Some(Ok(s)) => Some(s),
            Some(Err(_)) => return None,
        };
        let bound = self.by_claim.get(&(claim.namespace.to_string(), claim.name.to_string()));
        for g in self.matching_group_ids(claim) {
            let mine = bound.into_iter().flatten().copied().find(|&i| {
                self.group_of.get(i) == Some(&g)
                    && self.keys.get(i).is_some_and(|v| {
                        v.is_bound_to(claim) && v.capacity >= claim.request && v.block == claim.block && !v.has_vac && !v.deleting
                    })
            });
            if mine.is_some() {
                return mine;
            }
            if delay_binding {
                continue;
            }
            let Some(set) = self.free.get(g) else { continue };
            let found = first_free(set, claim.class, claim.block, claim.request, |i| {
                selector.map_or(true, |s| self.keys.get(i).is_some_and(|v| s.matches(v.labels)))
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The position of the PV named `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// Brings the keys up to date with the PV writes of an applied decision (claimRef, phase,
    /// deletion), so the next claims of the same pass see them.
    pub fn note_decision(&mut self, d: &super::decision::Decision) {
        use super::decision::Action;
        for action in &d.actions {
            match action {
                Action::UpdateVolume(v) | Action::UpdateVolumeStatus(v) => {
                    if let Some(i) = self.position(object::name(v)) {
                        self.update(i, |k| {
                            k.claim_ref = claim_ref_of(v);
                            k.phase = object::get_str(v, "status.phase").unwrap_or("").to_string();
                        });
                    }
                }
                Action::DeleteVolume { name } => {
                    if let Some(i) = self.position(name) {
                        self.update(i, |k| k.deleting = true);
                    }
                }
                _ => {}
            }
        }
    }

    /// Records that PV `i` is now bound to `claim` (claimRef with UID, phase Bound), so later
    /// claims of the same pass do not take it.
    pub fn assume_bound(&mut self, i: usize, claim: &ClaimKey) {
        self.update(i, |k| {
            k.claim_ref = Some(ClaimRefKey {
                namespace: claim.namespace.to_string(),
                name: claim.name.to_string(),
                uid: claim.uid.to_string(),
            });
            k.phase = "Bound".to_string();
        });
    }
}

/// `FindMatchingVolume` over `candidates` (positions into `keys`), §1.2 Step B.
pub(crate) fn find_in(
    keys: &[VolumeKey],
    candidates: impl Iterator<Item = usize>,
    claim: &ClaimKey,
    node: Option<&Value>,
    delay_binding: bool,
) -> Option<usize> {
    let selector = match &claim.selector {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(_)) => return None,
    };
    let mut smallest: Option<(usize, i128)> = None;
    for i in candidates {
        let Some(v) = keys.get(i) else { continue };
        let bound_to_claim = v.is_bound_to(claim);
        if v.claim_ref.is_some() && !bound_to_claim {
            continue;
        }
        if v.capacity < claim.request || v.block != claim.block || v.has_vac || v.deleting {
            continue;
        }
        let affinity_ok = node.map_or(true, |n| volume_node_affinity_matches(v.pv, n));
        if bound_to_claim {
            return affinity_ok.then_some(i);
        }
        if node.is_none() && delay_binding {
            continue;
        }
        if v.phase != "Available"
            || selector.is_some_and(|s| !s.matches(v.labels))
            || v.class != claim.class
            || !affinity_ok
            || (node.is_some() && v.modes & claim.modes != claim.modes)
            || (node.is_some() && claim.unknown_mode)
        {
            continue;
        }
        if smallest.map_or(true, |(_, cap)| cap > v.capacity) {
            smallest = Some((i, v.capacity));
        }
    }
    smallest.map(|(i, _)| i)
}

/// `FindMatchingVolume(claim, volumes, node, nil, delayBinding)`: the position in `volumes` of
/// the PV the claim matches, checking node affinity and access modes only when `node` is given
/// (the scheduler path).
pub fn find_matching_volume(
    claim: &Value,
    volumes: &[&Value],
    node: Option<&Value>,
    delay_binding: bool,
) -> Option<usize> {
    let claim = ClaimKey::new(claim);
    let keys: Vec<VolumeKey> = volumes.iter().map(|v| VolumeKey::new(v)).collect();
    find_in(&keys, 0..keys.len(), &claim, node, delay_binding)
}

/// `findBestMatchForClaim(claim, delayBinding)`: the PV controller's choice, with access-mode
/// grouping. For many claims, build a [`VolumeIndex`] once and call
/// [`VolumeIndex::find_best_match`].
pub fn find_best_match_for_claim(claim: &Value, volumes: &[&Value], delay_binding: bool) -> Option<usize> {
    VolumeIndex::new(volumes).find_best_match(&ClaimKey::new(claim), delay_binding)
}
