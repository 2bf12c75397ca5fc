//! The change since last year, explained: fleet, ageing and reference effects, and the method
//! break of French electricity between 2023 (a single-year figure) and 2024 (a four-year
//! smoothed average).

mod common;
use common::repo_root;
use empreinte::scenario::evaluate_numbered;
use empreinte::{
    read_inventory, year_over_year, Dataset, EquipmentLine, EvaluationOptions, Indicator, Phase,
    Report, YearOverYear,
};

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

fn lines(csv: &str) -> Vec<(u64, EquipmentLine)> {
    read_inventory(csv.as_bytes().to_vec()).unwrap().lines
}

/// This year's report with the split against last year's inventory, and last year's report.
fn split(now: &str, then: &str, year: i32, previous_year: i32) -> (Report, Report, YearOverYear) {
    let (now, then) = (lines(now), lines(then));
    let current = evaluate_numbered(ds(), &now, &[], &EvaluationOptions::new(year)).unwrap();
    let previous =
        evaluate_numbered(ds(), &then, &[], &EvaluationOptions::new(previous_year)).unwrap();
    let yoy = year_over_year(ds(), &current, &previous, &then).unwrap();
    (current, previous, yoy)
}

fn central(t: &empreinte::ImpactTable, ind: Indicator, p: Option<Phase>) -> f64 {
    match p {
        Some(p) => t.get(ind, p).unwrap().central().unwrap(),
        None => t.total(ind).unwrap().central().unwrap(),
    }
}

/// Devices within their lifetime both years: no ageing, so with the same inventory the whole
/// change is the reference's — here the French electricity factor, 0.0580 → 0.0519.
const STEADY: &str = "category;quantity;acquisition_year;lifetime_years\nlaptop;10;2022;6\ndesktop;4;2021;8\nmonitor;12;2020;9\nsmartphone;5;2023;4\n";

#[test]
fn unchanged_inventory_2023_to_2024_is_all_reference_with_the_method_break_named() {
    let (current, previous, yoy) = split(STEADY, STEADY, 2024, 2023);
    assert_eq!((yoy.previous_year, yoy.reporting_year), (2023, 2024));
    for ind in yoy.fleet_effect.indicators() {
        for p in Phase::ALL {
            let e = yoy.fleet_effect.get(*ind, p).unwrap();
            assert_eq!(
                (e.range.low, e.range.central, e.range.high),
                (0.0, 0.0, 0.0),
                "fleet {ind:?} {p:?}"
            );
            let a = yoy.ageing_effect.get(*ind, p).unwrap();
            assert_eq!(a.range.central, 0.0, "ageing {ind:?} {p:?}");
        }
    }
    let [fleet, ageing, reference, total] = yoy.central(Indicator::ClimateChange).unwrap();
    assert_eq!((fleet, ageing), (0.0, 0.0));
    assert_eq!(reference, total, "the reference effect is the whole change");
    let whole = central(&current.totals.impacts, Indicator::ClimateChange, None)
        - central(&previous.totals.impacts, Indicator::ClimateChange, None);
    assert!((total - whole).abs() <= 1e-9 * whole.abs().max(1.0));
    // The reference effect is the use phase only: kWh × (0.0519 − 0.0580).
    let kwh = current.totals.electricity_kwh;
    assert_eq!(kwh, previous.totals.electricity_kwh);
    let use_change = central(
        &yoy.reference_effect,
        Indicator::ClimateChange,
        Some(Phase::Use),
    );
    assert!(
        (use_change - kwh * (0.0519 - 0.0580)).abs() < 1e-9 * kwh,
        "{use_change} vs {}",
        kwh * (0.0519 - 0.0580)
    );
    assert!(use_change < 0.0);
    for p in Phase::EMBODIED {
        assert_eq!(
            central(&yoy.reference_effect, Indicator::ClimateChange, Some(p)),
            0.0
        );
    }
    // −10.5 % of the use phase, with nothing changed.
    let before = central(
        &previous.totals.impacts,
        Indicator::ClimateChange,
        Some(Phase::Use),
    );
    assert!(((use_change / before) - (0.0519 / 0.0580 - 1.0)).abs() < 1e-12);
    // The break, named from the data.
    let b: Vec<_> = yoy
        .method_breaks
        .iter()
        .filter(|b| b.zone == "FR" && b.indicator == Indicator::ClimateChange)
        .collect();
    assert_eq!(b.len(), 1, "{:?}", yoy.method_breaks);
    assert_eq!(b[0].previous.year, Some(2023));
    assert_eq!(b[0].current.year, Some(2024));
    assert_eq!(b[0].previous.value, 0.058);
    assert_eq!(b[0].current.value, 0.0519);
    assert_eq!(b[0].previous.method, "single-year figure");
    assert_eq!(b[0].current.method, "four-year smoothed average");
    assert_eq!(b[0].current.method_fr, "moyenne lissée sur quatre ans");
    assert!(yoy.dataset_change.is_none());
    // In the JSON report.
    let mut r = current.clone();
    r.year_over_year = Some(yoy);
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    let y = &v["year_over_year"];
    assert_eq!(y["previous_year"], 2023);
    assert_eq!(y["fleet_effect"]["climate_change"]["total"]["central"], 0.0);
    assert_eq!(
        y["reference_effect"]["climate_change"]["total"]["central"],
        y["total_change"]["climate_change"]["total"]["central"]
    );
    assert_eq!(y["method_breaks"][0]["indicator"], "climate_change");
    assert_eq!(
        y["method_breaks"][0]["previous"]["factor_id"],
        "FR.2023.climate_change"
    );
}

