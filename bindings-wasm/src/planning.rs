//! Procurement and planning: offer comparison and the multi-year trajectory (full module).

use crate::error::JsError;
use crate::json::{read_with, to_js};
use crate::read;
use empreinte::inventory::read_json;
use empreinte::json::{list, Object, ShapeError};
use empreinte::{
    Allocation, Baseline, EvaluationOptions, InventoryItem, Offer, ReplacedPart, Scenario,
};
use wasm_bindgen::prelude::*;

/// One offer as JS gives it: `device` is an inventory line object (any column alias).
struct OfferIn {
    name: String,
    device: serde_json::Value,
    replaced_parts: Vec<ReplacedPart>,
    unit_price_eur: Option<f64>,
}

impl OfferIn {
    fn from_json(v: &serde_json::Value) -> Result<OfferIn, ShapeError> {
        let o = Object::new(v, &["name", "device", "replaced_parts", "unit_price_eur"])?;
        Ok(OfferIn {
            name: o
                .string("name")?
                .ok_or_else(|| ShapeError::missing("name"))?,
            device: o
                .get("device")
                .cloned()
                .ok_or_else(|| ShapeError::missing("device"))?,
            replaced_parts: o
                .list("replaced_parts", ReplacedPart::from_json)?
                .unwrap_or_default(),
            unit_price_eur: o.f64("unit_price_eur")?,
        })
    }
}

/// `{reporting_year?, allocation?}`.
fn compare_options(v: &serde_json::Value) -> Result<(Option<i32>, Allocation), ShapeError> {
    let o = Object::new(v, &["reporting_year", "allocation"])?;
    Ok((
        o.i32("reporting_year")?,
        o.read("allocation", Allocation::from_json)?
            .unwrap_or_default(),
    ))
}

/// Compares offers for one need (new, refurbished, reused; lifetimes; usage), per year of
/// service, against the first offer. Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = compareOffers, skip_typescript)]
pub fn compare_offers(
    offers: JsValue,
    options: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let given = read_with(&offers, "offers", |v| {
        list(v, "a sequence of offers", OfferIn::from_json)
    })?
    .ok_or_else(|| JsError::shape("offers", "invalid type: null, expected a sequence"))?;
    let (reporting_year, allocation) =
        read_with(&options, "comparison options", compare_options)?.unwrap_or_default();
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
    let year = reporting_year.unwrap_or(empreinte::EvaluationOptions::default().reporting_year);
    let c = empreinte::compare_offers(&ds, &list, year, allocation).map_err(JsError::from)?;
    Ok(to_js(&c)?)
}

/// `{from, to, scenarios?, options?, baseline?}`.
struct TrajectoryIn {
    from: i32,
    to: i32,
    scenarios: Vec<Scenario>,
    options: Option<EvaluationOptions>,
    baseline: Baseline,
}

impl TrajectoryIn {
    fn from_json(v: &serde_json::Value) -> Result<TrajectoryIn, ShapeError> {
        let o = Object::new(v, &["from", "to", "scenarios", "options", "baseline"])?;
        Ok(TrajectoryIn {
            from: o.i32("from")?.ok_or_else(|| ShapeError::missing("from"))?,
            to: o.i32("to")?.ok_or_else(|| ShapeError::missing("to"))?,
            scenarios: o
                .list("scenarios", Scenario::from_json)?
                .unwrap_or_default(),
            options: o.read("options", EvaluationOptions::from_json)?,
            baseline: o.read("baseline", Baseline::from_json)?.unwrap_or_default(),
        })
    }
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
    let t = read_with(&request, "trajectory request", TrajectoryIn::from_json)?
        .ok_or_else(|| JsError::shape("trajectory request", "missing field `from`"))?;
    let inv = read(&inventory)?;
    let options = t.options.unwrap_or_else(|| EvaluationOptions::new(t.from));
    let series = empreinte::trajectory(
        &ds,
        &inv.lines,
        &t.scenarios,
        t.from,
        t.to,
        &options,
        &t.baseline,
    )
    .map_err(JsError::from)?;
    Ok(to_js(&series)?)
}
