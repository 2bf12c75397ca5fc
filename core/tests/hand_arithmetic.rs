//! The arithmetic by hand, with the default dataset's own numbers.

mod common;
use common::*;
use empreinte::{Dataset, Indicator, Phase};

/// Figures of `reference-data/ademe-negaoctet-2022/` (NegaOctet 2022 via ADEME's model):
/// laptop.manufacturing/distribution/end_of_life.climate_change = 170 / 12.3 / 2.79 kgCO2e,
/// lifetime 5 years, 26.5 W × 3 h/day × 365 days; FR.2024 / FR.2025 climate change
/// 0.0519 / 0.0461 kgCO2e/kWh (Base Empreinte, mix moyen consommation).
const MANUFACTURING: f64 = 170.0;
const DISTRIBUTION: f64 = 12.3;
const END_OF_LIFE: f64 = 2.79;
const LIFETIME: f64 = 5.0;
const KWH_PER_YEAR: f64 = 26.5 * 3.0 * 365.0 / 1000.0;
const FR_2024: f64 = 0.0519;
const FR_2025: f64 = 0.0461;

#[test]
fn the_constants_are_the_datasets() {
    let ds = Dataset::embedded_default();
    let laptop = ds.find_category("laptop").unwrap();
    let f = |p| {
        ds.factor(
            ds.embodied_factor(laptop, p, Indicator::ClimateChange)
                .unwrap(),
        )
        .value
        .central
    };
    assert_eq!(f(Phase::Manufacturing), MANUFACTURING);
    assert_eq!(f(Phase::Distribution), DISTRIBUTION);
    assert_eq!(f(Phase::EndOfLife), END_OF_LIFE);
    let cat = ds.category(laptop);
    assert_eq!(cat.lifetime_years.central, LIFETIME);
    assert!(close(cat.default_energy_kwh_per_year(), KWH_PER_YEAR));
}

#[test]
fn laptop_bought_in_2022_evaluated_for_2024() {
    let r = eval(
        Dataset::embedded_default(),
        "category;quantity;condition;acquisition_year;country\nlaptop;1;new;2022;FR\n",
        2024,
    );
    let expected_embodied = (MANUFACTURING + DISTRIBUTION + END_OF_LIFE) / LIFETIME;
    let expected_use = KWH_PER_YEAR * FR_2024;
    assert!(close(
        climate_phase(&r, Phase::Manufacturing),
        MANUFACTURING / LIFETIME
    ));
    assert!(close(
        climate_phase(&r, Phase::Distribution),
        DISTRIBUTION / LIFETIME
    ));
    assert!(close(
        climate_phase(&r, Phase::EndOfLife),
        END_OF_LIFE / LIFETIME
    ));
    assert!(close(climate_phase(&r, Phase::Use), expected_use));
    assert!(
        close(climate(&r), expected_embodied + expected_use),
        "{} vs {}",
        climate(&r),
        expected_embodied + expected_use
    );
    // ≈ 37.018 + 1.506 = 38.524 kgCO2e for the year.
    assert!((climate(&r) - 38.524).abs() < 1e-3);
    assert_eq!(r.provenance.electricity[0].year_used, Some(2024));
}

#[test]
fn the_same_laptop_in_2030_carries_only_its_use() {
    let r = eval(
        Dataset::embedded_default(),
        "category;quantity;condition;acquisition_year\nlaptop;1;new;2022\n",
        2030,
    );
    assert_eq!(climate_phase(&r, Phase::Manufacturing), 0.0);
    assert_eq!(climate_phase(&r, Phase::Distribution), 0.0);
    assert_eq!(climate_phase(&r, Phase::EndOfLife), 0.0);
    // No 2030 factor: the latest vintage (2025) is used, and the report says so.
    assert!(close(climate(&r), KWH_PER_YEAR * FR_2025));
    assert_eq!(r.provenance.electricity[0].year_used, Some(2025));
    assert!(r.warnings.iter().any(|w| w.code == "electricity_vintage"));
}

#[test]
fn quantity_multiplies() {
    let one = eval(
        Dataset::embedded_default(),
        "category;quantity;acquisition_year\nlaptop;1;2023\n",
        2024,
    );
    let ten = eval(
        Dataset::embedded_default(),
        "category;quantity;acquisition_year\nlaptop;10;2023\n",
        2024,
    );
    assert!(close(climate(&ten), 10.0 * climate(&one)));
}
