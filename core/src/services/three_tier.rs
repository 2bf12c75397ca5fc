//! A generic three-tier model for any digital service: terminals (a share of a dataset
//! category pro rata of the hours of use, plus its electricity), network (per GB from the
//! dataset's network table) and data centre (electricity per GB and per hour, and an embodied
//! share per GB), by use count and duration. Multi-criteria wherever the dataset carries the
//! indicator (terminal embodied factors, electricity factors).

use super::ademe_constants::{
    data_centre_construction, file_server_allocation_per_gb, streaming_wh_per_gb,
};
use super::footprint::{Missing, ServiceFootprint, Tier};
use super::network::{find_network, push_network};
use super::{non_negative, ServiceError};
use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use crate::Dataset;

/// The data-centre tier of a service.
#[derive(Debug, Clone, PartialEq)]
pub struct DataCentreTier {
    /// Electricity per GB served (kWh/GB). Default: ADEME's model, 1.947 Wh/GB (Netflix ESG 2019
    /// and CarbonBrief, `streaming . data center . usage . électricité par Go`).
    pub kwh_per_gb: f64,
    /// Electricity per hour of use (kWh/h), for services whose servers work by the hour. Default 0.
    pub kwh_per_hour: f64,
    /// Embodied carbon per GB served (kgCO2e/GB). Default: ADEME's file-transfer allocation
    /// (`fichier . data center . construction` for 1 GB, 0.1245 g).
    pub embodied_kgco2e_per_gb: f64,
    /// Country of the data centre (default: the dataset's default zone).
    pub country: Option<String>,
}

impl Default for DataCentreTier {
    fn default() -> Self {
        DataCentreTier {
            kwh_per_gb: streaming_wh_per_gb() / 1000.0,
            kwh_per_hour: 0.0,
            embodied_kgco2e_per_gb: data_centre_construction(file_server_allocation_per_gb(), 0.0)
                / 1000.0,
            country: None,
        }
    }
}

/// Any service, by use count and duration.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreeTier {
    /// Free name of the service (`teleprocedure`, `intranet`...).
    pub service: String,
    /// Number of uses.
    pub uses: f64,
    /// Hours of terminal use per use.
    pub hours_per_use: f64,
    /// GB transferred per use.
    pub gb_per_use: f64,
    /// Dataset category of the terminal (`laptop`, "PC portable"...); `None`: no terminal tier.
    pub terminal: Option<String>,
    /// Country of the terminals' electricity (default: the dataset's default zone).
    pub terminal_country: Option<String>,
    /// Network of the dataset's network table (`fixed_fr`...); `None`: no network tier.
    pub network: Option<String>,
    /// The data-centre tier; `None`: no data-centre tier.
    pub data_centre: Option<DataCentreTier>,
    /// Reporting year, for the electricity vintage.
    pub year: i32,
    /// Drop the terminal shares (the fleet already counts the devices).
    pub exclude_terminals: bool,
}

impl Default for ThreeTier {
    fn default() -> Self {
        ThreeTier {
            service: "service".into(),
            uses: 1.0,
            hours_per_use: 0.0,
            gb_per_use: 0.0,
            terminal: None,
            terminal_country: None,
            network: Some("fixed_fr".into()),
            data_centre: Some(DataCentreTier::default()),
            year: crate::defaults::REPORTING_YEAR,
            exclude_terminals: false,
        }
    }
}

fn zone(ds: &Dataset, country: &Option<String>) -> Result<crate::dataset::ZoneRef, ServiceError> {
    match country {
        None => Ok(ds.default_zone()),
        Some(c) => ds.find_zone(c).ok_or_else(|| ServiceError::UnknownCountry {
            value: c.clone(),
            suggestion: ds.suggest_zone(c),
        }),
    }
}

/// Electricity `kwh` (a range) in a zone: one contribution per indicator the dataset carries.
fn push_electricity(
    f: &mut ServiceFootprint,
    ds: &Dataset,
    z: crate::dataset::ZoneRef,
    year: i32,
    tier: Tier,
    kwh: Range,
    what: &str,
) {
    let look = ds.electricity_for(z, year);
    for &ind in ds.indicators() {
        match look.and_then(|l| ds.electricity_factor(&l, ind)) {
            Some(r) => {
                let fac = ds.factor(r);
                f.push(
                    tier,
                    ind,
                    Phase::Use,
                    Range::new(
                        kwh.low * fac.value.low,
                        kwh.central * fac.value.central,
                        kwh.high * fac.value.high,
                    ),
                    format!(
                        "{what}: {} kWh x {} ({}: {})",
                        kwh.central, fac.id, fac.source_id, fac.source_row
                    ),
                );
            }
            None => f.missing.push(Missing {
                tier,
                indicator: ind,
                reason: format!(
                    "no {ind} electricity factor for zone {} in {}",
                    ds.zone(z).code,
                    ds.id()
                ),
            }),
        }
    }
}

