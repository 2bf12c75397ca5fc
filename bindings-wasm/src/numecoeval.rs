//! NumEcoEval / G4IT files (full module): an inventory's files given by name, evaluated by the
//! core as an estate (told apart by their headers); a référentiel's `ref_*` tables given to
//! `Dataset.fromFiles`.

use crate::convert::{bytes, describe};
use crate::error::JsError;
use crate::json::to_js;
use empreinte::json::{invalid_type, ShapeError};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// `{name: string | Uint8Array | ArrayBuffer}`: the files by name.
pub fn files(value: &JsValue) -> Result<Vec<(String, Vec<u8>)>, JsError> {
    let bad = |what: String| {
        JsError::input(
            "invalid_input",
            format!(
                "NumEcoEval files must be an object {{name: string | Uint8Array | ArrayBuffer}}; {what}"
            ),
        )
    };
    if !value.is_object() || Array::is_array(value) {
        return Err(bad(format!("got {}", describe(value))));
    }
    let mut out = Vec::new();
    for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
        let entry = Array::from(&entry);
        let (name, content) = (entry.get(0).as_string().unwrap_or_default(), entry.get(1));
        match bytes(&content)? {
            Some(b) if !Array::is_array(&content) => out.push((name, b)),
            _ => return Err(bad(format!("`{name}` is {}", describe(&content)))),
        }
    }
    Ok(out)
}

/// Evaluates NumEcoEval / G4IT files (DataCenter, EquipementPhysique, EquipementVirtuel,
/// Application, Messagerie, Entite, by name, in any order). Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = evaluateNumEcoEval, skip_typescript)]
pub fn evaluate_numecoeval(
    files: JsValue,
    options: JsValue,
    dataset: JsValue,
) -> Result<JsValue, JsValue> {
    let files = self::files(&files)?;
    let options = crate::options(&options)?;
    let ds = crate::dataset(&dataset)?;
    let report =
        empreinte::numecoeval::evaluate_numecoeval(&ds, &files, &options).map_err(JsError::from)?;
    Ok(to_js(&report)?)
}

/// The kind of NumEcoEval file a file is, told by its header (`"numecoeval_physical_equipment"`...), or
/// `null`: how a page tells dropped NumEcoEval files from an inventory. Declared in
/// `ts_full.rs`.
#[wasm_bindgen(js_name = numEcoEvalKind, skip_typescript)]
pub fn numecoeval_kind(content: JsValue) -> Result<Option<String>, JsValue> {
    let Some(b) = bytes(&content)? else {
        return Err(JsError::input(
            "invalid_input",
            format!(
                "a file's content must be a string, Uint8Array or ArrayBuffer; got {}",
                describe(&content)
            ),
        )
        .into());
    };
    let head = &b[..b.len().min(empreinte::numecoeval::DETECTION_HEAD_BYTES)];
    Ok(empreinte::numecoeval::detect(head).map(|k| k.id().to_string()))
}

/// The files of a référentiel (`{ref_criterion, ref_item_impact, ...}`, `.csv` or not), or
/// `None` when the object is not one.
pub fn referential_files(
    v: &serde_json::Value,
) -> Result<Option<Vec<(String, String)>>, ShapeError> {
    let Some(map) = v.as_object() else {
        return Ok(None);
    };
    if !empreinte::dataset::referential::is_referential(map.keys().map(String::as_str)) {
        return Ok(None);
    }
    map.iter()
        .map(|(k, t)| match t.as_str() {
            Some(t) => Ok((k.clone(), t.to_string())),
            None => Err(invalid_type(t, "a string").within(k)),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
