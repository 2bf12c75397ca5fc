//! Streaming evaluation: lines go in one at a time, aggregates stay small, so an inventory
//! of any size is evaluated in bounded memory.

use crate::dataset::{Dataset, ElectricityLookup, ZoneRef};
use crate::fleet::{empty_footprint, evaluate_line, FactorTrace, Kernel, LineFootprint, Resolved};
use crate::inventory::{
    CsvInventory, EquipmentLine, InventoryError, InventoryItem, RejectedRow, RowError, Warning,
};
use crate::options::{EvaluationOptions, MonteCarloOptions, MAX_DRAWS};
use crate::report::{
    indicator_infos, Counts, ElectricityUse, GroupFootprint, LineReport, PerCapita, Report, Scopes,
    TotalScope,
};
use crate::strata::Strata;
use crate::uncertainty::Accumulator;
use rustc_hash::FxHashMap as HashMap;
use std::io::Read;

#[cfg(feature = "estate")]
mod estate_hooks;

/// Warnings of one kind kept in full; beyond that they are counted.
const WARNINGS_PER_CODE: usize = 20;

/// How far (in years) an electricity factor's vintage may be from the reporting year before
/// an `electricity_vintage_far` warning: beyond 5 years a mix has usually changed (France's
/// climate factor moved from 0.0580 to 0.0461 kgCO2e/kWh between 2023 and 2025).
pub const MAX_VINTAGE_GAP_YEARS: i32 = 5;

/// An evaluation in progress. Feed it lines with [`Evaluation::add`] (or rejected rows with
/// [`Evaluation::reject`]), then call [`Evaluation::finish`].
///
/// ```
/// use empreinte::{Availability, Condition, Dataset, EquipmentLine, Evaluation};
/// use empreinte::{EvaluationOptions, Indicator};
///
/// let mut ev = Evaluation::new(Dataset::embedded_default(), EvaluationOptions::new(2025))?;
/// let mut laptops = EquipmentLine::new("PC portable", 20);
/// laptops.acquisition_year = Some(2023);
/// ev.add(1, &laptops)?;
/// let mut phones = EquipmentLine::new("smartphone", 5);
/// phones.condition = Condition::Refurbished;
/// phones.acquisition_year = Some(2024);
/// ev.add(2, &phones)?;
/// // A line that cannot be evaluated is listed as rejected, never dropped silently.
/// assert!(ev.add(3, &EquipmentLine::new("laptop", 0)).is_err());
/// let report = ev.finish();
/// assert_eq!((report.counts.rows_evaluated, report.counts.rows_rejected), (2, 1));
/// assert_eq!(report.counts.devices, 25);
/// assert_eq!(report.by_category.len(), 2);
/// let total = report.totals.impacts.total(Indicator::ClimateChange).unwrap();
/// assert_eq!(total.availability(), Availability::Available);
/// assert!(total.central().unwrap() > 0.0);
/// # Ok::<(), empreinte::RowError>(())
/// ```
#[derive(Debug)]
pub struct Evaluation<'d> {
    ds: &'d Dataset,
    options: EvaluationOptions,
    default_zone: ZoneRef,
    /// Type as written (and model, after a unit separator) → its classification.
    category_cache: HashMap<String, Result<u32, Option<String>>>,
    /// The classifications made, each once (a line's `mapping_rule`).
    classifications: Vec<crate::classify::Classification>,
    /// Reused key buffer for lines that give a model.
    cache_key: String,
    /// The classification of the line computed last.
    last_classification: u32,
    zone_cache: HashMap<String, Result<ZoneRef, Option<String>>>,
    /// The year whose electricity factors are looked up: the reporting year, except for the
    /// year-over-year split, which evaluates last year's fleet against this year's reference.
    electricity_year: i32,
    electricity: Vec<Option<Option<ElectricityLookup>>>,
    electricity_lines: Vec<u64>,
    totals: GroupFootprint,
    by_category: Vec<GroupFootprint>,
    by_department: Vec<GroupFootprint>,
    department_index: HashMap<String, usize>,
    no_department: Option<usize>,
    lines: Option<Vec<LineReport>>,
    rejected: Vec<RejectedRow>,
    warnings: Vec<Warning>,
    warning_counts: HashMap<&'static str, u64>,
    counts: Counts,
    /// Factor coefficients of the current line, when Monte Carlo is asked for.
    trace: Option<Vec<FactorTrace>>,
    monte_carlo: Option<Accumulator>,
    strata: Strata,
    kernels: Vec<Kernel>,
    kernel_index: HashMap<(u32, u8, u32), usize>,
    /// Lines computed with each kernel: how often each of its factors was used.
    kernel_lines: Vec<u64>,
    scratch: LineFootprint,
    /// What each indicator's totals hold (dataset indicator order).
    scopes: Scopes,
}

