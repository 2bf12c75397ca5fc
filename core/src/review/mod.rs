//! The yearly review (loi REEN): a document for elected officials, rendered from a [`Report`]
//! as a self-contained HTML page (inline CSS and SVG charts, prints cleanly to PDF) or as
//! Markdown. French by default, English available. Strings in, strings out: no I/O.
//!
//! Sections: the state of play (by phase, category, department; per inhabitant, agent, pupil;
//! national figures, with the caveat that they do not compare one-to-one), the change since
//! last year (`previous`, split into what the fleet, its age and the reference did, with the
//! method breaks named), the trajectory at today's practice (`trajectory`, with its renewal
//! rule), the main levers (`levers`, fed with scenario results; nothing is invented when it is
//! empty), the method, the dataset and its sources, the rejected rows and the items left out.
//!
//! In the HTML, every figure computed from the report carries its exact value in `data-value`
//! and, when it is a number of the JSON report, the JSON pointer of that number in `data-json`
//! (`data-json-previous` too for a change since last year), so a test can check the document
//! shows the JSON output's numbers.
//!
//! ```
//! use empreinte::review::{to_html, to_markdown, ReviewInput};
//! use empreinte::{evaluate_csv, Dataset, EvaluationOptions};
//!
//! let csv = "category;quantity;acquisition_year\nlaptop;10;2023\n";
//! let mut options = EvaluationOptions::new(2025);
//! options.inhabitants = Some(1200.0);
//! let report = evaluate_csv(Dataset::embedded_default(), std::io::Cursor::new(csv), &options).unwrap();
//! let html = to_html(&ReviewInput::new(&report));
//! assert!(html.contains("data-json=\"/totals/impacts/climate_change/total/central\""));
//! assert!(to_markdown(&ReviewInput::new(&report)).starts_with("# "));
//! ```

mod blocks;
mod doc;
#[cfg(feature = "estate")]
mod estate;
#[cfg(feature = "estate")]
mod estate_levers;
mod format;

/// A number for people: French `1 234,5` or English `1,234.5`, about three significant digits.
pub use format::number as format_number;
mod html;
mod levers;
mod markdown;
mod outlook;
mod prepare;
mod sections;

#[cfg(feature = "estate")]
pub use estate_levers::estate_levers;
pub use levers::standard_levers;
pub use prepare::{
    compare_with_previous, prepare, PrepareError, PreparedReview, PreviousInventory, ReviewOptions,
};

use crate::estimate::Range;
use crate::indicator::Lang;
use crate::report::Report;
use serde::Serialize;

/// A lever of action and its estimated effect, as scenario results give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lever {
    /// Short title ("Keep laptops 2 years longer").
    pub title: String,
    /// Change of the yearly climate footprint if the lever is pulled (negative: a reduction),
    /// kg CO2e per year, with its range.
    pub delta_kgco2e: Range,
    /// What it means in practice, and the scenario's assumptions.
    pub description: String,
}

/// An item deliberately left out of the evaluation (a virtual machine, a laptop's own screen,
/// a scrapped device...), listed so nothing disappears silently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    /// What it is ("GLPI Computer VM-01 (VMware Virtual Platform)").
    pub what: String,
    /// Where it came from (file, line).
    pub source: String,
    /// Machine-readable reason.
    pub code: String,
    /// Why, in plain words.
    pub reason: String,
}

impl From<&crate::glpi::GlpiItem> for LeftOut {
    fn from(item: &crate::glpi::GlpiItem) -> LeftOut {
        LeftOut {
            what: format!(
                "{} {}",
                if item.itemtype.is_empty() {
                    "GLPI"
                } else {
                    &item.itemtype
                },
                item.label()
            ),
            source: item.source.clone(),
            code: item.code.to_string(),
            reason: item.detail.clone(),
        }
    }
}

/// The items of a GLPI import left out on purpose (excluded: a laptop's own screen, a virtual
/// machine...), as the review lists them; unmapped and invalid items are its rejected rows.
pub fn left_out(import: &crate::glpi::GlpiImport) -> Vec<LeftOut> {
    import
        .items
        .iter()
        .filter(|i| i.status == crate::glpi::ItemStatus::Excluded)
        .map(LeftOut::from)
        .collect()
}

