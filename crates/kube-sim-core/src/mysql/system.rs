//! The system databases `mysql_install_db` / `mysqld --initialize` create, the files at the top
//! of the datadir, and the accounts in `mysql.user`.

use super::sha1::mysql_password_hash;
use super::storage::{self, DataDir, Layout, Table};
use super::value::{ColType, Column, Value};
use super::MysqlVersion;

/// The tables `SHOW TABLES` lists in `information_schema` (abbreviated).
pub const INFORMATION_SCHEMA_TABLES: [&str; 12] = [
    "CHARACTER_SETS", "COLLATIONS", "COLUMNS", "ENGINES", "GLOBAL_STATUS", "GLOBAL_VARIABLES", "KEY_COLUMN_USAGE",
    "PROCESSLIST", "SCHEMATA", "STATISTICS", "TABLES", "USER_PRIVILEGES",
];

/// A virtual `information_schema` table (`SCHEMATA`, `TABLES`, abbreviated to their main
/// columns) computed from the datadir, showing only databases `visible` accepts.
pub fn information_schema_table(dir: &dyn DataDir, name: &str, visible: &dyn Fn(&str) -> bool) -> Option<Table> {
    let col = |n: &str, ty: ColType, len: Option<u32>, nullable: bool| Column {
        name: n.to_string(),
        ty,
        len,
        nullable,
        primary: false,
        auto_increment: false,
        default: None,
    };
    let s = |v: &str| Value::Str(v.to_string());
    let dbs: Vec<String> = storage::list_databases(dir).into_iter().filter(|d| visible(d)).collect();
    let mut t = match name.to_ascii_uppercase().as_str() {
        "SCHEMATA" => {
            let mut t = Table::new(vec![
                col("CATALOG_NAME", ColType::Varchar, Some(512), false),
                col("SCHEMA_NAME", ColType::Varchar, Some(64), false),
                col("DEFAULT_CHARACTER_SET_NAME", ColType::Varchar, Some(32), false),
                col("DEFAULT_COLLATION_NAME", ColType::Varchar, Some(32), false),
                col("SQL_PATH", ColType::Varchar, Some(512), true),
            ]);
            t.rows.push(vec![s("def"), s("information_schema"), s("utf8"), s("utf8_general_ci"), Value::Null]);
            for d in &dbs {
                t.rows.push(vec![s("def"), s(d), s("latin1"), s("latin1_swedish_ci"), Value::Null]);
            }
            t
        }
        "TABLES" => {
            let mut t = Table::new(vec![
                col("TABLE_CATALOG", ColType::Varchar, Some(512), false),
                col("TABLE_SCHEMA", ColType::Varchar, Some(64), false),
                col("TABLE_NAME", ColType::Varchar, Some(64), false),
                col("TABLE_TYPE", ColType::Varchar, Some(64), false),
                col("ENGINE", ColType::Varchar, Some(64), true),
                col("TABLE_ROWS", ColType::BigInt, Some(21), true),
            ]);
            for n in INFORMATION_SCHEMA_TABLES {
                t.rows.push(vec![s("def"), s("information_schema"), s(n), s("SYSTEM VIEW"), s("MEMORY"), Value::Null]);
            }
            for d in &dbs {
                for n in storage::list_tables(dir, d) {
                    let (engine, rows) = storage::load_table(dir, d, &n).map_or((Value::Null, Value::Null), |tb| {
                        (s(&tb.engine), Value::Int(tb.rows.len() as i64))
                    });
                    t.rows.push(vec![s("def"), s(d), s(&n), s("BASE TABLE"), engine, rows]);
                }
            }
            t
        }
        _ => return None,
    };
    t.engine = "MEMORY".into();
    Some(t)
}

