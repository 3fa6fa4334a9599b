//! Node describe: roles, taints, lease, conditions, addresses, capacity, system info and the
//! non-terminated pods with their requests and limits.

use serde_json::{Map, Value};

use super::{annotations_multiline, describe_events, events_for, labels_multiline, w, W};
use crate::kubectl::printers::columns::node_event::node_roles;
use crate::kubectl::printers::util::{arr, date_at, map, quantity, s, since, v};

/// Describes a Node. `all` supplies its pods, its Lease and its events.
pub fn describe_node(w: &mut W, node: &Value, all: &[&Value], now: i64) {
    let name = s(node, "metadata.name");
    w!(w, 0, "Name:\t{name}\n");
    let roles = node_roles(node);
    w!(w, 0, "Roles:\t{}\n", if roles.is_empty() { "<none>".to_string() } else { roles.join(",") });
    labels_multiline(w, "Labels", map(node, "metadata.labels"));
    annotations_multiline(w, "Annotations", map(node, "metadata.annotations"));
    w!(w, 0, "CreationTimestamp:\t{}\n", date_at(node, "metadata.creationTimestamp"));
    taints(w, arr(node, "spec.taints"));
    w!(w, 0, "Unschedulable:\t{}\n", v(node, "spec.unschedulable").and_then(Value::as_bool).unwrap_or(false));
    lease(w, node, all);
    let conds = arr(node, "status.conditions");
    if !conds.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for c in conds {
            w!(
                w,
                1,
                "{} \t{} \t{} \t{} \t{} \t{}\n",
                s(c, "type"),
                s(c, "status"),
                date_at(c, "lastHeartbeatTime"),
                date_at(c, "lastTransitionTime"),
                s(c, "reason"),
                s(c, "message")
            );
        }
    }
    w.write(0, "Addresses:\n");
    for a in arr(node, "status.addresses") {
        w!(w, 1, "{}:\t{}\n", s(a, "type"), s(a, "address"));
    }
    for (path, title) in [("status.capacity", "Capacity"), ("status.allocatable", "Allocatable")] {
        if let Some(m) = map(node, path).filter(|m| !m.is_empty()) {
            w!(w, 0, "{title}:\n");
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sort::sort(&mut keys);
            for k in keys {
                w!(w, 0, "  {k}:\t{}\n", quantity(&m[k]));
            }
        }
    }
    w.write(0, "System Info:\n");
    for (title, key) in [
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ] {
        w!(w, 0, "  {title}:\t{}\n", s(node, &format!("status.nodeInfo.{key}")));
    }
    if !s(node, "spec.podCIDR").is_empty() {
        w!(w, 0, "PodCIDR:\t{}\n", s(node, "spec.podCIDR"));
    }
    let cidrs: Vec<&str> = arr(node, "spec.podCIDRs").iter().filter_map(Value::as_str).collect();
    if !cidrs.is_empty() {
        w!(w, 0, "PodCIDRs:\t{}\n", cidrs.join(","));
    }
    if !s(node, "spec.providerID").is_empty() {
        w!(w, 0, "ProviderID:\t{}\n", s(node, "spec.providerID"));
    }
    node_resources(w, node, all, now);
    // Node events are searched twice: by the node's uid and by its name as uid.
    let mut events = events_for(node, all, true, &[s(node, "metadata.uid")]);
    for e in events_for(node, all, true, &[name]) {
        if !events.iter().any(|x| std::ptr::eq(*x, e)) {
            events.push(e);
        }
    }
    describe_events(w, &events, now);
}

fn taints(w: &mut W, taints: &[Value]) {
    w.write(0, "Taints:\t");
    if taints.is_empty() {
        w.write(0, "<none>\n");
        return;
    }
    let mut sorted: Vec<&Value> = taints.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |t| format!("{},{}", s(t, "effect"), s(t, "key")));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let kv = match s(t, "value") {
            "" => s(t, "key").to_string(),
            val => format!("{}={val}", s(t, "key")),
        };
        w!(w, 0, "{kv}:{}\n", s(t, "effect"));
    }
}

