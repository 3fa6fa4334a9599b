//! PersistentVolume, PersistentVolumeClaim and StorageClass describe.

use serde_json::Value;

use super::volumes::print_source;
use super::{annotations_multiline, describe_events, labels_multiline, object_events, w, W};
use crate::kubectl::printers::columns::storage::{is_default_class, pv_class, pvc_class};
use crate::kubectl::printers::util::{access_modes, arr, format_labels, go_list, map, quantity_at, s, since, v};

/// Describes a PersistentVolume.
pub fn describe_pv(w: &mut W, pv: &Value, all: &[&Value], now: i64) {
    w!(w, 0, "Name:\t{}\n", s(pv, "metadata.name"));
    labels_multiline(w, "Labels", map(pv, "metadata.labels"));
    annotations_multiline(w, "Annotations", map(pv, "metadata.annotations"));
    w!(w, 0, "Finalizers:\t{}\n", go_list(arr(pv, "metadata.finalizers")));
    w!(w, 0, "StorageClass:\t{}\n", pv_class(pv));
    if v(pv, "metadata.deletionTimestamp").is_some() {
        w!(w, 0, "Status:\tTerminating (lasts {})\n", since(pv, "metadata.deletionTimestamp", now));
    } else {
        w!(w, 0, "Status:\t{}\n", s(pv, "status.phase"));
    }
    match v(pv, "spec.claimRef") {
        Some(r) => w!(w, 0, "Claim:\t{}/{}\n", s(r, "namespace"), s(r, "name")),
        None => w.write(0, "Claim:\t\n"),
    }
    w!(w, 0, "Reclaim Policy:\t{}\n", s(pv, "spec.persistentVolumeReclaimPolicy"));
    w!(w, 0, "Access Modes:\t{}\n", access_modes(arr(pv, "spec.accessModes")));
    if v(pv, "spec.volumeMode").is_some() {
        w!(w, 0, "VolumeMode:\t{}\n", s(pv, "spec.volumeMode"));
    }
    w!(w, 0, "Capacity:\t{}\n", quantity_at(pv, "spec.capacity.storage").unwrap_or_else(|| "0".into()));
    node_affinity(w, v(pv, "spec.nodeAffinity"));
    w!(w, 0, "Message:\t{}\n", s(pv, "status.message"));
    w.write(0, "Source:\n");
    let spec = v(pv, "spec").unwrap_or(&Value::Null);
    if !print_source(w, spec, true) {
        w.write(1, "<unknown>\n");
    }
    describe_events(w, &object_events(pv, all), now);
}

/// `printVolumeNodeAffinity`.
fn node_affinity(w: &mut W, affinity: Option<&Value>) {
    w.write(0, "Node Affinity:\t");
    let Some(required) = affinity.and_then(|a| v(a, "required")) else {
        w.write(0, "<none>\n");
        return;
    };
    w.write(0, "\n");
    w.write(1, "Required Terms:\t");
    let terms = arr(required, "nodeSelectorTerms");
    if terms.is_empty() {
        w.write(0, "<none>\n");
        return;
    }
    w.write(0, "\n");
    for (i, term) in terms.iter().enumerate() {
        w!(w, 2, "Term {i}:\t");
        let reqs = arr(term, "matchExpressions");
        if reqs.is_empty() {
            w.write(0, "<none>\n");
        }
        for (j, r) in reqs.iter().enumerate() {
            if j != 0 {
                w.write(2, "\t");
            }
            let mut expr = format!("{} {}", s(r, "key"), s(r, "operator").to_lowercase());
            let vals: Vec<&str> = arr(r, "values").iter().filter_map(Value::as_str).collect();
            if !vals.is_empty() {
                expr = format!("{expr} [{}]", vals.join(", "));
            }
            w!(w, 0, "{expr}\n");
        }
    }
}

