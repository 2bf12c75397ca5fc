//! Inventories that are Python objects rather than text: a list of dicts (read like a JSON
//! array), and the columns of a DataFrame (read like a CSV file, column by column).
//!
//! Only conversion lives here: rows are read by the core (`ColumnResolver` for dicts,
//! `Evaluation::add_columns` and `read_columns` for columns), every column name through
//! `Field::from_header` / `ColumnMap`, the same as CSV and JSON input.

use empreinte::inventory::{ColumnMap, ColumnResolver, FrameColumn, Given, NamedValue};
use empreinte::{
    CellValue, EquipmentLine, Evaluation, Field, ReadInventory, RejectedRow, RowError, Warning,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use std::borrow::Cow;
use std::collections::HashMap;
use zerocopy::{FromBytes, Immutable, KnownLayout};

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

    /// The cell as the core's column reader takes it.
    fn given(&self) -> Given<'_> {
        match self {
            Cell::Empty => Given::Empty,
            Cell::Text(t) => Given::Value(CellValue::Text(t)),
            Cell::Number(n) => Given::Value(CellValue::Number(*n)),
            Cell::Invalid(why) => Given::Invalid(why),
        }
    }
}

/// Where rows read from Python objects go: an evaluation (streamed), or an inventory kept in
/// memory (for scenarios, trajectories and the review, which evaluate the lines several times).
pub trait Sink {
    fn line(&mut self, number: u64, line: &EquipmentLine);
    fn reject(&mut self, row: RejectedRow);
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

/// One DataFrame column, as the Python layer hands it over (see `empreinte/_frames.py`): the
/// Python objects that hold its values, kept alive while the rows are read from them.
#[derive(Debug)]
pub enum ColumnSpec<'py> {
    /// `("f64", bytes)`: float64 values in native byte order; NaN is a missing value.
    Numbers(Bound<'py, PyBytes>),
    /// `("i64", bytes)`: int64 values, read as float64 (as `numpy.astype(float64)` does).
    Integers(Bound<'py, PyBytes>),
    /// `("codes", bytes, uniques)`: int64 codes into `uniques` (-1: missing), as
    /// `pandas.factorize` gives.
    Codes(Bound<'py, PyBytes>, Vec<Cell>),
    /// Coded here: `("objects", list)`, any Python values, by object (a DataFrame's repeated
    /// strings are the same object: each is converted once); `("arrow", chunks, width)`, an
    /// Arrow string column, by bytes (see `arrow.rs`).
    Coded(Vec<i64>, Vec<Cell>),
}

/// A column's values as the core reads them, borrowed from the bytes Python made (no second
/// copy of a million-row column); copied only if the bytes are not aligned for their type.
#[derive(Debug)]
pub struct Column<'a> {
    values: Values<'a>,
    givens: Vec<Given<'a>>,
}

#[derive(Debug)]
enum Values<'a> {
    Numbers(Cow<'a, [f64]>),
    Integers(Cow<'a, [i64]>),
    Codes(Cow<'a, [i64]>),
}

/// `bytes` as a slice of `T` in native byte order: borrowed when aligned (a `bytes` object's
/// data is), else copied.
fn words<T: FromBytes + Immutable + KnownLayout + Copy>(bytes: &[u8]) -> PyResult<Cow<'_, [T]>> {
    let size = std::mem::size_of::<T>();
    if bytes.len() % size != 0 {
        return Err(PyValueError::new_err(format!(
            "a column of {} bytes is not a whole number of {size}-byte values",
            bytes.len()
        )));
    }
    Ok(match <[T]>::ref_from_bytes(bytes) {
        Ok(slice) => Cow::Borrowed(slice),
        Err(_) => Cow::Owned(
            bytes
                .chunks_exact(size)
                .map(|c| T::read_from_bytes(c).expect("chunk of the type's size"))
                .collect(),
        ),
    })
}

/// Codes of a list's values by object (each distinct object converted once), then by value (a
/// string read in several chunks is several objects).
fn codes_by_object(list: &Bound<'_, PyAny>) -> PyResult<(Vec<i64>, Vec<Cell>)> {
    let mut index: HashMap<usize, i64> = HashMap::default();
    // The last objects seen, by address: most cells repeat a handful of strings.
    let mut recent = [(0usize, 0i64); 64];
    let mut codes = Vec::new();
    let mut uniques = Vec::new();
    for item in list.cast::<PyList>()?.iter() {
        let at = item.as_ptr() as usize;
        let slot = &mut recent[(at >> 4) % 64];
        let code = if slot.0 == at {
            slot.1
        } else {
            let code = match index.get(&at) {
                Some(c) => *c,
                None => {
                    uniques.push(Cell::from_py(&item)?);
                    let c = uniques.len() as i64 - 1;
                    index.insert(at, c);
                    c
                }
            };
            *slot = (at, code);
            code
        };
        codes.push(code);
    }
    // One code per value.
    let mut by_value: HashMap<String, i64> = HashMap::default();
    let mut distinct = Vec::new();
    let canonical: Vec<i64> = uniques
        .into_iter()
        .map(|cell| {
            let key = match &cell {
                Cell::Empty => "e".to_string(),
                Cell::Text(t) => format!("t{t}"),
                Cell::Number(n) => format!("n{}", n.to_bits()),
                Cell::Invalid(why) => format!("i{why}"),
            };
            *by_value.entry(key).or_insert_with(|| {
                distinct.push(cell);
                distinct.len() as i64 - 1
            })
        })
        .collect();
    for c in &mut codes {
        *c = canonical[*c as usize];
    }
    Ok((codes, distinct))
}

impl<'py> ColumnSpec<'py> {
    pub fn from_py(spec: &Bound<'py, PyAny>) -> PyResult<ColumnSpec<'py>> {
        let kind: String = spec.get_item(0)?.extract()?;
        let payload = spec.get_item(1)?;
        let bytes = || -> PyResult<Bound<'py, PyBytes>> { Ok(payload.cast::<PyBytes>()?.clone()) };
        Ok(match kind.as_str() {
            "f64" => ColumnSpec::Numbers(bytes()?),
            "i64" => ColumnSpec::Integers(bytes()?),
            "codes" => {
                let uniques = spec
                    .get_item(2)?
                    .try_iter()?
                    .map(|o| Cell::from_py(&o?))
                    .collect::<PyResult<Vec<Cell>>>()?;
                ColumnSpec::Codes(bytes()?, uniques)
            }
            // Every object is alive (the list holds it) while its address is its key.
            "objects" => {
                let (codes, uniques) = codes_by_object(&payload)?;
                ColumnSpec::Coded(codes, uniques)
            }
            "arrow" => {
                let width: usize = spec.get_item(2)?.extract()?;
                let (codes, uniques) = crate::arrow::code_strings(&payload, width)?;
                ColumnSpec::Coded(codes, uniques.into_iter().map(Cell::Text).collect())
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown column kind {other:?}"
                )))
            }
        })
    }

    /// The values as the core reads them, checked: `n_rows` of them, codes within the values.
    pub fn column(&self, n_rows: usize) -> PyResult<Column<'_>> {
        let (values, uniques) = match self {
            ColumnSpec::Numbers(b) => (Values::Numbers(words(b.as_bytes())?), &[][..]),
            ColumnSpec::Integers(b) => (Values::Integers(words(b.as_bytes())?), &[][..]),
            ColumnSpec::Codes(b, uniques) => (Values::Codes(words(b.as_bytes())?), &uniques[..]),
            ColumnSpec::Coded(codes, uniques) => {
                (Values::Codes(Cow::Borrowed(&codes[..])), &uniques[..])
            }
        };
        let len = match &values {
            Values::Numbers(v) => v.len(),
            Values::Integers(v) | Values::Codes(v) => v.len(),
        };
        if len != n_rows {
            return Err(PyValueError::new_err(format!(
                "a column has {len} values, expected {n_rows}"
            )));
        }
        if let Values::Codes(codes) = &values {
            if codes.iter().any(|c| *c >= uniques.len() as i64) {
                return Err(PyValueError::new_err("column code out of range"));
            }
        }
        Ok(Column {
            values,
            givens: uniques.iter().map(Cell::given).collect(),
        })
    }
}

