//! Streaming reader for inventories exported from spreadsheets: detects the encoding
//! (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) and the separator; maps the
//! header row to fields.

use super::columns::TRACE_COLUMNS;
use super::values::{clear_numbers, fill_line, set_plain_number, CellValue, MAX_TEXT_LEN};
use super::{Field, InventoryError, InventoryItem, RejectedRow, RowError, Warning};
use crate::csv_records::Records;
use crate::text::{DecodingReader, SourceEncoding};
use std::io::{Cursor, Read};

/// How much of the start of the input is inspected to detect encoding and separator.
const SNIFF_BYTES: usize = 64 * 1024;

/// What was detected about a CSV file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CsvFormat {
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
    /// Whether the input started with a byte-order mark.
    pub bom: bool,
    /// `;`, `,` or a tab.
    pub separator: char,
}

/// A CSV inventory being read record by record, in bounded memory.
pub struct CsvInventory {
    records: Records<Box<dyn Read>>,
    columns: ColumnMap,
    format: CsvFormat,
    warnings: Vec<Warning>,
    blank_rows: u64,
    done: bool,
}

impl std::fmt::Debug for CsvInventory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvInventory")
            .field("format", &self.format)
            .field("columns", &self.columns)
            .finish_non_exhaustive()
    }
}

fn detect_encoding(head: &[u8]) -> Result<(SourceEncoding, bool), InventoryError> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok((SourceEncoding::Utf8, true));
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Ok((SourceEncoding::Utf16Le, true));
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Ok((SourceEncoding::Utf16Be, true));
    }
    let magic: &[(&[u8], &str)] = &[
        (b"%PDF", "it is a PDF document"),
        (
            b"PK\x03\x04",
            "it is a zip archive (an .xlsx or .ods workbook?): export the sheet as CSV",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "it is an old Excel .xls workbook: export the sheet as CSV",
        ),
        (b"\x89PNG", "it is a PNG image"),
        (b"\xFF\xD8\xFF", "it is a JPEG image"),
    ];
    for (m, what) in magic {
        if head.starts_with(m) {
            return Err(InventoryError::NotText {
                detail: (*what).to_string(),
            });
        }
    }
    if head.contains(&0) {
        return Err(InventoryError::NotText {
            detail: "it contains binary data (NUL bytes)".into(),
        });
    }
    match std::str::from_utf8(head) {
        Ok(_) => Ok((SourceEncoding::Utf8, false)),
        // Cut in the middle of a character at the end of the sniffed block: still UTF-8.
        Err(e) if e.error_len().is_none() => Ok((SourceEncoding::Utf8, false)),
        Err(_) => Ok((SourceEncoding::Windows1252, false)),
    }
}

/// Picks the separator that occurs most often, outside quotes, in the first line.
pub fn detect_separator(first_line: &str) -> u8 {
    let (mut semi, mut comma, mut tab) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for c in first_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            '\t' if !quoted => tab += 1,
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
    }
    if tab > semi && tab > comma {
        b'\t'
    } else if comma > semi {
        b','
    } else {
        b';'
    }
}

