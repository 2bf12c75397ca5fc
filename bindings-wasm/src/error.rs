//! Core errors → JS `Error` objects with a stable `name` and `code`, plus where the input
//! was at fault (`line`, `field`, `file`). One conversion per core error type; no message
//! is rewritten here: the core's messages already say what was wrong and what is valid.

use empreinte::{DatasetError, EvaluateError, InventoryError, RowError};
use wasm_bindgen::JsValue;

/// What is thrown to JS: built into a real `Error` by [`JsError::into_js`].
#[derive(Debug)]
pub struct JsError {
    name: &'static str,
    code: &'static str,
    message: String,
    line: Option<u64>,
    field: Option<&'static str>,
    file: Option<String>,
}

impl JsError {
    fn new(name: &'static str, code: &'static str, message: String) -> JsError {
        JsError {
            name,
            code,
            message,
            line: None,
            field: None,
            file: None,
        }
    }

    /// The JS value of the error (never panics; a property that cannot be set is left out).
    pub fn into_js(self) -> JsValue {
        let error = js_sys::Error::new(&self.message);
        error.set_name(self.name);
        let set = |key: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&error, &JsValue::from_str(key), &value);
        };
        set("code", JsValue::from_str(self.code));
        if let Some(line) = self.line {
            set("line", JsValue::from_f64(line as f64));
        }
        if let Some(field) = self.field {
            set("field", JsValue::from_str(field));
        }
        if let Some(file) = &self.file {
            set("file", JsValue::from_str(file));
        }
        error.into()
    }

    /// The argument given for the inventory is none of the accepted kinds.
    pub fn unsupported_inventory(what: &str) -> JsError {
        JsError::new(
            "InventoryError",
            "unsupported_input",
            format!(
                "the inventory must be a string (CSV or JSON text), a Uint8Array or ArrayBuffer \
                 (the bytes of a file) or an array of objects; got {what}"
            ),
        )
    }

    /// The options object does not have the `EvaluationOptions` shape.
    pub fn invalid_options(detail: impl std::fmt::Display) -> JsError {
        JsError::new(
            "OptionsError",
            "invalid_options",
            format!(
                "invalid evaluation options: {}",
                detail.to_string().trim_start_matches("Error: ")
            ),
        )
    }

    /// The object given to `Dataset.fromFiles` lacks a file or holds a non-string.
    pub fn invalid_dataset_files(detail: impl std::fmt::Display) -> JsError {
        JsError::new(
            "DatasetError",
            "dataset_files",
            format!(
                "Dataset.fromFiles expects {{datapackage, sources, zones, categories, embodied, \
                 refurbishment?, electricity}} as strings (the text of each file): {detail}"
            ),
        )
    }

    /// The `dataset` argument is not a live `Dataset` (not one, or freed).
    pub fn not_a_dataset() -> JsError {
        JsError::new(
            "DatasetError",
            "not_a_dataset",
            "the dataset argument must be a Dataset (Dataset.embedded() or Dataset.fromFiles()) \
             that has not been freed"
                .to_string(),
        )
    }

    /// A result could not be turned into a JS value (a defect, reported rather than panicking).
    pub fn internal(detail: impl std::fmt::Display) -> JsError {
        JsError::new(
            "InternalError",
            "internal",
            format!("empreinte could not convert a result to JavaScript: {detail}"),
        )
    }
}

impl From<InventoryError> for JsError {
    fn from(e: InventoryError) -> JsError {
        let mut out = JsError::new("InventoryError", e.code(), e.to_string());
        out.line = e.line();
        out.field = e.field();
        out
    }
}

/// The only row error that stops an evaluation: the `default_country` option.
fn options_row_error(e: RowError) -> JsError {
    let mut out = JsError::new(
        "OptionsError",
        e.code(),
        format!("option default_country: {e}"),
    );
    out.field = Some("default_country");
    out
}

impl From<EvaluateError> for JsError {
    fn from(e: EvaluateError) -> JsError {
        match e {
            EvaluateError::Inventory(e) => e.into(),
            EvaluateError::Options(e) => options_row_error(e),
        }
    }
}

impl From<RowError> for JsError {
    fn from(e: RowError) -> JsError {
        options_row_error(e)
    }
}

impl From<DatasetError> for JsError {
    fn from(e: DatasetError) -> JsError {
        let mut out = JsError::new("DatasetError", e.code(), e.to_string());
        out.line = e.line();
        out.file = e.file().map(str::to_string);
        out
    }
}

impl From<serde_wasm_bindgen::Error> for JsError {
    fn from(e: serde_wasm_bindgen::Error) -> JsError {
        JsError::internal(e)
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> JsValue {
        e.into_js()
    }
}
