//! `empreinte._empreinte`: the native module behind the `empreinte` Python package.
//!
//! It converts types and errors, nothing else: every figure comes from the `empreinte` crate.
//! The public, documented API is the pure-Python layer in `python/empreinte/`.

mod columns;
mod errors;

use empreinte::dataset::EMBEDDED_IDS;
use empreinte::{Annualisation, Dataset, Evaluation, EvaluationOptions, Report};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::Arc;

/// A dataset compiled into the library, or loaded from files.
#[derive(Debug, Clone)]
enum DatasetRef {
    Embedded(&'static Dataset),
    Loaded(Arc<Dataset>),
}

/// A reference dataset: factors, categories, zones and their sources, at one version.
#[pyclass(module = "empreinte._empreinte", name = "Dataset", frozen)]
#[derive(Debug, Clone)]
struct PyDataset {
    inner: DatasetRef,
}

impl PyDataset {
    fn ds(&self) -> &Dataset {
        match &self.inner {
            DatasetRef::Embedded(d) => d,
            DatasetRef::Loaded(d) => d,
        }
    }
}

/// Serialises with serde and parses with Python's `json`: exact floats, plain dicts and lists.
fn to_python<T: serde::Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    Ok(py.import("json")?.call_method1("loads", (text,))?.unbind())
}

#[pymethods]
impl PyDataset {
    #[staticmethod]
    #[pyo3(signature = (id = None))]
    fn embedded(py: Python<'_>, id: Option<&str>) -> PyResult<PyDataset> {
        let id = id.unwrap_or(EMBEDDED_IDS[0]);
        let ds = errors::catch(|| Dataset::embedded(id).map_err(Box::new))
            .map_err(|m| errors::internal(py, &m))?
            .map_err(|e| errors::dataset(py, &e))?;
        Ok(PyDataset {
            inner: DatasetRef::Embedded(ds),
        })
    }

    #[staticmethod]
    fn from_dir(py: Python<'_>, path: PathBuf) -> PyResult<PyDataset> {
        let ds = py
            .detach(|| errors::catch(|| Dataset::from_dir(&path).map_err(Box::new)))
            .map_err(|m| errors::internal(py, &m))?
            .map_err(|e| errors::dataset(py, &e))?;
        Ok(PyDataset {
            inner: DatasetRef::Loaded(Arc::new(ds)),
        })
    }

    #[getter]
    fn id(&self) -> &str {
        self.ds().id()
    }

    #[getter]
    fn version(&self) -> &str {
        self.ds().version()
    }

    #[getter]
    fn info(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, self.ds().info())
    }

    #[getter]
    fn embedded_in_library(&self) -> bool {
        matches!(self.inner, DatasetRef::Embedded(_))
    }

    fn categories(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, self.ds().categories())
    }

    fn zones(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, self.ds().zones())
    }

    fn sources(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, self.ds().sources())
    }

    fn indicators(&self) -> Vec<&'static str> {
        self.ds().indicators().iter().map(|i| i.id()).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Dataset(id={:?}, version={:?})",
            self.ds().id(),
            self.ds().version()
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyDataset>().is_ok_and(|o| {
            let o = o.get();
            o.ds().id() == self.ds().id() && o.ds().version() == self.ds().version()
        })
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.ds().id(), self.ds().version()).hash(&mut h);
        h.finish()
    }
}

/// Options of an evaluation (the core's `EvaluationOptions`).
#[pyclass(module = "empreinte._empreinte", name = "Options", frozen)]
#[derive(Debug, Clone)]
struct PyOptions {
    inner: EvaluationOptions,
}

#[pymethods]
impl PyOptions {
    #[new]
    #[pyo3(signature = (year = 2025, annualisation = "physical_lifetime", amortisation_years = None, country = None, inhabitants = None, agents = None, pupils = None, lines = false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        year: i32,
        annualisation: &str,
        amortisation_years: Option<f64>,
        country: Option<String>,
        inhabitants: Option<f64>,
        agents: Option<f64>,
        pupils: Option<f64>,
        lines: bool,
    ) -> PyResult<PyOptions> {
        let annualisation = match Annualisation::parse(annualisation) {
            Some(Annualisation::Accounting { default_years }) => Annualisation::Accounting {
                default_years: amortisation_years.unwrap_or(default_years),
            },
            Some(a) => a,
            None => {
                return Err(errors::invalid_option(
                    py,
                    "annualisation",
                    &format!("option annualisation: unknown method {annualisation:?}; expected physical_lifetime, accounting or none"),
                ))
            }
        };
        Ok(PyOptions {
            inner: EvaluationOptions {
                reporting_year: year,
                annualisation,
                default_country: country,
                inhabitants,
                agents,
                pupils,
                keep_lines: lines,
                ..EvaluationOptions::new(year)
            },
        })
    }

    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!("Options({:?})", self.inner)
    }
}

/// A finished evaluation (the core's `Report`).
#[pyclass(module = "empreinte._empreinte", name = "NativeReport", frozen)]
#[derive(Debug)]
struct PyReport {
    inner: Report,
}

#[pymethods]
impl PyReport {
    /// The report as JSON, as `empreinte evaluate --format json` writes it.
    #[pyo3(signature = (pretty = true))]
    fn json(&self, pretty: bool) -> PyResult<String> {
        if pretty {
            Ok(self.inner.to_json())
        } else {
            serde_json::to_string(&self.inner)
                .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
        }
    }

