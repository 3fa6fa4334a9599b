//! The OpenAPI v3 schemas `kubectl explain` reads, for the kinds of the storage and config lessons
//! (Pod, PersistentVolume, PersistentVolumeClaim, StorageClass, Secret, ConfigMap, Deployment) and
//! every type their fields reach: kube-apiserver v1.32's own descriptions, required lists and enums.
//!
//! The data lives in `explain_data/docs*.txt` (made by `explain_data/gen.py` from the v1.32.0
//! definitions), one line per type then one per field, tab-separated:
//! - `=Name<TAB>group/Kind (root kinds only)<TAB>a (enums audited)<TAB>description`
//! - `field<TAB>type hint<TAB>target type<TAB>R (required)<TAB>#enum,values<TAB>description`
//!
//! Descriptions escape `\`, newline and tab as `\\`, `\n`, `\t`. Lines are parsed on demand.

const DATA: [&str; 3] = [
    include_str!("explain_data/docs0.txt"),
    include_str!("explain_data/docs1.txt"),
    include_str!("explain_data/docs2.txt"),
];

/// A schema type: its name, root kind (if it is one), description and fields (sorted by name).
pub(super) struct Type {
    pub name: &'static str,
    /// `(group, kind)` for the top-level kinds.
    pub gvk: Option<(&'static str, &'static str)>,
    /// Whether every enum of the type's fields was checked upstream (`--recursive` is offered).
    pub audited: bool,
    pub description: String,
    pub fields: Vec<Field>,
}

/// One property of a type.
pub(super) struct Field {
    pub name: &'static str,
    /// kubectl's `typeGuess`: `string`, `[]Container`, `map[string]Quantity`, ...
    pub hint: &'static str,
    /// The named type the field leads to (element type for lists and maps), if any.
    pub target: Option<&'static str>,
    pub required: bool,
    /// The `enum` of the field (`None` when it has none; `""` is a value).
    pub enums: Option<Vec<&'static str>>,
    pub description: String,
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn parse_field(line: &'static str) -> Option<Field> {
    let mut cols = line.splitn(6, '\t');
    let name = cols.next()?;
    let hint = cols.next()?;
    let target = cols.next()?;
    let required = cols.next()? == "R";
    let enums = cols.next()?;
    let description = unescape(cols.next()?);
    Some(Field {
        name,
        hint,
        target: (!target.is_empty()).then_some(target),
        required,
        enums: enums.strip_prefix('#').map(|e| e.split(',').collect()),
        description,
    })
}

/// Looks a type up by its short name (`PersistentVolumeSpec`).
pub(super) fn lookup(name: &str) -> Option<Type> {
    let head = format!("={name}\t");
    for data in DATA {
        let start = if data.starts_with(&head) {
            0
        } else {
            match data.find(&format!("\n{head}")) {
                Some(i) => i + 1,
                None => continue,
            }
        };
        let mut lines = data[start..].lines();
        let mut cols = lines.next()?.splitn(4, '\t');
        let name = cols.next()?.strip_prefix('=')?;
        let gvk = cols.next()?.split_once('/');
        let audited = cols.next()? == "a";
        let description = unescape(cols.next()?);
        let fields = lines.take_while(|l| !l.starts_with('=')).filter_map(parse_field).collect();
        return Some(Type { name, gvk, audited, description, fields });
    }
    None
}

/// The root type of a kind (`PersistentVolume`), if the data has it.
pub(super) fn root(kind: &str) -> Option<Type> {
    lookup(kind).filter(|t| t.gvk.is_some_and(|(_, k)| k == kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_resolves_and_fields_are_sorted() {
        for data in DATA {
            for line in data.lines().filter(|l| l.starts_with('=')) {
                let name = line[1..].split('\t').next().unwrap_or("");
                let t = lookup(name).expect(name);
                assert!(t.fields.windows(2).all(|w| w[0].name < w[1].name), "{name}");
                for f in &t.fields {
                    if let Some(target) = f.target {
                        assert!(lookup(target).is_some(), "{name}.{} -> {target}", f.name);
                    }
                }
            }
        }
    }

    #[test]
    fn roots_and_enums() {
        for kind in ["Pod", "PersistentVolume", "PersistentVolumeClaim", "StorageClass", "Secret", "ConfigMap", "Deployment"] {
            assert!(root(kind).is_some(), "{kind}");
        }
        assert!(root("PodSpec").is_none());
        let hp = lookup("HostPathVolumeSource").unwrap();
        let ty = hp.fields.iter().find(|f| f.name == "type").unwrap();
        assert_eq!(ty.enums.as_deref().and_then(|e| e.first().copied()), Some(""));
        assert_eq!(unescape("a\\nb\\\\c\\t"), "a\nb\\c\t");
    }
}
