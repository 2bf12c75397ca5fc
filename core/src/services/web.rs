//! Web pages from bytes transferred: Sustainable Web Design v4 and v3, and OneByte, computed
//! as CO2.js 0.19.0 computes them (same constants, same operations in the same order).
//!
//! Sources: the Sustainable Web Design Model (sustainablewebdesign.org, v3 2022 and v4 2024);
//! The Shift Project, "Lean ICT" (2018) for OneByte; constants as CO2.js (Green Web Foundation,
//! Apache-2.0) ships them in `src/constants/index.js` and `src/1byte.js`. Grid intensities:
//! [`super::grid`] (Ember, CC BY-SA 4.0).
//!
//! Differences from CO2.js, on purpose: CO2.js silently falls back to defaults for an unknown
//! country or an out-of-range share (with a console warning); empreinte rejects them with a
//! typed error. CO2.js's segment fields ignore green hosting; empreinte's tiers include it, so
//! they sum to the total.

use super::footprint::{ServiceFootprint, Tier};
use super::grid::{self, GridIntensity, GridSource};
use super::{check, non_negative, ServiceError};
use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use serde::Serialize;

/// 1 GB = 10^9 bytes in every web model.
pub const BYTES_PER_GB: f64 = 1e9;

/// SWD v4 energy intensities (kWh/GB): operational and embodied, per segment (SWDM v4).
pub const SWD4_OPERATIONAL_KWH_PER_GB: [f64; 3] = [0.055, 0.059, 0.08]; // data centre, network, device
/// SWD v4 embodied energy intensities (kWh/GB): data centre, network, device.
pub const SWD4_EMBODIED_KWH_PER_GB: [f64; 3] = [0.012, 0.013, 0.081];
/// SWD v4 global grid intensity (gCO2e/kWh), fixed by the method; embodied emissions always use it.
pub const SWD4_GLOBAL_GRID_INTENSITY: f64 = 494.0;
/// SWD v4 rating thresholds (g per view): A+, A, B, C, D, E; above: F.
pub const SWD4_RATINGS: [f64; 6] = [0.04, 0.079, 0.145, 0.209, 0.278, 0.359];

/// SWD v3: 0.81 kWh/GB split device 52 %, network 14 %, production 19 %, data centre 15 %.
pub const SWD3_KWH_PER_GB: f64 = 0.81;
/// SWD v3 shares of the energy: device, network, production, data centre.
pub const SWD3_SHARES: [f64; 4] = [0.52, 0.14, 0.19, 0.15]; // device, network, production, data centre
/// SWD v3: a green data centre counts 50 gCO2e/kWh.
pub const SWD3_RENEWABLES_GRID_INTENSITY: f64 = 50.0;
/// SWD v3 per-visit defaults: first visits 75 %, returning 25 %, 2 % of data reloaded.
pub const SWD3_DEFAULT_VISITS: (f64, f64, f64) = (0.75, 0.25, 0.02);
/// SWD v3 rating thresholds (g per view): A+, A, B, C, D, E; above: F.
pub const SWD3_RATINGS: [f64; 6] = [0.095, 0.186, 0.341, 0.493, 0.656, 0.846];

/// OneByte (The Shift Project 2018): kWh per byte in data centres and networks (mean of wired,
/// wifi and 4G), and the fixed intensities CO2.js applies (519 grey, 475 network when green, 0 green DC).
pub const ONEBYTE_KWH_PER_BYTE_DC: f64 = 72e-12;
/// OneByte network energy (kWh per byte): the mean of wired, wifi and 4G.
pub const ONEBYTE_KWH_PER_BYTE_NETWORK: f64 = (429e-12 + 152e-12 + 884e-12) / 3.0;
/// OneByte grid intensity (gCO2e/kWh) when not hosted green.
pub const ONEBYTE_GREY_INTENSITY: f64 = 519.0;
/// OneByte network intensity (gCO2e/kWh) when hosted green (the data centre then counts 0).
pub const ONEBYTE_GREEN_NETWORK_INTENSITY: f64 = 475.0;

