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

/// The standard InnoDB start lines of 5.6, up to the buffer pool.
const INNODB_START: [&str; 9] = [
    "Using atomics to ref count buffer pool pages",
    "The InnoDB memory heap is disabled",
    "Mutexes and rw_locks use GCC atomic builtins",
    "Memory barrier is not used",
    "Compressed tables use zlib 1.2.11",
    "Using Linux native AIO",
    "Using CPU crc32 instructions",
    "Initializing buffer pool, size = 128.0M",
    "Completed initialization of buffer pool",
];

const TIMESTAMP_WARNING: &str = "[Warning] TIMESTAMP with implicit DEFAULT value is deprecated. Please use --explicit_defaults_for_timestamp server option (see documentation for more details).";

fn rsa_notes(l: &mut Log, pid: u32, datadir: &str) {
    l.server(pid, &format!("[Note] RSA private key file not found: {datadir}/private_key.pem. Some authentication plugins will not work."));
    l.server(pid, &format!("[Note] RSA public key file not found: {datadir}/public_key.pem. Some authentication plugins will not work."));
}

/// `mysql_install_db` on 5.6: two bootstrap runs of mysqld, then its advice text.
pub(super) fn bootstrap_5_6(l: &mut Log, datadir: &str, hostname: &str) {
    let version = l.v.server_version();
    for (pid, first) in [(94, true), (117, false)] {
        l.server(0, TIMESTAMP_WARNING);
        l.server(0, "[Note] Ignoring --secure-file-priv value as server is running with --bootstrap.");
        l.server(0, &format!("[Note] /usr/sbin/mysqld (mysqld {version}) starting as process {pid} ..."));
        for m in INNODB_START {
            l.server(pid, &format!("[Note] InnoDB: {m}"));
        }
        if first {
            for m in [
                "[Note] InnoDB: The first specified data file ./ibdata1 did not exist: a new database to be created!",
                "[Note] InnoDB: Setting file ./ibdata1 size to 12 MB",
                "[Note] InnoDB: Database physically writes the file full: wait...",
                "[Note] InnoDB: Setting log file ./ib_logfile101 size to 48 MB",
                "[Note] InnoDB: Setting log file ./ib_logfile1 size to 48 MB",
            ] {
                l.server(pid, m);
            }
            l.now += 1;
            for m in [
                "[Note] InnoDB: Renaming log file ./ib_logfile101 to ./ib_logfile0",
                "[Warning] InnoDB: New log files created, LSN=45781",
                "[Note] InnoDB: Doublewrite buffer not found: creating new",
                "[Note] InnoDB: Doublewrite buffer created",
                "[Note] InnoDB: 128 rollback segment(s) are active.",
                "[Warning] InnoDB: Creating foreign key constraint system tables.",
                "[Note] InnoDB: Foreign key constraint system tables created",
                "[Note] InnoDB: Creating tablespace and datafile system tables.",
                "[Note] InnoDB: Tablespace and datafile system tables created.",
                "[Note] InnoDB: Waiting for purge to start",
            ] {
                l.server(pid, m);
            }
            l.server(pid, &format!("[Note] InnoDB: {version} started; log sequence number 0"));
        } else {
            l.server(pid, "[Note] InnoDB: Highest supported file format is Barracuda.");
            l.now += 1;
            l.server(pid, "[Note] InnoDB: 128 rollback segment(s) are active.");
            l.server(pid, "[Note] InnoDB: Waiting for purge to start");
            l.server(pid, &format!("[Note] InnoDB: {version} started; log sequence number 1625977"));
        }
        rsa_notes(l, pid, datadir);
        l.server(pid, "[Note] Binlog end");
        l.server(pid, "[Note] InnoDB: FTS optimize thread exiting.");
        l.server(pid, "[Note] InnoDB: Starting shutdown...");
        l.now += if first { 2 } else { 1 };
        l.server(pid, &format!("[Note] InnoDB: Shutdown completed; log sequence number {}", if first { 1_625_977 } else { 1_625_987 }));
        l.raw(if first { "\n\n" } else { "\n\n\n\n" });
    }
    l.raw(&format!(
        "PLEASE REMEMBER TO SET A PASSWORD FOR THE MySQL root USER !\nTo do so, start the server, then issue the following commands:\n\n  /usr/bin/mysqladmin -u root password 'new-password'\n  /usr/bin/mysqladmin -u root -h {hostname} password 'new-password'\n\nAlternatively you can run:\n\n  /usr/bin/mysql_secure_installation\n\nwhich will also give you the option of removing the test\ndatabases and anonymous user created by default.  This is\nstrongly recommended for production servers.\n\nSee the manual for more instructions.\n\nPlease report any problems at http://bugs.mysql.com/\n\nThe latest information about MySQL is available on the web at\n\n  http://www.mysql.com\n\nSupport MySQL by buying support/licenses at http://shop.mysql.com\n\nNote: new default config file not created.\nPlease make sure your config file is current\n\nWARNING: Default config file /etc/mysql/my.cnf exists on the system\nThis file will be read by default by the MySQL server\nIf you do not want to use this, either remove it, or use the\n--defaults-file argument to mysqld_safe when starting the server\n\n"
    ));
}

/// mysqld's startup until `ready for connections` (pid 1: the real server; else the
/// entrypoint's temporary one, without networking).
pub(super) fn server_startup(l: &mut Log, pid: u32, crashed: bool, datadir: &str) {
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
    l.server(0, TIMESTAMP_WARNING);
    l.server(0, &format!("[Note] mysqld (mysqld {version}) starting as process {pid} ..."));
    l.server(pid, "[Note] Plugin 'FEDERATED' is disabled.");
    for m in INNODB_START {
        l.server(pid, &format!("[Note] InnoDB: {m}"));
    }
    l.server(pid, "[Note] InnoDB: Highest supported file format is Barracuda.");
    if crashed {
        l.server(pid, "[Note] InnoDB: Log scan progressed past the checkpoint lsn 1626017");
        l.server(pid, "[Note] InnoDB: Database was not shutdown normally!");
        l.server(pid, "[Note] InnoDB: Starting crash recovery.");
        l.server(pid, "[Note] InnoDB: Reading tablespace information from the .ibd files...");
        l.server(pid, "[Note] InnoDB: Restoring possible half-written data pages");
        l.server(pid, "[Note] InnoDB: from the doublewrite buffer...");
    }
    l.server(pid, "[Note] InnoDB: 128 rollback segment(s) are active.");
    l.server(pid, "[Note] InnoDB: Waiting for purge to start");
    let lsn = if pid == 1 { 1_626_017 } else { 1_625_987 };
    l.server(pid, &format!("[Note] InnoDB: {version} started; log sequence number {lsn}"));
    rsa_notes(l, pid, datadir);
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
        for m in [
            "[Note] mysqld: Normal shutdown",
            "[Note] Giving 0 client threads a chance to die gracefully",
            "[Note] Event Scheduler: Purging the queue. 0 events",
            "[Note] Shutting down slave threads",
            "[Note] Forcefully disconnecting 0 remaining clients",
            "[Note] Binlog end",
            "[Note] InnoDB: FTS optimize thread exiting.",
            "[Note] InnoDB: Starting shutdown...",
        ] {
            l.server(thread, m);
        }
        let lsn = if thread == 1 { 1_626_027 } else { 1_626_007 };
        l.server(thread, &format!("[Note] InnoDB: Shutdown completed; log sequence number {lsn}"));
        l.server(thread, "[Note] mysqld: Shutdown complete");
        l.raw("\n");
    }
}
