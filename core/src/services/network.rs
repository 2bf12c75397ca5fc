//! Data transferred over fixed and mobile networks, per GB, from the dataset's network table
//! (default set: ADEME's model, NegaOctet factors for France and Europe).

use super::footprint::{Missing, ServiceFootprint, Tier};
use super::{non_negative, suggest, ServiceError};
use crate::dataset::NetworkEntry;
use crate::indicator::Indicator;
use crate::Dataset;

/// Normalises what people write for a network: `fixe FR`, `Fixed-FR`, `mobile_fr` → `fixed_fr`, `mobile_fr`.
pub fn normalise_network(name: &str) -> String {
    let s = name
        .trim()
        .to_lowercase()
        .replace(['-', ' ', '.'], "_")
        .replace("fixe_", "fixed_")
        .replace("hors_box", "excl_box")
        .replace("without_box", "excl_box");
    if s == "fixe" {
        "fixed".into()
    } else {
        s
    }
}

/// The dataset's network entry for a name, or a typed error with a suggestion.
pub fn find_network<'a>(ds: &'a Dataset, name: &str) -> Result<&'a NetworkEntry, ServiceError> {
    if !ds.has_network_table() {
        return Err(ServiceError::MissingTable {
            dataset: ds.id().into(),
            table: "network table (network.csv)",
        });
    }
    let id = normalise_network(name);
    ds.network(&id).ok_or_else(|| {
        let known: Vec<&str> = ds.networks().iter().map(|n| n.id.as_str()).collect();
        ServiceError::UnknownNetwork {
            value: name.into(),
            known: known.join(", "),
            suggestion: suggest(&id, known.iter().copied()),
        }
    })
}

/// Adds the network tier of `gb` GB over `network` to a footprint: every indicator the dataset
/// carries, "missing" where the network table has no factor.
pub(crate) fn push_network(
    f: &mut ServiceFootprint,
    ds: &Dataset,
    net: &NetworkEntry,
    gb: f64,
    what: &str,
) {
    for &ind in ds.indicators() {
        match ds.network_factor(net, ind) {
            Some(r) => {
                let factor = ds.factor(r);
                f.push(
                    Tier::Network,
                    ind,
                    factor.phase,
                    factor.value.scale(gb),
                    format!(
                        "{what}: {gb} GB x {} ({} {}; {}: {})",
                        factor.id,
                        factor.value.central,
                        factor.unit,
                        factor.source_id,
                        factor.source_row
                    ),
                );
            }
            None => f.missing.push(Missing {
                tier: Tier::Network,
                indicator: ind,
                reason: format!(
                    "network table of {} has no {} factor for {}",
                    ds.id(),
                    ind,
                    net.id
                ),
            }),
        }
    }
}

/// The footprint of transferring `gb` GB (finite, >= 0) over a network of the dataset's table
/// (`fixed_fr`, `mobile_fr`, `fixed_eu`, `mobile_eu`...). A GB here is the unit of the
/// dataset's factor: for ADEME's model, 1 GB = 1024 MB.
///
/// ```
/// use empreinte::services::{transfer, ServiceFootprint, Tier};
/// use empreinte::{Dataset, Indicator, Phase};
///
/// let ds = Dataset::embedded_default();
/// let fixed = transfer(ds, 2.0, "fixed_fr")?;
/// let mobile = transfer(ds, 2.0, "mobile FR")?; // written as people write it
/// let kg = |f: &ServiceFootprint| f.total(Indicator::ClimateChange).central().unwrap();
/// assert!(0.0 < kg(&fixed) && kg(&fixed) < kg(&mobile));
/// assert!(fixed.tier(Tier::Network, Indicator::ClimateChange, Phase::Use).is_some());
/// // The network table gives climate change only: the dataset's other indicators are
/// // listed as missing, not available, never zero.
/// assert!(fixed.missing.iter().any(|m| m.indicator == Indicator::PrimaryEnergy));
/// assert_eq!(fixed.total(Indicator::PrimaryEnergy).central(), None);
/// assert_eq!(transfer(ds, 2.0, "fibre").unwrap_err().code(), "unknown_network");
/// # Ok::<(), empreinte::ServiceError>(())
/// ```
pub fn transfer(ds: &Dataset, gb: f64, network: &str) -> Result<ServiceFootprint, ServiceError> {
    non_negative("gb", gb)?;
    let net = find_network(ds, network)?;
    let mut f = ServiceFootprint::new(
        "data_transfer",
        "per-GB network factor",
        Some(format!("{} {}", ds.id(), ds.version())),
    );
    push_network(&mut f, ds, net, gb, "transfer");
    f.phases_split = false;
    f.notes.push(format!(
        "network `{}` ({:?}, {}): whole-life per-GB factor, not split by phase; per-GB factors allocate a mostly fixed network energy (Arcep): fine for services, not for marginal savings",
        net.id, net.access, net.zone
    ));
    debug_assert!(f
        .contributions
        .iter()
        .all(|c| c.indicator != Indicator::ClimateChange || c.tier == Tier::Network));
    Ok(f)
}
