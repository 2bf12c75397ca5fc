//! Estates: the total equals the separate evaluations of the parts, bad descriptions give
//! located errors, a server declared twice is counted once.

use empreinte::estate::{evaluate_estate, Estate, Folder, InMemoryFiles};
use empreinte::hosting::UsageRequest;
use empreinte::services::{PerUseRequest, ThreeTierRequest};
use empreinte::{Dataset, EvaluationOptions, Indicator, Range};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn sample() -> Estate {
    let path = root().join("examples/estates/ville-montclair.toml");
    Estate::from_toml(
        "ville-montclair.toml",
        &std::fs::read_to_string(path).unwrap(),
    )
    .unwrap()
}

#[test]
fn the_estate_total_is_the_sum_of_its_parts_to_the_last_digit() {
    let ds = Dataset::embedded_default();
    let estate = sample();
    let files = Folder::new(root().join("examples/estates"));
    let options = EvaluationOptions::default();
    let report = evaluate_estate(ds, &estate, &files, &options).unwrap();
    let year = estate.year.unwrap();

    // The parts, evaluated apart as the one-off commands do.
    let csv = std::fs::read(root().join("examples/communes/ville-montclair.csv")).unwrap();
    let fleet = empreinte::evaluate_bytes(ds, csv, &EvaluationOptions::new(year)).unwrap();
    let climate = |t: &empreinte::ImpactTable| t.total(Indicator::ClimateChange).unwrap().range;
    let mut sum = climate(&fleet.totals.impacts);
    let room = &estate.rooms[0];
    for s in &room.servers {
        let usage = UsageRequest {
            year: Some(year),
            site: room.site.clone(),
            location: room.location.clone().map(Some),
            ..s.usage.clone()
        };
        let f = s.server.clone().evaluate(ds, usage).unwrap();
        sum = sum
            + f.total(Indicator::ClimateChange)
                .unwrap()
                .scale(s.count.unwrap_or(1.0));
    }
    let boavizta = Dataset::embedded("boavizta-2.5").unwrap();
    for c in &estate.cloud {
        let usage = UsageRequest {
            year: Some(year),
            ..c.usage.clone()
        };
        let f = c.instance.clone().evaluate(boavizta, usage).unwrap();
        sum = sum + f.total(Indicator::ClimateChange).unwrap();
    }
    // Services: the website with the visitors' devices; the agents' services without theirs.
    let site = &estate.services[0];
    let (_, page) = site.website.clone().unwrap().evaluate().unwrap();
    let page = page.times(site.page_views.unwrap());
    sum = sum + page.total(Indicator::ClimateChange).range;
    for (s, kind) in [
        (&estate.services[1], "email"),
        (&estate.services[2], "visio"),
    ] {
        let r: &PerUseRequest = s.email.as_ref().or(s.visio.as_ref()).unwrap();
        let r = PerUseRequest {
            year: Some(year),
            exclude_terminals: true,
            ..r.clone()
        };
        let fp = r.evaluate(ds, kind).unwrap().footprint;
        sum = sum + fp.total(Indicator::ClimateChange).range;
    }
    let t: ThreeTierRequest = estate.services[3].three_tier.clone().unwrap();
    let t = ThreeTierRequest {
        year: Some(year),
        ..t
    };
    sum = sum
        + t.evaluate(ds)
            .unwrap()
            .total(Indicator::ClimateChange)
            .range;

    let got: Range = climate(&report.totals.impacts);
    assert_eq!(
        got, sum,
        "estate total = fleet + hosting + services, bit for bit"
    );
    let e = report.estate.as_ref().unwrap();
    assert_eq!(e.by_scope.len(), 3);
    assert_eq!(e.fleet_sources[0].rows_read, fleet.counts.rows_read);
    assert!(e.services[1].terminals_excluded && !e.services[0].terminals_excluded);
    assert!(
        !e.services[3].terminals_excluded,
        "téléprocédures: the public's devices"
    );
    // The scopes add up to the total (up to the order of the additions).
    let scopes: f64 = e.by_scope.iter().map(|s| climate(&s.impacts).central).sum();
    assert!((scopes - got.central).abs() < 1e-6 * got.central);
    // The departments of hosting and services join the fleet's.
    assert!(report
        .by_department
        .iter()
        .any(|d| d.key.as_deref() == Some("Communication")));
    assert!(report.per_capita.per_inhabitant.is_some());
}

fn run(
    toml: &str,
    files: &[(&str, &str)],
) -> Result<empreinte::Report, empreinte::estate::EstateError> {
    let estate = Estate::from_toml("e.toml", toml)?;
    let mut f = InMemoryFiles::default();
    for (n, b) in files {
        f.insert(*n, b.as_bytes());
    }
    evaluate_estate(
        Dataset::embedded_default(),
        &estate,
        &f,
        &EvaluationOptions::default(),
    )
}

