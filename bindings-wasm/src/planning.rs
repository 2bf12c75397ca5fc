//! Procurement and planning: offer comparison and the multi-year trajectory (full module).

use crate::error::JsError;
use crate::json::{from_js, required, to_js};
use crate::read;
use empreinte::procurement_request::{CompareRequest, OfferRequest};
use empreinte::trajectory::TrajectoryRequest;
use wasm_bindgen::prelude::*;

/// Compares offers for one need (new, refurbished, reused; lifetimes; usage), per year of
/// service, against the first offer. Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = compareOffers, skip_typescript)]
pub fn compare_offers(
    offers: JsValue,
    options: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let offers: Vec<OfferRequest> = required(&offers, "offers")?;
    let request: CompareRequest = from_js(&options, "comparison options")?;
    let c = request.compare(&ds, offers).map_err(JsError::from)?;
    Ok(to_js(&c)?)
}

/// The fleet year by year from `from` to `to`, renewed like for like (`baseline`) and under
/// each scenario, at the renewal rule `baseline` (default: the inventory's practice). Declared
/// in `ts_full.rs`.
#[wasm_bindgen(skip_typescript)]
pub fn trajectory(
    inventory: JsValue,
    request: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let request: TrajectoryRequest = required(&request, "trajectory request")?;
    let inv = read(&inventory)?;
    let series = request.run(&ds, &inv.lines).map_err(JsError::from)?;
    Ok(to_js(&series)?)
}
