//! The API machinery: errors, strict decoding, defaults and validation, with the API server's
//! texts. Each kind's rules follow the real API (`k8s-behaviour.md` §1.1, §3.1, §5).

pub mod errors;
pub mod resources;

use serde_json::Value;

pub use errors::{ApiError, Reason};

/// What a write does, for validation that differs between create and update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// A new object.
    Create,
    /// A change to an existing object.
    Update,
}

/// Admission for one object about to be written: strict decoding (unknown fields), defaults,
/// then validation. `old` is the stored object on update. On success `obj` holds the defaulted
/// object. (Skeleton: accepts everything; the API-machinery work fills it in.)
pub fn admit(op: Op, obj: &mut Value, old: Option<&Value>) -> Result<(), ApiError> {
    let _ = (op, obj, old);
    Ok(())
}
