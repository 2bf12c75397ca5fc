//! The estate description a person writes (TOML) or a program sends (JSON, same shape): the
//! commune, its fleet sources, its server rooms, its cloud instances and its services. Each
//! hosting and service entry holds the core's request types (`hosting::request`,
//! `services::request`), so the estate and the one-off commands read the same keys and fill
//! the same defaults. Unknown keys are refused, with the line (TOML) and the key.

use super::EstateError;
use super::{Commune, Users};
use crate::hosting::{CloudRequest, ServerRequest, UsageRequest};
use crate::services::{PageRequest, PerUseRequest, ThreeTierRequest, TransferRequest};
use serde::Deserialize;

/// Largest estate description read (1 MiB): a commune's estate is a few hundred lines.
pub const MAX_ESTATE_BYTES: usize = 1 << 20;

/// Most entries of one kind (rooms, servers of a room, cloud instances, services, sources).
pub const MAX_ENTRIES: usize = 10_000;

/// A commune's (or any body's) digital estate.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Estate {
    /// Who the estate belongs to, and the denominators of per-capita figures.
    pub commune: Commune,
    /// The reporting year (default: the evaluation's, `defaults::REPORTING_YEAR`).
    pub year: Option<i32>,
    /// An embedded dataset id; a front end uses it unless told another.
    pub dataset: Option<String>,
    /// Inventories (CSV, JSON) and GLPI exports (files or folders), paths relative to the
    /// estate file.
    pub fleet: Vec<FleetSource>,
    /// Server rooms and colocation: where servers run, with their PUE.
    pub rooms: Vec<Room>,
    /// Cloud instances.
    pub cloud: Vec<CloudEntry>,
    /// Services over the year: websites, e-mail, video meetings, streaming, transfers, any
    /// service by the three-tier model.
    pub services: Vec<ServiceEntry>,
}

/// One fleet source: an inventory or a GLPI export, told apart by its content.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FleetSource {
    /// A file, or a folder of GLPI agent inventories.
    pub path: String,
    /// A GLPI mapping CSV (model or type → category, or `ignore`).
    pub mapping: Option<String>,
    /// Department of the lines that name none.
    pub department: Option<String>,
}

/// A server room or colocation space.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Room {
    /// The room's name, as results and warnings give it.
    pub name: String,
    /// Department of its servers that name none.
    pub department: Option<String>,
    /// A hosting site kind (`own_server_room`, `colocation`, `cloud_hyperscale`, `it_only`).
    pub site: Option<String>,
    /// A known PUE (>= 1), instead of the site kind's.
    pub pue: Option<f64>,
    /// An electricity zone (`FR`...); default: the dataset's.
    pub location: Option<String>,
    /// Whether the servers of the fleet's inventories run here (they get this room's PUE).
    /// Default: yes when the estate has one room.
    pub inventory_servers: Option<bool>,
    /// Servers declared in the room.
    pub servers: Vec<RoomServer>,
}

/// Servers of one kind in a room.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoomServer {
    /// The server's name; an inventory line with the same name is the same server.
    pub name: Option<String>,
    /// How many such servers (default one).
    pub count: Option<f64>,
    /// Department (default: the room's).
    pub department: Option<String>,
    /// The server: an archetype and its configuration, or `generic = true`.
    pub server: ServerRequest,
    /// Its use (load, hours); the room's site, PUE and location fill what it leaves unset.
    pub usage: UsageRequest,
}

/// Cloud instances of one type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudEntry {
    #[serde(default)]
    /// A name for results.
    pub name: Option<String>,
    #[serde(default)]
    /// How many such instances (default one).
    pub count: Option<f64>,
    #[serde(default)]
    /// Department, for results by department.
    pub department: Option<String>,
    /// The instance: provider, type, region.
    pub instance: CloudRequest,
    #[serde(default)]
    /// Its use (hours, load); unset options take the model's defaults.
    pub usage: UsageRequest,
}

/// One service over the year: exactly one of the kinds, with its request.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceEntry {
    /// A name for results.
    pub name: Option<String>,
    /// Department, for results by department.
    pub department: Option<String>,
    /// Default: the public for websites, the agents for every other service.
    pub users: Option<Users>,
    /// A website: one page view (EcoIndex measurements, or a bytes-based model), times
    /// `page_views`.
    pub website: Option<PageRequest>,
    /// Page views over the year.
    pub page_views: Option<f64>,
    /// ADEME's per-use services; `uses` is the count over the year.
    pub email: Option<PerUseRequest>,
    /// A video meeting (ADEME's model); `uses`: meetings over the year.
    pub visio: Option<PerUseRequest>,
    /// Video streaming; `uses`: sessions over the year.
    pub streaming: Option<PerUseRequest>,
    /// A web search; `uses`: searches over the year.
    pub web_search: Option<PerUseRequest>,
    /// A file sent or downloaded; `uses`: files over the year.
    pub file_transfer: Option<PerUseRequest>,
    /// Data over a network only.
    pub transfer: Option<TransferRequest>,
    /// Any other service (terminals, network, data centre).
    pub three_tier: Option<ThreeTierRequest>,
}

