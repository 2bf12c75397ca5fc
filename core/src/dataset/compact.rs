//! A compact copy of a dataset's tables, for the embedded default set of the size-budgeted
//! WebAssembly module: what the loader can derive is left blank (a factor's id, its unit, a
//! `low`/`high` equal to `value`, the category aliases the shared vocabulary already reads),
//! and, without the `notes` feature, the free-text notes. Loading a compact table gives the
//! same factors, figures, sources and cited rows as the full one (`tests::compact_is_lossless`).
//!
//! `build.rs` includes this file by path, so it uses nothing but the `csv` crate.

/// Which table a CSV is, for the columns it may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Categories,
    Embodied,
    Refurbishment,
    Electricity,
    /// `sources.csv`: only its free-text `note` can go.
    Sources,
}

/// Columns of explanation only: no figure, no citation key.
const NOTE_COLUMNS: [&str; 2] = ["note", "proxy_note"];

/// The table with its derivable cells (and, unless `keep_notes`, its notes) left empty. The
/// header is kept whole, so the file follows the same schema.
pub fn compact(text: &str, kind: Kind, keep_notes: bool) -> Result<String, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut header: Vec<String> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record?;
        if i == 0 {
            header = record.iter().map(str::to_string).collect();
            writer.write_record(&record)?;
            continue;
        }
        let get = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .and_then(|j| record.get(j))
                .unwrap_or("")
        };
        let derived_id = match kind {
            Kind::Embodied => format!("{}.{}.{}", get("category"), get("phase"), get("indicator")),
            Kind::Refurbishment => format!(
                "{}.refurbishment.{}.{}",
                get("category"),
                get("phase"),
                get("indicator")
            ),
            Kind::Electricity => format!("{}.{}.{}", get("zone"), get("year"), get("indicator")),
            Kind::Categories | Kind::Sources => String::new(),
        };
        let value = get("value");
        let row = header.iter().zip(record.iter()).map(|(column, cell)| {
            let blank = match column.as_str() {
                c if NOTE_COLUMNS.contains(&c) => !keep_notes,
                _ if kind == Kind::Sources => false,
                "factor_id" => cell == derived_id,
                "unit" => kind != Kind::Categories,
                "low" | "high" => kind != Kind::Categories && cell == value,
                "aliases" => kind == Kind::Categories,
                _ => false,
            };
            if blank {
                ""
            } else {
                cell
            }
        });
        writer.write_record(row)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
