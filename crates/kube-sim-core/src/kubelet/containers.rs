//! Containers: image pulls, creation (mount namespace over the image's root, volume mounts),
//! their main process, exits, restarts with back-off, and stopping.

use serde_json::Value;

use super::images::{self, Image};
use super::process::Process;
use super::{PodRt, COMPONENT};
use crate::cluster::{Cluster, ProcCtx};
use crate::fs::MountOpts;
use crate::object;

/// The longest crash back-off.
pub const MAX_BACKOFF: i64 = 300;

/// How a container ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Exit status.
    pub exit_code: i32,
    /// `Completed`, `Error`.
    pub reason: String,
    /// When it started and finished.
    pub started: i64,
    /// When it finished.
    pub finished: i64,
    /// Its container id.
    pub id: String,
}

/// A container's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// Not running: reason and message.
    Waiting(String, String),
    /// Running since.
    Running(i64),
    /// Exited.
    Terminated(Term),
}

/// A mount as `docker inspect` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountInfo {
    /// The node path.
    pub source: String,
    /// The path in the container.
    pub destination: String,
    /// Writable.
    pub rw: bool,
}

/// One container of a pod.
#[derive(Clone, Debug)]
pub struct CtrRt {
    /// Container name.
    pub name: String,
    /// Image reference as written.
    pub image: String,
    /// The current container's id (64 hex digits; empty before the first start).
    pub id: String,
    /// The current container's mount namespace (its docker name).
    pub fs_ns: String,
    /// Restarts so far.
    pub restart_count: u32,
    /// State.
    pub state: State,
    /// The previous instance's end.
    pub last: Option<Term>,
    /// The current instance's log.
    pub log: String,
    /// The previous instance's log.
    pub prev_log: Option<String>,
    /// The main process.
    pub proc: Option<Process>,
    /// Next back-off length.
    pub backoff: i64,
    /// When the next attempt may happen.
    pub retry_at: i64,
    /// When the image pull in progress completes (0: none).
    pub pull_done: i64,
    /// When the current instance was created.
    pub created: i64,
    /// Its command line.
    pub argv: Vec<String>,
    /// Its volume mounts.
    pub mounts: Vec<MountInfo>,
    /// The process's user (`root` or `UID[:GID]`).
    pub user: String,
    /// The working directory.
    pub cwd: String,
    /// Its environment.
    pub env: Vec<(String, String)>,
}

impl CtrRt {
    /// The context a process of this container runs in.
    pub fn ctx(&self) -> ProcCtx {
        ProcCtx { host: self.fs_ns.clone(), user: self.user.clone(), cwd: self.cwd.clone() }
    }

    /// Whether it runs now.
    pub fn running(&self) -> bool {
        matches!(self.state, State::Running(_))
    }
}

fn spec_containers(pod: &Value) -> Vec<Value> {
    object::get(pod, "spec.containers").and_then(Value::as_array).cloned().unwrap_or_default()
}

/// One sync of the pod's containers.
pub fn sync(cluster: &mut Cluster, pod: &Value, rt: &mut PodRt) {
    let specs = spec_containers(pod);
    if rt.containers.is_empty() {
        for c in &specs {
            rt.containers.push(CtrRt {
                name: object::get_str(c, "name").unwrap_or("").to_string(),
                image: object::get_str(c, "image").unwrap_or("").to_string(),
                id: String::new(),
                fs_ns: String::new(),
                restart_count: 0,
                state: State::Waiting("ContainerCreating".into(), String::new()),
                last: None,
                log: String::new(),
                prev_log: None,
                proc: None,
                backoff: 0,
                retry_at: 0,
                pull_done: 0,
                created: 0,
                argv: Vec::new(),
                mounts: Vec::new(),
                user: "root".into(),
                cwd: "/".into(),
                env: Vec::new(),
            });
        }
    }
    let policy = object::get_str(pod, "spec.restartPolicy").unwrap_or("Always").to_string();
    let now = cluster.now();
    for (i, spec) in specs.iter().enumerate() {
        let Some(c) = rt.containers.get(i).cloned() else { continue };
        let mut c = c;
        match c.state.clone() {
            State::Waiting(reason, _) => {
                if reason != "ContainerCreating" && now < c.retry_at {
                    rt.containers[i] = c;
                    continue;
                }
                start(cluster, pod, rt, spec, &mut c);
            }
            State::Running(_) => step(cluster, &mut c),
            State::Terminated(t) => {
                let again = match policy.as_str() {
                    "Never" => false,
                    "OnFailure" => t.exit_code != 0,
                    _ => true,
                };
                if again {
                    // The first restart is immediate (an image pull it needs may take a while).
                    if c.backoff == 0 || c.pull_done != 0 {
                        c.backoff = c.backoff.max(10);
                        start(cluster, pod, rt, spec, &mut c);
                    } else {
                        let msg = format!("back-off {} restarting failed container={} pod={}_{}({})", go_duration(c.backoff), c.name, rt.name, rt.ns, rt.uid);
                        cluster.record_event_from(
                            pod,
                            "Warning",
                            "BackOff",
                            &format!("Back-off restarting failed container {} in pod {}_{}({})", c.name, rt.name, rt.ns, rt.uid),
                            COMPONENT,
                            Some(&rt.node),
                        );
                        c.state = State::Waiting("CrashLoopBackOff".into(), msg);
                        c.retry_at = now + c.backoff;
                        c.backoff = (c.backoff * 2).min(MAX_BACKOFF);
                    }
                }
            }
        }
        rt.containers[i] = c;
    }
}

