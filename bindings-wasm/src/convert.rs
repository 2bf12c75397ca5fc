//! JS values → core inputs, and core results → the shapes JS sees. Type conversion only:
//! inventories go to the core as bytes (an array of objects as its JSON text, so it is read
//! exactly like a JSON file), and every cell is parsed by the core.

use crate::error::JsError;
use crate::json::text_of;
use empreinte::EquipmentLine;
use js_sys::{Array, ArrayBuffer, Uint8Array};
use serde::Serialize;
use uom::si::energy::kilowatt_hour;
use uom::si::power::watt;
use uom::si::time::{hour, year};
use wasm_bindgen::{JsCast, JsValue};

/// The bytes of an `Inventory` argument: a string, a `Uint8Array`/`ArrayBuffer`, or an array
/// of objects (its JSON text).
pub fn inventory(value: &JsValue) -> Result<Vec<u8>, JsError> {
    bytes(value)?.ok_or_else(|| JsError::unsupported_inventory(&describe(value)))
}

/// The bytes of a string, `Uint8Array`, `ArrayBuffer` or array (as JSON); `None` otherwise.
pub fn bytes(value: &JsValue) -> Result<Option<Vec<u8>>, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(Some(text.into_bytes()));
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return Ok(Some(bytes.to_vec()));
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Some(Uint8Array::new(buffer).to_vec()));
    }
    if Array::is_array(value) {
        return Ok(text_of(value)?.map(String::into_bytes));
    }
    Ok(None)
}

pub fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// An inventory line as JS sees it: canonical field names, units in the names. Feeding an
/// array of these back to `evaluate` evaluates the same lines.
#[derive(Serialize)]
pub struct LineOut<'a> {
    line: u64,
    category: &'a str,
    quantity: u32,
    condition: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    acquisition_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lifetime_years: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amortisation_years: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours_per_day: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_per_year: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    power_w: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    energy_kwh_per_year: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pue: Option<f64>,
}

impl<'a> LineOut<'a> {
    pub fn new(line: u64, l: &'a EquipmentLine) -> LineOut<'a> {
        LineOut {
            line,
            category: &l.category,
            quantity: l.quantity,
            condition: l.condition.id(),
            acquisition_year: l.acquisition_year,
            lifetime_years: l.lifetime.map(|t| t.get::<year>()),
            amortisation_years: l.amortisation.map(|t| t.get::<year>()),
            hours_per_day: l.hours_per_day.map(|t| t.get::<hour>()),
            days_per_year: l.days_per_year,
            power_w: l.power.map(|p| p.get::<watt>()),
            energy_kwh_per_year: l.energy_per_year.map(|e| e.get::<kilowatt_hour>()),
            country: l.country.as_deref(),
            department: l.department.as_deref(),
            label: l.label.as_deref(),
            model: l.model.as_deref(),
            pue: l.pue,
        }
    }
}
