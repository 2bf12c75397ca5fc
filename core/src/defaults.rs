//! The defaults every front end shares, defined once: the CLI's clap defaults, Python's
//! `empreinte.DEFAULTS` and JS's `defaults()` read them from here, and the core's request types
//! fill an option left unset with them. A front end that writes one of these values again is
//! caught by `scripts/check_front_ends.py`.

/// The reporting year when none is given: the latest year the embedded French electricity
/// factor has a vintage for (Base Empreinte's 2025 mix, row `FR.2025.climate_change` of
/// `reference-data/ademe-negaoctet-2022/electricity.csv`).
pub const REPORTING_YEAR: i32 = 2025;

/// The last year of a trajectory when none is given: ten years after [`REPORTING_YEAR`].
pub const TRAJECTORY_HORIZON: i32 = REPORTING_YEAR + 10;

/// Years the review's trajectory looks ahead of the reporting year when no horizon is given: a
/// presentation choice of the review (a planning horizon for elected officials), not a model
/// figure.
pub const REVIEW_OUTLOOK_YEARS: i32 = 5;

/// The embedded dataset used when none is named (ADEME / NegaOctet 2022, Base Empreinte).
pub const DATASET: &str = crate::dataset::DEFAULT_DATASET_ID;

/// The embedded dataset that has the cloud and server-archetype tables (Boavizta 2.5).
pub const HOSTING_DATASET: &str = "boavizta-2.5";

/// Seed of the Monte Carlo draws when none is given: same seed, same numbers.
pub const MONTE_CARLO_SEED: u64 = 1;

/// Accounting amortisation period for IT equipment when a line gives none: 3 years, as the
/// Association Bilan Carbone's "Plan Carbone Général" does by default for IT
/// (shared/research/french-reference.md §3, BEGES method v4 capital-goods conventions).
pub const AMORTISATION_YEARS: f64 = 3.0;

/// Hours in a year of service (365 × 24; BoaviztAPI's `HOURS_IN_YEAR` too).
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// Days in a year of service ([`HOURS_PER_YEAR`] / 24): a lifespan given by two dates (a
/// NumEcoEval inventory's purchase and retirement) is their distance in days over this.
pub const DAYS_PER_YEAR: f64 = HOURS_PER_YEAR / 24.0;

/// Uses of a service when none is given.
pub const SERVICE_USES: f64 = 1.0;

/// The defaults as JSON, for the bindings (`empreinte.DEFAULTS`, `defaults()`).
pub fn defaults_json() -> serde_json::Value {
    serde_json::json!({
        "reporting_year": REPORTING_YEAR,
        "trajectory_horizon": TRAJECTORY_HORIZON,
        "review_outlook_years": REVIEW_OUTLOOK_YEARS,
        "dataset": DATASET,
        "hosting_dataset": HOSTING_DATASET,
        "monte_carlo_seed": MONTE_CARLO_SEED,
        "amortisation_years": AMORTISATION_YEARS,
        "hours_per_year": HOURS_PER_YEAR,
        "service_uses": SERVICE_USES,
    })
}
