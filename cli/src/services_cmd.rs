//! `empreinte page` and `empreinte service`: digital services, one page or one use at a time.
//! Thin: every figure comes from `empreinte::services`.

use crate::{load_dataset, Format};
use empreinte::services::{
    ademe, network, page_json, three_tier, AdemeOptions, DataCentreTier, GridRequest, PageEstimate,
    PageRequest, Region, ServiceError, ServiceFootprint, Terminal, ThreeTier, VideoQuality,
    WebModel,
};
use empreinte::{Indicator, Phase};
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct PageArgs {
    /// DOM elements (EcoIndex).
    #[arg(long, allow_negative_numbers = true)]
    dom: Option<f64>,
    /// HTTP requests (EcoIndex).
    #[arg(long, allow_negative_numbers = true)]
    requests: Option<f64>,
    /// Page weight transferred, kB (1 kB = 1000 bytes).
    #[arg(long, allow_negative_numbers = true)]
    size_kb: Option<f64>,
    /// Bytes transferred (SWD, OneByte), instead of --size-kb.
    #[arg(long, allow_negative_numbers = true)]
    bytes: Option<f64>,
    /// ecoindex, swd4, swd3 or onebyte.
    #[arg(long, default_value = "ecoindex")]
    model: String,
    /// The site is hosted green.
    #[arg(long)]
    green_hosting: bool,
    /// SWD v4: share (0..1) of data-centre operational emissions avoided.
    #[arg(long, allow_negative_numbers = true)]
    green_hosting_factor: Option<f64>,
    /// Share (0..1) of returning visitors; first visits are the rest.
    #[arg(long, allow_negative_numbers = true)]
    returning_visitors: Option<f64>,
    /// Share (0..1) of first visits (overrides the one implied by --returning-visitors).
    #[arg(long, allow_negative_numbers = true)]
    first_visits: Option<f64>,
    /// Share (0..1) of the bytes a returning visitor downloads again.
    #[arg(long, allow_negative_numbers = true)]
    data_reload_ratio: Option<f64>,
    /// Per byte transferred rather than per page view (CO2.js perByte).
    #[arg(long)]
    per_byte: bool,
    /// Grid of every segment: a country (FR, FRA, France), an Ember region (WORLD, EU) or gCO2e/kWh.
    #[arg(long)]
    country: Option<String>,
    /// Grid of the user's device only (country or gCO2e/kWh).
    #[arg(long)]
    device_country: Option<String>,
    /// Grid of the network only.
    #[arg(long)]
    network_country: Option<String>,
    /// Grid of the data centre only.
    #[arg(long)]
    dc_country: Option<String>,
    /// Leave the user's device out (the fleet already counts it).
    #[arg(long)]
    exclude_terminals: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn fail(e: ServiceError) -> String {
    format!("{e} [{}]", e.code())
}

fn to_json(v: &serde_json::Value) -> Result<String, String> {
    serde_json::to_string_pretty(v).map_err(|e| e.to_string())
}

pub fn page(a: &PageArgs, out: &mut impl Write) -> Result<u8, String> {
    let w = |r: std::io::Result<()>| r.map_err(|e| format!("cannot write the output: {e}"));
    let ecoindex = a.model.trim().eq_ignore_ascii_case("ecoindex");
    if ecoindex && (a.dom.is_none() || a.requests.is_none() || a.size_kb.is_none()) {
        return Err("EcoIndex needs --dom, --requests and --size-kb [missing_argument]".into());
    }
    if !ecoindex && a.bytes.is_none() && a.size_kb.is_none() {
        // Checked after the model, so that an unknown model is reported first.
        WebModel::from_id(&a.model).map_err(fail)?;
        return Err("give --bytes or --size-kb [missing_argument]".into());
    }
    let grid = |c: &Option<String>| c.as_deref().map(GridRequest::from_text);
    let request = PageRequest {
        model: Some(a.model.clone()),
        dom_elements: a.dom,
        requests: a.requests,
        size_kb: a.size_kb,
        bytes: a.bytes,
        green_hosting: a.green_hosting,
        green_hosting_factor: a.green_hosting_factor,
        per_visit: a.per_byte.then_some(false),
        returning_visitors: a.returning_visitors,
        first_visit_share: a.first_visits,
        return_visit_share: None,
        data_reload_ratio: a.data_reload_ratio,
        grid: grid(&a.country),
        device_grid: grid(&a.device_country),
        network_grid: grid(&a.network_country),
        data_centre_grid: grid(&a.dc_country),
        exclude_terminals: a.exclude_terminals,
    };
    let (estimate, fp) = request.evaluate().map_err(fail)?;
    if let Format::Json = a.format {
        let json = to_json(&page_json(&estimate, &fp))?;
        return w(writeln!(out, "{json}")).map(|_| 0);
    }
    match estimate {
        PageEstimate::EcoIndex(r) => w(writeln!(
            out,
            "EcoIndex {} ({}) — {} gCO2e, {} cl d'eau par page vue",
            r.score, r.grade, r.ghg_gco2e, r.water_cl
        )),
        PageEstimate::Web(r) => {
            let shown = fp
                .total(Indicator::ClimateChange)
                .central()
                .map_or("n.d.".to_string(), |kg| (kg * 1000.0).to_string());
            w(writeln!(
                out,
                "{} — {} gCO2e {}{}{}",
                r.model.id(),
                r.total_gco2e,
                if r.per_visit {
                    "par page vue"
                } else {
                    "pour ces octets"
                },
                r.rating.map(|g| format!(", note {g}")).unwrap_or_default(),
                if fp.terminals_excluded {
                    format!(" ({shown} gCO2e sans les terminaux, déjà comptés dans le parc)")
                } else {
                    String::new()
                }
            ))
        }
    }
    .map(|_| 0)
}

#[derive(clap::Args, Debug)]
pub struct ServiceArgs {
    #[command(subcommand)]
    kind: ServiceKind,
    /// Reporting year (vintage of the French electricity factor: 2024 = ADEME npm 2.1.0, 2025 = v2.2.0).
    #[arg(long, global = true, default_value_t = 2025)]
    year: i32,
    /// Embedded dataset id, or a folder holding a dataset.
    #[arg(long, global = true, default_value = "ademe-negaoctet-2022")]
    dataset: String,
    /// Where the terminals' electricity is consumed: france, europe, china, usa.
    #[arg(long, global = true, default_value = "france")]
    terminal_region: String,
    /// Where the data centre's electricity is consumed.
    #[arg(long, global = true, default_value = "france")]
    dc_region: String,
    /// Leave the terminal shares out (the fleet already counts the devices).
    #[arg(long, global = true)]
    exclude_terminals: bool,
    /// Number of uses the figures are multiplied by.
    #[arg(
        long,
        global = true,
        default_value_t = 1.0,
        allow_negative_numbers = true
    )]
    uses: f64,
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(clap::Subcommand, Debug)]
enum ServiceKind {
    /// One e-mail (ADEME model).
    Email {
        #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
        size_mb: f64,
        #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
        recipients: f64,
        #[arg(long, default_value = "average")]
        terminal: String,
        #[arg(long, default_value = "fixed_fr")]
        network: String,
        /// Network of the recipients (default: --network).
        #[arg(long)]
        receiver_network: Option<String>,
        #[arg(long, default_value = "fixed_fr_excl_box")]
        backup_network: String,
        #[arg(long, default_value_t = 10.0, allow_negative_numbers = true)]
        storage_years: f64,
        #[arg(long, default_value_t = 3.0, allow_negative_numbers = true)]
        writing_minutes: f64,
    },
    /// One video meeting (ADEME model).
    Visio {
        #[arg(long, default_value_t = 60.0, allow_negative_numbers = true)]
        minutes: f64,
        #[arg(long, default_value_t = 2.0, allow_negative_numbers = true)]
        devices: f64,
        #[arg(long, default_value = "sd")]
        quality: String,
        #[arg(long, default_value = "average")]
        terminal: String,
        #[arg(long, default_value = "fixed_fr")]
        network: String,
    },
    /// Video streaming (ADEME model).
    Streaming {
        #[arg(long, default_value_t = 60.0, allow_negative_numbers = true)]
        minutes: f64,
        #[arg(long, default_value = "hd")]
        quality: String,
        #[arg(long, default_value = "average")]
        terminal: String,
        #[arg(long, default_value = "fixed_fr")]
        network: String,
    },
    /// One web search (ADEME model).
    Search {
        #[arg(long, default_value = "average")]
        terminal: String,
        #[arg(long, default_value = "fixed_fr")]
        network: String,
        #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
        pages: f64,
    },
    /// A file sent or downloaded: network and data centre (ADEME model).
    File {
        #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
        gb: f64,
        #[arg(long, default_value = "fixed_fr")]
        network: String,
    },
    /// Data transferred over a network only (the dataset's per-GB factor).
    Transfer {
        #[arg(long, allow_negative_numbers = true)]
        gb: f64,
        #[arg(long, default_value = "fixed_fr")]
        network: String,
    },
    /// Any service: terminals (a dataset category), network and data centre.
    Generic {
        #[arg(long, default_value = "service")]
        name: String,
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        minutes_per_use: f64,
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        gb_per_use: f64,
        /// Dataset category of the terminal (laptop, "PC portable"...).
        #[arg(long)]
        terminal: Option<String>,
        #[arg(long, default_value = "fixed_fr")]
        network: String,
        /// Data-centre country (default: the dataset's).
        #[arg(long)]
        dc_country: Option<String>,
    },
}

