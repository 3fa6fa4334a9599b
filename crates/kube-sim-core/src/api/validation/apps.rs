//! Deployment, ReplicaSet (`pkg/apis/apps/validation`) and Service.

use serde_json::{Map, Value};

use super::pod::pod_spec;
use super::{arr, int, labels, map, name_errs, s, IMMUTABLE};
use crate::api::field::{go_quote, go_string_map, BadValue, FieldError};
use crate::api::names;

fn nonnegative(v: &Value, key: &str, path: &str, errs: &mut Vec<FieldError>) {
    if let Some(n) = int(v, key).filter(|n| *n < 0) {
        errs.push(FieldError::invalid(format!("{path}.{key}"), BadValue::Int(n), "must be greater than or equal to 0"));
    }
}

/// Go's `%#v` of a `metav1.LabelSelector`.
pub fn go_label_selector(sel: &Value) -> String {
    let ml = match map(sel, "matchLabels") {
        Some(m) => go_string_map(Some(m)),
        None => "map[string]string(nil)".into(),
    };
    let me = arr(sel, "matchExpressions");
    let exprs = if sel.get("matchExpressions").is_none() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        let items: Vec<String> = me
            .iter()
            .map(|r| {
                let vals: Vec<String> = arr(r, "values").iter().map(|v| go_quote(v.as_str().unwrap_or(""))).collect();
                format!(
                    "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:[]string{{{}}}}}",
                    go_quote(s(r, "key")),
                    go_quote(s(r, "operator")),
                    vals.join(", ")
                )
            })
            .collect();
        format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
    };
    format!("v1.LabelSelector{{MatchLabels:{ml}, MatchExpressions:{exprs}}}")
}

/// Whether a label selector matches `labels`.
pub fn selector_matches(sel: &Value, lbls: Option<&Map<String, Value>>) -> bool {
    let get = |k: &str| lbls.and_then(|l| l.get(k)).and_then(Value::as_str);
    let ml_ok = map(sel, "matchLabels").into_iter().flatten().all(|(k, v)| get(k) == v.as_str());
    let me_ok = arr(sel, "matchExpressions").iter().all(|r| {
        let vals: Vec<&str> = arr(r, "values").iter().filter_map(Value::as_str).collect();
        let have = get(s(r, "key"));
        match s(r, "operator") {
            "In" => have.is_some_and(|h| vals.contains(&h)),
            "NotIn" => have.map_or(true, |h| !vals.contains(&h)),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            _ => false,
        }
    });
    ml_ok && me_ok
}

