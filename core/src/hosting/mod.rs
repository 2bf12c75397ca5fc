//! Hosting: servers in the commune's server room, in colocation or data centres, and cloud
//! instances, over a duration.
//!
//! - **Servers** by archetype (`hosting_servers.csv`), customised from their configuration (CPUs
//!   with die area, name or cores; RAM modules; SSDs and HDDs; power supplies; rack or blade
//!   enclosure) with the bottom-up model of BoaviztAPI 2.5.0 (component factors of UBA Texte
//!   94/2021), or as the dataset's generic `server` category (ADEME's data-centre server).
//! - **Power from load**: CPU curve by model range or fitted to the TDP, memory per DIMM, disks per
//!   drive, other components as a share ([`power`]); or a measured average power.
//! - **Where they run**: a site's PUE (`hosting_sites.csv`: own server room, colocation, cloud) or a
//!   given PUE, and the electricity factors of the location (a cloud region resolves to its zone).
//! - **Cloud instances**: the host platform's embodied impacts allocated to the instance by vCPU,
//!   memory and storage shares, and its power likewise.
//!
//! Every result gives, per indicator and phase, an `Option<Range>` (`None`: not available, never
//! zero), the energy, and the provenance (ids of every factor and parameter used). With PUE 1
//! (site `it_only`) and the `boavizta-2.5` dataset the figures equal BoaviztAPI 2.5.0's unrounded
//! values (`tests/peers/boavizta/`).

mod cloud;
mod components;
mod error;
pub mod power;
mod request;
mod server;
mod spec;

pub use cloud::{cloud_footprint, CloudInstanceSpec};
pub use error::HostingError;
pub use power::Load;
pub use request::{
    hosting_json, CaseRequest, CloudRequest, CpuRequest, DiskKindRequest, DiskRequest, LoadRequest,
    PsuRequest, RamRequest, ServerRequest, UsageRequest,
};
pub use server::server_footprint;
pub use spec::{
    CaseType, CpuConfig, DiskConfig, DiskKind, PsuConfig, RamConfig, ServerConfig, ServerSpec,
};

use crate::dataset::{Dataset, HostingTables, ZoneRef, N_IND};
use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use serde::Serialize;
use uom::si::f64::{Power, Time};
use uom::si::power::watt;
use uom::si::time::hour;

/// Hours in a (non-leap) year, the default duration.
pub use crate::defaults::HOURS_PER_YEAR;

/// Where the electricity comes from.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Location {
    /// The dataset's default country (France for the French datasets).
    #[default]
    DatasetDefault,
    /// A zone by code or name (`FR`, `FRA`, `Allemagne`).
    Zone(String),
    /// Not known: the European average with the range of every zone of the dataset, as BoaviztAPI
    /// does when no location is given.
    Unspecified,
}

/// How a server or instance is used, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct HostingUsage {
    /// Period the footprint covers (embodied impacts are allocated `min(1, duration / lifetime)`).
    pub duration: Time,
    /// CPU load; `None`: the archetype's (50 %, range 0–100 %).
    pub load: Option<Load>,
    /// Measured average power of the server (replaces the power model).
    pub avg_power: Option<Power>,
    /// Share of the time the server is on (archetypes: 1).
    pub use_time_ratio: Option<f64>,
    /// Lifetime (archetypes: 4 years for servers, 6 for most cloud platforms).
    pub lifetime: Option<Time>,
    /// Power of the other components as a share of CPU + memory (archetypes: 0.33, 0.2–0.6).
    pub other_consumption_ratio: Option<f64>,
    /// Where the electricity comes from.
    pub location: Location,
    /// Reporting year, for the electricity vintage.
    pub year: i32,
    /// Site id of `hosting_sites.csv`; `None`: own server room for servers, hyperscale for cloud.
    pub site: Option<String>,
    /// A known PUE (exact), overriding the site's.
    pub pue: Option<f64>,
}

impl HostingUsage {
    /// One year, default load, the dataset's default country, the default site.
    pub fn one_year(year: i32) -> HostingUsage {
        HostingUsage {
            duration: Time::new::<hour>(HOURS_PER_YEAR),
            load: None,
            avg_power: None,
            use_time_ratio: None,
            lifetime: None,
            other_consumption_ratio: None,
            location: Location::DatasetDefault,
            year,
            site: None,
            pue: None,
        }
    }
}

