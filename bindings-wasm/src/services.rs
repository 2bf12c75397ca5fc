//! Digital services: web pages (EcoIndex, Sustainable Web Design v4/v3, OneByte), data
//! transfer, ADEME's per-use services (e-mail, video meeting, streaming, web search, file
//! transfer) and the generic three-tier model. Every input field is optional: the model's
//! defaults fill the gaps; names and enums are parsed by the core (with suggestions).

use crate::error::JsError;
use crate::json::{from_js, required, to_js};
use empreinte::services::{
    ademe, network, three_tier, AdemeOptions, DataCentreTier, EcoIndex, EcoIndexInput, Email,
    FileTransfer, GridIntensity, Region, ServiceError, Streaming, Terminal, ThreeTier,
    VideoQuality, Visio, WebModel, WebOptions, WebSearch,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

type R<T> = Result<T, JsError>;

/// Sets each given field of `$input` on `$target`.
macro_rules! fill {
    ($target:ident, $input:ident, $($f:ident),*) => {
        $(if let Some(v) = $input.$f { $target.$f = v; })*
    };
}

/// A grid intensity: gCO2e/kWh, or a country (Ember's yearly average).
#[derive(Deserialize)]
#[serde(untagged)]
enum GridIn {
    Given(f64),
    Country(String),
}

fn grid(g: Option<GridIn>) -> R<Option<GridIntensity>> {
    Ok(match g {
        None => None,
        Some(GridIn::Given(v)) => Some(GridIntensity::given(v)?),
        Some(GridIn::Country(c)) => Some(GridIntensity::country(&c)?),
    })
}

/// A page view for the bytes-based models: the core's `WebOptions`, field for field.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct WebPageIn {
    bytes: Option<f64>,
    size_kb: Option<f64>,
    model: Option<String>,
    green_hosting: bool,
    green_hosting_factor: Option<f64>,
    /// Per visit (first and returning visits, cache) rather than for the bytes as given.
    per_visit: bool,
    first_visit_share: Option<f64>,
    return_visit_share: Option<f64>,
    data_reload_ratio: Option<f64>,
    /// Grid of each segment: gCO2e/kWh or a country.
    device_grid: Option<GridIn>,
    network_grid: Option<GridIn>,
    data_centre_grid: Option<GridIn>,
    exclude_terminals: bool,
}

#[derive(Serialize)]
struct WithFootprint<E: Serialize> {
    estimate: E,
    footprint: empreinte::ServiceFootprint,
}

