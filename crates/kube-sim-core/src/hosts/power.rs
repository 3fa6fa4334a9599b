//! A machine's power: off (its services and kubelet stop, its exports vanish), on (services
//! come back as enabled, `/etc/exports` is read again), or reboot (both at once).

use crate::cluster::Cluster;

use super::exports;

/// What happens to a machine's power.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Power {
    /// Pull the plug (`poweroff`, `shutdown -h now`, the UI's power button).
    Off,
    /// Press the power button of a machine that is off.
    On,
    /// `reboot`: off and on again within the same second.
    Reboot,
}

impl Cluster {
    /// Changes the power of host `name` (a node or the NFS server). Returns an error text when
    /// no such host exists. Powering on a machine that is on, or off one that is off, changes nothing.
    pub fn set_power(&mut self, name: &str, change: Power) -> Result<(), String> {
        let now = self.clock.now();
        let Some(h) = self.hosts.get_mut(name) else {
            return Err(format!("no such machine: {name}"));
        };
        let host = h.name.clone();
        let boot = match change {
            Power::Off => {
                if !h.powered_on {
                    return Ok(());
                }
                false
            }
            Power::On if h.powered_on => return Ok(()),
            Power::On | Power::Reboot => true,
        };
        h.exports.clear();
        for s in h.services.values_mut() {
            s.active = boot && s.enabled;
            s.since = now;
        }
        h.powered_on = boot;
        if change != Power::On {
            // Its processes die at once, containers included (a reboot restarts them).
            crate::kubelet::power_lost(self, &host);
        }
        let Some(h) = self.hosts.get_mut(&host) else { return Ok(()) };
        if boot {
            h.boot_time = now;
            let _ = exports::reload(&self.fs, &mut self.hosts, &host);
        }
        Ok(())
    }

    /// Whether host `name` is powered on (false for an unknown name).
    pub fn is_powered_on(&self, name: &str) -> bool {
        self.hosts.get(name).is_some_and(|h| h.powered_on)
    }
}

#[cfg(test)]
mod tests {
    use super::Power;
    use crate::cluster::Cluster;

    #[test]
    fn off_then_on_restores_enabled_services_and_boot_time() {
        let mut c = Cluster::new();
        assert!(c.is_powered_on("worker-1"));
        c.set_power("worker-1", Power::Off).unwrap();
        assert!(!c.is_powered_on("worker-1"));
        c.advance(5);
        c.set_power("worker-1", Power::On).unwrap();
        let h = c.host("worker-1").unwrap();
        assert!(h.powered_on);
        assert_eq!(h.boot_time, c.now());
        assert!(h.services.values().all(|s| s.active == s.enabled));
        assert_eq!(c.set_power("nope", Power::On).unwrap_err(), "no such machine: nope");
    }
}
