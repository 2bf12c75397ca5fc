//! The evaluation sums a few scalars per stratum (devices ÷ period, kWh) and multiplies them by
//! the factors once per stratum; the per-line results (`keep_lines`) multiply line by line. Both
//! are the same model: on random inventories the totals, categories and departments equal the
//! sum of the lines within 1e-12, relative to the sum of the lines' magnitudes (a factor may be
//! negative: an end-of-life credit).

use empreinte::{
    evaluate_lines, Annualisation, Condition, Dataset, EquipmentLine, EvaluationOptions, Phase,
    Range, Report,
};
use proptest::prelude::*;
use uom::si::energy::kilowatt_hour;
use uom::si::f64::{Energy, Power, Time};
use uom::si::power::watt;
use uom::si::time::{hour, year};

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

fn arb_line() -> impl Strategy<Value = EquipmentLine> {
    let cats: Vec<String> = ds().categories().iter().map(|c| c.id.clone()).collect();
    (
        (
            prop::sample::select(cats),
            1u32..2_000,
            prop::sample::select(vec![
                Condition::New,
                Condition::Refurbished,
                Condition::Reused,
                Condition::Repaired,
            ]),
            prop::option::of(2005i32..=2025),
            prop::option::of(0.5f64..15.0),
            prop::option::of(0.5f64..10.0),
        ),
        (
            prop::option::of(0.0f64..24.0),
            prop::option::of(0.0f64..400.0),
            prop::option::of(0.0f64..5_000.0),
            prop::option::of(1.0f64..3.0),
            prop::sample::select(vec!["FR", "DE", "ES", "PL"]),
            prop::option::of(prop::sample::select(vec!["Mairie", "École", "Médiathèque"])),
        ),
    )
        .prop_map(
            |((cat, q, cond, acq, life, amort), (hours, power, kwh, pue, country, dept))| {
                let mut l = EquipmentLine::new(cat, q);
                l.condition = cond;
                l.acquisition_year = acq;
                l.lifetime = life.map(Time::new::<year>);
                l.amortisation = amort.map(Time::new::<year>);
                l.hours_per_day = hours.map(Time::new::<hour>);
                l.power = power.map(Power::new::<watt>);
                l.energy_per_year = kwh.map(Energy::new::<kilowatt_hour>);
                l.pue = pue;
                l.country = Some(country.to_string());
                l.department = dept.map(str::to_string);
                l
            },
        )
}

fn arb_annualisation() -> impl Strategy<Value = Annualisation> {
    prop_oneof![
        Just(Annualisation::PhysicalLifetime),
        (1.0f64..8.0).prop_map(|default_years| Annualisation::Accounting { default_years }),
        Just(Annualisation::None),
    ]
}

/// Sum and sum of magnitudes, bound by bound.
#[derive(Default, Clone, Copy)]
struct Sum {
    value: [f64; 3],
    magnitude: [f64; 3],
}

impl Sum {
    fn add(&mut self, r: Range) {
        for (k, v) in [r.low, r.central, r.high].into_iter().enumerate() {
            self.value[k] += v;
            self.magnitude[k] += v.abs();
        }
    }
}

fn check(
    label: &str,
    got: Option<Range>,
    want: Option<Sum>,
    lines: u64,
) -> Result<(), TestCaseError> {
    match (got, want) {
        (Some(g), Some(w)) => {
            for (k, g) in [g.low, g.central, g.high].into_iter().enumerate() {
                let tolerance = 1e-12 * w.magnitude[k];
                prop_assert!(
                    (g - w.value[k]).abs() <= tolerance,
                    "{label}, bound {k}: strata {g} vs lines {} ({lines} lines)",
                    w.value[k]
                );
            }
        }
        // Not available in the table (no line had it, or the indicator's scope says so).
        (None, _) => {}
        // No line evaluated at all (every row rejected): the footprint of no device is zero.
        (Some(g), None) if lines == 0 => prop_assert!(
            g.low == 0.0 && g.central == 0.0 && g.high == 0.0,
            "{label}: {g:?} with no line evaluated"
        ),
        (Some(g), None) => prop_assert!(false, "{label}: {g:?} with no line contributing"),
    }
    Ok(())
}

#[derive(Debug, Clone, Copy)]
enum Group {
    All,
    Category,
    Department,
}

/// Every phase of every indicator of the totals, categories and departments against the sum of
/// the lines in them.
fn compare(r: &Report) -> Result<(), TestCaseError> {
    let lines = r.lines.as_ref().expect("lines kept");
    let groups = std::iter::once((Group::All, &r.totals))
        .chain(r.by_category.iter().map(|g| (Group::Category, g)))
        .chain(r.by_department.iter().map(|g| (Group::Department, g)));
    for (kind, group) in groups {
        let label = format!("{kind:?} {:?}", group.key);
        let mine: Vec<_> = lines
            .iter()
            .filter(|l| match kind {
                Group::All => true,
                Group::Category => Some(&l.category) == group.key.as_ref(),
                Group::Department => l.department == group.key,
            })
            .collect();
        prop_assert_eq!(group.lines, mine.len() as u64, "{}", label);
        for ind in ds().indicators() {
            for phase in Phase::ALL {
                let mut sum: Option<Sum> = None;
                for l in &mine {
                    if let Some(v) = l.footprint.impact(*ind, phase) {
                        sum.get_or_insert_with(Sum::default).add(v);
                    }
                }
                let got = group.impacts.get(*ind, phase).and_then(|e| e.value());
                check(
                    &format!("{label} {ind} {phase:?}"),
                    got,
                    sum,
                    mine.len() as u64,
                )?;
            }
        }
        let kwh: f64 = mine
            .iter()
            .map(|l| l.footprint.electricity_kwh)
            .filter(|k| k.is_finite())
            .sum();
        prop_assert!(
            (group.electricity_kwh - kwh).abs() <= 1e-12 * kwh,
            "{} kWh",
            label
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn strata_equal_the_sum_of_the_lines(
        lines in prop::collection::vec(arb_line(), 1..120),
        annualisation in arb_annualisation(),
        reporting_year in 2025i32..2032,
    ) {
        let mut options = EvaluationOptions::new(reporting_year);
        options.annualisation = annualisation;
        options.keep_lines = true;
        let r = evaluate_lines(ds(), &lines, &options).unwrap();
        compare(&r)?;
        // The lines do not change the totals: asking for them or not gives the same report.
        options.keep_lines = false;
        let without = evaluate_lines(ds(), &lines, &options).unwrap();
        prop_assert_eq!(&without.totals, &r.totals);
        prop_assert_eq!(&without.by_category, &r.by_category);
    }

    /// A stratum of one line: the line's own result, up to the order of one multiplication.
    #[test]
    fn one_line_is_its_own_total(line in arb_line()) {
        let mut options = EvaluationOptions::new(2025);
        options.keep_lines = true;
        let r = evaluate_lines(ds(), &[line], &options).unwrap();
        compare(&r)?;
    }
}
