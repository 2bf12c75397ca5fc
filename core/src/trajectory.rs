//! A multi-year trajectory: the fleet year by year from a start year to a horizon, devices
//! renewed at the end of their lifetime under a policy, each year evaluated by the same model.
//! The start year is the inventory as it is (equal to `evaluate` for that year); devices already
//! past their lifetime are renewed the year after.
//! The indicator series a REEN strategy needs for its objectives.

use crate::dataset::Dataset;
use crate::evaluate::Evaluation;
use crate::inventory::{Condition, EquipmentLine, RowError, Warning};
use crate::options::EvaluationOptions;
use crate::report::ImpactTable;
use crate::scenario::{apply, lifetime_of, split_share, validate, Lever, Scenario, ScenarioError};
use serde::Serialize;
use uom::si::f64::Time;
use uom::si::time::year;

/// Longest trajectory accepted (years).
pub const MAX_TRAJECTORY_YEARS: i32 = 60;

/// Why a trajectory cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrajectoryError {
    #[error("horizon {horizon} is before the start year {start}; give a horizon on or after it")]
    HorizonBeforeStart { start: i32, horizon: i32 },
    #[error("a trajectory of {years} years is too long; at most {MAX_TRAJECTORY_YEARS}")]
    TooLong { years: i32 },
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("option default_country: {0}")]
    Options(RowError),
}

impl TrajectoryError {
    pub fn code(&self) -> &'static str {
        match self {
            TrajectoryError::HorizonBeforeStart { .. } => "horizon_before_start",
            TrajectoryError::TooLong { .. } => "out_of_range",
            TrajectoryError::Scenario(e) => e.code(),
            TrajectoryError::Options(e) => e.code(),
        }
    }

    /// What the error is about, for bindings: `horizon`, or as [`ScenarioError::field`].
    pub fn field(&self) -> Option<&'static str> {
        match self {
            TrajectoryError::HorizonBeforeStart { .. } | TrajectoryError::TooLong { .. } => {
                Some("horizon")
            }
            TrajectoryError::Scenario(e) => e.field(),
            TrajectoryError::Options(e) => e.field().map(|f| f.name()),
        }
    }
}

/// One year of a trajectory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPoint {
    pub year: i32,
    pub devices: u64,
    /// Devices bought that year (renewals).
    pub purchases: u64,
    pub refurbished_purchases: u64,
    pub electricity_kwh: f64,
    pub impacts: ImpactTable,
}

/// The series of one policy (the baseline or a scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrajectorySeries {
    pub name: String,
    pub levers: Vec<Lever>,
    pub years: Vec<YearPoint>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone)]
struct Cohort {
    line_no: u64,
    line: EquipmentLine,
    /// Already reduced by a `ReduceFleet` lever (the reduction is one-off, not compounding).
    reduced: bool,
}

/// The renewal policy a scenario's levers imply.
#[derive(Debug)]
struct Policy {
    extend: Vec<(f64, Vec<String>)>,
    refurbished: Option<(f64, Vec<String>)>,
    reduce: Option<(f64, Vec<String>)>,
}

impl Policy {
    fn of(levers: &[Lever]) -> Policy {
        let mut p = Policy {
            extend: Vec::new(),
            refurbished: None,
            reduce: None,
        };
        for l in levers {
            match l {
                Lever::ExtendLifetime { years, categories } => {
                    p.extend.push((*years, categories.clone()))
                }
                Lever::RefurbishedShare { share, categories } => {
                    p.refurbished = Some((*share, categories.clone()))
                }
                Lever::ReduceFleet { share, categories } => {
                    p.reduce = Some((*share, categories.clone()))
                }
                Lever::Electricity { .. } => {}
            }
        }
        p
    }
}

fn in_categories(ds: &Dataset, cats: &[String], line: &EquipmentLine) -> bool {
    cats.is_empty() || {
        let mine = ds.find_category(&line.category);
        mine.is_some() && cats.iter().any(|c| ds.find_category(c) == mine)
    }
}

/// The fleet in service each year, and the year's purchases, under a policy.
#[derive(Debug)]
pub struct FleetSimulation<'d> {
    ds: &'d Dataset,
    policy: Policy,
    cohorts: Vec<Cohort>,
    pub warnings: Vec<Warning>,
}