/// The node's Lease in `kube-node-lease`; without one, the kubelet's usual lease is shown
/// (holder = node name, renewed at the Ready condition's last heartbeat).
fn lease(w: &mut W, node: &Value, all: &[&Value]) {
    let name = s(node, "metadata.name");
    w.write(0, "Lease:\n");
    let found = all
        .iter()
        .find(|l| s(l, "kind") == "Lease" && s(l, "metadata.namespace") == "kube-node-lease" && s(l, "metadata.name") == name);
    let unset = |x: &str| if x.is_empty() { "<unset>".to_string() } else { x.to_string() };
    match found {
        Some(l) => {
            w!(w, 1, "HolderIdentity:\t{}\n", unset(s(l, "spec.holderIdentity")));
            let t = |p: &str| if v(l, p).is_some() { date_at(l, p) } else { "<unset>".into() };
            w!(w, 1, "AcquireTime:\t{}\n", t("spec.acquireTime"));
            w!(w, 1, "RenewTime:\t{}\n", t("spec.renewTime"));
        }
        None => {
            w!(w, 1, "HolderIdentity:\t{name}\n");
            w.write(1, "AcquireTime:\t<unset>\n");
            let hb = arr(node, "status.conditions").iter().find(|c| s(c, "type") == "Ready");
            let renew = hb.filter(|c| v(c, "lastHeartbeatTime").is_some()).map(|c| date_at(c, "lastHeartbeatTime"));
            w!(w, 1, "RenewTime:\t{}\n", renew.unwrap_or_else(|| "<unset>".into()));
        }
    }
}

/// A parsed resource amount: milli-units for cpu, units (bytes) otherwise.
fn amount(x: Option<&Value>, milli: bool) -> i128 {
    let Some(x) = x else { return 0 };
    let text = crate::kubectl::printers::util::scalar(x);
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (num, suffix) = text.split_at(split);
    let base: f64 = num.parse().unwrap_or(0.0);
    let mult: f64 = match suffix {
        "m" => 0.001,
        "" => 1.0,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024f64.powi(4),
        _ => 1.0,
    };
    let scale = if milli { 1000.0 } else { 1.0 };
    (base * mult * scale).ceil() as i128
}

