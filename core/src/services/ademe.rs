//! ADEME's per-use services: e-mail, video meeting, video streaming, web search and file
//! transfer, reproducing `@incubateur-ademe/publicodes-acv-numerique` (npm 2.1.0, tag v2.2.0).
//!
//! Each use carries three tiers: the terminals (a share of the device's manufacturing,
//! distribution and end of life pro rata of the hours of use, plus its electricity), the
//! network (per GB) and the data centre (equipment share and electricity). Network factors and
//! the French electricity mix come from the dataset (so the vintage is the dataset's and is
//! named in the result): reporting year 2024 gives the 0.0519 kgCO2e/kWh of npm 2.1.0, 2025 the
//! 0.0461 of v2.2.0. The other constants are the model's, each cited beside its value in
//! `services/ademe_constants.rs`.
//!
//! Where the model has a known defect, empreinte follows the intended behaviour and says so:
//! the e-mail backup transfers over `fixed_eu_excl_box` use that factor (the model's rule tests
//! `'fixe FR hors box'` twice and silently drops the term).

use super::ademe_constants::*;
use super::footprint::{ServiceFootprint, Tier};
use super::network::find_network;
use super::{check, non_negative, suggest, ServiceError};
use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use crate::Dataset;
use serde::Serialize;

/// The device the service is used on; `Average` is the model's mix for that service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Terminal {
    /// A desktop computer with its monitor.
    DesktopWithMonitor,
    /// A laptop.
    Laptop,
    /// A tablet.
    Tablet,
    /// A smartphone.
    Smartphone,
    /// A television (video meetings and streaming only).
    Tv,
    /// The model's mix of devices for the service (the default).
    #[default]
    Average,
}

impl Terminal {
    /// Every terminal, in the model's order.
    pub const ALL: [Terminal; 6] = [
        Terminal::DesktopWithMonitor,
        Terminal::Laptop,
        Terminal::Tablet,
        Terminal::Smartphone,
        Terminal::Tv,
        Terminal::Average,
    ];
    /// Stable id (`desktop_with_monitor`, `laptop`, `tablet`, `smartphone`, `tv`, `average`).
    pub fn id(self) -> &'static str {
        match self {
            Terminal::DesktopWithMonitor => "desktop_with_monitor",
            Terminal::Laptop => "laptop",
            Terminal::Tablet => "tablet",
            Terminal::Smartphone => "smartphone",
            Terminal::Tv => "tv",
            Terminal::Average => "average",
        }
    }
    /// Parses an id or the model's French name (`ordinateur portable`, `moyenne`...).
    pub fn from_id(s: &str) -> Result<Terminal, ServiceError> {
        let k = s.trim().to_lowercase().replace(['-', ' '], "_");
        let t = match k.as_str() {
            "desktop_with_monitor" | "desktop" | "ordinateur_et_écran" | "ordinateur_et_ecran" => {
                Terminal::DesktopWithMonitor
            }
            "laptop" | "ordinateur_portable" | "portable" => Terminal::Laptop,
            "tablet" | "tablette" => Terminal::Tablet,
            "smartphone" | "phone" => Terminal::Smartphone,
            "tv" | "television" | "télévision" => Terminal::Tv,
            "average" | "moyenne" | "mix" => Terminal::Average,
            _ => {
                let ids = Terminal::ALL.map(|t| t.id());
                return Err(ServiceError::UnknownChoice {
                    kind: "terminal",
                    value: s.into(),
                    known: ids.join(", "),
                    suggestion: suggest(&k, ids),
                });
            }
        };
        Ok(t)
    }
    fn slot(self) -> Option<usize> {
        match self {
            Terminal::DesktopWithMonitor => Some(0),
            Terminal::Laptop => Some(1),
            Terminal::Tablet => Some(2),
            Terminal::Smartphone => Some(3),
            Terminal::Tv => Some(4),
            Terminal::Average => None,
        }
    }
}

/// Where the electricity of terminals or data centres is consumed (`usage réel . région`,
/// `usage data center . région`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// France: the dataset's French electricity factor for the options' year (the default).
    #[default]
    France,
    /// Europe: the model's constant intensity.
    Europe,
    /// China: the model's constant intensity.
    China,
    /// United States: the model's constant intensity.
    Usa,
}

