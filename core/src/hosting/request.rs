//! Hosting requests as programs send them (JSON, JS objects, Python dicts), units in the names,
//! and the JSON shape of a result (`empreinte.hosting/1`): one definition for the CLI and every
//! binding.

use super::{
    CaseType, CloudInstanceSpec, CpuConfig, DiskConfig, DiskKind, HostingError, HostingFootprint,
    HostingUsage, Load, Location, PsuConfig, RamConfig, ServerConfig, ServerSpec, HOURS_PER_YEAR,
};
use crate::dataset::Dataset;
use crate::estimate::Range;
use crate::indicator::Phase;
use serde::Deserialize;
use serde_json::{Map, Value};
use uom::si::f64::{Power, Time};
use uom::si::power::watt;
use uom::si::time::hour;

/// How a server or instance is used, and where. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UsageRequest {
    /// Period covered (hours; not with `duration_years`); default one year, [`HOURS_PER_YEAR`].
    pub duration_hours: Option<f64>,
    /// Duration covered in years of [`HOURS_PER_YEAR`] (not with `duration_hours`).
    pub duration_years: Option<f64>,
    /// CPU load in %, `{low, central, high}`, or a profile of `[time %, load %]` pairs.
    pub load_percent: Option<LoadRequest>,
    /// A load profile (same as giving one in `load_percent`).
    pub load_profile: Option<Vec<(f64, f64)>>,
    /// Measured average power of the server (W), replacing the power model.
    pub avg_power_w: Option<f64>,
    /// Share of the time the server is on (0 to 1); default the archetype's.
    pub use_time_ratio: Option<f64>,
    /// Lifetime (years of [`HOURS_PER_YEAR`]); default the archetype's or the `server`
    /// category's.
    pub lifetime_years: Option<f64>,
    /// Power of the other components as a share of CPU + memory; default the archetype's.
    pub other_consumption_ratio: Option<f64>,
    /// A zone (`FR`, `Allemagne`...); absent: the dataset's country; `null`: unknown.
    #[serde(deserialize_with = "present")]
    pub location: Option<Option<String>>,
    /// Location unknown: the European average with every zone's range (BoaviztAPI's default).
    pub no_location: bool,
    /// Reporting year, for the electricity vintage; default
    /// [`REPORTING_YEAR`](crate::defaults::REPORTING_YEAR).
    pub year: Option<i32>,
    /// Site id or name of `hosting_sites.csv`; default the own server room (servers) or a
    /// hyperscale data centre (cloud).
    pub site: Option<String>,
    /// A known PUE, overriding the site's.
    pub pue: Option<f64>,
}

/// `Some(None)` when the key is there with `null`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// A CPU load.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum LoadRequest {
    /// One load (%), without range.
    Constant(f64),
    /// A load (%) with its range.
    Range(Range),
    /// Pairs of (share of time %, load %).
    Profile(Vec<(f64, f64)>),
}

impl UsageRequest {
    /// The usage, every unset option at the model's default; a duration given both in hours
    /// and in years is refused.
    pub fn usage(self) -> Result<HostingUsage, HostingError> {
        let mut u = HostingUsage::one_year(self.year.unwrap_or(crate::defaults::REPORTING_YEAR));
        let hours = match (self.duration_hours, self.duration_years) {
            (Some(_), Some(_)) => {
                return Err(HostingError::Conflict {
                    fields: ("duration_hours", "duration_years"),
                })
            }
            (Some(h), None) => h,
            (None, Some(y)) => y * HOURS_PER_YEAR,
            (None, None) => HOURS_PER_YEAR,
        };
        u.duration = Time::new::<hour>(hours);
        u.load = match (self.load_percent, self.load_profile) {
            (Some(LoadRequest::Constant(v)), _) => Some(Load::Constant(Range::exact(v))),
            (Some(LoadRequest::Range(r)), _) => Some(Load::Constant(r)),
            (Some(LoadRequest::Profile(p)), _) | (None, Some(p)) => Some(Load::Profile(p)),
            (None, None) => None,
        };
        u.avg_power = self.avg_power_w.map(Power::new::<watt>);
        u.use_time_ratio = self.use_time_ratio;
        u.lifetime = self
            .lifetime_years
            .map(|y| Time::new::<hour>(y * HOURS_PER_YEAR));
        u.other_consumption_ratio = self.other_consumption_ratio;
        u.location = match (self.location, self.no_location) {
            (Some(Some(z)), _) => Location::Zone(z),
            (Some(None), _) | (None, true) => Location::Unspecified,
            (None, false) => Location::DatasetDefault,
        };
        u.site = self.site;
        u.pue = self.pue;
        Ok(u)
    }
}