impl<'d> Evaluation<'d> {
    /// Starts an evaluation. Fails when the default country is not a zone of the dataset.
    pub fn new(ds: &'d Dataset, options: EvaluationOptions) -> Result<Evaluation<'d>, RowError> {
        let default_zone = match &options.default_country {
            Some(c) => ds.find_zone(c).ok_or_else(|| RowError::UnknownCountry {
                value: c.clone(),
                suggestion: ds.suggest_zone(c),
            })?,
            None => ds.default_zone(),
        };
        if let crate::Annualisation::Accounting { default_years } = options.annualisation {
            if !(default_years > 0.0 && default_years <= crate::fleet::MAX_YEARS) {
                return Err(RowError::InvalidOption {
                    option: "annualisation.default_years",
                    value: crate::decimal::num(default_years),
                    expected: format!(
                        "more than 0 and at most {} years",
                        crate::decimal::Num(crate::fleet::MAX_YEARS)
                    ),
                });
            }
        }
        for (option, value) in [
            ("inhabitants", options.inhabitants),
            ("agents", options.agents),
            ("pupils", options.pupils),
        ] {
            if let Some(v) = value.filter(|v| !(v.is_finite() && *v > 0.0)) {
                return Err(RowError::InvalidOption {
                    option,
                    value: crate::decimal::num(v),
                    expected: "a number of people above 0".into(),
                });
            }
        }
        if let Some(MonteCarloOptions { draws, .. }) = options.monte_carlo {
            if draws == 0 || draws > MAX_DRAWS {
                return Err(RowError::InvalidOption {
                    option: "monte_carlo.draws",
                    value: draws.to_string(),
                    expected: format!("from 1 to {MAX_DRAWS}"),
                });
            }
        }
        let indicators = ds.indicators();
        Ok(Evaluation {
            ds,
            default_zone,
            category_cache: HashMap::default(),
            classifications: Vec::new(),
            cache_key: String::new(),
            last_classification: 0,
            zone_cache: HashMap::default(),
            electricity_year: options.reporting_year,
            electricity: vec![None; ds.zones().len()],
            electricity_lines: vec![0; ds.zones().len()],
            totals: GroupFootprint::new(None, indicators),
            by_category: ds
                .categories()
                .iter()
                .map(|c| {
                    let mut g = GroupFootprint::new(Some(c.id.clone()), indicators);
                    g.label_fr = Some(c.label_fr.clone());
                    g.label_en = Some(c.label_en.clone());
                    g
                })
                .collect(),
            by_department: Vec::new(),
            department_index: HashMap::default(),
            no_department: None,
            lines: options.keep_lines.then(Vec::new),
            rejected: Vec::new(),
            warnings: Vec::new(),
            warning_counts: HashMap::default(),
            counts: Counts::default(),
            trace: options.monte_carlo.map(|_| Vec::with_capacity(64)),
            monte_carlo: options.monte_carlo.map(|_| Accumulator::new(ds)),
            strata: Strata::default(),
            kernels: Vec::new(),
            kernel_index: HashMap::default(),
            kernel_lines: Vec::new(),
            scratch: empty_footprint(),
            scopes: Scopes::new(ds, &options),
            options,
        })
    }

    /// The dataset this evaluation uses.
    pub fn dataset(&self) -> &'d Dataset {
        self.ds
    }

