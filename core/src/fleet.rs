//! The equipment-fleet model: one inventory line's footprint for one reporting year.
//!
//! Embodied impacts (manufacturing, distribution, end of life) are spread over a period
//! (physical lifetime, amortisation, or the acquisition year alone); a device past that period
//! carries only its use. Use = annual kWh × the electricity factor of its country and year.

use crate::dataset::{
    CategoryRef, Coverage, Dataset, ElectricityLookup, FactorRef, ZoneRef, N_IND,
};
use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use crate::inventory::{Condition, EquipmentLine, Field, RowError};
use crate::options::{Annualisation, EvaluationOptions};
use uom::si::energy::kilowatt_hour;
use uom::si::power::watt;
use uom::si::time::{hour, year};

pub use crate::inventory::MAX_QUANTITY;
/// Longest lifetime or amortisation period accepted (years).
pub const MAX_YEARS: f64 = 50.0;
/// Highest power accepted per device (W): more than any server room device.
pub const MAX_POWER_W: f64 = 100_000.0;
/// Highest measured energy accepted per device and year (kWh): 100 kW all year round.
pub const MAX_ENERGY_KWH: f64 = 876_000.0;

/// Impacts of one line per indicator slot: the four phases, then the total.
pub type LineImpacts = [[Option<Range>; 5]; N_IND];

/// Index of the total in a [`LineImpacts`] row.
pub const TOTAL: usize = 4;

/// Where a device stands in its annualisation period in the reporting year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeStage {
    /// Within the period: carries its share of embodied impacts.
    Amortising,
    /// Past the period: carries only its use.
    PastPeriod,
    /// No acquisition year: embodied impacts spread evenly, `1 / period` per year.
    Unknown,
}

/// The footprint of one evaluated line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineFootprint {
    /// 1-based line number (or item number) in the inventory.
    pub line: u64,
    /// The category the line was evaluated as.
    pub category: CategoryRef,
    /// Number of devices.
    pub quantity: u32,
    /// Their condition.
    pub condition: Condition,
    /// The zone of their electricity.
    pub zone: ZoneRef,
    /// Vintage of the climate-change electricity factor used (`None`: undated or no factor).
    pub electricity_year: Option<i32>,
    /// Period embodied impacts are spread over (central, years).
    pub period_years: f64,
    /// Share of the embodied impacts carried this year (central).
    pub embodied_share: f64,
    /// Where the devices stand in their annualisation period.
    pub stage: LifeStage,
    /// Electricity of the whole line this year (kWh).
    pub electricity_kwh: f64,
    /// Per indicator, one bit per [`Phase::index`]: the phase is included in the line's
    /// manufacturing figure (the source gives one lump). Its impact is `Some(0)` so that totals
    /// add up; it is known, counted in manufacturing, and not available separately.
    pub included: [u8; N_IND],
    /// Per indicator, the four phases and the total; `None`: not available.
    pub impacts: LineImpacts,
}

impl LineFootprint {
    /// The impact of one indicator in one phase, `None` when not available.
    pub fn impact(&self, indicator: Indicator, phase: Phase) -> Option<Range> {
        self.impacts[indicator as usize][phase.index()]
    }

    /// The total of one indicator over the four phases, `None` when not available.
    pub fn total(&self, indicator: Indicator) -> Option<Range> {
        self.impacts[indicator as usize][TOTAL]
    }

    /// Whether `phase` of `indicator` is included in this line's manufacturing figure (a lumped
    /// figure): then [`LineFootprint::impact`] is zero and the phase is not available separately.
    pub fn is_included(&self, indicator: Indicator, phase: Phase) -> bool {
        self.included[indicator as usize] & (1 << phase.index()) != 0
    }
}

fn out_of_range(field: Field, value: f64, expected: &str) -> RowError {
    RowError::OutOfRange {
        field,
        value: crate::decimal::num(value),
        expected: expected.to_string(),
    }
}

fn check(
    field: Field,
    value: f64,
    min_exclusive: bool,
    min: f64,
    max: f64,
    expected: &str,
) -> Result<f64, RowError> {
    let low_ok = if min_exclusive {
        value > min
    } else {
        value >= min
    };
    if value.is_finite() && low_ok && value <= max {
        Ok(value)
    } else {
        Err(out_of_range(field, value, expected))
    }
}