impl ServiceEntry {
    /// The kind given (`website`, `email`...), or an error naming the kinds when none or
    /// several are.
    pub fn kind(&self, path: &str) -> Result<&'static str, EstateError> {
        let given: Vec<&'static str> = [
            ("website", self.website.is_some()),
            ("email", self.email.is_some()),
            ("visio", self.visio.is_some()),
            ("streaming", self.streaming.is_some()),
            ("web_search", self.web_search.is_some()),
            ("file_transfer", self.file_transfer.is_some()),
            ("transfer", self.transfer.is_some()),
            ("three_tier", self.three_tier.is_some()),
        ]
        .into_iter()
        .filter(|(_, g)| *g)
        .map(|(k, _)| k)
        .collect();
        match given.as_slice() {
            [one] => Ok(one),
            _ => Err(EstateError::invalid(
                path,
                format!(
                    "a service entry gives exactly one of website, email, visio, streaming, \
                     web_search, file_transfer, transfer, three_tier; this one gives {}",
                    if given.is_empty() {
                        "none".to_string()
                    } else {
                        given.join(", ")
                    }
                ),
            )),
        }
    }
}

impl Estate {
    /// Reads a description written in TOML; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Estate, EstateError> {
        check_size(file, text)?;
        let estate: Estate = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
            EstateError::Syntax {
                file: file.to_string(),
                line,
                message: e.message().to_string(),
            }
        })?;
        estate.check_sizes(file)?;
        Ok(estate)
    }

    /// Reads a description sent as JSON (the same shape as TOML).
    pub fn from_json(file: &str, text: &str) -> Result<Estate, EstateError> {
        check_size(file, text)?;
        let estate: Estate = serde_json::from_str(text).map_err(|e| EstateError::Syntax {
            file: file.to_string(),
            line: Some(e.line() as u64),
            message: e.to_string(),
        })?;
        estate.check_sizes(file)?;
        Ok(estate)
    }

    /// Reads a description given as a JSON value (a program's object: a Python dict, a JS
    /// object), the same shape as TOML; errors have no line.
    pub fn from_value(file: &str, value: serde_json::Value) -> Result<Estate, EstateError> {
        let estate = Estate::deserialize(value).map_err(|e| EstateError::Syntax {
            file: file.to_string(),
            line: None,
            message: e.to_string(),
        })?;
        estate.check_sizes(file)?;
        Ok(estate)
    }

    /// TOML or JSON, told apart by the first character (`{`: JSON).
    pub fn parse(file: &str, text: &str) -> Result<Estate, EstateError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim_start().starts_with('{') {
            Estate::from_json(file, text)
        } else {
            Estate::from_toml(file, text)
        }
    }

    fn check_sizes(&self, file: &str) -> Result<(), EstateError> {
        let lists = [
            ("fleet", self.fleet.len()),
            ("rooms", self.rooms.len()),
            ("cloud", self.cloud.len()),
            ("services", self.services.len()),
        ];
        let servers = self.rooms.iter().map(|r| r.servers.len()).max();
        for (key, n) in lists
            .into_iter()
            .chain(servers.map(|n| ("rooms[].servers", n)))
        {
            if n > MAX_ENTRIES {
                return Err(EstateError::TooLarge {
                    file: file.to_string(),
                    what: format!("{n} entries in `{key}`; at most {MAX_ENTRIES}"),
                });
            }
        }
        Ok(())
    }
}

/// Whether a file is an estate description: a `.toml` file, a JSON object whose keys are an
/// estate's (`commune`, `fleet`, `rooms`, `cloud`, `services`), not an inventory's, or TOML
/// text (any name, `""` for text without one) whose first line of content is an estate's key
/// or table (`year = 2025`, `[commune]`, `[[fleet]]`...).
pub fn is_estate(file_name: &str, head: &[u8]) -> bool {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".toml") {
        return true;
    }
    let text = String::from_utf8_lossy(head);
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if toml_estate_head(body) {
        return true;
    }
    body.starts_with('{')
        && [
            "\"commune\"",
            "\"fleet\"",
            "\"rooms\"",
            "\"cloud\"",
            "\"services\"",
        ]
        .iter()
        .any(|k| body.contains(k))
        && !body.contains("\"lines\"")
}

/// The first line of content (comments and blank lines aside) is a top-level key of an estate
/// (`year = `) or one of its tables (`[commune]`, `[[fleet]]`, `[rooms.x]`): no CSV header
/// or JSON document starts that way.
fn toml_estate_head(body: &str) -> bool {
    const KEYS: [&str; 7] = [
        "year", "dataset", "commune", "fleet", "rooms", "cloud", "services",
    ];
    let Some(line) = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return false;
    };
    let table = line.starts_with('[');
    let key = line.trim_start_matches('[').trim_start();
    let name_len = key
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(key.len());
    let rest = key[name_len..].trim_start();
    KEYS.contains(&&key[..name_len])
        && if table {
            rest.starts_with(']') || rest.starts_with('.')
        } else {
            rest.starts_with('=')
        }
}

fn check_size(file: &str, text: &str) -> Result<(), EstateError> {
    if text.len() > MAX_ESTATE_BYTES {
        return Err(EstateError::TooLarge {
            file: file.to_string(),
            what: format!(
                "{} bytes; an estate description is at most {MAX_ESTATE_BYTES} bytes (the \
                 inventories it names are read apart)",
                text.len()
            ),
        });
    }
    Ok(())
}
