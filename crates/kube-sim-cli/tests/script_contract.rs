//! The `kube-sim script` contract, checked on the real binary.

mod common;

use common::kube_sim;

#[test]
fn script_from_stdin_echoes_each_line_and_exits_zero_even_when_commands_fail() {
    let (out, _, code) = kube_sim(&["script", "-"], "kubectl version --client\nnope\n");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "$ kubectl version --client\nClient Version: v1.32.4\nKustomize Version: v5.5.0\n$ nope\nbash: nope: command not found\n"
    );
}

#[test]
fn same_script_gives_same_bytes() {
    let script = "kubectl version\nkubectl version --client\n";
    assert_eq!(kube_sim(&["script", "-"], script).0, kube_sim(&["script", "-"], script).0);
}

#[test]
fn unreadable_file_and_misuse_exit_two() {
    let (_, err, code) = kube_sim(&["script", "/no/such/file.script"], "");
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /no/such/file.script"), "{err}");
    assert_eq!(kube_sim(&["script"], "").2, 2);
    assert_eq!(kube_sim(&["bogus", "args"], "").2, 2);
}

#[test]
fn heredoc_body_lines_are_echoed_as_continuations() {
    let script = "cat <<EOF > f.txt\nline one\n  line $USER\nEOF\ncat f.txt\n";
    let (out, _, code) = kube_sim(&["script", "-"], script);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "$ cat <<EOF > f.txt\n> line one\n>   line $USER\n> EOF\n$ cat f.txt\nline one\n  line learner\n"
    );
}
