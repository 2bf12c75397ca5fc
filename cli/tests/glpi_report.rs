//! `empreinte import glpi`, `evaluate` on GLPI input, `report`: outputs and exit codes.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

fn empreinte() -> Command {
    Command::cargo_bin("empreinte").unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("empreinte-cli-glpi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn import_writes_a_reviewable_csv() {
    let out = tmp("inventory.csv");
    let unmapped = tmp("unmapped.csv");
    let assert = empreinte()
        .args(["import", "glpi"])
        .arg(repo("tests/glpi/agent"))
        .arg(repo("tests/glpi/csv"))
        .arg("-o")
        .arg(&out)
        .arg("--unmapped")
        .arg(&unmapped)
        .assert()
        .code(1); // some items are unmapped: they need a look
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("GLPI: 11 file(s), 40 item(s)"), "{stderr}");
    assert!(stderr.contains("unmapped [no_type]"), "{stderr}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("category,quantity,condition,acquisition_year,hours_per_day,department,label,acquisition_year_source,"));
    assert!(csv.contains("network_switch,5,new,2020,"));
    assert!(
        csv.contains("BORNE-MÉDIATHÈQUE"),
        "Windows-1252 accents kept"
    );
    let un = std::fs::read_to_string(&unmapped).unwrap();
    assert!(un.contains("built_in_display") && un.contains("unknown_type"));

    // The CSV evaluates (its trace columns are ignored with a warning).
    empreinte()
        .arg("evaluate")
        .arg(&out)
        .args(["--format", "json"])
        .assert()
        .code(0);
}

#[test]
fn import_with_mapping_maps_everything() {
    let o = empreinte()
        .args(["import", "glpi"])
        .arg(repo("tests/glpi/csv/network-glpi10-english-bom.csv"))
        .arg(repo(
            "tests/glpi/csv/tous-les-materiels-glpi9-windows1252.csv",
        ))
        .arg("--mapping")
        .arg(repo("tests/glpi/mapping/mapping-commune.csv"))
        .output()
        .unwrap();
    check(&o, 0, "wifi_access_point,1,new,2021,,Schools");
}

fn check(o: &std::process::Output, code: i32, stdout: &str) {
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(code),
        "{text}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(text.contains(stdout), "{stdout:?} not in {text}");
}

#[test]
fn bad_mapping_is_a_usage_error() {
    let m = tmp("bad-mapping.csv");
    std::fs::write(&m, "model;category\nX;portabel\n").unwrap();
    let o = empreinte()
        .args(["import", "glpi"])
        .arg(repo("tests/glpi/agent/computer_2.json"))
        .arg("--mapping")
        .arg(&m)
        .output()
        .unwrap();
    check_err(&o, 1, "did you mean");
}

fn check_err(o: &std::process::Output, code: i32, stderr: &str) {
    let text = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(code), "{text}");
    assert!(text.contains(stderr), "{stderr:?} not in {text}");
}

#[test]
fn evaluate_accepts_glpi_files_and_folders() {
    for input in [
        "tests/glpi/agent/computer_1.json",
        "tests/glpi/agent",
        "tests/glpi/csv/ordinateurs-glpi10.csv",
    ] {
        let out = empreinte()
            .arg("evaluate")
            .arg(repo(input))
            .args(["--format", "json", "--year", "2025"])
            .output()
            .unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert!(
            json["counts"]["rows_evaluated"].as_u64().unwrap() >= 1,
            "{input}"
        );
        let c = &json["counts"];
        assert_eq!(
            c["rows_read"].as_u64(),
            Some(c["rows_evaluated"].as_u64().unwrap() + c["rows_rejected"].as_u64().unwrap())
        );
    }
    // A truncated inventory: a clear message, exit 1, no panic.
    let cut = tmp("cut.json");
    let bytes = std::fs::read(repo("tests/glpi/agent/phone_1.json")).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let o = empreinte()
        .arg("evaluate")
        .arg(&cut)
        .args(["--format", "json"])
        .output()
        .unwrap();
    check(&o, 1, "truncated JSON");
}

#[test]
fn report_html_and_markdown() {
    let html = tmp("bilan.html");
    empreinte()
        .arg("report")
        .arg(repo("examples/communes/ville-montclair.csv"))
        .arg("--previous")
        .arg(repo("examples/communes/ville-montclair.csv"))
        .args([
            "--year",
            "2025",
            "--inhabitants",
            "60000",
            "--agents",
            "900",
            "--commune",
            "Ville de Montclair",
            "-o",
        ])
        .arg(&html)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("Bilan annuel du numérique responsable 2025 — Ville de Montclair"));
    assert!(text.contains("data-json-previous"));
    let o = empreinte()
        .arg("report")
        .arg(repo("tests/glpi/agent"))
        .args(["--format", "md", "--lang", "en"])
        .output()
        .unwrap();
    check(&o, 0, "Items left out on purpose");
}