/// The CPUs of a server; what is not given comes from the CPU named, else the archetype.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CpuRequest {
    /// Number of CPUs.
    pub units: Option<f64>,
    /// CPU name, looked up in `hosting_cpus.csv`.
    pub name: Option<String>,
    /// Cores per CPU.
    pub core_units: Option<f64>,
    /// Threads per CPU.
    pub threads: Option<f64>,
    /// Die area of one CPU (mm²).
    pub die_size_mm2: Option<f64>,
    /// Die area per core (mm²), multiplied by the cores.
    pub die_size_per_core_mm2: Option<f64>,
    /// Thermal design power of one CPU (W); the power curve is fitted to it.
    pub tdp_w: Option<f64>,
    /// CPU manufacturer (picks the power curve).
    pub manufacturer: Option<String>,
    /// CPU model range (picks the power curve).
    pub model_range: Option<String>,
    /// CPU family.
    pub family: Option<String>,
}

/// A bank of identical memory modules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RamRequest {
    /// Number of modules; default the archetype's.
    pub units: Option<f64>,
    /// Capacity of one module (GB); default the archetype's.
    pub capacity_gb: Option<f64>,
    /// DRAM die density (GB/cm²); default the dataset's `ram_density` parameter.
    #[serde(default)]
    pub density_gb_per_cm2: Option<f64>,
}

/// Kind of drive.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiskKindRequest {
    /// Solid-state drive.
    Ssd,
    /// Hard disk drive.
    Hdd,
}

/// A set of identical drives.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiskRequest {
    /// SSD or HDD.
    pub kind: DiskKindRequest,
    /// Number of drives; default the archetype's.
    pub units: Option<f64>,
    /// Capacity of one drive (GB); default the archetype's.
    pub capacity_gb: Option<f64>,
    /// NAND die density (GB/cm², SSD only); default the dataset's `ssd_density` parameter.
    #[serde(default)]
    pub density_gb_per_cm2: Option<f64>,
}

/// The power supplies of a server.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PsuRequest {
    /// Number of power supplies; default the archetype's.
    pub units: Option<f64>,
    /// Weight of one power supply (kg); default the archetype's.
    pub unit_weight_kg: Option<f64>,
}

/// Enclosure of a server.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseRequest {
    /// A rack server.
    Rack,
    /// A blade server (a share of its enclosure).
    Blade,
    /// A tower server (evaluated with the rack factor, with a warning).
    Tower,
}

impl CaseRequest {
    /// The ids a request writes.
    pub const IDS: [&'static str; 3] = ["rack", "blade", "tower"];

    /// From its id (`rack`, `blade`, `tower`).
    pub fn from_id(id: &str) -> Option<CaseRequest> {
        match id {
            "rack" => Some(CaseRequest::Rack),
            "blade" => Some(CaseRequest::Blade),
            "tower" => Some(CaseRequest::Tower),
            _ => None,
        }
    }
}

/// A server: `generic: true` for the dataset's generic server, else an archetype and its
/// configuration (bottom-up, with a dataset carrying the hosting tables, e.g. Boavizta's).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerRequest {
    /// The dataset's generic `server` category, whatever else is given.
    pub generic: bool,
    /// Archetype id of `hosting_servers.csv`; default `platform_compute_medium`.
    pub archetype: Option<String>,
    /// Enclosure; default the archetype's.
    pub case_type: Option<CaseRequest>,
    /// CPUs; default the archetype's.
    pub cpu: Option<CpuRequest>,
    /// Memory; replaces all the archetype's when given.
    pub ram: Option<Vec<RamRequest>>,
    /// Drives; replace all the archetype's when given.
    pub disks: Option<Vec<DiskRequest>>,
    /// Power supplies; default the archetype's.
    pub power_supply: Option<PsuRequest>,
}

