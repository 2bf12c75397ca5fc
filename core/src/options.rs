//! What an evaluation is asked for: the reporting year, how embodied impacts are spread
//! over the years, and the denominators for per-capita figures.

use serde::{Deserialize, Serialize};

/// Default accounting amortisation period for IT equipment when a line gives none: 3 years,
/// as the Association Bilan Carbone's "Plan Carbone Général" does by default for IT
/// (shared/research/french-reference.md §3, BEGES method v4 capital-goods conventions).
pub const DEFAULT_AMORTISATION_YEARS: f64 = 3.0;

/// How the embodied impacts of a device (manufacturing, distribution, end of life) are
/// spread over reporting years. The three conventions of the BEGES method v4 for capital goods.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(
    tag = "method",
    rename_all = "snake_case",
    try_from = "AnnualisationFields"
)]
pub enum Annualisation {
    /// Over the device's physical lifetime (default): `1 / lifetime` per year of service.
    #[default]
    PhysicalLifetime,
    /// Over the accounting amortisation period of each line, or `default_years` (3 by default).
    Accounting {
        #[serde(default = "default_amortisation_years")]
        default_years: f64,
    },
    /// Not spread: everything in the acquisition year.
    None,
}

impl Annualisation {
    pub fn id(&self) -> &'static str {
        match self {
            Annualisation::PhysicalLifetime => "physical_lifetime",
            Annualisation::Accounting { .. } => "accounting",
            Annualisation::None => "none",
        }
    }

    /// Parses `physical_lifetime` / `physical`, `accounting` / `amortisation`, `none`.
    pub fn parse(text: &str) -> Option<Annualisation> {
        match crate::names::normalize(text).as_str() {
            "physical lifetime" | "physical" | "lifetime" | "duree de vie" => {
                Some(Annualisation::PhysicalLifetime)
            }
            "accounting" | "amortisation" | "amortization" | "amortissement" | "comptable" => {
                Some(Annualisation::Accounting {
                    default_years: DEFAULT_AMORTISATION_YEARS,
                })
            }
            "none" | "aucun" | "aucune" | "acquisition year" => Some(Annualisation::None),
            _ => None,
        }
    }
}

/// `{"method": ..., "default_years": ...}` as read, before it is checked against the method.
/// Read flat rather than as serde's internally tagged enum, which buffers its input and
/// costs much code (a concern in WebAssembly); the accepted JSON is the same.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnualisationFields {
    method: AnnualisationMethod,
    #[serde(default)]
    default_years: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum AnnualisationMethod {
    PhysicalLifetime,
    Accounting,
    None,
}

impl TryFrom<AnnualisationFields> for Annualisation {
    type Error = String;

    fn try_from(f: AnnualisationFields) -> Result<Annualisation, String> {
        match (f.method, f.default_years) {
            (AnnualisationMethod::Accounting, years) => Ok(Annualisation::Accounting {
                default_years: years.unwrap_or(DEFAULT_AMORTISATION_YEARS),
            }),
            (_, Some(_)) => Err(
                "unknown field `default_years`: only the `accounting` method has one".to_string(),
            ),
            (AnnualisationMethod::PhysicalLifetime, None) => Ok(Annualisation::PhysicalLifetime),
            (AnnualisationMethod::None, None) => Ok(Annualisation::None),
        }
    }
}

/// Options of an evaluation. Unknown keys are refused, so a misspelt option is never ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluationOptions {
    /// The year the footprint is computed for.
    pub reporting_year: i32,
    pub annualisation: Annualisation,
    /// Country of lines that give none (default: the dataset's, France for the ADEME set).
    pub default_country: Option<String>,
    /// Denominators for per-capita figures, when known.
    pub inhabitants: Option<f64>,
    pub agents: Option<f64>,
    pub pupils: Option<f64>,
    /// Keep one result per line in the report (off for big inventories: memory stays bounded).
    pub keep_lines: bool,
    /// Draw the dataset's factors this many times (seeded) for mean and percentiles.
    pub monte_carlo: Option<crate::uncertainty::MonteCarloOptions>,
}

impl Default for EvaluationOptions {
    fn default() -> Self {
        EvaluationOptions::new(2025)
    }
}

impl EvaluationOptions {
    /// Options for a reporting year, everything else by default.
    pub fn new(reporting_year: i32) -> EvaluationOptions {
        EvaluationOptions {
            reporting_year,
            annualisation: Annualisation::PhysicalLifetime,
            default_country: None,
            inhabitants: None,
            agents: None,
            pupils: None,
            keep_lines: false,
            monte_carlo: None,
        }
    }
}
