//! The garbage collector: deletes dependents whose owners are gone (background propagation),
//! and completes foreground deletion once an owner has no dependents left.

use serde_json::Value;

use crate::apiserver::{owner_refs, DeleteOptions};
use crate::cluster::Cluster;
use crate::object;

/// One pass of the garbage collector.
pub fn reconcile(cluster: &mut Cluster) {
    if !super::changed_since_last_run(cluster, "garbagecollector") {
        return;
    }
    // Dependents whose every owner is gone, or whose owner is being deleted in the foreground.
    let mut doomed = Vec::new();
    let mut owners_waiting = Vec::new();
    // Only dependents can be doomed, and only objects being deleted can wait in the
    // foreground: both come from indexes, in the order of a walk over the whole store.
    for obj in cluster.api.store.dependents() {
        let refs = owner_refs(obj);
        if !refs.is_empty() && object::get(obj, "metadata.deletionTimestamp").is_none() {
            let ns = object::namespace(obj);
            let owner_alive = |r: &Value| {
                let kind = object::get_str(r, "kind").unwrap_or("");
                let name = object::get_str(r, "name").unwrap_or("");
                let owner = cluster.api.store.get(kind, ns, name).or_else(|| cluster.api.store.get(kind, "", name));
                owner.filter(|o| object::uid(o) == object::get_str(r, "uid").unwrap_or("")).map(|o| !is_foreground_deleting(o))
            };
            if refs.iter().all(|r| owner_alive(r) != Some(true)) {
                doomed.push((object::kind(obj).to_string(), ns.to_string(), object::name(obj).to_string()));
            }
        }
    }
    for obj in cluster.api.store.all_terminating() {
        if is_foreground_deleting(obj) {
            owners_waiting.push(obj.clone());
        }
    }
    for (kind, ns, name) in doomed {
        let _ = cluster.api_delete(&kind, &ns, &name, &DeleteOptions::default());
    }
    for mut owner in owners_waiting {
        let uid = object::uid(&owner).to_string();
        let has_dependents = cluster
            .api
            .store
            .dependents()
            .iter()
            .any(|o| owner_refs(o).iter().any(|r| object::get_str(r, "uid") == Some(&uid)));
        if !has_dependents {
            if let Some(f) = object::entry(&mut owner, "metadata.finalizers").as_array_mut() {
                f.retain(|x| x != "foregroundDeletion");
            }
            object::remove(&mut owner, "metadata.resourceVersion");
            let _ = cluster.api_update(owner);
        }
    }
}

fn is_foreground_deleting(obj: &Value) -> bool {
    object::get(obj, "metadata.deletionTimestamp").is_some()
        && object::get(obj, "metadata.finalizers")
            .and_then(Value::as_array)
            .is_some_and(|f| f.iter().any(|x| x == "foregroundDeletion"))
}

/// How long events live (the API server's `--event-ttl`, 1h).
pub const EVENT_TTL: i64 = 3600;

/// Removes events whose last occurrence is older than [`EVENT_TTL`] (etcd's lease expiry),
/// checked once a simulated minute.
pub fn expire_events(cluster: &mut Cluster) {
    let now = cluster.now();
    if now % 60 != 0 {
        return;
    }
    let expired: Vec<Value> = cluster
        .api
        .store
        .list("Event", None)
        .into_iter()
        .filter(|e| {
            let last = object::get_str(e, "lastTimestamp")
                .or_else(|| object::get_str(e, "series.lastObservedTime"))
                .or_else(|| object::get_str(e, "metadata.creationTimestamp"));
            last.and_then(|t| crate::clock::parse_rfc3339(&format!("{}Z", t.get(..19).unwrap_or(t)))).is_some_and(|t| now - t > EVENT_TTL)
        })
        .cloned()
        .collect();
    for e in expired {
        cluster.api.store.apply(crate::store::Change::Deleted(e));
    }
}
