//! Procurement: compare offers for one need — new, refurbished or reused, lifetimes, usage —
//! per year of service, with ranges, the break-even lifetime and the cost per kg avoided.
//!
//! Each offer is one device evaluated by the fleet model with no acquisition year, which is
//! exactly its footprint per year of service: embodied / lifetime + one year of use.

use crate::dataset::N_IND;
use crate::dataset::{Dataset, DatasetInfo};
use crate::estimate::Range;
use crate::evaluate::Evaluation;
use crate::fleet::{LineImpacts, TOTAL};
use crate::indicator::{Indicator, Phase};
use crate::inventory::{Condition, EquipmentLine, RowError};
use crate::json::{deserialize_with_reader, variant, Object, ShapeError};
use crate::options::EvaluationOptions;
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// How a refurbished device's impacts are allocated between its lives.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// The second life carries refurbishment, replaced parts and transport, not the first
    /// manufacturing (ADEME 2022 refurbished-products study).
    #[default]
    CutOff,
    /// The first manufacturing is shared between the two lives in proportion to their
    /// durations: the refurbished device also carries manufacturing × L2 / (L1 + L2), L1 being
    /// the dataset's lifetime of a new device. Applies to refurbished and reused offers.
    SharedFirstLife,
}

/// A part replaced or added by the refurbisher (battery, screen, storage, charger...), with its
/// embodied climate impact as the buyer's source gives it (kg CO2e, with a range).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplacedPart {
    /// What the part is (`battery`, `screen`...).
    pub name: String,
    /// Its embodied climate change (kgCO2e), with its range.
    pub climate_kgco2e: Range,
}

impl Allocation {
    /// `"cut_off"` or `"shared_first_life"`.
    pub fn from_json(v: &Value) -> Result<Allocation, ShapeError> {
        Ok(match variant(v, &["cut_off", "shared_first_life"])? {
            "cut_off" => Allocation::CutOff,
            _ => Allocation::SharedFirstLife,
        })
    }
}

impl ReplacedPart {
    /// `{"name": ..., "climate_kgco2e": {"low", "central", "high"}}`.
    pub fn from_json(v: &Value) -> Result<ReplacedPart, ShapeError> {
        let o = Object::new(v, &["name", "climate_kgco2e"])?;
        let range = o
            .read("climate_kgco2e", |r| {
                let r = Object::new(r, &["low", "central", "high"])?;
                let n = |k: &str| r.f64(k)?.ok_or_else(|| ShapeError::missing(k));
                Ok(Range {
                    low: n("low")?,
                    central: n("central")?,
                    high: n("high")?,
                })
            })?
            .ok_or_else(|| ShapeError::missing("climate_kgco2e"))?;
        Ok(ReplacedPart {
            name: o
                .string("name")?
                .ok_or_else(|| ShapeError::missing("name"))?,
            climate_kgco2e: range,
        })
    }
}

deserialize_with_reader!(Allocation, Allocation::from_json);
deserialize_with_reader!(ReplacedPart, ReplacedPart::from_json);

/// One offer for the need.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// Name of the offer, shown in results and messages.
    pub name: String,
    /// The device: category, condition, expected lifetime, usage, country. Quantity and
    /// acquisition year are ignored (results are per device and per year of service).
    pub device: EquipmentLine,
    /// Parts the refurbisher replaced or added (climate change only): spread over the offer's
    /// lifetime as manufacturing; for a repaired device they stand instead of the dataset's repair
    /// figure.
    pub replaced_parts: Vec<ReplacedPart>,
    /// Price of one device (euros), for the cost per kg avoided; `None`: no price given.
    pub unit_price_eur: Option<f64>,
}

/// Why a comparison could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    /// The list of offers is empty.
    #[error("no offer to compare; give at least one")]
    NoOffers,
    /// An offer could not be evaluated (unknown category, no figures for its class, a value out of
    /// range...).
    #[error("offer {index} ({name}): {error}")]
    Offer {
        /// 0-based position of the offer.
        index: usize,
        /// Name of the offer.
        name: String,
        /// Why it could not be evaluated.
        error: RowError,
    },
    /// A unit price that is negative or not finite.
    #[error(
        "offer {index} ({name}): unit price {} must be a finite amount of euros, 0 or more",
        crate::decimal::Num(*value)
    )]
    Price {
        /// 0-based position of the offer.
        index: usize,
        /// Name of the offer.
        name: String,
        /// The price given.
        value: f64,
    },
    /// A replaced part whose range is not `0 <= low <= central <= high`.
    #[error(
        "offer {index} ({name}): replaced part {part:?} needs 0 <= low <= central <= high kg CO2e"
    )]
    Part {
        /// 0-based position of the offer.
        index: usize,
        /// Name of the offer.
        name: String,
        /// Name of the part.
        part: String,
    },
    /// The offers' devices cannot be read as inventory lines at all (two keys giving one
    /// field...).
    #[error("offers' devices: {0}")]
    Devices(crate::InventoryError),
}

