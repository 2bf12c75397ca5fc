//! The yearly review (loi REEN, full module): the core's `review::prepare` and `review::render`
//! over an inventory, a GLPI import or an estate with its files — the document `empreinte
//! report` writes for the same input. This file reads the arguments; the core does the rest.

use crate::convert::{bytes, describe};
use crate::error::JsError;
use crate::estate::given;
use crate::glpi::DepartmentIn;
use crate::json::from_js;
use crate::registry::Held;
use empreinte::estate::{evaluate_estate_with, Estate, InMemoryFiles};
use empreinte::review::{self, LeftOut, PreviousInventory, ReviewFormat, ReviewOptions};
use empreinte::{Baseline, Dataset, EquipmentLine, EvaluationOptions, Lang, ReadInventory};
use js_sys::{Array, Object, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum FormatIn {
    #[default]
    Html,
    Md,
}

/// The request but `previous` (an inventory, which is not JSON) and `options` (read as every
/// function reads evaluation options).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct RequestIn {
    format: FormatIn,
    lang: Lang,
    commune: Option<String>,
    previous_year: Option<i32>,
    horizon: Option<i32>,
    baseline: Baseline,
}

/// What the review is of.
enum Source {
    /// An inventory as `evaluate` takes it.
    Inventory(JsValue),
    /// `{glpi, mapping?, department_from?}`: GLPI files as `importGlpi` takes them.
    Glpi(JsValue, JsValue, DepartmentIn),
    /// `{estate, files?, cloud_dataset?}`: an estate as `evaluateEstate` takes it.
    Estate(Box<Estate>, InMemoryFiles, JsValue),
    /// `{numecoeval}`: NumEcoEval / G4IT files as `evaluateNumEcoEval` takes them.
    NumEcoEval(Vec<(String, Vec<u8>)>),
}

fn bad(what: &str, detail: String) -> JsError {
    JsError::input("invalid_input", format!("the review's {what} {detail}"))
}

