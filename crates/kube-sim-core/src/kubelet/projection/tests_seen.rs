//! Since when each key of a Secret or ConfigMap holds its value, as the kubelets saw it
//! ([`seen`]): against a model that rescans every object at each scan, as the kubelets' view
//! was first written, over random writes, deletes and re-creates.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::tests::lab;
use super::*;

type Key = (String, String);

/// What the model saw of one object at the last scan.
#[derive(Clone, Debug)]
enum Model {
    /// Unchanged since first seen: every key since `at`.
    Created { data: BTreeMap<String, Vec<u8>>, rv: String, at: i64 },
    /// Key → (value, since).
    Changed { rv: String, keys: BTreeMap<String, (Vec<u8>, i64)> },
}

/// Rescans every Secret and ConfigMap of the store.
fn model_scan(c: &Cluster, model: &mut BTreeMap<Key, Model>) {
    let now = c.now();
    let mut next = BTreeMap::new();
    for kind in ["ConfigMap", "Secret"] {
        for obj in c.api_list(kind, None) {
            let key = (kind.to_string(), object::name(obj).to_string());
            let rv = object::get_str(obj, "metadata.resourceVersion").unwrap_or("").to_string();
            let data = object_data(obj);
            let seen = match model.remove(&key) {
                Some(b) if matches!(&b, Model::Created { rv: r, .. } | Model::Changed { rv: r, .. } if *r == rv) => b,
                None => {
                    let at = object::get_str(obj, "metadata.creationTimestamp").and_then(crate::clock::parse_rfc3339).unwrap_or(now);
                    Model::Created { data, rv, at }
                }
                Some(before) => {
                    let old: BTreeMap<String, (Vec<u8>, i64)> = match before {
                        Model::Created { data, at, .. } => data.into_iter().map(|(k, v)| (k, (v, at))).collect(),
                        Model::Changed { keys, .. } => keys,
                    };
                    let keys = data
                        .into_iter()
                        .map(|(k, v)| {
                            let since = old.get(&k).filter(|(o, _)| *o == v).map_or(now, |(_, s)| *s);
                            (k, (v, since))
                        })
                        .collect();
                    Model::Changed { rv, keys }
                }
            };
            next.insert(key, seen);
        }
    }
    *model = next;
}

fn model_since(model: &BTreeMap<Key, Model>, kind: &str, name: &str, key: &str) -> Option<i64> {
    match model.get(&(kind.to_string(), name.to_string()))? {
        Model::Created { data, at, .. } => data.contains_key(key).then_some(*at),
        Model::Changed { keys, .. } => keys.get(key).map(|(_, s)| *s),
    }
}

fn since(c: &Cluster, kind: &str, name: &str, key: &str) -> Option<i64> {
    seen(c, kind, "default", name).and_then(|d| d.since(kind, key))
}

/// One second passes and the kubelets scan (the model too).
fn tick(c: &mut Cluster, model: &mut BTreeMap<Key, Model>) {
    c.clock.advance(1);
    scan_changes(c);
    model_scan(c, model);
}

fn data(kind: &str, pick: u64) -> Value {
    let mut m = serde_json::Map::new();
    for (i, k) in ["a", "b", "c"].iter().enumerate() {
        match (pick >> (2 * i)) & 3 {
            0 => {}
            v => {
                let text = ["x", "y", "z"][(v - 1) as usize];
                let value = if kind == "Secret" { crate::api::b64::encode(text.as_bytes()) } else { text.to_string() };
                m.insert((*k).to_string(), json!(value));
            }
        }
    }
    Value::Object(m)
}

fn write(c: &mut Cluster, kind: &str, name: &str, pick: u64, stamp: Option<&str>) {
    let mut obj = json!({"apiVersion": "v1", "kind": kind, "metadata": {"name": name, "namespace": "default"}, "data": data(kind, pick)});
    match (c.api_get(kind, "default", name).ok().cloned(), stamp) {
        (Some(mut cur), _) => {
            cur["data"] = obj["data"].take();
            c.api_update(cur).expect("update");
        }
        (None, None) => {
            c.api_create(obj).expect("create");
        }
        (None, Some(t)) => {
            obj["metadata"]["creationTimestamp"] = json!(t);
            c.insert_object(obj);
        }
    }
}