    /// Records a warning (the first ones of each kind in full, the rest counted).
    pub fn warn(&mut self, warning: Warning) {
        let n = self.warning_counts.entry(warning.code).or_insert(0);
        *n += 1;
        if *n as usize <= WARNINGS_PER_CODE {
            self.warnings.push(warning);
        }
    }

    /// Records a row that could not be read.
    pub fn reject(&mut self, row: RejectedRow) {
        self.counts.rows_read += 1;
        self.counts.rows_rejected += 1;
        self.rejected.push(row);
    }

    /// Records empty rows skipped by a reader.
    pub fn add_blank_rows(&mut self, n: u64) {
        self.counts.blank_rows += n;
    }

    fn resolve(&mut self, line_no: u64, line: &EquipmentLine) -> Result<Resolved, RowError> {
        let ds = self.ds;
        // Known and unknown names are both cached: a file repeating an unknown name is not
        // re-scored for "did you mean" on every row.
        let key: &str = match &line.model {
            None => &line.category,
            Some(m) => {
                self.cache_key.clear();
                self.cache_key.push_str(&line.category);
                self.cache_key.push('\u{1f}');
                self.cache_key.push_str(m);
                &self.cache_key
            }
        };
        let classified = match self.category_cache.get(key) {
            Some(c) => c.clone(),
            None => {
                let key = key.to_string();
                let c = ds.classify(&line.category, line.model.as_deref()).map(|c| {
                    if let Some(why) = c.assumption {
                        let written = line.category.trim();
                        self.warn(Warning {
                            line: Some(line_no),
                            field: Some("category".into()),
                            code: "category_assumption",
                            message: format!("line {line_no}: “{written}”: {why}"),
                        });
                    }
                    self.classifications.push(c);
                    (self.classifications.len() - 1) as u32
                });
                if self.category_cache.len() < 10_000 {
                    self.category_cache.insert(key, c.clone());
                }
                c
            }
        }
        .map_err(|suggestion| RowError::UnknownCategory {
            value: if line.category.trim().is_empty() {
                line.model.clone().unwrap_or_default()
            } else {
                line.category.clone()
            },
            suggestion,
        })?;
        let category = self.classifications[classified as usize].category;
        let zone = match &line.country {
            None => self.default_zone,
            Some(name) => match self.zone_cache.get(name) {
                Some(z) => z.clone(),
                None => {
                    let z = ds.find_zone(name).ok_or_else(|| ds.suggest_zone(name));
                    if self.zone_cache.len() < 10_000 {
                        self.zone_cache.insert(name.clone(), z.clone());
                    }
                    z
                }
            }
            .map_err(|suggestion| RowError::UnknownCountry {
                value: name.clone(),
                suggestion,
            })?,
        };
        let slot = &mut self.electricity[zone.0 as usize];
        let lookup = *slot.get_or_insert_with(|| ds.electricity_for(zone, self.electricity_year));
        let electricity = lookup.ok_or_else(|| RowError::NoElectricityFactor {
            zone: ds.zone(zone).code.clone(),
            dataset: ds.id().to_string(),
        })?;
        Ok(Resolved {
            category,
            zone,
            electricity,
            classification: classified,
        })
    }

    /// The kernel of a resolved line, built on first use and cached.
    fn kernel_for(&mut self, r: &Resolved, condition: crate::Condition) -> usize {
        let key = (r.category.0, condition as u8, r.zone.0);
        match self.kernel_index.get(&key) {
            Some(k) => *k,
            None => {
                self.kernels
                    .push(Kernel::new(self.ds, r.category, condition, &r.electricity));
                self.kernel_lines.push(0);
                self.kernel_index.insert(key, self.kernels.len() - 1);
                self.kernels.len() - 1
            }
        }
    }

    /// Computes a line into the scratch footprint.
    fn compute(
        &mut self,
        line_no: u64,
        line: &EquipmentLine,
        traced: bool,
    ) -> Result<(), RowError> {
        let r = self.resolve(line_no, line)?;
        self.last_classification = r.classification;
        let k = self.kernel_for(&r, line.condition);
        let trace = if traced { self.trace.as_mut() } else { None };
        evaluate_line(
            self.ds,
            line_no,
            line,
            &r,
            &self.options,
            &self.kernels[k],
            &mut self.scratch,
            trace,
        )?;
        self.kernel_lines[k] += 1;
        Ok(())
    }

