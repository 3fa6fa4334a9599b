//! Data statements through the client: INSERT, SELECT, UPDATE, DELETE, DESCRIBE, files.

use super::client::ClientSession;
use super::session_tests::{boot, connect, fresh, opts, run, typed};
use super::storage::{DataDir, MemDataDir};
use super::MysqlVersion;

pub(super) fn shop() -> (MemDataDir, ClientSession) {
    let (mut d, _, mut s) = fresh();
    typed(
        &mut s,
        &mut d,
        &[
            "create database shop;",
            "use shop",
            "create table items (id int(4) not null auto_increment primary key, name varchar(20), qty int default '0');",
            "insert into items (name, qty) values ('apple', 3), ('pear', 10), ('fig', NULL);",
        ],
    );
    (d, s)
}

pub(super) fn shop_run(lines: &[&str]) -> String {
    let (mut d, mut s) = shop();
    typed(&mut s, &mut d, lines)
}

#[test]
fn multi_row_insert_reports_records() {
    let (mut d, _, mut s) = fresh();
    let t = typed(
        &mut s,
        &mut d,
        &["create database a;", "use a", "create table t (id int, name varchar(10));", "insert into t values (1, 'x'), (2, 'y');"],
    );
    assert!(t.ends_with("mysql> insert into t values (1, 'x'), (2, 'y');\nQuery OK, 2 rows affected (0.01 sec)\nRecords: 2  Duplicates: 0  Warnings: 0\n\nmysql> "));
}

#[test]
fn select_all_with_auto_increment_and_nulls() {
    assert_eq!(
        shop_run(&["select * from items;"]),
        "mysql> select * from items;
+----+-------+------+
| id | name  | qty  |
+----+-------+------+
|  1 | apple |    3 |
|  2 | pear  |   10 |
|  3 | fig   | NULL |
+----+-------+------+
3 rows in set (0.00 sec)

mysql> "
    );
}

#[test]
fn where_order_limit_and_columns() {
    assert_eq!(
        shop_run(&["select name, qty from items where qty >= 3 order by qty desc limit 1;", "select name from items where qty = 99;"]),
        "mysql> select name, qty from items where qty >= 3 order by qty desc limit 1;
+------+------+
| name | qty  |
+------+------+
| pear |   10 |
+------+------+
1 row in set (0.00 sec)

mysql> select name from items where qty = 99;
Empty set (0.00 sec)

mysql> "
    );
}

