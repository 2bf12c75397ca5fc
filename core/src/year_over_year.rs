//! The change since last year, explained: what the commune did with its fleet, what the
//! calendar did to it, and what the reference did.
//!
//! Four evaluations of the fleet, with this year's options (so a change of options counts as a
//! change of reference, not of fleet):
//!
//! | | fleet | annualisation year | electricity factors |
//! |---|---|---|---|
//! | A, this year's report | this year's inventory | this year | this year's |
//! | B | last year's inventory | this year | this year's |
//! | B′ | last year's inventory | last year | this year's |
//! | C, last year's report | last year's inventory | last year | last year's |
//!
//! - **fleet effect** = A − B: devices bought, retired, refurbished, kept or used differently —
//!   what the commune did. Exactly zero when the inventory did not change, whatever the years.
//! - **ageing effect** = B − B′: the same devices one year older; a device that reaches the end
//!   of its lifetime (or amortisation period) stops carrying its embodied impacts. Nothing was
//!   bought or retired: the calendar, and purchases of earlier years.
//! - **reference effect** = B′ − C: the same devices, the same year of annualisation, other
//!   factors — another electricity vintage (and its method), another dataset, other options.
//!
//! Each effect is a table by indicator and phase; its bounds are the change with every factor
//! at its low (high) bound in both evaluations, ordered. `total_change` is the sum of the three
//! effects, bound by bound, so the parts add up to it exactly; it equals A − C to rounding.
//! A figure not available on either side is not available in the change.
//!
//! A **method break** is named where the electricity factor of a zone of last year's fleet
//! changes between the two vintages and the dataset states different methods for them
//! (`electricity.csv`, column `method`): French electricity 2023 (a single-year figure) → 2024
//! (a four-year smoothed average).

use crate::dataset::{Dataset, FactorRef};
use crate::estimate::{Estimate, Range, Scope};
use crate::evaluate::Evaluation;
use crate::fleet::TOTAL;
use crate::indicator::{Indicator, Phase};
use crate::inventory::{EquipmentLine, RowError};
use crate::options::EvaluationOptions;
use crate::report::{ImpactTable, Report};
use serde::Serialize;

/// The change of the fleet's footprint between last year's report and this year's, split.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearOverYear {
    /// Last year's reporting year.
    pub previous_year: i32,
    /// This year's reporting year.
    pub reporting_year: i32,
    /// What the commune did: this year's inventory − last year's, both this year
    /// (annualisation and factors).
    pub fleet_effect: ImpactTable,
    /// What the calendar did: last year's inventory evaluated this year − the same evaluated
    /// last year, both with this year's factors.
    pub ageing_effect: ImpactTable,
    /// What the reference did: last year's inventory and year with this year's factors − last
    /// year's report.
    pub reference_effect: ImpactTable,
    /// The sum of the three effects (this year − last year).
    pub total_change: ImpactTable,
    /// Factors whose method changed between the two vintages used.
    pub method_breaks: Vec<MethodBreak>,
    /// Last year's report used another dataset (or version): part of the reference effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset_change: Option<DatasetChange>,
}

/// One electricity factor whose method changed between last year's vintage and this year's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodBreak {
    /// Zone code (`FR`).
    pub zone: String,
    /// The indicator.
    pub indicator: Indicator,
    /// The factor of last year's evaluation.
    pub previous: FactorVintage,
    /// The factor of this year's.
    pub current: FactorVintage,
}

/// A factor of one vintage, with the method its dataset states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorVintage {
    /// The factor's id.
    pub factor_id: String,
    /// The vintage (`None`: an undated figure).
    pub year: Option<i32>,
    /// Central value, in `unit`.
    pub value: f64,
    /// Unit of the value.
    pub unit: String,
    /// Source it cites.
    pub source_id: String,
    /// How the source made the figure, as the dataset states it (empty: not stated).
    pub method: String,
    /// The method in French (empty when not given).
    pub method_fr: String,
}