    /// The footprint of one line without recording it in the aggregates (used to compare
    /// offers and build scenarios on the same model).
    pub fn footprint(
        &mut self,
        line_no: u64,
        line: &EquipmentLine,
    ) -> Result<LineFootprint, RowError> {
        self.compute(line_no, line, false)?;
        Ok(self.scratch.clone())
    }

    /// Evaluates one line (`line_no`: its line in the file, for messages). A line that fails
    /// validation is recorded as rejected; the error is also returned.
    pub fn add(&mut self, line_no: u64, line: &EquipmentLine) -> Result<(), RowError> {
        if let Some(t) = &mut self.trace {
            t.clear();
        }
        match self.compute(line_no, line, true) {
            Ok(()) => {
                let category = self.scratch.category.0 as usize;
                let department = self.record(line_no, line);
                if let (Some(mc), Some(t)) = (&mut self.monte_carlo, &self.trace) {
                    mc.add(category, department, t);
                }
                Ok(())
            }
            Err(error) => {
                self.reject(RejectedRow {
                    line: line_no,
                    error: error.clone(),
                });
                Err(error)
            }
        }
    }

    /// Records an evaluated line; returns the position of its department group.
    fn record(&mut self, line_no: u64, line: &EquipmentLine) -> usize {
        self.counts.rows_read += 1;
        self.counts.rows_evaluated += 1;
        self.counts.devices += line.quantity as u64;
        let second_life = matches!(
            line.condition,
            crate::Condition::Refurbished | crate::Condition::Repaired
        );
        if second_life && self.ds.second_life_years(self.scratch.category).is_none() {
            let cat = &self.ds.category(self.scratch.category).id;
            self.warn(Warning {
                line: Some(line_no),
                field: Some("condition".into()),
                code: "no_refurbishment_data",
                message: format!(
                    "line {line_no}: {} has no {} figures for {cat}: its second-life manufacturing and transport are not available",
                    self.ds.id(),
                    line.condition.id()
                ),
            });
        }
        if self.ds.category(self.scratch.category).coverage
            == crate::dataset::Coverage::NotAvailable
        {
            self.counts.rows_not_available += 1;
            self.counts.devices_not_available += line.quantity as u64;
        }
        let code = "acquisition_year_missing";
        // Without figures there is nothing to spread: no warning about the period.
        if line.acquisition_year.is_none() && self.scratch.period_years.is_finite() {
            // Formatted only while it will be listed; counted beyond.
            if self
                .warning_counts
                .get(code)
                .is_none_or(|n| (*n as usize) < WARNINGS_PER_CODE)
            {
                let period = crate::decimal::Num(self.scratch.period_years);
                self.warn(Warning {
                    line: Some(line_no),
                    field: Some("acquisition_year".into()),
                    code,
                    message: format!("line {line_no}: no acquisition year; embodied impacts spread evenly, 1/{period} per year"),
                });
            } else {
                *self.warning_counts.entry(code).or_insert(0) += 1;
            }
        }
        self.electricity_lines[self.scratch.zone.0 as usize] += 1;
        let dept = match &line.department {
            Some(d) if !d.is_empty() => match self.department_index.get(d) {
                Some(i) => *i,
                None => {
                    self.by_department
                        .push(GroupFootprint::new(Some(d.clone()), self.ds.indicators()));
                    self.department_index
                        .insert(d.clone(), self.by_department.len() - 1);
                    self.by_department.len() - 1
                }
            },
            _ => *self.no_department.get_or_insert_with(|| {
                self.by_department
                    .push(GroupFootprint::new(None, self.ds.indicators()));
                self.by_department.len() - 1
            }),
        };
        self.strata.add(&self.scratch, dept, self.ds.indicators());
        if let Some(lines) = &mut self.lines {
            lines.push(LineReport {
                category: self.ds.category(self.scratch.category).id.clone(),
                country: self.ds.zone(self.scratch.zone).code.clone(),
                department: line.department.clone(),
                label: line.label.clone(),
                category_written: line.category.clone(),
                model: line.model.clone(),
                class: self.classifications[self.last_classification as usize].class,
                mapping_rule: self.classifications[self.last_classification as usize]
                    .rule
                    .clone(),
                indicators: self.ds.indicators().to_vec(),
                scopes: self.scopes,
                footprint: self.scratch.clone(),
            });
        }
        dept
    }

