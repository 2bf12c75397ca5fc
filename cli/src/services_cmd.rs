//! `empreinte page` and `empreinte service`: digital services, one page or one use at a time.
//! Thin: every figure comes from `empreinte::services`.

use crate::{load_dataset, Format};
use empreinte::defaults;
use empreinte::services::{
    page_json, DataCentreRequest, GridRequest, PageEstimate, PageRequest, PerUseRequest,
    ServiceError, ServiceFootprint, ThreeTierRequest, TransferRequest, WebModel,
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
                .climate_change_gco2e()
                .map_or("n.d.".to_string(), |g| g.to_string());
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

/// Options left unset take the model's defaults (ADEME's per-use model, the three-tier model).
#[derive(clap::Args, Debug)]
pub struct ServiceArgs {
    #[command(subcommand)]
    kind: ServiceKind,
    /// Reporting year (vintage of the French electricity factor: 2024 = ADEME npm 2.1.0, 2025 = v2.2.0).
    #[arg(long, global = true)]
    year: Option<i32>,
    /// Embedded dataset id, or a folder holding a dataset.
    #[arg(long, global = true, default_value = defaults::DATASET)]
    dataset: String,
    /// Where the terminals' electricity is consumed: france (default), europe, china, usa.
    #[arg(long, global = true)]
    terminal_region: Option<String>,
    /// Where the data centre's electricity is consumed (default: france).
    #[arg(long, global = true)]
    dc_region: Option<String>,
    /// Leave the terminal shares out (the fleet already counts the devices).
    #[arg(long, global = true)]
    exclude_terminals: bool,
    /// Number of uses the figures are multiplied by (default: one).
    #[arg(long, global = true, allow_negative_numbers = true)]
    uses: Option<f64>,
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(clap::Subcommand, Debug)]
enum ServiceKind {
    /// One e-mail (ADEME model; default: 1 MB, one recipient, stored 10 years).
    Email {
        #[arg(long, allow_negative_numbers = true)]
        size_mb: Option<f64>,
        #[arg(long, allow_negative_numbers = true)]
        recipients: Option<f64>,
        /// Terminal: average, laptop, desktop, smartphone, tablet, tv...
        #[arg(long)]
        terminal: Option<String>,
        /// Network of the sender (default fixed_fr).
        #[arg(long)]
        network: Option<String>,
        /// Network of the recipients (default: --network).
        #[arg(long)]
        receiver_network: Option<String>,
        #[arg(long)]
        backup_network: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        storage_years: Option<f64>,
        #[arg(long, allow_negative_numbers = true)]
        writing_minutes: Option<f64>,
    },
    /// One video meeting (ADEME model; default: 60 minutes, 2 devices, SD).
    Visio {
        #[arg(long, allow_negative_numbers = true)]
        minutes: Option<f64>,
        #[arg(long, allow_negative_numbers = true)]
        devices: Option<f64>,
        #[arg(long)]
        quality: Option<String>,
        #[arg(long)]
        terminal: Option<String>,
        #[arg(long)]
        network: Option<String>,
    },
    /// Video streaming (ADEME model; default: 60 minutes, HD).
    Streaming {
        #[arg(long, allow_negative_numbers = true)]
        minutes: Option<f64>,
        #[arg(long)]
        quality: Option<String>,
        #[arg(long)]
        terminal: Option<String>,
        #[arg(long)]
        network: Option<String>,
    },
    /// One web search (ADEME model).
    Search {
        #[arg(long)]
        terminal: Option<String>,
        #[arg(long)]
        network: Option<String>,
        /// Pages read after the search (default one).
        #[arg(long, allow_negative_numbers = true)]
        pages: Option<f64>,
    },
    /// A file sent or downloaded: network and data centre (ADEME model; default 1 GB).
    File {
        #[arg(long, allow_negative_numbers = true)]
        gb: Option<f64>,
        #[arg(long)]
        network: Option<String>,
    },
    /// Data transferred over a network only (the dataset's per-GB factor).
    Transfer {
        #[arg(long, allow_negative_numbers = true)]
        gb: f64,
        #[arg(long)]
        network: Option<String>,
    },
    /// Any service: terminals (a dataset category), network and data centre.
    Generic {
        #[arg(long)]
        name: Option<String>,
        #[arg(long, allow_negative_numbers = true, conflicts_with = "hours_per_use")]
        minutes_per_use: Option<f64>,
        #[arg(long, allow_negative_numbers = true)]
        hours_per_use: Option<f64>,
        #[arg(long, allow_negative_numbers = true)]
        gb_per_use: Option<f64>,
        /// Dataset category of the terminal (laptop, "PC portable"...).
        #[arg(long)]
        terminal: Option<String>,
        #[arg(long)]
        network: Option<String>,
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

/// The core's per-use request of an ADEME service, and the service's id; `None` for the
/// transfer and three-tier kinds.
fn per_use(a: &ServiceArgs) -> Option<(PerUseRequest, &'static str)> {
    let mut r = PerUseRequest {
        year: a.year,
        terminal_region: a.terminal_region.clone(),
        data_centre_region: a.dc_region.clone(),
        exclude_terminals: a.exclude_terminals,
        uses: a.uses,
        ..Default::default()
    };
    let kind = match &a.kind {
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
            r.size_mb = *size_mb;
            r.recipients = *recipients;
            r.terminal = terminal.clone();
            r.sender_network = network.clone();
            r.receiver_network = receiver_network.clone();
            r.backup_network = backup_network.clone();
            r.storage_years = *storage_years;
            r.writing_minutes = *writing_minutes;
            "email"
        }
        ServiceKind::Visio {
            minutes,
            devices,
            quality,
            terminal,
            network,
        } => {
            (r.minutes, r.devices, r.quality) = (*minutes, *devices, quality.clone());
            (r.terminal, r.network) = (terminal.clone(), network.clone());
            "visio"
        }
        ServiceKind::Streaming {
            minutes,
            quality,
            terminal,
            network,
        } => {
            (r.minutes, r.quality) = (*minutes, quality.clone());
            (r.terminal, r.network) = (terminal.clone(), network.clone());
            "streaming"
        }
        ServiceKind::Search {
            terminal,
            network,
            pages,
        } => {
            r.pages_read = *pages;
            (r.terminal, r.network) = (terminal.clone(), network.clone());
            "web_search"
        }
        ServiceKind::File { gb, network } => {
            (r.size_gb, r.network) = (*gb, network.clone());
            "file_transfer"
        }
        ServiceKind::Transfer { .. } | ServiceKind::Generic { .. } => return None,
    };
    Some((r, kind))
}

pub fn service(a: &ServiceArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&a.dataset)?;
    let w = |r: std::io::Result<()>| r.map_err(|e| format!("cannot write the output: {e}"));
    if let Some((request, kind)) = per_use(a) {
        let r = request.evaluate(&ds, kind).map_err(fail)?;
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
        ServiceKind::Transfer { gb, network } => TransferRequest {
            gb: Some(*gb),
            network: network.clone(),
            uses: a.uses,
        }
        .evaluate(&ds),
        ServiceKind::Generic {
            name,
            minutes_per_use,
            hours_per_use,
            gb_per_use,
            terminal,
            network,
            dc_country,
        } => ThreeTierRequest {
            service: name.clone(),
            uses: a.uses,
            hours_per_use: *hours_per_use,
            minutes_per_use: *minutes_per_use,
            gb_per_use: *gb_per_use,
            terminal: terminal.clone(),
            network: network.clone().map(Some),
            data_centre: dc_country.clone().map(|country| {
                Some(DataCentreRequest {
                    country: Some(country),
                    ..Default::default()
                })
            }),
            year: a.year,
            exclude_terminals: a.exclude_terminals,
            ..Default::default()
        }
        .evaluate(&ds),
        _ => unreachable!("the per-use services are handled above"),
    }
    .map_err(fail)?;
    match a.format {
        Format::Json => w(writeln!(out, "{}", to_json(&serde_json::json!(fp))?)),
        _ => w(print_footprint(&fp, out)),
    }
    .map(|_| 0)
}
