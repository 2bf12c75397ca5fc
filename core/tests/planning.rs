//! Scenarios on an inventory and multi-year trajectories.

mod common;
use common::*;
use empreinte::scenario::{evaluate_numbered, split_items};
use empreinte::trajectory::FleetSimulation;
use empreinte::{
    run_scenarios, trajectory, Baseline, Dataset, EvaluationOptions, Indicator, Lever, Scenario,
};
use std::io::Cursor;

fn town() -> Vec<(u64, empreinte::EquipmentLine)> {
    let bytes = std::fs::read(repo_root().join("examples/communes/ville-montclair.csv")).unwrap();
    let reader = empreinte::CsvInventory::new(Cursor::new(bytes)).unwrap();
    let (lines, rejected) = split_items(reader.map(|i| i.unwrap()));
    assert!(rejected.is_empty());
    lines
}

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

fn scenario(levers: Vec<Lever>) -> Scenario {
    Scenario {
        name: "s".into(),
        levers,
    }
}

#[test]
fn longer_lifetimes_lower_the_footprint() {
    let (base, res) = run_scenarios(
        ds(),
        &town(),
        &[scenario(vec![Lever::ExtendLifetime {
            years: 2.0,
            categories: vec![],
        }])],
        &EvaluationOptions::new(2025),
    )
    .unwrap();
    let change = res[0].change_kgco2e.unwrap();
    assert!(change < 0.0, "{change}");
    assert!(common::close(
        change + base.climate_change_kgco2e().unwrap(),
        res[0]
            .totals
            .scenario
            .total(Indicator::ClimateChange)
            .unwrap()
            .range
            .central
    ));
    // Only the selected categories change.
    let (_, res) = run_scenarios(
        ds(),
        &town(),
        &[scenario(vec![Lever::ExtendLifetime {
            years: 2.0,
            categories: vec!["PC portables".into()],
        }])],
        &EvaluationOptions::new(2025),
    )
    .unwrap();
    for d in &res[0].by_category {
        let c = d
            .change
            .total(Indicator::ClimateChange)
            .unwrap()
            .range
            .central;
        if d.key.as_deref() != Some("laptop") {
            assert_eq!(c, 0.0, "{:?}", d.key);
        } else {
            assert!(c < 0.0);
        }
    }
}

#[test]
fn keeping_longer_never_recharges_devices_already_past_their_lifetime() {
    // Acquired 2012, 5-year lifetime: fully amortised in 2025, and still so when kept longer.
    let old = vec![(2, {
        let mut l = empreinte::EquipmentLine::new("laptop", 1);
        l.acquisition_year = Some(2012);
        l
    })];
    let (_, res) = run_scenarios(
        ds(),
        &old,
        &[scenario(vec![Lever::ExtendLifetime {
            years: 2.0,
            categories: vec![],
        }])],
        &EvaluationOptions::new(2025),
    )
    .unwrap();
    assert_eq!(res[0].change_kgco2e, Some(0.0));
}

#[test]
fn refurbished_share_and_pooling() {
    let opts = EvaluationOptions::new(2025);
    let (base, res) = run_scenarios(
        ds(),
        &town(),
        &[
            scenario(vec![Lever::RefurbishedShare {
                share: 0.5,
                categories: vec![],
            }]),
            scenario(vec![Lever::ReduceFleet {
                share: 0.1,
                categories: vec![],
            }]),
        ],
        &opts,
    )
    .unwrap();
    assert!(res[0].change_kgco2e.unwrap() < 0.0);
    assert!(res[1].change_kgco2e.unwrap() < 0.0);
    // 10 % fewer devices, exactly (largest remainder over the lines).
    let reduced = evaluate_numbered(
        ds(),
        &empreinte::scenario::apply(
            ds(),
            &scenario(vec![Lever::ReduceFleet {
                share: 0.1,
                categories: vec![],
            }]),
            &town(),
            2025,
        ),
        &[],
        &opts,
    )
    .unwrap();
    assert_eq!(
        reduced.counts.devices,
        base.counts.devices - (base.counts.devices as f64 * 0.1).round() as u64
    );
}

#[test]
fn electricity_of_another_country() {
    let (_, res) = run_scenarios(
        ds(),
        &town(),
        &[scenario(vec![Lever::Electricity {
            country: "Allemagne".into(),
            categories: vec![],
        }])],
        &EvaluationOptions::new(2025),
    )
    .unwrap();
    assert!(
        res[0].change_kgco2e.unwrap() > 0.0,
        "German electricity emits more than French"
    );
}

