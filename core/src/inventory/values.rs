//! Parsing cell values the way spreadsheets write them: decimal commas, thousands
//! separators, dates, French words.

use super::units::{self, Written};
use super::{Condition, EquipmentLine, Field, RowError};
use uom::si::energy::kilowatt_hour;
use uom::si::f64::{Energy, Power, Time};
use uom::si::power::watt;
use uom::si::time::{hour, year};

/// Longest text accepted in a cell: names longer than this are not category names.
pub const MAX_TEXT_LEN: usize = 1000;

/// `str::trim`, skipping the work when both ends are plain ASCII (the usual cell).
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// The common cell `123`, `6,5` or `7.25` (at most 15 digits): m / 10^k, exactly the f64
/// the standard parser gives (m and 10^k are exact, and one division rounds correctly).
#[inline]
fn simple_decimal(t: &str) -> Option<f64> {
    simple_decimal_bytes(t.as_bytes())
}

/// [`simple_decimal`] of a cell's bytes.
#[inline]
fn simple_decimal_bytes(b: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    let (mut m, mut digits, mut frac, mut sep) = (0u64, 0usize, 0usize, false);
    for &c in b {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                digits += 1;
                if sep {
                    frac += 1;
                }
            }
            b'.' | b',' if !sep => sep = true,
            _ => return None,
        }
    }
    if digits == 0
        || digits > 15
        || (sep && frac == 0)
        || (sep && b[0] == b'.')
        || (sep && b[0] == b',')
    {
        return None;
    }
    Some(m as f64 / POW10[frac])
}

/// Parses a number written in French or English style: `1,5`, `1.5`, `1 234,5`, `1.234,5`,
/// `1,234.5`. Rejects NaN, infinities and anything that is not a plain decimal number.
pub fn parse_number(text: &str) -> Option<f64> {
    if let Some(v) = simple_decimal(trim(text)) {
        return Some(v);
    }
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | 'e' | 'E'))
        || !t.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let last_dot = t.rfind('.');
    let last_comma = t.rfind(',');
    let normalized = match (last_dot, last_comma) {
        (Some(d), Some(c)) if c > d => t.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => t.replace(',', ""),
        (None, Some(_)) if t.matches(',').count() == 1 => t.replace(',', "."),
        (None, Some(_)) => {
            // Several commas: only valid as thousands separators (1,234,567).
            let groups: Vec<&str> = t.trim_start_matches(['-', '+']).split(',').collect();
            if groups[1..].iter().all(|g| g.len() == 3) && !groups[0].is_empty() {
                t.replace(',', "")
            } else {
                return None;
            }
        }
        _ => t,
    };
    crate::decimal::parse_f64(&normalized).filter(|v| v.is_finite())
}

fn number(field: Field, text: &str, expected: &str) -> Result<f64, RowError> {
    parse_number(text).ok_or_else(|| RowError::NotANumber {
        field,
        value: text.to_string(),
        expected: expected.to_string(),
    })
}

/// A number cell as written: a number, a number with a unit the field takes (in the field's
/// unit), or `None` for a placeholder such as "N/C" (an empty cell).
fn number_written(field: Field, text: &str, expected: &str) -> Result<Option<f64>, RowError> {
    match parse_number(text) {
        Some(v) => Ok(Some(v)),
        None => match units::read(field, text) {
            Some(Written::Scaled {
                number: digits,
                factor,
            }) => match parse_number(digits) {
                Some(v) if (v * factor).is_finite() => Ok(Some(v * factor)),
                _ => number(field, text, expected).map(Some),
            },
            Some(Written::Unknown) => Ok(None),
            _ => number(field, text, expected).map(Some),
        },
    }
}

fn whole(field: Field, text: &str, expected: &str) -> Result<f64, RowError> {
    let v = number(field, text, expected)?;
    if v.fract() != 0.0 {
        return Err(RowError::NotWhole {
            field,
            value: text.to_string(),
        });
    }
    Ok(v)
}

