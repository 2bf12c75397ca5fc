//! GLPI import: the JSON inventories GLPI agents send (one file, or a folder of them) and the
//! CSV exports of GLPI's search pages, mapped to reference categories.
//!
//! Every GLPI item becomes one [`GlpiItem`]: **mapped** to a category (with the rule that
//! decided it), **excluded** on purpose (a virtual machine, a laptop's own screen, a print
//! queue, a duplicate, a scrapped device — with the reason), **unmapped** (GLPI does not say
//! what it is — with the reason and what to do), or **invalid** (a file that cannot be read).
//! Nothing is dropped silently.
//!
//! ```
//! use empreinte::glpi::{GlpiImporter, GlpiOptions, UserMapping};
//! use empreinte::{Dataset, EvaluationOptions};
//!
//! let ds = Dataset::embedded_default();
//! let export = "\"Nom\";\"Entité\";\"Statut\";\"Fabricant\";\"Type\";\"Modèle\";\"Date d'achat\"\r\n\
//!               \"PC-ACCUEIL-01\";\"Entité racine > Mairie\";\"En service\";\"Dell Inc.\";\"Laptop\";\"Latitude 5420\";\"2022-03-15\"\r\n";
//! let mut importer = GlpiImporter::new(ds, UserMapping::default(), GlpiOptions::default());
//! importer.add_bytes("ordinateurs.csv", export.as_bytes());
//! let import = importer.finish();
//! let item = &import.items[0];
//! assert_eq!(item.category.as_deref(), Some("laptop"));
//! assert_eq!(item.acquisition_year, Some(2022));
//! assert_eq!(item.department.as_deref(), Some("Mairie"));
//! let report = import.evaluate(ds, &EvaluationOptions::new(2025)).unwrap();
//! assert_eq!(report.counts.rows_evaluated, 1);
//! ```

mod agent;
mod csv_export;
mod fields;
mod mapping;
mod output;

pub use output::{describe, TRACE_COLUMNS};

pub use mapping::{
    UserMapping, CHASSIS_TYPES, CHASSIS_WITHOUT_CATEGORY, GONE_STATUSES, ITEMTYPE_CATEGORIES,
    MULTIFUNCTION_COUNTERS, MULTIFUNCTION_PREFIXES, MULTIFUNCTION_WORDS, NETWORK_WORDS,
    STOCK_STATUSES, VIRTUAL_MACHINE_WORDS,
};

use crate::dataset::Dataset;
use crate::indicator::Lang;
use crate::inventory::EquipmentLine;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// Files larger than this are not read (agent inventories are a few MB at most).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Errors that stop an import as a whole (a bad file inside a folder does not: it becomes an
/// [`ItemStatus::Invalid`] item).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GlpiError {
    /// A file or folder could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        message: String,
    },
    /// A user mapping file is not valid (not two columns, an unknown category).
    #[error("mapping {source_name}, line {line}: {message}")]
    Mapping {
        /// Name of the mapping file.
        source_name: String,
        /// 1-based line in it.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

impl GlpiError {
    /// A stable, machine-readable code (`read_error`, `invalid_mapping`).
    pub fn code(&self) -> &'static str {
        match self {
            GlpiError::Io { .. } => "read_error",
            GlpiError::Mapping { .. } => "invalid_mapping",
        }
    }
}

/// Where the acquisition year of an item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// GLPI's financial information ("Date d'achat").
    PurchaseDate,
    /// "Date de mise en service" (or delivery date) of the financial information.
    InServiceDate,
    /// The BIOS release date the agent read: a device is at least as recent as its first BIOS,
    /// but a BIOS update moves it later.
    BiosDate,
    /// The manufacture week/year a monitor's EDID gives.
    ManufactureDate,
    /// When GLPI first saw the item ("Date de création", or the date in the agent's device id).
    FirstInventory,
    /// None known: the evaluation spreads embodied impacts evenly and says so.
    #[default]
    Unknown,
}

