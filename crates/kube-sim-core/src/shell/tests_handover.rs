//! A command's whole output is handed along the shell (moved, not copied) when it starts a
//! chunk: these tests check that every route an output can take still gets the same bytes,
//! in the same order, cut at the same limit with the same note.

use super::state::{truncation_note, Out, MAX_OUTPUT};
use crate::Cluster;

/// The lab, and what `kubectl get pods -A` prints in it.
fn lab() -> (Cluster, String) {
    let mut c = Cluster::new();
    let full = c.type_line("kubectl get pods -A").output;
    assert!(full.starts_with("NAMESPACE ") && full.lines().count() > 3, "{full}");
    (c, full)
}

/// The first `n` lines of `text`, each with its line break.
fn head(text: &str, n: usize) -> String {
    text.split_inclusive('\n').take(n).collect()
}

#[test]
fn a_table_redirected_to_a_file_lands_there_and_not_on_the_terminal() {
    let (mut c, full) = lab();
    assert_eq!(c.type_line("kubectl get pods -A > pods.txt").output, "");
    assert_eq!(c.type_line("cat pods.txt").output, full);
    assert_eq!(c.type_line("kubectl get pods -A >> pods.txt").output, "");
    assert_eq!(c.type_line("cat pods.txt").output, format!("{full}{full}"));
    assert_eq!(c.type_line("kubectl get pods -A > pods.txt 2>&1").output, "");
    assert_eq!(c.type_line("cat pods.txt").output, full);
    assert_eq!(c.type_line("{ echo start; kubectl get pods -A; echo end; } > all.txt").output, "");
    assert_eq!(c.type_line("cat all.txt").output, format!("start\n{full}end\n"));
    assert_eq!(c.type_line("kubectl get pods -A > /dev/null").output, "");
    assert_eq!(c.type_line("kubectl get pods -A >/dev/null 2>&1; echo $?").output, "0\n");
}

#[test]
fn a_table_piped_feeds_the_next_command() {
    let (mut c, full) = lab();
    let lines = full.lines().count();
    assert_eq!(c.type_line("kubectl get pods -A | wc -l").output, format!("{lines}\n"));
    assert_eq!(c.type_line("kubectl get pods -A | head -n 2").output, head(&full, 2));
    assert_eq!(c.type_line("kubectl get pods -A | cat | cat").output, full);
    assert_eq!(c.type_line("kubectl get pods -A 2>&1 | cat").output, full);
    assert_eq!(c.type_line("kubectl get pods -A | wc -c").output, format!("{}\n", full.len()));
}

#[test]
fn a_table_in_a_substitution_loses_only_its_last_line_break() {
    let (mut c, full) = lab();
    assert_eq!(c.type_line("echo \"$(kubectl get pods -A)\"").output, full);
    assert_eq!(c.type_line("X=$(kubectl get pods -A); echo \"$X\" | wc -l").output, format!("{}\n", full.lines().count()));
    // Stderr of a substitution shows before the command's own output.
    let t = c.type_line("echo \"$(kubectl get pods nope; kubectl get pods -A)\"").output;
    assert_eq!(t, format!("Error from server (NotFound): pods \"nope\" not found\n{full}"));
}

#[test]
fn outputs_next_to_each_other_keep_their_order() {
    let (mut c, full) = lab();
    assert_eq!(c.type_line("echo start; kubectl get pods -A").output, format!("start\n{full}"));
    assert_eq!(c.type_line("kubectl get pods -A; kubectl get pods -A").output, format!("{full}{full}"));
    let t = c.type_line("kubectl get pods nope -A; kubectl get pods -A; echo $?").output;
    assert_eq!(t, format!("Error from server (NotFound): pods \"nope\" not found\n{full}0\n"));
    assert_eq!(c.type_line("kubectl get pods -A && echo ok").output, format!("{full}ok\n"));
}

/// A file of `size` bytes: lines of 99 `x` and a line break.
fn big(size: usize) -> String {
    let line = format!("{}\n", "x".repeat(99));
    line.repeat(size / 100 + 1)[..size].to_string()
}

