//! A multi-year trajectory: the fleet year by year from a start year to a horizon, devices
//! renewed under a policy, each year evaluated by the same model. The start year is the
//! inventory as it is (equal to `evaluate` for that year).
//!
//! How devices are renewed ([`Baseline`], the same for the baseline and every scenario):
//!
//! - **practice** (default): each class at the lifetime the inventory shows. In a fleet renewed
//!   evenly every `L` years, the devices in service are 0 to `L − 1` years old, so their mean
//!   age is `(L − 1) / 2`: the class's lifetime is estimated as `L = 2 × mean age + 1` (ages
//!   `start − acquisition year`, weighted by quantity), bounded by the dataset's lifetime range
//!   of the class (low, high) widened to the lifetimes the class's lines state (the commune's
//!   own figures: ADEME publishes no range for most classes, so the dataset alone would make
//!   the practice its lifetime); a class without a dated device takes the dataset's lifetime. A
//!   device is renewed once it is `L` years old, like for like; the devices already due the year
//!   after the inventory (the backlog, `B` of a class) are renewed over the following `L` years,
//!   `⌈B / L⌉` a year, oldest first — not all the year after the inventory. A renewed device is
//!   kept `L` years (its embodied impacts are spread over `L`).
//! - **dataset_lifetime**: each device at its own lifetime (the line's, else the dataset's); all
//!   devices due are renewed the same year (the rule of the first versions: a fleet kept past
//!   the dataset's lifetimes is renewed at once the year after the inventory).
//! - **lifetimes** given by class: those classes at the user's lifetimes, renewed as under
//!   *practice* (the backlog spread); the other classes at their practice.
//!
//! A scenario's longer lifetimes add to `L`. Each series says which rule and which lifetime
//! each class got ([`Renewal`]).
//! The indicator series a REEN strategy needs for its objectives.

use crate::dataset::{CategoryRef, Coverage, Dataset};
use crate::estimate::Range;
use crate::evaluate::Evaluation;
use crate::inventory::{Condition, EquipmentLine, RowError, Warning};
use crate::json::{Object, ShapeError};
use crate::options::EvaluationOptions;
use crate::report::ImpactTable;
use crate::scenario::{apply, lifetime_of, split_share, validate, Lever, Scenario, ScenarioError};
use serde::Serialize;
use serde_json::Value;
use uom::si::f64::Time;
use uom::si::time::year;

/// Longest trajectory accepted (years).
pub const MAX_TRAJECTORY_YEARS: i32 = 60;

/// Why a trajectory cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrajectoryError {
    /// The horizon is before the start year.
    #[error("horizon {horizon} is before the start year {start}; give a horizon on or after it")]
    HorizonBeforeStart {
        /// The start year.
        start: i32,
        /// The horizon given.
        horizon: i32,
    },
    /// More years than [`MAX_TRAJECTORY_YEARS`].
    #[error("a trajectory of {years} years is too long; at most {MAX_TRAJECTORY_YEARS}")]
    TooLong {
        /// Years asked for, start and horizon included.
        years: i32,
    },
    /// A scenario is invalid.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The evaluation options are invalid (an unknown default country, an option out of range).
    #[error("option default_country: {0}")]
    Options(RowError),
    /// A class of the baseline's lifetimes the dataset does not know.
    #[error("baseline: unknown category {value:?}{}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownCategory {
        /// The class as given.
        value: String,
        /// The closest category, when one is close enough.
        suggestion: Option<String>,
    },
    /// A lifetime of the baseline out of range.
    #[error("baseline: the lifetime of {category:?}, {value}, is out of range; expected more than 0 and at most {} years", crate::fleet::MAX_YEARS)]
    LifetimeOutOfRange {
        /// The class as given.
        category: String,
        /// The lifetime given (years).
        value: String,
    },
}

