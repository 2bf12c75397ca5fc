//! Procurement and planning: offer comparison, scenarios, trajectory, and the REEN review.
//! Results cross as JSON text (serde_json, shortest round-trip floats) parsed by Python's `json`.

use crate::columns::Cell;
use crate::pyvalue::{self, ReadError};
use crate::source::{self, Loaded};
use crate::{errors, to_json, PyDataset, PyOptions, PyReport};
use empreinte::inventory::ColumnResolver;
use empreinte::review::ReviewFormat;
use empreinte::{
    Allocation, Baseline, CompareError, Lang, Offer, Range, RejectedRow, ReplacedPart, Scenario,
    Warning,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyTuple};
use serde::{Deserialize, Serialize};

/// A replaced part's climate impact: kg CO2e, or `{low, central, high}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum PartClimate {
    Exact(f64),
    Range(Range),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartIn {
    name: String,
    climate_kgco2e: PartClimate,
}

fn offer_error(py: Python<'_>, index: usize, field: &str, message: String) -> PyErr {
    errors::raise(
        py,
        "CompareError",
        &message,
        errors::Detail {
            code: "invalid_input",
            line: Some(index as u64 + 1),
            field: Some(field),
            file: None,
        },
    )
}

/// One offer dict → a core `Offer`: `name`, `unit_price_eur` (or `price_eur`), `replaced_parts`, and inventory keys
/// for the device (read by the core's `ColumnResolver`, like a JSON inventory line).
fn offer(
    py: Python<'_>,
    index: usize,
    item: &Bound<'_, PyAny>,
    resolver: &mut ColumnResolver,
) -> PyResult<Offer> {
    let pairs: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = if let Ok(d) = item.cast::<PyDict>() {
        d.iter().collect()
    } else if let Ok(m) = item.cast::<PyMapping>() {
        m.items()?
            .iter()
            .map(|kv| kv.extract())
            .collect::<PyResult<_>>()?
    } else {
        return Err(offer_error(
            py,
            index,
            "offer",
            format!(
                "offer {index}: expected a dict such as {{\"name\": \"new\", \"category\": \"laptop\"}}"
            ),
        ));
    };
    let mut name = None;
    let mut price = None;
    let mut parts = Vec::new();
    let mut cells: Vec<(String, Cell)> = Vec::new();
    for (k, v) in &pairs {
        let key = k.str()?.to_cow()?.into_owned();
        match empreinte::names::normalize(&key).as_str() {
            "name" | "nom" => name = Some(v.str()?.to_cow()?.into_owned()),
            "unit price eur" | "price eur" | "price" | "prix" | "prix eur" => {
                price = match Cell::from_py(v)? {
                    Cell::Empty => None,
                    Cell::Number(n) => Some(n),
                    Cell::Text(t) => {
                        Some(empreinte::inventory::parse_number(&t).ok_or_else(|| {
                            offer_error(
                                py,
                                index,
                                "unit_price_eur",
                                format!("offer {index}: price {t:?} is not a number"),
                            )
                        })?)
                    }
                    Cell::Invalid(why) => {
                        return Err(offer_error(
                            py,
                            index,
                            "unit_price_eur",
                            format!("offer {index}: price: {why}"),
                        ))
                    }
                }
            }
            "replaced parts" | "parts" | "part" | "pieces" | "piece" => {
                let given: Vec<PartIn> = pyvalue::read(v).map_err(|e| match e {
                    ReadError::Py(e) => e,
                    ReadError::Shape(d) => offer_error(
                        py,
                        index,
                        "replaced_parts",
                        format!("offer {index}: replaced_parts must be a list of {{\"name\", \"climate_kgco2e\"}}: {d}"),
                    ),
                })?;
                parts = given
                    .into_iter()
                    .map(|p| ReplacedPart {
                        name: p.name,
                        climate_kgco2e: match p.climate_kgco2e {
                            PartClimate::Exact(v) => Range::exact(v),
                            PartClimate::Range(r) => r,
                        },
                    })
                    .collect();
            }
            _ => cells.push((key, Cell::from_py(v)?)),
        }
    }
    let name = name.unwrap_or_else(|| format!("offre {}", index + 1));
    let ignored_before = resolver.ignored.len();
    let device = resolver.line(cells.iter().map(|(k, c)| (k.as_str(), c.named())));
    if let Some(key) = resolver.ignored.get(ignored_before) {
        return Err(offer_error(
            py,
            index,
            key,
            format!("offer {index} ({name}): unknown key {key:?}: not an inventory field, nor name, unit_price_eur or replaced_parts"),
        ));
    }
    let device = device.map_err(|error| {
        errors::compare(
            py,
            &CompareError::Offer {
                index,
                name: name.clone(),
                error,
            },
        )
    })?;
    Ok(Offer {
        name,
        device,
        replaced_parts: parts,
        unit_price_eur: price,
    })
}