impl CsvInventory {
    /// Starts reading: detects the format and maps the header row.
    pub fn new<R: Read + 'static>(mut input: R) -> Result<CsvInventory, InventoryError> {
        let mut head = Vec::with_capacity(SNIFF_BYTES.min(8192));
        (&mut input)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(|e| InventoryError::Read {
                line: 1,
                message: e.to_string(),
            })?;
        if head.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(InventoryError::Empty);
        }
        let (encoding, bom) = detect_encoding(&head)?;
        let skip = match encoding {
            SourceEncoding::Utf16Le | SourceEncoding::Utf16Be if bom => 2,
            _ => 0,
        };
        // The separator is read from the first line: a UTF-8 head is decoded up to it only.
        let first = match encoding {
            SourceEncoding::Utf8 => head
                .iter()
                .position(|b| *b == b'\n')
                .map_or(&head[..], |n| &head[..=n]),
            _ => &head[skip..],
        };
        let head_text = encoding.decode(first);
        let separator = detect_separator(head_text.trim_start_matches('\u{feff}'));
        let format = CsvFormat {
            encoding: encoding.name(),
            bom,
            separator: separator as char,
        };
        let chained = Cursor::new(head).chain(input);
        let mut source: Box<dyn Read> = if encoding == SourceEncoding::Utf8 {
            // Raw bytes: each record is checked, so an invalid byte rejects its row, never silently.
            Box::new(chained)
        } else {
            Box::new(DecodingReader::new(chained, encoding))
        };
        if bom {
            // The BOM (3 bytes in UTF-8; the decoder turns a UTF-16 BOM into U+FEFF, 3 bytes too).
            let mut skip = [0u8; 3];
            let _ = source.read_exact(&mut skip);
        }
        // Records as the csv crate reads them, flexible, line ends read as "\n" (the csv crate
        // numbers the records of a CRLF file, every spreadsheet's export, one line early, and
        // errors must name the right line).
        let mut records = Records::new(source, separator);
        let mut warnings = Vec::new();
        let headers = loop {
            match records.read() {
                Ok(false) => return Err(InventoryError::Empty),
                Ok(true) if records.iter().all(|f| f.trim_ascii().is_empty()) => continue,
                Ok(true) => {
                    break records
                        .iter()
                        .map(|f| String::from_utf8_lossy(f).trim().to_string())
                        .collect::<Vec<_>>()
                }
                Err(e) => return Err(read_error(&e)),
            }
        };
        let columns = ColumnMap::from_headers(&headers, &mut warnings)?;
        Ok(CsvInventory {
            records,
            columns,
            format,
            warnings,
            blank_rows: 0,
            done: false,
        })
    }

    /// The detected encoding and separator.
    pub fn format(&self) -> &CsvFormat {
        &self.format
    }

    /// The column mapping of the header row.
    pub fn columns(&self) -> &ColumnMap {
        &self.columns
    }

    /// Warnings so far (ignored columns...).
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    /// Empty rows skipped so far (spreadsheets export trailing `;;;;` rows).
    pub fn blank_rows(&self) -> u64 {
        self.blank_rows
    }

    /// Fills `out` from a record's text cells; cells stay on the stack, buffers are reused.
    fn convert_into(&self, rec: &[&str], out: &mut super::EquipmentLine) -> Result<(), RowError> {
        let n_headers = self.columns.columns.len();
        if rec.len() > n_headers && rec.iter().skip(n_headers).any(|f| !f.trim().is_empty()) {
            return Err(RowError::FieldCount {
                expected: n_headers,
                found: rec.len(),
            });
        }
        let mut cells: [Option<&str>; Field::ALL.len()] = [None; Field::ALL.len()];
        for (i, field) in self.columns.columns.iter().enumerate() {
            let (Some(field), Some(text)) = (field, rec.get(i)) else {
                continue;
            };
            if text.len() > 4 * MAX_TEXT_LEN {
                return Err(RowError::TooLong {
                    field: *field,
                    length: text.len(),
                    max: MAX_TEXT_LEN,
                });
            }
            // `'=...` is a neutralised formula (ours, or a spreadsheet's text marker), not data.
            cells[*field as usize] = Some(crate::csv_safe::unescape(text));
        }
        fill_line(
            out,
            Field::ALL
                .iter()
                .filter_map(|f| cells[*f as usize].map(|t| (*f, CellValue::Text(t)))),
        )
    }

    /// Fills `out` from the current record through its text (each cell checked as UTF-8, the
    /// first invalid one named).
    fn decode_into(&self, out: &mut super::EquipmentLine) -> Result<(), RowError> {
        let (rec, columns) = (&self.records, &self.columns.columns);
        let mut text: Vec<&str> = Vec::with_capacity(rec.len());
        for (column, cell) in rec.iter().enumerate() {
            match std::str::from_utf8(cell) {
                Ok(t) => text.push(t),
                Err(e) => match columns.get(column).copied().flatten() {
                    Some(field) => {
                        return Err(RowError::InvalidText {
                            field,
                            reason: format!(
                                "invalid UTF-8 at byte {} of the cell; save the file as UTF-8 or Windows-1252 throughout",
                                e.valid_up_to()
                            ),
                        })
                    }
                    // An unused column with stray bytes: read the row without it (and without
                    // any cell after it that is not UTF-8 either).
                    None => {
                        text.clear();
                        text.extend(rec.iter().map(|f| std::str::from_utf8(f).unwrap_or("")));
                        break;
                    }
                },
            }
        }
        self.convert_into(&text, out)
    }

    /// Reads the next row into `line` (reusing its buffers): `Some(Ok(Ok(line_no)))` for a line,
    /// `Some(Ok(Err(rejected)))` for a row that could not be read, `None` at the end.
    pub fn next_into(
        &mut self,
        line: &mut super::EquipmentLine,
    ) -> Option<Result<Result<u64, RejectedRow>, InventoryError>> {
        Some(self.advance()?.map(|n| match self.decode_into(line) {
            Ok(()) => Ok(n),
            Err(error) => Err(RejectedRow { line: n, error }),
        }))
    }

    /// Moves to the next row that is not blank: its line number, `None` at the end.
    pub(crate) fn advance(&mut self) -> Option<Result<u64, InventoryError>> {
        loop {
            if self.done {
                return None;
            }
            match self.records.read() {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(read_error(&e)));
                }
                Ok(true) => {
                    if self.records.iter().all(|f| f.trim_ascii().is_empty()) {
                        self.blank_rows += 1;
                        continue;
                    }
                    return Some(Ok(self.records.record_line()));
                }
            }
        }
    }

    /// Reads the current row (after [`CsvInventory::advance`]) into `line`.
    pub(crate) fn decode(&self, line: &mut super::EquipmentLine) -> Result<(), RowError> {
        self.decode_into(line)
    }

    /// The current row read straight from its cells when it is plain (no quotes, no more cells
    /// than columns, numbers as [`set_plain_number`] reads them, a label of at most
    /// [`MAX_TEXT_LEN`] bytes of UTF-8): its numbers into `line` (its text fields left as they
    /// are), and its key into `key`: the text cells that decide how it is evaluated (category,
    /// model, condition, country, department), each as its field, its bytes and "\n" (which a
    /// plain cell cannot hold). Rows with the same key read the same, so an evaluation can
    /// remember how it resolved one. `false` for any other row.
    pub(crate) fn plain_row(&self, key: &mut Vec<u8>, line: &mut super::EquipmentLine) -> bool {
        let Some((buf, fields)) = self.records.plain_fields() else {
            return false;
        };
        let columns = &self.columns.columns;
        if fields.len() > columns.len() {
            return false;
        }
        key.clear();
        clear_numbers(line);
        for (field, (a, b)) in columns.iter().zip(fields) {
            let Some(field) = *field else { continue };
            let cell = &buf[*a..*b];
            if super::is_key_field(field) {
                key.push(field as u8);
                key.extend_from_slice(cell);
                key.push(b'\n');
            } else if !set_plain_number(line, field, cell) {
                return false;
            }
        }
        true
    }
}

