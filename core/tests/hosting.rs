//! Hosting: servers (bottom-up and generic), cloud instances, sites, bad input.
//! Reference numbers are BoaviztAPI 2.5.0's unrounded outputs for the same cases (the peer suite
//! `tests/peers/boavizta/` checks many more against the live package).

mod common;
use empreinte::hosting::{
    cloud_footprint, server_footprint, CloudInstanceSpec, CpuConfig, DiskConfig, DiskKind,
    HostingUsage, Load, Location, PsuConfig, RamConfig, ServerConfig, ServerSpec,
};
use empreinte::{Dataset, Indicator, Phase, Range};
use uom::si::f64::Time;
use uom::si::time::hour;

fn boavizta() -> &'static Dataset {
    Dataset::embedded("boavizta-2.5").unwrap()
}

fn it_only(loc: &str) -> HostingUsage {
    let mut u = HostingUsage::one_year(2025);
    u.site = Some("it_only".into());
    u.location = Location::Zone(loc.into());
    u
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn assert_range(got: Range, low: f64, central: f64, high: f64) {
    assert!(
        close(got.low, low) && close(got.central, central) && close(got.high, high),
        "got {got:?}, expected {low} / {central} / {high}"
    );
}

#[test]
fn default_server_archetype_matches_boaviztapi() {
    let f = server_footprint(
        boavizta(),
        &ServerSpec::BottomUp(ServerConfig::default()),
        &it_only("FR"),
    )
    .unwrap();
    // BoaviztAPI 2.5.0, platform_compute_medium, FRA, 8760 h (unrounded).
    assert_range(
        f.impact(Indicator::ClimateChange, Phase::Manufacturing)
            .unwrap(),
        114.97085289473685,
        236.94135160515108,
        521.7621707317073,
    );
    assert_range(
        f.electricity_kwh,
        975.3524159999998,
        4693.4436624,
        8132.083200000001,
    );
    assert_range(f.it_power_w, 111.3416, 535.78124, 928.32);
    // adpe: the generic-server fallback (0.0378 kg Sb eq over 4 years) for one year.
    assert_range(
        f.impact(Indicator::ResourceUseMineralsMetals, Phase::Manufacturing)
            .unwrap(),
        0.00945,
        0.00945,
        0.00945,
    );
    // Negative embodied water (BoaviztAPI #548) is flagged: not available, never negative.
    assert_eq!(f.impact(Indicator::WaterUse, Phase::Manufacturing), None);
    // Component end of life is not in the sources: not available, not zero.
    assert_eq!(f.impact(Indicator::ClimateChange, Phase::EndOfLife), None);
    assert!(f
        .factors_used
        .iter()
        .any(|id| id == "hosting.cpu.per_die_area.climate_change"));
}

#[test]
fn dell_r740_configuration_by_hand() {
    // research/boavizta.md section 4: 2x Xeon Gold 6134 (694 mm2), 12x32 GB, 1 SSD 400 GB at
    // 50.6 GB/cm2, 2 PSU of 2.99 kg, rack: 294.7 kgCO2e embedded over one year of four.
    let config = ServerConfig {
        archetype: Some("dellR740".into()),
        case_type: Some(empreinte::hosting::CaseType::Rack),
        cpu: Some(CpuConfig {
            units: Some(2.0),
            name: Some("Xeon Gold 6134".into()),
            ..CpuConfig::default()
        }),
        ram: Some(vec![RamConfig {
            units: Some(12.0),
            capacity_gb: Some(32.0),
            density_gb_per_cm2: None,
        }]),
        disks: Some(vec![DiskConfig {
            kind: DiskKind::Ssd,
            units: Some(1.0),
            capacity_gb: Some(400.0),
            density_gb_per_cm2: Some(50.6),
        }]),
        power_supply: Some(PsuConfig {
            units: Some(2.0),
            unit_weight_kg: Some(2.99),
        }),
    };
    let f = server_footprint(boavizta(), &ServerSpec::BottomUp(config), &it_only("FR")).unwrap();
    let m = f
        .impact(Indicator::ClimateChange, Phase::Manufacturing)
        .unwrap()
        .central;
    let ram_density = 1.2443636363636363;
    let by_hand = 0.25
        * (2.0 * (694.0 * 0.0197 + 9.14)
            + 12.0 * (32.0 / ram_density * 2.2 + 5.22)
            + (400.0 / 50.6 * 2.2 + 6.34)
            + 2.0 * 2.99 * 24.3
            + 150.0
            + 66.1
            + 6.68);
    assert!((m - by_hand).abs() < 1e-9, "{m} vs {by_hand}");
    assert!(close(m, 294.74753292506296));
}

#[test]
fn cloud_instance_matches_boaviztapi() {
    let mut u = it_only("FR");
    u.load = Some(Load::Profile(vec![
        (50.0, 0.0),
        (25.0, 60.0),
        (25.0, 100.0),
    ]));
    let spec = CloudInstanceSpec {
        provider: "aws".into(),
        instance_type: "m6g.xlarge".into(),
        region: Some("eu-west-3".into()),
    };
    let f = cloud_footprint(boavizta(), &spec, &u).unwrap();
    assert_eq!(f.zone, "FR");
    assert_range(f.it_power_w, 8.178045, 9.063999875, 10.90406);
    assert_range(
        f.impact(Indicator::ClimateChange, Phase::Manufacturing)
            .unwrap(),
        5.2533306469298235,
        9.172892898280733,
        14.862530208333334,
    );
    assert_range(
        f.impact(Indicator::ClimateChange, Phase::Use).unwrap(),
        7.020688071599999,
        7.781262612690001,
        9.360917428800002,
    );
}

#[test]
fn sites_apply_their_pue_and_a_given_pue_wins() {
    let ds = boavizta();
    let spec = ServerSpec::BottomUp(ServerConfig::default());
    let base = server_footprint(ds, &spec, &it_only("FR")).unwrap();
    let mut u = it_only("FR");
    u.site = Some("colocation".into());
    let coloc = server_footprint(ds, &spec, &u).unwrap();
    assert_range(coloc.pue, 1.3, 1.46, 1.58);
    assert!(close(
        coloc.electricity_kwh.central,
        base.electricity_kwh.central * 1.46
    ));
    u.site = Some("salle serveur".into()); // an alias of own_server_room
    let room = server_footprint(ds, &spec, &u).unwrap();
    assert_eq!(room.site.as_deref(), Some("own_server_room"));
    u.pue = Some(1.25);
    let given = server_footprint(ds, &spec, &u).unwrap();
    assert_eq!(given.pue, Range::exact(1.25));
    assert_eq!(given.site, None);
    // Embodied impacts do not depend on the site.
    assert_eq!(
        given.impact(Indicator::ClimateChange, Phase::Manufacturing),
        base.impact(Indicator::ClimateChange, Phase::Manufacturing)
    );
}

#[test]
fn ademe_generic_server_over_one_year() {
    let ds = Dataset::embedded_default();
    let f = server_footprint(ds, &ServerSpec::Generic, &HostingUsage::one_year(2025)).unwrap();
    assert_eq!(f.model, "generic");
    assert_eq!(f.site.as_deref(), Some("own_server_room"));
    // ADEME data-centre server: 748 kgCO2e over 5 years.
    assert!(close(
        f.impact(Indicator::ClimateChange, Phase::Manufacturing)
            .unwrap()
            .central,
        748.0 / 5.0
    ));
    assert_eq!(f.pue.central, 1.8);
    // The ADEME set has no component tables: bottom-up is a clear error.
    let e = server_footprint(
        ds,
        &ServerSpec::BottomUp(ServerConfig::default()),
        &HostingUsage::one_year(2025),
    )
    .unwrap_err();
    assert_eq!(e.code(), "hosting_missing_table");
}

#[test]
fn duration_past_the_lifetime_carries_all_embodied_impacts_once() {
    let mut u = it_only("FR");
    u.duration = Time::new::<hour>(5.0 * 8760.0);
    let f = server_footprint(
        boavizta(),
        &ServerSpec::BottomUp(ServerConfig::default()),
        &u,
    )
    .unwrap();
    assert_eq!(f.embodied_share, Range::exact(1.0));
    assert!(close(
        f.impact(Indicator::ClimateChange, Phase::Manufacturing)
            .unwrap()
            .central,
        236.94135160515108 * 4.0
    ));
}

#[test]
fn bad_input_is_a_typed_error_with_a_suggestion() {
    let ds = boavizta();
    let spec = ServerSpec::BottomUp(ServerConfig::default());
    let mut u = it_only("FR");
    u.pue = Some(0.95);
    assert_eq!(
        server_footprint(ds, &spec, &u).unwrap_err().code(),
        "hosting_invalid_pue"
    );

    let mut u = it_only("FR");
    u.load = Some(Load::Constant(Range::exact(120.0)));
    assert_eq!(
        server_footprint(ds, &spec, &u).unwrap_err().code(),
        "hosting_out_of_range"
    );

    let neg = ServerSpec::BottomUp(ServerConfig {
        ram: Some(vec![RamConfig {
            units: Some(-2.0),
            capacity_gb: Some(16.0),
            density_gb_per_cm2: None,
        }]),
        ..ServerConfig::default()
    });
    assert_eq!(
        server_footprint(ds, &neg, &it_only("FR"))
            .unwrap_err()
            .code(),
        "hosting_out_of_range"
    );

    let e = server_footprint(ds, &spec, &it_only("Frence")).unwrap_err();
    assert_eq!(e.code(), "hosting_unknown_location");

    let bad_arch = ServerSpec::BottomUp(ServerConfig {
        archetype: Some("platform_compute_medum".into()),
        ..ServerConfig::default()
    });
    let e = server_footprint(ds, &bad_arch, &it_only("FR")).unwrap_err();
    assert_eq!(e.code(), "hosting_unknown_server");
    assert_eq!(e.suggestion(), Some("platform_compute_medium"));

    let cloud = |provider: &str, instance: &str, region: Option<&str>| {
        cloud_footprint(
            ds,
            &CloudInstanceSpec {
                provider: provider.into(),
                instance_type: instance.into(),
                region: region.map(str::to_string),
            },
            &it_only("FR"),
        )
    };
    let e = cloud("aws", "m6g.xlarg", None).unwrap_err();
    assert_eq!(e.code(), "hosting_unknown_instance");
    assert_eq!(e.suggestion(), Some("m6g.xlarge"));
    let e = cloud("scaleway", "dev1-s", Some("fr-parr")).unwrap_err();
    assert_eq!(e.code(), "hosting_unknown_region");
    assert_eq!(e.suggestion(), Some("fr-par"));
    assert_eq!(
        cloud("outscale", "tinav5.c1r1p3", None).unwrap_err().code(),
        "hosting_unknown_provider"
    );
    assert_eq!(
        cloud("aws", "p3.2xlarge", None).unwrap_err().code(),
        "hosting_unsupported"
    );
    // Separators and case do not matter.
    assert!(cloud("scaleway", "DEV1_S", Some("FR-PAR")).is_ok());
}

#[test]
fn a_dataset_without_hosting_tables_still_loads() {
    let root = common::repo_root().join("reference-data/ademe-negaoctet-2022");
    let tmp = std::env::temp_dir().join(format!("empreinte-no-hosting-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for e in std::fs::read_dir(&root).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        if !name.starts_with("hosting_") {
            std::fs::copy(e.path(), tmp.join(&name)).unwrap();
        }
    }
    let ds = Dataset::from_dir(&tmp).unwrap();
    assert!(ds.hosting_tables().is_none());
    let mut u = HostingUsage::one_year(2025);
    assert_eq!(
        server_footprint(&ds, &ServerSpec::Generic, &u)
            .unwrap_err()
            .code(),
        "hosting_missing_table"
    );
    u.pue = Some(1.5);
    assert!(server_footprint(&ds, &ServerSpec::Generic, &u).is_ok());
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn same_input_same_bits() {
    let mut u = it_only("DE");
    u.load = Some(Load::Constant(Range::new(10.0, 37.5, 90.0)));
    let spec = CloudInstanceSpec {
        provider: "gcp".into(),
        instance_type: "n2-standard-4".into(),
        region: None,
    };
    let a = cloud_footprint(boavizta(), &spec, &u).unwrap();
    let b = cloud_footprint(boavizta(), &spec, &u).unwrap();
    assert_eq!(a, b);
}

/// One server, one answer, whichever door: a server line of an inventory runs in the dataset's
/// server room (PUE 1.8, 1.5–2.1) and gives, per year, what the hosting calculator gives for the
/// same generic server in the same room: electricity and use with their ranges, and the same
/// embodied share in its first year.
#[test]
fn an_inventory_server_is_the_hosting_calculators_server() {
    let ds = Dataset::embedded_default();
    let hosted = server_footprint(ds, &ServerSpec::Generic, &HostingUsage::one_year(2025)).unwrap();
    let report = empreinte::evaluate_csv(
        ds,
        std::io::Cursor::new("category;quantity;acquisition_year\nServeur;1;2025\n"),
        &empreinte::EvaluationOptions::new(2025),
    )
    .unwrap();
    assert_range(
        Range::new(
            report.totals.electricity_kwh,
            report.totals.electricity_kwh,
            report.totals.electricity_kwh,
        ),
        hosted.electricity_kwh.central,
        hosted.electricity_kwh.central,
        hosted.electricity_kwh.central,
    );
    let phase = |p| {
        report
            .totals
            .impacts
            .get(Indicator::ClimateChange, p)
            .and_then(|e| e.value())
            .unwrap()
    };
    let hosted_use = hosted.impact(Indicator::ClimateChange, Phase::Use).unwrap();
    assert_range(
        phase(Phase::Use),
        hosted_use.low,
        hosted_use.central,
        hosted_use.high,
    );
    let hosted_made = hosted
        .impact(Indicator::ClimateChange, Phase::Manufacturing)
        .unwrap();
    assert!(close(
        phase(Phase::Manufacturing).central,
        hosted_made.central
    ));
    // The line's own PUE wins: 1 is the IT power alone (3 504 kWh).
    let it_only = empreinte::evaluate_csv(
        ds,
        std::io::Cursor::new("category;pue\nserver;1\n"),
        &empreinte::EvaluationOptions::new(2025),
    )
    .unwrap();
    assert!(close(it_only.totals.electricity_kwh, 3504.0));
    // A PUE below 1 is refused with its field.
    let bad = empreinte::evaluate_csv(
        ds,
        std::io::Cursor::new("category;pue\nserver;0,5\n"),
        &empreinte::EvaluationOptions::new(2025),
    )
    .unwrap();
    assert_eq!(bad.rejected[0].error.code(), "out_of_range");
}
