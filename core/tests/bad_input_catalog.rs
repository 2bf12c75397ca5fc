//! The bad-input catalog (tests/bad-inputs/cases.json, format in its README): every case gives
//! its documented error (Rust error type, code, line, field) or rejected row, never a panic, and
//! every report keeps rows read = rows evaluated + rows rejected. The big cases (a 100 MB line,
//! 10 million rows, a 50 MB GLPI export) are generated here from their `generate` spec.
//!
//! `UPDATE_BAD_INPUTS=1` fills each case's `expected` from this implementation, for review.

#![allow(clippy::result_large_err)]

mod cases;
use cases::check_subset;
use empreinte::glpi::UserMapping;
use empreinte::{evaluate_csv, Dataset, EvaluationOptions, GlpiImporter, GlpiOptions, Report};
use serde_json::{json, Value};
use std::io::Read;
use std::time::Instant;

fn catalog() -> Value {
    let path = cases::repo_root().join("tests/bad-inputs/cases.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn assert_conserved(report: &Value, name: &str) {
    let c = &report["counts"];
    let n = |k: &str| c[k].as_u64().unwrap();
    assert_eq!(
        n("rows_read"),
        n("rows_evaluated") + n("rows_rejected"),
        "{name}: rows lost {c}"
    );
    assert_eq!(
        report["rejected"].as_array().unwrap().len() as u64,
        n("rows_rejected"),
        "{name}"
    );
}

/// What a case gave: an error, the first rejected row, or `ok` (accepted as valid).
fn outcome(case: &Value) -> Value {
    let name = case["name"].as_str().unwrap();
    let out = match std::panic::catch_unwind(|| cases::run(case)) {
        Ok(Err(e)) => {
            assert!(!e.message.is_empty(), "{name}: empty message");
            return e.to_json();
        }
        Ok(Ok(out)) => out,
        Err(_) => return json!({"kind": "panic"}),
    };
    let report = match case["api"].as_str().unwrap() {
        "glpi" => &out["report"],
        "scenario" => &out["baseline"],
        _ => &out,
    };
    if report.get("counts").is_none() {
        return json!({"kind": "ok"});
    }
    assert_conserved(report, name);
    let rejected = report["rejected"].as_array().unwrap();
    match rejected.first() {
        Some(r) => {
            let mut o = json!({"kind": "rejected_row", "line": r["line"], "code": r["code"], "field": r["field"], "rows_rejected": rejected.len()});
            // A NumEcoEval row names its file too.
            if let Some(first) = report["estate"]["fleet_sources"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|s| s["rejected"].as_array().into_iter().flatten())
                .next()
            {
                o["file"] = first["file"].clone();
            }
            if let Some(item) = out["items"].as_array().and_then(|items| {
                items
                    .iter()
                    .find(|i| i["number"] == r["line"] && i["status"] != "mapped")
            }) {
                o["item_status"] = item["status"].clone();
                o["item_code"] = item["code"].clone();
            }
            o
        }
        None => json!({"kind": "ok"}),
    }
}

#[test]
fn every_catalog_case_gives_its_documented_error() {
    let mut doc = catalog();
    let update = std::env::var_os("UPDATE_BAD_INPUTS").is_some();
    let mut failures = Vec::new();
    let cases = doc["cases"].as_array_mut().unwrap();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    for case in cases.iter_mut() {
        let name = case["name"].as_str().unwrap().to_string();
        assert!(names.insert(name.clone()), "duplicate case {name}");
        let got = outcome(case);
        if update {
            if case.get("bug").is_none() {
                case["expected"] = got;
            }
            continue;
        }
        if case.get("bug").is_some() {
            continue; // checked by `known_bugs`
        }
        let mut errors = Vec::new();
        check_subset(&case["expected"], &got, "", &mut errors);
        // `ok` (accepted) only where the case documents why.
        let accepted = got["kind"] == "ok" && case["expected"]["kind"] == "ok";
        if !errors.is_empty() || got["kind"] == "panic" || (got["kind"] == "ok" && !accepted) {
            failures.push(format!("{name}: got {got}; {}", errors.join(", ")));
        }
    }
    if update {
        let path = cases::repo_root().join("tests/bad-inputs/cases.json");
        std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
        return;
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The generated cases run at full size in release builds or with `EMPREINTE_FULL_SIZE=1`;
/// a debug build (CI's `cargo test`) uses the spec's `debug_rows` / `debug_bytes` so the suite
/// stays within minutes. Streaming and conservation do not depend on the size.
fn full_size() -> bool {
    !cfg!(debug_assertions) || std::env::var_os("EMPREINTE_FULL_SIZE").is_some()
}

fn generated(name: &str) -> Value {
    catalog()["generated"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap_or_else(|| panic!("no generated case {name}"))
        .clone()
}

/// A reader that makes its input as it is read: `header`, then `rows` rows (every `bad_every`-th
/// replaced by `bad_row`), or one field of `field_bytes` bytes followed by `after`. It holds one
/// chunk at a time, so the memory of a run is the evaluator's, not the input's.
struct Generated {
    chunk: Vec<u8>,
    pos: usize,
    header: Option<Vec<u8>>,
    row: Vec<u8>,
    bad_row: Vec<u8>,
    bad_every: u64,
    rows_left: u64,
    row_no: u64,
    field_left: u64,
    after: Option<Vec<u8>>,
    /// Generated bytes so far.
    produced: u64,
}

impl Generated {
    fn new(spec: &Value) -> Generated {
        let s = |k: &str| spec[k].as_str().unwrap_or_default().as_bytes().to_vec();
        Generated {
            chunk: Vec::with_capacity(1 << 16),
            pos: 0,
            header: Some(s("header")),
            row: s("row"),
            bad_row: s("bad_row"),
            bad_every: spec["bad_every"].as_u64().unwrap_or(0),
            rows_left: spec["rows"].as_u64().unwrap_or(0),
            row_no: 0,
            field_left: spec["field_bytes"].as_u64().unwrap_or(0),
            after: spec.get("after").map(|_| s("after")),
            produced: 0,
        }
    }

    fn refill(&mut self) {
        self.chunk.clear();
        self.pos = 0;
        if let Some(h) = self.header.take() {
            self.chunk.extend_from_slice(&h);
        }
        while self.chunk.len() < (1 << 16) {
            if self.field_left > 0 {
                let n = self.field_left.min((1 << 16) as u64) as usize;
                self.chunk.resize(self.chunk.len() + n, b'x');
                self.field_left -= n as u64;
            } else if let Some(a) = self.after.take() {
                self.chunk.extend_from_slice(&a);
            } else if self.rows_left > 0 {
                self.row_no += 1;
                self.rows_left -= 1;
                if self.bad_every > 0 && self.row_no % self.bad_every == 0 {
                    self.chunk.extend_from_slice(&self.bad_row);
                } else {
                    self.chunk.extend_from_slice(&self.row);
                }
            } else {
                break;
            }
        }
        self.produced += self.chunk.len() as u64;
    }
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.chunk.len() {
            self.refill();
        }
        let n = out.len().min(self.chunk.len() - self.pos);
        out[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn run_generated(spec: &Value) -> Report {
    evaluate_csv(
        Dataset::embedded_default(),
        Generated::new(spec),
        &EvaluationOptions::new(2025),
    )
    .expect("the generated inventory reads")
}

fn check_rejected_row(case: &Value, r: &Report) {
    let name = case["name"].as_str().unwrap();
    assert_conserved(&serde_json::to_value(r).unwrap(), name);
    let e = &case["expected"];
    let row = r
        .rejected
        .iter()
        .find(|x| x.line == e["line"].as_u64().unwrap())
        .unwrap_or_else(|| {
            panic!(
                "{name}: no rejected row at line {}: {:?}",
                e["line"], r.rejected
            )
        });
    assert_eq!(row.error.code(), e["code"].as_str().unwrap(), "{name}");
    assert_eq!(
        row.error.field().map(|f| f.name()),
        e["field"].as_str(),
        "{name}"
    );
    assert!(
        row.error.to_string().len() < 500,
        "{name}: the message must not echo the input"
    );
}

#[test]
fn generated_line_of_100_mb() {
    let case = generated("generated-line-100mb");
    let t = Instant::now();
    let r = run_generated(&case["generate"]);
    check_rejected_row(&case, &r);
    assert_eq!(r.counts.rows_read, 1);
    eprintln!("100 MB line: {:?}", t.elapsed());
}

#[test]
fn generated_ten_million_rows_stream() {
    let case = generated("generated-10-million-rows");
    let mut spec = case["generate"].clone();
    if !full_size() {
        spec["rows"] = spec["debug_rows"].clone();
    }
    let spec = &spec;
    let t = Instant::now();
    let r = run_generated(spec);
    let rows = spec["rows"].as_u64().unwrap();
    let bad = rows / spec["bad_every"].as_u64().unwrap();
    assert_eq!(r.counts.rows_read, rows);
    assert_eq!(r.counts.rows_rejected, bad);
    assert_eq!(
        r.counts.rows_read,
        r.counts.rows_evaluated + r.counts.rows_rejected
    );
    assert_eq!(r.counts.devices, rows - bad);
    assert_eq!(
        r.rejected[0].line,
        spec["bad_every"].as_u64().unwrap() + 1,
        "header is line 1"
    );
    assert!(r
        .rejected
        .iter()
        .all(|x| x.error.code() == "unknown_category"));
    // Bounded memory by construction: the reader holds one 64 KB chunk, the evaluation keeps
    // aggregates only (no per-line results without keep_lines).
    assert!(r.lines.is_none());
    eprintln!("{rows} rows: {:?}", t.elapsed());
}

#[test]
fn generated_glpi_export_of_50_mb() {
    let case = generated("generated-glpi-50mb");
    let spec = &case["generate"];
    let header = spec["header"].as_str().unwrap();
    let row = spec["row"].as_str().unwrap();
    let size = if full_size() { "bytes" } else { "debug_bytes" };
    let target = spec[size].as_u64().unwrap() as usize;
    let mut text = String::with_capacity(target + 200);
    text.push_str(header);
    let mut n = 0u64;
    while text.len() < target {
        n += 1;
        text.push_str(&row.replace("{n}", &n.to_string()));
    }
    let t = Instant::now();
    let ds = Dataset::embedded_default();
    let mut importer = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
    importer.add_bytes("export.csv", text.as_bytes());
    let import = importer.finish();
    let counts = import.counts();
    assert_eq!(counts.items, n);
    assert_eq!(counts.mapped, n, "{counts:?}");
    let r = import.evaluate(ds, &EvaluationOptions::new(2025)).unwrap();
    assert_eq!(r.counts.rows_read, n);
    assert_eq!(r.counts.rows_evaluated, n);
    eprintln!(
        "GLPI export of {target} bytes, {n} items: {:?}",
        t.elapsed()
    );
}

#[test]
fn generated_invalid_utf8_far_down_the_file() {
    let case = generated("generated-invalid-utf8-late");
    let spec = &case["generate"];
    let mut bytes = spec["header"].as_str().unwrap().as_bytes().to_vec();
    for _ in 0..spec["rows"].as_u64().unwrap() {
        bytes.extend_from_slice(spec["row"].as_str().unwrap().as_bytes());
    }
    use base64::Engine;
    bytes.extend(
        base64::engine::general_purpose::STANDARD
            .decode(spec["last_row_base64"].as_str().unwrap())
            .unwrap(),
    );
    let r = empreinte::evaluate_bytes(
        Dataset::embedded_default(),
        bytes,
        &EvaluationOptions::new(2025),
    )
    .unwrap();
    check_rejected_row(&case, &r);
}
