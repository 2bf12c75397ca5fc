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

// ---------------------------------------------------------------------------------------------
// The change since last year, split (fleet, ageing, reference).

mod year_over_year_split {
    use super::*;
    use empreinte::year_over_year;

    fn numbered(lines: &[EquipmentLine]) -> Vec<(u64, EquipmentLine)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u64 + 2, l.clone()))
            .collect()
    }

    fn split(
        now: &[EquipmentLine],
        then: &[EquipmentLine],
        now_year: i32,
        previous_year: i32,
    ) -> (Report, Report, empreinte::YearOverYear) {
        let current = run(now, now_year);
        let previous = run(then, previous_year);
        let yoy = year_over_year(ds(), &current, &previous, &numbered(then)).unwrap();
        (current, previous, yoy)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// An unchanged inventory (every device already in service both years): the fleet part
        /// of the change is zero, every indicator, phase and bound, whatever the two years.
        #[test]
        fn unchanged_inventory_has_no_fleet_effect(
            lines in prop::collection::vec(arb_line(), 1..25), now_year in 2025i32..2040, previous_year in 2025i32..2040,
        ) {
            let (_, _, yoy) = split(&lines, &lines, now_year, previous_year);
            for ind in yoy.fleet_effect.indicators() {
                for p in Phase::ALL {
                    let e = yoy.fleet_effect.get(*ind, p).unwrap();
                    if e.value().is_some() {
                        prop_assert_eq!((e.range.low, e.range.central, e.range.high), (0.0, 0.0, 0.0), "{} {}", ind, p);
                    }
                }
            }
            prop_assert!(yoy.central(Indicator::ClimateChange).is_none_or(|[fleet, ..]| fleet == 0.0));
        }

        /// Fleet + ageing + reference = total, exactly, for any two inventories and years; and
        /// the total is this year's figure minus last year's (to rounding).
        #[test]
        fn the_parts_add_up_to_the_whole_change(
            now in prop::collection::vec(arb_line(), 0..20), then in prop::collection::vec(arb_line(), 0..20),
            now_year in 2025i32..2040, previous_year in 2025i32..2040,
        ) {
            let (current, previous, yoy) = split(&now, &then, now_year, previous_year);
            for ind in yoy.total_change.indicators() {
                for p in Phase::ALL {
                    let part = |t: &empreinte::ImpactTable| *t.get(*ind, p).unwrap();
                    let (f, a, r, t) = (part(&yoy.fleet_effect), part(&yoy.ageing_effect), part(&yoy.reference_effect), part(&yoy.total_change));
                    if t.value().is_none() {
                        continue;
                    }
                    prop_assert_eq!(t.range.central, f.range.central + a.range.central + r.range.central, "{} {}", ind, p);
                    prop_assert!(t.range.low <= t.range.central && t.range.central <= t.range.high);
                    let (x, y) = (current.totals.impacts.get(*ind, p).unwrap(), previous.totals.impacts.get(*ind, p).unwrap());
                    let whole = x.range.central - y.range.central;
                    let scale = x.range.central.abs().max(y.range.central.abs()).max(1e-300);
                    prop_assert!((t.range.central - whole).abs() <= 1e-9 * scale, "{} {}: {} vs {}", ind, p, t.range.central, whole);
                }
                if let Some([f, a, r, t]) = yoy.central(*ind).filter(|_| *ind == Indicator::ClimateChange) {
                    prop_assert_eq!(t, f + a + r);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Through the CSV reader, the streaming Evaluation, scenarios and trajectories.

mod through_csv {
    use super::*;
    use empreinte::{
        evaluate_bytes, evaluate_csv, read_inventory, run_scenarios, trajectory, Baseline,
        Evaluation, Lever, Scenario,
    };
    use std::io::Cursor;

    /// A spreadsheet's way of writing one valid line.
    #[derive(Debug, Clone)]
    pub struct Row {
        pub category: String,
        pub quantity: u32,
        pub condition: &'static str,
        pub acquisition_year: Option<i32>,
        pub lifetime: Option<f64>,
        pub hours: Option<f64>,
        pub power: Option<f64>,
        pub country: &'static str,
        pub department: &'static str,
    }

    /// Header spellings people use, in column order.
    const HEADERS: [[&str; 9]; 3] = [
        [
            "category",
            "quantity",
            "condition",
            "acquisition_year",
            "lifetime_years",
            "hours_per_day",
            "power_w",
            "country",
            "department",
        ],
        [
            "Type de matériel",
            "Qté",
            "État",
            "Année d'acquisition",
            "Durée de vie (ans)",
            "Heures/jour",
            "Puissance (W)",
            "Pays",
            "Service",
        ],
        [
            "Catégorie",
            "Quantité",
            "etat",
            "annee_acquisition",
            "duree_vie",
            "heures_jour",
            "puissance_w",
            "pays",
            "service",
        ],
    ];

    pub fn arb_row() -> impl Strategy<Value = Row> {
        let names: Vec<(String, bool)> = ds()
            .categories()
            .iter()
            .flat_map(|c| {
                let refurb = ds()
                    .find_category(&c.id)
                    .and_then(|r| ds().second_life_years(r))
                    .is_some();
                [c.id.clone(), c.label_fr.clone(), c.label_en.clone()]
                    .into_iter()
                    .chain(c.aliases.iter().cloned())
                    .filter(|n| !n.is_empty() && !n.contains([';', ',', '\t', '"']))
                    .map(move |n| (n, refurb))
            })
            .collect();
        (
            prop::sample::select(names),
            1u32..200,
            prop::sample::select(vec![
                "neuf",
                "new",
                "reconditionné",
                "refurbished",
                "réemploi",
                "reused",
                "",
            ]),
            prop::option::of(2010i32..=2025),
            prop::option::of(1u32..60),
            prop::option::of(0u32..48),
            prop::option::of(0u32..800),
            prop::sample::select(vec!["FR", "DE", "Allemagne", "ES", ""]),
            prop::sample::select(vec!["Mairie", "École", "Médiathèque", ""]),
        )
            .prop_map(
                |((category, refurb), quantity, cond, acq, life, hours, power, country, dept)| {
                    let condition = if !refurb && (cond == "reconditionné" || cond == "refurbished")
                    {
                        "réemploi"
                    } else {
                        cond
                    };
                    Row {
                        category,
                        quantity,
                        condition,
                        acquisition_year: acq,
                        lifetime: life.map(|l| l as f64 / 4.0),
                        hours: hours.map(|h| h as f64 / 2.0),
                        power: power.map(|p| p as f64 / 4.0),
                        country,
                        department: dept,
                    }
                },
            )
    }

    /// Writes rows as a spreadsheet would: `;` with decimal commas, `,` with points, or tabs.
    pub fn to_csv(rows: &[Row], style: usize, headers: usize) -> String {
        let (sep, comma) = match style % 3 {
            0 => (";", true),
            1 => (",", false),
            _ => ("\t", true),
        };
        let num = |x: f64| {
            let s = format!("{x}");
            if comma {
                s.replace('.', ",")
            } else {
                s
            }
        };
        let mut out = HEADERS[headers % 3].join(sep) + "\n";
        for r in rows {
            let cells = [
                r.category.clone(),
                r.quantity.to_string(),
                r.condition.to_string(),
                r.acquisition_year
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                r.lifetime.map(num).unwrap_or_default(),
                r.hours.map(num).unwrap_or_default(),
                r.power.map(num).unwrap_or_default(),
                r.country.to_string(),
                r.department.to_string(),
            ];
            out.push_str(&cells.join(sep));
            out.push('\n');
        }
        out
    }

    fn eval_csv(csv: &str, yr: i32) -> Report {
        evaluate_csv(
            ds(),
            Cursor::new(csv.as_bytes().to_vec()),
            &EvaluationOptions::new(yr),
        )
        .unwrap()
    }

    fn tables(r: &Report) -> serde_json::Value {
        let v = serde_json::to_value(r).unwrap();
        serde_json::json!({"counts": v["counts"], "totals": v["totals"], "by_category": v["by_category"], "by_department": v["by_department"]})
    }

    fn assert_finite(r: &Report) -> Result<(), TestCaseError> {
        prop_assert!(r.totals.electricity_kwh.is_finite());
        for ind in r.totals.impacts.indicators() {
            for p in Phase::ALL {
                if let Some(v) = r.totals.impacts.get(*ind, p).and_then(|e| e.value()) {
                    prop_assert!(
                        v.low.is_finite() && v.central.is_finite() && v.high.is_finite(),
                        "{} {}: {:?}",
                        ind,
                        p,
                        v
                    );
                    prop_assert!(
                        v.low <= v.central && v.central <= v.high,
                        "{} {}: {:?}",
                        ind,
                        p,
                        v
                    );
                }
            }
        }
        Ok(())
    }

    /// A byte strategy that looks like a CSV often enough to reach the row parser.
    fn csvish() -> impl Strategy<Value = Vec<u8>> {
        let token = prop::sample::select(vec![
            &b"category"[..],
            b"quantity",
            b"Qt\xe9",
            b"Cat\xc3\xa9gorie",
            b"laptop",
            b"monitor",
            b"PC portable",
            b";",
            b",",
            b"\t",
            b"\n",
            b"\r\n",
            b"\"",
            b"1",
            b"-2",
            b"2,5",
            b"1e308",
            b"NaN",
            b"inf",
            b"2024",
            b"neuf",
            b"reconditionn\xc3\xa9",
            b"FR",
            b"\xff",
            b"\x00",
            b"\xef\xbb\xbf",
            b"{",
            b"[",
            b"}",
            b"]",
            b":",
            b" ",
        ]);
        prop::collection::vec(token, 0..60).prop_map(|t| t.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Streaming file A then file B into one Evaluation gives exactly what the file A∪B
        /// gives, and separate evaluations add up.
        #[test]
        fn streaming_two_files_equals_their_union(
            a in prop::collection::vec(arb_row(), 0..15),
            b in prop::collection::vec(arb_row(), 0..15),
            style in 0usize..3, headers in 0usize..3,
        ) {
            let (ca, cb) = (to_csv(&a, style, headers), to_csv(&b, style + 1, headers + 1));
            let union: Vec<Row> = a.iter().chain(&b).cloned().collect();
            let cu = to_csv(&union, style, headers);
            let mut ev = Evaluation::new(ds(), EvaluationOptions::new(2025)).unwrap();
            for csv in [&ca, &cb] {
                let inv = read_inventory(csv.as_bytes().to_vec()).unwrap();
                prop_assert!(inv.rejected.is_empty(), "{:?}\n{}", inv.rejected, csv);
                for (n, l) in &inv.lines {
                    let _ = ev.add(*n, l);
                }
            }
            let streamed = ev.finish();
            let whole = eval_csv(&cu, 2025);
            prop_assert_eq!(tables(&streamed), tables(&whole));
            let (ra, rb) = (eval_csv(&ca, 2025), eval_csv(&cb, 2025));
            for ind in ds().indicators() {
                prop_assert!(close(total(&ra, *ind) + total(&rb, *ind), total(&whole, *ind)), "{}", ind);
            }
            prop_assert_eq!(ra.counts.rows_read + rb.counts.rows_read, whole.counts.rows_read);
        }

        /// k times the quantity in the CSV cell, k times every figure.
        #[test]
        fn linear_in_quantity_through_csv(row in arb_row(), k in 1u32..40, style in 0usize..3) {
            let mut many = row.clone();
            many.quantity = row.quantity * k;
            let (r1, rk) = (eval_csv(&to_csv(&[row], style, 0), 2025), eval_csv(&to_csv(&[many], style, 1), 2025));
            prop_assert_eq!(r1.counts.devices * k as u64, rk.counts.devices);
            for ind in ds().indicators() {
                prop_assert!(close(total(&r1, *ind) * k as f64, total(&rk, *ind)), "{}", ind);
            }
            prop_assert!(close(r1.totals.electricity_kwh * k as f64, rk.totals.electricity_kwh));
        }

        /// More power, more hours: never less electricity nor climate; a longer lifetime: never
        /// more embodied per year. Through the CSV cells.
        #[test]
        fn monotonic_through_csv(row in arb_row(), dp in 0u32..400, dh in 0u32..20, dl in 0u32..40) {
            let mut base = row.clone();
            base.hours = Some(base.hours.unwrap_or(4.0).min(14.0));
            base.power = Some(base.power.unwrap_or(50.0));
            base.lifetime = Some(base.lifetime.unwrap_or(4.0));
            base.acquisition_year = None;
            let mut more = base.clone();
            more.power = Some(base.power.unwrap() + dp as f64 / 2.0);
            more.hours = Some(base.hours.unwrap() + dh as f64 / 2.0);
            let mut longer = base.clone();
            longer.lifetime = Some(base.lifetime.unwrap() + dl as f64 / 4.0);
            let r0 = eval_csv(&to_csv(&[base], 0, 0), 2025);
            let r1 = eval_csv(&to_csv(&[more], 0, 0), 2025);
            let r2 = eval_csv(&to_csv(&[longer], 0, 0), 2025);
            prop_assert!(r1.totals.electricity_kwh >= r0.totals.electricity_kwh);
            prop_assert!(total(&r1, Indicator::ClimateChange) >= total(&r0, Indicator::ClimateChange));
            prop_assert!(embodied(&r2) <= embodied(&r0) * (1.0 + 1e-12));
        }

        /// Any valid spreadsheet rows, any separator and header spelling: all evaluated, no NaN.
        #[test]
        fn valid_csv_rows_never_give_nan(rows in prop::collection::vec(arb_row(), 1..30), style in 0usize..3, headers in 0usize..3, yr in 2025i32..2040) {
            let csv = to_csv(&rows, style, headers);
            let r = eval_csv(&csv, yr);
            prop_assert_eq!(r.counts.rows_rejected, 0, "{:?}\n{}", r.rejected, csv);
            prop_assert_eq!(r.counts.rows_read, rows.len() as u64);
            assert_finite(&r)?;
        }

        /// Whatever the bytes: no panic, and every row read is evaluated or rejected.
        #[test]
        fn no_row_lost_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            for r in [evaluate_bytes(ds(), bytes.clone(), &EvaluationOptions::new(2025)), evaluate_csv(ds(), Cursor::new(bytes.clone()), &EvaluationOptions::new(2025))].into_iter().flatten() {
                common::assert_conserved(&r);
                assert_finite(&r)?;
            }
        }

        #[test]
        fn no_row_lost_on_csv_like_garbage(bytes in csvish()) {
            for r in [evaluate_bytes(ds(), bytes.clone(), &EvaluationOptions::new(2025)), evaluate_csv(ds(), Cursor::new(bytes.clone()), &EvaluationOptions::new(2025))].into_iter().flatten() {
                common::assert_conserved(&r);
                assert_finite(&r)?;
            }
        }

        /// Having fewer devices never raises any indicator.
        #[test]
        fn reducing_the_fleet_never_raises_the_footprint(
            rows in prop::collection::vec(arb_row(), 1..15), share in 0u32..=100, yr in 2024i32..2032,
        ) {
            let lever = Lever::ReduceFleet { share: share as f64 / 100.0, categories: vec![] };
            never_raises(&rows, lever, yr)?;
        }

        /// Keeping devices longer never raises any indicator, for lifetimes in whole years.
        #[test]
        fn extending_whole_year_lifetimes_never_raises_the_footprint(
            rows in prop::collection::vec(arb_row(), 1..15), years in 0u32..8, yr in 2024i32..2032,
        ) {
            let rows: Vec<Row> = rows.into_iter().map(|mut r| { r.lifetime = Some(r.lifetime.unwrap_or(5.0).ceil()); r }).collect();
            never_raises(&rows, Lever::ExtendLifetime { years: years as f64, categories: vec![] }, yr)?;
        }

        /// Keeping devices longer never raises any indicator, whatever the lifetimes.
        #[test]
        fn extending_lifetimes_never_raises_the_footprint(
            rows in prop::collection::vec(arb_row(), 1..15), years in 0u32..8, yr in 2024i32..2032,
        ) {
            never_raises(&rows, Lever::ExtendLifetime { years: years as f64, categories: vec![] }, yr)?;
        }
    }

    fn never_raises(rows: &[Row], lever: Lever, yr: i32) -> Result<(), TestCaseError> {
        let inv = read_inventory(to_csv(rows, 0, 0).into_bytes()).unwrap();
        let scenarios = vec![Scenario {
            name: "lever".into(),
            levers: vec![lever],
        }];
        let (base, results) =
            run_scenarios(ds(), &inv.lines, &scenarios, &EvaluationOptions::new(yr)).unwrap();
        for s in &results {
            for ind in ds().indicators() {
                let b = base.totals.impacts.total(*ind).and_then(|e| e.central());
                let a = s.totals.scenario.total(*ind).and_then(|e| e.central());
                if let (Some(b), Some(a)) = (b, a) {
                    prop_assert!(
                        a <= b + 1e-9 * b.abs().max(1.0),
                        "{} {}: {} > {}",
                        s.name,
                        ind,
                        a,
                        b
                    );
                }
            }
            // Not available (only classes without figures, on either side: a reduced fleet may
            // keep only those) gives no change, never a zero.
            let scenario_kg = s
                .totals
                .scenario
                .total(empreinte::Indicator::ClimateChange)
                .and_then(|e| e.central());
            prop_assert_eq!(
                s.change_kgco2e.is_some(),
                base.climate_change_kgco2e().is_some() && scenario_kg.is_some()
            );
            if let (Some(change), Some(base_kg)) = (s.change_kgco2e, base.climate_change_kgco2e()) {
                prop_assert!(
                    change <= 1e-9 * base_kg.abs().max(1.0),
                    "{}: {}",
                    s.name,
                    change
                );
            }
        }
        Ok(())
    }

    /// The minimal case the property found.
    #[test]
    fn extend_lifetime_in_a_partial_last_year() {
        let csv = "category;quantity;condition;acquisition_year;lifetime_years\nall_in_one;1;neuf;2019;9,25\n";
        let inv = read_inventory(csv.as_bytes().to_vec()).unwrap();
        let s = Scenario {
            name: "+1".into(),
            levers: vec![Lever::ExtendLifetime {
                years: 1.0,
                categories: vec![],
            }],
        };
        let (base, results) =
            run_scenarios(ds(), &inv.lines, &[s], &EvaluationOptions::new(2028)).unwrap();
        let (change, base_kg) = (
            results[0].change_kgco2e.unwrap(),
            base.climate_change_kgco2e().unwrap(),
        );
        assert!(
            change <= 0.0,
            "baseline {base_kg} kgCO2e, extended {} kgCO2e",
            base_kg + change
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// A fleet that needs no renewal within the horizon (lines kept 12 years, renewed at
        /// their own lifetime; or every class at 12 years): each year of the trajectory is the
        /// evaluation of the same lines for that year, to the last digit.
        #[test]
        fn trajectory_years_equal_the_evaluation_of_each_year(
            rows in prop::collection::vec(arb_row(), 1..10), start in 2024i32..2030, span in 0i32..5, user in any::<bool>(),
        ) {
            let rows: Vec<Row> = rows.into_iter().map(|mut r| { r.acquisition_year = Some(start); r.lifetime = Some(12.0); r }).collect();
            let inv = read_inventory(to_csv(&rows, 0, 0).into_bytes()).unwrap();
            let rule = if user {
                Baseline::Lifetimes(ds().categories().iter().map(|c| (c.id.clone(), 12.0)).collect())
            } else {
                Baseline::DatasetLifetime
            };
            let series = trajectory(ds(), &inv.lines, &[], start, start + span, &EvaluationOptions::new(start), &rule).unwrap();
            prop_assert_eq!(series.len(), 1);
            prop_assert_eq!(series[0].years.len(), span as usize + 1);
            for p in &series[0].years {
                let r = evaluate_lines(ds(), &inv.lines.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>(), &EvaluationOptions::new(p.year)).unwrap();
                prop_assert_eq!(p.purchases, 0);
                prop_assert_eq!(p.devices, r.counts.devices);
                prop_assert_eq!(p.electricity_kwh, r.totals.electricity_kwh);
                prop_assert_eq!(serde_json::to_value(&p.impacts).unwrap(), serde_json::to_value(&r.totals.impacts).unwrap(), "year {}", p.year);
            }
        }

        /// Whatever the renewals, a trajectory's first year is the inventory evaluated as it is.
        #[test]
        fn trajectory_first_year_is_the_evaluation(rows in prop::collection::vec(arb_row(), 1..10), start in 2024i32..2030, rule in 0usize..3) {
            let baseline = [Baseline::Practice, Baseline::DatasetLifetime, Baseline::Lifetimes(vec![("laptop".into(), 9.0)])][rule].clone();
            let inv = read_inventory(to_csv(&rows, 1, 2).into_bytes()).unwrap();
            let series = trajectory(ds(), &inv.lines, &[], start, start + 3, &EvaluationOptions::new(start), &baseline).unwrap();
            let r = evaluate_lines(ds(), &inv.lines.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>(), &EvaluationOptions::new(start)).unwrap();
            prop_assert_eq!(serde_json::to_value(&series[0].years[0].impacts).unwrap(), serde_json::to_value(&r.totals.impacts).unwrap());
        }
    }
}
