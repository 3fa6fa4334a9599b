//! `syncClaim`: what the PV controller does with a claim (k8s-behaviour.md §1.3, §3.2, §3.3).

use serde_json::{json, Value};

use super::bind::{bind, claim_status_with_event, push_claim_status};
use super::classes::{claim_class, claim_has_class, default_class, find_class, is_delay_binding_mode, provisioner};
use super::decision::{Action, ClaimDecision, Decision, EventType, ObjectRef, ProvisionRequest};
use super::matching::{claim_ref_of, ClaimKey, VolumeIndex, VolumeKey};
use super::qty::bytes;
use super::{annotation, has_annotation, set_annotation};
use super::{
    ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE,
    ANN_STORAGE_PROVISIONER,
};
use crate::object;

/// Message of the FailedBinding event for a claim without class and without a matching PV.
pub const MSG_NO_PV_NO_CLASS: &str = "no persistent volumes available for this claim and no storage class is set";
/// Message of the WaitForFirstConsumer event.
pub const MSG_WAIT_FIRST_CONSUMER: &str = "waiting for first consumer to be created before binding";

/// In-tree provisioners migrated to CSI drivers: claims get the driver name.
const MIGRATED: [(&str, &str); 7] = [
    ("kubernetes.io/aws-ebs", "ebs.csi.aws.com"),
    ("kubernetes.io/gce-pd", "pd.csi.storage.gke.io"),
    ("kubernetes.io/azure-disk", "disk.csi.azure.com"),
    ("kubernetes.io/azure-file", "file.csi.azure.com"),
    ("kubernetes.io/cinder", "cinder.csi.openstack.org"),
    ("kubernetes.io/vsphere-volume", "csi.vsphere.vmware.com"),
    ("kubernetes.io/portworx-volume", "pxd.portworx.com"),
];

/// The in-tree plugin that implements provisioning but is disabled in a default
/// kube-controller-manager (`--enable-hostpath-provisioner=false`).
const HOST_PATH_PLUGIN: &str = "kubernetes.io/host-path";

/// `syncClaim(claim)`: the decision for one claim. `volumes` are all PVs, `classes` all
/// StorageClasses, `pods` any pods (those of the claim's namespace using it are picked out).
pub fn sync_claim(claim: &Value, volumes: &[&Value], classes: &[&Value], pods: &[&Value]) -> ClaimDecision {
    sync_claim_indexed(claim, &VolumeIndex::new(volumes), volumes, classes, pods)
}

/// [`sync_claim`] with a [`VolumeIndex`] built once over `volumes` (same slice, same order)
/// and shared by all the claims of a pass. After applying a decision, call
/// [`VolumeIndex::note_decision`] so the next claims do not take the same PV.
pub fn sync_claim_indexed(
    claim: &Value,
    index: &VolumeIndex,
    volumes: &[&Value],
    classes: &[&Value],
    pods: &[&Value],
) -> ClaimDecision {
    if has_annotation(claim, ANN_BIND_COMPLETED) {
        sync_bound_claim(claim, index, volumes)
    } else {
        sync_unbound_claim(claim, index, volumes, classes, pods)
    }
}

fn volume_named<'a>(volumes: &[&'a Value], name: &str) -> Option<&'a Value> {
    volumes.iter().copied().find(|v| object::name(v) == name)
}

/// The PV named `name`, through the index's name map (checked against the slice, with the
/// walk as a fallback should the two ever differ).
fn indexed_volume<'a>(index: &VolumeIndex, volumes: &[&'a Value], name: &str) -> Option<&'a Value> {
    match index.position(name).and_then(|i| volumes.get(i).copied()) {
        Some(v) if object::name(v) == name => Some(v),
        None if index.len() == volumes.len() => None,
        _ => volume_named(volumes, name),
    }
}