impl YearSource {
    /// Stable id (`purchase_date`, `bios_date`...), as written in the `acquisition_year_source`
    /// trace column.
    pub fn id(self) -> &'static str {
        match self {
            YearSource::PurchaseDate => "purchase_date",
            YearSource::InServiceDate => "in_service_date",
            YearSource::BiosDate => "bios_date",
            YearSource::ManufactureDate => "manufacture_date",
            YearSource::FirstInventory => "first_inventory",
            YearSource::Unknown => "unknown",
        }
    }

    /// The label in French or English.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (YearSource::PurchaseDate, Lang::Fr) => "date d'achat",
            (YearSource::InServiceDate, Lang::Fr) => "date de mise en service",
            (YearSource::BiosDate, Lang::Fr) => "date du BIOS",
            (YearSource::ManufactureDate, Lang::Fr) => "date de fabrication (EDID)",
            (YearSource::FirstInventory, Lang::Fr) => "premier inventaire",
            (YearSource::Unknown, Lang::Fr) => "inconnue",
            (YearSource::PurchaseDate, Lang::En) => "purchase date",
            (YearSource::InServiceDate, Lang::En) => "in-service date",
            (YearSource::BiosDate, Lang::En) => "BIOS date",
            (YearSource::ManufactureDate, Lang::En) => "manufacture date (EDID)",
            (YearSource::FirstInventory, Lang::En) => "first inventory",
            (YearSource::Unknown, Lang::En) => "unknown",
        }
    }
}

/// What became of a GLPI item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Mapped to a category: evaluated.
    Mapped,
    /// Deliberately not counted (virtual machine, built-in screen, duplicate, print queue,
    /// scrapped device, `ignore` in the user's mapping).
    Excluded,
    /// GLPI does not say what it is, or the dataset has no category for it.
    Unmapped,
    /// A file that could not be read as GLPI input.
    Invalid,
}

impl ItemStatus {
    /// Stable id: `mapped`, `excluded`, `unmapped` or `invalid`.
    pub fn id(self) -> &'static str {
        match self {
            ItemStatus::Mapped => "mapped",
            ItemStatus::Excluded => "excluded",
            ItemStatus::Unmapped => "unmapped",
            ItemStatus::Invalid => "invalid",
        }
    }
}

/// Where items' departments come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentFrom {
    /// The entity (its last level, below the root entity), else the location (default).
    #[default]
    EntityThenLocation,
    /// The entity only (agent inventories: the agent's `tag`).
    Entity,
    /// The location only (its first level: the building or site).
    Location,
}

/// Import options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct GlpiOptions {
    /// Where items' departments come from.
    pub department_from: DepartmentFrom,
}

/// One GLPI item and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlpiItem {
    /// 1-based position in the import (the line number of evaluation messages).
    pub number: u64,
    /// File (and CSV line) it came from.
    pub source: String,
    /// GLPI item type: Computer, Monitor, Printer, NetworkEquipment, Phone...
    pub itemtype: String,
    /// The item's name in GLPI.
    pub name: Option<String>,
    /// Its manufacturer.
    pub manufacturer: Option<String>,
    /// Its model.
    pub model: Option<String>,
    /// Its serial number; an item of a category whose serial was already seen is excluded as a
    /// duplicate.
    pub serial: Option<String>,
    /// Its department, from the entity or location as [`GlpiOptions`] says.
    pub department: Option<String>,
    /// What became of it.
    pub status: ItemStatus,
    /// Dataset category id when mapped.
    pub category: Option<String>,
    /// Physical devices (a stack of switches is one GLPI item, several devices).
    pub quantity: u32,
    /// Acquisition year, when one is known.
    pub acquisition_year: Option<i32>,
    /// Where the acquisition year comes from.
    pub year_source: YearSource,
    /// In stock: counted (it was bought), with no use.
    pub in_stock: bool,
    /// Machine-readable rule (mapped) or reason (not counted).
    pub code: &'static str,
    /// The rule that decided the category, or why the item is not counted, in plain words.
    pub detail: String,
}

impl GlpiItem {
    /// The inventory line of a mapped item.
    pub fn line(&self) -> Option<EquipmentLine> {
        let category = self
            .category
            .as_ref()
            .filter(|_| self.status == ItemStatus::Mapped)?;
        let mut line = EquipmentLine::new(category.clone(), self.quantity.max(1));
        line.acquisition_year = self.acquisition_year;
        line.department = self.department.clone();
        line.label = Some(self.label());
        if self.in_stock {
            line.hours_per_day = Some(uom::si::f64::Time::new::<uom::si::time::hour>(0.0));
        }
        Some(line)
    }