/// Share of the embodied impacts carried in a year, for a device `age` years after
/// acquisition, spread over `period` years. Sums to 1 over the years of the period.
fn share(age: Option<f64>, period: f64) -> f64 {
    match age {
        Some(a) if a < period => (period - a).min(1.0) / period,
        Some(_) => 0.0,
        None => (1.0 / period).min(1.0),
    }
}

/// Multiplies a factor range by a share range, keeping low <= central <= high for any sign.
fn apply(f: Range, s: Range, quantity: f64) -> Range {
    Range::new(
        (f.low * s.low).min(f.low * s.high) * quantity,
        f.central * s.central * quantity,
        (f.high * s.low).max(f.high * s.high) * quantity,
    )
}

/// Inputs of a line resolved against the dataset.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved {
    pub category: CategoryRef,
    pub zone: ZoneRef,
    /// Position of the line's classification in the evaluation's list.
    pub classification: u32,
}

/// How much of a factor's value one line carries: `coefficient × factor value` is the line's
/// central contribution. Totals are linear in the factors, which is what lets Monte Carlo draw
/// each factor once per draw (not once per line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FactorTrace {
    pub factor: FactorRef,
    pub indicator: Indicator,
    pub phase: Phase,
    pub coefficient: f64,
}

/// One phase of a kernel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum KernelCell {
    /// The dataset has no figure for it.
    NotAvailable,
    /// A factor's value, or a zero the allocation implies (cut-off: a reused device's
    /// manufacturing, a repaired device's transport), with no factor.
    Value(Option<FactorRef>, Range),
    /// Included in the manufacturing figure the line carries (the source gives one lump).
    Included,
}

/// The factors a line of one category, condition and electricity vintage uses, per indicator
/// and phase (manufacturing, distribution, use, end of life): the same for every such line, so
/// it is built once and cached by the evaluation.
#[derive(Debug, Clone)]
pub(crate) struct Kernel {
    pub rows: Vec<(Indicator, [KernelCell; 4])>,
}

impl Kernel {
    pub fn new(
        ds: &Dataset,
        category: CategoryRef,
        condition: Condition,
        electricity: &ElectricityLookup,
    ) -> Kernel {
        let value = |f: Option<FactorRef>| match f {
            Some(f) => KernelCell::Value(Some(f), ds.factor(f).value),
            None => KernelCell::NotAvailable,
        };
        let rows = ds
            .indicators()
            .iter()
            .map(|&ind| {
                let mut phases = [KernelCell::NotAvailable; 4];
                let manufacturing = ds.embodied_factor(category, Phase::Manufacturing, ind);
                // The manufacturing figure the line carries: a lumped one includes the other
                // embodied phases (a reused device carries none under cut-off).
                let carried = match condition {
                    Condition::New => manufacturing,
                    Condition::Refurbished | Condition::Repaired => {
                        ds.refurbishment_factor(category, Phase::Manufacturing, ind)
                    }
                    Condition::Reused => None,
                };
                // A zero the allocation implies is only known where the dataset has the
                // indicator for this category; otherwise the phase stays "not available".
                let zero_if = |known: Option<FactorRef>| match known {
                    Some(_) => KernelCell::Value(None, Range::ZERO),
                    None => KernelCell::NotAvailable,
                };
                for phase in Phase::EMBODIED {
                    let new_factor = ds.embodied_factor(category, phase, ind);
                    phases[phase.index()] = if phase != Phase::Manufacturing
                        && carried.is_some_and(|f| ds.factor(f).includes(phase))
                    {
                        KernelCell::Included
                    } else {
                        match (condition, phase) {
                            (Condition::New, _) | (_, Phase::EndOfLife) => value(new_factor),
                            (Condition::Refurbished, _) => {
                                value(ds.refurbishment_factor(category, phase, ind))
                            }
                            // Cut-off: a reused device carries no manufacturing, only its transport.
                            (Condition::Reused, Phase::Manufacturing) => zero_if(manufacturing),
                            (Condition::Reused, _) => value(new_factor),
                            // Kept and repaired: the repair parts (the refurbishment figure
                            // stands in for them), no transport.
                            (Condition::Repaired, Phase::Manufacturing) => value(carried),
                            (Condition::Repaired, _) => zero_if(manufacturing),
                        }
                    };
                }
                phases[Phase::Use.index()] = value(ds.electricity_factor(electricity, ind));
                (ind, phases)
            })
            .collect();
        Kernel { rows }
    }

