//! Replays every input kept in fuzz/regressions/<target>/ (crashers and slow units found by
//! `scripts/fuzz.sh`, minimised) through the same entry points as the fuzz targets, with the
//! same checks: no panic, no row lost, no NaN. Runs in CI; the fuzzing itself does not.

#[path = "../../fuzz/src/entry.rs"]
mod entry;

use std::time::{Duration, Instant};

/// Slower than this (debug build) for one regression input is a failure: the fuzzer also
/// reports inputs that take pathologically long.
const SLOW: Duration = Duration::from_secs(20);

fn replay(target: &str, run: fn(&[u8])) -> usize {
    replay_dir(target, "", run)
}

fn replay_dir(target: &str, sub: &str, run: fn(&[u8])) -> usize {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(sub)
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| {
                    p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let t = Instant::now();
        run(&bytes);
        let took = t.elapsed();
        eprintln!(
            "{target}/{}: {took:?}",
            f.file_name().unwrap().to_string_lossy()
        );
        assert!(took < SLOW, "{}: {took:?}", f.display());
    }
    files.len()
}

#[test]
fn inventory_csv() {
    replay("inventory_csv", entry::inventory_csv);
}

#[test]
fn inventory_json() {
    replay("inventory_json", entry::inventory_json);
}

#[test]
fn glpi_agent() {
    replay("glpi_agent", entry::glpi_agent);
}

#[test]
fn glpi_csv() {
    replay("glpi_csv", entry::glpi_csv);
}

#[test]
fn dataset_files() {
    replay("dataset_files", entry::dataset_files);
}

#[test]
fn estate() {
    replay("estate", entry::estate);
}

#[test]
fn numecoeval() {
    replay("numecoeval", entry::numecoeval);
}

#[test]
fn referential() {
    replay("referential", entry::referential);
}