/// Last year's report was made with another dataset, or another version of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatasetChange {
    /// Id of last year's dataset.
    pub previous_id: String,
    /// Version of last year's dataset.
    pub previous_version: String,
    /// Id of this year's dataset.
    pub id: String,
    /// Version of this year's dataset.
    pub version: String,
}

impl YearOverYear {
    /// The three effects and the total of one indicator's total over the phases, central:
    /// (fleet, ageing, reference, total), or `None` when not available.
    pub fn central(&self, indicator: Indicator) -> Option<[f64; 4]> {
        let c = |t: &ImpactTable| t.total(indicator).and_then(Estimate::central);
        Some([
            c(&self.fleet_effect)?,
            c(&self.ageing_effect)?,
            c(&self.reference_effect)?,
            c(&self.total_change)?,
        ])
    }
}

/// A change before its bounds are ordered: bound by bound, so that parts add up exactly.
#[derive(Debug, Clone, Copy)]
struct Raw {
    low: f64,
    central: f64,
    high: f64,
    n_available: u64,
    n_missing: u64,
    n_included: u64,
    /// The figures' scope; two different scopes are not comparable (not available).
    scope: Scope,
}

/// The scope of a difference or a sum of two figures.
fn joint(a: Scope, b: Scope) -> Scope {
    if a == b {
        a
    } else {
        Scope::NotCovered
    }
}

impl Raw {
    fn between(now: &Estimate, then: &Estimate) -> Raw {
        Raw {
            low: now.range.low - then.range.low,
            central: now.range.central - then.range.central,
            high: now.range.high - then.range.high,
            n_available: now.n_available.min(then.n_available),
            n_missing: now.n_missing.max(then.n_missing),
            n_included: now.n_included.max(then.n_included),
            scope: joint(now.scope, then.scope),
        }
    }

    fn plus(self, o: Raw) -> Raw {
        Raw {
            low: self.low + o.low,
            central: self.central + o.central,
            high: self.high + o.high,
            n_available: self.n_available.min(o.n_available),
            n_missing: self.n_missing.max(o.n_missing),
            n_included: self.n_included.max(o.n_included),
            scope: joint(self.scope, o.scope),
        }
    }

    fn estimate(self) -> Estimate {
        let (lo, mid, hi) = (self.low, self.central, self.high);
        Estimate {
            range: Range::new(lo.min(mid).min(hi), mid, hi.max(mid).max(lo)),
            n_available: self.n_available,
            n_missing: self.n_missing,
            n_included: self.n_included,
            scope: self.scope,
        }
    }
}

/// One cell of a table (a phase, or [`TOTAL`]); an indicator the table lacks is not available.
fn cell(t: &ImpactTable, indicator: Indicator, slot: usize) -> Estimate {
    let e = match Phase::ALL.iter().find(|p| p.index() == slot) {
        Some(p) => t.get(indicator, *p),
        None => t.total(indicator),
    };
    e.copied().unwrap_or(Estimate {
        range: Range::ZERO,
        n_available: 0,
        n_missing: 1,
        ..Estimate::default()
    })
}

fn vintage(ds: &Dataset, f: FactorRef, year: Option<i32>) -> FactorVintage {
    let factor = ds.factor(f);
    FactorVintage {
        factor_id: factor.id.clone(),
        year,
        value: factor.value.central,
        unit: factor.unit.clone(),
        source_id: factor.source_id.clone(),
        method: factor.method.clone(),
        method_fr: factor.method_fr.clone(),
    }
}

/// Method breaks between the electricity vintages of two years, for the zones of a fleet.
fn method_breaks(ds: &Dataset, zones: &[&str], then: i32, now: i32) -> Vec<MethodBreak> {
    let mut out = Vec::new();
    for code in zones {
        let Some(zone) = ds.find_zone(code) else {
            continue;
        };
        let (Some(a), Some(b)) = (
            ds.electricity_for(zone, then),
            ds.electricity_for(zone, now),
        ) else {
            continue;
        };
        for ind in ds.indicators() {
            let (Some(fa), Some(fb)) = (
                ds.electricity_factor(&a, *ind),
                ds.electricity_factor(&b, *ind),
            ) else {
                continue;
            };
            let (ma, mb) = (&ds.factor(fa).method, &ds.factor(fb).method);
            if fa != fb && !ma.is_empty() && !mb.is_empty() && ma != mb {
                out.push(MethodBreak {
                    zone: ds.zone(zone).code.clone(),
                    indicator: *ind,
                    previous: vintage(ds, fa, ds.electricity_vintage(zone, *ind, fa)),
                    current: vintage(ds, fb, ds.electricity_vintage(zone, *ind, fb)),
                });
            }
        }
    }
    out
}

