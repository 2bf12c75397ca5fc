//! What GLPI knows → reference categories: the built-in tables, and the user's own mapping
//! (a CSV of model or type → category, `--mapping FILE`), which wins over the built-in rules.
//!
//! Every table is plain data below, so the README's "GLPI" section can list it and a user can
//! see why an item got its category (the `rule` of each mapped item names the row that matched).

use super::GlpiError;
use crate::dataset::Dataset;
use crate::names::{match_key, normalize};

/// What a table row leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A dataset category id.
    Category(&'static str),
    /// Known, but with no reference category, with the reason.
    NoCategory(&'static str),
}

/// SMBIOS chassis types as GLPI agents report them (`content.hardware.chassis_type`), and the
/// computer types GLPI stores from them. Keys are compared case-, accent- and plural-insensitively.
pub const CHASSIS_TYPES: &[(&str, &str)] = &[
    ("Laptop", "laptop"),
    ("Notebook", "laptop"),
    ("Portable", "laptop"),
    ("Sub Notebook", "laptop"),
    ("Convertible", "laptop"),
    ("Detachable", "laptop"),
    // Some laptops report their chassis as "Docking Station" while docked.
    ("Docking Station", "laptop"),
    ("Desktop", "desktop"),
    ("Low Profile Desktop", "desktop"),
    ("Pizza Box", "desktop"),
    ("Mini Tower", "desktop"),
    ("Tower", "desktop"),
    ("Space-saving", "desktop"),
    ("Lunch Box", "desktop"),
    ("Sealed-case PC", "desktop"),
    ("Mini PC", "desktop"),
    ("Stick PC", "desktop"),
    ("All in One", "all_in_one"),
    ("All-in-One", "all_in_one"),
    ("Tablet", "tablet"),
    ("Hand Held", "tablet"),
    ("Main Server Chassis", "server"),
    ("Rack Mount Chassis", "server"),
    ("Multi-system chassis", "server"),
    ("Blade", "server"),
    ("Blade Enclosure", "server"),
    ("RAID Chassis", "nas"),
];

/// Chassis types that name no device class of the reference (left unmapped, with this reason).
pub const CHASSIS_WITHOUT_CATEGORY: &[&str] = &[
    "Expansion Chassis",
    "SubChassis",
    "Bus Expansion Chassis",
    "Peripheral Chassis",
    "Compact PCI",
    "Advanced TCA",
    "IoT Gateway",
    "Embedded PC",
    "Other",
    "Unknown",
];

/// Type names as GLPI administrators write them in their dropdowns (ComputerType, MonitorType,
/// PrinterType, NetworkEquipmentType, PhoneType, PeripheralType) are read by the shared
/// classifier ([`crate::classify`]), after [`CHASSIS_TYPES`]: one vocabulary for every reader.
/// GLPI item types (the `itemtype` of agent inventories, the "Type d'élément" column of global
/// CSV exports) whose items need no type to be mapped.
pub const ITEMTYPE_CATEGORIES: &[(&str, &str)] = &[
    ("Monitor", "monitor"),
    ("Moniteur", "monitor"),
    ("Écran", "monitor"),
];

/// Words in a printer's model, driver or description that mark a multifunction device
/// (print + scan + copy). A word matches when it equals one of these, or is one of the
/// `PREFIXES` followed by digits ("MFC-L2710DW", "MX5970", "MF4450").
pub const MULTIFUNCTION_WORDS: &[&str] = &[
    "mfp",
    "mfc",
    "dcp",
    "multifunction",
    "multifonction",
    "multifonctions",
    "copier",
    "copieur",
    "aio",
    "officejet",
    "workcentre",
    "imagerunner",
    "bizhub",
    "taskalfa",
    "altalink",
    "scx",
];
/// Model prefixes that mark a multifunction device when followed by digits (`MFC-L2710DW`,
/// `MX5970`).
pub const MULTIFUNCTION_PREFIXES: &[&str] = &["mfp", "mfc", "dcp", "mx", "mf", "mb", "mc", "scx"];

/// Page counters that only a multifunction device keeps (`content.pagecounters`).
pub const MULTIFUNCTION_COUNTERS: &[&str] = &[
    "copytotal",
    "copyblack",
    "copycolor",
    "copycolour",
    "scanned",
    "faxtotal",
];

/// Words in a network device's model or system description, by kind (checked in this order).
pub const NETWORK_WORDS: &[(&str, &[&str])] = &[
    (
        "firewall",
        &[
            "firewall",
            "pare feu",
            "fortigate",
            "fortinet",
            "stormshield",
            "pfsense",
            "opnsense",
            "sophos",
            "watchguard",
            "asa",
            "paloalto",
            "palo alto",
            "checkpoint",
            "srx",
        ],
    ),
    (
        "wifi_access_point",
        &[
            "access point",
            "point d acces",
            "aironet",
            "unifi ap",
            "uap",
            "wap",
            "wireless",
            "wifi",
            "wi fi",
            "borne",
            "meraki mr",
            "ruckus",
            "instant on ap",
        ],
    ),
    (
        "router",
        &[
            "router",
            "routeur",
            "isr",
            "asr",
            "routerboard",
            "mikrotik",
            "edgerouter",
        ],
    ),
    (
        "network_switch",
        &[
            "switch",
            "commutateur",
            "catalyst",
            "nexus",
            "procurve",
            "fabric interconnect",
            "ws c",
            "port",
            "ports",
            "stack",
        ],
    ),
];

/// `network_device.type` values of the agent schema, for network inventories.
pub(crate) fn network_type_target(t: &str) -> Option<Target> {
    Some(match match_key(t).as_str() {
        "storage" => Target::Category("nas"),
        "phone" => Target::Category("ip_phone"),
        "power" => Target::Category("ups"),
        "video" => Target::NoCategory("video equipment: no reference category"),
        "kvm" => Target::NoCategory("KVM switch: no reference category"),
        "computer" => Target::NoCategory(
            "a computer found by network inventory: its chassis is unknown; inventory it with the GLPI agent or map its model",
        ),
        "unmanaged" => Target::NoCategory("unmanaged device found by network discovery: its kind is unknown"),
        _ => return None,
    })
}

/// Words in a manufacturer or model that mark a virtual machine (CSV exports; agent
/// inventories say it in `hardware.vmsystem`).
pub const VIRTUAL_MACHINE_WORDS: &[&str] = &[
    "vmware",
    "virtualbox",
    "qemu",
    "kvm",
    "virtual machine",
    "virtual platform",
    "hyper v",
    "xen",
    "hvm domu",
    "bochs",
    "parallels",
];

/// GLPI statuses ("Statut") of items no longer in the fleet: not counted.
pub const GONE_STATUSES: &[&str] = &[
    "Au rebut",
    "Rebut",
    "Réformé",
    "Recyclé",
    "Détruit",
    "Volé",
    "Perdu",
    "Vendu",
    "Cédé",
    "Donné",
    "Retired",
    "Disposed",
    "Scrapped",
    "Stolen",
    "Lost",
    "Sold",
];
/// Statuses of items owned but not in use: counted (they were bought), with no use phase.
pub const STOCK_STATUSES: &[&str] = &["En stock", "Stock", "In stock", "Stocké", "En réserve"];

pub(crate) fn is_listed(list: &[&str], value: &str) -> bool {
    let k = match_key(value);
    !k.is_empty() && list.iter().any(|s| match_key(s) == k)
}

fn table_lookup(table: &[(&str, &'static str)], value: &str) -> Option<&'static str> {
    let k = match_key(value);
    if k.is_empty() {
        return None;
    }
    table
        .iter()
        .find(|(name, _)| match_key(name) == k)
        .map(|(_, c)| *c)
}

pub(crate) fn chassis_target(chassis: &str) -> Option<Target> {
    if let Some(c) = table_lookup(CHASSIS_TYPES, chassis) {
        return Some(Target::Category(c));
    }
    is_listed(CHASSIS_WITHOUT_CATEGORY, chassis).then_some(Target::NoCategory(
        "this chassis type names no device class of the reference",
    ))
}

pub(crate) fn type_name_category(t: &str) -> Option<&'static str> {
    table_lookup(CHASSIS_TYPES, t)
}

pub(crate) fn itemtype_category(itemtype: &str) -> Option<&'static str> {
    table_lookup(ITEMTYPE_CATEGORIES, itemtype)
}

/// Whether printer texts (model, driver, description) name a multifunction device; the word found.
pub(crate) fn multifunction_word<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    for text in texts {
        for word in normalize(text).split(' ') {
            if MULTIFUNCTION_WORDS.contains(&word) {
                return Some(word.to_string());
            }
            for p in MULTIFUNCTION_PREFIXES {
                if let Some(rest) = word.strip_prefix(p) {
                    if !rest.is_empty() && rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                        return Some(word.to_string());
                    }
                }
            }
        }
        // "Canon MX 5970": the prefix as a word of its own, then a number.
        let words: Vec<String> = normalize(text).split(' ').map(str::to_string).collect();
        for pair in words.windows(2) {
            if MULTIFUNCTION_PREFIXES.contains(&pair[0].as_str())
                && pair[1].chars().next().is_some_and(|c| c.is_ascii_digit())
            {
                return Some(format!("{} {}", pair[0], pair[1]));
            }
        }
    }
    None
}

