//! Arbitrary bytes typed into the terminal, one line per newline, on a fresh lab. Lines may
//! open nested sessions (`ssh`, `sudo -i`, `kubectl exec -it`, `mysql>`) and heredocs.
#![no_main]

use kube_sim_fuzz::fresh;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lab = fresh();
    for line in text.split('\n').take(64) {
        let _ = lab.type_line(line);
        let _ = lab.prompt();
    }
    let _ = lab.complete(text.lines().last().unwrap_or(""));
});
