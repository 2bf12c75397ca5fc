//! The shared test vectors (tests/vectors/*.json, format in its README): the Rust runner.
//! `UPDATE_VECTORS=1` rewrites each file's `expected` from this implementation, for review.
//! `VECTOR=name` (the file name without `.json`; several: `VECTOR=a,b`) runs those vectors only
//! (and updates only those with `UPDATE_VECTORS=1`):
//!
//! ```sh
//! VECTOR=fleet-laptop-by-hand-2024 cargo test -p empreinte --test vectors shared_vectors
//! ```

mod cases;
use cases::{check_subset, strip_prose};
use serde_json::{json, Value};
use std::fs;

/// The part of a report a vector pins down: counts, every aggregate, rejections (not messages),
/// and the Monte Carlo summary when one was asked for.
fn pin_report(full: &Value) -> Value {
    let groups = |k: &str| -> Value {
        Value::Array(
            full[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| json!({"key": g["key"], "devices": g["devices"], "electricity_kwh": g["electricity_kwh"], "impacts": g["impacts"]}))
                .collect(),
        )
    };
    let mut pinned = json!({
        "dataset": {"id": full["dataset"]["id"], "version": full["dataset"]["version"]},
        "counts": full["counts"],
        "totals": {"devices": full["totals"]["devices"], "electricity_kwh": full["totals"]["electricity_kwh"], "impacts": full["totals"]["impacts"]},
        "per_capita": full["per_capita"],
        "by_category": groups("by_category"),
        "by_department": groups("by_department"),
        "rejected": full["rejected"].as_array().unwrap().iter().map(|x| json!({"line": x["line"], "field": x["field"], "code": x["code"]})).collect::<Vec<_>>(),
    });
    if let Some(mc) = full.get("monte_carlo") {
        pinned["monte_carlo"] = strip_prose(mc);
    }
    pinned
}

/// What a vector of each kind pins down in the output.
fn expected_of(kind: &str, out: &Value) -> Value {
    match kind {
        "evaluate" => pin_report(out),
        "scenario" => json!({
            "baseline": {"counts": out["baseline"]["counts"], "totals": {"impacts": out["baseline"]["totals"]["impacts"]}},
            "scenarios": out["scenarios"].as_array().unwrap().iter().map(|s| json!({
                "name": s["name"],
                "levers": s["levers"],
                "reporting_year": s["reporting_year"],
                "change_kgco2e": s["change_kgco2e"],
                "change_percent": s["change_percent"],
                "totals": {"scenario": s["totals"]["scenario"], "change": s["totals"]["change"]},
                "by_category": s["by_category"].as_array().unwrap().iter().map(|c| json!({"key": c["key"], "change": {"climate_change": c["change"]["climate_change"]}})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
        "trajectory" => json!({
            "series": out["series"].as_array().unwrap().iter().map(|s| json!({
                "name": s["name"],
                "levers": s["levers"],
                "renewal": s["renewal"],
                "years": s["years"],
            })).collect::<Vec<_>>(),
        }),
        "glpi" => json!({
            "counts": out["counts"],
            "items": out["items"].as_array().unwrap().iter().map(|i| json!({
                "number": i["number"], "itemtype": i["itemtype"], "status": i["status"],
                "category": i["category"], "quantity": i["quantity"],
                "acquisition_year": i["acquisition_year"], "year_source": i["year_source"],
                "in_stock": i["in_stock"], "department": i["department"], "code": i["code"],
            })).collect::<Vec<_>>(),
            "report": pin_report(&out["report"]),
        }),
        "estate" => {
            let mut pinned = pin_report(out);
            pinned["estate"] = strip_prose(&out["estate"]);
            pinned["warnings"] = out["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| json!({"line": w["line"], "field": w["field"], "code": w["code"]}))
                .collect();
            pinned
        }
        _ => strip_prose(out),
    }
}

#[test]
fn shared_vectors() {
    let dir = cases::repo_root().join("tests/vectors");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    match only_vectors() {
        Some(names) => {
            let stem =
                |p: &std::path::PathBuf| p.file_stem().unwrap().to_string_lossy().into_owned();
            let unknown: Vec<&String> = names
                .iter()
                .filter(|n| !files.iter().any(|p| stem(p) == **n))
                .collect();
            assert!(
                unknown.is_empty(),
                "VECTOR: no vector named {unknown:?} in {}",
                dir.display()
            );
            files.retain(|p| names.contains(&stem(p)));
        }
        None => assert!(files.len() >= 40, "{} vectors", files.len()),
    }
    let update = std::env::var_os("UPDATE_VECTORS").is_some();
    let mut failures = Vec::new();
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for path in &files {
        let mut v: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        let kind = v["kind"].as_str().unwrap_or("evaluate").to_string();
        *kinds.entry(kind.clone()).or_default() += 1;
        let actual = match cases::run(&v) {
            Ok(a) => a,
            Err(e) => {
                failures.push(format!("{}: {e:?}", path.display()));
                continue;
            }
        };
        // Nothing lost, whatever the kind.
        for report in [&actual, &actual["baseline"], &actual["report"]] {
            if let Some(c) = report
                .get("counts")
                .filter(|c| c.get("rows_read").is_some())
            {
                assert_eq!(
                    c["rows_read"].as_u64().unwrap(),
                    c["rows_evaluated"].as_u64().unwrap() + c["rows_rejected"].as_u64().unwrap(),
                    "{}",
                    path.display()
                );
            }
        }
        if update {
            v["expected"] = expected_of(&kind, &actual);
            fs::write(path, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
            continue;
        }
        let mut errors = Vec::new();
        assert!(
            v["expected"].as_object().is_some_and(|o| !o.is_empty()),
            "{}: empty expected",
            path.display()
        );
        check_subset(&v["expected"], &actual, "", &mut errors);
        if !errors.is_empty() {
            failures.push(format!(
                "{}:\n  {}",
                path.display(),
                errors
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "vectors differ:\n{}",
        failures.join("\n")
    );
    eprintln!("{} shared vectors checked: {kinds:?}", files.len());
}

/// The vectors `VECTOR` names (`a,b`; a path or `.json` may be written), or `None` for all.
fn only_vectors() -> Option<Vec<String>> {
    let names = std::env::var("VECTOR").ok()?;
    let names: Vec<String> = names
        .split(',')
        .map(|n| {
            let n = n.trim();
            let n = n.rsplit(['/', '\\']).next().unwrap_or(n);
            n.strip_suffix(".json").unwrap_or(n).to_string()
        })
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then_some(names)
}

/// A deliberately changed factor must break the vectors: the runner is not vacuous.
#[test]
fn a_changed_factor_breaks_the_vectors() {
    let path = cases::repo_root().join("tests/vectors/fleet-laptop-by-hand-2024.json");
    let v: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let actual = cases::run(&v).unwrap();
    let mut tampered = actual.clone();
    let total = &mut tampered["totals"]["impacts"]["climate_change"]["total"]["central"];
    *total = json!(total.as_f64().unwrap() * (1.0 + f64::EPSILON));
    let mut errors = Vec::new();
    check_subset(&v["expected"], &tampered, "", &mut errors);
    assert_eq!(errors.len(), 1, "{errors:?}");
}