impl Region {
    /// Parses `france`/`fr`, `europe`/`eu`, `china`/`chine`/`cn`, `usa`/`us`/`united states`.
    pub fn from_id(s: &str) -> Result<Region, ServiceError> {
        match s.trim().to_lowercase().as_str() {
            "france" | "fr" => Ok(Region::France),
            "europe" | "eu" => Ok(Region::Europe),
            "china" | "chine" | "cn" => Ok(Region::China),
            "usa" | "us" | "united states" => Ok(Region::Usa),
            _ => Err(ServiceError::UnknownChoice {
                kind: "region",
                value: s.into(),
                known: "france, europe, china, usa".into(),
                suggestion: suggest(s, ["france", "europe", "china", "usa"]),
            }),
        }
    }
}

/// Video quality and its data rate (GB/h): audio 168/1024, SD 0.7, HD 3, ultra HD 7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VideoQuality {
    /// Audio only.
    Audio,
    /// Standard definition (the default of video meetings).
    Sd,
    /// High definition (the default of streaming).
    Hd,
    /// Ultra high definition.
    UltraHd,
}

impl VideoQuality {
    /// Data rate (GB/h).
    pub fn gb_per_hour(self) -> f64 {
        match self {
            VideoQuality::Audio => 168.0 / 1024.0,
            VideoQuality::Sd => 0.7,
            VideoQuality::Hd => 3.0,
            VideoQuality::UltraHd => 7.0,
        }
    }
    /// Parses `audio`, `sd`, `hd`, `ultra_hd` (also `uhd`, `4k`), any case.
    pub fn from_id(s: &str) -> Result<VideoQuality, ServiceError> {
        match s
            .trim()
            .to_lowercase()
            .replace(['-', ' ', '_'], "")
            .as_str()
        {
            "audio" => Ok(VideoQuality::Audio),
            "sd" => Ok(VideoQuality::Sd),
            "hd" => Ok(VideoQuality::Hd),
            "ultrahd" | "uhd" | "4k" => Ok(VideoQuality::UltraHd),
            _ => Err(ServiceError::UnknownChoice {
                kind: "quality",
                value: s.into(),
                known: "audio, sd, hd, ultra_hd".into(),
                suggestion: suggest(s, ["audio", "sd", "hd", "ultra_hd"]),
            }),
        }
    }
}

/// Options common to every per-use service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdemeOptions {
    /// Year of the dataset's French electricity factor (2024: npm 2.1.0's mix; 2025: v2.2.0's).
    pub year: i32,
    /// Where terminals draw their electricity.
    pub terminal_region: Region,
    /// Where data centres draw their electricity.
    pub data_centre_region: Region,
    /// Drop the terminal shares (the fleet already counts the devices).
    pub exclude_terminals: bool,
}

impl Default for AdemeOptions {
    fn default() -> Self {
        AdemeOptions {
            year: crate::defaults::REPORTING_YEAR,
            terminal_region: Region::France,
            data_centre_region: Region::France,
            exclude_terminals: false,
        }
    }
}

/// One e-mail (`email`); defaults are the model's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Email {
    /// Size of the e-mail (MB of 1/1024 GB).
    pub size_mb: f64,
    /// Number of recipients.
    pub recipients: f64,
    /// Years the e-mail is stored.
    pub storage_years: f64,
    /// Copies kept on the sender's side.
    pub sender_backups: f64,
    /// Copies kept per recipient.
    pub receiver_backups: f64,
    /// Share of the mail servers' storage in use (above 0, at most 1).
    pub storage_fill_rate: f64,
    /// E-mails per mailbox and day (allocates the mail server).
    pub mails_per_person_per_day: f64,
    /// Minutes spent writing it.
    pub writing_minutes: f64,
    /// Minutes each recipient spends reading it.
    pub reading_minutes_per_recipient: f64,
    /// Share of the recipients who read it (0 to 1).
    pub read_share: f64,
    /// The device it is written and read on.
    pub terminal: Terminal,
    /// Network of the sender (a network id of the dataset).
    pub sender_network: String,
    /// Network of the recipients.
    pub receiver_network: String,
    /// Network of the backup transfers.
    pub backup_network: String,
}

