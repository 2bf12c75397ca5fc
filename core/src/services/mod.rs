//! Digital services: data transferred over networks, web pages (EcoIndex, Sustainable Web
//! Design v4 and v3, OneByte), ADEME's per-use services (e-mail, video meetings, streaming, web
//! search, file transfer) and a generic three-tier model (terminals, network, data centre).
//!
//! Every model answers in two shapes:
//! - its **native** result, with the peer tool's own units and fields (grams, score, grade), so
//!   it can be checked against that tool number for number (`tests/peers/services/`);
//! - a [`ServiceFootprint`]: per tier, indicator and phase, in the indicator's unit (kgCO2e...),
//!   with the provenance of every figure, ready to sit beside the fleet in a report.
//!
//! **No double counting.** Per-use figures of ADEME's model and SWD carry a share of the user's
//! terminal. When the commune's fleet is already counted, pass `exclude_terminals: true`: the
//! terminal contributions are dropped and [`ServiceFootprint::terminals_excluded`] says so.
//!
//! ```
//! use empreinte::services::{web, WebModel, WebOptions};
//! let page = web::estimate(2_000_000.0, &WebOptions { model: WebModel::Swd4, ..Default::default() }).unwrap();
//! assert!((page.total_gco2e - 0.2964).abs() < 1e-12); // 2 MB at 148.2 g/GB
//! ```
// Service errors carry the bad value, the field and what would be valid; built once per failure.
#![allow(clippy::result_large_err)]

pub mod ademe;
mod ademe_constants;
pub mod batch;
pub mod ecoindex;
mod error;
pub mod footprint;
pub mod grid;
pub mod network;
pub mod request;
pub mod three_tier;
pub mod web;

pub use ademe::{
    AdemeOptions, Email, FileTransfer, Region, ServiceResult, Streaming, Terminal, VideoQuality,
    Visio, WebSearch,
};
pub use batch::BatchError;
pub use ecoindex::{EcoIndex, EcoIndexInput};
pub use error::ServiceError;
pub use footprint::{Contribution, Missing, ServiceFootprint, Tier};
pub use grid::{GridIntensity, GridSource};
pub use network::transfer;
pub use request::{
    page_json, DataCentreRequest, EcoIndexRequest, GridRequest, PageEstimate, PageRequest,
    PerUseRequest, ThreeTierRequest, TransferRequest, PER_USE_SERVICES,
};
pub use three_tier::{DataCentreTier, ThreeTier};
pub use web::{WebEstimate, WebModel, WebOptions, WebRates};

/// Fails unless `value` is finite and within `min..=max`.
pub(crate) fn check(
    field: &'static str,
    value: f64,
    min: f64,
    max: f64,
) -> Result<f64, ServiceError> {
    if value.is_finite() && value >= min && value <= max {
        Ok(value)
    } else {
        let expected = if max == f64::MAX {
            format!("a finite number >= {min}")
        } else {
            format!("a number between {min} and {max}")
        };
        Err(ServiceError::InvalidNumber {
            field,
            value,
            expected,
        })
    }
}

/// Fails unless `value` is finite and >= 0.
pub(crate) fn non_negative(field: &'static str, value: f64) -> Result<f64, ServiceError> {
    check(field, value, 0.0, f64::MAX)
}

/// The closest of `known` to `value` (case-insensitive), for "did you mean" messages.
pub(crate) fn suggest<'a>(value: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let v = value.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&v, &k.to_lowercase()), k))
        .filter(|(s, _)| *s >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.to_string())
}