/// A year from `2021`, `15/03/2021`, `2021-03-15`, `03/2021`.
fn parse_year(text: &str) -> Result<i32, RowError> {
    let t = trim(text);
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(y) = t.parse::<i32>() {
            if (1970..=2200).contains(&y) {
                return Ok(y);
            }
        }
    }
    let candidate = if t.len() == 4 {
        t
    } else if let Some((y, _)) = t.split_once('-').filter(|(y, _)| y.len() == 4) {
        y
    } else if let Some(y) = t
        .rsplit('/')
        .next()
        .filter(|y| y.len() == 4 && t.contains('/'))
    {
        y
    } else {
        t
    };
    let v = whole(
        Field::AcquisitionYear,
        candidate,
        "a year such as 2021, or a date such as 15/03/2021",
    )?;
    if !(1970.0..=2200.0).contains(&v) {
        return Err(RowError::OutOfRange {
            field: Field::AcquisitionYear,
            value: text.to_string(),
            expected: "a year between 1970 and the reporting year".into(),
        });
    }
    Ok(v as i32)
}

/// A cell value: text from CSV, or a JSON scalar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue<'a> {
    /// A cell as written (a CSV cell, a JSON string).
    Text(&'a str),
    /// A number as given (a JSON number).
    Number(f64),
}

impl CellValue<'_> {
    fn is_empty(&self) -> bool {
        matches!(self, CellValue::Text(t) if trim(t).is_empty())
    }
}

fn num_value(field: Field, v: CellValue<'_>, expected: &str) -> Result<Option<f64>, RowError> {
    match v {
        CellValue::Number(n) => Ok(Some(n)),
        CellValue::Text(t) => number_written(field, t, expected),
    }
}

/// The year of an acquisition cell as written (a year, a date), `None` for a placeholder.
fn year_written(text: &str) -> Result<Option<i32>, RowError> {
    match parse_year(text) {
        Ok(y) => Ok(Some(y)),
        Err(RowError::NotANumber { .. }) if units::is_unknown(text) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The trimmed text of a cell, borrowed when it already is text.
fn text_ref<'a>(
    field: Field,
    v: &'a CellValue<'a>,
    buf: &'a mut String,
) -> Result<&'a str, RowError> {
    let s: &str = match v {
        CellValue::Text(t) => trim(t),
        CellValue::Number(n) => {
            *buf = crate::decimal::num(*n);
            buf
        }
    };
    if s.len() > MAX_TEXT_LEN {
        return Err(RowError::TooLong {
            field,
            length: s.len(),
            max: MAX_TEXT_LEN,
        });
    }
    Ok(s)
}

/// Builds a line from (field, value) cells: the one place where every input format (CSV,
/// JSON, JS objects, Python columns) turns cells into a line. Syntax only: ranges are checked
/// at evaluation, the same way for every format.
pub fn line_from_cells<'a>(
    cells: impl IntoIterator<Item = (Field, CellValue<'a>)>,
) -> Result<EquipmentLine, RowError> {
    let mut line = EquipmentLine::new(String::new(), 1);
    fill_line(&mut line, cells)?;
    Ok(line)
}

/// Puts `value` in an optional text, reusing its buffer.
fn set_text(slot: &mut Option<String>, value: &str) {
    match slot {
        Some(s) => {
            s.clear();
            s.push_str(value);
        }
        None => *slot = Some(value.to_string()),
    }
}

/// Clears the numbers of a line (before [`set_plain_number`] of each cell of a row).
#[inline]
pub(crate) fn clear_numbers(line: &mut EquipmentLine) {
    line.quantity = 1;
    line.acquisition_year = None;
    line.lifetime = None;
    line.amortisation = None;
    line.hours_per_day = None;
    line.days_per_year = None;
    line.power = None;
    line.energy_per_year = None;
    line.pue = None;
}

