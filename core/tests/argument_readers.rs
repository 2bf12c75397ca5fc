//! The hand-written argument readers (`empreinte::json`): what the core writes reads back the
//! same, through serde and directly; any JSON value gives a value or an error, never a panic.

use empreinte::json::ShapeError;
use empreinte::scenario::{Lever, Scenario};
use empreinte::uncertainty::MonteCarloOptions;
use empreinte::{Allocation, Annualisation, EvaluationOptions, ReplacedPart};
use proptest::prelude::*;
use serde_json::{json, Value};

fn annualisation() -> impl Strategy<Value = Annualisation> {
    prop_oneof![
        Just(Annualisation::PhysicalLifetime),
        Just(Annualisation::None),
        (0.5f64..50.0).prop_map(|default_years| Annualisation::Accounting { default_years }),
    ]
}

fn options() -> impl Strategy<Value = EvaluationOptions> {
    (
        1990i32..2100,
        annualisation(),
        proptest::option::of("[A-Z]{2}"),
        proptest::option::of(1.0f64..1e7),
        proptest::option::of(1.0f64..1e5),
        any::<bool>(),
        proptest::option::of((1u32..1000, 0u64..(1 << 53))),
    )
        .prop_map(|(year, a, country, inhabitants, agents, keep, mc)| {
            let mut o = EvaluationOptions::new(year);
            o.annualisation = a;
            o.default_country = country;
            o.inhabitants = inhabitants;
            o.agents = agents;
            o.keep_lines = keep;
            o.monte_carlo = mc.map(|(draws, seed)| MonteCarloOptions { draws, seed });
            o
        })
}

fn lever() -> impl Strategy<Value = Lever> {
    let categories = proptest::collection::vec("[a-z_]{1,12}", 0..3);
    prop_oneof![
        (0.0f64..10.0, categories.clone())
            .prop_map(|(years, categories)| Lever::ExtendLifetime { years, categories }),
        (0.0f64..1.0, categories.clone())
            .prop_map(|(share, categories)| Lever::RefurbishedShare { share, categories }),
        (0.0f64..1.0, categories.clone())
            .prop_map(|(share, categories)| Lever::ReduceFleet { share, categories }),
        ("[A-Z]{2}", categories).prop_map(|(country, categories)| Lever::Electricity {
            country,
            categories
        }),
    ]
}

/// Any JSON value, with the keys the readers know among random ones.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("reporting_year".to_string()),
        Just("annualisation".to_string()),
        Just("method".to_string()),
        Just("default_years".to_string()),
        Just("monte_carlo".to_string()),
        Just("draws".to_string()),
        Just("lever".to_string()),
        Just("levers".to_string()),
        Just("share".to_string()),
        Just("name".to_string()),
        Just("categories".to_string()),
        Just("climate_kgco2e".to_string()),
        "[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
        prop_oneof![
            Just("accounting"),
            Just("none"),
            Just("extend_lifetime"),
            Just("cut_off"),
            Just("x")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn message<T>(r: Result<T, ShapeError>) -> Option<String> {
    r.err().map(|e| e.to_string())
}

proptest! {
    #[test]
    fn options_read_back_what_they_write(o in options()) {
        let v = serde_json::to_value(&o).unwrap();
        prop_assert_eq!(&EvaluationOptions::from_json(&v).unwrap(), &o);
        prop_assert_eq!(serde_json::from_value::<EvaluationOptions>(v).unwrap(), o);
    }

    #[test]
    fn scenarios_read_back_what_they_write(levers in proptest::collection::vec(lever(), 0..4)) {
        let s = Scenario { name: "s".into(), levers };
        let v = serde_json::to_value(&s).unwrap();
        prop_assert_eq!(&Scenario::from_json(&v).unwrap(), &s);
        prop_assert_eq!(serde_json::from_value::<Scenario>(v).unwrap(), s);
    }

    #[test]
    fn any_json_gives_a_value_or_an_error(v in any_json()) {
        // Never a panic; an error always says something.
        for m in [
            message(EvaluationOptions::from_json(&v)),
            message(Scenario::from_json(&v)),
            message(Lever::from_json(&v)),
            message(ReplacedPart::from_json(&v)),
            message(Allocation::from_json(&v)),
            message(Annualisation::from_json(&v)),
        ]
        .into_iter()
        .flatten()
        {
            prop_assert!(!m.is_empty());
        }
    }
}

#[test]
fn errors_say_where() {
    let e = EvaluationOptions::from_json(&json!({"monte_carlo": {"draws": -1, "seed": 1}}));
    assert_eq!(
        e.unwrap_err().to_string(),
        "monte_carlo: draws: invalid value: -1, expected u32"
    );
    let e = Scenario::from_json(
        &json!({"name": "s", "levers": [{"lever": "reduce_fleet", "share": "x"}]}),
    );
    assert_eq!(
        e.unwrap_err().to_string(),
        "levers: [0]: share: invalid type: string, expected f64"
    );
}