impl ServerRequest {
    /// The server's footprint over `usage` (the model [`ServerRequest::spec`] chooses).
    pub fn evaluate(
        self,
        ds: &Dataset,
        usage: UsageRequest,
    ) -> Result<HostingFootprint, HostingError> {
        super::server_footprint(ds, &self.spec(ds), &usage.usage()?)
    }

    /// The spec: bottom-up when the dataset has server archetypes or one is named; else the
    /// dataset's generic server. Empty parts count as not given.
    pub fn spec(self, ds: &Dataset) -> ServerSpec {
        let bottom_up =
            ds.hosting_tables().is_some_and(|h| !h.servers.is_empty()) || self.archetype.is_some();
        if self.generic || !bottom_up {
            return ServerSpec::Generic;
        }
        ServerSpec::BottomUp(ServerConfig {
            archetype: self.archetype,
            case_type: self.case_type.map(|c| match c {
                CaseRequest::Rack => CaseType::Rack,
                CaseRequest::Blade => CaseType::Blade,
                CaseRequest::Tower => CaseType::Tower,
            }),
            cpu: self
                .cpu
                .filter(|c| *c != CpuRequest::default())
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
                            DiskKindRequest::Ssd => DiskKind::Ssd,
                            DiskKindRequest::Hdd => DiskKind::Hdd,
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

/// A cloud instance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudRequest {
    /// Provider id (`aws`, `azure`, `gcp`, `ovhcloud`, `scaleway`).
    pub provider: String,
    /// Instance type as the provider names it (`m6g.xlarge`).
    pub instance_type: String,
    /// Provider region (`eu-west-3`); sets the electricity zone.
    #[serde(default)]
    pub region: Option<String>,
}

impl CloudRequest {
    /// The instance's footprint over `usage`.
    pub fn evaluate(
        self,
        ds: &Dataset,
        usage: UsageRequest,
    ) -> Result<HostingFootprint, HostingError> {
        super::cloud_footprint(ds, &self.spec(), &usage.usage()?)
    }

    /// The instance to evaluate.
    pub fn spec(self) -> CloudInstanceSpec {
        CloudInstanceSpec {
            provider: self.provider,
            instance_type: self.instance_type,
            region: self.region,
        }
    }
}

fn range_json(r: Option<Range>) -> Value {
    r.map_or(
        Value::Null,
        |r| serde_json::json!({"low": r.low, "central": r.central, "high": r.high}),
    )
}

/// The JSON of a result, `empreinte.hosting/1`: the footprint's fields, plus `impacts` by
/// indicator and phase (`null`: not available; `"included_in_manufacturing"`: inside a lumped
/// manufacturing figure) with `total` and `unit`.
pub fn hosting_json(f: &HostingFootprint) -> Value {
    let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
    let mut impacts = Map::new();
    for ind in f.indicators() {
        let mut phases = Map::new();
        for p in Phase::ALL {
            // A phase inside a lumped manufacturing figure says so: never a zero, never "n/a".
            let v = if f.is_included(ind, p) {
                "included_in_manufacturing".into()
            } else {
                range_json(f.impact(ind, p))
            };
            phases.insert(p.id().into(), v);
        }
        phases.insert("total".into(), range_json(f.total(ind)));
        phases.insert("unit".into(), ind.unit().into());
        impacts.insert(ind.id().into(), Value::Object(phases));
    }
    if let Value::Object(m) = &mut v {
        m.insert("schema".into(), "empreinte.hosting/1".into());
        m.insert("impacts".into(), Value::Object(impacts));
    }
    v
}