/// A number cell of a CSV row from its bytes, as [`fill_line`] reads it (a label is only
/// checked): `false` when the cell is not of the usual kind, for [`fill_line`]. An empty cell
/// leaves its field empty.
#[inline]
pub(crate) fn set_plain_number(line: &mut EquipmentLine, field: Field, cell: &[u8]) -> bool {
    if cell.is_empty() {
        return true;
    }
    match field {
        // Read, not used: only what would reject its row matters.
        Field::Label => {
            cell.len() <= MAX_TEXT_LEN && (cell.is_ascii() || std::str::from_utf8(cell).is_ok())
        }
        Field::AcquisitionYear => match year4(cell) {
            Some(y) => {
                line.acquisition_year = Some(y);
                true
            }
            None => false,
        },
        // Spaces around, a formula marker...: the general reader.
        _ => simple_decimal_bytes(cell).is_some_and(|v| set_number(line, field, v)),
    }
}

/// A four-digit year from 1970 to 2200, as [`parse_year`] reads it first.
fn year4(cell: &[u8]) -> Option<i32> {
    if cell.len() != 4 {
        return None;
    }
    let y = cell.iter().try_fold(0i32, |y, b| {
        b.is_ascii_digit().then(|| 10 * y + i32::from(b - b'0'))
    })?;
    (1970..=2200).contains(&y).then_some(y)
}

/// Puts a plain number in its field as [`fill_line`] would; `false` where [`fill_line`] would
/// reject it or read it otherwise.
#[inline]
fn set_number(line: &mut EquipmentLine, field: Field, v: f64) -> bool {
    match field {
        Field::Quantity => {
            if v.fract() != 0.0 || !(1.0..=super::MAX_QUANTITY as f64).contains(&v) {
                return false;
            }
            line.quantity = v as u32;
        }
        Field::AcquisitionYear => return false,
        Field::LifetimeYears => line.lifetime = Some(Time::new::<year>(v)),
        Field::AmortisationYears => line.amortisation = Some(Time::new::<year>(v)),
        Field::HoursPerDay => line.hours_per_day = Some(Time::new::<hour>(v)),
        Field::DaysPerYear => line.days_per_year = Some(v),
        Field::PowerW => line.power = Some(Power::new::<watt>(v)),
        Field::EnergyKwhPerYear => line.energy_per_year = Some(Energy::new::<kilowatt_hour>(v)),
        Field::Pue => line.pue = Some(v),
        Field::Category
        | Field::Condition
        | Field::Country
        | Field::Department
        | Field::Label
        | Field::Model => return false,
    }
    true
}

/// Like [`line_from_cells`], into an existing line whose text buffers are reused: the
/// streaming readers allocate nothing per row once warmed up.
pub fn fill_line<'a>(
    line: &mut EquipmentLine,
    cells: impl IntoIterator<Item = (Field, CellValue<'a>)>,
) -> Result<(), RowError> {
    fill_line_from(line, &mut cells.into_iter())
}