/// Which bytes-based model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WebModel {
    /// Sustainable Web Design v4 (2024), the default.
    #[default]
    Swd4,
    /// Sustainable Web Design v3 (2022).
    Swd3,
    /// The Shift Project's OneByte (2018), per byte only.
    OneByte,
}

impl WebModel {
    /// Stable id: `swd4`, `swd3`, `onebyte`.
    pub fn id(self) -> &'static str {
        match self {
            WebModel::Swd4 => "swd4",
            WebModel::Swd3 => "swd3",
            WebModel::OneByte => "onebyte",
        }
    }

    /// Parses an id (also `swdv4`, `swd`, `swdv3`, `1byte`), any case, dashes and underscores
    /// ignored.
    pub fn from_id(s: &str) -> Result<WebModel, ServiceError> {
        match s
            .trim()
            .to_lowercase()
            .replace(['-', '_', ' '], "")
            .as_str()
        {
            "swd4" | "swdv4" | "swd" => Ok(WebModel::Swd4),
            "swd3" | "swdv3" => Ok(WebModel::Swd3),
            "onebyte" | "1byte" => Ok(WebModel::OneByte),
            _ => Err(ServiceError::UnknownChoice {
                kind: "model",
                value: s.into(),
                known: "ecoindex, swd4, swd3, onebyte".into(),
                suggestion: super::suggest(s, ["swd4", "swd3", "onebyte", "ecoindex"]),
            }),
        }
    }
}

/// Options of the bytes-based models. Defaults are CO2.js's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WebOptions {
    /// The model.
    pub model: WebModel,
    /// The site is hosted green: SWD v4 drops data-centre operational emissions (factor 1),
    /// SWD v3 counts 50 g/kWh in the data centre, OneByte counts 0 there.
    pub green_hosting: bool,
    /// SWD v4 only: share (0..1) of data-centre operational emissions avoided (ignored when `green_hosting`).
    pub green_hosting_factor: Option<f64>,
    /// Grid of the device segment; `None` is the model's default.
    pub device_grid: Option<GridIntensity>,
    /// Grid of the network segment; `None` is the model's default.
    pub network_grid: Option<GridIntensity>,
    /// Grid of the data-centre segment; `None` is the model's default.
    pub data_centre_grid: Option<GridIntensity>,
    /// Per visit rather than per byte (weighted by the visit shares below).
    pub per_visit: bool,
    /// Share of first visits (v4 default 1, v3 0.75).
    pub first_visit_share: Option<f64>,
    /// Share of returning visits (v4 default 0, v3 0.25).
    pub return_visit_share: Option<f64>,
    /// Share of the bytes a returning visitor downloads again (v4 default 0, v3 0.02; SWDM's
    /// "data cache ratio" is 1 minus this).
    pub data_reload_ratio: Option<f64>,
}

impl WebOptions {
    /// Sets the three segments' grid to one country's (Ember) intensity.
    pub fn with_country(mut self, country: &str) -> Result<WebOptions, ServiceError> {
        let g = GridIntensity::country(country)?;
        self.device_grid = Some(g.clone());
        self.network_grid = Some(g.clone());
        self.data_centre_grid = Some(g);
        Ok(self)
    }

    /// Per visit, with a share of returning visitors (first visits = 1 - share).
    pub fn with_returning_visitors(mut self, share: f64) -> Result<WebOptions, ServiceError> {
        check("returning_visitors", share, 0.0, 1.0)?;
        self.per_visit = true;
        self.return_visit_share = Some(share);
        self.first_visit_share = Some(1.0 - share);
        Ok(self)
    }
}

/// One segment of a web estimate (grams CO2e, green hosting and visit weighting included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WebSegment {
    /// The tier of the segment.
    pub tier: Tier,
    /// Operational emissions (g).
    pub operational_gco2e: f64,
    /// Embodied emissions (g; 0 in SWD v3 and OneByte).
    pub embodied_gco2e: f64,
    /// Grid intensity used (gCO2e/kWh).
    pub grid_gco2e_per_kwh: f64,
    /// Where that intensity comes from.
    pub grid_source: GridSource,
}

