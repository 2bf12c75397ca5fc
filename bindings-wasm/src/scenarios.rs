//! Scenarios: levers applied to an inventory (the dashboard's sliders), in the full module
//! (`empreinte/full`): the default module's size budget leaves no room for them.

use crate::error::JsError;
use crate::json::{read_with, to_js};
use crate::read;
use empreinte::json::list;
use empreinte::Scenario;
use wasm_bindgen::prelude::*;

/// Runs scenarios (sets of levers) against an inventory: the baseline report and, per
/// scenario, the change by total, category and department. Declared in `ts_scenarios.rs`.
#[wasm_bindgen(js_name = runScenarios, skip_typescript)]
pub fn run_scenarios(
    inventory: JsValue,
    scenarios: JsValue,
    options: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let scenarios = read_with(&scenarios, "scenarios", |v| {
        list(v, "a sequence of scenarios", Scenario::from_json)
    })?
    .ok_or_else(|| JsError::shape("scenarios", "invalid type: null, expected a sequence"))?;
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