/// `ValidateLabelSelector`.
pub(super) fn label_selector(sel: &Value, path: &str, errs: &mut Vec<FieldError>) {
    for (i, r) in arr(sel, "matchExpressions").iter().enumerate() {
        let rp = format!("{path}.matchExpressions[{i}]");
        let n = arr(r, "values").len();
        match s(r, "operator") {
            "In" | "NotIn" if n == 0 => errs.push(FieldError::required(
                format!("{rp}.values"),
                "must be specified when `operator` is 'In' or 'NotIn'",
            )),
            "Exists" | "DoesNotExist" if n > 0 => errs.push(FieldError::forbidden(
                format!("{rp}.values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            )),
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            op => errs.push(FieldError::invalid_str(format!("{rp}.operator"), op, "not a valid selector operator")),
        }
        let key = s(r, "key");
        name_errs(errs, &format!("{rp}.key"), key, names::is_qualified_name(key));
    }
    labels(map(sel, "matchLabels"), &format!("{path}.matchLabels"), errs);
}

fn int_or_percent(v: Option<&Value>, path: &str, errs: &mut Vec<FieldError>) -> Option<i64> {
    match v? {
        Value::Number(n) => {
            let n = n.as_i64()?;
            if n < 0 {
                errs.push(FieldError::invalid(path, BadValue::Int(n), "must be greater than or equal to 0"));
            }
            Some(n)
        }
        Value::String(t) => {
            let p = t.strip_suffix('%').and_then(|d| d.parse::<i64>().ok());
            match p {
                None => {
                    errs.push(FieldError::invalid_str(path, t, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
                    None
                }
                Some(p) => {
                    if p > 100 {
                        errs.push(FieldError::invalid_str(path, t, "must not be greater than 100%"));
                    }
                    Some(p)
                }
            }
        }
        _ => None,
    }
}

/// Deployment and ReplicaSet (`ValidateDeploymentSpec`, `ValidateReplicaSetSpec`, updates).
pub fn validate_workload(kind: &str, obj: &Value, old: Option<&Value>, errs: &mut Vec<FieldError>) {
    let empty = Value::Null;
    let spec = obj.get("spec").unwrap_or(&empty);
    nonnegative(spec, "replicas", "spec", errs);
    if kind == "ReplicaSet" {
        nonnegative(spec, "minReadySeconds", "spec", errs);
    }
    let sel = spec.get("selector").filter(|v| !v.is_null());
    match sel {
        None => errs.push(FieldError::required("spec.selector", "")),
        Some(sel) => {
            label_selector(sel, "spec.selector", errs);
            if map(sel, "matchLabels").map_or(0, Map::len) + arr(sel, "matchExpressions").len() == 0 {
                errs.push(FieldError::invalid("spec.selector", BadValue::Raw(go_label_selector(sel)), "empty selector is invalid for deployment"));
            }
        }
    }
    // Template: labels must match a non-empty selector (a missing selector matches nothing).
    let t = spec.get("template").unwrap_or(&empty);
    let tl = t.pointer("/metadata/labels").and_then(Value::as_object);
    let sel_empty = sel.is_some_and(|s| map(s, "matchLabels").map_or(true, Map::is_empty) && arr(s, "matchExpressions").is_empty());
    if !sel_empty && !sel.is_some_and(|s| selector_matches(s, tl)) {
        errs.push(FieldError::invalid(
            "spec.template.metadata.labels",
            BadValue::Raw(go_string_map(tl)),
            "`selector` does not match template `labels`",
        ));
    }
    labels(tl, "spec.template.labels", errs);
    let tspec = t.get("spec").unwrap_or(&empty);
    pod_spec(tspec, "spec.template.spec", errs);
    let rp = s(tspec, "restartPolicy");
    if rp != "Always" {
        errs.push(FieldError::not_supported("spec.template.spec.restartPolicy", BadValue::Str(rp.into()), &["Always"]));
    }
    if let Some(n) = int(tspec, "activeDeadlineSeconds") {
        errs.push(FieldError::invalid(
            "spec.template.spec.activeDeadlineSeconds",
            BadValue::Int(n),
            "activeDeadlineSeconds in ReplicaSet is not Supported",
        ));
    }
    if kind == "Deployment" {
        let st = spec.get("strategy").unwrap_or(&empty);
        match s(st, "type") {
            "Recreate" => {
                if st.get("rollingUpdate").is_some() {
                    errs.push(FieldError::forbidden(
                        "spec.strategy.rollingUpdate",
                        "may not be specified when strategy `type` is 'Recreate'",
                    ));
                }
            }
            "RollingUpdate" => {
                let ru = st.get("rollingUpdate").unwrap_or(&empty);
                let p = "spec.strategy.rollingUpdate";
                let mu = int_or_percent(ru.get("maxUnavailable"), &format!("{p}.maxUnavailable"), errs);
                let ms = int_or_percent(ru.get("maxSurge"), &format!("{p}.maxSurge"), errs);
                if mu == Some(0) && ms == Some(0) {
                    errs.push(FieldError::invalid(
                        format!("{p}.maxUnavailable"),
                        super::raw(ru.get("maxUnavailable")),
                        "may not be 0 when `maxSurge` is 0",
                    ));
                }
            }
            other => errs.push(FieldError::not_supported(
                "spec.strategy",
                BadValue::Raw(format!("apps.DeploymentStrategy{{Type:{}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}}", go_quote(other))),
                &["Recreate", "RollingUpdate"],
            )),
        }
        nonnegative(spec, "minReadySeconds", "spec", errs);
        nonnegative(spec, "revisionHistoryLimit", "spec", errs);
        if let Some(pd) = int(spec, "progressDeadlineSeconds") {
            nonnegative(spec, "progressDeadlineSeconds", "spec", errs);
            if pd <= int(spec, "minReadySeconds").unwrap_or(0) {
                errs.push(FieldError::invalid("spec.progressDeadlineSeconds", BadValue::Int(pd), "must be greater than minReadySeconds"));
            }
        }
    }
    if let Some(old) = old {
        let osel = old.pointer("/spec/selector");
        if osel != sel {
            let shown = sel.map_or("(*v1.LabelSelector)(nil)".to_string(), go_label_selector);
            errs.push(FieldError::invalid("spec.selector", BadValue::Raw(shown), IMMUTABLE));
        }
    }
}

/// `ValidateService` (the parts learners meet).
pub fn validate_service(svc: &Value, _old: Option<&Value>, errs: &mut Vec<FieldError>) {
    let empty = Value::Null;
    let spec = svc.get("spec").unwrap_or(&empty);
    let ty = s(spec, "type");
    let ports = arr(spec, "ports");
    if ports.is_empty() && s(spec, "clusterIP") != "None" && ty != "ExternalName" {
        errs.push(FieldError::required("spec.ports", ""));
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        let ip = format!("spec.ports[{i}]");
        let name = s(p, "name");
        if ports.len() > 1 && name.is_empty() {
            errs.push(FieldError::required(format!("{ip}.name"), ""));
        } else if !name.is_empty() {
            name_errs(errs, &format!("{ip}.name"), name, names::is_dns1123_label(name));
            if seen.contains(&name) {
                errs.push(FieldError::duplicate(format!("{ip}.name"), BadValue::Str(name.into())));
            }
            seen.push(name);
        }
        let port = int(p, "port").unwrap_or(0);
        for m in names::is_valid_port_num(port) {
            errs.push(FieldError::invalid(format!("{ip}.port"), BadValue::Int(port), &m));
        }
        match s(p, "protocol") {
            "TCP" | "UDP" | "SCTP" => {}
            "" => errs.push(FieldError::required(format!("{ip}.protocol"), "")),
            o => errs.push(FieldError::not_supported(format!("{ip}.protocol"), BadValue::Str(o.into()), &["SCTP", "TCP", "UDP"])),
        }
        match p.get("targetPort") {
            Some(Value::Number(n)) => {
                let n = n.as_i64().unwrap_or(0);
                for m in names::is_valid_port_num(n) {
                    errs.push(FieldError::invalid(format!("{ip}.targetPort"), BadValue::Int(n), &m));
                }
            }
            Some(Value::String(t)) => name_errs(errs, &format!("{ip}.targetPort"), t, names::is_valid_port_name(t)),
            _ => {}
        }
        if let Some(np) = int(p, "nodePort").filter(|n| *n != 0) {
            if ty == "ClusterIP" {
                errs.push(FieldError::forbidden(format!("{ip}.nodePort"), "may not be used when `type` is 'ClusterIP'"));
            } else if !(30000..=32767).contains(&np) {
                errs.push(FieldError::invalid(
                    format!("{ip}.nodePort"),
                    BadValue::Int(np),
                    "provided port is not in the valid range. The range of valid ports is 30000-32767",
                ));
            }
        }
    }
    if !["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"].contains(&ty) {
        errs.push(FieldError::not_supported(
            "spec.type",
            BadValue::Str(ty.into()),
            &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
        ));
    }
    labels(map(spec, "selector"), "spec.selector", errs);
    let aff = s(spec, "sessionAffinity");
    if aff != "None" && aff != "ClientIP" {
        errs.push(FieldError::not_supported("spec.sessionAffinity", BadValue::Str(aff.into()), &["ClientIP", "None"]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selectors_match_labels() {
        let l = json!({"app": "mysql", "tier": "db"});
        let l = l.as_object();
        assert!(selector_matches(&json!({"matchLabels": {"app": "mysql"}}), l));
        assert!(!selector_matches(&json!({"matchLabels": {"app": "web"}}), l));
        assert!(selector_matches(&json!({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["db"]}]}), l));
        assert!(selector_matches(&json!({"matchExpressions": [{"key": "env", "operator": "DoesNotExist"}]}), l));
        assert!(!selector_matches(&json!({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]}), l));
        assert!(selector_matches(&json!({}), None));
    }

    #[test]
    fn go_selector_rendering() {
        let sel = json!({"matchExpressions": [{"key": "a", "operator": "In", "values": ["x", "y"]}]});
        assert_eq!(
            go_label_selector(&sel),
            "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"a\", Operator:\"In\", Values:[]string{\"x\", \"y\"}}}}"
        );
    }
}
