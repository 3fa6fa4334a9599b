//! The kubelet: what each node does for the pods bound to it.

pub mod env;
pub mod projection;