fn event(cluster: &mut Cluster, pod: &Value, rt: &PodRt, type_: &str, reason: &str, msg: &str) {
    cluster.record_event_from(pod, type_, reason, msg, COMPONENT, Some(&rt.node));
}

/// Pulls the image if needed, then creates and starts the container.
fn start(cluster: &mut Cluster, pod: &Value, rt: &PodRt, spec: &Value, c: &mut CtrRt) {
    let now = cluster.now();
    let Some(image) = images::lookup(&c.image).copied() else {
        let in_backoff = matches!(&c.state, State::Waiting(r, _) if r == "ErrImagePull" || r == "ImagePullBackOff");
        if in_backoff && matches!(&c.state, State::Waiting(r, _) if r == "ErrImagePull") {
            let msg = format!("Back-off pulling image \"{}\"", c.image);
            event(cluster, pod, rt, "Normal", "BackOff", &msg);
            event(cluster, pod, rt, "Warning", "Failed", "Error: ImagePullBackOff");
            c.state = State::Waiting("ImagePullBackOff".into(), msg);
            c.backoff = if c.backoff == 0 { 10 } else { (c.backoff * 2).min(MAX_BACKOFF) };
            c.retry_at = now + c.backoff;
            return;
        }
        let repo = images::repo_of(&c.image);
        let detail = format!("Error response from daemon: pull access denied for {repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
        event(cluster, pod, rt, "Normal", "Pulling", &format!("Pulling image \"{}\"", c.image));
        event(cluster, pod, rt, "Warning", "Failed", &format!("Failed to pull image \"{}\": {detail}", c.image));
        event(cluster, pod, rt, "Warning", "Failed", "Error: ErrImagePull");
        c.state = State::Waiting("ErrImagePull".into(), detail);
        c.retry_at = now + 1;
        return;
    };
    let policy = object::get_str(spec, "imagePullPolicy").unwrap_or_else(|| images::default_pull_policy(&c.image)).to_string();
    let present = cluster.kubelet.images.get(&rt.node).is_some_and(|s| s.contains(&c.image));
    if policy == "Always" || !present {
        let secs = 1.0 + (image.size / 50_000_000) as f64 + 0.123;
        if c.pull_done == 0 {
            event(cluster, pod, rt, "Normal", "Pulling", &format!("Pulling image \"{}\"", c.image));
            c.pull_done = now + secs.ceil() as i64;
            return;
        }
        if now < c.pull_done {
            return;
        }
        c.pull_done = 0;
        event(cluster, pod, rt, "Normal", "Pulled", &format!("Successfully pulled image \"{}\" in {secs:.3}s ({secs:.3}s including waiting). Image size: {} bytes.", c.image, image.size));
        cluster.kubelet.images.entry(rt.node.clone()).or_default().insert(c.image.clone());
    } else {
        event(cluster, pod, rt, "Normal", "Pulled", &format!("Container image \"{}\" already present on machine", c.image));
    }
    let env = match super::env::container_env(cluster, pod, spec) {
        Ok(e) => e,
        Err(msg) => {
            event(cluster, pod, rt, "Warning", "Failed", &format!("Error: {msg}"));
            c.state = State::Waiting("CreateContainerConfigError".into(), msg);
            c.retry_at = now + 10;
            return;
        }
    };
    create(cluster, rt, spec, c, &image, env);
    event(cluster, pod, rt, "Normal", "Created", &format!("Created container: {}", c.name));
    event(cluster, pod, rt, "Normal", "Started", &format!("Started container {}", c.name));
    step(cluster, c);
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
}

/// Creates the container: its root filesystem, mounts and process.
fn create(cluster: &mut Cluster, rt: &PodRt, spec: &Value, c: &mut CtrRt, image: &Image, env: Vec<(String, String)>) {
    let now = cluster.now();
    if c.id.is_empty() {
        c.prev_log = None;
    } else {
        c.restart_count += 1;
        cluster.fs.remove_namespace(&c.fs_ns);
        c.prev_log = Some(std::mem::take(&mut c.log));
    }
    c.id = cluster.ids.hex(64);
    c.fs_ns = format!("k8s_{}_{}_{}_{}_{}", c.name, rt.name, rt.ns, rt.uid, c.restart_count);
    let root = images::rootfs(cluster, image, &rt.name, &rt.ip);
    if image.repo == "mysql" {
        let v = if crate::mysql::MysqlVersion::from_image(&c.image).is_some_and(|v| v.is_v8()) { "8.0\n" } else { "5.6\n" };
        let _ = cluster.fs.dir_write(root, "usr/bin/mysql", v.as_bytes(), 0o755, 0, 0, now);
    }
    let ropts = MountOpts { source: "overlay".into(), fstype: "overlay".into(), ..MountOpts::default() };
    cluster.fs.create_namespace_at(&c.fs_ns, root, ropts);
    c.mounts.clear();
    let vms: Vec<Value> = object::get(spec, "volumeMounts").and_then(Value::as_array).cloned().unwrap_or_default();
    for (idx, vm) in vms.iter().enumerate() {
        let name = object::get_str(vm, "name").unwrap_or("");
        let Some(vol) = rt.volumes.get(name) else { continue };
        let dest = object::get_str(vm, "mountPath").unwrap_or("").to_string();
        let ro = object::get(vm, "readOnly").and_then(Value::as_bool).unwrap_or(false);
        let mut opts = vol.opts.clone();
        opts.read_only |= ro;
        let (ino, source) = match object::get_str(vm, "subPath").filter(|s| !s.is_empty()) {
            Some(sub) => {
                let cred = crate::fs::Cred::root();
                let target = format!("{}/{sub}", vol.host_path);
                let ino = cluster.fs.lookup(&rt.node, &target).or_else(|_| cluster.fs.mkdir_p(&rt.node, &cred, &target, 0o755, now));
                let src = format!("{}/volume-subpaths/{name}/{}/{idx}", super::volumes::pod_dir(&rt.uid), c.name);
                (ino.unwrap_or(vol.ino), src)
            }
            None => (vol.ino, vol.host_path.clone()),
        };
        let _ = cluster.fs.bind_mount(&c.fs_ns, &dest, ino, opts.clone(), now);
        c.mounts.push(MountInfo { source, destination: dest, rw: !opts.read_only });
    }
    let command = strings(spec.get("command"));
    let args = strings(spec.get("args"));
    let entry_len: usize = if matches!(image.repo, "nginx" | "mysql") { 1 } else { 0 };
    c.argv = match (command.is_empty(), args.is_empty()) {
        (false, _) => command.into_iter().chain(args).collect(),
        // The entrypoint script runs the server for options (`--x`) or the server's name, and
        // execs anything else directly.
        (true, false) if entry_len == 1 && args.first().is_some_and(|a| a.starts_with('-')) => image.default_cmd.iter().map(|s| s.to_string()).chain(args).collect(),
        (true, false) if entry_len == 1 && args.first().is_some_and(|a| matches!(a.as_str(), "mysqld" | "nginx")) => {
            image.default_cmd.iter().take(1).map(|s| s.to_string()).chain(args).collect()
        }
        (true, false) => args,
        (true, true) => image.default_cmd.iter().map(|s| s.to_string()).collect(),
    };
    // Kubernetes component images run their server, unless told to run a shell script (the
    // recycler pod runs `/bin/sh -c` in `registry.k8s.io/build-image/debian-base`).
    let runs_shell = c.argv.first().is_some_and(|a| matches!(a.rsplit('/').next().unwrap_or(a), "sh" | "bash" | "ash"));
    let daemon = (image.repo == "registry.k8s.io" && !runs_shell)
        || c.argv.first().is_some_and(|a| {
            let base = a.rsplit('/').next().unwrap_or(a);
            matches!(base, "nginx" | "mysqld")
                || base == "docker-entrypoint.sh" && c.argv.get(1).is_some_and(|x| matches!(x.as_str(), "nginx" | "mysqld") || x.starts_with('-'))
        });
    let run_as = object::get(spec, "securityContext.runAsUser").or_else(|| object::get(spec, "securityContext.runAsUser")).and_then(Value::as_i64);
    c.user = run_as.map_or("root".to_string(), |u| u.to_string());
    c.cwd = object::get_str(spec, "workingDir").unwrap_or("/").to_string();
    let mut full_env = vec![("PATH".to_string(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string()), ("HOSTNAME".to_string(), rt.name.clone())];
    full_env.extend(env);
    c.env = full_env;
    c.proc = Some(Process::new(&c.argv, &c.env, daemon));
    c.created = now;
    c.state = State::Running(now);
    if image.repo == "mysql" && daemon {
        let random = cluster.ids.hex(32);
        if let Some(o) = super::mysqld::start(&mut cluster.fs, &c.fs_ns, &c.image, &c.env, now, &rt.name, &random) {
            c.log.push_str(&o.log);
            if !o.ready {
                exit(cluster, c, o.exit_code);
            }
        }
    }
}

/// Runs the container's process until it sleeps or exits.
fn step(cluster: &mut Cluster, c: &mut CtrRt) {
    let Some(mut p) = c.proc.take() else { return };
    let ctx = c.ctx();
    let ran = p.run(cluster, &ctx);
    c.log.push_str(&ran.output);
    match ran.exited {
        Some(code) => exit(cluster, c, code),
        None => c.proc = Some(p),
    }
}

/// The container's process ended with `code`.
fn exit(cluster: &Cluster, c: &mut CtrRt, code: i32) {
    let started = match c.state {
        State::Running(s) => s,
        _ => cluster.now(),
    };
    let t = Term { exit_code: code, reason: if code == 0 { "Completed".into() } else { "Error".into() }, started, finished: cluster.now(), id: c.id.clone() };
    c.last = Some(t.clone());
    c.state = State::Terminated(t);
    c.proc = None;
}

/// Stops the pod's containers (SIGTERM, then SIGKILL at the end of the grace period).
/// Returns true once none runs.
pub fn kill(cluster: &mut Cluster, pod: &Value, rt: &mut PodRt) -> bool {
    let now = cluster.now();
    let deadline = object::get_str(pod, "metadata.deletionTimestamp").and_then(crate::clock::parse_rfc3339).unwrap_or(now);
    if rt.killing_since.is_none() {
        rt.killing_since = Some(now);
        let names: Vec<String> = rt.containers.iter().filter(|c| c.running()).map(|c| c.name.clone()).collect();
        for n in names {
            event(cluster, pod, rt, "Normal", "Killing", &format!("Stopping container {n}"));
        }
    }
    for c in rt.containers.iter_mut() {
        if !c.running() {
            continue;
        }
        let stops = images::lookup(&c.image).is_some_and(|i| i.stops_on_term) && matches!(c.proc.as_ref().map(|p| &p.kind), Some(super::process::Kind::Daemon));
        if stops {
            if images::repo_of(&c.image) == "mysql" {
                let log = super::mysqld::stop(&mut cluster.fs, &c.fs_ns, &c.image, now);
                c.log.push_str(&log);
            }
            exit(cluster, c, 0);
        } else if now >= deadline {
            exit(cluster, c, 137);
        }
    }
    rt.containers.iter().all(|c| !c.running())
}

/// The node lost power: every running container's process dies with status 255.
pub fn power_lost(cluster: &Cluster, rt: &mut PodRt) {
    for c in rt.containers.iter_mut().filter(|c| c.running()) {
        exit(cluster, c, 255);
    }
}

/// Removes the pod's containers' namespaces.
pub fn remove_all(cluster: &mut Cluster, rt: &PodRt) {
    for c in &rt.containers {
        cluster.fs.remove_namespace(&c.fs_ns);
    }
}

/// A Go `time.Duration` string for whole seconds: `10s`, `1m20s`, `5m0s`.
pub fn go_duration(secs: i64) -> String {
    if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{}m{}s", secs / 60, secs % 60)
    } else {
        format!("{}h{}m{}s", secs / 3600, secs % 3600 / 60, secs % 60)
    }
}
