//! The main levers of a responsible digital strategy, quantified on the commune's own
//! inventory with the scenario model: keep devices longer, buy refurbished, pool devices.

use super::Lever;
use crate::dataset::Dataset;
use crate::estimate::Estimate;
use crate::indicator::{Indicator, Lang};
use crate::inventory::EquipmentLine;
use crate::options::EvaluationOptions;
use crate::scenario::{run_scenarios, Lever as ScenarioLever, Scenario, ScenarioError};

/// The standard levers: each is a scenario on the inventory, the delta is its effect on this
/// year's climate footprint (negative: a reduction).
pub fn standard_levers(
    ds: &Dataset,
    lines: &[(u64, EquipmentLine)],
    options: &EvaluationOptions,
    lang: Lang,
) -> Result<Vec<Lever>, ScenarioError> {
    let fr = lang == Lang::Fr;
    let t = |a: &str, b: &str| if fr { a.to_string() } else { b.to_string() };
    let scenarios = [
        (
            Scenario {
                name: t("Garder les équipements 2 ans de plus", "Keep devices 2 years longer"),
                levers: vec![ScenarioLever::ExtendLifetime { years: 2.0, categories: vec![] }],
            },
            t(
                "Allonger de 2 ans la durée d'usage de chaque équipement (réparation, réaffectation) : la fabrication se répartit sur plus d'années.",
                "Use every device 2 more years (repair, reassignment): its manufacturing is spread over more years.",
            ),
        ),
        (
            Scenario {
                name: t("Acheter 30 % des équipements reconditionnés", "Buy 30 % of devices refurbished"),
                levers: vec![ScenarioLever::RefurbishedShare { share: 0.3, categories: vec![] }],
            },
            t(
                "30 % des ordinateurs, tablettes et smartphones neufs remplacés par du reconditionné (allocation cut-off, étude ADEME 2022).",
                "30 % of new computers, tablets and smartphones replaced by refurbished ones (cut-off allocation, ADEME 2022 study).",
            ),
        ),
        (
            Scenario {
                name: t("Mutualiser : 10 % d'équipements en moins", "Pool devices: 10 % fewer"),
                levers: vec![ScenarioLever::ReduceFleet { share: 0.1, categories: vec![] }],
            },
            t(
                "Partager les équipements peu utilisés (salles, écoles, services) pour en avoir 10 % de moins.",
                "Share little-used devices (meeting rooms, schools, departments) to have 10 % fewer.",
            ),
        ),
    ];
    let list: Vec<Scenario> = scenarios.iter().map(|(s, _)| s.clone()).collect();
    let (_, results) = run_scenarios(ds, lines, &list, options)?;
    // A lever whose effect is not available (no climate figure on either side) is not listed
    // as a zero effect: it is not quantified.
    Ok(results
        .into_iter()
        .zip(scenarios.iter())
        .filter_map(|(r, (_, description))| {
            Some(Lever {
                title: r.name.clone(),
                delta_kgco2e: r
                    .totals
                    .change
                    .total(Indicator::ClimateChange)
                    .and_then(Estimate::value)?,
                description: description.clone(),
            })
        })
        .collect())
}
