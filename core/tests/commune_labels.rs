//! A commune's inventory written the way a town's IT service writes it (Windows-1252, `;`,
//! French headers, a model column, labels with qualifiers, school and office words, classes
//! outside the classic fleet, leases and conditions of several words): every row evaluated but the two wrong ones, each row's class
//! as expected (`tests/inventories/commune-etiquettes.expected.csv`, by line of the file).

mod common;

use empreinte::{evaluate_bytes, Condition, Dataset, EvaluationOptions};
use std::fs;

#[test]
fn every_row_gets_its_class() {
    let dir = common::repo_root().join("tests/inventories");
    let bytes = fs::read(dir.join("commune-etiquettes.csv")).unwrap();
    let expected = fs::read_to_string(dir.join("commune-etiquettes.expected.csv")).unwrap();
    let mut options = EvaluationOptions::new(2025);
    options.keep_lines = true;
    let report = evaluate_bytes(Dataset::embedded_default(), bytes, &options).unwrap();
    let lines = report.lines.as_ref().unwrap();
    let mut rows = 0;
    let mut want_rejected = 0;
    for rec in expected.lines().skip(1) {
        let (line, class) = rec.split_once(',').unwrap();
        let line: u64 = line.parse().unwrap();
        rows += 1;
        if class.is_empty() {
            want_rejected += 1;
            assert!(
                report.rejected.iter().any(|r| r.line == line),
                "line {line} should be rejected"
            );
            continue;
        }
        let got = lines.iter().find(|l| l.footprint.line == line);
        let got = got.unwrap_or_else(|| panic!("line {line} not evaluated: {:?}", report.rejected));
        assert_eq!(got.class, Some(class), "line {line}: {}", got.mapping_rule);
    }
    // Conditions as written: a lease alone or beside one, words such as "D'occasion".
    for (line, condition) in [
        (2, Condition::New),
        (4, Condition::Refurbished),
        (93, Condition::New),
        (94, Condition::New),
        (95, Condition::Refurbished),
        (96, Condition::Reused),
        (97, Condition::Repaired),
    ] {
        let got = lines.iter().find(|l| l.footprint.line == line).unwrap();
        assert_eq!(got.footprint.condition, condition, "line {line}");
    }
    let c = report.counts;
    assert_eq!(c.rows_read, rows);
    assert_eq!(c.rows_read, c.rows_evaluated + c.rows_rejected);
    assert_eq!(c.rows_rejected, want_rejected);
    assert!(
        c.rows_evaluated as f64 / c.rows_read as f64 >= 0.95,
        "{c:?}"
    );
    assert!(c.rows_read >= 80);
    // Classes without figures are counted as not available, not rejected.
    assert!(c.rows_not_available > 0);
    // Ambiguous words are named in warnings.
    let assumptions = report
        .warnings
        .iter()
        .filter(|w| w.code == "category_assumption")
        .count();
    assert!(assumptions >= 2, "{:?}", report.warnings);
    // The typo gets its suggestion; the coffee machine none.
    let msg: Vec<String> = report
        .rejected
        .iter()
        .map(|r| r.error.to_string())
        .collect();
    assert!(
        msg.iter()
            .any(|m| m.contains("portabel") && m.contains("laptop")),
        "{msg:?}"
    );
    assert!(
        msg.iter()
            .any(|m| m.contains("café") && !m.contains("did you mean")),
        "{msg:?}"
    );
}
