//! Number cells as people write them with their unit ("5 ans", "60 mois", "8 h/j", "24h/24",
//! "220 jours", "5 j/7", "65 W", "120 kWh/an", "2 unités"), and the placeholders written for
//! "not known" ("N/C", "NR", "?", "-"), which are empty cells: the field's default applies, as
//! for a cell left blank. (Dates in words, "sept. 2020", and minutes, "7h30", are not read: the
//! default WebAssembly module has no room for them within its size budget.)
//!
//! Read only after the plain number failed (the usual cell never comes here). A unit a field does
//! not take ("8 kg" of hours) is no number: the row is rejected as before.

use super::Field;
use crate::names::{normalize, singularize};

/// What a cell written with words says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Written<'a> {
    /// A placeholder for "not known": an empty cell.
    Unknown,
    /// A number (its text, read as the plain numbers are) times `factor` to the field's unit.
    Scaled { number: &'a str, factor: f64 },
}

/// Placeholders for "not known", as [`normalize`] writes them without spaces ("-": nothing but
/// punctuation). Word lists are written as one string: a table of string slices costs the
/// WebAssembly module more than its words.
const UNKNOWN: &str = "- nc nr na nd nsp inconnu inconnue nonrenseigne noncommunique unknown";

/// Whether `word` is one of the space-separated `words` ("-" stands for the empty word).
pub(super) fn is_one_of(word: &str, words: &str) -> bool {
    words
        .split(' ')
        .any(|w| w == word || (w == "-" && word.is_empty()))
}

/// Days in a year per day a week: a device used `n` days a week is used `n × 365 / 7` days of
/// a (non-leap) year.
const DAYS_PER_YEAR_PER_DAY_A_WEEK: f64 = 365.0 / 7.0;

/// The units each number field takes, as [`normalize`] and [`singularize`] write them without
/// spaces ("h/j" is "hj", "24h/24" is "h24", "mois" is "moi"), each list with its factor to the
/// field's unit.
const UNITS: &[(Field, &str, f64)] = &[
    (Field::Quantity, "u unite unit pc pcs piece", 1.0),
    (Field::LifetimeYears, "an ans annee year", 1.0),
    (Field::LifetimeYears, "moi month", 1.0 / 12.0),
    (Field::AmortisationYears, "an ans annee year", 1.0),
    (Field::AmortisationYears, "moi month", 1.0 / 12.0),
    (
        Field::HoursPerDay,
        "h hj hjour hparjour heure heureparjour hour hourday hourperday h24 24",
        1.0,
    ),
    (
        Field::DaysPerYear,
        "j jour day jan jouran jourparan jourouvre dayperyear",
        1.0,
    ),
    (
        Field::DaysPerYear,
        "7 j7 jsem jparsemaine jourparsemaine dayperweek",
        DAYS_PER_YEAR_PER_DAY_A_WEEK,
    ),
    (Field::PowerW, "w watt", 1.0),
    (Field::PowerW, "kw", 1000.0),
    (
        Field::EnergyKwhPerYear,
        "kwh kwhan kwhparan kwhperyear",
        1.0,
    ),
    (
        Field::EnergyKwhPerYear,
        "mwh mwhan mwhparan mwhperyear",
        1000.0,
    ),
];

/// Whether a cell is a placeholder for "not known" ("N/C", "NR", "?", "-", "inconnu").
pub(super) fn is_unknown(text: &str) -> bool {
    is_one_of(&normalize(text).replace(' ', ""), UNKNOWN)
}

/// The cell of a number field written with words: `None` when it is neither a number with a
/// unit that field takes nor a placeholder.
pub(super) fn read(field: Field, text: &str) -> Option<Written<'_>> {
    if is_unknown(text) {
        return Some(Written::Unknown);
    }
    let t = text.trim();
    let end = t
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b",. +-".contains(&b)))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(end);
    let key = singularize(&normalize(unit)).replace(' ', "");
    let factor = UNITS
        .iter()
        .find(|(f, units, _)| *f == field && is_one_of(&key, units))?
        .2;
    Some(Written::Scaled { number, factor })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of a cell whose number is plain (the readers parse it as any number).
    fn value(field: Field, text: &str) -> Option<f64> {
        match read(field, text) {
            Some(Written::Scaled { number, factor }) => {
                let plain = number.replace(' ', "").replace(',', ".");
                Some(plain.parse::<f64>().ok()? * factor)
            }
            _ => None,
        }
    }

    #[test]
    fn numbers_with_their_units() {
        for (field, text, want) in [
            (Field::Quantity, "2 unités", 2.0),
            (Field::Quantity, "12 pcs", 12.0),
            (Field::LifetimeYears, "5 ans", 5.0),
            (Field::LifetimeYears, "5ans", 5.0),
            (Field::LifetimeYears, "6,5 années", 6.5),
            (Field::LifetimeYears, "60 mois", 5.0),
            (Field::AmortisationYears, "4 years", 4.0),
            (Field::HoursPerDay, "8h", 8.0),
            (Field::HoursPerDay, "7,5 h", 7.5),
            (Field::HoursPerDay, "8 h/j", 8.0),
            (Field::HoursPerDay, "8 heures par jour", 8.0),
            (Field::HoursPerDay, "24h/24", 24.0),
            (Field::HoursPerDay, "24/24", 24.0),
            (Field::HoursPerDay, "10 hours/day", 10.0),
            (Field::DaysPerYear, "220 j", 220.0),
            (Field::DaysPerYear, "220 jours ouvrés", 220.0),
            (Field::DaysPerYear, "180 jours/an", 180.0),
            (Field::DaysPerYear, "7j/7", 365.0),
            (Field::DaysPerYear, "5 j/7", 5.0 * 365.0 / 7.0),
            (Field::DaysPerYear, "5 jours par semaine", 5.0 * 365.0 / 7.0),
            (Field::DaysPerYear, "5/7", 5.0 * 365.0 / 7.0),
            (Field::PowerW, "65 W", 65.0),
            (Field::PowerW, "1,2 kW", 1200.0),
            (Field::EnergyKwhPerYear, "120 kWh/an", 120.0),
            (Field::EnergyKwhPerYear, "1 234,5 kWh", 1234.5),
        ] {
            let got = value(field, text).unwrap_or_else(|| panic!("{text:?}"));
            assert!((got - want).abs() < 1e-12, "{text:?}: {got} != {want}");
        }
    }

    #[test]
    fn units_a_field_does_not_take_are_no_number() {
        for (field, text) in [
            (Field::HoursPerDay, "8 kg"),
            (Field::LifetimeYears, "5 h"),
            (Field::DaysPerYear, "220 W"),
            (Field::PowerW, "65 kWh"),
            (Field::Quantity, "deux"),
            (Field::Quantity, "2 kg"),
            (Field::Pue, "1,5 W"),
            (Field::LifetimeYears, "NaN"),
            (Field::LifetimeYears, "inf"),
            (Field::LifetimeYears, "ans"),
        ] {
            assert_eq!(value(field, text), None, "{text:?}");
        }
    }

    #[test]
    fn placeholders_are_empty_cells() {
        for text in [
            "N/C",
            "NC",
            "n.c.",
            "NR",
            "N/A",
            "?",
            "-",
            "—",
            "inconnu",
            "Non renseigné",
        ] {
            assert_eq!(
                read(Field::LifetimeYears, text),
                Some(Written::Unknown),
                "{text:?}"
            );
        }
    }
}
