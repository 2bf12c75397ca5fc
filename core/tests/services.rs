//! Digital services: worked values from the methods' publications and the peers' own outputs,
//! the no-double-counting switch, and bad input. The side-by-side comparison with the peers is
//! `scripts/test-peers-services.sh`.

use empreinte::services::{
    ademe, ecoindex::EcoIndex, network, three_tier, web, AdemeOptions, EcoIndexInput, Email,
    GridIntensity, Region, ServiceError, Streaming, Terminal, ThreeTier, Tier, VideoQuality, Visio,
    WebModel, WebOptions, WebSearch,
};
use empreinte::{Dataset, Indicator, Phase};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()).max(1e-300)
}

fn eco(dom: f64, req: f64, kb: f64) -> EcoIndex {
    EcoIndex::compute(EcoIndexInput {
        dom_elements: dom,
        requests: req,
        size_kb: kb,
    })
    .unwrap()
}

#[test]
fn ecoindex_upstream_vectors() {
    let r = eco(100.0, 100.0, 100.0);
    assert_eq!(
        (r.score, r.grade, r.ghg_gco2e, r.water_cl),
        (72.0, "B", 1.56, 2.34)
    );
    assert_eq!(eco(100.0, 100.0, 1000.0).score, 67.0);
    assert_eq!(eco(100.0, 100.0, 10000.0).score, 58.0);
    assert_eq!(eco(200.0, 200.0, 10000.0).score, 46.0);
    let g = eco(2355.0, 267.0, 2493.0);
    assert_eq!((g.score, g.grade), (10.0, "G"));
    assert_eq!(eco(240.0, 20.0, 331.0).score, 83.0);
    let f = eco(2240.0, 100.0, 310182.902);
    assert_eq!(
        (f.score, f.grade, f.ghg_gco2e, f.water_cl),
        (16.0, "F", 2.68, 4.02)
    );
}

#[test]
fn ecoindex_bounds_and_ties_half_to_even() {
    let top = eco(0.0, 0.0, 0.0);
    assert_eq!(
        (top.score, top.grade, top.ghg_gco2e, top.water_cl),
        (100.0, "A", 1.0, 1.5)
    );
    let bottom = eco(1e9, 1e9, 1e9);
    assert_eq!(
        (
            bottom.score,
            bottom.grade,
            bottom.ghg_gco2e,
            bottom.water_cl
        ),
        (0.0, "G", 3.0, 4.5)
    );
    // 97.5 -> 98, 92.5 -> 92 (ties to even, as Python's round)
    assert_eq!(eco(47.0, 0.0, 0.0).score_unrounded, 97.5);
    assert_eq!(eco(47.0, 0.0, 0.0).score, 98.0);
    assert_eq!(eco(47.0, 2.0, 479.46).score_unrounded, 92.5);
    assert_eq!(eco(47.0, 2.0, 479.46).score, 92.0);
    // grade boundaries: strictly above the threshold
    assert_eq!(eco(476.0, 63.0, 1098.62).score, 60.0); // every metric at boundary 8
}

#[test]
fn ecoindex_rejects_bad_input_and_cannot_exclude_terminals() {
    for (d, r, s) in [
        (-1.0, 0.0, 0.0),
        (0.0, f64::NAN, 0.0),
        (0.0, 0.0, f64::INFINITY),
    ] {
        let e = EcoIndex::compute(EcoIndexInput {
            dom_elements: d,
            requests: r,
            size_kb: s,
        })
        .unwrap_err();
        assert_eq!(e.code(), "service_invalid_number");
    }
    let e = eco(10.0, 10.0, 10.0).footprint(true).unwrap_err();
    assert_eq!(e.code(), "cannot_exclude_terminals");
    let f = eco(100.0, 100.0, 100.0).footprint(false).unwrap();
    assert!(close(
        f.get(Indicator::ClimateChange, Phase::Use).unwrap().central,
        0.00156,
        1e-12
    ));
    assert!(f
        .get(Indicator::ResourceUseMineralsMetals, Phase::Use)
        .is_none());
}

fn swd(bytes: f64, o: WebOptions) -> f64 {
    web::estimate(bytes, &o).unwrap().total_gco2e
}