impl Default for Email {
    fn default() -> Self {
        Email {
            size_mb: 1.0,
            recipients: 1.0,
            storage_years: 10.0,
            sender_backups: 3.0,
            receiver_backups: 3.0,
            storage_fill_rate: 0.5,
            mails_per_person_per_day: 117.7,
            writing_minutes: 3.0,
            reading_minutes_per_recipient: 10.0 / 60.0,
            read_share: 1.0,
            terminal: Terminal::Average,
            sender_network: "fixed_fr".into(),
            receiver_network: "fixed_fr".into(),
            backup_network: "fixed_fr_excl_box".into(),
        }
    }
}

/// One video meeting (`visio`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Visio {
    /// Duration (minutes).
    pub minutes: f64,
    /// Connected devices (`emplacements`).
    pub devices: f64,
    /// Video quality.
    pub quality: VideoQuality,
    /// The device used.
    pub terminal: Terminal,
    /// Network (a network id of the dataset).
    pub network: String,
}

impl Default for Visio {
    fn default() -> Self {
        Visio {
            minutes: 60.0,
            devices: 2.0,
            quality: VideoQuality::Sd,
            terminal: Terminal::Average,
            network: "fixed_fr".into(),
        }
    }
}

/// Video streaming (`streaming`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Streaming {
    /// Duration (minutes).
    pub minutes: f64,
    /// Video quality (audio is refused).
    pub quality: VideoQuality,
    /// The device used.
    pub terminal: Terminal,
    /// Network (a network id of the dataset).
    pub network: String,
}

impl Default for Streaming {
    fn default() -> Self {
        Streaming {
            minutes: 60.0,
            quality: VideoQuality::Hd,
            terminal: Terminal::Average,
            network: "fixed_fr".into(),
        }
    }
}

/// One web search (`recherche web`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WebSearch {
    /// Minutes spent typing the query.
    pub typing_minutes: f64,
    /// Size of the request (kB of 1/1024 MB).
    pub request_kb: f64,
    /// Size of a result page (kB of 1/1024 MB).
    pub page_kb: f64,
    /// Minutes spent reading each page.
    pub reading_minutes: f64,
    /// Pages read.
    pub pages_read: f64,
    /// The device used.
    pub terminal: Terminal,
    /// Network (a network id of the dataset).
    pub network: String,
}

impl Default for WebSearch {
    fn default() -> Self {
        WebSearch {
            typing_minutes: 50.0 / 60.0,
            request_kb: 16.0,
            page_kb: 144.5,
            reading_minutes: 1.0,
            pages_read: 1.0,
            terminal: Terminal::Average,
            network: "fixed_fr".into(),
        }
    }
}

/// A file transfer (`fichier`): network and data centre, no terminal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileTransfer {
    /// Size of the file (GB).
    pub size_gb: f64,
    /// Network (a network id of the dataset).
    pub network: String,
}

impl Default for FileTransfer {
    fn default() -> Self {
        FileTransfer {
            size_gb: 1.0,
            network: "fixed_fr".into(),
        }
    }
}

/// The model's figures for one use (grams CO2e), with the footprint (kgCO2e).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceResult {
    /// The service (`email`, `visio`, `streaming`, `web_search`, `file_transfer`).
    pub service: &'static str,
    /// `X . terminaux . construction`.
    pub terminals_embodied_gco2e: f64,
    /// `X . terminaux . usage`.
    pub terminals_use_gco2e: f64,
    /// `X . transmission`.
    pub network_gco2e: f64,
    /// `X . data center . construction`.
    pub data_centre_embodied_gco2e: f64,
    /// `X . data center . usage`.
    pub data_centre_use_gco2e: f64,
    /// The model's total (`X`), terminals included.
    pub total_gco2e: f64,
    /// The total without the terminal shares.
    pub total_excluding_terminals_gco2e: f64,
    /// True when the model's applicability condition failed (zero size or duration): all zero.
    pub not_applicable: bool,
    /// The same figures as a footprint (kgCO2e), terminals dropped when asked.
    pub footprint: ServiceFootprint,
}

