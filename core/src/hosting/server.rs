//! Servers: the bottom-up component model (BoaviztAPI 2.5.0, UBA Texte 94/2021 factors) and the
//! dataset's generic server category.
//!
//! Ranges follow BoaviztAPI's interval rules: every attribute is (low, central, high), taken from
//! the archetype (`default;min;max`) unless given; a given value has no spread. Embodied impacts of
//! each component are `factor × quantity`, low bounds with low quantities (and high densities),
//! allocated over the duration with the server's lifetime.

use super::components::{
    components, cpu_power, die_from_cores, drive_power, lookup_profile, ram_power,
};
use super::power::{fit_to_tdp, CpuCurve};
use super::spec::{Bank, Drive, Resolved, DEFAULT_ARCHETYPE};
use super::*;
use crate::dataset::{CpuSpec, ServerArchetype};
use uom::si::time::hour;

fn given(field: &str, v: Option<f64>, max: f64) -> Result<Option<Range>, HostingError> {
    v.map(|x| check(field, x, 0.0, max).map(Range::exact))
        .transpose()
}

fn or_zero(r: Option<Range>) -> Range {
    r.unwrap_or(Range::ZERO)
}

pub(crate) fn resolve(
    ds: &Dataset,
    config: &ServerConfig,
    usage: &HostingUsage,
    used: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Resolved, HostingError> {
    let h = tables(ds, "the bottom-up server model")?;
    if !h.present[3] || !h.present[1] {
        return Err(HostingError::MissingTable {
            dataset: ds.id().into(),
            table: "hosting_servers.csv and hosting_parameters.csv".into(),
            needed_for: "the bottom-up server model (use ServerSpec::Generic for the dataset's server category)".into(),
        });
    }
    let id = config.archetype.as_deref().unwrap_or(DEFAULT_ARCHETYPE);
    let arch = h
        .find_server(id)
        .ok_or_else(|| HostingError::UnknownServer {
            value: id.into(),
            suggestion: super::error::closest(id, h.servers.iter().map(|s| s.id.as_str())),
        })?;
    used.push(format!("hosting_servers.csv:{}", arch.id));
    resolve_archetype(h, arch, config, usage, used, warnings)
}

pub(crate) fn resolve_archetype(
    h: &HostingTables,
    arch: &ServerArchetype,
    config: &ServerConfig,
    usage: &HostingUsage,
    used: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Resolved, HostingError> {
    // Enclosure.
    let (case, case_from_archetype) = match config.case_type {
        Some(c) => (c, false),
        None => (
            if arch.case_type == "blade" {
                CaseType::Blade
            } else {
                CaseType::Rack
            },
            true,
        ),
    };
    if case == CaseType::Tower {
        warnings.push(
            "no tower enclosure factor in the sources: the rack enclosure factor is used".into(),
        );
    }

    // CPU.
    let cpu = config.cpu.clone().unwrap_or_default();
    let cpu_units = given("cpu.units", cpu.units, 1024.0)?.unwrap_or(arch.cpu_units);
    let spec: Option<&CpuSpec> = match &cpu.name {
        Some(n) => Some(h.find_cpu(n).ok_or_else(|| HostingError::UnknownCpu {
            value: n.clone(),
            suggestion: super::error::closest(n, h.cpus.iter().map(|c| c.name.as_str())),
        })?),
        None => None,
    };
    if let Some(s) = spec {
        used.push(format!("hosting_cpus.csv:{}", s.name));
    }
    let from_spec = |f: fn(&CpuSpec) -> Option<f64>| spec.and_then(f).map(Range::exact);
    let cores_given = given("cpu.core_units", cpu.core_units, 1.0e4)?;
    let cores = cores_given.or(from_spec(|s| s.cores));
    let die = if let Some(d) = given("cpu.die_size_mm2", cpu.die_size_mm2, 1.0e5)? {
        d
    } else if let Some(d) = from_spec(|s| s.die_size_mm2) {
        d
    } else if let (Some(per_core), Some(c)) = (
        given(
            "cpu.die_size_per_core_mm2",
            cpu.die_size_per_core_mm2,
            1.0e4,
        )?,
        cores,
    ) {
        Range::exact(per_core.central * c.central)
    } else if let Some(c) = cores {
        die_from_cores(h, c, used)?
    } else if let Some(d) = arch.cpu_die_size_mm2 {
        d
    } else {
        die_from_cores(h, param(h, "cpu_core_units", used)?, used)?
    };
    let threads = cpu
        .threads
        .map(|t| check("cpu.threads", t, 1.0, 1.0e5))
        .transpose()?
        .or(spec.and_then(|s| s.threads))
        .or(arch.cpu_threads.map(|t| t.central));
    let tdp = given("cpu.tdp_w", cpu.tdp_w, 1.0e4)?
        .map(|t| t.central)
        .or(spec.and_then(|s| s.tdp_w))
        .or(if cpu.name.is_none() {
            arch.cpu_tdp_w.map(|t| t.central)
        } else {
            None
        });
    let text = |given: &Option<String>, spec_v: Option<&str>, arch_v: &str| -> String {
        given
            .clone()
            .or(spec_v.map(str::to_string))
            .unwrap_or_else(|| arch_v.to_string())
    };
    let manufacturer = text(
        &cpu.manufacturer,
        spec.map(|s| s.manufacturer.as_str()),
        &arch.cpu_manufacturer,
    );
    let model_range = text(
        &cpu.model_range,
        spec.map(|s| s.model_range.as_str()),
        &arch.cpu_model_range,
    );
    let family = text(
        &cpu.family,
        spec.map(|s| s.family.as_str()),
        &arch.cpu_family,
    );
    let profile = lookup_profile(h, &manufacturer, &model_range);
    let base = match &profile {
        Some((a, b, c, d, mr)) => {
            used.push(format!("hosting_cpu_profiles.csv:{mr}"));
            (*a, *b, *c, *d)
        }
        None => (
            param(h, "cpu_default_profile_a", used)?.central,
            param(h, "cpu_default_profile_b", used)?.central,
            param(h, "cpu_default_profile_c", used)?.central,
            param(h, "cpu_default_profile_d", used)?.central,
        ),
    };
    let curve = match tdp {
        Some(t) => {
            let mut pts = [(0.0, 0.0); 4];
            for (i, (load, id)) in [(0.0, "0"), (10.0, "10"), (50.0, "50"), (100.0, "100")]
                .iter()
                .enumerate()
            {
                pts[i] = (
                    *load,
                    param(h, &format!("cpu_tdp_ratio_load_{id}"), used)?.central,
                );
            }
            fit_to_tdp(base, t, &pts)
        }
        None => CpuCurve {
            a: base.0,
            b: base.1,
            c: base.2,
            d: base.3,
            fitted_to_tdp: false,
        },
    };

    // Memory.
    let ram_density = param(h, "ram_density", used)?;
    let rams = match &config.ram {
        Some(list) => list
            .iter()
            .map(|r| {
                Ok(Bank {
                    units: given("ram.units", r.units, 1.0e4)?
                        .or(arch.ram_units)
                        .unwrap_or(Range::exact(1.0)),
                    capacity: given("ram.capacity_gb", r.capacity_gb, 1.0e5)?
                        .or(arch.ram_capacity_gb)
                        .unwrap_or(Range::exact(32.0)),
                    density: given("ram.density_gb_per_cm2", r.density_gb_per_cm2, 1.0e3)?
                        .unwrap_or(ram_density),
                })
            })
            .collect::<Result<Vec<_>, HostingError>>()?,
        None => match (arch.ram_units, arch.ram_capacity_gb) {
            (Some(u), Some(c)) if u.central > 0.0 => vec![Bank {
                units: u,
                capacity: c,
                density: ram_density,
            }],
            _ => vec![],
        },
    };

    // Drives.
    let ssd_density = param(h, "ssd_density", used)?;
    let drives = match &config.disks {
        Some(list) => list
            .iter()
            .map(|d| {
                let (arch_units, arch_cap) = match d.kind {
                    DiskKind::Ssd => (arch.ssd_units, arch.ssd_capacity_gb),
                    DiskKind::Hdd => (arch.hdd_units, arch.hdd_capacity_gb),
                };
                let default_cap = match d.kind {
                    DiskKind::Ssd => "ssd_capacity",
                    DiskKind::Hdd => "hdd_capacity",
                };
                Ok(Drive {
                    kind: d.kind,
                    units: given("disk.units", d.units, 1.0e4)?
                        .or(arch_units)
                        .unwrap_or(Range::exact(1.0)),
                    capacity: match given("disk.capacity_gb", d.capacity_gb, 1.0e7)?.or(arch_cap) {
                        Some(c) => c,
                        None => param(h, default_cap, used)?,
                    },
                    density: given("disk.density_gb_per_cm2", d.density_gb_per_cm2, 1.0e4)?
                        .unwrap_or(ssd_density),
                })
            })
            .collect::<Result<Vec<_>, HostingError>>()?,
        None => {
            let mut v = Vec::new();
            for (kind, u, c) in [
                (DiskKind::Ssd, arch.ssd_units, arch.ssd_capacity_gb),
                (DiskKind::Hdd, arch.hdd_units, arch.hdd_capacity_gb),
            ] {
                if let Some(u) = u.filter(|u| *u != Range::ZERO) {
                    v.push(Drive {
                        kind,
                        units: u,
                        capacity: or_zero(c),
                        density: ssd_density,
                    });
                }
            }
            v
        }
    };

    // Power supplies.
    let psu = config.power_supply.clone().unwrap_or_default();
    let psu_units = given("power_supply.units", psu.units, 64.0)?
        .or(arch.psu_units)
        .unwrap_or(Range::exact(1.0));
    let psu_weight = match given("power_supply.unit_weight_kg", psu.unit_weight_kg, 100.0)?
        .or(arch.psu_unit_weight_kg)
    {
        Some(w) => w,
        None => param(h, "psu_unit_weight", used)?,
    };

    // Usage.
    let load = match &usage.load {
        Some(Load::Constant(r)) => {
            for v in [r.low, r.central, r.high] {
                check("load_percent", v, 0.0, 100.0)?;
            }
            Load::Constant(*r)
        }
        Some(Load::Profile(p)) => {
            for &(t, l) in p {
                check("load_profile.time_percent", t, 0.0, 100.0)?;
                check("load_profile.load_percent", l, 0.0, 100.0)?;
            }
            Load::Profile(p.clone())
        }
        None => Load::Constant(arch.load_percent),
    };
    let use_time_ratio =
        given("use_time_ratio", usage.use_time_ratio, 1.0)?.unwrap_or(arch.use_time_ratio);
    let lifetime = match usage.lifetime {
        Some(t) => Range::exact(check(
            "lifetime_hours",
            t.get::<hour>(),
            f64::MIN_POSITIVE,
            1.0e6,
        )?),
        None => arch.lifetime_hours,
    };
    let ocr = given(
        "other_consumption_ratio",
        usage.other_consumption_ratio,
        10.0,
    )?
    .unwrap_or(arch.other_consumption_ratio);
    Ok(Resolved {
        case,
        case_from_archetype,
        cpu_units,
        die,
        threads,
        family,
        curve,
        rams,
        drives,
        psu_units,
        psu_weight,
        load,
        use_time_ratio,
        lifetime,
        ocr,
        gpu_units: arch.gpu_units.map_or(0.0, |g| g.central),
    })
}

/// Fills impacts from embodied components or the generic fallback, and the use phase.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble(
    ds: &Dataset,
    embodied: impl Fn(Indicator, &mut Vec<String>) -> Option<Range>,
    fallback_share: Range,
    kwh: Range,
    elec: &[Option<Range>; N_IND],
    used: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> ([[Option<Range>; 4]; N_IND], [u8; N_IND]) {
    let mut impacts = [[None; 4]; N_IND];
    let mut included = [0u8; N_IND];
    let server_cat = ds.find_category("server");
    let mut generic = false;
    for &ind in Indicator::ALL.iter() {
        let row = &mut impacts[ind as usize];
        row[Phase::Manufacturing.index()] = match embodied(ind, used) {
            Some(r) => Some(r),
            None => server_cat
                .and_then(|c| ds.embodied_factor(c, Phase::Manufacturing, ind))
                .map(|f| {
                    used.push(ds.factor(f).id.clone());
                    generic = true;
                    // The generic server's figure may be one lump (phases included in it).
                    included[ind as usize] |= ds.factor(f).includes;
                    mul(ds.factor(f).value, fallback_share)
                }),
        };
        row[Phase::Use.index()] = elec[ind as usize].map(|f| use_impact(f, kwh));
    }
    if generic {
        warnings.push("indicators without component factors use the generic server's embodied impacts (BoaviztAPI's fallback)".into());
    }
    warnings.push(
        "end of life and distribution of server components are not in the sources: not available"
            .into(),
    );
    (impacts, included)
}

/// The footprint of a server over a duration.
///
/// ```
/// use empreinte::hosting::{server_footprint, HostingUsage, ServerConfig, ServerSpec};
/// use empreinte::{Dataset, Indicator, Phase};
///
/// let usage = HostingUsage::one_year(2025);
/// // Bottom-up, from the default archetype, with the Boavizta dataset's hosting tables.
/// let ds = Dataset::embedded("boavizta-2.5")?;
/// let f = server_footprint(ds, &ServerSpec::BottomUp(ServerConfig::default()), &usage)?;
/// assert_eq!((f.model, f.site.as_deref()), ("bottom_up", Some("own_server_room")));
/// let climate = f.total(Indicator::ClimateChange).unwrap();
/// assert!(0.0 < climate.low && climate.low <= climate.central && climate.central <= climate.high);
/// assert!(f.electricity_kwh.central > 0.0);
/// // The sources give no end of life for server components: not available, never zero.
/// assert_eq!(f.impact(Indicator::ClimateChange, Phase::EndOfLife), None);
/// assert!(!f.factors_used.is_empty());
///
/// // The default dataset's generic server category.
/// let generic = server_footprint(Dataset::embedded_default(), &ServerSpec::Generic, &usage)?;
/// assert_eq!(generic.model, "generic");
/// assert!(generic.total(Indicator::ClimateChange).unwrap().central > 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn server_footprint(
    ds: &Dataset,
    spec: &ServerSpec,
    usage: &HostingUsage,
) -> Result<HostingFootprint, HostingError> {
    let mut used = Vec::new();
    let mut warnings = Vec::new();
    let d = duration_hours(usage)?;
    let (pue, site) = resolve_pue(ds, usage, "own_server_room", &mut used)?;
    let (zone, elec) = electricity(ds, usage, None, &mut used, &mut warnings)?;
    let config = match spec {
        ServerSpec::Generic => return generic(ds, usage, d, pue, site, zone, elec, used, warnings),
        ServerSpec::BottomUp(c) => c,
    };
    let s = resolve(ds, config, usage, &mut used, &mut warnings)?;
    if s.gpu_units > 0.0 {
        return Err(HostingError::Unsupported {
            what: "a server with GPUs".into(),
            reason: "GPU embodied impacts are not modelled yet".into(),
        });
    }
    let h = tables(ds, "the bottom-up server model")?;
    let share = allocation(d, s.lifetime);
    let power = match measured_power(usage)? {
        Some(p) => Range::exact(p),
        None => {
            let cpu = cpu_power(h, &s, &mut used)?;
            let mut ram = Range::ZERO;
            for b in &s.rams {
                ram = ram + ram_power(h, b, &s.load, None, &mut used)?;
            }
            let mut disks = Range::ZERO;
            for dr in &s.drives {
                disks = disks + drive_power(h, dr, &mut used)?;
            }
            let cr = cpu + ram;
            Range::new(
                cr.low * (1.0 + s.ocr.low) + disks.low,
                cr.central * (1.0 + s.ocr.central) + disks.central,
                cr.high * (1.0 + s.ocr.high) + disks.high,
            )
        }
    };
    let it_kwh = Range::new(
        power.low / 1000.0 * s.use_time_ratio.low * d,
        power.central / 1000.0 * s.use_time_ratio.central * d,
        power.high / 1000.0 * s.use_time_ratio.high * d,
    );
    let kwh = mul(it_kwh, pue);
    let (impacts, included) = assemble(
        ds,
        |ind, used| {
            let c = components(h, &s, ind, used)?;
            let mut total = c.assembly + c.cpu + c.psu + c.case + c.motherboard;
            for r in c.rams.iter().chain(c.drives.iter().map(|(_, r)| r)) {
                total = total + *r;
            }
            Some(mul(total, share))
        },
        share,
        kwh,
        &elec,
        &mut used,
        &mut warnings,
    );
    Ok(HostingFootprint {
        dataset: ds.id().into(),
        dataset_version: ds.version().into(),
        model: "bottom_up",
        duration_hours: d,
        embodied_share: share,
        it_power_w: power,
        pue,
        site,
        electricity_kwh: kwh,
        zone,
        impacts,
        included,
        factors_used: used,
        warnings,
    })
}

/// The dataset's generic server category: embodied per phase × duration / lifetime, use from its power.
#[allow(clippy::too_many_arguments)]
fn generic(
    ds: &Dataset,
    usage: &HostingUsage,
    d: f64,
    pue: Range,
    site: Option<String>,
    zone: String,
    elec: [Option<Range>; N_IND],
    mut used: Vec<String>,
    warnings: Vec<String>,
) -> Result<HostingFootprint, HostingError> {
    let cat_ref = ds
        .find_category("server")
        .ok_or_else(|| HostingError::MissingTable {
            dataset: ds.id().into(),
            table: "`server` category".into(),
            needed_for: "the generic server model".into(),
        })?;
    let cat = ds.category(cat_ref);
    used.push(format!("categories.csv:{}", cat.id));
    let lifetime = match usage.lifetime {
        Some(t) => Range::exact(check(
            "lifetime_hours",
            t.get::<hour>(),
            f64::MIN_POSITIVE,
            1.0e6,
        )?),
        None => cat.lifetime_years.scale(HOURS_PER_YEAR),
    };
    let share = allocation(d, lifetime);
    let power = match measured_power(usage)? {
        Some(p) => Range::exact(p),
        None => cat.power_w,
    };
    let ratio = given("use_time_ratio", usage.use_time_ratio, 1.0)?
        .map_or(cat.hours_per_day / 24.0, |r| r.central);
    let kwh = mul(power.scale(ratio * d / 1000.0), pue);
    let mut impacts = [[None; 4]; N_IND];
    let mut included = [0u8; N_IND];
    for &ind in Indicator::ALL.iter() {
        let lump = ds.embodied_factor(cat_ref, Phase::Manufacturing, ind);
        for phase in Phase::EMBODIED {
            if lump.is_some_and(|f| ds.factor(f).includes(phase)) {
                // In the manufacturing figure: counted there, not available separately.
                included[ind as usize] |= 1 << phase.index();
                continue;
            }
            impacts[ind as usize][phase.index()] =
                ds.embodied_factor(cat_ref, phase, ind).map(|f| {
                    used.push(ds.factor(f).id.clone());
                    mul(ds.factor(f).value, share)
                });
        }
        impacts[ind as usize][Phase::Use.index()] = elec[ind as usize].map(|f| use_impact(f, kwh));
    }
    Ok(HostingFootprint {
        dataset: ds.id().into(),
        dataset_version: ds.version().into(),
        model: "generic",
        duration_hours: d,
        embodied_share: share,
        it_power_w: power,
        pue,
        site,
        electricity_kwh: kwh,
        zone,
        impacts,
        included,
        factors_used: used,
        warnings,
    })
}