/// Evaluates a service with the three-tier model.
pub fn evaluate(ds: &Dataset, s: &ThreeTier) -> Result<ServiceFootprint, ServiceError> {
    non_negative("uses", s.uses)?;
    non_negative("hours_per_use", s.hours_per_use)?;
    non_negative("gb_per_use", s.gb_per_use)?;
    let mut f = ServiceFootprint::new(
        &s.service,
        "three-tier (terminals, network, data centre)",
        Some(format!("{} {}", ds.id(), ds.version())),
    );
    f.uses = s.uses;
    let hours = s.uses * s.hours_per_use;
    let gb = s.uses * s.gb_per_use;
    if let Some(name) = &s.terminal {
        let cat_ref = ds
            .find_category(name)
            .ok_or_else(|| ServiceError::UnknownChoice {
                kind: "terminal",
                value: name.clone(),
                known: ds
                    .categories()
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                suggestion: ds.suggest_category(name),
            })?;
        let cat = ds.category(cat_ref).clone();
        // Hours of use over the whole life: low share with the long lifetime, high with the short.
        let life_hours = |years: f64| years * cat.days_per_year * cat.hours_per_day;
        let (lh_low, lh_c, lh_high) = (
            life_hours(cat.lifetime_years.high),
            life_hours(cat.lifetime_years.central),
            life_hours(cat.lifetime_years.low),
        );
        if lh_c <= 0.0 {
            return Err(ServiceError::InvalidNumber {
                field: "terminal",
                value: lh_c,
                expected: format!("a category with hours of use (`{}` has none)", cat.id),
            });
        }
        for &ind in ds.indicators() {
            for phase in Phase::EMBODIED {
                match ds.embodied_factor(cat_ref, phase, ind) {
                    Some(r) => {
                        let fac = ds.factor(r);
                        f.push(
                            Tier::Terminals,
                            ind,
                            phase,
                            Range::new(
                                fac.value.low * hours / lh_low,
                                fac.value.central * hours / lh_c,
                                fac.value.high * hours / lh_high,
                            ),
                            format!(
                                "terminal {}: {} x {hours} h / {lh_c} h of life ({}: {})",
                                cat.id, fac.id, fac.source_id, fac.source_row
                            ),
                        );
                    }
                    None if phase == Phase::Manufacturing => f.missing.push(Missing {
                        tier: Tier::Terminals,
                        indicator: ind,
                        reason: format!("no {ind} embodied factor for {} in {}", cat.id, ds.id()),
                    }),
                    None => {}
                }
            }
        }
        let kwh = cat.power_w.scale(hours / 1000.0);
        let z = zone(ds, &s.terminal_country)?;
        push_electricity(
            &mut f,
            ds,
            z,
            s.year,
            Tier::Terminals,
            kwh,
            &format!("terminal {} electricity", cat.id),
        );
    }
    if let Some(name) = &s.network {
        let net = find_network(ds, name)?;
        push_network(&mut f, ds, net, gb, "network");
    }
    if let Some(dc) = &s.data_centre {
        non_negative("data_centre.kwh_per_gb", dc.kwh_per_gb)?;
        non_negative("data_centre.kwh_per_hour", dc.kwh_per_hour)?;
        non_negative(
            "data_centre.embodied_kgco2e_per_gb",
            dc.embodied_kgco2e_per_gb,
        )?;
        let z = zone(ds, &dc.country)?;
        let kwh = gb * dc.kwh_per_gb + hours * dc.kwh_per_hour;
        push_electricity(
            &mut f,
            ds,
            z,
            s.year,
            Tier::DataCentre,
            Range::exact(kwh),
            "data-centre electricity",
        );
        f.push(
            Tier::DataCentre,
            Indicator::ClimateChange,
            Phase::Manufacturing,
            Range::exact(gb * dc.embodied_kgco2e_per_gb),
            format!(
                "data-centre equipment: {gb} GB x {} kgCO2e/GB (default: ADEME model, fichier . data center . construction)",
                dc.embodied_kgco2e_per_gb
            ),
        );
    }
    if s.exclude_terminals {
        f.drop_terminals();
    }
    Ok(f)
}
