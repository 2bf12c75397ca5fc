//! Streaming reader for inventories exported from spreadsheets: detects the encoding
//! (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) and the separator.

use super::values::{line_from_cells, CellValue, MAX_TEXT_LEN};
use super::{ColumnMap, Field, InventoryError, InventoryItem, RejectedRow, RowError, Warning};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::io::{Cursor, Read};

/// How much of the start of the input is inspected to detect encoding and separator.
const SNIFF_BYTES: usize = 64 * 1024;

/// What was detected about a CSV file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CsvFormat {
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
    pub bom: bool,
    /// `;`, `,` or a tab.
    pub separator: char,
}

/// A CSV inventory being read record by record, in bounded memory.
pub struct CsvInventory {
    reader: csv::Reader<Box<dyn Read>>,
    columns: ColumnMap,
    format: CsvFormat,
    warnings: Vec<Warning>,
    record: csv::ByteRecord,
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

fn detect_encoding(head: &[u8]) -> Result<(&'static Encoding, bool), InventoryError> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok((UTF_8, true));
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Ok((UTF_16LE, true));
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Ok((UTF_16BE, true));
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
        Ok(_) => Ok((UTF_8, false)),
        // Cut in the middle of a character at the end of the sniffed block: still UTF-8.
        Err(e) if e.error_len().is_none() => Ok((UTF_8, false)),
        Err(_) => Ok((WINDOWS_1252, false)),
    }
}

/// Picks the separator that occurs most often, outside quotes, in the first line.
fn detect_separator(first_line: &str) -> u8 {
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
        let (head_text, _, _) = encoding.decode(&head);
        let separator = detect_separator(head_text.trim_start_matches('\u{feff}'));
        let format = CsvFormat {
            encoding: encoding.name(),
            bom,
            separator: separator as char,
        };
        let chained = Cursor::new(head).chain(input);
        let source: Box<dyn Read> = if encoding == UTF_8 {
            // Raw bytes: each field is checked, so an invalid byte rejects its row, never silently.
            let mut c = chained;
            if bom {
                let mut skip = [0u8; 3];
                let _ = c.read_exact(&mut skip);
            }
            Box::new(c)
        } else {
            Box::new(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding))
                    .bom_override(true)
                    .build(chained),
            )
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(source);

        let mut warnings = Vec::new();
        let mut record = csv::ByteRecord::new();
        let headers = loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => return Err(InventoryError::Empty),
                Ok(true) if record.iter().all(|f| f.trim_ascii().is_empty()) => continue,
                Ok(true) => {
                    break record
                        .iter()
                        .map(|f| String::from_utf8_lossy(f).trim().to_string())
                        .collect::<Vec<_>>()
                }
                Err(e) => return Err(read_error(&e)),
            }
        };
        let columns = ColumnMap::from_headers(&headers, &mut warnings)?;
        Ok(CsvInventory {
            reader,
            columns,
            format,
            warnings,
            record,
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

    fn convert(&self, line: u64) -> Result<super::EquipmentLine, RowError> {
        let rec = &self.record;
        let n_headers = self.columns.columns.len();
        if rec.len() > n_headers
            && rec
                .iter()
                .skip(n_headers)
                .any(|f| !f.trim_ascii().is_empty())
        {
            return Err(RowError::FieldCount {
                expected: n_headers,
                found: rec.len(),
            });
        }
        let mut cells: Vec<(Field, CellValue<'_>)> = Vec::with_capacity(n_headers);
        for (i, field) in self.columns.columns.iter().enumerate() {
            let (Some(field), Some(bytes)) = (field, rec.get(i)) else {
                continue;
            };
            if bytes.len() > 4 * MAX_TEXT_LEN {
                return Err(RowError::TooLong {
                    field: *field,
                    length: bytes.len(),
                    max: MAX_TEXT_LEN,
                });
            }
            let text = std::str::from_utf8(bytes).map_err(|e| RowError::InvalidText {
                field: *field,
                reason: format!(
                    "invalid UTF-8 at byte {} of the cell; save the file as UTF-8 or Windows-1252 throughout",
                    e.valid_up_to()
                ),
            })?;
            cells.push((*field, CellValue::Text(text)));
        }
        let _ = line;
        line_from_cells(cells)
    }
}

fn read_error(e: &csv::Error) -> InventoryError {
    InventoryError::Read {
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    }
}

impl Iterator for CsvInventory {
    type Item = Result<InventoryItem, InventoryError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let mut record = std::mem::take(&mut self.record);
            let read = self.reader.read_byte_record(&mut record);
            self.record = record;
            match read {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(read_error(&e)));
                }
                Ok(true) => {
                    if self.record.iter().all(|f| f.trim_ascii().is_empty()) {
                        self.blank_rows += 1;
                        continue;
                    }
                    let line = self.record.position().map_or(0, |p| p.line());
                    return Some(Ok(match self.convert(line) {
                        Ok(l) => InventoryItem::Line(line, l),
                        Err(error) => InventoryItem::Rejected(RejectedRow { line, error }),
                    }));
                }
            }
        }
    }
}
