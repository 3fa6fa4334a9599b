//! `kubectl explain TYPE`: kubectl 1.32's OpenAPI v3 plaintext template
//! (`explain/v2/templates/plaintext.tmpl`) over the top-level fields of the storage and config
//! kinds, with the API's own descriptions.

use crate::cluster::ProgramOutput;

const API_VERSION: &str = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
const KIND: &str = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
const METADATA: &str = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/// One field: name, type hint, required, enum values, description.
type Field = (&'static str, &'static str, bool, &'static [&'static str], &'static str);

/// A kind's explanation: kind, group, description, fields (sorted by name).
struct Doc {
    kind: &'static str,
    group: &'static str,
    description: &'static str,
    fields: &'static [Field],
}

const DOCS: &[Doc] = &[
    Doc { kind: "Pod", group: "", description: "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.", fields: &[
        ("apiVersion", "string", false, &[], API_VERSION),
        ("kind", "string", false, &[], KIND),
        ("metadata", "ObjectMeta", false, &[], METADATA),
        ("spec", "PodSpec", false, &[], "Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"),
        ("status", "PodStatus", false, &[], "Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"),
    ]},
    Doc { kind: "PersistentVolume", group: "", description: "PersistentVolume (PV) is a storage resource provisioned by an administrator. It is analogous to a node. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes", fields: &[
        ("apiVersion", "string", false, &[], API_VERSION),
        ("kind", "string", false, &[], KIND),
        ("metadata", "ObjectMeta", false, &[], METADATA),
        ("spec", "PersistentVolumeSpec", false, &[], "spec defines a specification of a persistent volume owned by the cluster. Provisioned by an administrator. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistent-volumes"),
        ("status", "PersistentVolumeStatus", false, &[], "status represents the current information/status for the persistent volume. Populated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistent-volumes"),
    ]},
    Doc { kind: "PersistentVolumeClaim", group: "", description: "PersistentVolumeClaim is a user's request for and claim to a persistent volume", fields: &[
        ("apiVersion", "string", false, &[], API_VERSION),
        ("kind", "string", false, &[], KIND),
        ("metadata", "ObjectMeta", false, &[], METADATA),
        ("spec", "PersistentVolumeClaimSpec", false, &[], "spec defines the desired characteristics of a volume requested by a pod author. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims"),
        ("status", "PersistentVolumeClaimStatus", false, &[], "status represents the current information/status of a persistent volume claim. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims"),
    ]},
    Doc { kind: "StorageClass", group: "storage.k8s.io", description: "StorageClass describes the parameters for a class of storage for which PersistentVolumes can be dynamically provisioned.\n\nStorageClasses are non-namespaced; the name of the storage class according to etcd is in ObjectMeta.Name.", fields: &[
        ("allowVolumeExpansion", "boolean", false, &[], "allowVolumeExpansion shows whether the storage class allow volume expand."),
        ("allowedTopologies", "[]TopologySelectorTerm", false, &[], "allowedTopologies restrict the node topologies where volumes can be dynamically provisioned. Each volume plugin defines its own supported topology specifications. An empty TopologySelectorTerm list means there is no topology restriction. This field is only honored by servers that enable the VolumeScheduling feature."),
        ("apiVersion", "string", false, &[], API_VERSION),
        ("kind", "string", false, &[], KIND),
        ("metadata", "ObjectMeta", false, &[], METADATA),
        ("mountOptions", "[]string", false, &[], "mountOptions controls the mountOptions for dynamically provisioned PersistentVolumes of this storage class. e.g. [\"ro\", \"soft\"]. Not validated - mount of the PVs will simply fail if one is invalid."),
        ("parameters", "map[string]string", false, &[], "parameters holds the parameters for the provisioner that should create volumes of this storage class."),
        ("provisioner", "string", true, &[], "provisioner indicates the type of the provisioner."),
        ("reclaimPolicy", "string", false, &["Delete", "Recycle", "Retain"], "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.\n\nPossible enum values:\n - `\"Delete\"` means the volume will be deleted from Kubernetes on release from its claim. The volume plugin must support Deletion.\n - `\"Recycle\"` means the volume will be recycled back into the pool of unbound persistent volumes on release from its claim. The volume plugin must support Recycling.\n - `\"Retain\"` means the volume will be left in its current phase (Released) for manual reclamation by the administrator. The default policy is Retain."),
        ("volumeBindingMode", "string", false, &["Immediate", "WaitForFirstConsumer"], "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.\n\nPossible enum values:\n - `\"Immediate\"` indicates that PersistentVolumeClaims should be immediately provisioned and bound.  This is the default mode.\n - `\"WaitForFirstConsumer\"` indicates that PersistentVolumeClaims should not be provisioned and bound until the first Pod is created that references the PeristentVolumeClaim.  The volume provisioning and binding will occur during Pod scheduing."),
    ]},
    Doc { kind: "Secret", group: "", description: "Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.", fields: &[
        ("apiVersion", "string", false, &[], API_VERSION),
        ("data", "map[string]string", false, &[], "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
        ("immutable", "boolean", false, &[], "Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil."),
        ("kind", "string", false, &[], KIND),
        ("metadata", "ObjectMeta", false, &[], METADATA),
        ("stringData", "map[string]string", false, &[], "stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values. The stringData field is never output when reading from the API."),
        ("type", "string", false, &[], "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
    ]},
    Doc { kind: "ConfigMap", group: "", description: "ConfigMap holds configuration data for pods to consume.", fields: &[
        ("apiVersion", "string", false, &[], API_VERSION),
        ("binaryData", "map[string]string", false, &[], "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. BinaryData can contain byte sequences that are not in the UTF-8 range. The keys stored in BinaryData must not overlap with the ones in the Data field, this is enforced during validation process. Using this field will require 1.10+ apiserver and kubelet."),
        ("data", "map[string]string", false, &[], "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
        ("immutable", "boolean", false, &[], "Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil."),
        ("kind", "string", false, &[], KIND),
        ("metadata", "ObjectMeta", false, &[], METADATA),
    ]},
];

/// `wordwrap.WrapString` (mitchellh/go-wordwrap), which kubectl's explain `wrap` uses:
/// breaks at white space so that lines stay within `lim` characters, keeps line breaks.
fn wrap(s: &str, lim: usize) -> String {
    let mut buf = String::new();
    let (mut current, mut word, mut space) = (0usize, String::new(), String::new());
    for ch in s.chars() {
        if ch == '\n' {
            if word.is_empty() {
                if current + space.chars().count() <= lim {
                    buf.push_str(&space);
                }
            } else {
                buf.push_str(&space);
                buf.push_str(&word);
                word.clear();
            }
            space.clear();
            buf.push(ch);
            current = 0;
        } else if ch.is_whitespace() && ch != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space.chars().count() + word.chars().count();
                buf.push_str(&space);
                buf.push_str(&word);
                space.clear();
                word.clear();
            }
            space.push(ch);
        } else {
            word.push(ch);
            let wl = word.chars().count();
            if current + space.chars().count() + wl > lim && wl < lim {
                buf.push('\n');
                current = 0;
                space.clear();
            }
        }
    }
    if word.is_empty() {
        if current + space.chars().count() <= lim {
            buf.push_str(&space);
        }
    } else {
        buf.push_str(&space);
        buf.push_str(&word);
    }
    buf
}

fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.split('\n').map(|l| format!("{pad}{l}")).collect::<Vec<_>>().join("\n")
}

