//! The fuzzed entry points, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and the
//! regression test that replays `fuzz/regressions/<target>/*` in CI
//! (`core/tests/fuzz_regressions.rs`, which includes this file by path).
//!
//! Each entry point takes arbitrary bytes, runs them through the public API and checks what must
//! hold for ANY input: no panic, rows read = rows evaluated + rows rejected, one rejected entry per
//! rejected row, no NaN or infinite figure, a stable error code and a non-empty message.
#![allow(dead_code)]

use empreinte::glpi::UserMapping;
use empreinte::{
    evaluate_bytes, evaluate_csv, evaluate_json, read_inventory, Dataset, DatasetFiles,
    EvaluationOptions, GlpiImporter, GlpiOptions, Phase, Report,
};
use std::io::Cursor;

/// The invariants of a report from any input.
pub fn check_report(r: &Report) {
    let c = &r.counts;
    assert_eq!(
        c.rows_read,
        c.rows_evaluated + c.rows_rejected,
        "rows lost: {c:?}"
    );
    assert_eq!(c.rows_rejected as usize, r.rejected.len(), "{c:?}");
    for row in &r.rejected {
        assert!(!row.error.code().is_empty());
        assert!(!row.error.to_string().is_empty());
    }
    assert!(r.totals.electricity_kwh.is_finite(), "{:?}", r.totals);
    for ind in r.totals.impacts.indicators() {
        for p in Phase::ALL {
            if let Some(v) = r.totals.impacts.get(*ind, p).and_then(|e| e.value()) {
                assert!(
                    v.low.is_finite() && v.central.is_finite() && v.high.is_finite(),
                    "{ind} {p}: {v:?}"
                );
                assert!(
                    v.low <= v.central && v.central <= v.high,
                    "{ind} {p}: {v:?}"
                );
            }
        }
    }
    // The report serialises.
    serde_json::to_string(r).expect("report serialises");
}

fn options() -> EvaluationOptions {
    EvaluationOptions::new(2025)
}

/// Inventory bytes (CSV, or JSON when the first character says so): streaming `evaluate_csv`,
/// `evaluate_bytes` and `read_inventory` must agree on the counts.
pub fn inventory_csv(data: &[u8]) {
    let ds = Dataset::embedded_default();
    let streamed = evaluate_csv(ds, Cursor::new(data.to_vec()), &options());
    match &streamed {
        Ok(r) => check_report(r),
        Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty()),
    }
    let whole = evaluate_bytes(ds, data.to_vec(), &options());
    if let Ok(r) = &whole {
        check_report(r);
    }
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let is_json = matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'[') | Some(b'{')
    );
    if !is_json {
        // evaluate_bytes reads CSV with the same streaming reader.
        match (&streamed, &whole) {
            (Ok(a), Ok(b)) => assert_eq!(a.counts, b.counts),
            (Err(a), Err(b)) => assert_eq!(a.code(), b.code()),
            (a, b) => panic!("evaluate_csv and evaluate_bytes disagree: {a:?} / {b:?}"),
        }
        match (read_inventory(data.to_vec()), &streamed) {
            (Ok(inv), Ok(r)) => assert_eq!(
                (inv.lines.len() + inv.rejected.len()) as u64,
                r.counts.rows_read,
                "read_inventory and evaluate_csv disagree"
            ),
            (Err(a), Err(b)) => assert_eq!(a.code(), b.code()),
            (a, b) => panic!("read_inventory and evaluate_csv disagree: {a:?} / {b:?}"),
        }
    }
}

/// A JSON inventory (text; invalid UTF-8 is replaced, as a binding receiving a string would).
pub fn inventory_json(data: &[u8]) {
    let ds = Dataset::embedded_default();
    let text = String::from_utf8_lossy(data);
    match evaluate_json(ds, &text, &options()) {
        Ok(r) => check_report(&r),
        Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty()),
    }
}

fn glpi(source: &str, data: &[u8]) {
    let ds = Dataset::embedded_default();
    let mut importer = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
    importer.add_bytes(source, data);
    let import = importer.finish();
    let counts = import.counts();
    assert_eq!(
        counts.items,
        counts.mapped + counts.excluded + counts.unmapped + counts.invalid,
        "{counts:?}"
    );
    assert!(counts.items >= 1, "every file gives at least one item");
    let _ = import.to_csv();
    let _ = import.not_counted_csv();
    let r = import.evaluate(ds, &options()).expect("default options");
    check_report(&r);
    assert_eq!(
        r.counts.rows_read + counts.excluded,
        counts.items,
        "every GLPI item is evaluated, rejected or excluded: {:?} {counts:?}",
        r.counts
    );
}

/// A GLPI agent JSON inventory.
pub fn glpi_agent(data: &[u8]) {
    glpi("agent.json", data)
}

/// A GLPI CSV export.
pub fn glpi_csv(data: &[u8]) {
    glpi("export.csv", data)
}

const MINI: [&str; 7] = [
    include_str!("../../core/tests/fixtures/mini/datapackage.json"),
    include_str!("../../core/tests/fixtures/mini/sources.csv"),
    include_str!("../../core/tests/fixtures/mini/zones.csv"),
    include_str!("../../core/tests/fixtures/mini/categories.csv"),
    include_str!("../../core/tests/fixtures/mini/embodied.csv"),
    include_str!("../../core/tests/fixtures/mini/refurbishment.csv"),
    include_str!("../../core/tests/fixtures/mini/electricity.csv"),
];

