//! Offer comparison, checked against ADEME's 2022 study on refurbished products.

mod common;
use empreinte::{
    compare_offers, Allocation, Condition, Dataset, EquipmentLine, Offer, Range, ReplacedPart,
};
use proptest::prelude::*;
use uom::si::f64::Time;
use uom::si::time::year;

fn offer(name: &str, cat: &str, cond: Condition, life: Option<f64>) -> Offer {
    let mut device = EquipmentLine::new(cat, 1);
    device.condition = cond;
    device.lifetime = life.map(Time::new::<year>);
    Offer {
        name: name.into(),
        device,
        replaced_parts: vec![],
        unit_price_eur: None,
    }
}

fn avoided_percent(cat: &str) -> f64 {
    let c = compare_offers(
        Dataset::embedded_default(),
        &[
            offer("neuf", cat, Condition::New, None),
            offer("reconditionné", cat, Condition::Refurbished, None),
        ],
        2025,
        Allocation::CutOff,
    )
    .unwrap();
    -c.offers[1].difference_percent.unwrap()
}

/// ADEME, "Évaluation de l'impact environnemental d'un ensemble de produits reconditionnés"
/// (2022): a refurbished smartphone avoids about 87 % of the climate impact per year of use
/// (ADEME library page; shared/research/french-reference.md §3). With the dataset's own
/// figures and ADEME's use profile, 2025 French electricity:
#[test]
fn refurbished_smartphone_avoids_about_87_percent() {
    let p = avoided_percent("smartphone");
    assert!((85.0..=90.0).contains(&p), "{p}");
}

/// Same study: laptops and desktops avoid 43–97 % depending on the criterion.
#[test]
fn refurbished_laptops_and_desktops_fall_within_the_study_range() {
    for cat in ["laptop", "desktop"] {
        let p = avoided_percent(cat);
        assert!((43.0..=97.0).contains(&p), "{cat}: {p}");
    }
    // Tablets: 46–80 %.
    let p = avoided_percent("tablet");
    assert!((46.0..=80.0).contains(&p), "tablet: {p}");
}

/// The spread between refurbishers (factor 2 to 11 in the study) shows as the range.
#[test]
fn refurbisher_spread_is_the_range() {
    let ds = Dataset::embedded_default();
    let c = compare_offers(
        ds,
        &[offer("r", "smartphone", Condition::Refurbished, None)],
        2025,
        Allocation::CutOff,
    )
    .unwrap();
    let m = c.offers[0].per_year[empreinte::Indicator::ClimateChange as usize]
        [empreinte::Phase::Manufacturing.index()]
    .unwrap();
    let ratio = m.high / m.low;
    assert!((2.0..=11.0 + 1e-9).contains(&ratio), "{ratio}");
}

#[test]
fn break_even_lifetime_of_the_new_device() {
    let ds = Dataset::embedded_default();
    let c = compare_offers(
        ds,
        &[
            offer("neuf", "laptop", Condition::New, Some(5.0)),
            offer("recond", "laptop", Condition::Refurbished, Some(4.0)),
        ],
        2025,
        Allocation::CutOff,
    )
    .unwrap();
    let (new, refurb) = (&c.offers[0], &c.offers[1]);
    let be = refurb.break_even.unwrap();
    let l = be.first_offer_lifetime_to_match_years.unwrap();
    assert!(l > 5.0, "the new laptop must last longer than 5 years: {l}");
    // Checking the definition: a new laptop lasting l years emits, per year, what the refurbished one does.
    let at_l = compare_offers(
        ds,
        &[offer("neuf", "laptop", Condition::New, Some(l))],
        2025,
        Allocation::CutOff,
    )
    .unwrap();
    assert!(common::close(
        at_l.offers[0].climate_change_kgco2e_per_year.unwrap(),
        refurb.climate_change_kgco2e_per_year.unwrap()
    ));
    assert!(new.break_even.is_none());
}

#[test]
fn prices_and_parts() {
    let ds = Dataset::embedded_default();
    let mut a = offer("neuf", "laptop", Condition::New, Some(5.0));
    a.unit_price_eur = Some(1000.0);
    let mut b = offer("recond + SSD", "laptop", Condition::Refurbished, Some(4.0));
    b.unit_price_eur = Some(500.0);
    let c0 = compare_offers(ds, &[a.clone(), b.clone()], 2025, Allocation::CutOff).unwrap();
    b.replaced_parts.push(ReplacedPart {
        name: "SSD".into(),
        climate_kgco2e: Range::new(10.0, 16.0, 20.0),
    });
    let c = compare_offers(ds, &[a, b], 2025, Allocation::CutOff).unwrap();
    assert!(common::close(
        c.offers[1].climate_change_kgco2e_per_year.unwrap()
            - c0.offers[1].climate_change_kgco2e_per_year.unwrap(),
        16.0 / 4.0
    ));
    assert_eq!(c.offers[1].cost_per_year_eur, Some(125.0));
    assert_eq!(c.offers[0].cost_per_year_eur, Some(200.0));
    let avoided = c.offers[1].kgco2e_avoided_per_eur.unwrap();
    assert!(common::close(
        avoided,
        -c.offers[1].difference_kgco2e_per_year.unwrap() / 125.0
    ));
}

