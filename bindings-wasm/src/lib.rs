//! WebAssembly bindings of [`empreinte`]: the npm package `empreinte`.
//!
//! This crate converts types and errors, nothing else. Inventories go to the core as bytes
//! (CSV in any encoding, or JSON: the core tells them apart) or as cells read from plain JS
//! objects (parsed by the core's `line_from_cells`); reports come back as plain objects with
//! the same shape as `empreinte evaluate --format json`. Errors are thrown as JS `Error`s with
//! a stable `name` (`InventoryError`, `OptionsError`, `DatasetError`) and `code`.
#![forbid(unsafe_code)]

mod convert;
mod error;
mod registry;
mod ts;

use convert::{to_js, Inventory, LineOut};
use empreinte::dataset::EMBEDDED_IDS;
use empreinte::{
    CsvInventory, Dataset, DatasetFiles, Evaluation, EvaluationOptions, InventoryError,
    InventoryItem, Report, Warning,
};
use error::JsError;
use registry::Held;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

type JsResult<T> = Result<T, JsError>;

/// A reference dataset: embedded in the module, or loaded from the text of its files.
///
/// The JS object holds a slot of [`registry`], so that `evaluate(inventory, options, dataset)`
/// can find the dataset from the JS value without taking ownership of it.
#[wasm_bindgen(js_name = Dataset)]
#[derive(Debug)]
pub struct JsDataset {
    slot: u32,
}

impl JsDataset {
    fn new(held: Held) -> JsDataset {
        JsDataset {
            slot: registry::insert(held),
        }
    }

    fn get(&self) -> Held {
        registry::get(self.slot).unwrap_or(Held::Embedded(Dataset::embedded_default()))
    }
}

impl Drop for JsDataset {
    fn drop(&mut self) {
        registry::remove(self.slot);
    }
}

/// The files of a dataset folder, as text (see `reference-data/SCHEMA.md`).
#[derive(Deserialize)]
struct FilesIn {
    datapackage: String,
    sources: String,
    zones: String,
    categories: String,
    embodied: String,
    #[serde(default)]
    refurbishment: Option<String>,
    electricity: String,
}

/// A category as JS sees it: the dataset row, plus whether refurbished devices of this
/// category can be evaluated and their default second life (both read from the core).
#[derive(Serialize)]
struct CategoryOut<'a> {
    #[serde(flatten)]
    category: &'a empreinte::Category,
    refurbishable: bool,
    second_life_years: Option<f64>,
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// An embedded dataset; without `id`, the default one (ADEME NegaOctet 2022).
    #[wasm_bindgen]
    pub fn embedded(id: Option<String>) -> Result<JsDataset, JsValue> {
        let ds = match id {
            None => Dataset::embedded_default(),
            Some(id) => Dataset::embedded(&id).map_err(JsError::from)?,
        };
        Ok(JsDataset::new(Held::Embedded(ds)))
    }

    /// A dataset from the text of its files (a user's own, or one not embedded in wasm).
    #[wasm_bindgen(js_name = fromFiles)]
    pub fn from_files(
        #[wasm_bindgen(unchecked_param_type = "DatasetFiles")] files: JsValue,
    ) -> Result<JsDataset, JsValue> {
        let f: FilesIn =
            serde_wasm_bindgen::from_value(files).map_err(JsError::invalid_dataset_files)?;
        let ds = Dataset::from_files(&DatasetFiles {
            datapackage: &f.datapackage,
            sources: &f.sources,
            zones: &f.zones,
            categories: &f.categories,
            embodied: &f.embodied,
            refurbishment: f.refurbishment.as_deref(),
            electricity: &f.electricity,
        })
        .map_err(JsError::from)?;
        Ok(JsDataset::new(Held::Loaded(std::rc::Rc::new(ds))))
    }

    /// Identity of the dataset: id, version, title, licences, default country...
    #[wasm_bindgen(getter, unchecked_return_type = "DatasetInfo")]
    pub fn info(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(self.get().info())?)
    }

    /// Equipment categories with their default lifetime and usage profile.
    #[wasm_bindgen(unchecked_return_type = "Category[]")]
    pub fn categories(&self) -> Result<JsValue, JsValue> {
        let held = self.get();
        let ds: &Dataset = &held;
        let out: Vec<CategoryOut> = ds
            .categories()
            .iter()
            .map(|c| {
                let second = ds
                    .find_category(&c.id)
                    .and_then(|r| ds.second_life_years(r));
                CategoryOut {
                    category: c,
                    refurbishable: second.is_some(),
                    second_life_years: second,
                }
            })
            .collect();
        Ok(to_js(&out)?)
    }

    /// Every factor row (embodied, refurbishment, electricity) with its source.
    #[wasm_bindgen(unchecked_return_type = "Factor[]")]
    pub fn factors(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(self.get().factors())?)
    }

    /// Countries and zones electricity is known for.
    #[wasm_bindgen(unchecked_return_type = "Zone[]")]
    pub fn zones(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(self.get().zones())?)
    }

    /// The sources the factors cite.
    #[wasm_bindgen(unchecked_return_type = "Source[]")]
    pub fn sources(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(self.get().sources())?)
    }

    /// The registry slot (read by `evaluate` to find this dataset; not part of the API).
    #[wasm_bindgen(getter = __slot, skip_typescript)]
    pub fn slot(&self) -> u32 {
        self.slot
    }

    /// Evaluates an inventory against this dataset (same as `evaluate(inventory, options, this)`).
    /// Declared in `ts.rs` (optional `options`).
    #[wasm_bindgen(skip_typescript)]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Inventory")] inventory: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EvaluationOptions")] options: Option<js_sys::Object>,
    ) -> Result<JsValue, JsValue> {
        let ds = self.get();
        let report = crate::options(options).and_then(|o| run(&inventory, o, &ds))?;
        Ok(to_js(&report)?)
    }

    /// The id of the category a name designates ("PC portable", "écrans"...), if any.
    #[wasm_bindgen(js_name = findCategory)]
    pub fn find_category(&self, name: &str) -> Option<String> {
        let ds = self.get();
        ds.find_category(name).map(|r| ds.category(r).id.clone())
    }
}

