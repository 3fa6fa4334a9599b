//! The lessons' Markdown subset as Yew nodes: paragraphs, `- ` lists, fenced code blocks,
//! `inline code`, **bold** and *emphasis*. Text always becomes text nodes, never HTML.

use yew::prelude::*;

/// A block of a lesson text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (its lines joined).
    Para(String),
    /// A bullet list.
    List(Vec<String>),
    /// A fenced code block.
    Code(String),
}

/// Splits `text` into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut code: Option<String> = None;
    let flush = |out: &mut Vec<Block>, para: &mut Vec<&str>, list: &mut Vec<String>| {
        if !para.is_empty() {
            out.push(Block::Para(para.join(" ")));
            para.clear();
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines() {
        if let Some(c) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push(Block::Code(std::mem::take(c)));
                code = None;
            } else {
                c.push_str(line);
                c.push('\n');
            }
            continue;
        }
        let t = line.trim();
        if t.starts_with("```") {
            flush(&mut out, &mut para, &mut list);
            code = Some(String::new());
        } else if t.is_empty() {
            flush(&mut out, &mut para, &mut list);
        } else if let Some(item) = t.strip_prefix("- ") {
            if !para.is_empty() {
                out.push(Block::Para(para.join(" ")));
                para.clear();
            }
            list.push(item.to_string());
        } else if !list.is_empty() && line.starts_with("  ") {
            if let Some(last) = list.last_mut() {
                last.push(' ');
                last.push_str(t);
            }
        } else {
            if !list.is_empty() {
                out.push(Block::List(std::mem::take(&mut list)));
            }
            para.push(t);
        }
    }
    if let Some(c) = code {
        out.push(Block::Code(c));
    }
    flush(&mut out, &mut para, &mut list);
    out
}

/// Inline pieces of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `code`.
    Code(String),
    /// **bold**.
    Bold(String),
    /// *emphasis*.
    Em(String),
}

/// Splits a line into inline pieces; unmatched markers stay as text.
pub fn inlines(line: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let (marker, make): (&str, fn(String) -> Inline) = match c {
            '`' => ("`", Inline::Code),
            '*' if rest.starts_with("**") => ("**", Inline::Bold),
            '*' => ("*", Inline::Em),
            _ => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
        };
        let body = &rest[marker.len()..];
        match body.find(marker) {
            Some(end) if end > 0 => {
                if !text.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut text)));
                }
                out.push(make(body[..end].to_string()));
                rest = &body[end + marker.len()..];
            }
            _ => {
                text.push_str(marker);
                rest = body;
            }
        }
    }
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
    out
}

fn inline_html(line: &str) -> Html {
    inlines(line)
        .into_iter()
        .map(|i| match i {
            Inline::Text(t) => html! { { t } },
            Inline::Code(t) => html! { <code>{ t }</code> },
            Inline::Bold(t) => html! { <strong>{ t }</strong> },
            Inline::Em(t) => html! { <em>{ t }</em> },
        })
        .collect()
}

/// Renders a lesson text.
pub fn render(text: &str) -> Html {
    blocks(text)
        .into_iter()
        .map(|b| match b {
            Block::Para(p) => html! { <p>{ inline_html(&p) }</p> },
            Block::List(items) => html! { <ul>{ for items.iter().map(|i| html! { <li>{ inline_html(i) }</li> }) }</ul> },
            Block::Code(c) => html! { <pre class="md-code" tabindex="0"><code>{ c }</code></pre> },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split() {
        let b = blocks("One\ntwo\n\n- a\n- b\n  more\n\n```\nx: 1\n```\nend");
        assert_eq!(
            b,
            vec![
                Block::Para("One two".into()),
                Block::List(vec!["a".into(), "b more".into()]),
                Block::Code("x: 1\n".into()),
                Block::Para("end".into())
            ]
        );
    }

    #[test]
    fn inline_markers() {
        assert_eq!(
            inlines("a `b` **c** *d* e*"),
            vec![
                Inline::Text("a ".into()),
                Inline::Code("b".into()),
                Inline::Text(" ".into()),
                Inline::Bold("c".into()),
                Inline::Text(" ".into()),
                Inline::Em("d".into()),
                Inline::Text(" e*".into())
            ]
        );
        assert_eq!(inlines("<script>"), vec![Inline::Text("<script>".into())]);
    }
}
