//! Digital services: a web page (EcoIndex, Sustainable Web Design v4/v3, OneByte), ADEME's
//! per-use services (e-mail, video meeting, streaming, web search, file transfer), data transfer
//! over a network, and the generic three-tier model. Parameters come as dicts read by serde into
//! the input structs below (every field optional: the core's defaults fill the gaps; a field
//! that does not apply to the service is refused). Results are the CLI's JSON.

use crate::pyvalue::{self, ReadError};
use crate::{errors, to_json, PyDataset};
use empreinte::services::{
    ademe, network, three_tier, AdemeOptions, DataCentreTier, EcoIndex, EcoIndexInput, Email,
    FileTransfer, GridIntensity, Region, ServiceError, Streaming, Terminal, ThreeTier,
    VideoQuality, Visio, WebModel, WebOptions, WebSearch,
};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Sets each given field of `$input` on `$target`.
macro_rules! fill {
    ($target:ident, $input:ident, $($f:ident),*) => {
        $(if let Some(v) = $input.$f { $target.$f = v; })*
    };
}

fn read<T: DeserializeOwned>(py: Python<'_>, what: &str, obj: &Bound<'_, PyAny>) -> PyResult<T> {
    pyvalue::read(obj).map_err(|e: ReadError| errors::shape(py, "ServiceError", what, None, e))
}

fn run<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, ServiceError>) -> PyResult<T> {
    errors::catch(f)
        .map_err(|m| errors::internal(py, &m))?
        .map_err(|e| errors::service(py, &e))
}

/// A grid intensity: gCO2e/kWh, or a country or Ember region.
#[derive(Deserialize)]
#[serde(untagged)]
enum GridIn {
    Given(f64),
    Country(String),
}

