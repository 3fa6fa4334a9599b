//! Query features through the client: ORDER BY aliases, variables, NOW(), information_schema,
//! IN/BETWEEN, aggregates, dates and SHOW WARNINGS.

use super::dml_tests::{shop, shop_run};
use super::session_tests::{fresh, run, typed};

#[test]
fn order_by_alias_and_position() {
    assert_eq!(
        shop_run(&["select name, qty as q from items order by q desc;", "select name from items order by 1 limit 2;", "select name from items order by 3;"]),
        "mysql> select name, qty as q from items order by q desc;
+-------+------+
| name  | q    |
+-------+------+
| pear  |   10 |
| apple |    3 |
| fig   | NULL |
+-------+------+
3 rows in set (0.00 sec)

mysql> select name from items order by 1 limit 2;
+-------+
| name  |
+-------+
| apple |
| fig   |
+-------+
2 rows in set (0.00 sec)

mysql> select name from items order by 3;
ERROR 1054 (42S22): Unknown column '3' in 'order clause'
mysql> "
    );
}

#[test]
fn show_variables_and_system_variables() {
    assert_eq!(
        run(&["show variables like 'datadir';", "select @@datadir, @@port;", "select @@nope;"]),
        "mysql> show variables like 'datadir';
+---------------+-----------------+
| Variable_name | Value           |
+---------------+-----------------+
| datadir       | /var/lib/mysql/ |
+---------------+-----------------+
1 row in set (0.00 sec)

mysql> select @@datadir, @@port;
+-----------------+--------+
| @@datadir       | @@port |
+-----------------+--------+
| /var/lib/mysql/ |   3306 |
+-----------------+--------+
1 row in set (0.00 sec)

mysql> select @@nope;
ERROR 1193 (HY000): Unknown system variable 'nope'
mysql> "
    );
}

#[test]
fn set_and_transactions_are_accepted() {
    assert_eq!(
        run(&["set names utf8;", "begin;", "commit;", "flush privileges;"]),
        "mysql> set names utf8;
Query OK, 0 rows affected (0.00 sec)

mysql> begin;
Query OK, 0 rows affected (0.00 sec)

mysql> commit;
Query OK, 0 rows affected (0.00 sec)

mysql> flush privileges;
Query OK, 0 rows affected (0.00 sec)

mysql> "
    );
}

#[test]
fn table_names_are_case_sensitive_columns_are_not() {
    assert_eq!(
        shop_run(&["select NAME from items where ID = 2;", "select * from ITEMS;"]),
        "mysql> select NAME from items where ID = 2;
+------+
| NAME |
+------+
| pear |
+------+
1 row in set (0.00 sec)

mysql> select * from ITEMS;
ERROR 1146 (42S02): Table 'shop.ITEMS' doesn't exist
mysql> "
    );
}

#[test]
fn now_uses_the_simulated_clock() {
    let (mut d, _, mut s) = fresh();
    assert_eq!(
        typed(&mut s, &mut d, &["select now();"]),
        "mysql> select now();\n+---------------------+\n| now()               |\n+---------------------+\n| 2024-12-10 08:00:30 |\n+---------------------+\n1 row in set (0.00 sec)\n\nmysql> "
    );
    s.set_now(1_733_817_600 + 3600);
    let t = typed(&mut s, &mut d, &["create database a;", "use a", "create table t (id int, at datetime);", "insert into t values (1, now());", "select at from t;"]);
    assert!(t.contains("| 2024-12-10 09:00:00 |"), "{t}");
}

#[test]
fn information_schema_views() {
    let (mut d, mut s) = shop();
    assert_eq!(
        typed(&mut s, &mut d, &["select table_name, engine, table_rows from information_schema.tables where table_schema = 'shop';", "select schema_name from information_schema.schemata;", "select * from information_schema.nope;"]),
        "mysql> select table_name, engine, table_rows from information_schema.tables where table_schema = 'shop';
+------------+--------+------------+
| table_name | engine | table_rows |
+------------+--------+------------+
| items      | InnoDB |          3 |
+------------+--------+------------+
1 row in set (0.00 sec)

mysql> select schema_name from information_schema.schemata;
+--------------------+
| schema_name        |
+--------------------+
| information_schema |
| mysql              |
| performance_schema |
| shop               |
+--------------------+
4 rows in set (0.00 sec)

mysql> select * from information_schema.nope;
ERROR 1109 (42S02): Unknown table 'nope' in information_schema
mysql> "
    );
}

