//! `kubectl create secret generic|docker-registry|tls` and `kubectl create configmap`,
//! byte-identical to kubectl v1.32: flags, sources, key checks, `--append-hash`,
//! `--save-config`, `--dry-run`, `-o`, and the same error texts in the same order.

mod certs;
mod hash;
mod help;
mod sources;

use crate::cluster::{Cluster, ProcCtx, ProgramOutput};
use crate::kubectl::flags::{self, flag, FlagKind, FlagSpec};
use crate::kubectl::output::{json_compact, parse_output, print_object, typed_order, DryRun};
use base64::Engine;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Flags every generator shares: print flags, `--save-config`, `--validate`, `--dry-run`,
/// `--field-manager`.
const COMMON: &[FlagSpec] = &[
    flag("output", Some('o'), FlagKind::Value),
    flag("template", None, FlagKind::Value),
    flag("show-managed-fields", None, FlagKind::Bool),
    flag("allow-missing-template-keys", None, FlagKind::Bool),
    flag("save-config", None, FlagKind::Bool),
    flag("validate", None, FlagKind::Value),
    flag("dry-run", None, FlagKind::Value),
    flag("field-manager", None, FlagKind::Value),
    flag("append-hash", None, FlagKind::Bool),
];

const GENERIC: &[FlagSpec] = &[
    flag("from-file", None, FlagKind::Repeated),
    flag("from-literal", None, FlagKind::Repeated),
    flag("from-env-file", None, FlagKind::Repeated),
    flag("type", None, FlagKind::Value),
];

const CONFIGMAP: &[FlagSpec] = &[
    flag("from-file", None, FlagKind::Repeated),
    flag("from-literal", None, FlagKind::Repeated),
    flag("from-env-file", None, FlagKind::Repeated),
];

const DOCKER: &[FlagSpec] = &[
    flag("docker-username", None, FlagKind::Value),
    flag("docker-password", None, FlagKind::Value),
    flag("docker-email", None, FlagKind::Value),
    flag("docker-server", None, FlagKind::Value),
    flag("from-file", None, FlagKind::Repeated),
];

const TLS: &[FlagSpec] = &[flag("cert", None, FlagKind::Value), flag("key", None, FlagKind::Value)];

const SECRET_HELP: &str = "Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use \"kubectl create secret <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// The generator a command line asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gen {
    Generic,
    Docker,
    Tls,
    ConfigMap,
}

impl Gen {
    fn cmd_path(self) -> &'static str {
        match self {
            Gen::Generic => "kubectl create secret generic",
            Gen::Docker => "kubectl create secret docker-registry",
            Gen::Tls => "kubectl create secret tls",
            Gen::ConfigMap => "kubectl create configmap",
        }
    }

    fn specs(self) -> Vec<FlagSpec> {
        let own = match self {
            Gen::Generic => GENERIC,
            Gen::Docker => DOCKER,
            Gen::Tls => TLS,
            Gen::ConfigMap => CONFIGMAP,
        };
        own.iter().chain(COMMON).copied().collect()
    }
}

/// Runs `kubectl create secret ...` or `kubectl create configmap ...` (`args[0]` is `secret`,
/// `configmap` or `cm`).
pub fn run(cluster: &mut Cluster, ctx: &ProcCtx, args: &[String]) -> ProgramOutput {
    let mut out = ProgramOutput::default();
    let result = match args.first().map(String::as_str) {
        Some("configmap" | "cm") => generate(cluster, ctx, Gen::ConfigMap, &args[1..], &mut out),
        _ => secret(cluster, ctx, args.get(1..).unwrap_or(&[]), &mut out),
    };
    if let Err(text) = result {
        out.stderr.push_str(&text);
        out.code = 1;
    }
    out
}

