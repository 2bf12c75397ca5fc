//! NumEcoEval / G4IT files: a folder (or a file) of them evaluated by the core as an estate,
//! the report in NumEcoEval's shape, and a dataset from files by name (empreinte's tables or a
//! G4IT référentiel). Conversions only.

use crate::{errors, PyOptions, PyReport};
use empreinte::numecoeval::NamedFiles;
use empreinte::Dataset;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use std::path::PathBuf;

/// The files of a path when it is (or holds) NumEcoEval files, read by the core; `None`
/// otherwise.
pub fn read_path(py: Python<'_>, path: &PathBuf) -> PyResult<Option<NamedFiles>> {
    empreinte::numecoeval::read_paths(std::slice::from_ref(path))
        .map_err(|e| errors::estate(py, &e))
}

/// Evaluates NumEcoEval files (name, bytes).
pub fn evaluate(
    py: Python<'_>,
    ds: &Dataset,
    files: NamedFiles,
    options: &PyOptions,
) -> PyResult<PyReport> {
    let opts = &options.inner;
    py.detach(|| errors::catch(|| empreinte::numecoeval::evaluate_numecoeval(ds, &files, opts)))
        .map_err(|m| errors::internal(py, &m))?
        .map(|inner| PyReport { inner })
        .map_err(|e| errors::estate(py, &e))
}

/// A report in NumEcoEval's shape (CSV, `;`).
pub fn csv(py: Python<'_>, report: &PyReport) -> PyResult<String> {
    let mut out = Vec::new();
    errors::catch(|| {
        empreinte::numecoeval::write_csv(&report.inner, &mut out).map_err(|e| e.to_string())
    })
    .map_err(|m| errors::internal(py, &m))?
    .map_err(pyo3::exceptions::PyOSError::new_err)?;
    String::from_utf8(out).map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}

/// Texts of a dataset's files by name (bytes decoded as the core decodes files).
pub fn texts(files: &Bound<'_, PyDict>) -> PyResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (k, v) in files.iter() {
        let name: String = k.extract()?;
        let text = match v.cast::<PyBytes>() {
            Ok(b) => empreinte::text::decode_auto(b.as_bytes()).0.into_owned(),
            Err(_) => v.extract::<String>()?,
        };
        out.push((name, text));
    }
    Ok(out)
}
