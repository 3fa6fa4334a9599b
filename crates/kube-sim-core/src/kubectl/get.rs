//! `kubectl get`: tables, `-o wide|yaml|json|name|jsonpath=...`, `-l`, `-A`, `--show-labels`.

use serde_json::{json, Value};

use super::common::{self, Io, Target};
use super::flags::{self, flag, FlagKind, FlagSpec};
use super::output_seam::{json_of, yaml_of};
use super::printers::{self, Listed, TableOpts};
use super::selector::Selector;
use crate::api::pod_summary::{PodSummary, Summary};
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("output", Some('o'), FlagKind::Value),
    flag("selector", Some('l'), FlagKind::Value),
    flag("all-namespaces", Some('A'), FlagKind::Bool),
    flag("show-labels", None, FlagKind::Bool),
    flag("no-headers", None, FlagKind::Bool),
    flag("ignore-not-found", None, FlagKind::Bool),
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("watch", Some('w'), FlagKind::Bool),
    flag("show-kind", None, FlagKind::Bool),
    flag("sort-by", None, FlagKind::Value),
    flag("field-selector", None, FlagKind::Value),
];

/// `--sort-by=EXPR`: a stable sort by the first value the expression selects (numbers by
/// value, strings by bytes; objects without the field first).
fn sort_by(objs: &mut [Listed], expr: &str) -> Result<(), String> {
    let expr = if expr.starts_with('{') { expr.to_string() } else { format!("{{{expr}}}") };
    let mut keyed: Vec<(Option<Value>, Listed)> = Vec::new();
    for o in objs.iter() {
        let v = super::jsonpath::find(&expr, o.obj).map_err(|e| format!("error: {e}\n"))?;
        keyed.push((v.into_iter().next(), *o));
    }
    crate::sort::sort_by(&mut keyed, |(a, _), (b, _)| match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x.as_f64().partial_cmp(&y.as_f64()).unwrap_or(std::cmp::Ordering::Equal),
        (Some(Value::String(x)), Some(Value::String(y))) => x.cmp(y),
        (Some(x), Some(y)) => x.to_string().cmp(&y.to_string()),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    for (slot, (_, o)) in objs.iter_mut().zip(keyed) {
        *slot = o;
    }
    Ok(())
}

const NO_TYPE: &str = "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n";

/// What `-o` asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// The default table.
    Table,
    /// `-o wide`.
    Wide,
    /// `-o yaml`.
    Yaml,
    /// `-o json`.
    Json,
    /// `-o name`.
    Name,
    /// `-o jsonpath=TEMPLATE`.
    JsonPath(String),
    /// `-o custom-columns=SPEC`.
    CustomColumns(Vec<super::custom_columns::Column>),
}

/// Parses `-o`, or kubectl's error.
pub fn parse_output(o: Option<&str>) -> Result<Output, String> {
    Ok(match o.unwrap_or("") {
        "" => Output::Table,
        "wide" => Output::Wide,
        "yaml" => Output::Yaml,
        "json" => Output::Json,
        "name" => Output::Name,
        "jsonpath" | "jsonpath-as-json" | "jsonpath=" | "go-template" | "template" => {
            return Err("error: template format specified but no template given\n".to_string())
        }
        "custom-columns" => return Err("error: custom-columns format specified but no custom columns given\n".to_string()),
        other if other.starts_with("custom-columns=") => {
            Output::CustomColumns(super::custom_columns::parse(other.trim_start_matches("custom-columns="))?)
        }
        other => match other.strip_prefix("jsonpath=").or_else(|| other.strip_prefix("jsonpath-as-json=")) {
            Some(t) => Output::JsonPath(t.trim_matches('\'').to_string()),
            None => return Err(format!("error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n")),
        },
    })
}

/// `kind: List` around `items`, as kubectl prints several objects.
pub fn list_of(items: Vec<Value>) -> Value {
    json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
}

