//! The boundary: values cross it as JSON text. Results are written by `serde_json` (shortest
//! round-trip decimals) and parsed by `JSON.parse`; arguments are written by `JSON.stringify`
//! (shortest round-trip decimals too) and parsed by `serde_json` with `float_roundtrip`. Every
//! number arrives exact, and the module carries no JS-object walking code.

use crate::error::JsError;
use empreinte::json::ShapeError;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.stringify`: `undefined` for `undefined`, a function or a symbol; throws on a
    /// circular structure or a BigInt. NaN and ±Infinity are written `null` (an empty cell).
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn to_json(value: &JsValue) -> Result<Option<String>, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
}

/// A result as a plain JS object (objects, arrays, numbers, strings, `null`).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    serde_json::to_string(value)
        .map(|text| json_parse(&text))
        .map_err(JsError::internal)
}

/// The JSON text of a JS value (`None` for `undefined`, a function or a symbol).
pub fn text_of(value: &JsValue) -> Result<Option<String>, JsError> {
    to_json(value).map_err(|_| {
        JsError::input(
            "invalid_input",
            "the argument cannot be written as JSON (a circular structure, or a BigInt)".into(),
        )
    })
}

/// An argument read by the core's hand-written reader (`empreinte::json`), as the default
/// module reads all its arguments; `None` for `undefined` or `null`.
pub fn read_with<T>(
    value: &JsValue,
    what: &str,
    read: impl FnOnce(&serde_json::Value) -> Result<T, ShapeError>,
) -> Result<Option<T>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let text = text_of(value)?.unwrap_or_else(|| "null".into());
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| JsError::shape(what, &e.to_string()))?;
    read(&v)
        .map(Some)
        .map_err(|e| JsError::shape(what, &e.to_string()))
}

/// An argument read into a binding type; `undefined`/`null` give the default (the full
/// module's hosting, services and GLPI arguments, read by serde).
#[cfg(feature = "full")]
pub fn from_js<T: serde::de::DeserializeOwned + Default>(
    value: &JsValue,
    what: &str,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    required(value, what)
}

/// A required argument read into a binding type.
#[cfg(feature = "full")]
pub fn required<T: serde::de::DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsError> {
    let text = text_of(value)?.unwrap_or_else(|| "null".into());
    // Through a `Value`: the typed code then matches on a parsed tree instead of carrying a
    // copy of the JSON parser per argument type (smaller module).
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| JsError::shape(what, &e.to_string()))?;
    T::deserialize(value).map_err(|e| JsError::shape(what, &e.to_string()))
}
