//! Inventories given column by column (a DataFrame's columns, as a binding hands them over):
//! each column a field and its cells, as numbers, as codes into the column's distinct values, or
//! cell by cell. Row `i` is line `i + 1`; a row whose cells are all empty is blank.
//!
//! Each row is read by [`fill_line`] from its cells in column order, the same way whatever the
//! column's kind; [`FrameColumn::key`] and [`plain_numbers`] are what lets an evaluation skip
//! that for a row whose text cells it has seen (`Evaluation::add_columns`).

use super::values::{clear_numbers, fill_line, set_plain_number};
use super::{CellValue, EquipmentLine, Field, ReadInventory, RejectedRow, RowError, MAX_QUANTITY};
use uom::si::f64::{Energy, Power, Time};

/// A cell given as a value by a program (a DataFrame's cell).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Given<'a> {
    /// Empty: `None`, NaN, a missing value.
    Empty,
    /// A value (blank text is empty too).
    Value(CellValue<'a>),
    /// A value no field takes (a boolean, a list...): its row is rejected, with this reason.
    Invalid(&'static str),
}

impl<'a> Given<'a> {
    /// `None` when empty, else the value or why it is not one.
    #[inline]
    pub fn value(&self) -> Option<Result<CellValue<'a>, &'static str>> {
        match *self {
            Given::Empty => None,
            Given::Value(CellValue::Text(t)) if t.trim().is_empty() => None,
            Given::Value(v) => Some(Ok(v)),
            Given::Invalid(why) => Some(Err(why)),
        }
    }
}

/// The cells of one column.
#[derive(Debug, Clone, Copy)]
pub enum FrameColumn<'a> {
    /// Numbers; NaN is an empty cell.
    Numbers(&'a [f64]),
    /// Whole numbers (a DataFrame's int64 column: never empty), read as `f64` the way numpy's
    /// `astype(float64)` does, without a float copy of the column first.
    Integers(&'a [i64]),
    /// Each row's code into the column's distinct values (as `pandas.factorize` gives them); a
    /// negative code or one past the values is an empty cell.
    Codes(&'a [i64], &'a [Given<'a>]),
    /// Each row's cell.
    Cells(&'a [Given<'a>]),
}

impl<'a> FrameColumn<'a> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            FrameColumn::Numbers(v) => v.len(),
            FrameColumn::Integers(v) => v.len(),
            FrameColumn::Codes(c, _) => c.len(),
            FrameColumn::Cells(v) => v.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell of a row: `None` when empty, else its value or why it is not one.
    #[inline]
    pub fn get(&self, row: usize) -> Option<Result<CellValue<'a>, &'static str>> {
        match *self {
            FrameColumn::Numbers(v) => Some(v[row])
                .filter(|x| !x.is_nan())
                .map(|x| Ok(CellValue::Number(x))),
            FrameColumn::Integers(v) => Some(Ok(CellValue::Number(v[row] as f64))),
            FrameColumn::Codes(codes, values) => usize::try_from(codes[row])
                .ok()
                .and_then(|c| values.get(c))
                .and_then(Given::value),
            FrameColumn::Cells(v) => v[row].value(),
        }
    }

    /// What identifies a row's cell among the column's: its code, or its number's bits (`None`
    /// for a column given cell by cell). Rows with the same keys have the same cells.
    #[inline]
    pub(crate) fn key(&self, row: usize) -> Option<u64> {
        match self {
            FrameColumn::Numbers(v) => Some(v[row].to_bits()),
            FrameColumn::Integers(v) => Some(v[row] as u64),
            FrameColumn::Codes(c, _) => Some(c[row] as u64),
            FrameColumn::Cells(_) => None,
        }
    }
}

/// Reads row `row` into `line` (its buffers reused; `cells` a scratch vector): `None` for a blank
/// row, else the line or the row's error. A cell no field takes rejects the row
/// (`invalid_text`), the first in column order.
pub fn row_line<'a>(
    columns: &[(Field, FrameColumn<'a>)],
    row: usize,
    line: &mut EquipmentLine,
    cells: &mut Vec<(Field, CellValue<'a>)>,
) -> Option<Result<(), RowError>> {
    cells.clear();
    let mut invalid = None;
    for (field, column) in columns {
        match column.get(row) {
            None => {}
            Some(Ok(v)) => cells.push((*field, v)),
            Some(Err(reason)) => {
                invalid.get_or_insert((*field, reason));
                cells.push((*field, CellValue::Text("")));
            }
        }
    }
    if cells.is_empty() {
        return None;
    }
    if let Some((field, reason)) = invalid {
        return Some(Err(RowError::InvalidText {
            field,
            reason: reason.into(),
        }));
    }
    Some(fill_line(line, cells.drain(..)))
}

/// Every row of the columns, in memory (for the operations that evaluate the same lines several
/// times: scenarios, trajectories, the review).
pub fn read_columns(columns: &[(Field, FrameColumn<'_>)], n_rows: usize) -> ReadInventory {
    let mut out = ReadInventory::default();
    let mut cells = Vec::new();
    for row in 0..n_rows {
        let n = row as u64 + 1;
        let mut line = EquipmentLine::new(String::new(), 1);
        match row_line(columns, row, &mut line, &mut cells) {
            None => out.blank_rows += 1,
            Some(Ok(())) => out.lines.push((n, line)),
            Some(Err(error)) => out.rejected.push(RejectedRow { line: n, error }),
        }
    }
    out
}

/// The numbers of a row (its text fields left as they are, its label checked), when each is of
/// the usual kind, as [`fill_line`] reads it; `false` otherwise (and for a blank row), for
/// [`row_line`].
pub(crate) fn plain_numbers(
    columns: &[(Field, FrameColumn<'_>)],
    row: usize,
    line: &mut EquipmentLine,
) -> bool {
    clear_numbers(line);
    let mut blank = true;
    for (field, column) in columns {
        let Some(value) = column.get(row) else {
            continue;
        };
        blank = false;
        if !set_plain_value(line, *field, value) {
            return false;
        }
    }
    !blank
}

/// One cell of [`plain_numbers`].
#[inline]
fn set_plain_value(
    line: &mut EquipmentLine,
    field: Field,
    value: Result<CellValue<'_>, &'static str>,
) -> bool {
    match (value, field) {
        (Err(_), _) => false,
        (Ok(_), f) if super::is_key_field(f) => true,
        (Ok(CellValue::Text(t)), f) => set_plain_number(line, f, t.as_bytes()),
        (Ok(CellValue::Number(v)), f) => set_number_value(line, f, v),
    }
}

/// The numbers of a row from its number columns (those of [`Keys::numbers`]): `None` when one is
/// not of the usual kind, else whether any is given.
#[inline]
pub(crate) fn plain_number_columns(
    numbers: &[(Field, FrameColumn<'_>)],
    row: usize,
    line: &mut EquipmentLine,
) -> Option<bool> {
    clear_numbers(line);
    let mut any = false;
    for (field, column) in numbers {
        let value = match column {
            FrameColumn::Numbers(v) if v[row].is_nan() => continue,
            FrameColumn::Numbers(v) => Ok(CellValue::Number(v[row])),
            FrameColumn::Integers(v) => Ok(CellValue::Number(v[row] as f64)),
            _ => match column.get(row) {
                Some(value) => value,
                None => continue,
            },
        };
        any = true;
        if !set_plain_value(line, *field, value) {
            return None;
        }
    }
    Some(any)
}

/// The text cells a row's evaluation depends on (category, model, condition, country,
/// department), when each such column is given as codes: a row's key combines its codes, so
/// rows of the same key have the same text cells, without a look at them.
pub(crate) struct Keys<'a> {
    columns: Vec<KeyColumn<'a>>,
    /// The other columns.
    pub numbers: Vec<(Field, FrameColumn<'a>)>,
    /// How many keys there can be.
    pub size: u64,
}

struct KeyColumn<'a> {
    codes: &'a [i64],
    /// Each value's state (0 empty, 1 a value, 2 invalid), then the empty cell's.
    state: Vec<u8>,
    stride: u64,
}

impl<'a> Keys<'a> {
    /// `None` unless every key column is given as codes (and the keys fit in 64 bits).
    pub fn new(columns: &[(Field, FrameColumn<'a>)]) -> Option<Keys<'a>> {
        let mut keys = Keys {
            columns: Vec::new(),
            numbers: Vec::new(),
            size: 1,
        };
        for (field, column) in columns {
            if !super::is_key_field(*field) {
                keys.numbers.push((*field, *column));
                continue;
            }
            let FrameColumn::Codes(codes, values) = column else {
                return None;
            };
            let mut state: Vec<u8> = values
                .iter()
                .map(|v| match v.value() {
                    None => 0,
                    Some(Ok(_)) => 1,
                    Some(Err(_)) => 2,
                })
                .collect();
            state.push(0);
            let stride = keys.size;
            keys.size = keys.size.checked_mul(state.len() as u64)?;
            keys.columns.push(KeyColumn {
                codes,
                state,
                stride,
            });
        }
        Some(keys)
    }

    /// A row's key, and whether any of its key cells is given; `None` for a row with a cell no
    /// field takes.
    #[inline]
    pub fn of(&self, row: usize) -> Option<(u64, bool)> {
        let (mut key, mut any) = (0u64, false);
        for c in &self.columns {
            let empty = c.state.len() - 1;
            let i = usize::try_from(c.codes[row]).map_or(empty, |i| i.min(empty));
            match c.state[i] {
                0 => {}
                1 => any = true,
                _ => return None,
            }
            key += i as u64 * c.stride;
        }
        Some((key, any))
    }
}

/// A number cell as [`fill_line`] reads it, when it reads it as this number; `false` when it
/// would reject it (or read it otherwise).
fn set_number_value(line: &mut EquipmentLine, field: Field, v: f64) -> bool {
    use uom::si::energy::kilowatt_hour;
    use uom::si::power::watt;
    use uom::si::time::{hour, year};
    match field {
        // Whole: its integer part (in range, exact) is itself.
        Field::Quantity if (1.0..=MAX_QUANTITY as f64).contains(&v) && f64::from(v as u32) == v => {
            line.quantity = v as u32
        }
        // The year is read from the number as written: a whole number from 1970 to 2200.
        Field::AcquisitionYear if (1970.0..=2200.0).contains(&v) && f64::from(v as i32) == v => {
            line.acquisition_year = Some(v as i32)
        }
        Field::LifetimeYears => line.lifetime = Some(Time::new::<year>(v)),
        Field::AmortisationYears => line.amortisation = Some(Time::new::<year>(v)),
        Field::HoursPerDay => line.hours_per_day = Some(Time::new::<hour>(v)),
        Field::DaysPerYear => line.days_per_year = Some(v),
        Field::PowerW => line.power = Some(Power::new::<watt>(v)),
        Field::EnergyKwhPerYear => line.energy_per_year = Some(Energy::new::<kilowatt_hour>(v)),
        Field::Pue => line.pue = Some(v),
        // Read, not used.
        Field::Label => {}
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn given() -> impl Strategy<Value = Given<'static>> {
        prop_oneof![
            Just(Given::Empty),
            Just(Given::Invalid("a boolean")),
            prop::sample::select(vec!["3", "2021", " ", "4,5", "laptop", "x", "'7", "1e3"])
                .prop_map(|t| Given::Value(CellValue::Text(t))),
            prop::sample::select(vec![
                1.0,
                3.0,
                2.5,
                0.0,
                -1.0,
                2021.0,
                1969.0,
                2021.5,
                1e7,
                f64::INFINITY
            ])
            .prop_map(|v| Given::Value(CellValue::Number(v))),
        ]
    }

    proptest! {
        /// The numbers shortcut gives exactly the numbers `row_line` gives, or leaves the row to it.
        #[test]
        fn plain_numbers_are_the_row_line(cells in prop::collection::vec((0usize..Field::ALL.len(), given()), 1..8)) {
            let mut seen = [false; Field::ALL.len()];
            let cells: Vec<(Field, Given)> = cells
                .into_iter()
                .filter(|(f, _)| !std::mem::replace(&mut seen[*f], true))
                .map(|(f, c)| (Field::ALL[f], c))
                .collect();
            let columns: Vec<(Field, FrameColumn)> = cells
                .iter()
                .map(|(f, c)| (*f, FrameColumn::Cells(std::slice::from_ref(c))))
                .collect();
            let mut fast = EquipmentLine::new("laptop", 9);
            if plain_numbers(&columns, 0, &mut fast) {
                let mut slow = EquipmentLine::new("", 2);
                if let Some(Ok(())) = row_line(&columns, 0, &mut slow, &mut Vec::new()) {
                    for l in [&mut fast, &mut slow] {
                        l.category.clear();
                        l.condition = Default::default();
                        (l.country, l.department, l.label, l.model) = (None, None, None, None);
                    }
                    prop_assert_eq!(fast, slow);
                }
            }
        }
    }

    #[test]
    fn rows_of_columns() {
        let cats = [
            Given::Value(CellValue::Text("laptop")),
            Given::Value(CellValue::Text(" ")),
        ];
        let columns = [
            (Field::Category, FrameColumn::Codes(&[0, 1, -1, 0], &cats)),
            (
                Field::Quantity,
                FrameColumn::Numbers(&[2.0, f64::NAN, f64::NAN, 1.5]),
            ),
        ];
        let r = read_columns(&columns, 4);
        assert_eq!(r.blank_rows, 2);
        assert_eq!(r.lines.len(), 1);
        assert_eq!((r.lines[0].0, r.lines[0].1.quantity), (1, 2));
        assert_eq!(r.rejected[0].line, 4);
        assert_eq!(r.rejected[0].error.code(), "not_whole");
    }

    #[test]
    fn whole_numbers_read_as_numbers() {
        let cats = [Given::Value(CellValue::Text("laptop"))];
        let ints = [3, 0, -2, 2021, i64::MAX];
        let floats = ints.map(|i| i as f64);
        let read = |quantity: FrameColumn<'_>, year: FrameColumn<'_>| {
            let codes = [0; 5];
            let columns = [
                (Field::Category, FrameColumn::Codes(&codes, &cats)),
                (Field::Quantity, quantity),
                (Field::AcquisitionYear, year),
            ];
            read_columns(&columns, 5)
        };
        let a = read(FrameColumn::Integers(&ints), FrameColumn::Integers(&ints));
        let b = read(FrameColumn::Numbers(&floats), FrameColumn::Numbers(&floats));
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.rejected, b.rejected);
        assert_eq!(
            a.lines.len() + a.rejected.len(),
            5,
            "every row read or rejected"
        );
        assert!(!a.lines.is_empty() && !a.rejected.is_empty());
    }
}