#[test]
fn bad_estates_give_located_errors() {
    let e = run("[commune]\nname = \"X\"\ncolour = \"red\"\n", &[]).unwrap_err();
    assert_eq!((e.code(), e.line()), ("estate_syntax", Some(3)));
    assert!(e.to_string().contains("colour"), "{e}");
    let e = run("[[fleet]]\npath = \"absent.csv\"\n", &[]).unwrap_err();
    assert_eq!(
        (e.code(), e.key_path(), e.file()),
        ("estate_missing_file", Some("fleet[0]"), Some("absent.csv"))
    );
    let e = run(
        "[[rooms]]\nname = \"r\"\n[[rooms.servers]]\nserver = { archetype = \"platform_huge\" }\n",
        &[],
    )
    .unwrap_err();
    // The default dataset has no server archetypes: said, with the entry.
    assert_eq!(
        (e.code(), e.key_path()),
        ("hosting_missing_table", Some("rooms[0].servers[0]"))
    );
    let e = run(
        "[[rooms]]\nname = \"r\"\nsite = \"garage\"\n[[rooms.servers]]\n",
        &[],
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.key_path()),
        ("hosting_unknown_site", Some("rooms[0]"))
    );
    let e = run(
        "[[rooms]]\nname = \"r\"\n[[rooms.servers]]\ncount = -2\n",
        &[],
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("hosting_out_of_range", Some("count"))
    );
    let e = run(
        "[[cloud]]\ninstance = { provider = \"aws\", instance_type = \"m6g.xlarg\" }\n",
        &[],
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.key_path()),
        ("hosting_unknown_instance", Some("cloud[0]"))
    );
    let e = run("[[services]]\nname = \"?\"\n", &[]).unwrap_err();
    assert_eq!(
        (e.code(), e.key_path()),
        ("estate_invalid", Some("services[0]"))
    );
    let e = run("[[services]]\nemail = { minutes = 3 }\n", &[]).unwrap_err();
    assert_eq!(
        (e.key_path(), e.field()),
        (Some("services[0]"), Some("minutes"))
    );
    let e = run("year = \"2025\"\n", &[]).unwrap_err();
    assert_eq!(e.code(), "estate_syntax");
    let e = Estate::from_toml(
        "big.toml",
        &"#".repeat(empreinte::estate::MAX_ESTATE_BYTES + 1),
    )
    .unwrap_err();
    assert_eq!(e.code(), "estate_too_large");
}

#[test]
fn a_server_in_the_inventory_and_in_a_room_is_counted_once() {
    let inventory = "category;quantity;label\nserver;1;SRV-AD01\nlaptop;3;\n";
    let toml = "[[fleet]]\npath = \"parc.csv\"\n[[rooms]]\nname = \"Salle\"\n[[rooms.servers]]\nname = \"srv-ad01\"\nserver = { generic = true }\n";
    let r = run(toml, &[("parc.csv", inventory)]).unwrap();
    let w: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.code == "estate_server_counted_once")
        .collect();
    assert_eq!(w.len(), 1);
    assert!(
        w[0].message.contains("SRV-AD01") && w[0].message.contains("Salle"),
        "{}",
        w[0].message
    );
    let e = r.estate.unwrap();
    assert_eq!(e.hosting.len(), 1);
    assert_eq!(
        e.by_scope[1].entries, 1,
        "the room's server, not the inventory line too"
    );
    assert_eq!(e.fleet_sources[0].rows_rejected, 0);
}

#[test]
fn json_is_the_same_shape_as_toml() {
    let toml = Estate::from_toml(
        "e.toml",
        "year = 2024\n[[services]]\nvisio = { uses = 10 }\n",
    )
    .unwrap();
    let json = Estate::parse(
        "e.json",
        r#"{"year": 2024, "services": [{"visio": {"uses": 10}}]}"#,
    )
    .unwrap();
    let files = InMemoryFiles::default();
    let ds = Dataset::embedded_default();
    let o = EvaluationOptions::default();
    let a = evaluate_estate(ds, &toml, &files, &o).unwrap();
    let b = evaluate_estate(ds, &json, &files, &o).unwrap();
    assert_eq!(a.to_json(), b.to_json());
    assert_eq!(a.options.reporting_year, 2024);
}