/// The footprint of a server or cloud instance over a duration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostingFootprint {
    /// Id of the dataset used.
    pub dataset: String,
    /// Version of the dataset used.
    pub dataset_version: String,
    /// `bottom_up`, `generic` (the dataset's server category) or `cloud_instance`.
    pub model: &'static str,
    /// Period the footprint covers (hours).
    pub duration_hours: f64,
    /// Share of the embodied impacts carried over the duration.
    pub embodied_share: Range,
    /// Power of the IT equipment (W), before PUE.
    pub it_power_w: Range,
    /// PUE applied to the IT electricity, with its range.
    pub pue: Range,
    /// Site whose PUE was used (`None` when a PUE was given).
    pub site: Option<String>,
    /// Electricity including the site's overhead (kWh).
    pub electricity_kwh: Range,
    /// Zone of the electricity factors.
    pub zone: String,
    /// Per indicator and phase; `None`: not available.
    #[serde(skip)]
    pub impacts: [[Option<Range>; 4]; N_IND],
    /// Per indicator, one bit per [`Phase::index`]: included in the manufacturing figure (the
    /// dataset's server figure is one lump), not available separately.
    #[serde(skip)]
    pub included: [u8; N_IND],
    /// Ids of every factor, parameter and table row used.
    pub factors_used: Vec<String>,
    /// What the result leaves out or assumes (a fallback, a missing phase, no location).
    pub warnings: Vec<String>,
}

impl HostingFootprint {
    /// One indicator in one phase; `None` when not available.
    pub fn impact(&self, indicator: Indicator, phase: Phase) -> Option<Range> {
        self.impacts[indicator as usize][phase.index()]
    }

    /// Whether `phase` of `indicator` is included in the manufacturing figure (a lump).
    pub fn is_included(&self, indicator: Indicator, phase: Phase) -> bool {
        self.included[indicator as usize] & (1 << phase.index()) != 0
    }

    /// Sum of the available phases of an indicator; `None` when none is available.
    pub fn total(&self, indicator: Indicator) -> Option<Range> {
        let row = &self.impacts[indicator as usize];
        row.iter().flatten().copied().reduce(|a, b| a + b)
    }

    /// Indicators with at least one available phase, in reporting order.
    pub fn indicators(&self) -> Vec<Indicator> {
        Indicator::ALL
            .iter()
            .copied()
            .filter(|i| self.total(*i).is_some())
            .collect()
    }
}

pub(crate) fn tables<'a>(
    ds: &'a Dataset,
    needed_for: &str,
) -> Result<&'a HostingTables, HostingError> {
    ds.hosting_tables()
        .ok_or_else(|| HostingError::MissingTable {
            dataset: ds.id().into(),
            table: "hosting tables".into(),
            needed_for: needed_for.into(),
        })
}

pub(crate) fn param(
    h: &HostingTables,
    id: &str,
    used: &mut Vec<String>,
) -> Result<Range, HostingError> {
    let p = h.parameter(id).ok_or_else(|| HostingError::MissingTable {
        dataset: String::new(),
        table: format!("parameter `{id}` in hosting_parameters.csv"),
        needed_for: "the bottom-up server model".into(),
    })?;
    if !used.iter().any(|u| u.ends_with(id)) {
        used.push(format!("hosting_parameters.csv:{id}"));
    }
    Ok(p.value)
}

pub(crate) fn check(field: &str, v: f64, min: f64, max: f64) -> Result<f64, HostingError> {
    if v.is_finite() && v >= min && v <= max {
        Ok(v)
    } else {
        Err(HostingError::OutOfRange {
            field: field.into(),
            value: v.to_string(),
            expected: format!("a number from {min} to {max}"),
        })
    }
}

/// Share of embodied impacts over `duration` hours for a lifetime (BoaviztAPI `allocate`).
pub(crate) fn allocation(duration: f64, lifetime: Range) -> Range {
    if duration > lifetime.central {
        Range::exact(1.0)
    } else {
        Range::new(
            duration / lifetime.high,
            duration / lifetime.central,
            duration / lifetime.low,
        )
    }
}

