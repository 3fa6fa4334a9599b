//! The content checks of `kubectl create secret tls` (Go's `tls.X509KeyPair`, as far as PEM
//! structure goes) and the `.dockerconfigjson` of `kubectl create secret docker-registry`.

use crate::kubectl::output::{json_compact, OValue};
use base64::Engine;

/// One PEM block: its type and decoded bytes.
struct Block {
    kind: String,
    der: Vec<u8>,
}

/// Every well-formed PEM block in `input` (blocks whose body is not base64 are skipped, as
/// Go's `pem.Decode` does).
fn pem_blocks(input: &[u8]) -> Vec<Block> {
    let text = String::from_utf8_lossy(input);
    let mut blocks = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(end_type) = after.find("-----") else { break };
        let kind = after[..end_type].to_string();
        let body_start = &after[end_type + 5..];
        let end_marker = format!("-----END {kind}-----");
        let Some(end) = body_start.find(&end_marker) else {
            rest = body_start;
            continue;
        };
        let body: String = body_start[..end].lines().filter(|l| !l.contains(':')).flat_map(|l| l.chars()).filter(|c| !c.is_whitespace()).collect();
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(body.as_bytes()) {
            blocks.push(Block { kind, der });
        }
        rest = &body_start[end + end_marker.len()..];
    }
    blocks
}

/// Whether `der` is one DER SEQUENCE filling the whole input (the least a certificate is).
fn looks_like_der_sequence(der: &[u8]) -> bool {
    if der.len() < 2 || der[0] != 0x30 {
        return false;
    }
    let (len, header) = match der[1] {
        l if l < 0x80 => (usize::from(l), 2),
        0x81 if der.len() > 2 => (usize::from(der[2]), 3),
        0x82 if der.len() > 3 => ((usize::from(der[2]) << 8) | usize::from(der[3]), 4),
        _ => return false,
    };
    header + len == der.len()
}

/// `tls.X509KeyPair`'s checks, with Go's error texts.
pub fn check_key_pair(cert: &[u8], key: &[u8]) -> Result<(), String> {
    let cert_blocks = pem_blocks(cert);
    let certs: Vec<&Block> = cert_blocks.iter().filter(|b| b.kind == "CERTIFICATE").collect();
    if certs.is_empty() {
        let skipped: Vec<&str> = cert_blocks.iter().map(|b| b.kind.as_str()).collect();
        return Err(match skipped.as_slice() {
            [] => "tls: failed to find any PEM data in certificate input".into(),
            [one] if one.ends_with("PRIVATE KEY") => {
                "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched".into()
            }
            more => format!("tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [{}]", more.join(" ")),
        });
    }
    let mut skipped = Vec::new();
    let mut found_key = false;
    for b in pem_blocks(key) {
        if b.kind == "PRIVATE KEY" || b.kind.ends_with(" PRIVATE KEY") {
            found_key = true;
            break;
        }
        skipped.push(b.kind);
    }
    if !found_key {
        return Err(match skipped.as_slice() {
            [] => "tls: failed to find any PEM data in key input".into(),
            [one] if one == "CERTIFICATE" => "tls: found a certificate rather than a key in the PEM for the private key".into(),
            more => format!("tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: [{}]", more.join(" ")),
        });
    }
    if !looks_like_der_sequence(&certs[0].der) {
        return Err("x509: malformed certificate".into());
    }
    Ok(())
}

/// The `.dockerconfigjson` kubectl writes: `{"auths":{SERVER:{"username":..,"password":..,
/// "email":..,"auth":base64(user:password)}}}`, empty fields left out.
pub fn docker_config_json(username: &str, password: &str, email: &str, server: &str) -> String {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    let mut entry = Vec::new();
    for (k, v) in [("username", username), ("password", password), ("email", email), ("auth", auth.as_str())] {
        if !v.is_empty() {
            entry.push((k.to_string(), OValue::Str(v.to_string())));
        }
    }
    let doc = OValue::Obj(vec![("auths".into(), OValue::Obj(vec![(server.to_string(), OValue::Obj(entry))]))]);
    json_compact(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAKE_CERT: &[u8] = b"-----BEGIN CERTIFICATE-----\nZm9vYmFy\n-----END CERTIFICATE-----\n";
    const FAKE_KEY: &[u8] = b"-----BEGIN PRIVATE KEY-----\nZm9vYmFy\n-----END PRIVATE KEY-----\n";

    #[test]
    fn pem_errors_match_go() {
        assert_eq!(check_key_pair(FAKE_CERT, FAKE_KEY), Err("x509: malformed certificate".into()));
        assert_eq!(check_key_pair(b"hello\n", FAKE_KEY), Err("tls: failed to find any PEM data in certificate input".into()));
        assert!(check_key_pair(FAKE_KEY, FAKE_KEY).unwrap_err().contains("PEM inputs may have been switched"));
        assert_eq!(check_key_pair(FAKE_CERT, b"hello"), Err("tls: failed to find any PEM data in key input".into()));
        assert_eq!(check_key_pair(FAKE_CERT, FAKE_CERT), Err("tls: found a certificate rather than a key in the PEM for the private key".into()));
    }

    #[test]
    fn docker_config_is_html_escaped_struct_order() {
        assert_eq!(
            docker_config_json("u", "p<&>", "e@x", "https://index.docker.io/v1/"),
            "{\"auths\":{\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"p\\u003c\\u0026\\u003e\",\"email\":\"e@x\",\"auth\":\"dTpwPCY+\"}}}"
        );
    }
}
