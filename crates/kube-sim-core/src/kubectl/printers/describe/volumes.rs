//! Volume sources as describe prints them, for pod (and template) volumes and PV sources.

use serde_json::Value;

use super::{w, W};
use crate::kubectl::printers::util::{arr, boolean, int, quantity, s, scalar, v};

fn opt_bool(x: &Value, path: &str) -> bool {
    v(x, path).and_then(Value::as_bool).unwrap_or(false)
}

/// A `*bool` printed with `%v`: `<nil>` when unset (kubectl v1.32 prints the pointer for
/// projected sources; an address is not reproducible, so a set value prints as the bool).
fn ptr_bool(x: &Value, path: &str) -> String {
    v(x, path).and_then(Value::as_bool).map_or_else(|| "<nil>".to_string(), |b| b.to_string())
}

/// Writes the source lines of one volume (pod volume or PV spec), at describe's level 2.
/// Returns false when the source kind is not known.
pub fn print_source(w: &mut W, src: &Value, pv: bool) -> bool {
    if let Some(h) = v(src, "hostPath") {
        // The API server defaults `type` to "" (HostPathUnset), so a real object never has it nil.
        let ty = s(h, "type");
        w!(w, 2, "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{ty}\n", s(h, "path"));
    } else if let Some(e) = v(src, "emptyDir").filter(|_| !pv) {
        let limit = match v(e, "sizeLimit").map(quantity) {
            Some(q) if !q.is_empty() && q != "0" => q,
            _ => "<unset>".into(),
        };
        w!(w, 2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{limit}\n", s(e, "medium"));
    } else if let Some(x) = v(src, "secret").filter(|_| !pv) {
        w!(w, 2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n", s(x, "secretName"), opt_bool(x, "optional"));
    } else if let Some(x) = v(src, "configMap").filter(|_| !pv) {
        w!(w, 2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n", s(x, "name"), opt_bool(x, "optional"));
    } else if let Some(x) = v(src, "nfs") {
        w!(w, 2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n", s(x, "server"), s(x, "path"), boolean(x, "readOnly"));
    } else if let Some(x) = v(src, "persistentVolumeClaim").filter(|_| !pv) {
        w!(w, 2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n", s(x, "claimName"), boolean(x, "readOnly"));
    } else if let Some(x) = v(src, "projected").filter(|_| !pv) {
        w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
        for source in arr(x, "sources") {
            if let Some(sec) = v(source, "secret") {
                w!(w, 2, "SecretName:\t{}\n    SecretOptionalName:\t{}\n", s(sec, "name"), ptr_bool(sec, "optional"));
            } else if v(source, "downwardAPI").is_some() {
                w.write(2, "DownwardAPI:\ttrue\n");
            } else if let Some(cm) = v(source, "configMap") {
                w!(w, 2, "ConfigMapName:\t{}\n    ConfigMapOptional:\t{}\n", s(cm, "name"), ptr_bool(cm, "optional"));
            } else if let Some(t) = v(source, "serviceAccountToken") {
                w!(w, 2, "TokenExpirationSeconds:\t{}\n", int(t, "expirationSeconds"));
            }
        }
    } else if let Some(x) = v(src, "downwardAPI").filter(|_| !pv) {
        w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
        for item in arr(x, "items") {
            if let Some(f) = v(item, "fieldRef") {
                w!(w, 3, "{} -> {}\n", s(f, "fieldPath"), s(item, "path"));
            }
            if let Some(r) = v(item, "resourceFieldRef") {
                w!(w, 3, "{} -> {}\n", s(r, "resource"), s(item, "path"));
            }
        }
    } else if let Some(x) = v(src, "local").filter(|_| pv) {
        w!(w, 2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{}\n", s(x, "path"));
    } else if let Some(x) = v(src, "csi") {
        let fs = s(x, "fsType");
        if pv {
            w!(w, 2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{fs}\n    VolumeHandle:\t{}\n    ReadOnly:\t{}\n", s(x, "driver"), s(x, "volumeHandle"), boolean(x, "readOnly"));
        } else {
            w!(w, 2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{fs}\n    ReadOnly:\t{}\n", s(x, "driver"), boolean(x, "readOnly"));
        }
        w.write(2, "VolumeAttributes:\t");
        let attrs = v(x, "volumeAttributes").and_then(Value::as_object);
        let mut keys: Vec<&String> = attrs.into_iter().flat_map(|m| m.keys()).collect();
        if keys.is_empty() {
            w.write(0, "<none>\n");
        }
        crate::sort::sort(&mut keys);
        for (i, k) in keys.iter().enumerate() {
            if i != 0 {
                w.write(2, "\t");
            }
            let line = format!("{k}={}", attrs.and_then(|m| m.get(*k)).map(scalar).unwrap_or_default());
            w!(w, 2, "{line}\n");
        }
    } else {
        return false;
    }
    true
}

/// `describeVolumes`: `Volumes:  <none>` or each volume with its source. `space` is the
/// template indentation ("" for pods, "  " for pod templates).
pub fn describe_volumes(w: &mut W, volumes: &[Value], space: &str) {
    if volumes.is_empty() {
        w!(w, 0, "{space}Volumes:\t<none>\n");
        return;
    }
    w!(w, 0, "{space}Volumes:\n");
    let indent = if space.is_empty() { "" } else { " " };
    for vol in volumes {
        w!(w, 1, "{indent}{}:\n", s(vol, "name"));
        if !print_source(w, vol, false) {
            w.write(1, "<unknown>\n");
        }
    }
}
