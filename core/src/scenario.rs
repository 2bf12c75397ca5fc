//! Scenarios on an inventory: levers (keep devices longer, buy refurbished, pool devices,
//! another electricity mix or hosting country) applied to the lines, then evaluated by the same
//! model; the result is the delta against the baseline.
//!
//! Levers transform inputs, never figures: a scenario is just another inventory.

use crate::dataset::Dataset;
use crate::estimate::Estimate;
use crate::evaluate::Evaluation;
use crate::inventory::{Condition, EquipmentLine, InventoryItem, RejectedRow, RowError};
use crate::json::{deserialize_with_reader, variant, Object, ShapeError};
use crate::options::EvaluationOptions;
use crate::report::{GroupFootprint, ImpactTable, Report, Scopes};
use serde::Serialize;
use serde_json::Value;
use uom::si::f64::Time;
use uom::si::time::year as year_unit;

/// One lever of a scenario. `categories` restricts it to some categories (ids or any name the
/// dataset knows); empty means every category.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "lever", rename_all = "snake_case")]
pub enum Lever {
    /// Keep devices `years` longer than their lifetime.
    ExtendLifetime {
        /// Years added to the lifetime (0 to 30).
        years: f64,
        /// Categories it applies to (empty: every category).
        #[serde(default)]
        categories: Vec<String>,
    },
    /// Buy this share (0 to 1) of new devices refurbished instead, where the dataset models
    /// refurbishment for the category.
    RefurbishedShare {
        /// Share of the new devices bought refurbished (0 to 1).
        share: f64,
        /// Categories it applies to (empty: every category).
        #[serde(default)]
        categories: Vec<String>,
    },
    /// Have this share (0 to 1) fewer devices (pooling, sharing, not renewing).
    ReduceFleet {
        /// Share of devices removed (0 to 1).
        share: f64,
        /// Categories it applies to (empty: every category).
        #[serde(default)]
        categories: Vec<String>,
    },
    /// Use the electricity of another country or zone (a greener contract, hosting elsewhere).
    Electricity {
        /// Country or zone whose electricity the devices use (code or name).
        country: String,
        /// Categories it applies to (empty: every category).
        #[serde(default)]
        categories: Vec<String>,
    },
}

impl Lever {
    /// `{"lever": ..., "years" | "share" | "country": ..., "categories"?: [...]}`: a field the
    /// lever does not take is refused.
    pub fn from_json(v: &Value) -> Result<Lever, ShapeError> {
        let o = Object::new(v, &["lever", "years", "share", "country", "categories"])?;
        let kind = o.get("lever").ok_or_else(|| ShapeError::missing("lever"))?;
        let name = variant(
            kind,
            &[
                "extend_lifetime",
                "refurbished_share",
                "reduce_fleet",
                "electricity",
            ],
        )
        .map_err(|e| e.within("lever"))?;
        let needs = match name {
            "extend_lifetime" => "years",
            "electricity" => "country",
            _ => "share",
        };
        if let Some(other) = ["years", "share", "country"]
            .into_iter()
            .find(|k| *k != needs && o.has(k))
        {
            return Err(ShapeError::new(format!(
                "unknown field `{other}` for lever `{name}`, expected `{needs}` and `categories`"
            )));
        }
        let missing = || ShapeError::new(format!("missing field `{needs}` for lever `{name}`"));
        let categories = o.strings("categories")?.unwrap_or_default();
        Ok(match name {
            "extend_lifetime" => Lever::ExtendLifetime {
                years: o.f64("years")?.ok_or_else(missing)?,
                categories,
            },
            "refurbished_share" => Lever::RefurbishedShare {
                share: o.f64("share")?.ok_or_else(missing)?,
                categories,
            },
            "reduce_fleet" => Lever::ReduceFleet {
                share: o.f64("share")?.ok_or_else(missing)?,
                categories,
            },
            _ => Lever::Electricity {
                country: o.string("country")?.ok_or_else(missing)?,
                categories,
            },
        })
    }
}

deserialize_with_reader!(Lever, Lever::from_json);

/// A named set of levers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    /// Name of the scenario, shown in results and messages.
    pub name: String,
    /// The levers, applied in order.
    pub levers: Vec<Lever>,
}

