//! Name and key rules of `apimachinery/pkg/util/validation` with their exact messages
//! (`k8s-behaviour.md` §5.2, §5.3). Each `is_*` returns the list of messages (empty = valid).

fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let mut s = format!("{msg} (e.g. ");
    for (i, e) in examples.iter().enumerate() {
        if i > 0 {
            s.push_str(" or ");
        }
        s.push_str(&format!("'{e}', "));
    }
    s.push_str(&format!("regex used for validation is '{fmt}')"));
    s
}

/// `MaxLenError(n)`.
pub fn max_len_error(n: usize) -> String {
    format!("must be no more than {n} characters")
}

fn alnum_lower(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// The bytes `[-a-z0-9]` (inside a DNS label) and `[-_.A-Za-z0-9]` (inside a qualified name
/// part), as tables: the checks run over every name and key written.
const LABEL_BYTE: [bool; 256] = byte_table(b"-", true);
const QUALIFIED_BYTE: [bool; 256] = byte_table(b"-_.", false);

const fn byte_table(extra: &[u8], lower_only: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_lowercase() || b.is_ascii_digit() || (!lower_only && b.is_ascii_uppercase());
        c += 1;
    }
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
fn dns_label_ok(s: &str) -> bool {
    dns_label_bytes_ok(s.as_bytes())
}

/// [`dns_label_ok`] on bytes.
fn dns_label_bytes_ok(b: &[u8]) -> bool {
    !b.is_empty()
        && alnum_lower(b[0])
        && alnum_lower(b[b.len() - 1])
        && b.iter().all(|&c| LABEL_BYTE[c as usize])
}

const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1035_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";

/// `IsDNS1123Label`.
pub fn is_dns1123_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !dns_label_ok(s) {
        errs.push(regex_error(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            DNS1123_LABEL_FMT,
            &["my-name", "123-abc"],
        ));
    }
    errs
}

