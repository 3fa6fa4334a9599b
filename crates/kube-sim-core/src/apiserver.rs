//! The simulated API server: create, get, list, update, update-status and delete over the
//! [`Store`], with the API server's metadata rules (uid, resourceVersion, generation,
//! creationTimestamp), finalizers and graceful deletion, and its error texts.
//!
//! Every operation is a method on [`Cluster`] (it needs the clock and the id generator):
//! kubectl and the controllers call the same functions.
//!
//! | Call | Does |
//! |---|---|
//! | `api_get(kind, ns, name)` | one object, or `pods "x" not found` (`ns` ignored for cluster-scoped kinds) |
//! | `api_list(kind, Some(ns) / None)` | objects sorted by namespace, name |
//! | `api_create(obj)` | namespace checks, [`crate::api::admit`], uid/timestamps, `AlreadyExists` |
//! | `api_update(obj)` | whole object except status; admit(Update); generation on spec change |
//! | `api_update_status(&obj)` | only `status` (no admission) |
//! | `api_patch(kind, ns, name, &merge_patch)` / `api_patch_status(...)` | merge patch, then update |
//! | `api_delete(kind, ns, name, &DeleteOptions)` | finalizers, grace periods, propagation |
//! | `api_finish_pod(&pod)` | the kubelet's final delete of a terminating pod |
//! | `api_bind_pod(ns, name, node)` | the scheduler's `pods/binding` |
//! | `record_event(...)`, `record_event_from(...)`, `record_new_event(...)` | events (`events.rs`) |

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{json, Value};

use crate::api::resources::{self, ResourceInfo};
use crate::api::{self, ApiError, Op, Reason};
use crate::cluster::Cluster;
use crate::object;
use crate::store::{Change, Store};

/// The API server's state: the store and the bookkeeping of events and controllers.
#[derive(Clone, Debug, Default)]
pub struct ApiServer {
    /// Every object.
    pub store: Store,
    /// Aggregation index of events: (namespace, uid, type, reason, message, component) → name.
    pub(crate) event_index: BTreeMap<String, String>,
    /// How many events were recorded (makes event names unique within a second).
    pub(crate) event_seq: u64,
    /// The store revision each controller saw when it last ran (see `controllers`).
    pub(crate) seen: BTreeMap<&'static str, u64>,
    /// The PV controller's informer cache (`controllers::pv_controller`).
    pub(crate) pv_state: crate::controllers::pv_controller::PvControllerState,
    /// Warnings of the last create or update (`Warning: ...` lines kubectl prints).
    pub(crate) warnings: Vec<String>,
    /// The last creation timestamp written, with the clock second it is for (a cache).
    now_text: Option<(i64, String)>,
}

/// Namespaces the NamespaceLifecycle admission plugin never lets go.
/// The API server's limit on one request body, in bytes (`MaxRequestBodyBytes`, 3 MiB).
pub const MAX_REQUEST_BODY: usize = 3 * 1024 * 1024;

/// What the API server answers a request whose body, `obj` as kubectl sends it (JSON), is over
/// [`MAX_REQUEST_BODY`]: 413 `Request entity too large: limit is 3145728`, before decoding it.
pub fn check_request_body(obj: &Value) -> Result<(), ApiError> {
    // Almost every body is far below the limit: measure it only when a cheap bound does not
    // already show that.
    if json_len_bound(obj) <= MAX_REQUEST_BODY {
        return Ok(());
    }
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(0);
    let _ = serde_json::to_writer(&mut n, obj);
    if n.0 > MAX_REQUEST_BODY {
        return Err(ApiError {
            reason: Reason::RequestEntityTooLarge,
            message: format!("Request entity too large: limit is {MAX_REQUEST_BODY}"),
        });
    }
    Ok(())
}

/// An upper bound of the length of `v` serialized as compact JSON (`serde_json::to_writer`),
/// without serializing it: a string of n bytes takes at most 6n + 2 (every byte escaped as
/// `\u00XX`), a number at most 32, an object or array its brackets, commas and colons.
fn json_len_bound(v: &Value) -> usize {
    match v {
        Value::Null | Value::Bool(_) => 5,
        Value::Number(_) => 32,
        Value::String(s) => 6 * s.len() + 2,
        Value::Array(a) => a.iter().map(|x| json_len_bound(x) + 1).sum::<usize>() + 2,
        Value::Object(m) => m.iter().map(|(k, x)| 6 * k.len() + 4 + json_len_bound(x)).sum::<usize>() + 2,
    }
}

