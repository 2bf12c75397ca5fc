//! The equipment of a NumEcoEval inventory grouped as NumEcoEval gives it: data centres,
//! equipment types, the fleet and hosting scopes, the entities with their agents.

use super::rows::{DataCentreRow, EquipmentRow, Status};
use super::sheet::column_error;
use crate::inventory::RowError;
use crate::report::numecoeval::{DataCentreResult, EntityResult, EquipmentTypeResult};
use crate::report::{ImpactTable, Report};
use std::collections::HashMap;

/// The data centres read.
#[derive(Debug, Default)]
pub(super) struct Centres {
    pub(super) rows: Vec<DataCentreRow>,
    /// Short name → its row, or (file, line, why) when it was rejected.
    pub(super) index: HashMap<String, Result<usize, (String, u64, String)>>,
}

impl Centres {
    pub(super) fn unknown(&self, name: &str) -> RowError {
        let mut known = crate::names::NameIndex::new();
        for (i, r) in self.rows.iter().enumerate() {
            known.insert(&r.name, i);
        }
        let suggestion = known
            .suggest(name)
            .map(|(_, i)| format!(" (did you mean {}?)", self.rows[i].name))
            .unwrap_or_default();
        let declared: Vec<&str> = self.rows.iter().map(|r| r.name.as_str()).collect();
        column_error(
            "nomCourtDatacenter",
            "numecoeval_unknown_data_centre",
            format!(
                "data centre {name:?} is not declared in a DataCenter file{suggestion}; declared: {}",
                if declared.is_empty() {
                    "none (no DataCenter file, or no row)".to_string()
                } else {
                    declared.join(", ")
                }
            ),
        )
    }
}

/// The equipment evaluated, grouped as NumEcoEval gives it.
pub(super) struct Equipment {
    pub(super) indicators: Vec<crate::Indicator>,
    pub(super) centres: Vec<DataCentreResult>,
    pub(super) types: Vec<EquipmentTypeResult>,
    /// Type as written → its position in `types`.
    pub(super) type_index: HashMap<String, usize>,
    /// Fleet and hosting scopes, with their entries.
    pub(super) scopes: [(ImpactTable, u64); 2],
    /// Equipment names, with their first line.
    pub(super) names: HashMap<String, u64>,
    pub(super) dated: u64,
    pub(super) retired_before: u64,
    pub(super) retired_during: u64,
    pub(super) not_used: u64,
}

impl Equipment {
    pub(super) fn new(indicators: &[crate::Indicator], centres: &[DataCentreRow]) -> Equipment {
        Equipment {
            indicators: indicators.to_vec(),
            centres: centres
                .iter()
                .map(|c| DataCentreResult {
                    name: c.name.clone(),
                    long_name: c.long_name.clone(),
                    pue: c.pue,
                    location: c.location.clone(),
                    lines: 0,
                    devices: 0,
                    electricity_kwh: 0.0,
                    impacts: ImpactTable::new(indicators),
                })
                .collect(),
            types: Vec::new(),
            type_index: HashMap::new(),
            scopes: [
                (ImpactTable::new(indicators), 0),
                (ImpactTable::new(indicators), 0),
            ],
            names: HashMap::new(),
            dated: 0,
            retired_before: 0,
            retired_during: 0,
            not_used: 0,
        }
    }

    pub(super) fn add(
        &mut self,
        fp: &crate::fleet::LineFootprint,
        row: &EquipmentRow,
        dc: Option<usize>,
        hosting: bool,
        year_now: i32,
    ) {
        let kwh = if fp.electricity_kwh.is_finite() {
            fp.electricity_kwh
        } else {
            0.0
        };
        let scope = &mut self.scopes[usize::from(hosting)];
        scope.0.add_line(fp);
        scope.1 += 1;
        if let Some(c) = dc.and_then(|i| self.centres.get_mut(i)) {
            c.impacts.add_line(fp);
            c.lines += 1;
            c.devices += u64::from(fp.quantity);
            c.electricity_kwh += kwh;
        }
        let t = match self.type_index.get(&row.kind) {
            Some(i) => *i,
            None => {
                self.types.push(EquipmentTypeResult {
                    name: row.kind.clone(),
                    lines: 0,
                    devices: 0,
                    electricity_kwh: 0.0,
                    impacts: ImpactTable::new(&self.indicators),
                });
                self.type_index
                    .insert(row.kind.clone(), self.types.len() - 1);
                self.types.len() - 1
            }
        };
        let t = &mut self.types[t];
        t.impacts.add_line(fp);
        t.lines += 1;
        t.devices += u64::from(fp.quantity);
        t.electricity_kwh += kwh;
        self.dated += u64::from(row.purchase.is_some() && row.retirement.is_some());
        let retired = row.retirement.map(|r| r.year);
        self.retired_before += u64::from(retired.is_some_and(|y| y < year_now));
        self.retired_during += u64::from(retired == Some(year_now));
        self.not_used += u64::from(row.status == Status::NotUsed && row.retirement.is_none());
    }

    pub(super) fn notes(&self, year_now: i32) -> Vec<String> {
        let mut notes = Vec::new();
        if self.dated > 0 {
            notes.push(format!(
                "Durée de vie de {} ligne(s) d'équipements : dateRetrait − dateAchat (au moins un an) ; \
                 la durée du référentiel pour les autres.",
                self.dated
            ));
        }
        if self.retired_before > 0 {
            notes.push(format!(
                "{} ligne(s) retirée(s) avant {year_now} : ni fabrication ni usage cette année.",
                self.retired_before
            ));
        }
        if self.retired_during > 0 {
            notes.push(format!(
                "{} ligne(s) retirée(s) en {year_now} : leur usage jusqu'au retrait (au prorata des jours).",
                self.retired_during
            ));
        }
        if self.not_used > 0 {
            notes.push(format!(
                "{} ligne(s) au statut « non utilisé » : sans consommation électrique.",
                self.not_used
            ));
        }
        notes
    }
}

/// Entities: the report's departments, with the agents of the Entite file.
pub(super) fn entity_results(report: &Report, entities: &[(String, f64)]) -> Vec<EntityResult> {
    let agents: HashMap<&str, f64> = entities.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let per =
        |impacts: &ImpactTable, a: Option<f64>| a.filter(|a| *a > 0.0).map(|a| impacts.per(a));
    let mut out: Vec<EntityResult> = report
        .by_department
        .iter()
        .map(|g| {
            let a = g.key.as_deref().and_then(|k| agents.get(k).copied());
            EntityResult {
                name: g.key.clone(),
                agents: a,
                per_agent: per(&g.impacts, a),
                impacts: g.impacts.clone(),
            }
        })
        .collect();
    // Entities of the Entite file without equipment or services: nothing, with their agents.
    let present: std::collections::HashSet<&str> = report
        .by_department
        .iter()
        .filter_map(|g| g.key.as_deref())
        .collect();
    let indicators = report.totals.impacts.indicators();
    for (name, a) in entities {
        if !present.contains(name.as_str()) {
            let impacts = ImpactTable::new(indicators);
            out.push(EntityResult {
                name: Some(name.clone()),
                agents: Some(*a),
                per_agent: per(&impacts, Some(*a)),
                impacts,
            });
        }
    }
    out
}
