//! The trajectory's baseline renews each class at the practice the inventory shows: no year-two
//! jump, the backlog spread, the rule said in the result; the user may set it.

mod common;
use common::*;
use empreinte::scenario::evaluate_numbered;
use empreinte::trajectory::TrajectorySeries;
use empreinte::{
    read_inventory, trajectory, Baseline, Dataset, EquipmentLine, EvaluationOptions, Indicator,
    Phase,
};

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

fn town(file: &str) -> Vec<(u64, EquipmentLine)> {
    let bytes = std::fs::read(repo_root().join("examples/communes").join(file)).unwrap();
    read_inventory(bytes).unwrap().lines
}

fn climate(t: &empreinte::ImpactTable) -> f64 {
    t.total(Indicator::ClimateChange).unwrap().range.central
}

fn baseline(lines: &[(u64, EquipmentLine)], rule: &Baseline) -> TrajectorySeries {
    let opts = EvaluationOptions::new(2025);
    trajectory(ds(), lines, &[], 2025, 2035, &opts, rule)
        .unwrap()
        .remove(0)
}

/// The climate embodied impacts (whole life) of one new device of a category.
fn embodied_per_device(category: &str) -> f64 {
    let c = ds().category_by_id(category).unwrap();
    Phase::EMBODIED
        .iter()
        .filter_map(|p| ds().embodied_factor(c, *p, Indicator::ClimateChange))
        .map(|f| ds().factor(f).value.central)
        .sum()
}

/// `k` of the step bound below.
const K: f64 = 1.5;

/// The bounds of a year-to-year step of a baseline, for year `y`:
///
/// `A(y) − k × S  ≤  step  ≤  k × S + ΔUse(y)`, where
///
/// - `S = Σ over classes of (N / L) × (e / L)`: the inventory's own renewal rate, as the
///   annual renewal share `1 / L` of each class times its annualised embodied total `N × e / L`
///   (`N` its dated devices, `L` its lifetime in the series, `e` the whole-life embodied
///   climate impact of one new device). It is what one year of steady renewals adds to a
///   year's footprint: `N / L` devices, each carrying `e / L`. Renewals are like for like, so
///   the fleet's use is the inventory's and changes only as the inventory's does.
/// - `ΔUse(y)`, `A(y)`: the change of the inventory itself, unchanged, from `y − 1` to `y` (its
///   use phase; its whole footprint: devices reaching the end of their own lifetime, another
///   electricity vintage) — what `evaluate` shows whatever the rule; no rule can undo it.
/// - `k = 1.5`: a year renews the backlog's share `⌈B/L⌉` and the devices falling due, which in a
///   fleet of even ages add up to the steady `N / L` (`k = 1`); the half on top allows for the
///   inventory's own unevenness (its purchases by year are not even) and the rounding up of
///   `⌈B/L⌉` in classes of a few devices. Downwards the same: the devices the renewals replace
///   while still carrying embodied impacts are as many as the renewals.
///
/// The rule of before (every device past the dataset's lifetime renewed the year after the
/// inventory) breaks the upper bound in both towns (asserted below).
fn step_bounds(
    lines: &[(u64, EquipmentLine)],
    series: &TrajectorySeries,
    y: i32,
) -> (f64, f64, f64) {
    let s: f64 = series
        .renewal
        .classes
        .iter()
        .map(|c| {
            c.dated_devices as f64 / c.lifetime_years * embodied_per_device(&c.category)
                / c.lifetime_years
        })
        .sum();
    let at = |year: i32| {
        let r = evaluate_numbered(ds(), lines, &[], &EvaluationOptions::new(year)).unwrap();
        let use_phase = r
            .totals
            .impacts
            .get(Indicator::ClimateChange, Phase::Use)
            .unwrap()
            .range
            .central;
        (climate(&r.totals.impacts), use_phase)
    };
    let ((now, use_now), (then, use_then)) = (at(y), at(y - 1));
    (now - then - K * s, K * s + (use_now - use_then), s)
}

#[test]
fn the_sample_towns_baselines_have_no_step_beyond_their_renewal_rate() {
    for file in ["ville-montclair.csv", "village-saint-aubin.csv"] {
        let lines = town(file);
        let practice = baseline(&lines, &Baseline::Practice);
        assert_eq!(practice.renewal.rule, "practice");
        for w in practice.years.windows(2) {
            let step = climate(&w[1].impacts) - climate(&w[0].impacts);
            let (low, high, u) = step_bounds(&lines, &practice, w[1].year);
            eprintln!(
                "{file} {}: {:.0} kgCO2e, step {step:+.0} within [{low:.0}, {high:.0}] (S {u:.0}), purchases {}",
                w[1].year,
                climate(&w[1].impacts),
                w[1].purchases
            );
            assert!(
                low <= step && step <= high,
                "{file} {}: step {step} outside [{low}, {high}]",
                w[1].year
            );
        }
        // The rule of before renews every device past the dataset's lifetime the year after
        // the inventory: beyond what the renewal rate explains.
        let before = baseline(&lines, &Baseline::DatasetLifetime);
        let jump = climate(&before.years[1].impacts) - climate(&before.years[0].impacts);
        let (_, high, _) = step_bounds(&lines, &practice, 2026);
        eprintln!("{file} 2026 under dataset_lifetime: step {jump:+.0}, bound {high:.0}");
        assert!(jump > high, "{file}: the old jump {jump} within {high}");
    }
}

