//! Not available is shown as such in every table, CSV and document the CLI writes: "n.d." /
//! "n/a" or a `not_available` status with empty figures, never a 0. Indicators the dataset
//! covers in every phase lead; the others are marked; a lumped figure's distribution and end
//! of life read "included in manufacturing".

use assert_cmd::Command;
use std::io::Write;
use std::path::PathBuf;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::cargo_bin("empreinte")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// A temporary inventory file.
fn inventory(name: &str, csv: &str) -> String {
    let p = std::env::temp_dir().join(format!(
        "empreinte-honest-{name}-{}.csv",
        std::process::id()
    ));
    std::fs::File::create(&p)
        .unwrap()
        .write_all(csv.as_bytes())
        .unwrap();
    p.display().to_string()
}

fn town() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/communes/ville-montclair.csv")
        .display()
        .to_string()
}

/// The row of a table whose first cell starts with `label`.
fn row<'a>(out: &'a str, label: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no row {label:?} in\n{out}"))
}

#[test]
fn the_table_leads_with_fully_covered_indicators_and_marks_the_others() {
    let (code, out, err) = run(&["evaluate", &town()]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("Indicateur"))
        .unwrap();
    // Climate change first (the only indicator covered in every phase), then the marker.
    assert!(
        lines[header + 2].starts_with("Changement climatique"),
        "{out}"
    );
    assert!(lines[header + 3].starts_with("† Non couverts"), "{out}");
    // Land use: not assessed, never 0.
    let lu = row(&out, "Utilisation des sols (pt) †");
    assert!(!lu.contains(" 0"), "{lu}");
    assert!(lu.trim_end().ends_with("n.d."), "{lu}");
    // ADPe: electricity only: its use phase, no total.
    let adpe = row(&out, "Épuisement des ressources minérales et métalliques");
    assert!(
        adpe.contains("n.c.") && adpe.trim_end().ends_with("n.d."),
        "{adpe}"
    );
    // The two waters are two rows, neither with a total.
    assert!(row(&out, "Eau consommée (m3) †")
        .trim_end()
        .ends_with("n.d."));
    assert!(row(&out, "Eau selon ADEME").trim_end().ends_with("n.d."));
    // A class without figures: its share is not available, not "0 %".
    let webcam = row(&out, "Webcam");
    assert!(
        webcam.contains("n.d.") && !webcam.contains("0 %"),
        "{webcam}"
    );
    // Far vintages of non-climate electricity are warned about.
    assert!(
        out.contains("more than 5 years from 2025 (or undated): resource_use_minerals_metals 2011"),
        "{out}"
    );
}

