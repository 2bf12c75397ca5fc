//! Service requests as programs send them (JSON, JS objects, Python dicts), units in the names:
//! one definition for the CLI, every binding and the test runner, so that they accept the same
//! keys, fill the same defaults and refuse the same values.
//!
//! Every number is optional: the model's default fills the gap, and a number a model cannot do
//! without (the bytes of a page, EcoIndex's metrics, the GB of a transfer) is NaN when missing,
//! which the model refuses naming the field (`service_invalid_number`). Unknown keys are refused.
//! The types are flat structs with `Option` fields (no tagged, untagged or flattened serde
//! shapes: those buffer the input and weigh on the WebAssembly module).

use super::ademe::{self, ServiceResult};
use super::{
    network, non_negative, suggest, three_tier, web, AdemeOptions, DataCentreTier, EcoIndex,
    EcoIndexInput, Email, FileTransfer, GridIntensity, Region, ServiceError, ServiceFootprint,
    Streaming, Terminal, ThreeTier, VideoQuality, Visio, WebEstimate, WebModel, WebOptions,
    WebSearch,
};
use crate::dataset::Dataset;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};

/// Minutes in an hour.
const MINUTES_PER_HOUR: f64 = 60.0;

/// A grid intensity: gCO2e/kWh (a number), or a country or Ember region (a string).
#[derive(Debug, Clone, PartialEq)]
pub enum GridRequest {
    /// An intensity given in gCO2e/kWh.
    Gco2ePerKwh(f64),
    /// A country or Ember region, resolved by [`GridIntensity::country`].
    Country(String),
}

impl GridRequest {
    /// From command-line text: a number is gCO2e/kWh, anything else a country.
    pub fn from_text(text: &str) -> GridRequest {
        match text.trim().parse::<f64>() {
            Ok(v) => GridRequest::Gco2ePerKwh(v),
            Err(_) => GridRequest::Country(text.to_string()),
        }
    }

    /// The intensity this asks for.
    pub fn intensity(&self) -> Result<GridIntensity, ServiceError> {
        match self {
            GridRequest::Gco2ePerKwh(v) => GridIntensity::given(*v),
            GridRequest::Country(c) => GridIntensity::country(c),
        }
    }
}