/// A web estimate in CO2.js's terms: grams CO2e per byte count or per visit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WebEstimate {
    /// The model.
    pub model: WebModel,
    /// Bytes transferred.
    pub bytes: f64,
    /// Whether the figure is per visit (else per byte count).
    pub per_visit: bool,
    /// Whether the site is hosted green.
    pub green_hosting: bool,
    /// SWD v4: the factor applied to data-centre operational emissions.
    pub green_hosting_factor: Option<f64>,
    /// Share of first visits used (per visit only).
    pub first_visit_share: Option<f64>,
    /// Share of returning visits used (per visit only).
    pub return_visit_share: Option<f64>,
    /// Share of the bytes downloaded again on a return visit (per visit only).
    pub data_reload_ratio: Option<f64>,
    /// The total, as CO2.js gives it.
    pub total_gco2e: f64,
    /// SWD rating of the total (A+ to F); none for OneByte.
    pub rating: Option<&'static str>,
    /// The segments, one per tier.
    pub segments: Vec<WebSegment>,
    /// Version of CO2.js this reproduces, and of its grid data.
    pub reproduces: String,
}

fn rating(total: f64, scale: &[f64; 6]) -> &'static str {
    const GRADES: [&str; 6] = ["A+", "A", "B", "C", "D", "E"];
    for (g, limit) in GRADES.iter().zip(scale) {
        if total <= *limit {
            return g;
        }
    }
    "F"
}

fn grid_or(g: &Option<GridIntensity>, default: f64) -> (f64, GridSource) {
    match g {
        Some(g) => (g.gco2e_per_kwh, g.source.clone()),
        None => (default, GridSource::ModelDefault),
    }
}

/// Estimates the emissions of transferring `bytes` (finite, >= 0) under a web model.
pub fn estimate(bytes: f64, o: &WebOptions) -> Result<WebEstimate, ServiceError> {
    non_negative("bytes", bytes)?;
    let r = WebRates::new(o)?;
    let reproduces = format!(
        "@tgwf/co2 {} (Ember grid data as shipped there)",
        grid::CO2JS_VERSION
    );
    Ok(match o.model {
        WebModel::Swd4 => swd4(bytes, o, &r, reproduces),
        WebModel::Swd3 => swd3(bytes, o, &r, reproduces),
        WebModel::OneByte => onebyte(bytes, o.green_hosting, reproduces),
    })
}

/// A model's options checked once, for many pages: [`WebRates::total`] of a page's bytes is
/// [`estimate`]'s `total_gco2e` for them (the same operations), without building the estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct WebRates {
    model: WebModel,
    per_visit: bool,
    green: bool,
    /// SWD v4: the factor of data-centre operational emissions avoided.
    factor: f64,
    /// Shares of first and returning visits, share of the bytes reloaded.
    visits: (f64, f64, f64),
    /// Grid intensities: SWD v4 data centre, network, device; SWD v3 device, network,
    /// production, data centre.
    grids: [f64; 4],
}