/// The own keys of a plain object, refused when one is not in `known`.
fn keys(value: &JsValue, what: &str, known: &[&str]) -> Result<Vec<String>, JsError> {
    let keys: Vec<String> = Object::keys(value.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    if let Some(k) = keys.iter().find(|k| !known.contains(&k.as_str())) {
        return Err(bad(
            what,
            format!("has an unknown key `{k}`; expected {}", known.join(", ")),
        ));
    }
    Ok(keys)
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn department_from(value: &JsValue) -> Result<DepartmentIn, JsError> {
    from_js(value, "GLPI department_from")
}

/// An inventory, `{glpi, ...}` or `{estate, ...}` (`estate` allowed or not: last year's
/// inventory cannot be an estate).
fn source(value: &JsValue, what: &str, estates: bool) -> Result<Source, JsError> {
    if value.is_object() && !Array::is_array(value) && bytes(value)?.is_none() {
        let keys = keys(
            value,
            what,
            if estates {
                &[
                    "glpi",
                    "mapping",
                    "department_from",
                    "estate",
                    "files",
                    "cloud_dataset",
                    "numecoeval",
                ]
            } else {
                &["glpi", "mapping", "department_from"]
            },
        )?;
        if keys.iter().any(|k| k == "glpi") {
            if let Some(k) = keys
                .iter()
                .find(|k| ["estate", "files", "cloud_dataset"].contains(&k.as_str()))
            {
                return Err(bad(what, format!("has `glpi` and `{k}`: give one source")));
            }
            return Ok(Source::Glpi(
                get(value, "glpi"),
                get(value, "mapping"),
                department_from(&get(value, "department_from"))?,
            ));
        }
        if estates && keys.iter().any(|k| k == "numecoeval") {
            if let Some(k) = keys.iter().find(|k| *k != "numecoeval") {
                return Err(bad(
                    what,
                    format!("has `numecoeval` and `{k}`: give one source"),
                ));
            }
            return Ok(Source::NumEcoEval(crate::numecoeval::files(&get(
                value,
                "numecoeval",
            ))?));
        }
        if estates && keys.iter().any(|k| k == "estate") {
            if let Some(k) = keys
                .iter()
                .find(|k| ["mapping", "department_from"].contains(&k.as_str()))
            {
                return Err(bad(what, format!("has `estate` and `{k}`: a GLPI mapping of an estate goes in its fleet entry")));
            }
            return Ok(Source::Estate(
                Box::new(crate::estate::estate(&get(value, "estate"))?),
                crate::estate::files(&get(value, "files"))?,
                get(value, "cloud_dataset"),
            ));
        }
        let expected = if estates {
            "an inventory, {glpi, mapping?}, {estate, files?, cloud_dataset?} or {numecoeval}"
        } else {
            "an inventory or {glpi, mapping?}"
        };
        return Err(bad(what, format!("must be {expected}")));
    }
    if bytes(value)?.is_none() {
        return Err(JsError::unsupported_inventory(&describe(value)));
    }
    Ok(Source::Inventory(value.clone()))
}

/// A source read into lines (and rejected rows), with the GLPI import it came from.
fn read(
    source: &Source,
    ds: &Dataset,
) -> Result<(ReadInventory, Option<empreinte::GlpiImport>), JsError> {
    match source {
        Source::Inventory(v) => Ok((crate::read(v)?, None)),
        Source::Glpi(files, mapping, from) => {
            let import = crate::glpi::import(files, mapping, *from, ds)?;
            Ok((import.to_inventory(), Some(import)))
        }
        Source::Estate(..) | Source::NumEcoEval(_) => {
            Err(bad("previous", "cannot be an estate".into()))
        }
    }
}

/// The yearly review as `empreinte report` renders it (HTML or Markdown). Declared in
/// `ts_full.rs`.
#[wasm_bindgen(skip_typescript)]
pub fn review(source: JsValue, request: JsValue, dataset: JsValue) -> Result<String, JsValue> {
    if given(&request) && (!request.is_object() || Array::is_array(&request)) {
        return Err(bad(
            "request",
            format!("must be an object; got {}", describe(&request)),
        )
        .into());
    }
    // `previous` is an inventory (bytes, text, objects) and `options` evaluation options: read
    // apart from the JSON of the rest.
    let (previous, options, rest) = if given(&request) {
        let rest = Object::assign(&Object::new(), request.unchecked_ref::<Object>());
        for k in ["previous", "options"] {
            let _ = Reflect::delete_property(&rest, &JsValue::from_str(k));
        }
        let (previous, options) = (get(&request, "previous"), get(&request, "options"));
        (previous, options, JsValue::from(rest))
    } else {
        (JsValue::UNDEFINED, JsValue::UNDEFINED, JsValue::UNDEFINED)
    };
    let options: EvaluationOptions = crate::options(&options)?;
    let req: RequestIn = from_js(&rest, "review request")?;
    let source = self::source(&source, "source", true)?;
    let previous = if given(&previous) {
        Some(self::source(&previous, "previous", false)?)
    } else {
        None
    };
    let ds: Held = match &source {
        Source::Estate(e, ..) => crate::estate::dataset(e, &dataset)?,
        _ => crate::dataset(&dataset)?,
    };

    // This year's report and lines, as `empreinte report` evaluates them.
    // NumEcoEval files make an estate (their services) that the review reads as an estate's.
    let made: Estate;
    let (report, lines, left_out, estate): (_, Vec<(u64, EquipmentLine)>, Vec<LeftOut>, _) =
        match &source {
            Source::NumEcoEval(files) => {
                let (report, lines, estate) =
                    empreinte::numecoeval::evaluate_numecoeval_with(&ds, files, &options)
                        .map_err(JsError::from)?;
                made = estate;
                (report, lines, Vec::new(), Some(&made))
            }
            Source::Estate(e, files, cloud) => {
                let cloud = if given(cloud) {
                    Some(crate::dataset(cloud)?)
                } else {
                    None
                };
                let (report, lines) =
                    evaluate_estate_with(&ds, cloud.as_deref(), e, files, &options)
                        .map_err(JsError::from)?;
                (report, lines, Vec::new(), Some(e.as_ref()))
            }
            other => {
                let (inventory, import) = self::read(other, &ds)?;
                let report = match &import {
                    Some(i) => i.evaluate(&ds, &options).map_err(JsError::from)?,
                    None => empreinte::scenario::evaluate_numbered(
                        &ds,
                        &inventory.lines,
                        &inventory.rejected,
                        &options,
                    )
                    .map_err(JsError::from)?,
                };
                let left_out = import.as_ref().map(review::left_out).unwrap_or_default();
                (report, inventory.lines, left_out, None)
            }
        };
    let previous = previous
        .map(|p| self::read(&p, &ds).map(|(inventory, _)| inventory))
        .transpose()?;
    let prepared = review::prepare(
        &ds,
        report,
        &lines,
        previous.as_ref().map(|p| PreviousInventory {
            lines: &p.lines,
            rejected: &p.rejected,
            year: req.previous_year,
        }),
        estate,
        &ReviewOptions {
            horizon: req.horizon,
            baseline: req.baseline.clone(),
            lang: req.lang,
        },
    )
    .map_err(JsError::from)?;
    let commune = req
        .commune
        .as_deref()
        .or(estate.and_then(|e| e.commune.name.as_deref()));
    let input = prepared.input(&left_out, commune, req.lang);
    Ok(review::render(
        &input,
        match req.format {
            FormatIn::Html => ReviewFormat::Html,
            FormatIn::Md => ReviewFormat::Markdown,
        },
    ))
}
