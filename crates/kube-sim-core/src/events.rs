//! Events: core/v1 `Event` objects as the client-go event recorder writes them, aggregated the
//! way its correlator does (same object, type, reason, message and source → `count` grows and
//! `lastTimestamp` moves).

use serde_json::{json, Value};

use crate::api::resources;
use crate::cluster::Cluster;
use crate::object;
use crate::store::Change;

/// Who reports an `events.k8s.io/v1` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reporter<'a> {
    /// `reportingController`, e.g. `default-scheduler`.
    pub controller: &'a str,
    /// `reportingInstance`, e.g. `default-scheduler-control-plane`.
    pub instance: &'a str,
}

impl Cluster {
    /// Records an event about `involved` (any stored object): `type_` is `Normal` or `Warning`,
    /// `component` the source (`default-scheduler`, `kubelet`, `persistentvolume-controller`).
    /// A repeat of the same event bumps `count` and `lastTimestamp` of the existing one.
    /// Returns the event's name.
    pub fn record_event(&mut self, involved: &Value, type_: &str, reason: &str, message: &str, component: &str) -> String {
        self.record_event_from(involved, type_, reason, message, component, None)
    }

    /// Like [`Cluster::record_event`], for components that run on a host (the kubelet):
    /// `source.host` and `reportingInstance` name it.
    pub fn record_event_from(&mut self, involved: &Value, type_: &str, reason: &str, message: &str, component: &str, host: Option<&str>) -> String {
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
        let mut source = json!({"component": component});
        if let Some(h) = host {
            object::set(&mut source, "host", json!(h));
        }
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
            "source": source,
            "firstTimestamp": now,
            "lastTimestamp": now,
            "count": 1,
            "type": type_,
            "eventTime": null,
            "reportingComponent": component,
            "reportingInstance": host.unwrap_or(""),
        });
        self.store_new(ev);
        self.api.event_index.insert(key, name.clone());
        name
    }

    /// Records an event the way `events.k8s.io/v1` recorders write it (the scheduler's
    /// `Scheduled`, `FailedScheduling`): `eventTime` set, `firstTimestamp`/`lastTimestamp` null,
    /// no `source`; `by` names the reporting controller and instance, `action` is e.g.
    /// `Binding`, `Scheduling`.
    /// A repeat within the same object, reason and message bumps `series.count`.
    pub fn record_new_event(&mut self, involved: &Value, type_: &str, reason: &str, action: &str, message: &str, by: Reporter) -> String {
        let Reporter { controller, instance } = by;
        let ns = match object::namespace(involved) {
            "" => "default".to_string(),
            n => n.to_string(),
        };
        let now = format!("{}.000000Z", self.clock.rfc3339().trim_end_matches('Z'));
        let key = format!("v2\0{ns}\0{}\0{type_}\0{reason}\0{message}\0{controller}", object::uid(involved));
        if let Some(name) = self.api.event_index.get(&key).cloned() {
            if let Some(mut ev) = self.api.store.get("Event", &ns, &name).cloned() {
                let count = object::get(&ev, "series.count").and_then(Value::as_i64).unwrap_or(1);
                object::set(&mut ev, "series", json!({"count": count + 1, "lastObservedTime": now}));
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
        if !object::namespace(involved).is_empty() {
            object::set(&mut involved_ref, "namespace", json!(object::namespace(involved)));
        }
        let ev = json!({
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": name, "namespace": ns},
            "involvedObject": involved_ref,
            "action": action,
            "reason": reason,
            "message": message,
            "source": {},
            "firstTimestamp": null,
            "lastTimestamp": null,
            "type": type_,
            "eventTime": now,
            "reportingComponent": controller,
            "reportingInstance": instance,
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
        crate::sort::sort_by_key(&mut evs, |e| {
            let t = object::get_str(e, "lastTimestamp").or_else(|| object::get_str(e, "eventTime")).unwrap_or("");
            t.get(..19).unwrap_or(t).to_string()
        });
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
        let pod = c.api_list("Pod", Some("kube-system"))[0].clone();
        let by = super::Reporter { controller: "default-scheduler", instance: "default-scheduler-control-plane" };
        let n = c.record_new_event(&pod, "Normal", "Scheduled", "Binding", "Successfully assigned x", by);
        let ev = c.api_get("Event", "kube-system", &n).unwrap();
        assert_eq!(object::get_str(ev, "eventTime"), Some("2024-12-10T08:00:05.000000Z"));
        assert_eq!(ev.get("firstTimestamp"), Some(&Value::Null));
        assert_eq!(c.events_for(object::uid(&pod)).len(), 1);
    }
}
