//! Digital services: a web page (EcoIndex, Sustainable Web Design v4/v3, OneByte), ADEME's
//! per-use services (e-mail, video meeting, streaming, web search, file transfer), data transfer
//! over a network, and the generic three-tier model. Parameters are dicts read into the core's
//! request types (`empreinte::services::request`: units in the names, unknown keys refused, a
//! missing number refused by the model naming the field). Results are the CLI's JSON.

use crate::pyvalue::{self, ReadError};
use crate::{errors, to_json, PyDataset};
use empreinte::services::{
    batch, page_json, BatchError, PageRequest, PerUseRequest, ServiceError, ThreeTierRequest,
    TransferRequest,
};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde::de::DeserializeOwned;
use serde::Deserialize;

fn read<T: DeserializeOwned>(py: Python<'_>, what: &str, obj: &Bound<'_, PyAny>) -> PyResult<T> {
    pyvalue::read(obj).map_err(|e: ReadError| errors::shape(py, "ServiceError", what, None, e))
}

fn run<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, ServiceError>) -> PyResult<T> {
    errors::catch(f)
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::service(py, &e))
}

/// One page view: `{"ecoindex", "footprint"}` for EcoIndex, `{"estimate", "footprint"}` for
/// the bytes-based models (as `empreinte page --format json`).
#[pyfunction]
pub fn page(py: Python<'_>, params: &Bound<'_, PyAny>) -> PyResult<String> {
    let p: PageRequest = read(py, "page", params)?;
    let (estimate, footprint) = run(py, || p.evaluate())?;
    to_json(&page_json(&estimate, &footprint))
}

/// Many page views by a bytes-based model: `bytes` the pages' weights as float64 values in native
/// byte order, `options` those of `page` but the bytes. Returns the totals (grams CO2e) the same
/// way, each `page(...)["estimate"]["total_gco2e"]` of its page.
#[pyfunction]
pub fn pages<'py>(
    py: Python<'py>,
    bytes: &[u8],
    options: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let p: PageRequest = read(py, "page options", options)?;
    let weights: Vec<f64> = bytes
        .chunks_exact(8)
        .map(|c| f64::from_ne_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect();
    let totals = run_batch(py, || p.web_totals(&weights))?;
    let out: Vec<u8> = totals.iter().flat_map(|t| t.to_ne_bytes()).collect();
    Ok(PyBytes::new(py, &out))
}

/// Many uses of one of ADEME's per-use services: a list of parameter dicts, each with `common`
/// applied as `service` applies it. Returns the JSON array of the results.
#[pyfunction]
pub fn services(
    py: Python<'_>,
    dataset: &PyDataset,
    kind: &str,
    params: &Bound<'_, PyAny>,
    common: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let c: CommonIn = read(py, "service options", common)?;
    let mut requests: Vec<PerUseRequest> = read(py, &format!("{kind} parameters"), params)?;
    for p in &mut requests {
        p.uses = c.uses.or(p.uses);
        p.year = c.year.or(p.year);
        p.terminal_region = c.terminal_region.clone().or(p.terminal_region.take());
        p.data_centre_region = c.data_centre_region.clone().or(p.data_centre_region.take());
        p.exclude_terminals |= c.exclude_terminals;
    }
    let ds = dataset.ds();
    to_json(&run_batch(py, || batch::per_use(ds, kind, &requests))?)
}

fn run_batch<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, BatchError>) -> PyResult<T> {
    errors::catch(f)
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::batch(py, &e))
}

/// Options shared by every service; unset, the model's defaults.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
#[derive(Default)]
struct CommonIn {
    year: Option<i32>,
    terminal_region: Option<String>,
    data_centre_region: Option<String>,
    exclude_terminals: bool,
    uses: Option<f64>,
}

/// One use of a service, times `uses`. ADEME's model (`email`, `visio`, `streaming`,
/// `web_search`, `file_transfer`) gives the service result, as `empreinte service KIND --format
/// json`; `transfer` (the dataset's per-GB factors) and `three_tier` give `{"footprint"}`.
#[pyfunction]
pub fn service(
    py: Python<'_>,
    dataset: &PyDataset,
    kind: &str,
    params: &Bound<'_, PyAny>,
    common: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let ds = dataset.ds();
    let c: CommonIn = read(py, "service options", common)?;
    let what = format!("{kind} parameters");
    let footprint = match kind {
        "transfer" => {
            let mut t: TransferRequest = read(py, &what, params)?;
            t.uses = c.uses.or(t.uses);
            run(py, || t.evaluate(ds))?
        }
        "three_tier" => {
            let mut t: ThreeTierRequest = read(py, &what, params)?;
            t.uses = c.uses.or(t.uses);
            t.year = c.year.or(t.year);
            t.exclude_terminals |= c.exclude_terminals;
            run(py, || t.evaluate(ds))?
        }
        _ => {
            let mut p: PerUseRequest = read(py, &what, params)?;
            p.uses = c.uses.or(p.uses);
            p.year = c.year.or(p.year);
            p.terminal_region = c.terminal_region.or(p.terminal_region);
            p.data_centre_region = c.data_centre_region.or(p.data_centre_region);
            p.exclude_terminals |= c.exclude_terminals;
            return to_json(&run(py, || p.evaluate(ds, kind))?);
        }
    };
    to_json(&serde_json::json!({ "footprint": footprint }))
}