/// The columns as the core's column reader takes them.
fn frame<'a>(columns: &'a [(Field, Column<'a>)]) -> Vec<(Field, FrameColumn<'a>)> {
    columns
        .iter()
        .map(|(f, c)| {
            let column = match &c.values {
                Values::Numbers(v) => FrameColumn::Numbers(v),
                Values::Integers(v) => FrameColumn::Integers(v),
                Values::Codes(codes) => FrameColumn::Codes(codes, &c.givens),
            };
            (*f, column)
        })
        .collect()
}

/// Maps column names to inventory fields the way the CSV reader maps a header row.
pub fn map_headers(
    headers: &[String],
) -> Result<(ColumnMap, Vec<Warning>), empreinte::InventoryError> {
    let mut warnings = Vec::new();
    let map = ColumnMap::from_headers(headers, &mut warnings)?;
    Ok((map, warnings))
}

/// Evaluates rows from columns (the core's `Evaluation::add_columns`): `line` is the 1-based
/// row position; a row whose cells are all empty is counted as blank, as the CSV reader does.
pub fn evaluate_columns(ev: &mut Evaluation<'_>, columns: &[(Field, Column<'_>)], n_rows: usize) {
    ev.add_columns(&frame(columns), n_rows);
}

/// Reads rows from columns into memory (the core's `read_columns`).
pub fn read_columns(inventory: &mut ReadInventory, columns: &[(Field, Column<'_>)], n_rows: usize) {
    let read = empreinte::inventory::read_columns(&frame(columns), n_rows);
    inventory.lines.extend(read.lines);
    inventory.rejected.extend(read.rejected);
    inventory.blank_rows += read.blank_rows;
}

/// The values of mapped columns as the core reads them (see [`ColumnSpec::column`]).
pub fn columns<'a>(
    specs: &'a [(Field, ColumnSpec<'_>)],
    n_rows: usize,
) -> PyResult<Vec<(Field, Column<'a>)>> {
    specs
        .iter()
        .map(|(f, s)| Ok((*f, s.column(n_rows)?)))
        .collect()
}
