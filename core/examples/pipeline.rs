//! Native pipeline benchmark on a CSV file: merely reading its records with the csv crate, then
//! reading, evaluating and aggregating it with empreinte; prints both times and the ratio.
//! `cargo run --release -p empreinte --example pipeline -- FILE [--monte-carlo N]`
//! A quick manual check; bench/run.sh uses bench_native.rs (one measurement per process). A benchmark, not a test.

use empreinte::{evaluate_csv, Dataset, EvaluationOptions, MonteCarloOptions};
use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: pipeline FILE [--monte-carlo N]");
        std::process::exit(2);
    };
    let mc: Option<u32> = args
        .iter()
        .position(|a| a == "--monte-carlo")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok());
    let open = || BufReader::with_capacity(1 << 16, File::open(path).expect("readable file"));

    // Baseline: the csv crate reading every record, nothing else.
    let t = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(open());
    let mut record = csv::ByteRecord::new();
    let mut n = 0u64;
    while reader.read_byte_record(&mut record).expect("csv") {
        n += 1;
    }
    let read_s = t.elapsed().as_secs_f64();

    let ds = Dataset::embedded_default();
    let mut options = EvaluationOptions::new(2025);
    let t = Instant::now();
    let report = evaluate_csv(ds, open(), &options).expect("inventory");
    let eval_s = t.elapsed().as_secs_f64();
    assert_eq!(report.counts.rows_read, n);

    println!("rows {n}");
    println!("csv_read_s {read_s:.4}");
    println!("evaluate_s {eval_s:.4}");
    println!("ratio {:.2}", eval_s / read_s);
    println!("lines_per_s {:.0}", n as f64 / eval_s);
    println!(
        "climate_change_kgco2e {}",
        report
            .climate_change_kgco2e()
            .map_or("n/a".to_string(), |v| v.to_string())
    );
    if let Some(draws) = mc {
        options.monte_carlo = Some(MonteCarloOptions { draws, seed: 1 });
        let t = Instant::now();
        let r = evaluate_csv(ds, open(), &options).expect("inventory");
        let mc_s = t.elapsed().as_secs_f64();
        let extra = mc_s - eval_s;
        println!("monte_carlo_draws {draws}");
        println!("monte_carlo_total_s {mc_s:.4}");
        println!("monte_carlo_draws_s {extra:.4}");
        let s = r
            .monte_carlo
            .and_then(|m| m.totals.total(empreinte::Indicator::ClimateChange));
        if let Some(s) = s {
            println!(
                "monte_carlo_climate_p5_p50_p95 {} {} {}",
                s.p5, s.p50, s.p95
            );
        }
    }
}
