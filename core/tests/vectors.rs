//! The shared test vectors (tests/vectors/*.json, format in its README): the Rust runner.
//! `UPDATE_VECTORS=1` rewrites each file's `expected` from this implementation, for review.

mod common;
use base64::Engine;
use empreinte::{evaluate_bytes, evaluate_json, Dataset, EvaluationOptions, Report};
use serde_json::{json, Value};
use std::fs;

/// Evaluates one vector's inventory.
fn evaluate(v: &Value) -> Report {
    let ds = Dataset::embedded(v["dataset"].as_str().unwrap()).unwrap();
    let options: EvaluationOptions = serde_json::from_value(v["options"].clone()).unwrap();
    let inv = &v["inventory"];
    let r = if let Some(csv) = inv["csv"].as_str() {
        evaluate_bytes(ds, csv.as_bytes().to_vec(), &options)
    } else if let Some(b64) = inv["csv_base64"].as_str() {
        evaluate_bytes(
            ds,
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap(),
            &options,
        )
    } else {
        evaluate_json(ds, &inv["json"].to_string(), &options)
    };
    r.unwrap()
}

/// The part of a report a vector pins down: counts, every aggregate, rejections (not messages).
fn expected_of(r: &Report) -> Value {
    let full = serde_json::to_value(r).unwrap();
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
    json!({
        "dataset": {"id": full["dataset"]["id"], "version": full["dataset"]["version"]},
        "counts": full["counts"],
        "totals": {"devices": full["totals"]["devices"], "electricity_kwh": full["totals"]["electricity_kwh"], "impacts": full["totals"]["impacts"]},
        "per_capita": full["per_capita"],
        "by_category": groups("by_category"),
        "by_department": groups("by_department"),
        "rejected": full["rejected"].as_array().unwrap().iter().map(|x| json!({"line": x["line"], "field": x["field"], "code": x["code"]})).collect::<Vec<_>>(),
    })
}

/// `expected` is a subset of `actual`; numbers compared as exact f64.
fn check_subset(expected: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => check_subset(ev, av, &format!("{path}.{k}"), errors),
                    None => errors.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!("{path}: {} items, expected {}", a.len(), e.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                check_subset(ev, av, &format!("{path}[{i}]"), errors);
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() != a.as_f64() => {
            errors.push(format!("{path}: {a}, expected {e}"));
        }
        (Value::Number(_), Value::Number(_)) => {}
        (e, a) if e != a => errors.push(format!("{path}: {a}, expected {e}")),
        _ => {}
    }
}

#[test]
fn shared_vectors() {
    let dir = common::repo_root().join("tests/vectors");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let update = std::env::var_os("UPDATE_VECTORS").is_some();
    let mut failures = Vec::new();
    for path in &files {
        let mut v: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        let report = evaluate(&v);
        assert_eq!(
            report.counts.rows_read,
            report.counts.rows_evaluated + report.counts.rows_rejected
        );
        let actual = serde_json::to_value(&report).unwrap();
        if update {
            v["expected"] = expected_of(&report);
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
    eprintln!("{} shared vectors checked", files.len());
}