fn secret(cluster: &mut Cluster, ctx: &ProcCtx, args: &[String], out: &mut ProgramOutput) -> Result<(), String> {
    // The subcommand is the first word that is neither a flag nor a global flag's value.
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') {
        let takes_value = matches!(args[i].as_str(), "-n" | "--namespace" | "--context" | "--kubeconfig" | "--cluster" | "--user" | "-s" | "--server");
        i += if takes_value { 2 } else { 1 };
    }
    let Some(sub) = args.get(i) else {
        if args.iter().any(|a| a == "-h" || a == "--help") {
            out.stdout.push_str(SECRET_HELP);
            return Ok(());
        }
        if let Some(bad) = args.iter().find(|a| a.starts_with('-')) {
            flags::parse(std::slice::from_ref(bad), &[], "kubectl create secret")?;
        }
        return Err(SECRET_HELP.to_string());
    };
    let gen = match sub.as_str() {
        "generic" => Gen::Generic,
        "docker-registry" => Gen::Docker,
        "tls" => Gen::Tls,
        _ => {
            let words: Vec<&str> = args[i..].iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
            return Err(format!("error: unknown command \"{}\"\nSee 'kubectl create secret -h' for help and examples\n", words.join(" ")));
        }
    };
    let rest: Vec<String> = args[..i].iter().chain(&args[i + 1..]).cloned().collect();
    generate(cluster, ctx, gen, &rest, out)
}

/// Gives `--dry-run` and `--validate` their no-value defaults (pflag's NoOptDefVal).
fn with_no_opt_defaults(args: &[String]) -> Vec<String> {
    let mut seen_dash = false;
    args.iter()
        .map(|a| {
            seen_dash |= a == "--";
            match a.as_str() {
                "--dry-run" if !seen_dash => "--dry-run=unchanged".to_string(),
                "--validate" if !seen_dash => "--validate=strict".to_string(),
                _ => a.clone(),
            }
        })
        .collect()
}

/// klog's warning line, stamped with the simulated clock.
fn klog_warning(cluster: &Cluster, line: u32, msg: &str) -> String {
    let (_, mo, d, h, mi, s) = crate::clock::civil(cluster.now());
    format!("W{mo:02}{d:02} {h:02}:{mi:02}:{s:02}.000000   12345 helpers.go:{line}] {msg}\n")
}