fn print_footprint(fp: &ServiceFootprint, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{} — {} ({} use(s))", fp.service, fp.method, fp.uses)?;
    for ind in fp.indicators() {
        let e = fp.total(ind);
        match e.value() {
            Some(r) => writeln!(
                out,
                "  {}: {} {} [{} – {}]{}",
                ind.label_fr(),
                r.central,
                ind.unit(),
                r.low,
                r.high,
                if e.n_missing > 0 { " (partiel)" } else { "" }
            )?,
            None => writeln!(out, "  {}: n.d.", ind.label_fr())?,
        }
    }
    for phase in Phase::ALL {
        if let Some(r) = fp.get(Indicator::ClimateChange, phase) {
            writeln!(
                out,
                "    {}: {} kgCO2e",
                phase.label(empreinte::Lang::Fr),
                r.central
            )?;
        }
    }
    if fp.terminals_excluded {
        writeln!(out, "  terminaux exclus : déjà comptés dans le parc")?;
    }
    Ok(())
}

pub fn service(a: &ServiceArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&a.dataset)?;
    if !(a.uses.is_finite() && a.uses >= 0.0) {
        return Err(fail(ServiceError::InvalidNumber {
            field: "uses",
            value: a.uses,
            expected: "a finite number >= 0".into(),
        }));
    }
    let o = AdemeOptions {
        year: a.year,
        terminal_region: Region::from_id(&a.terminal_region).map_err(fail)?,
        data_centre_region: Region::from_id(&a.dc_region).map_err(fail)?,
        exclude_terminals: a.exclude_terminals,
    };
    let term = |t: &str| Terminal::from_id(t).map_err(fail);
    let quality = |q: &str| VideoQuality::from_id(q).map_err(fail);
    let result = match &a.kind {
        ServiceKind::Email {
            size_mb,
            recipients,
            terminal,
            network,
            receiver_network,
            backup_network,
            storage_years,
            writing_minutes,
        } => {
            let e = empreinte::services::Email {
                size_mb: *size_mb,
                recipients: *recipients,
                terminal: term(terminal)?,
                sender_network: network.clone(),
                receiver_network: receiver_network.clone().unwrap_or_else(|| network.clone()),
                backup_network: backup_network.clone(),
                storage_years: *storage_years,
                writing_minutes: *writing_minutes,
                ..Default::default()
            };
            Some(ademe::email(&ds, &e, &o))
        }
        ServiceKind::Visio {
            minutes,
            devices,
            quality: q,
            terminal,
            network,
        } => Some(ademe::visio(
            &ds,
            &empreinte::services::Visio {
                minutes: *minutes,
                devices: *devices,
                quality: quality(q)?,
                terminal: term(terminal)?,
                network: network.clone(),
            },
            &o,
        )),
        ServiceKind::Streaming {
            minutes,
            quality: q,
            terminal,
            network,
        } => Some(ademe::streaming(
            &ds,
            &empreinte::services::Streaming {
                minutes: *minutes,
                quality: quality(q)?,
                terminal: term(terminal)?,
                network: network.clone(),
            },
            &o,
        )),
        ServiceKind::Search {
            terminal,
            network,
            pages,
        } => Some(ademe::web_search(
            &ds,
            &empreinte::services::WebSearch {
                terminal: term(terminal)?,
                network: network.clone(),
                pages_read: *pages,
                ..Default::default()
            },
            &o,
        )),
        ServiceKind::File { gb, network } => Some(ademe::file_transfer(
            &ds,
            &empreinte::services::FileTransfer {
                size_gb: *gb,
                network: network.clone(),
            },
            &o,
        )),
        _ => None,
    };
    let w = |r: std::io::Result<()>| r.map_err(|e| format!("cannot write the output: {e}"));
    if let Some(r) = result {
        let mut r = r.map_err(fail)?;
        r.footprint = r.footprint.times(a.uses);
        return match a.format {
            Format::Json => w(writeln!(out, "{}", to_json(&serde_json::json!(r))?)),
            _ => {
                w(writeln!(
                    out,
                    "{}: {} gCO2e par usage (modèle ADEME)",
                    r.service, r.total_gco2e
                ))?;
                w(print_footprint(&r.footprint, out))
            }
        }
        .map(|_| 0);
    }
    let fp = match &a.kind {
        ServiceKind::Transfer { gb, network } => {
            network::transfer(&ds, *gb, network).map(|f| f.times(a.uses))
        }
        ServiceKind::Generic {
            name,
            minutes_per_use,
            gb_per_use,
            terminal,
            network,
            dc_country,
        } => three_tier::evaluate(
            &ds,
            &ThreeTier {
                service: name.clone(),
                uses: a.uses,
                hours_per_use: *minutes_per_use / 60.0,
                gb_per_use: *gb_per_use,
                terminal: terminal.clone(),
                network: Some(network.clone()),
                data_centre: Some(DataCentreTier {
                    country: dc_country.clone(),
                    ..Default::default()
                }),
                year: a.year,
                exclude_terminals: a.exclude_terminals,
                ..Default::default()
            },
        ),
        _ => unreachable!("handled above"),
    }
    .map_err(fail)?;
    match a.format {
        Format::Json => w(writeln!(out, "{}", to_json(&serde_json::json!(fp))?)),
        _ => w(print_footprint(&fp, out)),
    }
    .map(|_| 0)
}