impl WebRates {
    /// Checks the options as [`estimate`] does (every one but the bytes).
    pub fn new(o: &WebOptions) -> Result<WebRates, ServiceError> {
        let share = |f: &'static str, v: Option<f64>| -> Result<Option<f64>, ServiceError> {
            v.map(|v| check(f, v, 0.0, 1.0)).transpose()
        };
        let ghf = share("green_hosting_factor", o.green_hosting_factor)?;
        let first = share("first_visit_share", o.first_visit_share)?;
        let ret = share("return_visit_share", o.return_visit_share)?;
        let reload = share("data_reload_ratio", o.data_reload_ratio)?;
        if !o.per_visit && (first.is_some() || ret.is_some() || reload.is_some()) {
            return Err(ServiceError::UnsupportedOption {
                model: "per-byte estimate",
                option: "returning visitors",
                reason: "visit shares apply per visit: ask for a per-visit estimate",
            });
        }
        let mut r = WebRates {
            model: o.model,
            per_visit: o.per_visit,
            green: o.green_hosting,
            factor: 0.0,
            visits: (0.0, 0.0, 0.0),
            grids: [0.0; 4],
        };
        match o.model {
            WebModel::Swd4 => {
                r.factor = if o.green_hosting {
                    1.0
                } else {
                    ghf.unwrap_or(0.0)
                };
                r.visits = (
                    first.unwrap_or(1.0),
                    ret.unwrap_or(0.0),
                    reload.unwrap_or(0.0),
                );
                let g = SWD4_GLOBAL_GRID_INTENSITY;
                r.grids = [
                    grid_or(&o.data_centre_grid, g).0,
                    grid_or(&o.network_grid, g).0,
                    grid_or(&o.device_grid, g).0,
                    0.0,
                ];
            }
            WebModel::Swd3 => {
                if ghf.is_some() {
                    return Err(ServiceError::UnsupportedOption {
                        model: "SWD v3",
                        option: "green_hosting_factor",
                        reason:
                            "v3 knows only green or not (green = 50 gCO2e/kWh in the data centre)",
                    });
                }
                let (d_first, d_ret, d_reload) = SWD3_DEFAULT_VISITS;
                r.visits = (
                    first.unwrap_or(d_first),
                    ret.unwrap_or(d_ret),
                    reload.unwrap_or(d_reload),
                );
                let grids = swd3_grids(o);
                r.grids = std::array::from_fn(|i| grids[i].0);
            }
            WebModel::OneByte => {
                if o.per_visit {
                    return Err(ServiceError::UnsupportedOption {
                        model: "OneByte",
                        option: "per_visit",
                        reason: "OneByte gives emissions per byte only",
                    });
                }
                if o.device_grid.is_some()
                    || o.network_grid.is_some()
                    || o.data_centre_grid.is_some()
                {
                    return Err(ServiceError::UnsupportedOption {
                        model: "OneByte",
                        option: "grid_intensity",
                        reason: "OneByte uses fixed intensities (519 g/kWh; 475 on the network and 0 in the data centre when green)",
                    });
                }
                if ghf.is_some() {
                    return Err(ServiceError::UnsupportedOption {
                        model: "OneByte",
                        option: "green_hosting_factor",
                        reason: "OneByte knows only green or not",
                    });
                }
            }
        }
        Ok(r)
    }

    /// The total (grams CO2e) for `bytes` (finite, >= 0): [`estimate`]'s `total_gco2e`.
    #[inline]
    pub fn total(&self, bytes: f64) -> Result<f64, ServiceError> {
        non_negative("bytes", bytes)?;
        Ok(match self.model {
            WebModel::Swd4 => swd4_numbers(bytes, self).2,
            WebModel::Swd3 => swd3_numbers(bytes, self).1,
            WebModel::OneByte => onebyte_numbers(bytes, self.green).2,
        })
    }
}

/// SWD v4's operational and embodied emissions per segment, the total and the visits' weight.
#[inline]
fn swd4_numbers(bytes: f64, r: &WebRates) -> ([f64; 3], [f64; 3], f64, f64) {
    let gb = bytes / BYTES_PER_GB;
    let op: [f64; 3] = std::array::from_fn(|i| gb * SWD4_OPERATIONAL_KWH_PER_GB[i] * r.grids[i]);
    let emb: [f64; 3] =
        std::array::from_fn(|i| gb * SWD4_EMBODIED_KWH_PER_GB[i] * SWD4_GLOBAL_GRID_INTENSITY);
    let (fv, rv, rr) = r.visits;
    let (total, weight) = if bytes < 1.0 {
        (0.0, 0.0)
    } else {
        let dc = op[0] * (1.0 - r.factor) + emb[0];
        if r.per_visit {
            // CO2.js perVisit: one flat left-to-right sum.
            let first_visit = dc + op[1] + emb[1] + op[2] + emb[2];
            let return_visit = first_visit * rr;
            (first_visit * fv + return_visit * rv, fv + rr * rv)
        } else {
            // CO2.js perByte: segment totals first, then their sum.
            (dc + (op[1] + emb[1]) + (op[2] + emb[2]), 1.0)
        }
    };
    (op, emb, total, weight)
}