fn dry_run_strategy(cluster: &Cluster, value: Option<&str>, out: &mut ProgramOutput) -> Result<DryRun, String> {
    let v = value.unwrap_or("none");
    match v {
        "unchanged" => {
            out.stderr.push_str(&klog_warning(cluster, 702, "--dry-run is deprecated and can be replaced with --dry-run=client."));
            Ok(DryRun::Client)
        }
        "client" => Ok(DryRun::Client),
        "server" => Ok(DryRun::Server),
        "none" => Ok(DryRun::None),
        "1" | "t" | "T" | "TRUE" | "true" | "True" => {
            let msg = format!("--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run=client.");
            out.stderr.push_str(&klog_warning(cluster, 716, &msg));
            Ok(DryRun::Client)
        }
        "0" | "f" | "F" | "FALSE" | "false" | "False" => {
            let msg = format!("--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run=none.");
            out.stderr.push_str(&klog_warning(cluster, 719, &msg));
            Ok(DryRun::None)
        }
        other => Err(format!("error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".\n")),
    }
}

fn check_validate(value: Option<&str>) -> Result<(), String> {
    match value.unwrap_or("strict") {
        "1" | "t" | "T" | "TRUE" | "true" | "True" | "0" | "f" | "F" | "FALSE" | "false" | "False" | "strict" | "warn" | "ignore" => Ok(()),
        other => Err(format!("error: invalid - validate option \"{other}\"; must be one of: strict (or true), warn, ignore (or false)\n")),
    }
}

/// Every value of a string-slice flag, split at commas.
fn slice_flag(p: &flags::Parsed, name: &str) -> Vec<String> {
    p.all(name).iter().flat_map(|v| sources::split_csv(v)).collect()
}

fn generate(cluster: &mut Cluster, ctx: &ProcCtx, gen: Gen, args: &[String], out: &mut ProgramOutput) -> Result<(), String> {
    let specs = gen.specs();
    let p = flags::parse(&with_no_opt_defaults(args), &specs, gen.cmd_path())?;
    if p.is_set("help") {
        out.stdout.push_str(match gen {
            Gen::Generic => help::GENERIC,
            Gen::Docker => help::DOCKER,
            Gen::Tls => help::TLS,
            Gen::ConfigMap => help::CONFIGMAP,
        });
        return Ok(());
    }
    let names = p.args.len();
    if names != 1 {
        return Err(format!("error: exactly one NAME is required, got {names}\nSee '{} -h' for help and examples\n", gen.cmd_path()));
    }
    let name = p.args[0].clone();
    let save_config = p.is_set("save-config");
    let dry_run = dry_run_strategy(cluster, p.get("dry-run"), out)?;
    let namespace = p.get("namespace").map(str::to_string);
    let format = parse_output(p.get("output"))?;
    check_validate(p.get("validate"))?;
    let err = |e: String| format!("error: {e}\n");

    let from_file = slice_flag(&p, "from-file");
    let from_env = slice_flag(&p, "from-env-file");
    let literals = p.all("from-literal").to_vec();
    let mut obj = match gen {
        Gen::Generic | Gen::ConfigMap => {
            if name.is_empty() {
                return Err(err("name must be specified".into()));
            }
            if !from_env.is_empty() && (!from_file.is_empty() || !literals.is_empty()) {
                return Err(err("from-env-file cannot be combined with from-file or from-literal".into()));
            }
            if gen == Gen::ConfigMap {
                build_config_map(cluster, ctx, &name, &from_file, &literals, &from_env).map_err(err)?
            } else {
                let mut data = BTreeMap::new();
                for l in &literals {
                    let (k, v) = sources::parse_literal(l).map_err(err)?;
                    add_secret_key(&mut data, &k, v.into_bytes()).map_err(err)?;
                }
                sources::from_file_sources(cluster, ctx, &from_file, &mut |k, v| add_secret_key(&mut data, k, v)).map_err(err)?;
                sources::from_env_files(cluster, ctx, &from_env, "secret", &mut |k, v| add_secret_key(&mut data, k, v.into_bytes()))
                    .map_err(err)?;
                secret_obj(&name, p.get("type").unwrap_or(""), &data)
            }
        }
        Gen::Docker => {
            let user = p.get("docker-username").unwrap_or("");
            let password = p.get("docker-password").unwrap_or("");
            let server = p.get("docker-server").unwrap_or("https://index.docker.io/v1/");
            if name.is_empty() {
                return Err(err("name must be specified".into()));
            }
            if from_file.is_empty() && (user.is_empty() || password.is_empty() || server.is_empty()) {
                return Err(err("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required".into()));
            }
            let mut data = BTreeMap::new();
            if from_file.is_empty() {
                let content = certs::docker_config_json(user, password, p.get("docker-email").unwrap_or(""), server);
                data.insert(".dockerconfigjson".to_string(), content.into_bytes());
            } else {
                sources::from_file_sources(cluster, ctx, &from_file, &mut |k, v| add_secret_key(&mut data, k, v)).map_err(err)?;
            }
            secret_obj(&name, "kubernetes.io/dockerconfigjson", &data)
        }
        Gen::Tls => {
            let (cert_path, key_path) = (p.get("cert").unwrap_or(""), p.get("key").unwrap_or(""));
            if cert_path.is_empty() || key_path.is_empty() {
                return Err(err("key and cert must be specified".into()));
            }
            let read = |path: &str| sources::read_file(cluster, ctx, path).map_err(|e| err(format!("Cannot read file {path}, {e}")));
            let cert = read(cert_path)?;
            let key = read(key_path)?;
            certs::check_key_pair(&cert, &key).map_err(err)?;
            let data = BTreeMap::from([("tls.crt".to_string(), cert), ("tls.key".to_string(), key)]);
            secret_obj(&name, "kubernetes.io/tls", &data)
        }
    };
    if let Some(ns) = &namespace {
        insert_namespace(&mut obj, ns);
    }
    if p.is_set("append-hash") {
        append_hash(&mut obj);
    }
    if save_config {
        let applied = json_compact(&typed_order(&obj)) + "\n";
        crate::object::set(&mut obj, "metadata.annotations", json!({ "kubectl.kubernetes.io/last-applied-configuration": applied }));
    }
    let show_managed = p.is_set("show-managed-fields");
    if dry_run == DryRun::Client {
        out.stdout.push_str(&print_object(&obj, format, true, "created", dry_run, show_managed)?);
        return Ok(());
    }
    insert_namespace(&mut obj, namespace.as_deref().unwrap_or("default"));
    let created = if dry_run == DryRun::Server { cluster.clone().create_object(obj) } else { cluster.create_object(obj) };
    match created {
        Ok(stored) => {
            out.stdout.push_str(&print_object(&stored, format, true, "created", dry_run, show_managed)?);
            Ok(())
        }
        Err(e) => {
            let msg = match e.reason {
                crate::api::Reason::Invalid => e.message.strip_prefix("The ").unwrap_or(&e.message).to_string(),
                _ => e.message.clone(),
            };
            let prefix = match gen {
                Gen::ConfigMap => "failed to create configmap: ",
                Gen::Tls => "failed to create secret: ",
                _ => "failed to create secret ",
            };
            Err(err(format!("{prefix}{msg}")))
        }
    }
}

/// Puts `metadata.namespace` right where the typed printer expects it.
fn insert_namespace(obj: &mut Value, ns: &str) {
    crate::object::set(obj, "metadata.namespace", json!(ns));
}

fn add_secret_key(data: &mut BTreeMap<String, Vec<u8>>, key: &str, value: Vec<u8>) -> Result<(), String> {
    let errs = sources::config_map_key_errors(key);
    if !errs.is_empty() {
        return Err(format!("{} is not valid key name for a Secret {}", sources::go_quote(key), errs.join(";")));
    }
    if data.contains_key(key) {
        return Err(format!("cannot add key {key}, another key by that name already exists"));
    }
    data.insert(key.to_string(), value);
    Ok(())
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn secret_obj(name: &str, secret_type: &str, data: &BTreeMap<String, Vec<u8>>) -> Value {
    let mut obj = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "creationTimestamp": null}});
    if !data.is_empty() {
        let m: Map<String, Value> = crate::sort::json_map(data.iter().map(|(k, v)| (k.clone(), json!(b64(v)))).collect());
        obj["data"] = Value::Object(m);
    }
    if !secret_type.is_empty() {
        obj["type"] = json!(secret_type);
    }
    obj
}

