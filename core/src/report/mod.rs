//! The report: totals by indicator and phase, by category, by department, per line,
//! per capita; the rejected rows; the counts; the provenance of every factor used.

#[cfg(feature = "estate")]
pub(crate) mod estate;
#[cfg(feature = "numecoeval")]
pub(crate) mod numecoeval;

use crate::dataset::{Dataset, DatasetInfo, Quality, Source};
use crate::estimate::{Estimate, Range, Scope};
use crate::fleet::{LineFootprint, TOTAL};
use crate::indicator::{Indicator, Phase};
use crate::inventory::{RejectedRow, Warning};
use crate::options::EvaluationOptions;
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

/// Aggregated impacts: per indicator, the four phases and the total.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpactTable {
    pub(crate) indicators: Vec<Indicator>,
    /// Per indicator (dataset order): [manufacturing, distribution, use, end of life, total].
    pub(crate) cells: Vec<[Estimate; 5]>,
}

impl ImpactTable {
    pub(crate) fn new(indicators: &[Indicator]) -> ImpactTable {
        ImpactTable {
            indicators: indicators.to_vec(),
            cells: vec![[Estimate::default(); 5]; indicators.len()],
        }
    }

    pub(crate) fn add_line(&mut self, line: &LineFootprint) {
        for (slot, ind) in self.indicators.iter().enumerate() {
            let row = &line.impacts[*ind as usize];
            let cells = &mut self.cells[slot];
            let mut total = Range::ZERO;
            let (mut any, mut missing) = (false, false);
            for p in Phase::ALL {
                let v = row[p.index()];
                if line.is_included(*ind, p) {
                    // Counted in manufacturing, known: not a separate figure.
                    cells[p.index()].n_included += 1;
                } else {
                    cells[p.index()].push(v);
                }
                match v {
                    Some(v) => {
                        total = total + v;
                        any = true;
                    }
                    None => missing = true,
                }
            }
            let t = &mut cells[TOTAL];
            if any {
                t.range = t.range + total;
                t.n_available += 1;
            }
            if missing {
                t.n_missing += 1;
            }
        }
    }

    /// Indicators in the table, in reporting order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// One phase of one indicator; `None` if the dataset lacks the indicator altogether.
    pub fn get(&self, indicator: Indicator, phase: Phase) -> Option<&Estimate> {
        let slot = self.indicators.iter().position(|i| *i == indicator)?;
        Some(&self.cells[slot][phase.index()])
    }

    /// The total over the four phases of one indicator.
    pub fn total(&self, indicator: Indicator) -> Option<&Estimate> {
        let slot = self.indicators.iter().position(|i| *i == indicator)?;
        Some(&self.cells[slot][TOTAL])
    }

    /// Applies what the dataset covers to the totals: an indicator it does not cover in every
    /// phase has its total not available, or its use phase alone when asked for ([`Scopes`]).
    pub(crate) fn apply_scopes(&mut self, scopes: Scopes) {
        for (cells, ind) in self.cells.iter_mut().zip(&self.indicators) {
            cells[TOTAL] = match scopes.of(*ind) {
                TotalScope::AllPhases => continue,
                TotalScope::NotAvailable => Estimate {
                    n_missing: cells[TOTAL].n_missing,
                    scope: Scope::NotCovered,
                    ..Estimate::default()
                },
                TotalScope::UsePhaseOnly => Estimate {
                    scope: Scope::UsePhaseOnly,
                    ..cells[Phase::Use.index()]
                },
            };
        }
    }

    /// Divides every figure (per inhabitant, per agent...).
    pub fn per(&self, divisor: f64) -> ImpactTable {
        ImpactTable {
            indicators: self.indicators.clone(),
            cells: self
                .cells
                .iter()
                .map(|row| row.map(|e| e.per(divisor)))
                .collect(),
        }
    }
}

impl Serialize for ImpactTable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Phases<'a>(&'a [Estimate; 5]);
        impl Serialize for Phases<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(5))?;
                for p in Phase::ALL {
                    m.serialize_entry(p.id(), &self.0[p.index()])?;
                }
                m.serialize_entry("total", &self.0[TOTAL])?;
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(self.indicators.len()))?;
        for (ind, cells) in self.indicators.iter().zip(&self.cells) {
            m.serialize_entry(ind.id(), &Phases(cells))?;
        }
        m.end()
    }
}

