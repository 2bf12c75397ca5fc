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

/// `trajectory --baseline`: the rule in JSON and in the table; the rule of before on demand;
/// lifetimes by class; bad rules refused with the field's code.
#[test]
fn trajectory_baseline_rules() {
    let json = |rule: &str| {
        let (code, out, err) = run(&[
            "trajectory",
            &town(),
            "--from",
            "2025",
            "--to",
            "2027",
            "--baseline",
            rule,
            "--format",
            "json",
        ]);
        assert_eq!(code, Some(0), "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let climate = |v: &serde_json::Value, i: usize| {
        v[0]["years"][i]["impacts"]["climate_change"]["total"]["central"]
            .as_f64()
            .unwrap()
    };
    let practice = json("practice");
    assert_eq!(practice[0]["renewal"]["rule"], "practice");
    let before = json("dataset-lifetime");
    assert_eq!(before[0]["renewal"]["rule"], "dataset_lifetime");
    // The year-two jump of before, and none at today's practice.
    assert_eq!(climate(&before, 1), 79939.86154696014);
    assert!(climate(&practice, 1) < climate(&practice, 0));
    let mine = json("PC portable=9, écrans=10");
    let classes = mine[0]["renewal"]["classes"].as_array().unwrap();
    let laptop = classes.iter().find(|c| c["category"] == "laptop").unwrap();
    assert_eq!(
        (laptop["lifetime_years"].as_f64(), laptop["source"].as_str()),
        (Some(9.0), Some("user"))
    );
    let (code, table, _) = run(&["trajectory", &town(), "--from", "2025", "--to", "2027"]);
    assert_eq!(code, Some(0));
    assert!(
        table.contains("Renouvellement : la pratique de l'inventaire"),
        "{table}"
    );
    assert!(table.contains("En retard"));
    for (rule, says) in [
        ("portabel=6", "unknown_category"),
        ("laptop=0", "out_of_range"),
        ("laptop=sept", "not a number"),
        ("habitude", "write practice, dataset-lifetime"),
    ] {
        let (code, _, err) = run(&["trajectory", &town(), "--baseline", rule]);
        assert_eq!(code, Some(1), "{rule}");
        assert!(err.contains(says), "{rule}: {err}");
    }
    // The review shows the trajectory and its rule.
    let (code, md, err) = run(&[
        "report",
        &town(),
        "--format",
        "md",
        "--horizon",
        "2028",
        "--baseline",
        "dataset-lifetime",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(md.contains("## Trajectoire à pratique constante"));
    assert!(md.contains("Renouvellement à la durée de vie de chaque ligne"));
    assert!(md.contains("| 2028 |"));
}

/// `evaluate --previous`: the change since last year, split (fleet, age, reference), in JSON,
/// CSV and the table; the 2023 → 2024 method break of French electricity named.
#[test]
fn evaluate_with_last_years_inventory_splits_the_change() {
    let dir = std::env::temp_dir().join(format!("empreinte-yoy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let inv = dir.join("parc.csv");
    std::fs::write(
        &inv,
        "category;quantity;acquisition_year;lifetime_years\nlaptop;10;2022;6\ndesktop;4;2021;8\n",
    )
    .unwrap();
    let inv = inv.display().to_string();
    let (code, json, err) = run(&[
        "evaluate",
        &inv,
        "--year",
        "2024",
        "--previous",
        &inv,
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let y = &v["year_over_year"];
    assert_eq!(y["previous_year"], 2023);
    let c = |part: &str| {
        y[part]["climate_change"]["total"]["central"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(c("fleet_effect"), 0.0);
    assert_eq!(c("ageing_effect"), 0.0);
    assert!(c("reference_effect") < 0.0);
    assert_eq!(c("reference_effect"), c("total_change"));
    assert_eq!(
        y["method_breaks"][0]["previous"]["method"],
        "single-year figure"
    );
    assert_eq!(
        y["method_breaks"][0]["current"]["method"],
        "four-year smoothed average"
    );
    // Without --previous, no such object.
    let (_, json, _) = run(&["evaluate", &inv, "--year", "2024", "--format", "json"]);
    assert!(!json.contains("year_over_year"));
    // CSV rows of scope year_over_year; the table names the break.
    let (_, csv, _) = run(&[
        "evaluate",
        &inv,
        "--year",
        "2024",
        "--previous",
        &inv,
        "--format",
        "csv",
    ]);
    assert!(
        csv.contains("year_over_year,fleet_effect,climate_change,total,kgCO2e,available,0,0,0,")
    );
    assert!(csv.contains("year_over_year,reference_effect,climate_change,use,"));
    let (_, table, _) = run(&["evaluate", &inv, "--year", "2024", "--previous", &inv]);
    assert!(table.contains("Rupture de méthode FR"), "{table}");
    assert!(table.contains("valeur d'une seule année"));
    // Another year for last year's inventory; --previous-year needs --previous.
    let (code, json, _) = run(&[
        "evaluate",
        &inv,
        "--year",
        "2025",
        "--previous",
        &inv,
        "--previous-year",
        "2022",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["year_over_year"]["previous_year"], 2022);
    let (code, _, _) = run(&["evaluate", &inv, "--previous-year", "2022"]);
    assert_eq!(code, Some(2));
    // The review shows the split and the break, in English too.
    let (code, md, err) = run(&[
        "report",
        &inv,
        "--year",
        "2024",
        "--previous",
        &inv,
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(md.contains("What explains the change"));
    assert!(md.contains("**Method break**: the electricity factor (FR, climate change) of 2023"));
    // A missing previous file: a clear error, no panic.
    let (code, _, err) = run(&["evaluate", &inv, "--previous", "/nonexistent/x.csv"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("x.csv"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
