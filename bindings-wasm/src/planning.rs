//! Procurement and planning: offer comparison, scenarios, multi-year trajectory.

use crate::error::JsError;
use crate::json::{from_js, required, to_js};
use crate::read;
use empreinte::inventory::read_json;
use empreinte::{Allocation, InventoryItem, Offer, ReplacedPart, Scenario};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// One offer as JS gives it: `device` is an inventory line object (any column alias).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfferIn {
    name: String,
    device: serde_json::Value,
    #[serde(default)]
    replaced_parts: Vec<ReplacedPart>,
    #[serde(default)]
    unit_price_eur: Option<f64>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct CompareOptions {
    reporting_year: Option<i32>,
    allocation: Allocation,
}

/// Compares offers for one need (new, refurbished, reused; lifetimes; usage), per year of
/// service, against the first offer. Declared in `ts_planning.rs`.
#[wasm_bindgen(js_name = compareOffers, skip_typescript)]
pub fn compare_offers(
    offers: JsValue,
    options: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let given: Vec<OfferIn> = required(&offers, "offers")?;
    let o: CompareOptions = from_js(&options, "comparison options")?;
    // The devices are read by the core's JSON inventory reader, like any inventory line.
    let devices: Vec<&serde_json::Value> = given.iter().map(|o| &o.device).collect();
    let text = serde_json::to_string(&devices).map_err(JsError::internal)?;
    let items = read_json(&text, &mut Vec::new()).map_err(JsError::from)?;
    let mut list = Vec::with_capacity(given.len());
    for (index, (offer, item)) in given.into_iter().zip(items).enumerate() {
        let device = match item {
            InventoryItem::Line(_, line) => line,
            InventoryItem::Rejected(r) => {
                return Err(JsError::from(empreinte::CompareError::Offer {
                    index,
                    name: offer.name,
                    error: r.error,
                })
                .into())
            }
        };
        list.push(Offer {
            name: offer.name,
            device,
            replaced_parts: offer.replaced_parts,
            unit_price_eur: offer.unit_price_eur,
        });
    }
    let year = o
        .reporting_year
        .unwrap_or(empreinte::EvaluationOptions::default().reporting_year);
    let c = empreinte::compare_offers(&ds, &list, year, o.allocation).map_err(JsError::from)?;
    Ok(to_js(&c)?)
}

/// Runs scenarios (sets of levers) against an inventory: the baseline report and, per
/// scenario, the change by total, category and department. Declared in `ts_planning.rs`.
#[wasm_bindgen(js_name = runScenarios, skip_typescript)]
pub fn run_scenarios(
    inventory: JsValue,
    scenarios: JsValue,
    options: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let scenarios: Vec<Scenario> = required(&scenarios, "scenarios")?;
    let options = crate::options(&options)?;
    let inv = read(&inventory)?;
    let (baseline, results) =
        empreinte::run_scenarios(&ds, &inv.lines, &scenarios, &options).map_err(JsError::from)?;
    #[derive(serde::Serialize)]
    struct Out<'a> {
        baseline: &'a empreinte::Report,
        scenarios: &'a [empreinte::ScenarioResult],
        rejected: &'a [empreinte::RejectedRow],
        warnings: &'a [empreinte::Warning],
    }
    Ok(to_js(&Out {
        baseline: &baseline,
        scenarios: &results,
        rejected: &inv.rejected,
        warnings: &inv.warnings,
    })?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrajectoryIn {
    from: i32,
    to: i32,
    #[serde(default)]
    scenarios: Vec<Scenario>,
    #[serde(default)]
    options: Option<empreinte::EvaluationOptions>,
}

/// The fleet year by year from `from` to `to`, renewed like for like (`baseline`) and under
/// each scenario. Declared in `ts_planning.rs`.
#[wasm_bindgen(skip_typescript)]
pub fn trajectory(
    inventory: JsValue,
    request: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let t: TrajectoryIn = required(&request, "trajectory request")?;
    let inv = read(&inventory)?;
    let options = t
        .options
        .unwrap_or_else(|| empreinte::EvaluationOptions::new(t.from));
    let series = empreinte::trajectory(&ds, &inv.lines, &t.scenarios, t.from, t.to, &options)
        .map_err(JsError::from)?;
    Ok(to_js(&series)?)
}
