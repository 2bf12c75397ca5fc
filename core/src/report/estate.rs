//! What an estate evaluation adds to the report (`Report::estate`): the three scopes, each
//! fleet source with its rejected rows (file and line), each hosting and service entry, and the
//! body the estate describes (also part of its description, `crate::estate`).

use super::ImpactTable;
use crate::estimate::Range;
use crate::hosting::HostingFootprint;
use crate::indicator::{Indicator, Phase};
use crate::inventory::RejectedRow;
use crate::services::ServiceFootprint;
use serde::{Deserialize, Serialize};

/// The body the estate belongs to.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Commune {
    /// Its name, for titles.
    pub name: Option<String>,
    /// Inhabitants, for per-inhabitant figures.
    pub inhabitants: Option<f64>,
    /// Agents, for per-agent figures.
    pub agents: Option<f64>,
    /// Pupils, for per-pupil figures.
    pub pupils: Option<f64>,
}

/// Who uses a service: the body's agents (their devices are the fleet) or the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Users {
    /// The body's agents: their terminals are the fleet's devices.
    Agents,
    /// The public: their devices are not the body's.
    Public,
}

/// The three scopes of an estate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EstateScope {
    /// Devices of the fleet (servers aside).
    Fleet,
    /// Servers (in the inventories or in rooms) and cloud instances.
    Hosting,
    /// Services over the year.
    Services,
}

impl EstateScope {
    /// The scopes in reporting order.
    pub const ALL: [EstateScope; 3] = [
        EstateScope::Fleet,
        EstateScope::Hosting,
        EstateScope::Services,
    ];

    /// Stable id (`fleet`, `hosting`, `services`).
    pub fn id(self) -> &'static str {
        match self {
            EstateScope::Fleet => "fleet",
            EstateScope::Hosting => "hosting",
            EstateScope::Services => "services",
        }
    }

    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            EstateScope::Fleet => "Parc d'équipements",
            EstateScope::Hosting => "Hébergement",
            EstateScope::Services => "Services numériques",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            EstateScope::Fleet => "Equipment fleet",
            EstateScope::Hosting => "Hosting",
            EstateScope::Services => "Digital services",
        }
    }
}

/// One scope's impacts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeFootprint {
    /// Which scope.
    pub scope: EstateScope,
    /// French label.
    pub label_fr: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Entries summed: inventory lines, servers and instances, services.
    pub entries: u64,
    /// Impacts by indicator and phase, with ranges.
    pub impacts: ImpactTable,
}

/// A rejected row of a fleet source, with its file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcedRejection {
    /// The fleet source's path, as the estate names it.
    pub file: String,
    #[serde(flatten)]
    /// The row: line, field, code, message.
    pub row: RejectedRow,
}

/// What became of one fleet source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceResult {
    /// The path, as the estate names it.
    pub path: String,
    /// `inventory` or `glpi`.
    pub kind: &'static str,
    /// Rows (or GLPI items) read.
    pub rows_read: u64,
    /// Rows evaluated.
    pub rows_evaluated: u64,
    /// Rows rejected.
    pub rows_rejected: u64,
    /// The rejected rows, with their file.
    pub rejected: Vec<SourcedRejection>,
}

/// One room server entry or cloud entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostingEntryResult {
    /// Key path in the description (`rooms[0].servers[1]`, `cloud[0]`).
    pub path: String,
    /// The entry's name, when given.
    pub name: Option<String>,
    /// The room's name (room servers).
    pub room: Option<String>,
    /// Department (the room's by default).
    pub department: Option<String>,
    /// How many servers or instances.
    pub count: f64,
    /// Climate change of all `count` servers or instances (kgCO2e), `None` when not available.
    pub climate_change_kgco2e: Option<Range>,
    /// One server's or instance's footprint (`empreinte.hosting/1`).
    pub footprint: serde_json::Value,
}

