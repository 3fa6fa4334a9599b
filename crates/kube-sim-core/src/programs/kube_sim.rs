//! `kube-sim` on the control plane: the simulator's own helper commands.
//!
//! - `kube-sim explain-binding PVC [-n NS]`: why a claim is (or is not) bound, one verdict
//!   per PersistentVolume ([`crate::storage::explain_binding`]).
//! - `kube-sim power [on|off|reboot MACHINE]`: press a lab machine's power button
//!   ([`crate::cluster::Cluster::set_power`]); without arguments, every machine's power.
//! - `kube-sim help`.

use super::Proc;
use crate::storage::{classes::is_delay_binding_mode, explain_binding, render_explanation};

const HELP: &str = "kube-sim: helper commands of the Kube Storage Playground.

Usage:
  kube-sim explain-binding PVC [-n NAMESPACE]   why a PersistentVolumeClaim is or is not bound
  kube-sim power [on|off|reboot MACHINE]        power a lab machine on or off (no arguments: list)
  kube-sim help                                 this help
";

/// `kube-sim ARGS`.
pub fn kube_sim(p: &mut Proc<'_>, args: &[String]) -> i32 {
    match args.first().map(String::as_str) {
        None | Some("help") | Some("-h") | Some("--help") => {
            p.out(HELP);
            0
        }
        Some("explain-binding") => explain(p, args.get(1..).unwrap_or(&[])),
        Some("power") => power(p, args.get(1..).unwrap_or(&[])),
        Some(other) => {
            p.out.err(format!("kube-sim: unknown command {other:?}\n{HELP}"));
            1
        }
    }
}

fn explain(p: &mut Proc<'_>, args: &[String]) -> i32 {
    let mut ns = "default".to_string();
    let mut names = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "-n" || a == "--namespace" {
            match it.next() {
                Some(v) => ns = v.clone(),
                None => {
                    p.out.err(format!("kube-sim: flag needs an argument: {a}\n"));
                    return 1;
                }
            }
        } else if let Some(v) = a.strip_prefix("--namespace=").or_else(|| a.strip_prefix("-n=")) {
            ns = v.to_string();
        } else {
            names.push(a.clone());
        }
    }
    let [name] = names.as_slice() else {
        p.out.err("kube-sim: explain-binding needs exactly one PVC name\nUsage: kube-sim explain-binding PVC [-n NAMESPACE]\n");
        return 1;
    };
    let Some(claim) = p.cl.api.store.get("PersistentVolumeClaim", &ns, name).cloned() else {
        p.out.err(format!("kube-sim: persistentvolumeclaims {name:?} not found in namespace {ns:?}\n"));
        return 1;
    };
    let volumes: Vec<_> = p.cl.api.store.list("PersistentVolume", None).into_iter().cloned().collect();
    let classes: Vec<_> = p.cl.api.store.list("StorageClass", None).into_iter().cloned().collect();
    let volume_refs: Vec<_> = volumes.iter().collect();
    let class_refs: Vec<_> = classes.iter().collect();
    let delay = is_delay_binding_mode(&claim, &class_refs).unwrap_or(false);
    let e = explain_binding(&claim, &volume_refs, None, delay, &class_refs);
    p.out(render_explanation(&e));
    0
}

const POWER_USAGE: &str = "Usage: kube-sim power [on|off|reboot MACHINE]\n";

/// `kube-sim power [on|off|reboot MACHINE]`.
fn power(p: &mut Proc<'_>, args: &[String]) -> i32 {
    use crate::hosts::Power;
    let machines: Vec<(String, bool)> = crate::hosts::LAB_HOSTS.iter().map(|(n, _)| (n.to_string(), p.cl.is_powered_on(n))).collect();
    let (verb, name) = match args {
        [] => {
            let w = machines.iter().map(|m| m.0.len()).max().unwrap_or(0).max(7) + 3;
            let mut s = format!("{:<w$}POWER\n", "MACHINE");
            for (n, on) in &machines {
                s.push_str(&format!("{n:<w$}{}\n", if *on { "on" } else { "off" }));
            }
            p.out(s);
            return 0;
        }
        [verb, name] => (verb.as_str(), name.as_str()),
        [verb] if matches!(verb.as_str(), "on" | "off" | "reboot") => {
            p.out.err(format!("error: you must specify the machine to power {verb}\n{POWER_USAGE}"));
            return 1;
        }
        _ => {
            p.out.err(format!("error: expected \"on\", \"off\" or \"reboot\" and one machine name\n{POWER_USAGE}"));
            return 1;
        }
    };
    let (change, done) = match verb {
        "on" => (Power::On, "powered on"),
        "off" => (Power::Off, "powered off"),
        "reboot" => (Power::Reboot, "rebooted"),
        other => {
            p.out.err(format!("error: unknown power action {other:?}: expected \"on\", \"off\" or \"reboot\"\n{POWER_USAGE}"));
            return 1;
        }
    };
    let Some((_, on)) = machines.iter().find(|m| m.0 == name) else {
        let names: Vec<&str> = machines.iter().map(|m| m.0.as_str()).collect();
        p.out.err(format!("error: machine {name:?} not found (machines: {})\n", names.join(", ")));
        return 1;
    };
    if name == p.ctx.host && change != Power::On {
        p.out.err(format!("error: this terminal runs on {name}; use poweroff or reboot there\n"));
        return 1;
    }
    let unchanged = match change {
        Power::On if *on => Some("already on"),
        Power::Off if !*on => Some("already off"),
        Power::Reboot if !*on => {
            p.out.err(format!("error: {name} is powered off; use: kube-sim power on {name}\n"));
            return 1;
        }
        _ => None,
    };
    if let Err(e) = p.cl.set_power(name, change) {
        p.out.err(format!("error: {e}\n"));
        return 1;
    }
    p.out(format!("{name} {}\n", unchanged.unwrap_or(done)));
    0
}