impl CompareError {
    /// A stable, machine-readable code (that of the row error for [`CompareError::Offer`]).
    pub fn code(&self) -> &'static str {
        match self {
            CompareError::NoOffers => "no_offers",
            CompareError::Offer { error, .. } => error.code(),
            CompareError::Price { .. } => "out_of_range",
            CompareError::Part { .. } => "out_of_range",
            CompareError::Devices(e) => e.code(),
        }
    }
}

/// When the first offer breaks even with another, on climate change (central values).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BreakEven {
    /// Years the first offer must last for its annual impact to equal this offer's
    /// (`None`: never, its yearly use alone exceeds this offer's total).
    pub first_offer_lifetime_to_match_years: Option<f64>,
    /// Years this offer must last to equal the first offer's annual impact.
    pub lifetime_to_match_first_years: Option<f64>,
}

/// One offer's footprint per year of service.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferResult {
    /// Name of the offer.
    pub name: String,
    /// Id of the category it was evaluated as.
    pub category: String,
    /// Its condition.
    pub condition: Condition,
    /// Years of service its embodied impacts are spread over (its lifetime, else the dataset's for
    /// its class and condition).
    pub lifetime_years: f64,
    /// Its electricity per year of service (kWh).
    pub electricity_kwh_per_year: f64,
    /// Per indicator slot: the four phases and the total, per year of service.
    pub per_year: LineImpacts,
    /// Per indicator slot, one bit per phase: included in the manufacturing figure (lumped), not
    /// available separately (its `per_year` cell is zero so that the total adds up).
    pub included: [u8; N_IND],
    /// The dataset's indicators, in reporting order.
    pub indicators: Vec<Indicator>,
    /// Climate change, central, kg CO2e per year: the headline (`None`: not available).
    pub climate_change_kgco2e_per_year: Option<f64>,
    /// Against the first offer, climate change central: kg per year and percent (negative =
    /// less); `None` when either figure is not available.
    pub difference_kgco2e_per_year: Option<f64>,
    /// The difference in percent of the first offer's figure (`None` when not available or that
    /// figure is zero).
    pub difference_percent: Option<f64>,
    /// Break-even lifetimes against the first offer (`None` for the first offer, or when a figure
    /// is not available).
    pub break_even: Option<BreakEven>,
    /// Unit price spread over the lifetime (euros per year); `None` without a price.
    pub cost_per_year_eur: Option<f64>,
    /// kg CO2e avoided per year against the first offer, per euro spent per year on this one.
    pub kgco2e_avoided_per_eur: Option<f64>,
}

/// The comparison of offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Identity of the dataset used.
    pub dataset: DatasetInfo,
    /// The year whose electricity factors are used.
    pub reporting_year: i32,
    /// How refurbished and reused devices share the first manufacturing.
    pub allocation: Allocation,
    /// The offers in the order given; the first is the reference the others are compared with.
    pub offers: Vec<OfferResult>,
}

fn embodied(row: &[Option<Range>; 5]) -> Option<Range> {
    [Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife]
        .iter()
        .try_fold(Range::ZERO, |acc, p| row[p.index()].map(|v| acc + v))
}