struct Ctx<'a> {
    ds: &'a Dataset,
    fe_terminal: f64,
    fe_dc: f64,
    provenance_fe: String,
}

fn ctx<'a>(ds: &'a Dataset, o: &AdemeOptions) -> Result<Ctx<'a>, ServiceError> {
    let mut fr_prov = String::new();
    let mut fr = || -> Result<f64, ServiceError> {
        let missing = || ServiceError::MissingFactor {
            dataset: ds.id().into(),
            what: format!("climate_change electricity factor for FR ({})", o.year),
        };
        let zone = ds.find_zone("FR").ok_or_else(missing)?;
        let look = ds.electricity_for(zone, o.year).ok_or_else(missing)?;
        let f = ds
            .electricity_factor(&look, Indicator::ClimateChange)
            .ok_or_else(missing)?;
        let factor = ds.factor(f);
        fr_prov = format!("{} = {} {}", factor.id, factor.value.central, factor.unit);
        Ok(factor.value.central * 1000.0)
    };
    let mut fe = |r: Region| -> Result<f64, ServiceError> {
        Ok(match r {
            Region::France => fr()?,
            Region::Europe => FE_EUROPE,
            Region::China => FE_CHINA,
            Region::Usa => FE_USA,
        })
    };
    let fe_terminal = fe(o.terminal_region)?;
    let fe_dc = fe(o.data_centre_region)?;
    Ok(Ctx {
        ds,
        fe_terminal,
        fe_dc,
        provenance_fe: format!(
            "terminal electricity {fe_terminal} gCO2e/kWh ({:?}), data-centre electricity {fe_dc} gCO2e/kWh ({:?}); France: {}",
            o.terminal_region,
            o.data_centre_region,
            if fr_prov.is_empty() { "not used".into() } else { fr_prov }
        ),
    })
}

fn desktop_with_monitor() -> Device {
    Device {
        phases: [
            DESKTOP.phases[0] + MONITOR.phases[0],
            DESKTOP.phases[1] + MONITOR.phases[1],
            DESKTOP.phases[2] + MONITOR.phases[2],
        ],
        lifetime: (DESKTOP.lifetime + MONITOR.lifetime) / 2.0,
        hours_per_day: (DESKTOP.hours_per_day + MONITOR.hours_per_day) / 2.0,
        power_w: DESKTOP.power_w + MONITOR.power_w,
    }
}

fn devices() -> [Device; 5] {
    [desktop_with_monitor(), LAPTOP, TABLET, SMARTPHONE, TV]
}

/// Terminal shares for `hours` of use: (embodied total, embodied by phase, use) in grams.
fn terminals(terminal: Terminal, mix: &[f64; 5], hours: f64, fe: f64) -> (f64, [f64; 3], f64) {
    let devs = devices();
    let weights: [f64; 5] = match terminal.slot() {
        Some(i) => std::array::from_fn(|j| if i == j { 1.0 } else { 0.0 }),
        None => *mix,
    };
    let mut total = 0.0;
    let mut by_phase = [0.0; 3];
    let mut power = 0.0;
    for (d, w) in devs.iter().zip(weights) {
        if w == 0.0 {
            continue;
        }
        let usage_hours = DAYS_PER_YEAR * d.lifetime * d.hours_per_day;
        let construction = d.phases[0] + d.phases[1] + d.phases[2];
        total += w * (construction * (hours / usage_hours));
        for (acc, phase) in by_phase.iter_mut().zip(d.phases) {
            *acc += w * (phase * (hours / usage_hours));
        }
        power += w * d.power_w;
    }
    let use_g = power * hours / 1000.0 * fe;
    (total, by_phase, use_g)
}

