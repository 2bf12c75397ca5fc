//! Core errors → the Python exception hierarchy of `empreinte.errors`.
//!
//! The exception classes are plain Python (they need multiple inheritance:
//! `InventoryError(EmpreinteError, ValueError)`), so they are looked up at raise time.

use crate::pyvalue::ReadError;
use empreinte::estate::EstateError;
use empreinte::services::BatchError;
use empreinte::{
    CompareError, DatasetError, EvaluateError, GlpiError, HostingError, InventoryError, RowError,
    ScenarioError, ServiceError, TrajectoryError,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// What a raised exception carries besides its message.
#[derive(Debug, Default)]
pub struct Detail<'a> {
    pub code: &'a str,
    pub line: Option<u64>,
    pub field: Option<&'a str>,
    pub file: Option<&'a str>,
}

/// Builds an instance of `empreinte.errors.<class>`; a plain `ValueError` if the Python layer
/// is missing (the native module used on its own).
pub fn raise(py: Python<'_>, class: &str, message: &str, d: Detail<'_>) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let cls = py.import("empreinte.errors")?.getattr(class)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("code", d.code)?;
        kwargs.set_item("line", d.line)?;
        kwargs.set_item("field", d.field)?;
        if matches!(class, "DatasetError" | "GlpiError" | "EstateError") {
            kwargs.set_item("file", d.file)?;
        }
        Ok(PyErr::from_value(cls.call((message,), Some(&kwargs))?))
    };
    build().unwrap_or_else(|_| PyValueError::new_err(format!("{message} [{}]", d.code)))
}

pub fn inventory(py: Python<'_>, e: &InventoryError) -> PyErr {
    raise(
        py,
        "InventoryError",
        &e.to_string(),
        Detail {
            code: e.code(),
            line: e.line(),
            field: e.field(),
            file: None,
        },
    )
}

pub fn options(py: Python<'_>, e: &RowError) -> PyErr {
    raise(
        py,
        "OptionsError",
        &format!("option {}", e),
        Detail {
            code: e.code(),
            line: None,
            field: e.field().map(|f| f.name()),
            file: None,
        },
    )
}

pub fn evaluate(py: Python<'_>, e: &EvaluateError) -> PyErr {
    match e {
        EvaluateError::Inventory(e) => inventory(py, e),
        EvaluateError::Options(e) => options(py, e),
    }
}

pub fn dataset(py: Python<'_>, e: &DatasetError) -> PyErr {
    raise(
        py,
        "DatasetError",
        &e.to_string(),
        Detail {
            code: e.code(),
            line: e.line(),
            field: e.field(),
            file: e.file(),
        },
    )
}

/// An option value the binding cannot turn into core options.
pub fn invalid_option(py: Python<'_>, field: &str, message: &str) -> PyErr {
    raise(
        py,
        "OptionsError",
        message,
        Detail {
            code: "invalid_option",
            line: None,
            field: Some(field),
            file: None,
        },
    )
}

/// Raises `class` with a code and a field, no line.
fn simple(py: Python<'_>, class: &str, message: &str, code: &str, field: Option<&str>) -> PyErr {
    raise(
        py,
        class,
        message,
        Detail {
            code,
            line: None,
            field,
            file: None,
        },
    )
}

/// An argument object that does not have its documented shape (`code` `invalid_input`),
/// raised as the operation's exception class; a Python exception passes through.
pub fn shape(py: Python<'_>, class: &str, what: &str, field: Option<&str>, e: ReadError) -> PyErr {
    match e {
        ReadError::Py(e) => e,
        ReadError::Shape(detail) => simple(
            py,
            class,
            &format!("invalid {what}: {detail}"),
            "invalid_input",
            field,
        ),
    }
}

/// An argument value the binding refuses before calling the core (`code` given).
pub fn input(py: Python<'_>, class: &str, code: &str, field: Option<&str>, message: &str) -> PyErr {
    simple(py, class, message, code, field)
}

