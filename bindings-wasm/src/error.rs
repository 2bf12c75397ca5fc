//! Core errors → JS `Error` objects with a stable `name` and `code`, plus where the input
//! was at fault (`line`, `field`, `file`). One conversion per core error type; no message
//! is rewritten here: the core's messages already say what was wrong and what is valid.

#[cfg(feature = "full")]
use empreinte::{estate::EstateError, services::BatchError, GlpiError, HostingError, ServiceError};
use empreinte::{
    CompareError, DatasetError, EvaluateError, InventoryError, RowError, ScenarioError,
    TrajectoryError,
};
use wasm_bindgen::JsValue;

/// What is thrown to JS: built into a real `Error` by [`JsError::into_js`].
#[derive(Debug)]
pub struct JsError {
    name: &'static str,
    code: &'static str,
    message: String,
    line: Option<u64>,
    field: Option<String>,
    file: Option<String>,
    /// The estate entry at fault (`rooms[0].servers[1]`): `keyPath` (full module).
    #[cfg(feature = "full")]
    key_path: Option<String>,
    /// The item of a batch at fault (from 0): `index` (full module).
    #[cfg(feature = "full")]
    index: Option<usize>,
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
            #[cfg(feature = "full")]
            key_path: None,
            #[cfg(feature = "full")]
            index: None,
        }
    }

    fn with_field(mut self, field: Option<&str>) -> JsError {
        self.field = field.map(str::to_string);
        self
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
        if let Some(field) = &self.field {
            set("field", JsValue::from_str(field));
        }
        if let Some(file) = &self.file {
            set("file", JsValue::from_str(file));
        }
        #[cfg(feature = "full")]
        if let Some(key_path) = &self.key_path {
            set("keyPath", JsValue::from_str(key_path));
        }
        #[cfg(feature = "full")]
        if let Some(index) = self.index {
            set("index", JsValue::from_f64(index as f64));
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

    /// An argument that is not of the expected kind (`InputError`).
    pub fn input(code: &'static str, message: String) -> JsError {
        JsError::new("InputError", code, message)
    }

    /// An argument object does not have its declared shape: evaluation options give an
    /// `OptionsError`, the dataset files a `DatasetError`, anything else an `InputError`.
    pub fn shape(what: &str, detail: &str) -> JsError {
        // serde_json's position is in the JSON text written from the JS value: meaningless here.
        let detail = match detail.rfind(" at line ") {
            Some(i) => &detail[..i],
            None => detail,
        };
        let (name, code) = match what {
            "evaluation options" => ("OptionsError", "invalid_options"),
            "dataset files" => ("DatasetError", "dataset_files"),
            _ => ("InputError", "invalid_input"),
        };
        let message = if what == "dataset files" {
            format!(
                "Dataset.fromFiles expects {{datapackage, sources, zones, categories, embodied, \
                 refurbishment?, electricity, network?, hosting?}} as strings (the text of each \
                 file): {detail}"
            )
        } else {
            format!("invalid {what}: {detail}")
        };
        JsError::new(name, code, message)
    }

    /// The `dataset` argument is a `Dataset` of the other module (`empreinte` / `empreinte/full`).
    pub fn other_module_dataset() -> JsError {
        JsError::new(
            "DatasetError",
            "not_a_dataset",
            "the dataset argument is a Dataset of the other module (empreinte or empreinte/full); \
             make it with this module's Dataset.embedded() or Dataset.fromFiles()"
                .to_string(),
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
            "internal_error",
            format!("empreinte could not convert a result to JavaScript: {detail}"),
        )
    }

    /// A Rust panic (a defect): its message and place (`crate::panic`).
    pub fn panic(message: &str, place: &str) -> JsError {
        JsError::new(
            "InternalError",
            "internal_error",
            format!(
                "internal error in empreinte (a bug, please report it): {message}{place}; \
                 import the module again before using it further"
            ),
        )
    }
}

impl From<InventoryError> for JsError {
    fn from(e: InventoryError) -> JsError {
        let mut out = JsError::new("InventoryError", e.code(), e.to_string());
        out.line = e.line();
        out.with_field(e.field())
    }
}

/// An evaluation option the core refuses (`default_country`, `annualisation`, Monte Carlo...).
fn options_row_error(e: RowError) -> JsError {
    let field = e.field().map(|f| f.name());
    JsError::new("OptionsError", e.code(), format!("option {e}")).with_field(field)
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
        let mut out = JsError::new("DatasetError", e.code(), e.to_string()).with_field(e.field());
        out.line = e.line();
        out.file = e.file().map(str::to_string);
        out
    }
}

