//! JS values → core inputs, and core results → JS values. Type conversion only: every
//! cell is parsed by the core (`line_from_cells`), every header by `Field::from_header`.

use crate::error::JsError;
use empreinte::{
    line_from_cells, CellValue, EquipmentLine, Field, InventoryItem, RejectedRow, RowError, Warning,
};
use js_sys::{Array, ArrayBuffer, Object, Uint8Array};
use serde::Serialize;
use std::collections::HashMap;
use uom::si::energy::kilowatt_hour;
use uom::si::power::watt;
use uom::si::time::{hour, year};
use wasm_bindgen::{JsCast, JsValue};

/// An inventory as JS gives it.
pub enum Inventory {
    /// File content: CSV in any encoding or JSON, told apart by the core.
    Bytes(Vec<u8>),
    /// An array of plain objects, already read into items (plus "ignored key" warnings).
    Items(Vec<InventoryItem>, Vec<Warning>),
}

/// Reads the `inventory` argument: a string, a `Uint8Array`/`ArrayBuffer`, or an array of objects.
pub fn inventory(value: &JsValue) -> Result<Inventory, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(Inventory::Bytes(text.into_bytes()));
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return Ok(Inventory::Bytes(bytes.to_vec()));
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Inventory::Bytes(Uint8Array::new(buffer).to_vec()));
    }
    if Array::is_array(value) {
        let (items, warnings) = objects(&Array::from(value));
        return Ok(Inventory::Items(items, warnings));
    }
    Err(JsError::unsupported_inventory(&describe(value)))
}

fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// A cell read from a JS object, owning its text.
enum Cell {
    Text(String),
    Number(f64),
}

/// Reads an array of plain objects the way the core's JSON reader reads a JSON array:
/// keys in the same (sorted) order, the strongest alias of a field wins, `null`/`undefined`
/// are empty cells, booleans and objects are rejected, unknown keys are warned about once.
fn objects(array: &Array) -> (Vec<InventoryItem>, Vec<Warning>) {
    let mut ignored: Vec<String> = Vec::new();
    // Objects of one array share their keys: look each key up once.
    let mut fields: HashMap<String, Option<(Field, u8)>> = HashMap::new();
    let items = array
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let line = i as u64 + 1;
            match object_line(&item, &mut fields, &mut ignored) {
                Ok(l) => InventoryItem::Line(line, l),
                Err(error) => InventoryItem::Rejected(RejectedRow { line, error }),
            }
        })
        .collect();
    let warnings = ignored
        .into_iter()
        .map(|key| Warning {
            line: None,
            field: None,
            code: "ignored_column",
            message: format!("key {key:?} ignored: not an inventory field"),
        })
        .collect();
    (items, warnings)
}

fn object_line(
    item: &JsValue,
    fields: &mut HashMap<String, Option<(Field, u8)>>,
    ignored: &mut Vec<String>,
) -> Result<EquipmentLine, RowError> {
    if !item.is_object() || Array::is_array(item) || item.is_function() {
        return Err(RowError::InvalidText {
            field: Field::Category,
            reason:
                "each line must be a JSON object such as {\"category\": \"laptop\", \"quantity\": 2}"
                    .into(),
        });
    }
    let mut entries: Vec<(String, JsValue)> = Object::entries(item.unchecked_ref::<Object>())
        .iter()
        .filter_map(|pair| {
            let pair: Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut cells: Vec<(Field, Cell)> = Vec::with_capacity(entries.len());
    let mut seen: Vec<(Field, u8)> = Vec::new();
    for (key, value) in entries {
        let known = match fields.get(&key) {
            Some(known) => *known,
            None if fields.len() < 1000 => *fields
                .entry(key.clone())
                .or_insert_with(|| Field::from_header(&key)),
            None => Field::from_header(&key),
        };
        let Some((field, strength)) = known else {
            if !ignored.contains(&key) && ignored.len() < 50 {
                ignored.push(key);
            }
            continue;
        };
        if let Some(pos) = seen.iter().position(|(f, _)| *f == field) {
            if seen[pos].1 >= strength {
                continue;
            }
            seen.remove(pos);
            cells.retain(|(f, _)| *f != field);
        }
        seen.push((field, strength));
        let cell = if value.is_null() || value.is_undefined() {
            continue;
        } else if let Some(n) = value.as_f64() {
            Cell::Number(n)
        } else if let Some(s) = value.as_string() {
            Cell::Text(s)
        } else {
            return Err(RowError::InvalidText {
                field,
                reason: "expected a number or a string".into(),
            });
        };
        cells.push((field, cell));
    }
    line_from_cells(cells.iter().map(|(f, c)| {
        (
            *f,
            match c {
                Cell::Text(s) => CellValue::Text(s),
                Cell::Number(n) => CellValue::Number(*n),
            },
        )
    }))
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
        }
    }
}

/// Serialises a result as a plain JS object (objects, not `Map`s; `None` as `null`).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}
