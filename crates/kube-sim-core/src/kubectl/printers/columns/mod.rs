//! The server's column definitions and row cells, one function per kind.

use serde_json::Value;

use super::table::Column;

pub mod extra;
pub mod misc;
pub mod node_event;
pub mod pod;
#[cfg(test)]
pub(crate) mod pod_oracle;
pub mod storage;

/// How one kind prints: its columns, its row function and whether it is namespaced.
pub struct KindTable {
    /// The column definitions.
    pub columns: &'static [Column],
    /// The cells of one row (wide cells included); `(object, now, wide)`.
    pub row: fn(&Value, i64, bool) -> Vec<String>,
    /// Namespaced kinds get a NAMESPACE column with `-A`.
    pub namespaced: bool,
}

macro_rules! kt {
    ($cols:expr, $row:expr, $ns:expr) => {
        KindTable { columns: $cols, row: |o, now, _| $row(o, now), namespaced: $ns }
    };
}

/// The table of `kind`; kinds without a server printer get NAME and AGE.
pub fn for_kind(kind: &str) -> KindTable {
    match kind {
        "Pod" => kt!(pod::COLUMNS, pod::row, true),
        "PersistentVolume" => kt!(storage::PV_COLUMNS, storage::pv_row, false),
        "PersistentVolumeClaim" => kt!(storage::PVC_COLUMNS, storage::pvc_row, true),
        "StorageClass" => kt!(storage::SC_COLUMNS, storage::sc_row, false),
        "Secret" => kt!(misc::SECRET_COLUMNS, misc::secret_row, true),
        "ConfigMap" => kt!(misc::CONFIGMAP_COLUMNS, misc::configmap_row, true),
        "Namespace" => kt!(misc::NAMESPACE_COLUMNS, misc::namespace_row, false),
        "Deployment" => kt!(misc::DEPLOYMENT_COLUMNS, misc::deployment_row, true),
        "ReplicaSet" => kt!(misc::REPLICASET_COLUMNS, misc::replicaset_row, true),
        "Service" => KindTable { columns: misc::SERVICE_COLUMNS, row: misc::service_row, namespaced: true },
        "Endpoints" => kt!(misc::ENDPOINTS_COLUMNS, misc::endpoints_row, true),
        "Node" => kt!(node_event::NODE_COLUMNS, node_event::node_row, false),
        "Event" => kt!(node_event::EVENT_COLUMNS, node_event::event_row, true),
        "ServiceAccount" => kt!(extra::SERVICEACCOUNT_COLUMNS, extra::serviceaccount_row, true),
        "StatefulSet" => kt!(extra::STATEFULSET_COLUMNS, extra::statefulset_row, true),
        "DaemonSet" => kt!(extra::DAEMONSET_COLUMNS, extra::daemonset_row, true),
        "Job" => kt!(extra::JOB_COLUMNS, extra::job_row, true),
        _ => kt!(misc::DEFAULT_COLUMNS, misc::default_row, !is_cluster_scoped(kind)),
    }
}

/// Kinds without a namespace.
pub fn is_cluster_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "Node" | "PersistentVolume" | "StorageClass" | "Namespace" | "ClusterRole" | "ClusterRoleBinding"
            | "CustomResourceDefinition" | "PriorityClass" | "CSIDriver" | "CSINode" | "VolumeAttachment"
    )
}
