//! One cell of a `kubectl get` table as the table printer writes it: up to its first line
//! break (then `...`), tabs turned into spaces, and its width as the tabwriter counts it
//! (characters). Shared by kubectl's printers and the API's pod summaries
//! (`api::pod_summary`), which keep cells already in this form.

/// Appends `c` as a table prints it: up to its first line break (then `...`), tabs turned
/// into spaces.
pub fn push_cell(text: &mut String, c: &str) {
    let (shown, cut) = match c.find(['\n', '\r', '\x0c']) {
        Some(at) => (&c[..at], true),
        None => (c, false),
    };
    if shown.contains('\t') {
        text.push_str(&shown.replace('\t', " "));
    } else {
        text.push_str(shown);
    }
    if cut {
        text.push_str("...");
    }
}

/// A length or offset of kept cell text as the tables keep it, in 32 bits (saturated: no
/// table or pod summary holds 4 GB).
pub fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The width of a cell in characters, as the tabwriter counts it.
pub fn width(c: &str) -> usize {
    if c.is_ascii() {
        c.len()
    } else {
        c.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stop_at_the_first_line_break_and_lose_their_tabs() {
        let cell = |c: &str| {
            let mut t = String::from(">");
            push_cell(&mut t, c);
            t
        };
        assert_eq!(cell("a\tb"), ">a b");
        assert_eq!(cell("one\ntwo"), ">one...");
        assert_eq!(cell("cr\rx\ty"), ">cr...");
        assert_eq!(cell("\x0c"), ">...");
        assert_eq!(cell("plain"), ">plain");
        assert_eq!((width("日本語"), width("abc"), width("")), (3, 3, 0));
    }
}
