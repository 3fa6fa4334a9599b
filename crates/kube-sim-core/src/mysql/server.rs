//! The mysql image's startup: the docker-entrypoint.sh steps (chown of the datadir, the
//! "uninitialized" check, `mysql_install_db`, root accounts from `MYSQL_ROOT_PASSWORD`), then
//! mysqld's startup log ending in `ready for connections`. Deterministic: times come from the
//! caller's clock.

use sha2::{Digest, Sha256};

use super::storage::{self, DataDir};
use super::system;
use super::MysqlVersion;
use crate::clock::civil;

/// What the container starts with.
#[derive(Clone, Debug)]
pub struct StartOptions<'a> {
    /// Which server.
    pub version: MysqlVersion,
    /// The container's environment.
    pub env: &'a [(String, String)],
    /// Unix seconds at container start (the cluster clock).
    pub now: i64,
    /// Whether `chown mysql` of the datadir fails (NFS with root_squash, read-only mounts).
    pub chown_fails: bool,
    /// The password `MYSQL_RANDOM_ROOT_PASSWORD` generates (from the cluster's seeded ids).
    pub random_password: &'a str,
    /// The datadir as mysqld prints it: `/var/lib/mysql/`.
    pub datadir_path: &'a str,
}

/// How the start went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartOutcome {
    /// What `kubectl logs` shows (stdout and stderr interleaved), each line ending in `\n`.
    pub log: String,
    /// `true`: mysqld runs and accepts connections; `false`: the container exits.
    pub ready: bool,
    /// The exit code when not ready.
    pub exit_code: i32,
    /// Whether this start initialised the datadir.
    pub initialized: bool,
    /// Seconds from container start to `ready for connections`.
    pub ready_after_secs: i64,
}

/// The entrypoint's error in the 2018 image (mysql:5.6.42, as learners' old transcripts show).
pub const LEGACY_UNINITIALIZED_ERROR: &str = "error: database is uninitialized and password option is not specified \n  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD\n";

/// The text chown prints when it may not change the datadir's owner.
pub fn chown_error(datadir_path: &str) -> String {
    format!("chown: changing ownership of '{datadir_path}': Operation not permitted\n")
}

fn env<'a>(o: &'a StartOptions, k: &str) -> Option<&'a str> {
    o.env.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
}

struct Log {
    v: MysqlVersion,
    now: i64,
    out: String,
}