/// What the review is made of.
#[derive(Debug, Clone)]
pub struct ReviewInput<'a> {
    /// This year's evaluation.
    pub report: &'a Report,
    /// Last year's, for the change since then; its split (fleet, age, reference) comes from
    /// `report.year_over_year` ([`crate::year_over_year()`]).
    pub previous: Option<&'a Report>,
    /// The trajectory at today's practice (its first series, the baseline, is shown with the
    /// renewal rule it follows), when computed ([`crate::trajectory()`]).
    pub trajectory: Option<&'a [crate::trajectory::TrajectorySeries]>,
    /// Levers with their scenario results (may be empty).
    pub levers: &'a [Lever],
    /// Items left out on purpose (GLPI exclusions); rejected rows come from the report.
    pub left_out: &'a [LeftOut],
    /// Name of the commune or body ("Ville de Montclair").
    pub commune: Option<&'a str>,
    /// Language of the review.
    pub lang: Lang,
}

impl<'a> ReviewInput<'a> {
    /// A review of one report, in French, without comparison or levers.
    pub fn new(report: &'a Report) -> ReviewInput<'a> {
        ReviewInput {
            report,
            previous: None,
            trajectory: None,
            levers: &[],
            left_out: &[],
            commune: None,
            lang: Lang::Fr,
        }
    }
}

/// Output format of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    /// One self-contained HTML page, charts as inline SVG.
    Html,
    /// Markdown, tables instead of charts.
    Markdown,
}

/// Renders the review in a format.
pub fn render(input: &ReviewInput<'_>, format: ReviewFormat) -> String {
    match format {
        ReviewFormat::Html => to_html(input),
        ReviewFormat::Markdown => to_markdown(input),
    }
}

/// The review as one self-contained HTML page.
pub fn to_html(input: &ReviewInput<'_>) -> String {
    html::render(&doc::build(input), input.lang)
}

/// The review as Markdown (tables instead of charts).
pub fn to_markdown(input: &ReviewInput<'_>) -> String {
    markdown::render(&doc::build(input))
}

/// A national figure the review cites.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NationalFigure {
    /// Stable id (`france_2020_per_inhabitant`...).
    pub id: &'static str,
    /// The figure, in `unit`.
    pub value: f64,
    /// Its unit.
    pub unit: &'static str,
    /// What it is, in French.
    pub label_fr: &'static str,
    /// What it is, in English.
    pub label_en: &'static str,
    /// The publication it comes from.
    pub source: &'static str,
    /// Where to read it.
    pub url: &'static str,
}

/// The national figures of the ADEME / Arcep study of the digital footprint in France
/// (shared/research/french-reference.md §2).
pub const NATIONAL_FIGURES: [NationalFigure; 4] = [
    NationalFigure {
        id: "france_2020_per_inhabitant",
        value: 253.0,
        unit: "kgCO2e/inhabitant/year",
        label_fr: "Empreinte carbone du numérique par habitant en France (données 2020)",
        label_en: "Carbon footprint of digital per inhabitant in France (2020 data)",
        source: "ADEME / Arcep, Évaluation de l'impact environnemental du numérique en France (données 2020), volet 2, 2022",
        url: "https://www.arcep.fr/actualites/actualites-et-communiques/detail/n/environnement-190122.html",
    },
    NationalFigure {
        id: "france_2020_share",
        value: 2.5,
        unit: "% of France's carbon footprint",
        label_fr: "Part du numérique dans l'empreinte carbone de la France (données 2020)",
        label_en: "Share of digital in France's carbon footprint (2020 data)",
        source: "ADEME / Arcep, Évaluation de l'impact environnemental du numérique en France (données 2020), 2022",
        url: "https://www.arcep.fr/actualites/actualites-et-communiques/detail/n/environnement-190122.html",
    },
    NationalFigure {
        id: "france_2022_total",
        value: 29.5,
        unit: "MtCO2e/year",
        label_fr: "Empreinte carbone du numérique en France (données 2022, périmètre élargi)",
        label_en: "Carbon footprint of digital in France (2022 data, wider scope)",
        source: "ADEME / Arcep, Numérique : quel impact environnemental en 2022 ?, 2025",
        url: "https://infos.ademe.fr/?p=10709258",
    },
    NationalFigure {
        id: "france_2022_share",
        value: 4.4,
        unit: "% of France's carbon footprint",
        label_fr: "Part du numérique dans l'empreinte carbone de la France (données 2022)",
        label_en: "Share of digital in France's carbon footprint (2022 data)",
        source: "ADEME / Arcep, Numérique : quel impact environnemental en 2022 ?, 2025",
        url: "https://infos.ademe.fr/?p=10709258",
    },
];

/// Whether the report is a whole estate's (fleet, hosting, services).
#[cfg(feature = "estate")]
fn is_estate(r: &Report) -> bool {
    r.estate.is_some()
}

/// Whether the report is a whole estate's: never without the `estate` feature.
#[cfg(not(feature = "estate"))]
fn is_estate(_: &Report) -> bool {
    false
}
