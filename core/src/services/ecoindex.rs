//! EcoIndex: a relative score of a web page from its DOM size, HTTP requests and weight, with
//! the greenhouse-gas and water figures per page view derived from the score.
//!
//! Method: EcoIndex by GreenIT.fr and the Collectif Conception Numérique Responsable (cnumr),
//! <https://www.ecoindex.fr/comment-ca-marche/>. Implemented here from the published method
//! description; no code or text of the EcoIndex projects is copied (their code and reference
//! files are CC BY-NC-ND). Results follow the reference implementation behind ecoindex.fr
//! (`ecoindex-compute`): the score is rounded half to even, and GHG and water are computed
//! from the **rounded** score and rounded to the hundredth. No transcendental function is used.
//!
//! Present EcoIndex as a relative score: its 2 gCO2e / 3 cl anchor at score 50 comes from a
//! 2019-era end-to-end LCA and is not comparable with SWD figures; do not add the two.

use super::footprint::{ServiceFootprint, Tier};
use super::{non_negative, ServiceError};
use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use serde::Serialize;

/// Quantile boundaries of the three metrics, as published by EcoIndex (ecoindex.fr, from an
/// HTTP Archive sample). Attribution: GreenIT.fr / cnumr, EcoIndex.
pub const DOM_QUANTILES: [f64; 21] = [
    0.0, 47.0, 75.0, 159.0, 233.0, 298.0, 358.0, 417.0, 476.0, 537.0, 603.0, 674.0, 753.0, 843.0,
    949.0, 1076.0, 1237.0, 1459.0, 1801.0, 2479.0, 594601.0,
];
/// Quantile boundaries of the HTTP requests.
pub const REQUEST_QUANTILES: [f64; 21] = [
    0.0, 2.0, 15.0, 25.0, 34.0, 42.0, 49.0, 56.0, 63.0, 70.0, 78.0, 86.0, 95.0, 105.0, 117.0,
    130.0, 147.0, 170.0, 205.0, 281.0, 3920.0,
];
/// Size boundaries in kB (1 kB = 1000 bytes, as the EcoIndex scraper counts).
pub const SIZE_QUANTILES_KB: [f64; 21] = [
    0.0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27,
    1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26,
];
/// Grade thresholds: a score strictly above the threshold earns the grade (A > 80 ... F > 10, else G).
pub const GRADES: [(&str, f64); 6] = [
    ("A", 80.0),
    ("B", 70.0),
    ("C", 55.0),
    ("D", 40.0),
    ("E", 25.0),
    ("F", 10.0),
];

/// The three measured metrics of one page view.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EcoIndexInput {
    /// DOM elements (without the descendants of `<svg>` elements).
    pub dom_elements: f64,
    /// HTTP requests.
    pub requests: f64,
    /// Sum of the transfer sizes, kB (bytes / 1000).
    pub size_kb: f64,
}

/// An EcoIndex result, with the reference implementation's rounding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcoIndex {
    /// The metrics scored.
    pub input: EcoIndexInput,
    /// Integer score 0..=100 (half to even).
    pub score: f64,
    /// The score before rounding.
    pub score_unrounded: f64,
    /// Grade from A to G ([`GRADES`]).
    pub grade: &'static str,
    /// gCO2e per page view (1.00 to 3.00).
    pub ghg_gco2e: f64,
    /// Centilitres of water per page view (1.50 to 4.50).
    pub water_cl: f64,
}

/// Position of `v` among the boundaries: the interval index plus the fraction within it; 20 at or past the last.
fn quantile(q: &[f64; 21], v: f64) -> f64 {
    for i in 1..q.len() {
        if v < q[i] {
            return (i - 1) as f64 + (v - q[i - 1]) / (q[i] - q[i - 1]);
        }
    }
    (q.len() - 1) as f64
}