/// Prints `objs` as `-o` asked (not tables). `single` is true when one object was named.
pub fn print_objects(objs: Vec<&Value>, single: bool, output: &Output) -> Result<String, String> {
    let root = match objs.as_slice() {
        [one] if single => (*one).clone(),
        _ => list_of(objs.into_iter().cloned().collect()),
    };
    Ok(match output {
        Output::Yaml => yaml_of(&root),
        Output::Json => json_of(&root),
        Output::JsonPath(t) => super::jsonpath::execute(t, &root).map_err(|e| format!("error: error parsing jsonpath {t}, {e}\n"))?,
        Output::Name => {
            let items: Vec<&Value> = match root.get("items").and_then(Value::as_array) {
                Some(a) if object::kind(&root) == "List" => a.iter().collect(),
                _ => vec![&root],
            };
            items.iter().map(|o| format!("{}\n", common::ref_name(o))).collect()
        }
        Output::Table | Output::Wide | Output::CustomColumns(_) => String::new(),
    })
}

/// Adds `objs` to the group of their kind, keeping the order kinds first appear in.
fn push<'a>(groups: &mut Vec<(String, Vec<Listed<'a>>)>, kind: &str, mut objs: Vec<Listed<'a>>) {
    if objs.is_empty() {
        return;
    }
    match groups.iter_mut().find(|(k, _)| k == kind) {
        Some((_, v)) => v.append(&mut objs),
        None => groups.push((kind.to_string(), objs)),
    }
}

/// The store's summaries of `objs`, the pods `lookup_refs` listed for `t` (not named), in the
/// same order (the store keeps both in namespace, then name order); empty otherwise (a
/// table then derives each pod's summary from the object).
fn pod_summaries<'a>(cluster: &'a Cluster, t: &Target, ns: &str, all_ns: bool, objs: &[&Value]) -> Vec<Summary<'a>> {
    if t.info.kind != "Pod" || t.name.is_some() {
        return Vec::new();
    }
    let found = cluster.api.store.pod_summaries.list(if all_ns { None } else { Some(ns) });
    if found.len() != objs.len() {
        return Vec::new();
    }
    debug_assert!(objs.iter().zip(&found).all(|(o, s)| *s == PodSummary::of(o).view()), "a pod summary is stale");
    found
}