pub fn compare(py: Python<'_>, e: &CompareError) -> PyErr {
    let (line, field) = match e {
        CompareError::Offer { index, error, .. } => {
            (Some(*index as u64 + 1), error.field().map(|f| f.name()))
        }
        CompareError::Price { index, .. } => (Some(*index as u64 + 1), Some("unit_price_eur")),
        CompareError::Part { index, .. } => (Some(*index as u64 + 1), Some("replaced_parts")),
        CompareError::NoOffers | CompareError::Devices(_) => (None, None),
    };
    raise(
        py,
        "CompareError",
        &e.to_string(),
        Detail {
            code: e.code(),
            line,
            field,
            file: None,
        },
    )
}

pub fn scenario(py: Python<'_>, e: &ScenarioError) -> PyErr {
    match e {
        ScenarioError::Options(e) => options(py, e),
        _ => simple(py, "ScenarioError", &e.to_string(), e.code(), e.field()),
    }
}

pub fn trajectory(py: Python<'_>, e: &TrajectoryError) -> PyErr {
    match e {
        TrajectoryError::Scenario(e) => scenario(py, e),
        TrajectoryError::Options(e) => options(py, e),
        TrajectoryError::HorizonBeforeStart { .. }
        | TrajectoryError::TooLong { .. }
        | TrajectoryError::UnknownCategory { .. }
        | TrajectoryError::LifetimeOutOfRange { .. } => {
            simple(py, "TrajectoryError", &e.to_string(), e.code(), e.field())
        }
    }
}

pub fn hosting(py: Python<'_>, e: &HostingError) -> PyErr {
    simple(py, "HostingError", &e.to_string(), e.code(), e.field())
}

pub fn service(py: Python<'_>, e: &ServiceError) -> PyErr {
    simple(py, "ServiceError", &e.to_string(), e.code(), e.field())
}

/// An item of a batch (or the options they share) that cannot be evaluated: `ServiceError` with
/// the item's `index` too (`None`: the options).
pub fn batch(py: Python<'_>, e: &BatchError) -> PyErr {
    let err = simple(
        py,
        "ServiceError",
        &e.to_string(),
        e.code(),
        e.error.field(),
    );
    let _ = err.value(py).setattr("index", e.index);
    err
}

/// An estate that cannot be evaluated: `EstateError` with the entry's `key_path` too.
pub fn estate(py: Python<'_>, e: &EstateError) -> PyErr {
    let detail = Detail {
        code: e.code(),
        line: e.line(),
        field: e.field(),
        file: e.file(),
    };
    let err = raise(py, "EstateError", &e.to_string(), detail);
    // Not an `EstateError` when the Python layer is missing (a plain `ValueError`): no attribute.
    let _ = err.value(py).setattr("key_path", e.key_path());
    err
}

pub fn glpi(py: Python<'_>, e: &GlpiError) -> PyErr {
    let (line, file) = match e {
        GlpiError::Mapping {
            line, source_name, ..
        } => (Some(*line), Some(source_name.as_str())),
        GlpiError::Io { path, .. } => (None, Some(path.as_str())),
        _ => (None, None),
    };
    raise(
        py,
        "GlpiError",
        &e.to_string(),
        Detail {
            code: e.code(),
            line,
            field: None,
            file,
        },
    )
}

/// Last resort: runs `f`, turning a panic into its message (see [`internal`]).
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

/// A panic caught by [`catch`] becomes an `EmpreinteError`, never a `PanicException`.
pub fn internal(py: Python<'_>, what: &str) -> PyErr {
    raise(
        py,
        "EmpreinteError",
        &format!("internal error in empreinte (please report it): {what}"),
        Detail {
            code: "internal_error",
            ..Detail::default()
        },
    )
}

/// A review that could not be prepared: the inner error's exception.
pub fn prepare(py: Python<'_>, e: &empreinte::review::PrepareError) -> PyErr {
    use empreinte::review::PrepareError as P;
    match e {
        P::Levers(e) => scenario(py, e),
        P::Previous(e) => options(py, e),
        P::Trajectory(e) => trajectory(py, e),
        other => simple(py, "EmpreinteError", &other.to_string(), other.code(), None),
    }
}
