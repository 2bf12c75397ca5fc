//! Prepares the embedded default dataset: a copy of `data/ademe-negaoctet-2022/` in `OUT_DIR`,
//! without its free-text notes when the `notes` feature is off (the default WebAssembly
//! module, whose size budget the notes would break). Figures, sources and the rows they cite
//! are kept whole either way: results are the same to the last digit.

use std::{env, fs, path::Path};

const DATASET: &str = "ademe-negaoctet-2022";
const FILES: [&str; 5] = [
    "categories.csv",
    "embodied.csv",
    "refurbishment.csv",
    "electricity.csv",
    "sources.csv",
];
/// Columns of explanation only: no figure, no citation key.
const NOTE_COLUMNS: [&str; 2] = ["note", "proxy_note"];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let keep_notes = env::var_os("CARGO_FEATURE_NOTES").is_some();
    let dir = Path::new(&out).join(DATASET);
    fs::create_dir_all(&dir).expect("OUT_DIR is writable");
    for file in FILES {
        let src = Path::new("data").join(DATASET).join(file);
        println!("cargo:rerun-if-changed={}", src.display());
        let text = fs::read_to_string(&src).expect("core/data is part of the crate");
        let text = if keep_notes || file == "sources.csv" {
            text
        } else {
            without_notes(&text)
        };
        fs::write(dir.join(file), text).expect("OUT_DIR is writable");
    }
}

/// The table with its note columns emptied (header kept, so the schema is unchanged).
fn without_notes(text: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut notes: Vec<usize> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.expect("core/data CSV is valid (checked by its tests)");
        if i == 0 {
            notes = record
                .iter()
                .enumerate()
                .filter(|(_, h)| NOTE_COLUMNS.contains(h))
                .map(|(j, _)| j)
                .collect();
            writer.write_record(&record).expect("in memory");
        } else {
            let row = record
                .iter()
                .enumerate()
                .map(|(j, v)| if notes.contains(&j) { "" } else { v });
            writer.write_record(row).expect("in memory");
        }
    }
    String::from_utf8(writer.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}