#[test]
fn swd_and_onebyte_worked_values() {
    let per_byte = |model| WebOptions {
        model,
        ..Default::default()
    };
    assert!(close(swd(1e9, per_byte(WebModel::Swd4)), 148.2, 1e-12));
    let green = WebOptions {
        green_hosting: true,
        ..per_byte(WebModel::Swd4)
    };
    assert!(close(swd(1e9, green), 121.03, 1e-12));
    let fr = per_byte(WebModel::Swd4).with_country("FR").unwrap();
    assert!(close(swd(1e9, fr), 60.93492, 1e-12));
    let zero = WebOptions {
        device_grid: Some(GridIntensity::given(0.0).unwrap()),
        network_grid: Some(GridIntensity::given(0.0).unwrap()),
        data_centre_grid: Some(GridIntensity::given(0.0).unwrap()),
        ..per_byte(WebModel::Swd4)
    };
    assert!(close(swd(1e9, zero), 52.364, 1e-12));
    assert!(close(swd(1e9, per_byte(WebModel::Swd3)), 383.0814, 1e-12));
    let v3_green = WebOptions {
        green_hosting: true,
        ..per_byte(WebModel::Swd3)
    };
    assert!(close(swd(1e9, v3_green), 331.694, 1e-6));
    let v3_visit = WebOptions {
        per_visit: true,
        ..per_byte(WebModel::Swd3)
    };
    assert!(close(swd(2e6, v3_visit), 0.57845, 1e-4));
    assert!(close(swd(1e9, per_byte(WebModel::OneByte)), 290.813, 1e-6));
    let ob_green = WebOptions {
        green_hosting: true,
        ..per_byte(WebModel::OneByte)
    };
    assert!(close(swd(1e9, ob_green), 231.958, 1e-5));
    assert_eq!(swd(0.5, per_byte(WebModel::Swd4)), 0.0);
    assert_eq!(
        web::estimate(1e9, &per_byte(WebModel::Swd4))
            .unwrap()
            .rating,
        Some("F")
    );
}

#[test]
fn swd_returning_visitors_and_terminal_switch() {
    let o = WebOptions {
        model: WebModel::Swd4,
        ..Default::default()
    }
    .with_returning_visitors(0.4)
    .unwrap();
    let o = WebOptions {
        data_reload_ratio: Some(0.1),
        ..o
    };
    let r = web::estimate(2e6, &o).unwrap();
    assert!(close(r.total_gco2e, 0.2964 * (0.6 + 0.1 * 0.4), 1e-12));
    let all = r.footprint(false);
    let without = r.footprint(true);
    assert!(without.terminals_excluded && !all.terminals_excluded);
    assert!(without
        .contributions
        .iter()
        .all(|c| c.tier != Tier::Terminals));
    let t = all.total(Indicator::ClimateChange).central().unwrap();
    let w = without.total(Indicator::ClimateChange).central().unwrap();
    // the device segment is 0.161 of 0.300 kWh/GB at 494 g/kWh
    assert!(close(t - w, 2e-3 * 0.161 * 494.0 * 0.64 / 1000.0, 1e-9));
}

#[test]
fn web_bad_input_is_typed() {
    let base = WebOptions::default();
    assert_eq!(
        web::estimate(-1.0, &base).unwrap_err().code(),
        "service_invalid_number"
    );
    assert_eq!(
        web::estimate(f64::NAN, &base).unwrap_err().code(),
        "service_invalid_number"
    );
    let e = base.clone().with_returning_visitors(1.2).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("service_invalid_number", Some("returning_visitors"))
    );
    let e = GridIntensity::country("Frnace").unwrap_err();
    assert_eq!(e.code(), "unknown_country");
    assert!(e.suggestion().unwrap().contains("FR"), "{e}");
    let e = GridIntensity::country("XXX").unwrap_err();
    assert_eq!(e.code(), "unknown_country");
    assert_eq!(GridIntensity::country("fra").unwrap().gco2e_per_kwh, 44.18);
    assert_eq!(
        GridIntensity::country("France").unwrap().gco2e_per_kwh,
        44.18
    );
    let ob = WebOptions {
        model: WebModel::OneByte,
        per_visit: true,
        ..Default::default()
    };
    assert_eq!(
        web::estimate(1.0, &ob).unwrap_err().code(),
        "unsupported_option"
    );
    assert_eq!(
        WebModel::from_id("swd5").unwrap_err().code(),
        "unknown_choice"
    );
}