/// `mysql` schema tables of 5.6: name, engine, leading columns (`name:type:len`).
const MYSQL_TABLES: [(&str, &str, &str); 28] = [
    ("columns_priv", "MyISAM", "Host:char:60,Db:char:64,User:char:16,Table_name:char:64,Column_name:char:64"),
    ("db", "MyISAM", "Host:char:60,Db:char:64,User:char:16"),
    ("event", "MyISAM", "db:char:64,name:char:64"),
    ("func", "MyISAM", "name:char:64,ret:tinyint:1,dl:char:128"),
    ("general_log", "CSV", "event_time:datetime:,user_host:text:,thread_id:bigint:21,argument:text:"),
    ("help_category", "MyISAM", "help_category_id:smallint:5,name:char:64"),
    ("help_keyword", "MyISAM", "help_keyword_id:int:10,name:char:64"),
    ("help_relation", "MyISAM", "help_topic_id:int:10,help_keyword_id:int:10"),
    ("help_topic", "MyISAM", "help_topic_id:int:10,name:char:64"),
    ("innodb_index_stats", "InnoDB", "database_name:varchar:64,table_name:varchar:64,index_name:varchar:64"),
    ("innodb_table_stats", "InnoDB", "database_name:varchar:64,table_name:varchar:64,n_rows:bigint:20"),
    ("ndb_binlog_index", "MyISAM", "Position:bigint:20,File:varchar:255"),
    ("plugin", "MyISAM", "name:varchar:64,dl:varchar:128"),
    ("proc", "MyISAM", "db:char:64,name:char:64"),
    ("procs_priv", "MyISAM", "Host:char:60,Db:char:64,User:char:16,Routine_name:char:64"),
    ("proxies_priv", "MyISAM", "Host:char:60,User:char:16,Proxied_host:char:60,Proxied_user:char:16"),
    ("servers", "MyISAM", "Server_name:char:64,Host:char:64,Db:char:64"),
    ("slave_master_info", "InnoDB", "Number_of_lines:int:10,Master_log_name:text:"),
    ("slave_relay_log_info", "InnoDB", "Number_of_lines:int:10,Relay_log_name:text:"),
    ("slave_worker_info", "InnoDB", "Id:int:10,Relay_log_name:text:"),
    ("slow_log", "CSV", "start_time:datetime:,user_host:text:,query_time:datetime:,sql_text:text:"),
    ("tables_priv", "MyISAM", "Host:char:60,Db:char:64,User:char:16,Table_name:char:64"),
    ("time_zone", "MyISAM", "Time_zone_id:int:10,Use_leap_seconds:char:1"),
    ("time_zone_leap_second", "MyISAM", "Transition_time:bigint:20,Correction:int:11"),
    ("time_zone_name", "MyISAM", "Name:char:64,Time_zone_id:int:10"),
    ("time_zone_transition", "MyISAM", "Time_zone_id:int:10,Transition_time:bigint:20"),
    ("time_zone_transition_type", "MyISAM", "Time_zone_id:int:10,Transition_type_id:int:10"),
    ("user", "MyISAM", "Host:char:60,User:char:16,Password:char:41"),
];

/// `performance_schema` tables (abbreviated).
const PERFORMANCE_SCHEMA_TABLES: [&str; 12] = [
    "accounts", "cond_instances", "events_stages_current", "events_statements_current", "events_waits_current",
    "file_instances", "hosts", "mutex_instances", "session_connect_attrs", "setup_instruments", "threads", "users",
];

fn columns(spec: &str, v8: bool) -> Vec<Column> {
    spec.split(',')
        .filter_map(|c| {
            let mut p = c.split(':');
            let (name, ty, len) = (p.next()?, p.next()?, p.next()?);
            let mut name = name.to_string();
            let mut len: Option<u32> = len.parse().ok();
            if v8 && name == "Password" {
                name = "authentication_string".into();
                len = None;
            }
            if v8 && (name == "Host" || name == "User") {
                len = Some(if name == "Host" { 255 } else { 32 });
            }
            let ty = if v8 && name == "authentication_string" { ColType::Text } else { ColType::from_keyword(ty)? };
            let key = ["Host", "User", "Db", "name", "Table_name", "Column_name", "Routine_name"].contains(&name.as_str());
            let not_null = key || name == "Password";
            Some(Column {
                name,
                ty,
                len,
                nullable: !not_null,
                primary: key,
                auto_increment: false,
                default: not_null.then(String::new),
            })
        })
        .collect()
}

/// Writes the files `mysql_install_db` leaves: `ibdata1`, the redo logs, `auto.cnf` and the
/// `mysql`, `performance_schema` (and, on 8.0, `sys`) databases.
pub fn install(dir: &mut dyn DataDir, version: MysqlVersion, server_uuid: &str) -> Result<(), String> {
    let v8 = version.is_v8();
    dir.write("ibdata1", b"kube-sim InnoDB system tablespace\n")?;
    if v8 {
        for f in [
            "#ib_16384_0.dblwr",
            "#ib_16384_1.dblwr",
            "binlog.000001",
            "binlog.000002",
            "binlog.index",
            "ca-key.pem",
            "ca.pem",
            "client-cert.pem",
            "client-key.pem",
            "ib_buffer_pool",
            "ibtmp1",
            "mysql.ibd",
            "private_key.pem",
            "public_key.pem",
            "server-cert.pem",
            "server-key.pem",
            "undo_001",
            "undo_002",
        ] {
            dir.write(f, format!("kube-sim {f}\n").as_bytes())?;
        }
    } else {
        dir.write("ib_logfile0", b"kube-sim InnoDB redo log\n")?;
        dir.write("ib_logfile1", b"kube-sim InnoDB redo log\n")?;
    }
    dir.write("auto.cnf", format!("[auto]\nserver-uuid={server_uuid}\n").as_bytes())?;
    let layout = version.layout();
    dir.mkdir("mysql")?;
    for (name, engine, spec) in MYSQL_TABLES {
        let mut t = Table::new(columns(spec, v8));
        t.engine = if v8 && engine == "MyISAM" { "InnoDB".into() } else { engine.into() };
        storage::save_table(dir, layout, "mysql", name, &t)?;
    }
    dir.mkdir("performance_schema")?;
    for name in PERFORMANCE_SCHEMA_TABLES {
        let mut t = Table::new(columns("HOST:char:60", false));
        t.engine = "PERFORMANCE_SCHEMA".into();
        if layout == Layout::Frm {
            storage::save_table(dir, layout, "performance_schema", name, &t)?;
        } else {
            dir.write(&format!("performance_schema/{name}.sdi"), b"kube-sim sdi\n")?;
        }
    }
    if v8 {
        dir.mkdir("sys")?;
        let t = Table::new(columns("variable:varchar:128,value:varchar:128", false));
        storage::save_table(dir, layout, "sys", "sys_config", &t)?;
    }
    Ok(())
}