    /// Adds every item a reader produced.
    pub fn add_items(&mut self, items: impl IntoIterator<Item = InventoryItem>) {
        for item in items {
            match item {
                InventoryItem::Line(n, line) => {
                    let _ = self.add(n, &line);
                }
                InventoryItem::Rejected(row) => self.reject(row),
            }
        }
    }

    /// Closes the evaluation and builds the report.
    pub fn finish(mut self) -> Report {
        let ds = self.ds;
        let mut used = vec![0u64; ds.factors().len()];
        for (k, n) in self.kernels.iter().zip(&self.kernel_lines) {
            for f in k.factors() {
                used[f.0 as usize] += n;
            }
        }
        for s in &self.strata.items {
            s.merge_into(&mut self.totals);
            s.merge_into(&mut self.by_category[s.category]);
            s.merge_into(&mut self.by_department[s.department]);
        }
        // Totals as the dataset covers them (before Monte Carlo reads their availability).
        self.totals.impacts.apply_scopes(self.scopes);
        for g in self
            .by_category
            .iter_mut()
            .chain(self.by_department.iter_mut())
        {
            g.impacts.apply_scopes(self.scopes);
        }
        let year = self.electricity_year;
        let mut electricity = Vec::new();
        for (z, lookup) in self.electricity.iter().enumerate() {
            let (Some(Some(l)), n) = (lookup, self.electricity_lines[z]) else {
                continue;
            };
            if n == 0 {
                continue;
            }
            let zone = &ds.zones()[z].code;
            if l.year_used != Some(year) {
                self.warnings.push(Warning {
                    line: None,
                    field: Some("country".into()),
                    code: "electricity_vintage",
                    message: format!(
                        "no {year} electricity factor for {zone} in {}; used {}",
                        ds.id(),
                        l.year_used
                            .map_or("an undated figure".to_string(), |y| format!(
                                "the {y} figure"
                            ))
                    ),
                });
            }
            if let Some(w) = far_vintages(ds, l, zone, year) {
                self.warnings.push(w);
            }
            electricity.push(ElectricityUse {
                zone: zone.clone(),
                year_requested: year,
                year_used: l.year_used,
                lines: n,
                factor_ids: ds
                    .indicators()
                    .iter()
                    .filter_map(|i| ds.electricity_factor(l, *i))
                    .map(|f| ds.factor(f).id.clone())
                    .collect(),
            });
        }
        let mut counts: Vec<(&'static str, u64)> = self
            .warning_counts
            .iter()
            .filter(|(_, n)| **n as usize > WARNINGS_PER_CODE)
            .map(|(c, n)| (*c, *n))
            .collect();
        crate::sort::sort_by(&mut counts, |a, b| a.cmp(b));
        for (code, n) in counts {
            self.warnings.push(Warning {
                line: None,
                field: None,
                code,
                message: format!(
                    "{} more `{code}` warnings not listed",
                    n - WARNINGS_PER_CODE as u64
                ),
            });
        }
        let mut order: Vec<usize> = (0..self.by_department.len()).collect();
        crate::sort::sort_by(&mut order, |a, b| {
            match (&self.by_department[*a].key, &self.by_department[*b].key) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(_), None) => std::cmp::Ordering::Less,
                (Some(x), Some(y)) => crate::names::normalize(x)
                    .cmp(&crate::names::normalize(y))
                    .then_with(|| x.cmp(y)),
            }
        });
        let monte_carlo = match (&self.monte_carlo, self.options.monte_carlo) {
            (Some(acc), Some(mc)) => {
                let cats: Vec<(Option<String>, usize)> = self
                    .by_category
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.lines > 0)
                    .map(|(c, g)| (g.key.clone(), acc.category_group(c)))
                    .collect();
                let depts: Vec<(Option<String>, usize)> = order
                    .iter()
                    .map(|i| (self.by_department[*i].key.clone(), acc.department_group(*i)))
                    .collect();
                let n_cat = self.by_category.len();
                let table = |group: usize| match group {
                    0 => &self.totals.impacts,
                    g if g <= n_cat => &self.by_category[g - 1].impacts,
                    g => &self.by_department[g - 1 - n_cat].impacts,
                };
                // Phases by index, then the total (index 4): drawn where the figure is.
                let available = |group: usize, ind: crate::Indicator, k: usize| {
                    let t = table(group);
                    match crate::Phase::ALL.get(k) {
                        Some(p) => t.get(ind, *p),
                        None => t.total(ind),
                    }
                    .is_some_and(|e| e.value().is_some())
                };
                let scopes = self.scopes;
                let use_only = |i: crate::Indicator| scopes.of(i) == TotalScope::UsePhaseOnly;
                Some(acc.run(ds, mc, &available, &use_only, &cats, &depts))
            }
            _ => None,
        };
        let mut slots: Vec<Option<GroupFootprint>> =
            self.by_department.drain(..).map(Some).collect();
        self.by_department = order.iter().filter_map(|i| slots[*i].take()).collect();
        let per = |d: Option<f64>| d.filter(|d| *d > 0.0).map(|d| self.totals.impacts.per(d));
        let per_capita = PerCapita {
            per_inhabitant: per(self.options.inhabitants),
            per_agent: per(self.options.agents),
            per_pupil: per(self.options.pupils),
        };
        let mut totals = self.totals;
        totals.key = None;
        totals.devices = self.counts.devices;
        Report {
            schema: "empreinte.report/1",
            dataset: ds.info().clone(),
            counts: self.counts,
            indicators: indicator_infos(ds, self.scopes),
            per_capita,
            totals,
            by_category: self
                .by_category
                .into_iter()
                .filter(|g| g.lines > 0)
                .collect(),
            by_department: self.by_department,
            lines: self.lines,
            rejected: self.rejected,
            warnings: self.warnings,
            provenance: Report::provenance_for(ds, &used, electricity),
            monte_carlo,
            options: self.options,
            year_over_year: None,
            #[cfg(feature = "estate")]
            estate: None,
        }
    }

    /// Looks electricity factors up for `year` instead of the reporting year (the reference
    /// of another year applied to this fleet and its annualisation).
    pub(crate) fn with_electricity_year(mut self, year: i32) -> Evaluation<'d> {
        self.electricity_year = year;
        self.electricity.iter_mut().for_each(|e| *e = None);
        self
    }
}

