//! [`ScrollbackRow`]: one scrollback entry as the state keeps it, shared (`Rc`) between the
//! states the reducer produces and the terminal's rows, with its line count computed once.

use std::ops::Deref;

use super::ScrollbackEntry;

/// A [`ScrollbackEntry`] and how many terminal lines it takes. Held in an `Rc`: a typed line
/// adds one row and copies no older text; the terminal keys and memoises its rows on the `Rc`.
#[derive(Debug, PartialEq, Eq)]
pub struct ScrollbackRow {
    /// The entry.
    pub entry: ScrollbackEntry,
    /// Its lines: the echoed line plus one per newline of the output.
    pub lines: usize,
}

impl ScrollbackRow {
    /// A row for `entry`.
    pub fn new(entry: ScrollbackEntry) -> Self {
        let lines = 1 + entry.output.bytes().filter(|&b| b == b'\n').count();
        ScrollbackRow { entry, lines }
    }
}

/// The longest line, in bytes, the terminal shows whole. A longer input or output line is cut
/// there with a note: a browser lays out a multi-megabyte line of a `<pre>` for minutes. The
/// typed line itself stays whole in the session record and the history.
pub const MAX_SHOWN_LINE: usize = 8_192;

/// Cuts each line of `text` longer than [`MAX_SHOWN_LINE`] bytes at a character boundary and
/// appends `note(n)`, where `n` counts the characters not shown. Shorter lines are untouched.
pub fn clip_long_lines(text: &mut String, note: impl Fn(usize) -> String) {
    if text.len() <= MAX_SHOWN_LINE || !text.split('\n').any(|l| l.len() > MAX_SHOWN_LINE) {
        return;
    }
    let mut out = String::with_capacity(text.len().min(1 << 20));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.len() <= MAX_SHOWN_LINE {
            out.push_str(line);
            continue;
        }
        let mut cut = MAX_SHOWN_LINE;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&line[..cut]);
        out.push_str(&note(line[cut..].chars().count()));
    }
    *text = out;
}

impl Deref for ScrollbackRow {
    type Target = ScrollbackEntry;

    fn deref(&self) -> &ScrollbackEntry {
        &self.entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(n: usize) -> String {
        format!("[+{n}]")
    }

    #[test]
    fn only_lines_over_the_limit_are_cut_with_a_note() {
        let long = "é".repeat(MAX_SHOWN_LINE); // two bytes each
        let mut text = format!("short\n{long}\nend");
        clip_long_lines(&mut text, note);
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(lines[0], "short");
        assert_eq!(lines[1], format!("{}[+{}]", "é".repeat(MAX_SHOWN_LINE / 2), MAX_SHOWN_LINE / 2));
        assert_eq!(lines[2], "end");
        let mut many: String = (0..10_000).map(|i| format!("{i}\n")).collect();
        let before = many.clone();
        clip_long_lines(&mut many, note);
        assert_eq!(many, before, "many short lines are left alone");
    }
}