#[test]
fn shared_allocation_is_named_and_adds_first_life() {
    let ds = Dataset::embedded_default();
    let offers = [offer("recond", "smartphone", Condition::Refurbished, None)];
    let cut = compare_offers(ds, &offers, 2025, Allocation::CutOff).unwrap();
    let shared = compare_offers(ds, &offers, 2025, Allocation::SharedFirstLife).unwrap();
    assert!(
        shared.offers[0].climate_change_kgco2e_per_year.unwrap()
            > cut.offers[0].climate_change_kgco2e_per_year.unwrap()
    );
    assert_eq!(
        serde_json::to_value(&shared).unwrap()["allocation"],
        "shared_first_life"
    );
}

#[test]
fn bad_offers() {
    let ds = Dataset::embedded_default();
    assert_eq!(
        compare_offers(ds, &[], 2025, Allocation::CutOff)
            .unwrap_err()
            .code(),
        "no_offers"
    );
    let e = compare_offers(
        ds,
        &[offer("x", "laptop", Condition::New, Some(-2.0))],
        2025,
        Allocation::CutOff,
    )
    .unwrap_err();
    assert_eq!(e.code(), "out_of_range");
    assert!(e.to_string().contains("lifetime_years"), "{e}");
    let e = compare_offers(
        ds,
        &[offer("x", "portabel", Condition::New, None)],
        2025,
        Allocation::CutOff,
    )
    .unwrap_err();
    assert_eq!(e.code(), "unknown_category");
    // The test fixture models refurbishment for laptops only.
    let mini = common::mini();
    let e = compare_offers(
        &mini,
        &[offer("x", "monitor", Condition::Refurbished, None)],
        2025,
        Allocation::CutOff,
    )
    .unwrap_err();
    assert_eq!(e.code(), "no_refurbishment_data");
    // A class without figures is counted in inventories, but there is nothing to compare.
    let e = compare_offers(
        ds,
        &[offer("x", "Onduleur", Condition::New, None)],
        2025,
        Allocation::CutOff,
    )
    .unwrap_err();
    assert_eq!(e.code(), "no_figures");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A longer lifetime never raises the annual embodied impact.
    #[test]
    fn longer_lifetime_never_raises_annual_embodied(
        cat in prop::sample::select(vec!["laptop", "desktop", "smartphone", "tablet", "monitor", "server", "interactive_display"]),
        l in 0.5f64..12.0, extra in 0.0f64..10.0,
    ) {
        let ds = Dataset::embedded_default();
        let c = compare_offers(ds, &[offer("a", cat, Condition::New, Some(l)), offer("b", cat, Condition::New, Some(l + extra))], 2025, Allocation::CutOff).unwrap();
        let emb = |i: usize| {
            let row = &c.offers[i].per_year[empreinte::Indicator::ClimateChange as usize];
            row[0].unwrap().central + row[1].unwrap().central + row[3].unwrap().central
        };
        prop_assert!(emb(1) <= emb(0) * (1.0 + 1e-12));
    }

    /// Under cut-off, a refurbished offer never carries more embodied impact than the new one of
    /// the same category and lifetime, when its refurbishment factor is below new manufacturing.
    #[test]
    fn refurbished_never_carries_more_embodied(cat in prop::sample::select(vec!["laptop", "desktop", "smartphone", "tablet"]), l in 0.5f64..12.0) {
        let ds = Dataset::embedded_default();
        let k = ds.find_category(cat).unwrap();
        let ind = empreinte::Indicator::ClimateChange;
        let refurb = ds.factor(ds.refurbishment_factor(k, empreinte::Phase::Manufacturing, ind).unwrap()).value.central;
        let new = ds.factor(ds.embodied_factor(k, empreinte::Phase::Manufacturing, ind).unwrap()).value.central;
        prop_assume!(refurb < new);
        let c = compare_offers(ds, &[offer("n", cat, Condition::New, Some(l)), offer("r", cat, Condition::Refurbished, Some(l))], 2025, Allocation::CutOff).unwrap();
        let emb = |i: usize| {
            let row = &c.offers[i].per_year[ind as usize];
            row[0].unwrap().central + row[1].unwrap().central + row[3].unwrap().central
        };
        prop_assert!(emb(1) <= emb(0));
    }
}

