//! The mysql image's startup: the docker-entrypoint.sh steps (chown of the datadir, the
//! "uninitialized" check, `mysql_install_db`, root accounts from `MYSQL_ROOT_PASSWORD`), then
//! mysqld's startup log ending in `ready for connections`. Deterministic: times come from the
//! caller's clock.

use sha2::{Digest, Sha256};

use super::storage::{self, DataDir};
use super::system;
use super::MysqlVersion;
use super::server_log::{bootstrap_5_6, innodb_cannot_write, server_startup, shutdown_lines, Log};

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
    /// The pod's hostname (mysql_install_db names it in its advice).
    pub hostname: &'a str,
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

/// A stable server UUID for `auto.cnf`, derived from the start time.
fn server_uuid(now: i64) -> String {
    let h = Sha256::digest(format!("kube-sim mysqld {now}").as_bytes());
    let x: String = h.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-11ef-{}-{}", &x[0..8], &x[8..12], &x[16..20], &x[20..32])
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
                l.entry("ERROR", "Database is uninitialized and password option is not specified\n    You need to specify one of the following:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD");
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
            l.now += 4;
        } else {
            bootstrap_5_6(&mut l, o.datadir_path, o.hostname);
        }
        l.note("Database files initialized");
        l.note("Starting temporary server");
        l.note("Waiting for server startup");
        server_startup(&mut l, 142, false, o.datadir_path);
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
        shutdown_lines(&mut l, 142);
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
    server_startup(&mut l, 1, crashed, o.datadir_path);
    let ready_after_secs = l.now - o.now + 1;
    StartOutcome { log: l.out, ready: true, exit_code: 0, initialized: !exists, ready_after_secs }
}

/// A clean stop (the container got SIGTERM): mysqld's shutdown lines, and the datadir marked
/// clean so the next start does no crash recovery.
pub fn shutdown(dir: &mut dyn DataDir, version: MysqlVersion, now: i64) -> String {
    let mut l = Log { v: version, now, out: String::new() };
    let _ = dir.write(state_file(version), CLEAN);
    shutdown_lines(&mut l, 1);
    l.out
}

