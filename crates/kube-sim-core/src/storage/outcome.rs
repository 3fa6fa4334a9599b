//! What happens to a claim, as the binding explanation's summary line: a machine-readable
//! [`Outcome`] (the UI translates it) and its English sentence (the CLI prints it).

use super::sync::{MSG_NO_PV_NO_CLASS, MSG_WAIT_FIRST_CONSUMER};

/// What the controller does with the claim next (the summary of [`super::BindingExplanation`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The claim is already bound to `volume`.
    Bound {
        /// The PV.
        volume: String,
    },
    /// The controller binds the claim to `volume`.
    Binds {
        /// The PV.
        volume: String,
    },
    /// The claim asks for `volume` by name and that PV is bound to another claim.
    RequestedBoundElsewhere {
        /// The PV.
        volume: String,
    },
    /// The claim asks for `volume` by name and a check fails.
    RequestedUnsatisfied {
        /// The PV.
        volume: String,
        /// The controller's reason (`requested PV is too small`, ...), in English as the API says it.
        reason: String,
    },
    /// The claim asks for `volume` by name and no such PV exists.
    RequestedMissing {
        /// The PV.
        volume: String,
    },
    /// No PV matches; the admission plugin will set the default `class` on the claim.
    DefaultClass {
        /// The default StorageClass.
        class: String,
    },
    /// The class binds on first consumer: nothing happens before a pod uses the claim.
    WaitForFirstConsumer,
    /// No PV matches and the claim has no class.
    NoVolumeNoClass,
    /// No PV matches and the claim's `class` does not exist.
    ClassNotFound {
        /// The class.
        class: String,
    },
    /// No PV matches and `class` has no provisioner (`kubernetes.io/no-provisioner`).
    NoProvisioner {
        /// The class.
        class: String,
        /// Its provisioner.
        provisioner: String,
    },
    /// No PV matches and no in-tree plugin provisions `class`.
    NoPlugin {
        /// The class.
        class: String,
        /// Its provisioner.
        provisioner: String,
    },
    /// No PV matches; an external provisioner should create one.
    External {
        /// The provisioner.
        provisioner: String,
    },
}

impl Outcome {
    /// The sentence in English (the CLI's `kube-sim explain-binding` last line).
    pub fn text(&self) -> String {
        match self {
            Outcome::Bound { volume } => format!("Bound to volume {volume:?}."),
            Outcome::Binds { volume } => format!("The controller binds the claim to volume {volume:?}."),
            Outcome::RequestedBoundElsewhere { volume } => {
                format!("volume {volume:?} already bound to a different claim.")
            }
            Outcome::RequestedUnsatisfied { volume, reason } => {
                format!("Cannot bind to requested volume {volume:?}: {reason}")
            }
            Outcome::RequestedMissing { volume } => {
                format!("The requested volume {volume:?} does not exist; the claim stays Pending.")
            }
            Outcome::DefaultClass { class } => {
                format!("No volume matches: the default class {class:?} will be assigned to the claim.")
            }
            Outcome::WaitForFirstConsumer => format!(
                "{MSG_WAIT_FIRST_CONSUMER}: no volume is bound or provisioned until a pod using the claim is scheduled."
            ),
            Outcome::NoVolumeNoClass => format!("{MSG_NO_PV_NO_CLASS}."),
            Outcome::ClassNotFound { class } => {
                format!("No volume matches and storageclass.storage.k8s.io {class:?} not found.")
            }
            Outcome::NoProvisioner { class, provisioner } => {
                format!("No volume matches and class {class:?} has no provisioner ({provisioner}): create a matching PV.")
            }
            Outcome::NoPlugin { class, provisioner } => {
                format!("No volume matches and no volume plugin can provision class {class:?} ({provisioner}).")
            }
            Outcome::External { provisioner } => {
                format!("No volume matches: waiting for the external provisioner '{provisioner}' to create one.")
            }
        }
    }
}