impl Log {
    fn entry(&mut self, kind: &str, msg: &str) {
        let (y, mo, d, h, mi, s) = civil(self.now);
        self.out.push_str(&format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}+00:00 [{kind}] [Entrypoint]: {msg}\n"));
    }
    fn note(&mut self, msg: &str) {
        self.entry("Note", msg);
    }
    /// A mysqld line: `2024-12-10 08:00:00 1 [Note] ...` (5.6) or
    /// `2024-12-10T08:00:00.000000Z 1 [System] [MY-...] [Server] ...` (8.0).
    fn server(&mut self, thread: u32, msg: &str) {
        let (y, mo, d, h, mi, s) = civil(self.now);
        if self.v.is_v8() {
            self.out.push_str(&format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.000000Z {thread} {msg}\n"));
        } else {
            self.out.push_str(&format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} {thread} {msg}\n"));
        }
    }
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
}

/// A stable server UUID for `auto.cnf`, derived from the start time.
fn server_uuid(now: i64) -> String {
    let h = Sha256::digest(format!("kube-sim mysqld {now}").as_bytes());
    let x: String = h.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-11ef-{}-{}", &x[0..8], &x[8..12], &x[16..20], &x[20..32])
}

fn server_startup(l: &mut Log, pid: u32, crashed: bool) {
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
fn innodb_cannot_write(l: &mut Log, thread: u32, e: &str) {
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

/// The file that records whether mysqld is running (an unclean stop leaves it set).
fn state_file(v: MysqlVersion) -> &'static str {
    if v.is_v8() { "ib_buffer_pool" } else { "ib_logfile0" }
}
const RUNNING: &[u8] = b"kube-sim InnoDB redo log\nstate=running\n";
const CLEAN: &[u8] = b"kube-sim InnoDB redo log\nstate=clean\n";

/// Runs the entrypoint and mysqld over a datadir.
pub fn start(dir: &mut dyn DataDir, o: &StartOptions) -> StartOutcome {
    let v = o.version;
    let mut l = Log { v, now: o.now, out: String::new() };
    let started = format!("Entrypoint script for MySQL Server {} started.", v.package_version());
    let fail = |l: Log, initialized| StartOutcome { log: l.out, ready: false, exit_code: 1, initialized, ready_after_secs: 0 };
    l.note(&started);
    if o.chown_fails {
        l.raw(&chown_error(o.datadir_path));
        return fail(l, false);
    }
    l.note("Switching to dedicated user 'mysql'");
    l.note(&started);
    let exists = storage::database_exists(&*dir, "mysql");
    if !exists {
        let root_pw = env(o, "MYSQL_ROOT_PASSWORD");
        let allow_empty = env(o, "MYSQL_ALLOW_EMPTY_PASSWORD").is_some();
        let random = env(o, "MYSQL_RANDOM_ROOT_PASSWORD").is_some();
        if root_pw.is_none() && !allow_empty && !random {
            if v.is_v8() {
                l.entry("ERROR", "Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD");
            } else {
                l.entry("ERROR", "Database is uninitialized and password option is not specified\n\tYou need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD");
            }
            return fail(l, false);
        }
        l.note("Initializing database files");
        let foreign: Vec<String> = dir.list("").into_iter().filter(|n| !n.starts_with('.') && n != "lost+found").collect();
        if v.is_v8() && !foreign.is_empty() {
            l.server(0, &format!("[System] [MY-013169] [Server] /usr/sbin/mysqld (mysqld {}) initializing of server in progress as process 80", v.server_version()));
            l.server(0, "[ERROR] [MY-010457] [Server] --initialize specified but the data directory has files in it. Aborting.");
            l.server(0, &format!("[ERROR] [MY-013236] [Server] The designated data directory {} is unusable. You can remove all files that the server added to it.", o.datadir_path));
            l.server(0, "[ERROR] [MY-010119] [Server] Aborting");
            l.server(0, &format!("[System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld {})  MySQL Community Server - GPL.", v.server_version()));
            return fail(l, false);
        }
        if let Err(e) = system::install(dir, v, &server_uuid(o.now)) {
            innodb_cannot_write(&mut l, 0, &e);
            return fail(l, false);
        }
        if v.is_v8() {
            l.server(0, &format!("[System] [MY-013169] [Server] /usr/sbin/mysqld (mysqld {}) initializing of server in progress as process 80", v.server_version()));
            l.server(1, "[System] [MY-013576] [InnoDB] InnoDB initialization has started.");
            l.server(1, "[System] [MY-013577] [InnoDB] InnoDB initialization has ended.");
            l.server(6, "[Warning] [MY-010453] [Server] root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.");
        } else {
            l.server(0, "[Note] Ignoring --secure-file-priv value as server is running with --bootstrap.");
            l.server(0, &format!("[Note] /usr/sbin/mysqld (mysqld {}) starting as process 47 ...", v.server_version()));
            l.server(47, "[Note] InnoDB: The first specified data file ./ibdata1 did not exist: a new database to be created!");
            l.server(47, "[Note] InnoDB: Setting file ./ibdata1 size to 12 MB");
            l.server(47, "[Note] InnoDB: Setting log file ./ib_logfile101 size to 48 MB");
            l.server(47, "[Note] InnoDB: Renaming log file ./ib_logfile101 to ./ib_logfile0");
            l.server(47, "[Note] InnoDB: Creating foreign key constraint system tables.");
            l.server(47, "[Note] InnoDB: Shutdown completed; log sequence number 1625977");
        }
        l.now += 4;
        l.note("Database files initialized");
        l.note("Starting temporary server");
        l.note("Waiting for server startup");
        server_startup(&mut l, 94, false);
        l.now += 2;
        l.note("Temporary server started.");
        for f in ["iso3166.tab", "leap-seconds.list", "zone.tab", "zone1970.tab"] {
            l.raw(&format!("Warning: Unable to load '/usr/share/zoneinfo/{f}' as time zone. Skipping it.\n"));
        }
        let password = if random { o.random_password } else { root_pw.unwrap_or("") };
        if random {
            l.note(&format!("GENERATED ROOT PASSWORD: {password}"));
        }
        let root_host = env(o, "MYSQL_ROOT_HOST").unwrap_or("%");
        let mut accounts = vec![("root", "localhost", password)];
        if root_host != "localhost" {
            accounts.push(("root", root_host, password));
        }
        let database = env(o, "MYSQL_DATABASE");
        if let Some(db) = database {
            l.note(&format!("Creating database {db}"));
            let _ = storage::create_database(dir, db);
        }
        if let (Some(u), Some(p)) = (env(o, "MYSQL_USER"), env(o, "MYSQL_PASSWORD")) {
            l.note(&format!("Creating user {u}"));
            accounts.push((u, "%", p));
            if let Some(db) = database {
                l.note(&format!("Giving user {u} access to schema {db}"));
            }
        }
        let _ = system::set_accounts(dir, v, &accounts);
        if let (Some(u), Some(_), Some(db)) = (env(o, "MYSQL_USER"), env(o, "MYSQL_PASSWORD"), database) {
            let _ = system::grant_db(dir, v, u, "%", db);
        }
        l.raw("\n");
        l.note("Stopping temporary server");
        l.now += 2;
        shutdown_lines(&mut l, 94);
        l.note("Temporary server stopped");
        l.raw("\n");
        l.note("MySQL init process done. Ready for start up.");
        l.raw("\n");
    }
    let crashed = dir.read(state_file(v)).is_some_and(|b| b == RUNNING);
    if let Err(e) = dir.write(state_file(v), RUNNING) {
        innodb_cannot_write(&mut l, 1, &e);
        return fail(l, !exists);
    }
    server_startup(&mut l, 1, crashed);
    let ready_after_secs = l.now - o.now + 1;
    StartOutcome { log: l.out, ready: true, exit_code: 0, initialized: !exists, ready_after_secs }
}

/// A clean stop (the container got SIGTERM): mysqld's shutdown lines, and the datadir marked
/// clean so the next start does no crash recovery.
pub fn shutdown(dir: &mut dyn DataDir, version: MysqlVersion, now: i64) -> String {
    let mut l = Log { v: version, now, out: String::new() };
    let _ = dir.write(state_file(version), CLEAN);
    shutdown_lines(&mut l, 0);
    l.out
}

fn shutdown_lines(l: &mut Log, thread: u32) {
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