/// ConfigMap data: UTF-8 values go to `data`, others to `binaryData`.
#[derive(Default)]
struct CmData {
    name: String,
    data: BTreeMap<String, String>,
    binary: BTreeMap<String, Vec<u8>>,
}

impl CmData {
    fn check(&self, key: &str) -> Result<(), String> {
        let errs = sources::config_map_key_errors(key);
        if !errs.is_empty() {
            return Err(format!("{} is not a valid key name for a ConfigMap: {}", sources::go_quote(key), errs.join(",")));
        }
        let (q, n) = (sources::go_quote(key), sources::go_quote(&self.name));
        if self.data.contains_key(key) {
            return Err(format!("cannot add key {q}, another key by that name already exists in Data for ConfigMap {n}"));
        }
        if self.binary.contains_key(key) {
            return Err(format!("cannot add key {q}, another key by that name already exists in BinaryData for ConfigMap {n}"));
        }
        Ok(())
    }

    fn add_text(&mut self, key: &str, value: String) -> Result<(), String> {
        self.check(key)?;
        self.data.insert(key.to_string(), value);
        Ok(())
    }

    fn add_file(&mut self, key: &str, bytes: Vec<u8>) -> Result<(), String> {
        match String::from_utf8(bytes) {
            Ok(text) => self.add_text(key, text),
            Err(e) => {
                self.check(key)?;
                self.binary.insert(key.to_string(), e.into_bytes());
                Ok(())
            }
        }
    }
}

