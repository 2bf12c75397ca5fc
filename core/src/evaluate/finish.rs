//! Closing an evaluation: the strata multiplied by their kernels into the totals, categories
//! and departments; Monte Carlo; warnings about electricity vintages; the report.

use super::{Evaluation, MAX_VINTAGE_GAP_YEARS, WARNINGS_PER_CODE};
use crate::dataset::{Dataset, ElectricityLookup};
use crate::inventory::Warning;
use crate::report::{
    indicator_infos, ElectricityUse, GroupFootprint, PerCapita, Report, TotalScope,
};

impl Evaluation<'_> {
    /// Closes the evaluation and builds the report.
    pub fn finish(mut self) -> Report {
        let ds = self.ds;
        let mut used = vec![0u64; ds.factors().len()];
        for (k, n) in self.kernels.iter().zip(&self.kernel_lines) {
            for f in k.factors() {
                used[f.0 as usize] += n;
            }
        }
        let mut traces = Vec::new();
        for s in &self.strata.items {
            let kernel = &self.kernels[s.kernel];
            let impacts = s.impacts(kernel);
            impacts.merge_into(&mut self.totals);
            impacts.merge_into(&mut self.by_category[s.category]);
            impacts.merge_into(&mut self.by_department[s.department]);
            if let Some(mc) = &mut self.monte_carlo {
                s.traces(kernel, &mut traces);
                mc.add(s.category, s.department, &traces);
            }
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
