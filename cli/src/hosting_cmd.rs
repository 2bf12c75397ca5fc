//! `empreinte server` and `empreinte cloud`: one server or cloud instance over a duration.
//! Thin: every figure comes from `empreinte::hosting`.

use crate::{load_dataset, Format};
use empreinte::defaults;
use empreinte::hosting::{
    CaseRequest, CloudRequest, CpuRequest, DiskKindRequest, DiskRequest, HostingError,
    HostingFootprint, LoadRequest, PsuRequest, RamRequest, ServerRequest, UsageRequest,
};
use empreinte::{Phase, Range};
use serde_json::Value;
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct UsageArgs {
    /// Embedded dataset id or dataset folder (bottom-up servers and cloud need boavizta-2.5).
    #[arg(long, default_value = defaults::DATASET)]
    dataset: String,
    /// Duration covered, in hours (default: one year).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "years")]
    hours: Option<f64>,
    /// Duration covered, in years (of 365 days).
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
    /// Lifetime in years.
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
    /// Reporting year (electricity vintage; default: the core's reporting year).
    #[arg(long)]
    year: Option<i32>,
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
    #[arg(long, value_parser = CaseRequest::IDS)]
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

/// The core's usage request: an option left unset takes the model's default.
fn usage_of(a: &UsageArgs) -> Result<UsageRequest, String> {
    let load_profile = a
        .load_profile
        .as_deref()
        .map(|p| {
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
                .collect::<Result<Vec<_>, String>>()
        })
        .transpose()?;
    Ok(UsageRequest {
        duration_hours: a.hours,
        duration_years: a.years,
        load_percent: a.load.map(LoadRequest::Constant),
        load_profile,
        avg_power_w: a.power_w,
        use_time_ratio: a.use_time_ratio,
        lifetime_years: a.lifetime_years,
        other_consumption_ratio: a.other_ratio,
        location: a.location.clone().map(Some),
        no_location: a.no_location,
        year: a.year,
        site: a.site.clone(),
        pue: a.pue,
    })
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

/// The core's server request; which model applies (bottom-up or generic) is the core's choice.
fn server_request(args: &ServerArgs) -> Result<ServerRequest, String> {
    let banks = |flag: &str, list: &[String]| {
        list.iter()
            .map(|t| bank(flag, t))
            .collect::<Result<Vec<_>, String>>()
    };
    let ram: Vec<RamRequest> = banks("ram", &args.ram)?
        .into_iter()
        .map(|(u, c, d)| RamRequest {
            units: Some(u),
            capacity_gb: Some(c),
            density_gb_per_cm2: d,
        })
        .collect();
    let mut disks = Vec::new();
    for (kind, list, flag) in [
        (DiskKindRequest::Ssd, &args.ssd, "ssd"),
        (DiskKindRequest::Hdd, &args.hdd, "hdd"),
    ] {
        disks.extend(banks(flag, list)?.into_iter().map(|(u, c, d)| DiskRequest {
            kind,
            units: Some(u),
            capacity_gb: Some(c),
            density_gb_per_cm2: d,
        }));
    }
    let power_supply = args
        .psu
        .as_deref()
        .map(|t| bank("psu", t))
        .transpose()?
        .map(|(u, w, _)| PsuRequest {
            units: Some(u),
            unit_weight_kg: Some(w),
        });
    Ok(ServerRequest {
        generic: args.generic,
        archetype: args.archetype.clone(),
        case_type: args.case.as_deref().and_then(CaseRequest::from_id),
        cpu: Some(CpuRequest {
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
        }),
        ram: Some(ram),
        disks: Some(disks),
        power_supply,
    })
}

pub fn server(args: &ServerArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&args.usage.dataset)?;
    let request = server_request(args)?;
    let f = request.evaluate(&ds, usage_of(&args.usage)?).map_err(err)?;
    print(&f, args.usage.format, out)
}

pub fn cloud(args: &CloudArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&args.usage.dataset)?;
    let request = CloudRequest {
        provider: args.provider.clone(),
        instance_type: args.instance.clone(),
        region: args.region.clone(),
    };
    let f = request.evaluate(&ds, usage_of(&args.usage)?).map_err(err)?;
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