/// Compares offers for one need, per year of service, electricity of `reporting_year`.
///
/// ```
/// use empreinte::{compare_offers, Allocation, Condition, Dataset, EquipmentLine, Offer};
///
/// let offer = |name: &str, condition: Condition, price: f64| {
///     let mut device = EquipmentLine::new("laptop", 1);
///     device.condition = condition;
///     Offer { name: name.into(), device, replaced_parts: vec![], unit_price_eur: Some(price) }
/// };
/// let offers = [
///     offer("new", Condition::New, 900.0),
///     offer("refurbished", Condition::Refurbished, 450.0),
/// ];
/// let c = compare_offers(Dataset::embedded_default(), &offers, 2025, Allocation::CutOff)?;
/// let (new, refurbished) = (&c.offers[0], &c.offers[1]);
/// assert!(new.climate_change_kgco2e_per_year.unwrap() > 0.0);
/// // Against the first offer: less CO2e per year of service, for less money.
/// assert!(refurbished.difference_kgco2e_per_year.unwrap() < 0.0);
/// assert!(refurbished.kgco2e_avoided_per_eur.unwrap() > 0.0);
/// // How long the new laptop would have to last to match it.
/// let years = refurbished.break_even.unwrap().first_offer_lifetime_to_match_years.unwrap();
/// assert!(years > new.lifetime_years);
/// # Ok::<(), empreinte::CompareError>(())
/// ```
pub fn compare_offers(
    ds: &Dataset,
    offers: &[Offer],
    reporting_year: i32,
    allocation: Allocation,
) -> Result<Comparison, CompareError> {
    if offers.is_empty() {
        return Err(CompareError::NoOffers);
    }
    let mut ev = Evaluation::new(ds, EvaluationOptions::new(reporting_year)).map_err(|error| {
        CompareError::Offer {
            index: 0,
            name: offers[0].name.clone(),
            error,
        }
    })?;
    let mut results: Vec<OfferResult> = Vec::with_capacity(offers.len());
    for (index, offer) in offers.iter().enumerate() {
        let fail = |error: RowError| CompareError::Offer {
            index,
            name: offer.name.clone(),
            error,
        };
        if let Some(p) = offer
            .unit_price_eur
            .filter(|p| !(p.is_finite() && *p >= 0.0))
        {
            return Err(CompareError::Price {
                index,
                name: offer.name.clone(),
                value: p,
            });
        }
        let mut device = offer.device.clone();
        device.quantity = 1;
        device.acquisition_year = None;
        let f = ev.footprint(index as u64 + 1, &device).map_err(fail)?;
        // An offer is a choice between figures: one without them cannot be compared.
        let class = ds.category(f.category);
        if class.coverage == crate::dataset::Coverage::NotAvailable {
            return Err(fail(RowError::NoFigures {
                category: class.id.clone(),
                dataset: ds.id().to_string(),
            }));
        }
        let second_life_data = ds.second_life_years(f.category).is_some();
        // A repaired device with the buyer's own parts needs no refurbishment figure.
        let parts_given =
            device.condition == Condition::Repaired && !offer.replaced_parts.is_empty();
        let needs_second_life = matches!(
            device.condition,
            Condition::Refurbished | Condition::Repaired
        );
        if needs_second_life && !second_life_data && !parts_given {
            return Err(fail(RowError::NoRefurbishmentData {
                category: class.id.clone(),
                dataset: ds.id().to_string(),
                available: ds
                    .refurbishable_categories()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }));
        }
        let mut per_year = f.impacts;
        let life = f.period_years;
        let cat = ds.category(f.category);

        // Replaced parts: their embodied impact over the offer's lifetime, as manufacturing.
        let mut parts = Range::ZERO;
        for part in &offer.replaced_parts {
            let r = part.climate_kgco2e;
            if !(r.low.is_finite()
                && 0.0 <= r.low
                && r.low <= r.central
                && r.central <= r.high
                && r.high.is_finite())
            {
                return Err(CompareError::Part {
                    index,
                    name: offer.name.clone(),
                    part: part.name.clone(),
                });
            }
            parts = parts + r;
        }
        // The first life's share of manufacturing, when allocation shares it.
        let second_life =
            allocation == Allocation::SharedFirstLife && offer.device.condition != Condition::New;
        for &ind in ds.indicators() {
            let row = &mut per_year[ind as usize];
            let repaired_parts = ind == Indicator::ClimateChange
                && offer.device.condition == Condition::Repaired
                && !offer.replaced_parts.is_empty();
            if repaired_parts {
                // The buyer's repair parts win over the dataset's stand-in for them.
                row[Phase::Manufacturing.index()] = Some(parts.scale(1.0 / life));
            }
            let mut add = |extra: Option<Range>| {
                let m = &mut row[Phase::Manufacturing.index()];
                *m = match (*m, extra) {
                    (Some(a), Some(b)) => Some(a + b),
                    (_, None) => None,
                    (None, _) => None,
                };
            };
            if ind == Indicator::ClimateChange
                && !offer.replaced_parts.is_empty()
                && !repaired_parts
            {
                add(Some(parts.scale(1.0 / life)));
            }
            if second_life {
                let first = ds
                    .embodied_factor(f.category, Phase::Manufacturing, ind)
                    .map(|r| {
                        ds.factor(r)
                            .value
                            .scale(1.0 / (cat.lifetime_years.central + life))
                    });
                add(first);
            }
            row[TOTAL] = Phase::ALL
                .iter()
                .try_fold(Range::ZERO, |acc, p| row[p.index()].map(|v| acc + v));
        }
        let climate = per_year[Indicator::ClimateChange as usize][TOTAL].map(|r| r.central);
        results.push(OfferResult {
            name: offer.name.clone(),
            category: cat.id.clone(),
            condition: offer.device.condition,
            lifetime_years: life,
            electricity_kwh_per_year: f.electricity_kwh,
            per_year,
            included: f.included,
            indicators: ds.indicators().to_vec(),
            climate_change_kgco2e_per_year: climate,
            difference_kgco2e_per_year: climate.map(|_| 0.0),
            difference_percent: None,
            break_even: None,
            cost_per_year_eur: offer.unit_price_eur.map(|p| p / life),
            kgco2e_avoided_per_eur: None,
        });
    }

    // Against the first offer.
    let first = results[0].clone();
    let cc = Indicator::ClimateChange as usize;
    // (embodied over the whole life, use per year, total per year): only where all are known.
    let figures = |r: &OfferResult| {
        let use_per_year = r.per_year[cc][Phase::Use.index()]?.central;
        let whole = embodied(&r.per_year[cc])?.central * r.lifetime_years;
        Some((whole, use_per_year, r.climate_change_kgco2e_per_year?))
    };
    // Lifetime L such that embodied_whole / L + use = target.
    let to_match = |embodied_whole: f64, use_per_year: f64, target: f64| {
        (target > use_per_year).then(|| embodied_whole / (target - use_per_year))
    };
    for r in results.iter_mut().skip(1) {
        let Some(((e0, u0, t0), (e1, u1, t1))) = figures(&first).zip(figures(r)) else {
            // Either figure is not available: no difference, no break-even (never a zero).
            r.difference_kgco2e_per_year = None;
            continue;
        };
        let difference = t1 - t0;
        r.difference_kgco2e_per_year = Some(difference);
        r.difference_percent = (t0 != 0.0).then(|| difference / t0 * 100.0);
        r.break_even = Some(BreakEven {
            first_offer_lifetime_to_match_years: to_match(e0, u0, t1),
            lifetime_to_match_first_years: to_match(e1, u1, t0),
        });
        r.kgco2e_avoided_per_eur = r
            .cost_per_year_eur
            .filter(|c| *c > 0.0)
            .map(|c| -difference / c);
    }
    Ok(Comparison {
        dataset: ds.info().clone(),
        reporting_year,
        allocation,
        offers: results,
    })
}

