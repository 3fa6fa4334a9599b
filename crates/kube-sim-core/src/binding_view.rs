//! [`Cluster::binding_view`]: the per-volume "why it did or did not match" explanation of one
//! claim ([`crate::storage::explain_binding`]) over the cluster's current objects, for the UI.

use crate::storage::{classes::is_delay_binding_mode, explain_binding, BindingExplanation};
use crate::Cluster;

impl Cluster {
    /// Why claim `ns/name` is (or is not) bound: a verdict per PersistentVolume and what the
    /// controller does next; `None` when there is no such claim.
    pub fn binding_view(&self, ns: &str, name: &str) -> Option<BindingExplanation> {
        let claim = self.api_get("PersistentVolumeClaim", ns, name).ok()?;
        let volumes = self.api_list("PersistentVolume", None);
        let classes = self.api_list("StorageClass", None);
        let delay = is_delay_binding_mode(claim, &classes).unwrap_or(false);
        Some(explain_binding(claim, &volumes, None, delay, &classes))
    }
}

#[cfg(test)]
mod tests {
    use crate::storage::Verdict;
    use crate::Cluster;

    #[test]
    fn explains_each_volume_for_a_claim() {
        let mut c = Cluster::new();
        assert!(c.binding_view("default", "mypvc1").is_none());
        let yaml = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: small\nspec:\n  capacity:\n    storage: 100Mi\n  accessModes: [ReadWriteOnce]\n  storageClassName: nfs\n  nfs:\n    path: /data/nfs\n    server: 172.19.0.4\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: mypv1\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  storageClassName: nfs\n  nfs:\n    path: /data/nfs\n    server: 172.19.0.4\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: mypvc1\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n  storageClassName: nfs\n";
        c.write_workspace_file("pv.yml", yaml).unwrap();
        c.type_line("kubectl apply -f pv.yml");
        let e = c.binding_view("default", "mypvc1").expect("claim");
        assert_eq!(e.claim, "default/mypvc1");
        let small = e.verdicts.iter().find(|v| v.pv == "small").unwrap();
        assert!(matches!(small.verdict, Verdict::Mismatch(_)));
        assert_eq!(small.message, "capacity 100Mi is smaller than the 1Gi requested");
        c.advance(1);
        let e = c.binding_view("default", "mypvc1").unwrap();
        assert_eq!(e.summary, "Bound to volume \"mypv1\".");
    }
}