/// The datasets embedded in this module (id, version, title...).
#[wasm_bindgen(unchecked_return_type = "DatasetInfo[]")]
pub fn datasets() -> Result<JsValue, JsValue> {
    let infos: Vec<&empreinte::DatasetInfo> = EMBEDDED_IDS
        .iter()
        .filter_map(|id| Dataset::embedded(id).ok())
        .map(Dataset::info)
        .collect();
    Ok(to_js(&infos)?)
}

fn options(value: Option<js_sys::Object>) -> JsResult<EvaluationOptions> {
    match value {
        None => Ok(EvaluationOptions::default()),
        Some(o) => serde_wasm_bindgen::from_value(o.into()).map_err(JsError::invalid_options),
    }
}

/// The dataset a JS value designates: a `Dataset` object, or the default one.
fn dataset(value: Option<js_sys::Object>) -> JsResult<Held> {
    let Some(value) = value else {
        return Ok(Held::Embedded(Dataset::embedded_default()));
    };
    js_sys::Reflect::get(&value, &JsValue::from_str("__slot"))
        .ok()
        .and_then(|v| v.as_f64())
        .and_then(|slot| registry::get(slot as u32))
        .ok_or_else(JsError::not_a_dataset)
}

fn run(inventory: &JsValue, options: EvaluationOptions, ds: &Dataset) -> JsResult<Report> {
    Ok(match convert::inventory(inventory)? {
        Inventory::Bytes(bytes) => empreinte::evaluate_bytes(ds, bytes, &options)?,
        Inventory::Items(items, warnings) => {
            let mut ev = Evaluation::new(ds, options)?;
            for w in warnings {
                ev.warn(w);
            }
            ev.add_items(items);
            ev.finish()
        }
    })
}

/// Evaluates an inventory: CSV or JSON text, the raw bytes of a file, or an array of objects
/// whose keys are inventory column names. Rejected rows are listed in the report; an error is
/// thrown only when nothing could be evaluated (not an inventory, bad options).
/// Declared in `ts.rs` (optional `options` and `dataset`).
#[wasm_bindgen(skip_typescript)]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Inventory")] inventory: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationOptions")] options: Option<js_sys::Object>,
    #[wasm_bindgen(unchecked_param_type = "Dataset")] dataset: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let report = crate::options(options)
        .and_then(|o| Ok((o, crate::dataset(dataset)?)))
        .and_then(|(o, ds)| run(&inventory, o, &ds))?;
    Ok(to_js(&report)?)
}

/// Lines read from an inventory, as evaluated (canonical names, units in the names).
#[derive(Serialize)]
struct ReadOut<'a> {
    lines: Vec<LineOut<'a>>,
    rejected: Vec<&'a empreinte::RejectedRow>,
    warnings: Vec<Warning>,
}

fn read_items(inventory: &JsValue) -> JsResult<(Vec<InventoryItem>, Vec<Warning>)> {
    let bytes = match convert::inventory(inventory)? {
        Inventory::Items(items, warnings) => return Ok((items, warnings)),
        Inventory::Bytes(bytes) => bytes,
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut warnings = Vec::new();
    if matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'[') | Some(b'{')
    ) {
        let text = std::str::from_utf8(body).map_err(|e| InventoryError::NotText {
            detail: format!(
                "a JSON inventory must be UTF-8 (invalid byte at {})",
                e.valid_up_to()
            ),
        })?;
        let items = empreinte::inventory::read_json(text, &mut warnings)?;
        return Ok((items, warnings));
    }
    let mut reader = CsvInventory::new(std::io::Cursor::new(bytes))?;
    warnings.extend(reader.take_warnings());
    let items = reader.by_ref().collect::<Result<Vec<_>, _>>()?;
    Ok((items, warnings))
}

/// Reads an inventory without evaluating it: the lines as the core understood them (an array
/// that `evaluate` accepts back, e.g. after changing a scenario), the rejected rows, warnings.
#[wasm_bindgen(js_name = readInventory, unchecked_return_type = "InventoryRead")]
pub fn read_inventory(
    #[wasm_bindgen(unchecked_param_type = "Inventory")] inventory: JsValue,
) -> Result<JsValue, JsValue> {
    let (items, warnings) = read_items(&inventory)?;
    let mut out = ReadOut {
        lines: Vec::new(),
        rejected: Vec::new(),
        warnings,
    };
    for item in &items {
        match item {
            InventoryItem::Line(n, l) => out.lines.push(LineOut::new(*n, l)),
            InventoryItem::Rejected(r) => out.rejected.push(r),
        }
    }
    Ok(to_js(&out)?)
}
