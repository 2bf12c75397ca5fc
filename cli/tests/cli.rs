//! The `empreinte` binary: outputs, exit codes (0 ok, 1 input rejected, 2 usage).

use assert_cmd::Command;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn empreinte() -> Command {
    Command::cargo_bin("empreinte").unwrap()
}

fn sample(name: &str) -> String {
    root()
        .join("examples/communes")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn evaluates_a_sample_commune_in_french() {
    let out = empreinte()
        .args([
            "evaluate",
            &sample("village-saint-aubin.csv"),
            "--year",
            "2025",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "Changement climatique (kgCO2e)",
        "Fabrication",
        "Par catégorie",
        "Par service",
        "ademe-negaoctet-2022",
        "Lignes lues : 43",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn english_labels() {
    let out = empreinte()
        .args([
            "evaluate",
            &sample("village-saint-aubin.csv"),
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Climate change (kgCO2e)") && text.contains("By department"),
        "{text}"
    );
}

#[test]
fn json_output_is_the_documented_report() {
    let out = empreinte()
        .args([
            "evaluate",
            &sample("ville-montclair.csv"),
            "--year",
            "2025",
            "--format",
            "json",
            "--inhabitants",
            "60000",
            "--lines",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "empreinte.report/1");
    assert_eq!(v["dataset"]["id"], "ademe-negaoctet-2022");
    assert_eq!(v["options"]["reporting_year"], 2025);
    let c = &v["counts"];
    assert_eq!(c["rows_read"], 614);
    assert_eq!(
        c["rows_read"].as_u64(),
        Some(c["rows_evaluated"].as_u64().unwrap() + c["rows_rejected"].as_u64().unwrap())
    );
    let total = &v["totals"]["impacts"]["climate_change"]["total"];
    assert!(total["central"].as_f64().unwrap() > 0.0);
    assert!(
        v["per_capita"]["per_inhabitant"]["climate_change"]["total"]["central"]
            .as_f64()
            .is_some()
    );
    assert_eq!(v["lines"].as_array().unwrap().len(), 614);
}

#[test]
fn csv_output() {
    let out = empreinte()
        .args([
            "evaluate",
            &sample("village-saint-aubin.csv"),
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("scope,key,indicator,phase,unit,status,low,central,high,devices"));
    // The village owns an UPS and a document camera, classes without figures: the total is a
    // lower bound and says so.
    assert!(text.contains("total,,climate_change,total,kgCO2e,partial,"));
    assert!(text.contains("category,ups,climate_change,total,kgCO2e,not_available,,,,"));
}

#[test]
fn rejected_rows_exit_1_and_are_listed() {
    let dir = std::env::temp_dir().join(format!("empreinte-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.csv");
    std::fs::write(
        &f,
        "Type de matériel;Qté\nPC portable;2\nordinateur portabel;1\nÉcran;-3\n",
    )
    .unwrap();
    let out = empreinte()
        .args(["evaluate", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("ligne 3") && text.contains("did you mean"),
        "{text}"
    );
    assert!(
        text.contains("ligne 4") && text.contains("quantity"),
        "{text}"
    );
    // A file that is no inventory: exit 1 with the reason on stderr.
    let pdf = dir.join("facture.csv");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let out = empreinte()
        .args(["evaluate", pdf.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PDF"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        empreinte()
            .args(["evaluate"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        empreinte()
            .args(["evaluate", "x.csv", "--format", "pdf"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        empreinte()
            .args(["frobnicate"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn unknown_dataset_is_reported() {
    let out = empreinte()
        .args([
            "evaluate",
            &sample("village-saint-aubin.csv"),
            "--dataset",
            "nope",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ademe-negaoctet-2022"));
}

#[test]
fn a_dataset_folder_can_be_used() {
    let dir = root().join("reference-data/boavizta-2.5");
    let out = empreinte()
        .args([
            "evaluate",
            &sample("village-saint-aubin.csv"),
            "--dataset",
            dir.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["dataset"]["id"], "boavizta-2.5");
}

#[test]
fn datasets_and_factors() {
    let out = empreinte().args(["datasets"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ademe-negaoctet-2022") && text.contains("boavizta-2.5"));
    let out = empreinte().args(["factors"]).output().unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("interactive_display"));
    let out = empreinte()
        .args(["factors", "PC portables"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("laptop.manufacturing.climate_change")
            && text.contains("acv . ordinateur portable"),
        "{text}"
    );
    let out = empreinte().args(["factors", "portabel"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn standard_input() {
    let out = empreinte()
        .args(["evaluate", "-", "--format", "json"])
        .write_stdin("category;quantity\nlaptop;2\n")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["counts"]["devices"], 2);
}