impl From<CompareError> for JsError {
    fn from(e: CompareError) -> JsError {
        if let CompareError::Devices(inner) = e {
            return JsError::from(inner);
        }
        let mut out = JsError::new("CompareError", e.code(), e.to_string());
        match &e {
            CompareError::Offer { index, error, .. } => {
                out.line = Some(*index as u64 + 1);
                out.field = error.field().map(|f| f.name().to_string());
            }
            CompareError::Price { index, .. } => {
                out.line = Some(*index as u64 + 1);
                out.field = Some("unit_price_eur".into());
            }
            CompareError::Part { index, .. } => {
                out.line = Some(*index as u64 + 1);
                out.field = Some("replaced_parts".into());
            }
            CompareError::NoOffers | CompareError::Devices(_) => {}
        }
        out
    }
}

impl From<ScenarioError> for JsError {
    fn from(e: ScenarioError) -> JsError {
        match e {
            ScenarioError::Options(e) => options_row_error(e),
            e => JsError::new("ScenarioError", e.code(), e.to_string()).with_field(e.field()),
        }
    }
}

impl From<TrajectoryError> for JsError {
    fn from(e: TrajectoryError) -> JsError {
        match e {
            TrajectoryError::Scenario(e) => e.into(),
            TrajectoryError::Options(e) => options_row_error(e),
            e => JsError::new("ScenarioError", e.code(), e.to_string()).with_field(e.field()),
        }
    }
}

#[cfg(feature = "full")]
impl From<HostingError> for JsError {
    fn from(e: HostingError) -> JsError {
        JsError::new("HostingError", e.code(), e.to_string()).with_field(e.field())
    }
}

#[cfg(feature = "full")]
impl From<ServiceError> for JsError {
    fn from(e: ServiceError) -> JsError {
        JsError::new("ServiceError", e.code(), e.to_string()).with_field(e.field())
    }
}

#[cfg(feature = "full")]
impl From<BatchError> for JsError {
    fn from(e: BatchError) -> JsError {
        let mut out =
            JsError::new("ServiceError", e.code(), e.to_string()).with_field(e.error.field());
        out.index = e.index;
        out
    }
}

#[cfg(feature = "full")]
impl From<GlpiError> for JsError {
    fn from(e: GlpiError) -> JsError {
        let mut out = JsError::new("GlpiError", e.code(), e.to_string());
        if let GlpiError::Mapping { line, .. } = &e {
            out.line = Some(*line);
        }
        out
    }
}

#[cfg(feature = "full")]
impl From<EstateError> for JsError {
    fn from(e: EstateError) -> JsError {
        let mut out = JsError::new("EstateError", e.code(), e.to_string()).with_field(e.field());
        out.line = e.line();
        out.file = e.file().map(str::to_string);
        out.key_path = e.key_path().map(str::to_string);
        out
    }
}

/// A review that could not be prepared: the inner error's name and code; `InputError` with
/// code `unsupported` for what the review does not do yet (last year's inventory with an estate).
#[cfg(feature = "full")]
impl From<empreinte::review::PrepareError> for JsError {
    fn from(e: empreinte::review::PrepareError) -> JsError {
        use empreinte::review::PrepareError as P;
        match e {
            P::Levers(e) => e.into(),
            P::Previous(e) => options_row_error(e),
            P::Trajectory(e) => e.into(),
            P::Estate(e) => e.into(),
            e => JsError::new("InputError", e.code(), e.to_string()),
        }
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> JsValue {
        e.into_js()
    }
}
