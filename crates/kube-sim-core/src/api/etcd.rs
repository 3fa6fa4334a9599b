//! etcd's own limit on one write: the API server stores an object as one etcd request, and
//! etcd refuses a request over `--max-request-bytes` (1.5 MiB by default) with
//! `etcdserver: request is too large`. The API server passes that error on as it is: a 500
//! Status with no reason, which kubectl prints as `Error from server: ...`
//! (kubernetes/kubernetes#74600 quotes the Status:
//! `{"status":"Failure","message":"etcdserver: request is too large","code":500}`).

use serde_json::Value;

use super::errors::{ApiError, Reason};

/// etcd's default `--max-request-bytes`: 1.5 MiB.
pub const MAX_REQUEST_BYTES: usize = 1536 * 1024;

/// etcd's error for a write over [`MAX_REQUEST_BYTES`].
pub const TOO_LARGE: &str = "etcdserver: request is too large";

/// The bytes of `obj`'s compact JSON encoding, counted without building it; stops counting
/// past `limit`.
pub fn encoded_len(obj: &Value, limit: usize) -> usize {
    struct Count(usize, usize);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len();
            if self.0 > self.1 {
                return Err(std::io::ErrorKind::WriteZero.into());
            }
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(0, limit);
    let _ = serde_json::to_writer(&mut n, obj);
    n.0
}

/// Whether etcd takes `obj` as one write: its encoding (the stored form; JSON here, close to
/// the API server's protobuf for the large string values that make an object big) must be
/// at most [`MAX_REQUEST_BYTES`].
pub fn check_object_size(obj: &Value) -> Result<(), ApiError> {
    if encoded_len(obj, MAX_REQUEST_BYTES) > MAX_REQUEST_BYTES {
        return Err(ApiError { reason: Reason::Unknown, message: TOO_LARGE.into() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_object_over_the_limit_is_refused_with_etcds_text() {
        let small = json!({"kind": "Pod", "data": "x".repeat(1000)});
        assert!(check_object_size(&small).is_ok());
        let big = json!({"kind": "Pod", "data": "x".repeat(MAX_REQUEST_BYTES)});
        let e = check_object_size(&big).unwrap_err();
        assert_eq!(e.to_string(), "Error from server: etcdserver: request is too large");
        assert!(encoded_len(&big, MAX_REQUEST_BYTES) <= MAX_REQUEST_BYTES + 8192);
    }
}
