//! One NumEcoEval / G4IT CSV file read whole: its encoding (UTF-8 with or without BOM, UTF-16
//! with BOM, Windows-1252; `crate::text`), its separator (`;` or `,`; the inventory reader's
//! detection), its kind told by its header, its header mapped to the kind's columns, and its
//! records with their lines.

use super::{FileKind, MAX_FILE_BYTES, MAX_ROWS};
use crate::estate::EstateError;
use crate::inventory::{RowError, Warning, MAX_TEXT_LEN};

/// The matching key of a header: ASCII letters and digits, lower case (`nomEquipementPhysique`,
/// `NomEquipementPhysique` and `nom_equipement_physique` are one column).
pub(super) fn header_key(h: &str) -> String {
    crate::names::normalize(h).replace(' ', "")
}

/// The kind of file a header row is: the columns that only its kind has decide.
pub(super) fn kind_of(keys: &[String]) -> Option<FileKind> {
    let has = |c: &str| keys.iter().any(|k| k == c);
    if has("nomapplication") {
        Some(FileKind::Application)
    } else if has("nomequipementvirtuel") {
        Some(FileKind::VirtualEquipment)
    } else if has("nomequipementphysique") {
        Some(FileKind::PhysicalEquipment)
    } else if has("nomcourtdatacenter") {
        Some(FileKind::DataCentre)
    } else if has("nombremailemis") || has("moisannee") {
        Some(FileKind::Messaging)
    } else if has("nbcollaborateurs") {
        Some(FileKind::Entity)
    } else {
        None
    }
}

/// Text with its line ends as `\n` (the csv crate numbers the records of a CRLF file one line
/// early) and no BOM.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// The line a record starts on. The csv crate gives where it stood after the previous record,
/// before the empty lines it skipped: a row after a blank line would be named one line early.
fn record_line(text: &[u8], at: &csv::Position) -> u64 {
    let byte = (at.byte() as usize).min(text.len());
    at.line() + text[byte..].iter().take_while(|b| **b == b'\n').count() as u64
}

/// The header row of a text (its first line with content), as matching keys.
pub(super) fn header_keys(text: &str) -> Vec<String> {
    let text = clean(text);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Vec::new();
    };
    let sep = crate::inventory::detect_separator(first);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(first.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(header_key).collect(),
        _ => Vec::new(),
    }
}

/// A file read: its kind, columns, and data rows.
#[derive(Debug)]
pub(super) struct Sheet {
    /// The file's name, as given.
    pub file: String,
    /// What it holds.
    pub kind: FileKind,
    /// Per column of the kind ([`FileKind::columns`]), its position in the file.
    columns: Vec<Option<usize>>,
    /// Data rows with their lines (the header is line 1).
    pub rows: Vec<(u64, csv::StringRecord)>,
    /// Empty rows skipped.
    pub blank_rows: u64,
    /// Columns the file has that the evaluation does not use, as written.
    pub ignored: Vec<String>,
}

/// A file of `bytes` bytes, over the limit `max`.
pub(super) fn too_large(file: &str, bytes: u64, max: usize) -> EstateError {
    format_error(
        file,
        "numecoeval_too_large",
        format!(
            "{bytes} bytes; a NumEcoEval file is at most {max} bytes (split it: several files of \
             a kind are read together)"
        ),
    )
}

/// A NumEcoEval file that cannot be read.
fn format_error(file: &str, code: &'static str, message: String) -> EstateError {
    EstateError::Format {
        file: file.to_string(),
        line: None,
        field: None,
        code,
        message,
    }
}

impl Sheet {
    /// Reads a file; `None` when its header is not one of NumEcoEval's files.
    pub fn read(file: &str, bytes: &[u8]) -> Result<Option<Sheet>, EstateError> {
        Sheet::read_within(file, bytes, MAX_FILE_BYTES, MAX_ROWS)
    }

