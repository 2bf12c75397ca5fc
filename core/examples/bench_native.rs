//! Native harness of `bench/run.sh` (a benchmark, not a test): one measurement per process, so
//! that `/usr/bin/time -v` gives each its own peak memory. Prints `key value` lines.
//!
//! ```sh
//! cargo run --release -p empreinte --example bench_native -- csv-read FILE
//! cargo run --release -p empreinte --example bench_native -- evaluate FILE [--monte-carlo N]
//! cargo run --release -p empreinte --example bench_native -- swd4 N
//! cargo run --release -p empreinte --example bench_native -- servers N
//! cargo run --release -p empreinte --example bench_native -- terminals FILE
//! cargo run --release -p empreinte --example bench_native -- columns FILE
//! ```
//!
//! - `csv-read`: the baseline, the csv crate reading every record of a `;` file, nothing else.
//! - `evaluate`: read, evaluate and aggregate the file in process (default dataset, year 2025).
//! - `swd4`: N Sustainable Web Design v4 per-visit estimates (CO2.js's default), bytes from the
//!   same sequence as `bench/co2js_swd.mjs`.
//! - `servers`: N bottom-up server footprints (dataset boavizta-2.5, PUE 1), cycling through the
//!   cases of `bench/boavizta_peer.py`.
//! - `terminals`: the terminal cases written by `bench/boavizta_peer.py --write-csv`, evaluated
//!   in process with one result per line (dataset boavizta-2.5, year 2025).
//! - `columns`: the file's columns as a DataFrame gives them (text as codes, numbers as f64),
//!   evaluated by `Evaluation::add_columns` (timed alone): the core's share of the Python case.

use empreinte::hosting::{
    server_footprint, CpuConfig, HostingUsage, Location, RamConfig, ServerConfig, ServerSpec,
};
use empreinte::services::web::{estimate, WebOptions};
use empreinte::{evaluate_csv, Dataset, EvaluationOptions, Indicator, MonteCarloOptions};
use std::fs::File;
use std::hint::black_box;
use std::io::BufReader;
use std::time::Instant;

fn open(path: &str) -> BufReader<File> {
    BufReader::with_capacity(1 << 16, File::open(path).expect("readable file"))
}

fn csv_read(path: &str) {
    let t = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(open(path));
    let mut record = csv::ByteRecord::new();
    let mut n = 0u64;
    while reader.read_byte_record(&mut record).expect("csv") {
        n += 1;
    }
    println!("rows {n}");
    println!("seconds {:.6}", t.elapsed().as_secs_f64());
}

fn evaluate(path: &str, draws: Option<u32>) {
    let ds = Dataset::embedded_default();
    let mut options = EvaluationOptions::new(2025);
    options.monte_carlo = draws.map(|draws| MonteCarloOptions { draws, seed: 1 });
    let t = Instant::now();
    let report = evaluate_csv(ds, open(path), &options).expect("inventory");
    let s = t.elapsed().as_secs_f64();
    println!("rows {}", report.counts.rows_read);
    println!("rows_rejected {}", report.counts.rows_rejected);
    println!("seconds {s:.6}");
    println!("lines_per_s {:.0}", report.counts.rows_read as f64 / s);
    println!(
        "climate_change_kgco2e {}",
        report
            .climate_change_kgco2e()
            .map_or("n/a".to_string(), |v| v.to_string())
    );
    if let Some(mc) = report.monte_carlo {
        if let Some(st) = mc.totals.total(Indicator::ClimateChange) {
            println!("monte_carlo_p5_p50_p95 {} {} {}", st.p5, st.p50, st.p95);
        }
    }
}

/// Page weights in bytes, the sequence of bench/co2js_swd.mjs: 10 kB to ~10 MB.
fn page_bytes(i: u64) -> f64 {
    (10_000 + (i * 7_919) % 10_000_000) as f64
}

fn swd4(n: u64) {
    let o = WebOptions {
        per_visit: true,
        ..WebOptions::default()
    };
    let t = Instant::now();
    let mut sum = 0.0;
    for i in 0..n {
        sum += estimate(black_box(page_bytes(i)), &o)
            .expect("estimate")
            .total_gco2e;
    }
    let s = t.elapsed().as_secs_f64();
    println!("estimates {n}");
    println!("seconds {s:.6}");
    println!("us_per_estimate {:.4}", s * 1e6 / n as f64);
    println!("sum_gco2e {sum}");
}

/// A server case: archetype, CPU name (2 units), RAM (units, GB), location.
type ServerCase = (
    &'static str,
    Option<&'static str>,
    Option<(f64, f64)>,
    &'static str,
);

/// The server cases of bench/boavizta_peer.py.
const SERVERS: [ServerCase; 6] = [
    ("platform_compute_medium", None, None, "FRA"),
    ("platform_compute_low", None, None, "DEU"),
    ("platform_compute_high", None, None, "POL"),
    (
        "platform_compute_medium",
        Some("Intel Xeon Gold 6134"),
        Some((12.0, 32.0)),
        "FRA",
    ),
    (
        "platform_compute_medium",
        Some("AMD EPYC 7763"),
        Some((16.0, 64.0)),
        "NLD",
    ),
    (
        "platform_compute_low",
        Some("Intel Xeon E5-2686 v4"),
        Some((8.0, 16.0)),
        "IRL",
    ),
];