impl Scenario {
    /// `{"name": ..., "levers": [...]}`.
    pub fn from_json(v: &Value) -> Result<Scenario, ShapeError> {
        let o = Object::new(v, &["name", "levers"])?;
        Ok(Scenario {
            name: o
                .string("name")?
                .ok_or_else(|| ShapeError::missing("name"))?,
            levers: o
                .list("levers", Lever::from_json)?
                .ok_or_else(|| ShapeError::missing("levers"))?,
        })
    }
}

deserialize_with_reader!(Scenario, Scenario::from_json);

/// Why a scenario cannot be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    /// A lever's number out of its range.
    #[error("scenario {scenario:?}: {lever}: {value} is out of range; expected {expected}")]
    OutOfRange {
        /// The scenario's name.
        scenario: String,
        /// The lever's name (`extend_lifetime`...).
        lever: &'static str,
        /// The value given.
        value: String,
        /// The accepted range.
        expected: &'static str,
    },
    /// A lever names a category the dataset does not know.
    #[error("scenario {scenario:?}: unknown category {value:?}{}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownCategory {
        /// The scenario's name.
        scenario: String,
        /// The category as given.
        value: String,
        /// The closest category, when one is close enough.
        suggestion: Option<String>,
    },
    /// An electricity lever names a country that is not a zone of the dataset.
    #[error("scenario {scenario:?}: unknown country or zone {value:?}{}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownCountry {
        /// The scenario's name.
        scenario: String,
        /// The country as given.
        value: String,
        /// The closest zone, when one is close enough.
        suggestion: Option<String>,
    },
    /// The evaluation could not start: its options are invalid (an unknown default country, an
    /// option out of range).
    #[error("option default_country: {0}")]
    Options(RowError),
}

impl ScenarioError {
    /// A stable, machine-readable code (that of the options' error for [`ScenarioError::Options`]).
    pub fn code(&self) -> &'static str {
        match self {
            ScenarioError::OutOfRange { .. } => "out_of_range",
            ScenarioError::UnknownCategory { .. } => "unknown_category",
            ScenarioError::UnknownCountry { .. } => "unknown_country",
            ScenarioError::Options(e) => e.code(),
        }
    }

    /// What the error is about, for bindings: the lever's name, `categories`, `country`, or the
    /// option (`default_country`).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ScenarioError::OutOfRange { lever, .. } => Some(lever),
            ScenarioError::UnknownCategory { .. } => Some("categories"),
            ScenarioError::UnknownCountry { .. } => Some("country"),
            ScenarioError::Options(e) => e.field().map(|f| f.name()),
        }
    }
}

impl Lever {
    fn name(&self) -> &'static str {
        match self {
            Lever::ExtendLifetime { .. } => "extend_lifetime",
            Lever::RefurbishedShare { .. } => "refurbished_share",
            Lever::ReduceFleet { .. } => "reduce_fleet",
            Lever::Electricity { .. } => "electricity",
        }
    }

    fn categories(&self) -> &[String] {
        match self {
            Lever::ExtendLifetime { categories, .. }
            | Lever::RefurbishedShare { categories, .. }
            | Lever::ReduceFleet { categories, .. }
            | Lever::Electricity { categories, .. } => categories,
        }
    }
}

/// Checks a scenario against a dataset: shares within 0..1, known categories and countries.
pub fn validate(ds: &Dataset, scenario: &Scenario) -> Result<(), ScenarioError> {
    let range = |lever: &'static str, v: f64, ok: bool, expected: &'static str| {
        if ok {
            Ok(())
        } else {
            Err(ScenarioError::OutOfRange {
                scenario: scenario.name.clone(),
                lever,
                value: crate::decimal::num(v),
                expected,
            })
        }
    };
    for lever in &scenario.levers {
        match lever {
            Lever::ExtendLifetime { years, .. } => range(
                lever.name(),
                *years,
                years.is_finite() && (0.0..=30.0).contains(years),
                "0 to 30 years",
            )?,
            Lever::RefurbishedShare { share, .. } | Lever::ReduceFleet { share, .. } => range(
                lever.name(),
                *share,
                share.is_finite() && (0.0..=1.0).contains(share),
                "a share from 0 to 1 (0 % to 100 %)",
            )?,
            Lever::Electricity { country, .. } => {
                if ds.find_zone(country).is_none() {
                    return Err(ScenarioError::UnknownCountry {
                        scenario: scenario.name.clone(),
                        value: country.clone(),
                        suggestion: ds.suggest_zone(country),
                    });
                }
            }
        }
        for c in lever.categories() {
            if ds.find_category(c).is_none() {
                return Err(ScenarioError::UnknownCategory {
                    scenario: scenario.name.clone(),
                    value: c.clone(),
                    suggestion: ds.suggest_category(c),
                });
            }
        }
    }
    Ok(())
}