/// What an indicator's totals hold, given the phases the dataset covers for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalScope {
    /// The dataset covers every phase: the total is the whole-life figure.
    AllPhases,
    /// The dataset does not cover the manufacturing, and the use phase was asked for
    /// (`use_phase_only_indicators`): the total is the use phase alone, labelled so.
    UsePhaseOnly,
    /// The dataset does not cover every phase: the total is not available.
    NotAvailable,
}

impl TotalScope {
    /// Stable id (`all_phases`, `use_phase_only`, `not_available`).
    pub fn id(self) -> &'static str {
        match self {
            TotalScope::AllPhases => "all_phases",
            TotalScope::UsePhaseOnly => "use_phase_only",
            TotalScope::NotAvailable => "not_available",
        }
    }
}

/// What each indicator's totals hold, one bit per indicator (`Indicator as usize`): the total
/// is not available (not covered in every phase), or the use phase alone (asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scopes {
    not_covered: u32,
    use_only: u32,
}

impl Scopes {
    /// The scopes of a dataset's indicators under these options.
    pub fn new(ds: &Dataset, options: &EvaluationOptions) -> Scopes {
        let mut s = Scopes::default();
        for i in ds.indicators() {
            let bit = 1u32 << (*i as u32);
            if ds.covers_all_phases(*i) {
                continue;
            }
            if options.use_phase_only_indicators
                && !ds.covers(*i, Phase::Manufacturing)
                && ds.covers(*i, Phase::Use)
            {
                s.use_only |= bit;
            } else {
                s.not_covered |= bit;
            }
        }
        s
    }

    /// What the totals of `indicator` hold.
    pub fn of(self, indicator: Indicator) -> TotalScope {
        let bit = 1u32 << (indicator as u32);
        if self.not_covered & bit != 0 {
            TotalScope::NotAvailable
        } else if self.use_only & bit != 0 {
            TotalScope::UsePhaseOnly
        } else {
            TotalScope::AllPhases
        }
    }
}

/// Aggregates for one group of lines (all, one category, one department).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFootprint {
    /// Category id, department name, or `None` for lines without department.
    pub key: Option<String>,
    /// French label of a category (`None` for a department and for the totals).
    pub label_fr: Option<String>,
    /// English label of a category (`None` for a department and for the totals).
    pub label_en: Option<String>,
    /// Lines evaluated in the group.
    pub lines: u64,
    /// Devices on those lines.
    pub devices: u64,
    /// Electricity of the group's devices over the reporting year (kWh); a line without an
    /// electricity figure adds none.
    pub electricity_kwh: f64,
    /// Impacts by indicator and phase, with their totals.
    pub impacts: ImpactTable,
}

impl GroupFootprint {
    pub(crate) fn new(key: Option<String>, indicators: &[Indicator]) -> GroupFootprint {
        GroupFootprint {
            key,
            label_fr: None,
            label_en: None,
            lines: 0,
            devices: 0,
            electricity_kwh: 0.0,
            impacts: ImpactTable::new(indicators),
        }
    }

    /// Adds another group's figures (same indicators) to this one.
    pub(crate) fn add(&mut self, other: &GroupFootprint) {
        self.lines += other.lines;
        self.devices += other.devices;
        self.electricity_kwh += other.electricity_kwh;
        for (row, theirs) in self.impacts.cells.iter_mut().zip(&other.impacts.cells) {
            for (e, o) in row.iter_mut().zip(theirs) {
                e.merge(o);
            }
        }
    }
}

/// Lines read, evaluated and rejected: `rows_read == rows_evaluated + rows_rejected`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Data rows read (blank rows aside).
    pub rows_read: u64,
    /// Rows evaluated.
    pub rows_evaluated: u64,
    /// Rows rejected, each listed in [`Report::rejected`].
    pub rows_rejected: u64,
    /// Rows evaluated whose class the dataset has no figure for: counted, shown as not
    /// available (never as zero, never rejected).
    pub rows_not_available: u64,
    /// Devices on those rows.
    pub devices_not_available: u64,
    /// Empty rows skipped (not data rows).
    pub blank_rows: u64,
    /// Devices on the rows evaluated.
    pub devices: u64,
}

/// Which electricity vintage answered for a zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElectricityUse {
    /// Zone code.
    pub zone: String,
    /// The year asked for (the reporting year).
    pub year_requested: i32,
    /// The vintage of the climate-change factor used (`None`: an undated figure).
    pub year_used: Option<i32>,
    /// Lines evaluated with this zone's electricity.
    pub lines: u64,
    /// Ids of the electricity factors used, one per indicator that has one.
    pub factor_ids: Vec<String>,
}

