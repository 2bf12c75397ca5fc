//! Embodied impacts over the years: physical lifetime, accounting amortisation, none;
//! conditions new / refurbished / reused; devices kept past their lifetime.

mod common;
use common::*;
use empreinte::{evaluate_csv, Annualisation, Dataset, EvaluationOptions, Indicator, Phase};
use std::io::Cursor;

fn eval_with(ds: &Dataset, csv: &str, year: i32, a: Annualisation) -> empreinte::Report {
    let mut o = EvaluationOptions::new(year);
    o.annualisation = a;
    evaluate_csv(ds, Cursor::new(csv.to_string()), &o).unwrap()
}

fn embodied(r: &empreinte::Report) -> f64 {
    [Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife]
        .iter()
        .map(|p| climate_phase(r, *p))
        .sum()
}

const LAPTOP_EMBODIED: f64 = 170.0 + 12.3 + 2.79; // fixture = ADEME laptop

#[test]
fn physical_lifetime_spreads_over_the_lifetime_and_sums_to_the_whole() {
    let ds = mini();
    let mut sum = 0.0;
    for year in 2020..2030 {
        let r = eval(&ds, "category;acquisition_year\nlaptop;2020\n", year);
        let e = embodied(&r);
        if year < 2025 {
            assert!(close(e, LAPTOP_EMBODIED / 5.0), "{year}: {e}");
        } else {
            assert_eq!(e, 0.0, "{year}: past its lifetime");
            assert!(climate_phase(&r, Phase::Use) > 0.0, "still used");
        }
        sum += e;
    }
    assert!(close(sum, LAPTOP_EMBODIED));
}

#[test]
fn fractional_lifetime_sums_to_the_whole() {
    let ds = mini();
    // Smartphone: 2.5 years -> 0.4, 0.4, 0.2 of its embodied impacts.
    let total = 77.0 + 2.27 + 0.246;
    let shares: Vec<f64> = (2022..2026)
        .map(|y| {
            embodied(&eval(
                &ds,
                "category;acquisition_year\nsmartphone;2022\n",
                y,
            )) / total
        })
        .collect();
    assert!(
        close(shares[0], 0.4) && close(shares[1], 0.4) && close(shares[2], 0.2) && shares[3] == 0.0,
        "{shares:?}"
    );
}

#[test]
fn accounting_amortisation() {
    let ds = mini();
    let a = Annualisation::Accounting { default_years: 3.0 };
    let r = eval_with(&ds, "category;acquisition_year\nlaptop;2022\n", 2024, a);
    assert!(close(embodied(&r), LAPTOP_EMBODIED / 3.0));
    let r = eval_with(&ds, "category;acquisition_year\nlaptop;2022\n", 2025, a);
    assert_eq!(embodied(&r), 0.0);
    // A line's own amortisation period wins.
    let r = eval_with(
        &ds,
        "category;acquisition_year;amortisation_years\nlaptop;2022;4\n",
        2025,
        a,
    );
    assert!(close(embodied(&r), LAPTOP_EMBODIED / 4.0));
}

#[test]
fn no_annualisation_puts_everything_in_the_acquisition_year() {
    let ds = mini();
    let r = eval_with(
        &ds,
        "category;acquisition_year\nlaptop;2024\n",
        2024,
        Annualisation::None,
    );
    assert!(close(embodied(&r), LAPTOP_EMBODIED));
    let r = eval_with(
        &ds,
        "category;acquisition_year\nlaptop;2023\n",
        2024,
        Annualisation::None,
    );
    assert_eq!(embodied(&r), 0.0);
    // Without an acquisition year this method cannot place the impacts: the row says so.
    let r = eval_with(&ds, "category\nlaptop\n", 2024, Annualisation::None);
    assert_eq!(r.rejected[0].error.code(), "missing_value");
    assert_eq!(
        r.rejected[0].error.field().map(|f| f.name()),
        Some("acquisition_year")
    );
}

#[test]
fn missing_acquisition_year_spreads_evenly_and_warns() {
    let ds = mini();
    let r = eval(&ds, "category\nlaptop\n", 2024);
    assert!(close(embodied(&r), LAPTOP_EMBODIED / 5.0));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.code == "acquisition_year_missing" && w.line == Some(2)));
}

#[test]
fn refurbished_carries_refurbishment_transport_and_end_of_life() {
    let ds = mini();
    // Fixture: refurbishment 20 kg, transport 3 kg, second life 3 years; EoL 2.79 from the new device.
    let r = eval(
        &ds,
        "category;condition;acquisition_year\nlaptop;reconditionné;2024\n",
        2024,
    );
    assert!(close(climate_phase(&r, Phase::Manufacturing), 20.0 / 3.0));
    assert!(close(climate_phase(&r, Phase::Distribution), 3.0 / 3.0));
    assert!(close(climate_phase(&r, Phase::EndOfLife), 2.79 / 3.0));
    let new = eval(&ds, "category;acquisition_year\nlaptop;2024\n", 2024);
    assert!(embodied(&r) < embodied(&new));
}

#[test]
fn reused_carries_no_manufacturing() {
    let ds = mini();
    let r = eval(
        &ds,
        "category;condition;acquisition_year\nmonitor;réemploi;2024\n",
        2024,
    );
    assert_eq!(climate_phase(&r, Phase::Manufacturing), 0.0);
    assert!(close(climate_phase(&r, Phase::Distribution), 1.29 / 6.0));
    assert!(close(climate_phase(&r, Phase::EndOfLife), 3.95 / 6.0));
}