#[test]
fn where_with_and_or_and_strings() {
    assert_eq!(
        shop_run(&["select id from items where name = 'APPLE' or (qty < 20 and id != 2);"]),
        "mysql> select id from items where name = 'APPLE' or (qty < 20 and id != 2);
+----+
| id |
+----+
|  1 |
+----+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn count_star() {
    assert_eq!(
        shop_run(&["select count(*) from items;", "SELECT COUNT(*) FROM items WHERE qty > 100;"]),
        "mysql> select count(*) from items;
+----------+
| count(*) |
+----------+
|        3 |
+----------+
1 row in set (0.00 sec)

mysql> SELECT COUNT(*) FROM items WHERE qty > 100;
+----------+
| COUNT(*) |
+----------+
|        0 |
+----------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn update_reports_matched_and_changed() {
    assert_eq!(
        shop_run(&["update items set qty = 5 where name = 'fig';", "update items set qty = 5 where name = 'fig';", "select qty from items where id = 3;"]),
        "mysql> update items set qty = 5 where name = 'fig';
Query OK, 1 row affected (0.01 sec)
Rows matched: 1  Changed: 1  Warnings: 0

mysql> update items set qty = 5 where name = 'fig';
Query OK, 0 rows affected (0.00 sec)
Rows matched: 1  Changed: 0  Warnings: 0

mysql> select qty from items where id = 3;
+------+
| qty  |
+------+
|    5 |
+------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn delete_rows() {
    assert_eq!(
        shop_run(&["delete from items where qty > 5;", "delete from items;", "select * from items;"]),
        "mysql> delete from items where qty > 5;
Query OK, 1 row affected (0.01 sec)

mysql> delete from items;
Query OK, 2 rows affected (0.01 sec)

mysql> select * from items;
Empty set (0.00 sec)

mysql> "
    );
}

#[test]
fn describe_table() {
    let expected = "+-------+-------------+------+-----+---------+----------------+
| Field | Type        | Null | Key | Default | Extra          |
+-------+-------------+------+-----+---------+----------------+
| id    | int(4)      | NO   | PRI | NULL    | auto_increment |
| name  | varchar(20) | YES  |     | NULL    |                |
| qty   | int(11)     | YES  |     | 0       |                |
+-------+-------------+------+-----+---------+----------------+
3 rows in set (0.00 sec)

mysql> ";
    assert_eq!(shop_run(&["describe items;"]), format!("mysql> describe items;\n{expected}"));
    assert_eq!(shop_run(&["desc items;"]), format!("mysql> desc items;\n{expected}"));
}

#[test]
fn show_create_table() {
    assert_eq!(
        shop_run(&["show create table items\\G"]),
        "mysql> show create table items\\G
*************************** 1. row ***************************
       Table: items
Create Table: CREATE TABLE `items` (
  `id` int(4) NOT NULL AUTO_INCREMENT,
  `name` varchar(20) DEFAULT NULL,
  `qty` int(11) DEFAULT '0',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=latin1
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn vertical_output_with_backslash_g() {
    assert_eq!(
        shop_run(&["select * from items where id = 1\\G"]),
        "mysql> select * from items where id = 1\\G
*************************** 1. row ***************************
  id: 1
name: apple
 qty: 3
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn unknown_columns_name_their_clause() {
    assert_eq!(
        shop_run(&["select x from items;", "select * from items where x = 1;", "select id from items order by x;", "insert into items (x) values (1);", "update items set x = 1;"]),
        "mysql> select x from items;
ERROR 1054 (42S22): Unknown column 'x' in 'field list'
mysql> select * from items where x = 1;
ERROR 1054 (42S22): Unknown column 'x' in 'where clause'
mysql> select id from items order by x;
ERROR 1054 (42S22): Unknown column 'x' in 'order clause'
mysql> insert into items (x) values (1);
ERROR 1054 (42S22): Unknown column 'x' in 'field list'
mysql> update items set x = 1;
ERROR 1054 (42S22): Unknown column 'x' in 'field list'
mysql> "
    );
}

#[test]
fn column_count_mismatch() {
    assert_eq!(
        shop_run(&["insert into items values (1);", "insert into items (name) values ('a'), ('b', 2);"]),
        "mysql> insert into items values (1);
ERROR 1136 (21S01): Column count doesn't match value count at row 1
mysql> insert into items (name) values ('a'), ('b', 2);
ERROR 1136 (21S01): Column count doesn't match value count at row 2
mysql> "
    );
}

#[test]
fn duplicate_primary_key() {
    assert_eq!(
        shop_run(&["insert into items values (1, 'dup', 1);"]),
        "mysql> insert into items values (1, 'dup', 1);\nERROR 1062 (23000): Duplicate entry '1' for key 'PRIMARY'\nmysql> "
    );
}

#[test]
fn not_null_column_rejects_null() {
    let (mut d, _, mut s) = fresh();
    let t = typed(&mut s, &mut d, &["create database a;", "use a", "create table t (id int not null);", "insert into t values (NULL);"]);
    assert!(t.ends_with("mysql> insert into t values (NULL);\nERROR 1048 (23000): Column 'id' cannot be null\nmysql> "), "{t}");
}

#[test]
fn non_strict_5_6_truncates_with_a_warning() {
    let (mut d, _, mut s) = fresh();
    let t = typed(&mut s, &mut d, &["create database a;", "use a", "create table t (c varchar(3), n int);", "insert into t values ('abcdef', 'x');", "select * from t;"]);
    assert!(t.ends_with(
        "mysql> insert into t values ('abcdef', 'x');
Query OK, 1 row affected, 2 warnings (0.01 sec)

mysql> select * from t;
+------+------+
| c    | n    |
+------+------+
| abc  |    0 |
+------+------+
1 row in set (0.00 sec)

mysql> "
    ), "{t}");
}

#[test]
fn strict_8_0_rejects_bad_values() {
    let mut d = MemDataDir::default();
    let mut srv = boot(&mut d, MysqlVersion::V8_0);
    let mut s = connect(&mut srv, &d);
    let t = typed(&mut s, &mut d, &["create database a;", "use a", "create table t (c varchar(3), n int);", "insert into t values ('abcdef', 1);", "insert into t values ('a', 'x');"]);
    assert!(t.ends_with(
        "mysql> insert into t values ('abcdef', 1);
ERROR 1406 (22001): Data too long for column 'c' at row 1
mysql> insert into t values ('a', 'x');
ERROR 1366 (HY000): Incorrect integer value: 'x' for column 'n' at row 1
mysql> "
    ), "{t}");
}

#[test]
fn drop_table_and_database_remove_files() {
    let (mut d, mut s) = shop();
    assert!(d.list("shop").contains(&"items.frm".to_string()));
    assert_eq!(
        typed(&mut s, &mut d, &["drop table items;", "drop database shop;", "select database();"]),
        "mysql> drop table items;
Query OK, 0 rows affected (0.01 sec)

mysql> drop database shop;
Query OK, 0 rows affected (0.01 sec)

mysql> select database();
+------------+
| database() |
+------------+
| NULL       |
+------------+
1 row in set (0.00 sec)

mysql> "
    );
    assert!(!d.list("").contains(&"shop".to_string()));
}

#[test]
fn drop_database_counts_its_tables() {
    let (mut d, mut s) = shop();
    let t = typed(&mut s, &mut d, &["create table more (id int);", "drop database shop;"]);
    assert!(t.ends_with("mysql> drop database shop;\nQuery OK, 2 rows affected (0.01 sec)\n\nmysql> "), "{t}");
}

#[test]
fn files_in_the_datadir_look_real() {
    let (d, _) = shop();
    assert_eq!(d.list(""), vec!["auto.cnf", "ib_logfile0", "ib_logfile1", "ibdata1", "mysql", "performance_schema", "shop"]);
    assert_eq!(d.list("shop"), vec!["db.opt", "items.frm", "items.ibd"]);
    let rows = String::from_utf8(d.read("shop/items.ibd").unwrap()).unwrap();
    assert_eq!(rows, "row\t1\tapple\t3\nrow\t2\tpear\t10\nrow\t3\tfig\t\\N\n");
}

#[test]
fn backticks_and_case_insensitive_keywords() {
    assert_eq!(
        run(&["CREATE DATABASE `my db`;", "USE `my db`", "CREATE TABLE `t` (`id` INT);", "INSERT INTO `t` VALUES (7);", "SELECT `id` FROM `t`;"]),
        "mysql> CREATE DATABASE `my db`;
Query OK, 1 row affected (0.00 sec)

mysql> USE `my db`
Database changed
mysql> CREATE TABLE `t` (`id` INT);
Query OK, 0 rows affected (0.05 sec)

mysql> INSERT INTO `t` VALUES (7);
Query OK, 1 row affected (0.01 sec)

mysql> SELECT `id` FROM `t`;
+------+
| id   |
+------+
|    7 |
+------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn two_statements_on_one_line() {
    assert_eq!(
        run(&["select 1; select 'b';"]),
        "mysql> select 1; select 'b';\n+---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set (0.00 sec)\n\n+---+\n| b |\n+---+\n| b |\n+---+\n1 row in set (0.00 sec)\n\nmysql> "
    );
}

#[test]
fn mysql_user_table_holds_password_hashes() {
    assert_eq!(
        run(&["select host, user, password from mysql.user;"]),
        "mysql> select host, user, password from mysql.user;
+-----------+------+-------------------------------------------+
| host      | user | password                                  |
+-----------+------+-------------------------------------------+
| localhost | root | *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19 |
| %         | root | *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19 |
+-----------+------+-------------------------------------------+
2 rows in set (0.00 sec)

mysql> "
    );
}

#[test]
fn use_same_database_twice_skips_reading_tables() {
    assert_eq!(
        run(&["use mysql", "use mysql"]),
        "mysql> use mysql
Reading table information for completion of table and column names
You can turn off this feature to get a quicker startup with -A

Database changed
mysql> use mysql
Database changed
mysql> "
    );
}

#[test]
fn comments_are_ignored() {
    assert_eq!(run(&["select 1; -- a comment", "# another"]), "mysql> select 1; -- a comment\n+---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set (0.00 sec)\n\nmysql> # another\nmysql> ");
}

#[test]
fn garbage_input_never_panics() {
    let (mut d, _, mut s) = fresh();
    for l in ["", "'", "\\", "select '\\", "drop", "insert into", "select (((", "select 1 +", "select -", "create table (", "é;", "select `", "*/;", "update x set", "select * from t limit 99999999999999999999999;"] {
        let _ = s.feed_line(l, &mut d);
        let _ = s.feed_line(";", &mut d);
        let _ = s.feed_line("'", &mut d);
        let _ = s.feed_line("';", &mut d);
    }
}

#[test]
fn v8_greeting_and_layout() {
    let mut d = MemDataDir::default();
    let mut srv = boot(&mut d, MysqlVersion::V8_0);
    let mut o = opts("password");
    o.client_version = MysqlVersion::V8_0;
    let (_, g) = ClientSession::connect(&mut srv, &d, &o).unwrap();
    assert!(g.starts_with("mysql: [Warning] Using a password on the command line interface can be insecure.\nWelcome to the MySQL monitor.  Commands end with ; or \\g.\nYour MySQL connection id is 8\nServer version: 8.0.40 MySQL Community Server - GPL\n\nCopyright (c) 2000, 2024, Oracle and/or its affiliates.\n"), "{g}");
    assert!(d.list("").contains(&"sys".to_string()));
    let mut s = connect(&mut srv, &d);
    let t = typed(&mut s, &mut d, &["show databases;", "create database a;", "use a", "create table t (id int);"]);
    assert!(t.contains("| performance_schema |\n| sys                |\n+--------------------+\n4 rows in set"), "{t}");
    assert_eq!(d.list("a"), vec!["db.opt", "t.ibd"]);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_lines(lines in proptest::collection::vec("[a-zA-Z0-9 _*,;'\"`()=<>!@.\\\\#/%+-]{0,40}", 1..6)) {
            let (mut d, mut s) = shop();
            for l in &lines {
                let _ = s.feed_line(l, &mut d);
            }
        }

        #[test]
        fn sql_shaped_statements(
            verb in prop::sample::select(vec!["select", "insert into", "update", "delete from", "create table", "drop table", "describe", "show", "use", "grant", "alter user", "set password"]),
            rest in "[a-z0-9 _*,'()=<>.@%-]{0,30}",
        ) {
            let (mut d, mut s) = shop();
            let _ = s.feed_line(&format!("{verb} {rest};"), &mut d);
            let _ = s.feed_line("select * from items;", &mut d);
        }
    }
}

#[test]
fn describe_mysql_user() {
    assert_eq!(
        run(&["desc mysql.user;"]),
        "mysql> desc mysql.user;
+----------+----------+------+-----+---------+-------+
| Field    | Type     | Null | Key | Default | Extra |
+----------+----------+------+-----+---------+-------+
| Host     | char(60) | NO   | PRI |         |       |
| User     | char(16) | NO   | PRI |         |       |
| Password | char(41) | NO   |     |         |       |
+----------+----------+------+-----+---------+-------+
3 rows in set (0.00 sec)

mysql> "
    );
}
