//! The permalink decoder (`#s=v1.…`) on arbitrary text, the JSON reader on arbitrary text, and
//! the replay of whatever decodes. A decoded record must encode back to itself.
#![no_main]

use kube_sim_core::session::SessionRecord;
use kube_sim_fuzz::fresh;
use libfuzzer_sys::fuzz_target;

fn check(record: SessionRecord) {
    assert_eq!(SessionRecord::decode(&record.encode()).as_ref(), Ok(&record));
    // Replay a bounded prefix so one input stays fast; the app replays the whole record, and
    // its bounds (MAX_COMMANDS, the step limit per line) are what keep that finite.
    let mut short = record;
    short.commands.truncate(16);
    short.events.truncate(16);
    let _ = short.replay(fresh(), |_, _, _| {});
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(record) = SessionRecord::decode(&text) {
        check(record);
    }
    if let Ok(record) = SessionRecord::from_json(&text) {
        check(record);
    }
    // The same bytes as the compressed body of a link.
    let link = format!("v1.{}", encode_b64(data));
    if let Ok(record) = SessionRecord::decode(&link) {
        check(record);
    }
});

fn encode_b64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut s = String::new();
    for c in data.chunks(3) {
        let n = c.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=c.len() {
            s.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    s
}
