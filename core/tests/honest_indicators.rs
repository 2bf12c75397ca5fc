//! Honest indicators: what a dataset covers, per indicator and phase, decides what a result
//! shows. An indicator whose manufacturing is not covered has no total (or, asked for, its use
//! phase alone, labelled so); "not assessed" is not available, never 0; two different water
//! quantities are never added; a lumped embodied figure shows its distribution and end of life
//! as included in manufacturing, not as 0; far electricity vintages are warned about.

mod common;
use empreinte::{
    evaluate_csv, Availability, Dataset, DatasetError, DatasetFiles, EvaluationOptions, Indicator,
    Phase, Report,
};
use serde_json::Value;
use std::io::Cursor;

fn ademe() -> &'static Dataset {
    Dataset::embedded_default()
}

fn run(ds: &Dataset, csv: &str, options: &EvaluationOptions) -> Report {
    evaluate_csv(ds, Cursor::new(csv.to_string()), options).unwrap()
}

fn json(r: &Report) -> Value {
    serde_json::from_str(&r.to_json()).unwrap()
}

const TOWN: &str = "category;quantity;acquisition_year\nlaptop;10;2023\nmonitor;10;2022\nsmartphone;5;2024\nserver;2;2021\n";

#[test]
fn the_default_set_declares_what_it_covers() {
    let ds = ademe();
    assert!(ds.covers_all_phases(Indicator::ClimateChange));
    // Electricity only: Base IMPACTS 2011 criteria, primary energy, WRI water.
    for ind in [
        Indicator::ResourceUseMineralsMetals,
        Indicator::PrimaryEnergy,
        Indicator::WaterConsumption,
        Indicator::Acidification,
    ] {
        assert_eq!(ds.phases_covered(ind), vec![Phase::Use], "{ind}");
    }
    // ADEME's own "eau": manufacturing and distribution (end of life flagged), no use.
    assert_eq!(
        ds.phases_covered(Indicator::WaterAdeme),
        vec![Phase::Manufacturing, Phase::Distribution]
    );
    // Land use: not assessed anywhere, declared, covered in no phase.
    assert!(ds.indicators().contains(&Indicator::LandUse));
    assert!(ds.phases_covered(Indicator::LandUse).is_empty());
    // Reporting order: the indicators covered in every phase lead.
    assert_eq!(ds.indicators()[0], Indicator::ClimateChange);
    let first_incomplete = ds
        .indicators()
        .iter()
        .position(|i| !ds.covers_all_phases(*i))
        .unwrap();
    assert!(ds.indicators()[first_incomplete..]
        .iter()
        .all(|i| !ds.covers_all_phases(*i)));
}

#[test]
fn land_use_is_not_available_never_zero() {
    let r = run(ademe(), TOWN, &EvaluationOptions::new(2025));
    let t = &r.totals.impacts;
    for p in Phase::ALL {
        let e = t.get(Indicator::LandUse, p).unwrap();
        assert_eq!(e.availability(), Availability::NotAvailable, "{p}");
        assert_eq!(e.value(), None);
    }
    assert_eq!(
        t.total(Indicator::LandUse).unwrap().availability(),
        Availability::NotAvailable
    );
    // No land-use factor at all: Base IMPACTS' zeros (not assessed) are not rows.
    assert!(ademe()
        .factors()
        .iter()
        .all(|f| f.indicator != Indicator::LandUse));
    let j = json(&r);
    let lu = &j["totals"]["impacts"]["land_use"];
    assert_eq!(lu["total"]["status"], "not_available");
    assert!(lu["total"].get("central").is_none());
    assert!(lu["use"].get("central").is_none());
    let info = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "land_use")
        .unwrap();
    assert_eq!(info["phases_covered"], serde_json::json!([]));
    assert_eq!(info["total"], "not_available");
    // Even asked for the use phase alone: there is none.
    let mut o = EvaluationOptions::new(2025);
    o.use_phase_only_indicators = true;
    let r = run(ademe(), TOWN, &o);
    assert_eq!(
        r.totals
            .impacts
            .total(Indicator::LandUse)
            .unwrap()
            .availability(),
        Availability::NotAvailable
    );
}

