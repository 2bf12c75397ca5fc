//! Invariants of the fleet model, on random valid inventories of the default dataset.

mod common;
use common::close;
use empreinte::{
    evaluate_lines, Condition, Dataset, EquipmentLine, EvaluationOptions, Indicator, Phase, Report,
};
use proptest::prelude::*;
use uom::si::f64::{Power, Time};
use uom::si::power::watt;
use uom::si::time::{hour, year};

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

fn arb_line() -> impl Strategy<Value = EquipmentLine> {
    let cats: Vec<String> = ds().categories().iter().map(|c| c.id.clone()).collect();
    let refurbishable: Vec<String> = ds()
        .refurbishable_categories()
        .map(|c| c.id.clone())
        .collect();
    (
        prop::sample::select(cats),
        1u32..500,
        prop::sample::select(vec![
            Condition::New,
            Condition::Refurbished,
            Condition::Reused,
        ]),
        prop::option::of(2005i32..=2025),
        prop::option::of(0.5f64..15.0),
        prop::option::of(0.0f64..24.0),
        prop::option::of(0.0f64..400.0),
        prop::sample::select(vec!["FR", "DE", "ES", "PL"]),
        prop::sample::select(vec!["Mairie", "École", "Médiathèque"]),
    )
        .prop_map(
            move |(cat, q, cond, acq, life, hours, power, country, dept)| {
                let mut l = EquipmentLine::new(cat.clone(), q);
                l.condition = if cond == Condition::Refurbished && !refurbishable.contains(&cat) {
                    Condition::Reused
                } else {
                    cond
                };
                l.acquisition_year = acq;
                l.lifetime = life.map(Time::new::<year>);
                l.hours_per_day = hours.map(Time::new::<hour>);
                l.power = power.map(Power::new::<watt>);
                l.country = Some(country.to_string());
                l.department = Some(dept.to_string());
                l
            },
        )
}

fn run(lines: &[EquipmentLine], y: i32) -> Report {
    evaluate_lines(ds(), lines, &EvaluationOptions::new(y)).unwrap()
}

fn total(r: &Report, ind: Indicator) -> f64 {
    r.totals.impacts.total(ind).map_or(0.0, |e| e.range.central)
}

fn embodied(r: &Report) -> f64 {
    [Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife]
        .iter()
        .map(|p| {
            r.totals
                .impacts
                .get(Indicator::ClimateChange, *p)
                .unwrap()
                .range
                .central
        })
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_lines_are_all_evaluated_and_finite(lines in prop::collection::vec(arb_line(), 1..40)) {
        let r = run(&lines, 2025);
        prop_assert_eq!(r.counts.rows_rejected, 0, "{:?}", r.rejected);
        prop_assert_eq!(r.counts.rows_read, lines.len() as u64);
        let json = serde_json::to_value(&r).unwrap();
        prop_assert!(!json.to_string().contains("NaN") && !json.to_string().contains("null,\"high\""));
        for ind in r.totals.impacts.indicators() {
            for p in Phase::ALL {
                if let Some(v) = r.totals.impacts.get(*ind, p).and_then(|e| e.value()) {
                    prop_assert!(v.low.is_finite() && v.central.is_finite() && v.high.is_finite());
                    prop_assert!(v.low <= v.central && v.central <= v.high, "{} {}: {:?}", ind, p, v);
                }
            }
        }
    }

    #[test]
    fn additivity(a in prop::collection::vec(arb_line(), 0..20), b in prop::collection::vec(arb_line(), 0..20)) {
        let (ra, rb) = (run(&a, 2025), run(&b, 2025));
        let union: Vec<_> = a.iter().chain(&b).cloned().collect();
        let ru = run(&union, 2025);
        for ind in ds().indicators() {
            prop_assert!(close(total(&ra, *ind) + total(&rb, *ind), total(&ru, *ind)), "{}", ind);
        }
        prop_assert_eq!(ra.counts.devices + rb.counts.devices, ru.counts.devices);
        prop_assert!(close(ra.totals.electricity_kwh + rb.totals.electricity_kwh, ru.totals.electricity_kwh));
    }

    #[test]
    fn linear_in_quantity(line in arb_line(), k in 1u32..50) {
        let mut many = line.clone();
        many.quantity = line.quantity * k;
        let (r1, rk) = (run(&[line], 2025), run(&[many], 2025));
        for ind in ds().indicators() {
            prop_assert!(close(total(&r1, *ind) * k as f64, total(&rk, *ind)), "{}", ind);
        }
    }

    #[test]
    fn monotonic_in_hours_and_power(line in arb_line(), dh in 0.0f64..10.0, dp in 0.0f64..200.0) {
        let mut base = line.clone();
        base.energy_per_year = None;
        base.hours_per_day = Some(Time::new::<hour>(base.hours_per_day.map_or(4.0, |h| h.get::<hour>()).min(14.0)));
        base.power = Some(Power::new::<watt>(base.power.map_or(50.0, |p| p.get::<watt>())));
        let mut more = base.clone();
        more.hours_per_day = Some(Time::new::<hour>(base.hours_per_day.unwrap().get::<hour>() + dh));
        more.power = Some(Power::new::<watt>(base.power.unwrap().get::<watt>() + dp));
        let (r0, r1) = (run(&[base], 2025), run(&[more], 2025));
        prop_assert!(total(&r1, Indicator::ClimateChange) >= total(&r0, Indicator::ClimateChange));
        prop_assert!(r1.totals.electricity_kwh >= r0.totals.electricity_kwh);
    }

    #[test]
    fn a_longer_lifetime_never_raises_annual_embodied(line in arb_line(), life in 0.5f64..15.0, extra in 0.0f64..10.0) {
        let mut short = line.clone();
        short.acquisition_year = None;
        short.lifetime = Some(Time::new::<year>(life));
        let mut long = short.clone();
        long.lifetime = Some(Time::new::<year>(life + extra));
        prop_assert!(embodied(&run(&[long], 2025)) <= embodied(&run(&[short], 2025)) * (1.0 + 1e-12));
    }

    #[test]
    fn annualised_embodied_sums_to_the_lifecycle_total(line in arb_line(), life in 0.5f64..12.0) {
        let mut l = line.clone();
        l.acquisition_year = Some(2000);
        l.lifetime = Some(Time::new::<year>(life));
        let whole = {
            let mut once = l.clone();
            let mut o = EvaluationOptions::new(2000);
            o.annualisation = empreinte::Annualisation::None;
            once.lifetime = None;
            embodied(&evaluate_lines(ds(), &[once], &o).unwrap())
        };
        let summed: f64 = (2000..2015).map(|y| embodied(&run(std::slice::from_ref(&l), y))).sum();
        prop_assert!(close(summed, whole) || (summed - whole).abs() < 1e-9 * whole.max(1.0), "{} vs {}", summed, whole);
    }
}