fn applies(ds: &Dataset, lever: &Lever, line: &EquipmentLine) -> bool {
    let cats = lever.categories();
    cats.is_empty() || {
        let mine = ds.find_category(&line.category);
        mine.is_some() && cats.iter().any(|c| ds.find_category(c) == mine)
    }
}

/// Splits `share` of the quantities of the selected lines, exactly: floor per line, then the
/// remaining units to the largest fractional parts (ties: earlier lines). Returns units per line.
pub(crate) fn split_share(quantities: &[u32], share: f64) -> Vec<u32> {
    let total: u64 = quantities.iter().map(|q| *q as u64).sum();
    let target = (total as f64 * share).round() as u64;
    let mut units: Vec<u32> = quantities
        .iter()
        .map(|q| (*q as f64 * share).floor() as u32)
        .collect();
    let mut given: u64 = units.iter().map(|u| *u as u64).sum();
    let mut order: Vec<usize> = (0..quantities.len()).collect();
    let frac = |i: usize| quantities[i] as f64 * share - units[i] as f64;
    crate::sort::sort_by(&mut order, |a, b| {
        frac(*b).total_cmp(&frac(*a)).then(a.cmp(b))
    });
    for i in order {
        if given >= target {
            break;
        }
        if units[i] < quantities[i] {
            units[i] += 1;
            given += 1;
        }
    }
    units
}

/// The default lifetime of a line (its own, else the dataset's for its condition).
pub(crate) fn lifetime_of(ds: &Dataset, line: &EquipmentLine) -> Option<f64> {
    if let Some(l) = line.lifetime {
        return Some(l.get::<year_unit>());
    }
    let c = ds.find_category(&line.category)?;
    Some(match line.condition {
        Condition::New => ds.category(c).lifetime_years.central,
        _ => ds
            .second_life_years(c)
            .unwrap_or(ds.category(c).lifetime_years.central),
    })
}

/// Applies the levers to lines (numbered) for `year`, returning the scenario's lines.
/// Longer lifetimes apply to devices still within theirs: a device already kept past its
/// lifetime has nothing left to spread, and must not carry its manufacturing again.
pub fn apply(
    ds: &Dataset,
    scenario: &Scenario,
    lines: &[(u64, EquipmentLine)],
    year: i32,
) -> Vec<(u64, EquipmentLine)> {
    let mut out: Vec<(u64, EquipmentLine)> = lines.to_vec();
    for lever in &scenario.levers {
        match lever {
            Lever::ExtendLifetime { years, .. } => {
                for (_, l) in out.iter_mut().filter(|(_, l)| applies(ds, lever, l)) {
                    if let Some(base) = lifetime_of(ds, l) {
                        // Only devices with at least one full year left: extending a device in
                        // its last, partial year would move its embodied impacts into this year.
                        let past = l
                            .acquisition_year
                            .is_some_and(|a| f64::from(year) - f64::from(a) + 1.0 > base);
                        if !past {
                            l.lifetime = Some(Time::new::<year_unit>(base + years));
                        }
                    }
                }
            }
            Lever::Electricity { country, .. } => {
                for (_, l) in out.iter_mut().filter(|(_, l)| applies(ds, lever, l)) {
                    l.country = Some(country.clone());
                }
            }
            Lever::RefurbishedShare { share, .. } => {
                let eligible: Vec<usize> = (0..out.len())
                    .filter(|i| {
                        let l = &out[*i].1;
                        l.condition == Condition::New
                            && applies(ds, lever, l)
                            && ds
                                .find_category(&l.category)
                                .and_then(|c| ds.second_life_years(c))
                                .is_some()
                    })
                    .collect();
                let units = split_share(
                    &eligible
                        .iter()
                        .map(|i| out[*i].1.quantity)
                        .collect::<Vec<_>>(),
                    *share,
                );
                let mut added = Vec::new();
                for (i, u) in eligible.iter().zip(units) {
                    if u == 0 {
                        continue;
                    }
                    let (n, line) = &mut out[*i];
                    let mut refurbished = line.clone();
                    refurbished.quantity = u;
                    refurbished.condition = Condition::Refurbished;
                    // A lifetime given for the new device does not carry over to the second life.
                    refurbished.lifetime = None;
                    line.quantity -= u;
                    added.push((*n, refurbished));
                }
                out.extend(added);
            }
            Lever::ReduceFleet { share, .. } => {
                let eligible: Vec<usize> = (0..out.len())
                    .filter(|i| applies(ds, lever, &out[*i].1))
                    .collect();
                let units = split_share(
                    &eligible
                        .iter()
                        .map(|i| out[*i].1.quantity)
                        .collect::<Vec<_>>(),
                    *share,
                );
                for (i, u) in eligible.iter().zip(units) {
                    out[*i].1.quantity -= u;
                }
            }
        }
    }
    out.retain(|(_, l)| l.quantity > 0);
    crate::sort::sort_by_key(&mut out, |(n, _)| *n);
    out
}

