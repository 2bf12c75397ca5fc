//! Offers as programs send them (JSON, JS objects): one definition for the bindings. An
//! offer's `device` is an inventory line object, read by the core's JSON inventory reader
//! (any column alias), so a device is written as in any inventory.

use crate::dataset::Dataset;
use crate::inventory::{read_json, InventoryItem};
use crate::procurement::{
    compare_offers, Allocation, CompareError, Comparison, Offer, ReplacedPart,
};
use serde::Deserialize;

/// One offer: a name, the device as an inventory line, the parts replaced, a unit price.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferRequest {
    /// Name of the offer, shown in results and messages.
    pub name: String,
    /// The device, as an inventory line object (`{"category": "laptop", "condition": ...}`).
    pub device: serde_json::Value,
    /// Parts the refurbisher replaced or added.
    #[serde(default)]
    pub replaced_parts: Vec<ReplacedPart>,
    /// Price of one device (euros).
    #[serde(default)]
    pub unit_price_eur: Option<f64>,
}

/// Options of a comparison; unset, the core's defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompareRequest {
    /// Year of the electricity factors (default `defaults::REPORTING_YEAR`).
    pub reporting_year: Option<i32>,
    /// How a refurbished device's first life is allocated (default: cut-off).
    pub allocation: Allocation,
}

impl CompareRequest {
    /// Compares the offers (devices read as inventory lines; a device that cannot be read is
    /// the error of its offer, with its index and name).
    pub fn compare(
        &self,
        ds: &Dataset,
        offers: Vec<OfferRequest>,
    ) -> Result<Comparison, CompareError> {
        let devices: Vec<&serde_json::Value> = offers.iter().map(|o| &o.device).collect();
        let text = serde_json::to_string(&devices).unwrap_or_else(|_| "[]".into());
        let items = read_json(&text, &mut Vec::new()).map_err(CompareError::Devices)?;
        let mut list = Vec::with_capacity(offers.len());
        for (index, (offer, item)) in offers.into_iter().zip(items).enumerate() {
            let device = match item {
                InventoryItem::Line(_, line) => line,
                InventoryItem::Rejected(r) => {
                    return Err(CompareError::Offer {
                        index,
                        name: offer.name,
                        error: r.error,
                    })
                }
            };
            list.push(Offer {
                name: offer.name,
                device,
                replaced_parts: offer.replaced_parts,
                unit_price_eur: offer.unit_price_eur,
            });
        }
        let year = self
            .reporting_year
            .unwrap_or(crate::defaults::REPORTING_YEAR);
        compare_offers(ds, &list, year, self.allocation)
    }
}