/// One service entry over the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceEntryResult {
    /// Key path in the description (`services[2]`).
    pub path: String,
    /// The entry's name, when given.
    pub name: Option<String>,
    /// `website`, `email`, `visio`, `streaming`, `web_search`, `file_transfer`, `transfer`,
    /// `three_tier`.
    pub kind: &'static str,
    /// Who uses it.
    pub users: Users,
    /// Department, when given.
    pub department: Option<String>,
    /// Uses (page views, messages, meetings...) over the year.
    pub uses: f64,
    /// The terminals were left out: the fleet counts the devices.
    pub terminals_excluded: bool,
    /// Climate change per use (gCO2e), `None` when not available.
    pub gco2e_per_use: Option<f64>,
    /// Climate change over the year (kgCO2e), `None` when not available.
    pub climate_change_kgco2e: Option<Range>,
    /// The footprint over the year (all uses).
    pub footprint: ServiceFootprint,
}

/// The estate part of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EstateSection {
    /// Who the estate belongs to.
    pub commune: Commune,
    /// Fleet, hosting, services: their sum is the report's totals (up to the order of the
    /// additions).
    pub by_scope: Vec<ScopeFootprint>,
    /// Each fleet source and what became of its rows.
    pub fleet_sources: Vec<SourceResult>,
    /// Each room server and cloud entry.
    pub hosting: Vec<HostingEntryResult>,
    /// Each service entry.
    pub services: Vec<ServiceEntryResult>,
    /// Inventory servers run in this room (its PUE applies to them), when one does.
    pub inventory_servers_room: Option<String>,
    /// What the evaluation did that a reader must know (terminals left out, servers counted
    /// once).
    pub notes: Vec<String>,
    /// A NumEcoEval / G4IT inventory's results by data centre, equipment type, entity, virtual
    /// machine and application, when one was evaluated
    /// ([`crate::numecoeval::evaluate_numecoeval`]).
    #[cfg(feature = "numecoeval")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numecoeval: Option<Box<super::numecoeval::NumEcoEvalSection>>,
}

impl ImpactTable {
    /// Adds `count` times a hosting footprint: a phase inside a lumped manufacturing figure is
    /// counted as included, a phase without figure as missing.
    pub(crate) fn add_hosting(&mut self, f: &HostingFootprint, count: f64) {
        for slot in 0..self.indicators.len() {
            let ind = self.indicators[slot];
            let cells = &mut self.cells[slot];
            for p in Phase::ALL {
                if f.is_included(ind, p) {
                    cells[p.index()].n_included += 1;
                } else {
                    cells[p.index()].push(f.impact(ind, p).map(|r| r.scale(count)));
                }
            }
            cells[crate::fleet::TOTAL].push(f.total(ind).map(|r| r.scale(count)));
        }
    }

    /// Adds a service footprint: an indicator the service's model does not give is missing.
    pub(crate) fn add_service(&mut self, f: &ServiceFootprint) {
        let given: Vec<Indicator> = f.indicators();
        for slot in 0..self.indicators.len() {
            let ind = self.indicators[slot];
            let cells = &mut self.cells[slot];
            if !given.contains(&ind) {
                for c in cells.iter_mut() {
                    c.push(None);
                }
                continue;
            }
            for p in Phase::ALL {
                if let Some(r) = f.get(ind, p) {
                    cells[p.index()].push(Some(r));
                }
            }
            cells[crate::fleet::TOTAL].merge(&f.total(ind));
        }
    }

    /// Adds another table of the same dataset, cell by cell.
    pub(crate) fn add_table(&mut self, other: &ImpactTable) {
        for (slot, ind) in self.indicators.iter().enumerate() {
            if let Some(o) = other.indicators.iter().position(|i| i == ind) {
                for (c, oc) in self.cells[slot].iter_mut().zip(&other.cells[o]) {
                    c.merge(oc);
                }
            }
        }
    }
}