fn check_terminal(
    terminal: Terminal,
    service: &'static str,
    allow_tv: bool,
) -> Result<(), ServiceError> {
    if terminal == Terminal::Tv && !allow_tv {
        return Err(ServiceError::UnknownChoice {
            kind: "terminal",
            value: "tv".into(),
            known: format!("desktop_with_monitor, laptop, tablet, smartphone, average (the model offers no TV for {service})"),
            suggestion: None,
        });
    }
    Ok(())
}

/// gCO2e per GB of a dataset network (the factor's central value).
fn network_g_per_gb(c: &Ctx<'_>, name: &str) -> Result<(f64, String), ServiceError> {
    let net = find_network(c.ds, name)?;
    let f =
        c.ds.network_factor(net, Indicator::ClimateChange)
            .ok_or_else(|| ServiceError::MissingFactor {
                dataset: c.ds.id().into(),
                what: format!("climate_change factor for network {}", net.id),
            })?;
    let factor = c.ds.factor(f);
    Ok((factor.value.central * 1000.0, factor.id.clone()))
}

#[allow(clippy::too_many_arguments)]
fn finish(
    c: &Ctx<'_>,
    o: &AdemeOptions,
    service: &'static str,
    applicable: bool,
    terms: (f64, [f64; 3], f64),
    network: f64,
    dc_emb: f64,
    dc_use: f64,
    provenance: String,
) -> ServiceResult {
    let (t_emb, t_phases, t_use) = if applicable {
        terms
    } else {
        (0.0, [0.0; 3], 0.0)
    };
    let (network, dc_emb, dc_use) = if applicable {
        (network, dc_emb, dc_use)
    } else {
        (0.0, 0.0, 0.0)
    };
    let total = if applicable {
        t_emb + t_use + network + (dc_emb + dc_use)
    } else {
        0.0
    };
    let mut f = ServiceFootprint::new(
        service,
        "ademe-acv-numerique (publicodes-acv-numerique 2.1.0 / v2.2.0)",
        Some(format!("{} {}", c.ds.id(), c.ds.version())),
    );
    let g = |v: f64| Range::exact(v / 1000.0);
    let base = format!("ademe-acv-numerique `{service}`; {}", c.provenance_fe);
    for (p, phase) in [Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife]
        .into_iter()
        .enumerate()
    {
        if t_emb > 0.0 || t_use > 0.0 {
            f.push(
                Tier::Terminals,
                Indicator::ClimateChange,
                phase,
                g(t_phases[p]),
                format!("{base}; terminal share pro rata of hours of use (acv . * . carbone)"),
            );
        }
    }
    if t_emb > 0.0 || t_use > 0.0 {
        f.push(
            Tier::Terminals,
            Indicator::ClimateChange,
            Phase::Use,
            g(t_use),
            format!("{base}; terminal electricity"),
        );
    }
    f.push(
        Tier::Network,
        Indicator::ClimateChange,
        Phase::Use,
        g(network),
        format!("{base}; {provenance}"),
    );
    f.push(
        Tier::DataCentre,
        Indicator::ClimateChange,
        Phase::Manufacturing,
        g(dc_emb),
        format!(
            "{base}; data-centre equipment share (src/data center.publicodes), all embodied phases"
        ),
    );
    f.push(
        Tier::DataCentre,
        Indicator::ClimateChange,
        Phase::Use,
        g(dc_use),
        format!("{base}; data-centre electricity"),
    );
    f.notes.push(
        "ADEME's model carries climate change only; other indicators are not available".into(),
    );
    if !applicable {
        f.notes.push(format!(
            "`{service}` is zero in the model when its size or duration is zero"
        ));
    }
    if o.exclude_terminals {
        f.drop_terminals();
    }
    ServiceResult {
        service,
        terminals_embodied_gco2e: t_emb,
        terminals_use_gco2e: t_use,
        network_gco2e: network,
        data_centre_embodied_gco2e: dc_emb,
        data_centre_use_gco2e: dc_use,
        total_gco2e: total,
        total_excluding_terminals_gco2e: if applicable {
            network + (dc_emb + dc_use)
        } else {
            0.0
        },
        not_applicable: !applicable,
        footprint: f,
    }
}