/// A scenario beside its baseline, figure by figure; the change is scenario − baseline
/// (negative = the scenario emits less).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delta {
    /// Category id or department name, `None` for the totals or lines without department.
    pub key: Option<String>,
    /// The baseline's impacts.
    pub baseline: ImpactTable,
    /// The scenario's impacts.
    pub scenario: ImpactTable,
    /// Scenario − baseline; bounds assume both draw the same factors (low − low, high − high).
    pub change: ImpactTable,
}

/// A scenario against its baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    /// The scenario's name.
    pub name: String,
    /// Its levers.
    pub levers: Vec<Lever>,
    /// The reporting year of both evaluations.
    pub reporting_year: i32,
    /// Totals.
    pub totals: Delta,
    /// Per category present on either side.
    pub by_category: Vec<Delta>,
    /// Per department present on either side.
    pub by_department: Vec<Delta>,
    /// Climate change, central, kg CO2e per year: scenario − baseline (`None` when either is
    /// not available), and in percent.
    pub change_kgco2e: Option<f64>,
    /// `change_kgco2e` as a percentage of the baseline (`None` when not available or the baseline
    /// is zero).
    pub change_percent: Option<f64>,
}

fn change(a: &ImpactTable, b: &ImpactTable) -> ImpactTable {
    let mut c = a.clone();
    for (row, (x, y)) in c.cells.iter_mut().zip(a.cells.iter().zip(&b.cells)) {
        for (cell, (e0, e1)) in row.iter_mut().zip(x.iter().zip(y)) {
            *cell = Estimate::change(e0, e1);
        }
    }
    c
}

fn deltas(
    ds: &Dataset,
    scopes: Scopes,
    base: &[GroupFootprint],
    scen: &[GroupFootprint],
) -> Vec<Delta> {
    let mut keys: Vec<Option<String>> = base.iter().map(|g| g.key.clone()).collect();
    for g in scen {
        if !keys.contains(&g.key) {
            keys.push(g.key.clone());
        }
    }
    // A group one side lacks has no devices there: zero where the indicator is covered, and
    // its totals as the dataset covers them.
    let mut empty = ImpactTable::new(ds.indicators());
    empty.apply_scopes(scopes);
    keys.into_iter()
        .map(|k| {
            let b = base
                .iter()
                .find(|g| g.key == k)
                .map_or(&empty, |g| &g.impacts);
            let s = scen
                .iter()
                .find(|g| g.key == k)
                .map_or(&empty, |g| &g.impacts);
            Delta {
                key: k,
                baseline: b.clone(),
                scenario: s.clone(),
                change: change(b, s),
            }
        })
        .collect()
}