/// Bytes transferred by a page view, by a bytes-based model (SWD v4 by default). Declared
/// in `ts_more.rs`.
#[wasm_bindgen(js_name = webPage, skip_typescript)]
pub fn web_page(page: JsValue) -> Result<JsValue, JsValue> {
    let a: WebPageIn = required(&page, "web page")?;
    let model = match &a.model {
        Some(m) => WebModel::from_id(m).map_err(JsError::from)?,
        None => WebModel::default(),
    };
    let bytes = match (a.bytes, a.size_kb) {
        (Some(b), _) => b,
        (None, Some(kb)) => kb * 1000.0,
        (None, None) => {
            return Err(JsError::input(
                "invalid_input",
                "invalid web page: give the bytes transferred (bytes or size_kb)".into(),
            )
            .into())
        }
    };
    let o = WebOptions {
        model,
        green_hosting: a.green_hosting,
        green_hosting_factor: a.green_hosting_factor,
        device_grid: grid(a.device_grid)?,
        network_grid: grid(a.network_grid)?,
        data_centre_grid: grid(a.data_centre_grid)?,
        per_visit: a.per_visit,
        first_visit_share: a.first_visit_share,
        return_visit_share: a.return_visit_share,
        data_reload_ratio: a.data_reload_ratio,
    };
    let r = empreinte::services::web::estimate(bytes, &o).map_err(JsError::from)?;
    let footprint = r.footprint(a.exclude_terminals);
    Ok(to_js(&WithFootprint {
        estimate: r,
        footprint,
    })?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EcoIndexIn {
    // A missing number is NaN, which the core refuses with the field's name (as in Python).
    #[serde(default)]
    dom_elements: Option<f64>,
    #[serde(default)]
    requests: Option<f64>,
    #[serde(default)]
    size_kb: Option<f64>,
    #[serde(default)]
    exclude_terminals: bool,
}

/// EcoIndex of a page: score, grade, greenhouse gases and water per page view. Declared in
/// `ts_more.rs`.
#[wasm_bindgen(js_name = ecoIndex, skip_typescript)]
pub fn eco_index(page: JsValue) -> Result<JsValue, JsValue> {
    let p: EcoIndexIn = required(&page, "EcoIndex page")?;
    let r = EcoIndex::compute(EcoIndexInput {
        dom_elements: p.dom_elements.unwrap_or(f64::NAN),
        requests: p.requests.unwrap_or(f64::NAN),
        size_kb: p.size_kb.unwrap_or(f64::NAN),
    })
    .map_err(JsError::from)?;
    let footprint = r.footprint(p.exclude_terminals).map_err(JsError::from)?;
    Ok(to_js(&WithFootprint {
        estimate: r,
        footprint,
    })?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransferIn {
    gb: f64,
    #[serde(default)]
    network: Option<String>,
    #[serde(default)]
    uses: Option<f64>,
}

fn uses(u: Option<f64>) -> R<f64> {
    let u = u.unwrap_or(1.0);
    if u.is_finite() && u >= 0.0 {
        Ok(u)
    } else {
        Err(ServiceError::InvalidNumber {
            field: "uses",
            value: u,
            expected: "a finite number >= 0".into(),
        }
        .into())
    }
}

/// Data transferred over a network (the dataset's per-GB factors). Declared in `ts_more.rs`.
#[wasm_bindgen(js_name = dataTransfer, skip_typescript)]
pub fn data_transfer(transfer: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let t: TransferIn = required(&transfer, "data transfer")?;
    let n = uses(t.uses)?;
    let net = t.network.as_deref().unwrap_or("fixed_fr");
    let f = network::transfer(&ds, t.gb, net).map_err(JsError::from)?;
    Ok(to_js(&f.times(n))?)
}

/// Per-use parameters of ADEME's services (each service reads its own; others are refused).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct UseIn {
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
    sender_network: Option<String>,
    receiver_network: Option<String>,
    backup_network: Option<String>,
    minutes: Option<f64>,
    devices: Option<f64>,
    quality: Option<String>,
    typing_minutes: Option<f64>,
    request_kb: Option<f64>,
    page_kb: Option<f64>,
    reading_minutes: Option<f64>,
    pages_read: Option<f64>,
    size_gb: Option<f64>,
    terminal: Option<String>,
    network: Option<String>,
    // Options of the model.
    year: Option<i32>,
    terminal_region: Option<String>,
    data_centre_region: Option<String>,
    exclude_terminals: bool,
    uses: Option<f64>,
}

fn unused(kind: &str, given: &[(&'static str, bool)]) -> R<()> {
    match given.iter().find(|(_, set)| *set) {
        Some((field, _)) => Err(JsError::input(
            "invalid_input",
            format!("invalid {kind}: field `{field}` does not apply to this service"),
        )),
        None => Ok(()),
    }
}

/// One use of a service by ADEME's model: `email`, `visio`, `streaming`, `web_search`,
/// `file_transfer`. Declared in `ts_more.rs`.
#[wasm_bindgen(js_name = digitalService, skip_typescript)]
pub fn digital_service(kind: &str, params: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let p: UseIn = from_js(&params, "service parameters")?;
    let n = uses(p.uses)?;
    let mut o = AdemeOptions {
        exclude_terminals: p.exclude_terminals,
        ..Default::default()
    };
    fill!(o, p, year);
    if let Some(r) = &p.terminal_region {
        o.terminal_region = Region::from_id(r).map_err(JsError::from)?;
    }
    if let Some(r) = &p.data_centre_region {
        o.data_centre_region = Region::from_id(r).map_err(JsError::from)?;
    }
    let terminal = p
        .terminal
        .as_deref()
        .map(Terminal::from_id)
        .transpose()
        .map_err(JsError::from)?;
    let quality = p
        .quality
        .as_deref()
        .map(VideoQuality::from_id)
        .transpose()
        .map_err(JsError::from)?;
    let email_only = [
        ("size_mb", p.size_mb.is_some()),
        ("recipients", p.recipients.is_some()),
        ("storage_years", p.storage_years.is_some()),
        ("sender_backups", p.sender_backups.is_some()),
        ("receiver_backups", p.receiver_backups.is_some()),
        ("storage_fill_rate", p.storage_fill_rate.is_some()),
        (
            "mails_per_person_per_day",
            p.mails_per_person_per_day.is_some(),
        ),
        ("writing_minutes", p.writing_minutes.is_some()),
        (
            "reading_minutes_per_recipient",
            p.reading_minutes_per_recipient.is_some(),
        ),
        ("read_share", p.read_share.is_some()),
        ("sender_network", p.sender_network.is_some()),
        ("receiver_network", p.receiver_network.is_some()),
        ("backup_network", p.backup_network.is_some()),
    ];
    let video = [
        ("minutes", p.minutes.is_some()),
        ("quality", quality.is_some()),
    ];
    let search = [
        ("typing_minutes", p.typing_minutes.is_some()),
        ("request_kb", p.request_kb.is_some()),
        ("page_kb", p.page_kb.is_some()),
        ("reading_minutes", p.reading_minutes.is_some()),
        ("pages_read", p.pages_read.is_some()),
    ];
    let what = "service parameters";
    let result = match kind {
        "email" => {
            unused(
                what,
                &[
                    video.as_slice(),
                    &search,
                    &[
                        ("size_gb", p.size_gb.is_some()),
                        ("devices", p.devices.is_some()),
                        ("network", p.network.is_some()),
                    ],
                ]
                .concat(),
            )?;
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
            ademe::email(&ds, &e, &o)
        }
        "visio" | "streaming" => {
            unused(
                what,
                &[
                    email_only.as_slice(),
                    &search,
                    &[("size_gb", p.size_gb.is_some())],
                ]
                .concat(),
            )?;
            if kind == "visio" {
                let mut v = Visio::default();
                fill!(v, p, minutes, devices, network);
                v.quality = quality.unwrap_or(v.quality);
                v.terminal = terminal.unwrap_or(v.terminal);
                ademe::visio(&ds, &v, &o)
            } else {
                unused(what, &[("devices", p.devices.is_some())])?;
                let mut s = Streaming::default();
                fill!(s, p, minutes, network);
                s.quality = quality.unwrap_or(s.quality);
                s.terminal = terminal.unwrap_or(s.terminal);
                ademe::streaming(&ds, &s, &o)
            }
        }
        "web_search" => {
            unused(
                what,
                &[
                    email_only.as_slice(),
                    &video,
                    &[
                        ("size_gb", p.size_gb.is_some()),
                        ("devices", p.devices.is_some()),
                    ],
                ]
                .concat(),
            )?;
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
            ademe::web_search(&ds, &s, &o)
        }
        "file_transfer" => {
            unused(
                what,
                &[
                    email_only.as_slice(),
                    &video,
                    &search,
                    &[
                        ("devices", p.devices.is_some()),
                        ("terminal", terminal.is_some()),
                    ],
                ]
                .concat(),
            )?;
            let mut f = FileTransfer::default();
            fill!(f, p, size_gb, network);
            ademe::file_transfer(&ds, &f, &o)
        }
        other => {
            return Err(JsError::input(
                "unknown_service",
                format!(
                    "unknown service {other:?}; expected email, visio, streaming, web_search or \
                     file_transfer"
                ),
            )
            .into())
        }
    };
    let mut r = result.map_err(JsError::from)?;
    r.footprint = r.footprint.times(n);
    Ok(to_js(&r)?)
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
    uses: Option<f64>,
    hours_per_use: Option<f64>,
    gb_per_use: Option<f64>,
    terminal: Option<String>,
    terminal_country: Option<String>,
    /// `null`: no network tier.
    #[serde(deserialize_with = "nullable")]
    network: Option<Option<String>>,
    /// `null`: no data-centre tier.
    #[serde(deserialize_with = "nullable")]
    data_centre: Option<Option<DataCentreIn>>,
    year: Option<i32>,
    exclude_terminals: bool,
}

/// `Some(None)` when the key is present and `null`.
fn nullable<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Any service in three tiers (terminals, network, data centre). Declared in `ts_more.rs`.
#[wasm_bindgen(js_name = threeTier, skip_typescript)]
pub fn three_tier(service: JsValue, dataset: JsValue) -> Result<JsValue, JsValue> {
    let ds = crate::dataset(&dataset)?;
    let s: ThreeTierIn = from_js(&service, "three-tier service")?;
    let mut t = ThreeTier::default();
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
    t.terminal = s.terminal;
    t.terminal_country = s.terminal_country;
    t.exclude_terminals = s.exclude_terminals;
    if let Some(dc) = s.data_centre {
        t.data_centre = dc.map(|d| {
            let mut tier = DataCentreTier::default();
            fill!(tier, d, kwh_per_gb, kwh_per_hour, embodied_kgco2e_per_gb);
            tier.country = d.country;
            tier
        });
    }
    Ok(to_js(
        &three_tier::evaluate(&ds, &t).map_err(JsError::from)?,
    )?)
}