#[test]
fn monte_carlo_covers_the_whole_estate() {
    let ds = Dataset::embedded_default();
    let estate = sample();
    let files = Folder::new(root().join("examples/estates"));
    let options = EvaluationOptions {
        monte_carlo: Some(empreinte::MonteCarloOptions {
            draws: 400,
            seed: 3,
        }),
        ..EvaluationOptions::default()
    };
    let with = evaluate_estate(ds, &estate, &files, &options).unwrap();
    let mc = with.monte_carlo.as_ref().unwrap();
    assert!(
        mc.distribution.contains("hosting and service"),
        "{}",
        mc.distribution
    );
    let mean = |r: &empreinte::Report| {
        serde_json::to_value(r.monte_carlo.as_ref().unwrap()).unwrap()["totals"]["climate_change"]
            ["total"]["mean"]
            .as_f64()
            .unwrap()
    };
    // The estate's draws centre on the estate's total, not the fleet's alone.
    let fleet_only = Estate {
        rooms: vec![],
        cloud: vec![],
        services: vec![],
        ..estate.clone()
    };
    let fleet = evaluate_estate(ds, &fleet_only, &files, &options).unwrap();
    let total = with
        .totals
        .impacts
        .total(Indicator::ClimateChange)
        .unwrap()
        .range
        .central;
    let fleet_total = fleet
        .totals
        .impacts
        .total(Indicator::ClimateChange)
        .unwrap()
        .range
        .central;
    let added = total - fleet_total;
    assert!(added > 1000.0, "hosting and services add {added}");
    let drawn_added = mean(&with) - mean(&fleet);
    assert!(
        (drawn_added - added).abs() < 0.5 * added,
        "drawn {drawn_added} vs {added}"
    );
}

#[test]
fn estates_are_told_apart_from_inventories_by_name_or_content() {
    use empreinte::estate::is_estate;
    let sample = std::fs::read(root().join("examples/estates/ville-montclair.toml")).unwrap();
    assert!(is_estate("ville-montclair.toml", &sample));
    assert!(is_estate("", &sample), "TOML text without a name");
    for toml in [
        "[[fleet]]\npath = \"a.csv\"\n",
        "\n# c\n[commune]\n",
        "year=2025\n",
    ] {
        assert!(is_estate("", toml.as_bytes()), "{toml}");
    }
    assert!(is_estate("", br#"{"services": []}"#));
    for inventory in [
        "category;quantity\nlaptop;2\n",
        "commune;category\nX;laptop\n",
        r#"[{"category": "laptop"}]"#,
        r#"{"lines": [{"category": "laptop"}], "fleet": 1}"#,
        "",
    ] {
        assert!(!is_estate("parc.csv", inventory.as_bytes()), "{inventory}");
    }
}

#[test]
fn a_json_value_reads_as_json_text_does() {
    let value = serde_json::json!({"year": 2024, "services": [{"visio": {"uses": 10}}]});
    let a = Estate::from_value("e", value.clone()).unwrap();
    let b = Estate::from_json("e", &value.to_string()).unwrap();
    let ds = Dataset::embedded_default();
    let (files, o) = (InMemoryFiles::default(), EvaluationOptions::default());
    assert_eq!(
        evaluate_estate(ds, &a, &files, &o).unwrap().to_json(),
        evaluate_estate(ds, &b, &files, &o).unwrap().to_json()
    );
    let e = Estate::from_value("e", serde_json::json!({"colour": 1})).unwrap_err();
    assert_eq!(
        (e.code(), e.line(), e.file()),
        ("estate_syntax", None, Some("e"))
    );
}

#[test]
fn deep_nesting_is_a_located_error_not_a_stack_overflow() {
    let toml = format!("x = {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let e = Estate::from_toml("deep.toml", &toml).unwrap_err();
    assert_eq!((e.code(), e.line()), ("estate_syntax", Some(1)));
    let toml = format!("x = {}1{}\n", "{a=".repeat(20_000), "}".repeat(20_000));
    assert_eq!(
        Estate::from_toml("deep.toml", &toml).unwrap_err().code(),
        "estate_syntax"
    );
    let json = format!("{{\"x\": {}{}}}", "[".repeat(50_000), "]".repeat(50_000));
    assert_eq!(
        Estate::from_json("deep.json", &json).unwrap_err().code(),
        "estate_syntax"
    );
}

#[test]
fn hosting_and_services_levers_are_evaluated_by_the_same_models() {
    let ds = Dataset::embedded_default();
    let estate = sample();
    let files = Folder::new(root().join("examples/estates"));
    let report = evaluate_estate(ds, &estate, &files, &EvaluationOptions::default()).unwrap();
    let levers =
        empreinte::review::estate_levers(ds, &estate, &report, empreinte::Lang::En).unwrap();
    let titles: Vec<&str> = levers.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(levers.len(), 5, "{titles:?}");
    for l in &levers {
        let d = l.delta_kgco2e;
        assert!(
            d.central < 0.0 && d.low <= d.central && d.central <= d.high,
            "{l:?}"
        );
    }
    // Lighter e-mails: the e-mail entry evaluated again at half its size, terminals still out.
    let mail = levers
        .iter()
        .find(|l| l.title == "Lighter e-mails")
        .unwrap();
    let before = report.estate.as_ref().unwrap().services[1]
        .climate_change_kgco2e
        .unwrap();
    let r = estate.services[1].email.clone().unwrap();
    let half = empreinte::services::PerUseRequest {
        size_mb: r.size_mb.map(|s| s * 0.5),
        year: Some(2025),
        exclude_terminals: true,
        ..r
    };
    let after = half.evaluate(ds, "email").unwrap().footprint;
    let after = after.total(Indicator::ClimateChange).range.central;
    assert_eq!(mail.delta_kgco2e.central, after - before.central);
}
