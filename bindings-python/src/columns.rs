//! Inventories that are Python objects rather than text: a list of dicts (read like a JSON
//! array), and the columns of a DataFrame (read like a CSV file, column by column).
//!
//! Only conversion lives here: every value goes through the core's `line_from_cells`, every
//! column name through `Field::from_header` / `ColumnMap`, the same as CSV and JSON input.

use empreinte::inventory::ColumnMap;
use empreinte::{line_from_cells, CellValue, Evaluation, Field, RejectedRow, RowError, Warning};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use std::collections::HashMap;

/// A cell owned by Rust, so rows can be evaluated without the GIL.
#[derive(Debug, Clone)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A value of a type no inventory field takes (bool, list, dict): the row is rejected.
    Invalid(&'static str),
}

const NOT_SCALAR: &str = "expected a number or a string";

impl Cell {
    /// `None` and NaN are empty (pandas writes missing values as NaN); strings stay text;
    /// numbers (Python or numpy) are numbers; other objects are read through `str()`.
    pub fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Cell> {
        if obj.is_none() {
            return Ok(Cell::Empty);
        }
        if obj.is_instance_of::<PyBool>() {
            return Ok(Cell::Invalid(
                "expected a number or a string, not a boolean",
            ));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Cell::Text(s.to_cow()?.into_owned()));
        }
        if obj.is_instance_of::<PyFloat>() || obj.is_instance_of::<PyInt>() {
            let v: f64 = obj.extract()?;
            return Ok(if v.is_nan() {
                Cell::Empty
            } else {
                Cell::Number(v)
            });
        }
        if obj.is_instance_of::<PyList>()
            || obj.is_instance_of::<PyTuple>()
            || obj.is_instance_of::<PyDict>()
        {
            return Ok(Cell::Invalid(NOT_SCALAR));
        }
        let type_name = obj.get_type().name()?.to_cow()?.into_owned();
        if matches!(type_name.as_str(), "NAType" | "NaTType") {
            return Ok(Cell::Empty);
        }
        if type_name.starts_with("bool") {
            return Ok(Cell::Invalid(
                "expected a number or a string, not a boolean",
            ));
        }
        // numpy scalars, Decimal...: anything with `__float__`.
        if obj.hasattr("__float__")? {
            if let Ok(v) = obj.extract::<f64>() {
                return Ok(if v.is_nan() {
                    Cell::Empty
                } else {
                    Cell::Number(v)
                });
            }
        }
        // Dates, timestamps...: their text ("2021-03-15 00:00:00" gives the year 2021).
        Ok(Cell::Text(obj.str()?.to_cow()?.into_owned()))
    }

    fn value(&self) -> Option<Result<CellValue<'_>, &'static str>> {
        match self {
            Cell::Empty => None,
            Cell::Text(t) if t.trim().is_empty() => None,
            Cell::Text(t) => Some(Ok(CellValue::Text(t))),
            Cell::Number(n) => Some(Ok(CellValue::Number(*n))),
            Cell::Invalid(why) => Some(Err(why)),
        }
    }
}

/// Builds a line from cells, or the rejection of its row.
fn line_from<'a>(
    cells: impl Iterator<Item = (Field, Result<CellValue<'a>, &'static str>)>,
) -> Result<empreinte::EquipmentLine, RowError> {
    let mut ok = Vec::with_capacity(13);
    for (field, v) in cells {
        match v {
            Ok(v) => ok.push((field, v)),
            Err(reason) => {
                return Err(RowError::InvalidText {
                    field,
                    reason: reason.into(),
                })
            }
        }
    }
    line_from_cells(ok)
}

/// Evaluates a list of dicts the way the core reads a JSON array: keys are column names (any
/// alias), `line` is the 1-based position of the item.
pub fn add_records(ev: &mut Evaluation<'_>, records: &Bound<'_, PyAny>) -> PyResult<()> {
    let mut keys: HashMap<String, Option<(Field, u8)>> = HashMap::new();
    let mut ignored: Vec<String> = Vec::new();
    for (i, item) in records.try_iter()?.enumerate() {
        let line = i as u64 + 1;
        let item = item?;
        let pairs: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = if let Ok(d) = item.cast::<PyDict>()
        {
            d.iter().collect()
        } else if let Ok(m) = item.cast::<PyMapping>() {
            m.items()?
                .iter()
                .map(|kv| kv.extract())
                .collect::<PyResult<_>>()?
        } else {
            ev.reject(RejectedRow {
                line,
                error: RowError::InvalidText {
                    field: Field::Category,
                    reason: "each line must be a dict such as {\"category\": \"laptop\", \"quantity\": 2}".into(),
                },
            });
            continue;
        };
        // Same precedence as the JSON reader: a strong column name beats a weak one.
        let mut cells: Vec<(Field, u8, Cell)> = Vec::with_capacity(pairs.len());
        for (k, v) in &pairs {
            let key = k.str()?.to_cow()?.into_owned();
            let found = *keys
                .entry(key.clone())
                .or_insert_with(|| Field::from_header(&key));
            let Some((field, strength)) = found else {
                if !ignored.contains(&key) && ignored.len() < 50 {
                    ignored.push(key);
                }
                continue;
            };
            if let Some(pos) = cells.iter().position(|(f, _, _)| *f == field) {
                if cells[pos].1 >= strength {
                    continue;
                }
                cells.remove(pos);
            }
            cells.push((field, strength, Cell::from_py(v)?));
        }
        let result = line_from(
            cells
                .iter()
                .filter_map(|(f, _, c)| c.value().map(|v| (*f, v))),
        );
        match result {
            Ok(l) => {
                let _ = ev.add(line, &l);
            }
            Err(error) => ev.reject(RejectedRow { line, error }),
        }
    }
    for key in ignored {
        ev.warn(Warning {
            line: None,
            field: None,
            code: "ignored_column",
            message: format!("key {key:?} ignored: not an inventory field"),
        });
    }
    Ok(())
}