impl Serialize for OfferResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct PerYear<'a>(&'a OfferResult);
        impl Serialize for PerYear<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.indicators.len()))?;
                for ind in &self.0.indicators {
                    let row = &self.0.per_year[*ind as usize];
                    let mut cells = serde_json::Map::new();
                    // `null` is not available; a phase included in a lumped manufacturing
                    // figure is the string "included_in_manufacturing", never a zero.
                    let mut put = |k: &str, v: Option<Range>, included: bool| {
                        let v = if included {
                            "included_in_manufacturing".into()
                        } else {
                            serde_json::to_value(v).unwrap_or_default()
                        };
                        cells.insert(k.into(), v);
                    };
                    for p in Phase::ALL {
                        let included = self.0.included[*ind as usize] & (1 << p.index()) != 0;
                        put(p.id(), row[p.index()], included);
                    }
                    put("embodied", embodied(row), false);
                    put("total", row[TOTAL], false);
                    cells.insert("unit".into(), ind.unit().into());
                    m.serialize_entry(ind.id(), &cells)?;
                }
                m.end()
            }
        }
        let mut st = s.serialize_struct("OfferResult", 13)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("category", &self.category)?;
        st.serialize_field("condition", &self.condition)?;
        st.serialize_field("lifetime_years", &self.lifetime_years)?;
        st.serialize_field("electricity_kwh_per_year", &self.electricity_kwh_per_year)?;
        st.serialize_field(
            "climate_change_kgco2e_per_year",
            &self.climate_change_kgco2e_per_year,
        )?;
        st.serialize_field(
            "difference_kgco2e_per_year",
            &self.difference_kgco2e_per_year,
        )?;
        st.serialize_field("difference_percent", &self.difference_percent)?;
        st.serialize_field("break_even", &self.break_even)?;
        st.serialize_field("cost_per_year_eur", &self.cost_per_year_eur)?;
        st.serialize_field("kgco2e_avoided_per_eur", &self.kgco2e_avoided_per_eur)?;
        st.serialize_field("per_year", &PerYear(self))?;
        st.end()
    }
}