fn assert_same(c: &Cluster, model: &BTreeMap<Key, Model>, names: &[String], step: usize) {
    // State is kept for the objects seen changing, and only while they exist.
    let changed: Vec<(&str, &str)> = model.iter().filter(|(_, m)| matches!(m, Model::Changed { .. })).map(|((k, n), _)| (k.as_str(), n.as_str())).collect();
    let noted: Vec<(&str, &str)> = c.projection.changes.keys().map(|(k, _, n)| (k.as_str(), n.as_str())).collect();
    assert_eq!(noted, changed, "step {step}: objects with state");
    for kind in ["ConfigMap", "Secret"] {
        for name in names {
            for key in ["a", "b", "c", "d"] {
                assert_eq!(since(c, kind, name, key), model_since(model, kind, name, key), "step {step}: {kind} {name} {key}");
            }
        }
    }
}

/// `steps` random writes, deletes, re-creates and scans (one in `tick_every`) over `names`,
/// compared with the model every `check_every` steps and after every scan.
fn random_run(names: &[String], steps: usize, tick_every: u64, check_every: usize) {
    let mut c = lab();
    let mut model = BTreeMap::new();
    let mut r: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        r
    };
    for step in 0..steps {
        let x = next();
        let kind = ["ConfigMap", "Secret"][(x % 2) as usize];
        let name = &names[((x >> 1) % names.len() as u64) as usize];
        let exists = c.api_get(kind, "default", name).is_ok();
        let ticked = (x >> 8) % tick_every == 0;
        match (x >> 20) % 6 {
            _ if ticked => tick(&mut c, &mut model),
            0 if exists => {
                c.api_delete(kind, "default", name, &Default::default()).expect("delete");
            }
            // Some objects carry a creationTimestamp that does not parse: first seen counts.
            1 if !exists => write(&mut c, kind, name, x >> 32, Some("not a time")),
            _ => write(&mut c, kind, name, x >> 32, None),
        }
        if ticked || step % check_every == 0 {
            assert_same(&c, &model, names, step);
        }
    }
}

#[test]
fn since_matches_a_full_rescan_at_every_scan_and_between_scans() {
    random_run(&["p", "q", "r"].map(String::from), 3_000, 4, 1);
}

#[test]
fn since_matches_a_full_rescan_after_many_changes_at_once() {
    // Scans after dozens of writes each: the scan's merge of the two maps.
    let names: Vec<String> = (0..60).map(|i| format!("cm-{i:02}")).collect();
    random_run(&names, 4_000, 150, 97);
}

#[test]
fn created_modified_deleted_and_created_again() {
    let mut c = lab();
    let mut model = BTreeMap::new();
    let t0 = c.now();
    // Created, then modified within the same second: first seen as its last version, every key
    // since the creation.
    write(&mut c, "Secret", "p", 0b01_01, None);
    write(&mut c, "Secret", "p", 0b10_01, None);
    assert_eq!(since(&c, "Secret", "p", "a"), None, "not seen before the first scan");
    tick(&mut c, &mut model);
    assert_eq!((since(&c, "Secret", "p", "a"), since(&c, "Secret", "p", "b")), (Some(t0), Some(t0)));
    // Modified: until the next scan the view is the one of the last scan.
    c.clock.advance(4);
    write(&mut c, "Secret", "p", 0b11_01, None);
    assert_eq!(since(&c, "Secret", "p", "b"), Some(t0));
    tick(&mut c, &mut model);
    assert_eq!((since(&c, "Secret", "p", "a"), since(&c, "Secret", "p", "b")), (Some(t0), Some(t0 + 6)));
    // Deleted: seen until the next scan, then gone.
    c.api_delete("Secret", "default", "p", &Default::default()).expect("delete");
    assert_eq!(since(&c, "Secret", "p", "a"), Some(t0));
    tick(&mut c, &mut model);
    assert_eq!(since(&c, "Secret", "p", "a"), None);
    // Created again: a new object, every key since its own creation.
    c.clock.advance(2);
    write(&mut c, "Secret", "p", 0b11_01, None);
    assert_eq!(since(&c, "Secret", "p", "a"), None);
    tick(&mut c, &mut model);
    assert_eq!((since(&c, "Secret", "p", "a"), since(&c, "Secret", "p", "b")), (Some(t0 + 9), Some(t0 + 9)));
    // Deleted and created again between two scans: as a change of data.
    c.clock.advance(3);
    c.api_delete("Secret", "default", "p", &Default::default()).expect("delete");
    write(&mut c, "Secret", "p", 0b01_10, None);
    tick(&mut c, &mut model);
    assert_eq!((since(&c, "Secret", "p", "a"), since(&c, "Secret", "p", "b")), (Some(t0 + 14), Some(t0 + 14)));
    write(&mut c, "Secret", "p", 0b01_01_10, None);
    tick(&mut c, &mut model);
    assert_eq!((since(&c, "Secret", "p", "a"), since(&c, "Secret", "p", "b"), since(&c, "Secret", "p", "c")), (Some(t0 + 14), Some(t0 + 14), Some(t0 + 15)));
    assert_same(&c, &model, &["p".to_string()], 0);
}