fn sync_unbound_claim(
    claim: &Value,
    index: &VolumeIndex,
    volumes: &[&Value],
    classes: &[&Value],
    pods: &[&Value],
) -> Decision {
    let volume_name = object::get_str(claim, "spec.volumeName").unwrap_or("");
    if volume_name.is_empty() {
        let delay = match is_delay_binding_mode(claim, classes) {
            Ok(d) => d,
            Err(e) => return Decision::default().fail(e),
        };
        if let Some(i) = index.find_best_match(&ClaimKey::new(claim), delay) {
            return volumes.get(i).map_or_else(Decision::default, |pv| bind(pv, claim));
        }
        if !claim_has_class(claim) {
            if let Some(class) = default_class(classes) {
                let mut new = claim.clone();
                object::set(&mut new, "spec.storageClassName", json!(object::name(class)));
                return Decision { actions: vec![Action::UpdateClaim(new)], error: None };
            }
        }
        let mut d = Decision::default();
        if delay && !has_annotation(claim, ANN_SELECTED_NODE) {
            let waiting = unscheduled_pods(pods, claim);
            let (reason, message) = match waiting.as_slice() {
                [] => ("WaitForFirstConsumer", MSG_WAIT_FIRST_CONSUMER.to_string()),
                [one] => ("WaitForPodScheduled", format!("waiting for pod {one} to be scheduled")),
                many => ("WaitForPodScheduled", format!("waiting for pods {} to be scheduled", many.join(","))),
            };
            d.event(ObjectRef::claim(claim), EventType::Normal, reason, message);
        } else if !claim_class(claim).is_empty() {
            return provision_claim(claim, volumes, classes);
        } else {
            d.event(ObjectRef::claim(claim), EventType::Normal, "FailedBinding", MSG_NO_PV_NO_CLASS.to_string());
        }
        return match push_claim_status(&mut d, claim, "Pending", None) {
            Ok(_) => d,
            Err(e) => d.fail(e),
        };
    }
    let pending = |mut d: Decision| match push_claim_status(&mut d, claim, "Pending", None) {
        Ok(_) => d,
        Err(e) => d.fail(e),
    };
    let Some(volume) = indexed_volume(index, volumes, volume_name) else {
        return pending(Decision::default());
    };
    let claim_key = ClaimKey::new(claim);
    match claim_ref_of(volume) {
        None => match check_volume_satisfy_claim(volume, claim) {
            Ok(()) => bind(volume, claim),
            Err(reason) => {
                let mut d = Decision::default();
                let msg = format!("Cannot bind to requested volume {volume_name:?}: {reason}");
                d.event(ObjectRef::claim(claim), EventType::Warning, "VolumeMismatch", msg);
                pending(d)
            }
        },
        Some(r) if r.is_claim(&claim_key) => bind(volume, claim),
        Some(r) => {
            let mut d = Decision::default();
            let msg = format!("volume {volume_name:?} already bound to a different claim.");
            d.event(ObjectRef::claim(claim), EventType::Warning, "FailedBinding", msg);
            if has_annotation(claim, ANN_BOUND_BY_CONTROLLER) {
                let key = format!("{}/{}", claim_key.namespace, claim_key.name);
                let other = format!("{}/{}", r.namespace, r.name);
                d.fail(format!(
                    "invalid binding of claim {key:?} to volume {volume_name:?}: volume already claimed by {other:?}"
                ))
            } else {
                pending(d)
            }
        }
    }
}

fn sync_bound_claim(claim: &Value, index: &VolumeIndex, volumes: &[&Value]) -> Decision {
    let volume_name = object::get_str(claim, "spec.volumeName").unwrap_or("");
    if volume_name.is_empty() {
        return claim_status_with_event(
            claim,
            "Lost",
            "ClaimLost",
            "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!",
        );
    }
    let Some(volume) = indexed_volume(index, volumes, volume_name) else {
        return claim_status_with_event(
            claim,
            "Lost",
            "ClaimLost",
            "Bound claim has lost its PersistentVolume. Data on the volume is lost!",
        );
    };
    match claim_ref_of(volume) {
        None => bind(volume, claim),
        Some(r) if r.uid == object::uid(claim) => bind(volume, claim),
        Some(_) => claim_status_with_event(
            claim,
            "Lost",
            "ClaimMisbound",
            "Two claims are bound to the same volume, this one is bound incorrectly",
        ),
    }
}

/// `checkVolumeSatisfyClaim`: why a PV the user asked for by `spec.volumeName` does not fit.
pub fn check_volume_satisfy_claim(volume: &Value, claim: &Value) -> Result<(), String> {
    let v = VolumeKey::new(volume);
    let c = ClaimKey::new(claim);
    if v.deleting {
        return Err(format!("the volume is marked for deletion {:?}", v.name));
    }
    if bytes(v.capacity_text).unwrap_or(0) < bytes(c.request_text).unwrap_or(0) {
        return Err("requested PV is too small".into());
    }
    if v.class != c.class {
        return Err("storageClassName does not match".into());
    }
    if v.block != c.block {
        return Err("incompatible volumeMode".into());
    }
    if c.unknown_mode || v.modes & c.modes != c.modes {
        return Err("incompatible accessMode".into());
    }
    Ok(())
}

/// Whether a pod is terminated (`util.IsPodTerminated`).
pub(crate) fn pod_terminated(pod: &Value) -> bool {
    let phase = object::get_str(pod, "status.phase").unwrap_or("");
    if phase == "Failed" || phase == "Succeeded" {
        return true;
    }
    let deleting = object::get(pod, "metadata.deletionTimestamp").is_some_and(|t| !t.is_null());
    let running = ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"].iter().any(|k| {
        object::get(pod, &format!("status.{k}"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|s| s.get("state").and_then(|st| st.get("running")).is_some())
    });
    deleting && !running
}

