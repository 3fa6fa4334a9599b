//! Differential: `yaml::parse_documents` (with its fast path for plain block manifests) must
//! give exactly what serde_yaml alone gives, values and errors, for any text.
#![no_main]

use kube_sim_core::yaml::{parse_documents, parse_documents_with_serde_yaml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    assert_eq!(parse_documents(&text), parse_documents_with_serde_yaml(&text), "{text:?}");
});