#[test]
fn the_first_year_is_the_evaluation_whatever_the_rule() {
    let lines = town("ville-montclair.csv");
    let r = evaluate_numbered(ds(), &lines, &[], &EvaluationOptions::new(2025)).unwrap();
    for rule in [
        Baseline::Practice,
        Baseline::DatasetLifetime,
        Baseline::Lifetimes(vec![("PC portable".into(), 8.0)]),
    ] {
        let s = baseline(&lines, &rule);
        assert_eq!(s.years[0].impacts, r.totals.impacts, "{rule:?}");
        assert_eq!(s.years[0].purchases, 0);
        assert_eq!(s.years[0].devices, r.counts.devices);
    }
}

#[test]
fn the_backlog_is_spread_at_each_class_rate_and_the_rule_is_said() {
    let lines = town("ville-montclair.csv");
    let s = baseline(&lines, &Baseline::Practice);
    let backlog: u64 = s.renewal.classes.iter().map(|c| c.backlog).sum();
    let per_year: u64 = s
        .renewal
        .classes
        .iter()
        .map(|c| c.backlog_per_year.unwrap())
        .sum();
    assert!(
        backlog > 1000,
        "the sample town keeps devices long: {backlog}"
    );
    // The year after the inventory renews only the backlog's share (nothing else is due yet).
    assert_eq!(s.years[1].purchases, per_year);
    assert!(per_year < backlog / 4);
    // Within the longest lifetime, the whole backlog has been renewed.
    let longest = s
        .renewal
        .classes
        .iter()
        .map(|c| c.lifetime_years)
        .fold(0.0, f64::max);
    let bought: u64 = s
        .years
        .iter()
        .filter(|p| f64::from(p.year - 2025) <= longest.ceil())
        .map(|p| p.purchases)
        .sum();
    assert!(bought >= backlog, "{bought} < {backlog}");
    for c in &s.renewal.classes {
        let [lo, hi] = c.bounds_years;
        assert!(lo <= c.dataset_lifetime_years.low && hi >= c.dataset_lifetime_years.high);
        assert!(
            (lo..=hi).contains(&c.lifetime_years),
            "{}: {} outside [{lo}, {hi}]",
            c.category,
            c.lifetime_years
        );
        match (c.source, c.practice_years) {
            ("practice", Some(p)) => assert_eq!(p, c.lifetime_years),
            ("practice_lowered_to_high", Some(p)) => assert!(p > hi && c.lifetime_years == hi),
            ("practice_raised_to_low", Some(p)) => assert!(p < lo && c.lifetime_years == lo),
            ("dataset", None) => assert_eq!(c.lifetime_years, c.dataset_lifetime_years.central),
            other => panic!("{}: {other:?}", c.category),
        }
        assert_eq!(
            c.backlog_per_year,
            Some((c.backlog as f64 / c.lifetime_years).ceil() as u64)
        );
        assert!(c.backlog <= c.dated_devices);
    }
    // Laptops: 2 × mean age + 1, the mean age by quantity.
    let laptop = s
        .renewal
        .classes
        .iter()
        .find(|c| c.category == "laptop")
        .unwrap();
    let mean = laptop.mean_age_years.unwrap();
    assert_eq!(laptop.practice_years, Some(2.0 * mean + 1.0));
    // In the JSON result.
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["renewal"]["rule"], "practice");
    assert!(v["renewal"]["classes"][0]["lifetime_years"].is_number());
    assert!(v["renewal"]["classes"][0]["bounds_years"].is_array());
}

#[test]
fn the_rule_of_before_is_kept_as_dataset_lifetime() {
    // The figures the trajectory gave before the practice baseline, to the last digit (with
    // servers in their room, PUE 1.8, and yearly energies kept as the data gives them: the
    // town's printers, interactive displays and thin clients with their own hours).
    let s = baseline(&town("ville-montclair.csv"), &Baseline::DatasetLifetime);
    assert_eq!(s.renewal.rule, "dataset_lifetime");
    assert!(s
        .renewal
        .classes
        .iter()
        .all(|c| c.backlog_per_year.is_none() && c.source == "dataset"));
    assert_eq!(climate(&s.years[0].impacts), 51528.99772387082);
    assert_eq!(climate(&s.years[1].impacts), 79939.86154696014);
    assert_eq!(s.years[1].purchases, 2108);
}

