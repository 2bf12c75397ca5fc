//! Monte Carlo: seeded, reproducible, drawn per factor (lines sharing a factor share its draw).

mod common;
use empreinte::{evaluate_csv, Dataset, EvaluationOptions, Indicator, MonteCarloOptions, Phase};
use std::io::Cursor;

fn mc(csv: &str, draws: u32, seed: u64) -> empreinte::Report {
    let mut o = EvaluationOptions::new(2025);
    o.monte_carlo = Some(MonteCarloOptions { draws, seed });
    evaluate_csv(
        Dataset::embedded_default(),
        Cursor::new(csv.to_string()),
        &o,
    )
    .unwrap()
}

fn climate(r: &empreinte::Report) -> empreinte::Stats {
    r.monte_carlo
        .as_ref()
        .unwrap()
        .totals
        .total(Indicator::ClimateChange)
        .unwrap()
}

const FLEET: &str = "category;quantity;acquisition_year\nlaptop;10;2023\nmonitor;10;2022\nsmartphone;5;2024\nserver;1;2021\n";

#[test]
fn same_seed_same_numbers_other_seed_other_numbers() {
    let a = mc(FLEET, 500, 42);
    let b = mc(FLEET, 500, 42);
    let c = mc(FLEET, 500, 43);
    assert_eq!(a.monte_carlo, b.monte_carlo);
    assert_ne!(climate(&a), climate(&c));
    // The deterministic figures do not change.
    assert_eq!(a.totals, c.totals);
}

#[test]
fn draws_are_per_factor_not_per_line() {
    // Two lines of one laptop share the laptop factors: exactly like one line of two laptops.
    let two_lines = mc(
        "category;quantity;acquisition_year\nlaptop;1;2023\nlaptop;1;2023\n",
        1000,
        7,
    );
    let one_line = mc(
        "category;quantity;acquisition_year\nlaptop;2;2023\n",
        1000,
        7,
    );
    assert_eq!(climate(&two_lines), climate(&one_line));
    let single = mc(
        "category;quantity;acquisition_year\nlaptop;1;2023\n",
        1000,
        7,
    );
    let (s2, s1) = (climate(&one_line), climate(&single));
    // Fully correlated: the spread doubles (independent draws would give about √2).
    assert!(common::close(s2.p95 - s2.p5, 2.0 * (s1.p95 - s1.p5)));
}

#[test]
fn percentiles_are_ordered_within_the_bounds() {
    let r = mc(FLEET, 2000, 1);
    let s = climate(&r);
    let det = r
        .totals
        .impacts
        .total(Indicator::ClimateChange)
        .unwrap()
        .range;
    assert!(s.p5 <= s.p50 && s.p50 <= s.p95, "{s:?}");
    assert!(det.low <= s.p5 && s.p95 <= det.high, "{s:?} within {det:?}");
    let mc = r.monte_carlo.as_ref().unwrap();
    assert_eq!(mc.by_category.len(), r.by_category.len());
    assert_eq!(mc.by_department.len(), r.by_department.len());
    // Not available stays not available: ADPe's manufacturing is not covered by the default
    // set, so its total is not drawn; its use phase is.
    let adpe = Indicator::ResourceUseMineralsMetals;
    assert!(mc.totals.total(adpe).is_none(), "ADPe total not covered");
    let slot = mc
        .totals
        .indicators
        .iter()
        .position(|i| *i == adpe)
        .unwrap();
    assert!(
        mc.totals.cells[slot][Phase::Use.index()].is_some(),
        "use phase has ADPe"
    );
}

/// Asked for, the use phase alone of an indicator whose manufacturing is not covered is drawn
/// as its total: the same draws as its use phase.
#[test]
fn use_phase_only_totals_draw_the_use_phase() {
    let mut o = EvaluationOptions::new(2025);
    o.monte_carlo = Some(MonteCarloOptions {
        draws: 500,
        seed: 3,
    });
    o.use_phase_only_indicators = true;
    let r = evaluate_csv(
        Dataset::embedded_default(),
        Cursor::new(FLEET.to_string()),
        &o,
    )
    .unwrap();
    let mc = r.monte_carlo.as_ref().unwrap();
    let adpe = Indicator::ResourceUseMineralsMetals;
    let slot = mc
        .totals
        .indicators
        .iter()
        .position(|i| *i == adpe)
        .unwrap();
    let total = mc.totals.total(adpe).unwrap();
    let use_phase = mc.totals.cells[slot][Phase::Use.index()].unwrap();
    assert_eq!(total, use_phase);
    // Land use is covered in no phase: nothing to draw, even asked for.
    assert!(mc.totals.total(Indicator::LandUse).is_none());
}

#[test]
fn draws_out_of_range() {
    let mut o = EvaluationOptions::new(2025);
    o.monte_carlo = Some(MonteCarloOptions { draws: 0, seed: 1 });
    let e = evaluate_csv(
        Dataset::embedded_default(),
        Cursor::new("category\nlaptop\n"),
        &o,
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_option");
}
