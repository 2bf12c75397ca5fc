//! The REEN review from hostile input (tests/hostile/catalog.json: markup, `javascript:` URLs,
//! formulas, bidi overrides) in every place input reaches it — departments, labels, rejected
//! rows, the commune's name, items left out, levers, a dataset's titles, labels and source URLs —
//! renders inert: only the document's own tags and attributes, links to http(s) only, no bidi
//! control, a restrictive Content-Security-Policy; the Markdown escapes the same text.

use empreinte::estimate::Range;
use empreinte::review::{to_html, to_markdown, LeftOut, Lever, ReviewInput};
use empreinte::{evaluate_csv, Dataset, DatasetFiles, EvaluationOptions, Report};
use serde_json::Value;
use std::path::Path;

const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The tags the review is made of; anything else would come from input.
const TAGS: [&str; 30] = [
    "!DOCTYPE",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "p",
    "main",
    "section",
    "h2",
    "h3",
    "div",
    "span",
    "strong",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "li",
    "figure",
    "figcaption",
    "svg",
    "footer",
];
const SVG_TAGS: [&str; 3] = ["text", "rect", "line"];

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn catalog() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile/catalog.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn list(v: &Value, k: &str) -> Vec<String> {
    v[k].as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// A CSV cell, quoted.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The mini fixture dataset with hostile titles, labels, publishers and source URLs.
fn hostile_dataset(markup: &[String], urls: &[String], bidi: &[String]) -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let sources = format!(
        "source_id,title,publisher,year,url,licence,used_for,note\n\
         ademe-acv,{},{},2026,{},{},tests,\n\
         base-empreinte,{},{},2025,{},MIT,tests,\n",
        q(&markup[0]),
        q(&bidi[0]),
        q(&urls[0]),
        q(&markup[1]),
        q(&markup[3]),
        q(&bidi[1]),
        q(&urls[6]),
    );
    let categories = read("categories.csv")
        .replace("Ordinateur portable", &q(&markup[2]))
        .replace(",Monitor,", &format!(",{},", q(&markup[4])));
    let datapackage = read("datapackage.json")
        .replace(
            "Test fixture: three ADEME devices and two electricity zones",
            &markup[5].replace('"', "\\\""),
        )
        .replace("tests only", &urls[4].replace('"', "\\\""));
    Dataset::from_files(&DatasetFiles {
        datapackage: &datapackage,
        sources: &sources,
        zones: &read("zones.csv"),
        categories: &categories,
        embodied: &read("embodied.csv"),
        refurbishment: Some(&read("refurbishment.csv")),
        electricity: &read("electricity.csv"),
    })
    .unwrap()
}

/// Departments, labels and unknown categories (rejected rows quote them) from the catalog.
fn hostile_report(ds: &Dataset, all: &[String], year: i32) -> Report {
    let mut csv = String::from("category;quantity;acquisition_year;department;label\n");
    for (i, h) in all.iter().enumerate() {
        let category = ["laptop", "monitor", "smartphone"][i % 3];
        csv.push_str(&format!("{category};2;2022;{};{}\n", q(h), q(h)));
        if i % 4 == 0 {
            csv.push_str(&format!("{};1;2022;;\n", q(h)));
        }
    }
    let mut options = EvaluationOptions::new(year);
    options.inhabitants = Some(1000.0);
    evaluate_csv(ds, std::io::Cursor::new(csv.into_bytes()), &options).unwrap()
}

/// Every tag of an HTML text: (name, [(attribute, value)]). Input is escaped, so every `<` in
/// the document opens one of the document's own tags.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("unclosed tag");
        let inner = rest[..end].trim_end_matches('/');
        rest = &rest[end + 1..];
        if inner.starts_with('/') {
            continue;
        }
        let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let (name, mut attrs_text) = (inner[..name_end].to_string(), &inner[name_end..]);
        let mut attrs = Vec::new();
        while let Some(eq) = attrs_text.find("=\"") {
            let key = attrs_text[..eq].trim().to_string();
            let after = &attrs_text[eq + 2..];
            let close = after.find('"').expect("unclosed attribute");
            attrs.push((key, after[..close].to_string()));
            attrs_text = &after[close + 1..];
        }
        if name != "!DOCTYPE" {
            assert!(
                attrs_text.trim().is_empty(),
                "<{inner}>: stray attribute text"
            );
        }
        out.push((name, attrs));
    }
    out
}