impl EcoIndex {
    /// Scores one page view. Every metric must be finite and >= 0.
    ///
    /// ```
    /// use empreinte::services::{EcoIndex, EcoIndexInput};
    /// use empreinte::Indicator;
    ///
    /// let page = EcoIndexInput { dom_elements: 600.0, requests: 60.0, size_kb: 1500.0 };
    /// let r = EcoIndex::compute(page)?;
    /// assert_eq!(r.grade, "D");
    /// assert_eq!(r.score, r.score_unrounded.round_ties_even());
    /// assert!((1.0..=3.0).contains(&r.ghg_gco2e)); // grams per page view
    /// // As a footprint: the same figure in kgCO2e, one end-to-end contribution.
    /// let f = r.footprint(false)?;
    /// let climate = f.total(Indicator::ClimateChange).central().unwrap();
    /// assert!((climate - r.ghg_gco2e / 1000.0).abs() < 1e-15);
    /// // A missing metric is refused, naming it.
    /// let e = EcoIndex::compute(EcoIndexInput { size_kb: f64::NAN, ..page }).unwrap_err();
    /// assert_eq!(e.field(), Some("size_kb"));
    /// # Ok::<(), empreinte::ServiceError>(())
    /// ```
    pub fn compute(input: EcoIndexInput) -> Result<EcoIndex, ServiceError> {
        non_negative("dom_elements", input.dom_elements)?;
        non_negative("requests", input.requests)?;
        non_negative("size_kb", input.size_kb)?;
        let qd = quantile(&DOM_QUANTILES, input.dom_elements);
        let qr = quantile(&REQUEST_QUANTILES, input.requests);
        let qs = quantile(&SIZE_QUANTILES_KB, input.size_kb);
        let raw = 100.0 - 5.0 * (3.0 * qd + 2.0 * qr + qs) / 6.0;
        let score = raw.round_ties_even();
        let grade = GRADES
            .iter()
            .find(|(_, t)| score > *t)
            .map_or("G", |(g, _)| g);
        let ghg = (100.0 * (2.0 + 2.0 * (50.0 - score) / 100.0)).round_ties_even() / 100.0;
        let water = (100.0 * (3.0 + 3.0 * (50.0 - score) / 100.0)).round_ties_even() / 100.0;
        Ok(EcoIndex {
            input,
            score,
            score_unrounded: raw,
            grade,
            ghg_gco2e: ghg,
            water_cl: water,
        })
    }

    /// The page view as a footprint: one end-to-end figure (terminals, network and servers,
    /// manufacturing and use together), climate in kgCO2e and water in m³ (experimental).
    /// EcoIndex cannot leave the terminals out: `exclude_terminals` is an error.
    pub fn footprint(&self, exclude_terminals: bool) -> Result<ServiceFootprint, ServiceError> {
        if exclude_terminals {
            return Err(ServiceError::CannotExcludeTerminals { method: "EcoIndex" });
        }
        let mut f = ServiceFootprint::new("web_page", "ecoindex (GreenIT.fr / cnumr)", None);
        let prov = format!(
            "EcoIndex score {} ({}): GHG = 2 + 2 x (50 - score) / 100 gCO2e, water = 3 + 3 x (50 - score) / 100 cl, per page view",
            self.score, self.grade
        );
        f.push(
            Tier::EndToEnd,
            Indicator::ClimateChange,
            Phase::Use,
            Range::exact(self.ghg_gco2e / 1000.0),
            prov.clone(),
        );
        f.push(
            Tier::EndToEnd,
            Indicator::WaterConsumption,
            Phase::Use,
            Range::exact(self.water_cl / 100_000.0),
            prov,
        );
        f.phases_split = false;
        f.notes.push(
            "EcoIndex gives one end-to-end figure per page view, not split by tier or phase: reported under use"
                .into(),
        );
        f.notes.push(
            "EcoIndex is a relative score; its GHG figure is not comparable with SWD's: do not add them"
                .into(),
        );
        Ok(f)
    }
}
