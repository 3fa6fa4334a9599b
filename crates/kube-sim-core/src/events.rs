//! Events: core/v1 `Event` objects as the client-go event recorder writes them, aggregated the
//! way its correlator does (same object, type, reason, message and source → `count` grows and
//! `lastTimestamp` moves).

use serde_json::{json, Value};

use crate::api::resources;
use crate::cluster::Cluster;
use crate::object;
use crate::store::Change;

impl Cluster {
    /// Records an event about `involved` (any stored object): `type_` is `Normal` or `Warning`,
    /// `component` the source (`default-scheduler`, `kubelet`, `persistentvolume-controller`).
    /// A repeat of the same event bumps `count` and `lastTimestamp` of the existing one.
    /// Returns the event's name.
    pub fn record_event(&mut self, involved: &Value, type_: &str, reason: &str, message: &str, component: &str) -> String {
        let namespaced = resources::by_kind(object::kind(involved)).map_or(true, |r| r.namespaced);
        let ns = match object::namespace(involved) {
            n if namespaced && !n.is_empty() => n.to_string(),
            _ => "default".to_string(),
        };
        let now = self.clock.rfc3339();
        let key = format!("{ns}\0{}\0{type_}\0{reason}\0{message}\0{component}", object::uid(involved));
        if let Some(name) = self.api.event_index.get(&key).cloned() {
            if let Some(mut ev) = self.api.store.get("Event", &ns, &name).cloned() {
                let count = ev.get("count").and_then(Value::as_i64).unwrap_or(1);
                object::set(&mut ev, "count", json!(count + 1));
                object::set(&mut ev, "lastTimestamp", json!(now));
                self.api.store.apply(Change::Modified(ev));
                return name;
            }
        }
        self.api.event_seq += 1;
        let nanos = (self.clock.now() as u128) * 1_000_000_000 + u128::from(self.api.event_seq % 1_000_000) * 997;
        let name = format!("{}.{nanos:x}", object::name(involved));
        let mut involved_ref = json!({
            "apiVersion": object::get_str(involved, "apiVersion").unwrap_or("v1"),
            "kind": object::kind(involved),
            "name": object::name(involved),
            "resourceVersion": object::get_str(involved, "metadata.resourceVersion").unwrap_or(""),
            "uid": object::uid(involved),
        });
        if namespaced {
            object::set(&mut involved_ref, "namespace", json!(object::namespace(involved)));
        }
        let ev = json!({
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": name, "namespace": ns},
            "involvedObject": involved_ref,
            "reason": reason,
            "message": message,
            "source": {"component": component},
            "firstTimestamp": now,
            "lastTimestamp": now,
            "count": 1,
            "type": type_,
            "eventTime": null,
            "reportingComponent": component,
            "reportingInstance": "",
        });
        self.store_new(ev);
        self.api.event_index.insert(key, name.clone());
        name
    }

    /// The events about the object with `uid`, oldest first.
    pub fn events_for(&self, uid: &str) -> Vec<&Value> {
        let mut evs: Vec<&Value> = self
            .api
            .store
            .list("Event", None)
            .into_iter()
            .filter(|e| object::get_str(e, "involvedObject.uid") == Some(uid))
            .collect();
        evs.sort_by_key(|e| object::get_str(e, "lastTimestamp").unwrap_or("").to_string());
        evs
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::Cluster;
    use crate::object;
    use serde_json::Value;

    #[test]
    fn repeated_events_aggregate() {
        let mut c = Cluster::new();
        let node = c.api_get("Node", "", "worker-1").unwrap().clone();
        let a = c.record_event(&node, "Normal", "NodeReady", "Node worker-1 status is now: NodeReady", "kubelet");
        c.advance(5);
        let b = c.record_event(&node, "Normal", "NodeReady", "Node worker-1 status is now: NodeReady", "kubelet");
        assert_eq!(a, b);
        let ev = c.api_get("Event", "default", &a).unwrap();
        assert_eq!(ev.get("count").and_then(Value::as_i64), Some(2));
        assert_ne!(object::get_str(ev, "firstTimestamp"), object::get_str(ev, "lastTimestamp"));
        assert_eq!(c.events_for(object::uid(&node)).len(), 1);
    }
}
