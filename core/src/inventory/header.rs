//! A header row read: which field each column gives.

use super::columns::{Field, TRACE_COLUMNS};
use super::{InventoryError, Warning};

/// Which field each column of a header row gives.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    pub columns: Vec<Option<Field>>,
    pub headers: Vec<String>,
}

impl ColumnMap {
    /// Maps a header row; warns about ignored columns; fails on a missing category column
    /// or two columns giving one field.
    pub fn from_headers(
        headers: &[String],
        warnings: &mut Vec<Warning>,
    ) -> Result<ColumnMap, InventoryError> {
        let found: Vec<Option<(Field, u8)>> =
            headers.iter().map(|h| Field::from_header(h)).collect();
        let mut columns: Vec<Option<Field>> = vec![None; headers.len()];
        for field in Field::ALL {
            let candidates: Vec<(usize, u8)> = found
                .iter()
                .enumerate()
                .filter_map(|(i, m)| m.filter(|(f, _)| *f == field).map(|(_, s)| (i, s)))
                .collect();
            let Some(best) = candidates.iter().map(|(_, s)| *s).max() else {
                continue;
            };
            let top: Vec<usize> = candidates
                .iter()
                .filter(|(_, s)| *s == best)
                .map(|(i, _)| *i)
                .collect();
            if best == 2 && top.len() > 1 {
                return Err(InventoryError::DuplicateColumn {
                    field,
                    first: headers[top[0]].clone(),
                    second: headers[top[1]].clone(),
                });
            }
            columns[top[0]] = Some(field);
        }
        for (i, h) in headers.iter().enumerate() {
            if columns[i].is_none() && !h.trim().is_empty() && !TRACE_COLUMNS.contains(&h.trim()) {
                let why = match found[i] {
                    Some((f, _)) => {
                        format!("column {h:?} ignored: another column already gives `{f}`")
                    }
                    None => format!(
                        "column {h:?} ignored: not an inventory column (known: {})",
                        Field::ALL.map(Field::name).join(", ")
                    ),
                };
                warnings.push(Warning {
                    line: Some(1),
                    field: None,
                    code: "ignored_column",
                    message: why,
                });
            }
        }
        if !columns.contains(&Some(Field::Category)) {
            return Err(InventoryError::MissingColumn {
                field: Field::Category,
                found: headers
                    .iter()
                    .map(|h| format!("{:?}", truncate(h, 40)))
                    .collect::<Vec<_>>()
                    .join(", "),
                expected: "category, catégorie or \"Type de matériel\"".into(),
            });
        }
        Ok(ColumnMap {
            columns,
            headers: headers.to_vec(),
        })
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(headers: &[&str]) -> Result<Vec<Option<Field>>, InventoryError> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        ColumnMap::from_headers(&h, &mut Vec::new()).map(|m| m.columns)
    }

    #[test]
    fn spreadsheet_headers() {
        let cols = map(&[
            "Type de matériel",
            "Qté",
            "État",
            "Année d'acquisition",
            "Durée de vie (ans)",
            "Heures/jour",
            "Jours par an",
            "Puissance (W)",
            "Consommation (kWh/an)",
            "Pays",
            "Service",
            "Remarque",
        ])
        .unwrap();
        assert_eq!(
            cols,
            vec![
                Some(Field::Category),
                Some(Field::Quantity),
                Some(Field::Condition),
                Some(Field::AcquisitionYear),
                Some(Field::LifetimeYears),
                Some(Field::HoursPerDay),
                Some(Field::DaysPerYear),
                Some(Field::PowerW),
                Some(Field::EnergyKwhPerYear),
                Some(Field::Country),
                Some(Field::Department),
                Some(Field::Label),
            ]
        );
    }

    #[test]
    fn duplicates_and_missing() {
        assert!(matches!(
            map(&["category", "Catégorie"]),
            Err(InventoryError::DuplicateColumn { .. })
        ));
        assert!(matches!(
            map(&["quantity"]),
            Err(InventoryError::MissingColumn { .. })
        ));
        // A weak name gives way to a strong one.
        assert_eq!(
            map(&["Service", "Site", "Type de matériel"]).unwrap(),
            vec![Some(Field::Department), None, Some(Field::Category)]
        );
    }
}
