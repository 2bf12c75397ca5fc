//! The review as one self-contained HTML page: inline CSS, inline SVG charts, print styles; no
//! script, and a Content-Security-Policy that forbids any, so text from input stays inert.

use super::blocks::{fig_value, Block, Chart, Doc, Fig, Inline, Table};
use super::format::t;
use crate::indicator::Lang;
use std::fmt::Write;

/// Text for HTML content and quoted attributes: the five markup characters as entities, and
/// no bidi embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069): one in a
/// department or a file name would reorder the text around it (a "Trojan Source" display).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_bidi_control(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Bidi embeddings, overrides and isolates: they reorder what follows them until their end.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A URL that may become a link: absolute `http`/`https` without spaces or control characters.
/// Anything else (`javascript:`, `data:`, `vbscript:`, relative) from a dataset's sources is
/// shown as text, never followed.
pub(crate) fn link_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let scheme = |p: &str| u.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let clean = !u
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_bidi_control(c));
    ((scheme("https://") || scheme("http://")) && clean && u.len() > 8).then_some(u)
}

/// Only what the page needs: its inline style. No script, no fetch of any kind (images,
/// fonts, frames, forms), no `<base>`: whatever text an input smuggles in stays inert.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const CSS: &str = r#"
:root { --ink: #1d2733; --muted: #5a6675; --line: #d5dbe2; --accent: #2a6f97; --note: #fff6e0; }
* { box-sizing: border-box; }
body { font-family: "Marianne", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; line-height: 1.5; font-size: 11pt; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; padding-bottom: .75rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; line-height: 1.25; }
.subtitle { color: var(--muted); margin: 0; }
.meta { color: var(--muted); font-size: .85rem; margin-top: .5rem; }
h2 { font-size: 1.3rem; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin: 2rem 0 .8rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: .5rem 0 1rem; }
.card { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 4px; padding: .6rem .8rem; break-inside: avoid; }
.card .label { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.card .value { font-size: 1.45rem; font-weight: 700; margin: .15rem 0; }
.card .detail { font-size: .8rem; color: var(--muted); }
.note { background: var(--note); border-left: 4px solid #e0a030; padding: .6rem .9rem; margin: .8rem 0; font-size: .92rem; break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
figure { margin: .5rem 0 1rem; break-inside: avoid; }
figcaption { font-size: .85rem; color: var(--muted); margin-bottom: .2rem; }
svg { max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
a { color: var(--accent); }
ul { padding-left: 1.2rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 15mm 14mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; }
  .page-break { break-before: page; }
  a { color: inherit; text-decoration: none; }
  .card, .note, figure { box-shadow: none; }
}
"#;

fn fig_html(f: &Fig) -> String {
    let mut attrs = format!(" data-value=\"{}\"", fig_value(f));
    if let Some(j) = &f.json {
        let _ = write!(attrs, " data-json=\"{}\"", escape(j));
    }
    if let Some(j) = &f.json_previous {
        let _ = write!(attrs, " data-json-previous=\"{}\"", escape(j));
    }
    format!("<span class=\"fig\"{attrs}>{}</span>", escape(&f.text))
}

fn inline(items: &[Inline]) -> String {
    let mut s = String::new();
    for i in items {
        match i {
            Inline::Text(x) => s.push_str(&escape(x)),
            Inline::Strong(x) => {
                let _ = write!(s, "<strong>{}</strong>", escape(x));
            }
            Inline::Fig(f) => s.push_str(&fig_html(f)),
            Inline::Link { text, url } => match link_url(url) {
                Some(u) => {
                    let _ = write!(
                        s,
                        "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                        escape(u),
                        escape(text)
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
    let mut s = String::from("<table>\n<thead><tr>");
    for (i, h) in tb.head.iter().enumerate() {
        let class = if tb.numeric.get(i).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(s, "<th{class}>{}</th>", escape(h));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in &tb.rows {
        s.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if tb.numeric.get(i).copied().unwrap_or(false) {
                " class=\"num\""
            } else {
                ""
            };
            let _ = write!(s, "<td{class}>{}</td>", inline(cell));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

/// Horizontal bars (central value) with the low–high range as a whisker.
fn chart(c: &Chart) -> String {
    let (label_w, bar_w, value_w, row_h, top) = (250.0, 300.0, 110.0, 26.0, 6.0);
    let width = label_w + bar_w + value_w;
    let height = top * 2.0 + row_h * c.bars.len() as f64;
    let max = c
        .bars
        .iter()
        .map(|b| b.range.high.max(b.range.central))
        .fold(0.0_f64, f64::max);
    let scale = |v: f64| {
        if max > 0.0 {
            (v.max(0.0) / max) * bar_w
        } else {
            0.0
        }
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure><figcaption>{}</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
        escape(&c.title),
        escape(&c.title),
        escape(&c.title)
    );
    for (i, b) in c.bars.iter().enumerate() {
        let y = top + row_h * i as f64;
        let label: String = if b.label.chars().count() > 38 {
            format!("{}…", b.label.chars().take(37).collect::<String>())
        } else {
            b.label.clone()
        };
        let w = scale(b.range.central);
        let (lo, hi) = (label_w + scale(b.range.low), label_w + scale(b.range.high));
        let mid = y + row_h / 2.0;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>\
<rect x=\"{label_w}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>\
<line x1=\"{lo:.1}\" x2=\"{hi:.1}\" y1=\"{mid:.1}\" y2=\"{mid:.1}\" stroke=\"#1d2733\" stroke-width=\"1.2\"/>\
<line x1=\"{lo:.1}\" x2=\"{lo:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1d2733\" stroke-width=\"1.2\"/>\
<line x1=\"{hi:.1}\" x2=\"{hi:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1d2733\" stroke-width=\"1.2\"/>\
<text x=\"{:.1}\" y=\"{mid:.1}\" dominant-baseline=\"middle\">{}</text>",
            label_w - 8.0,
            mid,
            escape(&label),
            y + 5.0,
            row_h - 10.0,
            b.color,
            mid - 5.0,
            mid + 5.0,
            mid - 5.0,
            mid + 5.0,
            label_w + bar_w + 8.0,
            escape(&b.text)
        );
    }
    s.push_str("</svg></figure>\n");
    s
}

pub(crate) fn render(doc: &Doc, lang: Lang) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"empreinte {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>\n<main>\n",
        match lang {
            Lang::Fr => "fr",
            Lang::En => "en",
        },
        env!("CARGO_PKG_VERSION"),
        escape(&doc.title),
        escape(&doc.title),
        escape(&doc.subtitle)
    );
    let mut open = false;
    for block in &doc.blocks {
        match block {
            Block::Section {
                id,
                title,
                page_break,
            } => {
                if open {
                    s.push_str("</section>\n");
                }
                open = true;
                let class = if *page_break {
                    " class=\"page-break\""
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    "<section id=\"{id}\"{class}>\n<h2>{}</h2>\n",
                    escape(title)
                );
            }
            Block::Sub(title) => {
                let _ = writeln!(s, "<h3>{}</h3>", escape(title));
            }
            Block::P(items) => {
                let _ = writeln!(s, "<p>{}</p>", inline(items));
            }
            Block::Note(items) => {
                let _ = writeln!(s, "<div class=\"note\">{}</div>", inline(items));
            }
            Block::Cards(cards) => {
                s.push_str("<div class=\"cards\">\n");
                for c in cards {
                    let _ = writeln!(
                        s,
                        "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"detail\">{}</div></div>",
                        escape(&c.label),
                        inline(&c.value),
                        inline(&c.detail)
                    );
                }
                s.push_str("</div>\n");
            }
            Block::Table(tb) => s.push_str(&table(tb)),
            Block::Chart(c) => s.push_str(&chart(c)),
            Block::List(items) => {
                s.push_str("<ul>\n");
                for i in items {
                    let _ = writeln!(s, "<li>{}</li>", inline(i));
                }
                s.push_str("</ul>\n");
            }
        }
    }
    if open {
        s.push_str("</section>\n");
    }
    let _ = write!(
        s,
        "</main>\n<footer>{}</footer>\n</body>\n</html>\n",
        escape(t(
            lang,
            "Document produit par empreinte à partir de l'inventaire du parc et d'un jeu de données de référence sourcé. Les chiffres sont des estimations, avec leurs fourchettes.",
            "Document produced by empreinte from the fleet inventory and a sourced reference dataset. Figures are estimates, with their ranges.",
        ))
    );
    s
}