/// Formats a summed amount as `resource.Quantity` would: cpu in cores or `m`; bytes in the
/// largest exact binary unit when the first summand was binary (`Mi`), else in decimal units.
fn format_amount(n: i128, milli: bool, binary: bool) -> String {
    if milli {
        return if n % 1000 == 0 { (n / 1000).to_string() } else { format!("{n}m") };
    }
    if n == 0 {
        return "0".into();
    }
    let units: &[(&str, i128)] = if binary {
        &[("Ei", 1 << 60), ("Pi", 1 << 50), ("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)]
    } else {
        &[("E", 1_000_000_000_000_000_000), ("P", 1_000_000_000_000_000), ("T", 1_000_000_000_000), ("G", 1_000_000_000), ("M", 1_000_000), ("k", 1000)]
    };
    for (suffix, unit) in units {
        if n % unit == 0 {
            return format!("{}{suffix}", n / unit);
        }
    }
    n.to_string()
}

/// Whether a quantity is written with a binary suffix (`Ki`, `Mi`, …).
fn is_binary(x: &Value) -> bool {
    crate::kubectl::printers::util::scalar(x).ends_with('i')
}

/// A pod's summed container requests and limits of `res` (`PodRequestsAndLimits`, simplified:
/// regular containers only).
fn pod_amounts(pod: &Value, res: &str, milli: bool) -> (i128, i128, Option<String>, Option<String>, bool) {
    let cs = arr(pod, "spec.containers");
    let get = |section: &str| -> (i128, Option<String>) {
        let vals: Vec<&Value> = cs.iter().filter_map(|c| map(c, section).and_then(|m: &Map<String, Value>| m.get(res))).collect();
        let sum = vals.iter().map(|x| amount(Some(x), milli)).fold(0i128, i128::saturating_add);
        let text = if vals.len() == 1 { Some(quantity(vals[0])) } else { None };
        (sum, text)
    };
    let (r, rt) = get("resources.requests");
    let (l, lt) = get("resources.limits");
    let binary = cs
        .iter()
        .filter_map(|c| map(c, "resources.requests").and_then(|m| m.get(res)))
        .chain(cs.iter().filter_map(|c| map(c, "resources.limits").and_then(|m| m.get(res))))
        .next()
        .map_or(true, is_binary);
    (r, l, rt, lt, binary)
}

fn pct(n: i128, d: i128) -> i128 {
    if d == 0 {
        0
    } else {
        n.saturating_mul(100) / d
    }
}

fn node_resources(w: &mut W, node: &Value, all: &[&Value], now: i64) {
    let name = s(node, "metadata.name");
    let pods: Vec<&Value> = all
        .iter()
        .copied()
        .filter(|p| s(p, "kind") == "Pod" && s(p, "spec.nodeName") == name)
        .filter(|p| !matches!(s(p, "status.phase"), "Succeeded" | "Failed"))
        .collect();
    let alloc = map(node, "status.allocatable").filter(|m| !m.is_empty()).or_else(|| map(node, "status.capacity"));
    let alloc_of = |k: &str, milli: bool| amount(alloc.and_then(|m| m.get(k)), milli);
    let (cpu_alloc, mem_alloc, eph_alloc) = (alloc_of("cpu", true), alloc_of("memory", false), alloc_of("ephemeral-storage", false));
    w!(w, 0, "Non-terminated Pods:\t({} in total)\n", pods.len());
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    let mut totals = [0i128; 6];
    let (mut mem_binary, mut eph_binary) = (None, None);
    for p in &pods {
        let (cr, cl, crt, clt, _) = pod_amounts(p, "cpu", true);
        let (mr, ml, mrt, mlt, mb) = pod_amounts(p, "memory", false);
        let (er, el, _, _, eb) = pod_amounts(p, "ephemeral-storage", false);
        if mr != 0 || ml != 0 {
            mem_binary.get_or_insert(mb);
        }
        if er != 0 || el != 0 {
            eph_binary.get_or_insert(eb);
        }
        for (t, x) in totals.iter_mut().zip([cr, cl, mr, ml, er, el]) {
            *t = t.saturating_add(x);
        }
        let cell = |text: Option<String>, n: i128, milli: bool, d: i128| {
            format!("{} ({}%)", text.unwrap_or_else(|| format_amount(n, milli, mb)), pct(n, d))
        };
        w!(
            w,
            1,
            "{}\t{}\t\t{}\t{}\t{}\t{}\t{}\n",
            s(p, "metadata.namespace"),
            s(p, "metadata.name"),
            cell(crt, cr, true, cpu_alloc),
            cell(clt, cl, true, cpu_alloc),
            cell(mrt, mr, false, mem_alloc),
            cell(mlt, ml, false, mem_alloc),
            since(p, "metadata.creationTimestamp", now)
        );
    }
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    let row = |w: &mut W, res: &str, (r, l): (i128, i128), (milli, binary): (bool, Option<bool>), d: i128| {
        let f = |n| format_amount(n, milli, binary.unwrap_or(true));
        w!(w, 1, "{res}\t{} ({}%)\t{} ({}%)\n", f(r), pct(r, d), f(l), pct(l, d));
    };
    row(w, "cpu", (totals[0], totals[1]), (true, None), cpu_alloc);
    row(w, "memory", (totals[2], totals[3]), (false, mem_binary), mem_alloc);
    row(w, "ephemeral-storage", (totals[4], totals[5]), (false, eph_binary), eph_alloc);
    let mut hugepages: Vec<&String> = alloc.into_iter().flat_map(|m| m.keys()).filter(|k| k.starts_with("hugepages-")).collect();
    crate::sort::sort(&mut hugepages);
    for h in hugepages {
        w!(w, 1, "{h}\t0 (0%)\t0 (0%)\n");
    }
}
