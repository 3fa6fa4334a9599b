//! The [`Cluster`] calls about hosts, users, sessions and NFS that other parts use.

use crate::cluster::{Cluster, ProcCtx};
use crate::fs::{absolutize, Cred, FsError};
use crate::shell::{Effects, Session};
use crate::terminal::TypedLine;

use super::{ExportRule, Host, Hosts};

impl Cluster {
    /// The credentials of the process `ctx` (its user looked up in the host's `/etc/passwd`).
    pub fn cred(&self, ctx: &ProcCtx) -> Cred {
        super::users::cred_of(&self.fs, &ctx.host, &ctx.user)
    }

    /// Writes (or appends to) a file as the process in `ctx`, with its permissions.
    pub fn write_file_as(&mut self, ctx: &ProcCtx, path: &str, data: &[u8], append: bool) -> Result<(), FsError> {
        let cred = self.cred(ctx);
        let now = self.clock.now();
        self.fs.write(&ctx.host, &cred, &absolutize(&ctx.cwd, path), data, append, now)
    }

    /// The filesystems of every host and container (the kubelet mounts volumes through it).
    pub fn filesystems(&self) -> &crate::fs::Filesystems {
        &self.fs
    }

    /// The filesystems, mutably.
    pub fn filesystems_mut(&mut self) -> &mut crate::fs::Filesystems {
        &mut self.fs
    }

    /// The lab's machines.
    pub fn hosts(&self) -> &Hosts {
        &self.hosts
    }

    /// The lab's machines, mutably.
    pub fn hosts_mut(&mut self) -> &mut Hosts {
        &mut self.hosts
    }

    /// The host named (or addressed) `name`.
    pub fn host(&self, name: &str) -> Option<&Host> {
        self.hosts.get(name)
    }

    /// Where the terminal's current session runs (the editor reads and saves files with it).
    pub fn current_ctx(&self) -> ProcCtx {
        self.sessions.last().map_or_else(Self::learner_ctx, |s| s.ctx().clone())
    }

    /// How many sessions are stacked (1 at the learner's own prompt).
    pub fn session_depth(&self) -> usize {
        self.sessions.len()
    }

    /// The current session's history, oldest first.
    pub fn history(&self) -> Vec<String> {
        self.sessions.last().map(|s| s.history().to_vec()).unwrap_or_default()
    }

    /// What an NFS client at `client_ip` gets when it mounts `server_ip:path`: the export rule
    /// that applies, or the `mount.nfs: ...` error text.
    pub fn nfs_export_for(&self, server_ip: &str, path: &str, client_ip: &str) -> Result<ExportRule, String> {
        super::exports::export_for(&self.fs, &self.hosts, server_ip, path, client_ip)
    }

    /// Whether node `client` can mount NFS at all (it needs `nfs-utils` for the
    /// `/sbin/mount.nfs` helper); the error is what CentOS 7's `mount` prints without it.
    pub fn nfs_client_check(&self, client: &str, source: &str) -> Result<(), String> {
        if self.hosts.get(client).is_some_and(|h| h.has_package("nfs-utils")) {
            return Ok(());
        }
        Err(format!(
            "mount: wrong fs type, bad option, bad superblock on {source},\n       missing codepage or helper program, or other error\n       (for several filesystems (e.g. nfs, cifs) you might\n       need a /sbin/mount.<type> helper program)\n\n       In some cases useful info is found in syslog - try\n       dmesg | tail or so."
        ))
    }

    /// Puts `session` back on the stack and applies what its command line asked for.
    pub(crate) fn apply_session_effects(&mut self, session: Session, effects: Effects, typed: &mut TypedLine) {
        if effects.pop {
            if let Some(dest) = &session.ssh_dest {
                typed.output.push_str(&format!("Connection to {dest} closed.\n"));
            }
            if self.sessions.is_empty() {
                self.sessions.push(Session::new(Self::learner_ctx()));
            }
            return;
        }
        let host_down = self.hosts.get(&session.ctx().host).is_some_and(|h| !h.powered_on || h.boot_time == self.clock.now());
        if host_down && session.ssh_dest.is_some() {
            if let Some(dest) = &session.ssh_dest {
                typed.output.push_str(&format!("Connection to {dest} closed by remote host.\nConnection to {dest} closed.\n"));
            }
            return;
        }
        self.sessions.push(session);
        // Sessions a command attached to (`kubectl exec -it`) go on top of the shell that ran it.
        let attached = std::mem::take(&mut self.kubelet.attached);
        self.sessions.extend(attached);
        if let Some(ctx) = effects.push {
            let mut s = Session::new(ctx);
            if effects.nested {
                s = s.non_login();
            }
            s.ssh_dest = effects.ssh_dest;
            self.sessions.push(s);
        }
    }

    /// Tells whether the front end has an editor for `vi FILE` (the web UI does; the CLI
    /// calls this with `false`, and `vi` then prints how to write the file instead).
    pub fn set_editor_available(&mut self, available: bool) {
        self.editor = available;
    }

    /// Whether `vi FILE` opens the front end's editor.
    pub fn editor_available(&self) -> bool {
        self.editor
    }

    /// Starts a nested terminal session (what `kubectl exec -it POD -- sh` does); the
    /// learner's `exit` in it returns to the session below.
    pub fn push_session(&mut self, session: Session) {
        self.sessions.push(session);
    }
}
