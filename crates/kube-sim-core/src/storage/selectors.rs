//! Label selectors (`metav1.LabelSelector`, for a claim's `spec.selector`) and node selectors
//! (`v1.NodeSelector`, for a PV's `spec.nodeAffinity.required`), as apimachinery and
//! component-helpers `scheduling/corev1/nodeaffinity` evaluate them.

use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq)]
enum Op {
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt(i64),
    Lt(i64),
}

#[derive(Clone, Debug, PartialEq)]
struct Requirement {
    key: String,
    op: Op,
    values: Vec<String>,
}

impl Requirement {
    fn matches(&self, labels: Option<&Map<String, Value>>) -> bool {
        let value = labels.and_then(|l| l.get(&self.key)).map(|v| v.as_str().unwrap_or(""));
        match (&self.op, value) {
            (Op::In, Some(v)) => self.values.iter().any(|x| x == v),
            (Op::In, None) => false,
            (Op::NotIn, Some(v)) => !self.values.iter().any(|x| x == v),
            (Op::NotIn, None) | (Op::Exists, Some(_)) | (Op::DoesNotExist, None) => true,
            (Op::Exists, None) | (Op::DoesNotExist, Some(_)) => false,
            (Op::Gt(n), Some(v)) => v.parse::<i64>().is_ok_and(|x| x > *n),
            (Op::Lt(n), Some(v)) => v.parse::<i64>().is_ok_and(|x| x < *n),
            (Op::Gt(_) | Op::Lt(_), None) => false,
        }
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array).into_iter().flatten().map(|s| s.as_str().unwrap_or("").to_string()).collect()
}

/// Parses one `{key, operator, values}`; `numeric` allows `Gt`/`Lt` (node selectors only).
fn requirement(expr: &Value, numeric: bool) -> Result<Requirement, String> {
    let key = expr.get("key").and_then(Value::as_str).unwrap_or("").to_string();
    let values = strings(expr.get("values"));
    let operator = expr.get("operator").and_then(Value::as_str).unwrap_or("");
    let op = match operator {
        "In" | "NotIn" if values.is_empty() => {
            return Err("for 'in', 'notin' operators, values set can't be empty".into())
        }
        "In" => Op::In,
        "NotIn" => Op::NotIn,
        "Exists" | "DoesNotExist" if !values.is_empty() => {
            return Err("values set must be empty for exists and does not exist".into())
        }
        "Exists" => Op::Exists,
        "DoesNotExist" => Op::DoesNotExist,
        "Gt" | "Lt" if numeric => {
            let n = match values.as_slice() {
                [one] => one.parse::<i64>().map_err(|_| format!("invalid value {one:?}"))?,
                _ => return Err("for 'Gt', 'Lt' operators, exactly one value is required".into()),
            };
            if operator == "Gt" {
                Op::Gt(n)
            } else {
                Op::Lt(n)
            }
        }
        other => return Err(format!("{other:?} is not a valid label selector operator")),
    };
    Ok(Requirement { key, op, values })
}

/// A parsed claim selector (`matchLabels` and `matchExpressions`, all ANDed).
#[derive(Clone, Debug, PartialEq)]
pub struct LabelSelector {
    reqs: Vec<Requirement>,
}

impl LabelSelector {
    /// `LabelSelectorAsSelector`: an empty selector matches everything; a bad operator or
    /// value list is an error.
    pub fn parse(selector: &Value) -> Result<LabelSelector, String> {
        let mut reqs = Vec::new();
        if let Some(labels) = selector.get("matchLabels").and_then(Value::as_object) {
            for (k, v) in labels {
                let values = vec![v.as_str().unwrap_or("").to_string()];
                reqs.push(Requirement { key: k.clone(), op: Op::In, values });
            }
        }
        for expr in selector.get("matchExpressions").and_then(Value::as_array).into_iter().flatten() {
            reqs.push(requirement(expr, false)?);
        }
        Ok(LabelSelector { reqs })
    }

    /// Whether `labels` (a `metadata.labels` map, or none) satisfy every requirement.
    pub fn matches(&self, labels: Option<&Map<String, Value>>) -> bool {
        self.reqs.iter().all(|r| r.matches(labels))
    }
}

/// One `nodeSelectorTerm`: `None` when it has neither expressions nor fields (matches nothing).
fn term_matches(term: &Value, labels: Option<&Map<String, Value>>, node_name: &str) -> Result<bool, String> {
    let exprs = term.get("matchExpressions").and_then(Value::as_array).filter(|a| !a.is_empty());
    let fields = term.get("matchFields").and_then(Value::as_array).filter(|a| !a.is_empty());
    if exprs.is_none() && fields.is_none() {
        return Ok(false);
    }
    let mut ok = true;
    for expr in exprs.into_iter().flatten() {
        ok &= requirement(expr, true)?.matches(labels);
    }
    for field in fields.into_iter().flatten() {
        let key = field.get("key").and_then(Value::as_str).unwrap_or("");
        let values = strings(field.get("values"));
        let [value] = values.as_slice() else {
            return Err("for 'in', 'notin' operators, exactly one value is required".into());
        };
        let actual = if key == "metadata.name" { node_name } else { "" };
        ok &= match field.get("operator").and_then(Value::as_str).unwrap_or("") {
            "In" => actual == value,
            "NotIn" => actual != value,
            other => return Err(format!("{other:?} is not a valid field selector operator")),
        };
    }
    Ok(ok)
}

