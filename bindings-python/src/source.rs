//! Inventories read into memory, whatever form they come in, for the operations that evaluate
//! the same lines several times (scenarios, trajectories, the review): the core's
//! `read_inventory` for bytes and files, the column reader for DataFrames and dicts, and the
//! GLPI importer for GLPI agent inventories and exports.
//!
//! The Python layer hands a source over as a tuple: `("path", str)`, `("bytes", bytes)`,
//! `("records", iterable of dicts)` or `("columns", headers, specs, n_rows)`.

use crate::columns::{self, Sink};
use crate::errors;
use empreinte::glpi::{DepartmentFrom, GlpiImport, ItemStatus, UserMapping};
use empreinte::review::LeftOut;
use empreinte::{
    Dataset, EvaluationOptions, GlpiImporter, GlpiOptions, ReadInventory, Report, Warning,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use std::path::PathBuf;

/// An inventory in memory, and the GLPI import it came from, if any.
#[derive(Debug, Default)]
pub struct Loaded {
    pub inventory: ReadInventory,
    pub import: Option<GlpiImport>,
}

impl Loaded {
    /// Items deliberately left out (GLPI exclusions), for the review.
    pub fn left_out(&self) -> Vec<LeftOut> {
        self.import.as_ref().map_or_else(Vec::new, |i| {
            i.items
                .iter()
                .filter(|i| i.status == ItemStatus::Excluded)
                .map(LeftOut::from)
                .collect()
        })
    }

    /// The report of these lines, rejected rows included (GLPI: every item accounted for), as
    /// `empreinte report` evaluates them.
    pub fn evaluate(
        &self,
        py: Python<'_>,
        ds: &Dataset,
        options: &EvaluationOptions,
    ) -> PyResult<Report> {
        let result = match &self.import {
            Some(import) => errors::catch(|| import.evaluate(ds, options)),
            None => errors::catch(|| {
                empreinte::scenario::evaluate_numbered(
                    ds,
                    &self.inventory.lines,
                    &self.inventory.rejected,
                    options,
                )
            }),
        };
        result
            .map_err(|m| errors::internal(py, &m))?
            .map_err(|e| errors::options(py, &e))
    }
}

/// A GLPI mapping file given as `(name, content)`, or none.
pub fn mapping(
    py: Python<'_>,
    ds: &Dataset,
    given: Option<(String, Vec<u8>)>,
) -> PyResult<UserMapping> {
    match given {
        None => Ok(UserMapping::default()),
        Some((name, bytes)) => {
            UserMapping::from_bytes(&name, &bytes, ds).map_err(|e| errors::glpi(py, &e))
        }
    }
}

fn glpi_import(
    py: Python<'_>,
    ds: &Dataset,
    mapping: UserMapping,
    add: impl FnOnce(&mut GlpiImporter<'_>) -> Result<(), empreinte::GlpiError>,
) -> PyResult<GlpiImport> {
    let mut importer = GlpiImporter::new(
        ds,
        mapping,
        GlpiOptions {
            department_from: DepartmentFrom::EntityThenLocation,
        },
    );
    errors::catch(|| add(&mut importer).map(|_| importer.finish()))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::glpi(py, &e))
}

fn from_import(import: GlpiImport) -> Loaded {
    let mut inventory = ReadInventory::default();
    for item in &import.items {
        if let Some(line) = item.line() {
            inventory.lines.push((item.number, line));
        }
    }
    Loaded {
        inventory,
        import: Some(import),
    }
}

fn read_bytes(py: Python<'_>, bytes: Vec<u8>) -> PyResult<ReadInventory> {
    py.detach(|| errors::catch(|| empreinte::read_inventory(bytes)))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::inventory(py, &e))
}

/// Reads a source (see the module documentation) into memory.
pub fn load(
    py: Python<'_>,
    ds: &Dataset,
    source: &Bound<'_, PyTuple>,
    mapping_file: Option<(String, Vec<u8>)>,
) -> PyResult<Loaded> {
    let kind: String = source.get_item(0)?.extract()?;
    match kind.as_str() {
        "path" => {
            let path: PathBuf = source.get_item(1)?.extract()?;
            if empreinte::glpi::is_glpi_path(&path) {
                let m = mapping(py, ds, mapping_file)?;
                let import = glpi_import(py, ds, m, |i| i.add_path(&path))?;
                return Ok(from_import(import));
            }
            let bytes = std::fs::read(&path)?;
            Ok(Loaded {
                inventory: read_bytes(py, bytes)?,
                import: None,
            })
        }
        "bytes" => {
            let bytes: Vec<u8> = source.get_item(1)?.extract()?;
            if empreinte::glpi::detect(&bytes).is_some() {
                let m = mapping(py, ds, mapping_file)?;
                let import = glpi_import(py, ds, m, |i| {
                    i.add_bytes("<bytes>", &bytes);
                    Ok(())
                })?;
                return Ok(from_import(import));
            }
            Ok(Loaded {
                inventory: read_bytes(py, bytes)?,
                import: None,
            })
        }
        "records" => {
            let mut inventory = ReadInventory::default();
            let records = source.get_item(1)?;
            errors::catch(|| columns::add_records(&mut inventory, &records))
                .map_err(|m| errors::internal(py, &m))??;
            Ok(Loaded {
                inventory,
                import: None,
            })
        }
        "columns" => {
            let headers: Vec<String> = source.get_item(1)?.extract()?;
            let specs = source.get_item(2)?;
            let specs = specs.cast::<PyList>()?;
            let n_rows: usize = source.get_item(3)?.extract()?;
            let mut inventory = ReadInventory::default();
            let specs = columns_of(py, &headers, specs, &mut inventory)?;
            let cols = columns::columns(&specs, n_rows)?;
            errors::catch(|| columns::read_columns(&mut inventory, &cols, n_rows))
                .map_err(|m| errors::internal(py, &m))?;
            Ok(Loaded {
                inventory,
                import: None,
            })
        }
        other => Err(PyValueError::new_err(format!(
            "unknown inventory source {other:?}"
        ))),
    }
}

/// The mapped columns of a DataFrame; the header warnings go to `sink`.
pub fn columns_of<'py>(
    py: Python<'py>,
    headers: &[String],
    specs: &Bound<'py, PyList>,
    sink: &mut impl Sink,
) -> PyResult<Vec<(empreinte::Field, columns::ColumnSpec<'py>)>> {
    let (map, warnings): (_, Vec<Warning>) =
        columns::map_headers(headers).map_err(|e| errors::inventory(py, &e))?;
    if specs.len() != headers.len() {
        return Err(PyValueError::new_err(
            "one column spec per header is expected",
        ));
    }
    let mut cols = Vec::new();
    for (field, spec) in map.columns.iter().zip(specs.iter()) {
        if let Some(field) = field {
            cols.push((*field, columns::ColumnSpec::from_py(&spec)?));
        }
    }
    for w in warnings {
        sink.warn(w);
    }
    Ok(cols)
}
