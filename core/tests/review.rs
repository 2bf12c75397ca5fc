//! The REEN review: HTML and Markdown from a report; every figure tagged with a JSON pointer
//! shows exactly the JSON report's number; levers, previous year, languages, escaping.

use empreinte::estimate::Range;
use empreinte::review::{to_html, to_markdown, LeftOut, Lever, ReviewInput};
use empreinte::{evaluate_csv, Dataset, EvaluationOptions, Lang, Report};
use serde_json::Value;
use std::path::Path;

fn evaluate(file: &str, year: i32) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/communes")
        .join(file);
    let mut options = EvaluationOptions::new(year);
    options.inhabitants = Some(60_000.0);
    options.agents = Some(900.0);
    options.pupils = Some(5_200.0);
    let bytes = std::fs::read(path).unwrap();
    evaluate_csv(
        Dataset::embedded_default(),
        std::io::Cursor::new(bytes),
        &options,
    )
    .unwrap()
}

/// (pointer, value, previous pointer) of every tagged figure in the HTML.
fn figures(html: &str) -> Vec<(Option<String>, f64, Option<String>)> {
    let mut out = Vec::new();
    for chunk in html.split("<span class=\"fig\"").skip(1) {
        let tag = &chunk[..chunk.find('>').unwrap()];
        let attr = |name: &str| {
            let key = format!(" {name}=\"");
            tag.find(&key).map(|i| {
                let rest = &tag[i + key.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
        };
        let value: f64 = attr("data-value").unwrap().parse().unwrap();
        let (now, prev) = (attr("data-json"), attr("data-json-previous"));
        if now.is_some() || prev.is_some() {
            out.push((now, value, prev));
        }
    }
    out
}

fn json_number(doc: &Value, ptr: &str) -> f64 {
    doc.pointer(ptr)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("{ptr} is not a number of the JSON report"))
}

fn lines(file: &str) -> Vec<(u64, empreinte::EquipmentLine)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/communes")
        .join(file);
    empreinte::read_inventory(std::fs::read(path).unwrap())
        .unwrap()
        .lines
}

#[test]
fn html_figures_equal_the_json_report() {
    let mut report = evaluate("ville-montclair.csv", 2025);
    let previous = evaluate("ville-montclair.csv", 2024);
    report.year_over_year = Some(
        empreinte::year_over_year(
            Dataset::embedded_default(),
            &report,
            &previous,
            &lines("ville-montclair.csv"),
        )
        .unwrap(),
    );
    let json: Value = serde_json::from_str(&report.to_json()).unwrap();
    let prev_json: Value = serde_json::from_str(&previous.to_json()).unwrap();
    let input = ReviewInput {
        previous: Some(&previous),
        ..ReviewInput::new(&report)
    };
    let html = to_html(&input);
    let figs = figures(&html);
    assert!(figs.len() > 100, "{}", figs.len());
    for (ptr, value, prev) in &figs {
        // This year's number, last year's, or the change between them.
        let expected = match (ptr, prev) {
            (Some(n), None) => json_number(&json, n),
            (None, Some(p)) => json_number(&prev_json, p),
            (Some(n), Some(p)) => json_number(&json, n) - json_number(&prev_json, p),
            (None, None) => unreachable!(),
        };
        assert_eq!(*value, expected, "{ptr:?} {prev:?}");
    }
    for key in [
        "/totals/impacts/climate_change/total/central",
        "/totals/impacts/climate_change/manufacturing/central",
        "/per_capita/per_inhabitant/climate_change/total/central",
        "/per_capita/per_agent/climate_change/total/central",
        "/per_capita/per_pupil/climate_change/total/central",
        "/by_category/0/impacts/climate_change/total/high",
        "/by_department/0/devices",
        "/counts/devices",
        "/year_over_year/fleet_effect/climate_change/total/central",
        "/year_over_year/ageing_effect/climate_change/total/central",
        "/year_over_year/reference_effect/climate_change/total/low",
        "/year_over_year/total_change/climate_change/total/central",
    ] {
        assert!(
            figs.iter().any(|(p, _, _)| p.as_deref() == Some(key)),
            "{key} not shown"
        );
    }
    assert!(
        figs.iter().any(|(_, _, p)| p.is_some()),
        "a change since last year is shown"
    );
}

#[test]
fn html_is_self_contained_and_prints() {
    let report = evaluate("village-saint-aubin.csv", 2025);
    let html = to_html(&ReviewInput::new(&report));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("@media print") && html.contains("break-before: page"));
    assert!(html.contains("<svg") && html.contains("role=\"img\""));
    for external in ["<script", "<link", "src=\"http", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
    for section in [
        "En bref",
        "État des lieux",
        "Repères",
        "Évolution depuis l'an dernier",
        "Principaux leviers",
        "Méthode",
        "Données de référence et sources",
        "Lignes rejetées",
    ] {
        // Apostrophes are escaped like the other markup characters.
        assert!(html.contains(&section.replace('\'', "&#39;")), "{section}");
    }
    // National figures, cited, with the caveat.
    assert!(html.contains("253"));
    assert!(html.contains("4,4"));
    assert!(html.contains("29,5"));
    assert!(html.contains("ADEME / Arcep"));
    assert!(html.contains("ne se compare pas terme à terme"));
    assert!(html.contains("l&#39;inventaire de l&#39;an dernier n&#39;a pas été fourni"));
}

#[test]
fn levers_empty_and_given() {
    let report = evaluate("village-saint-aubin.csv", 2025);
    let html = to_html(&ReviewInput::new(&report));
    assert!(html.contains("Aucun scénario n&#39;a été chiffré"));
    let levers = [
        Lever {
            title: "Garder les PC portables deux ans de plus".into(),
            delta_kgco2e: Range::new(-400.0, -250.0, -120.0),
            description: "Durée de vie 5 → 7 ans".into(),
        },
        Lever {
            title: "Smartphones reconditionnés".into(),
            delta_kgco2e: Range::new(-90.0, -60.0, -30.0),
            description: "50 % des achats".into(),
        },
    ];
    let input = ReviewInput {
        levers: &levers,
        ..ReviewInput::new(&report)
    };
    let html = to_html(&input);
    assert!(!html.contains("Aucun scénario n&#39;a été chiffré"));
    let first = html.find("Garder les PC portables").unwrap();
    let second = html.find("Smartphones reconditionnés").unwrap();
    assert!(first < second, "largest saving first");
    assert!(html.contains("\u{2212}250\u{a0}kg"));
    assert!(html.contains("ne s&#39;additionnent pas"));
    let md = to_markdown(&input);
    assert!(md.contains("| **Garder les PC portables deux ans de plus** |"));
}

#[test]
fn markdown_and_english() {
    let report = evaluate("village-saint-aubin.csv", 2025);
    let input = ReviewInput {
        lang: Lang::En,
        commune: Some("Saint-Aubin"),
        ..ReviewInput::new(&report)
    };
    let md = to_markdown(&input);
    assert!(md.starts_with("# Yearly responsible digital review 2025 — Saint-Aubin"));
    for s in [
        "## At a glance",
        "## State of play",
        "## Benchmarks",
        "## Main levers",
        "## Method",
        "| Kind of device | Devices |",
    ] {
        assert!(md.contains(s), "{s}");
    }
    assert!(md.contains("does not compare one-to-one"));
    let html = to_html(&input);
    assert!(html.contains("<html lang=\"en\">"));
}

#[test]
fn user_text_is_escaped() {
    let csv = "category;quantity;department;acquisition_year\nlaptop;2;<script>alert(1)</script> | *x*;2024\nfoo;1;;2024\n";
    let report = evaluate_csv(
        Dataset::embedded_default(),
        std::io::Cursor::new(csv.as_bytes().to_vec()),
        &EvaluationOptions::new(2025),
    )
    .unwrap();
    let left_out = [LeftOut {
        what: "Monitor <b>".into(),
        source: "x.json".into(),
        code: "built_in_display".into(),
        reason: "built-in \"screen\" & co".into(),
    }];
    let input = ReviewInput {
        left_out: &left_out,
        ..ReviewInput::new(&report)
    };
    let html = to_html(&input);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("Monitor &lt;b&gt;"));
    assert!(
        html.contains("unknown_category"),
        "the rejected row is listed"
    );
    let md = to_markdown(&input);
    assert!(md.contains("\\<script\\>alert(1)\\</script\\> \\| \\*x\\*"));
}

