//! The lab's machines: their names and addresses, power, packages, services and NFS exports.
//!
//! | host            | address      | role                                         |
//! |-----------------|--------------|----------------------------------------------|
//! | `control-plane` | 172.19.0.1   | kubeadm control plane; the learner's `learner` user (uid 1000) |
//! | `worker-1`      | 172.19.0.2   | node                                         |
//! | `worker-2`      | 172.19.0.3   | node                                         |
//! | `nfs-server`    | 172.19.0.4   | NFS server (no nfs-utils until `yum install`) |
//!
//! All run a CentOS 7-like userland (see [`base`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::fs::Filesystems;

pub mod base;
mod cluster_ext;
mod power;
pub mod exports;
pub mod users;

pub use exports::ExportRule;
pub use power::Power;

/// One systemd unit's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Service {
    /// `active` (running) or `inactive (dead)`.
    pub active: bool,
    /// `enabled` at boot.
    pub enabled: bool,
    /// When it last changed state (simulated Unix seconds).
    pub since: i64,
}

/// One machine of the lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    /// Host name, also the name of its mount namespace.
    pub name: String,
    /// IPv4 address.
    pub ip: String,
    /// Powered on.
    pub powered_on: bool,
    /// Installed packages (yum names).
    pub packages: BTreeSet<String>,
    /// systemd units by canonical name (`rpcbind`, `nfs-server`).
    pub services: BTreeMap<String, Service>,
    /// The kernel's export table (what `exportfs -r` loaded), in `/etc/exports` order.
    pub exports: Vec<ExportRule>,
    /// When it last booted.
    pub boot_time: i64,
    /// The last interactive `ssh` login: when, and from which address.
    pub last_login: Option<(i64, String)>,
}

impl Host {
    /// Whether package `name` is installed.
    pub fn has_package(&self, name: &str) -> bool {
        self.packages.contains(name)
    }

    /// Whether unit `name` (canonical name) is active.
    pub fn service_active(&self, name: &str) -> bool {
        self.services.get(name).is_some_and(|s| s.active)
    }
}

/// Every machine of the lab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hosts {
    /// In address order.
    pub list: Vec<Host>,
}

/// The default lab's machines: (name, address).
pub const LAB_HOSTS: &[(&str, &str)] =
    &[("control-plane", "172.19.0.1"), ("worker-1", "172.19.0.2"), ("worker-2", "172.19.0.3"), ("nfs-server", "172.19.0.4")];

impl Hosts {
    /// Boots the default lab: creates each host's namespace and base files in `fs`.
    pub fn boot(fs: &mut Filesystems, now: i64) -> Self {
        let mut list = Vec::new();
        for (name, ip) in LAB_HOSTS {
            base::install(fs, name, now);
            let mut packages: BTreeSet<String> = ["bash", "coreutils", "openssh-server", "rpcbind", "yum"].iter().map(|s| s.to_string()).collect();
            let mut services = BTreeMap::new();
            services.insert("sshd".into(), Service { active: true, enabled: true, since: now });
            services.insert("rpcbind".into(), Service { active: false, enabled: true, since: now });
            if *name != "nfs-server" {
                packages.insert("kubelet".into());
                services.insert("kubelet".into(), Service { active: true, enabled: true, since: now });
            }
            list.push(Host { name: name.to_string(), ip: ip.to_string(), powered_on: true, packages, services, exports: Vec::new(), boot_time: now, last_login: None });
        }
        Hosts { list }
    }

    /// The host named `name_or_ip` (by name or address).
    pub fn get(&self, name_or_ip: &str) -> Option<&Host> {
        self.list.iter().find(|h| h.name == name_or_ip || h.ip == name_or_ip)
    }

    /// The host named `name_or_ip`, mutably.
    pub fn get_mut(&mut self, name_or_ip: &str) -> Option<&mut Host> {
        self.list.iter_mut().find(|h| h.name == name_or_ip || h.ip == name_or_ip)
    }

    /// The address of `name` (a host name, `localhost` excluded), or `name` when it is an address.
    pub fn resolve(&self, name: &str) -> Option<String> {
        self.get(name).map(|h| h.ip.clone())
    }
}