fn swd4(bytes: f64, o: &WebOptions, r: &WebRates, reproduces: String) -> WebEstimate {
    let (op, emb, total, weight) = swd4_numbers(bytes, r);
    let grids = [
        grid_or(&o.data_centre_grid, SWD4_GLOBAL_GRID_INTENSITY),
        grid_or(&o.network_grid, SWD4_GLOBAL_GRID_INTENSITY),
        grid_or(&o.device_grid, SWD4_GLOBAL_GRID_INTENSITY),
    ];
    let factor = r.factor;
    let (fv, rv, rr) = r.visits;
    let tiers = [Tier::DataCentre, Tier::Network, Tier::Terminals];
    let segments = (0..3)
        .map(|i| WebSegment {
            tier: tiers[i],
            operational_gco2e: op[i] * if i == 0 { 1.0 - factor } else { 1.0 } * weight,
            embodied_gco2e: emb[i] * weight,
            grid_gco2e_per_kwh: grids[i].0,
            grid_source: grids[i].1.clone(),
        })
        .collect();
    WebEstimate {
        model: WebModel::Swd4,
        bytes,
        per_visit: o.per_visit,
        green_hosting: o.green_hosting,
        green_hosting_factor: Some(factor),
        first_visit_share: o.per_visit.then_some(fv),
        return_visit_share: o.per_visit.then_some(rv),
        data_reload_ratio: o.per_visit.then_some(rr),
        total_gco2e: total,
        rating: Some(rating(total, &SWD4_RATINGS)),
        segments,
        reproduces,
    }
}

/// SWD v3's grids: device, network, production, data centre.
fn swd3_grids(o: &WebOptions) -> [(f64, GridSource); 4] {
    let world = grid::ember("WORLD").expect("Ember WORLD is in the table");
    let dc_grid = if o.green_hosting {
        (SWD3_RENEWABLES_GRID_INTENSITY, GridSource::Given)
    } else {
        grid_or(&o.data_centre_grid, world)
    };
    [
        grid_or(&o.device_grid, world),
        grid_or(&o.network_grid, world),
        (world, GridSource::ModelDefault),
        dc_grid,
    ]
}

/// SWD v3's emissions per segment, and the total.
#[inline]
fn swd3_numbers(bytes: f64, r: &WebRates) -> ([f64; 4], f64) {
    // CO2.js: perByte clamps bytes below 1 to 0; perVisit does not.
    let bytes_used = if !r.per_visit && bytes < 1.0 {
        0.0
    } else {
        bytes
    };
    let energy = bytes_used / BYTES_PER_GB * SWD3_KWH_PER_GB;
    let e: [f64; 4] = std::array::from_fn(|i| energy * SWD3_SHARES[i]);
    let (fv, rv, rr) = r.visits;
    // Summed in CO2.js's key order: device, network, production, data centre (first, subsequent).
    let mut total = 0.0;
    let mut seg = [0.0f64; 4];
    for i in 0..4 {
        let v = if r.per_visit {
            let a = e[i] * fv * r.grids[i];
            let b = e[i] * rv * rr * r.grids[i];
            total = if i == 0 { a } else { total + a };
            total += b;
            a + b
        } else {
            let a = e[i] * r.grids[i];
            total = if i == 0 { a } else { total + a };
            a
        };
        seg[i] = v;
    }
    (seg, total)
}

fn swd3(bytes: f64, o: &WebOptions, r: &WebRates, reproduces: String) -> WebEstimate {
    let grids = swd3_grids(o);
    let (seg, total) = swd3_numbers(bytes, r);
    let (fv, rv, rr) = r.visits;
    let tiers = [
        Tier::Terminals,
        Tier::Network,
        Tier::ContentProduction,
        Tier::DataCentre,
    ];
    let segments = (0..4)
        .map(|i| WebSegment {
            tier: tiers[i],
            operational_gco2e: seg[i],
            embodied_gco2e: 0.0,
            grid_gco2e_per_kwh: grids[i].0,
            grid_source: grids[i].1.clone(),
        })
        .collect();
    WebEstimate {
        model: WebModel::Swd3,
        bytes,
        per_visit: o.per_visit,
        green_hosting: o.green_hosting,
        green_hosting_factor: None,
        first_visit_share: o.per_visit.then_some(fv),
        return_visit_share: o.per_visit.then_some(rv),
        data_reload_ratio: o.per_visit.then_some(rr),
        total_gco2e: total,
        rating: Some(rating(total, &SWD3_RATINGS)),
        segments,
        reproduces,
    }
}