fn build_config_map(cluster: &Cluster, ctx: &ProcCtx, name: &str, files: &[String], literals: &[String], envs: &[String]) -> Result<Value, String> {
    let mut cm = CmData { name: name.to_string(), ..CmData::default() };
    sources::from_file_sources(cluster, ctx, files, &mut |k, v| cm.add_file(k, v))?;
    for l in literals {
        let (k, v) = sources::parse_literal(l)?;
        cm.add_text(&k, v)?;
    }
    sources::from_env_files(cluster, ctx, envs, "config", &mut |k, v| cm.add_text(k, v))?;
    let mut obj = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "creationTimestamp": null}});
    if !cm.data.is_empty() {
        obj["data"] = Value::Object(crate::sort::json_map(cm.data.iter().map(|(k, v)| (k.clone(), json!(v))).collect()));
    }
    if !cm.binary.is_empty() {
        obj["binaryData"] = Value::Object(crate::sort::json_map(cm.binary.iter().map(|(k, v)| (k.clone(), json!(b64(v)))).collect()));
    }
    Ok(obj)
}

fn append_hash(obj: &mut Value) {
    let name = crate::object::name(obj).to_string();
    let empty = Map::new();
    let map_at = |k: &str| obj.get(k).and_then(Value::as_object).unwrap_or(&empty);
    let suffix = if crate::object::kind(obj) == "ConfigMap" {
        hash::config_map_hash(&name, map_at("data"), map_at("binaryData"))
    } else {
        hash::secret_hash(&name, crate::object::get_str(obj, "type").unwrap_or(""), map_at("data"))
    };
    crate::object::set(obj, "metadata.name", json!(format!("{name}-{suffix}")));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_line(c: &mut Cluster, line: &str) -> ProgramOutput {
        let argv: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        run(c, &Cluster::learner_ctx(), &argv)
    }

    #[test]
    fn literal_secret_dry_run_yaml() {
        let mut c = Cluster::new();
        let o = run_line(&mut c, "secret generic s --from-literal=a=b --dry-run=client -o yaml");
        assert_eq!(o.stdout, "apiVersion: v1\ndata:\n  a: Yg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n");
        assert_eq!(o.code, 0);
    }

    #[test]
    fn configmap_from_file_and_errors() {
        let mut c = Cluster::new();
        c.write_workspace_file("f1", "hello\nworld\n").unwrap();
        let o = run_line(&mut c, "cm x --from-file=f1 --dry-run=client -o yaml");
        assert_eq!(o.stdout, "apiVersion: v1\ndata:\n  f1: |\n    hello\n    world\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: x\n");
        let o = run_line(&mut c, "cm c --from-literal=a=1 --from-literal=a=2 --dry-run=client");
        assert_eq!(o.stderr, "error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"c\"\n");
        let o = run_line(&mut c, "secret generic --dry-run=client");
        assert_eq!(o.stderr, "error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n");
        let o = run_line(&mut c, "cm c --from-file=./nope --dry-run=client");
        assert_eq!(o.stderr, "error: error reading ./nope: no such file or directory\n");
    }

    #[test]
    fn save_config_and_hash() {
        let mut c = Cluster::new();
        let o = run_line(&mut c, "secret generic s --from-literal=a=b --dry-run=client -n foo -o yaml --save-config");
        assert!(o.stdout.contains("    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"s\",\"namespace\":\"foo\",\"creationTimestamp\":null},\"data\":{\"a\":\"Yg==\"}}\n"));
        let o = run_line(&mut c, "cm c --from-literal=a=b --dry-run=client -o name --append-hash");
        assert_eq!(o.stdout, "configmap/c-m4h6ctkgb2\n");
    }
}
