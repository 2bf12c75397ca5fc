//! Many bodies in one pass: each body's counts and totals are exactly what `evaluate_csv` gives
//! for its inventory alone (classifications, kernels and remembered rows carried from body to
//! body change nothing), and the pass's total is the sum of the bodies'.

use empreinte::bodies::Bodies;
use empreinte::{evaluate_bytes, Dataset, EvaluationOptions, Indicator, Phase};
use proptest::prelude::*;

fn ds() -> &'static Dataset {
    Dataset::embedded_default()
}

fn row() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "PC portable",
            "Écran",
            "smartphone",
            "grille-pain",
            "Serveur",
            "\"Unité centrale\"",
        ]),
        prop::sample::select(vec!["1", "3", "12", "0", "x"]),
        prop::sample::select(vec!["neuf", "reconditionné", "réemploi", ""]),
        prop::sample::select(vec!["2018", "2024", "", "2031"]),
        prop::sample::select(vec!["FR", "DE", ""]),
        prop::sample::select(vec!["Mairie", "École", ""]),
    )
        .prop_map(|(c, q, s, y, p, d)| format!("{c};{q};{s};{y};{p};{d}\n"))
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        9 => prop::collection::vec(row(), 0..40).prop_map(|rows| {
            let mut csv = "Catégorie;Qté;État;Année;Pays;Service\n".to_string();
            rows.iter().for_each(|r| csv.push_str(r));
            csv.into_bytes()
        }),
        1 => Just(Vec::new()),
        1 => Just(br#"[{"category": "laptop", "quantity": 4, "acquisition_year": 2023}]"#.to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn each_body_is_its_own_evaluation(bodies in prop::collection::vec(body(), 1..12)) {
        let options = EvaluationOptions::new(2025);
        let mut pass = Bodies::new(ds(), options.clone()).unwrap();
        let (mut read, mut failed) = (0u64, 0u64);
        for (i, bytes) in bodies.iter().enumerate() {
            let got = pass.add_bytes(&format!("body {i}"), bytes.clone());
            match evaluate_bytes(ds(), bytes.clone(), &options) {
                Ok(alone) => {
                    prop_assert!(got.error.is_none());
                    prop_assert_eq!(got.counts, alone.counts);
                    prop_assert_eq!(
                        serde_json::to_value(&got.totals).unwrap(),
                        serde_json::to_value(&alone.totals).unwrap()
                    );
                    let listed = alone.rejected.len().min(empreinte::bodies::REJECTED_LISTED);
                    prop_assert_eq!(&got.rejected[..], &alone.rejected[..listed]);
                    read += alone.counts.rows_read;
                }
                Err(e) => {
                    prop_assert_eq!(got.error.map(|e| e.code), Some(e.code()));
                    failed += 1;
                }
            }
        }
        let total = pass.finish();
        prop_assert_eq!((total.bodies, total.failed), (bodies.len() as u64, failed));
        prop_assert_eq!(total.counts.rows_read, read);
    }
}

#[test]
fn the_total_is_the_sum_of_the_bodies() {
    let mut pass = Bodies::new(ds(), EvaluationOptions::new(2025)).unwrap();
    let bodies = [
        "category;quantity;acquisition_year\nlaptop;3;2022\nécran;2;2020\n",
        "category;quantity;acquisition_year\nlaptop;5;2024\nsmartphone;9;2023\n",
    ];
    let mut sum = 0.0;
    for (i, b) in bodies.iter().enumerate() {
        let r = pass.add_bytes(&i.to_string(), b.as_bytes().to_vec());
        sum += r
            .totals
            .impacts
            .get(Indicator::ClimateChange, Phase::Use)
            .unwrap()
            .range
            .central;
    }
    let total = pass.finish();
    let got = total
        .totals
        .impacts
        .get(Indicator::ClimateChange, Phase::Use)
        .unwrap();
    assert_eq!(got.range.central, sum);
    assert_eq!(total.totals.lines, 4);
    let options = EvaluationOptions {
        monte_carlo: Some(empreinte::MonteCarloOptions { draws: 10, seed: 1 }),
        ..EvaluationOptions::new(2025)
    };
    assert_eq!(
        Bodies::new(ds(), options).unwrap_err().code(),
        "invalid_option"
    );
}