#[test]
fn water_never_sums_two_quantities() {
    let ds = ademe();
    // Every water factor of the default set: ADEME's "eau" for devices, WRI's per kWh.
    for f in ds.factors() {
        match f.indicator {
            Indicator::WaterConsumption => {
                assert_eq!(f.phase, Phase::Use, "{}", f.id);
                assert_eq!(f.source_id, "wri-2020-water-electricity", "{}", f.id);
            }
            Indicator::WaterAdeme => {
                assert_ne!(f.phase, Phase::Use, "{}", f.id);
                assert_eq!(f.source_id, "ademe-acv-numerique-2.2.0", "{}", f.id);
            }
            _ => {}
        }
    }
    let csv = "category;quantity;acquisition_year\nlaptop;1;2023\n";
    let r = run(ds, csv, &EvaluationOptions::new(2025));
    let t = &r.totals.impacts;
    let wc = Indicator::WaterConsumption;
    let wa = Indicator::WaterAdeme;
    // Water consumed: the use phase only, kWh x WRI's m3/kWh for France.
    let laptop = ds.category(ds.category_by_id("laptop").unwrap());
    let kwh = laptop.default_energy_kwh_per_year();
    let fr = ds
        .electricity_for(ds.find_zone("FR").unwrap(), 2025)
        .unwrap();
    let wri = ds
        .factor(ds.electricity_factor(&fr, wc).unwrap())
        .value
        .central;
    assert_eq!(t.get(wc, Phase::Use).unwrap().central(), Some(kwh * wri));
    assert_eq!(t.get(wc, Phase::Manufacturing).unwrap().value(), None);
    assert_eq!(t.total(wc).unwrap().value(), None, "never use + ADEME eau");
    // ADEME's device water: its own indicator, manufacturing = eau / lifetime, no use phase.
    let eau = ds
        .factor(
            ds.embodied_factor(
                ds.category_by_id("laptop").unwrap(),
                Phase::Manufacturing,
                wa,
            )
            .unwrap(),
        )
        .value
        .central;
    assert!(common::close(
        t.get(wa, Phase::Manufacturing).unwrap().central().unwrap(),
        eau / laptop.lifetime_years.central
    ));
    assert_eq!(t.get(wa, Phase::Use).unwrap().value(), None);
    assert_eq!(t.total(wa).unwrap().value(), None);
    // Asked for the use phase alone: water consumed is exactly its use phase, labelled so;
    // ADEME's water has no use phase to give.
    let mut o = EvaluationOptions::new(2025);
    o.use_phase_only_indicators = true;
    let r = run(ds, csv, &o);
    let total = r.totals.impacts.total(wc).unwrap();
    assert_eq!(total.availability(), Availability::UsePhaseOnly);
    assert_eq!(total.central(), Some(kwh * wri));
    assert_eq!(
        r.totals.impacts.total(wa).unwrap().availability(),
        Availability::NotAvailable
    );
}

#[test]
fn an_indicator_without_manufacturing_has_no_total_unless_asked() {
    let adpe = Indicator::ResourceUseMineralsMetals;
    let r = run(ademe(), TOWN, &EvaluationOptions::new(2025));
    let use_phase = *r.totals.impacts.get(adpe, Phase::Use).unwrap();
    assert_eq!(use_phase.availability(), Availability::Available);
    let total = r.totals.impacts.total(adpe).unwrap();
    assert_eq!(total.availability(), Availability::NotAvailable);
    assert_eq!(total.value(), None);
    let j = json(&r);
    let cell = &j["totals"]["impacts"]["resource_use_minerals_metals"]["total"];
    assert_eq!(cell["status"], "not_available");
    assert_eq!(cell["not_covered"], true);
    assert!(cell.get("central").is_none());
    // Per category and per capita too.
    for g in &r.by_category {
        assert_eq!(g.impacts.total(adpe).unwrap().value(), None);
    }

    let mut o = EvaluationOptions::new(2025);
    o.use_phase_only_indicators = true;
    o.inhabitants = Some(1000.0);
    let r = run(ademe(), TOWN, &o);
    let total = r.totals.impacts.total(adpe).unwrap();
    assert_eq!(total.availability(), Availability::UsePhaseOnly);
    assert_eq!(total.value(), use_phase.value());
    let j = json(&r);
    let cell = &j["totals"]["impacts"]["resource_use_minerals_metals"]["total"];
    assert_eq!(cell["status"], "use_phase_only");
    assert_eq!(cell["central"], use_phase.range.central);
    assert_eq!(j["options"]["use_phase_only_indicators"], true);
    let info = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "resource_use_minerals_metals")
        .unwrap();
    assert_eq!(info["total"], "use_phase_only");
    assert_eq!(info["phases_covered"], serde_json::json!(["use"]));
    let per = r.per_capita.per_inhabitant.as_ref().unwrap();
    assert_eq!(
        per.total(adpe).unwrap().availability(),
        Availability::UsePhaseOnly
    );
    // Climate change, covered in every phase, is the same either way.
    let plain = run(ademe(), TOWN, &EvaluationOptions::new(2025));
    assert_eq!(
        r.totals.impacts.total(Indicator::ClimateChange),
        plain.totals.impacts.total(Indicator::ClimateChange)
    );
}

