//! What an evaluation is asked for: the reporting year, how embodied impacts are spread
//! over the years, the denominators for per-capita figures, and the Monte Carlo draws.

use crate::json::{deserialize_with_reader, variant, Object, ShapeError};
use serde::Serialize;
use serde_json::Value;

/// Default accounting amortisation period for IT equipment when a line gives none (3 years).
pub use crate::defaults::AMORTISATION_YEARS as DEFAULT_AMORTISATION_YEARS;

/// How the embodied impacts of a device (manufacturing, distribution, end of life) are
/// spread over reporting years. The three conventions of the BEGES method v4 for capital goods.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Annualisation {
    /// Over the device's physical lifetime (default): `1 / lifetime` per year of service.
    #[default]
    PhysicalLifetime,
    /// Over the accounting amortisation period of each line, or `default_years` (3 by default).
    Accounting {
        /// Years for lines without an amortisation period.
        #[serde(default = "default_amortisation_years")]
        default_years: f64,
    },
    /// Not spread: everything in the acquisition year.
    None,
}

impl Annualisation {
    /// Stable id: `physical_lifetime`, `accounting` or `none`.
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

impl Annualisation {
    /// `{"method": "physical_lifetime" | "accounting" | "none", "default_years"?: years}`;
    /// `default_years` belongs to `accounting` (3 when absent).
    pub fn from_json(v: &Value) -> Result<Annualisation, ShapeError> {
        let o = Object::new(v, &["method", "default_years"])?;
        let method = o
            .get("method")
            .ok_or_else(|| ShapeError::missing("method"))?;
        let method = variant(method, &["physical_lifetime", "accounting", "none"])
            .map_err(|e| e.within("method"))?;
        let years = o.f64("default_years")?;
        match (method, years) {
            ("accounting", years) => Ok(Annualisation::Accounting {
                default_years: years.unwrap_or(DEFAULT_AMORTISATION_YEARS),
            }),
            (_, Some(_)) => Err(ShapeError::new(
                "unknown field `default_years`: only the `accounting` method has one",
            )),
            ("none", None) => Ok(Annualisation::None),
            _ => Ok(Annualisation::PhysicalLifetime),
        }
    }
}

deserialize_with_reader!(Annualisation, Annualisation::from_json);

/// Most draws accepted.
pub const MAX_DRAWS: u32 = 1_000_000;

/// A Monte Carlo request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonteCarloOptions {
    /// Number of draws (1 to [`MAX_DRAWS`]).
    pub draws: u32,
    /// Seed of the generator: the same seed gives the same draws on every platform.
    pub seed: u64,
}

impl MonteCarloOptions {
    /// `{"draws": n, "seed": s}`, both required.
    pub fn from_json(v: &Value) -> Result<MonteCarloOptions, ShapeError> {
        let o = Object::new(v, &["draws", "seed"])?;
        Ok(MonteCarloOptions {
            draws: o
                .u32("draws")?
                .ok_or_else(|| ShapeError::missing("draws"))?,
            seed: o.u64("seed")?.ok_or_else(|| ShapeError::missing("seed"))?,
        })
    }
}

deserialize_with_reader!(MonteCarloOptions, MonteCarloOptions::from_json);

/// Options of an evaluation. Unknown keys are refused, so a misspelt option is never ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationOptions {
    /// The year the footprint is computed for.
    pub reporting_year: i32,
    /// How embodied impacts are spread over the years.
    pub annualisation: Annualisation,
    /// Country of lines that give none (default: the dataset's, France for the ADEME set).
    pub default_country: Option<String>,
    /// Number of inhabitants, the denominator of per-inhabitant figures (`None`: not known).
    pub inhabitants: Option<f64>,
    /// Number of agents, the denominator of per-agent figures (`None`: not known).
    pub agents: Option<f64>,
    /// Number of pupils, the denominator of per-pupil figures (`None`: not known).
    pub pupils: Option<f64>,
    /// Keep one result per line in the report (off for big inventories: memory stays bounded).
    pub keep_lines: bool,
    /// Draw the dataset's factors this many times (seeded) for mean and percentiles.
    pub monte_carlo: Option<MonteCarloOptions>,
    /// For an indicator whose manufacturing the dataset does not cover, give the use phase
    /// alone as its total, labelled `use_phase_only` (off: the total is not available).
    pub use_phase_only_indicators: bool,
}

impl Default for EvaluationOptions {
    fn default() -> Self {
        EvaluationOptions::new(crate::defaults::REPORTING_YEAR)
    }
}

deserialize_with_reader!(EvaluationOptions, EvaluationOptions::from_json);

impl EvaluationOptions {
    /// The options as JSON gives them: every key optional (the defaults of
    /// [`EvaluationOptions::new`]`(`[`REPORTING_YEAR`](crate::defaults::REPORTING_YEAR)`)`), unknown keys refused so that a misspelt option is
    /// never ignored.
    pub fn from_json(v: &Value) -> Result<EvaluationOptions, ShapeError> {
        let o = Object::new(
            v,
            &[
                "reporting_year",
                "annualisation",
                "default_country",
                "inhabitants",
                "agents",
                "pupils",
                "keep_lines",
                "monte_carlo",
                "use_phase_only_indicators",
            ],
        )?;
        let mut out = EvaluationOptions::default();
        if let Some(y) = o.i32("reporting_year")? {
            out.reporting_year = y;
        }
        if let Some(a) = o.read("annualisation", Annualisation::from_json)? {
            out.annualisation = a;
        }
        out.default_country = o.string("default_country")?;
        out.inhabitants = o.f64("inhabitants")?;
        out.agents = o.f64("agents")?;
        out.pupils = o.f64("pupils")?;
        out.keep_lines = o.bool("keep_lines")?.unwrap_or(false);
        out.monte_carlo = o.read("monte_carlo", MonteCarloOptions::from_json)?;
        out.use_phase_only_indicators = o.bool("use_phase_only_indicators")?.unwrap_or(false);
        Ok(out)
    }

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
            use_phase_only_indicators: false,
        }
    }
}