/// A factor used by the evaluation, with its citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorUse {
    /// The factor's id.
    pub factor_id: String,
    /// The source it cites.
    pub source_id: String,
    /// Where in that source it was read.
    pub source_row: String,
    /// How far it can be trusted.
    pub quality: Quality,
    /// Number of line × indicator contributions that used it.
    pub uses: u64,
}

/// Where the figures come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The electricity vintage used for each zone.
    pub electricity: Vec<ElectricityUse>,
    /// Every factor used, with its citation and how often.
    pub factors: Vec<FactorUse>,
    /// The sources those factors cite.
    pub sources: Vec<Source>,
    /// Factors the dataset flags as wrong, never used.
    pub flagged_factors_excluded: Vec<String>,
}

/// A per-line result as reported (category and zone by id).
#[derive(Debug, Clone, PartialEq)]
pub struct LineReport {
    /// The line's footprint.
    pub footprint: LineFootprint,
    /// Id of the category the line was evaluated as.
    pub category: String,
    /// Code of the zone of its electricity.
    pub country: String,
    /// The line's department, if any.
    pub department: Option<String>,
    /// The line's label, if any.
    pub label: Option<String>,
    /// The type as the inventory wrote it ("Écran 24 pouces"): its qualifiers are kept here.
    pub category_written: String,
    /// The model as written, if any.
    pub model: Option<String>,
    /// The class read from what the line wrote, before any fallback (`None`: a name of the
    /// dataset's own).
    pub class: Option<&'static str>,
    /// Why the line got its category ([`crate::classify::Classification::rule`]).
    pub mapping_rule: String,
    /// The indicators reported, in reporting order.
    pub indicators: Vec<Indicator>,
    /// What each indicator's total holds.
    pub scopes: Scopes,
}

impl LineReport {
    /// The line's impacts by indicator and phase, with the total (its JSON `impacts`).
    pub fn impacts(&self) -> ImpactTable {
        let mut table = ImpactTable::new(&self.indicators);
        table.add_line(&self.footprint);
        table.apply_scopes(self.scopes);
        table
    }
}

impl Serialize for LineReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = &self.footprint;
        let table = self.impacts();
        let mut st = s.serialize_struct("LineReport", 18)?;
        st.serialize_field("line", &f.line)?;
        st.serialize_field("category", &self.category)?;
        st.serialize_field("category_written", &self.category_written)?;
        st.serialize_field("model", &self.model)?;
        st.serialize_field("class", &self.class)?;
        st.serialize_field("mapping_rule", &self.mapping_rule)?;
        st.serialize_field("quantity", &f.quantity)?;
        st.serialize_field("condition", &f.condition)?;
        st.serialize_field("department", &self.department)?;
        st.serialize_field("label", &self.label)?;
        st.serialize_field("country", &self.country)?;
        st.serialize_field("electricity_year", &f.electricity_year)?;
        st.serialize_field("period_years", &f.period_years)?;
        st.serialize_field("embodied_share", &f.embodied_share)?;
        st.serialize_field("stage", &f.stage)?;
        st.serialize_field("electricity_kwh", &f.electricity_kwh)?;
        st.serialize_field("impacts", &table)?;
        st.end()
    }
}

/// Per-capita figures, when the denominators are given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerCapita {
    /// Impacts per inhabitant (`None`: no number of inhabitants given).
    pub per_inhabitant: Option<ImpactTable>,
    /// Impacts per agent (`None`: no number of agents given).
    pub per_agent: Option<ImpactTable>,
    /// Impacts per pupil (`None`: no number of pupils given).
    pub per_pupil: Option<ImpactTable>,
}

/// Indicator metadata as reported, with what the dataset covers of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorInfo {
    /// Stable id (`climate_change`).
    pub id: &'static str,
    /// Unit (`kgCO2e`).
    pub unit: &'static str,
    /// Label in French.
    pub label_fr: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    /// The phases the dataset covers for this indicator.
    pub phases_covered: Vec<Phase>,
    /// What its totals hold: `all_phases`, `use_phase_only` (asked for), `not_available`.
    pub total: TotalScope,
}