    /// "name (manufacturer model)".
    pub fn label(&self) -> String {
        // "Canon" + "Canon MX 5970" reads "Canon MX 5970".
        let maker = self.manufacturer.as_deref().filter(|m| {
            let first = crate::names::normalize(m);
            let first = first.split(' ').next().unwrap_or("");
            !crate::names::normalize(self.model.as_deref().unwrap_or(""))
                .split(' ')
                .any(|w| !first.is_empty() && w == first)
        });
        let what: Vec<&str> = [maker, self.model.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        match (self.name.as_deref(), what.is_empty()) {
            (Some(n), false) => format!("{n} ({})", what.join(" ")),
            (Some(n), true) => n.to_string(),
            (None, false) => what.join(" "),
            (None, true) => self.itemtype.clone(),
        }
    }
}

/// How many items of each status, and how many devices mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct GlpiCounts {
    /// Files read.
    pub files: u64,
    /// Items, whatever their status.
    pub items: u64,
    /// Items mapped to a category.
    pub mapped: u64,
    /// Items excluded on purpose.
    pub excluded: u64,
    /// Items GLPI does not say enough about.
    pub unmapped: u64,
    /// Files that could not be read as GLPI input.
    pub invalid: u64,
    /// Physical devices on the mapped items.
    pub devices: u64,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlpiImport {
    /// Every item, in the order read.
    pub items: Vec<GlpiItem>,
    /// Files of a folder left aside (not `.json` or `.csv`).
    pub skipped_files: Vec<String>,
    /// Files read.
    pub files: u64,
}

/// What a byte buffer looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlpiFormat {
    /// A GLPI agent JSON inventory (`{"content": {...}, "itemtype": ..., "deviceid": ...}`).
    AgentJson,
    /// A CSV export of a GLPI search page (`"Nom";"Entité";"Statut";...`).
    CsvExport,
}

/// How much of a file's start [`detect`] needs to recognise a GLPI export (64 KiB): readers
/// pass at most this many bytes.
pub const DETECTION_HEAD_BYTES: usize = 64 * 1024;

/// Tells GLPI input apart from an empreinte inventory, from the first bytes of a file.
pub fn detect(head: &[u8]) -> Option<GlpiFormat> {
    let head = &head[..head.len().min(DETECTION_HEAD_BYTES)];
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = body.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first == b'{' {
        // Every agent inventory has a "content" object; empreinte's own JSON never does.
        let text = String::from_utf8_lossy(body);
        return text
            .contains("\"content\"")
            .then_some(GlpiFormat::AgentJson);
    }
    csv_export::looks_like_export(body).then_some(GlpiFormat::CsvExport)
}

/// Whether a path is GLPI input: a folder (read by [`GlpiImporter::add_path`]), or a file whose
/// first [`DETECTION_HEAD_BYTES`] [`detect`] recognises. A file that cannot be read is not.
pub fn is_glpi_path(path: &Path) -> bool {
    use std::io::Read;
    if path.is_dir() {
        return true;
    }
    let mut head = Vec::new();
    match std::fs::File::open(path) {
        Ok(f) => {
            let _ = f.take(DETECTION_HEAD_BYTES as u64).read_to_end(&mut head);
            detect(&head).is_some()
        }
        Err(_) => false,
    }
}

/// Imports GLPI files into items.
#[derive(Debug)]
pub struct GlpiImporter<'d> {
    ds: &'d Dataset,
    mapping: UserMapping,
    options: GlpiOptions,
    items: Vec<GlpiItem>,
    skipped_files: Vec<String>,
    files: u64,
    /// Serial (by kind) → label of the first item that had it.
    serials: HashMap<(String, String), String>,
}

impl<'d> GlpiImporter<'d> {
    /// An importer mapping to `ds`'s categories, with the user's own rules first.
    pub fn new(ds: &'d Dataset, mapping: UserMapping, options: GlpiOptions) -> GlpiImporter<'d> {
        GlpiImporter {
            ds,
            mapping,
            options,
            items: Vec::new(),
            skipped_files: Vec::new(),
            files: 0,
            serials: HashMap::new(),
        }
    }

    /// Adds one file's content: an agent JSON inventory or a CSV export (detected). Content
    /// that is neither becomes an invalid item naming the file.
    pub fn add_bytes(&mut self, source: &str, bytes: &[u8]) {
        self.files += 1;
        match detect(bytes) {
            Some(GlpiFormat::AgentJson) => agent::import(self, source, bytes),
            Some(GlpiFormat::CsvExport) => csv_export::import(self, source, bytes),
            None => {
                let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                let detail = match body.iter().find(|b| !b.is_ascii_whitespace()) {
                    None => "the file is empty".to_string(),
                    Some(b'{') | Some(b'[') => match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
                        Err(e) => format!("invalid JSON at line {}, column {}: {e}", e.line(), e.column()),
                        Ok(_) => "JSON, but not a GLPI agent inventory (expected an object with \"content\" and \"itemtype\" or \"deviceid\")".into(),
                    },
                    Some(_) => "neither a GLPI agent inventory (JSON) nor a GLPI CSV export (expected a header row such as \"Nom\";\"Entité\";\"Statut\";\"Fabricant\";\"Type\";\"Modèle\")".into(),
                };
                self.invalid(source, "not_glpi", detail);
            }
        }
    }

