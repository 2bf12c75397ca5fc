//! `empreinte compare`, `scenario`, `trajectory`.

use assert_cmd::Command;
use std::path::PathBuf;

fn town() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/communes/ville-montclair.csv")
        .display()
        .to_string()
}

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

#[test]
fn compare_new_and_refurbished_side_by_side() {
    let (code, out, err) = run(&[
        "compare",
        "--offer", "Portable neuf: category=laptop; condition=neuf; lifetime=5; price=950",
        "--offer", "Portable reconditionné: category=PC portable; condition=reconditionné; lifetime=4; price=520; part=batterie:2:4:6",
    ]);
    assert_eq!(code, Some(0), "{err}");
    for s in [
        "Portable neuf",
        "Portable reconditionné",
        "Total climat (kgCO2e/an)",
        "La 1re offre devrait durer",
        "kgCO2e évités par €",
    ] {
        assert!(out.contains(s), "{s} missing:\n{out}");
    }
    let (_, json, _) = run(&[
        "compare",
        "--format",
        "json",
        "--offer",
        "category=smartphone",
        "--offer",
        "category=smartphone, condition=refurbished",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let p = v["offers"][1]["difference_percent"].as_f64().unwrap();
    assert!((-90.0..=-85.0).contains(&p), "{p}");
    assert_eq!(v["allocation"], "cut_off");
    let (_, csv, _) = run(&["compare", "--format", "csv", "--offer", "category=laptop"]);
    assert!(csv.starts_with(
        "offer,indicator,phase,unit,status,low_per_year,central_per_year,high_per_year"
    ));
}

#[test]
fn compare_rejects_bad_offers() {
    let (code, _, err) = run(&["compare", "--offer", "category=laptop; lifetime=-1"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("lifetime_years") && err.contains("out_of_range"),
        "{err}"
    );
    let (code, _, err) = run(&["compare", "--offer", "category=portabel"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("did you mean"), "{err}");
    let (code, _, _) = run(&["compare"]);
    assert_eq!(code, Some(2));
}

#[test]
fn scenario_delta() {
    let (code, out, err) = run(&[
        "scenario",
        &town(),
        "--extend-lifetime",
        "2",
        "--refurbished-share",
        "30",
        "--name",
        "sobriété",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("sobriété") && out.contains("Écart climat") && out.contains("Par service"),
        "{out}"
    );
    let (_, json, _) = run(&["scenario", &town(), "--reduce", "10", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v[0]["change_kgco2e"].as_f64().unwrap() < 0.0);
    let (code, _, err) = run(&["scenario", &town(), "--refurbished-share", "150"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("0 to 1") || err.contains("100 %"), "{err}");
}

#[test]
fn trajectory_series() {
    let (code, out, err) = run(&[
        "trajectory",
        &town(),
        "--from",
        "2025",
        "--to",
        "2030",
        "--extend-lifetime",
        "1",
        "--format",
        "csv",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(
        rows[0],
        "series,year,devices,purchases,refurbished_purchases,electricity_kwh,climate_change_kgco2e,climate_change_status"
    );
    assert_eq!(rows.len(), 1 + 2 * 6);
    let (code, _, err) = run(&["trajectory", &town(), "--from", "2030", "--to", "2025"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("horizon_before_start"), "{err}");
}