fn servers(n: usize) {
    let ds = Dataset::embedded("boavizta-2.5").expect("boavizta-2.5 is embedded");
    let t = Instant::now();
    let mut sum = 0.0;
    for i in 0..n {
        let (arch, cpu, ram, loc) = SERVERS[i % SERVERS.len()];
        let spec = ServerSpec::BottomUp(ServerConfig {
            archetype: Some(arch.into()),
            cpu: cpu.map(|name| CpuConfig {
                units: Some(2.0),
                name: Some(name.into()),
                ..CpuConfig::default()
            }),
            ram: ram.map(|(units, gb)| {
                vec![RamConfig {
                    units: Some(units),
                    capacity_gb: Some(gb),
                    density_gb_per_cm2: None,
                }]
            }),
            ..ServerConfig::default()
        });
        let mut usage = HostingUsage::one_year(2025);
        usage.location = Location::Zone(loc.into());
        usage.site = Some("it_only".into());
        let f = server_footprint(ds, &spec, &usage).expect("server");
        sum += f.total(Indicator::ClimateChange).map_or(0.0, |r| r.central);
    }
    let s = t.elapsed().as_secs_f64();
    println!("cases {n}");
    println!("seconds {s:.6}");
    println!("ms_per_case {:.6}", s * 1e3 / n as f64);
    println!("sum_gwp_kgco2e {sum}");
}

fn terminals(path: &str) {
    let t = Instant::now();
    let ds = Dataset::embedded("boavizta-2.5").expect("boavizta-2.5 is embedded");
    let load_s = t.elapsed().as_secs_f64();
    let mut options = EvaluationOptions::new(2025);
    options.keep_lines = true;
    let t = Instant::now();
    let report = evaluate_csv(ds, open(path), &options).expect("inventory");
    let s = t.elapsed().as_secs_f64();
    let n = report.counts.rows_evaluated;
    println!("dataset_load_s {load_s:.6}");
    println!("cases {n}");
    println!("seconds {s:.6}");
    println!("ms_per_case {:.6}", s * 1e3 / n as f64);
}

/// The file's columns as a DataFrame hands them to a binding (text as codes into its distinct
/// values, numbers as f64), then `Evaluation::add_columns` alone timed: the Python binding's
/// share of `python_dataframe.py` without its conversions.
fn columns(path: &str) {
    use empreinte::inventory::{FrameColumn, Given};
    use empreinte::{CellValue, Evaluation, Field};
    use std::collections::HashMap;
    let text = std::fs::read_to_string(path).expect("UTF-8 file");
    let mut rows = text.lines();
    let headers: Vec<&str> = rows.next().expect("header").split(';').collect();
    let fields: Vec<Option<Field>> = headers
        .iter()
        .map(|h| Field::from_header(h).map(|(f, _)| f))
        .collect();
    let is_text = |f: Field| {
        matches!(
            f,
            Field::Category | Field::Condition | Field::Country | Field::Department
        )
    };
    let mut codes: Vec<Vec<i64>> = vec![Vec::new(); headers.len()];
    let mut values: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    let mut index: Vec<HashMap<String, i64>> = vec![HashMap::new(); headers.len()];
    let mut numbers: Vec<Vec<f64>> = vec![Vec::new(); headers.len()];
    for row in rows {
        for (i, cell) in row.split(';').enumerate() {
            match fields[i] {
                Some(f) if is_text(f) => {
                    let n = index[i].len() as i64;
                    let c = *index[i].entry(cell.to_string()).or_insert(n);
                    if c == n {
                        values[i].push(cell.to_string());
                    }
                    codes[i].push(c);
                }
                Some(_) => numbers[i].push(cell.replace(',', ".").parse().unwrap_or(f64::NAN)),
                None => {}
            }
        }
    }
    let givens: Vec<Vec<Given>> = values
        .iter()
        .map(|v| v.iter().map(|t| Given::Value(CellValue::Text(t))).collect())
        .collect();
    let cols: Vec<(Field, FrameColumn)> = fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let f = (*f)?;
            Some((
                f,
                if is_text(f) {
                    FrameColumn::Codes(&codes[i], &givens[i])
                } else {
                    FrameColumn::Numbers(&numbers[i])
                },
            ))
        })
        .collect();
    let n = codes.iter().map(Vec::len).max().unwrap_or(0);
    let ds = Dataset::embedded_default();
    let t = Instant::now();
    let mut ev = Evaluation::new(ds, EvaluationOptions::new(2025)).expect("options");
    ev.add_columns(&cols, n);
    let report = ev.finish();
    let s = t.elapsed().as_secs_f64();
    println!("rows {}", report.counts.rows_read);
    println!("seconds {s:.6}");
    println!(
        "climate_change_kgco2e {}",
        report
            .climate_change_kgco2e()
            .map_or("n/a".to_string(), |v| v.to_string())
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let draws = args
        .iter()
        .position(|a| a == "--monte-carlo")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok());
    match (arg(0), arg(1)) {
        (Some("csv-read"), Some(f)) => csv_read(f),
        (Some("evaluate"), Some(f)) => evaluate(f, draws),
        (Some("swd4"), Some(n)) => swd4(n.parse().expect("N")),
        (Some("servers"), Some(n)) => servers(n.parse().expect("N")),
        (Some("terminals"), Some(f)) => terminals(f),
        (Some("columns"), Some(f)) => columns(f),
        _ => {
            eprintln!("usage: bench_native csv-read FILE | evaluate FILE [--monte-carlo N] | swd4 N | servers N | terminals FILE");
            std::process::exit(2);
        }
    }
}
