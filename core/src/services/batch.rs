//! Many per-use estimates in one call: an array in, an array out, each item exactly the figure
//! one call with it gives (the same request types, the same code), so that a program with
//! thousands of pages or uses crosses a binding's boundary once. The options every item shares
//! are read and checked once.
//!
//! ```
//! use empreinte::services::PageRequest;
//! let options = PageRequest { model: Some("swd4".into()), per_visit: Some(true), ..Default::default() };
//! let totals = options.web_totals(&[2_000_000.0, 500_000.0])?;
//! let one = PageRequest { bytes: Some(500_000.0), ..options.clone() }.web()?.0;
//! assert_eq!(totals[1], one.total_gco2e);
//! # Ok::<(), empreinte::services::BatchError>(())
//! ```

use super::request::refuse;
use super::web::WebRates;
use super::{PageRequest, PerUseRequest, ServiceError, ServiceResult};
use crate::dataset::Dataset;

/// The error of a batch: of one item (its position, from 0), or of the options every item
/// shares (no position).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{error}", .index.map_or(String::new(), |i| format!("item {i}: ")))]
pub struct BatchError {
    /// The item at fault; `None`: the shared options.
    pub index: Option<usize>,
    /// Why.
    pub error: ServiceError,
}

impl BatchError {
    /// A stable, machine-readable code (that of the item's error).
    pub fn code(&self) -> &'static str {
        self.error.code()
    }
}

impl From<ServiceError> for BatchError {
    fn from(error: ServiceError) -> BatchError {
        BatchError { index: None, error }
    }
}

impl PageRequest {
    /// The options of many page views by a bytes-based model (see [`PageRequest::web_totals`]).
    pub fn web_rates(&self) -> Result<WebRates, ServiceError> {
        refuse(
            "web pages",
            &[
                ("bytes", self.bytes.is_some()),
                ("size_kb", self.size_kb.is_some()),
            ],
            &[],
        )?;
        WebRates::new(&self.web_options()?)
    }

    /// The totals (grams CO2e, as CO2.js gives them) of many page views by a bytes-based model:
    /// `self` gives the options (neither `bytes` nor `size_kb`: they are the array), `bytes`
    /// each page's weight. Each total is `estimate.total_gco2e` of [`PageRequest::web`] with
    /// that page's bytes.
    pub fn web_totals(&self, bytes: &[f64]) -> Result<Vec<f64>, BatchError> {
        let rates = self.web_rates()?;
        bytes
            .iter()
            .enumerate()
            .map(|(i, b)| {
                rates.total(*b).map_err(|error| BatchError {
                    index: Some(i),
                    error,
                })
            })
            .collect()
    }
}

/// Many uses of one of ADEME's per-use services (`kind`: one of
/// [`super::PER_USE_SERVICES`]): each result is [`PerUseRequest::evaluate`] of its request.
pub fn per_use(
    ds: &Dataset,
    kind: &str,
    requests: &[PerUseRequest],
) -> Result<Vec<ServiceResult>, BatchError> {
    requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.evaluate(ds, kind).map_err(|error| BatchError {
                index: Some(i),
                error,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn options() -> impl Strategy<Value = PageRequest> {
        (
            prop::sample::select(vec!["swd4", "swd3", "onebyte"]),
            any::<bool>(),
            prop::option::of(0.0f64..1.0),
            prop::option::of(any::<bool>()),
            prop::option::of(0.0f64..1.0),
            prop::option::of(prop::sample::select(vec!["FR", "DE", "WORLD"])),
        )
            .prop_map(
                |(model, green, factor, per_visit, returning, grid)| PageRequest {
                    model: Some(model.into()),
                    green_hosting: green,
                    green_hosting_factor: factor,
                    per_visit,
                    returning_visitors: returning,
                    grid: grid.map(|g| super::super::GridRequest::Country(g.into())),
                    ..Default::default()
                },
            )
    }

    proptest! {
        /// A batch gives each page what one call gives, or the error one call gives.
        #[test]
        fn a_batch_is_one_call_per_page(o in options(), bytes in prop::collection::vec(prop_oneof![0.0f64..2e7, Just(0.5), Just(-1.0)], 1..30)) {
            let batch = o.web_totals(&bytes);
            let one = |b: f64| PageRequest { bytes: Some(b), ..o.clone() }.web().map(|r| r.0.total_gco2e);
            match batch {
                Ok(totals) => {
                    for (b, t) in bytes.iter().zip(&totals) {
                        prop_assert_eq!(Ok(*t), one(*b));
                    }
                }
                Err(BatchError { index: Some(i), error }) => {
                    prop_assert_eq!(Err(error), one(bytes[i]));
                    for b in &bytes[..i] {
                        prop_assert!(one(*b).is_ok());
                    }
                }
                Err(BatchError { index: None, error }) => {
                    prop_assert_eq!(one(1000.0).map(|_| ()), Err(error));
                }
            }
        }
    }

    #[test]
    fn the_bytes_are_the_array() {
        let o = PageRequest {
            bytes: Some(1.0),
            ..Default::default()
        };
        let e = o.web_totals(&[1.0]).unwrap_err();
        assert_eq!((e.index, e.code()), (None, "invalid_input"));
    }

    #[test]
    fn services_in_a_batch_are_one_call_each() {
        let ds = Dataset::embedded_default();
        let requests: Vec<PerUseRequest> = (1..5)
            .map(|k| PerUseRequest {
                size_mb: Some(k as f64),
                recipients: Some(2.0 * k as f64),
                ..Default::default()
            })
            .collect();
        let batch = per_use(ds, "email", &requests).unwrap();
        for (r, b) in requests.iter().zip(&batch) {
            assert_eq!(&r.evaluate(ds, "email").unwrap(), b);
        }
        let mut bad = requests.clone();
        bad[2].minutes = Some(3.0);
        assert_eq!(per_use(ds, "email", &bad).unwrap_err().index, Some(2));
    }
}
