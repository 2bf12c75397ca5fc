//! Optional service tables of a dataset (`network.csv`: impact of 1 GB transferred).
//!
//! A dataset without them still loads; the service models that need them then answer
//! [`crate::services::ServiceError::MissingTable`]. See `reference-data/SCHEMA.md`, "Service tables".

use super::table::Table;
use super::{Dataset, DatasetError, Factor, FactorRef, FactorTable, Quality};
use crate::indicator::{Indicator, Phase};
use serde::Serialize;
use std::collections::HashMap;

/// The file name of the network table in a dataset folder.
pub const NETWORK_FILE: &str = "network.csv";

/// Kind of access network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Fixed-line access (ADSL, fibre...).
    Fixed,
    /// Mobile access.
    Mobile,
}

/// One network of `network.csv` and its factors (one per indicator the table carries).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkEntry {
    /// Stable id (`fixed_fr`, `mobile_eu`, `fixed_fr_excl_box`...).
    pub id: String,
    /// Kind of access.
    pub access: Access,
    /// Zone the factor describes (`FR`, `EU`).
    pub zone: String,
    /// `Some(true)`: the customer box is included; `Some(false)`: excluded; `None`: not applicable.
    pub box_included: Option<bool>,
    /// Factors per GB, by indicator.
    #[serde(skip)]
    pub(crate) factors: Vec<(Indicator, FactorRef)>,
}

/// The optional service tables of a dataset.
#[derive(Debug, Clone, Default)]
pub(crate) struct ServiceTables {
    pub networks: Vec<NetworkEntry>,
    pub has_network_table: bool,
}