#[test]
fn refurbished_without_factors_is_evaluated_with_its_second_life_not_available() {
    let r = eval(&mini(), "category;condition\nmonitor;refurbished\n", 2024);
    assert_eq!((r.counts.rows_evaluated, r.counts.rows_rejected), (1, 0));
    assert!(r.warnings.iter().any(|w| w.code == "no_refurbishment_data"));
    let phase = |p| *r.totals.impacts.get(Indicator::ClimateChange, p).unwrap();
    assert_eq!(phase(Phase::Manufacturing).n_available, 0);
    assert_eq!(phase(Phase::Manufacturing).n_missing, 1);
    assert_eq!(phase(Phase::Use).n_available, 1);
}

#[test]
fn measured_energy_and_usage_profile() {
    let ds = mini();
    let r = eval(
        &ds,
        "category;energy_kwh_per_year;quantity\nlaptop;100;2\n",
        2024,
    );
    assert!(close(climate_phase(&r, Phase::Use), 200.0 * 0.0519));
    assert_eq!(r.totals.electricity_kwh, 200.0);
    let r = eval(
        &ds,
        "category;power_w;hours_per_day;days_per_year\nlaptop;20;8;220\n",
        2024,
    );
    assert!(close(r.totals.electricity_kwh, 20.0 * 8.0 * 220.0 / 1000.0));
    // Another country's electricity.
    let r = eval(
        &ds,
        "category;energy_kwh_per_year;country\nlaptop;100;Allemagne\n",
        2024,
    );
    assert!(close(climate_phase(&r, Phase::Use), 100.0 * 0.422));
}

#[test]
fn not_available_is_not_zero() {
    let ds = mini();
    let r = eval(
        &ds,
        "category;acquisition_year\nlaptop;2024\nmonitor;2024\n",
        2024,
    );
    let water = r
        .totals
        .impacts
        .get(Indicator::WaterConsumption, Phase::Use)
        .unwrap();
    assert_eq!(water.availability(), empreinte::Availability::NotAvailable);
    assert_eq!(water.value(), None);
    let manuf = r
        .totals
        .impacts
        .get(Indicator::WaterConsumption, Phase::Manufacturing)
        .unwrap();
    assert_eq!(
        manuf.availability(),
        empreinte::Availability::Partial,
        "the monitor has no water factor"
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json["totals"]["impacts"]["water_consumption"]["use"]["status"],
        "not_available"
    );
    assert!(json["totals"]["impacts"]["water_consumption"]["use"]
        .get("central")
        .is_none());
}

#[test]
fn ranges_are_ordered_and_provenance_is_named() {
    let r = eval(
        Dataset::embedded_default(),
        "category;quantity;acquisition_year\nlaptop;3;2023\nsmartphone;5;2024\nserver;1;2021\n",
        2024,
    );
    for g in std::iter::once(&r.totals).chain(&r.by_category) {
        for ind in g.impacts.indicators() {
            for p in Phase::ALL {
                if let Some(v) = g.impacts.get(*ind, p).and_then(|e| e.value()) {
                    assert!(
                        v.low <= v.central && v.central <= v.high,
                        "{ind} {p}: {v:?}"
                    );
                }
            }
        }
    }
    assert_eq!(r.dataset.id, "ademe-negaoctet-2022");
    assert!(r
        .provenance
        .factors
        .iter()
        .any(|f| f.factor_id == "laptop.manufacturing.climate_change"));
    assert!(r.provenance.sources.iter().all(|s| !s.url.is_empty()));
}

#[test]
fn per_capita() {
    let mut o = EvaluationOptions::new(2024);
    o.inhabitants = Some(1500.0);
    o.agents = Some(6.0);
    let r = evaluate_csv(
        Dataset::embedded_default(),
        Cursor::new("category;quantity\nlaptop;6\n"),
        &o,
    )
    .unwrap();
    let per = r
        .per_capita
        .per_inhabitant
        .as_ref()
        .unwrap()
        .total(Indicator::ClimateChange)
        .unwrap()
        .range
        .central;
    assert!(close(per * 1500.0, climate(&r)));
    assert!(r.per_capita.per_pupil.is_none());
}

#[test]
fn options_from_json() {
    let o: EvaluationOptions = serde_json::from_str(
        r#"{"reporting_year": 2024, "annualisation": {"method": "accounting"}}"#,
    )
    .unwrap();
    assert_eq!(
        o.annualisation,
        Annualisation::Accounting { default_years: 3.0 }
    );
    let e = serde_json::from_str::<EvaluationOptions>(r#"{"year": 2024}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field `year`"), "{e}");
}

#[test]
fn accounting_period_must_be_positive() {
    for bad in [0.0, -3.0, f64::NAN, 80.0] {
        let mut o = EvaluationOptions::new(2024);
        o.annualisation = Annualisation::Accounting { default_years: bad };
        let e = evaluate_csv(&mini(), Cursor::new("category\nlaptop\n"), &o).unwrap_err();
        assert_eq!(e.code(), "invalid_option", "{bad}");
    }
}