/// One DataFrame column, as the Python layer hands it over (see `empreinte/_frames.py`).
#[derive(Debug)]
pub enum Column {
    /// `("f64", bytes)`: float64 values in native byte order; NaN is a missing value.
    F64(Vec<f64>),
    /// `("codes", bytes, uniques)`: int64 codes into `uniques` (-1: missing), as `pandas.factorize` gives.
    Codes(Vec<i64>, Vec<Cell>),
    /// `("objects", list)`: any Python values.
    Objects(Vec<Cell>),
}

fn native_words<const N: usize>(bytes: &[u8]) -> impl Iterator<Item = [u8; N]> + '_ {
    bytes.chunks_exact(N).map(|c| {
        let mut w = [0u8; N];
        w.copy_from_slice(c);
        w
    })
}

impl Column {
    pub fn from_py(spec: &Bound<'_, PyAny>, n_rows: usize) -> PyResult<Column> {
        let kind: String = spec.get_item(0)?.extract()?;
        let payload = spec.get_item(1)?;
        let col = match kind.as_str() {
            "f64" => {
                let b = payload.cast::<PyBytes>()?.as_bytes();
                Column::F64(native_words::<8>(b).map(f64::from_ne_bytes).collect())
            }
            "codes" => {
                let b = payload.cast::<PyBytes>()?.as_bytes();
                let uniques = spec
                    .get_item(2)?
                    .try_iter()?
                    .map(|o| Cell::from_py(&o?))
                    .collect::<PyResult<Vec<Cell>>>()?;
                let codes: Vec<i64> = native_words::<8>(b).map(i64::from_ne_bytes).collect();
                if codes.iter().any(|c| *c >= uniques.len() as i64) {
                    return Err(PyValueError::new_err("column code out of range"));
                }
                Column::Codes(codes, uniques)
            }
            "objects" => Column::Objects(
                payload
                    .try_iter()?
                    .map(|o| Cell::from_py(&o?))
                    .collect::<PyResult<_>>()?,
            ),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown column kind {other:?}"
                )))
            }
        };
        if col.len() != n_rows {
            return Err(PyValueError::new_err(format!(
                "a column has {} values, expected {n_rows}",
                col.len()
            )));
        }
        Ok(col)
    }

    fn len(&self) -> usize {
        match self {
            Column::F64(v) => v.len(),
            Column::Codes(c, _) => c.len(),
            Column::Objects(v) => v.len(),
        }
    }

    #[inline]
    fn get(&self, row: usize) -> Option<Result<CellValue<'_>, &'static str>> {
        match self {
            Column::F64(v) => Some(v[row])
                .filter(|x| !x.is_nan())
                .map(|x| Ok(CellValue::Number(x))),
            Column::Codes(codes, uniques) => usize::try_from(codes[row])
                .ok()
                .and_then(|c| uniques[c].value()),
            Column::Objects(v) => v[row].value(),
        }
    }
}

/// Maps column names to inventory fields the way the CSV reader maps a header row.
pub fn map_headers(
    headers: &[String],
) -> Result<(ColumnMap, Vec<Warning>), empreinte::InventoryError> {
    let mut warnings = Vec::new();
    let map = ColumnMap::from_headers(headers, &mut warnings)?;
    Ok((map, warnings))
}

/// Evaluates rows from columns; `line` is the 1-based row position. A row whose cells are all
/// empty is counted as blank, as the CSV reader does.
pub fn add_columns(ev: &mut Evaluation<'_>, columns: &[(Field, Column)], n_rows: usize) {
    let mut cells: Vec<(Field, Result<CellValue<'_>, &'static str>)> =
        Vec::with_capacity(columns.len());
    let mut blank = 0;
    for row in 0..n_rows {
        cells.clear();
        cells.extend(
            columns
                .iter()
                .filter_map(|(f, c)| c.get(row).map(|v| (*f, v))),
        );
        if cells.is_empty() {
            blank += 1;
            continue;
        }
        let line = row as u64 + 1;
        match line_from(cells.drain(..)) {
            Ok(l) => {
                let _ = ev.add(line, &l);
            }
            Err(error) => ev.reject(RejectedRow { line, error }),
        }
    }
    ev.add_blank_rows(blank);
}
