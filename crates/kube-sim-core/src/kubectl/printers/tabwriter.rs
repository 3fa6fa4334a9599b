//! Go's `text/tabwriter`, as kubectl uses it (left alignment, space padding, no flags).
//!
//! Cells are tab-terminated; the text after the last tab of a line is not part of any column
//! and is never padded. A column block is a run of consecutive lines that have a cell in that
//! column; each block gets the width of its widest cell plus `padding` (at least `min_width`).
//! Widths are counted in characters, as Go counts runes.

/// Aligns `text` the way `tabwriter.NewWriter(out, min_width, _, padding, ' ', 0)` would.
pub fn align(text: &str, min_width: usize, padding: usize) -> String {
    let mut lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    // The text after the final newline is the (unterminated) last line; Go writes it as-is.
    let tail = lines.pop().map(|cells| cells.join("\t")).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut widths = Vec::new();
    let fmt = Formatter { lines: &lines, min_width, padding };
    fmt.format(&mut out, &mut widths, 0, lines.len());
    out.push_str(&tail);
    out
}

struct Formatter<'a> {
    lines: &'a [Vec<&'a str>],
    min_width: usize,
    padding: usize,
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

impl Formatter<'_> {
    fn format(&self, out: &mut String, widths: &mut Vec<usize>, mut line0: usize, line1: usize) {
        let column = widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(out, widths, line0, this);
            line0 = this;
            let mut w = self.min_width;
            while this < line1 && column + 1 < self.lines[this].len() {
                w = w.max(width(self.lines[this][column]) + self.padding);
                this += 1;
            }
            widths.push(w);
            self.format(out, widths, line0, this);
            widths.pop();
            line0 = this;
        }
        self.write_lines(out, widths, line0, line1);
    }

    fn write_lines(&self, out: &mut String, widths: &[usize], line0: usize, line1: usize) {
        for line in &self.lines[line0..line1] {
            for (j, cell) in line.iter().enumerate() {
                out.push_str(cell);
                if j + 1 < line.len() {
                    if let Some(&cw) = widths.get(j) {
                        let pad = cw.saturating_sub(width(cell));
                        out.extend(std::iter::repeat(' ').take(pad));
                    }
                }
            }
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_pad_to_widest_plus_three_and_last_is_bare() {
        let t = "NAME\tDATA\tAGE\nmyconfigmap\t2\t9s\n";
        assert_eq!(align(t, 6, 3), "NAME          DATA   AGE\nmyconfigmap   2      9s\n");
    }

    #[test]
    fn min_width_applies_to_narrow_columns() {
        assert_eq!(align("A\tB\nx\ty\n", 6, 3), "A     B\nx     y\n");
    }

    #[test]
    fn single_cell_lines_break_blocks() {
        let t = "Name:\tx\nAnnotations:\t<none>\n\nType:\tOpaque\n";
        assert_eq!(align(t, 0, 2), "Name:         x\nAnnotations:  <none>\n\nType:  Opaque\n");
    }

    #[test]
    fn nested_blocks_have_their_own_widths() {
        let t = "a:\tb\tc\naaaa:\tb\nx\n";
        assert_eq!(align(t, 0, 2), "a:     b  c\naaaa:  b\nx\n");
    }

    #[test]
    fn empty_cells_are_padded() {
        assert_eq!(align("A\tB\tC\n\t\tz\n", 0, 2), "A  B  C\n      z\n");
    }
}
