//! Base64 as Go's `encoding/base64.StdEncoding` reads `[]byte` fields in JSON, with its
//! `illegal base64 data at input byte N` offsets.

use base64::Engine;

fn is_b64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'+' || c == b'/'
}

/// `Ok` if `s` decodes; else the byte offset Go's decoder reports.
pub fn base64_check(s: &str) -> Result<(), usize> {
    let src = s.as_bytes();
    let mut si = 0;
    loop {
        // One quantum of up to 4 symbols.
        let mut j = 0;
        while j < 4 {
            if si == src.len() {
                return match j {
                    0 => Ok(()),
                    _ => Err(si - j),
                };
            }
            let c = src[si];
            si += 1;
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if is_b64(c) {
                j += 1;
                continue;
            }
            if c != b'=' {
                return Err(si - 1);
            }
            // Padding.
            match j {
                0 | 1 => return Err(si - 1),
                2 => {
                    while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                        si += 1;
                    }
                    if si == src.len() {
                        return Err(src.len());
                    }
                    if src[si] != b'=' {
                        return Err(si - 1);
                    }
                    si += 1;
                }
                _ => {}
            }
            while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                si += 1;
            }
            return if si < src.len() { Err(si) } else { Ok(()) };
        }
    }
}

/// Decodes standard base64 (newlines ignored, as Go does); `None` if invalid.
pub fn decode(s: &str) -> Option<Vec<u8>> {
    base64_check(s).ok()?;
    let clean: String = s.chars().filter(|c| *c != '\n' && *c != '\r').collect();
    base64::engine::general_purpose::STANDARD.decode(clean).ok()
}

/// Encodes standard base64 with padding.
pub fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_offsets() {
        assert_eq!(base64_check("cGFzc3dvcmQ="), Ok(()));
        assert_eq!(base64_check(""), Ok(()));
        assert_eq!(base64_check("YWRtaW4="), Ok(()));
        assert_eq!(base64_check("admin"), Err(4));
        assert_eq!(base64_check("password123"), Err(8));
        assert_eq!(base64_check("abc"), Err(0));
        assert_eq!(base64_check("ab!d"), Err(2));
        assert_eq!(base64_check("a==="), Err(1));
        assert_eq!(base64_check("ab="), Err(3));
        assert_eq!(base64_check("ab==x"), Err(4));
        assert_eq!(base64_check("YWRt\naW4="), Ok(()));
        assert_eq!(decode("YWRtaW4=").unwrap(), b"admin");
        assert_eq!(encode(b"admin"), "YWRtaW4=");
    }
}