#[test]
fn partial_keeps_its_meaning() {
    // A covered indicator (climate) with a line of a class without figures: partial.
    let csv = "category;quantity;acquisition_year\nlaptop;1;2023\nwebcam;3;2023\n";
    let r = run(ademe(), csv, &EvaluationOptions::new(2025));
    let e = r.totals.impacts.total(Indicator::ClimateChange).unwrap();
    assert_eq!(e.availability(), Availability::Partial);
    assert_eq!(e.n_missing, 1);
    // Only classes without figures: not available, and the headline helper says None, not 0.
    let r = run(
        ademe(),
        "category;quantity\nwebcam;3\n",
        &EvaluationOptions::new(2025),
    );
    assert_eq!(r.climate_change_kgco2e(), None);
}

#[test]
fn a_measured_line_and_an_unmeasured_one_of_a_class_without_figures_are_partial() {
    // Same class, same department: one measures its electricity, the other does not. The use
    // phase is partial, not "available" with the second line silently left out.
    let csv = "category;quantity;energy_kwh_per_year\nwebcam;1;10\nwebcam;1;\n";
    let r = run(ademe(), csv, &EvaluationOptions::new(2025));
    let e = r
        .totals
        .impacts
        .get(Indicator::ClimateChange, Phase::Use)
        .unwrap();
    assert_eq!(e.availability(), Availability::Partial);
    assert_eq!((e.n_available, e.n_missing), (1, 1));
    let fr = ademe()
        .electricity_for(ademe().find_zone("FR").unwrap(), 2025)
        .unwrap();
    let f = ademe()
        .factor(
            ademe()
                .electricity_factor(&fr, Indicator::ClimateChange)
                .unwrap(),
        )
        .value
        .central;
    assert_eq!(e.central(), Some(10.0 * f));
}

#[test]
fn a_lumped_figure_shows_distribution_and_end_of_life_as_included() {
    let ds = ademe();
    let server = ds.category_by_id("server").unwrap();
    let m = ds
        .embodied_factor(server, Phase::Manufacturing, Indicator::ClimateChange)
        .unwrap();
    assert!(ds.factor(m).includes(Phase::Distribution));
    assert!(ds.factor(m).includes(Phase::EndOfLife));
    // No zero row stands for "included".
    assert!(ds
        .embodied_factor(server, Phase::Distribution, Indicator::ClimateChange)
        .is_none());

    let mut o = EvaluationOptions::new(2025);
    o.keep_lines = true;
    let r = run(
        ds,
        "category;quantity;acquisition_year\nserver;2;2023\n",
        &o,
    );
    let t = &r.totals.impacts;
    let cc = Indicator::ClimateChange;
    for p in [Phase::Distribution, Phase::EndOfLife] {
        let e = t.get(cc, p).unwrap();
        assert_eq!(
            e.availability(),
            Availability::IncludedInManufacturing,
            "{p}"
        );
        assert_eq!(e.value(), None, "{p}: not available separately");
        assert_eq!(e.n_included, 1);
    }
    // The total stays whole: manufacturing (the lump) + use.
    let total = t.total(cc).unwrap();
    assert_eq!(total.availability(), Availability::Available);
    let parts = t.get(cc, Phase::Manufacturing).unwrap().range.central
        + t.get(cc, Phase::Use).unwrap().range.central;
    assert_eq!(total.range.central, parts);
    assert_eq!(
        total.range.central,
        2.0 * 748.0 / 5.0 + t.get(cc, Phase::Use).unwrap().range.central
    );
    let j = json(&r);
    let d = &j["totals"]["impacts"]["climate_change"]["distribution"];
    assert_eq!(d["status"], "included_in_manufacturing");
    assert_eq!(d["included_contributions"], 1);
    assert!(d.get("central").is_none());
    let line = &j["lines"][0]["impacts"]["climate_change"];
    assert_eq!(line["end_of_life"]["status"], "included_in_manufacturing");
    assert_eq!(line["total"]["status"], "available");

    // Mixed with classes giving their phases apart: the distribution is theirs, and says how
    // many lines have theirs inside manufacturing.
    let r = run(
        ds,
        "category;quantity;acquisition_year\nserver;2;2023\nlaptop;3;2023\n",
        &EvaluationOptions::new(2025),
    );
    let d = r.totals.impacts.get(cc, Phase::Distribution).unwrap();
    assert_eq!(d.availability(), Availability::Available);
    assert_eq!((d.n_available, d.n_included), (1, 1));
    // The factor times devices ÷ period, as the model multiplies them.
    assert_eq!(d.central(), Some(12.3 * (3.0 / 5.0)));
}

