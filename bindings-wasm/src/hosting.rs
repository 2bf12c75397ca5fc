//! Hosting: a server (bottom-up from its configuration, or the dataset's generic server) or a
//! cloud instance over a duration. Input objects mirror the core's types, units in the names.

use crate::error::JsError;
use crate::json::{from_js, required, to_js};
use empreinte::hosting::{
    cloud_footprint, server_footprint, CaseType, CloudInstanceSpec, CpuConfig, DiskConfig,
    DiskKind, HostingFootprint, HostingUsage, Load, Location, PsuConfig, RamConfig, ServerConfig,
    ServerSpec, HOURS_PER_YEAR,
};
use empreinte::{Phase, Range};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uom::si::f64::{Power, Time};
use uom::si::power::watt;
use uom::si::time::hour;
use wasm_bindgen::prelude::*;

/// How a server or instance is used, and where (every field optional).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct UsageIn {
    duration_hours: Option<f64>,
    /// CPU load in % (with an optional range), or a profile of `[time %, load %]` pairs.
    load_percent: Option<LoadIn>,
    avg_power_w: Option<f64>,
    use_time_ratio: Option<f64>,
    lifetime_years: Option<f64>,
    other_consumption_ratio: Option<f64>,
    /// A zone (`FR`, `Allemagne`...), or `null` for "unknown" (European average, every zone's range).
    #[serde(deserialize_with = "location")]
    location: Option<Option<String>>,
    year: Option<i32>,
    site: Option<String>,
    pue: Option<f64>,
}

/// `Some(None)` when `location` is present and `null`.
fn location<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LoadIn {
    Constant(f64),
    Range(Range),
    Profile(Vec<(f64, f64)>),
}

