//! The log lines of the entrypoint and of mysqld (startup, bootstrap, shutdown, fatal errors),
//! with timestamps from the caller's clock.

use super::MysqlVersion;
use crate::clock::civil;

pub(super) struct Log {
    pub(super) v: MysqlVersion,
    pub(super) now: i64,
    pub(super) out: String,
}

impl Log {
    pub(super) fn entry(&mut self, kind: &str, msg: &str) {
        let (y, mo, d, h, mi, s) = civil(self.now);
        self.out.push_str(&format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}+00:00 [{kind}] [Entrypoint]: {msg}\n"));
    }
    pub(super) fn note(&mut self, msg: &str) {
        self.entry("Note", msg);
    }
    /// A mysqld line: `2024-12-10 08:00:00 1 [Note] ...` (5.6) or
    /// `2024-12-10T08:00:00.000000Z 1 [System] [MY-...] [Server] ...` (8.0).
    pub(super) fn server(&mut self, thread: u32, msg: &str) {
        let (y, mo, d, h, mi, s) = civil(self.now);
        if self.v.is_v8() {
            self.out.push_str(&format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.000000Z {thread} {msg}\n"));
        } else {
            self.out.push_str(&format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} {thread} {msg}\n"));
        }
    }
    pub(super) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
}

pub(super) fn server_startup(l: &mut Log, pid: u32, crashed: bool) {
    let version = l.v.server_version();
    if l.v.is_v8() {
        l.server(0, &format!("[System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld {version}) starting as process {pid}"));
        l.server(1, "[System] [MY-013576] [InnoDB] InnoDB initialization has started.");
        if crashed {
            l.server(1, "[System] [MY-013577] [InnoDB] Starting crash recovery.");
        }
        l.server(1, "[System] [MY-013577] [InnoDB] InnoDB initialization has ended.");
        l.server(0, "[Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.");
        l.server(0, "[System] [MY-013602] [Server] Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.");
        l.server(0, "[Warning] [MY-011810] [Server] Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.");
        if pid == 1 {
            l.server(0, "[System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock");
            l.server(0, &format!("[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."));
        }
        return;
    }
    l.server(0, "[Warning] TIMESTAMP with implicit DEFAULT value is deprecated. Please use --explicit_defaults_for_timestamp server option (see documentation for more details).");
    l.server(0, &format!("[Note] mysqld (mysqld {version}) starting as process {pid} ..."));
    l.server(pid, "[Note] Plugin 'FEDERATED' is disabled.");
    for m in [
        "Using atomics to ref count buffer pool pages",
        "The InnoDB memory heap is disabled",
        "Mutexes and rw_locks use GCC atomic builtins",
        "Memory barrier is not used",
        "Compressed tables use zlib 1.2.11",
        "Using Linux native AIO",
        "Using CPU crc32 instructions",
        "Initializing buffer pool, size = 128.0M",
        "Completed initialization of buffer pool",
        "Highest supported file format is Barracuda.",
    ] {
        l.server(pid, &format!("[Note] InnoDB: {m}"));
    }
    if crashed {
        l.server(pid, "[Note] InnoDB: Log scan progressed past the checkpoint lsn 1626027");
        l.server(pid, "[Note] InnoDB: Database was not shutdown normally!");
        l.server(pid, "[Note] InnoDB: Starting crash recovery.");
        l.server(pid, "[Note] InnoDB: Reading tablespace information from the .ibd files...");
        l.server(pid, "[Note] InnoDB: Restoring possible half-written data pages");
        l.server(pid, "[Note] InnoDB: from the doublewrite buffer...");
    }
    l.server(pid, "[Note] InnoDB: 128 rollback segment(s) are active.");
    l.server(pid, "[Note] InnoDB: Waiting for purge to start");
    l.server(pid, &format!("[Note] InnoDB: {version} started; log sequence number 1626027"));
    if pid == 1 {
        l.server(pid, "[Note] Server hostname (bind-address): '*'; port: 3306");
        l.server(pid, "[Note] IPv6 is available.");
        l.server(pid, "[Note]   - '::' resolves to '::';");
        l.server(pid, "[Note] Server socket created on IP: '::'.");
    }
    l.server(pid, "[Warning] Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.");
    l.server(pid, "[Note] Event Scheduler: Loaded 0 events");
    l.server(pid, "[Note] mysqld: ready for connections.");
    if pid == 1 {
        l.raw(&format!("Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)\n"));
    } else {
        l.raw(&format!("Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 0  MySQL Community Server (GPL)\n"));
    }
}

/// The errno for a [`DataDir`] error text.
fn errno(e: &str) -> u32 {
    match e {
        "Read-only file system" => 30,
        "Permission denied" => 13,
        "Operation not permitted" => 1,
        "No space left on device" => 28,
        "No such file or directory" => 2,
        _ => 5,
    }
}

/// mysqld aborting because InnoDB cannot write its files.
pub(super) fn innodb_cannot_write(l: &mut Log, thread: u32, e: &str) {
    let n = errno(e);
    let e = if n == 5 { "Input/output error" } else { e };
    if l.v.is_v8() {
        l.server(thread, &format!("[ERROR] [MY-012592] [InnoDB] Operating system error number {n} in a file operation."));
        l.server(thread, &format!("[ERROR] [MY-012596] [InnoDB] Error number {n} means '{e}'"));
        l.server(thread, "[ERROR] [MY-012930] [InnoDB] Plugin initialization aborted with error Generic error.");
        l.server(0, "[ERROR] [MY-010334] [Server] Failed to initialize DD Storage Engine");
        l.server(0, "[ERROR] [MY-010119] [Server] Aborting");
        return;
    }
    l.server(thread, &format!("[ERROR] InnoDB: Operating system error number {n} in a file operation."));
    l.server(thread, &format!("[ERROR] InnoDB: Error number {n} means '{e}'."));
    l.server(thread, "[ERROR] InnoDB: Could not open or create the system tablespace. If you tried to add new data files to the system tablespace, and it failed here, you should now edit innodb_data_file_path in my.cnf back to what it was, and remove the new ibdata files InnoDB created in this failed attempt. InnoDB only wrote those files full of zeros, but did not yet use them in any way. But be careful: do not remove old data files which contain your precious data!");
    l.server(thread, "[ERROR] Plugin 'InnoDB' init function returned error.");
    l.server(thread, "[ERROR] Plugin 'InnoDB' registration as a STORAGE ENGINE failed.");
    l.server(thread, "[ERROR] Unknown/unsupported storage engine: InnoDB");
    l.server(thread, "[ERROR] Aborting");
    l.raw("\n");
}

pub(super) fn shutdown_lines(l: &mut Log, thread: u32) {
    let version = l.v;
    if version.is_v8() {
        l.server(0, &format!("[System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: {}).", version.server_version()));
        l.server(0, &format!("[System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld {})  MySQL Community Server - GPL.", version.server_version()));
    } else {
        l.server(thread, "[Note] mysqld: Normal shutdown");
        l.server(thread, "[Note] InnoDB: Starting shutdown...");
        l.server(thread, "[Note] InnoDB: Shutdown completed; log sequence number 1626037");
        l.server(thread, "[Note] mysqld: Shutdown complete");
        l.raw("\n");
    }
}
