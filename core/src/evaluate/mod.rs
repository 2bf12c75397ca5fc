//! Streaming evaluation: lines go in one at a time, aggregates stay small, so an inventory
//! of any size is evaluated in bounded memory.

mod body;
mod columns;
mod finish;
mod remembered;
mod whole;

pub use whole::{evaluate_bytes, evaluate_csv, evaluate_json, evaluate_lines, EvaluateError};

use crate::dataset::{Dataset, ElectricityLookup, ZoneRef};
use crate::fleet::{
    empty_footprint, evaluate_line, line_footprint, line_scalars, Kernel, LineFootprint,
    LineScalars, Resolved,
};
use crate::inventory::{EquipmentLine, InventoryItem, RejectedRow, RowError, Warning};
use crate::options::{EvaluationOptions, MonteCarloOptions, MAX_DRAWS};
use crate::report::{Counts, GroupFootprint, LineReport, Scopes};
use crate::strata::{Strata, StratumKey};
use crate::uncertainty::Accumulator;
use rustc_hash::FxHashMap as HashMap;

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
    monte_carlo: Option<Accumulator>,
    strata: Strata,
    kernels: Vec<Kernel>,
    kernel_index: HashMap<(u32, u8, u32), usize>,
    /// Lines computed with each kernel: how often each of its factors was used.
    kernel_lines: Vec<u64>,
    scratch: LineFootprint,
    /// Whether each line's footprint is computed into `scratch` even when the lines are not
    /// kept (a reader that groups lines its own way asks for it).
    footprints: bool,
    /// What each indicator's totals hold (dataset indicator order).
    scopes: Scopes,
    /// How the last line added resolved, and rows remembered by their text cells.
    last: Option<remembered::Resolution>,
    remembered: remembered::Remembered,
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
            monte_carlo: options.monte_carlo.map(|_| Accumulator::new(ds)),
            strata: Strata::default(),
            kernels: Vec::new(),
            kernel_index: HashMap::default(),
            kernel_lines: Vec::new(),
            scratch: empty_footprint(),
            footprints: false,
            scopes: Scopes::new(ds, &options),
            last: None,
            remembered: remembered::Remembered::default(),
            options,
        })
    }

    /// The dataset this evaluation uses.
    pub fn dataset(&self) -> &'d Dataset {
        self.ds
    }

    /// The options of this evaluation.
    pub fn options(&self) -> &EvaluationOptions {
        &self.options
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
            Some(Ok(c)) => Ok(*c),
            Some(Err(suggestion)) => Err(suggestion.clone()),
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
            Some(name) => match self.zone_cache.get(name.as_str()) {
                Some(Ok(z)) => Ok(*z),
                Some(Err(suggestion)) => Err(suggestion.clone()),
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
        if slot.is_none() {
            *slot = Some(ds.electricity_for(zone, self.electricity_year));
        }
        if let Some(None) = slot {
            return Err(RowError::NoElectricityFactor {
                zone: ds.zone(zone).code.clone(),
                dataset: ds.id().to_string(),
            });
        }
        Ok(Resolved {
            category,
            zone,
            classification: classified,
        })
    }

    /// The electricity factors of a zone a line was resolved to.
    fn electricity_of(&self, zone: ZoneRef) -> &ElectricityLookup {
        match &self.electricity[zone.0 as usize] {
            Some(Some(l)) => l,
            // `resolve` looked the zone up and rejected a zone without factors.
            _ => unreachable!("electricity looked up by resolve"),
        }
    }

    /// The kernel of a resolved line, built on first use and cached.
    fn kernel_for(&mut self, r: &Resolved, condition: crate::Condition) -> usize {
        let key = (r.category.0, condition as u8, r.zone.0);
        match self.kernel_index.get(&key) {
            Some(k) => *k,
            None => {
                let kernel =
                    Kernel::new(self.ds, r.category, condition, self.electricity_of(r.zone));
                self.kernels.push(kernel);
                self.kernel_lines.push(0);
                self.kernel_index.insert(key, self.kernels.len() - 1);
                self.kernels.len() - 1
            }
        }
    }

    /// Computes a line into the scratch footprint.
    fn compute(&mut self, line_no: u64, line: &EquipmentLine) -> Result<(), RowError> {
        let r = self.resolve(line_no, line)?;
        self.last_classification = r.classification;
        let k = self.kernel_for(&r, line.condition);
        let year = self.electricity_of(r.zone).year_used;
        evaluate_line(
            self.ds,
            line_no,
            line,
            &r,
            year,
            &self.options,
            &self.kernels[k],
            &mut self.scratch,
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
        self.compute(line_no, line)?;
        Ok(self.scratch.clone())
    }

    /// Evaluates one line (`line_no`: its line in the file, for messages). A line that fails
    /// validation is recorded as rejected; the error is also returned.
    pub fn add(&mut self, line_no: u64, line: &EquipmentLine) -> Result<(), RowError> {
        self.last = None;
        match self.add_line(line_no, line) {
            Ok(()) => Ok(()),
            Err(error) => {
                self.reject(RejectedRow {
                    line: line_no,
                    error: error.clone(),
                });
                Err(error)
            }
        }
    }

    /// Validates a line and adds what it contributes to its stratum: a few scalars (devices,
    /// shares of the embodied impacts, kWh), multiplied by the factors once per stratum in
    /// [`Evaluation::finish`]. The per-line vector of impacts is computed only when the lines
    /// are kept.
    fn add_line(&mut self, line_no: u64, line: &EquipmentLine) -> Result<(), RowError> {
        let r = self.resolve(line_no, line)?;
        let s = line_scalars(self.ds, line, r.category, &self.options)?;
        self.count(line_no, line, &r, &s);
        let dept = self.department(line);
        let i = self.stratum(&r, line.condition, dept, s.use_known());
        let k = self.strata.add(i, line.quantity, &s);
        self.kernel_lines[k] += 1;
        let at = (self.strata.generation, i);
        self.last = Some(remembered::Resolution::new(r, line.condition, dept, at, &s));
        if self.lines.is_none() && !self.footprints {
            return Ok(());
        }
        let year = self.electricity_of(r.zone).year_used;
        line_footprint(
            line_no,
            line,
            &r,
            year,
            &self.kernels[k],
            &s,
            &mut self.scratch,
        );
        if self.lines.is_some() {
            let classification = &self.classifications[r.classification as usize];
            let report = LineReport {
                category: self.ds.category(r.category).id.clone(),
                country: self.ds.zone(r.zone).code.clone(),
                department: line.department.clone(),
                label: line.label.clone(),
                category_written: line.category.clone(),
                model: line.model.clone(),
                class: classification.class,
                mapping_rule: classification.rule.clone(),
                indicators: self.ds.indicators().to_vec(),
                scopes: self.scopes,
                footprint: self.scratch.clone(),
            };
            if let Some(lines) = &mut self.lines {
                lines.push(report);
            }
        }
        Ok(())
    }

    /// The stratum of a resolved line, opened (with its kernel) on first use.
    fn stratum(
        &mut self,
        r: &Resolved,
        condition: crate::Condition,
        department: usize,
        use_known: bool,
    ) -> usize {
        let key = StratumKey {
            category: r.category.0,
            condition,
            zone: r.zone.0,
            department: department as u32,
            use_known,
        };
        match self.strata.find(&key) {
            Some(i) => i,
            None => {
                let k = self.kernel_for(r, condition);
                self.strata.insert(key, k)
            }
        }
    }

    /// Records an evaluated line's counts and warnings.
    fn count(&mut self, line_no: u64, line: &EquipmentLine, r: &Resolved, s: &LineScalars) {
        self.counts.rows_read += 1;
        self.counts.rows_evaluated += 1;
        self.counts.devices += line.quantity as u64;
        let second_life = matches!(
            line.condition,
            crate::Condition::Refurbished | crate::Condition::Repaired
        );
        if second_life && self.ds.second_life_years(r.category).is_none() {
            self.no_refurbishment_data(line_no, line.condition, r.category);
        }
        if self.ds.category(r.category).coverage == crate::dataset::Coverage::NotAvailable {
            self.counts.rows_not_available += 1;
            self.counts.devices_not_available += line.quantity as u64;
        }
        // Without figures there is nothing to spread: no warning about the period.
        if line.acquisition_year.is_none() && s.period.central.is_finite() {
            self.acquisition_year_missing(line_no, s.period.central);
        }
        let hours_given = line.hours_per_day.is_some() || line.days_per_year.is_some();
        if hours_given
            && line.power.is_none()
            && line.energy_per_year.is_none()
            && self.ds.category(r.category).yearly_energy
        {
            self.hours_not_used(line_no, r.category);
        }
        self.electricity_lines[r.zone.0 as usize] += 1;
    }

    /// The position of a line's department group, opened on first use.
    fn department(&mut self, line: &EquipmentLine) -> usize {
        match &line.department {
            Some(d) if !d.is_empty() => match self.department_index.get(d.as_str()) {
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
        }
    }

    /// Whether a warning of this code would still be listed (the rest are only counted).
    fn listed(&self, code: &'static str) -> bool {
        self.warning_counts
            .get(code)
            .is_none_or(|n| (*n as usize) < WARNINGS_PER_CODE)
    }

    /// Warns that a refurbished or repaired device's class has no second-life figures.
    #[inline(never)]
    fn no_refurbishment_data(
        &mut self,
        line_no: u64,
        condition: crate::Condition,
        category: crate::dataset::CategoryRef,
    ) {
        let code = "no_refurbishment_data";
        // Formatted only while it will be listed; counted beyond.
        if !self.listed(code) {
            *self.warning_counts.entry(code).or_insert(0) += 1;
            return;
        }
        let cat = &self.ds.category(category).id;
        self.warn(Warning {
            line: Some(line_no),
            field: Some("condition".into()),
            code,
            message: format!(
                "line {line_no}: {} has no {} figures for {cat}: its second-life manufacturing and transport are not available",
                self.ds.id(),
                condition.id()
            ),
        });
    }

    /// Warns that a line's hours do not change its class's yearly energy.
    #[inline(never)]
    fn hours_not_used(&mut self, line_no: u64, category: crate::dataset::CategoryRef) {
        let code = "hours_not_used";
        if !self.listed(code) {
            *self.warning_counts.entry(code).or_insert(0) += 1;
            return;
        }
        let cat = &self.ds.category(category).id;
        self.warn(Warning {
            line: Some(line_no),
            field: Some("hours_per_day".into()),
            code,
            message: format!(
                "line {line_no}: the yearly energy of {cat} is its typical energy consumption (a week of jobs and sleep), which hours of use do not change: kept; give the power, or the measured kWh, to describe it"
            ),
        });
    }

    /// Warns that a line gives no acquisition year.
    #[inline(never)]
    fn acquisition_year_missing(&mut self, line_no: u64, period: f64) {
        let code = "acquisition_year_missing";
        if !self.listed(code) {
            *self.warning_counts.entry(code).or_insert(0) += 1;
            return;
        }
        let period = crate::decimal::Num(period);
        self.warn(Warning {
            line: Some(line_no),
            field: Some("acquisition_year".into()),
            code,
            message: format!("line {line_no}: no acquisition year; embodied impacts spread evenly, 1/{period} per year"),
        });
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

    /// Looks electricity factors up for `year` instead of the reporting year (the reference
    /// of another year applied to this fleet and its annualisation).
    pub(crate) fn with_electricity_year(mut self, year: i32) -> Evaluation<'d> {
        self.electricity_year = year;
        self.electricity.iter_mut().for_each(|e| *e = None);
        self.remembered = remembered::Remembered::default();
        self
    }
}
