//! Session-level tests: whole transcripts as the 5.6 client prints them.

use super::client::{ClientSession, ConnectOptions, MysqlServer};
use super::server::{start, StartOptions};
use super::storage::MemDataDir;
use super::MysqlVersion;

const NOW: i64 = 1_733_817_600; // 2024-12-10T08:00:00Z

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

pub(super) fn boot(dir: &mut MemDataDir, v: MysqlVersion) -> MysqlServer {
    let e = env(&[("MYSQL_ROOT_PASSWORD", "password")]);
    let o = StartOptions { version: v, env: &e, now: NOW, chown_fails: false, random_password: "r4nd0m", datadir_path: "/var/lib/mysql/", hostname: "mysql-7686899cf9-4jtmg" };
    let out = start(dir, &o);
    assert!(out.ready, "{}", out.log);
    MysqlServer::new(v)
}

pub(super) fn opts(password: &str) -> ConnectOptions<'_> {
    ConnectOptions {
        client_version: MysqlVersion::V5_6,
        user: "root",
        password: Some(password),
        password_on_command_line: true,
        client_host: "10.244.1.5",
        database: None,
        now: NOW + 30,
        no_auto_rehash: false,
        server_host: Some("mysql"),
    }
}

pub(super) fn connect(server: &mut MysqlServer, dir: &MemDataDir) -> ClientSession {
    ClientSession::connect(server, dir, &opts("password")).unwrap().0
}

/// Types lines; returns the transcript `prompt + line`, then output, as a terminal shows it.
pub(super) fn typed(s: &mut ClientSession, dir: &mut MemDataDir, lines: &[&str]) -> String {
    let mut out = String::new();
    let mut prompt = s.prompt();
    for l in lines {
        out.push_str(&prompt);
        out.push_str(l);
        out.push('\n');
        let f = s.feed_line(l, dir);
        out.push_str(&f.output);
        prompt = f.prompt;
    }
    out.push_str(&prompt);
    out
}

pub(super) fn fresh() -> (MemDataDir, MysqlServer, ClientSession) {
    let mut d = MemDataDir::default();
    let mut srv = boot(&mut d, MysqlVersion::V5_6);
    let s = connect(&mut srv, &d);
    (d, srv, s)
}

pub(super) fn run(lines: &[&str]) -> String {
    let (mut d, _, mut s) = fresh();
    typed(&mut s, &mut d, lines)
}