#[test]
fn bad_scenarios() {
    let opts = EvaluationOptions::new(2025);
    let cases = [
        (
            Lever::RefurbishedShare {
                share: 1.5,
                categories: vec![],
            },
            "out_of_range",
        ),
        (
            Lever::ReduceFleet {
                share: -0.1,
                categories: vec![],
            },
            "out_of_range",
        ),
        (
            Lever::ExtendLifetime {
                years: f64::NAN,
                categories: vec![],
            },
            "out_of_range",
        ),
        (
            Lever::ExtendLifetime {
                years: 1.0,
                categories: vec!["portabel".into()],
            },
            "unknown_category",
        ),
        (
            Lever::Electricity {
                country: "Atlantide".into(),
                categories: vec![],
            },
            "unknown_country",
        ),
    ];
    for (lever, code) in cases {
        let e = run_scenarios(ds(), &town(), &[scenario(vec![lever])], &opts).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
    }
    let e = trajectory(ds(), &town(), &[], 2030, 2025, &opts, &Baseline::Practice).unwrap_err();
    assert_eq!(e.code(), "horizon_before_start");
}

#[test]
fn trajectory_years_equal_the_evaluation_of_each_year() {
    let lines = town();
    let opts = EvaluationOptions::new(2025);
    let s = scenario(vec![
        Lever::ExtendLifetime {
            years: 2.0,
            categories: vec![],
        },
        Lever::RefurbishedShare {
            share: 0.3,
            categories: vec![],
        },
    ]);
    let series = trajectory(
        ds(),
        &lines,
        std::slice::from_ref(&s),
        2025,
        2035,
        &opts,
        &Baseline::Practice,
    )
    .unwrap();
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].years.len(), 11);
    for (k, levers) in [(0usize, vec![]), (1, s.levers.clone())] {
        let mut sim =
            FleetSimulation::with_baseline(ds(), &lines, &levers, 2025, &Baseline::Practice);
        for point in &series[k].years {
            if point.year > 2025 {
                sim.renew(point.year);
            }
            let mut o = opts.clone();
            o.reporting_year = point.year;
            let r = evaluate_numbered(ds(), &sim.fleet(), &[], &o).unwrap();
            assert_eq!(
                r.totals.impacts, point.impacts,
                "{} {}",
                series[k].name, point.year
            );
        }
    }
    // Keeping devices longer and buying refurbished lowers the cumulated footprint.
    let sum = |k: usize| {
        series[k]
            .years
            .iter()
            .map(|p| {
                p.impacts
                    .total(Indicator::ClimateChange)
                    .unwrap()
                    .range
                    .central
            })
            .sum::<f64>()
    };
    assert!(sum(1) < sum(0), "{} vs {}", sum(1), sum(0));
    assert!(
        series[1]
            .years
            .iter()
            .map(|p| p.refurbished_purchases)
            .sum::<u64>()
            > 0
    );
    // The start year is today's evaluation.
    let today = evaluate_numbered(ds(), &lines, &[], &opts).unwrap();
    assert_eq!(series[0].years[0].impacts, today.totals.impacts);
    // Like-for-like renewal keeps the fleet size.
    assert!(series[0]
        .years
        .iter()
        .all(|p| p.devices == series[0].years[0].devices));
}

#[test]
fn levers_and_annualisation_read_from_json_refuse_what_they_do_not_take() {
    let s: Scenario = serde_json::from_str(
        r#"{"name": "s", "levers": [
            {"lever": "extend_lifetime", "years": 2, "categories": ["laptop"]},
            {"lever": "refurbished_share", "share": 0.5},
            {"lever": "reduce_fleet", "share": 0.1},
            {"lever": "electricity", "country": "SE"}]}"#,
    )
    .unwrap();
    assert_eq!(
        s.levers[0],
        Lever::ExtendLifetime {
            years: 2.0,
            categories: vec!["laptop".into()]
        }
    );
    assert_eq!(s.levers.len(), 4);
    for (bad, says) in [
        (
            r#"{"lever": "extend_lifetime", "years": 2, "categoris": []}"#,
            "unknown field `categoris`",
        ),
        (
            r#"{"lever": "extend_lifetime", "share": 0.5}"#,
            "unknown field `share` for lever `extend_lifetime`",
        ),
        (
            r#"{"lever": "reduce_fleet"}"#,
            "missing field `share` for lever `reduce_fleet`",
        ),
        (
            r#"{"lever": "greenwash", "share": 1}"#,
            "unknown variant `greenwash`",
        ),
        (r#"{"years": 2}"#, "missing field `lever`"),
    ] {
        let e = serde_json::from_str::<Lever>(bad).unwrap_err().to_string();
        assert!(e.contains(says), "{bad}: {e}");
    }
    let o: empreinte::EvaluationOptions =
        serde_json::from_str(r#"{"annualisation": {"method": "accounting", "default_years": 4}}"#)
            .unwrap();
    assert_eq!(
        o.annualisation,
        empreinte::Annualisation::Accounting { default_years: 4.0 }
    );
    for (bad, says) in [
        (
            r#"{"annualisation": {"method": "none", "default_years": 4}}"#,
            "only the `accounting` method",
        ),
        (
            r#"{"annualisation": {"method": "accounting", "years": 4}}"#,
            "unknown field `years`",
        ),
        (r#"{"annualisation": {}}"#, "missing field `method`"),
    ] {
        let e = serde_json::from_str::<empreinte::EvaluationOptions>(bad)
            .unwrap_err()
            .to_string();
        assert!(e.contains(says), "{bad}: {e}");
    }
}