/// Every class the default dataset has figures for can be bought refurbished, and under
/// cut-off allocation the refurbished device is lower per year of service than a new one.
#[test]
fn refurbished_is_lower_than_new_for_every_class_with_figures() {
    let ds = Dataset::embedded_default();
    for cat in ds.categories() {
        if cat.coverage == empreinte::dataset::Coverage::NotAvailable {
            continue;
        }
        let c = compare_offers(
            ds,
            &[
                offer("neuf", &cat.id, Condition::New, None),
                offer("reconditionné", &cat.id, Condition::Refurbished, None),
            ],
            2025,
            Allocation::CutOff,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", cat.id));
        let (new, refurb) = (&c.offers[0], &c.offers[1]);
        let new_kg = new.climate_change_kgco2e_per_year.unwrap();
        let cc = empreinte::Indicator::ClimateChange as usize;
        match refurb.climate_change_kgco2e_per_year {
            Some(r) => assert!(r < new_kg, "{}: refurbished {r} >= new {new_kg}", cat.id),
            // A lumped figure (one embodied figure): the second life's transport and end of
            // life are not available separately, so the total is not available (never 0);
            // what is known (refurbishment + use) is still below the new device.
            None => {
                assert_ne!(new.included[cc], 0, "{}: not lumped, total n/a", cat.id);
                let known = refurb.per_year[cc][0].unwrap().central
                    + refurb.per_year[cc][2].unwrap().central;
                assert!(known < new_kg, "{}: {known} >= {new_kg}", cat.id);
                assert!(refurb.difference_kgco2e_per_year.is_none());
                assert!(refurb.break_even.is_none());
            }
        }
    }
}

/// Keeping the device and repairing it: no new manufacturing, no transport; the repair parts
/// (the dataset's refurbishment figure stands in for them) and the use. A buyer's own repair
/// parts win over that stand-in.
#[test]
fn kept_and_repaired_carries_its_parts_and_use_only() {
    let ds = Dataset::embedded_default();
    let c = compare_offers(
        ds,
        &[
            offer("neuf", "laptop", Condition::New, None),
            offer("reconditionné", "laptop", Condition::Refurbished, None),
            offer(
                "conservé et réparé",
                "laptop",
                Condition::Repaired,
                Some(3.0),
            ),
        ],
        2025,
        Allocation::CutOff,
    )
    .unwrap();
    let cc = empreinte::Indicator::ClimateChange as usize;
    let phase = |i: usize, p: empreinte::Phase| c.offers[i].per_year[cc][p.index()].unwrap();
    use empreinte::Phase::{Distribution, EndOfLife, Manufacturing, Use};
    // No transport: the device does not move.
    assert_eq!(phase(2, Distribution).central, 0.0);
    // Repair parts = the refurbishment manufacturing figure over the 3 extra years.
    let laptop = ds.find_category("laptop").unwrap();
    let parts = ds
        .refurbishment_factor(laptop, Manufacturing, empreinte::Indicator::ClimateChange)
        .map(|f| ds.factor(f).value.central)
        .unwrap();
    assert!((phase(2, Manufacturing).central - parts / 3.0).abs() < 1e-9);
    // Same use and end of life per year as any laptop over 3 years.
    assert_eq!(phase(2, Use).central, phase(0, Use).central);
    assert!(phase(2, EndOfLife).central > 0.0);
    assert!(
        c.offers[2].climate_change_kgco2e_per_year.unwrap()
            < c.offers[0].climate_change_kgco2e_per_year.unwrap()
    );

    // The buyer's own parts: a battery of 5 kg CO2e (2-8).
    let mut repaired = offer("batterie neuve", "laptop", Condition::Repaired, Some(2.0));
    repaired.replaced_parts = vec![ReplacedPart {
        name: "batterie".into(),
        climate_kgco2e: Range::new(2.0, 5.0, 8.0),
    }];
    let c = compare_offers(
        ds,
        &[offer("neuf", "laptop", Condition::New, None), repaired],
        2025,
        Allocation::CutOff,
    )
    .unwrap();
    let m = c.offers[1].per_year[cc][Manufacturing.index()].unwrap();
    assert_eq!((m.low, m.central, m.high), (1.0, 2.5, 4.0));
}
