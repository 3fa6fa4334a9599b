//! Tests of env.