// By hand rather than `#[serde(untagged)]`: no buffering of the input, less code in wasm.
impl<'de> Deserialize<'de> for GridRequest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = GridRequest;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("gCO2e/kWh (a number) or a country (a string)")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<GridRequest, E> {
                Ok(GridRequest::Gco2ePerKwh(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<GridRequest, E> {
                Ok(GridRequest::Gco2ePerKwh(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<GridRequest, E> {
                Ok(GridRequest::Gco2ePerKwh(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GridRequest, E> {
                Ok(GridRequest::Country(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

fn grid(g: &Option<GridRequest>) -> Result<Option<GridIntensity>, ServiceError> {
    g.as_ref().map(GridRequest::intensity).transpose()
}

/// `Some(None)` when the key is there with `null` (a tier asked away).
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// `uses` (default 1), finite and >= 0.
fn uses(u: Option<f64>) -> Result<f64, ServiceError> {
    non_negative("uses", u.unwrap_or(1.0))
}

/// The first field given that `service` does not read.
pub(super) fn refuse(
    service: &'static str,
    given: &[(&'static str, bool)],
    reads: &[&str],
) -> Result<(), ServiceError> {
    match given.iter().find(|(f, set)| *set && !reads.contains(f)) {
        Some((field, _)) => Err(ServiceError::NotApplicable { service, field }),
        None => Ok(()),
    }
}

/// EcoIndex of one page view (its three measured metrics).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EcoIndexRequest {
    /// DOM elements of the page (required).
    pub dom_elements: Option<f64>,
    /// HTTP requests (required).
    pub requests: Option<f64>,
    /// Page weight in kB of 1000 bytes (required).
    pub size_kb: Option<f64>,
    /// Must be false: EcoIndex's figure is end to end (true is an error).
    pub exclude_terminals: bool,
}

impl EcoIndexRequest {
    /// EcoIndex's score and grade, and the page view as a footprint.
    pub fn evaluate(&self) -> Result<(EcoIndex, ServiceFootprint), ServiceError> {
        let r = EcoIndex::compute(EcoIndexInput {
            dom_elements: self.dom_elements.unwrap_or(f64::NAN),
            requests: self.requests.unwrap_or(f64::NAN),
            size_kb: self.size_kb.unwrap_or(f64::NAN),
        })?;
        let fp = r.footprint(self.exclude_terminals)?;
        Ok((r, fp))
    }
}

/// One page view, as `empreinte page`: `model` is `ecoindex`, `swd4`, `swd3` or `onebyte`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageRequest {
    /// `ecoindex` (default), `swd4`, `swd3` or `onebyte`.
    pub model: Option<String>,
    /// EcoIndex only.
    pub dom_elements: Option<f64>,
    /// HTTP requests (EcoIndex only).
    pub requests: Option<f64>,
    /// Page weight (1 kB = 1000 bytes): EcoIndex's metric, or the bytes-based models' bytes.
    pub size_kb: Option<f64>,
    /// Bytes transferred (bytes-based models); wins over `size_kb`.
    pub bytes: Option<f64>,
    /// The site is hosted green (see [`WebOptions::green_hosting`]).
    pub green_hosting: bool,
    /// SWD v4 only: share (0 to 1) of data-centre operational emissions avoided.
    pub green_hosting_factor: Option<f64>,
    /// Per page view rather than per byte; absent: per view, except OneByte (and except with
    /// `returning_visitors`, which is per view).
    pub per_visit: Option<bool>,
    /// Per view, with this share of returning visitors (first visits: the rest).
    pub returning_visitors: Option<f64>,
    /// Share of first visits (per view).
    pub first_visit_share: Option<f64>,
    /// Share of returning visits (per view).
    pub return_visit_share: Option<f64>,
    /// Share of the bytes a returning visitor downloads again (per view).
    pub data_reload_ratio: Option<f64>,
    /// Grid of every segment, then of each one (a segment's own wins).
    pub grid: Option<GridRequest>,
    /// Grid of the device segment.
    pub device_grid: Option<GridRequest>,
    /// Grid of the network segment.
    pub network_grid: Option<GridRequest>,
    /// Grid of the data-centre segment.
    pub data_centre_grid: Option<GridRequest>,
    /// Drop the device segment (the fleet already counts the devices); an error with EcoIndex.
    pub exclude_terminals: bool,
}

/// A page view's result: EcoIndex's, or a bytes-based model's.
#[derive(Debug, Clone)]
pub enum PageEstimate {
    /// EcoIndex's result.
    EcoIndex(EcoIndex),
    /// A bytes-based model's result (SWD v4, SWD v3, OneByte).
    Web(WebEstimate),
}

impl PageRequest {
    /// `model` absent or `ecoindex`: EcoIndex (the bytes-based options are not read); else
    /// [`PageRequest::web`].
    pub fn evaluate(&self) -> Result<(PageEstimate, ServiceFootprint), ServiceError> {
        let model = self.model.as_deref().unwrap_or("ecoindex");
        if model.trim().eq_ignore_ascii_case("ecoindex") {
            let (r, fp) = EcoIndexRequest {
                dom_elements: self.dom_elements,
                requests: self.requests,
                size_kb: self.size_kb,
                exclude_terminals: self.exclude_terminals,
            }
            .evaluate()?;
            return Ok((PageEstimate::EcoIndex(r), fp));
        }
        let (r, fp) = self.web()?;
        Ok((PageEstimate::Web(r), fp))
    }

    /// By a bytes-based model (`model` absent: SWD v4), from `bytes` or `size_kb`.
    pub fn web(&self) -> Result<(WebEstimate, ServiceFootprint), ServiceError> {
        let o = self.web_options()?;
        let bytes = self
            .bytes
            .or(self.size_kb.map(|kb| kb * 1000.0))
            .unwrap_or(f64::NAN);
        let r = web::estimate(bytes, &o)?;
        let fp = r.footprint(self.exclude_terminals);
        Ok((r, fp))
    }

    /// The options of a bytes-based model (`model` absent: SWD v4): everything but the bytes.
    pub(crate) fn web_options(&self) -> Result<WebOptions, ServiceError> {
        let model = match &self.model {
            Some(m) => WebModel::from_id(m)?,
            None => WebModel::default(),
        };
        refuse(
            model.id(),
            &[
                ("dom_elements", self.dom_elements.is_some()),
                ("requests", self.requests.is_some()),
            ],
            &[],
        )?;
        let mut o = WebOptions {
            model,
            green_hosting: self.green_hosting,
            green_hosting_factor: self.green_hosting_factor,
            per_visit: self.per_visit.unwrap_or(model != WebModel::OneByte),
            data_reload_ratio: self.data_reload_ratio,
            ..Default::default()
        };
        if let Some(r) = self.returning_visitors {
            o = o.with_returning_visitors(r)?;
            o.per_visit = self.per_visit.unwrap_or(true);
        }
        o.first_visit_share = self.first_visit_share.or(o.first_visit_share);
        o.return_visit_share = self.return_visit_share.or(o.return_visit_share);
        let all = grid(&self.grid)?;
        o.device_grid = grid(&self.device_grid)?.or_else(|| all.clone());
        o.network_grid = grid(&self.network_grid)?.or_else(|| all.clone());
        o.data_centre_grid = grid(&self.data_centre_grid)?.or(all);
        Ok(o)
    }
}

/// The JSON of a page view, as `empreinte page --format json`: `{"ecoindex", "footprint"}` or
/// `{"estimate", "footprint"}`.
pub fn page_json(estimate: &PageEstimate, footprint: &ServiceFootprint) -> Value {
    match estimate {
        PageEstimate::EcoIndex(r) => json!({ "ecoindex": r, "footprint": footprint }),
        PageEstimate::Web(r) => json!({ "estimate": r, "footprint": footprint }),
    }
}

/// Data transferred over a network (the dataset's per-GB factors), times `uses`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TransferRequest {
    /// GB transferred per use (required).
    pub gb: Option<f64>,
    /// Default `fixed_fr`.
    pub network: Option<String>,
    /// Number of uses (default 1).
    pub uses: Option<f64>,
}

impl TransferRequest {
    /// The transfer as a footprint, for `uses` uses.
    pub fn evaluate(&self, ds: &Dataset) -> Result<ServiceFootprint, ServiceError> {
        let n = uses(self.uses)?;
        let net = self.network.as_deref().unwrap_or("fixed_fr");
        Ok(network::transfer(ds, self.gb.unwrap_or(f64::NAN), net)?.times(n))
    }
}

/// The services of ADEME's per-use model.
pub const PER_USE_SERVICES: [&str; 5] =
    ["email", "visio", "streaming", "web_search", "file_transfer"];

/// One use of a service by ADEME's model, times `uses`: every service's parameters (each
/// service reads its own and refuses the others) and the model's options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PerUseRequest {
    // email
    /// Size of the e-mail (MB); default [`Email::default`]'s, as every e-mail field.
    pub size_mb: Option<f64>,
    /// Number of recipients.
    pub recipients: Option<f64>,
    /// Years the e-mail is stored.
    pub storage_years: Option<f64>,
    /// Copies kept on the sender's side.
    pub sender_backups: Option<f64>,
    /// Copies kept per recipient.
    pub receiver_backups: Option<f64>,
    /// Share of the mail servers' storage in use (above 0, at most 1).
    pub storage_fill_rate: Option<f64>,
    /// E-mails per mailbox and day (allocates the mail server).
    pub mails_per_person_per_day: Option<f64>,
    /// Minutes spent writing it.
    pub writing_minutes: Option<f64>,
    /// Minutes each recipient spends reading it.
    pub reading_minutes_per_recipient: Option<f64>,
    /// Share of the recipients who read it (0 to 1).
    pub read_share: Option<f64>,
    /// Network of the sender (a network id of the dataset).
    pub sender_network: Option<String>,
    /// Default: the sender's network.
    pub receiver_network: Option<String>,
    /// Network of the backup transfers.
    pub backup_network: Option<String>,
    // visio, streaming
    /// Duration of the meeting or the stream (minutes); defaults [`Visio::default`],
    /// [`Streaming::default`].
    pub minutes: Option<f64>,
    /// Connected devices of a video meeting.
    pub devices: Option<f64>,
    /// Video quality: `audio`, `sd`, `hd` or `ultra_hd`.
    pub quality: Option<String>,
    // web_search
    /// Minutes spent typing the query; defaults [`WebSearch::default`].
    pub typing_minutes: Option<f64>,
    /// Size of the request (kB of 1024 bytes).
    pub request_kb: Option<f64>,
    /// Size of a result page (kB of 1024 bytes).
    pub page_kb: Option<f64>,
    /// Minutes spent reading each page.
    pub reading_minutes: Option<f64>,
    /// Pages read.
    pub pages_read: Option<f64>,
    // file_transfer
    /// Size of the file (GB); default [`FileTransfer::default`]'s.
    pub size_gb: Option<f64>,
    // all but file_transfer (terminal), all but email (network)
    /// The device used ([`Terminal::from_id`]); default the model's mix for the service.
    pub terminal: Option<String>,
    /// Network (a network id of the dataset); default `fixed_fr`.
    pub network: Option<String>,
    // options of the model
    /// Year of the dataset's French electricity factor; default [`AdemeOptions::default`]'s.
    pub year: Option<i32>,
    /// Where terminals draw their electricity: `france` (default), `europe`, `china`, `usa`.
    pub terminal_region: Option<String>,
    /// Where data centres draw theirs: `france` (default), `europe`, `china`, `usa`.
    pub data_centre_region: Option<String>,
    /// Drop the terminal shares (the fleet already counts the devices).
    pub exclude_terminals: bool,
    /// Number of uses (default 1).
    pub uses: Option<f64>,
}

/// Sets each given field of `$input` on `$target`.
macro_rules! fill {
    ($target:ident, $input:ident, $($f:ident),*) => {
        $(if let Some(v) = $input.$f { $target.$f = v; })*
    };
}

impl PerUseRequest {
    fn given(&self) -> [(&'static str, bool); 24] {
        [
            ("size_mb", self.size_mb.is_some()),
            ("recipients", self.recipients.is_some()),
            ("storage_years", self.storage_years.is_some()),
            ("sender_backups", self.sender_backups.is_some()),
            ("receiver_backups", self.receiver_backups.is_some()),
            ("storage_fill_rate", self.storage_fill_rate.is_some()),
            (
                "mails_per_person_per_day",
                self.mails_per_person_per_day.is_some(),
            ),
            ("writing_minutes", self.writing_minutes.is_some()),
            (
                "reading_minutes_per_recipient",
                self.reading_minutes_per_recipient.is_some(),
            ),
            ("read_share", self.read_share.is_some()),
            ("sender_network", self.sender_network.is_some()),
            ("receiver_network", self.receiver_network.is_some()),
            ("backup_network", self.backup_network.is_some()),
            ("minutes", self.minutes.is_some()),
            ("devices", self.devices.is_some()),
            ("quality", self.quality.is_some()),
            ("typing_minutes", self.typing_minutes.is_some()),
            ("request_kb", self.request_kb.is_some()),
            ("page_kb", self.page_kb.is_some()),
            ("reading_minutes", self.reading_minutes.is_some()),
            ("pages_read", self.pages_read.is_some()),
            ("size_gb", self.size_gb.is_some()),
            ("terminal", self.terminal.is_some()),
            ("network", self.network.is_some()),
        ]
    }

    /// `kind`: one of [`PER_USE_SERVICES`]. The footprint is multiplied by `uses`.
    pub fn evaluate(&self, ds: &Dataset, kind: &str) -> Result<ServiceResult, ServiceError> {
        let Some(&service) = PER_USE_SERVICES.iter().find(|s| **s == kind) else {
            return Err(ServiceError::UnknownService {
                value: kind.to_string(),
                suggestion: suggest(kind, PER_USE_SERVICES),
            });
        };
        let reads: &[&str] = match service {
            "email" => &[
                "size_mb",
                "recipients",
                "storage_years",
                "sender_backups",
                "receiver_backups",
                "storage_fill_rate",
                "mails_per_person_per_day",
                "writing_minutes",
                "reading_minutes_per_recipient",
                "read_share",
                "sender_network",
                "receiver_network",
                "backup_network",
                "terminal",
            ],
            "visio" => &["minutes", "devices", "quality", "terminal", "network"],
            "streaming" => &["minutes", "quality", "terminal", "network"],
            "web_search" => &[
                "typing_minutes",
                "request_kb",
                "page_kb",
                "reading_minutes",
                "pages_read",
                "terminal",
                "network",
            ],
            _ => &["size_gb", "network"],
        };
        refuse(service, &self.given(), reads)?;
        let n = uses(self.uses)?;
        let mut o = AdemeOptions {
            exclude_terminals: self.exclude_terminals,
            ..Default::default()
        };
        o.year = self.year.unwrap_or(o.year);
        if let Some(r) = &self.terminal_region {
            o.terminal_region = Region::from_id(r)?;
        }
        if let Some(r) = &self.data_centre_region {
            o.data_centre_region = Region::from_id(r)?;
        }
        let terminal = self
            .terminal
            .as_deref()
            .map(Terminal::from_id)
            .transpose()?;
        let quality = self
            .quality
            .as_deref()
            .map(VideoQuality::from_id)
            .transpose()?;
        let p = self.clone();
        let mut r = match service {
            "email" => {
                let mut e = Email::default();
                fill!(
                    e,
                    p,
                    size_mb,
                    recipients,
                    storage_years,
                    sender_backups,
                    receiver_backups,
                    storage_fill_rate,
                    mails_per_person_per_day,
                    writing_minutes,
                    reading_minutes_per_recipient,
                    read_share,
                    sender_network,
                    backup_network
                );
                e.receiver_network = p
                    .receiver_network
                    .unwrap_or_else(|| e.sender_network.clone());
                e.terminal = terminal.unwrap_or(e.terminal);
                ademe::email(ds, &e, &o)
            }
            "visio" => {
                let mut v = Visio::default();
                fill!(v, p, minutes, devices, network);
                v.quality = quality.unwrap_or(v.quality);
                v.terminal = terminal.unwrap_or(v.terminal);
                ademe::visio(ds, &v, &o)
            }
            "streaming" => {
                let mut s = Streaming::default();
                fill!(s, p, minutes, network);
                s.quality = quality.unwrap_or(s.quality);
                s.terminal = terminal.unwrap_or(s.terminal);
                ademe::streaming(ds, &s, &o)
            }
            "web_search" => {
                let mut s = WebSearch::default();
                fill!(
                    s,
                    p,
                    typing_minutes,
                    request_kb,
                    page_kb,
                    reading_minutes,
                    pages_read,
                    network
                );
                s.terminal = terminal.unwrap_or(s.terminal);
                ademe::web_search(ds, &s, &o)
            }
            _ => {
                let mut f = FileTransfer::default();
                fill!(f, p, size_gb, network);
                ademe::file_transfer(ds, &f, &o)
            }
        }?;
        r.footprint = r.footprint.times(n);
        Ok(r)
    }
}

/// The data-centre tier of a three-tier service; every field defaults to ADEME's model.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataCentreRequest {
    /// Electricity per GB served (kWh/GB).
    pub kwh_per_gb: Option<f64>,
    /// Electricity per hour of use (kWh/h).
    pub kwh_per_hour: Option<f64>,
    /// Embodied carbon per GB served (kgCO2e/GB).
    pub embodied_kgco2e_per_gb: Option<f64>,
    /// Default: the dataset's default zone.
    pub country: Option<String>,
}

/// Any service in three tiers (terminals, network, data centre).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThreeTierRequest {
    /// Free name of the service; default `service`.
    pub service: Option<String>,
    /// Number of uses; default 1.
    pub uses: Option<f64>,
    /// Hours of terminal use per use; default 0.
    pub hours_per_use: Option<f64>,
    /// The same duration in minutes (not with `hours_per_use`).
    pub minutes_per_use: Option<f64>,
    /// GB transferred per use; default 0.
    pub gb_per_use: Option<f64>,
    /// A dataset category (`laptop`, "PC portable"...); absent: no terminal tier.
    pub terminal: Option<String>,
    /// Country of the terminals' electricity; default the dataset's default zone.
    pub terminal_country: Option<String>,
    /// Default `fixed_fr`; `null`: no network tier.
    #[serde(deserialize_with = "present")]
    pub network: Option<Option<String>>,
    /// `null`: no data-centre tier.
    #[serde(deserialize_with = "present")]
    pub data_centre: Option<Option<DataCentreRequest>>,
    /// Reporting year, for the electricity vintage; default
    /// [`REPORTING_YEAR`](crate::defaults::REPORTING_YEAR).
    pub year: Option<i32>,
    /// Drop the terminal shares (the fleet already counts the devices).
    pub exclude_terminals: bool,
}

impl ThreeTierRequest {
    /// The model's input, every unset field at its default; a duration given both in hours and
    /// in minutes is refused.
    pub fn service(&self) -> Result<ThreeTier, ServiceError> {
        let mut s = self.clone();
        s.hours_per_use = match (s.hours_per_use, s.minutes_per_use) {
            (Some(_), Some(_)) => {
                return Err(ServiceError::Conflict {
                    fields: ("hours_per_use", "minutes_per_use"),
                })
            }
            (h, None) => h,
            (None, Some(m)) => Some(m / MINUTES_PER_HOUR),
        };
        let mut t = ThreeTier {
            terminal: s.terminal,
            terminal_country: s.terminal_country,
            exclude_terminals: s.exclude_terminals,
            ..ThreeTier::default()
        };
        fill!(
            t,
            s,
            service,
            uses,
            hours_per_use,
            gb_per_use,
            year,
            network
        );
        if let Some(dc) = s.data_centre {
            t.data_centre = dc.map(|d| {
                let mut tier = DataCentreTier::default();
                fill!(tier, d, kwh_per_gb, kwh_per_hour, embodied_kgco2e_per_gb);
                tier.country = d.country;
                tier
            });
        }
        Ok(t)
    }

    /// The service's footprint over its `uses`.
    pub fn evaluate(&self, ds: &Dataset) -> Result<ServiceFootprint, ServiceError> {
        three_tier::evaluate(ds, &self.service()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> &'static Dataset {
        Dataset::embedded("ademe-negaoctet-2022").unwrap()
    }

    fn parse<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, serde_json::Error> {
        serde_json::from_value(v)
    }

    #[test]
    fn a_missing_number_names_its_field() {
        let eco: EcoIndexRequest = parse(json!({"dom_elements": 100, "requests": 10})).unwrap();
        let e = eco.evaluate().unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("service_invalid_number", Some("size_kb"))
        );
        let page: PageRequest = parse(json!({"model": "swd4"})).unwrap();
        let e = page.evaluate().unwrap_err();
        assert_eq!(e.field(), Some("bytes"));
        let t: TransferRequest = parse(json!({"network": "mobile_fr"})).unwrap();
        assert_eq!(t.evaluate(ds()).unwrap_err().field(), Some("gb"));
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(parse::<PageRequest>(json!({"bytes": 1, "colour": "red"})).is_err());
        assert!(parse::<EcoIndexRequest>(json!({"bytes": 1})).is_err());
        assert!(parse::<TransferRequest>(json!({"gb": 1, "year": 2025})).is_err());
        assert!(parse::<PerUseRequest>(json!({"fax": true})).is_err());
        assert!(parse::<ThreeTierRequest>(json!({"data_centre": {"pue": 1.5}})).is_err());
        assert!(parse::<PageRequest>(json!({"grid": true})).is_err());
    }

    #[test]
    fn a_field_of_another_service_is_refused() {
        let p: PerUseRequest = parse(json!({"minutes": 3})).unwrap();
        let e = p.evaluate(ds(), "email").unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_input", Some("minutes")));
        let e = p.evaluate(ds(), "fax").unwrap_err();
        assert_eq!((e.code(), e.field()), ("unknown_service", Some("kind")));
        let page: PageRequest = parse(json!({"model": "swd4", "bytes": 1, "requests": 3})).unwrap();
        assert_eq!(page.evaluate().unwrap_err().field(), Some("requests"));
    }

    #[test]
    fn the_shapes_both_bindings_send_parse() {
        // Python's `page` (model, shared grid, returning visitors) and JS's `webPage`.
        let py: PageRequest = parse(json!({"model": "swd3", "size_kb": 850, "returning_visitors": 0.4,
            "grid": "FR", "data_centre_grid": 50.0, "green_hosting": false, "exclude_terminals": false}))
        .unwrap();
        let (PageEstimate::Web(r), _) = py.evaluate().unwrap() else {
            panic!("a bytes-based model")
        };
        assert!(r.per_visit);
        let js: PageRequest =
            parse(json!({"bytes": 2_000_000, "per_visit": false, "device_grid": "FR"})).unwrap();
        let (r, _) = js.web().unwrap();
        assert_eq!(r.model, WebModel::Swd4);
        let e = PageRequest::default().evaluate().unwrap_err();
        assert_eq!(
            e.field(),
            Some("dom_elements"),
            "EcoIndex without its metrics"
        );
        let (eco, _) =
            parse::<EcoIndexRequest>(json!({"dom_elements": 600, "requests": 60, "size_kb": 1500}))
                .unwrap()
                .evaluate()
                .unwrap();
        assert_eq!(eco.grade, "D");
        // JS's `digitalService` (options inside) and Python's (options set by the binding).
        let mail: PerUseRequest =
            parse(json!({"size_mb": 2, "recipients": 5, "terminal": "laptop",
            "uses": 100, "year": 2024, "terminal_region": "europe", "exclude_terminals": true}))
            .unwrap();
        let r = mail.evaluate(ds(), "email").unwrap();
        assert_eq!(r.footprint.uses, 100.0);
        assert!(r.footprint.terminals_excluded);
        let e = parse::<PerUseRequest>(json!({"uses": -1}))
            .unwrap()
            .evaluate(ds(), "visio");
        assert_eq!(e.unwrap_err().field(), Some("uses"));
        let t: TransferRequest =
            parse(json!({"gb": 2, "network": "mobile_fr", "uses": 10})).unwrap();
        assert_eq!(t.evaluate(ds()).unwrap().uses, 10.0);
        // Three tiers, with a tier asked away by `null`.
        let three: ThreeTierRequest = parse(json!({"service": "teleprocedure", "uses": 5000,
            "hours_per_use": 0.25, "gb_per_use": 0.02, "terminal": "laptop", "network": null,
            "data_centre": {"country": "FR"}, "year": 2025, "exclude_terminals": false}))
        .unwrap();
        let s = three.service().unwrap();
        assert_eq!(s.network, None);
        assert_eq!(
            s.data_centre.as_ref().unwrap().country.as_deref(),
            Some("FR")
        );
        assert!(three.evaluate(ds()).is_ok());
        let none: ThreeTierRequest = parse(json!({"data_centre": null})).unwrap();
        assert!(none.service().unwrap().data_centre.is_none());
        assert_eq!(
            ThreeTierRequest::default().service(),
            Ok(ThreeTier::default())
        );
        let minutes: ThreeTierRequest = parse(json!({"minutes_per_use": 15})).unwrap();
        assert_eq!(minutes.service().unwrap().hours_per_use, 0.25);
        let both: ThreeTierRequest =
            parse(json!({"minutes_per_use": 15, "hours_per_use": 0.25})).unwrap();
        assert_eq!(both.service().unwrap_err().code(), "conflicting_fields");
    }
}