/// Evaluates numbered lines into a report, keeping the line numbers for messages.
pub fn evaluate_numbered(
    ds: &Dataset,
    lines: &[(u64, EquipmentLine)],
    rejected: &[RejectedRow],
    options: &EvaluationOptions,
) -> Result<Report, RowError> {
    let mut ev = Evaluation::new(ds, options.clone())?;
    for (n, l) in lines {
        let _ = ev.add(*n, l);
    }
    for r in rejected {
        ev.reject(r.clone());
    }
    Ok(ev.finish())
}

/// Splits reader items into lines and rejected rows.
pub fn split_items(
    items: impl IntoIterator<Item = InventoryItem>,
) -> (Vec<(u64, EquipmentLine)>, Vec<RejectedRow>) {
    let mut lines = Vec::new();
    let mut rejected = Vec::new();
    for item in items {
        match item {
            InventoryItem::Line(n, l) => lines.push((n, l)),
            InventoryItem::Rejected(r) => rejected.push(r),
        }
    }
    (lines, rejected)
}

/// Runs scenarios against the baseline inventory for one reporting year.
///
/// ```
/// use empreinte::{run_scenarios, Dataset, EquipmentLine, EvaluationOptions, Lever, Scenario};
///
/// let mut laptops = EquipmentLine::new("laptop", 100);
/// laptops.acquisition_year = Some(2024);
/// let keep_longer = Scenario {
///     name: "laptops kept 2 years longer".into(),
///     levers: vec![Lever::ExtendLifetime { years: 2.0, categories: vec!["laptop".into()] }],
/// };
/// let ds = Dataset::embedded_default();
/// let options = EvaluationOptions::new(2025);
/// let (baseline, results) = run_scenarios(ds, &[(1, laptops)], &[keep_longer], &options)?;
/// assert!(baseline.climate_change_kgco2e().unwrap() > 0.0);
/// // The same manufacturing spread over more years: less per year.
/// assert!(results[0].change_kgco2e.unwrap() < 0.0);
/// assert!(results[0].change_percent.unwrap() < 0.0);
/// # Ok::<(), empreinte::ScenarioError>(())
/// ```
pub fn run_scenarios(
    ds: &Dataset,
    lines: &[(u64, EquipmentLine)],
    scenarios: &[Scenario],
    options: &EvaluationOptions,
) -> Result<(Report, Vec<ScenarioResult>), ScenarioError> {
    for s in scenarios {
        validate(ds, s)?;
    }
    let baseline = evaluate_numbered(ds, lines, &[], options).map_err(ScenarioError::Options)?;
    let scopes = Scopes::new(ds, options);
    let mut results = Vec::new();
    for s in scenarios {
        let r = evaluate_numbered(
            ds,
            &apply(ds, s, lines, options.reporting_year),
            &[],
            options,
        )
        .map_err(ScenarioError::Options)?;
        let totals = Delta {
            key: None,
            baseline: baseline.totals.impacts.clone(),
            scenario: r.totals.impacts.clone(),
            change: change(&baseline.totals.impacts, &r.totals.impacts),
        };
        let b = baseline.climate_change_kgco2e();
        let c = r.climate_change_kgco2e().zip(b).map(|(s, b)| s - b);
        results.push(ScenarioResult {
            name: s.name.clone(),
            levers: s.levers.clone(),
            reporting_year: options.reporting_year,
            totals,
            by_category: deltas(ds, scopes, &baseline.by_category, &r.by_category),
            by_department: deltas(ds, scopes, &baseline.by_department, &r.by_department),
            change_kgco2e: c,
            change_percent: c.zip(b.filter(|b| *b != 0.0)).map(|(c, b)| c / b * 100.0),
        });
    }
    Ok((baseline, results))
}

#[cfg(test)]
mod tests {
    use super::split_share;

    #[test]
    fn shares_split_exactly() {
        assert_eq!(
            split_share(&[1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0.3)
                .iter()
                .sum::<u32>(),
            3
        );
        assert_eq!(split_share(&[10], 0.25), vec![3]);
        assert_eq!(split_share(&[5, 5], 1.0), vec![5, 5]);
        assert_eq!(split_share(&[5, 5], 0.0), vec![0, 0]);
        assert_eq!(split_share(&[], 0.5), Vec::<u32>::new());
    }
}
