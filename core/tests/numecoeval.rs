//! NumEcoEval / G4IT inventories: G4IT's sample files evaluate with figures computed here by
//! hand from the dataset's factors (lifespans from dates, retirement, the data centre's PUE and
//! location, virtual machines by vCPU, applications), every row evaluated or rejected with its
//! file, line and column; the sample commune's e-mails and entities; results in NumEcoEval's
//! shape. The référentiel loader is in `numecoeval_referential.rs`.

use empreinte::dataset::Dataset;
use empreinte::estate::EstateError;
use empreinte::numecoeval::{evaluate_numecoeval, write_csv, NumEcoEvalSection, ShareRule};
use empreinte::{EvaluationOptions, Indicator, Phase, Report};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn folder(dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn g4it() -> Vec<(String, Vec<u8>)> {
    folder("tests/numecoeval/g4it/inputs")
}

fn options(year: i32) -> EvaluationOptions {
    let mut o = EvaluationOptions::new(year);
    o.keep_lines = true;
    o
}

fn section(r: &Report) -> &NumEcoEvalSection {
    r.estate.as_ref().unwrap().numecoeval.as_deref().unwrap()
}

/// One evaluated line's climate change, by its equipment name.
fn line(r: &Report, name: &str, phase: Option<Phase>) -> f64 {
    let l = r
        .lines
        .as_ref()
        .unwrap()
        .iter()
        .find(|l| l.label.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no line {name}"));
    match phase {
        Some(p) => {
            l.footprint
                .impact(Indicator::ClimateChange, p)
                .unwrap()
                .central
        }
        None => l.footprint.total(Indicator::ClimateChange).unwrap().central,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn assert_close(got: f64, want: f64, what: &str) {
    assert!(close(got, want), "{what}: got {got}, want {want}");
}

fn conserved(r: &Report) {
    let c = &r.counts;
    assert_eq!(c.rows_read, c.rows_evaluated + c.rows_rejected, "{c:?}");
    assert_eq!(c.rows_rejected as usize, r.rejected.len());
    let sources = &r.estate.as_ref().unwrap().fleet_sources;
    let read: u64 = sources.iter().map(|s| s.rows_read).sum();
    let rejected: u64 = sources.iter().map(|s| s.rows_rejected).sum();
    assert_eq!((read, rejected), (c.rows_read, c.rows_rejected));
    for s in sources {
        assert_eq!(
            s.rows_read,
            s.rows_evaluated + s.rows_rejected,
            "{}",
            s.path
        );
        assert_eq!(s.rejected.len() as u64, s.rows_rejected, "{}", s.path);
    }
}

/// The default dataset's server, as the fleet model reads it: embodied climate change (one
/// lump, its manufacturing row), lifetime, annual kWh and its room's PUE; the French climate
/// electricity factor of `year`.
struct Server {
    embodied: f64,
    lifetime: f64,
    kwh: f64,
    pue: f64,
}

fn server(ds: &Dataset) -> Server {
    let c = ds.find_category("server").unwrap();
    let cat = ds.category(c);
    let f = ds
        .embodied_factor(c, Phase::Manufacturing, Indicator::ClimateChange)
        .unwrap();
    Server {
        embodied: ds.factor(f).value.central,
        lifetime: cat.lifetime_years.central,
        kwh: cat.power_w.central * (cat.hours_per_day * cat.days_per_year / 1000.0),
        pue: cat.room.as_ref().unwrap().pue.central,
    }
}

fn electricity(ds: &Dataset, zone: &str, year: i32) -> f64 {
    let z = ds.find_zone(zone).unwrap();
    let l = ds.electricity_for(z, year).unwrap();
    ds.factor(ds.electricity_factor(&l, Indicator::ClimateChange).unwrap())
        .value
        .central
}

#[test]
fn g4it_samples_by_hand_lifespans_from_dates_and_vms_by_vcpu() {
    let ds = Dataset::embedded_default();
    let r = evaluate_numecoeval(ds, &g4it(), &options(2022)).unwrap();
    conserved(&r);
    // 4 data centres, 6 equipment lines, 12 virtual machines, 12 application rows.
    assert_eq!((r.counts.rows_read, r.counts.rows_rejected), (34, 0));
    let s = server(ds);
    let f = electricity(ds, "FR", 2022);

    // physical-eq-1: one server bought in 2020, in use, no data centre: the dataset's lifetime
    // (2022 is its third year: 1/5 of its embodied figure), its room's PUE.
    let use_one = s.kwh * s.pue * f;
    assert_close(
        line(&r, "physical-eq-1", None),
        s.embodied / s.lifetime + use_one,
        "eq-1",
    );
    // physical-eq-5: two servers bought 2020-07-08, retired 2023-06-16: a lifespan of
    // 1073 days / 365 = 2.94 years; in 2022 (age 2) they carry what is left of it, 0.94 / 2.94,
    // and a whole year of use (the dates say it was in service; its statut is today's).
    let lifespan = 1073.0 / 365.0;
    assert_close(
        line(&r, "physical-eq-5", Some(Phase::Manufacturing)),
        2.0 * s.embodied * ((lifespan - 2.0) / lifespan),
        "eq-5 embodied",
    );
    assert_close(
        line(&r, "physical-eq-5", Some(Phase::Use)),
        2.0 * use_one,
        "eq-5 use",
    );
    // physical-eq-6: ten servers bought 2020-07-28, retired 2023-06-16: 1053 days.
    let lifespan6 = 1053.0 / 365.0;
    assert_close(
        line(&r, "physical-eq-6", Some(Phase::Manufacturing)),
        10.0 * s.embodied * ((lifespan6 - 2.0) / lifespan6),
        "eq-6 embodied",
    );

    // Virtual machines of physical-eq-1 by vCPU: 4, 2, 2, 8 of 16.
    let n = section(&r);
    let host = line(&r, "physical-eq-1", None);
    let vms: Vec<_> = n
        .virtual_machines
        .iter()
        .filter(|v| v.host == "physical-eq-1")
        .collect();
    let shares: Vec<f64> = vms.iter().map(|v| v.share).collect();
    assert_eq!(shares, [0.25, 0.125, 0.125, 0.5]);
    assert!(vms.iter().all(|v| v.share_rule == ShareRule::Vcpu));
    for v in &vms {
        let got = v
            .impacts
            .total(Indicator::ClimateChange)
            .unwrap()
            .central()
            .unwrap();
        assert_close(got, host * v.share, &v.name);
    }
    // physical-eq-3: 6, 3, 12 and 4 of 25 vCPU.
    let eq3: Vec<f64> = n
        .virtual_machines
        .iter()
        .filter(|v| v.host == "physical-eq-3")
        .map(|v| v.share)
        .collect();
    assert_eq!(eq3, [6.0 / 25.0, 3.0 / 25.0, 12.0 / 25.0, 4.0 / 25.0]);
    // application-1 in Production runs on virtual-eq-1-3 (2 vCPU) and virtual-eq-1-4 (8).
    let app = n
        .applications
        .iter()
        .find(|a| a.name == "application-1" && a.environment.as_deref() == Some("Production"))
        .unwrap();
    assert_eq!(app.rows, 2);
    let got = app
        .impacts
        .total(Indicator::ClimateChange)
        .unwrap()
        .central()
        .unwrap();
    assert_close(got, host * (2.0 + 8.0) / 16.0, "application-1 Production");
    // Entities are the departments; nothing of the machines is added to the totals.
    let entity_sum: f64 = n
        .entities
        .iter()
        .map(|e| {
            e.impacts
                .total(Indicator::ClimateChange)
                .unwrap()
                .central()
                .unwrap()
        })
        .sum();
    assert_close(
        entity_sum,
        r.climate_change_kgco2e().unwrap(),
        "entities = total",
    );
    // Servers are hosting.
    let scopes = &r.estate.as_ref().unwrap().by_scope;
    assert_eq!(scopes[1].entries, 6);
}

#[test]
fn retired_equipment_carries_nothing_after_its_retirement() {
    let ds = Dataset::embedded_default();
    let s = server(ds);
    // 2023: retired on 16 June, in service 166 days of 365; its lifespan (2.94 years) is over.
    let r = evaluate_numecoeval(ds, &g4it(), &options(2023)).unwrap();
    let f = electricity(ds, "FR", 2023);
    assert_eq!(line(&r, "physical-eq-5", Some(Phase::Manufacturing)), 0.0);
    assert_close(
        line(&r, "physical-eq-5", Some(Phase::Use)),
        2.0 * s.kwh * (166.0 / 365.0) * s.pue * f,
        "eq-5 use in 2023",
    );
    // 2025: nothing at all (known zero, not "not available").
    let r = evaluate_numecoeval(ds, &g4it(), &options(2025)).unwrap();
    for name in ["physical-eq-5", "physical-eq-6"] {
        assert_eq!(line(&r, name, None), 0.0, "{name}");
    }
    conserved(&r);
}

/// The sample inputs with some equipment placed in the sample's data centres.
fn in_data_centres() -> Vec<(String, Vec<u8>)> {
    g4it()
        .into_iter()
        .map(|(n, b)| {
            if n != "2-physicalEquipments.csv" {
                return (n, b);
            }
            let text = String::from_utf8(b).unwrap();
            let text = text
                .replace(
                    "physical-eq-1;Physical Server unknown;1;;",
                    "physical-eq-1;Physical Server unknown;1;B1;",
                )
                .replace(
                    "physical-eq-2;Physical Server unknown;2;;",
                    "physical-eq-2;Physical Server unknown;2;Y1;",
                );
            (n, text.into_bytes())
        })
        .collect()
}

#[test]
fn equipment_in_a_data_centre_runs_at_its_pue_where_it_stands() {
    let ds = Dataset::embedded_default();
    let r = evaluate_numecoeval(ds, &in_data_centres(), &options(2022)).unwrap();
    conserved(&r);
    let s = server(ds);
    // B1: PUE 1.32, in France; Y1: PUE 1.41, in Germany (the equipment says France: the data
    // centre decides, as G4IT does).
    assert_close(
        line(&r, "physical-eq-1", Some(Phase::Use)),
        s.kwh * 1.32 * electricity(ds, "FR", 2022),
        "B1",
    );
    assert_close(
        line(&r, "physical-eq-2", Some(Phase::Use)),
        2.0 * s.kwh * 1.41 * electricity(ds, "DE", 2022),
        "Y1",
    );
    let lines = r.lines.as_ref().unwrap();
    let eq2 = lines
        .iter()
        .find(|l| l.label.as_deref() == Some("physical-eq-2"))
        .unwrap();
    assert_eq!(eq2.country, "DE");
    let dcs = &section(&r).data_centres;
    let names: Vec<(&str, u64, u64)> = dcs
        .iter()
        .map(|d| (d.name.as_str(), d.lines, d.devices))
        .collect();
    assert_eq!(
        names,
        [("default", 0, 0), ("B1", 1, 1), ("F1", 0, 0), ("Y1", 1, 2)]
    );
    let b1 = dcs[1]
        .impacts
        .total(Indicator::ClimateChange)
        .unwrap()
        .central()
        .unwrap();
    assert_close(b1, line(&r, "physical-eq-1", None), "B1 total");
}

/// Files with one row changed.
fn with(files: &[(String, Vec<u8>)], file: &str, from: &str, to: &str) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .map(|(n, b)| {
            let text = String::from_utf8_lossy(b).into_owned();
            if n == file {
                assert!(text.contains(from), "{from}");
                (n.clone(), text.replacen(from, to, 1).into_bytes())
            } else {
                (n.clone(), b.clone())
            }
        })
        .collect()
}

fn first_rejection(r: &Report) -> (String, u64, Option<String>, String, String) {
    let s = r
        .estate
        .as_ref()
        .unwrap()
        .fleet_sources
        .iter()
        .flat_map(|s| &s.rejected)
        .next()
        .expect("a rejected row");
    (
        s.file.clone(),
        s.row.line,
        s.row.error.field_name().map(str::to_string),
        s.row.error.code().to_string(),
        s.row.error.to_string(),
    )
}

#[test]
fn bad_rows_are_rejected_with_their_file_line_and_column() {
    let ds = Dataset::embedded_default();
    let o = options(2022);
    let base = g4it();
    let cases = [
        // A virtual machine whose host is not an equipment (a typo of physical-eq-2).
        (
            "3-virtualEquipments.csv",
            "virtual-eq-2-1;physical-eq-2;",
            "virtual-eq-2-1;physical-eq-22;",
            "3-virtualEquipments.csv",
            6,
            "nomEquipementPhysique",
            "numecoeval_unknown_host",
            "did you mean physical-eq-2?",
        ),
        // An equipment in a data centre the DataCenter file does not declare.
        (
            "2-physicalEquipments.csv",
            "physical-eq-1;Physical Server unknown;1;;",
            "physical-eq-1;Physical Server unknown;1;B2;",
            "2-physicalEquipments.csv",
            2,
            "nomCourtDatacenter",
            "numecoeval_unknown_data_centre",
            "declared: default, B1, F1, Y1",
        ),
        // A type that names nothing.
        (
            "2-physicalEquipments.csv",
            ";Server;In use;France;;;;Entity 2;",
            ";Grille-pain;In use;France;;;;Entity 2;",
            "2-physicalEquipments.csv",
            4,
            "type",
            "unknown_category",
            "Grille-pain",
        ),
        // Retired before it was bought.
        (
            "2-physicalEquipments.csv",
            "2020-07-08;2023-06-16",
            "2020-07-08;2019-06-16",
            "2-physicalEquipments.csv",
            6,
            "dateRetrait",
            "numecoeval_date_order",
            "expected a date on or after 2020-07-08",
        ),
    ];
    for (file, from, to, at, line, column, code, says) in cases {
        let r = evaluate_numecoeval(ds, &with(&base, file, from, to), &o).unwrap();
        conserved(&r);
        assert_eq!(r.counts.rows_read, 34, "{code}: nothing lost");
        let (f, l, c, k, message) = first_rejection(&r);
        assert_eq!(
            (f.as_str(), l, c.as_deref(), k.as_str()),
            (at, line, Some(column), code),
            "{message}"
        );
        assert!(message.contains(says), "{message}");
        assert_eq!(r.rejected[0].line, line);
    }
    // A rejected host takes its machines and applications with it, each listed.
    let r = evaluate_numecoeval(
        ds,
        &with(
            &base,
            "2-physicalEquipments.csv",
            "physical-eq-1;Physical Server unknown;1;;",
            "physical-eq-1;Physical Server unknown;1;B2;",
        ),
        &o,
    )
    .unwrap();
    conserved(&r);
    let codes: Vec<&str> = r.rejected.iter().map(|x| x.error.code()).collect();
    assert_eq!(
        codes,
        [
            "numecoeval_unknown_data_centre",
            "numecoeval_rejected_host",
            "numecoeval_rejected_host",
            "numecoeval_rejected_host",
            "numecoeval_rejected_host",
            "numecoeval_rejected_virtual_machine",
            "numecoeval_rejected_virtual_machine",
            "numecoeval_rejected_virtual_machine",
            "numecoeval_rejected_virtual_machine",
        ]
    );
}

#[test]
fn files_that_cannot_be_read_are_located_errors() {
    let ds = Dataset::embedded_default();
    let o = options(2025);
    let err = |files: Vec<(String, Vec<u8>)>| -> EstateError {
        evaluate_numecoeval(ds, &files, &o).unwrap_err()
    };
    let e = err(vec![
        (
            "vm.csv".into(),
            b"nomEquipementVirtuel;nomEquipementPhysique\n".to_vec(),
        ),
        (
            "eq.csv".into(),
            b"nomEquipementPhysique;quantite\nsrv;1\n".to_vec(),
        ),
    ]);
    assert_eq!(
        (e.code(), e.file(), e.line(), e.field()),
        (
            "numecoeval_missing_column",
            Some("eq.csv"),
            Some(1),
            Some("type")
        )
    );
    assert!(e.to_string().contains("type (required)"), "{e}");
    let e = err(vec![(
        "parc.csv".into(),
        b"category;quantity\nlaptop;2\n".to_vec(),
    )]);
    assert_eq!(
        (e.code(), e.file()),
        ("numecoeval_unknown_file", Some("parc.csv"))
    );
    let e = err(vec![("notes.txt".into(), b"hello".to_vec())]);
    assert_eq!(e.code(), "numecoeval_no_file");
    let e = err(vec![(
        "eq.csv".into(),
        b"nomEquipementPhysique;type;Type\nsrv;Server;x\n".to_vec(),
    )]);
    assert_eq!(
        (e.code(), e.field()),
        ("numecoeval_duplicate_column", Some("type"))
    );
    let e = err(vec![("eq.csv".into(), b"PK\x03\x04\x00\x00".to_vec())]);
    assert_eq!(e.code(), "numecoeval_not_text");
    // Over the stated size: refused before it is read, naming the file and the limit.
    let mut big = b"nomEquipementPhysique;type;quantite\n".to_vec();
    big.resize(empreinte::numecoeval::MAX_FILE_BYTES + 1, b' ');
    let e = err(vec![("eq.csv".into(), big)]);
    assert_eq!(
        (e.code(), e.file()),
        ("numecoeval_too_large", Some("eq.csv"))
    );
    assert!(
        e.to_string()
            .contains(&empreinte::numecoeval::MAX_FILE_BYTES.to_string()),
        "{e}"
    );
}

#[test]
fn the_sample_commune_e_mails_entities_and_shares() {
    let ds = Dataset::embedded_default();
    let files = folder("examples/numecoeval/ville-montclair");
    let r = evaluate_numecoeval(ds, &files, &options(2025)).unwrap();
    conserved(&r);
    assert_eq!(r.counts.rows_rejected, 0, "{:?}", r.rejected);
    let e = r.estate.as_ref().unwrap();
    // E-mails: the 2025 months of the town hall, one service; the December 2024 month is left
    // out with a warning; the schools' month is their own service.
    let mairie = e
        .services
        .iter()
        .find(|s| s.department.as_deref() == Some("Mairie"))
        .unwrap();
    let sent: f64 = [
        38000.0, 36500.0, 39200.0, 37800.0, 35100.0, 36900.0, 28400.0, 21500.0, 38800.0, 40100.0,
        39500.0, 33200.0,
    ]
    .iter()
    .sum();
    assert_eq!(mairie.uses, sent);
    assert!(mairie.terminals_excluded);
    assert!(r.warnings.iter().any(
        |w| w.code == "numecoeval_other_year" && w.message.contains("Messagerie.csv, line 14")
    ));
    assert!(e
        .services
        .iter()
        .any(|s| s.department.as_deref() == Some("Écoles")));
    // The same e-mails through the service model directly: the year's mean size (MB) and
    // recipients, the fleet's terminals left out.
    let times: f64 = [
        95000.0, 91000.0, 98000.0, 94500.0, 87700.0, 92200.0, 71000.0, 53700.0, 97000.0, 100200.0,
        98700.0, 83000.0,
    ]
    .iter()
    .sum();
    let volume: f64 = [
        3800.0, 3650.0, 3900.0, 3780.0, 3510.0, 3690.0, 2840.0, 2150.0, 3880.0, 4010.0, 3950.0,
        3320.0,
    ]
    .iter()
    .sum();
    let direct = empreinte::services::PerUseRequest {
        uses: Some(sent),
        size_mb: Some(volume / sent),
        recipients: Some(times / sent),
        year: Some(2025),
        exclude_terminals: true,
        ..Default::default()
    }
    .evaluate(ds, "email")
    .unwrap();
    assert_eq!(
        mairie.climate_change_kgco2e,
        direct.footprint.total(Indicator::ClimateChange).value()
    );
    // Entities: agents from the Windows-1252 Entite file, per-agent figures.
    let n = section(&r);
    let schools = n
        .entities
        .iter()
        .find(|x| x.name.as_deref() == Some("Écoles"))
        .unwrap();
    assert_eq!(schools.agents, Some(65.0));
    let total = schools
        .impacts
        .total(Indicator::ClimateChange)
        .unwrap()
        .central()
        .unwrap();
    let per = schools
        .per_agent
        .as_ref()
        .unwrap()
        .total(Indicator::ClimateChange)
        .unwrap()
        .central()
        .unwrap();
    assert_close(per, total / 65.0, "per agent");
    assert_eq!(r.options.agents, Some(240.0 + 65.0 + 9.0));
    // Shares: cleRepartition, vCPU, storage.
    let vm = |name: &str| n.virtual_machines.iter().find(|v| v.name == name).unwrap();
    assert_eq!(
        (vm("vm-recette").share, vm("vm-recette").share_rule),
        (0.25, ShareRule::Given)
    );
    assert_eq!(
        (vm("vm-paie").share, vm("vm-paie").share_rule),
        (0.5, ShareRule::Vcpu)
    );
    assert_eq!(
        (vm("vol-sauvegarde").share, vm("vol-sauvegarde").share_rule),
        (0.75, ShareRule::Storage)
    );
    // vm-recette is shared by two applications: half each.
    let paie_recette = n
        .applications
        .iter()
        .find(|a| a.name == "Paie" && a.environment.as_deref() == Some("Recette"))
        .unwrap();
    assert_close(
        paie_recette.electricity_kwh,
        vm("vm-recette").electricity_kwh / 2.0,
        "half of vm-recette",
    );
    // The NAS's measured consumption, times its colocation's PUE.
    let lines = r.lines.as_ref().unwrap();
    let nas = lines
        .iter()
        .find(|l| l.label.as_deref() == Some("sauvegarde-1"))
        .unwrap();
    assert_close(nas.footprint.electricity_kwh, 180.0 * 1.45, "NAS kWh");
    // Laptops retired on 4 July 2025: their use until then (184 days); in stock: no use.
    let mobile = lines
        .iter()
        .find(|l| l.label.as_deref() == Some("classe-mobile"))
        .unwrap();
    let laptop = ds.category(ds.find_category("laptop").unwrap());
    let kwh = laptop.power_w.central
        * (laptop.hours_per_day * (laptop.days_per_year * (184.0 / 365.0)) / 1000.0);
    assert_close(
        mobile.footprint.electricity_kwh,
        30.0 * kwh,
        "retired in 2025",
    );
    let stock = lines
        .iter()
        .find(|l| l.label.as_deref() == Some("stock-portables"))
        .unwrap();
    assert_eq!(stock.footprint.electricity_kwh, 0.0);
    // Hosting: the equipment in the two rooms; the rest is the fleet.
    assert_eq!(e.by_scope[1].entries, 5);
}

#[test]
fn results_in_numecoeval_shape() {
    let ds = Dataset::embedded_default();
    let files = with(
        &folder("examples/numecoeval/ville-montclair"),
        "Application.csv",
        "GED;Production",
        "=GED;Production",
    );
    let r = evaluate_numecoeval(ds, &files, &options(2025)).unwrap();
    let mut out = Vec::new();
    write_csv(&r, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "level;entityName;equipmentType;datacenter;equipmentName;virtualEquipmentName;applicationName;environmentType;domain;subDomain;acvStep;criteria;unit;unitImpact;low;high;status;indicatorStatus;quantity;averagePowerConsumption"
    );
    let total = r
        .totals
        .impacts
        .get(Indicator::ClimateChange, Phase::Manufacturing)
        .unwrap();
    let v = total.value().unwrap();
    assert!(text.contains(&format!(
        "total;;;;;;;;;;MANUFACTURING;CLIMATE_CHANGE;kgCO2e;{};{};{};available;OK;",
        v.central, v.low, v.high
    )));
    // Every level NumEcoEval reports at.
    for level in [
        "entity;",
        "equipment_type;",
        "datacenter;",
        "physical_equipment;",
        "virtual_equipment;",
        "application;",
        "service;",
    ] {
        assert!(text.lines().any(|l| l.starts_with(level)), "{level}");
    }
    // Text from input is neutralised; a figure not available is empty with ERREUR.
    assert!(text.contains(";'=GED;Production;"));
    assert!(text
        .lines()
        .any(|l| l.contains(";LAND_USE;") && l.contains(";;;not_available;ERREUR;")));
}

/// Without per-line results (the default, as the CLI, Python and the page evaluate): the scopes,
/// data centres and equipment types hold the same figures as with them, and add up to the total.
#[test]
fn figures_do_not_depend_on_keeping_the_lines() {
    let ds = Dataset::embedded_default();
    let files = folder("examples/numecoeval/ville-montclair");
    let kept = evaluate_numecoeval(ds, &files, &options(2025)).unwrap();
    let plain = evaluate_numecoeval(ds, &files, &EvaluationOptions::new(2025)).unwrap();
    assert!(plain.lines.is_none());
    let climate = |t: &empreinte::ImpactTable| {
        t.total(Indicator::ClimateChange)
            .and_then(|e| e.value())
            .map(|v| v.central)
    };
    let (a, b) = (
        kept.estate.as_ref().unwrap(),
        plain.estate.as_ref().unwrap(),
    );
    let total = plain.climate_change_kgco2e().unwrap();
    let mut sum = 0.0;
    for (k, p) in a.by_scope.iter().zip(&b.by_scope) {
        let v = climate(&p.impacts).unwrap_or_else(|| panic!("{:?} not available", p.scope));
        assert_eq!(climate(&k.impacts), Some(v), "{:?}", p.scope);
        sum += v;
    }
    assert_close(sum, total, "scopes = total");
    let (sa, sb) = (section(&kept), section(&plain));
    for (k, p) in sa.data_centres.iter().zip(&sb.data_centres) {
        assert_eq!(climate(&k.impacts), climate(&p.impacts), "{}", p.name);
        assert!(climate(&p.impacts).is_some(), "{}", p.name);
    }
    for (k, p) in sa.equipment_types.iter().zip(&sb.equipment_types) {
        assert_eq!(climate(&k.impacts), climate(&p.impacts), "{}", p.name);
    }
}
