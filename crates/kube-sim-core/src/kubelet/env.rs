//! A container's environment, as the kubelet builds it (`makeEnvironmentVariables`,
//! k8s-behaviour.md §7.4) and the container runtime completes it.
//!
//! Order (the kubelet iterates Go maps, so the real order is random; this one is fixed):
//! `PATH` and `HOSTNAME` (the runtime's), then `envFrom` keys in source order, then `env`
//! entries in the order written (a later definition replaces an earlier one in place), then
//! the service variables not already defined, then `HOME` (added at exec time when unset).
//!
//! In v1.32 (`RelaxedEnvironmentVariableValidation` beta, on) the kubelet no longer skips
//! `envFrom` keys that are not C identifiers, and no `InvalidEnvironmentVariableNames` event is
//! recorded (kubernetes/kubernetes#123385, #130099): `1bad` becomes a variable.

mod expand;
mod services;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde_json::Value;

use super::projection::{field_value, object_data, resource_value};
use crate::cluster::Cluster;
use crate::object;

/// The `PATH` of the images the lab runs (busybox, mysql, nginx: the Docker default).
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// An ordered environment where setting a name again replaces it in place.
#[derive(Default)]
struct Env {
    vars: Vec<(String, String)>,
}

impl Env {
    fn set(&mut self, k: String, v: String) {
        match self.vars.iter_mut().find(|(n, _)| *n == k) {
            Some(e) => e.1 = v,
            None => self.vars.push((k, v)),
        }
    }

    fn get(&self, k: &str) -> Option<&str> {
        self.vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }
}

/// Caches the objects read, as the kubelet does within one call.
struct Reader<'a> {
    cluster: &'a Cluster,
    ns: &'a str,
    cache: BTreeMap<(&'static str, String), BTreeMap<String, Vec<u8>>>,
}

impl Reader<'_> {
    /// The data of Secret/ConfigMap `name`; `Ok(None)` when missing and `optional`.
    fn data(&mut self, kind: &'static str, name: &str, optional: bool) -> Result<Option<&BTreeMap<String, Vec<u8>>>, String> {
        let key = (kind, name.to_string());
        if !self.cache.contains_key(&key) {
            match self.cluster.api_get(kind, self.ns, name) {
                Ok(obj) => {
                    self.cache.insert(key.clone(), object_data(obj));
                }
                Err(_) if optional => return Ok(None),
                Err(_) => return Err(format!("{} \"{name}\" not found", kind.to_lowercase())),
            }
        }
        Ok(self.cache.get(&key))
    }
}

fn opt(v: &Value) -> bool {
    v.get("optional").and_then(Value::as_bool).unwrap_or(false)
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

/// The variables the kubelet passes for `container` of `pod` (no runtime additions).
fn kubelet_env(cluster: &Cluster, pod: &Value, container: &Value) -> Result<Env, String> {
    let ns = object::namespace(pod);
    let links = object::get(pod, "spec.enableServiceLinks").and_then(Value::as_bool).unwrap_or(true);
    let service = services::service_env(cluster, ns, links);
    let mut reader = Reader { cluster, ns, cache: BTreeMap::new() };
    let mut env = Env::default();
    for from in container.get("envFrom").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]) {
        let prefix = s(from, "prefix");
        let (kind, src) = match (from.get("configMapRef"), from.get("secretRef")) {
            (Some(cm), _) => ("ConfigMap", cm),
            (None, Some(sec)) => ("Secret", sec),
            _ => continue,
        };
        let Some(data) = reader.data(kind, s(src, "name"), opt(src))? else { continue };
        for (k, v) in data {
            env.set(format!("{prefix}{k}"), String::from_utf8_lossy(v).into_owned());
        }
    }
    for var in container.get("env").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]) {
        let name = s(var, "name").to_string();
        let value = s(var, "value");
        let resolved = if !value.is_empty() {
            let lookup = |n: &str| env.get(n).map(str::to_string).or_else(|| service.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()));
            expand::expand(value, lookup)
        } else if let Some(from) = var.get("valueFrom") {
            if let Some(f) = from.get("fieldRef") {
                field_value(cluster, pod, s(f, "fieldPath"))?
            } else if let Some(r) = from.get("resourceFieldRef") {
                resource_value(cluster, pod, container, r)?
            } else if let Some((kind, sel)) = from.get("configMapKeyRef").map(|c| ("ConfigMap", c)).or_else(|| from.get("secretKeyRef").map(|c| ("Secret", c))) {
                let (obj, key) = (s(sel, "name"), s(sel, "key"));
                let Some(data) = reader.data(kind, obj, opt(sel))? else { continue };
                match data.get(key) {
                    Some(v) => String::from_utf8_lossy(v).into_owned(),
                    None if opt(sel) => continue,
                    None => return Err(format!("couldn't find key {key} in {kind} {ns}/{obj}")),
                }
            } else {
                String::new()
            }
        } else {
            String::new()
        };
        env.set(name, resolved);
    }
    for (k, v) in service {
        if env.get(&k).is_none() {
            env.vars.push((k, v));
        }
    }
    Ok(env)
}

/// The container's final environment: what the kubelet builds (`env`, `envFrom`, `valueFrom`
/// with `secretKeyRef`/`configMapKeyRef`/`fieldRef`/`resourceFieldRef`, `$(VAR)` expansion,
/// service variables) plus what the runtime adds (`PATH`, `HOSTNAME`, `HOME`). `Err` is the
/// `CreateContainerConfigError` message: `secret "x" not found`,
/// `couldn't find key k in Secret default/x`, `configmap "x" not found`,
/// `couldn't find key k in ConfigMap default/x`.
pub fn container_env(cluster: &Cluster, pod: &Value, container: &Value) -> Result<Vec<(String, String)>, String> {
    let kubelet = kubelet_env(cluster, pod, container)?;
    let hostname = object::get_str(pod, "spec.hostname").filter(|h| !h.is_empty()).unwrap_or(object::name(pod));
    let hostname: String = hostname.chars().take(63).collect();
    let mut env = Env::default();
    env.set("PATH".into(), DEFAULT_PATH.into());
    env.set("HOSTNAME".into(), hostname);
    for (k, v) in kubelet.vars {
        env.set(k, v);
    }
    if env.get("HOME").is_none() {
        let user = object::get(container, "securityContext.runAsUser")
            .or_else(|| object::get(pod, "spec.securityContext.runAsUser"))
            .and_then(Value::as_u64)
            .unwrap_or(0);
        env.set("HOME".into(), if user == 0 { "/root".into() } else { "/".into() });
    }
    Ok(env.vars)
}