/// A lab with the ConfigMaps `names` created (data pick 1), after one scan, and its model.
fn lab_with_configmaps(names: impl Iterator<Item = String>) -> (Cluster, BTreeMap<Key, Model>) {
    let mut c = lab();
    let mut model = BTreeMap::new();
    for name in names {
        write(&mut c, "ConfigMap", &name, 1, None);
    }
    tick(&mut c, &mut model);
    (c, model)
}

#[test]
fn objects_only_created_leave_no_state_behind() {
    let (mut c, mut model) = lab_with_configmaps((0..50).map(|i| format!("cm-{i}")));
    assert!(c.projection.changes.is_empty());
    write(&mut c, "ConfigMap", "cm-7", 2, None);
    tick(&mut c, &mut model);
    assert_eq!(c.projection.changes.keys().map(|k| k.2.as_str()).collect::<Vec<_>>(), ["cm-7"]);
    assert_eq!(since(&c, "ConfigMap", "cm-7", "a"), Some(c.now()));
    assert_eq!(since(&c, "ConfigMap", "cm-8", "a"), model_since(&model, "ConfigMap", "cm-8", "a"));
}

#[test]
fn since_matches_a_full_rescan_when_objects_change_at_many_scans() {
    // Few objects, each changed at scan after scan (a change noted, then worked out when the
    // next one comes), some created without a readable creationTimestamp.
    random_run(&["p", "q"].map(String::from), 4_000, 2, 1);
}

#[test]
fn scans_are_kept_only_while_an_object_needs_them() {
    let mut c = lab();
    let mut model = BTreeMap::new();
    // An object without a readable creationTimestamp: first seen at the next scan.
    write(&mut c, "ConfigMap", "old", 1, Some("not a time"));
    tick(&mut c, &mut model);
    let first = c.now();
    // A second each with a ConfigMap created (and one deleted): a scan noted each time.
    for i in 0..1_000 {
        write(&mut c, "ConfigMap", &format!("cm-{}", i % 2), 1, None);
        if i > 0 {
            c.api_delete("ConfigMap", "default", &format!("cm-{}", (i + 1) % 2), &Default::default()).expect("delete");
        }
        tick(&mut c, &mut model);
        assert!(c.projection.scans.len() <= 2 * 2 + 64, "second {i}: {} scans kept", c.projection.scans.len());
    }
    assert_eq!(since(&c, "ConfigMap", "old", "a"), Some(first));
    assert_same(&c, &model, &["old", "cm-0", "cm-1"].map(String::from), 0);
    // Changed (key b added, a kept): a still holds its value since first seen, read from the
    // version seen before the change, whose scan is still needed.
    write(&mut c, "ConfigMap", "old", 0b01_01, None);
    tick(&mut c, &mut model);
    for i in 0..150 {
        write(&mut c, "Secret", &format!("s-{i}"), 1, None);
        tick(&mut c, &mut model);
    }
    assert!(c.projection.scans.len() <= 2 * 2 + 64, "{} scans kept", c.projection.scans.len());
    assert_eq!(since(&c, "ConfigMap", "old", "a"), Some(first));
    assert_same(&c, &model, &["old".to_string()], 1);
    // Changed again: its key times are worked out, no scan is needed any more.
    write(&mut c, "ConfigMap", "old", 0b10_01, None);
    tick(&mut c, &mut model);
    write(&mut c, "ConfigMap", "old", 0b11_01, None);
    tick(&mut c, &mut model);
    for i in 0..70 {
        write(&mut c, "Secret", &format!("t-{i}"), 1, None);
        tick(&mut c, &mut model);
    }
    assert!(c.projection.scans.len() < 70, "{} scans kept", c.projection.scans.len());
    assert_eq!(since(&c, "ConfigMap", "old", "a"), Some(first));
    assert_same(&c, &model, &["old".to_string()], 2);
}

#[test]
fn a_change_keeps_the_version_seen_before_it_not_a_copy() {
    let (mut c, mut model) = lab_with_configmaps((0..20).map(|i| format!("cm-{i:02}")));
    let before = c.api_get("ConfigMap", "default", "cm-03").expect("stored").clone();
    for i in 0..20 {
        write(&mut c, "ConfigMap", &format!("cm-{i:02}"), 2, None);
    }
    tick(&mut c, &mut model);
    let noted = c.projection.changes.get(&("ConfigMap".to_string(), "default".to_string(), "cm-03".to_string())).expect("noted");
    assert_eq!((&*noted.prev, noted.before.is_none(), noted.at), (&before, true, c.now()));
    assert_same(&c, &model, &["cm-03".to_string()], 0);
}
