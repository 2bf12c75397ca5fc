//! Hosting: a server (bottom-up from its configuration, or the dataset's generic server) or a
//! cloud instance over a duration. The Python layer passes keyword arguments as dicts; they are
//! read by serde into the input structs below (units in the names), mapped onto the core's
//! `ServerSpec` / `CloudInstanceSpec` / `HostingUsage`. The result is the CLI's JSON
//! (`empreinte.hosting/1`).

use crate::pyvalue;
use crate::{errors, to_json, PyDataset};
use empreinte::hosting::{
    cloud_footprint, server_footprint, CaseType, CloudInstanceSpec, CpuConfig, DiskConfig,
    DiskKind, HostingFootprint, HostingUsage, Load, Location, PsuConfig, RamConfig, ServerConfig,
    ServerSpec, HOURS_PER_YEAR,
};
use empreinte::{Phase, Range};
use pyo3::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value};
use uom::si::f64::{Power, Time};
use uom::si::power::watt;
use uom::si::time::hour;

/// How a server or instance is used, and where (every field optional).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct UsageIn {
    duration_hours: Option<f64>,
    /// CPU load in %, or `{low, central, high}`.
    load_percent: Option<LoadIn>,
    /// A load profile: `[time %, load %]` pairs.
    load_profile: Option<Vec<(f64, f64)>>,
    avg_power_w: Option<f64>,
    use_time_ratio: Option<f64>,
    lifetime_years: Option<f64>,
    other_consumption_ratio: Option<f64>,
    /// A zone (`FR`, `Allemagne`...); absent: the dataset's country.
    location: Option<String>,
    /// Location unknown: the European average with every zone's range (BoaviztAPI's default).
    no_location: bool,
    year: Option<i32>,
    site: Option<String>,
    pue: Option<f64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LoadIn {
    Constant(f64),
    Range(Range),
}

impl UsageIn {
    fn usage(self) -> HostingUsage {
        let mut u = HostingUsage::one_year(self.year.unwrap_or(2025));
        u.duration = Time::new::<hour>(self.duration_hours.unwrap_or(HOURS_PER_YEAR));
        u.load = match (self.load_percent, self.load_profile) {
            (Some(LoadIn::Constant(v)), _) => Some(Load::Constant(Range::exact(v))),
            (Some(LoadIn::Range(r)), _) => Some(Load::Constant(r)),
            (None, Some(p)) => Some(Load::Profile(p)),
            (None, None) => None,
        };
        u.avg_power = self.avg_power_w.map(Power::new::<watt>);
        u.use_time_ratio = self.use_time_ratio;
        u.lifetime = self
            .lifetime_years
            .map(|y| Time::new::<hour>(y * HOURS_PER_YEAR));
        u.other_consumption_ratio = self.other_consumption_ratio;
        u.location = match (self.location, self.no_location) {
            (Some(z), _) => Location::Zone(z),
            (None, true) => Location::Unspecified,
            (None, false) => Location::DatasetDefault,
        };
        u.site = self.site;
        u.pue = self.pue;
        u
    }
}

#[derive(Deserialize, Default, PartialEq)]
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

/// A server: `generic` for the dataset's generic server, else an archetype and its
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

impl ServerIn {
    /// The spec `empreinte server` builds from the same arguments.
    fn spec(self, ds: &empreinte::Dataset) -> ServerSpec {
        let bottom_up =
            ds.hosting_tables().is_some_and(|h| !h.servers.is_empty()) || self.archetype.is_some();
        if self.generic || !bottom_up {
            return ServerSpec::Generic;
        }
        ServerSpec::BottomUp(ServerConfig {
            archetype: self.archetype,
            case_type: self.case_type.map(|c| match c {
                CaseIn::Rack => CaseType::Rack,
                CaseIn::Blade => CaseType::Blade,
                CaseIn::Tower => CaseType::Tower,
            }),
            cpu: self
                .cpu
                .filter(|c| *c != CpuIn::default())
                .map(|c| CpuConfig {
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
            ram: self.ram.filter(|v| !v.is_empty()).map(|v| {
                v.into_iter()
                    .map(|r| RamConfig {
                        units: r.units,
                        capacity_gb: r.capacity_gb,
                        density_gb_per_cm2: r.density_gb_per_cm2,
                    })
                    .collect()
            }),
            disks: self.disks.filter(|v| !v.is_empty()).map(|v| {
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
            power_supply: self.power_supply.map(|p| PsuConfig {
                units: p.units,
                unit_weight_kg: p.unit_weight_kg,
            }),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CloudIn {
    provider: String,
    instance_type: String,
    #[serde(default)]
    region: Option<String>,
}

fn range(r: Option<Range>) -> Value {
    r.map_or(
        Value::Null,
        |r| serde_json::json!({"low": r.low, "central": r.central, "high": r.high}),
    )
}

/// The CLI's JSON shape `empreinte.hosting/1`: the footprint's fields, plus `impacts` by
/// indicator and phase (`null`: not available) with `total` and `unit`.
fn out(f: &HostingFootprint) -> PyResult<String> {
    let mut v = serde_json::to_value(f)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    let mut impacts = Map::new();
    for ind in f.indicators() {
        let mut phases = Map::new();
        for p in Phase::ALL {
            phases.insert(p.id().into(), range(f.impact(ind, p)));
        }
        phases.insert("total".into(), range(f.total(ind)));
        phases.insert("unit".into(), ind.unit().into());
        impacts.insert(ind.id().into(), Value::Object(phases));
    }
    if let Value::Object(m) = &mut v {
        m.insert("schema".into(), "empreinte.hosting/1".into());
        m.insert("impacts".into(), Value::Object(impacts));
    }
    to_json(&v)
}

fn usage(py: Python<'_>, usage: &Bound<'_, PyAny>) -> PyResult<HostingUsage> {
    let u: UsageIn = pyvalue::read(usage)
        .map_err(|e| errors::shape(py, "HostingError", "hosting usage", None, e))?;
    Ok(u.usage())
}

/// The footprint of a server over a duration.
#[pyfunction]
pub fn server(
    py: Python<'_>,
    dataset: &PyDataset,
    server: &Bound<'_, PyAny>,
    usage_args: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let ds = dataset.ds();
    let s: ServerIn =
        pyvalue::read(server).map_err(|e| errors::shape(py, "HostingError", "server", None, e))?;
    let spec = s.spec(ds);
    let usage = usage(py, usage_args)?;
    let f = py
        .detach(|| errors::catch(|| server_footprint(ds, &spec, &usage)))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::hosting(py, &e))?;
    out(&f)
}

/// The footprint of a cloud instance over a duration.
#[pyfunction]
pub fn cloud(
    py: Python<'_>,
    dataset: &PyDataset,
    instance: &Bound<'_, PyAny>,
    usage_args: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let ds = dataset.ds();
    let c: CloudIn = pyvalue::read(instance)
        .map_err(|e| errors::shape(py, "HostingError", "cloud instance", None, e))?;
    let spec = CloudInstanceSpec {
        provider: c.provider,
        instance_type: c.instance_type,
        region: c.region,
    };
    let usage = usage(py, usage_args)?;
    let f = py
        .detach(|| errors::catch(|| cloud_footprint(ds, &spec, &usage)))
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::hosting(py, &e))?;
    out(&f)
}