#[test]
fn the_user_sets_lifetimes_by_class() {
    let lines = town("village-saint-aubin.csv");
    let rule = Baseline::Lifetimes(vec![("PC portable".into(), 8.0), ("tablettes".into(), 6.5)]);
    let s = baseline(&lines, &rule);
    assert_eq!(s.renewal.rule, "lifetimes");
    let class = |id: &str| s.renewal.classes.iter().find(|c| c.category == id).unwrap();
    assert_eq!(
        (class("laptop").lifetime_years, class("laptop").source),
        (8.0, "user")
    );
    assert_eq!(class("tablet").lifetime_years, 6.5);
    assert!(class("monitor").source.starts_with("practice"));
    // A scenario's longer lifetimes add to the rule's.
    let opts = EvaluationOptions::new(2025);
    let longer = empreinte::Scenario {
        name: "+2".into(),
        levers: vec![empreinte::Lever::ExtendLifetime {
            years: 2.0,
            categories: vec!["laptop".into()],
        }],
    };
    let both = trajectory(ds(), &lines, &[longer], 2025, 2030, &opts, &rule).unwrap();
    let laptop = both[1]
        .renewal
        .classes
        .iter()
        .find(|c| c.category == "laptop")
        .unwrap();
    assert_eq!(laptop.lifetime_years, 10.0);
    // Bad lifetimes: typed errors naming the field.
    for (rule, code) in [
        (
            Baseline::Lifetimes(vec![("portabel".into(), 6.0)]),
            "unknown_category",
        ),
        (
            Baseline::Lifetimes(vec![("laptop".into(), 0.0)]),
            "out_of_range",
        ),
        (
            Baseline::Lifetimes(vec![("laptop".into(), f64::NAN)]),
            "out_of_range",
        ),
        (
            Baseline::Lifetimes(vec![("laptop".into(), 51.0)]),
            "out_of_range",
        ),
    ] {
        let e = trajectory(ds(), &lines, &[], 2025, 2030, &opts, &rule).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some("baseline")), "{e}");
    }
    let e = trajectory(
        ds(),
        &lines,
        &[],
        2025,
        2030,
        &opts,
        &Baseline::Lifetimes(vec![("portabel".into(), 6.0)]),
    )
    .unwrap_err();
    assert!(e.to_string().contains("did you mean"), "{e}");
}

#[test]
fn the_baseline_reads_from_json() {
    use serde_json::json;
    assert_eq!(
        Baseline::from_json(&json!("practice")).unwrap(),
        Baseline::Practice
    );
    assert_eq!(
        Baseline::from_json(&json!("dataset_lifetime")).unwrap(),
        Baseline::DatasetLifetime
    );
    assert_eq!(
        Baseline::from_json(&json!({"lifetimes": {"laptop": 7, "écran": 9.5}})).unwrap(),
        Baseline::Lifetimes(vec![("laptop".into(), 7.0), ("écran".into(), 9.5)])
    );
    for (bad, message) in [
        (json!("pratique"), "unknown variant `pratique`"),
        (json!({"laptop": 7}), "unknown field `laptop`"),
        (
            json!({"lifetimes": {"laptop": "7"}}),
            "laptop: invalid type: string",
        ),
        (json!({"lifetimes": [7]}), "invalid type: sequence"),
        (json!({}), "missing field `lifetimes`"),
        (json!(3), "invalid type: integer"),
    ] {
        let e = Baseline::from_json(&bad).unwrap_err().to_string();
        assert!(e.contains(message), "{bad}: {e}");
    }
    let b: Baseline = serde_json::from_str("\"dataset_lifetime\"").unwrap();
    assert_eq!(b, Baseline::DatasetLifetime);
}

/// Extreme years and odd inventories: typed errors or results, never a panic.
#[test]
fn no_panic_at_the_edges_of_the_years() {
    let opts = EvaluationOptions::new(2025);
    let lines = town("village-saint-aubin.csv");
    for (start, horizon) in [
        (i32::MIN, i32::MAX),
        (i32::MAX - 1, i32::MAX),
        (i32::MIN, i32::MIN),
    ] {
        for rule in [Baseline::Practice, Baseline::DatasetLifetime] {
            let _ = trajectory(ds(), &lines, &[], start, horizon, &opts, &rule);
        }
    }
    let e = trajectory(
        ds(),
        &lines,
        &[],
        i32::MIN,
        i32::MAX,
        &opts,
        &Baseline::Practice,
    )
    .unwrap_err();
    assert_eq!(e.code(), "out_of_range");
    let mut odd = EquipmentLine::new("laptop", 3);
    odd.acquisition_year = Some(i32::MIN);
    let mut future = EquipmentLine::new("laptop", 2);
    future.acquisition_year = Some(i32::MAX);
    let lines = vec![
        (2, odd),
        (3, future),
        (4, EquipmentLine::new("onduleur", 1)),
    ];
    for rule in [
        Baseline::Practice,
        Baseline::DatasetLifetime,
        Baseline::Lifetimes(vec![("laptop".into(), 0.5)]),
    ] {
        let s = trajectory(ds(), &lines, &[], 2025, 2030, &opts, &rule).unwrap();
        assert_eq!(s[0].years.len(), 6);
    }
}
