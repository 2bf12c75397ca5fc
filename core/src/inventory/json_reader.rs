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
    let mut ignored: Vec<String> = Vec::new();
    let out = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let line = i as u64 + 1;
            match convert(item, &mut ignored) {
                Ok(l) => InventoryItem::Line(line, l),
                Err(error) => InventoryItem::Rejected(RejectedRow { line, error }),
            }
        })
        .collect();
    for key in ignored {
        warnings.push(Warning {
            line: None,
            field: None,
            code: "ignored_column",
            message: format!("key {key:?} ignored: not an inventory field"),
        });
    }
    Ok(out)
}

fn convert(item: &Value, ignored: &mut Vec<String>) -> Result<super::EquipmentLine, RowError> {
    let Value::Object(map) = item else {
        return Err(RowError::InvalidText {
            field: Field::Category,
            reason: "each line must be a JSON object such as {\"category\": \"laptop\", \"quantity\": 2}".into(),
        });
    };
    let mut cells: Vec<(Field, CellValue<'_>)> = Vec::with_capacity(map.len());
    let mut seen: Vec<(Field, u8)> = Vec::new();
    for (key, value) in map {
        let Some((field, strength)) = Field::from_header(key) else {
            if !ignored.contains(key) && ignored.len() < 50 {
                ignored.push(key.clone());
            }
            continue;
        };
        if let Some(pos) = seen.iter().position(|(f, _)| *f == field) {
            if seen[pos].1 >= strength {
                continue;
            }
            seen.remove(pos);
            cells.retain(|(f, _)| *f != field);
        }
        seen.push((field, strength));
        let cell = match value {
            Value::Null => continue,
            Value::Number(n) => CellValue::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => CellValue::Text(s),
            Value::Bool(_) | Value::Array(_) | Value::Object(_) => {
                return Err(RowError::InvalidText {
                    field,
                    reason: "expected a number or a string".into(),
                })
            }
        };
        cells.push((field, cell));
    }
    line_from_cells(cells)
}
