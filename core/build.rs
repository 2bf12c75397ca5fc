//! Prepares the embedded default dataset in `OUT_DIR`: a compact copy of
//! `data/ademe-negaoctet-2022/` (`src/dataset/compact.rs`: derivable cells left blank, and the
//! free-text notes too without the `notes` feature, the sources' included) and a
//! `datapackage.json` with only what the loader reads (without `notes`, the indicators' coverage
//! notes and the set's description are left out as well). Figures, sources and the rows they
//! cite are whole either way: results are the same to the last digit (tested in
//! `dataset::compact`).

#[path = "src/dataset/compact.rs"]
mod compact;

use compact::Kind;
use std::{env, fs, path::Path};

const DATASET: &str = "ademe-negaoctet-2022";
const TABLES: [(&str, Kind); 5] = [
    ("sources.csv", Kind::Sources),
    ("categories.csv", Kind::Categories),
    ("embodied.csv", Kind::Embodied),
    ("refurbishment.csv", Kind::Refurbishment),
    ("electricity.csv", Kind::Electricity),
];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let keep_notes = env::var_os("CARGO_FEATURE_NOTES").is_some();
    let dir = Path::new(&out).join(DATASET);
    fs::create_dir_all(&dir).expect("OUT_DIR is writable");
    let source = |file: &str| {
        let path = Path::new("data").join(DATASET).join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        fs::read_to_string(&path).expect("core/data is part of the crate")
    };
    for (file, kind) in TABLES {
        let text = compact::compact(&source(file), kind, keep_notes)
            .expect("core/data CSV is valid (checked by its tests)");
        fs::write(dir.join(file), text).expect("OUT_DIR is writable");
    }
    let package: serde_json::Value =
        serde_json::from_str(&source("datapackage.json")).expect("valid JSON (tested)");
    let resources: Vec<serde_json::Value> = package["resources"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| serde_json::json!({"path": r["path"]}))
                .collect()
        })
        .unwrap_or_default();
    let mut lean = serde_json::Map::new();
    for key in [
        "name",
        "version",
        "title",
        "description",
        "licenses",
        "empreinte",
    ] {
        if let Some(v) = package.get(key) {
            lean.insert(key.into(), v.clone());
        }
    }
    // The notes on what each indicator covers explain; the loader reads only the phases. The
    // set's description (a paragraph, shown nowhere but in the dataset's information) goes too;
    // its title, terms (`usage_note`) and licences stay.
    if !keep_notes {
        lean.remove("description");
        if let Some(serde_json::Value::Object(indicators)) = lean
            .get_mut("empreinte")
            .and_then(|e| e.get_mut("indicators"))
        {
            for entry in indicators.values_mut() {
                if let serde_json::Value::Object(o) = entry {
                    o.remove("note");
                }
            }
        }
    }
    lean.insert("resources".into(), resources.into());
    fs::write(
        dir.join("datapackage.json"),
        serde_json::Value::Object(lean).to_string(),
    )
    .expect("OUT_DIR is writable");
}
