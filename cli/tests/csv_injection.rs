//! Every CSV the CLI writes is safe to open in a spreadsheet: hostile labels, departments, GLPI
//! names, offer and scenario names (tests/hostile/catalog.json) never start a cell with a
//! formula character, while numbers stay the same numbers (negative ones included).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

fn empreinte() -> Command {
    Command::cargo_bin("empreinte").unwrap()
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("empreinte-csv-injection-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The formula strings of the shared hostile catalog, plus a few markup ones.
fn hostile() -> Vec<String> {
    let text = std::fs::read_to_string(repo("tests/hostile/catalog.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let list = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let mut all = list("formula");
    all.extend(list("markup").into_iter().take(2));
    all
}

fn stdout(args: &[&str]) -> String {
    let o = empreinte().args(args).output().unwrap();
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Reads CSV back with the csv crate: no cell starts with a formula character, and every cell
/// of a `numeric` column is empty or a number. Returns the rows as header → cell maps.
fn read_safe(text: &str, numeric: &[&str]) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let mut row = BTreeMap::new();
        for (h, cell) in header.iter().zip(rec.iter()) {
            if numeric.contains(&h.as_str()) {
                assert!(
                    cell.is_empty() || cell.parse::<f64>().is_ok(),
                    "{h}: {cell:?} is not a number"
                );
            } else {
                assert!(
                    !cell.starts_with(TRIGGERS),
                    "{h}: {cell:?} could run as a formula"
                );
            }
            row.insert(h.clone(), cell.to_string());
        }
        rows.push(row);
    }
    assert!(!rows.is_empty());
    rows
}

/// The apostrophe the writer added, taken off (what the text was).
fn text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

/// An inventory whose departments and labels are the hostile strings.
fn hostile_inventory() -> PathBuf {
    let path = dir().join("hostile.csv");
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(&path)
        .unwrap();
    w.write_record([
        "categorie",
        "quantite",
        "annee_acquisition",
        "service",
        "libelle",
    ])
    .unwrap();
    for (i, h) in hostile().iter().enumerate() {
        let cat = ["laptop", "Écran", "smartphone"][i % 3];
        w.write_record([cat, "2", "2022", h, h]).unwrap();
    }
    w.flush().unwrap();
    path
}

const REPORT_NUMBERS: [&str; 4] = ["low", "central", "high", "devices"];

#[test]
fn evaluate_csv_with_lines_is_safe_and_keeps_the_numbers() {
    let inv = hostile_inventory();
    let inv = inv.to_str().unwrap();
    let csv = stdout(&["evaluate", inv, "--format", "csv", "--lines"]);
    let json: Value =
        serde_json::from_str(&stdout(&["evaluate", inv, "--format", "json", "--lines"])).unwrap();
    let rows = read_safe(&csv, &REPORT_NUMBERS);
    let climate_total =
        |r: &&BTreeMap<String, String>| r["indicator"] == "climate_change" && r["phase"] == "total";
    // Departments: the same keys as the JSON report (apostrophe off), the same numbers.
    let departments: BTreeMap<String, f64> = json["by_department"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let c = g["impacts"]["climate_change"]["total"]["central"]
                .as_f64()
                .unwrap();
            (g["key"].as_str().unwrap_or("").to_string(), c)
        })
        .collect();
    let from_csv: BTreeMap<String, f64> = rows
        .iter()
        .filter(|r| r["scope"] == "department")
        .filter(climate_total)
        .map(|r| (text(&r["key"]).to_string(), r["central"].parse().unwrap()))
        .collect();
    assert_eq!(from_csv, departments);
    assert!(
        departments.keys().any(|k| k.starts_with('=')),
        "{departments:?}"
    );
    // Lines: label and department as the JSON report has them.
    let lines = json["lines"].as_array().unwrap();
    let csv_lines: Vec<_> = rows
        .iter()
        .filter(|r| r["scope"] == "line")
        .filter(climate_total)
        .collect();
    assert_eq!(csv_lines.len(), lines.len());
    for (r, l) in csv_lines.iter().zip(lines) {
        assert_eq!(r["key"], l["line"].to_string());
        assert_eq!(text(&r["label"]), l["label"].as_str().unwrap());
        assert_eq!(text(&r["department"]), l["department"].as_str().unwrap());
        assert_eq!(
            r["central"].parse::<f64>().unwrap(),
            l["impacts"]["climate_change"]["total"]["central"]
                .as_f64()
                .unwrap()
        );
    }
    // Without --lines: the ten documented columns.
    let plain = stdout(&["evaluate", inv, "--format", "csv"]);
    assert!(plain.starts_with("scope,key,indicator,phase,unit,status,low,central,high,devices\n"));
    read_safe(&plain, &REPORT_NUMBERS);
}

/// A GLPI CSV export whose names, entities, locations, manufacturers and models are hostile,
/// in a file whose name is hostile too.
fn hostile_glpi_export() -> PathBuf {
    let path = dir().join("@SUM(A1)=export.csv");
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(&path)
        .unwrap();
    w.write_record([
        "Nom",
        "Entité",
        "Statut",
        "Fabricant",
        "Numéro de série",
        "Type",
        "Modèle",
        "Lieu",
        "Date d'achat",
    ])
    .unwrap();
    for (i, h) in hostile().iter().enumerate() {
        let entity = format!("Entité racine > {h}");
        let serial = format!("-SN{i}");
        // Every other row has a type nobody maps: listed by --unmapped.
        let kind = if i % 2 == 0 { "Laptop" } else { h.as_str() };
        w.write_record([
            h.as_str(),
            &entity,
            "En service",
            h,
            &serial,
            kind,
            h,
            h,
            "2021-03-15",
        ])
        .unwrap();
    }
    w.flush().unwrap();
    path
}

#[test]
fn import_glpi_outputs_are_safe_and_evaluate_like_the_import() {
    let export = hostile_glpi_export();
    let (inv, unmapped) = (
        dir().join("glpi-inventory.csv"),
        dir().join("glpi-unmapped.csv"),
    );
    // A relative path, so that the file name starts the `glpi_source` cell.
    let o = empreinte()
        .current_dir(dir())
        .args(["import", "glpi"])
        .arg(export.file_name().unwrap())
        .arg("-o")
        .arg(&inv)
        .arg("--unmapped")
        .arg(&unmapped)
        .output()
        .unwrap();
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let written = std::fs::read_to_string(&inv).unwrap();
    let rows = read_safe(&written, &["quantity", "acquisition_year", "hours_per_day"]);
    assert!(
        rows.iter().any(|r| r["label"].starts_with("'=")),
        "{written}"
    );
    assert!(
        rows.iter().any(|r| r["glpi_serial"] == "'-SN0"),
        "{written}"
    );
    assert!(
        rows.iter()
            .all(|r| r["glpi_source"].starts_with("'@SUM(A1)")),
        "{written}"
    );
    let left = read_safe(&std::fs::read_to_string(&unmapped).unwrap(), &[]);
    assert!(left.iter().any(|r| r["name"].starts_with("'+1+1")));

    // The reviewable CSV evaluates to the import's own figures, departments included: the
    // reader takes the apostrophes off.
    let evaluate = |p: &Path| -> Value {
        serde_json::from_str(&stdout(&[
            "evaluate",
            p.to_str().unwrap(),
            "--format",
            "json",
        ]))
        .unwrap()
    };
    let (direct, from_csv) = (evaluate(&export), evaluate(&inv));
    assert_eq!(direct["by_department"], from_csv["by_department"]);
    assert_eq!(direct["totals"], from_csv["totals"]);
    let keys: Vec<&str> = direct["by_department"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["key"].as_str())
        .collect();
    assert!(keys.iter().any(|k| k.starts_with("=HYPERLINK")), "{keys:?}");
}

#[test]
fn scenario_trajectory_and_compare_csv_are_safe_and_numbers_stay_numbers() {
    let inv = hostile_inventory();
    let inv = inv.to_str().unwrap();
    for name in hostile() {
        let name_arg = format!("--name={name}");
        let csv = stdout(&[
            "scenario",
            inv,
            "--extend-lifetime",
            "2",
            &name_arg,
            "--format",
            "csv",
        ]);
        let numeric: Vec<String> = ["baseline", "scenario", "change"]
            .iter()
            .flat_map(|s| ["low", "central", "high"].map(|b| format!("{s}_{b}")))
            .collect();
        let numeric: Vec<&str> = numeric.iter().map(String::as_str).collect();
        let rows = read_safe(&csv, &numeric);
        assert!(rows.iter().all(|r| text(&r["scenario"]) == name));
        // A negative change written by empreinte stays a negative number.
        let total = rows
            .iter()
            .find(|r| {
                r["scope"] == "total" && r["indicator"] == "climate_change" && r["phase"] == "total"
            })
            .unwrap();
        assert!(
            total["change_central"].parse::<f64>().unwrap() < 0.0,
            "{total:?}"
        );
        assert!(rows
            .iter()
            .any(|r| r["scope"] == "department" && r["key"].starts_with("'=")));

        let csv = stdout(&[
            "trajectory",
            inv,
            "--to",
            "2027",
            "--extend-lifetime",
            "2",
            &name_arg,
            "--format",
            "csv",
        ]);
        read_safe(
            &csv,
            &[
                "year",
                "devices",
                "purchases",
                "refurbished_purchases",
                "electricity_kwh",
                "climate_change_kgco2e",
            ],
        );

        // The value of `name=` is trimmed: a tab or CR first goes, the `=` after it stays.
        let offer = format!("category=laptop; condition=refurbished; name={name}");
        let csv = stdout(&[
            "compare",
            "--offer",
            "Neuf: category=laptop",
            "--offer",
            &offer,
            "--format",
            "csv",
        ]);
        let rows = read_safe(&csv, &["low_per_year", "central_per_year", "high_per_year"]);
        assert!(
            rows.iter().any(|r| text(&r["offer"]) == name.trim()),
            "{name:?}: {csv}"
        );
    }
}

#[test]
fn hostile_catalog_covers_the_owasp_triggers() {
    let h = hostile();
    for t in TRIGGERS {
        assert!(h.iter().any(|s| s.starts_with(t)), "{t:?}");
    }
}