/// One e-mail sent to `recipients` recipients.
pub fn email(ds: &Dataset, e: &Email, o: &AdemeOptions) -> Result<ServiceResult, ServiceError> {
    for (name, v) in [
        ("size_mb", e.size_mb),
        ("recipients", e.recipients),
        ("storage_years", e.storage_years),
        ("sender_backups", e.sender_backups),
        ("receiver_backups", e.receiver_backups),
        ("writing_minutes", e.writing_minutes),
        (
            "reading_minutes_per_recipient",
            e.reading_minutes_per_recipient,
        ),
    ] {
        non_negative(name, v)?;
    }
    check("read_share", e.read_share, 0.0, 1.0)?;
    check(
        "storage_fill_rate",
        e.storage_fill_rate,
        f64::MIN_POSITIVE,
        1.0,
    )?;
    check(
        "mails_per_person_per_day",
        e.mails_per_person_per_day,
        f64::MIN_POSITIVE,
        f64::MAX,
    )?;
    check_terminal(e.terminal, "e-mail", false)?;
    let c = ctx(ds, o)?;
    let hours = e.writing_minutes / 60.0
        + e.recipients * e.read_share * e.reading_minutes_per_recipient / 60.0;
    let terms = terminals(e.terminal, &MIX_EMAIL, hours, c.fe_terminal);
    let size_gb = e.size_mb / 1024.0;
    let (f_send, id_send) = network_g_per_gb(&c, &e.sender_network)?;
    let (f_recv, id_recv) = network_g_per_gb(&c, &e.receiver_network)?;
    let (f_back, id_back) = network_g_per_gb(&c, &e.backup_network)?;
    let network = size_gb * f_send
        + e.recipients * size_gb * f_recv
        + e.recipients * size_gb * f_back * (1.0 + e.sender_backups + e.receiver_backups);
    let server_alloc = 1.0
        / (SERVER_POWER / SERVER_POWER_PER_MAIL_USER
            * e.mails_per_person_per_day
            * DAYS_PER_YEAR
            * SERVER_LIFETIME);
    let ratio = e.storage_years / (SERVER_CAPACITY_MB * e.storage_fill_rate * STORAGE_LIFETIME);
    let dc_send = data_centre_construction(server_alloc, e.size_mb * e.sender_backups * ratio);
    let dc_recv = data_centre_construction(
        server_alloc,
        e.size_mb * e.receiver_backups * e.recipients * ratio,
    );
    let wh = SERVER_POWER_PER_MAIL_USER * 24.0 / e.mails_per_person_per_day
        + e.size_mb * e.sender_backups / (SERVER_CAPACITY_MB * e.storage_fill_rate)
            * STORAGE_POWER
            * 24.0
            * DAYS_PER_YEAR
            * e.storage_years;
    let use_send = wh * PUE_MAIL / 1000.0 * c.fe_dc;
    // The model's receiver usage is the sender's times the recipients (sender backups included).
    let dc_use = use_send + use_send * e.recipients;
    let applicable = e.size_mb > 0.0 && e.recipients > 0.0;
    Ok(finish(
        &c,
        o,
        "email",
        applicable,
        terms,
        network,
        dc_send + dc_recv,
        dc_use,
        format!("networks {id_send}, {id_recv}, backups {id_back}"),
    ))
}

/// One video meeting.
pub fn visio(ds: &Dataset, v: &Visio, o: &AdemeOptions) -> Result<ServiceResult, ServiceError> {
    non_negative("minutes", v.minutes)?;
    non_negative("devices", v.devices)?;
    let c = ctx(ds, o)?;
    let h = v.minutes / 60.0;
    let size = h * v.quality.gb_per_hour();
    let terms = terminals(v.terminal, &MIX_VISIO, v.devices * h, c.fe_terminal);
    let (fnet, id) = network_g_per_gb(&c, &v.network)?;
    let network = v.devices * size * fnet;
    let dc_emb = data_centre_construction(streaming_server_allocation_per_hour() * h, 0.0);
    let dc_use = size * streaming_wh_per_gb() / 1000.0 * c.fe_dc;
    Ok(finish(
        &c,
        o,
        "visio",
        v.minutes > 0.0,
        terms,
        network,
        dc_emb,
        dc_use,
        format!("network {id}"),
    ))
}