/// `IsDNS1123Subdomain`.
pub fn is_dns1123_subdomain(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 253 {
        errs.push(max_len_error(253));
    }
    if !s.as_bytes().split(|&b| b == b'.').all(dns_label_bytes_ok) {
        errs.push(regex_error(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// `IsDNS1035Label`.
pub fn is_dns1035_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !(dns_label_ok(s) && s.as_bytes()[0].is_ascii_lowercase()) {
        errs.push(regex_error(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
            DNS1035_FMT,
            &["my-name", "abc-123"],
        ));
    }
    errs
}

fn ch_dir_prefix(s: &str) -> Option<String> {
    if s == "." {
        Some("must not be '.'".into())
    } else if s == ".." {
        Some("must not be '..'".into())
    } else if s.starts_with("..") {
        Some("must not start with '..'".into())
    } else {
        None
    }
}

/// `IsConfigMapKey` (Secret and ConfigMap data keys).
pub fn is_config_map_key(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 253 {
        errs.push(max_len_error(253));
    }
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_alphanumeric() || b"-._".contains(&c)) {
        errs.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    errs.extend(ch_dir_prefix(s));
    errs
}

/// `IsEnvVarName`.
pub fn is_env_var_name(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let b = s.as_bytes();
    let ok = !b.is_empty()
        && !b[0].is_ascii_digit()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || b"-._".contains(&c));
    if !ok {
        errs.push(regex_error(
            "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
            "[-._a-zA-Z][-._a-zA-Z0-9]*",
            &["my.env-name", "MY_ENV.NAME", "MyEnvName1"],
        ));
    }
    errs.extend(ch_dir_prefix(s));
    errs
}

fn qualified_name_part_ok(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().all(|&c| QUALIFIED_BYTE[c as usize])
}

const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MSG: &str =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// `IsQualifiedName` (label and annotation keys).
pub fn is_qualified_name(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let name = match s.bytes().filter(|&b| b == b'/').count() {
        0 => s,
        1 => {
            let (prefix, n) = s.split_once('/').unwrap_or(("", s));
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                for m in is_dns1123_subdomain(prefix) {
                    errs.push(format!("prefix part {m}"));
                }
            }
            n
        }
        _ => {
            return vec![format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, &["MyName", "my.name", "123-abc"])
            )];
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else if name.len() > 63 {
        errs.push(format!("name part {}", max_len_error(63)));
    }
    if !qualified_name_part_ok(name) {
        errs.push(format!(
            "name part {}",
            regex_error(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, &["MyName", "my.name", "123-abc"])
        ));
    }
    errs
}

/// `IsValidLabelValue`.
pub fn is_valid_label_value(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !s.is_empty() && !qualified_name_part_ok(s) {
        errs.push(regex_error(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?",
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// `IsValidPortName` (IANA_SVC_NAME).
pub fn is_valid_port_name(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 15 {
        errs.push(max_len_error(15));
    }
    if !s.bytes().all(|c| alnum_lower(c) || c == b'-') {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".into());
    }
    if s.contains("--") {
        errs.push("must not contain consecutive hyphens".into());
    }
    if !s.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".into());
    }
    if s.starts_with('-') || s.ends_with('-') {
        errs.push("must not begin or end with a hyphen".into());
    }
    errs
}

/// `IsValidPortNum`.
pub fn is_valid_port_num(n: i64) -> Vec<String> {
    if (1..=65535).contains(&n) {
        Vec::new()
    } else {
        vec!["must be between 1 and 65535, inclusive".into()]
    }
}

/// Which name rule a kind's `metadata.name` follows.
pub fn name_rule(kind: &str) -> fn(&str) -> Vec<String> {
    match kind {
        "Namespace" => is_dns1123_label,
        "Service" => is_dns1035_label,
        _ => is_dns1123_subdomain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_tables_are_the_character_classes() {
        for c in 0..=255u8 {
            assert_eq!(LABEL_BYTE[c as usize], alnum_lower(c) || c == b'-', "{c}");
            assert_eq!(QUALIFIED_BYTE[c as usize], c.is_ascii_alphanumeric() || b"-_.".contains(&c), "{c}");
        }
    }

    #[test]
    fn subdomain() {
        assert!(is_dns1123_subdomain("my-pv.example").is_empty());
        assert_eq!(
            is_dns1123_subdomain("Bad_Name"),
            vec!["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string()]
        );
        assert_eq!(is_dns1123_subdomain(&"a".repeat(254)), vec![max_len_error(253)]);
        assert_eq!(is_dns1123_subdomain("a..b").len(), 1);
        assert_eq!(is_dns1123_subdomain("-a").len(), 1);
    }

    #[test]
    fn labels_and_1035() {
        assert!(is_dns1123_label("123-abc").is_empty());
        assert_eq!(
            is_dns1123_label("a.b")[0],
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        );
        assert!(is_dns1035_label("my-svc").is_empty());
        assert_eq!(
            is_dns1035_label("1svc")[0],
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        );
        assert_eq!(is_dns1123_label(&"a".repeat(64)), vec![max_len_error(63)]);
    }

    #[test]
    fn config_keys() {
        assert!(is_config_map_key("my.key_NAME-1").is_empty());
        assert_eq!(
            is_config_map_key("my key"),
            vec!["a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')".to_string()]
        );
        assert_eq!(is_config_map_key("."), vec!["must not be '.'".to_string()]);
        assert_eq!(is_config_map_key(".."), vec!["must not be '..'".to_string()]);
        assert_eq!(is_config_map_key("..a"), vec!["must not start with '..'".to_string()]);
    }

    #[test]
    fn qualified_and_values() {
        assert!(is_qualified_name("app").is_empty());
        assert!(is_qualified_name("app.kubernetes.io/name").is_empty());
        assert_eq!(is_qualified_name("bad key").len(), 1);
        assert!(is_qualified_name("bad key")[0].starts_with("name part must consist of"));
        assert!(is_valid_label_value("").is_empty());
        assert!(is_valid_label_value("v1.2_x").is_empty());
        assert_eq!(is_valid_label_value("-x").len(), 1);
        assert_eq!(is_env_var_name("1A").len(), 1);
        assert!(is_env_var_name("MYSQL_ROOT_PASSWORD").is_empty());
        assert!(is_valid_port_name("http").is_empty());
        assert_eq!(is_valid_port_name("80"), vec!["must contain at least one letter (a-z)".to_string()]);
        assert_eq!(is_valid_port_num(0), vec!["must be between 1 and 65535, inclusive".to_string()]);
    }

    #[test]
    fn name_rules_per_kind() {
        assert!(name_rule("Service")("1abc").len() == 1);
        assert!(name_rule("Pod")("1abc").is_empty());
        assert!(name_rule("Namespace")("a.b").len() == 1);
        assert!(name_rule("PersistentVolume")("a.b").is_empty());
        assert!(name_rule("StorageClass")("fast.ssd").is_empty());
    }

    #[test]
    fn qualified_prefixes() {
        assert_eq!(is_qualified_name("Example.com/x"), vec![format!("prefix part {}", is_dns1123_subdomain("Example.com")[0])]);
        assert_eq!(is_qualified_name("/x"), vec!["prefix part must be non-empty".to_string()]);
        assert_eq!(is_qualified_name("a/"), vec!["name part must be non-empty".to_string(), is_qualified_name("-")[0].clone()]);
        assert!(is_qualified_name("a/b/c")[0].starts_with("a qualified name must consist of"));
        assert_eq!(is_qualified_name(&"a".repeat(64))[0], "name part must be no more than 63 characters");
    }

    #[test]
    fn port_names() {
        assert_eq!(is_valid_port_name("my-very-long-port-name"), vec![max_len_error(15)]);
        assert_eq!(is_valid_port_name("a--b"), vec!["must not contain consecutive hyphens".to_string()]);
        assert_eq!(is_valid_port_name("-ab"), vec!["must not begin or end with a hyphen".to_string()]);
        assert!(is_valid_port_num(65535).is_empty() && is_valid_port_num(1).is_empty());
    }
}