/// The result of evaluating an inventory against a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Version of this JSON shape.
    pub schema: &'static str,
    /// Identity of the dataset used.
    pub dataset: DatasetInfo,
    /// The options of the evaluation.
    pub options: EvaluationOptions,
    /// Rows read, evaluated, rejected, not available; devices.
    pub counts: Counts,
    /// The indicators reported (those covered in every phase first), with what the dataset covers
    /// of each.
    pub indicators: Vec<IndicatorInfo>,
    /// Totals over every evaluated line.
    pub totals: GroupFootprint,
    /// Totals per inhabitant, agent and pupil, where their numbers are given.
    pub per_capita: PerCapita,
    /// Per category with at least one line, in the dataset's order.
    pub by_category: Vec<GroupFootprint>,
    /// Per department, by name (lines without a department last).
    pub by_department: Vec<GroupFootprint>,
    /// One result per line, when `keep_lines` was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<LineReport>>,
    /// The rows rejected, with why.
    pub rejected: Vec<RejectedRow>,
    /// What is worth knowing that did not stop the evaluation; past a number of warnings of one
    /// code, one more says how many were not listed.
    pub warnings: Vec<Warning>,
    /// Where the figures come from: electricity vintages, factors, sources.
    pub provenance: Provenance,
    /// Mean and percentiles of Monte Carlo draws, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monte_carlo: Option<crate::uncertainty::MonteCarloSummary>,
    /// The change since last year, split into what the fleet did and what the reference did,
    /// when last year's inventory was given ([`crate::year_over_year()`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_over_year: Option<YearOverYear>,
    /// Scopes, hosting and services, when an estate was evaluated
    /// ([`crate::estate::evaluate_estate`]): the totals are then the whole estate's.
    #[cfg(feature = "estate")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estate: Option<Box<estate::EstateSection>>,
}

impl Report {
    /// The central total of climate change (kg CO2e): the headline figure; `None` when not
    /// available (no evaluated line has a figure), never a zero in its place. Partial when
    /// some lines lack a figure: see the totals' status.
    pub fn climate_change_kgco2e(&self) -> Option<f64> {
        self.totals
            .impacts
            .total(Indicator::ClimateChange)
            .and_then(Estimate::central)
    }

    /// The whole report as JSON.
    ///
    /// ```
    /// use empreinte::{evaluate_csv, Dataset, EvaluationOptions};
    ///
    /// let csv = "category;quantity;acquisition_year\nlaptop;10;2023\nprinter;2;2019\n";
    /// let ds = Dataset::embedded_default();
    /// let report = evaluate_csv(ds, std::io::Cursor::new(csv), &EvaluationOptions::new(2025))?;
    /// let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    /// assert_eq!(json["schema"], "empreinte.report/1");
    /// let total = &json["totals"]["impacts"]["climate_change"]["total"];
    /// assert_eq!(total["status"], "available");
    /// assert_eq!(total["central"].as_f64(), report.climate_change_kgco2e());
    /// assert!(total["low"].as_f64().unwrap() <= total["high"].as_f64().unwrap());
    /// // Every factor used is named with its source.
    /// let factors = json["provenance"]["factors"].as_array().unwrap();
    /// assert!(factors.iter().all(|f| f["source_id"].is_string()));
    /// # Ok::<(), empreinte::EvaluateError>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    pub(crate) fn provenance_for(
        ds: &Dataset,
        used: &[u64],
        electricity: Vec<ElectricityUse>,
    ) -> Provenance {
        let factors: Vec<FactorUse> = ds
            .factors()
            .iter()
            .zip(used)
            .filter(|(_, n)| **n > 0)
            .map(|(f, n)| FactorUse {
                factor_id: f.id.clone(),
                source_id: f.source_id.clone(),
                source_row: f.source_row.clone(),
                quality: f.quality,
                uses: *n,
            })
            .collect();
        let mut source_ids: Vec<&str> = factors.iter().map(|f| f.source_id.as_str()).collect();
        crate::sort::sort_by(&mut source_ids, |a, b| a.cmp(b));
        source_ids.dedup();
        Provenance {
            electricity,
            sources: source_ids
                .iter()
                .filter_map(|id| ds.source(id).cloned())
                .collect(),
            factors,
            flagged_factors_excluded: ds.flagged_factors().map(|f| f.id.clone()).collect(),
        }
    }
}

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

pub(crate) fn indicator_infos(ds: &Dataset, scopes: Scopes) -> Vec<IndicatorInfo> {
    let mut out = Vec::with_capacity(ds.indicators().len());
    for i in ds.indicators() {
        out.push(IndicatorInfo {
            id: i.id(),
            unit: i.unit(),
            label_fr: i.label_fr(),
            label_en: i.label_en(),
            phases_covered: ds.phases_covered(*i),
            total: scopes.of(*i),
        });
    }
    out
}
