//! The resource registry: every kind the simulated API server serves, with its group/version,
//! plural, singular and short names, as `kubectl api-resources` lists them for v1.32.

/// One served resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceInfo {
    /// The kind, e.g. `PersistentVolumeClaim`.
    pub kind: &'static str,
    /// The API group, "" for core.
    pub group: &'static str,
    /// The version, e.g. `v1`.
    pub version: &'static str,
    /// The plural resource name, e.g. `persistentvolumeclaims`.
    pub plural: &'static str,
    /// The singular resource name, e.g. `persistentvolumeclaim`.
    pub singular: &'static str,
    /// Short names, e.g. `pvc`.
    pub short: &'static [&'static str],
    /// Whether objects live in a namespace.
    pub namespaced: bool,
}

impl ResourceInfo {
    /// `apiVersion` as objects carry it: `v1`, `apps/v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// Whether `api_version` is [`ResourceInfo::api_version`] (without building it).
    pub fn is_api_version(&self, api_version: &str) -> bool {
        match api_version.split_once('/') {
            Some((g, v)) => !self.group.is_empty() && g == self.group && v == self.version,
            None => self.group.is_empty() && api_version == self.version,
        }
    }

    /// The plural qualified by group, as error messages name it: `pods`, `deployments.apps`.
    pub fn qualified_plural(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// The singular qualified by group, as kubectl names objects in `deleted`/`created` lines:
    /// `pod`, `deployment.apps`.
    pub fn qualified_singular(&self) -> String {
        if self.group.is_empty() {
            self.singular.to_string()
        } else {
            format!("{}.{}", self.singular, self.group)
        }
    }

    /// The kind qualified by group, as `is invalid` messages name it: `Pod`, `StorageClass.storage.k8s.io`.
    pub fn qualified_kind(&self) -> String {
        if self.group.is_empty() {
            self.kind.to_string()
        } else {
            format!("{}.{}", self.kind, self.group)
        }
    }

    /// Whether the registry strategy keeps `metadata.generation` (bumped on spec changes): the
    /// workload kinds. Core kinds (pods in v1.32, PVs, PVCs, services) have none.
    pub fn has_generation(&self) -> bool {
        matches!(self.group, "apps" | "batch")
    }
}

const fn r(
    kind: &'static str,
    group: &'static str,
    plural: &'static str,
    singular: &'static str,
    short: &'static [&'static str],
    namespaced: bool,
) -> ResourceInfo {
    ResourceInfo { kind, group, version: "v1", plural, singular, short, namespaced }
}

/// Every resource, in `kubectl api-resources` order (core group first, then groups by name).
pub const RESOURCES: &[ResourceInfo] = &[
    r("ConfigMap", "", "configmaps", "configmap", &["cm"], true),
    r("Endpoints", "", "endpoints", "endpoints", &["ep"], true),
    r("Event", "", "events", "event", &["ev"], true),
    r("Namespace", "", "namespaces", "namespace", &["ns"], false),
    r("Node", "", "nodes", "node", &["no"], false),
    r("PersistentVolumeClaim", "", "persistentvolumeclaims", "persistentvolumeclaim", &["pvc"], true),
    r("PersistentVolume", "", "persistentvolumes", "persistentvolume", &["pv"], false),
    r("Pod", "", "pods", "pod", &["po"], true),
    r("Secret", "", "secrets", "secret", &[], true),
    r("ServiceAccount", "", "serviceaccounts", "serviceaccount", &["sa"], true),
    r("Service", "", "services", "service", &["svc"], true),
    r("DaemonSet", "apps", "daemonsets", "daemonset", &["ds"], true),
    r("Deployment", "apps", "deployments", "deployment", &["deploy"], true),
    r("ReplicaSet", "apps", "replicasets", "replicaset", &["rs"], true),
    r("StatefulSet", "apps", "statefulsets", "statefulset", &["sts"], true),
    r("Job", "batch", "jobs", "job", &[], true),
    r("StorageClass", "storage.k8s.io", "storageclasses", "storageclass", &["sc"], false),
];

/// The resource of `kind` (exact kind name).
pub fn by_kind(kind: &str) -> Option<&'static ResourceInfo> {
    RESOURCES.iter().find(|r| r.kind == kind)
}

/// The resource for `kind` in `api_version` (`v1`, `apps/v1`), if served.
pub fn by_kind_version(kind: &str, api_version: &str) -> Option<&'static ResourceInfo> {
    RESOURCES.iter().find(|r| r.kind == kind && r.is_api_version(api_version))
}

/// Resolves a name typed on kubectl's command line: plural, singular, short name or kind
/// (case-insensitive), optionally qualified by group (`deployments.apps`, `deploy.apps`).
pub fn resolve(typed: &str) -> Option<&'static ResourceInfo> {
    let lower = typed.to_ascii_lowercase();
    let matches = |r: &ResourceInfo, name: &str| {
        r.plural == name || r.singular == name || r.short.contains(&name) || r.kind.eq_ignore_ascii_case(name)
    };
    if let Some(r) = RESOURCES.iter().find(|r| matches(r, &lower)) {
        return Some(r);
    }
    let (name, group) = lower.split_once('.')?;
    let group = group.strip_prefix("v1.").unwrap_or(group);
    RESOURCES.iter().find(|r| {
        matches(r, name) && (r.group == group || (group == "v1" && r.group.is_empty()) || group == format!("v1.{}", r.group))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_all_name_forms() {
        for n in ["pvc", "persistentvolumeclaim", "persistentvolumeclaims", "PersistentVolumeClaim"] {
            assert_eq!(resolve(n).map(|r| r.kind), Some("PersistentVolumeClaim"), "{n}");
        }
        assert_eq!(resolve("deployments.apps").map(|r| r.kind), Some("Deployment"));
        assert_eq!(resolve("deploy.apps").map(|r| r.kind), Some("Deployment"));
        assert_eq!(resolve("sc").map(|r| r.qualified_plural()), Some("storageclasses.storage.k8s.io".into()));
        assert_eq!(resolve("foos"), None);
        assert_eq!(resolve("pods.foo"), None);
    }
}