/// Resolves the PUE: a given PUE, else a site's (the default site when none is named).
pub(crate) fn resolve_pue(
    ds: &Dataset,
    usage: &HostingUsage,
    default_site: &str,
    used: &mut Vec<String>,
) -> Result<(Range, Option<String>), HostingError> {
    if let Some(p) = usage.pue {
        if !p.is_finite() || p < 1.0 {
            return Err(HostingError::InvalidPue { value: p });
        }
        if p > 5.0 {
            return Err(HostingError::OutOfRange {
                field: "pue".into(),
                value: p.to_string(),
                expected: "a PUE from 1 to 5".into(),
            });
        }
        return Ok((Range::exact(p), None));
    }
    let h = tables(ds, "a site's PUE (hosting_sites.csv)")?;
    let name = usage.site.as_deref().unwrap_or(default_site);
    let site = h.find_site(name).ok_or_else(|| HostingError::UnknownSite {
        value: name.into(),
        suggestion: h.suggest_site(name),
        known: h
            .sites
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })?;
    used.push(format!("hosting_sites.csv:{}", site.id));
    Ok((site.pue, Some(site.id.clone())))
}

/// Electricity factors per indicator for a usage (zone chosen by `zone` when given, e.g. a cloud
/// region, else by the usage's location).
pub(crate) fn electricity(
    ds: &Dataset,
    usage: &HostingUsage,
    zone: Option<ZoneRef>,
    used: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<(String, [Option<Range>; N_IND]), HostingError> {
    let mut out = [None; N_IND];
    let factor_of = |z: ZoneRef, ind: Indicator| {
        ds.electricity_for(z, usage.year)
            .and_then(|l| ds.electricity_factor(&l, ind))
    };
    let zone = match (zone, &usage.location) {
        (Some(z), _) => z,
        (None, Location::DatasetDefault) => ds.default_zone(),
        (None, Location::Zone(name)) => {
            ds.find_zone(name)
                .ok_or_else(|| HostingError::UnknownLocation {
                    value: name.clone(),
                    suggestion: ds.suggest_zone(name),
                })?
        }
        (None, Location::Unspecified) => {
            let eu = ds.find_zone("EU27").unwrap_or(ds.default_zone());
            warnings.push(format!(
                "no location: {} average, with the range of every zone of the dataset",
                ds.zone(eu).code
            ));
            for &ind in ds.indicators() {
                let Some(f) = factor_of(eu, ind) else {
                    continue;
                };
                used.push(ds.factor(f).id.clone());
                let central = ds.factor(f).value.central;
                let (mut lo, mut hi) = (central, central);
                for z in 0..ds.zones().len() {
                    if let Some(g) = factor_of(ZoneRef(z as u32), ind) {
                        let v = ds.factor(g).value.central;
                        lo = lo.min(v);
                        hi = hi.max(v);
                    }
                }
                out[ind as usize] = Some(Range::new(lo, central, hi));
            }
            return Ok((ds.zone(eu).code.clone(), out));
        }
    };
    for &ind in ds.indicators() {
        if let Some(f) = factor_of(zone, ind) {
            used.push(ds.factor(f).id.clone());
            out[ind as usize] = Some(ds.factor(f).value);
        }
    }
    if out[Indicator::ClimateChange as usize].is_none() {
        return Err(HostingError::NoElectricity {
            dataset: ds.id().into(),
            zone: ds.zone(zone).code.clone(),
        });
    }
    Ok((ds.zone(zone).code.clone(), out))
}

/// Multiplies two non-negative ranges bound by bound.
pub(crate) fn mul(a: Range, b: Range) -> Range {
    Range::new(a.low * b.low, a.central * b.central, a.high * b.high)
}

/// Use phase from a factor per kWh and an energy range; keeps low <= high for negative factors.
pub(crate) fn use_impact(factor: Range, kwh: Range) -> Range {
    let lo = (factor.low * kwh.low).min(factor.low * kwh.high);
    let hi = (factor.high * kwh.high).max(factor.high * kwh.low);
    Range::new(lo, factor.central * kwh.central, hi)
}

pub(crate) fn duration_hours(usage: &HostingUsage) -> Result<f64, HostingError> {
    check("duration_hours", usage.duration.get::<hour>(), 0.0, 1.0e6)
}

pub(crate) fn measured_power(usage: &HostingUsage) -> Result<Option<f64>, HostingError> {
    usage
        .avg_power
        .map(|p| check("avg_power_w", p.get::<watt>(), 0.0, 1.0e6))
        .transpose()
}