/// OneByte's data-centre and network emissions, and the total.
#[inline]
fn onebyte_numbers(bytes: f64, green: bool) -> (f64, f64, f64) {
    if bytes < 1.0 {
        (0.0, 0.0, 0.0)
    } else if green {
        let dc = bytes * ONEBYTE_KWH_PER_BYTE_DC * 0.0;
        let net = bytes * ONEBYTE_KWH_PER_BYTE_NETWORK * ONEBYTE_GREEN_NETWORK_INTENSITY;
        (dc, net, dc + net)
    } else {
        let total = bytes
            * (ONEBYTE_KWH_PER_BYTE_DC + ONEBYTE_KWH_PER_BYTE_NETWORK)
            * ONEBYTE_GREY_INTENSITY;
        (
            bytes * ONEBYTE_KWH_PER_BYTE_DC * ONEBYTE_GREY_INTENSITY,
            bytes * ONEBYTE_KWH_PER_BYTE_NETWORK * ONEBYTE_GREY_INTENSITY,
            total,
        )
    }
}

fn onebyte(bytes: f64, green: bool, reproduces: String) -> WebEstimate {
    let (dc, net, total) = onebyte_numbers(bytes, green);
    let seg = |tier, v, g| WebSegment {
        tier,
        operational_gco2e: v,
        embodied_gco2e: 0.0,
        grid_gco2e_per_kwh: g,
        grid_source: GridSource::ModelDefault,
    };
    WebEstimate {
        model: WebModel::OneByte,
        bytes,
        per_visit: false,
        green_hosting: green,
        green_hosting_factor: None,
        first_visit_share: None,
        return_visit_share: None,
        data_reload_ratio: None,
        total_gco2e: total,
        rating: None,
        segments: vec![
            seg(
                Tier::DataCentre,
                dc,
                if green { 0.0 } else { ONEBYTE_GREY_INTENSITY },
            ),
            seg(
                Tier::Network,
                net,
                if green {
                    ONEBYTE_GREEN_NETWORK_INTENSITY
                } else {
                    ONEBYTE_GREY_INTENSITY
                },
            ),
        ],
        reproduces,
    }
}

impl WebEstimate {
    /// The estimate as a footprint (kgCO2e): operational emissions under use, SWD v4's embodied
    /// emissions under manufacturing (the method does not split them by phase).
    pub fn footprint(&self, exclude_terminals: bool) -> ServiceFootprint {
        let method = match self.model {
            WebModel::Swd4 => "sustainable-web-design-v4",
            WebModel::Swd3 => "sustainable-web-design-v3",
            WebModel::OneByte => "onebyte",
        };
        let mut f =
            ServiceFootprint::new("web_page", &format!("{method} ({})", self.reproduces), None);
        for s in &self.segments {
            let prov = format!(
                "{method}: {} segment, grid {} gCO2e/kWh ({})",
                s.tier.id(),
                s.grid_gco2e_per_kwh,
                match &s.grid_source {
                    GridSource::ModelDefault => "model default".to_string(),
                    GridSource::Given => "given".to_string(),
                    GridSource::Ember(k) => format!("Ember {k}, CC BY-SA 4.0"),
                }
            );
            f.push(
                s.tier,
                Indicator::ClimateChange,
                Phase::Use,
                Range::exact(s.operational_gco2e / 1000.0),
                prov.clone(),
            );
            if self.model == WebModel::Swd4 {
                f.push(
                    s.tier,
                    Indicator::ClimateChange,
                    Phase::Manufacturing,
                    Range::exact(s.embodied_gco2e / 1000.0),
                    format!("{prov}; embodied at 494 gCO2e/kWh"),
                );
            }
        }
        if self.model == WebModel::Swd4 {
            f.phases_split = false;
            f.notes.push(
                "SWD v4 embodied emissions (all life-cycle phases but use) are reported under manufacturing"
                    .into(),
            );
        }
        f.notes.push(format!(
            "per {}: {} bytes",
            if self.per_visit { "visit" } else { "transfer" },
            self.bytes
        ));
        if exclude_terminals {
            f.drop_terminals();
        }
        f
    }
}
