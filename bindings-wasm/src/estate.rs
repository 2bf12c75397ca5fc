//! Estates (full module): a description (TOML or JSON text, or an object of the JSON shape)
//! evaluated by the core with the files it names given in memory, by the paths it writes.

use crate::convert::{bytes, describe, LineOut};
use crate::error::JsError;
use crate::json::{text_of, to_js};
use empreinte::estate::{evaluate_estate_with, Estate, InMemoryFiles};
use empreinte::Dataset;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// The name of the description in its errors (`file`), as every binding names text or objects.
const NAME: &str = "estate";

pub(crate) fn given(v: &JsValue) -> bool {
    !(v.is_undefined() || v.is_null())
}

/// TOML or JSON text (told apart by the core), or an object of the JSON shape.
pub(crate) fn estate(value: &JsValue) -> Result<Estate, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(Estate::parse(NAME, &text)?);
    }
    if value.is_object() && !Array::is_array(value) {
        let text = text_of(value)?.unwrap_or_default();
        let v: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| JsError::shape("estate", &e.to_string()))?;
        return Ok(Estate::from_value(NAME, v)?);
    }
    Err(JsError::input(
        "invalid_input",
        format!(
            "the estate must be TOML or JSON text, or an object; got {}",
            describe(value)
        ),
    ))
}

/// `{path: string | Uint8Array | ArrayBuffer}`: the files by the paths the estate writes.
pub(crate) fn files(value: &JsValue) -> Result<InMemoryFiles, JsError> {
    let mut out = InMemoryFiles::default();
    if !given(value) {
        return Ok(out);
    }
    let bad = |what: String| {
        JsError::input(
            "invalid_input",
            format!("the estate's files must be an object {{path: string | Uint8Array | ArrayBuffer}}; {what}"),
        )
    };
    if !value.is_object() || Array::is_array(value) {
        return Err(bad(format!("got {}", describe(value))));
    }
    for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
        let entry = Array::from(&entry);
        let (path, content) = (entry.get(0).as_string().unwrap_or_default(), entry.get(1));
        match bytes(&content)? {
            Some(b) if !Array::is_array(&content) => out.insert(path, b),
            _ => return Err(bad(format!("`{path}` is {}", describe(&content)))),
        }
    }
    Ok(out)
}

/// The dataset of an estate: `dataset` when given, else the one the estate names, else the
/// default.
pub(crate) fn dataset(e: &Estate, dataset: &JsValue) -> Result<crate::registry::Held, JsError> {
    match (&e.dataset, given(dataset)) {
        (Some(id), false) => Ok(crate::registry::Held::Embedded(
            Dataset::embedded(id).map_err(JsError::from)?,
        )),
        _ => crate::dataset(dataset),
    }
}

/// Evaluates an estate: fleet, hosting and services in one report. Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = evaluateEstate, skip_typescript)]
pub fn evaluate_estate(
    estate: JsValue,
    files: JsValue,
    dataset: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let e = self::estate(&estate)?;
    let files = self::files(&files)?;
    let ds = self::dataset(&e, &dataset)?;
    if given(&options) && (!options.is_object() || Array::is_array(&options)) {
        return Err(JsError::shape("estate options", "not an object").into());
    }
    let get = |k: &str| match given(&options) {
        true => Reflect::get(&options, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED),
        false => JsValue::UNDEFINED,
    };
    if given(&options) {
        let known = ["evaluation", "cloud_dataset", "fleet_lines"];
        if let Some(k) = Object::keys(options.unchecked_ref::<Object>())
            .iter()
            .filter_map(|k| k.as_string())
            .find(|k| !known.contains(&k.as_str()))
        {
            let detail = format!(
                "unknown field `{k}`, expected `evaluation`, `cloud_dataset` or `fleet_lines`"
            );
            return Err(JsError::shape("estate options", &detail).into());
        }
    }
    let evaluation = crate::options(&get("evaluation"))?;
    let cloud = get("cloud_dataset");
    let cloud = if given(&cloud) {
        Some(crate::dataset(&cloud)?)
    } else {
        None
    };
    let fleet_lines = get("fleet_lines");
    if given(&fleet_lines) && fleet_lines.as_bool().is_none() {
        return Err(JsError::shape("estate options", "`fleet_lines` must be a boolean").into());
    }
    let (report, lines) = evaluate_estate_with(&ds, cloud.as_deref(), &e, &files, &evaluation)
        .map_err(JsError::from)?;
    if fleet_lines.as_bool() != Some(true) {
        return Ok(to_js(&report)?);
    }
    /// The report, and the fleet's lines as evaluated (what `readInventory` gives).
    #[derive(serde::Serialize)]
    struct WithLines<'a> {
        #[serde(flatten)]
        report: &'a empreinte::Report,
        fleet_lines: Vec<LineOut<'a>>,
    }
    Ok(to_js(&WithLines {
        report: &report,
        fleet_lines: lines.iter().map(|(n, l)| LineOut::new(*n, l)).collect(),
    })?)
}