#[test]
fn no_break_between_two_smoothed_vintages_nor_within_one() {
    let (_, _, yoy) = split(STEADY, STEADY, 2025, 2024);
    assert!(yoy.method_breaks.is_empty(), "{:?}", yoy.method_breaks);
    let steady_2022 =
        "category;quantity;acquisition_year;lifetime_years\nlaptop;10;2022;6\ndesktop;4;2021;8\n";
    let (_, _, yoy) = split(steady_2022, steady_2022, 2023, 2022);
    assert!(yoy.method_breaks.is_empty());
    let [fleet, .., reference, total] = yoy.central(Indicator::ClimateChange).unwrap();
    assert_eq!(fleet, 0.0);
    assert!(reference > 0.0 && reference == total, "0.0520 → 0.0580");
    // Two years apart, across the break: named once.
    let (_, _, yoy) = split(steady_2022, steady_2022, 2025, 2022);
    assert_eq!(yoy.method_breaks.len(), 1);
    assert_eq!(yoy.method_breaks[0].previous.year, Some(2022));
    assert_eq!(yoy.method_breaks[0].current.year, Some(2025));
    // A fleet in Germany only: no French factor, no French break.
    let de = "category;quantity;acquisition_year;country\nlaptop;3;2022;DE\n";
    let (_, _, yoy) = split(de, de, 2024, 2023);
    assert!(yoy.method_breaks.iter().all(|b| b.zone != "FR"));
}

#[test]
fn purchases_are_the_fleet_and_an_ended_lifetime_is_ageing() {
    // Last year: 10 laptops of 2019 (5 years: their last year was 2023) and 4 desktops.
    let then =
        "category;quantity;acquisition_year;lifetime_years\nlaptop;10;2019;5\ndesktop;4;2021;8\n";
    // This year: the same, plus 6 laptops bought in 2024; 2 desktops retired.
    let now = "category;quantity;acquisition_year;lifetime_years\nlaptop;10;2019;5\ndesktop;2;2021;8\nlaptop;6;2024;5\n";
    let (current, previous, yoy) = split(now, then, 2024, 2023);
    let [fleet, ageing, reference, total] = yoy.central(Indicator::ClimateChange).unwrap();
    // Ageing: the 2019 laptops carry no embodied impacts in 2024, only use.
    let laptop = ds().find_category("laptop").unwrap();
    let embodied_per_laptop: f64 = Phase::EMBODIED
        .iter()
        .map(|p| {
            ds().factor(
                ds().embodied_factor(laptop, *p, Indicator::ClimateChange)
                    .unwrap(),
            )
            .value
            .central
        })
        .sum();
    assert!(
        (ageing + 10.0 * embodied_per_laptop / 5.0).abs() < 1e-9,
        "{ageing} vs {}",
        -10.0 * embodied_per_laptop / 5.0
    );
    assert!(
        fleet > 0.0,
        "six laptops bought outweigh two desktops retired"
    );
    assert!(reference < 0.0);
    assert_eq!(total, fleet + ageing + reference);
    let whole = central(&current.totals.impacts, Indicator::ClimateChange, None)
        - central(&previous.totals.impacts, Indicator::ClimateChange, None);
    assert!((total - whole).abs() <= 1e-9 * whole.abs());
}