impl TrajectoryError {
    /// A stable, machine-readable code (that of the inner error for scenarios and options).
    pub fn code(&self) -> &'static str {
        match self {
            TrajectoryError::HorizonBeforeStart { .. } => "horizon_before_start",
            TrajectoryError::TooLong { .. } => "out_of_range",
            TrajectoryError::Scenario(e) => e.code(),
            TrajectoryError::Options(e) => e.code(),
            TrajectoryError::UnknownCategory { .. } => "unknown_category",
            TrajectoryError::LifetimeOutOfRange { .. } => "out_of_range",
        }
    }

    /// What the error is about, for bindings: `horizon`, `baseline`, or as
    /// [`ScenarioError::field`].
    pub fn field(&self) -> Option<&'static str> {
        match self {
            TrajectoryError::HorizonBeforeStart { .. } | TrajectoryError::TooLong { .. } => {
                Some("horizon")
            }
            TrajectoryError::UnknownCategory { .. }
            | TrajectoryError::LifetimeOutOfRange { .. } => Some("baseline"),
            TrajectoryError::Scenario(e) => e.field(),
            TrajectoryError::Options(e) => e.field().map(|f| f.name()),
        }
    }
}

/// How the trajectory renews devices (module doc): the same rule for the baseline and for
/// every scenario, whose levers apply on top.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Baseline {
    /// Each class at the lifetime its devices in service show, bounded by the dataset's range;
    /// the backlog spread at the class's steady renewal rate.
    #[default]
    Practice,
    /// Each device at its own lifetime, else the dataset's; every device due renewed that year.
    DatasetLifetime,
    /// These classes (any name the dataset knows) at these lifetimes (years), renewed as under
    /// `Practice`; the other classes at their practice.
    Lifetimes(Vec<(String, f64)>),
}

impl Baseline {
    /// `"practice"`, `"dataset_lifetime"`, or `{"lifetimes": {"laptop": 7, ...}}`.
    pub fn from_json(v: &Value) -> Result<Baseline, ShapeError> {
        if let Value::String(_) = v {
            return match crate::json::variant(v, &["practice", "dataset_lifetime"])? {
                "practice" => Ok(Baseline::Practice),
                _ => Ok(Baseline::DatasetLifetime),
            };
        }
        let o = Object::new(v, &["lifetimes"]).map_err(|e| {
            ShapeError::new(format!(
                "{e}; expected \"practice\", \"dataset_lifetime\" or {{\"lifetimes\": {{category: years}}}}"
            ))
        })?;
        let lifetimes = o
            .read("lifetimes", |m| match m {
                Value::Object(map) => map
                    .iter()
                    .map(|(k, y)| {
                        y.as_f64()
                            .map(|y| (k.clone(), y))
                            .ok_or_else(|| crate::json::invalid_type(y, "f64").within(k))
                    })
                    .collect::<Result<Vec<_>, _>>(),
                other => Err(crate::json::invalid_type(
                    other,
                    "a map of category → years",
                )),
            })?
            .ok_or_else(|| ShapeError::missing("lifetimes"))?;
        Ok(Baseline::Lifetimes(lifetimes))
    }

    /// `practice`, `dataset_lifetime` or `lifetimes`.
    pub fn id(&self) -> &'static str {
        match self {
            Baseline::Practice => "practice",
            Baseline::DatasetLifetime => "dataset_lifetime",
            Baseline::Lifetimes(_) => "lifetimes",
        }
    }
}

crate::json::deserialize_with_reader!(Baseline, Baseline::from_json);

/// The renewal rule a series used, and each class's lifetime under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renewal {
    /// `practice`, `dataset_lifetime` or `lifetimes` ([`Baseline`]).
    pub rule: &'static str,
    /// Per class of the inventory the dataset has figures for, in the dataset's order.
    pub classes: Vec<ClassRenewal>,
}

/// How one class is renewed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassRenewal {
    /// Category id.
    pub category: String,
    /// Devices of the class at the start.
    pub devices: u64,
    /// Those with an acquisition year (the others are kept as they are, never renewed).
    pub dated_devices: u64,
    /// Mean age of the dated devices at the start (years), by quantity.
    pub mean_age_years: Option<f64>,
    /// `2 × mean age + 1`, before bounds.
    pub practice_years: Option<f64>,
    /// The dataset's lifetime range of the class (new devices).
    pub dataset_lifetime_years: Range,
    /// The bounds of the practice: the dataset's range widened to the shortest and longest
    /// lifetimes the class's lines state (`[low, high]`, years).
    pub bounds_years: [f64; 2],
    /// The lifetime the series renews the class at (years), a scenario's extension included.
    /// With `dataset_lifetime`, the dataset's; a line's own lifetime wins for its devices.
    pub lifetime_years: f64,
    /// Where `lifetime_years` comes from: `practice`, `practice_raised_to_low` or
    /// `practice_lowered_to_high` (bounded by `bounds_years`), `dataset` (no dated device, or
    /// the `dataset_lifetime` rule), `user`.
    pub source: &'static str,
    /// Dated devices already due the year after the start (at least `lifetime_years` old then).
    pub backlog: u64,
    /// The backlog is renewed over `lifetime_years` years: `⌈backlog / lifetime⌉` devices a
    /// year, oldest first (`None`: all at once, the `dataset_lifetime` rule).
    pub backlog_per_year: Option<u64>,
}