/// The `electricity_vintage_far` warning of a zone: its non-climate factors (their vintages
/// often differ from climate's: Base IMPACTS 2011) more than [`MAX_VINTAGE_GAP_YEARS`] from the
/// reporting year, or undated.
#[inline(never)]
fn far_vintages(ds: &Dataset, l: &ElectricityLookup, zone: &str, year: i32) -> Option<Warning> {
    let mut far = String::new();
    for ind in ds.indicators() {
        let y = l.year_of(*ind);
        if *ind == crate::Indicator::ClimateChange
            || ds.electricity_factor(l, *ind).is_none()
            || y.is_some_and(|y| {
                (i64::from(year) - i64::from(y)).abs() <= i64::from(MAX_VINTAGE_GAP_YEARS)
            })
        {
            continue;
        }
        if !far.is_empty() {
            far.push_str(", ");
        }
        far.push_str(ind.id());
        far.push(' ');
        far.push_str(&y.map_or("undated".to_string(), |y| y.to_string()));
    }
    (!far.is_empty()).then(|| Warning {
        line: None,
        field: Some("country".into()),
        code: "electricity_vintage_far",
        message: format!(
            "electricity factors for {zone} in {} more than {MAX_VINTAGE_GAP_YEARS} years from {year} (or undated): {far}",
            ds.id()
        ),
    })
}

