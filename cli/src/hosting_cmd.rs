//! `empreinte server` and `empreinte cloud`: one server or cloud instance over a duration.
//! Thin: every figure comes from `empreinte::hosting`.

use crate::{load_dataset, Format};
use empreinte::hosting::{
    cloud_footprint, server_footprint, CaseType, CloudInstanceSpec, CpuConfig, DiskConfig,
    DiskKind, HostingError, HostingFootprint, HostingUsage, Load, Location, PsuConfig, RamConfig,
    ServerConfig, ServerSpec,
};
use empreinte::{Phase, Range};
use serde_json::Value;
use std::io::Write;
use uom::si::f64::{Power, Time};
use uom::si::power::watt;
use uom::si::time::hour;

#[derive(clap::Args, Debug)]
pub struct UsageArgs {
    /// Embedded dataset id or dataset folder (bottom-up servers and cloud need boavizta-2.5).
    #[arg(long, default_value = "ademe-negaoctet-2022")]
    dataset: String,
    /// Duration covered, in hours (default: one year, 8760 h).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "years")]
    hours: Option<f64>,
    /// Duration covered, in years of 8760 h.
    #[arg(long, allow_negative_numbers = true)]
    years: Option<f64>,
    /// CPU load in % (default: the archetype's, 50 % with range 0–100 %).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "load_profile")]
    load: Option<f64>,
    /// Load profile: `time%:load%` pairs, e.g. `50:0,25:60,25:100`.
    #[arg(long)]
    load_profile: Option<String>,
    /// Measured average power (W), instead of the power model.
    #[arg(long, allow_negative_numbers = true)]
    power_w: Option<f64>,
    /// Share of the time the server is on (0..1).
    #[arg(long, allow_negative_numbers = true)]
    use_time_ratio: Option<f64>,
    /// Lifetime in years (8760 h each).
    #[arg(long, allow_negative_numbers = true)]
    lifetime_years: Option<f64>,
    /// Power of the other components as a share of CPU + memory.
    #[arg(long, allow_negative_numbers = true)]
    other_ratio: Option<f64>,
    /// Electricity zone (FR, FRA, Allemagne...); default: the dataset's country.
    #[arg(long, conflicts_with = "no_location")]
    location: Option<String>,
    /// Location unknown: European average with the range of every zone (BoaviztAPI's default).
    #[arg(long)]
    no_location: bool,
    /// Reporting year (electricity vintage).
    #[arg(long, default_value_t = 2025)]
    year: i32,
    /// Where it runs: it_only, own_server_room, colocation, cloud_hyperscale.
    #[arg(long)]
    site: Option<String>,
    /// A known PUE (>= 1), instead of the site's.
    #[arg(long, allow_negative_numbers = true)]
    pue: Option<f64>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(clap::Args, Debug)]
pub struct ServerArgs {
    /// Server archetype of the dataset (default platform_compute_medium).
    #[arg(long)]
    archetype: Option<String>,
    /// Use the dataset's generic server category (ADEME's data-centre server) instead of the bottom-up model.
    #[arg(long)]
    generic: bool,
    #[arg(long, value_parser = ["rack", "blade", "tower"])]
    case: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    cpu_units: Option<f64>,
    /// CPU model name (e.g. "Xeon Gold 6134").
    #[arg(long)]
    cpu_name: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    cpu_cores: Option<f64>,
    #[arg(long, allow_negative_numbers = true)]
    cpu_threads: Option<f64>,
    #[arg(long, allow_negative_numbers = true)]
    cpu_die_mm2: Option<f64>,
    #[arg(long, allow_negative_numbers = true)]
    cpu_die_per_core_mm2: Option<f64>,
    #[arg(long, allow_negative_numbers = true)]
    cpu_tdp_w: Option<f64>,
    #[arg(long)]
    cpu_manufacturer: Option<String>,
    #[arg(long)]
    cpu_model_range: Option<String>,
    #[arg(long)]
    cpu_family: Option<String>,
    /// Memory bank `UNITSxGB` or `UNITSxGB@DENSITY` (GB/cm²); repeat for several banks.
    #[arg(long)]
    ram: Vec<String>,
    /// SSDs `UNITSxGB` or `UNITSxGB@DENSITY`; repeatable.
    #[arg(long)]
    ssd: Vec<String>,
    /// HDDs `UNITSxGB`; repeatable.
    #[arg(long)]
    hdd: Vec<String>,
    /// Power supplies `UNITSxKG`.
    #[arg(long)]
    psu: Option<String>,
    #[command(flatten)]
    usage: UsageArgs,
}

