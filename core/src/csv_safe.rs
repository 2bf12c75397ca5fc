//! CSV cells that a spreadsheet will not run as formulas.
//!
//! A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
//! Excel, LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(A1)`, DDE
//! payloads): a department, a label or a GLPI computer name written as-is could then attack the
//! person who opens the export. Every CSV empreinte writes therefore passes its *text* cells
//! through [`cell`], which prefixes such a cell with an apostrophe, as OWASP recommends ("CSV
//! Injection"); the spreadsheet shows the text, apostrophe hidden. Numbers we write ourselves
//! (a delta of `-12.5`) are written as they are, so that they stay numbers: a writer says which
//! cells are text and which are numbers ([`Cell`], [`Writer`]).
//!
//! Reading goes the other way: the inventory CSV reader drops that apostrophe ([`unescape`]),
//! so an inventory written by `empreinte import glpi` evaluates the same as the import itself.
//!
//! ```
//! use empreinte::csv_safe::{cell, unescape};
//! assert_eq!(cell("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
//! assert_eq!(cell("Mairie"), "Mairie");
//! assert_eq!(unescape("'-2+3"), "-2+3");
//! ```

use std::borrow::Cow;
use std::io;

/// The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn starts_with_trigger(text: &str) -> bool {
    text.starts_with(FORMULA_TRIGGERS)
}

/// A text cell made safe: prefixed with `'` when it starts with a formula trigger, unchanged
/// (borrowed) otherwise.
pub fn cell(text: &str) -> Cow<'_, str> {
    if starts_with_trigger(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text a neutralised cell stands for: without the apostrophe [`cell`] put before a formula
/// trigger (a spreadsheet's text marker, never part of the value); any other text unchanged.
pub fn unescape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if starts_with_trigger(rest) => rest,
        _ => text,
    }
}

/// One cell of a row to write.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// Text, possibly from input (a label, a department, a file name, a message): neutralised.
    Text(&'a str),
    /// A number written by empreinte (`f64`/integer `to_string`), or empty: written as is, so
    /// that a negative number stays a number.
    Number(&'a str),
}

/// A `csv::Writer` whose rows say which cells are text ([`Cell::Text`], neutralised) and which
/// are numbers ([`Cell::Number`], as is). Headers are written as given (they are ours).
#[derive(Debug)]
pub struct Writer<W: io::Write> {
    inner: csv::Writer<W>,
    neutralise: bool,
}

impl<W: io::Write> Writer<W> {
    /// Wraps a writer configured by the caller (delimiter, terminator).
    pub fn new(inner: csv::Writer<W>) -> Writer<W> {
        Writer {
            inner,
            neutralise: true,
        }
    }

    /// A writer that leaves text as it is: for CSV that a program parses straight back (the
    /// Python package's DataFrame of a GLPI import), never for a file a person opens.
    pub fn plain(inner: csv::Writer<W>) -> Writer<W> {
        Writer {
            inner,
            neutralise: false,
        }
    }

    /// A comma-separated writer with the csv crate's defaults.
    pub fn from_writer(out: W) -> Writer<W> {
        Writer::new(csv::Writer::from_writer(out))
    }

    /// The header row, as is.
    pub fn header(&mut self, names: &[&str]) -> csv::Result<()> {
        self.inner.write_record(names)
    }

    /// One row: text cells neutralised, numbers as they are.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> csv::Result<()> {
        for c in cells {
            match *c {
                Cell::Text(t) if self.neutralise => self.inner.write_field(cell(t).as_bytes())?,
                Cell::Text(t) => self.inner.write_field(t)?,
                Cell::Number(n) => {
                    debug_assert!(
                        n.is_empty() || n.parse::<f64>().is_ok(),
                        "not a number: {n:?}"
                    );
                    self.inner.write_field(n)?
                }
            }
        }
        self.inner.write_record(None::<&[u8]>)
    }

    /// Flushes the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }

    /// The underlying writer, flushed.
    pub fn into_inner(self) -> io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_are_neutralised_and_read_back() {
        for hostile in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tcmd",
            "\rcmd",
        ] {
            let safe = cell(hostile);
            assert_eq!(safe, format!("'{hostile}"));
            assert_eq!(unescape(&safe), hostile);
        }
        for plain in ["Mairie", "", "'quoted", " =space first", "École"] {
            assert_eq!(cell(plain), plain);
            assert_eq!(unescape(plain), plain);
        }
        assert_eq!(unescape("'"), "'");
    }

    #[test]
    fn numbers_stay_numbers() {
        let mut w = Writer::from_writer(Vec::new());
        w.header(&["name", "delta"]).unwrap();
        w.row(&[Cell::Text("-x"), Cell::Number("-12.5")]).unwrap();
        w.row(&[Cell::Text("a,b"), Cell::Number("")]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, "name,delta\n'-x,-12.5\n\"a,b\",\n");
    }
}