/// [`fill_line`], compiled once for every kind of cells (the WebAssembly module's size).
fn fill_line_from<'a>(
    line: &mut EquipmentLine,
    cells: &mut dyn Iterator<Item = (Field, CellValue<'a>)>,
) -> Result<(), RowError> {
    line.category.clear();
    line.quantity = 1;
    line.condition = Condition::New;
    line.acquisition_year = None;
    line.lifetime = None;
    line.amortisation = None;
    line.hours_per_day = None;
    line.days_per_year = None;
    line.power = None;
    line.energy_per_year = None;
    line.pue = None;
    let (mut country, mut department, mut label, mut model) = (false, false, false, false);
    for (field, value) in cells {
        if value.is_empty() {
            continue;
        }
        match field {
            Field::Category => {
                let mut buf = String::new();
                line.category.push_str(text_ref(field, &value, &mut buf)?);
            }
            Field::Quantity => {
                let q = match value {
                    CellValue::Number(n) if n.fract() != 0.0 => {
                        return Err(RowError::NotWhole {
                            field,
                            value: crate::decimal::num(n),
                        })
                    }
                    CellValue::Number(n) => n,
                    CellValue::Text(t) => {
                        let expected = "a whole number of devices, at least 1";
                        match number_written(field, t, expected)? {
                            Some(q) if q.fract() != 0.0 => {
                                return Err(RowError::NotWhole {
                                    field,
                                    value: t.to_string(),
                                })
                            }
                            Some(q) => q,
                            None => continue,
                        }
                    }
                };
                if !(1.0..=super::MAX_QUANTITY as f64).contains(&q) {
                    return Err(RowError::OutOfRange {
                        field,
                        value: crate::decimal::num(q),
                        expected: format!("a whole number from 1 to {}", super::MAX_QUANTITY),
                    });
                }
                line.quantity = q as u32;
            }
            Field::Condition => {
                let mut buf = String::new();
                let t = text_ref(field, &value, &mut buf)?;
                line.condition = match Condition::parse(t) {
                    Some(c) => c,
                    None if units::is_unknown(t) => Condition::New,
                    None => {
                        return Err(RowError::UnknownCondition {
                            value: t.to_string(),
                        })
                    }
                };
            }
            Field::AcquisitionYear => {
                line.acquisition_year = match value {
                    CellValue::Number(n) => Some(parse_year(&crate::decimal::num(n))?),
                    CellValue::Text(t) => year_written(t)?,
                }
            }
            Field::LifetimeYears => {
                line.lifetime = num_value(field, value, "a number of years")?.map(Time::new::<year>)
            }
            Field::AmortisationYears => {
                line.amortisation =
                    num_value(field, value, "a number of years")?.map(Time::new::<year>)
            }
            Field::HoursPerDay => {
                line.hours_per_day =
                    num_value(field, value, "hours per day, 0 to 24")?.map(Time::new::<hour>)
            }
            Field::DaysPerYear => {
                line.days_per_year = num_value(field, value, "days per year, 0 to 366")?
            }
            Field::PowerW => {
                line.power = num_value(field, value, "a power in watts")?.map(Power::new::<watt>)
            }
            Field::EnergyKwhPerYear => {
                line.energy_per_year =
                    num_value(field, value, "kWh per year")?.map(Energy::new::<kilowatt_hour>)
            }
            Field::Country => {
                let mut buf = String::new();
                set_text(&mut line.country, text_ref(field, &value, &mut buf)?);
                country = true;
            }
            Field::Department => {
                let mut buf = String::new();
                set_text(&mut line.department, text_ref(field, &value, &mut buf)?);
                department = true;
            }
            Field::Label => {
                let mut buf = String::new();
                set_text(&mut line.label, text_ref(field, &value, &mut buf)?);
                label = true;
            }
            Field::Pue => line.pue = num_value(field, value, "a PUE, 1 or more")?,
            Field::Model => {
                let mut buf = String::new();
                set_text(&mut line.model, text_ref(field, &value, &mut buf)?);
                model = true;
            }
        }
    }
    for (set, slot) in [
        (country, &mut line.country),
        (department, &mut line.department),
        (label, &mut line.label),
        (model, &mut line.model),
    ] {
        if !set {
            *slot = None;
        }
    }
    // A blank type is fine when the model says what the device is (the classifier reads it).
    if line.category.is_empty() && line.model.is_none() {
        return Err(RowError::Missing {
            field: Field::Category,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_spreadsheets_write_them() {
        assert_eq!(parse_number("1,5"), Some(1.5));
        assert_eq!(parse_number("1.5"), Some(1.5));
        assert_eq!(parse_number("1 234,5"), Some(1234.5));
        assert_eq!(parse_number("1\u{a0}234,5"), Some(1234.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("1,234,567"), Some(1234567.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        for bad in [
            "NaN", "nan", "inf", "Infinity", "-inf", "", "abc", "1,2,3", "12 kg", "1e999",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn years_from_dates() {
        assert_eq!(parse_year("2021").unwrap(), 2021);
        assert_eq!(parse_year("15/03/2021").unwrap(), 2021);
        assert_eq!(parse_year("03/2021").unwrap(), 2021);
        assert_eq!(parse_year("2021-03-15").unwrap(), 2021);
        assert!(parse_year("21").is_err());
        assert!(parse_year("2021.5").is_err());
    }
}

#[cfg(test)]
mod fast_path {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast path gives exactly the standard parser's f64.
        #[test]
        fn simple_decimals_parse_exactly(int in 0u64..10_000_000, frac in 0u64..100_000_000, k in 0usize..8) {
            let frac = frac % 10u64.pow(k as u32);
            let text = if k == 0 { int.to_string() } else { format!("{int}.{frac:0k$}") };
            prop_assert_eq!(simple_decimal(&text), text.parse::<f64>().ok());
            prop_assert_eq!(simple_decimal(&text.replace('.', ",")), text.parse::<f64>().ok());
        }
    }

    fn cell() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "",
            "1",
            "12",
            "2021",
            "1969",
            "2201",
            "0",
            "4,5",
            "7.25",
            ",5",
            "-3",
            "1e3",
            " ",
            "\u{a0}",
            "\u{2003}",
            "\u{feff}",
            "'",
            "'=1",
            "=",
            "neuf",
            "Reconditionné",
            "réemploi",
            "occasion",
            "PC portable",
            "Écran",
            "é",
            "x",
            "15/03/2021",
            "1 234,5",
        ]);
        prop::collection::vec(piece, 0..4).prop_map(|p| p.concat())
    }

    proptest! {
        /// The number shortcut gives exactly the numbers `fill_line` gives, or leaves the row
        /// to it.
        #[test]
        fn the_number_shortcut_is_fill_line(cells in prop::collection::vec((0usize..Field::ALL.len(), cell()), 0..8)) {
            let mut seen = [false; Field::ALL.len()];
            let cells: Vec<(Field, String)> = cells
                .into_iter()
                .filter(|(f, _)| !std::mem::replace(&mut seen[*f], true))
                .map(|(f, c)| (Field::ALL[f], c))
                .filter(|(f, _)| !matches!(f, Field::Category | Field::Condition | Field::Country | Field::Department | Field::Model))
                .collect();
            let mut fast = EquipmentLine::new("laptop", 7);
            clear_numbers(&mut fast);
            if cells.iter().all(|(f, c)| set_plain_number(&mut fast, *f, c.as_bytes())) {
                let mut slow = EquipmentLine::new("", 3);
                let by_field = Field::ALL.iter().filter_map(|f| {
                    cells.iter().find(|(g, _)| g == f).map(|(f, c)| (*f, CellValue::Text(c)))
                });
                let with_category = std::iter::once((Field::Category, CellValue::Text("laptop")));
                prop_assert_eq!(fill_line(&mut slow, with_category.chain(by_field)), Ok(()));
                slow.label = None;
                prop_assert_eq!(fast, slow);
            }
        }
    }

    #[test]
    fn the_usual_numbers_take_the_shortcut() {
        let mut l = EquipmentLine::new("", 1);
        clear_numbers(&mut l);
        for (f, c) in [
            (Field::Quantity, "3"),
            (Field::AcquisitionYear, "2021"),
            (Field::HoursPerDay, "9,5"),
            (Field::Label, "Salle du conseil"),
        ] {
            assert!(set_plain_number(&mut l, f, c.as_bytes()));
        }
        assert_eq!((l.quantity, l.acquisition_year), (3, Some(2021)));
        for odd in [" 3", "3 ", "'3", "3\u{a0}", "2021-03", "0", "1,5"] {
            assert!(!set_plain_number(&mut l, Field::Quantity, odd.as_bytes()));
        }
        assert!(!set_plain_number(&mut l, Field::AcquisitionYear, b"21"));
    }

    #[test]
    fn odd_forms_take_the_slow_path() {
        for t in ["", ",5", "5,", "1.2.3", "1,234,567", "1 234", "-3", "1e3"] {
            assert_eq!(simple_decimal(t), None, "{t}");
        }
    }
}
