//! Référentiels in G4IT's `ref_*` format loaded as datasets: G4IT's test référentiel (its
//! figures are marked "Fake data for tests": used here as test data only) maps onto the
//! indicators, phases and categories and says what it could not map; a référentiel written
//! from the default dataset gives the default dataset's numbers; bad tables are located errors.

#![allow(clippy::result_large_err)]

use empreinte::dataset::referential::{criterion_code, step_code, ReferentialFiles};
use empreinte::dataset::{Dataset, Target};
use empreinte::numecoeval::evaluate_numecoeval;
use empreinte::{evaluate_bytes, Availability, EvaluationOptions, Indicator, Phase, Report};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> =
        std::fs::read_dir(root().join("tests/numecoeval/g4it/inputs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
    files.sort();
    files
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

#[test]
fn g4it_test_referential_loads_and_says_what_it_left_out() {
    let ds = Dataset::from_dir(root().join("tests/numecoeval/g4it/referential")).unwrap();
    assert_eq!((ds.id(), ds.version()), ("referential", "unversioned"));
    let unmapped = &ds.info().unmapped;
    for says in [
        "hypothesis taux_utilisation_COPE = 0.8: not used",
        "45 USING row(s) of items",
        "of criterion OZONE_DEPLETION, not mapped",
        "item type Smartphone: its default item smartphone-2 has no impact rows",
        "states no version",
    ] {
        assert!(
            unmapped.iter().any(|u| u.contains(says)),
            "{says}: {unmapped:#?}"
        );
    }
    // Its five criteria, every phase covered where it has rows.
    let ids: Vec<&str> = ds.indicators().iter().map(|i| i.id()).collect();
    assert_eq!(
        ids,
        [
            "climate_change",
            "resource_use_minerals_metals",
            "acidification",
            "particulate_matter",
            "ionising_radiation"
        ]
    );
    // The type Server is its default item blade-server--28: 7 years, in a room at PUEParDefaut,
    // its average consumption; the vocabulary's server class answers with it.
    let server = ds.find_category("Server").unwrap();
    let c = ds.category(server);
    assert_eq!(c.id, "blade-server--28");
    assert_eq!(c.lifetime_years.central, 7.0);
    assert_eq!(c.room.as_ref().unwrap().pue.central, 1.75);
    assert!(close(c.default_energy_kwh_per_year(), 3721.0));
    assert_eq!(ds.class_target("server"), (server, Target::Own));
    // A matching item's model names its item.
    assert_eq!(
        ds.category(ds.find_category("rack-server--8").unwrap()).id,
        "rack-server--8"
    );
    // Electricity mixes are zones, by their code and country.
    assert_eq!(ds.zone(ds.find_zone("Germany").unwrap()).code, "DE");
}

#[test]
fn g4it_samples_against_the_test_referential_by_hand() {
    let ds = Dataset::from_dir(root().join("tests/numecoeval/g4it/referential")).unwrap();
    let mut o = EvaluationOptions::new(2022);
    o.keep_lines = true;
    let r = evaluate_numecoeval(&ds, &inputs(), &o).unwrap();
    assert_eq!(r.counts.rows_rejected, 0);
    assert_eq!(r.dataset.id, "referential");
    // physical-eq-1, test figures of blade-server--28 (ref_item_impact.csv lines 42, 47, 57 of
    // G4IT's file; "Fake data for tests"), 7 years, 3721 kWh × PUEParDefaut 1.75 × the FR mix
    // (0.0813225 kgCO2e/kWh, test data too).
    let l = r
        .lines
        .as_ref()
        .unwrap()
        .iter()
        .find(|l| l.label.as_deref() == Some("physical-eq-1"))
        .unwrap();
    let t = |p| {
        l.footprint
            .impact(Indicator::ClimateChange, p)
            .unwrap()
            .central
    };
    assert!(close(t(Phase::Manufacturing), 2226.09317222576 / 7.0));
    assert!(close(t(Phase::Distribution), 46.3607713639849 / 7.0));
    assert!(close(t(Phase::EndOfLife), 6.97183551903243 / 7.0));
    let kwh = 3721.0 * 1000.0 / 8760.0 * (24.0 * 365.0 / 1000.0);
    assert!(
        close(t(Phase::Use), kwh * 1.75 * 0.0813225),
        "{}",
        t(Phase::Use)
    );
}

/// A référentiel written from a dataset, as G4IT would distribute one: every category an item
/// (named by its id) with a type (its English label) pointing to it, its lifespan and average
/// consumption; every embodied factor a row; every zone's electricity of `year` a mix.
fn referential_of(ds: &Dataset, year: i32) -> [String; 5] {
    let mut criterion = String::from("code;label;description;unit\n");
    for i in ds.indicators() {
        criterion += &format!("{};{};;{}\n", criterion_code(*i), i.label_en(), i.unit());
    }
    let steps = "code;label\nMANUFACTURING;Manufacturing\nTRANSPORTATION;Transportation\nUSING;Using\nEND_OF_LIFE;End of Life\n";
    let servers: Vec<f64> = ds
        .categories()
        .iter()
        .filter_map(|c| c.room.as_ref())
        .map(|r| r.pue.central)
        .collect();
    assert!(
        servers.windows(2).all(|w| w[0] == w[1]),
        "one room PUE: {servers:?}"
    );
    let hypothesis = format!(
        "code;source;value;description;subscriber;version\nPUEParDefaut;test;{};;NULL;1.0\n",
        servers[0]
    );
    let mut types = String::from("type;category;comment;default_lifespan;is_server;source;ref_default_item;subscriber;version\n");
    let mut impacts = String::from(
        "criterion;lifecycle_step;name;category;avg_electricity_consumption;description;location;level;source;tier;unit;value;subscriber;version\n",
    );
    for c in ds.categories() {
        let Some(r) = ds.category_by_id(&c.id) else {
            continue;
        };
        if c.coverage == empreinte::dataset::Coverage::NotAvailable {
            continue;
        }
        types += &format!(
            "{};EquipementPhysique;;{};{};;{};NULL;1.0\n",
            c.label_en,
            c.lifetime_years.central,
            c.room.is_some(),
            c.id
        );
        let kwh = c.default_energy_kwh_per_year();
        for p in [Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife] {
            for i in ds.indicators() {
                if let Some(f) = ds.embodied_factor(r, p, *i) {
                    impacts += &format!(
                        "{};{};{};IT equipment;{kwh};;France;2-Equipement;{};;Item;{};NULL;1.0\n",
                        criterion_code(*i),
                        step_code(p),
                        c.id,
                        ds.factor(f).source_id,
                        ds.factor(f).value.central
                    );
                }
            }
        }
    }
    for (k, z) in ds.zones().iter().enumerate() {
        let Some(zone) = ds.find_zone(&z.code) else {
            continue;
        };
        assert_eq!(zone, ds.find_zone(&ds.zones()[k].code).unwrap());
        let Some(l) = ds.electricity_for(zone, year) else {
            continue;
        };
        for i in ds.indicators() {
            if let Some(f) = ds.electricity_factor(&l, *i) {
                impacts += &format!(
                    "{};MANUFACTURING;Electricity Mix {};electricity-mix;NULL;;{};0-Base data;{};;;{};NULL;1.0\n",
                    criterion_code(*i), z.code, z.name_en, ds.factor(f).source_id, ds.factor(f).value.central
                );
            }
        }
    }
    [criterion, steps.to_string(), hypothesis, types, impacts]
}

fn load(texts: &[String; 5]) -> Result<Dataset, empreinte::DatasetError> {
    Dataset::from_referential(
        "default-as-referential",
        &ReferentialFiles {
            criterion: &texts[0],
            lifecycle_step: Some(&texts[1]),
            hypothesis: Some(&texts[2]),
            item_type: Some(&texts[3]),
            item_impact: &texts[4],
            matching_item: None,
        },
    )
}

/// Every central figure of `a` and `b`, indicator by indicator and phase by phase, where `a`
/// has one: equal (to the rounding of a kWh written as a power); a phase `a` has inside a
/// lumped manufacturing figure is not available in `b` (the format has no such thing).
fn same_figures(a: &Report, b: &Report) -> usize {
    let mut compared = 0;
    for ind in a.totals.impacts.indicators() {
        for p in Phase::ALL {
            let (ea, eb) = (
                a.totals.impacts.get(*ind, p).unwrap(),
                b.totals.impacts.get(*ind, p),
            );
            match (ea.availability(), ea.central()) {
                (Availability::IncludedInManufacturing, _) => {
                    assert_eq!(eb.and_then(|e| e.central()), None, "{ind} {p}")
                }
                (_, Some(x)) => {
                    let y = eb
                        .and_then(|e| e.central())
                        .unwrap_or_else(|| panic!("{ind} {p}: not in b"));
                    assert!(close(x, y), "{ind} {p}: {x} / {y}");
                    compared += 1;
                }
                _ => {}
            }
        }
    }
    compared
}

#[test]
fn a_referential_written_from_the_default_dataset_gives_its_numbers() {
    let ds = Dataset::embedded_default();
    let year = 2025;
    let texts = referential_of(ds, year);
    let as_ref = load(&texts).unwrap();
    assert_eq!(
        (as_ref.id(), as_ref.version()),
        ("default-as-referential", "1.0")
    );
    assert!(
        as_ref
            .info()
            .unmapped
            .iter()
            .all(|u| !u.contains("left out") || u.contains("USING")),
        "{:#?}",
        as_ref.info().unmapped
    );
    // Every class of the default set, new, bought in 2023, in France: one line each.
    let mut csv = String::from("category;quantity;acquisition_year\n");
    for c in ds
        .categories()
        .iter()
        .filter(|c| c.coverage != empreinte::dataset::Coverage::NotAvailable)
    {
        csv += &format!("{};3;2023\n", c.id);
    }
    let o = EvaluationOptions::new(year);
    let a = evaluate_bytes(ds, csv.clone().into_bytes(), &o).unwrap();
    let b = evaluate_bytes(&as_ref, csv.into_bytes(), &o).unwrap();
    assert_eq!(a.counts, b.counts);
    assert!(same_figures(&a, &b) >= 5);
    // Category by category, too.
    for (ga, gb) in a.by_category.iter().zip(&b.by_category) {
        assert_eq!(ga.key, gb.key);
        let (x, y) = (
            ga.impacts.total(Indicator::ClimateChange).unwrap(),
            gb.impacts.total(Indicator::ClimateChange).unwrap(),
        );
        assert!(
            close(x.range.central, y.range.central),
            "{:?}: {x:?} / {y:?}",
            ga.key
        );
    }
    // G4IT's sample inventory, read against both.
    let na = evaluate_numecoeval(ds, &inputs(), &o).unwrap();
    let nb = evaluate_numecoeval(&as_ref, &inputs(), &o).unwrap();
    assert_eq!(nb.dataset.id, "default-as-referential");
    assert!(same_figures(&na, &nb) >= 2);
}

#[test]
fn bad_referentials_are_located_errors() {
    let ds = Dataset::embedded_default();
    let good = referential_of(ds, 2025);
    let err = |i: usize, f: &dyn Fn(&str) -> String| {
        let mut t = good.clone();
        t[i] = f(&t[i]);
        load(&t).unwrap_err()
    };
    // A value that is not a number, at its line and column.
    let e = err(4, &|s| {
        s.replacen(";Item;", ";Item;abc", 1).replacen("abc", "x", 1)
    });
    assert_eq!(
        (e.code(), e.file(), e.line(), e.field()),
        (
            "dataset_invalid_value",
            Some("ref_item_impact.csv"),
            Some(2),
            Some("value")
        )
    );
    // The same item, criterion and step twice.
    let e = err(4, &|s| {
        let second = s.lines().nth(1).unwrap().to_string();
        format!("{s}{second}\n")
    });
    assert_eq!(
        (e.code(), e.file()),
        ("dataset_duplicate", Some("ref_item_impact.csv"))
    );
    // Tables over the stated limits: their size, then their rows (at the first row over).
    use empreinte::dataset::referential::{MAX_TABLE_BYTES, MAX_TABLE_ROWS};
    let e = err(4, &|s| format!("{s}{}", " ".repeat(MAX_TABLE_BYTES)));
    assert_eq!(
        (e.code(), e.file(), e.line()),
        ("dataset_too_large", Some("ref_item_impact.csv"), None)
    );
    let e = err(3, &|s| {
        let header = s.lines().next().unwrap();
        let cells = header.matches(';').count();
        let row = format!("x{}\n", ";".repeat(cells));
        format!("{header}\n{}", row.repeat(MAX_TABLE_ROWS + 1))
    });
    assert_eq!(
        (e.code(), e.file(), e.line()),
        (
            "dataset_too_large",
            Some("ref_item_type.csv"),
            Some(MAX_TABLE_ROWS as u64 + 2)
        )
    );
    // A table without its columns.
    let e = err(0, &|_| "code;label\nCLIMATE_CHANGE;x\n".into());
    assert_eq!(
        (e.code(), e.field()),
        ("dataset_missing_column", Some("unit"))
    );
    // A criterion in another unit is left out, said.
    let mut t = good.clone();
    t[0] = t[0].replace(
        "CLIMATE_CHANGE;Climate change;;kgCO2e",
        "CLIMATE_CHANGE;Climate change;;t CO2 eq",
    );
    let e = load(&t).unwrap_err();
    assert_eq!(e.code(), "dataset_incomplete", "{e}");
}