#[test]
fn in_between_and_aggregates() {
    let (mut d, mut s) = shop();
    assert_eq!(
        typed(&mut s, &mut d, &["select name from items where id in (1, 3) and qty not between 5 and 20;", "select sum(qty), min(name), max(qty), avg(qty), count(qty) from items;"]),
        "mysql> select name from items where id in (1, 3) and qty not between 5 and 20;
+-------+
| name  |
+-------+
| apple |
+-------+
1 row in set (0.00 sec)

mysql> select sum(qty), min(name), max(qty), avg(qty), count(qty) from items;
+----------+-----------+----------+----------+------------+
| sum(qty) | min(name) | max(qty) | avg(qty) | count(qty) |
+----------+-----------+----------+----------+------------+
|       13 | apple     |       10 |   6.5000 |          2 |
+----------+-----------+----------+----------+------------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn dates_are_normalised_or_zeroed_with_a_warning() {
    let (mut d, _, mut s) = fresh();
    let t = typed(
        &mut s,
        &mut d,
        &["create database a;", "use a", "create table t (at datetime, day date);", "insert into t values ('2024-12-10', '2024-12-10 10:00:00'), ('nope', '2024-02-30');", "select * from t;"],
    );
    assert!(t.ends_with(
        "Query OK, 2 rows affected, 3 warnings (0.01 sec)
Records: 2  Duplicates: 0  Warnings: 3

mysql> select * from t;
+---------------------+------------+
| at                  | day        |
+---------------------+------------+
| 2024-12-10 00:00:00 | 2024-12-10 |
| 0000-00-00 00:00:00 | 0000-00-00 |
+---------------------+------------+
2 rows in set (0.00 sec)

mysql> "
    ), "{t}");
}

#[test]
fn show_warnings_names_truncated_columns() {
    let (mut d, _, mut s) = fresh();
    let t = typed(&mut s, &mut d, &["create database a;", "use a", "create table t (c varchar(3), n int);", "insert into t values ('abcdef', 'x');", "show warnings;"]);
    assert!(t.ends_with(
        "mysql> show warnings;
+---------+------+------------------------------------------------------+
| Level   | Code | Message                                              |
+---------+------+------------------------------------------------------+
| Warning | 1265 | Data truncated for column 'c' at row 1               |
| Warning | 1366 | Incorrect integer value: 'x' for column 'n' at row 1 |
+---------+------+------------------------------------------------------+
2 rows in set (0.00 sec)

mysql> "
    ), "{t}");
}

#[test]
fn mysql_8_warns_about_display_widths_and_names_the_key_with_its_table() {
    let mut d = super::storage::MemDataDir::default();
    let mut srv = super::session_tests::boot(&mut d, super::MysqlVersion::V8_0);
    let mut s = super::session_tests::connect(&mut srv, &d);
    let t = typed(&mut s, &mut d, &["create database a;", "use a", "create table test(id int(4) primary key);", "insert test values (1), (1);"]);
    assert!(t.ends_with(
        "mysql> create table test(id int(4) primary key);
Query OK, 0 rows affected, 1 warning (0.05 sec)

mysql> insert test values (1), (1);
ERROR 1062 (23000): Duplicate entry '1' for key 'test.PRIMARY'
mysql> "
    ), "{t}");
}

#[test]
fn alter_table_add_modify_drop_rename() {
    assert_eq!(
        shop_run(&[
            "alter table items add column price int default '1' after name;",
            "alter table items modify qty varchar(5);",
            "alter table items drop column nope;",
            "alter table items drop price;",
            "rename table items to goods;",
            "select * from goods where id = 2;",
        ]),
        "mysql> alter table items add column price int default '1' after name;
Query OK, 0 rows affected (0.05 sec)
Records: 0  Duplicates: 0  Warnings: 0

mysql> alter table items modify qty varchar(5);
Query OK, 3 rows affected (0.05 sec)
Records: 3  Duplicates: 0  Warnings: 0

mysql> alter table items drop column nope;
ERROR 1091 (42000): Can't DROP 'nope'; check that column/key exists
mysql> alter table items drop price;
Query OK, 0 rows affected (0.05 sec)
Records: 0  Duplicates: 0  Warnings: 0

mysql> rename table items to goods;
Query OK, 0 rows affected (0.01 sec)

mysql> select * from goods where id = 2;
+----+------+------+
| id | name | qty  |
+----+------+------+
|  2 | pear | 10   |
+----+------+------+
1 row in set (0.00 sec)

mysql> "
    );
}

#[test]
fn group_by_having_and_table_aliases() {
    let (mut d, _, mut s) = fresh();
    let t = typed(
        &mut s,
        &mut d,
        &[
            "create database a;",
            "use a",
            "create table t (k varchar(5), n int);",
            "insert into t values ('b', 1), ('a', 2), ('b', 3), ('c', NULL);",
            "select k, count(*) as c, sum(n) from t group by k;",
            "select k, count(*) c from t x group by 1 having c > 1 order by x.k desc;",
            "select k from t group by nope;",
        ],
    );
    assert!(t.ends_with(
        "mysql> select k, count(*) as c, sum(n) from t group by k;
+------+---+--------+
| k    | c | sum(n) |
+------+---+--------+
| a    | 1 |      2 |
| b    | 2 |      4 |
| c    | 1 |   NULL |
+------+---+--------+
3 rows in set (0.00 sec)

mysql> select k, count(*) c from t x group by 1 having c > 1 order by x.k desc;
+------+---+
| k    | c |
+------+---+
| b    | 2 |
+------+---+
1 row in set (0.00 sec)

mysql> select k from t group by nope;
ERROR 1054 (42S22): Unknown column 'nope' in 'group statement'
mysql> "
    ), "{t}");
}

#[test]
fn select_distinct() {
    assert_eq!(
        shop_run(&["insert into items (name, qty) values ('Apple', 3);", "select distinct qty from items order by qty;"]),
        "mysql> insert into items (name, qty) values ('Apple', 3);
Query OK, 1 row affected (0.01 sec)

mysql> select distinct qty from items order by qty;
+------+
| qty  |
+------+
| NULL |
|    3 |
|   10 |
+------+
3 rows in set (0.00 sec)

mysql> "
    );
}


#[test]
fn innodb_returns_rows_in_primary_key_order() {
    let (mut d, _, mut s) = fresh();
    let t = typed(
        &mut s,
        &mut d,
        &["create database a;", "use a", "create table k (id int primary key);", "create table h (id int);", "insert k values (3), (1), (2);", "insert h values (3), (1), (2);", "select * from k;", "select * from h;"],
    );
    assert!(t.contains("mysql> select * from k;\n+----+\n| id |\n+----+\n|  1 |\n|  2 |\n|  3 |\n+----+\n"), "{t}");
    assert!(t.contains("mysql> select * from h;\n+------+\n| id   |\n+------+\n|    3 |\n|    1 |\n|    2 |\n+------+\n"), "{t}");
}