/// Video streaming for `minutes`.
pub fn streaming(
    ds: &Dataset,
    s: &Streaming,
    o: &AdemeOptions,
) -> Result<ServiceResult, ServiceError> {
    non_negative("minutes", s.minutes)?;
    if s.quality == VideoQuality::Audio {
        return Err(ServiceError::UnknownChoice {
            kind: "quality",
            value: "audio".into(),
            known: "sd, hd, ultra_hd (the model offers no audio quality for streaming)".into(),
            suggestion: Some("sd".into()),
        });
    }
    let c = ctx(ds, o)?;
    let h = s.minutes / 60.0;
    let size = h * s.quality.gb_per_hour();
    let terms = terminals(s.terminal, &MIX_STREAMING, h, c.fe_terminal);
    let (fnet, id) = network_g_per_gb(&c, &s.network)?;
    let dc_emb = data_centre_construction(streaming_server_allocation_per_hour() * h, 0.0);
    let dc_use = size * streaming_wh_per_gb() / 1000.0 * c.fe_dc;
    Ok(finish(
        &c,
        o,
        "streaming",
        s.minutes > 0.0,
        terms,
        size * fnet,
        dc_emb,
        dc_use,
        format!("network {id}"),
    ))
}

/// One web search.
pub fn web_search(
    ds: &Dataset,
    w: &WebSearch,
    o: &AdemeOptions,
) -> Result<ServiceResult, ServiceError> {
    for (name, v) in [
        ("typing_minutes", w.typing_minutes),
        ("request_kb", w.request_kb),
        ("page_kb", w.page_kb),
        ("reading_minutes", w.reading_minutes),
        ("pages_read", w.pages_read),
    ] {
        non_negative(name, v)?;
    }
    check_terminal(w.terminal, "web search", false)?;
    let c = ctx(ds, o)?;
    let hours = w.typing_minutes / 60.0 + w.reading_minutes / 60.0 * w.pages_read;
    let terms = terminals(w.terminal, &MIX_SEARCH, hours, c.fe_terminal);
    let (fnet, id) = network_g_per_gb(&c, &w.network)?;
    let gb = w.request_kb / 1024.0 / 1024.0 + w.pages_read * (w.page_kb / 1024.0 / 1024.0);
    // The model allocates the server on one request and one page, whatever the pages read.
    let alloc =
        (w.request_kb / 1024.0 + w.page_kb / 1024.0) * (1.0 / SEARCH_SERVER_ALLOCATION_DIVISOR_MB);
    let dc_emb = data_centre_construction(alloc, 0.0);
    let annual_kwh = SERVER_ACTIVE_POWER * 24.0 * DAYS_PER_YEAR / 1000.0;
    let dc_use = annual_kwh * SERVER_LIFETIME * alloc * 1000.0 * c.fe_dc;
    let applicable = w.typing_minutes > 0.0 && w.request_kb > 0.0;
    Ok(finish(
        &c,
        o,
        "web_search",
        applicable,
        terms,
        gb * fnet,
        dc_emb,
        dc_use,
        format!("network {id}"),
    ))
}

/// A file transfer of `size_gb` (network and data centre; the model counts no terminal).
pub fn file_transfer(
    ds: &Dataset,
    t: &FileTransfer,
    o: &AdemeOptions,
) -> Result<ServiceResult, ServiceError> {
    non_negative("size_gb", t.size_gb)?;
    let c = ctx(ds, o)?;
    let (fnet, id) = network_g_per_gb(&c, &t.network)?;
    let dc_emb = data_centre_construction(file_server_allocation_per_gb() * t.size_gb, 0.0);
    let dc_use = t.size_gb * streaming_wh_per_gb() / 1000.0 * c.fe_dc;
    Ok(finish(
        &c,
        o,
        "file_transfer",
        t.size_gb > 0.0,
        (0.0, [0.0; 3], 0.0),
        t.size_gb * fnet,
        dc_emb,
        dc_use,
        format!("network {id}"),
    ))
}
