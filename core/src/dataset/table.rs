//! A small reader for the dataset's tidy CSV tables, with located errors.

use super::DatasetError;
use crate::csv_records::Records;
use std::collections::HashMap;

pub(crate) struct Table {
    pub file: String,
    columns: HashMap<String, usize>,
    header: Vec<String>,
    /// Every cell's text, one after the other, and where each cell is in it.
    text: String,
    cells: Vec<(usize, usize)>,
    /// Each row: its line and the range of its cells.
    rows: Vec<(u64, std::ops::Range<usize>)>,
}

/// One row of a table, for typed field access with errors that name file, line and column.
pub(crate) struct Row<'a> {
    table: &'a Table,
    pub line: u64,
    cells: &'a [(usize, usize)],
}

impl Table {
    pub fn parse(file: &str, text: &str) -> Result<Table, DatasetError> {
        Table::parse_with(file, text, b',')
    }

    /// [`Table::parse`] with another separator (`;` in G4IT's référentiels).
    pub fn parse_with(file: &str, text: &str, delimiter: u8) -> Result<Table, DatasetError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Records as the csv crate reads them (comma, quotes), line ends read as "\n": the csv
        // crate numbers the records of a CRLF file one line early, and errors must name the
        // right line.
        let mut records = Records::of_bytes(text.as_bytes(), delimiter);
        let csv_err = |line: u64, message: String| DatasetError::Csv {
            file: file.to_string(),
            line,
            message,
        };
        let mut table = Table {
            file: file.to_string(),
            columns: HashMap::new(),
            header: Vec::new(),
            text: String::new(),
            cells: Vec::new(),
            rows: Vec::new(),
        };
        let mut first = true;
        while records.read().map_err(|e| csv_err(0, e.to_string()))? {
            let line = records.record_line();
            let mut row = Vec::with_capacity(records.len());
            for cell in records.iter() {
                // Cut from text at ASCII bytes: UTF-8 still.
                let cell = std::str::from_utf8(cell)
                    .map_err(|e| csv_err(line, format!("invalid UTF-8: {e}")))?;
                row.push(cell);
            }
            if first {
                first = false;
                table.header = row.iter().map(|h| h.trim().to_string()).collect();
                continue;
            }
            if row.len() != table.header.len() {
                return Err(csv_err(
                    line,
                    format!(
                        "found record with {} fields, but the previous record has {} fields",
                        row.len(),
                        table.header.len()
                    ),
                ));
            }
            if row.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let start = table.cells.len();
            for cell in row {
                let at = table.text.len();
                table.text.push_str(cell);
                table.cells.push((at, table.text.len()));
            }
            table.rows.push((line, start..table.cells.len()));
        }
        table.columns = table
            .header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        Ok(table)
    }

    /// Fails unless every column is present.
    pub fn require(&self, columns: &[&str]) -> Result<(), DatasetError> {
        for c in columns {
            if !self.columns.contains_key(*c) {
                return Err(DatasetError::MissingColumn {
                    file: self.file.clone(),
                    column: c.to_string(),
                    found: self.header.join(", "),
                });
            }
        }
        Ok(())
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, cells)| Row {
            table: self,
            line: *line,
            cells: &self.cells[cells.clone()],
        })
    }
}

impl Row<'_> {
    /// The trimmed text of a column (empty when the column is absent).
    pub fn text(&self, column: &str) -> &str {
        self.table
            .columns
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .and_then(|(a, b)| self.table.text.get(*a..*b))
            .map_or("", str::trim)
    }

    pub fn invalid(&self, column: &str, expected: &str) -> DatasetError {
        DatasetError::InvalidValue {
            file: self.table.file.clone(),
            line: self.line,
            column: column.to_string(),
            value: self.text(column).to_string(),
            expected: expected.to_string(),
        }
    }

    /// A required, non-empty text.
    pub fn required(&self, column: &str) -> Result<&str, DatasetError> {
        let t = self.text(column);
        if t.is_empty() {
            Err(self.invalid(column, "a non-empty value"))
        } else {
            Ok(t)
        }
    }

    /// A finite number.
    pub fn number(&self, column: &str) -> Result<f64, DatasetError> {
        crate::decimal::parse_f64(self.text(column))
            .filter(|v| v.is_finite())
            .ok_or_else(|| self.invalid(column, "a finite number with a '.' decimal point"))
    }

    /// A factor's `quality` column.
    pub fn quality(&self) -> Result<super::Quality, DatasetError> {
        super::Quality::from_id(self.text("quality")).ok_or_else(|| {
            self.invalid(
                "quality",
                "one of primary, derived, proxy, uncertain, flagged",
            )
        })
    }

    /// A factor's range, `low <= value <= high`, or the error naming the factor.
    pub fn range(
        &self,
        file: String,
        factor_id: &str,
        (low, value, high): (f64, f64, f64),
    ) -> Result<crate::estimate::Range, DatasetError> {
        if low <= value && value <= high {
            Ok(crate::estimate::Range::new(low, value, high))
        } else {
            Err(DatasetError::RangeOrder {
                file,
                line: self.line,
                factor_id: factor_id.to_string(),
                low,
                value,
                high,
            })
        }
    }

    /// A finite number in `[min, max]`.
    pub fn number_in(&self, column: &str, min: f64, max: f64) -> Result<f64, DatasetError> {
        let v = self.number(column)?;
        if v < min || v > max {
            return Err(self.invalid(
                column,
                &format!(
                    "a number between {} and {}",
                    crate::decimal::Num(min),
                    crate::decimal::Num(max)
                ),
            ));
        }
        Ok(v)
    }

    pub fn boolean(&self, column: &str) -> Result<bool, DatasetError> {
        match self.text(column) {
            "true" => Ok(true),
            "false" | "" => Ok(false),
            _ => Err(self.invalid(column, "true or false")),
        }
    }

    /// A `|`-separated list.
    pub fn list(&self, column: &str) -> Vec<String> {
        self.text(column)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}
