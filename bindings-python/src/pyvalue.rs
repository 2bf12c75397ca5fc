//! Python values → `serde_json::Value`, so argument objects (levers, offers' parts, server
//! configurations, service parameters) are read by serde into typed structs, as JSON would be.
//!
//! Floats cross as f64 (no text round trip); NaN and ±Infinity become the strings `"NaN"`,
//! `"inf"`... so that serde refuses them with a message instead of a silent null.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

/// Deepest nesting accepted (levers, configurations and parameters are 3 levels deep at most).
const MAX_DEPTH: usize = 32;

/// Why a value could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// A Python exception (a failing `__iter__`, a bad `__float__`...).
    Py(PyErr),
    /// The value does not have the expected shape: the message says what was expected.
    Shape(String),
}

impl From<PyErr> for ReadError {
    fn from(e: PyErr) -> Self {
        ReadError::Py(e)
    }
}

fn number(v: f64) -> Value {
    Number::from_f64(v).map_or_else(|| Value::String(v.to_string()), Value::Number)
}

/// Converts a Python value: `None`, bool, int, float (and numpy scalars), str, mappings,
/// lists, tuples. Anything else is a `TypeError`.
pub fn to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    convert(obj, 0)
}

fn convert(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyTypeError::new_err(format!(
            "the argument is nested more than {MAX_DEPTH} levels deep"
        )));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Ok(number(obj.extract::<f64>()?));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(number(obj.extract::<f64>()?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return object(d.iter(), depth);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items = obj
            .try_iter()?
            .map(|x| convert(&x?, depth + 1))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::Array(items));
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        let pairs: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = m
            .items()?
            .iter()
            .map(|kv| kv.extract())
            .collect::<PyResult<_>>()?;
        return object(pairs.into_iter(), depth);
    }
    let type_name = obj.get_type().name()?.to_cow()?.into_owned();
    if type_name.starts_with("bool") {
        return Ok(Value::Bool(obj.is_truthy()?));
    }
    // numpy integers and floats, Decimal, Fraction...
    if obj.hasattr("__index__")? {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
    }
    if obj.hasattr("__float__")? && !obj.is_instance_of::<PyBytes>() {
        let f = obj.call_method0("__float__")?.extract::<f64>()?;
        return Ok(number(f));
    }
    Err(PyTypeError::new_err(format!(
        "expected a number, a string, a list or a dict; got {type_name}"
    )))
}

fn object<'py>(
    pairs: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    depth: usize,
) -> PyResult<Value> {
    let mut map = Map::new();
    for (k, v) in pairs {
        let key = match k.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => k.str()?.to_cow()?.into_owned(),
        };
        map.insert(key, convert(&v, depth + 1)?);
    }
    Ok(Value::Object(map))
}

/// Reads a Python value into `T` through serde; a shape error is described in plain words,
/// without serde_json's text position (meaningless for a Python object).
pub fn read<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> Result<T, ReadError> {
    let value = to_value(obj)?;
    serde_json::from_value(value).map_err(|e| ReadError::Shape(shape_message(&e)))
}

/// serde_json's message without " at line L column C".
pub fn shape_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