#[test]
fn a_second_life_of_a_lumped_class_has_no_zero_transport_or_end_of_life() {
    // The refurbished server carries refurbishment, not the lump that held transport and end
    // of life: both are not available (they used to be 0).
    let r = run(
        ademe(),
        "category;quantity;condition;acquisition_year\nserver;1;reconditionné;2024\n",
        &EvaluationOptions::new(2025),
    );
    let t = &r.totals.impacts;
    let cc = Indicator::ClimateChange;
    assert_eq!(
        t.get(cc, Phase::Manufacturing).unwrap().availability(),
        Availability::Available
    );
    for p in [Phase::Distribution, Phase::EndOfLife] {
        assert_eq!(
            t.get(cc, p).unwrap().availability(),
            Availability::NotAvailable,
            "{p}"
        );
    }
    assert_eq!(t.total(cc).unwrap().availability(), Availability::Partial);
}

#[test]
fn the_boavizta_lump_is_included_and_its_land_use_has_no_use_phase() {
    let Ok(ds) = Dataset::embedded("boavizta-2.5") else {
        return; // built without the `boavizta` feature
    };
    let r = run(
        ds,
        "category;quantity;acquisition_year\nlaptop;2;2023\n",
        &EvaluationOptions::new(2025),
    );
    let t = &r.totals.impacts;
    for ind in [
        Indicator::ClimateChange,
        Indicator::ResourceUseMineralsMetals,
    ] {
        assert!(ds.covers_all_phases(ind), "{ind}");
        assert_eq!(
            t.get(ind, Phase::Distribution).unwrap().availability(),
            Availability::IncludedInManufacturing
        );
        assert_eq!(
            t.total(ind).unwrap().availability(),
            Availability::Available
        );
    }
    // Land use: embodied only (Base IMPACTS electricity land use is not assessed).
    assert!(!ds.covers(Indicator::LandUse, Phase::Use));
    assert_eq!(
        t.total(Indicator::LandUse).unwrap().availability(),
        Availability::NotAvailable
    );
    // Water use (AWARE): only flagged rows, declared, covered in no phase.
    assert!(ds.phases_covered(Indicator::WaterUse).is_empty());
    assert_eq!(
        t.total(Indicator::WaterUse).unwrap().availability(),
        Availability::NotAvailable
    );
    // A reused device carries no manufacturing (cut-off): the transport and end of life that
    // were inside the lump are not available, not 0.
    let r = run(
        ds,
        "category;quantity;condition;acquisition_year\nlaptop;1;réemploi;2023\n",
        &EvaluationOptions::new(2025),
    );
    let cc = Indicator::ClimateChange;
    assert_eq!(
        r.totals
            .impacts
            .get(cc, Phase::Distribution)
            .unwrap()
            .availability(),
        Availability::NotAvailable
    );
}

