//! Digital services: web pages (EcoIndex, Sustainable Web Design v4/v3, OneByte), data
//! transfer, ADEME's per-use services (e-mail, video meeting, streaming, web search, file
//! transfer) and the generic three-tier model. Input objects are the core's request types
//! (`empreinte::services::request`: units in the names, unknown keys refused, a missing number
//! refused by the model naming the field); results are the core's, as plain objects.

use crate::error::JsError;
use crate::json::{from_js, required, to_js};
use empreinte::services::{
    batch, EcoIndexRequest, PageRequest, PerUseRequest, ServiceFootprint, ThreeTierRequest,
    TransferRequest,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct WithFootprint<E: Serialize> {
    estimate: E,
    footprint: ServiceFootprint,
}

/// Bytes transferred by a page view, by a bytes-based model (SWD v4 by default). Declared
/// in `ts_full.rs`.
#[wasm_bindgen(js_name = webPage, skip_typescript)]
pub fn web_page(page: JsValue) -> Result<JsValue, JsValue> {
    let mut p: PageRequest = required(&page, "web page")?;
    // This API's default (declared in ts_full.rs): for the bytes as given, unless asked.
    p.per_visit.get_or_insert(p.returning_visitors.is_some());
    let (estimate, footprint) = p.web().map_err(JsError::from)?;
    Ok(to_js(&WithFootprint {
        estimate,
        footprint,
    })?)
}

/// Many page views in one call: `bytes` (a `Float64Array` or an array of numbers) each page's
/// weight, `options` those of `webPage` but the bytes. Returns a `Float64Array` of the totals
/// (grams CO2e), each `webPage({...options, bytes}).estimate.total_gco2e`. Declared in
/// `ts_full.rs`.
#[wasm_bindgen(js_name = webPages, skip_typescript)]
pub fn web_pages(bytes: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let bytes = numbers(&bytes, "webPages: the bytes of the pages")?;
    let mut p: PageRequest = from_js(&options, "web page options")?;
    // `webPage`'s default: for the bytes as given, unless asked.
    p.per_visit.get_or_insert(p.returning_visitors.is_some());
    let totals = p.web_totals(&bytes).map_err(JsError::from)?;
    Ok(js_sys::Float64Array::from(&totals[..]).into())
}

/// The numbers of a `Float64Array` or an array of numbers.
fn numbers(value: &JsValue, what: &str) -> Result<Vec<f64>, JsError> {
    if let Some(a) = value.dyn_ref::<js_sys::Float64Array>() {
        return Ok(a.to_vec());
    }
    if js_sys::Array::is_array(value) {
        return Ok(js_sys::Float64Array::new(value).to_vec());
    }
    Err(JsError::input(
        "invalid_input",
        format!(
            "{what} must be a Float64Array or an array of numbers; got {}",
            crate::convert::describe(value)
        ),
    ))
}

/// Many uses of one of ADEME's per-use services in one call: an array of parameters in (those
/// of `digitalService`), an array of results out, each that of `digitalService` with its
/// parameters. Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = digitalServices, skip_typescript)]
pub fn digital_services(kind: &str, params: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let requests: Vec<PerUseRequest> = required(&params, "service parameters (an array)")?;
    Ok(to_js(
        &batch::per_use(&ds, kind, &requests).map_err(JsError::from)?,
    )?)
}

/// EcoIndex of a page: score, grade, greenhouse gases and water per page view. Declared in
/// `ts_full.rs`.
#[wasm_bindgen(js_name = ecoIndex, skip_typescript)]
pub fn eco_index(page: JsValue) -> Result<JsValue, JsValue> {
    let p: EcoIndexRequest = required(&page, "EcoIndex page")?;
    let (estimate, footprint) = p.evaluate().map_err(JsError::from)?;
    Ok(to_js(&WithFootprint {
        estimate,
        footprint,
    })?)
}

/// Data transferred over a network (the dataset's per-GB factors). Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = dataTransfer, skip_typescript)]
pub fn data_transfer(transfer: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let t: TransferRequest = required(&transfer, "data transfer")?;
    Ok(to_js(&t.evaluate(&ds).map_err(JsError::from)?)?)
}

/// One use of a service by ADEME's model: `email`, `visio`, `streaming`, `web_search`,
/// `file_transfer`. Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = digitalService, skip_typescript)]
pub fn digital_service(kind: &str, params: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let p: PerUseRequest = from_js(&params, "service parameters")?;
    Ok(to_js(&p.evaluate(&ds, kind).map_err(JsError::from)?)?)
}

/// Any service in three tiers (terminals, network, data centre). Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = threeTier, skip_typescript)]
pub fn three_tier(service: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let s: ThreeTierRequest = from_js(&service, "three-tier service")?;
    Ok(to_js(&s.evaluate(&ds).map_err(JsError::from)?)?)
}