/// One year of a trajectory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPoint {
    /// The year.
    pub year: i32,
    /// Devices in service that year.
    pub devices: u64,
    /// Devices bought that year (renewals).
    pub purchases: u64,
    /// Of those purchases, the devices bought refurbished.
    pub refurbished_purchases: u64,
    /// Electricity of the fleet that year (kWh).
    pub electricity_kwh: f64,
    /// The fleet's impacts that year, by indicator and phase.
    pub impacts: ImpactTable,
}

/// The series of one policy (the baseline or a scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrajectorySeries {
    /// `baseline`, or the scenario's name.
    pub name: String,
    /// The scenario's levers (none for the baseline).
    pub levers: Vec<Lever>,
    /// How this series renews devices.
    pub renewal: Renewal,
    /// One point per year, from the start year to the horizon.
    pub years: Vec<YearPoint>,
    /// What the simulation noticed (e.g. lines without acquisition year, kept and never renewed).
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone)]
struct Cohort {
    line_no: u64,
    line: EquipmentLine,
    /// The line's class (as the evaluation reads it), when the dataset knows it.
    class: Option<CategoryRef>,
    /// Already reduced by a `ReduceFleet` lever (the reduction is one-off, not compounding).
    reduced: bool,
    /// Already due the year after the start: renewed over the following years.
    backlog: bool,
}

/// `to − from` in years, without overflow whatever the years given.
fn years_between(from: i32, to: i32) -> f64 {
    f64::from(to) - f64::from(from)
}

/// The class of a line as the evaluation reads it (type and model).
fn class_of(ds: &Dataset, line: &EquipmentLine) -> Option<CategoryRef> {
    ds.classify(&line.category, line.model.as_deref())
        .ok()
        .map(|c| c.category)
}

/// Per class under the practice or the user's lifetimes: the lifetime, and how many devices of
/// the backlog are renewed a year.
#[derive(Debug, Clone, Copy)]
struct ClassPlan {
    lifetime: f64,
    backlog_per_year: u64,
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
    /// Per category (dataset order): the class's lifetime and backlog rate, or `None` (renewed
    /// at each line's lifetime, all at once: the `dataset_lifetime` rule; or, for a class
    /// without figures, never).
    plan: Vec<Option<ClassPlan>>,
    /// The rule and each class's lifetime, as reported.
    pub renewal: Renewal,
    /// What the simulation noticed (e.g. lines without acquisition year, kept and never renewed).
    pub warnings: Vec<Warning>,
}

/// What the inventory shows of one class at the start.
#[derive(Debug, Clone, Copy, Default)]
struct ClassFacts {
    devices: u64,
    dated: u64,
    /// Sum of quantity × age of the dated devices.
    age_sum: f64,
    /// The shortest and longest lifetimes the class's lines state.
    stated: Option<(f64, f64)>,
}

fn class_facts(
    n_categories: usize,
    lines: &[(u64, EquipmentLine)],
    classes: &[Option<CategoryRef>],
    start: i32,
) -> Vec<ClassFacts> {
    let mut facts = vec![ClassFacts::default(); n_categories];
    for ((_, l), c) in lines.iter().zip(classes) {
        let Some(c) = c else {
            continue;
        };
        let f = &mut facts[c.0 as usize];
        let q = u64::from(l.quantity);
        f.devices += q;
        if let Some(a) = l.acquisition_year.filter(|a| *a <= start) {
            f.dated += q;
            f.age_sum += q as f64 * years_between(a, start);
        }
        if let Some(t) = l
            .lifetime
            .map(|t| t.get::<year>())
            .filter(|t| t.is_finite() && *t > 0.0)
        {
            f.stated = Some(f.stated.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))));
        }
    }
    facts
}