    /// Adds a file, or every `.json` and `.csv` file of a folder (recursively, in name order).
    pub fn add_path(&mut self, path: &Path) -> Result<(), GlpiError> {
        let io = |e: std::io::Error| GlpiError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(path)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            for p in entries {
                let ext = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if p.is_dir() {
                    self.add_path(&p)?;
                } else if matches!(ext.as_deref(), Some("json") | Some("csv")) {
                    self.add_file(&p, p.metadata().map(|m| m.len()).unwrap_or(0));
                } else {
                    self.skipped_files.push(p.display().to_string());
                }
            }
            return Ok(());
        }
        self.add_file(path, meta.len());
        Ok(())
    }

    fn add_file(&mut self, path: &Path, len: u64) {
        let source = path.display().to_string();
        if len > MAX_FILE_BYTES {
            self.files += 1;
            self.invalid(
                &source,
                "too_large",
                format!(
                    "{} MB: larger than the {} MB accepted for one GLPI file",
                    len / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            );
            return;
        }
        match std::fs::read(path) {
            Ok(bytes) => self.add_bytes(&source, &bytes),
            Err(e) => {
                self.files += 1;
                self.invalid(&source, "unreadable", e.to_string());
            }
        }
    }

    /// Closes the import.
    pub fn finish(self) -> GlpiImport {
        GlpiImport {
            items: self.items,
            skipped_files: self.skipped_files,
            files: self.files,
        }
    }

    fn invalid(&mut self, source: &str, code: &'static str, detail: String) {
        let mut item = ItemDraft::new(source, "(file)");
        item.name = Path::new(source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        self.push(
            item,
            Decision::not_counted(ItemStatus::Invalid, code, detail),
        );
    }

    /// Records an item: checks the category exists in the dataset, and that its serial was not
    /// seen before.
    fn push(&mut self, draft: ItemDraft, decision: Decision) {
        let mut d = decision;
        if d.status == ItemStatus::Mapped {
            let cat = d.category.clone().unwrap_or_default();
            // The shared classifier: a built-in category is refined by what the model says
            // (ports, size, rugged) and answered by the dataset (its own figures, a parent's,
            // or not available); a user's mapping is taken as written.
            let model = (!d.code.starts_with("user_mapping"))
                .then_some(draft.model.as_deref())
                .flatten();
            match self.ds.classify(&cat, model) {
                Ok(c) => {
                    let id = self.ds.category(c.category).id.clone();
                    if id != cat || c.rule.contains('+') {
                        d.detail.push_str(&format!("; {}", c.rule));
                    }
                    d.category = Some(id.into());
                }
                Err(_) => {
                    d = Decision::not_counted(
                        ItemStatus::Unmapped,
                        "no_category",
                        format!(
                            "{} ({}); dataset {} has no category for it",
                            d.detail,
                            d.category.as_deref().unwrap_or(""),
                            self.ds.id()
                        ),
                    )
                }
            }
            if let Some(serial) = draft.serial.as_deref().filter(|s| usable_serial(s)) {
                let key = (
                    d.category.as_deref().unwrap_or("").to_string(),
                    serial.to_ascii_uppercase(),
                );
                let label = draft.label();
                if let Some(first) = self.serials.get(&key) {
                    d = Decision::not_counted(
                        ItemStatus::Excluded,
                        "duplicate",
                        format!("same serial number {serial} as {first}: counted once"),
                    );
                } else {
                    self.serials
                        .insert(key, format!("{label} in {}", draft.source));
                }
            }
        }
        let number = self.items.len() as u64 + 1;
        self.items.push(GlpiItem {
            number,
            source: draft.source,
            itemtype: draft.itemtype,
            name: draft.name,
            manufacturer: draft.manufacturer,
            model: draft.model,
            serial: draft.serial,
            department: draft.department,
            status: d.status,
            category: if d.status == ItemStatus::Mapped {
                d.category.map(|c| c.into_owned())
            } else {
                None
            },
            quantity: d.quantity,
            acquisition_year: draft.year,
            year_source: if draft.year.is_some() {
                draft.year_source
            } else {
                YearSource::Unknown
            },
            in_stock: draft.in_stock,
            code: d.code,
            detail: d.detail,
        });
    }

    /// The user's rule for an item: by "manufacturer model", by model, then by each type given.
    fn user_rule(&self, draft: &ItemDraft, types: &[&str]) -> Option<Decision> {
        let mut keys: Vec<(String, &'static str)> = Vec::new();
        if let (Some(m), Some(model)) = (&draft.manufacturer, &draft.model) {
            keys.push((format!("{m} {model}"), "user_mapping_model"));
        }
        if let Some(model) = &draft.model {
            keys.push((model.clone(), "user_mapping_model"));
        }
        for t in types {
            keys.push((t.to_string(), "user_mapping_type"));
        }
        keys.iter().find_map(|(k, code)| {
            self.mapping.lookup(k).map(|(cat, rule)| match cat {
                Some(c) => Decision::mapped(c.to_string(), code, format!("user mapping ({rule})")),
                None => Decision::not_counted(
                    ItemStatus::Excluded,
                    "ignored_by_mapping",
                    format!("`ignore` in the user mapping ({rule})"),
                ),
            })
        })
    }

    /// Department from an entity (last level below the root) and a location (first level).
    fn department(&self, entity: Option<&str>, location: Option<&str>) -> Option<String> {
        let entity = entity.and_then(entity_department);
        let location = location.and_then(location_department);
        match self.options.department_from {
            DepartmentFrom::EntityThenLocation => entity.or(location),
            DepartmentFrom::Entity => entity,
            DepartmentFrom::Location => location,
        }
    }
}

fn usable_serial(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 4
        && !t.chars().all(|c| c == '0' || c == '1')
        && !matches!(
            t.to_ascii_lowercase().as_str(),
            "none"
                | "n/a"
                | "na"
                | "invalid"
                | "default string"
                | "to be filled by o.e.m."
                | "0123456789"
        )
}

const ROOT_ENTITIES: &[&str] = &["Entité racine", "Root entity", "Racine", "Root"];

fn entity_department(entity: &str) -> Option<String> {
    let levels: Vec<&str> = entity
        .split('>')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let last = levels.last()?;
    if levels.len() == 1 && mapping::is_listed(ROOT_ENTITIES, last) {
        return None;
    }
    Some(last.to_string())
}

fn location_department(location: &str) -> Option<String> {
    location
        .split('>')
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string)
}

/// What is known about an item before deciding.
#[derive(Debug, Clone, Default)]
pub(crate) struct ItemDraft {
    source: String,
    itemtype: String,
    name: Option<String>,
    manufacturer: Option<String>,
    model: Option<String>,
    serial: Option<String>,
    department: Option<String>,
    year: Option<i32>,
    year_source: YearSource,
    in_stock: bool,
}

impl ItemDraft {
    fn new(source: &str, itemtype: &str) -> ItemDraft {
        ItemDraft {
            source: source.to_string(),
            itemtype: itemtype.to_string(),
            ..ItemDraft::default()
        }
    }

    /// Sets the year from the first source that gives one.
    fn year_from(&mut self, candidates: &[(Option<i32>, YearSource)]) {
        if let Some((y, s)) = candidates.iter().find(|(y, _)| y.is_some()) {
            self.year = *y;
            self.year_source = *s;
        }
    }

    fn label(&self) -> String {
        let name = self.name.clone().unwrap_or_else(|| self.itemtype.clone());
        match &self.model {
            Some(m) => format!("{name} ({m})"),
            None => name,
        }
    }
}

/// The decision about an item.
#[derive(Debug, Clone)]
pub(crate) struct Decision {
    status: ItemStatus,
    category: Option<std::borrow::Cow<'static, str>>,
    quantity: u32,
    code: &'static str,
    detail: String,
}

impl Decision {
    fn mapped(
        category: impl Into<std::borrow::Cow<'static, str>>,
        code: &'static str,
        detail: String,
    ) -> Decision {
        Decision {
            status: ItemStatus::Mapped,
            category: Some(category.into()),
            quantity: 1,
            code,
            detail,
        }
    }

    fn not_counted(status: ItemStatus, code: &'static str, detail: String) -> Decision {
        Decision {
            status,
            category: None,
            quantity: 1,
            code,
            detail,
        }
    }
}

impl GlpiImport {
    /// Items of each status.
    pub fn counts(&self) -> GlpiCounts {
        let mut c = GlpiCounts {
            files: self.files,
            ..GlpiCounts::default()
        };
        for item in &self.items {
            c.items += 1;
            match item.status {
                ItemStatus::Mapped => {
                    c.mapped += 1;
                    c.devices += item.quantity as u64;
                }
                ItemStatus::Excluded => c.excluded += 1,
                ItemStatus::Unmapped => c.unmapped += 1,
                ItemStatus::Invalid => c.invalid += 1,
            }
        }
        c
    }

    /// Items not evaluated (excluded, unmapped, invalid).
    pub fn not_counted(&self) -> impl Iterator<Item = &GlpiItem> {
        self.items.iter().filter(|i| i.status != ItemStatus::Mapped)
    }
}
