//! Many bodies in one pass on the command line: `empreinte evaluate FOLDER --bodies` (every
//! `.csv`, `.json` and `.toml` file of the folder, by name) or `empreinte evaluate LIST.txt
//! --bodies` (one file per line, relative to the list's folder; `#` starts a comment). Each file
//! is a body named after it; the core's `bodies::Bodies` evaluates them one after the other and
//! each body's figures are written as soon as it is read (memory stays bounded), then the total.
//! The JSON document streams the keys of the core's `bodies::Document`.

use crate::Format;
use empreinte::bodies::{
    body_files, table_header, Bodies, BodiesTotal, BodyFootprint, TableRow, SCHEMA,
};
use empreinte::csv_safe::{Cell, Writer};
use empreinte::{Dataset, EvaluationOptions};
use std::io::Write;
use std::path::PathBuf;

fn csv_row(w: &mut Writer<impl Write>, row: &TableRow<'_>) -> std::io::Result<()> {
    let numbers: Vec<String> = row
        .numbers
        .iter()
        .map(|n| n.map_or(String::new(), |v| v.to_string()))
        .collect();
    let mut cells = vec![Cell::Text(row.body), Cell::Text(row.status)];
    cells.extend(numbers.iter().map(|n| Cell::Number(n)));
    w.row(&cells)?;
    Ok(())
}

/// Where the figures go, in which format.
enum Output<'w, W: Write> {
    Csv(Box<Writer<&'w mut W>>),
    Json(&'w mut W),
    Table(&'w mut W, Option<usize>),
}

/// A row of the table format: body, rows, rejected, climate change.
fn table_line(
    out: &mut impl Write,
    row: &TableRow<'_>,
    climate: Option<usize>,
) -> std::io::Result<()> {
    // After the counts and the kWh come the indicators.
    let cc = climate.and_then(|c| row.numbers[5 + c]).map_or(
        if row.status == "ok" {
            "n/a".to_string()
        } else {
            row.status.to_string()
        },
        |v| format!("{v:.1}"),
    );
    let n = |k: usize| row.numbers[k].unwrap_or(0.0);
    writeln!(out, "{:<40} {:>10} {:>10} {:>24}", row.body, n(0), n(2), cc)
}

impl<W: Write> Output<'_, W> {
    fn start(&mut self, ds: &Dataset, year: i32) -> std::io::Result<()> {
        match self {
            Output::Csv(w) => {
                let header = table_header(ds.indicators());
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                w.header(&header)?;
            }
            Output::Json(out) => {
                let info = serde_json::to_string(ds.info())?;
                write!(
                    out,
                    "{{\"schema\":\"{SCHEMA}\",\"reporting_year\":{year},\"dataset\":{info},\"bodies\":["
                )?;
            }
            Output::Table(out, _) => writeln!(
                out,
                "{:<40} {:>10} {:>10} {:>24}",
                "body", "rows", "rejected", "climate_change (kgCO2e)"
            )?,
        }
        Ok(())
    }

    fn body(&mut self, first: bool, b: &BodyFootprint) -> std::io::Result<()> {
        match self {
            Output::Csv(w) => csv_row(w, &b.table_row()),
            Output::Json(out) => {
                let comma = if first { "" } else { "," };
                write!(out, "{comma}{}", serde_json::to_string(b)?)
            }
            Output::Table(out, climate) => table_line(out, &b.table_row(), *climate),
        }
    }

    fn end(&mut self, total: &BodiesTotal) -> std::io::Result<()> {
        match self {
            Output::Csv(w) => {
                csv_row(w, &total.table_row())?;
                w.flush()
            }
            Output::Json(out) => writeln!(out, "],\"total\":{}}}", serde_json::to_string(total)?),
            Output::Table(out, climate) => {
                table_line(out, &total.table_row(), *climate)?;
                writeln!(
                    out,
                    "{} bodies, {} could not be evaluated",
                    total.bodies, total.failed
                )
            }
        }
    }
}

/// `evaluate PATH --bodies`: JSON (`empreinte.bodies/1`: the dataset, every body, the total),
/// CSV (one row per body, then the total) or a table.
pub fn run(
    ds: &Dataset,
    options: &EvaluationOptions,
    paths: &[PathBuf],
    format: Format,
    out: &mut impl Write,
) -> Result<u8, String> {
    // One path: a folder or a list of files; several: the bodies themselves.
    let files = match paths {
        [path] => body_files(path).map_err(|e| format!("{}: {e}", path.display()))?,
        _ => paths.to_vec(),
    };
    let mut pass = Bodies::new(ds, options.clone()).map_err(|e| format!("{e} [{}]", e.code()))?;
    let climate = ds
        .indicators()
        .iter()
        .position(|i| *i == empreinte::Indicator::ClimateChange);
    let mut output = match format {
        Format::Csv => Output::Csv(Box::new(Writer::from_writer(out))),
        Format::Json => Output::Json(out),
        Format::Table => Output::Table(out, climate),
    };
    let write = |e: std::io::Error| format!("cannot write the output: {e}");
    output.start(ds, options.reporting_year).map_err(write)?;
    for (i, file) in files.iter().enumerate() {
        let b = pass.add_path(file);
        output.body(i == 0, &b).map_err(write)?;
    }
    let total = pass.finish();
    output.end(&total).map_err(write)?;
    Ok(if total.failed > 0 || total.counts.rows_rejected > 0 {
        crate::EXIT_REJECTED
    } else {
        0
    })
}
