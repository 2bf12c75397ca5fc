//! Parsing cell values the way spreadsheets write them: decimal commas, thousands
//! separators, dates, French words.

use super::{Condition, EquipmentLine, Field, RowError};
use uom::si::energy::kilowatt_hour;
use uom::si::f64::{Energy, Power, Time};
use uom::si::power::watt;
use uom::si::time::{hour, year};

/// Longest text accepted in a cell: names longer than this are not category names.
pub const MAX_TEXT_LEN: usize = 1000;

/// Parses a number written in French or English style: `1,5`, `1.5`, `1 234,5`, `1.234,5`,
/// `1,234.5`. Rejects NaN, infinities and anything that is not a plain decimal number.
pub fn parse_number(text: &str) -> Option<f64> {
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
    normalized.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn number(field: Field, text: &str, expected: &str) -> Result<f64, RowError> {
    parse_number(text).ok_or_else(|| RowError::NotANumber {
        field,
        value: text.to_string(),
        expected: expected.to_string(),
    })
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
    let t = text.trim();
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
#[derive(Debug, Clone, Copy)]
pub enum CellValue<'a> {
    Text(&'a str),
    Number(f64),
}

impl CellValue<'_> {
    fn is_empty(&self) -> bool {
        matches!(self, CellValue::Text(t) if t.trim().is_empty())
    }
}

fn num_value(field: Field, v: CellValue<'_>, expected: &str) -> Result<f64, RowError> {
    match v {
        CellValue::Number(n) => Ok(n),
        CellValue::Text(t) => number(field, t, expected),
    }
}

fn text_value(field: Field, v: CellValue<'_>) -> Result<String, RowError> {
    let s = match v {
        CellValue::Text(t) => t.trim().to_string(),
        CellValue::Number(n) => format!("{n}"),
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
    for (field, value) in cells {
        if value.is_empty() {
            continue;
        }
        match field {
            Field::Category => line.category = text_value(field, value)?,
            Field::Quantity => {
                let q = match value {
                    CellValue::Number(n) if n.fract() != 0.0 => {
                        return Err(RowError::NotWhole {
                            field,
                            value: n.to_string(),
                        })
                    }
                    CellValue::Number(n) => n,
                    CellValue::Text(t) => whole(field, t, "a whole number of devices, at least 1")?,
                };
                if !(1.0..=crate::MAX_QUANTITY as f64).contains(&q) {
                    return Err(RowError::OutOfRange {
                        field,
                        value: q.to_string(),
                        expected: format!("a whole number from 1 to {}", crate::MAX_QUANTITY),
                    });
                }
                line.quantity = q as u32;
            }
            Field::Condition => {
                let t = text_value(field, value)?;
                line.condition =
                    Condition::parse(&t).ok_or(RowError::UnknownCondition { value: t })?;
            }
            Field::AcquisitionYear => {
                line.acquisition_year = Some(match value {
                    CellValue::Number(n) => parse_year(&n.to_string())?,
                    CellValue::Text(t) => parse_year(t)?,
                })
            }
            Field::LifetimeYears => {
                line.lifetime = Some(Time::new::<year>(num_value(
                    field,
                    value,
                    "a number of years",
                )?))
            }
            Field::AmortisationYears => {
                line.amortisation = Some(Time::new::<year>(num_value(
                    field,
                    value,
                    "a number of years",
                )?))
            }
            Field::HoursPerDay => {
                line.hours_per_day = Some(Time::new::<hour>(num_value(
                    field,
                    value,
                    "hours per day, 0 to 24",
                )?))
            }
            Field::DaysPerYear => {
                line.days_per_year = Some(num_value(field, value, "days per year, 0 to 366")?)
            }
            Field::PowerW => {
                line.power = Some(Power::new::<watt>(num_value(
                    field,
                    value,
                    "a power in watts",
                )?))
            }
            Field::EnergyKwhPerYear => {
                line.energy_per_year = Some(Energy::new::<kilowatt_hour>(num_value(
                    field,
                    value,
                    "kWh per year",
                )?))
            }
            Field::Country => line.country = Some(text_value(field, value)?),
            Field::Department => line.department = Some(text_value(field, value)?),
            Field::Label => line.label = Some(text_value(field, value)?),
        }
    }
    if line.category.is_empty() {
        return Err(RowError::Missing {
            field: Field::Category,
        });
    }
    Ok(line)
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