/// Splits the change from last year's report (`previous`, of the lines `previous_lines`) to
/// this year's (`current`) into the fleet, ageing and reference effects (module doc), and
/// names the method breaks. `ds` is this year's dataset; last year's lines are evaluated again
/// against it, with this year's options, twice (no Monte Carlo, no lines kept).
///
/// Fails only as an evaluation with `current.options` would (an unknown default country).
pub fn year_over_year(
    ds: &Dataset,
    current: &Report,
    previous: &Report,
    previous_lines: &[(u64, EquipmentLine)],
) -> Result<YearOverYear, RowError> {
    let year = current.options.reporting_year;
    let previous_year = previous.options.reporting_year;
    let options = |y: i32| EvaluationOptions {
        reporting_year: y,
        keep_lines: false,
        monte_carlo: None,
        ..current.options.clone()
    };
    // B′: last year's fleet and year, this year's reference. The lines it evaluates are last
    // year's fleet as evaluated then (a line rejected then, such as one acquired after that
    // year, is not part of it).
    let mut ev = Evaluation::new(ds, options(previous_year))?.with_electricity_year(year);
    let mut kept: Vec<&(u64, EquipmentLine)> = Vec::with_capacity(previous_lines.len());
    for item in previous_lines {
        if ev.add(item.0, &item.1).is_ok() {
            kept.push(item);
        }
    }
    let then_now_reference = ev.finish();
    // B: last year's fleet, one year older, this year's reference.
    let mut ev = Evaluation::new(ds, options(year))?;
    for (n, l) in kept {
        let _ = ev.add(*n, l);
    }
    let aged = ev.finish();

    let (a, b, b1, c) = (
        &current.totals.impacts,
        &aged.totals.impacts,
        &then_now_reference.totals.impacts,
        &previous.totals.impacts,
    );
    let indicators = a.indicators().to_vec();
    let mut tables = [
        ImpactTable::new(&indicators),
        ImpactTable::new(&indicators),
        ImpactTable::new(&indicators),
        ImpactTable::new(&indicators),
    ];
    for (i, ind) in indicators.iter().enumerate() {
        for slot in 0..=TOTAL {
            let fleet = Raw::between(&cell(a, *ind, slot), &cell(b, *ind, slot));
            let ageing = Raw::between(&cell(b, *ind, slot), &cell(b1, *ind, slot));
            let reference = Raw::between(&cell(b1, *ind, slot), &cell(c, *ind, slot));
            let total = fleet.plus(ageing).plus(reference);
            for (table, raw) in tables.iter_mut().zip([fleet, ageing, reference, total]) {
                table.cells[i][slot] = raw.estimate();
            }
        }
    }
    let [fleet_effect, ageing_effect, reference_effect, total_change] = tables;

    let zones: Vec<&str> = previous
        .provenance
        .electricity
        .iter()
        .filter(|e| e.lines > 0)
        .map(|e| e.zone.as_str())
        .collect();
    let info = ds.info();
    let dataset_change = (previous.dataset.id != info.id
        || previous.dataset.version != info.version)
        .then(|| DatasetChange {
            previous_id: previous.dataset.id.clone(),
            previous_version: previous.dataset.version.clone(),
            id: info.id.clone(),
            version: info.version.clone(),
        });
    Ok(YearOverYear {
        previous_year,
        reporting_year: year,
        fleet_effect,
        ageing_effect,
        reference_effect,
        total_change,
        method_breaks: method_breaks(ds, &zones, previous_year, year),
        dataset_change,
    })
}
