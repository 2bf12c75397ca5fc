//! The document model of the review: plain blocks and inlines, rendered to HTML or Markdown,
//! and the figures every section builds from the report's estimates.

use super::format::{exact, mass_unit, number, t};
use crate::estimate::{Availability, Estimate, Range};
use crate::indicator::{Indicator, Lang, Phase};
use crate::report::{GroupFootprint, ImpactTable};

/// A figure shown in the document, with its exact value and where it is in the JSON report.
#[derive(Debug, Clone)]
pub(crate) struct Fig {
    pub text: String,
    pub value: f64,
    pub json: Option<String>,
    pub json_previous: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum Inline {
    Text(String),
    Strong(String),
    Fig(Fig),
    Link { text: String, url: String },
}

#[derive(Debug, Clone)]
pub(crate) struct Card {
    pub label: String,
    pub value: Vec<Inline>,
    pub detail: Vec<Inline>,
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub head: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub label: String,
    pub range: Range,
    pub color: &'static str,
    pub text: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    Section {
        id: &'static str,
        title: String,
        page_break: bool,
    },
    Sub(String),
    P(Vec<Inline>),
    /// A highlighted box (caveats, missing data).
    Note(Vec<Inline>),
    Cards(Vec<Card>),
    Table(Table),
    Chart(Chart),
    List(Vec<Vec<Inline>>),
}

#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

pub(super) fn txt(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

pub(super) fn not_available(lang: Lang) -> Inline {
    txt(t(lang, "n.d. (non disponible)", "n/a (not available)"))
}

/// What a figure that has no number says instead.
fn no_number(e: &Estimate, lang: Lang) -> Inline {
    match e.availability() {
        Availability::IncludedInManufacturing => txt(t(
            lang,
            "inclus dans la fabrication",
            "included in manufacturing",
        )),
        _ => not_available(lang),
    }
}

/// A figure from an estimate at `ptr` (the JSON pointer of the estimate object).
pub(super) fn est(
    e: &Estimate,
    ptr: &str,
    lang: Lang,
    fmt: fn(f64, Lang) -> String,
) -> Vec<Inline> {
    match e.value() {
        None => vec![no_number(e, lang)],
        Some(r) => {
            let mut v = vec![Inline::Fig(Fig {
                text: fmt(r.central, lang),
                value: r.central,
                json: Some(format!("{ptr}/central")),
                json_previous: None,
            })];
            match e.availability() {
                Availability::Partial => v.push(txt(t(lang, " (partiel)", " (partial)"))),
                Availability::UsePhaseOnly => v.push(txt(t(
                    lang,
                    " (phase d'utilisation seule)",
                    " (use phase only)",
                ))),
                _ => {}
            }
            v
        }
    }
}

/// "[low – high] unit" with both bounds as figures; masses share the unit of the high bound.
pub(super) fn range(e: &Estimate, ptr: &str, lang: Lang, is_mass: bool) -> Vec<Inline> {
    let Some(r) = e.value() else {
        return vec![];
    };
    let (unit, div) = if is_mass {
        mass_unit(r.high.abs().max(r.low.abs()))
    } else {
        ("", 1.0)
    };
    let fig = |v: f64, k: &str| {
        Inline::Fig(Fig {
            text: number(v / div, lang),
            value: v,
            json: Some(format!("{ptr}/{k}")),
            json_previous: None,
        })
    };
    vec![
        txt("["),
        fig(r.low, "low"),
        txt(" – "),
        fig(r.high, "high"),
        txt(format!("]{unit}")),
    ]
}

pub(super) fn climate(table: &ImpactTable) -> Estimate {
    cell(table, Indicator::ClimateChange, None)
}

/// One phase (or, with `None`, the total) of an indicator; not available when the table lacks
/// the indicator (never a zero).
pub(super) fn cell(table: &ImpactTable, ind: Indicator, phase: Option<Phase>) -> Estimate {
    match phase {
        Some(p) => table.get(ind, p),
        None => table.total(ind),
    }
    .copied()
    .unwrap_or(Estimate {
        scope: crate::estimate::Scope::NotCovered,
        ..Estimate::default()
    })
}

pub(super) fn group_label(g: &GroupFootprint, lang: Lang) -> String {
    let label = match lang {
        Lang::Fr => g.label_fr.as_ref(),
        Lang::En => g.label_en.as_ref(),
    };
    label
        .or(g.key.as_ref())
        .cloned()
        .unwrap_or_else(|| t(lang, "(sans service)", "(no department)").to_string())
}

pub(super) const BAR_COLOR: &str = "#2a6f97";

pub(super) const CLIMATE: &str = "climate_change";

/// Exact value of a figure for attributes.
pub(crate) fn fig_value(f: &Fig) -> String {
    exact(f.value)
}
