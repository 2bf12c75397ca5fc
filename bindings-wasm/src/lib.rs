//! WebAssembly bindings of [`empreinte`]: the npm package `empreinte`.
//!
//! Two modules are built from this crate: without features, `empreinte` (embedded datasets,
//! evaluation, inventory reading, GLPI detection: what a page loads first, under a 200 KB
//! gzipped budget), and with `full`, `empreinte/full` (scenarios, offers, trajectory, datasets
//! from files, hosting, services, GLPI import and estates as well).
//!
//! This crate converts types and errors, nothing else. Values cross the boundary as JSON text
//! ([`json`]): inventories go to the core as bytes (CSV in any encoding, or JSON: the core tells
//! them apart; an array of objects as its JSON text), results come back as plain objects with
//! the same shapes as the CLI's `--format json`. Errors are thrown as JS `Error`s with a stable
//! `name` (`InventoryError`, `OptionsError`, `DatasetError`, `CompareError`, `ScenarioError`,
//! `HostingError`, `ServiceError`, `GlpiError`, `EstateError`, `InputError`) and `code`.
#![forbid(unsafe_code)]

mod convert;
mod error;
#[cfg(feature = "full")]
mod estate;
#[cfg(feature = "full")]
mod glpi;
#[cfg(feature = "full")]
mod hosting;
mod json;
#[cfg(feature = "full")]
mod numecoeval;
mod panic;
#[cfg(feature = "full")]
mod planning;
mod registry;
#[cfg(feature = "full")]
mod review;
#[cfg(feature = "full")]
mod scenarios;
#[cfg(feature = "full")]
mod services;
mod ts;
#[cfg(feature = "full")]
mod ts_full;
#[cfg(feature = "full")]
mod ts_scenarios;

use convert::LineOut;
use empreinte::dataset::EMBEDDED_IDS;
#[cfg(feature = "full")]
use empreinte::json::{Object, ShapeError};
#[cfg(feature = "full")]
use empreinte::DatasetFiles;
use empreinte::{Dataset, EvaluationOptions, Warning};
use error::JsError;
use json::to_js;
use registry::Held;
use serde::Serialize;
use wasm_bindgen::prelude::*;

type JsResult<T> = Result<T, JsError>;

/// This module's name, as imported.
const MODULE: &str = if cfg!(feature = "full") {
    "empreinte/full"
} else {
    "empreinte"
};

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

#[cfg(feature = "full")]
/// The files of a dataset folder, as text (see `reference-data/SCHEMA.md`).
struct FilesIn {
    datapackage: String,
    sources: String,
    zones: String,
    categories: String,
    embodied: String,
    refurbishment: Option<String>,
    electricity: String,
    /// `network.csv` (digital services).
    network: Option<String>,
    /// The hosting tables, keyed by file name without `.csv` (`hosting_sites`, `hosting_servers`...).
    hosting: std::collections::BTreeMap<String, String>,
}