/// Compares offers for one need, per year of service (the core's `compare_offers`).
#[pyfunction]
pub fn compare(
    py: Python<'_>,
    dataset: &PyDataset,
    offers: &Bound<'_, PyAny>,
    year: Option<i32>,
    allocation: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let allocation: Allocation = pyvalue::read(allocation).map_err(|e| match e {
        ReadError::Py(e) => e,
        ReadError::Shape(_) => errors::invalid_option(
            py,
            "allocation",
            "option allocation: expected \"cut_off\" or \"shared_first_life\"",
        ),
    })?;
    let mut resolver = ColumnResolver::default();
    let mut list = Vec::new();
    for (index, item) in offers.try_iter()?.enumerate() {
        list.push(offer(py, index, &item?, &mut resolver)?);
    }
    let ds = dataset.ds();
    let c = py
        .detach(|| {
            let year = year.unwrap_or(empreinte::defaults::REPORTING_YEAR);
            errors::catch(|| empreinte::compare_offers(ds, &list, year, allocation))
        })
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::compare(py, &e))?;
    to_json(&c)
}

fn scenarios_of(py: Python<'_>, given: &Bound<'_, PyAny>) -> PyResult<Vec<Scenario>> {
    pyvalue::read(given).map_err(|e| {
        errors::shape(
            py,
            "ScenarioError",
            "scenario (expected {\"name\": ..., \"levers\": [{\"lever\": \"extend_lifetime\", \"years\": 2}, ...]})",
            Some("levers"),
            e,
        )
    })
}

/// The trajectory's renewal rule: `"practice"`, `"dataset_lifetime"` or
/// `{"lifetimes": {category: years}}`, read by the core's reader.
pub(crate) fn baseline_of(py: Python<'_>, given: Option<&Bound<'_, PyAny>>) -> PyResult<Baseline> {
    let Some(given) = given else {
        return Ok(Baseline::default());
    };
    pyvalue::read(given).map_err(|e| {
        errors::shape(
            py,
            "TrajectoryError",
            "baseline (expected \"practice\", \"dataset_lifetime\" or {\"lifetimes\": {category: years}})",
            Some("baseline"),
            e,
        )
    })
}

/// What was read but not evaluated, next to a result.
#[derive(Serialize)]
struct ReadNotes<'a> {
    rejected: &'a [RejectedRow],
    warnings: &'a [Warning],
    blank_rows: u64,
}

fn notes(loaded: &Loaded) -> ReadNotes<'_> {
    ReadNotes {
        rejected: &loaded.inventory.rejected,
        warnings: &loaded.inventory.warnings,
        blank_rows: loaded.inventory.blank_rows,
    }
}

/// Runs scenarios against an inventory: the baseline report, and JSON
/// `{"scenarios": [...], "rejected": [...], "warnings": [...], "blank_rows": n}`.
#[pyfunction]
#[pyo3(signature = (dataset, source, scenarios, options, mapping = None))]
pub fn run_scenarios(
    py: Python<'_>,
    dataset: &PyDataset,
    source: &Bound<'_, PyTuple>,
    scenarios: &Bound<'_, PyAny>,
    options: &PyOptions,
    mapping: Option<(String, Vec<u8>)>,
) -> PyResult<(PyReport, String)> {
    let scenarios = scenarios_of(py, scenarios)?;
    let ds = dataset.ds();
    let loaded = source::load(py, ds, source, mapping)?;
    let opts = &options.inner;
    let lines = &loaded.inventory.lines;
    let (baseline, results) = py
        .detach(|| errors::catch(|| empreinte::run_scenarios(ds, lines, &scenarios, opts)))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::scenario(py, &e))?;
    #[derive(Serialize)]
    struct Out<'a> {
        scenarios: &'a [empreinte::ScenarioResult],
        #[serde(flatten)]
        notes: ReadNotes<'a>,
    }
    let out = to_json(&Out {
        scenarios: &results,
        notes: notes(&loaded),
    })?;
    Ok((PyReport { inner: baseline }, out))
}