#[test]
fn hostile_input_renders_inert() {
    let cat = catalog();
    let (formula, markup, urls, bidi) = (
        list(&cat, "formula"),
        list(&cat, "markup"),
        list(&cat, "url"),
        list(&cat, "bidi"),
    );
    let all: Vec<String> = [&formula, &markup, &urls, &bidi]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let ds = hostile_dataset(&markup, &urls, &bidi);
    let (report, previous) = (
        hostile_report(&ds, &all, 2025),
        hostile_report(&ds, &all, 2024),
    );
    assert!(report.counts.rows_rejected > 0 && report.by_department.len() > 10);
    let left_out: Vec<LeftOut> = all
        .iter()
        .map(|h| LeftOut {
            what: h.clone(),
            source: h.clone(),
            code: h.clone(),
            reason: h.clone(),
        })
        .collect();
    let levers: Vec<Lever> = all
        .iter()
        .take(4)
        .map(|h| Lever {
            title: h.clone(),
            delta_kgco2e: Range::new(-3.0, -2.0, -1.0),
            description: h.clone(),
        })
        .collect();
    let commune = format!("{}{}", markup[0], bidi[0]);
    let input = ReviewInput {
        previous: Some(&previous),
        levers: &levers,
        left_out: &left_out,
        commune: Some(&commune),
        ..ReviewInput::new(&report)
    };
    let html = to_html(&input);

    // The policy comes first in <head>, before any text from input.
    let csp = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    let at = html.find(&csp).expect("CSP meta tag");
    assert!(at < html.find("<title>").unwrap());

    // Only the document's own tags and attributes; links to http(s) only.
    let mut links = 0;
    for (name, attrs) in tags(&html) {
        assert!(
            TAGS.contains(&name.as_str()) || SVG_TAGS.contains(&name.as_str()),
            "unexpected tag <{name}>"
        );
        for (k, v) in &attrs {
            assert!(!k.starts_with("on"), "<{name} {k}>");
            if v != CSP {
                assert!(!v.contains(['<', '>', '"', '\'']), "<{name} {k}=\"{v}\">");
            }
            if matches!(k.as_str(), "href" | "src" | "xlink:href" | "action") {
                assert!(
                    v.starts_with("https://") || v.starts_with("http://"),
                    "{k}={v}"
                );
                links += 1;
            }
        }
    }
    assert!(links > 0, "the national figures' sources stay links");
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript"));
    assert!(!html.chars().any(is_bidi_control), "a bidi control is left");

    // The hostile text is shown, as text.
    for shown in [
        "&lt;script&gt;alert(&#39;script&#39;)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;",
        "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)",
        "javascript:alert(&#39;url&#39;)",
        "Mairie exe.txt",
    ] {
        assert!(html.contains(shown), "{shown}");
    }

    // Markdown: input's `<` and `[` escaped (the unescaped ones open our links), links to
    // http(s) only, no bidi control.
    let md = to_markdown(&input);
    assert!(!md.chars().any(is_bidi_control));
    let unescaped = |c: char| {
        md.match_indices(c)
            .filter(|(i, _)| !md[..*i].ends_with('\\'))
            .count()
    };
    let md_links: Vec<usize> = md
        .match_indices("](")
        .map(|(i, _)| i)
        .filter(|i| !md[..*i].ends_with('\\'))
        .collect();
    assert!(!md_links.is_empty());
    for i in &md_links {
        assert!(md[i + 2..].starts_with("<http"), "{}", &md[*i..]);
    }
    assert_eq!(unescaped('['), md_links.len());
    assert_eq!(unescaped('<'), md_links.len());
    assert!(md.contains("\\[click\\](javascript:alert('md'))"));
}