#[cfg(feature = "full")]
impl FilesIn {
    fn from_json(v: &serde_json::Value) -> Result<FilesIn, ShapeError> {
        let o = Object::new(
            v,
            &[
                "datapackage",
                "sources",
                "zones",
                "categories",
                "embodied",
                "refurbishment",
                "electricity",
                "network",
                "hosting",
            ],
        )?;
        let text = |k: &str| o.string(k)?.ok_or_else(|| ShapeError::missing(k));
        let hosting = o
            .read("hosting", |h| {
                let Some(map) = h.as_object() else {
                    return Err(empreinte::json::invalid_type(h, "a map of strings"));
                };
                map.iter()
                    .map(|(k, t)| match t.as_str() {
                        Some(t) => Ok((k.clone(), t.to_string())),
                        None => Err(empreinte::json::invalid_type(t, "a string").within(k)),
                    })
                    .collect()
            })?
            .unwrap_or_default();
        Ok(FilesIn {
            datapackage: text("datapackage")?,
            sources: text("sources")?,
            zones: text("zones")?,
            categories: text("categories")?,
            embodied: text("embodied")?,
            refurbishment: o.string("refurbishment")?,
            electricity: text("electricity")?,
            network: o.string("network")?,
            hosting,
        })
    }
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
    #[cfg(feature = "full")]
    #[wasm_bindgen(js_name = fromFiles)]
    pub fn from_files(
        #[wasm_bindgen(unchecked_param_type = "DatasetFiles | ReferentialFiles")] files: JsValue,
        id: Option<String>,
    ) -> Result<JsDataset, JsValue> {
        // A référentiel in G4IT's format (`ref_*` tables), named `id`.
        if let Some(Some(named)) =
            json::read_with(&files, "dataset files", numecoeval::referential_files)?
        {
            let ds = Dataset::from_named_files(&named, id.as_deref()).map_err(JsError::from)?;
            return Ok(JsDataset::new(Held::Loaded(std::rc::Rc::new(ds))));
        }
        let f = json::read_with(&files, "dataset files", FilesIn::from_json)?
            .ok_or_else(|| JsError::shape("dataset files", "the files are missing"))?;
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
        let ds = service_tables(ds, &f)?;
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

    /// The registry slot, with the module's name (read by functions to find this dataset;
    /// not part of the API): each module has its own registry, and a slot number alone would
    /// let the other module's `Dataset` pass for one of this module's.
    #[wasm_bindgen(getter = __slot, skip_typescript)]
    pub fn slot(&self) -> String {
        format!("{MODULE}:{}", self.slot)
    }

    /// Evaluates an inventory against this dataset (same as `evaluate(inventory, options, this)`).
    /// Declared in `ts.rs` (optional `options`).
    #[wasm_bindgen(skip_typescript)]
    pub fn evaluate(&self, inventory: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        Ok(evaluate_with(&inventory, &options, &self.get())?)
    }

    /// The id of the category a name designates ("PC portable", "écrans"...), if any.
    #[wasm_bindgen(js_name = findCategory)]
    pub fn find_category(&self, name: &str) -> Option<String> {
        let ds = self.get();
        ds.find_category(name).map(|r| ds.category(r).id.clone())
    }
}

/// Adds the network and hosting tables given to `Dataset.fromFiles` (full module).
#[cfg(feature = "full")]
fn service_tables(mut ds: Dataset, f: &FilesIn) -> JsResult<Dataset> {
    use empreinte::dataset::HOSTING_FILES;
    if let Some(network) = &f.network {
        ds = ds.with_network_table(network)?;
    }
    if let Some(unknown) = f.hosting.keys().find(|k| {
        !HOSTING_FILES
            .iter()
            .any(|h| h.strip_suffix(".csv") == Some(k))
    }) {
        return Err(JsError::shape(
            "dataset files",
            &format!(
                "unknown hosting table {unknown:?}; expected {}",
                HOSTING_FILES.join(", ")
            ),
        ));
    }
    if !f.hosting.is_empty() {
        let files = HOSTING_FILES.map(|h| {
            h.strip_suffix(".csv")
                .and_then(|k| f.hosting.get(k))
                .map(String::as_str)
        });
        ds = ds.with_hosting_tables(&files)?;
    }
    Ok(ds)
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

/// Evaluation options from JS (`undefined`/`null`: the defaults).
pub(crate) fn options(value: &JsValue) -> JsResult<EvaluationOptions> {
    Ok(
        json::read_with(value, "evaluation options", EvaluationOptions::from_json)?
            .unwrap_or_default(),
    )
}

/// The dataset a JS value designates: a `Dataset` object, or the default one.
pub(crate) fn dataset(value: &JsValue) -> JsResult<Held> {
    if value.is_undefined() || value.is_null() {
        return Ok(Held::Embedded(Dataset::embedded_default()));
    }
    let slot = js_sys::Reflect::get(value, &JsValue::from_str("__slot"))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(JsError::not_a_dataset)?;
    match slot.split_once(':') {
        Some((module, n)) if module == MODULE => n
            .parse()
            .ok()
            .and_then(registry::get)
            .ok_or_else(JsError::not_a_dataset),
        _ => Err(JsError::other_module_dataset()),
    }
}

fn evaluate_with(inventory: &JsValue, options: &JsValue, ds: &Dataset) -> JsResult<JsValue> {
    let options = crate::options(options)?;
    let bytes = convert::inventory(inventory)?;
    to_js(&empreinte::evaluate_bytes(ds, bytes, &options)?)
}

/// Evaluates an inventory: CSV or JSON text, the raw bytes of a file, or an array of objects
/// whose keys are inventory column names. Rejected rows are listed in the report; an error is
/// thrown only when nothing could be evaluated (not an inventory, bad options).
/// Declared in `ts.rs` (optional `options` and `dataset`).
#[wasm_bindgen(skip_typescript)]
pub fn evaluate(
    inventory: JsValue,
    options: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    Ok(evaluate_with(&inventory, &options, &ds)?)
}

/// Whether a file is GLPI input, from its first 64 KB (the core's detection, as the CLI's
/// `evaluate` uses it): `"agent_json"` (a GLPI agent inventory), `"csv_export"` (a CSV export of
/// a GLPI search page) or `null` (an inventory, or anything else). `importGlpi`, in the full
/// module, reads the first two; a page can load that module only when it is needed.
#[wasm_bindgen(
    js_name = glpiFormat,
    unchecked_return_type = "\"agent_json\" | \"csv_export\" | null"
)]
pub fn glpi_format(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] content: JsValue,
) -> Result<JsValue, JsValue> {
    const HEAD: u32 = empreinte::glpi::DETECTION_HEAD_BYTES as u32;
    let head = if let Some(text) = content.as_string() {
        text.into_bytes()
    } else if let Some(bytes) = content.dyn_ref::<js_sys::Uint8Array>() {
        bytes.subarray(0, bytes.length().min(HEAD)).to_vec()
    } else if let Some(buffer) = content.dyn_ref::<js_sys::ArrayBuffer>() {
        let n = buffer.byte_length().min(HEAD);
        js_sys::Uint8Array::new_with_byte_offset_and_length(buffer, 0, n).to_vec()
    } else {
        return Err(JsError::input(
            "invalid_input",
            format!(
                "glpiFormat takes a string, a Uint8Array or an ArrayBuffer; got {}",
                convert::describe(&content)
            ),
        )
        .into());
    };
    Ok(match empreinte::glpi::detect(&head) {
        Some(empreinte::glpi::GlpiFormat::AgentJson) => JsValue::from_str("agent_json"),
        Some(empreinte::glpi::GlpiFormat::CsvExport) => JsValue::from_str("csv_export"),
        None => JsValue::NULL,
    })
}