/// The model's per-unit results at its defaults (shared/reference-sources/ademe/services.csv).
#[test]
fn ademe_services_match_the_model_at_defaults() {
    let ds = Dataset::embedded_default();
    let expected = [
        (
            2024,
            [
                2.922035568,
                83.647944725,
                67.815341283,
                1.082982771,
                9.49494574,
            ],
        ),
        (
            2025,
            [
                2.898167393,
                83.332639584,
                67.481602106,
                1.07452475,
                9.483652681,
            ],
        ),
    ];
    for (year, want) in expected {
        let o = AdemeOptions {
            year,
            ..Default::default()
        };
        let got = [
            ademe::email(ds, &Email::default(), &o).unwrap().total_gco2e,
            ademe::visio(ds, &Visio::default(), &o).unwrap().total_gco2e,
            ademe::streaming(ds, &Streaming::default(), &o)
                .unwrap()
                .total_gco2e,
            ademe::web_search(ds, &WebSearch::default(), &o)
                .unwrap()
                .total_gco2e,
            ademe::file_transfer(ds, &Default::default(), &o)
                .unwrap()
                .total_gco2e,
        ];
        for (g, w) in got.iter().zip(want) {
            assert!(close(*g, w, 1e-9), "{year}: {g} vs {w}");
        }
    }
    let e = ademe::email(
        ds,
        &Email::default(),
        &AdemeOptions {
            year: 2025,
            ..Default::default()
        },
    )
    .unwrap();
    // the reference values are rounded to 1e-9 g
    assert!((e.terminals_embodied_gco2e - 1.737391811).abs() < 1e-9);
    assert!((e.data_centre_use_gco2e - 0.095344779).abs() < 1e-9);
}

#[test]
fn ademe_terminal_switch_and_phases() {
    let ds = Dataset::embedded_default();
    let o = AdemeOptions::default();
    let with = ademe::visio(ds, &Visio::default(), &o).unwrap();
    let without = ademe::visio(
        ds,
        &Visio::default(),
        &AdemeOptions {
            exclude_terminals: true,
            ..o
        },
    )
    .unwrap();
    assert_eq!(
        with.total_gco2e, without.total_gco2e,
        "the model's total is kept"
    );
    let fp = &without.footprint;
    assert!(fp.terminals_excluded && fp.notes.iter().any(|n| n.contains("excluded")));
    let kg = fp.total(Indicator::ClimateChange).central().unwrap();
    assert!(close(
        kg * 1000.0,
        without.total_excluding_terminals_gco2e,
        1e-12
    ));
    // with terminals: manufacturing + distribution + end of life = the model's construction share
    let f = &with.footprint;
    let emb: f64 = [Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife]
        .iter()
        .map(|p| {
            f.tier(Tier::Terminals, Indicator::ClimateChange, *p)
                .unwrap()
                .central
        })
        .sum();
    assert!(close(emb * 1000.0, with.terminals_embodied_gco2e, 1e-12));
    assert!(
        f.get(Indicator::WaterConsumption, Phase::Use).is_none(),
        "not available, never zero"
    );
}

#[test]
fn ademe_bad_input() {
    let ds = Dataset::embedded_default();
    let o = AdemeOptions::default();
    let e = ademe::email(
        ds,
        &Email {
            size_mb: -1.0,
            ..Default::default()
        },
        &o,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("service_invalid_number", Some("size_mb"))
    );
    let e = ademe::email(
        ds,
        &Email {
            terminal: Terminal::Tv,
            ..Default::default()
        },
        &o,
    )
    .unwrap_err();
    assert_eq!(e.code(), "unknown_choice");
    let e = ademe::visio(
        ds,
        &Visio {
            network: "mobil_fr".into(),
            ..Default::default()
        },
        &o,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.suggestion()),
        ("unknown_network", Some("mobile_fr"))
    );
    let e = ademe::streaming(
        ds,
        &Streaming {
            quality: VideoQuality::Audio,
            ..Default::default()
        },
        &o,
    )
    .unwrap_err();
    assert_eq!(e.code(), "unknown_choice");
    assert_eq!(Terminal::from_id("portable").unwrap(), Terminal::Laptop);
    assert_eq!(Region::from_id("Chine").unwrap(), Region::China);
    assert_eq!(
        Region::from_id("mars").unwrap_err().code(),
        "unknown_choice"
    );
    // not applicable in the model: zero everywhere
    let z = ademe::email(
        ds,
        &Email {
            recipients: 0.0,
            ..Default::default()
        },
        &o,
    )
    .unwrap();
    assert!(z.not_applicable && z.total_gco2e == 0.0);
}