/// Runs `kubectl get ARGS`.
pub fn run(cluster: &Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let p = match flags::parse(args, SPECS, "kubectl get") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let ns = common::namespace(&p);
    let all_ns = p.is_set("all-namespaces");
    let output = match parse_output(p.get("output")) {
        Ok(o) => o,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let selector = match p.get("selector").map(Selector::parse).transpose() {
        Ok(s) => s,
        Err(e) => return ProgramOutput::err(format!("error: {e}\n"), 1),
    };
    let mut errs = String::new();
    let mut targets: Vec<Target> = Vec::new();
    let mut named_objs: Vec<&Value> = Vec::new();
    let tables = matches!(output, Output::Table | Output::Wide);
    if !p.all("filename").is_empty() {
        let (manifests, read_errs) = super::manifests::read(cluster, io, p.all("filename"), false);
        for e in read_errs {
            errs.push_str(&super::manifests::as_get_error(&e));
        }
        for m in manifests {
            let kind = object::kind(&m.obj).to_string();
            let Some(info) = crate::api::resources::by_kind(&kind) else { continue };
            let obj_ns = match object::namespace(&m.obj) {
                "" => ns.clone(),
                n => n.to_string(),
            };
            match cluster.api_get(info.kind, common::ns_for(info, &obj_ns), object::name(&m.obj)) {
                Ok(o) => named_objs.push(o),
                Err(e) => errs.push_str(&common::api_err(&e)),
            }
        }
    } else {
        if p.args.is_empty() {
            return ProgramOutput::err(NO_TYPE, 1);
        }
        targets = match common::targets(&p.args) {
            Ok(t) => t,
            Err(e) => return ProgramOutput::err(e, 1),
        };
        if selector.is_some() && targets.iter().any(|t| t.name.is_some()) {
            return ProgramOutput::err("error: name cannot be provided when a selector is specified\n", 1);
        }
    }
    let single = targets.len() == 1 && targets[0].name.is_some() || (targets.is_empty() && named_objs.len() == 1);
    // Objects grouped by kind, in the order the types were asked for.
    let mut groups: Vec<(String, Vec<Listed>)> = Vec::new();
    for o in named_objs {
        push(&mut groups, object::kind(o), vec![Listed { obj: o, pod: None }]);
    }
    // kubectl says "in NS namespace" only when every type asked for is namespaced.
    let all_namespaced = targets.iter().all(|t| t.info.namespaced);
    for t in &targets {
        let fields = match p.get("field-selector").map(|f| super::field_selector::parse(f, t.info)).transpose() {
            Ok(f) => f.unwrap_or_default(),
            Err(e) => return ProgramOutput::err(e, 1),
        };
        match common::lookup_refs(cluster, t, &ns, all_ns) {
            Ok(objs) => {
                let pods = if tables { pod_summaries(cluster, t, &ns, all_ns, &objs) } else { Vec::new() };
                let mut kept = Vec::with_capacity(objs.len());
                for (i, o) in objs.into_iter().enumerate() {
                    if t.name.is_none() && selector.as_ref().is_some_and(|s| !s.matches_obj(o)) {
                        continue;
                    }
                    if !fields.is_empty() && !super::field_selector::matches(&fields, o) {
                        continue;
                    }
                    kept.push(Listed { obj: o, pod: pods.get(i).copied() });
                }
                push(&mut groups, t.info.kind, kept);
            }
            Err(e) if e.reason == crate::api::Reason::NotFound && p.is_set("ignore-not-found") => {}
            Err(e) => errs.push_str(&common::api_err(&e)),
        }
    }
    if let Some(expr) = p.get("sort-by") {
        for (_, objs) in groups.iter_mut() {
            if let Err(e) = sort_by(objs, expr) {
                return ProgramOutput::err(e, 1);
            }
        }
    }
    let total: usize = groups.iter().map(|(_, v)| v.len()).sum();
    let mut out = String::new();
    match &output {
        Output::Table | Output::Wide => {
            let opts = TableOpts {
                wide: output == Output::Wide,
                all_namespaces: all_ns,
                show_labels: p.is_set("show-labels"),
                no_headers: p.is_set("no-headers"),
                now: cluster.now(),
                ..TableOpts::default()
            };
            // With several types asked for, kubectl names rows `kind.group/name`.
            let mut kinds: Vec<&str> = targets.iter().map(|t| t.info.kind).collect();
            kinds.dedup();
            let with_kind = kinds.len() > 1 || p.is_set("show-kind");
            for (i, (kind, objs)) in groups.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                // Cluster-scoped kinds never get a NAMESPACE column.
                let namespaced = crate::api::resources::by_kind(kind).map_or(true, |r| r.namespaced);
                let opts = TableOpts { all_namespaces: all_ns && namespaced, ..opts.clone() };
                if with_kind {
                    let renamed: Vec<Value> = objs
                        .iter()
                        .map(|o| {
                            let mut o = o.obj.clone();
                            let name = common::ref_name(&o);
                            object::set(&mut o, "metadata.name", Value::String(name));
                            o
                        })
                        .collect();
                    let refs: Vec<&Value> = renamed.iter().collect();
                    push_text(&mut out, printers::table(kind, &refs, &opts));
                } else {
                    push_text(&mut out, printers::table_of(kind, objs, &opts));
                }
            }
            if total == 0 && errs.is_empty() && targets.iter().all(|t| t.name.is_none()) {
                errs.push_str(&common::no_resources(all_namespaced, all_ns, &ns));
            }
        }
        Output::CustomColumns(cols) => {
            let objs: Vec<&Value> = groups.into_iter().flat_map(|(_, v)| v).map(|l| l.obj).collect();
            match super::custom_columns::print(cols, &objs, p.is_set("no-headers")) {
                // Not a human-readable printer: an empty list prints just the header.
                Ok(s) => push_text(&mut out, s),
                Err(e) => return ProgramOutput::err(e, 1),
            }
        }
        other => {
            // printGeneric: never "No resources found"; zero or several objects print as a List.
            let objs: Vec<&Value> = groups.into_iter().flat_map(|(_, v)| v).map(|l| l.obj).collect();
            if !(objs.is_empty() && (single || p.is_set("ignore-not-found"))) {
                match print_objects(objs, single, other) {
                    Ok(s) => push_text(&mut out, s),
                    Err(e) => return ProgramOutput::err(e, 1),
                }
            }
        }
    }
    let failed = errs.lines().any(|l| !l.starts_with("No resources found"));
    common::finish(out, errs, failed)
}

/// Appends `text` to `out`, moved instead of copied while `out` is empty (one table's output).
fn push_text(out: &mut String, text: String) {
    if out.is_empty() {
        *out = text;
    } else {
        out.push_str(&text);
    }
}