/// Replaces the accounts in `mysql.user` with `(user, host, password)`.
pub fn set_accounts(dir: &mut dyn DataDir, version: MysqlVersion, accounts: &[(&str, &str, &str)]) -> Result<(), String> {
    let mut t = storage::load_table(&*dir, "mysql", "user").ok_or("mysql.user is missing")?;
    t.rows = accounts
        .iter()
        .map(|(u, h, p)| vec![Value::Str(h.to_string()), Value::Str(u.to_string()), Value::Str(mysql_password_hash(p))])
        .collect();
    storage::save_table(dir, version.layout(), "mysql", "user", &t)
}

/// Grants `user@host` everything on `db` (a `mysql.db` row).
pub fn grant_db(dir: &mut dyn DataDir, version: MysqlVersion, user: &str, host: &str, db: &str) -> Result<(), String> {
    let mut t = storage::load_table(&*dir, "mysql", "db").ok_or("mysql.db is missing")?;
    let row: Vec<Value> = t
        .columns
        .iter()
        .map(|c| match c.name.as_str() {
            "Host" => Value::Str(host.to_string()),
            "Db" => Value::Str(db.to_string()),
            "User" => Value::Str(user.to_string()),
            _ => Value::Null,
        })
        .collect();
    t.rows.push(row);
    storage::save_table(dir, version.layout(), "mysql", "db", &t)
}

/// The `Host` of the account `user` logs in as from `client_host`, if the password matches;
/// `None` is access denied.
pub fn authenticate(dir: &dyn DataDir, user: &str, client_host: &str, password: &str) -> Option<String> {
    let t = storage::load_table(dir, "mysql", "user")?;
    let (hi, ui) = (t.column_index("Host")?, t.column_index("User")?);
    let pi = t.column_index("Password").or_else(|| t.column_index("authentication_string"))?;
    let text = |r: &Vec<Value>, i: usize| r.get(i).and_then(Value::text).unwrap_or_default();
    // Exact hosts sort before wildcards, as the server sorts its ACL entries.
    let mut candidates: Vec<&Vec<Value>> = t
        .rows
        .iter()
        .filter(|r| text(r, ui) == user)
        .filter(|r| {
            let h = text(r, hi);
            h == "%" || h == client_host || (h == "localhost" && client_host == "localhost")
        })
        .collect();
    crate::sort::sort_by_key(&mut candidates, |r| text(r, hi) == "%");
    let row = candidates.first()?;
    (text(row, pi) == mysql_password_hash(password)).then(|| text(row, hi))
}

#[cfg(test)]
mod tests {
    use super::super::storage::MemDataDir;
    use super::*;

    #[test]
    fn install_5_6_lays_out_real_names() {
        let mut d = MemDataDir::default();
        install(&mut d, MysqlVersion::V5_6, "u").unwrap();
        assert_eq!(d.list(""), vec!["auto.cnf", "ib_logfile0", "ib_logfile1", "ibdata1", "mysql", "performance_schema"]);
        let m = d.list("mysql");
        assert!(m.contains(&"user.frm".to_string()) && m.contains(&"user.MYD".to_string()) && m.contains(&"user.MYI".to_string()));
        assert!(m.contains(&"general_log.CSV".to_string()) && m.contains(&"innodb_table_stats.ibd".to_string()));
        assert_eq!(storage::list_tables(&d, "mysql").len(), 28);
    }

    #[test]
    fn accounts_authenticate_by_host() {
        let mut d = MemDataDir::default();
        install(&mut d, MysqlVersion::V5_6, "u").unwrap();
        set_accounts(&mut d, MysqlVersion::V5_6, &[("root", "localhost", "pw"), ("root", "%", "pw")]).unwrap();
        assert_eq!(authenticate(&d, "root", "10.244.1.5", "pw"), Some("%".into()));
        assert_eq!(authenticate(&d, "root", "localhost", "pw"), Some("localhost".into()));
        assert_eq!(authenticate(&d, "root", "10.244.1.5", "nope"), None);
        assert_eq!(authenticate(&d, "bob", "10.244.1.5", "pw"), None);
    }
}
