//! Many bodies in one pass from Python: the sources (files, folders or lists of files, bytes with
//! a name) handed to the core's `bodies::Bodies` one after the other, without the GIL. The result
//! is the core's document as JSON, and the table of bodies (one row per body, then the total).

use crate::{errors, to_json, PyDataset, PyOptions};
use empreinte::bodies::{body_files, table_header, Bodies, Document, SCHEMA};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::path::PathBuf;

/// A body as the Python layer hands it over.
enum Source {
    /// A file (an inventory or an estate), or a folder or list of them.
    Path(PathBuf),
    /// An inventory's bytes, with the body's name.
    Bytes(String, Vec<u8>),
}

/// The table: its header, then one row per body and the total's: `(body, status, numbers)`.
type Table = (Vec<String>, Vec<(String, &'static str, Vec<Option<f64>>)>);

/// Evaluates `sources`: `("path", path)` (a file, a folder or a list of files) or `("bytes",
/// name, bytes)`. Returns the document's JSON and the table.
#[pyfunction]
pub fn evaluate_bodies(
    py: Python<'_>,
    dataset: &PyDataset,
    sources: Vec<Bound<'_, PyAny>>,
    options: &PyOptions,
) -> PyResult<(String, Table)> {
    let mut given = Vec::with_capacity(sources.len());
    for s in &sources {
        let kind: String = s.get_item(0)?.extract()?;
        given.push(match kind.as_str() {
            "path" => Source::Path(s.get_item(1)?.extract()?),
            "bytes" => Source::Bytes(s.get_item(1)?.extract()?, s.get_item(2)?.extract()?),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown body source {other:?}"
                )))
            }
        });
    }
    let ds = dataset.ds();
    let mut pass = Bodies::new(ds, options.inner.clone()).map_err(|e| errors::options(py, &e))?;
    let done = py.detach(|| {
        errors::catch(|| {
            let mut bodies = Vec::new();
            for source in given {
                match source {
                    Source::Bytes(name, bytes) => bodies.push(pass.add_bytes(&name, bytes)),
                    Source::Path(path) if path.is_file() && !is_list(&path) => {
                        bodies.push(pass.add_path(&path))
                    }
                    Source::Path(path) => {
                        let files =
                            body_files(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                        bodies.extend(files.iter().map(|f| pass.add_path(f)));
                    }
                }
            }
            Ok(bodies)
        })
    });
    let bodies = done
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|m: String| PyValueError::new_err(m))?;
    let total = pass.finish();
    let document = Document {
        schema: SCHEMA,
        reporting_year: options.inner.reporting_year,
        dataset: ds.info(),
        bodies: &bodies,
        total: &total,
    };
    let mut rows: Vec<_> = bodies
        .iter()
        .map(|b| {
            let r = b.table_row();
            (r.body.to_string(), r.status, r.numbers)
        })
        .collect();
    let t = total.table_row();
    rows.push((t.body.to_string(), t.status, t.numbers));
    Ok((to_json(&document)?, (table_header(ds.indicators()), rows)))
}

/// Whether a file lists bodies (a `.txt` or `.lst` file) rather than being one.
fn is_list(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("lst"))
}
