//! Accounts through the client: CREATE USER, GRANT, logins and access checks.

use super::client::{ClientSession, MysqlServer};
use super::server::{start, StartOptions};
use super::session_tests::{fresh, opts, typed};
use super::storage::MemDataDir;
use super::MysqlVersion;

fn login(srv: &mut MysqlServer, d: &MemDataDir, user: &str, pw: &str) -> Result<ClientSession, String> {
    let mut o = opts(pw);
    o.user = user;
    o.password_on_command_line = false;
    ClientSession::connect(srv, d, &o).map(|(s, _)| s)
}

#[test]
fn create_user_grant_and_login() {
    let (mut d, mut srv, mut root) = fresh();
    assert_eq!(
        typed(&mut root, &mut d, &["create database app;", "create user 'bob'@'%' identified by 'secret';", "grant all privileges on app.* to 'bob'@'%';", "create user 'bob'@'%';"]),
        "mysql> create database app;
Query OK, 1 row affected (0.00 sec)

mysql> create user 'bob'@'%' identified by 'secret';
Query OK, 0 rows affected (0.00 sec)

mysql> grant all privileges on app.* to 'bob'@'%';
Query OK, 0 rows affected (0.00 sec)

mysql> create user 'bob'@'%';
ERROR 1396 (HY000): Operation CREATE USER failed for 'bob'@'%'
mysql> "
    );
    assert_eq!(login(&mut srv, &d, "bob", "nope").unwrap_err(), "ERROR 1045 (28000): Access denied for user 'bob'@'10.244.1.5' (using password: YES)\n");
    let mut bob = login(&mut srv, &d, "bob", "secret").unwrap();
    assert_eq!(
        typed(&mut bob, &mut d, &["show databases;", "use mysql", "select * from mysql.user;", "create database other;", "create user x;", "use app", "create table t (id int);"]),
        "mysql> show databases;
+--------------------+
| Database           |
+--------------------+
| information_schema |
| app                |
+--------------------+
2 rows in set (0.00 sec)

mysql> use mysql
ERROR 1044 (42000): Access denied for user 'bob'@'%' to database 'mysql'
mysql> select * from mysql.user;
ERROR 1142 (42000): SELECT command denied to user 'bob'@'10.244.1.5' for table 'user'
mysql> create database other;
ERROR 1044 (42000): Access denied for user 'bob'@'%' to database 'other'
mysql> create user x;
ERROR 1227 (42000): Access denied; you need (at least one of) the CREATE USER privilege(s) for this operation
mysql> use app
Database changed
mysql> create table t (id int);
Query OK, 0 rows affected (0.05 sec)

mysql> "
    );
}

#[test]
fn drop_user_and_change_password() {
    let (mut d, mut srv, mut root) = fresh();
    assert_eq!(
        typed(&mut root, &mut d, &["create user bob identified by 'a';", "set password for 'bob'@'%' = password('b');", "drop user 'nobody'@'%';"]),
        "mysql> create user bob identified by 'a';
Query OK, 0 rows affected (0.00 sec)

mysql> set password for 'bob'@'%' = password('b');
Query OK, 0 rows affected (0.00 sec)

mysql> drop user 'nobody'@'%';
ERROR 1396 (HY000): Operation DROP USER failed for 'nobody'@'%'
mysql> "
    );
    assert!(login(&mut srv, &d, "bob", "a").is_err());
    assert!(login(&mut srv, &d, "bob", "b").is_ok());
    typed(&mut root, &mut d, &["drop user bob;"]);
    assert!(login(&mut srv, &d, "bob", "b").is_err());
}