impl<'d> FleetSimulation<'d> {
    /// Starts from the inventory with the scenario's levers that act on today's fleet
    /// (longer lifetimes, electricity) applied.
    pub fn new(
        ds: &'d Dataset,
        lines: &[(u64, EquipmentLine)],
        levers: &[Lever],
        start: i32,
    ) -> FleetSimulation<'d> {
        let now_levers: Vec<Lever> = levers
            .iter()
            .filter(|l| matches!(l, Lever::ExtendLifetime { .. } | Lever::Electricity { .. }))
            .cloned()
            .collect();
        let start = apply(
            ds,
            &Scenario {
                name: String::new(),
                levers: now_levers,
            },
            lines,
            start,
        );
        let mut warnings = Vec::new();
        let cohorts = start
            .into_iter()
            .map(|(line_no, line)| {
                if line.acquisition_year.is_none() {
                    warnings.push(Warning {
                        line: Some(line_no),
                        field: Some("acquisition_year".into()),
                        code: "not_renewed",
                        message: format!("line {line_no}: no acquisition year; kept as is every year, never renewed"),
                    });
                }
                Cohort { line_no, line, reduced: false }
            })
            .collect();
        FleetSimulation {
            ds,
            policy: Policy::of(levers),
            cohorts,
            warnings,
        }
    }

    /// Renews the devices due in `year`; returns (purchases, refurbished purchases).
    pub fn renew(&mut self, year_now: i32) -> (u64, u64) {
        let ds = self.ds;
        let due: Vec<usize> = (0..self.cohorts.len())
            .filter(|i| {
                let l = &self.cohorts[*i].line;
                match (l.acquisition_year, lifetime_of(ds, l)) {
                    (Some(a), Some(t)) => a < year_now && (year_now - a) as f64 >= t,
                    _ => false,
                }
            })
            .collect();
        if due.is_empty() {
            return (0, 0);
        }
        let mut renewals: Vec<Cohort> = due.iter().map(|i| self.cohorts[*i].clone()).collect();
        self.cohorts = self
            .cohorts
            .drain(..)
            .enumerate()
            .filter(|(i, _)| !due.contains(i))
            .map(|(_, c)| c)
            .collect();

        // Pooling: buy fewer, once.
        if let Some((share, cats)) = &self.policy.reduce {
            let idx: Vec<usize> = (0..renewals.len())
                .filter(|i| !renewals[*i].reduced && in_categories(ds, cats, &renewals[*i].line))
                .collect();
            let cut = split_share(
                &idx.iter()
                    .map(|i| renewals[*i].line.quantity)
                    .collect::<Vec<_>>(),
                *share,
            );
            for (i, u) in idx.iter().zip(cut) {
                renewals[*i].line.quantity -= u;
                renewals[*i].reduced = true;
            }
        }
        // Condition of the purchases: like for like, or the scenario's refurbished share.
        let mut bought: Vec<Cohort> = Vec::new();
        if let Some((share, cats)) = &self.policy.refurbished {
            let eligible = |c: &Cohort| {
                in_categories(ds, cats, &c.line)
                    && ds
                        .find_category(&c.line.category)
                        .and_then(|k| ds.second_life_years(k))
                        .is_some()
            };
            let idx: Vec<usize> = (0..renewals.len())
                .filter(|i| eligible(&renewals[*i]))
                .collect();
            let refurb = split_share(
                &idx.iter()
                    .map(|i| renewals[*i].line.quantity)
                    .collect::<Vec<_>>(),
                *share,
            );
            for (i, u) in idx.iter().zip(refurb) {
                let c = &mut renewals[*i];
                let mut r = c.clone();
                r.line.quantity = u;
                r.line.condition = Condition::Refurbished;
                r.line.lifetime = None;
                c.line.quantity -= u;
                c.line.condition = Condition::New;
                c.line.lifetime = None;
                bought.push(r);
            }
        }
        bought.extend(renewals);
        let (mut purchases, mut refurbished) = (0u64, 0u64);
        for mut c in bought.into_iter().filter(|c| c.line.quantity > 0) {
            c.line.acquisition_year = Some(year_now);
            if c.line.lifetime.is_none() {
                // The dataset's lifetime (with its range), unless the policy extends it.
                let extra: f64 = self
                    .policy
                    .extend
                    .iter()
                    .filter(|(_, cats)| in_categories(ds, cats, &c.line))
                    .map(|(e, _)| e)
                    .sum();
                if extra > 0.0 {
                    c.line.lifetime =
                        lifetime_of(ds, &c.line).map(|y| Time::new::<year>(y + extra));
                }
            }
            purchases += c.line.quantity as u64;
            if c.line.condition == Condition::Refurbished {
                refurbished += c.line.quantity as u64;
            }
            self.cohorts.push(c);
        }
        (purchases, refurbished)
    }

    /// The fleet in service now, as numbered lines.
    pub fn fleet(&self) -> Vec<(u64, EquipmentLine)> {
        self.cohorts
            .iter()
            .map(|c| (c.line_no, c.line.clone()))
            .collect()
    }
}

/// Computes the baseline (like-for-like renewal) and each scenario, year by year.
pub fn trajectory(
    ds: &Dataset,
    lines: &[(u64, EquipmentLine)],
    scenarios: &[Scenario],
    start: i32,
    horizon: i32,
    options: &EvaluationOptions,
) -> Result<Vec<TrajectorySeries>, TrajectoryError> {
    if horizon < start {
        return Err(TrajectoryError::HorizonBeforeStart { start, horizon });
    }
    if horizon - start >= MAX_TRAJECTORY_YEARS {
        return Err(TrajectoryError::TooLong {
            years: horizon - start + 1,
        });
    }
    for s in scenarios {
        validate(ds, s)?;
    }
    let baseline = Scenario {
        name: "baseline".into(),
        levers: Vec::new(),
    };
    std::iter::once(&baseline)
        .chain(scenarios)
        .map(|s| {
            let mut sim = FleetSimulation::new(ds, lines, &s.levers, start);
            let mut years = Vec::new();
            for y in start..=horizon {
                // The start year is the fleet as inventoried; renewals begin the year after.
                let (purchases, refurbished_purchases) =
                    if y > start { sim.renew(y) } else { (0, 0) };
                let mut o = options.clone();
                o.reporting_year = y;
                o.keep_lines = false;
                let mut ev = Evaluation::new(ds, o).map_err(TrajectoryError::Options)?;
                for (n, l) in sim.fleet() {
                    let _ = ev.add(n, &l);
                }
                let r = ev.finish();
                years.push(YearPoint {
                    year: y,
                    devices: r.counts.devices,
                    purchases,
                    refurbished_purchases,
                    electricity_kwh: r.totals.electricity_kwh,
                    impacts: r.totals.impacts,
                });
            }
            Ok(TrajectorySeries {
                name: s.name.clone(),
                levers: s.levers.clone(),
                years,
                warnings: sim.warnings,
            })
        })
        .collect()
}
