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

impl Deref for ScrollbackRow {
    type Target = ScrollbackEntry;

    fn deref(&self) -> &ScrollbackEntry {
        &self.entry
    }
}
