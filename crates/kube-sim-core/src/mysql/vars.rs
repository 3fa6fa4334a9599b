//! Server system variables (`SHOW VARIABLES`, `@@name`), the few a learner looks at.

use super::MysqlVersion;

/// The variables, sorted by name, with their values on this server.
pub fn variables(v: MysqlVersion, hostname: &str) -> Vec<(&'static str, String)> {
    let sql_mode = if v.is_v8() {
        "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
    } else {
        "NO_ENGINE_SUBSTITUTION"
    };
    let charset = if v.is_v8() { "utf8mb4" } else { "latin1" };
    let mut vars = vec![
        ("autocommit", "ON".to_string()),
        ("basedir", "/usr/".to_string()),
        ("character_set_server", charset.to_string()),
        ("datadir", "/var/lib/mysql/".to_string()),
        ("default_storage_engine", "InnoDB".to_string()),
        ("hostname", hostname.to_string()),
        ("lower_case_table_names", "0".to_string()),
        ("max_connections", "151".to_string()),
        ("pid_file", "/var/run/mysqld/mysqld.pid".to_string()),
        ("port", "3306".to_string()),
        ("socket", "/var/run/mysqld/mysqld.sock".to_string()),
        ("sql_mode", sql_mode.to_string()),
        ("version", v.server_version().to_string()),
        ("version_comment", v.version_comment().to_string()),
    ];
    crate::sort::sort_by_key(&mut vars, |(k, _)| *k);
    vars
}

/// One variable's value, by case-insensitive name.
pub fn lookup(v: MysqlVersion, hostname: &str, name: &str) -> Option<String> {
    variables(v, hostname).into_iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, val)| val)
}
