//! Estates: a description (a `.toml` or JSON file, its text, or a dict of the JSON shape) read
//! by the core and evaluated with the files it names relative to a folder. The result is a
//! report with its `estate` section.

use crate::{errors, pyvalue, PyDataset, PyOptions, PyReport};
use empreinte::estate::{Estate, EstateError, Folder};
use empreinte::{defaults, Dataset};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::path::{Path, PathBuf};

/// The name of an estate given as text or as a dict, in its errors (as every runner names it).
const NAME: &str = "estate";

/// Whether a file (its name and first bytes; `""` for text) is an estate description.
#[pyfunction]
pub fn is_estate(name: &str, head: &[u8]) -> bool {
    empreinte::estate::is_estate(name, head)
}

/// An estate description that is not UTF-8 text.
fn not_text(file: &str) -> EstateError {
    EstateError::Syntax {
        file: file.into(),
        line: None,
        message: "an estate description is UTF-8 text".into(),
    }
}

/// The estate given as `("path", path)`, `("bytes", bytes)` or `("dict", obj)`, its dataset
/// (`dataset`, else the estate's embedded id, else the default) and the folder its files are
/// read from (`base_dir`, else the file's folder, else the current directory).
fn load<'d>(
    py: Python<'_>,
    dataset: Option<&'d PyDataset>,
    source: &Bound<'_, PyTuple>,
    base_dir: Option<PathBuf>,
) -> PyResult<(Estate, &'d Dataset, Folder)> {
    let kind: String = source.get_item(0)?.extract()?;
    let value = source.get_item(1)?;
    let (estate, folder) = match kind.as_str() {
        "path" => {
            let path: PathBuf = value.extract()?;
            let name = path.display().to_string();
            let text = String::from_utf8(std::fs::read(&path)?).map_err(|_| not_text(&name));
            let estate = text.and_then(|t| Estate::parse(&name, &t));
            let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
            (estate, folder)
        }
        "bytes" => {
            let bytes: Vec<u8> = value.extract()?;
            let estate = String::from_utf8(bytes)
                .map_err(|_| not_text(NAME))
                .and_then(|t| Estate::parse(NAME, &t));
            (estate, PathBuf::new())
        }
        _ => (
            Estate::from_value(NAME, pyvalue::to_value(&value)?),
            PathBuf::new(),
        ),
    };
    let estate = estate.map_err(|e| errors::estate(py, &e))?;
    let ds: &Dataset = match dataset {
        Some(d) => d.ds(),
        None => Dataset::embedded(estate.dataset.as_deref().unwrap_or(defaults::DATASET))
            .map_err(|e| errors::dataset(py, &e))?,
    };
    Ok((estate, ds, Folder::new(base_dir.unwrap_or(folder))))
}

/// Evaluates an estate given as `("path", path)`, `("bytes", bytes)` or `("dict", obj)`. Its
/// files are read relative to `base_dir` (default: the file's folder, else the current
/// directory); the dataset is `dataset`, else the estate's (an embedded id), else the default.
#[pyfunction]
#[pyo3(signature = (dataset, source, options, base_dir = None))]
pub fn evaluate_estate(
    py: Python<'_>,
    dataset: Option<&PyDataset>,
    source: &Bound<'_, PyTuple>,
    options: &PyOptions,
    base_dir: Option<PathBuf>,
) -> PyResult<PyReport> {
    let (estate, ds, files) = load(py, dataset, source, base_dir)?;
    let opts = &options.inner;
    let result = py
        .detach(|| errors::catch(|| empreinte::estate::evaluate_estate(ds, &estate, &files, opts)));
    result
        .map_err(|m| errors::internal(py, &m))?
        .map(|inner| PyReport { inner })
        .map_err(|e| errors::estate(py, &e))
}

/// The REEN review of an estate (HTML or Markdown), as `empreinte report ESTATE` writes it.
#[pyfunction]
#[pyo3(signature = (dataset, source, options, format, lang, commune = None, horizon = None, baseline = None, base_dir = None))]
#[allow(clippy::too_many_arguments)]
pub fn review_estate(
    py: Python<'_>,
    dataset: Option<&PyDataset>,
    source: &Bound<'_, PyTuple>,
    options: &PyOptions,
    format: &str,
    lang: &str,
    commune: Option<String>,
    horizon: Option<i32>,
    baseline: Option<&Bound<'_, PyAny>>,
    base_dir: Option<PathBuf>,
) -> PyResult<String> {
    let (format, lang) = crate::planning::format_and_lang(py, format, lang)?;
    let baseline = crate::planning::baseline_of(py, baseline)?;
    let (estate, ds, files) = load(py, dataset, source, base_dir)?;
    let opts = &options.inner;
    let (report, lines) = py
        .detach(|| {
            errors::catch(|| {
                empreinte::estate::evaluate_estate_with(ds, None, &estate, &files, opts)
            })
        })
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::estate(py, &e))?;
    let review_options = empreinte::review::ReviewOptions {
        horizon,
        baseline,
        lang,
    };
    let review = errors::catch(|| {
        empreinte::review::prepare(ds, report, &lines, None, Some(&estate), &review_options)
    })
    .map_err(|m| errors::internal(py, &m))?
    .map_err(|e| errors::prepare(py, &e))?;
    let commune = commune.as_deref().or(estate.commune.name.as_deref());
    let input = review.input(&[], commune, lang);
    errors::catch(|| empreinte::review::render(&input, format))
        .map_err(|m| errors::internal(py, &m))
}
