//! Criterion benchmarks of the pipeline on a deterministic synthetic inventory:
//! the csv crate alone (the baseline), parse + evaluate + aggregate, and Monte Carlo.
//! `cargo bench -p empreinte --bench evaluate`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use empreinte::{evaluate_csv, Dataset, EvaluationOptions, MonteCarloOptions};
use std::io::Cursor;

/// The same shape of inventory as bench/generate_inventory.py, from a fixed LCG.
fn inventory(n: usize) -> Vec<u8> {
    const CATS: [&str; 12] = [
        "PC portable",
        "Unité centrale",
        "Écran",
        "smartphone",
        "Tablette",
        "Imprimante multifonction",
        "Vidéoprojecteur",
        "TBI",
        "Switch",
        "Borne Wi-Fi",
        "Téléphone IP",
        "Serveur",
    ];
    const DEPTS: [&str; 6] = [
        "Mairie",
        "École Jules Ferry",
        "Médiathèque",
        "CCAS",
        "DSI",
        "Piscine",
    ];
    let mut state: u64 = 0x2545F4914F6CDD1D;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % m
    };
    let mut out = String::from(
        "Catégorie;Qté;État;Année d'acquisition;Durée de vie (ans);Heures/jour;Pays;Service\n",
    );
    for _ in 0..n {
        let cat = CATS[next(CATS.len() as u64) as usize];
        let refurb = next(10) == 0 && matches!(cat, "PC portable" | "smartphone" | "Tablette");
        out.push_str(&format!(
            "{cat};{};{};{};{};{},{};{};{}\n",
            1 + next(40),
            if refurb { "reconditionné" } else { "neuf" },
            2012 + next(14),
            if next(3) == 0 {
                "6,5".to_string()
            } else {
                String::new()
            },
            1 + next(9),
            next(10),
            if next(10) == 0 { "DE" } else { "FR" },
            DEPTS[next(DEPTS.len() as u64) as usize],
        ));
    }
    out.into_bytes()
}

fn pipeline(c: &mut Criterion) {
    let ds = Dataset::embedded_default();
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let data = inventory(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("csv_crate_read", n), &data, |b, d| {
            b.iter(|| {
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(b';')
                    .from_reader(&d[..]);
                let mut rec = csv::ByteRecord::new();
                let mut k = 0;
                while r.read_byte_record(&mut rec).unwrap() {
                    k += 1;
                }
                k
            })
        });
        g.bench_with_input(BenchmarkId::new("evaluate", n), &data, |b, d| {
            b.iter(|| {
                evaluate_csv(ds, Cursor::new(d.clone()), &EvaluationOptions::new(2025)).unwrap()
            })
        });
    }
    let data = inventory(100_000);
    let mut o = EvaluationOptions::new(2025);
    o.monte_carlo = Some(MonteCarloOptions {
        draws: 1000,
        seed: 1,
    });
    g.bench_function("evaluate_monte_carlo_1000/100000", |b| {
        b.iter(|| evaluate_csv(ds, Cursor::new(data.clone()), &o).unwrap())
    });
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