impl<'d> FleetSimulation<'d> {
    /// Starts from the inventory with the scenario's levers that act on today's fleet
    /// (longer lifetimes, electricity) applied, renewing devices under the dataset's
    /// lifetimes (the `dataset_lifetime` rule).
    pub fn new(
        ds: &'d Dataset,
        lines: &[(u64, EquipmentLine)],
        levers: &[Lever],
        start: i32,
    ) -> FleetSimulation<'d> {
        FleetSimulation::with_baseline(ds, lines, levers, start, &Baseline::DatasetLifetime)
    }

    /// As [`FleetSimulation::new`], renewing devices under `baseline` (module doc). The user's
    /// lifetimes are used as given: check them first ([`trajectory`] does).
    pub fn with_baseline(
        ds: &'d Dataset,
        lines: &[(u64, EquipmentLine)],
        levers: &[Lever],
        start: i32,
        baseline: &Baseline,
    ) -> FleetSimulation<'d> {
        let policy = Policy::of(levers);
        let (plan, renewal) = plan(ds, lines, start, baseline, &policy);
        let now_levers: Vec<Lever> = levers
            .iter()
            .filter(|l| matches!(l, Lever::ExtendLifetime { .. } | Lever::Electricity { .. }))
            .cloned()
            .collect();
        let today = apply(
            ds,
            &Scenario {
                name: String::new(),
                levers: now_levers,
            },
            lines,
            start,
        );
        let mut warnings = Vec::new();
        let cohorts = today
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
                let class = class_of(ds, &line);
                let backlog = match (line.acquisition_year, class.and_then(|k| plan[k.0 as usize])) {
                    (Some(a), Some(p)) => a <= start && years_between(a, start) + 1.0 >= p.lifetime,
                    _ => false,
                };
                Cohort { line_no, line, class, reduced: false, backlog }
            })
            .collect();
        FleetSimulation {
            ds,
            policy,
            cohorts,
            plan,
            renewal,
            warnings,
        }
    }

    /// The cohorts due in `year_now` under a plan: every cohort that reaches its class's
    /// lifetime, and per class at most `backlog_per_year` devices of the backlog, oldest first
    /// (a cohort partly renewed is split).
    fn due_planned(&mut self, year_now: i32) -> Vec<Cohort> {
        let plan_of = |c: &Cohort| c.class.and_then(|k| self.plan[k.0 as usize]);
        let mut due: Vec<usize> = (0..self.cohorts.len())
            .filter(|i| {
                let c = &self.cohorts[*i];
                match (c.line.acquisition_year, plan_of(c)) {
                    (Some(a), Some(p)) => a < year_now && years_between(a, year_now) >= p.lifetime,
                    _ => false,
                }
            })
            .collect();
        crate::sort::sort_by_key(&mut due, |i| {
            let c = &self.cohorts[*i];
            (c.line.acquisition_year, c.line_no, *i)
        });
        let mut left: Vec<u64> = self
            .plan
            .iter()
            .map(|p| p.map_or(0, |p| p.backlog_per_year))
            .collect();
        let mut out = Vec::new();
        let mut emptied = Vec::new();
        for i in due {
            let c = &mut self.cohorts[i];
            let take = match (c.backlog, c.class) {
                (false, _) => u64::from(c.line.quantity),
                (true, Some(k)) => {
                    let budget = &mut left[k.0 as usize];
                    let take = u64::from(c.line.quantity).min(*budget);
                    *budget -= take;
                    take
                }
                (true, None) => 0,
            };
            if take == 0 {
                continue;
            }
            let mut renewed = c.clone();
            // `take` ≤ quantity, a u32.
            renewed.line.quantity = take as u32;
            renewed.backlog = false;
            c.line.quantity -= take as u32;
            if c.line.quantity == 0 {
                emptied.push(i);
            }
            out.push(renewed);
        }
        if !emptied.is_empty() {
            let mut i = 0;
            self.cohorts.retain(|_| {
                let keep = !emptied.contains(&i);
                i += 1;
                keep
            });
        }
        out
    }

    /// Renews the devices due in `year`; returns (purchases, refurbished purchases).
    pub fn renew(&mut self, year_now: i32) -> (u64, u64) {
        let ds = self.ds;
        let planned = self.plan.iter().any(Option::is_some);
        let mut renewals: Vec<Cohort> = if planned {
            self.due_planned(year_now)
        } else {
            let due: Vec<usize> = (0..self.cohorts.len())
                .filter(|i| {
                    let l = &self.cohorts[*i].line;
                    match (l.acquisition_year, lifetime_of(ds, l)) {
                        (Some(a), Some(t)) => a < year_now && years_between(a, year_now) >= t,
                        _ => false,
                    }
                })
                .collect();
            let renewals = due.iter().map(|i| self.cohorts[*i].clone()).collect();
            self.cohorts = self
                .cohorts
                .drain(..)
                .enumerate()
                .filter(|(i, _)| !due.contains(i))
                .map(|(_, c)| c)
                .collect();
            renewals
        };
        if renewals.is_empty() {
            return (0, 0);
        }

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
            if let Some(p) = c.class.and_then(|k| self.plan[k.0 as usize]) {
                // Kept as long as the class's practice (extension included).
                c.line.lifetime = Some(Time::new::<year>(p.lifetime));
            } else if c.line.lifetime.is_none() {
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

/// Each class's lifetime and backlog rate under a rule, and the report of it.
fn plan(
    ds: &Dataset,
    lines: &[(u64, EquipmentLine)],
    start: i32,
    baseline: &Baseline,
    policy: &Policy,
) -> (Vec<Option<ClassPlan>>, Renewal) {
    let n = ds.categories().len();
    // Each line classified once, as the evaluation reads it.
    let line_classes: Vec<Option<CategoryRef>> =
        lines.iter().map(|(_, l)| class_of(ds, l)).collect();
    let facts = class_facts(n, lines, &line_classes, start);
    let planned = !matches!(baseline, Baseline::DatasetLifetime);
    // Per class: (lifetime, a scenario's extension, the report row without its backlog).
    let mut rows: Vec<Option<(f64, f64, ClassRenewal)>> = vec![None; n];
    for (i, cat) in ds.categories().iter().enumerate() {
        let f = facts[i];
        let me = CategoryRef(i as u32);
        // A class without figures is kept as it is: renewing it would change nothing known.
        if f.devices == 0 || cat.coverage == Coverage::NotAvailable {
            continue;
        }
        let range = cat.lifetime_years;
        // The dataset's range, widened to the lifetimes the class's lines state: the
        // commune's own figures are evidence of its practice too.
        let (low, high) = f.stated.map_or((range.low, range.high), |(lo, hi)| {
            (range.low.min(lo), range.high.max(hi))
        });
        let mean = (f.dated > 0).then(|| f.age_sum / f.dated as f64);
        let practice = mean.map(|m| 2.0 * m + 1.0);
        let user = match baseline {
            Baseline::Lifetimes(list) => list
                .iter()
                .rev()
                .find(|(name, _)| ds.find_category(name) == Some(me))
                .map(|(_, y)| *y),
            _ => None,
        };
        let (base, source) = match (baseline, user, practice) {
            (Baseline::DatasetLifetime, ..) => (range.central, "dataset"),
            (_, Some(y), _) => (y, "user"),
            (_, None, Some(p)) if p < low => (low, "practice_raised_to_low"),
            (_, None, Some(p)) if p > high => (high, "practice_lowered_to_high"),
            (_, None, Some(p)) => (p, "practice"),
            (_, None, None) => (range.central, "dataset"),
        };
        let extra: f64 = policy
            .extend
            .iter()
            .filter(|(_, cats)| {
                cats.is_empty() || cats.iter().any(|c| ds.find_category(c) == Some(me))
            })
            .map(|(e, _)| e)
            .sum();
        let lifetime = (base + extra).min(crate::fleet::MAX_YEARS);
        rows[i] = Some((
            lifetime,
            extra,
            ClassRenewal {
                category: cat.id.clone(),
                devices: f.devices,
                dated_devices: f.dated,
                mean_age_years: mean,
                practice_years: practice,
                dataset_lifetime_years: range,
                bounds_years: [low, high],
                lifetime_years: lifetime,
                source,
                backlog: 0,
                backlog_per_year: None,
            },
        ));
    }
    // The backlog: dated devices already due the year after the start.
    for ((_, l), c) in lines.iter().zip(&line_classes) {
        let Some((lifetime, extra, row)) = c.and_then(|c| rows[c.0 as usize].as_mut()) else {
            continue;
        };
        let Some(a) = l.acquisition_year.filter(|a| *a <= start) else {
            continue;
        };
        let due_at = if planned {
            Some(*lifetime)
        } else {
            lifetime_of(ds, l).map(|t| t + *extra)
        };
        if due_at.is_some_and(|t| years_between(a, start) + 1.0 >= t) {
            row.backlog += u64::from(l.quantity);
        }
    }
    let mut plans = vec![None; n];
    let mut classes = Vec::new();
    for (i, r) in rows.into_iter().enumerate() {
        let Some((lifetime, _, mut row)) = r else {
            continue;
        };
        if planned {
            let backlog_per_year = (row.backlog as f64 / lifetime).ceil() as u64;
            row.backlog_per_year = Some(backlog_per_year);
            plans[i] = Some(ClassPlan {
                lifetime,
                backlog_per_year,
            });
        }
        classes.push(row);
    }
    (
        plans,
        Renewal {
            rule: baseline.id(),
            classes,
        },
    )
}

/// Checks the user's lifetimes: known categories, more than 0 and at most 50 years.
fn check_baseline(ds: &Dataset, baseline: &Baseline) -> Result<(), TrajectoryError> {
    if let Baseline::Lifetimes(list) = baseline {
        for (name, years) in list {
            if ds.find_category(name).is_none() {
                return Err(TrajectoryError::UnknownCategory {
                    value: name.clone(),
                    suggestion: ds.suggest_category(name),
                });
            }
            if !(years.is_finite() && *years > 0.0 && *years <= crate::fleet::MAX_YEARS) {
                return Err(TrajectoryError::LifetimeOutOfRange {
                    category: name.clone(),
                    value: crate::decimal::num(*years),
                });
            }
        }
    }
    Ok(())
}

/// Computes the baseline (like-for-like renewal under `baseline`) and each scenario, year by
/// year, from `start` to `horizon`.
pub fn trajectory(
    ds: &Dataset,
    lines: &[(u64, EquipmentLine)],
    scenarios: &[Scenario],
    start: i32,
    horizon: i32,
    options: &EvaluationOptions,
    baseline: &Baseline,
) -> Result<Vec<TrajectorySeries>, TrajectoryError> {
    if horizon < start {
        return Err(TrajectoryError::HorizonBeforeStart { start, horizon });
    }
    let span = i64::from(horizon) - i64::from(start);
    if span >= i64::from(MAX_TRAJECTORY_YEARS) {
        return Err(TrajectoryError::TooLong {
            years: i32::try_from(span + 1).unwrap_or(i32::MAX),
        });
    }
    for s in scenarios {
        validate(ds, s)?;
    }
    check_baseline(ds, baseline)?;
    let like_for_like = Scenario {
        name: "baseline".into(),
        levers: Vec::new(),
    };
    std::iter::once(&like_for_like)
        .chain(scenarios)
        .map(|s| {
            let mut sim = FleetSimulation::with_baseline(ds, lines, &s.levers, start, baseline);
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
                renewal: sim.renewal,
                years,
                warnings: sim.warnings,
            })
        })
        .collect()
}