    /// Every factor the kernel uses.
    pub fn factors(&self) -> impl Iterator<Item = FactorRef> + '_ {
        self.rows.iter().flat_map(|(_, p)| {
            p.iter().filter_map(|x| match x {
                KernelCell::Value(f, _) => *f,
                _ => None,
            })
        })
    }
}

/// A scratch footprint, to be filled by [`evaluate_line`].
pub(crate) fn empty_footprint() -> LineFootprint {
    LineFootprint {
        line: 0,
        category: CategoryRef(0),
        quantity: 0,
        condition: Condition::New,
        zone: ZoneRef(0),
        electricity_year: None,
        period_years: 0.0,
        embodied_share: 0.0,
        stage: LifeStage::Unknown,
        electricity_kwh: 0.0,
        included: [0; N_IND],
        impacts: [[None; 5]; N_IND],
    }
}

/// What one line contributes before the factors: its footprint is linear in these, so lines of
/// one stratum are summed here and multiplied by the kernel's factors once, at the end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LineScalars {
    /// Number of devices.
    pub n: f64,
    /// Years since acquisition (`None`: unknown).
    pub age: Option<f64>,
    /// Period embodied impacts are spread over (years), with its range.
    pub period: Range,
    /// Devices × the share of their embodied impacts carried this year, for each bound of the
    /// period (lowest, central, highest): `devices ÷ period` for a device within its period.
    pub embodied: Range,
    /// Electricity of the whole line this year (kWh); its use is known when all three are finite.
    pub kwh: Range,
    /// Where the devices stand in their annualisation period.
    pub stage: LifeStage,
}

impl LineScalars {
    /// Whether the line's electricity is known (a class without figures may lack it).
    pub fn use_known(&self) -> bool {
        self.kwh.central.is_finite() && self.kwh.low.is_finite() && self.kwh.high.is_finite()
    }

    /// The share of the embodied impacts one device carries this year (per-line results).
    pub fn shares(&self) -> Range {
        let s_c = share(self.age, self.period.central);
        let s_a = share(self.age, self.period.low);
        let s_b = share(self.age, self.period.high);
        Range::new(s_a.min(s_b).min(s_c), s_c, s_a.max(s_b).max(s_c))
    }
}