impl UsageIn {
    fn usage(self) -> HostingUsage {
        let mut u = HostingUsage::one_year(self.year.unwrap_or(2025));
        u.duration = Time::new::<hour>(self.duration_hours.unwrap_or(HOURS_PER_YEAR));
        u.load = self.load_percent.map(|l| match l {
            LoadIn::Constant(v) => Load::Constant(Range::exact(v)),
            LoadIn::Range(r) => Load::Constant(r),
            LoadIn::Profile(p) => Load::Profile(p),
        });
        u.avg_power = self.avg_power_w.map(Power::new::<watt>);
        u.use_time_ratio = self.use_time_ratio;
        u.lifetime = self
            .lifetime_years
            .map(|y| Time::new::<hour>(y * HOURS_PER_YEAR));
        u.other_consumption_ratio = self.other_consumption_ratio;
        u.location = match self.location {
            None => Location::DatasetDefault,
            Some(None) => Location::Unspecified,
            Some(Some(z)) => Location::Zone(z),
        };
        u.site = self.site;
        u.pue = self.pue;
        u
    }
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct CpuIn {
    units: Option<f64>,
    name: Option<String>,
    core_units: Option<f64>,
    threads: Option<f64>,
    die_size_mm2: Option<f64>,
    die_size_per_core_mm2: Option<f64>,
    tdp_w: Option<f64>,
    manufacturer: Option<String>,
    model_range: Option<String>,
    family: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RamIn {
    units: Option<f64>,
    capacity_gb: Option<f64>,
    #[serde(default)]
    density_gb_per_cm2: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DiskKindIn {
    Ssd,
    Hdd,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiskIn {
    kind: DiskKindIn,
    units: Option<f64>,
    capacity_gb: Option<f64>,
    #[serde(default)]
    density_gb_per_cm2: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PsuIn {
    units: Option<f64>,
    unit_weight_kg: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum CaseIn {
    Rack,
    Blade,
    Tower,
}

/// A server: `generic: true` for the dataset's generic server, else an archetype and its
/// configuration (bottom-up; needs the hosting tables, e.g. Boavizta's).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct ServerIn {
    generic: bool,
    archetype: Option<String>,
    case_type: Option<CaseIn>,
    cpu: Option<CpuIn>,
    ram: Option<Vec<RamIn>>,
    disks: Option<Vec<DiskIn>>,
    power_supply: Option<PsuIn>,
}

/// A footprint as JS sees it: the core's fields, plus `impacts` per indicator and phase
/// (`null`: not available), with `total` and `unit` (the CLI's `empreinte.hosting/1`).
#[derive(Serialize)]
struct HostingOut<'a> {
    schema: &'static str,
    #[serde(flatten)]
    footprint: &'a HostingFootprint,
    impacts: BTreeMap<&'static str, BTreeMap<&'static str, PhaseCell>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PhaseCell {
    Value(Option<Range>),
    Unit(&'static str),
}

fn out(f: &HostingFootprint) -> Result<JsValue, JsError> {
    let mut impacts = BTreeMap::new();
    for ind in f.indicators() {
        let mut phases = BTreeMap::new();
        for p in Phase::ALL {
            phases.insert(p.id(), PhaseCell::Value(f.impact(ind, p)));
        }
        phases.insert("total", PhaseCell::Value(f.total(ind)));
        phases.insert("unit", PhaseCell::Unit(ind.unit()));
        impacts.insert(ind.id(), phases);
    }
    to_js(&HostingOut {
        schema: "empreinte.hosting/1",
        footprint: f,
        impacts,
    })
}

/// The footprint of a server over a duration. Declared in `ts_more.rs`.
#[wasm_bindgen(js_name = serverFootprint, skip_typescript)]
pub fn server(server: JsValue, usage: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let s: ServerIn = from_js(&server, "server")?;
    let usage: UsageIn = from_js(&usage, "hosting usage")?;
    let spec = if s.generic {
        ServerSpec::Generic
    } else if ds.hosting_tables().is_some_and(|h| !h.servers.is_empty()) || s.archetype.is_some() {
        ServerSpec::BottomUp(ServerConfig {
            archetype: s.archetype,
            case_type: s.case_type.map(|c| match c {
                CaseIn::Rack => CaseType::Rack,
                CaseIn::Blade => CaseType::Blade,
                CaseIn::Tower => CaseType::Tower,
            }),
            cpu: s.cpu.map(|c| CpuConfig {
                units: c.units,
                name: c.name,
                core_units: c.core_units,
                threads: c.threads,
                die_size_mm2: c.die_size_mm2,
                die_size_per_core_mm2: c.die_size_per_core_mm2,
                tdp_w: c.tdp_w,
                manufacturer: c.manufacturer,
                model_range: c.model_range,
                family: c.family,
            }),
            ram: s.ram.map(|v| {
                v.into_iter()
                    .map(|r| RamConfig {
                        units: r.units,
                        capacity_gb: r.capacity_gb,
                        density_gb_per_cm2: r.density_gb_per_cm2,
                    })
                    .collect()
            }),
            disks: s.disks.map(|v| {
                v.into_iter()
                    .map(|d| DiskConfig {
                        kind: match d.kind {
                            DiskKindIn::Ssd => DiskKind::Ssd,
                            DiskKindIn::Hdd => DiskKind::Hdd,
                        },
                        units: d.units,
                        capacity_gb: d.capacity_gb,
                        density_gb_per_cm2: d.density_gb_per_cm2,
                    })
                    .collect()
            }),
            power_supply: s.power_supply.map(|p| PsuConfig {
                units: p.units,
                unit_weight_kg: p.unit_weight_kg,
            }),
        })
    } else {
        ServerSpec::Generic
    };
    let f = server_footprint(&ds, &spec, &usage.usage()).map_err(JsError::from)?;
    Ok(out(&f)?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CloudIn {
    provider: String,
    instance_type: String,
    #[serde(default)]
    region: Option<String>,
}

/// The footprint of a cloud instance over a duration. Declared in `ts_more.rs`.
#[wasm_bindgen(js_name = cloudFootprint, skip_typescript)]
pub fn cloud(instance: JsValue, usage: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let c: CloudIn = required(&instance, "cloud instance")?;
    let usage: UsageIn = from_js(&usage, "hosting usage")?;
    let spec = CloudInstanceSpec {
        provider: c.provider,
        instance_type: c.instance_type,
        region: c.region,
    };
    let f = cloud_footprint(&ds, &spec, &usage.usage()).map_err(JsError::from)?;
    Ok(out(&f)?)
}