#[test]
fn different_datasets_are_flagged() {
    let csv = b"category;quantity;acquisition_year\nlaptop;3;2022\n".to_vec();
    let o = EvaluationOptions::new(2025);
    let a = evaluate_csv(
        Dataset::embedded_default(),
        std::io::Cursor::new(csv.clone()),
        &o,
    )
    .unwrap();
    let b = evaluate_csv(
        Dataset::embedded("boavizta-2.5").unwrap(),
        std::io::Cursor::new(csv),
        &EvaluationOptions::new(2024),
    )
    .unwrap();
    let html = to_html(&ReviewInput {
        previous: Some(&b),
        ..ReviewInput::new(&a)
    });
    assert!(html.contains("pas le même jeu de données"));
}

/// The change since last year, split, in both languages and both formats: 2023 → 2024 with
/// the same inventory is all reference, and the method break of French electricity is named.
#[test]
fn the_change_is_explained_and_the_method_break_named() {
    let csv =
        "category;quantity;acquisition_year;lifetime_years\nlaptop;10;2022;6\ndesktop;4;2021;8\n";
    let ds = Dataset::embedded_default();
    let eval = |y: i32| {
        evaluate_csv(
            ds,
            std::io::Cursor::new(csv.as_bytes().to_vec()),
            &EvaluationOptions::new(y),
        )
        .unwrap()
    };
    let (mut report, previous) = (eval(2024), eval(2023));
    let lines = empreinte::read_inventory(csv.as_bytes().to_vec())
        .unwrap()
        .lines;
    report.year_over_year =
        Some(empreinte::year_over_year(ds, &report, &previous, &lines).unwrap());
    let json: Value = serde_json::from_str(&report.to_json()).unwrap();
    for lang in [Lang::Fr, Lang::En] {
        let input = ReviewInput {
            previous: Some(&previous),
            lang,
            ..ReviewInput::new(&report)
        };
        let html = to_html(&input);
        let md = to_markdown(&input);
        let figs = figures(&html);
        for key in [
            "/year_over_year/fleet_effect/climate_change/total/central",
            "/year_over_year/reference_effect/climate_change/total/central",
            "/year_over_year/method_breaks/0/previous/value",
            "/year_over_year/method_breaks/0/current/value",
        ] {
            let shown: Vec<f64> = figs
                .iter()
                .filter(|(p, _, prev)| p.as_deref() == Some(key) && prev.is_none())
                .map(|(_, v, _)| *v)
                .collect();
            assert!(!shown.is_empty(), "{key} not shown ({lang:?})");
            assert!(shown.iter().all(|v| *v == json_number(&json, key)), "{key}");
        }
        assert_eq!(
            json_number(
                &json,
                "/year_over_year/fleet_effect/climate_change/total/central"
            ),
            0.0
        );
        assert_eq!(
            json_number(&json, "/year_over_year/method_breaks/0/previous/value"),
            0.058
        );
        match lang {
            Lang::Fr => {
                for s in [
                    "Ce qui explique l'écart",
                    "Rupture de méthode",
                    "valeur d'une seule année",
                    "moyenne lissée sur quatre ans",
                    "Le parc : ce que la collectivité a fait",
                ] {
                    assert!(
                        html.contains(&s.replace('\'', "&#39;")) || html.contains(s),
                        "{s}"
                    );
                    assert!(md.contains(s), "{s}");
                }
            }
            Lang::En => {
                for s in [
                    "What explains the change",
                    "Method break",
                    "single-year figure",
                    "four-year smoothed average",
                    "The fleet: what the body did",
                ] {
                    assert!(html.contains(s), "{s}");
                    assert!(md.contains(s), "{s}");
                }
            }
        }
    }
    // Without the split (a caller that did not compute it), the section keeps its table.
    report.year_over_year = None;
    let md = to_markdown(&ReviewInput {
        previous: Some(&previous),
        ..ReviewInput::new(&report)
    });
    assert!(!md.contains("Ce qui explique l'écart"));
    assert!(md.contains("Évolution depuis l'an dernier"));
}