/// `MatchNodeSelectorTerms`: true when any term matches the node (terms are ORed, the
/// requirements of a term ANDed). A term that does not parse never matches.
pub fn node_selector_matches(selector: &Value, labels: Option<&Map<String, Value>>, node_name: &str) -> bool {
    selector
        .get("nodeSelectorTerms")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|t| term_matches(t, labels, node_name).unwrap_or(false))
}

/// `CheckNodeAffinity(pv, node.Labels)`: true when the PV has no `spec.nodeAffinity.required`
/// or the node's labels satisfy it. Upstream builds a node from the labels alone, so a
/// `matchFields` on `metadata.name` sees an empty name here, as it does in the real scheduler.
pub fn volume_node_affinity_matches(pv: &Value, node: &Value) -> bool {
    let Some(required) = pv.get("spec").and_then(|s| s.get("nodeAffinity")).and_then(|a| a.get("required")) else {
        return true;
    };
    if required.is_null() {
        return true;
    }
    let labels = node.get("metadata").and_then(|m| m.get("labels")).and_then(Value::as_object);
    node_selector_matches(required, labels, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn labels(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn label_selector_match_labels_and_expressions() {
        let sel = LabelSelector::parse(&json!({
            "matchLabels": {"tier": "db"},
            "matchExpressions": [
                {"key": "zone", "operator": "In", "values": ["a", "b"]},
                {"key": "legacy", "operator": "DoesNotExist"},
                {"key": "env", "operator": "NotIn", "values": ["dev"]}]}))
        .unwrap();
        assert!(sel.matches(Some(&labels(json!({"tier": "db", "zone": "a"})))));
        assert!(!sel.matches(Some(&labels(json!({"tier": "db", "zone": "c"})))));
        assert!(!sel.matches(Some(&labels(json!({"tier": "db", "zone": "a", "legacy": "1"})))));
        assert!(!sel.matches(Some(&labels(json!({"tier": "db", "zone": "a", "env": "dev"})))));
        assert!(!sel.matches(None));
        assert!(LabelSelector::parse(&json!({})).unwrap().matches(None));
    }

    #[test]
    fn label_selector_errors() {
        let bad = json!({"matchExpressions": [{"key": "a", "operator": "In", "values": []}]});
        assert!(LabelSelector::parse(&bad).is_err());
        let gt = json!({"matchExpressions": [{"key": "a", "operator": "Gt", "values": ["1"]}]});
        assert!(LabelSelector::parse(&gt).is_err());
        let exists = json!({"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]});
        assert!(LabelSelector::parse(&exists).is_err());
    }

    #[test]
    fn node_selector_operators() {
        let node = labels(json!({"kubernetes.io/hostname": "node1", "disks": "3"}));
        let term = |e: Value| json!({"nodeSelectorTerms": [{"matchExpressions": [e]}]});
        let cases = [
            (json!({"key": "kubernetes.io/hostname", "operator": "In", "values": ["node1"]}), true),
            (json!({"key": "kubernetes.io/hostname", "operator": "In", "values": ["node2"]}), false),
            (json!({"key": "kubernetes.io/hostname", "operator": "NotIn", "values": ["node1"]}), false),
            (json!({"key": "missing", "operator": "NotIn", "values": ["x"]}), true),
            (json!({"key": "disks", "operator": "Exists"}), true),
            (json!({"key": "disks", "operator": "DoesNotExist"}), false),
            (json!({"key": "disks", "operator": "Gt", "values": ["2"]}), true),
            (json!({"key": "disks", "operator": "Gt", "values": ["3"]}), false),
            (json!({"key": "disks", "operator": "Lt", "values": ["4"]}), true),
            (json!({"key": "disks", "operator": "Lt", "values": ["x"]}), false),
            (json!({"key": "kubernetes.io/hostname", "operator": "Gt", "values": ["1"]}), false),
        ];
        for (expr, want) in cases {
            assert_eq!(node_selector_matches(&term(expr.clone()), Some(&node), "node1"), want, "{expr}");
        }
    }

    #[test]
    fn node_selector_terms_are_ored_and_empty_terms_match_nothing() {
        let node = labels(json!({"zone": "b"}));
        let sel = json!({"nodeSelectorTerms": [
            {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]},
            {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["b"]}]}]});
        assert!(node_selector_matches(&sel, Some(&node), ""));
        assert!(!node_selector_matches(&json!({"nodeSelectorTerms": [{}]}), Some(&node), ""));
        assert!(!node_selector_matches(&json!({"nodeSelectorTerms": []}), Some(&node), ""));
    }

    #[test]
    fn match_fields_on_metadata_name() {
        let sel = |op: &str| {
            json!({"nodeSelectorTerms": [{"matchFields": [
            {"key": "metadata.name", "operator": op, "values": ["node1"]}]}]})
        };
        assert!(node_selector_matches(&sel("In"), None, "node1"));
        assert!(!node_selector_matches(&sel("In"), None, "node2"));
        assert!(node_selector_matches(&sel("NotIn"), None, "node2"));
        // CheckNodeAffinity only passes labels: the name is empty.
        let pv = json!({"spec": {"nodeAffinity": {"required": sel("In")}}});
        assert!(!volume_node_affinity_matches(&pv, &json!({"metadata": {"name": "node1"}})));
        assert!(volume_node_affinity_matches(&json!({"spec": {}}), &json!({})));
    }
}