#[test]
fn network_transfer_per_gb() {
    let ds = Dataset::embedded_default();
    let f = network::transfer(ds, 2.0, "fixe FR").unwrap();
    let c = f.get(Indicator::ClimateChange, Phase::Use).unwrap();
    assert!(close(c.central, 2.0 * 0.00926934695867389, 1e-15));
    assert_eq!(
        f.total(Indicator::WaterConsumption).availability(),
        empreinte::Availability::NotAvailable
    );
    let m = network::transfer(ds, 1.0, "mobile_eu").unwrap();
    assert!(close(
        m.total(Indicator::ClimateChange).central().unwrap(),
        0.0960097311973246,
        1e-15
    ));
    assert_eq!(
        network::transfer(ds, -1.0, "fixed_fr").unwrap_err().code(),
        "service_invalid_number"
    );
    let e = network::transfer(ds, 1.0, "fibre").unwrap_err();
    assert_eq!(e.code(), "unknown_network");
    assert_eq!(ds.networks().len(), 6);
    #[cfg(feature = "boavizta")]
    {
        let b = Dataset::embedded("boavizta-2.5").unwrap();
        let e = network::transfer(b, 1.0, "fixed_fr").unwrap_err();
        assert!(matches!(e, ServiceError::MissingTable { .. }));
    }
}

#[test]
fn three_tier_generic_service() {
    let ds = Dataset::embedded_default();
    let s = ThreeTier {
        service: "téléprocédure".into(),
        uses: 1000.0,
        hours_per_use: 0.25,
        gb_per_use: 0.01,
        terminal: Some("PC portable".into()),
        ..Default::default()
    };
    let f = three_tier::evaluate(ds, &s).unwrap();
    let laptop_share = (170.0 + 12.3 + 2.79) * 250.0 / (5.0 * 365.0 * 3.0);
    let t = [Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife]
        .iter()
        .map(|p| {
            f.tier(Tier::Terminals, Indicator::ClimateChange, *p)
                .unwrap()
                .central
        })
        .sum::<f64>();
    assert!(close(t, laptop_share, 1e-12));
    let net = f
        .tier(Tier::Network, Indicator::ClimateChange, Phase::Use)
        .unwrap()
        .central;
    assert!(close(net, 10.0 * 0.00926934695867389, 1e-12));
    assert!(f
        .tier(Tier::DataCentre, Indicator::ClimateChange, Phase::Use)
        .is_some());
    // multi-criteria where the dataset has the factor, partial where a tier lacks it
    assert!(f.get(Indicator::WaterAdeme, Phase::Manufacturing).is_some());
    let ex = three_tier::evaluate(
        ds,
        &ThreeTier {
            exclude_terminals: true,
            ..s.clone()
        },
    )
    .unwrap();
    assert!(
        ex.terminals_excluded
            && ex
                .tier(Tier::Terminals, Indicator::ClimateChange, Phase::Use)
                .is_none()
    );
    let e = three_tier::evaluate(
        ds,
        &ThreeTier {
            terminal: Some("lapptop".into()),
            ..s.clone()
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), "unknown_choice");
    assert!(e.suggestion().is_some());
    let e = three_tier::evaluate(
        ds,
        &ThreeTier {
            uses: f64::NAN,
            ..s
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), "service_invalid_number");
}

#[test]
fn network_table_is_optional_and_validated() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ademe-negaoctet-2022");
    let ds = Dataset::from_dir(&root).unwrap();
    assert!(ds.has_network_table());
    let text = std::fs::read_to_string(root.join("network.csv")).unwrap();
    let base = || Dataset::embedded_default().clone();
    let bad_unit = text
        .replace("network.", "other.")
        .replacen("kgCO2e/GB", "gCO2e/GB", 1);
    let e = base().with_network_table(&bad_unit).unwrap_err();
    assert_eq!(e.code(), "dataset_unit_mismatch");
    // the embedded default already holds these factor ids
    assert_eq!(
        base().with_network_table(&text).unwrap_err().code(),
        "dataset_duplicate"
    );
}