#[test]
fn use_phase_only_indicators_on_request() {
    let (code, out, err) = run(&[
        "evaluate",
        &town(),
        "--use-phase-only-indicators",
        "--lang",
        "en",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let adpe = row(&out, "Resource use, minerals and metals");
    assert!(adpe.contains("‡"), "{adpe}");
    // Land use has no use phase to give.
    assert!(row(&out, "Land use (pt) †").trim_end().ends_with("n/a"));
    let (_, json, _) = run(&[
        "evaluate",
        &town(),
        "--use-phase-only-indicators",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let t = &v["totals"]["impacts"]["resource_use_minerals_metals"];
    assert_eq!(t["total"]["status"], "use_phase_only");
    assert_eq!(t["total"]["central"], t["use"]["central"]);
}

#[test]
fn csv_shows_not_available_and_included_as_statuses_with_empty_figures() {
    let inv = inventory(
        "server",
        "category;quantity;acquisition_year\nserver;2;2023\nwebcam;1;2023\n",
    );
    let (code, out, err) = run(&["evaluate", &inv, "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    let find = |prefix: &str| {
        out.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix} in\n{out}"))
    };
    assert_eq!(
        find("total,,land_use,total,"),
        "total,,land_use,total,pt,not_available,,,,3"
    );
    assert_eq!(
        find("category,server,climate_change,distribution,"),
        "category,server,climate_change,distribution,kgCO2e,included_in_manufacturing,,,,2"
    );
    assert!(find("category,webcam,climate_change,total,").contains(",not_available,,,,"));
    assert!(find("total,,resource_use_minerals_metals,total,").contains(",not_available,,,,"));
}

#[test]
fn scenario_and_trajectory_show_not_available_never_zero() {
    // Only classes without figures: no climate figure anywhere.
    let inv = inventory(
        "webcams",
        "category;quantity;acquisition_year\nwebcam;10;2020\n",
    );
    let (code, out, err) = run(&["scenario", &inv, "--reduce", "10"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Écart climat : n.d. kgCO2e (n.d. %)"), "{out}");
    let cc = row(&out, "Changement climatique");
    assert!(!cc.contains(" 0"), "{cc}");
    let (_, json, _) = run(&["scenario", &inv, "--reduce", "10", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v[0]["change_kgco2e"].is_null());
    let (_, csv, _) = run(&["scenario", &inv, "--reduce", "10", "--format", "csv"]);
    let total = csv
        .lines()
        .find(|l| l.contains(",total,,climate_change,total,"))
        .unwrap();
    assert!(total.ends_with(",not_available,,,,,,,,,"), "{total}");

    let (code, out, err) = run(&["trajectory", &inv, "--from", "2025", "--to", "2026"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(row(&out, "2025").contains("n.d."), "{out}");
    assert!(out.contains("Cumul « baseline » : n.d. kgCO2e"), "{out}");
    let (_, csv, _) = run(&[
        "trajectory",
        &inv,
        "--from",
        "2025",
        "--to",
        "2026",
        "--format",
        "csv",
    ]);
    let y = csv.lines().nth(1).unwrap();
    assert!(y.ends_with(",,not_available"), "{y}");
}

#[test]
fn compare_shows_included_and_not_available() {
    let (code, out, err) = run(&[
        "compare",
        "--offer",
        "Serveur neuf: category=server",
        "--offer",
        "Serveur reconditionné: category=server; condition=reconditionné",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let dist = row(&out, "Distribution");
    assert!(dist.contains("incl. (dans la fabrication)"), "{dist}");
    // The refurbished server's transport and end of life are not available (they were inside
    // the new server's lump): no total, no difference, never a zero.
    assert!(dist.trim_end().ends_with("n.d."), "{dist}");
    assert!(
        row(&out, "Total climat").trim_end().ends_with("n.d."),
        "{out}"
    );
    assert!(
        row(&out, "Écart avec la 1re offre")
            .trim_end()
            .ends_with("n.d."),
        "{out}"
    );
    let (_, csv, _) = run(&["compare", "--format", "csv", "--offer", "category=server"]);
    assert!(
        csv.lines().any(|l| l
            == "offre 1,climate_change,distribution,kgCO2e,included_in_manufacturing,,,"),
        "{csv}"
    );
}

#[test]
fn the_review_marks_incomplete_indicators_and_never_prints_zero_for_them() {
    let (code, md, err) = run(&["report", &town(), "--format", "md"]);
    assert_eq!(code, Some(0), "{err}");
    let lu = md
        .lines()
        .find(|l| l.contains("Utilisation des sols"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        lu.contains("†") && lu.contains("n.d.") && !lu.contains("| 0"),
        "{lu}"
    );
    assert!(md.contains("aucune (non évalué)"), "{lu}");
    let adpe = md
        .lines()
        .find(|l| l.contains("Épuisement des ressources minérales"))
        .unwrap();
    assert!(
        adpe.contains("Utilisation") && adpe.contains("n.d."),
        "{adpe}"
    );
    // Climate change leads the table of indicators.
    let table = md.split("Autres indicateurs").nth(1).unwrap();
    let first = table
        .lines()
        .find(|l| l.starts_with('|') && !l.contains("---") && !l.contains("Indicateur"))
        .unwrap();
    assert!(
        first.contains("Changement climatique") && first.contains("toutes"),
        "{first}"
    );
}
