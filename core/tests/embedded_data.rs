//! The embedded tables are a copy of reference-data/: they must not drift apart, and they load.

mod common;
use empreinte::{Dataset, Indicator, Phase};
use std::fs;

#[test]
fn embedded_copy_matches_reference_data() {
    let root = common::repo_root();
    for id in ["ademe-negaoctet-2022", "boavizta-2.5"] {
        let src = root.join("reference-data").join(id);
        let copy = root.join("core/data").join(id);
        let mut names: Vec<_> = fs::read_dir(&src)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        let mut copied: Vec<_> = fs::read_dir(&copy)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        copied.sort();
        assert_eq!(names, copied, "{id}: run scripts/sync-embedded-data.sh");
        for n in names {
            assert!(
                fs::read(src.join(&n)).unwrap() == fs::read(copy.join(&n)).unwrap(),
                "core/data/{id}/{} differs from reference-data: run scripts/sync-embedded-data.sh",
                n.to_string_lossy()
            );
        }
    }
}

#[test]
fn embedded_datasets_load_and_name_themselves() {
    for id in empreinte::dataset::EMBEDDED_IDS {
        let ds = Dataset::embedded(id).unwrap();
        assert_eq!(ds.id(), *id);
        assert!(!ds.version().is_empty());
        assert!(ds.indicators().contains(&Indicator::ClimateChange));
        assert!(!ds.sources().is_empty());
    }
    let ds = Dataset::embedded_default();
    assert_eq!(ds.id(), "ademe-negaoctet-2022");
    assert_eq!(ds.info().default_country, "FR");
}

#[test]
fn default_dataset_has_the_classes_communes_own() {
    let ds = Dataset::embedded_default();
    for id in [
        "smartphone",
        "tablet",
        "laptop",
        "desktop",
        "monitor",
        "tv",
        "internet_box",
        "projector",
        "printer",
        "multifunction_printer",
        "interactive_display",
        "ip_phone",
        "network_switch",
        "wifi_access_point",
        "router",
        "firewall",
        "server",
        "nas",
    ] {
        let c = ds
            .find_category(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        let cat = ds.category(c);
        if [
            "multifunction_printer",
            "interactive_display",
            "ip_phone",
            "network_switch",
            "wifi_access_point",
            "router",
            "firewall",
            "server",
            "nas",
        ]
        .contains(&id)
        {
            assert!(cat.is_proxy, "{id} should be flagged as a proxy");
            assert!(!cat.proxy_note.is_empty());
        }
    }
}

#[test]
fn french_electricity_by_year() {
    let ds = Dataset::embedded_default();
    let fr = ds.find_zone("France").unwrap();
    for (year, value) in [
        (2022, 0.0520),
        (2023, 0.0580),
        (2024, 0.0519),
        (2025, 0.0461),
    ] {
        let l = ds.electricity_for(fr, year).unwrap();
        assert_eq!(l.year_used, Some(year));
        let f = ds.factor(ds.electricity_factor(&l, Indicator::ClimateChange).unwrap());
        assert_eq!(f.value.central, value, "{year}");
    }
    // Every EU country resolves, by code and by French name.
    for name in [
        "DE",
        "Allemagne",
        "Espagne",
        "PL",
        "Suède",
        "IE",
        "Luxembourg",
    ] {
        assert!(ds.find_zone(name).is_some(), "{name}");
    }
}

#[test]
fn every_name_the_samples_use_resolves() {
    let ds = Dataset::embedded_default();
    let text = fs::read_to_string(common::repo_root().join("examples/communes/category-names.csv"))
        .unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (name, expected) = (&rec[0], &rec[1]);
        // The class the vocabulary reads (before any fallback to a parent's figures).
        let got = ds.classify(name, None).ok().map(|c| {
            c.class
                .map_or_else(|| ds.category(c.category).id.clone(), String::from)
        });
        assert_eq!(got.as_deref(), Some(expected), "{name:?}");
    }
}

#[test]
fn boavizta_flags_negative_water_and_folds_phases() {
    let ds = Dataset::embedded("boavizta-2.5").unwrap();
    // Phases split since its servers are the bottom-up archetype (manufacturing only); every other
    // embodied figure is BoaviztAPI's one lump, which says it includes distribution and end of life.
    assert!(ds.info().phases_split);
    let server = ds.find_category("server").unwrap();
    for cat in ds.categories() {
        let c = ds.find_category(&cat.id).unwrap();
        for ind in [Indicator::ClimateChange, Indicator::Acidification] {
            let Some(f) = ds.embodied_factor(c, Phase::Manufacturing, ind) else {
                continue;
            };
            let lump = ds.factor(f).includes(Phase::Distribution)
                && ds.factor(f).includes(Phase::EndOfLife);
            assert_eq!(
                lump,
                c != server || ind != Indicator::ClimateChange,
                "{} {ind:?}",
                cat.id
            );
        }
    }
    let flagged: Vec<_> = ds.flagged_factors().collect();
    assert!(!flagged.is_empty());
    assert!(flagged
        .iter()
        .all(|f| f.indicator == Indicator::WaterUse && f.value.central < 0.0));
}
