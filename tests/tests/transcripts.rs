//! Runs every transcript under `tests/scripts`.

use std::path::Path;

#[test]
fn every_transcript_matches_its_expected_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let (count, failures) = kube_sim_tests::check_transcripts(&dir);
    assert!(count > 0, "no transcripts found under {}", dir.display());
    assert!(failures.is_empty(), "{} of {count} transcripts differ:\n{}", failures.len(), failures.join("\n"));
}
