//! A small reader for the dataset's tidy CSV tables, with located errors.

use super::DatasetError;
use std::collections::HashMap;

pub(crate) struct Table {
    pub file: String,
    columns: HashMap<String, usize>,
    header: Vec<String>,
    pub rows: Vec<(u64, csv::StringRecord)>,
}

/// One row of a table, for typed field access with errors that name file, line and column.
pub(crate) struct Row<'a> {
    table: &'a Table,
    pub line: u64,
    record: &'a csv::StringRecord,
}

impl Table {
    pub fn parse(file: &str, text: &str) -> Result<Table, DatasetError> {
        Table::parse_with(file, text, b',')
    }

    /// [`Table::parse`] with another separator (`;` in G4IT's référentiels).
    pub fn parse_with(file: &str, text: &str, delimiter: u8) -> Result<Table, DatasetError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Line ends as "\n" only: the csv crate numbers the records of a CRLF file one line
        // early, and errors must name the right line.
        let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n").into()
        } else {
            text.into()
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let csv_err = |e: csv::Error| DatasetError::Csv {
            file: file.to_string(),
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        };
        let header: Vec<String> = reader
            .headers()
            .map_err(csv_err)?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(csv_err)?;
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            rows.push((line, record));
        }
        Ok(Table {
            file: file.to_string(),
            columns,
            header,
            rows,
        })
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
        self.rows.iter().map(move |(line, record)| Row {
            table: self,
            line: *line,
            record,
        })
    }
}

impl Row<'_> {
    /// The trimmed text of a column (empty when the column is absent).
    pub fn text(&self, column: &str) -> &str {
        self.table
            .columns
            .get(column)
            .and_then(|&i| self.record.get(i))
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
