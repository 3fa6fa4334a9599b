//! The terminal's scrollback rows. A typed line adds one row; the rows already shown are
//! neither rebuilt nor compared by text: each is a memoised component keyed on its shared row.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::ScrollbackRow;

/// Props of [`ScrollbackRows`].
#[derive(Properties, PartialEq)]
pub struct ScrollbackRowsProps {
    /// The rows, oldest first.
    pub rows: Rc<Vec<Rc<ScrollbackRow>>>,
}

/// Every row, keyed on its `Rc` (the same row keeps its DOM across renders).
#[function_component(ScrollbackRows)]
pub fn scrollback_rows(props: &ScrollbackRowsProps) -> Html {
    html! {
        <>
            { for props.rows.iter().map(|r| html! {
                <Row key={Rc::as_ptr(r) as usize} row={Rc::clone(r)} />
            }) }
        </>
    }
}

/// Props of [`Row`]: equal when they hold the same row (rows never change once shown).
#[derive(Properties)]
pub struct RowProps {
    /// The row.
    pub row: Rc<ScrollbackRow>,
}

impl PartialEq for RowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.row, &other.row)
    }
}

/// Output lines per chunk of a long output (see [`Row`]).
pub const CHUNK_LINES: usize = 100;

/// One typed line and its output, in the terminal's `<pre>`. Each row is a block (class `row`),
/// so that the layout of the rows already shown is kept when one is added; a long output is cut
/// into blocks of [`CHUNK_LINES`] lines (class `chunk`) that the browser lays out only when they
/// are scrolled into view (`content-visibility: auto`). The text is the same either way.
#[function_component(Row)]
pub fn row(props: &RowProps) -> Html {
    let e = &props.row.entry;
    let output = if props.row.lines > CHUNK_LINES {
        let mut chunks = Vec::new();
        let mut rest = e.output.as_str();
        while !rest.is_empty() {
            let end = rest.match_indices('\n').nth(CHUNK_LINES - 1).map_or(rest.len(), |(i, _)| i + 1);
            let (chunk, tail) = rest.split_at(end);
            chunks.push(html! { <span class="chunk">{ chunk }</span> });
            rest = tail;
        }
        html! { <>{ for chunks }</> }
    } else {
        html! { <>{ &e.output }</> }
    };
    html! {
        <span class="row">
            <span class="prompt">{ &e.prompt }</span>{ &e.input }{ "\n" }
            { output }
            if !e.output.is_empty() && !e.output.ends_with('\n') { { "\n" } }
        </span>
    }
}
