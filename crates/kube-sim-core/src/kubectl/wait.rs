//! `kubectl wait --for=condition=X|delete|jsonpath={...}=V TYPE/NAME`: checks once a
//! simulated second, as the clock moves, until the condition holds or `--timeout` (30s) passes.

use serde_json::Value;

use super::common::{self, Io};
use super::flags::{self, flag, FlagKind, FlagSpec};
use super::selector::Selector;
use crate::cluster::{Cluster, ProgramOutput};
use crate::object;

const SPECS: &[FlagSpec] = &[
    flag("for", None, FlagKind::Value),
    flag("timeout", None, FlagKind::Value),
    flag("all", None, FlagKind::Bool),
    flag("all-namespaces", Some('A'), FlagKind::Bool),
    flag("selector", Some('l'), FlagKind::Value),
    flag("filename", Some('f'), FlagKind::Repeated),
    flag("output", Some('o'), FlagKind::Value),
    flag("local", None, FlagKind::Bool),
];

const NO_ARGS: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

/// What `--for` waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Cond {
    Delete,
    Condition(String, String),
    JsonPath(String, Option<String>),
}

fn parse_for(s: &str) -> Result<Cond, String> {
    let lower = s.to_ascii_lowercase();
    if lower == "delete" {
        return Ok(Cond::Delete);
    }
    if lower.starts_with("condition=") {
        let rest = &s["condition=".len()..];
        return Ok(match rest.split_once('=') {
            Some((c, v)) => Cond::Condition(c.to_string(), v.to_string()),
            None => Cond::Condition(rest.to_string(), "true".to_string()),
        });
    }
    if lower.starts_with("jsonpath=") {
        let rest = &s["jsonpath=".len()..];
        let (expr, value) = match rest.rfind("}=") {
            Some(i) => (&rest[..=i], Some(rest[i + 2..].to_string())),
            None => (rest, None),
        };
        let braced = expr.starts_with('{') && expr.ends_with('}');
        if !(braced || expr.starts_with('.')) {
            return Err(format!("error: unrecognized condition: \"{s}\"\n"));
        }
        return Ok(Cond::JsonPath(expr.to_string(), value));
    }
    Err(format!("error: unrecognized condition: \"{s}\"\n"))
}

fn holds(cond: &Cond, obj: &Value) -> bool {
    match cond {
        Cond::Delete => false,
        Cond::Condition(c, v) => object::get(obj, "status.conditions")
            .and_then(Value::as_array)
            .is_some_and(|cs| {
                cs.iter().any(|x| {
                    object::get_str(x, "type").is_some_and(|t| t.eq_ignore_ascii_case(c))
                        && object::get_str(x, "status").is_some_and(|s| s.eq_ignore_ascii_case(v))
                })
            }),
        Cond::JsonPath(expr, value) => {
            let found = super::jsonpath::find(expr, obj).unwrap_or_default();
            match value {
                None => !found.is_empty(),
                Some(v) => found.iter().any(|f| match f {
                    Value::String(s) => s == v,
                    other => serde_json::from_str::<Value>(v).is_ok_and(|parsed| parsed == *other),
                }),
            }
        }
    }
}

/// Runs `kubectl wait ARGS`.
pub fn run(cluster: &mut Cluster, io: &Io, args: &[String]) -> ProgramOutput {
    let _ = io;
    let p = match flags::parse(args, SPECS, "kubectl wait") {
        Ok(p) => p,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let timeout = match common::duration_flag(&p, "timeout", "kubectl wait") {
        Ok(t) => t.map_or(30, |t| t.ceil().max(0.0) as i64),
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let cond = match parse_for(p.get("for").unwrap_or("")) {
        Ok(c) => c,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    if p.args.is_empty() {
        return ProgramOutput::err(NO_ARGS, 1);
    }
    let targets = match common::targets(&p.args) {
        Ok(t) => t,
        Err(e) => return ProgramOutput::err(e, 1),
    };
    let selector = match p.get("selector").map(Selector::parse).transpose() {
        Ok(s) => s,
        Err(e) => return ProgramOutput::err(format!("error: {e}\n"), 1),
    };
    let ns = common::namespace(&p);
    let mut objs: Vec<Value> = Vec::new();
    let mut errs = String::new();
    for t in &targets {
        match common::lookup(cluster, t, &ns, p.is_set("all-namespaces")) {
            Ok(found) => objs.extend(found.into_iter().filter(|o| selector.as_ref().map_or(true, |s| s.matches_obj(o)))),
            Err(e) if cond == Cond::Delete && e.reason == crate::api::Reason::NotFound => {}
            Err(e) => errs.push_str(&common::api_err(&e)),
        }
    }
    if !errs.is_empty() {
        return ProgramOutput::err(errs, 1);
    }
    if objs.is_empty() {
        if cond == Cond::Delete {
            return ProgramOutput::ok("");
        }
        return ProgramOutput::err("error: no matching resources found\n", 1);
    }
    let mut out = String::new();
    let mut waited = 0;
    for o in objs {
        let kind = object::kind(&o).to_string();
        let (ons, name, uid) = (object::namespace(&o).to_string(), object::name(&o).to_string(), object::uid(&o).to_string());
        loop {
            let cur = cluster.api.store.get(&kind, &ons, &name).filter(|c| object::uid(c) == uid);
            let done = match (&cond, cur) {
                (Cond::Delete, None) => true,
                (Cond::Delete, Some(_)) => false,
                (_, Some(c)) => holds(&cond, c),
                (_, None) => false,
            };
            if done {
                let word = if cond == Cond::Delete { "deleted" } else { "condition met" };
                out.push_str(&format!("{} {word}\n", common::ref_name(&o)));
                break;
            }
            if waited >= timeout {
                let plural = crate::api::resources::by_kind(&kind).map_or(String::new(), |r| r.qualified_plural());
                return common::finish(out, format!("error: timed out waiting for the condition on {plural}/{name}\n"), true);
            }
            cluster.advance(1);
            waited += 1;
        }
    }
    ProgramOutput::ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_forms() {
        assert_eq!(parse_for("condition=Ready"), Ok(Cond::Condition("Ready".into(), "true".into())));
        assert_eq!(parse_for("condition=Ready=False"), Ok(Cond::Condition("Ready".into(), "False".into())));
        assert_eq!(parse_for("jsonpath={.status.phase}=Bound"), Ok(Cond::JsonPath("{.status.phase}".into(), Some("Bound".into()))));
        assert_eq!(parse_for("delete"), Ok(Cond::Delete));
        assert_eq!(parse_for(""), Err("error: unrecognized condition: \"\"\n".into()));
    }
}
