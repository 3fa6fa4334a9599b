//! Validation texts, kind by kind.