/// The pods of `namespace` whose volumes use the claim `name` (directly or as a generic
/// ephemeral volume `<pod>-<volume>`), in the given order.
pub(crate) fn pods_using<'a>(pods: &[&'a Value], namespace: &str, name: &str) -> Vec<&'a Value> {
    pods.iter()
        .copied()
        .filter(|p| object::namespace(p) == namespace)
        .filter(|p| {
            object::get(p, "spec.volumes").and_then(Value::as_array).into_iter().flatten().any(|v| {
                let direct = v.pointer("/persistentVolumeClaim/claimName").and_then(Value::as_str);
                let ephemeral = v
                    .get("ephemeral")
                    .is_some()
                    .then(|| format!("{}-{}", object::name(p), v.get("name").and_then(Value::as_str).unwrap_or("")));
                direct == Some(name) || ephemeral.as_deref() == Some(name)
            })
        })
        .collect()
}

/// `findNonScheduledPodsByPVC`: names of live pods using the claim with no `spec.nodeName`.
fn unscheduled_pods(pods: &[&Value], claim: &Value) -> Vec<String> {
    pods_using(pods, object::namespace(claim), object::name(claim))
        .into_iter()
        .filter(|p| !pod_terminated(p) && object::get_str(p, "spec.nodeName").unwrap_or("").is_empty())
        .map(|p| object::name(p).to_string())
        .collect()
}

/// `setClaimProvisioner`: both provisioner annotations, written unless the beta one already
/// names `provisioner`. Returns the claim after it.
fn set_claim_provisioner(d: &mut Decision, claim: &Value, provisioner: &str) -> Value {
    if annotation(claim, ANN_BETA_STORAGE_PROVISIONER) == Some(provisioner) {
        return claim.clone();
    }
    let mut new = claim.clone();
    set_annotation(&mut new, ANN_BETA_STORAGE_PROVISIONER, provisioner);
    set_annotation(&mut new, ANN_STORAGE_PROVISIONER, provisioner);
    d.actions.push(Action::UpdateClaim(new.clone()));
    new
}

/// `provisionClaim`: find the class and its plugin, then hand the claim to an external
/// provisioner or fail as the in-tree plugins of a default kube-controller-manager do.
/// Upstream runs this as an operation with exponential backoff and never fails the sync, so
/// the decision carries no error.
pub fn provision_claim(claim: &Value, volumes: &[&Value], classes: &[&Value]) -> Decision {
    let mut d = Decision::default();
    let class_name = claim_class(claim);
    let warn = |d: &mut Decision, c: &Value, msg: String| {
        d.event(ObjectRef::claim(c), EventType::Warning, "ProvisioningFailed", msg)
    };
    let Some(class) = find_class(classes, class_name) else {
        warn(&mut d, claim, format!("storageclass.storage.k8s.io {class_name:?} not found"));
        return d;
    };
    let name = provisioner(class);
    let external = match MIGRATED.iter().find(|(tree, _)| *tree == name) {
        Some((_, csi)) => Some(*csi),
        None if !name.starts_with("kubernetes.io/") => Some(name),
        None => None,
    };
    if let Some(external) = external {
        let claim = set_claim_provisioner(&mut d, claim, external);
        let msg = format!(
            "Waiting for a volume to be created either by the external provisioner '{external}' or manually by the \
             system administrator. If volume creation is delayed, please verify that the provisioner is running and \
             correctly registered."
        );
        d.event(ObjectRef::claim(&claim), EventType::Normal, "ExternalProvisioning", msg);
        d.actions.push(Action::Provision(ProvisionRequest {
            namespace: object::namespace(&claim).to_string(),
            claim: object::name(&claim).to_string(),
            claim_uid: object::uid(&claim).to_string(),
            class: class_name.to_string(),
            provisioner: external.to_string(),
            pv_name: format!("pvc-{}", object::uid(&claim)),
            selected_node: annotation(&claim, ANN_SELECTED_NODE).map(str::to_string),
        }));
        return d;
    }
    if name != HOST_PATH_PLUGIN {
        warn(&mut d, claim, format!("no volume plugin matched name: {name}"));
        return d;
    }
    if object::get(claim, "spec.dataSource").is_some_and(|s| !s.is_null()) {
        let msg =
            format!("plugin {name:?} is not a CSI plugin. Only CSI plugin can provision a claim with a datasource");
        warn(&mut d, claim, msg);
        return d;
    }
    let claim = set_claim_provisioner(&mut d, claim, name);
    if volume_named(volumes, &format!("pvc-{}", object::uid(&claim))).is_some() {
        return d;
    }
    let mount_options: Vec<&str> =
        class.get("mountOptions").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if !mount_options.is_empty() {
        let msg = format!(
            "Mount options are not supported by the provisioner but StorageClass {:?} has mount options [{}]",
            object::name(class),
            mount_options.join(" ")
        );
        warn(&mut d, &claim, msg);
        return d;
    }
    let msg = format!("Failed to create provisioner: provisioning in volume plugin {name:?} is disabled");
    warn(&mut d, &claim, msg);
    d
}