/// An input that cannot be read (the csv crate's error gave no line for it).
fn read_error(e: &std::io::Error) -> InventoryError {
    InventoryError::Read {
        line: 0,
        message: e.to_string(),
    }
}

impl Iterator for CsvInventory {
    type Item = Result<InventoryItem, InventoryError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut line = super::EquipmentLine::new(String::new(), 1);
        self.next_into(&mut line).map(|r| {
            r.map(|row| match row {
                Ok(n) => InventoryItem::Line(n, line),
                Err(rejected) => InventoryItem::Rejected(rejected),
            })
        })
    }
}

/// Which field each column of a header row gives.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    /// For each column of the header row, the field it gives, or `None` when it is ignored.
    pub columns: Vec<Option<Field>>,
    /// The header row as read.
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
        // No column names the type: a designation column says what each device is (an asset
        // register's "Désignation", "Libellé"), read as the type.
        if !columns.contains(&Some(Field::Category)) {
            let designation = columns
                .iter()
                .position(|c| *c == Some(Field::Label))
                .filter(|i| {
                    let h = crate::names::normalize(&headers[*i]);
                    ["designation", "libelle", "description", "intitule"]
                        .iter()
                        .any(|d| h.starts_with(d))
                });
            if let Some(i) = designation {
                columns[i] = Some(Field::Category);
                warnings.push(Warning {
                    line: Some(1),
                    field: Some(Field::Category.name().into()),
                    code: "category_from_label",
                    message: format!(
                        "column {:?} read as the device type: no column names the type",
                        headers[i]
                    ),
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