fn grid(g: Option<GridIn>) -> Result<Option<GridIntensity>, ServiceError> {
    Ok(match g {
        None => None,
        Some(GridIn::Given(v)) => Some(GridIntensity::given(v)?),
        Some(GridIn::Country(c)) => Some(GridIntensity::country(&c)?),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct PageIn {
    model: Option<String>,
    dom_elements: Option<f64>,
    requests: Option<f64>,
    size_kb: Option<f64>,
    bytes: Option<f64>,
    green_hosting: bool,
    green_hosting_factor: Option<f64>,
    /// Per page view rather than per byte (default: per view, except OneByte).
    per_visit: Option<bool>,
    /// Per visit, with this share of returning visitors (first visits: the rest).
    returning_visitors: Option<f64>,
    first_visit_share: Option<f64>,
    return_visit_share: Option<f64>,
    data_reload_ratio: Option<f64>,
    /// Grid of every segment, then of each one.
    grid: Option<GridIn>,
    device_grid: Option<GridIn>,
    network_grid: Option<GridIn>,
    data_centre_grid: Option<GridIn>,
    exclude_terminals: bool,
}

/// One page view: `{"ecoindex", "footprint"}` for EcoIndex, `{"estimate", "footprint"}` for
/// the bytes-based models (as `empreinte page --format json`). A missing number is NaN, which
/// the core refuses with the field's name.
#[pyfunction]
pub fn page(py: Python<'_>, params: &Bound<'_, PyAny>) -> PyResult<String> {
    let a: PageIn = read(py, "page", params)?;
    let model = a.model.as_deref().unwrap_or("ecoindex");
    if model.trim().eq_ignore_ascii_case("ecoindex") {
        let (r, fp) = run(py, || {
            let r = EcoIndex::compute(EcoIndexInput {
                dom_elements: a.dom_elements.unwrap_or(f64::NAN),
                requests: a.requests.unwrap_or(f64::NAN),
                size_kb: a.size_kb.unwrap_or(f64::NAN),
            })?;
            let fp = r.footprint(a.exclude_terminals)?;
            Ok((r, fp))
        })?;
        return to_json(&serde_json::json!({ "ecoindex": r, "footprint": fp }));
    }
    let bytes = a
        .bytes
        .or(a.size_kb.map(|kb| kb * 1000.0))
        .unwrap_or(f64::NAN);
    let (r, fp) = run(py, || {
        let model = WebModel::from_id(model)?;
        let mut o = WebOptions {
            model,
            green_hosting: a.green_hosting,
            green_hosting_factor: a.green_hosting_factor,
            per_visit: a.per_visit.unwrap_or(model != WebModel::OneByte),
            data_reload_ratio: a.data_reload_ratio,
            ..Default::default()
        };
        if let Some(r) = a.returning_visitors {
            o = o.with_returning_visitors(r)?;
            o.per_visit = a.per_visit.unwrap_or(true);
        }
        if let Some(f) = a.first_visit_share {
            o.first_visit_share = Some(f);
        }
        if let Some(f) = a.return_visit_share {
            o.return_visit_share = Some(f);
        }
        if let Some(g) = grid(a.grid)? {
            o.device_grid = Some(g.clone());
            o.network_grid = Some(g.clone());
            o.data_centre_grid = Some(g);
        }
        for (slot, g) in [
            (&mut o.device_grid, a.device_grid),
            (&mut o.network_grid, a.network_grid),
            (&mut o.data_centre_grid, a.data_centre_grid),
        ] {
            if let Some(g) = grid(g)? {
                *slot = Some(g);
            }
        }
        let r = empreinte::services::web::estimate(bytes, &o)?;
        let fp = r.footprint(a.exclude_terminals);
        Ok((r, fp))
    })?;
    to_json(&serde_json::json!({ "estimate": r, "footprint": fp }))
}

/// Options shared by every service.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommonIn {
    year: i32,
    terminal_region: String,
    data_centre_region: String,
    exclude_terminals: bool,
    uses: f64,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct EmailIn {
    size_mb: Option<f64>,
    recipients: Option<f64>,
    storage_years: Option<f64>,
    sender_backups: Option<f64>,
    receiver_backups: Option<f64>,
    storage_fill_rate: Option<f64>,
    mails_per_person_per_day: Option<f64>,
    writing_minutes: Option<f64>,
    reading_minutes_per_recipient: Option<f64>,
    read_share: Option<f64>,
    terminal: Option<String>,
    sender_network: Option<String>,
    /// Default: the sender's network.
    receiver_network: Option<String>,
    backup_network: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct VisioIn {
    minutes: Option<f64>,
    devices: Option<f64>,
    quality: Option<String>,
    terminal: Option<String>,
    network: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct StreamingIn {
    minutes: Option<f64>,
    quality: Option<String>,
    terminal: Option<String>,
    network: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct SearchIn {
    typing_minutes: Option<f64>,
    request_kb: Option<f64>,
    page_kb: Option<f64>,
    reading_minutes: Option<f64>,
    pages_read: Option<f64>,
    terminal: Option<String>,
    network: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct FileIn {
    size_gb: Option<f64>,
    network: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct TransferIn {
    gb: Option<f64>,
    network: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct DataCentreIn {
    kwh_per_gb: Option<f64>,
    kwh_per_hour: Option<f64>,
    embodied_kgco2e_per_gb: Option<f64>,
    country: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct ThreeTierIn {
    service: Option<String>,
    hours_per_use: Option<f64>,
    gb_per_use: Option<f64>,
    /// A dataset category (laptop, "PC portable"...).
    terminal: Option<String>,
    terminal_country: Option<String>,
    /// `None`: no network tier.
    #[serde(deserialize_with = "present")]
    network: Option<Option<String>>,
    /// `None`: no data-centre tier.
    #[serde(deserialize_with = "present")]
    data_centre: Option<Option<DataCentreIn>>,
}

/// `Some(None)` when the key is present and `None`.
fn present<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

fn parse<T>(
    v: Option<String>,
    f: fn(&str) -> Result<T, ServiceError>,
) -> Result<Option<T>, ServiceError> {
    v.as_deref().map(f).transpose()
}

/// One use of a service, times `uses`. ADEME's model (`email`, `visio`, `streaming`,
/// `web_search`, `file_transfer`) gives the service result, as `empreinte service KIND --format
/// json`; `transfer` (the dataset's per-GB factors) and `three_tier` give `{"footprint"}`.
#[pyfunction]
pub fn service(
    py: Python<'_>,
    dataset: &PyDataset,
    kind: &str,
    params: &Bound<'_, PyAny>,
    common: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let ds = dataset.ds();
    let c: CommonIn = read(py, "service options", common)?;
    let what = format!("{kind} parameters");
    let options = || -> Result<AdemeOptions, ServiceError> {
        Ok(AdemeOptions {
            year: c.year,
            terminal_region: Region::from_id(&c.terminal_region)?,
            data_centre_region: Region::from_id(&c.data_centre_region)?,
            exclude_terminals: c.exclude_terminals,
        })
    };
    let uses = || -> Result<f64, ServiceError> {
        if c.uses.is_finite() && c.uses >= 0.0 {
            Ok(c.uses)
        } else {
            Err(ServiceError::InvalidNumber {
                field: "uses",
                value: c.uses,
                expected: "a finite number >= 0".into(),
            })
        }
    };
    let mut result = match kind {
        "email" => {
            let p: EmailIn = read(py, &what, params)?;
            run(py, || {
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
                e.terminal = parse(p.terminal, Terminal::from_id)?.unwrap_or(e.terminal);
                ademe::email(ds, &e, &options()?)
            })?
        }
        "visio" => {
            let p: VisioIn = read(py, &what, params)?;
            run(py, || {
                let mut v = Visio::default();
                fill!(v, p, minutes, devices, network);
                v.quality = parse(p.quality, VideoQuality::from_id)?.unwrap_or(v.quality);
                v.terminal = parse(p.terminal, Terminal::from_id)?.unwrap_or(v.terminal);
                ademe::visio(ds, &v, &options()?)
            })?
        }
        "streaming" => {
            let p: StreamingIn = read(py, &what, params)?;
            run(py, || {
                let mut s = Streaming::default();
                fill!(s, p, minutes, network);
                s.quality = parse(p.quality, VideoQuality::from_id)?.unwrap_or(s.quality);
                s.terminal = parse(p.terminal, Terminal::from_id)?.unwrap_or(s.terminal);
                ademe::streaming(ds, &s, &options()?)
            })?
        }
        "web_search" => {
            let p: SearchIn = read(py, &what, params)?;
            run(py, || {
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
                s.terminal = parse(p.terminal, Terminal::from_id)?.unwrap_or(s.terminal);
                ademe::web_search(ds, &s, &options()?)
            })?
        }
        "file_transfer" => {
            let p: FileIn = read(py, &what, params)?;
            run(py, || {
                let mut f = FileTransfer::default();
                fill!(f, p, size_gb, network);
                ademe::file_transfer(ds, &f, &options()?)
            })?
        }
        "transfer" => {
            let p: TransferIn = read(py, &what, params)?;
            let net = p.network.unwrap_or_else(|| "fixed_fr".into());
            let fp = run(py, || {
                let n = uses()?;
                network::transfer(ds, p.gb.unwrap_or(f64::NAN), &net).map(|f| f.times(n))
            })?;
            return to_json(&serde_json::json!({ "footprint": fp }));
        }
        "three_tier" => {
            let p: ThreeTierIn = read(py, &what, params)?;
            let mut t = ThreeTier {
                uses: c.uses,
                year: c.year,
                exclude_terminals: c.exclude_terminals,
                terminal: p.terminal,
                terminal_country: p.terminal_country,
                ..ThreeTier::default()
            };
            fill!(t, p, service, hours_per_use, gb_per_use, network);
            match p.data_centre {
                Some(None) => t.data_centre = None,
                Some(Some(d)) => {
                    let mut tier = DataCentreTier::default();
                    fill!(tier, d, kwh_per_gb, kwh_per_hour, embodied_kgco2e_per_gb);
                    tier.country = d.country;
                    t.data_centre = Some(tier);
                }
                None => {}
            }
            let fp = run(py, || three_tier::evaluate(ds, &t))?;
            return to_json(&serde_json::json!({ "footprint": fp }));
        }
        other => {
            return Err(errors::input(
                py,
                "ServiceError",
                "unknown_service",
                Some("kind"),
                &format!(
                    "unknown service {other:?}; expected email, visio, streaming, web_search, \
                     file_transfer, transfer or three_tier"
                ),
            ))
        }
    };
    let n = run(py, uses)?;
    result.footprint = result.footprint.times(n);
    to_json(&result)
}
