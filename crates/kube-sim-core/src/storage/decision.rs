//! What a sync decides: writes, events and operations, in the order the controller does them.

use serde_json::Value;

use crate::object;

/// `Normal` or `Warning`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    /// `Normal`.
    Normal,
    /// `Warning`.
    Warning,
}

impl EventType {
    /// `"Normal"` / `"Warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// The object an event is about (`involvedObject`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectRef {
    /// `PersistentVolumeClaim` or `PersistentVolume`.
    pub kind: &'static str,
    /// `""` for a PV.
    pub namespace: String,
    /// Object name.
    pub name: String,
    /// Object UID.
    pub uid: String,
}

impl ObjectRef {
    /// A reference to the claim `obj`.
    pub fn claim(obj: &Value) -> ObjectRef {
        ObjectRef {
            kind: "PersistentVolumeClaim",
            namespace: object::namespace(obj).to_string(),
            name: object::name(obj).to_string(),
            uid: object::uid(obj).to_string(),
        }
    }

    /// A reference to the volume `obj`.
    pub fn volume(obj: &Value) -> ObjectRef {
        ObjectRef {
            kind: "PersistentVolume",
            namespace: String::new(),
            name: object::name(obj).to_string(),
            uid: object::uid(obj).to_string(),
        }
    }
}

/// An event the controller records (source component `persistentvolume-controller`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The object it is about.
    pub object: ObjectRef,
    /// Normal or Warning.
    pub event_type: EventType,
    /// `reason`, e.g. `FailedBinding`.
    pub reason: String,
    /// `message`.
    pub message: String,
}

/// Dynamic provisioning to start for a claim (§3.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvisionRequest {
    /// The claim's namespace.
    pub namespace: String,
    /// The claim's name.
    pub claim: String,
    /// The claim's UID.
    pub claim_uid: String,
    /// The StorageClass.
    pub class: String,
    /// The provisioner (after CSI-migration translation).
    pub provisioner: String,
    /// The PV name to use: `pvc-<claim uid>`.
    pub pv_name: String,
    /// `volume.kubernetes.io/selected-node`, if set.
    pub selected_node: Option<String>,
}

/// A recycle to run: the recycler pod `recycler-for-<pv>` ([`super::recycler::recycler_pod`])
/// scrubs the volume; report its result with [`super::reclaim::recycle_finished`]. At most one
/// per PV at a time (upstream's operation name is `recycle-<pv>[<uid>]`).
#[derive(Clone, Debug, PartialEq)]
pub struct RecycleRequest {
    /// The PV.
    pub pv_name: String,
    /// `recycler-for-<pv>`, in namespace `default`.
    pub pod_name: String,
    /// The PV's `nfs` or `hostPath` source, to mount at `/scrub` (`{"nfs": {...}}`).
    pub source: Value,
    /// The pod's `activeDeadlineSeconds` ([`super::recycler::recycler_timeout`]).
    pub active_deadline_seconds: i64,
}

/// One step of a decision. Objects carried are complete, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Update a PV's spec/metadata (client `Update`).
    UpdateVolume(Value),
    /// Update a PV's status (client `UpdateStatus`).
    UpdateVolumeStatus(Value),
    /// Update a claim's spec/metadata.
    UpdateClaim(Value),
    /// Update a claim's status.
    UpdateClaimStatus(Value),
    /// Delete the PV object.
    DeleteVolume {
        /// PV name.
        name: String,
    },
    /// The hostPath deleter removes this directory (`os.RemoveAll` on the controller's host).
    RemoveHostPath {
        /// The directory.
        path: String,
    },
    /// Record an event.
    Event(Event),
    /// Sync this claim soon (the volume sync leaves the binding to the claim sync).
    EnqueueClaim {
        /// Namespace.
        namespace: String,
        /// Name.
        name: String,
    },
    /// Start dynamic provisioning.
    Provision(ProvisionRequest),
    /// Start recycling.
    Recycle(RecycleRequest),
}

/// The outcome of one sync: actions to apply in order, and the error the sync returns (the
/// controller requeues the object with backoff; nothing is shown to the user).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decision {
    /// Ordered steps.
    pub actions: Vec<Action>,
    /// The error returned by the sync, if any.
    pub error: Option<String>,
}

/// The decision of a claim sync.
pub type ClaimDecision = Decision;
/// The decision of a volume sync.
pub type VolumeDecision = Decision;

impl Decision {
    /// The events, in order.
    pub fn events(&self) -> Vec<&Event> {
        self.actions
            .iter()
            .filter_map(|a| match a {
                Action::Event(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn event(&mut self, object: ObjectRef, event_type: EventType, reason: &str, message: String) {
        self.actions.push(Action::Event(Event { object, event_type, reason: reason.to_string(), message }));
    }

    pub(crate) fn fail(mut self, error: String) -> Decision {
        self.error = Some(error);
        self
    }
}
