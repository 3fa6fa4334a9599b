//! `resource.Quantity`: the grammar, canonical printing and errors of apimachinery
//! (`k8s-behaviour.md` §4). (Skeleton: keeps the text as written; the API-machinery work
//! implements the real parser.)

use std::fmt;

/// A parsed quantity such as `1Gi` or `500m`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    text: String,
}

impl Quantity {
    /// Parses `s`, or returns apimachinery's error text.
    pub fn parse(s: &str) -> Result<Quantity, String> {
        Ok(Quantity { text: s.to_string() })
    }
}

impl fmt::Display for Quantity {
    /// The canonical form (`1024Mi` prints as `1Gi`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