#[test]
fn the_articles_session() {
    assert_eq!(
        run(&["use mysql", "create table test(id int(4));", "insert test values( 1111 );", "select * from test;"]),
        "mysql> use mysql
Reading table information for completion of table and column names
You can turn off this feature to get a quicker startup with -A

Database changed
mysql> create table test(id int(4));
Query OK, 0 rows affected (0.05 sec)

mysql> insert test values( 1111 );
Query OK, 1 row affected (0.01 sec)

mysql> select * from test;
+------+
| id   |
+------+
| 1111 |
+------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn rows_survive_a_new_server_over_the_same_datadir() {
    let (mut d, _, mut s) = fresh();
    typed(&mut s, &mut d, &["use mysql", "create table test(id int(4));", "insert test values( 1111 );"]);
    // The pod is rescheduled: a new mysqld over the same volume.
    let mut srv2 = boot(&mut d, MysqlVersion::V5_6);
    let mut s2 = connect(&mut srv2, &d);
    assert_eq!(
        typed(&mut s2, &mut d, &["use mysql", "select * from test;"]),
        "mysql> use mysql
Reading table information for completion of table and column names
You can turn off this feature to get a quicker startup with -A

Database changed
mysql> select * from test;
+------+
| id   |
+------+
| 1111 |
+------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn a_fresh_empty_datadir_has_no_rows() {
    let (mut d, _, mut s) = fresh();
    typed(&mut s, &mut d, &["use mysql", "create table test(id int(4));", "insert test values( 1111 );"]);
    let (mut d2, _, mut s2) = fresh();
    assert_eq!(
        typed(&mut s2, &mut d2, &["select * from mysql.test;"]),
        "mysql> select * from mysql.test;\nERROR 1146 (42S02): Table 'mysql.test' doesn't exist\nmysql> "
    );
}

#[test]
fn greeting_of_the_5_6_client() {
    let mut d = MemDataDir::default();
    let mut srv = boot(&mut d, MysqlVersion::V5_6);
    let (_, g) = ClientSession::connect(&mut srv, &d, &opts("password")).unwrap();
    assert_eq!(
        g,
        "Warning: Using a password on the command line interface can be insecure.
Welcome to the MySQL monitor.  Commands end with ; or \\g.
Your MySQL connection id is 1
Server version: 5.6.51 MySQL Community Server (GPL)

Copyright (c) 2000, 2021, Oracle and/or its affiliates. All rights reserved.

Oracle is a registered trademark of Oracle Corporation and/or its
affiliates. Other names may be trademarks of their respective
owners.

Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.

"
    );
    let (s2, _) = ClientSession::connect(&mut srv, &d, &opts("password")).unwrap();
    assert_eq!(s2.connection_id, 2);
}

#[test]
fn wrong_password_is_access_denied() {
    let mut d = MemDataDir::default();
    let mut srv = boot(&mut d, MysqlVersion::V5_6);
    assert_eq!(
        ClientSession::connect(&mut srv, &d, &opts("nope")).unwrap_err(),
        "Warning: Using a password on the command line interface can be insecure.\nERROR 1045 (28000): Access denied for user 'root'@'10.244.1.5' (using password: YES)\n"
    );
    let mut o = opts("");
    o.password = None;
    o.password_on_command_line = false;
    assert_eq!(
        ClientSession::connect(&mut srv, &d, &o).unwrap_err(),
        "ERROR 1045 (28000): Access denied for user 'root'@'10.244.1.5' (using password: NO)\n"
    );
}

#[test]
fn connecting_to_an_unknown_database() {
    let mut d = MemDataDir::default();
    let mut srv = boot(&mut d, MysqlVersion::V5_6);
    let mut o = opts("password");
    o.database = Some("x");
    o.password_on_command_line = false;
    assert_eq!(ClientSession::connect(&mut srv, &d, &o).unwrap_err(), "ERROR 1049 (42000): Unknown database 'x'\n");
    o.database = Some("mysql");
    let (s, g) = ClientSession::connect(&mut srv, &d, &o).unwrap();
    assert!(g.starts_with("Reading table information for completion of table and column names\nYou can turn off this feature to get a quicker startup with -A\n\nWelcome to the MySQL monitor."));
    assert_eq!(s.database(), Some("mysql"));
}

#[test]
fn show_databases_after_init() {
    assert_eq!(
        run(&["show databases;"]),
        "mysql> show databases;
+--------------------+
| Database           |
+--------------------+
| information_schema |
| mysql              |
| performance_schema |
+--------------------+
3 rows in set (0.00 sec)

mysql> "
    );
}

#[test]
fn create_use_empty_database_and_show_tables() {
    assert_eq!(
        run(&["create database shop;", "use shop", "show tables;", "create table items (id int primary key, name varchar(20));", "show tables;"]),
        "mysql> create database shop;
Query OK, 1 row affected (0.00 sec)

mysql> use shop
Database changed
mysql> show tables;
Empty set (0.00 sec)

mysql> create table items (id int primary key, name varchar(20));
Query OK, 0 rows affected (0.05 sec)

mysql> show tables;
+----------------+
| Tables_in_shop |
+----------------+
| items          |
+----------------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn database_errors() {
    assert_eq!(
        run(&["create database mysql;", "drop database nope;", "use nope", "create database if not exists mysql;", "drop database if exists nope;"]),
        "mysql> create database mysql;
ERROR 1007 (HY000): Can't create database 'mysql'; database exists
mysql> drop database nope;
ERROR 1008 (HY000): Can't drop database 'nope'; database doesn't exist
mysql> use nope
ERROR 1049 (42000): Unknown database 'nope'
mysql> create database if not exists mysql;
Query OK, 1 row affected, 1 warning (0.00 sec)

mysql> drop database if exists nope;
Query OK, 0 rows affected, 1 warning (0.00 sec)

mysql> "
    );
}

#[test]
fn no_database_selected() {
    assert_eq!(
        run(&["show tables;", "create table t (id int);", "select * from t;"]),
        "mysql> show tables;
ERROR 1046 (3D000): No database selected
mysql> create table t (id int);
ERROR 1046 (3D000): No database selected
mysql> select * from t;
ERROR 1046 (3D000): No database selected
mysql> "
    );
}

#[test]
fn unknown_table_and_table_exists() {
    assert_eq!(
        run(&["use mysql", "select * from nope;", "create table user (id int);", "drop table nope;"]),
        "mysql> use mysql
Reading table information for completion of table and column names
You can turn off this feature to get a quicker startup with -A

Database changed
mysql> select * from nope;
ERROR 1146 (42S02): Table 'mysql.nope' doesn't exist
mysql> create table user (id int);
ERROR 1050 (42S01): Table 'user' already exists
mysql> drop table nope;
ERROR 1051 (42S02): Unknown table 'mysql.nope'
mysql> "
    );
}

#[test]
fn syntax_errors_quote_the_rest_of_the_statement() {
    assert_eq!(
        run(&["selec * from t;", "select * form t;", "select * from;"]),
        "mysql> selec * from t;
ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'selec * from t' at line 1
mysql> select * form t;
ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'form t' at line 1
mysql> select * from;
ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '' at line 1
mysql> "
    );
}

#[test]
fn statements_continue_over_lines() {
    assert_eq!(
        run(&["select", "1", ";"]),
        "mysql> select
    -> 1
    -> ;
+---+
| 1 |
+---+
| 1 |
+---+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn multi_line_syntax_error_reports_the_line() {
    assert_eq!(
        run(&["select *", "form t;"]),
        "mysql> select *
    -> form t;
ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'form t' at line 2
mysql> "
    );
}

#[test]
fn quote_prompts() {
    assert_eq!(run(&["select 'a", "b';"]), "mysql> select 'a\n    '> b';\n+-----+\n| a\nb |\n+-----+\n| a\nb |\n+-----+\n1 row in set (0.00 sec)\n\nmysql> ");
    assert_eq!(run(&["select `x"]), "mysql> select `x\n    `> ");
    assert_eq!(run(&["select \"x"]), "mysql> select \"x\n    \"> ");
}

#[test]
fn quit_exit_and_backslash_q_say_bye() {
    for q in ["quit", "exit", "\\q", "quit;", "EXIT"] {
        let (mut d, _, mut s) = fresh();
        let f = s.feed_line(q, &mut d);
        assert_eq!(f, super::Feed { output: "Bye\n".into(), prompt: String::new(), finished: true });
    }
}

#[test]
fn clear_and_empty_query() {
    assert_eq!(
        run(&["select 1 \\c", ";", ""]),
        "mysql> select 1 \\c\nmysql> ;\nERROR: \nNo query specified\n\nmysql> \nmysql> "
    );
}

#[test]
fn select_literals_and_version() {
    assert_eq!(
        run(&["select version();", "select 1+1, 'abc', NULL;"]),
        "mysql> select version();
+-----------+
| version() |
+-----------+
| 5.6.51    |
+-----------+
1 row in set (0.00 sec)

mysql> select 1+1, 'abc', NULL;
+-----+-----+------+
| 1+1 | abc | NULL |
+-----+-----+------+
|   2 | abc | NULL |
+-----+-----+------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn database_and_user_functions() {
    assert_eq!(
        run(&["select database();", "use mysql", "select database(), user(), current_user();"]),
        "mysql> select database();
+------------+
| database() |
+------------+
| NULL       |
+------------+
1 row in set (0.00 sec)

mysql> use mysql
Reading table information for completion of table and column names
You can turn off this feature to get a quicker startup with -A

Database changed
mysql> select database(), user(), current_user();
+------------+-----------------+----------------+
| database() | user()          | current_user() |
+------------+-----------------+----------------+
| mysql      | root@10.244.1.5 | root@%         |
+------------+-----------------+----------------+
1 row in set (0.00 sec)

mysql> "
    );
}


#[test]
fn no_auto_rehash_skips_reading_tables() {
    let mut d = MemDataDir::default();
    let mut srv = boot(&mut d, MysqlVersion::V5_6);
    let o = ConnectOptions { password: Some("password"), client_host: "10.244.1.5", no_auto_rehash: true, ..Default::default() };
    let (mut s, g) = ClientSession::connect(&mut srv, &d, &o).unwrap();
    assert!(g.starts_with("Welcome"));
    assert_eq!(typed(&mut s, &mut d, &["use mysql"]), "mysql> use mysql\nDatabase changed\nmysql> ");
}

#[test]
fn help_lists_the_client_commands() {
    let t = run(&["help"]);
    assert!(t.starts_with("mysql> help\n\nFor information about MySQL products and services, visit:\n   http://www.mysql.com/\n"), "{t}");
    assert!(t.contains("\nList of all MySQL commands:\nNote that all text commands must be first on line and end with ';'\n?         (\\?) Synonym for `help'.\nclear     (\\c) Clear the current input statement.\n"), "{t}");
    assert!(t.ends_with("nowarning (\\w) Don't show warnings after every statement.\n\nFor server side help, type 'help contents'\n\nmysql> "), "{t}");
}

#[test]
fn show_warnings_after_truncation_and_errors() {
    assert_eq!(
        run(&["create database if not exists mysql;", "show warnings;", "select * from nope.t;", "show warnings;"]),
        "mysql> create database if not exists mysql;
Query OK, 1 row affected, 1 warning (0.00 sec)

mysql> show warnings;
+-------+------+------------------------------------------------+
| Level | Code | Message                                        |
+-------+------+------------------------------------------------+
| Note  | 1007 | Can't create database 'mysql'; database exists |
+-------+------+------------------------------------------------+
1 row in set (0.00 sec)

mysql> select * from nope.t;
ERROR 1146 (42S02): Table 'nope.t' doesn't exist
mysql> show warnings;
+-------+------+------------------------------+
| Level | Code | Message                      |
+-------+------+------------------------------+
| Error | 1146 | Table 'nope.t' doesn't exist |
+-------+------+------------------------------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn use_then_more_statements_on_the_line() {
    assert_eq!(
        run(&["use mysql; select database();"]),
        "mysql> use mysql; select database();
Reading table information for completion of table and column names
You can turn off this feature to get a quicker startup with -A

Database changed
+------------+
| database() |
+------------+
| mysql      |
+------------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn hostname_and_status_show_the_serving_pod() {
    let mut d = MemDataDir::default();
    boot(&mut d, MysqlVersion::V5_6);
    let mut srv = MysqlServer::new(MysqlVersion::V5_6).on_host("mysql-7686899cf9-4jtmg", NOW);
    let mut s = connect(&mut srv, &d);
    assert_eq!(
        typed(&mut s, &mut d, &["select @@hostname;", "status"]),
        "mysql> select @@hostname;
+------------------------+
| @@hostname             |
+------------------------+
| mysql-7686899cf9-4jtmg |
+------------------------+
1 row in set (0.00 sec)

mysql> status
--------------
mysql  Ver 14.14 Distrib 5.6.51, for Linux (x86_64) using  EditLine wrapper

Connection id:\t\t1
Current database:\t
Current user:\t\troot@10.244.1.5
SSL:\t\t\tNot in use
Current pager:\t\tstdout
Using outfile:\t\t''
Using delimiter:\t;
Server version:\t\t5.6.51 MySQL Community Server (GPL)
Protocol version:\t10
Connection:\t\tmysql via TCP/IP
Server characterset:\tlatin1
Db     characterset:\tlatin1
Client characterset:\tlatin1
Conn.  characterset:\tlatin1
TCP port:\t\t3306
Uptime:\t\t\t30 sec

Threads: 1  Questions: 1  Slow queries: 0  Opens: 67  Flush tables: 1  Open tables: 60  Queries per second avg: 0.033
--------------

mysql> "
    );
}