#[test]
fn a_line_rejected_last_year_is_not_last_years_fleet() {
    // Last year's file already lists a device bought this year: rejected in 2023's report, so
    // it is bought this year (fleet), not aged into the fleet.
    let inv = "category;quantity;acquisition_year\nlaptop;10;2022\nlaptop;3;2024\n";
    let (_, previous, yoy) = split(inv, inv, 2024, 2023);
    assert_eq!(previous.counts.rows_rejected, 1);
    let [fleet, ageing, ..] = yoy.central(Indicator::ClimateChange).unwrap();
    assert!(fleet > 0.0);
    assert_eq!(ageing, 0.0);
}

#[test]
fn not_available_stays_not_available() {
    // A class the default set has no figure for: its change is not available, never zero.
    let inv = "category;quantity;acquisition_year\nonduleur;2;2022\n";
    let (_, _, yoy) = split(inv, inv, 2024, 2023);
    let e = yoy.fleet_effect.total(Indicator::ClimateChange).unwrap();
    assert!(e.value().is_none(), "{e:?}");
    let e = yoy.total_change.total(Indicator::ClimateChange).unwrap();
    assert!(e.value().is_none());
    assert!(yoy.central(Indicator::ClimateChange).is_none());
}

#[test]
fn the_sample_town_unchanged_from_2024_to_2025_changes_only_by_age_and_reference() {
    let bytes = std::fs::read(repo_root().join("examples/communes/ville-montclair.csv")).unwrap();
    let csv = String::from_utf8(bytes).unwrap();
    let (current, previous, yoy) = split(&csv, &csv, 2025, 2024);
    let [fleet, ageing, reference, total] = yoy.central(Indicator::ClimateChange).unwrap();
    // The file lists devices bought in 2025: not in service in 2024 (rejected in that year's
    // report), they are this year's purchases, and the fleet effect is exactly theirs.
    let bought: Vec<(u64, EquipmentLine)> = lines(&csv)
        .into_iter()
        .filter(|(_, l)| l.acquisition_year == Some(2025))
        .collect();
    assert!(!bought.is_empty());
    let bought = evaluate_numbered(ds(), &bought, &[], &EvaluationOptions::new(2025)).unwrap();
    let bought = central(&bought.totals.impacts, Indicator::ClimateChange, None);
    assert!(
        (fleet - bought).abs() < 1e-9 * bought,
        "{fleet} vs {bought}"
    );
    assert!(
        ageing < 0.0,
        "devices reaching the end of their lifetime: {ageing}"
    );
    assert!(reference < 0.0, "0.0519 → 0.0461: {reference}");
    assert_eq!(total, fleet + ageing + reference);
    let whole = central(&current.totals.impacts, Indicator::ClimateChange, None)
        - central(&previous.totals.impacts, Indicator::ClimateChange, None);
    assert!((total - whole).abs() <= 1e-9 * whole.abs());
    assert!(
        yoy.method_breaks.is_empty(),
        "2024 and 2025 are both smoothed"
    );
}

#[test]
fn no_panic_at_the_edges_of_the_years() {
    for (year, previous_year) in [(i32::MAX, i32::MIN), (i32::MIN, i32::MAX), (2025, 2025)] {
        let (_, _, yoy) = split(STEADY, STEADY, year, previous_year);
        assert_eq!(
            (yoy.reporting_year, yoy.previous_year),
            (year, previous_year)
        );
    }
}
