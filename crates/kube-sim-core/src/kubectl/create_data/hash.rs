//! `--append-hash`: kubectl's name suffix for ConfigMaps and Secrets (`pkg/util/hash`).
//! The object's data, kind, name (and type) are encoded as sorted JSON, hashed with SHA-256,
//! and the first ten hex digits are kept with vowel-like digits mapped to consonants.

use crate::kubectl::output::{json_compact, OValue};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

fn encode_hash(encoded: &str) -> String {
    let digest = Sha256::digest(encoded.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex.chars()
        .take(10)
        .map(|c| match c {
            '0' => 'g',
            '1' => 'h',
            '3' => 'k',
            'a' => 'm',
            'e' => 't',
            c => c,
        })
        .collect()
}

/// The suffix for a ConfigMap: `data` (always, `{}` when empty), `binaryData` (base64, when
/// not empty), `kind` and `name`.
pub fn config_map_hash(name: &str, data: &Map<String, Value>, binary_data: &Map<String, Value>) -> String {
    let mut m = Map::new();
    m.insert("kind".into(), json!("ConfigMap"));
    m.insert("name".into(), json!(name));
    m.insert("data".into(), Value::Object(data.clone()));
    if !binary_data.is_empty() {
        m.insert("binaryData".into(), Value::Object(binary_data.clone()));
    }
    encode_hash(&json_compact(&OValue::sorted(&Value::Object(m))))
}

/// The suffix for a Secret: `data` (base64 values), `kind`, `name` and `type`.
pub fn secret_hash(name: &str, secret_type: &str, data: &Map<String, Value>) -> String {
    let v = json!({"kind": "Secret", "type": secret_type, "name": name, "data": Value::Object(data.clone())});
    encode_hash(&json_compact(&OValue::sorted(&v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_kubectl() {
        let empty = Map::new();
        assert_eq!(config_map_hash("c", &empty, &empty), "94b26g54cg");
        let data: Map<String, Value> = [("a".to_string(), json!("b"))].into_iter().collect();
        assert_eq!(config_map_hash("c", &data, &empty), "m4h6ctkgb2");
        let bin: Map<String, Value> = [("bin".to_string(), json!("//4="))].into_iter().collect();
        assert_eq!(config_map_hash("c", &empty, &bin), "42kgm8kd84");
        let sdata: Map<String, Value> = [("a".to_string(), json!("Yg=="))].into_iter().collect();
        assert_eq!(secret_hash("s", "", &sdata), "7fd2tm89d8");
        assert_eq!(secret_hash("s", "foo", &sdata), "76gkfd766k");
    }
}