    /// [`Sheet::read`] within limits of size and rows (the stated ones, smaller in tests).
    pub(super) fn read_within(
        file: &str,
        bytes: &[u8],
        max_bytes: usize,
        max_rows: usize,
    ) -> Result<Option<Sheet>, EstateError> {
        if bytes.len() > max_bytes {
            return Err(too_large(file, bytes.len() as u64, max_bytes));
        }
        if bytes.contains(&0) && !bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF")
        {
            return Err(format_error(
                file,
                "numecoeval_not_text",
                "this is not a CSV file (it contains binary data)".into(),
            ));
        }
        let (text, _) = crate::text::decode_auto(bytes);
        let text = clean(&text);
        let keys = header_keys(&text);
        let Some(kind) = kind_of(&keys) else {
            return Ok(None);
        };
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let sep = crate::inventory::detect_separator(first);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(text.as_bytes());
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        let mut blank_rows = 0;
        for record in reader.records() {
            let record = record.map_err(|e| EstateError::Format {
                file: file.to_string(),
                line: e.position().map(|p| record_line(text.as_bytes(), p)),
                field: None,
                code: "numecoeval_csv",
                message: format!("invalid CSV: {e}"),
            })?;
            let blank = record.iter().all(|f| f.trim().is_empty());
            match &header {
                None if blank => {}
                None => header = Some(record.iter().map(|h| h.trim().to_string()).collect()),
                Some(_) if blank => blank_rows += 1,
                Some(_) if rows.len() == max_rows => {
                    return Err(EstateError::Format {
                        file: file.to_string(),
                        line: record.position().map(|p| record_line(text.as_bytes(), p)),
                        field: None,
                        code: "numecoeval_too_many_rows",
                        message: format!(
                            "more than {max_rows} rows; a NumEcoEval file has at most {max_rows} \
                             (split it: several files of a kind are read together)"
                        ),
                    })
                }
                Some(_) => rows.push((
                    record
                        .position()
                        .map_or(0, |p| record_line(text.as_bytes(), p)),
                    record,
                )),
            }
        }
        let header = header.unwrap_or_default();
        let mut columns = vec![None; kind.columns().len()];
        let mut ignored = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let key = header_key(h);
            if key.is_empty() {
                continue;
            }
            match kind
                .columns()
                .iter()
                .position(|c| header_key(c.name) == key)
            {
                Some(c) if columns[c].is_some() => {
                    return Err(EstateError::Format {
                        file: file.to_string(),
                        line: Some(1),
                        field: Some(kind.columns()[c].name.to_string()),
                        code: "numecoeval_duplicate_column",
                        message: format!("two columns give `{}`; keep one", kind.columns()[c].name),
                    })
                }
                Some(c) => {
                    columns[c] = Some(i);
                    if !kind.columns()[c].used {
                        ignored.push(h.clone());
                    }
                }
                None => ignored.push(h.clone()),
            }
        }
        for (c, col) in kind.columns().iter().enumerate() {
            if col.mandatory && columns[c].is_none() {
                return Err(EstateError::Format {
                    file: file.to_string(),
                    line: Some(1),
                    field: Some(col.name.to_string()),
                    code: "numecoeval_missing_column",
                    message: format!(
                        "a {} file needs a column `{}` (columns found: {}); its columns: {}",
                        kind.name(),
                        col.name,
                        header.join(", "),
                        kind.columns()
                            .iter()
                            .map(|c| if c.mandatory {
                                format!("{} (required)", c.name)
                            } else {
                                c.name.to_string()
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
        Ok(Some(Sheet {
            file: file.to_string(),
            kind,
            columns,
            rows,
            blank_rows,
            ignored,
        }))
    }

    /// The `ignored_column` warning of this file, when it has columns the evaluation does not
    /// use.
    pub fn ignored_warning(&self) -> Option<Warning> {
        (!self.ignored.is_empty()).then(|| Warning {
            line: Some(1),
            field: None,
            code: "ignored_column",
            message: format!(
                "{}: columns not used by the evaluation: {}",
                self.file,
                self.ignored.join(", ")
            ),
        })
    }

    /// One row's cells, by the kind's column names.
    pub fn row<'a>(&'a self, record: &'a csv::StringRecord) -> Cells<'a> {
        Cells {
            sheet: self,
            record,
        }
    }
}

/// The cells of one row.
pub(super) struct Cells<'a> {
    sheet: &'a Sheet,
    record: &'a csv::StringRecord,
}

/// An error about one column of a row.
pub(super) fn column_error(column: &str, code: &'static str, message: String) -> RowError {
    RowError::Column {
        column: column.to_string(),
        code,
        message,
    }
}

impl Cells<'_> {
    fn raw(&self, column: &str) -> &str {
        let kind = self.sheet.kind;
        kind.columns()
            .iter()
            .position(|c| c.name == column)
            .and_then(|c| self.sheet.columns[c])
            .and_then(|i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// The text of a column, trimmed, the spreadsheet's text marker taken off; `None` when
    /// empty (or `NULL`, as G4IT exports write it).
    pub fn text(&self, column: &str) -> Result<Option<String>, RowError> {
        let t = crate::csv_safe::unescape(self.raw(column)).trim();
        if t.is_empty() || t == "NULL" {
            return Ok(None);
        }
        if t.len() > MAX_TEXT_LEN {
            return Err(column_error(
                column,
                "too_long",
                format!(
                    "the value is {} characters long; at most {MAX_TEXT_LEN} are accepted",
                    t.len()
                ),
            ));
        }
        Ok(Some(t.to_string()))
    }

    /// A required text.
    pub fn required(&self, column: &str) -> Result<String, RowError> {
        self.text(column)?
            .ok_or_else(|| column_error(column, "missing_value", "a value is required".to_string()))
    }

    /// A number (decimal comma or point), `None` when empty; `expected` says what is valid.
    pub fn number(&self, column: &str, expected: &str) -> Result<Option<f64>, RowError> {
        let Some(t) = self.text(column)? else {
            return Ok(None);
        };
        match crate::inventory::parse_number(&t) {
            Some(v) => Ok(Some(v)),
            None => Err(column_error(
                column,
                "not_a_number",
                format!("{t:?} is not a number; expected {expected}"),
            )),
        }
    }

    /// A number in `[min, max]` (`min` excluded when `exclusive`), `None` when empty.
    pub fn number_in(
        &self,
        column: &str,
        (min, max): (f64, f64),
        exclusive: bool,
        expected: &str,
    ) -> Result<Option<f64>, RowError> {
        match self.number(column, expected)? {
            Some(v) if (v > min || (!exclusive && v == min)) && v <= max => Ok(Some(v)),
            Some(v) => Err(column_error(
                column,
                "out_of_range",
                format!(
                    "{} is out of range; expected {expected}",
                    crate::decimal::Num(v)
                ),
            )),
            None => Ok(None),
        }
    }

    /// A date (`YYYY-MM-DD`, as NumEcoEval writes them, or `DD/MM/YYYY`), `None` when empty.
    pub fn date(&self, column: &str) -> Result<Option<Date>, RowError> {
        let Some(t) = self.text(column)? else {
            return Ok(None);
        };
        Date::parse(&t).map(Some).ok_or_else(|| {
            column_error(
                column,
                "invalid_date",
                format!(
                    "{t:?} is not a date; expected YYYY-MM-DD (2021-03-15), between 1970 and 2200"
                ),
            )
        })
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// `YYYY-MM-DD` (a time after `T` or a space is ignored) or `DD/MM/YYYY`.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.split(['T', ' ']).next().unwrap_or("");
        let parts: Vec<&str> = if t.contains('-') {
            t.split('-').collect()
        } else {
            let mut p: Vec<&str> = t.split('/').collect();
            p.reverse();
            p
        };
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
            return None;
        }
        let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        ((1970..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// Days since 1 January 1970.
    pub fn days(self) -> i64 {
        let mut n = 0i64;
        for y in 1970..self.year {
            n += if leap(y) { 366 } else { 365 };
        }
        for m in 1..self.month {
            n += i64::from(days_in_month(self.year, m));
        }
        n + i64::from(self.day) - 1
    }

    /// 1 January of a year.
    pub fn new_year(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    /// Days in this date's year.
    pub fn year_days(year: i32) -> i64 {
        if leap(year) {
            366
        } else {
            365
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_count_days() {
        let a = Date::parse("2020-07-08").unwrap();
        let b = Date::parse("16/06/2023").unwrap();
        assert_eq!(b.days() - a.days(), 1073);
        assert_eq!(Date::parse("2024-02-29T00:00:00").unwrap().day, 29);
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "1969-01-01",
            "2023/01/01",
            "x",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::new_year(1971).days(), 365);
    }

    #[test]
    fn headers_tell_the_kind() {
        let kind = |h: &str| kind_of(&header_keys(h));
        assert_eq!(
            kind("nomCourtDatacenter;nomLongDatacenter;pue;localisation;nomEntite;"),
            Some(FileKind::DataCentre)
        );
        assert_eq!(
            kind("\u{feff}nomEquipementPhysique,modele,quantite,nomCourtDatacenter,type\n"),
            Some(FileKind::PhysicalEquipment)
        );
        assert_eq!(kind("category;quantity"), None);
    }

    #[test]
    fn files_and_rows_over_the_limits_are_located_errors() {
        let text = "nomEquipementPhysique;type;quantite\na;Laptop;1\nb;Laptop;1\n\nc;Laptop;1\n";
        let read = |max_bytes, max_rows| {
            Sheet::read_within("EP.csv", text.as_bytes(), max_bytes, max_rows)
        };
        // Within the limits: the rows, blank ones skipped and not counted.
        assert_eq!(read(text.len(), 3).unwrap().unwrap().rows.len(), 3);
        // One byte short: refused before reading, with the file.
        match read(text.len() - 1, 3) {
            Err(EstateError::Format {
                file, code, line, ..
            }) => {
                assert_eq!(
                    (file.as_str(), code, line),
                    ("EP.csv", "numecoeval_too_large", None)
                );
            }
            other => panic!("{other:?}"),
        }
        // Two rows at most: the third (line 5, after a blank line) is where it stops.
        match read(text.len(), 2) {
            Err(EstateError::Format {
                file,
                code,
                line,
                message,
                ..
            }) => {
                assert_eq!(
                    (file.as_str(), code, line),
                    ("EP.csv", "numecoeval_too_many_rows", Some(5))
                );
                assert!(message.contains("at most 2"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}
