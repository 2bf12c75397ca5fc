//! Streaming reader for inventories exported from spreadsheets: detects the encoding
//! (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) and the separator; maps the
//! header row to fields.

use super::columns::TRACE_COLUMNS;
use super::values::{fill_line, CellValue, MAX_TEXT_LEN};
use super::{Field, InventoryError, InventoryItem, RejectedRow, RowError, Warning};
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
        let head_text = encoding.decode(&head[skip..]);
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
        // Line ends as "\n" only: the csv crate numbers the records of a CRLF file (every
        // spreadsheet's export) one line early, and errors must name the right line.
        let source: Box<dyn Read> = Box::new(LineFeeds::new(source));
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

    /// Fills `out` from a record; cells stay on the stack, buffers are reused.
    fn convert_into(
        &self,
        rec: &csv::StringRecord,
        out: &mut super::EquipmentLine,
    ) -> Result<(), RowError> {
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

    /// Validates the current record as UTF-8 once, and fills `out` from it.
    fn decode_into(&mut self, out: &mut super::EquipmentLine) -> Result<(), RowError> {
        let record = std::mem::take(&mut self.record);
        match csv::StringRecord::from_byte_record(record) {
            Ok(text) => {
                let result = self.convert_into(&text, out);
                self.record = text.into_byte_record();
                result
            }
            Err(e) => {
                let column = e.utf8_error().field();
                let valid_up_to = e.utf8_error().valid_up_to();
                self.record = e.into_byte_record();
                let field = self.columns.columns.get(column).copied().flatten();
                match field {
                    Some(field) => Err(RowError::InvalidText {
                        field,
                        reason: format!(
                            "invalid UTF-8 at byte {valid_up_to} of the cell; save the file as UTF-8 or Windows-1252 throughout"
                        ),
                    }),
                    // An unused column with stray bytes: read the row without it.
                    None => {
                        let cleaned: csv::StringRecord = self
                            .record
                            .iter()
                            .map(|f| std::str::from_utf8(f).unwrap_or(""))
                            .collect();
                        self.convert_into(&cleaned, out)
                    }
                }
            }
        }
    }

    /// Reads the next row into `line` (reusing its buffers): `Some(Ok(Ok(line_no)))` for a line,
    /// `Some(Ok(Err(rejected)))` for a row that could not be read, `None` at the end.
    pub fn next_into(
        &mut self,
        line: &mut super::EquipmentLine,
    ) -> Option<Result<Result<u64, RejectedRow>, InventoryError>> {
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
                    let n = self.record.position().map_or(0, |p| p.line());
                    return Some(Ok(match self.decode_into(line) {
                        Ok(()) => Ok(n),
                        Err(error) => Err(RejectedRow { line: n, error }),
                    }));
                }
            }
        }
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
        let mut line = super::EquipmentLine::new(String::new(), 1);
        self.next_into(&mut line).map(|r| {
            r.map(|row| match row {
                Ok(n) => InventoryItem::Line(n, line),
                Err(rejected) => InventoryItem::Rejected(rejected),
            })
        })
    }
}

/// A reader that turns "\r\n" and a lone "\r" (old Mac exports) into "\n", streaming.
struct LineFeeds<R> {
    inner: R,
    /// The last byte read was a "\r" (already written as "\n"): a "\n" right after it is dropped.
    after_cr: bool,
}

impl<R: Read> LineFeeds<R> {
    fn new(inner: R) -> LineFeeds<R> {
        LineFeeds {
            inner,
            after_cr: false,
        }
    }
}

impl<R: Read> Read for LineFeeds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut out = 0;
            for i in 0..n {
                let b = buf[i];
                match b {
                    b'\n' if self.after_cr => self.after_cr = false,
                    b'\r' => {
                        buf[out] = b'\n';
                        out += 1;
                        self.after_cr = true;
                    }
                    _ => {
                        buf[out] = b;
                        out += 1;
                        self.after_cr = false;
                    }
                }
            }
            // A buffer of nothing but a dropped "\n": read on, 0 would mean the end.
            if out > 0 {
                return Ok(out);
            }
        }
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