#[test]
fn non_climate_electricity_far_from_the_year_is_warned_about() {
    let warnings = |year: i32| -> Vec<String> {
        run(
            ademe(),
            "category;quantity\nlaptop;1\n",
            &EvaluationOptions::new(year),
        )
        .warnings
        .into_iter()
        .filter(|w| w.code == "electricity_vintage_far")
        .map(|w| w.message)
        .collect()
    };
    let w = warnings(2025);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with(
            "electricity factors for FR in ademe-negaoctet-2022 more than 5 years from 2025"
        ) && w[0].contains("resource_use_minerals_metals 2011")
            && w[0].contains("primary_energy 2016"),
        "{w:?}"
    );
    // WRI 2020 is 5 years from 2025: not "far".
    assert!(!w.iter().any(|m| m.contains("water_consumption")), "{w:?}");
    // Climate's vintage is the year's own: its own warning (electricity_vintage) is silent.
    assert!(!w.iter().any(|m| m.contains("climate_change")));
    // In 2014, Base IMPACTS 2011 is 3 years away: no warning for it; WRI 2020 is 6 years after.
    let w = warnings(2014);
    assert!(!w.iter().any(|m| m.contains("2011")), "{w:?}");
    assert!(
        w.iter().any(|m| m.contains("water_consumption 2020")),
        "{w:?}"
    );
    assert_eq!(empreinte::MAX_VINTAGE_GAP_YEARS, 5);
}

#[allow(clippy::result_large_err)] // a test helper; DatasetError is built once per failed load
fn default_files(edit: impl Fn(&str, String) -> String) -> Result<Dataset, DatasetError> {
    let dir = common::repo_root().join("core/data/ademe-negaoctet-2022");
    let read = |f: &str| edit(f, std::fs::read_to_string(dir.join(f)).unwrap());
    let files = [
        "datapackage.json",
        "sources.csv",
        "zones.csv",
        "categories.csv",
        "embodied.csv",
        "refurbishment.csv",
        "electricity.csv",
    ]
    .map(read);
    Dataset::from_files(&DatasetFiles {
        datapackage: &files[0],
        sources: &files[1],
        zones: &files[2],
        categories: &files[3],
        embodied: &files[4],
        refurbishment: Some(&files[5]),
        electricity: &files[6],
    })
}

#[test]
fn a_declaration_that_does_not_match_the_rows_is_refused() {
    // Declaring manufacturing for ADPe, which has no embodied row.
    let e = default_files(|f, t| {
        if f == "datapackage.json" {
            t.replacen(
                "\"resource_use_minerals_metals\": {\n        \"phases\": [\n          \"use\"",
                "\"resource_use_minerals_metals\": {\n        \"phases\": [\n          \"manufacturing\", \"use\"",
                1,
            )
        } else {
            t
        }
    })
    .unwrap_err();
    assert_eq!(e.code(), "dataset_coverage");
    assert_eq!(
        e.field(),
        Some("empreinte.indicators.resource_use_minerals_metals.phases")
    );
    assert!(e.to_string().contains("[manufacturing, use]"), "{e}");
    // An unknown phase.
    let e = default_files(|f, t| {
        if f == "datapackage.json" {
            t.replacen(
                "\"land_use\": {\n        \"phases\": []",
                "\"land_use\": {\n        \"phases\": [\"fabrication\"]",
                1,
            )
        } else {
            t
        }
    })
    .unwrap_err();
    assert_eq!(e.code(), "dataset_coverage");
    assert_eq!(e.field(), Some("empreinte.indicators.land_use"));
    assert!(e.to_string().contains("phases among manufacturing"), "{e}");
    // `includes` on a phase that is not manufacturing.
    let e = default_files(|f, t| {
        if f == "embodied.csv" {
            let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
            let i = lines
                .iter()
                .position(|l| l.starts_with("laptop.distribution.climate_change,"))
                .unwrap();
            lines[i].push_str("end_of_life");
            lines.join("\n") + "\n"
        } else {
            t
        }
    })
    .unwrap_err();
    assert_eq!(e.code(), "dataset_invalid_value");
    assert_eq!(e.field(), Some("includes"));
}

#[test]
fn without_a_declaration_the_rows_say_what_is_covered() {
    // The test fixture declares nothing: climate is covered where it has rows.
    let ds = common::mini();
    assert!(ds.covers(Indicator::ClimateChange, Phase::Manufacturing));
    assert!(ds.covers(Indicator::ClimateChange, Phase::Use));
    let ds = default_files(|f, t| {
        if f == "datapackage.json" {
            let mut v: Value = serde_json::from_str(&t).unwrap();
            v["empreinte"].as_object_mut().unwrap().remove("indicators");
            v.to_string()
        } else {
            t
        }
    })
    .unwrap();
    assert_eq!(
        ds.phases_covered(Indicator::PrimaryEnergy),
        vec![Phase::Use]
    );
    // Undeclared, an indicator with no row is not carried.
    assert!(!ds.indicators().contains(&Indicator::LandUse));
}
