//! NumEcoEval / G4IT files on the command line: a folder or the files, `--dataset` a
//! référentiel folder, `--format numecoeval`, `report`, exit codes.

use assert_cmd::Command;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn path(p: &str) -> String {
    root().join(p).display().to_string()
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("empreinte")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const SAMPLE: &str = "examples/numecoeval/ville-montclair";

#[test]
fn a_numecoeval_folder_evaluates_as_an_estate() {
    let (code, out, err) = run(&["evaluate", &path(SAMPLE), "--lang", "en"]);
    assert_eq!(code, Some(0), "{err}");
    for says in [
        "Environmental footprint of the digital estate",
        "Rows read : 47 · evaluated : 47 · rejected : 0",
        "SALLE-MAIRIE  1.90",
        "Messagerie — Mairie",
        "Site de la ville      Recette",
        "Climate per agent",
    ] {
        assert!(out.contains(says), "{says}\n{out}");
    }
    // JSON: the same report as the core's, with the NumEcoEval section.
    let (code, out, _) = run(&["evaluate", &path(SAMPLE), "--format", "json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let n = &v["estate"]["numecoeval"];
    assert_eq!(n["data_centres"].as_array().unwrap().len(), 2);
    assert_eq!(n["virtual_machines"][1]["share_rule"], "vcpu");
    assert_eq!(v["estate"]["fleet_sources"][0]["kind"], "numecoeval_entity");
}

#[test]
fn numecoeval_files_given_one_by_one() {
    let f = |n: &str| path(&format!("{SAMPLE}/{n}"));
    let (code, out, err) = run(&[
        "evaluate",
        &f("EquipementPhysique.csv"),
        &f("DataCenter.csv"),
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["counts"]["rows_read"], 14);
    // Several files none of which is NumEcoEval's: a usage error, said.
    let c = path("examples/communes/ville-montclair.csv");
    let (code, _, err) = run(&["evaluate", &c, &c]);
    assert_eq!(code, Some(1));
    assert!(err.contains("none of them a NumEcoEval file"), "{err}");
}

#[test]
fn results_in_numecoeval_shape_and_a_referential_as_dataset() {
    let (code, out, err) = run(&[
        "evaluate",
        &path("tests/numecoeval/g4it/inputs"),
        "--dataset",
        &path("tests/numecoeval/g4it/referential"),
        "--year",
        "2022",
        "--format",
        "numecoeval",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let mut lines = out.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("level;entityName;equipmentType;datacenter;"));
    assert!(out.contains("\nentity;Entity 1;"));
    assert!(out.contains(";RESOURCE_USE;kgSbe;"));
    assert!(out.contains("\napplication;Entity 1;;;;;application-1;Production;Domain 1;Sub Domain 1;MANUFACTURING;CLIMATE_CHANGE;"));
    // The référentiel names itself in the report.
    let (_, out, _) = run(&[
        "evaluate",
        &path("tests/numecoeval/g4it/inputs"),
        "--dataset",
        &path("tests/numecoeval/g4it/referential"),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["dataset"]["id"], "referential");
    assert!(v["dataset"]["unmapped"].as_array().unwrap().len() > 3);
    // A plain inventory in NumEcoEval's shape: total, entities (departments), categories.
    let (code, out, _) = run(&[
        "evaluate",
        &path("examples/communes/village-saint-aubin.csv"),
        "--format",
        "numecoeval",
    ]);
    assert_eq!(code, Some(0));
    assert!(out
        .lines()
        .any(|l| l.starts_with("equipment_type;;laptop;")));
}

#[test]
fn bad_rows_exit_1_with_their_file_and_line() {
    let dir = std::env::temp_dir().join(format!("empreinte-nee-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("eq.csv"),
        "nomEquipementPhysique;type;quantite\nsrv-1;Server;1\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("vm.csv"),
        "nomEquipementVirtuel;nomEquipementPhysique;vCPU\nvm-1;srv-2;2\n",
    )
    .unwrap();
    let (code, out, _) = run(&["evaluate", &dir.display().to_string(), "--lang", "en"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("nomEquipementPhysique: host \"srv-2\" is not an equipment"),
        "{out}"
    );
    // A file that is not NumEcoEval's among them: the file, and what would be valid.
    std::fs::write(dir.join("other.csv"), "category;quantity\nlaptop;1\n").unwrap();
    let (code, _, err) = run(&["evaluate", &dir.display().to_string()]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("other.csv, line 1: its header names none of NumEcoEval's files"),
        "{err}"
    );
    assert!(err.contains("[numecoeval_unknown_file]"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_review_of_a_numecoeval_folder() {
    let out = std::env::temp_dir().join(format!("empreinte-nee-{}.md", std::process::id()));
    let (code, _, err) = run(&[
        "report",
        &path(SAMPLE),
        "--format",
        "md",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Messagerie"), "{text}");
    std::fs::remove_file(&out).unwrap();
}
