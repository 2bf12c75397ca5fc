//! GLPI import: agent JSON inventories and CSV exports of GLPI search pages, mapped to the
//! dataset's categories by the core (optionally with a user mapping), then evaluated.

use crate::convert::{bytes, describe};
use crate::error::JsError;
use crate::json::{from_js, to_js};
use empreinte::glpi::{DepartmentFrom, UserMapping};
use empreinte::{Dataset, EvaluationOptions, GlpiImport, GlpiImporter, GlpiOptions};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DepartmentIn {
    #[default]
    EntityThenLocation,
    Entity,
    Location,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct GlpiOptionsIn {
    department_from: DepartmentIn,
    /// Evaluate the mapped items with these options (the report is left out without them).
    evaluation: Option<EvaluationOptions>,
}

#[derive(Serialize)]
struct Out<'a> {
    counts: empreinte::glpi::GlpiCounts,
    #[serde(flatten)]
    import: &'a empreinte::GlpiImport,
    /// The mapped items as an empreinte inventory (CSV), as `empreinte glpi` writes it.
    inventory_csv: String,
    report: Option<empreinte::Report>,
}

/// Imports GLPI files (`[{name, content}]`, content as text or bytes; an optional mapping
/// file as `{name, content}` too). Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = importGlpi, skip_typescript)]
pub fn import_glpi(
    files: JsValue,
    mapping: JsValue,
    options: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let o: GlpiOptionsIn = from_js(&options, "GLPI options")?;
    let import = self::import(&files, &mapping, o.department_from, &ds)?;
    let report = match &o.evaluation {
        Some(opts) => Some(import.evaluate(&ds, opts).map_err(JsError::from)?),
        None => None,
    };
    Ok(to_js(&Out {
        counts: import.counts(),
        import: &import,
        inventory_csv: import.to_csv(),
        report,
    })?)
}

/// The core's import of GLPI files (`[{name, content}]`), with an optional mapping file.
pub(crate) fn import(
    files: &JsValue,
    mapping: &JsValue,
    department_from: DepartmentIn,
    ds: &Dataset,
) -> Result<GlpiImport, JsError> {
    let user = if mapping.is_undefined() || mapping.is_null() {
        UserMapping::default()
    } else {
        let (name, content) = file(mapping)?;
        UserMapping::from_bytes(&name, &content, ds).map_err(JsError::from)?
    };
    let department_from = match department_from {
        DepartmentIn::EntityThenLocation => DepartmentFrom::EntityThenLocation,
        DepartmentIn::Entity => DepartmentFrom::Entity,
        DepartmentIn::Location => DepartmentFrom::Location,
    };
    let mut importer = GlpiImporter::new(ds, user, GlpiOptions { department_from });
    if !js_sys::Array::is_array(files) {
        return Err(JsError::input(
            "invalid_input",
            format!(
                "the GLPI files must be an array of {{name, content}}; got {}",
                describe(files)
            ),
        ));
    }
    for f in js_sys::Array::from(files).iter() {
        let (name, content) = file(&f)?;
        importer.add_bytes(&name, &content);
    }
    Ok(importer.finish())
}

/// `{name, content}` with content as text, `Uint8Array` or `ArrayBuffer`.
fn file(value: &JsValue) -> Result<(String, Vec<u8>), JsError> {
    let get = |k: &str| js_sys::Reflect::get(value, &JsValue::from_str(k)).ok();
    let bad = |what: String| {
        JsError::input(
            "invalid_input",
            format!("a GLPI file must be {{name: string, content: string | Uint8Array | ArrayBuffer}}; {what}"),
        )
    };
    if !value.is_object() {
        return Err(bad(format!("got {}", describe(value))));
    }
    let name = get("name")
        .and_then(|n| n.as_string())
        .ok_or_else(|| bad("`name` is missing".into()))?;
    let content = get("content").unwrap_or(JsValue::UNDEFINED);
    let content = match bytes(&content)? {
        Some(b) if !js_sys::Array::is_array(&content) => b,
        _ => {
            return Err(bad(format!(
                "`content` of {name:?} is {}",
                describe(&content)
            )))
        }
    };
    Ok((name, content))
}