/// A trajectory as programs send it (JSON, JS objects): `{from?, to?, scenarios?, options?,
/// baseline?}`; one definition for the bindings. Unset: from the options' reporting year (or
/// `defaults::REPORTING_YEAR`) to `defaults::TRAJECTORY_HORIZON`, no scenario, the inventory's
/// practice.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrajectoryRequest {
    /// First year.
    pub from: Option<i32>,
    /// Last year (the horizon).
    pub to: Option<i32>,
    /// Scenarios, each a series beside the baseline.
    pub scenarios: Vec<Scenario>,
    /// Options of every year's evaluation (default: those of `from`).
    pub options: Option<EvaluationOptions>,
    /// How devices are renewed.
    pub baseline: Baseline,
}

impl TrajectoryRequest {
    /// The series for these inventory lines.
    pub fn run(
        &self,
        ds: &Dataset,
        lines: &[(u64, EquipmentLine)],
    ) -> Result<Vec<TrajectorySeries>, TrajectoryError> {
        let from = self
            .from
            .or(self.options.as_ref().map(|o| o.reporting_year))
            .unwrap_or(crate::defaults::REPORTING_YEAR);
        let to = self.to.unwrap_or(crate::defaults::TRAJECTORY_HORIZON);
        let options = self
            .options
            .clone()
            .unwrap_or_else(|| EvaluationOptions::new(from));
        trajectory(
            ds,
            lines,
            &self.scenarios,
            from,
            to,
            &options,
            &self.baseline,
        )
    }
}
