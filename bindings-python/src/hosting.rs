//! Hosting: a server (bottom-up from its configuration, or the dataset's generic server) or a
//! cloud instance over a duration. The Python layer passes keyword arguments as dicts; they are
//! read by serde into the core's request types (units in the names). The result is the CLI's JSON
//! (`empreinte.hosting/1`).

use crate::pyvalue;
use crate::{errors, to_json, PyDataset};
use empreinte::hosting::{
    hosting_json, CloudRequest, HostingFootprint, ServerRequest, UsageRequest,
};
use pyo3::prelude::*;

fn out(f: &HostingFootprint) -> PyResult<String> {
    to_json(&hosting_json(f))
}

fn usage(py: Python<'_>, usage: &Bound<'_, PyAny>) -> PyResult<UsageRequest> {
    pyvalue::read(usage).map_err(|e| errors::shape(py, "HostingError", "hosting usage", None, e))
}

/// The footprint of a server over a duration.
#[pyfunction]
pub fn server(
    py: Python<'_>,
    dataset: &PyDataset,
    server: &Bound<'_, PyAny>,
    usage_args: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let ds = dataset.ds();
    let s: ServerRequest =
        pyvalue::read(server).map_err(|e| errors::shape(py, "HostingError", "server", None, e))?;
    let usage = usage(py, usage_args)?;
    let f = py
        .detach(|| errors::catch(|| s.evaluate(ds, usage)))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::hosting(py, &e))?;
    out(&f)
}

/// The footprint of a cloud instance over a duration.
#[pyfunction]
pub fn cloud(
    py: Python<'_>,
    dataset: &PyDataset,
    instance: &Bound<'_, PyAny>,
    usage_args: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let ds = dataset.ds();
    let c: CloudRequest = pyvalue::read(instance)
        .map_err(|e| errors::shape(py, "HostingError", "cloud instance", None, e))?;
    let usage = usage(py, usage_args)?;
    let f = py
        .detach(|| errors::catch(|| c.evaluate(ds, usage)))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::hosting(py, &e))?;
    out(&f)
}