/// The trajectory at today's practice, with the renewal rule said, in both languages; without
/// a trajectory, no section.
#[test]
fn the_trajectory_section_says_its_renewal_rule() {
    let report = evaluate("village-saint-aubin.csv", 2025);
    let lines = lines("village-saint-aubin.csv");
    let ds = Dataset::embedded_default();
    let opts = EvaluationOptions::new(2025);
    for (rule, fr, en) in [
        (
            empreinte::Baseline::Practice,
            "Renouvellement selon la pratique de la collectivité",
            "Renewal at the body's practice",
        ),
        (
            empreinte::Baseline::DatasetLifetime,
            "Renouvellement à la durée de vie de chaque ligne",
            "Renewal at each inventory line's lifetime",
        ),
        (
            empreinte::Baseline::Lifetimes(vec![("laptop".into(), 8.0)]),
            "durées fixées par l'utilisateur",
            "lifetimes set by the user",
        ),
    ] {
        let series = empreinte::trajectory(ds, &lines, &[], 2025, 2030, &opts, &rule).unwrap();
        for lang in [Lang::Fr, Lang::En] {
            let input = ReviewInput {
                trajectory: Some(&series),
                lang,
                ..ReviewInput::new(&report)
            };
            let md = to_markdown(&input);
            let html = to_html(&input);
            let (title, sentence) = match lang {
                Lang::Fr => ("## Trajectoire à pratique constante", fr),
                Lang::En => ("## Trajectory at today's practice", en),
            };
            assert!(md.contains(title), "{lang:?}");
            assert!(md.contains(sentence), "{lang:?} {rule:?}");
            assert!(html.contains("id=\"trajectory\""));
            // Each year's figure, exactly.
            for p in &series[0].years {
                let v = p
                    .impacts
                    .total(empreinte::Indicator::ClimateChange)
                    .unwrap()
                    .range
                    .central;
                assert!(html.contains(&format!("data-value=\"{v}\"")), "{}", p.year);
            }
        }
    }
    let md = to_markdown(&ReviewInput::new(&report));
    assert!(!md.contains("Trajectoire à pratique constante"));
}
