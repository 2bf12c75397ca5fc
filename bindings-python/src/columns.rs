//! Inventories that are Python objects rather than text: a list of dicts (read like a JSON
//! array), and the columns of a DataFrame (read like a CSV file, column by column).
//!
//! Only conversion lives here: every value goes through the core's `line_from_cells`, every
//! column name through `Field::from_header` / `ColumnMap`, the same as CSV and JSON input.

use empreinte::inventory::{ColumnMap, ColumnResolver, NamedValue};
use empreinte::{
    line_from_cells, CellValue, EquipmentLine, Evaluation, Field, ReadInventory, RejectedRow,
    RowError, Warning,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};

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

/// Where rows read from Python objects go: an evaluation (streamed), or an inventory kept in
/// memory (for scenarios, trajectories and the review, which evaluate the lines several times).
pub trait Sink {
    fn line(&mut self, number: u64, line: &EquipmentLine);
    fn reject(&mut self, row: RejectedRow);
    fn blank_rows(&mut self, n: u64);
    fn warn(&mut self, warning: Warning);
}

impl Sink for Evaluation<'_> {
    fn line(&mut self, number: u64, line: &EquipmentLine) {
        // A line the model refuses is recorded as rejected by the evaluation itself.
        let _ = self.add(number, line);
    }
    fn reject(&mut self, row: RejectedRow) {
        Evaluation::reject(self, row)
    }
    fn blank_rows(&mut self, n: u64) {
        self.add_blank_rows(n)
    }
    fn warn(&mut self, warning: Warning) {
        Evaluation::warn(self, warning)
    }
}

impl Sink for ReadInventory {
    fn line(&mut self, number: u64, line: &EquipmentLine) {
        self.lines.push((number, line.clone()));
    }
    fn reject(&mut self, row: RejectedRow) {
        self.rejected.push(row);
    }
    fn blank_rows(&mut self, n: u64) {
        self.blank_rows += n;
    }
    fn warn(&mut self, warning: Warning) {
        self.warnings.push(warning);
    }
}

impl Cell {
    /// The cell as the core's `ColumnResolver` takes it (blank text is empty).
    pub fn named(&self) -> NamedValue<'_> {
        match self {
            Cell::Empty => NamedValue::Null,
            Cell::Text(t) if t.trim().is_empty() => NamedValue::Null,
            Cell::Text(t) => NamedValue::Cell(CellValue::Text(t)),
            Cell::Number(n) => NamedValue::Cell(CellValue::Number(*n)),
            Cell::Invalid(_) => NamedValue::NotScalar,
        }
    }
}

/// Reads a list of dicts the way the core reads a JSON array (the core's `ColumnResolver`:
/// keys are column names, any alias; a strong name beats a weak one); `line` is the 1-based
/// position of the item.
pub fn add_records(sink: &mut impl Sink, records: &Bound<'_, PyAny>) -> PyResult<()> {
    let mut resolver = ColumnResolver::default();
    let mut pairs: Vec<(String, Cell)> = Vec::new();
    for (i, item) in records.try_iter()?.enumerate() {
        let line = i as u64 + 1;
        let item = item?;
        pairs.clear();
        if let Ok(d) = item.cast::<PyDict>() {
            for (k, v) in d.iter() {
                pairs.push((k.str()?.to_cow()?.into_owned(), Cell::from_py(&v)?));
            }
        } else if let Ok(m) = item.cast::<PyMapping>() {
            for kv in m.items()?.iter() {
                let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = kv.extract()?;
                pairs.push((k.str()?.to_cow()?.into_owned(), Cell::from_py(&v)?));
            }
        } else {
            sink.reject(RejectedRow {
                line,
                error: RowError::InvalidText {
                    field: Field::Category,
                    reason: "each line must be a dict such as {\"category\": \"laptop\", \"quantity\": 2}".into(),
                },
            });
            continue;
        }
        match resolver.line(pairs.iter().map(|(k, c)| (k.as_str(), c.named()))) {
            Ok(l) => sink.line(line, &l),
            Err(error) => sink.reject(RejectedRow { line, error }),
        }
    }
    for key in std::mem::take(&mut resolver.ignored) {
        sink.warn(Warning {
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
pub fn add_columns(sink: &mut impl Sink, columns: &[(Field, Column)], n_rows: usize) {
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
            Ok(l) => sink.line(line, &l),
            Err(error) => sink.reject(RejectedRow { line, error }),
        }
    }
    sink.blank_rows(blank);
}