/// Dataset files: the first byte picks which of the seven files of the `mini` test dataset the
/// rest of the input replaces (text, invalid UTF-8 replaced); a dataset that loads must then
/// evaluate an inventory of every category without losing a row.
pub fn dataset_files(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut texts: [&str; 7] = MINI;
    let slot = (pick % 8) as usize;
    let drop_refurbishment = slot == 7;
    if slot < 7 {
        texts[slot] = &text;
    }
    let files = DatasetFiles {
        datapackage: texts[0],
        sources: texts[1],
        zones: texts[2],
        categories: texts[3],
        embodied: texts[4],
        refurbishment: (!drop_refurbishment).then_some(texts[5]),
        electricity: texts[6],
    };
    match Dataset::from_files(&files) {
        Err(e) => {
            assert!(!e.code().is_empty() && !e.to_string().is_empty());
            let _ = (e.line(), e.file());
        }
        Ok(ds) => {
            let mut csv = String::from("category;quantity;condition;country\n");
            for c in ds.categories() {
                csv.push_str(&format!("{};2;new;\n{};1;reused;DE\n", c.id, c.id));
            }
            for cond in ["new", "refurbished", "reused"] {
                let mut o = options();
                for year in [2020, 2025] {
                    o.reporting_year = year;
                    let line = csv.replace(";new;", &format!(";{cond};"));
                    if let Ok(r) = evaluate_csv(&ds, Cursor::new(line.into_bytes()), &o) {
                        check_report(&r);
                    }
                }
            }
        }
    }
}

/// An estate description (TOML or JSON, any bytes read as UTF-8 with replacement), evaluated
/// with a small inventory as its only file: a located error with a code, or a report whose
/// invariants hold and whose totals are finite.
pub fn estate(data: &[u8]) {
    use empreinte::estate::{evaluate_estate, Estate, InMemoryFiles};
    let text = String::from_utf8_lossy(data);
    let estate = match Estate::parse("fuzz.toml", &text) {
        Ok(e) => e,
        Err(e) => {
            assert!(!e.code().is_empty() && !e.to_string().is_empty());
            return;
        }
    };
    let files = InMemoryFiles::from([
        (
            "parc.csv",
            "category;quantity;label\nlaptop;3;\nserver;1;srv-1\n",
        ),
        ("glpi/a.json", "{}"),
    ]);
    match evaluate_estate(Dataset::embedded_default(), &estate, &files, &options()) {
        Ok(r) => check_report(&r),
        Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty(), "{e:?}"),
    }
}

/// The files of a fuzz input: its parts between record separators (0x1E), at most six.
fn parts(data: &[u8]) -> Vec<&[u8]> {
    data.split(|b| *b == 0x1E).take(6).collect()
}

/// NumEcoEval / G4IT files (the input's parts, named `f0.csv`...): a located error with a code,
/// or a report whose every row of every file is evaluated or rejected (per file too), that
/// writes in NumEcoEval's shape, and whose machines' shares are finite and at least 0.
pub fn numecoeval(data: &[u8]) {
    use empreinte::numecoeval::{evaluate_numecoeval, write_csv};
    let files: Vec<(String, Vec<u8>)> = parts(data)
        .into_iter()
        .enumerate()
        .map(|(i, p)| (format!("f{i}.csv"), p.to_vec()))
        .collect();
    for year in [2022, 2025] {
        let mut o = options();
        o.reporting_year = year;
        match evaluate_numecoeval(Dataset::embedded_default(), &files, &o) {
            Err(e) => {
                assert!(!e.code().is_empty() && !e.to_string().is_empty(), "{e:?}");
                return;
            }
            Ok(r) => {
                check_report(&r);
                let estate = r.estate.as_ref().expect("an estate section");
                let mut read = 0;
                for s in &estate.fleet_sources {
                    assert_eq!(
                        s.rows_read,
                        s.rows_evaluated + s.rows_rejected,
                        "{}",
                        s.path
                    );
                    assert_eq!(s.rejected.len() as u64, s.rows_rejected);
                    read += s.rows_read;
                }
                assert_eq!(read, r.counts.rows_read, "every row is a file's");
                let n = estate.numecoeval.as_ref().expect("a NumEcoEval section");
                for v in &n.virtual_machines {
                    assert!(v.share.is_finite() && v.share >= 0.0, "{v:?}");
                    assert!(v.electricity_kwh.is_finite());
                }
                let mut out = Vec::new();
                write_csv(&r, &mut out).expect("writes");
            }
        }
    }
}

/// A référentiel's `ref_*` tables (the input's parts, in the order of `REFERENTIAL_FILES`): a
/// located error with a code, or a dataset that evaluates G4IT's sample inventory.
pub fn referential(data: &[u8]) {
    use empreinte::dataset::referential::REFERENTIAL_FILES;
    let files: Vec<(String, String)> = parts(data)
        .into_iter()
        .zip(REFERENTIAL_FILES)
        .map(|(p, name)| (name.to_string(), String::from_utf8_lossy(p).into_owned()))
        .collect();
    match Dataset::from_named_files(&files, Some("fuzz")) {
        Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty(), "{e:?}"),
        Ok(ds) => {
            let inventory = vec![
                (
                    "eq.csv".to_string(),
                    b"nomEquipementPhysique;type;modele;quantite;dateAchat;dateRetrait;paysDUtilisation\n\
                      srv-1;Server;;2;2020-07-08;2023-06-16;France\npc-1;Laptop;laptop-3;3;2023-01-01;;Germany\n"
                        .to_vec(),
                ),
                (
                    "vm.csv".to_string(),
                    b"nomEquipementVirtuel;nomEquipementPhysique;vCPU\nvm-1;srv-1;2\n".to_vec(),
                ),
            ];
            match empreinte::numecoeval::evaluate_numecoeval(&ds, &inventory, &options()) {
                Ok(r) => check_report(&r),
                Err(e) => assert!(!e.code().is_empty(), "{e:?}"),
            }
        }
    }
}