/// Describes a PersistentVolumeClaim; `Used By` lists the pods of its namespace that mount it.
pub fn describe_pvc(w: &mut W, pvc: &Value, all: &[&Value], now: i64) {
    let name = s(pvc, "metadata.name");
    let ns = s(pvc, "metadata.namespace");
    w!(w, 0, "Name:\t{name}\n");
    w!(w, 0, "Namespace:\t{ns}\n");
    w!(w, 0, "StorageClass:\t{}\n", pvc_class(pvc));
    if v(pvc, "metadata.deletionTimestamp").is_some() {
        w!(w, 0, "Status:\tTerminating (lasts {})\n", since(pvc, "metadata.deletionTimestamp", now));
    } else {
        w!(w, 0, "Status:\t{}\n", s(pvc, "status.phase"));
    }
    w!(w, 0, "Volume:\t{}\n", s(pvc, "spec.volumeName"));
    labels_multiline(w, "Labels", map(pvc, "metadata.labels"));
    annotations_multiline(w, "Annotations", map(pvc, "metadata.annotations"));
    w!(w, 0, "Finalizers:\t{}\n", go_list(arr(pvc, "metadata.finalizers")));
    let (capacity, modes) = if s(pvc, "spec.volumeName").is_empty() {
        (String::new(), String::new())
    } else {
        (
            quantity_at(pvc, "status.capacity.storage").unwrap_or_else(|| "0".into()),
            access_modes(arr(pvc, "status.accessModes")),
        )
    };
    w!(w, 0, "Capacity:\t{capacity}\n");
    w!(w, 0, "Access Modes:\t{modes}\n");
    if v(pvc, "spec.volumeMode").is_some() {
        w!(w, 0, "VolumeMode:\t{}\n", s(pvc, "spec.volumeMode"));
    }
    if let Some(ds) = v(pvc, "spec.dataSource") {
        w.write(0, "DataSource:\n");
        if v(ds, "apiGroup").is_some() {
            w!(w, 1, "APIGroup:\t{}\n", s(ds, "apiGroup"));
        }
        w!(w, 1, "Kind:\t{}\n", s(ds, "kind"));
        w!(w, 1, "Name:\t{}\n", s(ds, "name"));
    }
    let mut users: Vec<&str> = all
        .iter()
        .filter(|p| s(p, "kind") == "Pod" && s(p, "metadata.namespace") == ns)
        .filter(|p| {
            arr(p, "spec.volumes").iter().any(|vol| s(vol, "persistentVolumeClaim.claimName") == name)
                || arr(pvc, "metadata.ownerReferences")
                    .iter()
                    .any(|r| s(r, "kind") == "Pod" && !s(r, "uid").is_empty() && s(r, "uid") == s(p, "metadata.uid"))
        })
        .map(|p| s(p, "metadata.name"))
        .collect();
    crate::sort::sort(&mut users);
    w.write(0, "Used By:\t");
    if users.is_empty() {
        w.write(0, "<none>\n");
    }
    for (i, u) in users.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w!(w, 0, "{u}\n");
    }
    let conditions = arr(pvc, "status.conditions");
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for c in conditions {
            w!(
                w,
                1,
                "{} \t{} \t{} \t{} \t{} \t{}\n",
                s(c, "type"),
                s(c, "status"),
                crate::kubectl::printers::util::date_at(c, "lastProbeTime"),
                crate::kubectl::printers::util::date_at(c, "lastTransitionTime"),
                s(c, "reason"),
                s(c, "message")
            );
        }
    }
    describe_events(w, &object_events(pvc, all), now);
}

/// Describes a StorageClass.
pub fn describe_sc(w: &mut W, sc: &Value, all: &[&Value], now: i64) {
    w!(w, 0, "Name:\t{}\n", s(sc, "metadata.name"));
    w!(w, 0, "IsDefaultClass:\t{}\n", if is_default_class(sc) { "Yes" } else { "No" });
    w!(w, 0, "Annotations:\t{}\n", format_labels(map(sc, "metadata.annotations")));
    w!(w, 0, "Provisioner:\t{}\n", s(sc, "provisioner"));
    w!(w, 0, "Parameters:\t{}\n", format_labels(map(sc, "parameters")));
    let expand = match v(sc, "allowVolumeExpansion").and_then(Value::as_bool) {
        Some(b) => super::print_bool(b),
        None => "<unset>",
    };
    w!(w, 0, "AllowVolumeExpansion:\t{expand}\n");
    let opts = arr(sc, "mountOptions");
    if opts.is_empty() {
        w.write(0, "MountOptions:\t<none>\n");
    } else {
        w.write(0, "MountOptions:\n");
        for o in opts {
            w!(w, 1, "{}\n", crate::kubectl::printers::util::scalar(o));
        }
    }
    if v(sc, "reclaimPolicy").is_some() {
        w!(w, 0, "ReclaimPolicy:\t{}\n", s(sc, "reclaimPolicy"));
    }
    if v(sc, "volumeBindingMode").is_some() {
        w!(w, 0, "VolumeBindingMode:\t{}\n", s(sc, "volumeBindingMode"));
    }
    if let Some(topos) = v(sc, "allowedTopologies").and_then(Value::as_array) {
        w.write(0, "AllowedTopologies:\t");
        if topos.is_empty() {
            w.write(0, "<none>\n");
        } else {
            w.write(0, "\n");
        }
        for (i, term) in topos.iter().enumerate() {
            w!(w, 1, "Term {i}:\t");
            let reqs = arr(term, "matchLabelExpressions");
            if reqs.is_empty() {
                w.write(0, "<none>\n");
            }
            for (j, r) in reqs.iter().enumerate() {
                if j != 0 {
                    w.write(1, "\t");
                }
                let vals: Vec<&str> = arr(r, "values").iter().filter_map(Value::as_str).collect();
                let mut expr = format!("{} in", s(r, "key"));
                if !vals.is_empty() {
                    expr = format!("{expr} [{}]", vals.join(", "));
                }
                w!(w, 0, "{expr}\n");
            }
        }
    }
    describe_events(w, &object_events(sc, all), now);
}