/// The kind of a network device from its texts, and the word found.
pub(crate) fn network_kind<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> Option<(&'static str, &'static str)> {
    // The model first, then the description: the first text that names a kind decides.
    for text in texts {
        let padded = format!(" {} ", normalize(text));
        for (category, words) in NETWORK_WORDS {
            if let Some(w) = words.iter().find(|w| padded.contains(&format!(" {w} "))) {
                return Some((category, w));
            }
        }
    }
    None
}

/// One row of a user mapping.
#[derive(Debug, Clone, PartialEq)]
struct UserRule {
    key: String,
    written: String,
    /// Category id, or `None` for "ignore".
    category: Option<String>,
    line: u64,
}

/// The user's mapping: model or type → category (or `ignore`), from a CSV file with two
/// columns (`model_or_type;category`, `,` or `;`, a header row optional). Rows are matched
/// case-, accent- and plural-insensitively, on the model first, then on the type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserMapping {
    rules: Vec<UserRule>,
    source: String,
}

/// Words that mean "do not count this item" in a user mapping.
const IGNORE_WORDS: &[&str] = &["ignore", "ignorer", "exclude", "exclure", "skip", "-"];

impl UserMapping {
    /// Reads a mapping CSV; categories are checked against the dataset (with "did you mean").
    pub fn from_csv(source: &str, text: &str, ds: &Dataset) -> Result<UserMapping, GlpiError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next().unwrap_or("");
        let sep = if first.contains(';') {
            b';'
        } else if first.contains('\t') {
            b'\t'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(text.as_bytes());
        let mut rules = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let line = i as u64 + 1;
            let record = record.map_err(|e| GlpiError::Mapping {
                source_name: source.to_string(),
                line,
                message: e.to_string(),
            })?;
            let cells: Vec<&str> = record.iter().map(str::trim).collect();
            if cells.iter().all(|c| c.is_empty()) || cells[0].starts_with('#') {
                continue;
            }
            let (key, cat) = (cells[0], cells.get(1).copied().unwrap_or(""));
            if line == 1
                && matches!(
                    match_key(cat).as_str(),
                    "category" | "categorie" | "categoriereference"
                )
            {
                continue;
            }
            if key.is_empty() || cat.is_empty() {
                return Err(GlpiError::Mapping {
                    source_name: source.to_string(),
                    line,
                    message: "expected two columns: a model or type, then a category (or `ignore`)"
                        .into(),
                });
            }
            let category = if IGNORE_WORDS.contains(&normalize(cat).as_str()) || cat == "-" {
                None
            } else {
                let c = ds.find_category(cat).ok_or_else(|| GlpiError::Mapping {
                    source_name: source.to_string(),
                    line,
                    message: format!(
                        "unknown category {cat:?}{} in dataset {}; see `empreinte factors`, or write `ignore`",
                        ds.suggest_category(cat)
                            .map(|s| format!(" (did you mean {s}?)"))
                            .unwrap_or_default(),
                        ds.id()
                    ),
                })?;
                Some(ds.category(c).id.clone())
            };
            rules.push(UserRule {
                key: match_key(key),
                written: key.to_string(),
                category,
                line,
            });
        }
        Ok(UserMapping {
            rules,
            source: source.to_string(),
        })
    }

    /// Reads a mapping file's bytes: UTF-8 (with or without BOM) or Windows-1252.
    pub fn from_bytes(source: &str, bytes: &[u8], ds: &Dataset) -> Result<UserMapping, GlpiError> {
        let (text, _) = crate::text::decode_auto(bytes);
        UserMapping::from_csv(source, &text, ds)
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether the mapping has no rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rule for a value (a model, "manufacturer model", or a type): the category (`None`
    /// for ignore) and a description of the rule.
    pub(crate) fn lookup(&self, value: &str) -> Option<(Option<&str>, String)> {
        let k = match_key(value);
        if k.is_empty() {
            return None;
        }
        self.rules.iter().find(|r| r.key == k).map(|r| {
            (
                r.category.as_deref(),
                format!("{} line {}: {:?}", self.source, r.line, r.written),
            )
        })
    }
}