#[derive(clap::Args, Debug)]
pub struct CloudArgs {
    /// aws, azure, gcp, ovhcloud, scaleway.
    #[arg(long)]
    provider: String,
    /// Instance type (m6g.xlarge, b3-8, dev1-s...).
    #[arg(long)]
    instance: String,
    /// Provider region (eu-west-3, fr-par...): sets the electricity zone.
    #[arg(long)]
    region: Option<String>,
    #[command(flatten)]
    usage: UsageArgs,
}

fn err(e: HostingError) -> String {
    format!("{e} [{}]", e.code())
}

fn usage_of(a: &UsageArgs) -> Result<HostingUsage, String> {
    let mut u = HostingUsage::one_year(a.year);
    if let Some(h) = a.hours.or(a.years.map(|y| y * 8760.0)) {
        u.duration = Time::new::<hour>(h);
    }
    u.load = match (&a.load, &a.load_profile) {
        (Some(l), _) => Some(Load::Constant(Range::exact(*l))),
        (None, Some(p)) => Some(Load::Profile(
            p.split(',')
                .map(|pair| {
                    let (t, l) = pair
                        .split_once(':')
                        .ok_or_else(|| format!("--load-profile: `{pair}` is not time%:load%"))?;
                    let num = |s: &str| {
                        s.trim()
                            .parse::<f64>()
                            .map_err(|_| format!("--load-profile: `{s}` is not a number"))
                    };
                    Ok((num(t)?, num(l)?))
                })
                .collect::<Result<Vec<_>, String>>()?,
        )),
        _ => None,
    };
    u.avg_power = a.power_w.map(Power::new::<watt>);
    u.use_time_ratio = a.use_time_ratio;
    u.lifetime = a.lifetime_years.map(|y| Time::new::<hour>(y * 8760.0));
    u.other_consumption_ratio = a.other_ratio;
    u.location = match (&a.location, a.no_location) {
        (Some(z), _) => Location::Zone(z.clone()),
        (None, true) => Location::Unspecified,
        _ => Location::DatasetDefault,
    };
    u.site = a.site.clone();
    u.pue = a.pue;
    Ok(u)
}

/// `UNITSxAMOUNT[@DENSITY]`.
fn bank(flag: &str, text: &str) -> Result<(f64, f64, Option<f64>), String> {
    let bad =
        || format!("--{flag}: `{text}` is not UNITSxAMOUNT or UNITSxAMOUNT@DENSITY (e.g. 12x32)");
    let (main, density) = match text.split_once('@') {
        Some((m, d)) => (m, Some(d.trim().parse::<f64>().map_err(|_| bad())?)),
        None => (text, None),
    };
    let (u, c) = main.split_once(['x', 'X', '*']).ok_or_else(bad)?;
    Ok((
        u.trim().parse().map_err(|_| bad())?,
        c.trim().parse().map_err(|_| bad())?,
        density,
    ))
}