pub const IMMORTAL_NAMESPACES: &[&str] = &["default", "kube-system", "kube-public"];

/// How dependents are treated when their owner is deleted (`propagationPolicy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Propagation {
    /// The owner goes at once; the garbage collector deletes dependents afterwards (kubectl's default).
    #[default]
    Background,
    /// The owner stays (finalizer `foregroundDeletion`) until its dependents are gone.
    Foreground,
    /// Dependents are kept and lose their owner reference.
    Orphan,
}

/// Options of a delete call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeleteOptions {
    /// `gracePeriodSeconds`; `None` uses the object's default (a pod's
    /// `terminationGracePeriodSeconds`, 30).
    pub grace_period: Option<i64>,
    /// `propagationPolicy`.
    pub propagation: Propagation,
}

/// The registry entry for `obj`'s kind, or the API server's `no matches` error.
pub fn resource_of(obj: &Value) -> Result<&'static ResourceInfo, ApiError> {
    let kind = object::field(obj, "kind").and_then(Value::as_str).unwrap_or("");
    let version = object::field(obj, "apiVersion").and_then(Value::as_str).unwrap_or("");
    resources::by_kind_version(kind, version).ok_or_else(|| ApiError {
        reason: Reason::NotFound,
        message: format!("no matches for kind \"{kind}\" in version \"{version}\""),
    })
}

fn info(kind: &str) -> Result<&'static ResourceInfo, ApiError> {
    resources::by_kind(kind).ok_or_else(|| ApiError {
        reason: Reason::NotFound,
        message: format!("the server could not find the requested resource ({kind})"),
    })
}

fn has_finalizers(obj: &Value) -> bool {
    object::get(obj, "metadata.finalizers").and_then(Value::as_array).is_some_and(|a| !a.is_empty())
}

/// Kinds whose `status` is written only through the status subresource.
fn has_status_subresource(kind: &str) -> bool {
    !matches!(kind, "ConfigMap" | "Secret" | "ServiceAccount" | "Event" | "Endpoints" | "StorageClass")
}

impl Cluster {
    /// The object of `kind` named `name` in `ns` ("" for cluster-scoped kinds), or
    /// `pods "nope" not found`.
    pub fn api_get(&self, kind: &str, ns: &str, name: &str) -> Result<&Value, ApiError> {
        let r = info(kind)?;
        let ns = if r.namespaced { ns } else { "" };
        self.api.store.get(kind, ns, name).ok_or_else(|| ApiError::not_found(&r.qualified_plural(), name))
    }