#[test]
fn root_password_change_survives_restart() {
    let (mut d, _, mut root) = fresh();
    typed(&mut root, &mut d, &["alter user 'root'@'%' identified by 'newpw';"]);
    let e = vec![("MYSQL_ROOT_PASSWORD".to_string(), "password".to_string())];
    let o = StartOptions { version: MysqlVersion::V5_6, env: &e, now: 0, chown_fails: false, random_password: "", datadir_path: "/var/lib/mysql/", hostname: "mysql-7686899cf9-4jtmg" };
    assert!(start(&mut d, &o).ready);
    let mut srv = MysqlServer::new(MysqlVersion::V5_6);
    assert!(login(&mut srv, &d, "root", "password").is_err());
    assert!(login(&mut srv, &d, "root", "newpw").is_ok());
}

#[test]
fn env_user_gets_its_database() {
    let mut d = MemDataDir::default();
    let e: Vec<(String, String)> = [("MYSQL_ROOT_PASSWORD", "pw"), ("MYSQL_DATABASE", "app"), ("MYSQL_USER", "bob"), ("MYSQL_PASSWORD", "secret")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let o = StartOptions { version: MysqlVersion::V5_6, env: &e, now: 0, chown_fails: false, random_password: "", datadir_path: "/var/lib/mysql/", hostname: "mysql-7686899cf9-4jtmg" };
    assert!(start(&mut d, &o).ready);
    let mut srv = MysqlServer::new(MysqlVersion::V5_6);
    let mut bob = login(&mut srv, &d, "bob", "secret").unwrap();
    assert_eq!(typed(&mut bob, &mut d, &["use app"]), "mysql> use app\nDatabase changed\nmysql> ");
}

#[test]
fn grant_creating_a_user_is_refused_on_8_0() {
    let mut d = MemDataDir::default();
    let mut srv = super::session_tests::boot(&mut d, MysqlVersion::V8_0);
    let mut root = super::session_tests::connect(&mut srv, &d);
    assert_eq!(
        typed(&mut root, &mut d, &["grant all on *.* to 'x'@'%';"]),
        "mysql> grant all on *.* to 'x'@'%';\nERROR 1410 (42000): You are not allowed to create a user with GRANT\nmysql> "
    );
}

#[test]
fn connecting_to_a_forbidden_database() {
    let (mut d, mut srv, mut root) = fresh();
    typed(&mut root, &mut d, &["create user bob identified by 'pw';"]);
    let mut o = opts("pw");
    o.user = "bob";
    o.password_on_command_line = false;
    o.database = Some("mysql");
    assert_eq!(ClientSession::connect(&mut srv, &d, &o).unwrap_err(), "ERROR 1044 (42000): Access denied for user 'bob'@'%' to database 'mysql'\n");
}

#[test]
fn show_grants_for_root_and_a_database_user() {
    let (mut d, _, mut root) = fresh();
    assert_eq!(
        typed(&mut root, &mut d, &["create database app;", "grant all on app.* to 'bob'@'%' identified by 'pw';", "show grants;", "show grants for 'bob'@'%';", "show grants for 'x'@'%';"]),
        "mysql> create database app;
Query OK, 1 row affected (0.00 sec)

mysql> grant all on app.* to 'bob'@'%' identified by 'pw';
Query OK, 0 rows affected (0.00 sec)

mysql> show grants;
+--------------------------------------------------------------------------------------------------------------------------------+
| Grants for root@%                                                                                                              |
+--------------------------------------------------------------------------------------------------------------------------------+
| GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19' WITH GRANT OPTION |
+--------------------------------------------------------------------------------------------------------------------------------+
1 row in set (0.00 sec)

mysql> show grants for 'bob'@'%';
+----------------------------------------------------------------------------------------------------+
| Grants for bob@%                                                                                   |
+----------------------------------------------------------------------------------------------------+
| GRANT USAGE ON *.* TO 'bob'@'%' IDENTIFIED BY PASSWORD '*D821809F681A40A6E379B50D0463EFAE20BDD122' |
| GRANT ALL PRIVILEGES ON `app`.* TO 'bob'@'%'                                                       |
+----------------------------------------------------------------------------------------------------+
2 rows in set (0.00 sec)

mysql> show grants for 'x'@'%';
ERROR 1141 (42000): There is no such grant defined for user 'x' on host '%'
mysql> "
    );
}
