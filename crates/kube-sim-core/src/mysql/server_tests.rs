//! Startup of the mysql image: init, errors, restarts.

use super::server::*;
use super::storage::{self, DataDir, MemDataDir};
use super::system;
use super::MysqlVersion;

const NOW: i64 = 1_733_817_600; // 2024-12-10T08:00:00Z

fn opts<'a>(v: MysqlVersion, env: &'a [(String, String)]) -> StartOptions<'a> {
    StartOptions { version: v, env, now: NOW, chown_fails: false, random_password: "Ohc4ieh0", datadir_path: "/var/lib/mysql/", hostname: "mysql-7686899cf9-4jtmg" }
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn ok_start(d: &mut MemDataDir, v: MysqlVersion, e: &[(String, String)]) -> StartOutcome {
    let out = start(d, &opts(v, e));
    assert!(out.ready, "{}", out.log);
    out
}

fn can_login(d: &MemDataDir, pw: &str) -> bool {
    system::authenticate(d, "root", "10.244.1.5", pw).is_some()
}

#[test]
fn first_start_initialises_and_ends_ready() {
    let mut d = MemDataDir::default();
    let out = ok_start(&mut d, MysqlVersion::V5_6, &env(&[("MYSQL_ROOT_PASSWORD", "password")]));
    assert!(out.initialized);
    assert_eq!(out.ready_after_secs, 10);
    assert!(out.log.starts_with("2024-12-10 08:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 5.6.51-1debian9 started.\n2024-12-10 08:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n"));
    assert!(out.log.contains("2024-12-10 08:00:05+00:00 [Note] [Entrypoint]: Database files initialized\n"));
    assert!(out.log.contains("  /usr/bin/mysqladmin -u root -h mysql-7686899cf9-4jtmg password 'new-password'\n"));
    assert!(out.log.contains("\n2024-12-10 08:00:09+00:00 [Note] [Entrypoint]: MySQL init process done. Ready for start up.\n\n"));
    assert!(out.log.ends_with("2024-12-10 08:00:09 1 [Note] mysqld: ready for connections.\nVersion: '5.6.51'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)\n"));
    assert!(!out.log.contains("crash recovery"));
    assert!(can_login(&d, "password"));
    assert!(!can_login(&d, "other"));
}

#[test]
fn restart_after_clean_shutdown_skips_init_and_recovery() {
    let mut d = MemDataDir::default();
    let e = env(&[("MYSQL_ROOT_PASSWORD", "password")]);
    ok_start(&mut d, MysqlVersion::V5_6, &e);
    let stop = shutdown(&mut d, MysqlVersion::V5_6, NOW + 60);
    assert!(stop.starts_with("2024-12-10 08:01:00 1 [Note] mysqld: Normal shutdown\n2024-12-10 08:01:00 1 [Note] Giving 0 client threads a chance to die gracefully\n"));
    assert!(stop.ends_with("2024-12-10 08:01:00 1 [Note] InnoDB: Shutdown completed; log sequence number 1626027\n2024-12-10 08:01:00 1 [Note] mysqld: Shutdown complete\n\n"));
    let out = ok_start(&mut d, MysqlVersion::V5_6, &e);
    assert!(!out.initialized);
    assert_eq!(out.ready_after_secs, 1);
    assert!(!out.log.contains("Initializing database files"));
    assert!(!out.log.contains("crash recovery"));
}

#[test]
fn restart_after_node_loss_does_crash_recovery() {
    let mut d = MemDataDir::default();
    let e = env(&[("MYSQL_ROOT_PASSWORD", "password")]);
    ok_start(&mut d, MysqlVersion::V5_6, &e);
    let out = ok_start(&mut d, MysqlVersion::V5_6, &e);
    assert!(out.log.contains("2024-12-10 08:00:00 1 [Note] InnoDB: Database was not shutdown normally!\n2024-12-10 08:00:00 1 [Note] InnoDB: Starting crash recovery.\n"));
}

#[test]
fn uninitialized_without_password_fails_5_6() {
    let mut d = MemDataDir::default();
    let out = start(&mut d, &opts(MysqlVersion::V5_6, &[]));
    assert_eq!((out.ready, out.exit_code, out.initialized), (false, 1, false));
    assert_eq!(
        out.log,
        "2024-12-10 08:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 5.6.51-1debian9 started.
2024-12-10 08:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'
2024-12-10 08:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 5.6.51-1debian9 started.
2024-12-10 08:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified
    You need to specify one of the following:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
"
    );
    assert!(d.list("").is_empty());
}

#[test]
fn uninitialized_without_password_fails_8_0() {
    let mut d = MemDataDir::default();
    let out = start(&mut d, &opts(MysqlVersion::V8_0, &env(&[("MYSQL_ROOT_PASSWORD", "")])));
    assert!(!out.ready);
    assert!(out.log.ends_with(
        "2024-12-10 08:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
"
    ));
}

#[test]
fn an_initialised_datadir_needs_no_password_env() {
    let mut d = MemDataDir::default();
    ok_start(&mut d, MysqlVersion::V5_6, &env(&[("MYSQL_ROOT_PASSWORD", "first")]));
    // The datadir keeps the first password; a new MYSQL_ROOT_PASSWORD changes nothing.
    ok_start(&mut d, MysqlVersion::V5_6, &env(&[("MYSQL_ROOT_PASSWORD", "second")]));
    ok_start(&mut d, MysqlVersion::V5_6, &[]);
    assert!(can_login(&d, "first"));
    assert!(!can_login(&d, "second"));
}

