//! GLPI import: agent JSON inventories and CSV exports of GLPI search pages, mapped to the
//! dataset's categories by the core (optionally with a user mapping).

use crate::{errors, source, to_json, PyDataset, PyOptions, PyReport};
use empreinte::glpi::{DepartmentFrom, GlpiImport};
use empreinte::{GlpiImporter, GlpiOptions};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::path::PathBuf;

/// The result of a GLPI import (the core's `GlpiImport`).
#[pyclass(module = "empreinte._empreinte", name = "NativeGlpiImport", frozen)]
#[derive(Debug)]
pub struct PyGlpiImport {
    inner: GlpiImport,
}

#[pymethods]
impl PyGlpiImport {
    /// `{"counts", "items", "skipped_files", "files"}` as JSON.
    fn json(&self) -> PyResult<String> {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            counts: empreinte::glpi::GlpiCounts,
            #[serde(flatten)]
            import: &'a GlpiImport,
        }
        to_json(&Out {
            counts: self.inner.counts(),
            import: &self.inner,
        })
    }

    /// The mapped items as an empreinte inventory CSV, as `empreinte import glpi` writes it
    /// (text that a spreadsheet would run as a formula starts with an apostrophe).
    fn to_csv(&self) -> String {
        self.inner.to_csv()
    }

    /// The same CSV without those apostrophes: parsed straight back into records and frames.
    fn to_plain_csv(&self) -> String {
        self.inner.to_plain_csv()
    }

    /// The items not counted (excluded, unmapped, invalid) with their reason, as CSV.
    fn not_counted_csv(&self) -> String {
        self.inner.not_counted_csv()
    }

    /// Evaluates the mapped items; unmapped and invalid items are rejected rows.
    fn evaluate(
        &self,
        py: Python<'_>,
        dataset: &PyDataset,
        options: &PyOptions,
    ) -> PyResult<PyReport> {
        let (ds, opts) = (dataset.ds(), &options.inner);
        let inner = py
            .detach(|| errors::catch(|| self.inner.evaluate(ds, opts)))
            .map_err(|m| errors::internal(py, &m))?
            .map_err(|e| errors::options(py, &e))?;
        Ok(PyReport { inner })
    }
}

/// Imports GLPI files. `files`: `("path", path)` (a file or a folder) or
/// `("bytes", name, content)` tuples; `mapping`: `(name, content)` of a mapping CSV.
#[pyfunction]
#[pyo3(signature = (dataset, files, mapping = None, department_from = "entity_then_location"))]
pub fn import_glpi(
    py: Python<'_>,
    dataset: &PyDataset,
    files: Vec<Bound<'_, PyTuple>>,
    mapping: Option<(String, Vec<u8>)>,
    department_from: &str,
) -> PyResult<PyGlpiImport> {
    let ds = dataset.ds();
    let department_from = match department_from {
        "entity_then_location" | "auto" => DepartmentFrom::EntityThenLocation,
        "entity" => DepartmentFrom::Entity,
        "location" => DepartmentFrom::Location,
        other => {
            return Err(errors::invalid_option(
                py,
                "department_from",
                &format!("option department_from: unknown value {other:?}; expected entity_then_location, entity or location"),
            ))
        }
    };
    let user = source::mapping(py, ds, mapping)?;
    let mut importer = GlpiImporter::new(ds, user, GlpiOptions { department_from });
    for f in &files {
        let kind: String = f.get_item(0)?.extract()?;
        if kind == "path" {
            let path: PathBuf = f.get_item(1)?.extract()?;
            errors::catch(|| importer.add_path(&path))
                .map_err(|m| errors::internal(py, &m))?
                .map_err(|e| errors::glpi(py, &e))?;
        } else {
            let name: String = f.get_item(1)?.extract()?;
            let bytes: Vec<u8> = f.get_item(2)?.extract()?;
            errors::catch(|| importer.add_bytes(&name, &bytes))
                .map_err(|m| errors::internal(py, &m))?;
        }
    }
    let inner = errors::catch(|| importer.finish()).map_err(|m| errors::internal(py, &m))?;
    Ok(PyGlpiImport { inner })
}