/// Reads an inventory argument with the core: numbered lines, rejected rows, warnings.
pub(crate) fn read(inventory: &JsValue) -> JsResult<empreinte::ReadInventory> {
    Ok(empreinte::read_inventory(convert::inventory(inventory)?)?)
}

/// Lines read from an inventory, as evaluated (canonical names, units in the names).
#[derive(Serialize)]
struct ReadOut<'a> {
    lines: Vec<LineOut<'a>>,
    rejected: &'a [empreinte::RejectedRow],
    warnings: &'a [Warning],
}

/// Reads an inventory without evaluating it: the lines as the core understood them (an array
/// that `evaluate` accepts back, e.g. after changing a scenario), the rejected rows, warnings.
#[wasm_bindgen(js_name = readInventory, unchecked_return_type = "InventoryRead")]
pub fn read_inventory(
    #[wasm_bindgen(unchecked_param_type = "Inventory")] inventory: JsValue,
) -> Result<JsValue, JsValue> {
    let read = read(&inventory)?;
    let out = ReadOut {
        lines: read
            .lines
            .iter()
            .map(|(n, l)| LineOut::new(*n, l))
            .collect(),
        rejected: &read.rejected,
        warnings: &read.warnings,
    };
    Ok(to_js(&out)?)
}

/// The core's defaults (reporting year, trajectory horizon, datasets, Monte Carlo seed,
/// amortisation, hours per year, service uses): what an option left unset takes. In the full
/// module (the default module has no room left in its size budget).
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "Defaults")]
pub fn defaults() -> Result<JsValue, JsValue> {
    Ok(to_js(&empreinte::defaults::defaults_json())?)
}