    /// The warnings of the last create or update (`Warning: <text>` for kubectl), taken.
    pub fn take_api_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.api.warnings)
    }

    /// Every object of `kind`, in `ns` when given (namespace then name order).
    pub fn api_list(&self, kind: &str, ns: Option<&str>) -> Vec<&Value> {
        self.api.store.list(kind, ns)
    }

    /// Creates `obj`: the namespace must exist and be active, then admission (strict decoding,
    /// defaults, validation), then the name must be free. Fills `uid`, `creationTimestamp`,
    /// `generation` and `resourceVersion`; a namespaced object without a namespace goes to
    /// `default`. Returns the stored object.
    pub fn api_create(&mut self, obj: Value) -> Result<Value, ApiError> {
        self.api_create_free(obj, None).map(Rc::unwrap_or_clone)
    }

    /// [`Cluster::api_create`] for a caller that has just looked the object up under its kind,
    /// at `looked_up` (namespace, name), and found nothing (`kubectl apply`): when the object
    /// is still at that namespace and name, the name is not looked up again.
    /// The stored object is shared with the store, not copied.
    pub(crate) fn api_create_free(&mut self, mut obj: Value, looked_up: Option<(&str, &str)>) -> Result<Rc<Value>, ApiError> {
        let r = resource_of(&obj)?;
        if r.namespaced {
            let own = object::meta_str(&obj, "namespace");
            let defaulted = own.is_empty();
            let ns = if defaulted { "default" } else { own };
            if r.kind != "Namespace" {
                match self.api.store.get("Namespace", "", ns) {
                    None => return Err(ApiError::not_found("namespaces", ns)),
                    Some(n) if n.get("metadata").and_then(|m| m.get("deletionTimestamp")).is_some() => {
                        return Err(ApiError {
                            reason: Reason::Forbidden,
                            message: format!(
                                "{} \"{}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                                r.qualified_plural(),
                                object::meta_str(&obj, "name")
                            ),
                        })
                    }
                    Some(_) => {}
                }
            }
            if defaulted {
                set_meta(&mut obj, "namespace", json!("default"));
            }
        } else {
            remove_meta(&mut obj, &["namespace"]);
        }
        if object::meta_str(&obj, "name").is_empty() {
            if let Some(prefix) = object::get_str(&obj, "metadata.generateName").map(str::to_string) {
                let name = format!("{prefix}{}", self.ids.suffix(5));
                object::set(&mut obj, "metadata.name", json!(name));
            }
        }
        api::admit(Op::Create, &mut obj, None)?;
        // Only a claim's admission (DefaultStorageClass) reads the classes, and only claims and
        // volumes get a finalizer or a warning here.
        if matches!(r.kind, "PersistentVolumeClaim" | "PersistentVolume") {
            let classes: Vec<Value> = if r.kind == "PersistentVolumeClaim" {
                self.api.store.list("StorageClass", None).into_iter().cloned().collect()
            } else {
                Vec::new()
            };
            crate::controllers::pvc_protection::admit_create(&mut obj, &classes);
            self.api.warnings = crate::storage::warnings::for_object(&obj);
        } else {
            self.api.warnings.clear();
        }
        remove_meta(&mut obj, &["uid", "creationTimestamp", "generation"]);
        self.prepare_for_create(r.kind, &mut obj);
        let (ns, name) = (object::meta_str(&obj, "namespace"), object::meta_str(&obj, "name"));
        let seen_free = looked_up == Some((ns, name));
        if !seen_free && self.api.store.get(r.kind, ns, name).is_some() {
            return Err(ApiError::already_exists(&r.qualified_plural(), name));
        }
        // As for the request body: measure the object only when a cheap bound is over etcd's limit.
        if json_len_bound(&obj) > api::etcd::MAX_REQUEST_BYTES {
            api::etcd::check_object_size(&obj)?;
        }
        Ok(self.store_new_shared(obj))
    }

    /// What each kind's registry strategy does on create (`PrepareForCreate`): status starts
    /// over (a pod is `Pending`, a PV or PVC `Pending`, a namespace `Active` with the
    /// `kubernetes` finalizer and its name label).
    fn prepare_for_create(&mut self, kind: &str, obj: &mut Value) {
        if !has_status_subresource(kind) || kind == "Node" {
            return;
        }
        let status = match kind {
            "Pod" => json!({"phase": "Pending"}),
            "PersistentVolumeClaim" => json!({"phase": "Pending"}),
            "PersistentVolume" => json!({"phase": "Pending", "lastPhaseTransitionTime": self.clock.rfc3339()}),
            "Namespace" => json!({"phase": "Active"}),
            "Service" => json!({"loadBalancer": {}}),
            _ => json!({}),
        };
        object::set(obj, "status", status);
        if kind == "Namespace" {
            let name = object::name(obj).to_string();
            object::set(obj, "spec.finalizers", json!(["kubernetes"]));
            let labels = object::entry(obj, "metadata.labels");
            if !labels.is_object() {
                *labels = json!({});
            }
            if let Some(l) = labels.as_object_mut() {
                l.insert("kubernetes.io/metadata.name".into(), json!(name));
            }
        }
    }

    /// Stores `obj` as the lab's bootstrap does: no admission, its `status` kept; fills `uid`,
    /// `creationTimestamp` (unless set) and `generation`. For fixtures and benchmarks that need
    /// many objects in place without going through the scheduler and the kubelets.
    pub fn insert_object(&mut self, obj: Value) -> Value {
        self.store_new(obj)
    }

    /// Stores a new object without admission (the lab's bootstrap objects and controllers'
    /// internal writes): fills `uid`, `creationTimestamp` (unless set), `generation`.
    pub(crate) fn store_new(&mut self, obj: Value) -> Value {
        Rc::unwrap_or_clone(self.store_new_shared(obj))
    }

    /// [`Cluster::store_new`], the stored object shared with the store rather than copied.
    fn store_new_shared(&mut self, mut obj: Value) -> Rc<Value> {
        remove_meta(&mut obj, &["resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds"]);
        // Stored objects always carry the scheme defaults, as if they had been read back.
        let info = obj.get("kind").and_then(Value::as_str).and_then(resources::by_kind);
        match info {
            Some(r) => api::defaults::apply(r.kind, &mut obj),
            None => {
                let kind = object::kind(&obj).to_string();
                api::defaults::apply(&kind, &mut obj);
            }
        }
        let uid = self.ids.uid();
        // The metadata map is looked up once for the three fields.
        if let Some(meta) = meta_mut(&mut obj) {
            meta.insert("uid".to_string(), Value::String(uid));
            if !meta.contains_key("creationTimestamp") {
                meta.insert("creationTimestamp".to_string(), Value::String(self.now_rfc3339()));
            }
            if info.is_some_and(ResourceInfo::has_generation) {
                meta.insert("generation".to_string(), json!(1));
            }
        }
        self.api.store.apply(Change::Created(obj))
    }

    /// The clock's time as RFC 3339 (`Clock::rfc3339`), formatted once per simulated second:
    /// a create of thousands of objects stamps them all with the same text.
    fn now_rfc3339(&mut self) -> String {
        let now = self.clock.now();
        match &self.api.now_text {
            Some((at, text)) if *at == now => text.clone(),
            _ => {
                let text = self.clock.rfc3339();
                self.api.now_text = Some((now, text.clone()));
                text
            }
        }
    }

    /// Replaces an object (not its status, for kinds with a status subresource). A
    /// `resourceVersion` in `obj` must match the stored one (`Conflict` otherwise).
    /// `metadata.generation` grows when `spec` changes. An object being deleted whose last
    /// finalizer is removed goes away.
    pub fn api_update(&mut self, mut obj: Value) -> Result<Value, ApiError> {
        let r = resource_of(&obj)?;
        let ns = if r.namespaced { object::namespace(&obj).to_string() } else { String::new() };
        let name = object::name(&obj).to_string();
        let old = self.api.store.get(r.kind, &ns, &name).cloned().ok_or_else(|| ApiError::not_found(&r.qualified_plural(), &name))?;
        if let Some(rv) = object::get_str(&obj, "metadata.resourceVersion") {
            if Some(rv) != object::get_str(&old, "metadata.resourceVersion") {
                return Err(ApiError {
                    reason: Reason::Conflict,
                    message: format!(
                        "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                        r.qualified_plural()
                    ),
                });
            }
        }
        if has_status_subresource(r.kind) {
            match old.get("status") {
                Some(s) => object::set(&mut obj, "status", s.clone()),
                None => {
                    object::remove(&mut obj, "status");
                }
            }
        }
        for f in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion"] {
            let path = format!("metadata.{f}");
            match object::get(&old, &path) {
                Some(v) => object::set(&mut obj, &path, v.clone()),
                None => {
                    object::remove(&mut obj, &path);
                }
            }
        }
        if !r.namespaced {
            object::remove(&mut obj, "metadata.namespace");
        }
        api::admit(Op::Update, &mut obj, Some(&old))?;
        self.api.warnings = crate::storage::warnings::for_object(&obj);
        // `admit` bumps the generation of the kinds whose strategy it knows; the rest grow here.
        let was = object::get(&old, "metadata.generation").and_then(Value::as_i64).unwrap_or(1);
        let now = object::get(&obj, "metadata.generation").and_then(Value::as_i64).unwrap_or(1);
        if r.has_generation() && obj.get("spec") != old.get("spec") && now == was {
            object::set(&mut obj, "metadata.generation", json!(was + 1));
        }
        if obj == old {
            return Ok(old);
        }
        api::etcd::check_object_size(&obj)?;
        Ok(self.write_or_finalize(obj))
    }

    /// The `pods/binding` subresource, as the scheduler uses it: sets `spec.nodeName` (which a
    /// plain update may not change) and the `PodScheduled=True` condition.
    pub fn api_bind_pod(&mut self, ns: &str, name: &str, node: &str) -> Result<Value, ApiError> {
        let mut pod = self.api_get("Pod", ns, name)?.clone();
        if let Some(current) = object::get_str(&pod, "spec.nodeName").filter(|n| !n.is_empty()) {
            return Err(ApiError {
                reason: Reason::Conflict,
                message: format!("Operation cannot be fulfilled on pods/binding \"{name}\": pod {name} is already assigned to node \"{current}\""),
            });
        }
        if object::get(&pod, "metadata.deletionTimestamp").is_some() {
            return Err(ApiError {
                reason: Reason::Conflict,
                message: format!("Operation cannot be fulfilled on pods/binding \"{name}\": pod {name} is being deleted, cannot be assigned to a host"),
            });
        }
        object::set(&mut pod, "spec.nodeName", json!(node));
        let now = self.clock.rfc3339();
        let conds = object::entry(&mut pod, "status.conditions");
        if !conds.is_array() {
            *conds = json!([]);
        }
        if let Some(a) = conds.as_array_mut() {
            a.retain(|c| object::get_str(c, "type") != Some("PodScheduled"));
            a.push(json!({"lastProbeTime": null, "lastTransitionTime": now, "status": "True", "type": "PodScheduled"}));
        }
        Ok(Rc::unwrap_or_clone(self.api.store.apply(Change::Modified(pod))))
    }

    /// Applies a JSON merge patch (RFC 7386) to the stored object and updates it, as
    /// `kubectl patch --type=merge` does. Controllers use it to change a few fields.
    pub fn api_patch(&mut self, kind: &str, ns: &str, name: &str, patch: &Value) -> Result<Value, ApiError> {
        let mut obj = self.api_get(kind, ns, name)?.clone();
        crate::kubectl::patch::merge_patch(&mut obj, patch);
        object::remove(&mut obj, "metadata.resourceVersion");
        self.api_update(obj)
    }

    /// Applies a JSON merge patch to the stored object's `status` only.
    pub fn api_patch_status(&mut self, kind: &str, ns: &str, name: &str, status_patch: &Value) -> Result<Value, ApiError> {
        let mut obj = self.api_get(kind, ns, name)?.clone();
        crate::kubectl::patch::merge_patch(object::entry(&mut obj, "status"), status_patch);
        self.api_update_status(&obj)
    }

    /// Replaces only `status` of the stored object (the status subresource), as controllers do.
    pub fn api_update_status(&mut self, obj: &Value) -> Result<Value, ApiError> {
        let r = resource_of(obj)?;
        let ns = if r.namespaced { object::namespace(obj) } else { "" };
        let name = object::name(obj);
        let mut cur = self.api.store.get(r.kind, ns, name).cloned().ok_or_else(|| ApiError::not_found(&r.qualified_plural(), name))?;
        if cur.get("status") == obj.get("status") {
            return Ok(cur);
        }
        match obj.get("status") {
            Some(s) => object::set(&mut cur, "status", s.clone()),
            None => {
                object::remove(&mut cur, "status");
            }
        }
        Ok(Rc::unwrap_or_clone(self.api.store.apply(Change::Modified(cur))))
    }

    /// Stores `obj`, or removes it when it is being deleted and nothing holds it any more.
    fn write_or_finalize(&mut self, obj: Value) -> Value {
        let deleting = object::get(&obj, "metadata.deletionTimestamp").is_some();
        let pod_waits = object::kind(&obj) == "Pod"
            && object::get(&obj, "metadata.deletionGracePeriodSeconds").and_then(Value::as_i64).unwrap_or(0) > 0;
        if deleting && !has_finalizers(&obj) && !pod_waits {
            Rc::unwrap_or_clone(self.api.store.apply(Change::Deleted(obj)))
        } else {
            Rc::unwrap_or_clone(self.api.store.apply(Change::Modified(obj)))
        }
    }

    /// Deletes an object. Objects with finalizers get a `deletionTimestamp` and stay until the
    /// finalizers are removed; a pod on a node gets a grace period and stays until its kubelet
    /// finishes it ([`Cluster::api_finish_pod`]); a namespace turns `Terminating` and the
    /// namespace controller empties it. Returns the object as it is after the call.
    pub fn api_delete(&mut self, kind: &str, ns: &str, name: &str, opts: &DeleteOptions) -> Result<Value, ApiError> {
        let mut obj = self.api_get(kind, ns, name)?.clone();
        let now = self.clock.now();
        if kind == "Namespace" && IMMORTAL_NAMESPACES.contains(&name) {
            return Err(ApiError {
                reason: Reason::Forbidden,
                message: format!("namespaces \"{name}\" is forbidden: this namespace may not be deleted"),
            });
        }
        if object::get(&obj, "metadata.deletionTimestamp").is_some() {
            if kind == "Pod" && opts.grace_period == Some(0) {
                return Ok(self.api_finish_pod(&obj));
            }
            return Ok(obj);
        }
        match opts.propagation {
            Propagation::Orphan => self.orphan_dependents(object::uid(&obj).to_string()),
            Propagation::Foreground => {
                let fins = object::entry(&mut obj, "metadata.finalizers");
                if !fins.is_array() {
                    *fins = json!([]);
                }
                if let Some(a) = fins.as_array_mut() {
                    a.push(json!("foregroundDeletion"));
                }
            }
            Propagation::Background => {}
        }
        if kind == "Namespace" {
            object::set(&mut obj, "metadata.deletionTimestamp", json!(self.clock.rfc3339()));
            object::set(&mut obj, "status.phase", json!("Terminating"));
            return Ok(Rc::unwrap_or_clone(self.api.store.apply(Change::Modified(obj))));
        }
        let mut grace = 0;
        if kind == "Pod" && object::get_str(&obj, "spec.nodeName").is_some_and(|n| !n.is_empty()) {
            let default = object::get(&obj, "spec.terminationGracePeriodSeconds").and_then(Value::as_i64).unwrap_or(30);
            grace = opts.grace_period.unwrap_or(default).max(0);
            // A pod that never started has nothing to stop.
            if object::get_str(&obj, "status.phase").is_some_and(|p| p == "Succeeded" || p == "Failed") {
                grace = 0;
            }
        }
        if grace == 0 && !has_finalizers(&obj) {
            return Ok(Rc::unwrap_or_clone(self.api.store.apply(Change::Deleted(obj))));
        }
        object::set(&mut obj, "metadata.deletionTimestamp", json!(crate::clock::rfc3339(now + grace)));
        object::set(&mut obj, "metadata.deletionGracePeriodSeconds", json!(grace));
        Ok(Rc::unwrap_or_clone(self.api.store.apply(Change::Modified(obj))))
    }

    /// The kubelet's final delete of a terminating pod (grace period 0): the pod goes away
    /// unless finalizers hold it.
    pub fn api_finish_pod(&mut self, pod: &Value) -> Value {
        let Some(mut cur) = self.api.store.get("Pod", object::namespace(pod), object::name(pod)).cloned() else {
            return pod.clone();
        };
        if object::get(&cur, "metadata.deletionTimestamp").is_none() {
            object::set(&mut cur, "metadata.deletionTimestamp", json!(self.clock.rfc3339()));
        }
        object::set(&mut cur, "metadata.deletionGracePeriodSeconds", json!(0));
        self.write_or_finalize(cur)
    }

    fn orphan_dependents(&mut self, owner_uid: String) {
        let dependents: Vec<Value> = self
            .api
            .store
            .dependents()
            .into_iter()
            .filter(|o| owner_refs(o).iter().any(|r| object::get_str(r, "uid") == Some(&owner_uid)))
            .cloned()
            .collect();
        for mut d in dependents {
            if let Some(refs) = object::entry(&mut d, "metadata.ownerReferences").as_array_mut() {
                refs.retain(|r| object::get_str(r, "uid") != Some(&owner_uid));
            }
            if owner_refs(&d).is_empty() {
                object::remove(&mut d, "metadata.ownerReferences");
            }
            self.api.store.apply(Change::Modified(d));
        }
    }
}

