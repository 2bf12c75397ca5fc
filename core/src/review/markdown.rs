//! The review as Markdown: the same content, charts as tables with text bars.

use super::blocks::{Block, Doc, Inline, Table};
use super::html::{is_bidi_control, link_url};
use std::fmt::Write;

/// Escapes what Markdown tables and inline syntax would read as markup (links, emphasis, code,
/// HTML), and drops bidi controls (as the HTML does).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '*' | '_' | '`' | '<' | '>' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if is_bidi_control(c) => {}
            _ => out.push(c),
        }
    }
    out
}

fn inline(items: &[Inline]) -> String {
    let mut s = String::new();
    for i in items {
        match i {
            Inline::Text(x) => s.push_str(&escape(x)),
            Inline::Strong(x) => {
                let _ = write!(s, "**{}**", escape(x));
            }
            Inline::Fig(f) => s.push_str(&escape(&f.text)),
            Inline::Link { text, url } => match link_url(url) {
                Some(u) => {
                    let _ = write!(
                        s,
                        "[{}](<{}>)",
                        escape(text),
                        u.replace('<', "%3C").replace('>', "%3E")
                    );
                }
                None if url.trim().is_empty() => s.push_str(&escape(text)),
                None => {
                    let _ = write!(s, "{} ({})", escape(text), escape(url));
                }
            },
        }
    }
    s
}

fn table(tb: &Table) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| {} |",
        tb.head
            .iter()
            .map(|h| escape(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(
        s,
        "|{}|",
        tb.head
            .iter()
            .enumerate()
            .map(|(i, _)| if tb.numeric.get(i).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            })
            .collect::<Vec<_>>()
            .join("|")
    );
    for row in &tb.rows {
        let _ = writeln!(
            s,
            "| {} |",
            row.iter()
                .map(|c| inline(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    s
}

pub(crate) fn render(doc: &Doc) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {}\n\n_{}_\n",
        escape(&doc.title),
        escape(&doc.subtitle)
    );
    for block in &doc.blocks {
        match block {
            Block::Section { title, .. } => {
                let _ = writeln!(s, "## {}\n", escape(title));
            }
            Block::Sub(title) => {
                let _ = writeln!(s, "### {}\n", escape(title));
            }
            Block::P(items) => {
                let _ = writeln!(s, "{}\n", inline(items));
            }
            Block::Note(items) => {
                let _ = writeln!(s, "> {}\n", inline(items));
            }
            Block::Cards(cards) => {
                for c in cards {
                    let detail = inline(&c.detail);
                    let _ = writeln!(
                        s,
                        "- **{}** — {}{}",
                        escape(&c.label),
                        inline(&c.value),
                        if detail.is_empty() {
                            String::new()
                        } else {
                            format!(" ({detail})")
                        }
                    );
                }
                s.push('\n');
            }
            Block::Table(tb) => {
                let _ = writeln!(s, "{}", table(tb));
            }
            Block::Chart(c) => {
                let max = c
                    .bars
                    .iter()
                    .map(|b| b.range.central)
                    .fold(0.0_f64, f64::max);
                let _ = writeln!(s, "_{}_\n", escape(&c.title));
                s.push_str("| | | |\n|---|---:|---|\n");
                for b in &c.bars {
                    let n = if max > 0.0 {
                        ((b.range.central.max(0.0) / max) * 24.0).round() as usize
                    } else {
                        0
                    };
                    let bar = if n == 0 {
                        String::new()
                    } else {
                        format!("`{}`", "█".repeat(n))
                    };
                    let _ = writeln!(s, "| {} | {} | {bar} |", escape(&b.label), escape(&b.text));
                }
                s.push('\n');
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(s, "- {}", inline(i));
                }
                s.push('\n');
            }
        }
    }
    s
}
