//! Status errors as the API server returns them and kubectl prints them.

use std::fmt;

/// The `reason` of a failed API call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// 404.
    NotFound,
    /// 409 on create.
    AlreadyExists,
    /// 409 on update.
    Conflict,
    /// 422: validation failed.
    Invalid,
    /// 400: the request could not be decoded (e.g. strict decoding).
    BadRequest,
    /// 403.
    Forbidden,
    /// 405.
    MethodNotAllowed,
    /// 413: the request body is over the API server's limit.
    RequestEntityTooLarge,
    /// 500 with no reason (`StatusReasonUnknown`): an error the API server passes on as it is,
    /// such as etcd's `request is too large`; kubectl prints `Error from server: MESSAGE`.
    Unknown,
}

impl Reason {
    /// The reason as kubectl prints it in `Error from server (Reason)`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NotFound => "NotFound",
            Reason::AlreadyExists => "AlreadyExists",
            Reason::Conflict => "Conflict",
            Reason::Invalid => "Invalid",
            Reason::BadRequest => "BadRequest",
            Reason::Forbidden => "Forbidden",
            Reason::MethodNotAllowed => "MethodNotAllowed",
            Reason::RequestEntityTooLarge => "RequestEntityTooLarge",
            Reason::Unknown => "",
        }
    }
}

/// A failed API call: its reason and the server's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// Why it failed.
    pub reason: Reason,
    /// The server's message, e.g. `pods "nope" not found`.
    pub message: String,
}

impl ApiError {
    /// `<resource> "<name>" not found`, e.g. `pods "nope" not found`.
    pub fn not_found(resource: &str, name: &str) -> Self {
        ApiError { reason: Reason::NotFound, message: format!("{resource} \"{name}\" not found") }
    }

    /// `<resource> "<name>" already exists`.
    pub fn already_exists(resource: &str, name: &str) -> Self {
        ApiError { reason: Reason::AlreadyExists, message: format!("{resource} \"{name}\" already exists") }
    }
}

impl fmt::Display for ApiError {
    /// What kubectl prints: `Error from server (NotFound): pods "nope" not found`, except for
    /// `Invalid`, which kubectl prints as the bare message (`The Pod "x" is invalid: ...`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            Reason::Invalid => f.write_str(&self.message),
            Reason::Unknown => write!(f, "Error from server: {}", self.message),
            r => write!(f, "Error from server ({}): {}", r.as_str(), self.message),
        }
    }
}