impl Dataset {
    /// Adds the optional network table (`network.csv` text) to a loaded dataset, validating it
    /// like every other table (columns, units `<indicator unit>/GB`, ranges, sources, duplicates).
    pub fn with_network_table(mut self, text: &str) -> Result<Dataset, DatasetError> {
        let t = Table::parse(NETWORK_FILE, text)?;
        t.require(&[
            "factor_id",
            "network",
            "access",
            "zone",
            "box_included",
            "phase",
            "indicator",
            "value",
            "low",
            "high",
            "unit",
            "quality",
            "source_id",
            "source_row",
        ])?;
        let mut ids: HashMap<String, u64> = HashMap::new();
        let mut seen: HashMap<(String, Indicator), u64> = HashMap::new();
        let mut networks: Vec<NetworkEntry> = Vec::new();
        for row in t.rows() {
            let id = row.required("factor_id")?.to_string();
            if self.factors.iter().any(|f| f.id == id) || ids.contains_key(&id) {
                return Err(DatasetError::Duplicate {
                    file: NETWORK_FILE.into(),
                    line: row.line,
                    kind: "factor_id".into(),
                    key: id,
                    first_line: ids.get(row.text("factor_id")).copied().unwrap_or(0),
                });
            }
            ids.insert(id.clone(), row.line);
            let network = row.required("network")?.to_string();
            let access = match row.text("access") {
                "fixed" => Access::Fixed,
                "mobile" => Access::Mobile,
                _ => return Err(row.invalid("access", "fixed or mobile")),
            };
            let zone = row.required("zone")?.to_string();
            let box_included = match row.text("box_included") {
                "" => None,
                "true" => Some(true),
                "false" => Some(false),
                _ => return Err(row.invalid("box_included", "true, false or empty")),
            };
            let phase = Phase::from_id(row.text("phase")).ok_or_else(|| {
                row.invalid("phase", "use, manufacturing, distribution or end_of_life")
            })?;
            let indicator = Indicator::from_id(row.text("indicator")).ok_or_else(|| {
                let ids: Vec<&str> = Indicator::ALL.iter().map(|i| i.id()).collect();
                row.invalid("indicator", &format!("one of {}", ids.join(", ")))
            })?;
            let unit = row.text("unit");
            let expected = format!("{}/GB", indicator.unit());
            if unit != expected {
                return Err(DatasetError::UnitMismatch {
                    file: NETWORK_FILE.into(),
                    line: row.line,
                    factor_id: id,
                    indicator: indicator.id().into(),
                    unit: unit.into(),
                    expected,
                });
            }
            let value = row.number_in("value", 0.0, f64::MAX)?;
            let low = row.number_in("low", 0.0, f64::MAX)?;
            let high = row.number_in("high", 0.0, f64::MAX)?;
            let range = row.range(NETWORK_FILE.into(), &id, (low, value, high))?;
            let quality = row.quality()?;
            let source_id = row.required("source_id")?.to_string();
            if self.source(&source_id).is_none() {
                let mut known: Vec<&str> = self.sources.iter().map(|s| s.id.as_str()).collect();
                known.sort_unstable();
                return Err(DatasetError::UnknownSource {
                    file: NETWORK_FILE.into(),
                    line: row.line,
                    factor_id: id,
                    source_id,
                    known: known.join(", "),
                });
            }
            if let Some(first) = seen.insert((network.clone(), indicator), row.line) {
                return Err(DatasetError::Duplicate {
                    file: NETWORK_FILE.into(),
                    line: row.line,
                    kind: "network/indicator".into(),
                    key: format!("{network}/{indicator}"),
                    first_line: first,
                });
            }
            let r = FactorRef(self.factors.len() as u32);
            self.factors.push(Factor {
                id,
                table: FactorTable::Network,
                indicator,
                phase,
                value: range,
                unit: unit.into(),
                quality,
                source_id,
                source_row: row.required("source_row")?.into(),
                note: row.text("note").into(),
                method: row.text("method").into(),
                method_fr: row.text("method_fr").into(),
                includes: 0,
            });
            let entry = match networks.iter().position(|n| n.id == network) {
                Some(i) => &mut networks[i],
                None => {
                    networks.push(NetworkEntry {
                        id: network.clone(),
                        access,
                        zone: zone.clone(),
                        box_included,
                        factors: Vec::new(),
                    });
                    networks.last_mut().expect("just pushed")
                }
            };
            if entry.access != access || entry.zone != zone || entry.box_included != box_included {
                return Err(row.invalid(
                    "network",
                    &format!(
                        "the same access, zone and box_included on every row of network `{network}`"
                    ),
                ));
            }
            if quality != Quality::Flagged {
                entry.factors.push((indicator, r));
            }
        }
        for ind in self.factors.iter().map(|f| f.indicator).collect::<Vec<_>>() {
            if !self.indicators.contains(&ind) {
                self.indicators.push(ind);
            }
        }
        self.indicators
            .sort_by_key(|i| Indicator::ALL.iter().position(|a| a == i));
        self.services.networks = networks;
        self.services.has_network_table = true;
        Ok(self)
    }

    /// Whether the dataset carries a network table.
    pub fn has_network_table(&self) -> bool {
        self.services.has_network_table
    }

    /// The networks of the dataset's network table (empty without one).
    pub fn networks(&self) -> &[NetworkEntry] {
        &self.services.networks
    }

    /// A network by id (`fixed_fr`...).
    pub fn network(&self, id: &str) -> Option<&NetworkEntry> {
        self.services.networks.iter().find(|n| n.id == id)
    }

    /// The per-GB factor of a network for one indicator, or `None` when not available.
    pub fn network_factor(
        &self,
        network: &NetworkEntry,
        indicator: Indicator,
    ) -> Option<FactorRef> {
        network
            .factors
            .iter()
            .find(|(i, _)| *i == indicator)
            .map(|(_, f)| *f)
    }
}

/// Reads `network.csv` beside a dataset folder's other files, when there is one.
pub(crate) fn attach_from_dir(ds: Dataset, dir: &std::path::Path) -> Result<Dataset, DatasetError> {
    let path = dir.join(NETWORK_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => ds.with_network_table(&text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ds),
        Err(e) => Err(DatasetError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}
