//! `empreinte._empreinte`: the native module behind the `empreinte` Python package.
//!
//! It converts types and errors, nothing else: every figure comes from the `empreinte` crate.
//! The public, documented API is the pure-Python layer in `python/empreinte/`.

mod arrow;
mod bodies;
mod columns;
mod errors;
mod estate;
mod glpi;
mod hosting;
mod numecoeval;
mod planning;
mod pyvalue;
mod services;
mod source;

use empreinte::dataset::EMBEDDED_IDS;
use empreinte::defaults;
use empreinte::{Annualisation, Dataset, Evaluation, EvaluationOptions, MonteCarloOptions, Report};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
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
pub(crate) struct PyDataset {
    inner: DatasetRef,
}

impl PyDataset {
    pub(crate) fn ds(&self) -> &Dataset {
        match &self.inner {
            DatasetRef::Embedded(d) => d,
            DatasetRef::Loaded(d) => d,
        }
    }
}

/// Serialises with serde and parses with Python's `json`: exact floats, plain dicts and lists.
fn to_python<T: serde::Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let text = to_json(value)?;
    Ok(py.import("json")?.call_method1("loads", (text,))?.unbind())
}

/// A result as compact JSON (shortest round-trip floats), for Python's `json.loads`.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> PyResult<String> {
    serde_json::to_string(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
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

    /// A dataset from its files by name (empreinte's tables, or a G4IT référentiel's `ref_*`).
    #[staticmethod]
    #[pyo3(signature = (files, id = None))]
    fn from_files(
        py: Python<'_>,
        files: &Bound<'_, pyo3::types::PyDict>,
        id: Option<String>,
    ) -> PyResult<PyDataset> {
        let texts = numecoeval::texts(files)?;
        let ds = py
            .detach(|| {
                errors::catch(|| Dataset::from_named_files(&texts, id.as_deref()).map_err(Box::new))
            })
            .map_err(|m| errors::internal(py, &m))?
            .map_err(|e| errors::dataset(py, &e))?;
        Ok(PyDataset {
            inner: DatasetRef::Loaded(Arc::new(ds)),
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
pub(crate) struct PyOptions {
    pub(crate) inner: EvaluationOptions,
}

#[pymethods]
impl PyOptions {
    #[new]
    #[pyo3(signature = (year = None, annualisation = "physical_lifetime", amortisation_years = None, country = None, inhabitants = None, agents = None, pupils = None, lines = false, monte_carlo = None, seed = None, use_phase_only_indicators = false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        year: Option<i32>,
        annualisation: &str,
        amortisation_years: Option<f64>,
        country: Option<String>,
        inhabitants: Option<f64>,
        agents: Option<f64>,
        pupils: Option<f64>,
        lines: bool,
        monte_carlo: Option<u32>,
        seed: Option<u64>,
        use_phase_only_indicators: bool,
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
                reporting_year: year.unwrap_or(defaults::REPORTING_YEAR),
                annualisation,
                default_country: country,
                inhabitants,
                agents,
                pupils,
                keep_lines: lines,
                monte_carlo: monte_carlo.map(|draws| MonteCarloOptions {
                    draws,
                    seed: seed.unwrap_or(defaults::MONTE_CARLO_SEED),
                }),
                use_phase_only_indicators,
            },
        })
    }

    /// Options from the core's `EvaluationOptions` JSON shape (a dict); an unknown key or a
    /// value of the wrong type raises `OptionsError` (code `invalid_options`).
    #[staticmethod]
    fn from_dict(py: Python<'_>, options: &Bound<'_, PyAny>) -> PyResult<PyOptions> {
        let inner: EvaluationOptions = pyvalue::read(options).map_err(|e| match e {
            pyvalue::ReadError::Py(e) => e,
            pyvalue::ReadError::Shape(detail) => errors::input(
                py,
                "OptionsError",
                "invalid_options",
                None,
                &format!("invalid options: {detail}"),
            ),
        })?;
        Ok(PyOptions { inner })
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
pub(crate) struct PyReport {
    pub(crate) inner: Report,
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

    /// `None` when not available, never 0 in its place.
    #[getter]
    fn climate_change_kgco2e(&self) -> Option<f64> {
        self.inner.climate_change_kgco2e()
    }

    #[getter]
    fn rows_read(&self) -> u64 {
        self.inner.counts.rows_read
    }

    /// The report in NumEcoEval's shape, as `empreinte evaluate --format numecoeval` writes it.
    fn numecoeval_csv(&self, py: Python<'_>) -> PyResult<String> {
        numecoeval::csv(py, self)
    }
}

type Evaluated = Result<Result<Report, empreinte::EvaluateError>, String>;

fn finish(py: Python<'_>, result: Evaluated) -> PyResult<PyReport> {
    result
        .map_err(|m| errors::internal(py, &m))?
        .map(|inner| PyReport { inner })
        .map_err(|e| errors::evaluate(py, &e))
}

/// Evaluates GLPI input (agent inventories, CSV exports, a folder of them).
fn evaluate_glpi(
    py: Python<'_>,
    ds: &Dataset,
    source: &Bound<'_, PyTuple>,
    options: &PyOptions,
    mapping: Option<(String, Vec<u8>)>,
) -> PyResult<PyReport> {
    let loaded = source::load(py, ds, source, mapping)?;
    let inner = loaded.evaluate(py, ds, &options.inner)?;
    Ok(PyReport { inner })
}

/// Evaluates CSV (any encoding, `;` or `,`) or JSON bytes, or a GLPI agent inventory or export.
#[pyfunction]
#[pyo3(signature = (dataset, data, options, mapping = None))]
fn evaluate_bytes(
    py: Python<'_>,
    dataset: &PyDataset,
    data: Vec<u8>,
    options: &PyOptions,
    mapping: Option<(String, Vec<u8>)>,
) -> PyResult<PyReport> {
    let (ds, opts) = (dataset.ds(), &options.inner);
    if empreinte::glpi::detect(&data).is_some() {
        let source = PyTuple::new(
            py,
            [
                PyString::new(py, "bytes").into_any(),
                PyBytes::new(py, &data).into_any(),
            ],
        )?;
        return evaluate_glpi(py, ds, &source, options, mapping);
    }
    let r = py.detach(|| errors::catch(|| empreinte::evaluate_bytes(ds, data, opts)));
    finish(py, r)
}

/// Evaluates JSON text (an array of line objects, or `{"lines": [...]}`), told to be JSON
/// whatever its first character.
#[pyfunction]
fn evaluate_json(
    py: Python<'_>,
    dataset: &PyDataset,
    text: String,
    options: &PyOptions,
) -> PyResult<PyReport> {
    let (ds, opts) = (dataset.ds(), &options.inner);
    let r = py.detach(|| errors::catch(|| empreinte::evaluate_json(ds, &text, opts)));
    finish(py, r)
}

/// Evaluates a file: `.json` as JSON, anything else as CSV, streamed (as the CLI does); a GLPI
/// file or a folder of them through the GLPI importer.
#[pyfunction]
#[pyo3(signature = (dataset, path, options, mapping = None))]
fn evaluate_path(
    py: Python<'_>,
    dataset: &PyDataset,
    path: PathBuf,
    options: &PyOptions,
    mapping: Option<(String, Vec<u8>)>,
) -> PyResult<PyReport> {
    let (ds, opts) = (dataset.ds(), &options.inner);
    if let Some(files) = numecoeval::read_path(py, &path)? {
        return numecoeval::evaluate(py, ds, files, options);
    }
    if empreinte::glpi::is_glpi_path(&path) {
        let source = PyTuple::new(
            py,
            [
                PyString::new(py, "path").into_any(),
                path.into_pyobject(py)?.into_any(),
            ],
        )?;
        return evaluate_glpi(py, ds, &source, options, mapping);
    }
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
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
/// ignores, else a column spec (see `columns::ColumnSpec`). Rows are evaluated without the GIL.
#[pyfunction]
fn evaluate_columns(
    py: Python<'_>,
    dataset: &PyDataset,
    headers: Vec<String>,
    columns: &Bound<'_, PyList>,
    n_rows: usize,
    options: &PyOptions,
) -> PyResult<PyReport> {
    let ds = dataset.ds();
    let mut ev = start(py, ds, options)?;
    let specs = source::columns_of(py, &headers, columns, &mut ev)?;
    let cols = columns::columns(&specs, n_rows)?;
    let r = py.detach(|| {
        errors::catch(move || {
            columns::evaluate_columns(&mut ev, &cols, n_rows);
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
    m.add("DEFAULTS", to_python(m.py(), &defaults::defaults_json())?)?;
    m.add_class::<PyDataset>()?;
    m.add_class::<PyOptions>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(evaluate_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_path, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_json, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_records, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_columns, m)?)?;
    m.add_function(wrap_pyfunction!(bodies::evaluate_bodies, m)?)?;
    m.add_function(wrap_pyfunction!(map_columns, m)?)?;
    m.add_function(wrap_pyfunction!(embedded_ids, m)?)?;
    m.add_function(wrap_pyfunction!(fields, m)?)?;
    m.add_class::<glpi::PyGlpiImport>()?;
    m.add_function(wrap_pyfunction!(glpi::import_glpi, m)?)?;
    m.add_function(wrap_pyfunction!(planning::compare, m)?)?;
    m.add_function(wrap_pyfunction!(planning::run_scenarios, m)?)?;
    m.add_function(wrap_pyfunction!(planning::trajectory, m)?)?;
    m.add_function(wrap_pyfunction!(planning::review, m)?)?;
    m.add_function(wrap_pyfunction!(planning::evaluate_with_previous, m)?)?;
    m.add_function(wrap_pyfunction!(hosting::server, m)?)?;
    m.add_function(wrap_pyfunction!(hosting::cloud, m)?)?;
    m.add_function(wrap_pyfunction!(services::page, m)?)?;
    m.add_function(wrap_pyfunction!(services::service, m)?)?;
    m.add_function(wrap_pyfunction!(services::pages, m)?)?;
    m.add_function(wrap_pyfunction!(services::services, m)?)?;
    m.add_function(wrap_pyfunction!(estate::is_estate, m)?)?;
    m.add_function(wrap_pyfunction!(estate::evaluate_estate, m)?)?;
    m.add_function(wrap_pyfunction!(estate::review_estate, m)?)?;

    Ok(())
}