/// The fleet year by year: JSON `{"series": [...], "rejected": [...], ...}`.
#[pyfunction]
#[pyo3(signature = (dataset, source, scenarios, start, horizon, options, mapping = None, baseline = None))]
#[allow(clippy::too_many_arguments)]
pub fn trajectory(
    py: Python<'_>,
    dataset: &PyDataset,
    source: &Bound<'_, PyTuple>,
    scenarios: &Bound<'_, PyAny>,
    start: Option<i32>,
    horizon: Option<i32>,
    options: &PyOptions,
    mapping: Option<(String, Vec<u8>)>,
    baseline: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let scenarios = scenarios_of(py, scenarios)?;
    let baseline = baseline_of(py, baseline)?;
    let ds = dataset.ds();
    let loaded = source::load(py, ds, source, mapping)?;
    let request = empreinte::trajectory::TrajectoryRequest {
        from: start,
        to: horizon,
        scenarios,
        options: Some(options.inner.clone()),
        baseline,
    };
    let lines = &loaded.inventory.lines;
    let series = py
        .detach(|| errors::catch(|| request.run(ds, lines)))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::trajectory(py, &e))?;
    #[derive(Serialize)]
    struct Out<'a> {
        series: &'a [empreinte::TrajectorySeries],
        #[serde(flatten)]
        notes: ReadNotes<'a>,
    }
    to_json(&Out {
        series: &series,
        notes: notes(&loaded),
    })
}

/// The review's format and language from their ids.
pub(crate) fn format_and_lang(
    py: Python<'_>,
    format: &str,
    lang: &str,
) -> PyResult<(ReviewFormat, Lang)> {
    let format = match format {
        "html" => ReviewFormat::Html,
        "md" | "markdown" => ReviewFormat::Markdown,
        other => {
            return Err(errors::invalid_option(
                py,
                "format",
                &format!("option format: unknown format {other:?}; expected html or md"),
            ))
        }
    };
    let lang = match lang {
        "fr" => Lang::Fr,
        "en" => Lang::En,
        other => {
            return Err(errors::invalid_option(
                py,
                "lang",
                &format!("option lang: unknown language {other:?}; expected fr or en"),
            ))
        }
    };
    Ok((format, lang))
}

/// The yearly review (loi REEN) as HTML or Markdown, as `empreinte report` renders it: this
/// year's report, last year's (`previous`, evaluated for the year before), the standard levers
/// quantified on the inventory, and the GLPI items left out.
#[pyfunction]
#[pyo3(signature = (dataset, source, previous, options, format = "html", lang = "fr", commune = None, mapping = None, previous_year = None, horizon = None, baseline = None))]
#[allow(clippy::too_many_arguments)]
pub fn review(
    py: Python<'_>,
    dataset: &PyDataset,
    source: &Bound<'_, PyTuple>,
    previous: Option<&Bound<'_, PyTuple>>,
    options: &PyOptions,
    format: &str,
    lang: &str,
    commune: Option<String>,
    mapping: Option<(String, Vec<u8>)>,
    previous_year: Option<i32>,
    horizon: Option<i32>,
    baseline: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let baseline = baseline_of(py, baseline)?;
    let (format, lang) = format_and_lang(py, format, lang)?;
    let ds = dataset.ds();
    let opts = &options.inner;
    let loaded = source::load(py, ds, source, mapping.clone())?;
    let report = loaded.evaluate(py, ds, opts)?;
    let prev = previous
        .map(|p| source::load(py, ds, p, mapping))
        .transpose()?;
    let review_options = empreinte::review::ReviewOptions {
        horizon,
        baseline,
        lang,
    };
    let lines = &loaded.inventory.lines;
    let review = py
        .detach(|| {
            errors::catch(|| {
                empreinte::review::prepare(
                    ds,
                    report,
                    lines,
                    prev.as_ref().map(|p| empreinte::review::PreviousInventory {
                        lines: &p.inventory.lines,
                        rejected: &p.inventory.rejected,
                        year: previous_year,
                    }),
                    None,
                    &review_options,
                )
            })
        })
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::prepare(py, &e))?;
    let left_out = loaded.left_out();
    let input = review.input(&left_out, commune.as_deref(), lang);
    errors::catch(|| empreinte::review::render(&input, format))
        .map_err(|m| errors::internal(py, &m))
}

/// This year's inventory evaluated, with the change since last year's split (fleet, age,
/// reference): a report whose JSON has `year_over_year`.
#[pyfunction]
#[pyo3(signature = (dataset, source, previous, options, previous_year = None, mapping = None))]
pub fn evaluate_with_previous(
    py: Python<'_>,
    dataset: &PyDataset,
    source: &Bound<'_, PyTuple>,
    previous: &Bound<'_, PyTuple>,
    options: &PyOptions,
    previous_year: Option<i32>,
    mapping: Option<(String, Vec<u8>)>,
) -> PyResult<PyReport> {
    let ds = dataset.ds();
    let opts = &options.inner;
    let loaded = source::load(py, ds, source, mapping.clone())?;
    let mut report = loaded.evaluate(py, ds, opts)?;
    let prev = source::load(py, ds, previous, mapping)?;
    let last = empreinte::review::PreviousInventory {
        lines: &prev.inventory.lines,
        rejected: &prev.inventory.rejected,
        year: previous_year,
    };
    errors::catch(|| empreinte::review::compare_with_previous(ds, &mut report, last))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::options(py, &e))?;
    Ok(PyReport { inner: report })
}