pub fn server(args: &ServerArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&args.usage.dataset)?;
    let usage = usage_of(&args.usage)?;
    let spec = if args.generic {
        ServerSpec::Generic
    } else if ds.hosting_tables().is_some_and(|h| !h.servers.is_empty()) || args.archetype.is_some()
    {
        let cpu = CpuConfig {
            units: args.cpu_units,
            name: args.cpu_name.clone(),
            core_units: args.cpu_cores,
            threads: args.cpu_threads,
            die_size_mm2: args.cpu_die_mm2,
            die_size_per_core_mm2: args.cpu_die_per_core_mm2,
            tdp_w: args.cpu_tdp_w,
            manufacturer: args.cpu_manufacturer.clone(),
            model_range: args.cpu_model_range.clone(),
            family: args.cpu_family.clone(),
        };
        let ram = args
            .ram
            .iter()
            .map(|t| {
                bank("ram", t).map(|(u, c, d)| RamConfig {
                    units: Some(u),
                    capacity_gb: Some(c),
                    density_gb_per_cm2: d,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut disks = Vec::new();
        for (kind, list, flag) in [
            (DiskKind::Ssd, &args.ssd, "ssd"),
            (DiskKind::Hdd, &args.hdd, "hdd"),
        ] {
            for t in list {
                let (u, c, d) = bank(flag, t)?;
                disks.push(DiskConfig {
                    kind,
                    units: Some(u),
                    capacity_gb: Some(c),
                    density_gb_per_cm2: d,
                });
            }
        }
        let psu = args
            .psu
            .as_deref()
            .map(|t| bank("psu", t))
            .transpose()?
            .map(|(u, w, _)| PsuConfig {
                units: Some(u),
                unit_weight_kg: Some(w),
            });
        ServerSpec::BottomUp(ServerConfig {
            archetype: args.archetype.clone(),
            case_type: args.case.as_deref().map(|c| match c {
                "blade" => CaseType::Blade,
                "tower" => CaseType::Tower,
                _ => CaseType::Rack,
            }),
            cpu: (cpu != CpuConfig::default()).then_some(cpu),
            ram: (!ram.is_empty()).then_some(ram),
            disks: (!disks.is_empty()).then_some(disks),
            power_supply: psu,
        })
    } else {
        ServerSpec::Generic
    };
    let f = server_footprint(&ds, &spec, &usage).map_err(err)?;
    print(&f, args.usage.format, out)
}

pub fn cloud(args: &CloudArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&args.usage.dataset)?;
    let usage = usage_of(&args.usage)?;
    let spec = CloudInstanceSpec {
        provider: args.provider.clone(),
        instance_type: args.instance.clone(),
        region: args.region.clone(),
    };
    let f = cloud_footprint(&ds, &spec, &usage).map_err(err)?;
    print(&f, args.usage.format, out)
}

/// JSON shape `empreinte.hosting/1` (defined in core).
pub fn to_json(f: &HostingFootprint) -> Value {
    empreinte::hosting::hosting_json(f)
}

fn print(f: &HostingFootprint, format: Format, out: &mut impl Write) -> Result<u8, String> {
    let w = |e: std::io::Error| format!("cannot write the output: {e}");
    if format == Format::Json || format == Format::Csv {
        writeln!(out, "{}", to_json(f)).map_err(w)?;
        return Ok(0);
    }
    let r = |x: Range| format!("{:.4} ({:.4} – {:.4})", x.central, x.low, x.high);
    writeln!(
        out,
        "dataset {} {} · model {} · zone {} · {} h",
        f.dataset, f.dataset_version, f.model, f.zone, f.duration_hours
    )
    .map_err(w)?;
    writeln!(out, "IT power (W): {}", r(f.it_power_w)).map_err(w)?;
    writeln!(
        out,
        "PUE: {}{}",
        r(f.pue),
        f.site
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default()
    )
    .map_err(w)?;
    writeln!(out, "electricity (kWh): {}", r(f.electricity_kwh)).map_err(w)?;
    for ind in f.indicators() {
        let m = f.impact(ind, Phase::Manufacturing).map_or("n/a".into(), r);
        let u = f.impact(ind, Phase::Use).map_or("n/a".into(), r);
        writeln!(
            out,
            "{:<32} manufacturing {m} · use {u} {}",
            ind.id(),
            ind.unit()
        )
        .map_err(w)?;
    }
    for warning in &f.warnings {
        writeln!(out, "note: {warning}").map_err(w)?;
    }
    Ok(0)
}
