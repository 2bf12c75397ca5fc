//! Results in NumEcoEval's shape (`empreinte evaluate --format numecoeval`): one row per
//! criterion × life-cycle step and per level NumEcoEval reports at (total, entity, equipment
//! type, data centre, physical equipment, virtual machine, application, service), with G4IT's
//! column names and codes (`acvStep` MANUFACTURING..., `criteria` CLIMATE_CHANGE...), `;`
//! separated, `.` decimals. Any report can be written so: an inventory's has the total, entity
//! (department) and equipment type (category) levels.

use crate::csv_safe::{Cell, Writer};
use crate::dataset::referential::{criterion_code, step_code};
use crate::estimate::Estimate;
use crate::indicator::{Indicator, Phase};
use crate::report::{ImpactTable, Report};
use serde::Serialize;
use std::io;

pub use crate::dataset::referential::CRITERIA;

/// The columns of [`write_csv`], in order.
pub const HEADER: [&str; 20] = [
    "level",
    "entityName",
    "equipmentType",
    "datacenter",
    "equipmentName",
    "virtualEquipmentName",
    "applicationName",
    "environmentType",
    "domain",
    "subDomain",
    "acvStep",
    "criteria",
    "unit",
    "unitImpact",
    "low",
    "high",
    "status",
    "indicatorStatus",
    "quantity",
    "averagePowerConsumption",
];

/// Where a row of results is, NumEcoEval's keys (each `None` where the level has no such key).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndicatorKeys {
    /// `nomEntite` (a department of an inventory).
    pub entity_name: Option<String>,
    /// The equipment type (as written; a category of an inventory).
    pub equipment_type: Option<String>,
    /// `nomCourtDatacenter`.
    pub datacenter: Option<String>,
    /// A physical equipment (`nomEquipementPhysique`), a virtual machine's host, a service.
    pub equipment_name: Option<String>,
    /// `nomEquipementVirtuel`.
    pub virtual_equipment_name: Option<String>,
    /// `nomApplication`.
    pub application_name: Option<String>,
    /// `typeEnvironnement`.
    pub environment_type: Option<String>,
    /// `domaine`.
    pub domain: Option<String>,
    /// `sousDomaine`.
    pub sub_domain: Option<String>,
}

/// One criterion × step of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    /// `total`, `entity`, `equipment_type`, `datacenter`, `physical_equipment`,
    /// `virtual_equipment`, `application` or `service`.
    pub level: &'static str,
    /// The group's keys.
    pub keys: IndicatorKeys,
    /// G4IT's life-cycle step (`MANUFACTURING`, `TRANSPORTATION`, `USING`, `END_OF_LIFE`).
    pub acv_step: &'static str,
    /// G4IT's criterion code (`CLIMATE_CHANGE`); an indicator G4IT has no code for, its id in
    /// capitals (`WATER_ADEME`).
    pub criteria: String,
    /// The indicator's unit (`kgCO2e`).
    pub unit: &'static str,
    /// The central figure; `None` when not available (never a 0 in its place).
    pub unit_impact: Option<f64>,
    /// Low bound.
    pub low: Option<f64>,
    /// High bound.
    pub high: Option<f64>,
    /// empreinte's status (`available`, `partial`, `not_available`, `included_in_manufacturing`,
    /// `use_phase_only`).
    pub status: &'static str,
    /// NumEcoEval's: `OK`, or `ERREUR` when not available.
    pub indicator_status: &'static str,
    /// Devices of the group, where it has some.
    pub quantity: Option<u64>,
    /// Its electricity over the year (kWh), where known.
    pub average_power_consumption: Option<f64>,
}

struct Group<'a> {
    level: &'static str,
    keys: IndicatorKeys,
    quantity: Option<u64>,
    kwh: Option<f64>,
    impacts: std::borrow::Cow<'a, ImpactTable>,
}

fn g<'a>(
    level: &'static str,
    keys: IndicatorKeys,
    quantity: Option<u64>,
    kwh: Option<f64>,
    impacts: &'a ImpactTable,
) -> Group<'a> {
    Group {
        level,
        keys,
        quantity,
        kwh,
        impacts: std::borrow::Cow::Borrowed(impacts),
    }
}