#[test]
fn an_output_over_the_limit_is_cut_with_the_same_note_on_every_route() {
    let mut c = Cluster::new();
    let text = big(MAX_OUTPUT + 5_000);
    c.write_workspace_file("big.txt", &text).unwrap();
    // 100-byte lines: the cut falls 4 bytes into a line (4 MiB = 41,943 lines + 4 bytes), and
    // the note goes on a line of its own.
    let cut = &text[..MAX_OUTPUT];
    let note = truncation_note();
    assert_eq!(c.type_line("cat big.txt").output, format!("{cut}\n{note}"));
    assert_eq!(c.type_line("cat big.txt | wc -c").output, format!("{MAX_OUTPUT}\n{note}"));
    assert_eq!(c.type_line("cat big.txt > cut.txt").output, note);
    assert_eq!(c.type_line("wc -c cut.txt").output, format!("{MAX_OUTPUT} cut.txt\n"));
    assert_eq!(c.type_line("cat big.txt > /dev/null").output, note);
    // Each command is cut at the limit (the line keeps a little more room, for notes).
    assert_eq!(c.type_line("echo start; cat big.txt").output, format!("start\n{cut}\n{note}"));
    // A variable keeps at most 1 MiB.
    assert_eq!(c.type_line("X=$(cat big.txt); echo ${#X}").output, format!("{}\n{note}", 1 << 20));
}

#[test]
fn owned_bytes_are_kept_whole_cut_at_the_limit_or_merged() {
    let mut o = Out::default();
    o.out_owned(vec![b'a'; MAX_OUTPUT + 10]);
    assert!(o.truncated);
    assert_eq!((o.size, o.chunks.len(), o.chunks[0].1.len()), (MAX_OUTPUT, 1, MAX_OUTPUT));
    // The shell's own notes still fit; a pass beyond the room for them is cut.
    o.pass_owned(2, b"note\n".to_vec());
    o.pass_owned(2, vec![b'b'; 8 << 10]);
    assert_eq!(o.chunks.len(), 2);
    assert_eq!(o.chunks[1].1.len(), (4 << 10));
    assert!(o.chunks[1].1.starts_with(b"note\nbbb"));

    let mut o = Out::default();
    o.out("a\n");
    o.err("e\n");
    o.pass_owned(1, b"b\n".to_vec());
    o.pass_owned(1, b"c\n".to_vec());
    assert_eq!(o.chunks, vec![(1, b"a\n".to_vec()), (2, b"e\n".to_vec()), (1, b"b\nc\n".to_vec())]);
    let (stdout, rest) = o.split_stdout();
    assert_eq!((stdout, rest), (b"a\nb\nc\n".to_vec(), vec![(2, b"e\n".to_vec())]));
}

#[test]
fn a_kubectl_output_over_the_limit_is_cut_where_the_terminal_cut_it() {
    let mut c = Cluster::new();
    // Five ConfigMaps of 900 KB: their YAML is over the 4 MiB limit.
    c.write_workspace_file("big.txt", &big(900_000)).unwrap();
    for i in 0..5 {
        assert_eq!(c.type_line(&format!("kubectl create configmap big-{i} --from-file=big.txt")).output, format!("configmap/big-{i} created\n"));
    }
    let args: Vec<String> = ["get", "cm", "-o", "yaml"].map(String::from).to_vec();
    let full = crate::kubectl::run_with_stdin(&mut c, &Cluster::learner_ctx(), &args, "").stdout;
    assert!(full.len() > MAX_OUTPUT + 100_000, "{}", full.len());
    let cut = &full[..MAX_OUTPUT];
    let note = truncation_note();
    let shown = if cut.ends_with('\n') { format!("{cut}{note}") } else { format!("{cut}\n{note}") };
    assert_eq!(c.type_line("kubectl get cm -o yaml").output, shown);
    assert_eq!(c.type_line("kubectl get cm -o yaml | wc -c").output, format!("{MAX_OUTPUT}\n{note}"));
    assert_eq!(c.type_line("kubectl get cm -o yaml > cms.yaml").output, note);
    assert_eq!(c.type_line("wc -c cms.yaml").output, format!("{MAX_OUTPUT} cms.yaml\n"));
    assert_eq!(c.type_line("kubectl get cm -o yaml >/dev/null").output, note);
}