/// Evaluates in-memory lines (line numbers are their 1-based positions).
pub fn evaluate_lines(
    ds: &Dataset,
    lines: &[EquipmentLine],
    options: &EvaluationOptions,
) -> Result<Report, RowError> {
    let mut ev = Evaluation::new(ds, options.clone())?;
    for (i, line) in lines.iter().enumerate() {
        let _ = ev.add(i as u64 + 1, line);
    }
    Ok(ev.finish())
}

/// Errors of a whole-inventory evaluation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvaluateError {
    /// The inventory cannot be read.
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    /// The evaluation options are invalid (an unknown default country, an option out of range).
    #[error("option default_country: {0}")]
    Options(RowError),
}

impl EvaluateError {
    /// A stable, machine-readable code (that of the inner error).
    pub fn code(&self) -> &'static str {
        match self {
            EvaluateError::Inventory(e) => e.code(),
            EvaluateError::Options(e) => e.code(),
        }
    }
}

/// Evaluates a CSV inventory as spreadsheets export it, streaming.
pub fn evaluate_csv<R: Read + 'static>(
    ds: &Dataset,
    input: R,
    options: &EvaluationOptions,
) -> Result<Report, EvaluateError> {
    let mut reader = CsvInventory::new(input)?;
    let mut ev = Evaluation::new(ds, options.clone()).map_err(EvaluateError::Options)?;
    for w in reader.take_warnings() {
        ev.warn(w);
    }
    let mut line = EquipmentLine::new(String::new(), 1);
    while let Some(item) = reader.next_into(&mut line) {
        match item? {
            Ok(n) => {
                let _ = ev.add(n, &line);
            }
            Err(row) => ev.reject(row),
        }
    }
    ev.add_blank_rows(reader.blank_rows());
    Ok(ev.finish())
}

/// Evaluates a JSON inventory (an array of lines, or `{"lines": [...]}`).
///
/// ```
/// use empreinte::{evaluate_json, Dataset, EvaluationOptions, Indicator};
///
/// let inventory = r#"[
///     {"category": "laptop", "quantity": 10, "acquisition_year": 2022, "department": "Mairie"},
///     {"category": "écran 24 pouces", "quantity": 12, "acquisition_year": 2021}
/// ]"#;
/// let ds = Dataset::embedded_default();
/// let report = evaluate_json(ds, inventory, &EvaluationOptions::new(2025))?;
/// assert_eq!(report.counts.rows_evaluated, 2);
/// // "Mairie", then the lines without department.
/// let departments: Vec<_> = report.by_department.iter().map(|g| g.key.as_deref()).collect();
/// assert_eq!(departments, [Some("Mairie"), None]);
/// assert!(report.climate_change_kgco2e().unwrap() > 0.0);
/// # Ok::<(), empreinte::EvaluateError>(())
/// ```
pub fn evaluate_json(
    ds: &Dataset,
    text: &str,
    options: &EvaluationOptions,
) -> Result<Report, EvaluateError> {
    let mut warnings = Vec::new();
    let items = crate::inventory::read_json(text, &mut warnings)?;
    let mut ev = Evaluation::new(ds, options.clone()).map_err(EvaluateError::Options)?;
    for w in warnings {
        ev.warn(w);
    }
    ev.add_items(items);
    Ok(ev.finish())
}

/// Evaluates an inventory given as bytes, CSV or JSON (told apart by the first character).
pub fn evaluate_bytes(
    ds: &Dataset,
    bytes: Vec<u8>,
    options: &EvaluationOptions,
) -> Result<Report, EvaluateError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'[') | Some(b'{')) {
        let text = std::str::from_utf8(body).map_err(|e| InventoryError::NotText {
            detail: format!(
                "a JSON inventory must be UTF-8 (invalid byte at {})",
                e.valid_up_to()
            ),
        })?;
        evaluate_json(ds, text, options)
    } else {
        evaluate_csv(ds, std::io::Cursor::new(bytes), options)
    }
}
