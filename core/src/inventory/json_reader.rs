//! JSON inventories: an array of line objects, or `{"lines": [...]}`.
//! Keys are the CSV column names (any alias); values are numbers or strings.

use super::values::{line_from_cells, CellValue};
use super::{Field, InventoryError, InventoryItem, RejectedRow, RowError, Warning};
use serde_json::Value;

/// Reads a JSON inventory. Each array item becomes a line or a rejected row (its `line` is the
/// 1-based item number); a document that is not an inventory is an error.
pub fn read_json(
    text: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<InventoryItem>, InventoryError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InventoryError::Empty);
    }
    let doc: Value = serde_json::from_str(text).map_err(|e| InventoryError::Json {
        line: e.line() as u64,
        column: e.column() as u64,
        message: e.to_string(),
    })?;
    let items = match doc {
        Value::Array(items) => items,
        Value::Object(mut map) => match ["lines", "inventory", "equipment"]
            .iter()
            .find_map(|k| map.remove(*k))
        {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(InventoryError::Json {
                    line: 1,
                    column: 1,
                    message: "expected an array of lines, or an object with a \"lines\" array"
                        .into(),
                })
            }
        },
        _ => {
            return Err(InventoryError::Json {
                line: 1,
                column: 1,
                message: "expected an array of lines, or an object with a \"lines\" array".into(),
            })
        }
    };
    let mut resolver = ColumnResolver::default();
    let out = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let line = i as u64 + 1;
            match convert(item, &mut resolver) {
                Ok(l) => InventoryItem::Line(line, l),
                Err(error) => InventoryItem::Rejected(RejectedRow { line, error }),
            }
        })
        .collect();
    for key in resolver.ignored {
        warnings.push(Warning {
            line: None,
            field: None,
            code: "ignored_column",
            message: format!("key {key:?} ignored: not an inventory field"),
        });
    }
    Ok(out)
}

/// A value of a named cell, as JSON objects, JS objects and Python dicts give them.
#[derive(Debug, Clone, Copy)]
pub enum NamedValue<'a> {
    /// A null or absent value: the cell is empty.
    Null,
    /// A number or a string.
    Cell(CellValue<'a>),
    /// A list, an object, a boolean: not a cell value.
    NotScalar,
}

/// Matches names to columns once per distinct name (objects repeat the same keys).
#[derive(Debug, Clone, Default)]
pub struct ColumnResolver {
    cache: rustc_hash::FxHashMap<String, Option<(Field, u8)>>,
    /// Names that are no column, for the "ignored" warning (the first 50).
    pub ignored: Vec<String>,
}

impl ColumnResolver {
    fn field(&mut self, name: &str) -> Option<(Field, u8)> {
        if let Some(f) = self.cache.get(name) {
            return *f;
        }
        let f = Field::from_header(name);
        if f.is_none() && self.ignored.len() < 50 {
            self.ignored.push(name.to_string());
        }
        if self.cache.len() < 10_000 {
            self.cache.insert(name.to_string(), f);
        }
        f
    }

    /// Builds a line from (name, value) pairs: each name is matched like a CSV header, a
    /// strong name beats a weak one ("service" over "site"), unknown names are noted.
    pub fn line<'a>(
        &mut self,
        pairs: impl IntoIterator<Item = (&'a str, NamedValue<'a>)>,
    ) -> Result<super::EquipmentLine, RowError> {
        let mut cells: Vec<(Field, CellValue<'a>)> = Vec::with_capacity(8);
        let mut seen: Vec<(Field, u8, &'a str)> = Vec::new();
        for (key, value) in pairs {
            let Some((field, strength)) = self.field(key) else {
                continue;
            };
            if let Some(pos) = seen.iter().position(|(f, _, _)| *f == field) {
                // Two strong names for one field: ambiguous, as in a CSV header.
                if strength == 2 && seen[pos].1 == 2 {
                    return Err(RowError::DuplicateField {
                        field,
                        first: seen[pos].2.to_string(),
                        second: key.to_string(),
                    });
                }
                if seen[pos].1 >= strength {
                    continue;
                }
                seen.remove(pos);
                cells.retain(|(f, _)| *f != field);
            }
            seen.push((field, strength, key));
            match value {
                NamedValue::Null => {}
                NamedValue::Cell(c) => cells.push((field, c)),
                NamedValue::NotScalar => {
                    return Err(RowError::InvalidText {
                        field,
                        reason: "expected a number or a string".into(),
                    })
                }
            }
        }
        line_from_cells(cells)
    }
}

fn convert(item: &Value, resolver: &mut ColumnResolver) -> Result<super::EquipmentLine, RowError> {
    let Value::Object(map) = item else {
        return Err(RowError::InvalidText {
            field: Field::Category,
            reason: "each line must be a JSON object such as {\"category\": \"laptop\", \"quantity\": 2}".into(),
        });
    };
    resolver.line(map.iter().map(|(k, v)| {
        let value = match v {
            Value::Null => NamedValue::Null,
            Value::Number(n) => NamedValue::Cell(CellValue::Number(n.as_f64().unwrap_or(f64::NAN))),
            Value::String(s) => NamedValue::Cell(CellValue::Text(s)),
            Value::Bool(_) | Value::Array(_) | Value::Object(_) => NamedValue::NotScalar,
        };
        (k.as_str(), value)
    }))
}