    #[getter]
    fn climate_change_kgco2e(&self) -> f64 {
        self.inner.climate_change_kgco2e()
    }

    #[getter]
    fn rows_read(&self) -> u64 {
        self.inner.counts.rows_read
    }
}

type Evaluated = Result<Result<Report, empreinte::EvaluateError>, String>;

fn finish(py: Python<'_>, result: Evaluated) -> PyResult<PyReport> {
    result
        .map_err(|m| errors::internal(py, &m))?
        .map(|inner| PyReport { inner })
        .map_err(|e| errors::evaluate(py, &e))
}

/// Evaluates CSV (any encoding, `;` or `,`) or JSON bytes.
#[pyfunction]
fn evaluate_bytes(
    py: Python<'_>,
    dataset: &PyDataset,
    data: Vec<u8>,
    options: &PyOptions,
) -> PyResult<PyReport> {
    let (ds, opts) = (dataset.ds(), &options.inner);
    let r = py.detach(|| errors::catch(|| empreinte::evaluate_bytes(ds, data, opts)));
    finish(py, r)
}

/// Evaluates a file: `.json` as JSON, anything else as CSV, streamed (as the CLI does).
#[pyfunction]
fn evaluate_path(
    py: Python<'_>,
    dataset: &PyDataset,
    path: PathBuf,
    options: &PyOptions,
) -> PyResult<PyReport> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (ds, opts) = (dataset.ds(), &options.inner);
    let r = if is_json {
        let bytes = std::fs::read(&path)?;
        py.detach(|| errors::catch(|| empreinte::evaluate_bytes(ds, bytes, opts)))
    } else {
        let file = std::fs::File::open(&path)?;
        let input = BufReader::with_capacity(1 << 16, file);
        py.detach(|| errors::catch(|| empreinte::evaluate_csv(ds, input, opts)))
    };
    finish(py, r)
}

fn start<'d>(py: Python<'_>, ds: &'d Dataset, options: &PyOptions) -> PyResult<Evaluation<'d>> {
    Evaluation::new(ds, options.inner.clone()).map_err(|e| errors::options(py, &e))
}

/// Evaluates a list (any iterable) of dicts, read the way the core reads a JSON array.
#[pyfunction]
fn evaluate_records(
    py: Python<'_>,
    dataset: &PyDataset,
    records: &Bound<'_, PyAny>,
    options: &PyOptions,
) -> PyResult<PyReport> {
    let mut ev = start(py, dataset.ds(), options)?;
    let done = errors::catch(|| columns::add_records(&mut ev, records))
        .map_err(|m| errors::internal(py, &m))?;
    done?;
    let r = py.detach(|| errors::catch(|| Ok(ev.finish())));
    finish(py, r)
}

/// Which inventory field each column name gives (`None`: ignored). Raises `InventoryError`
/// like a CSV header row would (no category column, two columns for one field).
#[pyfunction]
fn map_columns(py: Python<'_>, headers: Vec<String>) -> PyResult<Vec<Option<&'static str>>> {
    let (map, _) = columns::map_headers(&headers).map_err(|e| errors::inventory(py, &e))?;
    Ok(map.columns.iter().map(|f| f.map(|f| f.name())).collect())
}

/// Evaluates the columns of a DataFrame. `columns[i]` is `None` for a column `map_columns`
/// ignores, else a column spec (see `columns::Column`). Rows are evaluated without the GIL.
#[pyfunction]
fn evaluate_columns(
    py: Python<'_>,
    dataset: &PyDataset,
    headers: Vec<String>,
    columns: &Bound<'_, PyList>,
    n_rows: usize,
    options: &PyOptions,
) -> PyResult<PyReport> {
    let (map, warnings) = columns::map_headers(&headers).map_err(|e| errors::inventory(py, &e))?;
    if columns.len() != headers.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "one column spec per header is expected",
        ));
    }
    let mut cols = Vec::new();
    for (field, spec) in map.columns.iter().zip(columns.iter()) {
        if let Some(field) = field {
            cols.push((*field, columns::Column::from_py(&spec, n_rows)?));
        }
    }
    let ds = dataset.ds();
    let mut ev = start(py, ds, options)?;
    for w in warnings {
        ev.warn(w);
    }
    let r = py.detach(|| {
        errors::catch(move || {
            columns::add_columns(&mut ev, &cols, n_rows);
            Ok(ev.finish())
        })
    });
    finish(py, r)
}

/// Ids of the datasets compiled into the library, the default first.
#[pyfunction]
fn embedded_ids() -> Vec<&'static str> {
    EMBEDDED_IDS.to_vec()
}

/// Canonical inventory column names, in schema order.
#[pyfunction]
fn fields() -> Vec<&'static str> {
    empreinte::Field::ALL.iter().map(|f| f.name()).collect()
}

#[pymodule]
fn _empreinte(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add(
        "__version__",
        PyString::new(m.py(), env!("CARGO_PKG_VERSION")),
    )?;
    m.add_class::<PyDataset>()?;
    m.add_class::<PyOptions>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(evaluate_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_path, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_records, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_columns, m)?)?;
    m.add_function(wrap_pyfunction!(map_columns, m)?)?;
    m.add_function(wrap_pyfunction!(embedded_ids, m)?)?;
    m.add_function(wrap_pyfunction!(fields, m)?)?;
    Ok(())
}