#[test]
fn chown_failure_under_root_squash() {
    let mut d = MemDataDir::default();
    let mut o = opts(MysqlVersion::V5_6, &[]);
    o.chown_fails = true;
    let out = start(&mut d, &o);
    assert_eq!((out.ready, out.exit_code), (false, 1));
    assert_eq!(
        out.log,
        "2024-12-10 08:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 5.6.51-1debian9 started.\nchown: changing ownership of '/var/lib/mysql/': Operation not permitted\n"
    );
}

#[test]
fn empty_and_random_root_passwords() {
    let mut d = MemDataDir::default();
    ok_start(&mut d, MysqlVersion::V5_6, &env(&[("MYSQL_ALLOW_EMPTY_PASSWORD", "yes")]));
    assert!(can_login(&d, ""));
    let mut d = MemDataDir::default();
    let out = ok_start(&mut d, MysqlVersion::V5_6, &env(&[("MYSQL_RANDOM_ROOT_PASSWORD", "yes")]));
    assert!(out.log.contains("2024-12-10 08:00:07+00:00 [Note] [Entrypoint]: GENERATED ROOT PASSWORD: Ohc4ieh0\n"));
    assert!(can_login(&d, "Ohc4ieh0"));
}

#[test]
fn database_and_user_from_env() {
    let mut d = MemDataDir::default();
    let e = env(&[("MYSQL_ROOT_PASSWORD", "pw"), ("MYSQL_DATABASE", "app"), ("MYSQL_USER", "bob"), ("MYSQL_PASSWORD", "secret")]);
    let out = ok_start(&mut d, MysqlVersion::V5_6, &e);
    assert!(out.log.contains("[Note] [Entrypoint]: Creating database app\n2024-12-10 08:00:07+00:00 [Note] [Entrypoint]: Creating user bob\n2024-12-10 08:00:07+00:00 [Note] [Entrypoint]: Giving user bob access to schema app\n"));
    assert!(storage::database_exists(&d, "app"));
    assert!(system::authenticate(&d, "bob", "10.244.1.5", "secret").is_some());
}

#[test]
fn init_8_0_refuses_a_non_empty_datadir() {
    let mut d = MemDataDir::default();
    d.write("stale.txt", b"x").unwrap();
    let out = start(&mut d, &opts(MysqlVersion::V8_0, &env(&[("MYSQL_ROOT_PASSWORD", "pw")])));
    assert!(!out.ready);
    assert!(out.log.contains("[ERROR] [MY-010457] [Server] --initialize specified but the data directory has files in it. Aborting.\n"));
}

#[test]
fn init_5_6_beside_lost_and_found() {
    let mut d = MemDataDir::default();
    d.mkdir("lost+found").unwrap();
    ok_start(&mut d, MysqlVersion::V5_6, &env(&[("MYSQL_ROOT_PASSWORD", "pw")]));
    assert_eq!(storage::list_databases(&d), vec!["#mysql50#lost+found", "mysql", "performance_schema"]);
}

/// A datadir that refuses writes, as a read-only or squashed mount does.
struct ReadOnly(MemDataDir);

impl DataDir for ReadOnly {
    fn read(&self, p: &str) -> Option<Vec<u8>> {
        self.0.read(p)
    }
    fn write(&mut self, _: &str, _: &[u8]) -> Result<(), String> {
        Err("Read-only file system".into())
    }
    fn list(&self, d: &str) -> Vec<String> {
        self.0.list(d)
    }
    fn remove(&mut self, _: &str) -> Result<(), String> {
        Err("Read-only file system".into())
    }
    fn mkdir(&mut self, _: &str) -> Result<(), String> {
        Err("Read-only file system".into())
    }
}

#[test]
fn unwritable_datadir_aborts_mysqld() {
    let mut d = MemDataDir::default();
    ok_start(&mut d, MysqlVersion::V5_6, &env(&[("MYSQL_ROOT_PASSWORD", "pw")]));
    let mut ro = ReadOnly(d);
    let out = start(&mut ro, &opts(MysqlVersion::V5_6, &[]));
    assert!(!out.ready);
    assert!(out.log.contains("2024-12-10 08:00:00 1 [ERROR] InnoDB: Error number 30 means 'Read-only file system'.\n"), "{}", out.log);
    assert!(out.log.ends_with("2024-12-10 08:00:00 1 [ERROR] Aborting\n\n"));
    let mut ro = ReadOnly(MemDataDir::default());
    let out = start(&mut ro, &opts(MysqlVersion::V5_6, &env(&[("MYSQL_ROOT_PASSWORD", "pw")])));
    assert!(!out.ready && out.log.contains("[ERROR] Aborting"));
}

#[test]
fn auto_cnf_has_a_stable_uuid() {
    let mut d = MemDataDir::default();
    ok_start(&mut d, MysqlVersion::V5_6, &env(&[("MYSQL_ROOT_PASSWORD", "pw")]));
    let a = String::from_utf8(d.read("auto.cnf").unwrap()).unwrap();
    assert!(a.starts_with("[auto]\nserver-uuid="));
    assert_eq!(a.len(), "[auto]\nserver-uuid=\n".len() + 36);
}

