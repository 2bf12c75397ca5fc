//! Helpers shared by the integration tests.
#![allow(dead_code)]

use empreinte::{evaluate_csv, Dataset, EvaluationOptions, Indicator, Phase, Report};
use std::io::Cursor;
use std::path::PathBuf;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn mini() -> Dataset {
    Dataset::from_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini"))
        .expect("fixture loads")
}

pub fn eval(ds: &Dataset, csv: &str, year: i32) -> Report {
    evaluate_csv(
        ds,
        Cursor::new(csv.to_string()),
        &EvaluationOptions::new(year),
    )
    .expect("inventory reads")
}

pub fn eval_bytes(ds: &Dataset, bytes: Vec<u8>, year: i32) -> Report {
    evaluate_csv(ds, Cursor::new(bytes), &EvaluationOptions::new(year)).expect("inventory reads")
}

pub fn climate(r: &Report) -> f64 {
    r.totals
        .impacts
        .total(Indicator::ClimateChange)
        .unwrap()
        .range
        .central
}

pub fn climate_phase(r: &Report, p: Phase) -> f64 {
    r.totals
        .impacts
        .get(Indicator::ClimateChange, p)
        .unwrap()
        .range
        .central
}

/// Nothing lost: every row read is evaluated or rejected.
pub fn assert_conserved(r: &Report) {
    assert_eq!(
        r.counts.rows_read,
        r.counts.rows_evaluated + r.counts.rows_rejected,
        "{:?}",
        r.counts
    );
    assert_eq!(r.counts.rows_rejected as usize, r.rejected.len());
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}