fn groups(r: &Report) -> Vec<Group<'_>> {
    let mut out = vec![g(
        "total",
        IndicatorKeys::default(),
        Some(r.totals.devices),
        Some(r.totals.electricity_kwh),
        &r.totals.impacts,
    )];
    for d in &r.by_department {
        let keys = IndicatorKeys {
            entity_name: d.key.clone(),
            ..Default::default()
        };
        out.push(g(
            "entity",
            keys,
            Some(d.devices),
            Some(d.electricity_kwh),
            &d.impacts,
        ));
    }
    let section = r.estate.as_ref().and_then(|e| e.numecoeval.as_deref());
    match section {
        Some(s) => {
            for t in &s.equipment_types {
                let keys = IndicatorKeys {
                    equipment_type: Some(t.name.clone()),
                    ..Default::default()
                };
                out.push(g(
                    "equipment_type",
                    keys,
                    Some(t.devices),
                    Some(t.electricity_kwh),
                    &t.impacts,
                ));
            }
            for c in &s.data_centres {
                let keys = IndicatorKeys {
                    datacenter: Some(c.name.clone()),
                    ..Default::default()
                };
                out.push(g(
                    "datacenter",
                    keys,
                    Some(c.devices),
                    Some(c.electricity_kwh),
                    &c.impacts,
                ));
            }
        }
        None => {
            for c in &r.by_category {
                let keys = IndicatorKeys {
                    equipment_type: c.key.clone(),
                    ..Default::default()
                };
                out.push(g(
                    "equipment_type",
                    keys,
                    Some(c.devices),
                    Some(c.electricity_kwh),
                    &c.impacts,
                ));
            }
        }
    }
    for l in r.lines.iter().flatten() {
        let keys = IndicatorKeys {
            entity_name: l.department.clone(),
            equipment_type: Some(l.category_written.clone()),
            equipment_name: l.label.clone(),
            ..Default::default()
        };
        let kwh = l.footprint.electricity_kwh;
        out.push(Group {
            level: "physical_equipment",
            keys,
            quantity: Some(u64::from(l.footprint.quantity)),
            kwh: kwh.is_finite().then_some(kwh),
            impacts: std::borrow::Cow::Owned(l.impacts()),
        });
    }
    if let Some(s) = section {
        for v in &s.virtual_machines {
            let keys = IndicatorKeys {
                entity_name: v.entity.clone(),
                equipment_name: Some(v.host.clone()),
                virtual_equipment_name: Some(v.name.clone()),
                ..Default::default()
            };
            out.push(g(
                "virtual_equipment",
                keys,
                None,
                Some(v.electricity_kwh),
                &v.impacts,
            ));
        }
        for a in &s.applications {
            let keys = IndicatorKeys {
                entity_name: a.entity.clone(),
                application_name: Some(a.name.clone()),
                environment_type: a.environment.clone(),
                domain: a.domain.clone(),
                sub_domain: a.sub_domain.clone(),
                ..Default::default()
            };
            out.push(g(
                "application",
                keys,
                None,
                Some(a.electricity_kwh),
                &a.impacts,
            ));
        }
    }
    for s in r.estate.iter().flat_map(|e| &e.services) {
        let keys = IndicatorKeys {
            entity_name: s.department.clone(),
            equipment_name: Some(s.name.clone().unwrap_or_else(|| s.kind.to_string())),
            ..Default::default()
        };
        let mut impacts = ImpactTable::new(r.totals.impacts.indicators());
        impacts.add_service(&s.footprint);
        out.push(Group {
            level: "service",
            keys,
            quantity: None,
            kwh: None,
            impacts: std::borrow::Cow::Owned(impacts),
        });
    }
    out
}

fn row(group: &Group<'_>, ind: Indicator, phase: Phase, e: &Estimate) -> IndicatorRow {
    let value = e.value();
    let status = e.availability().id();
    IndicatorRow {
        level: group.level,
        keys: group.keys.clone(),
        acv_step: step_code(phase),
        criteria: criterion_code(ind),
        unit: ind.unit(),
        unit_impact: value.map(|v| v.central),
        low: value.map(|v| v.low),
        high: value.map(|v| v.high),
        status,
        indicator_status: if status == "not_available" {
            "ERREUR"
        } else {
            "OK"
        },
        quantity: group.quantity,
        average_power_consumption: group.kwh,
    }
}

/// The report's indicators in NumEcoEval's shape: per group (total, entities, equipment types,
/// data centres, lines when kept, virtual machines, applications, services), per indicator,
/// the four steps.
pub fn indicator_rows(report: &Report) -> Vec<IndicatorRow> {
    let mut out = Vec::new();
    for group in groups(report) {
        for ind in group.impacts.indicators() {
            for p in Phase::ALL {
                let e = group.impacts.get(*ind, p).copied().unwrap_or_default();
                out.push(row(&group, *ind, p, &e));
            }
        }
    }
    out
}

/// Writes [`indicator_rows`] as CSV (`;`, `.` decimals, [`HEADER`]); text cells that a
/// spreadsheet would run as formulas are neutralised (`csv_safe`).
pub fn write_csv<W: io::Write>(report: &Report, out: W) -> io::Result<()> {
    let inner = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    let mut w = Writer::new(inner);
    w.header(&HEADER)?;
    let num = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    for r in indicator_rows(report) {
        let k = &r.keys;
        let texts = [
            text(&k.entity_name),
            text(&k.equipment_type),
            text(&k.datacenter),
            text(&k.equipment_name),
            text(&k.virtual_equipment_name),
            text(&k.application_name),
            text(&k.environment_type),
            text(&k.domain),
            text(&k.sub_domain),
        ];
        let numbers = [
            num(r.unit_impact),
            num(r.low),
            num(r.high),
            r.quantity.map_or(String::new(), |q| q.to_string()),
            num(r.average_power_consumption),
        ];
        let mut cells: Vec<Cell<'_>> = vec![Cell::Text(r.level)];
        cells.extend(texts.iter().map(|t| Cell::Text(t)));
        cells.extend([
            Cell::Text(r.acv_step),
            Cell::Text(&r.criteria),
            Cell::Text(r.unit),
            Cell::Number(&numbers[0]),
            Cell::Number(&numbers[1]),
            Cell::Number(&numbers[2]),
            Cell::Text(r.status),
            Cell::Text(r.indicator_status),
            Cell::Number(&numbers[3]),
            Cell::Number(&numbers[4]),
        ]);
        w.row(&cells)?;
    }
    w.flush()
}
