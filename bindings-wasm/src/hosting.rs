//! Hosting: a server (bottom-up from its configuration, or the dataset's generic server) or a
//! cloud instance over a duration. Input objects are the core's request types (units in the
//! names); results are the CLI's JSON (`empreinte.hosting/1`).

use crate::error::JsError;
use crate::json::{from_js, required, to_js};
use empreinte::hosting::{hosting_json, CloudRequest, ServerRequest, UsageRequest};
use wasm_bindgen::prelude::*;

/// The footprint of a server over a duration. Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = serverFootprint, skip_typescript)]
pub fn server(server: JsValue, usage: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let s: ServerRequest = from_js(&server, "server")?;
    let usage: UsageRequest = from_js(&usage, "hosting usage")?;
    let f = s.evaluate(&ds, usage).map_err(JsError::from)?;
    Ok(to_js(&hosting_json(&f))?)
}

/// The footprint of a cloud instance over a duration. Declared in `ts_full.rs`.
#[wasm_bindgen(js_name = cloudFootprint, skip_typescript)]
pub fn cloud(instance: JsValue, usage: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let c: CloudRequest = required(&instance, "cloud instance")?;
    let usage: UsageRequest = from_js(&usage, "hosting usage")?;
    let f = c.evaluate(&ds, usage).map_err(JsError::from)?;
    Ok(to_js(&hosting_json(&f))?)
}