fn render(doc: &Doc, version: &str) -> String {
    let mut out = String::new();
    if !doc.group.is_empty() {
        out.push_str(&format!("GROUP:      {}\n", doc.group));
    }
    out.push_str(&format!("KIND:       {}\nVERSION:    {version}\n\nDESCRIPTION:\n", doc.kind));
    out.push_str(&indent(&wrap(&format!("{}\n", doc.description), 76), 4));
    out.push_str("\nFIELDS:\n");
    for (name, ty, required, enums, desc) in doc.fields {
        out.push_str(&format!("  {name}\t<{ty}>"));
        if *required {
            out.push_str(" -required-");
        }
        if !enums.is_empty() {
            out.push_str(&format!("\n  enum: {}", enums.join(", ")));
        }
        out.push('\n');
        out.push_str(&indent(&wrap(desc, 76), 4));
        out.push_str("\n\n");
    }
    out.push('\n');
    out
}

/// Runs `kubectl explain ARGS`.
pub fn run(args: &[String]) -> ProgramOutput {
    let Some(what) = args.iter().find(|a| !a.starts_with('-')) else {
        return ProgramOutput::err("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n", 1);
    };
    let (ty, path) = match what.split_once('.') {
        Some((t, p)) => (t, Some(p)),
        None => (what.as_str(), None),
    };
    let Some(info) = crate::api::resources::resolve(ty) else {
        return ProgramOutput::err(format!("error: the server doesn't have a resource type \"{ty}\"\n"), 1);
    };
    let Some(doc) = DOCS.iter().find(|d| d.kind == info.kind) else {
        return ProgramOutput::err(format!("error: explain for {} is not available in this lab\n", info.plural), 1);
    };
    if let Some(p) = path {
        let first = p.split('.').next().unwrap_or("");
        if !doc.fields.iter().any(|f| f.0 == first) {
            return ProgramOutput::err(format!("error: field \"{}\" does not exist\n", p.rsplit('.').next().unwrap_or(p)), 1);
        }
        return ProgramOutput::err(format!("error: explain for {what} is not available in this lab\n"), 1);
    }
    ProgramOutput::ok(render(doc, info.version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_76() {
        let w = wrap(API_VERSION, 76);
        assert!(w.lines().all(|l| l.len() <= 76 || !l.contains(' ')));
        assert_eq!(w.lines().next(), Some("APIVersion defines the versioned schema of this representation of an object."));
        assert_eq!(wrap("aaa bbb\n\nccc", 5), "aaa\nbbb\n\nccc");
    }
}