/// The lesser of two numbers that are not NaN: `f64::min` without its NaN handling, which
/// WebAssembly compiles to a call (its `f64.min` returns NaN for a NaN).
#[inline(always)]
pub(crate) fn lesser(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// The greater of two numbers that are not NaN (see [`lesser`]).
#[inline(always)]
pub(crate) fn greater(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

/// `n` devices × [`share`], as one division: `n ÷ period` for devices within their period.
fn devices_share(n: f64, age: Option<f64>, period: f64) -> f64 {
    match age {
        Some(a) if a < period => n * lesser(period - a, 1.0) / period,
        Some(_) => 0.0,
        // `(1 / period).min(1)`: at most the whole (and, as `min` does, 1 for no period).
        None if period > 1.0 => n / period,
        None => n,
    }
}

/// Validates a line of category `category` and computes what it contributes (devices, shares of
/// the embodied impacts, electricity), in the order of the checks of [`evaluate_line`].
pub(crate) fn line_scalars(
    ds: &Dataset,
    line: &EquipmentLine,
    category: CategoryRef,
    opts: &EvaluationOptions,
) -> Result<LineScalars, RowError> {
    let cat = ds.category(category);
    let year_now = opts.reporting_year;
    if line.quantity == 0 || line.quantity > MAX_QUANTITY {
        return Err(out_of_range(
            Field::Quantity,
            line.quantity as f64,
            &format!("a whole number from 1 to {MAX_QUANTITY}"),
        ));
    }
    let n = line.quantity as f64;
    const YEARS_EXPECTED: &str = "more than 0 and at most 50 years";
    let lifetime = line
        .lifetime
        .map(|t| {
            check(
                Field::LifetimeYears,
                t.get::<year>(),
                true,
                0.0,
                MAX_YEARS,
                YEARS_EXPECTED,
            )
        })
        .transpose()?;
    let amortisation = line
        .amortisation
        .map(|t| {
            check(
                Field::AmortisationYears,
                t.get::<year>(),
                true,
                0.0,
                MAX_YEARS,
                YEARS_EXPECTED,
            )
        })
        .transpose()?;
    let age = match line.acquisition_year {
        Some(y) if y > year_now => {
            return Err(RowError::AcquisitionInFuture {
                year: y,
                reporting_year: year_now,
            })
        }
        Some(y) => Some(f64::from(year_now) - f64::from(y)),
        None if opts.annualisation == Annualisation::None => {
            return Err(RowError::Missing {
                field: Field::AcquisitionYear,
            })
        }
        None => None,
    };

    // Period over which embodied impacts are spread, with its range. A refurbished device of a
    // class without refurbishment data keeps the class's lifetime; its second-life impacts are
    // not available (the kernel has no factor for them), never a rejection.
    let no_figures = cat.coverage == Coverage::NotAvailable;
    let default_life = match line.condition {
        Condition::New => cat.lifetime_years,
        Condition::Refurbished | Condition::Reused | Condition::Repaired => ds
            .second_life_years(category)
            .map_or(cat.lifetime_years, Range::exact),
    };
    let period = match opts.annualisation {
        Annualisation::PhysicalLifetime => lifetime.map_or(default_life, Range::exact),
        Annualisation::Accounting { default_years } => {
            Range::exact(amortisation.unwrap_or(default_years))
        }
        Annualisation::None => Range::exact(1.0),
    };
    let e_c = devices_share(n, age, period.central);
    let e_a = devices_share(n, age, period.low);
    let e_b = devices_share(n, age, period.high);
    let embodied = Range::new(
        lesser(lesser(e_a, e_b), e_c),
        e_c,
        greater(greater(e_a, e_b), e_c),
    );
    let stage = match age {
        _ if no_figures && lifetime.is_none() => LifeStage::Unknown,
        None => LifeStage::Unknown,
        // Within the period, the share is above 0.
        Some(a) if a < period.central => LifeStage::Amortising,
        Some(_) => LifeStage::PastPeriod,
    };

    // Annual electricity per device, with its range when the power is the dataset's default.
    let kwh_per_device = match line.energy_per_year {
        Some(e) => Range::exact(check(
            Field::EnergyKwhPerYear,
            e.get::<kilowatt_hour>(),
            false,
            0.0,
            MAX_ENERGY_KWH,
            ENERGY_EXPECTED,
        )?),
        None => {
            let power = match line.power {
                Some(p) => Range::exact(check(
                    Field::PowerW,
                    p.get::<watt>(),
                    false,
                    0.0,
                    MAX_POWER_W,
                    POWER_EXPECTED,
                )?),
                None => cat.power_w,
            };
            let hours = match line.hours_per_day {
                Some(h) => check(
                    Field::HoursPerDay,
                    h.get::<hour>(),
                    false,
                    0.0,
                    24.0,
                    "0 to 24 hours per day",
                )?,
                None => cat.hours_per_day,
            };
            let days = match line.days_per_year {
                Some(d) => check(
                    Field::DaysPerYear,
                    d,
                    false,
                    0.0,
                    366.0,
                    "0 to 366 days per year",
                )?,
                None => cat.days_per_year,
            };
            // A yearly figure (a printer's typical week of jobs) is not the hours of its office:
            // the class's hours and days stand, unless the line gives its own power.
            let (hours, days) = match (cat.yearly_energy, line.power) {
                (true, None) => (cat.hours_per_day, cat.days_per_year),
                _ => (hours, days),
            };
            power.scale(hours * days / 1000.0)
        }
    };
    // A device in a room (a server in the server room) draws its IT power times the room's
    // PUE: the same model as the hosting calculator. The line's PUE wins over its class's room.
    let pue = match line.pue {
        Some(p) => Some(Range::exact(check(
            Field::Pue,
            p,
            false,
            1.0,
            5.0,
            "a PUE from 1 (IT only) to 5",
        )?)),
        None => cat.room.as_ref().map(|r| r.pue),
    };
    let kwh_per_device = match pue {
        Some(p) => Range::new(
            kwh_per_device.low * p.low,
            kwh_per_device.central * p.central,
            kwh_per_device.high * p.high,
        ),
        None => kwh_per_device,
    };
    // A class without figures has no default power or hours: its use is not available
    // unless the line measures or describes it in full.
    Ok(LineScalars {
        n,
        age,
        period,
        embodied,
        kwh: kwh_per_device.scale(n),
        stage,
    })
}

/// Computes one line into `out` with the kernel of its category, condition and zone.
#[allow(clippy::too_many_arguments)]
pub(crate) fn evaluate_line(
    ds: &Dataset,
    line_no: u64,
    line: &EquipmentLine,
    r: &Resolved,
    electricity_year: Option<i32>,
    opts: &EvaluationOptions,
    kernel: &Kernel,
    out: &mut LineFootprint,
) -> Result<(), RowError> {
    let s = line_scalars(ds, line, r.category, opts)?;
    line_footprint(line_no, line, r, electricity_year, kernel, &s, out);
    Ok(())
}

/// The footprint of a validated line (its scalars) into `out`.
pub(crate) fn line_footprint(
    line_no: u64,
    line: &EquipmentLine,
    r: &Resolved,
    electricity_year: Option<i32>,
    kernel: &Kernel,
    s: &LineScalars,
    out: &mut LineFootprint,
) {
    expand(kernel, s, out);
    out.line = line_no;
    out.category = r.category;
    out.quantity = line.quantity;
    out.condition = line.condition;
    out.zone = r.zone;
    out.electricity_year = electricity_year;
    out.period_years = s.period.central;
    out.embodied_share = share(s.age, s.period.central);
    out.stage = s.stage;
    out.electricity_kwh = if s.use_known() {
        s.kwh.central
    } else {
        f64::NAN
    };
}

/// A line's impacts per indicator and phase: its scalars times the kernel's factors.
fn expand(kernel: &Kernel, s: &LineScalars, out: &mut LineFootprint) {
    let (shares, kwh, n) = (s.shares(), s.kwh, s.n);
    let use_known = s.use_known();
    for (ind, phases) in &kernel.rows {
        let row = &mut out.impacts[*ind as usize];
        let mut included = 0u8;
        for phase in Phase::EMBODIED {
            row[phase.index()] = match phases[phase.index()] {
                KernelCell::NotAvailable => None,
                // Counted in manufacturing: zero here, so that the total adds up.
                KernelCell::Included => {
                    included |= 1 << phase.index();
                    Some(Range::ZERO)
                }
                KernelCell::Value(_, _) if shares.high == 0.0 => Some(Range::ZERO),
                KernelCell::Value(_, v) => Some(apply(v, shares, n)),
            };
        }
        out.included[*ind as usize] = included;
        row[Phase::Use.index()] = match phases[Phase::Use.index()] {
            KernelCell::Value(_, v) if use_known => Some(apply(v, kwh, 1.0)),
            _ => None,
        };
        row[TOTAL] = Phase::ALL
            .iter()
            .try_fold(Range::ZERO, |acc, p| row[p.index()].map(|v| acc + v));
    }
}

const ENERGY_EXPECTED: &str = "0 to 876000 kWh per device and year";
const POWER_EXPECTED: &str = "0 to 100000 W per device";

#[cfg(test)]
mod tests {
    #[test]
    fn expected_ranges_read_the_maxima() {
        use crate::decimal::Num;
        assert_eq!(
            super::ENERGY_EXPECTED,
            format!(
                "0 to {} kWh per device and year",
                Num(super::MAX_ENERGY_KWH)
            )
        );
        assert_eq!(
            super::POWER_EXPECTED,
            format!("0 to {} W per device", Num(super::MAX_POWER_W))
        );
    }
}