/// Sets `metadata.<key>` (`object::set` without parsing a path), making `metadata` an object
/// if it is not one.
fn set_meta(obj: &mut Value, key: &str, value: Value) {
    if let Some(meta) = meta_mut(obj) {
        meta.insert(key.to_string(), value);
    }
}

/// `metadata` of `obj` as a map, made one (as `object::entry` does) when it is missing or not
/// a map; `None` when `obj` itself is not an object.
pub(crate) fn meta_mut(obj: &mut Value) -> Option<&mut serde_json::Map<String, Value>> {
    if !object::field(obj, "metadata").is_some_and(Value::is_object) {
        obj.as_object_mut()?.insert("metadata".to_string(), Value::Object(serde_json::Map::new()));
    }
    object::field_mut(obj, "metadata")?.as_object_mut()
}

/// Removes the `metadata` fields `names` of `obj` (those that are there).
fn remove_meta(obj: &mut Value, names: &[&str]) {
    if let Some(meta) = object::field_mut(obj, "metadata") {
        for f in names {
            // Most are absent: looking is cheaper than a remove's search.
            if object::field(meta, f).is_some() {
                if let Some(m) = meta.as_object_mut() {
                    m.remove(*f);
                }
            }
        }
    }
}

/// `metadata.ownerReferences` of `obj` (empty when none).
pub fn owner_refs(obj: &Value) -> &[Value] {
    object::get(obj, "metadata.ownerReferences").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// An owner reference to `owner`, with `controller: true` and `blockOwnerDeletion: true`, as
/// workload controllers set it.
pub fn controller_ref(owner: &Value) -> Value {
    json!({
        "apiVersion": object::get_str(owner, "apiVersion").unwrap_or("v1"),
        "blockOwnerDeletion": true,
        "controller": true,
        "kind": object::kind(owner),
        "name": object::name(owner),
        "uid": object::uid(owner),
    })
}
