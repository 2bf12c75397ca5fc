//! Optional hosting tables of a dataset: where servers run (PUE), the bottom-up server model's
//! constants and component factors, server archetypes, CPU specifications and power curves, cloud
//! instances and regions. See `reference-data/SCHEMA.md`, "Hosting tables".
//!
//! A dataset without them still loads; the hosting model then answers
//! [`crate::hosting::HostingError::MissingTable`] for what needs them.

use super::table::{Row, Table};
use super::{Dataset, DatasetError, Quality, ZoneRef};
use crate::estimate::Range;
use crate::indicator::Indicator;
use crate::names::{match_key, NameIndex};
use serde::Serialize;
use std::collections::HashMap;

/// File names of the hosting tables, in loading order.
pub const HOSTING_FILES: [&str; 10] = [
    "hosting_sites.csv",
    "hosting_parameters.csv",
    "hosting_components.csv",
    "hosting_servers.csv",
    "hosting_cpus.csv",
    "hosting_cpu_die_by_cores.csv",
    "hosting_cpu_profiles.csv",
    "hosting_memory_types.csv",
    "hosting_cloud_instances.csv",
    "hosting_cloud_regions.csv",
];

/// The text of the hosting tables (each optional), in the order of [`HOSTING_FILES`].
pub type HostingFiles<'a> = [Option<&'a str>; 10];

/// A kind of place servers run in, with its PUE (`hosting_sites.csv`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    /// Site id (`own_server_room`, `colocation`, `cloud_hyperscale`, `it_only`...).
    pub id: String,
    /// Display label in French.
    pub label_fr: String,
    /// Display label in English.
    pub label_en: String,
    /// Other names people write for it.
    pub aliases: Vec<String>,
    /// Its PUE (total facility energy / IT energy, at least 1), with its range.
    pub pue: Range,
    /// How far the PUE can be trusted.
    pub quality: Quality,
    /// Source of the PUE (a key of [`Dataset::sources`]).
    pub source_id: String,
    /// Where in that source it was read; may cite further sources as `source-id: figure`.
    pub source_row: String,
    /// Caveats (may be empty).
    pub note: String,
}

/// A scalar constant of the server model (`hosting_parameters.csv`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostingParameter {
    /// Parameter id (`ram_density`, `psu_unit_weight`, `cpu_tdp_ratio_load_50`...).
    pub id: String,
    /// Value with its range, in `unit`.
    pub value: Range,
    /// Unit of the value.
    pub unit: String,
    /// Source of the value (a key of [`Dataset::sources`]).
    pub source_id: String,
    /// Where in that source it was read.
    pub source_row: String,
}

/// An embodied factor of a server component (`hosting_components.csv`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentFactor {
    /// Unique key, `hosting.<component>.<term>.<indicator>`.
    pub id: String,
    /// `cpu`, `ram`, `ssd`, `hdd`, `motherboard`, `power_supply`, `case_rack`, `case_blade` or
    /// `assembly`.
    pub component: String,
    /// `fixed` (per unit), `per_die_area`, `per_kg`, `enclosure_16_slots`.
    pub term: String,
    /// The indicator it gives (manufacturing phase).
    pub indicator: Indicator,
    /// Value with its range, in `unit`.
    pub value: Range,
    /// The indicator's unit, per mm² (CPU die), cm² (DRAM, NAND) or kg according to `term`.
    pub unit: String,
    /// Source of the factor (a key of [`Dataset::sources`]).
    pub source_id: String,
    /// Where in that source it was read.
    pub source_row: String,
}

/// A server archetype or cloud host platform (`hosting_servers.csv`). Ranges are BoaviztAPI's
/// `default;min;max`; `None` is an empty cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerArchetype {
    /// Archetype id (`platform_compute_medium`, a cloud platform's id).
    pub id: String,
    /// Manufacturer, when given.
    pub manufacturer: String,
    /// Enclosure: `rack`, `blade` or `tower`.
    pub case_type: String,
    /// Number of CPUs.
    pub cpu_units: Range,
    /// CPU name, as in `hosting_cpus.csv`.
    pub cpu_name: String,
    /// CPU manufacturer (picks the power curve with the model range).
    pub cpu_manufacturer: String,
    /// CPU family (picks a cloud platform's memory generation).
    pub cpu_family: String,
    /// CPU model range (picks the power curve).
    pub cpu_model_range: String,
    /// Thermal design power of one CPU (W).
    pub cpu_tdp_w: Option<Range>,
    /// Cores per CPU.
    pub cpu_core_units: Option<Range>,
    /// Threads per CPU (the vCPU share of cloud instances).
    pub cpu_threads: Option<Range>,
    /// Die area of one CPU (mm²).
    pub cpu_die_size_mm2: Option<Range>,
    /// Number of memory modules.
    pub ram_units: Option<Range>,
    /// Capacity of one memory module (GB).
    pub ram_capacity_gb: Option<Range>,
    /// Number of SSDs.
    pub ssd_units: Option<Range>,
    /// Capacity of one SSD (GB).
    pub ssd_capacity_gb: Option<Range>,
    /// Number of HDDs.
    pub hdd_units: Option<Range>,
    /// Capacity of one HDD (GB).
    pub hdd_capacity_gb: Option<Range>,
    /// Number of GPUs (servers with GPUs are not supported yet).
    pub gpu_units: Option<Range>,
    /// Number of power supplies.
    pub psu_units: Option<Range>,
    /// Weight of one power supply (kg).
    pub psu_unit_weight_kg: Option<Range>,
    /// Default CPU load (%).
    pub load_percent: Range,
    /// Default share of the time the server is on (0 to 1).
    pub use_time_ratio: Range,
    /// Default lifetime (hours).
    pub lifetime_hours: Range,
    /// Power of the other components as a share of CPU + memory power.
    pub other_consumption_ratio: Range,
    /// Where in the source the archetype was read.
    pub source_row: String,
}

/// A CPU of `hosting_cpus.csv` (figures truncated to integers, as BoaviztAPI reads them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpuSpec {
    /// CPU name (`Intel Xeon Gold 6134`).
    pub name: String,
    /// Manufacturer (`Intel`, `AMD`...).
    pub manufacturer: String,
    /// CPU family (`Skylake`...).
    pub family: String,
    /// Model range (`Xeon Gold`...), which picks the power curve.
    pub model_range: String,
    /// Thermal design power (W), when known.
    pub tdp_w: Option<f64>,
    /// Cores, when known.
    pub cores: Option<f64>,
    /// Threads, when known.
    pub threads: Option<f64>,
    /// Die area (mm²), when known.
    pub die_size_mm2: Option<f64>,
}

/// A CPU power curve `a·ln(b·(load + c)) + d` (W, load in %) of a model range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpuProfile {
    /// CPU manufacturer.
    pub manufacturer: String,
    /// Model range the curve is for.
    pub model_range: String,
    /// Coefficient `a` (W).
    pub a: f64,
    /// Coefficient `b` (per %).
    pub b: f64,
    /// Coefficient `c` (%).
    pub c: f64,
    /// Coefficient `d` (W).
    pub d: f64,
}

/// A cloud instance type and its host platform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudInstance {
    /// Provider id (`aws`, `azure`, `gcp`, `ovhcloud`, `scaleway`).
    pub provider: String,
    /// Instance type as the provider names it (`m6g.xlarge`).
    pub id: String,
    /// Virtual CPUs.
    pub vcpu: f64,
    /// Memory (GB).
    pub memory_gb: f64,
    /// SSD storage (GB).
    pub ssd_gb: f64,
    /// HDD storage (GB).
    pub hdd_gb: f64,
    /// GPUs (instances with GPUs are not supported yet).
    pub gpu_units: f64,
    /// Index in [`HostingTables::servers`].
    pub platform: usize,
}

/// The optional hosting tables of a dataset.
#[derive(Debug, Clone, Default)]
pub struct HostingTables {
    /// Where servers run, with their PUE (`hosting_sites.csv`).
    pub sites: Vec<Site>,
    pub(crate) site_names: NameIndex,
    /// Constants of the server model (`hosting_parameters.csv`).
    pub parameters: Vec<HostingParameter>,
    /// Embodied factors of server components (`hosting_components.csv`).
    pub components: Vec<ComponentFactor>,
    /// Server archetypes and cloud platforms (`hosting_servers.csv`).
    pub servers: Vec<ServerArchetype>,
    pub(crate) server_index: HashMap<String, usize>,
    /// CPU specifications (`hosting_cpus.csv`).
    pub cpus: Vec<CpuSpec>,
    pub(crate) cpu_index: HashMap<String, usize>,
    /// (cores, mean, min, max) die area statistics (mm²).
    pub die_by_cores: Vec<(f64, f64, f64, f64)>,
    /// CPU power curves by model range (`hosting_cpu_profiles.csv`).
    pub profiles: Vec<CpuProfile>,
    /// Memory generation (`DDR3`, `DDR4`, `DDR5`) by CPU family (`hosting_memory_types.csv`).
    pub memory_types: HashMap<String, String>,
    /// Cloud instance types (`hosting_cloud_instances.csv`).
    pub instances: Vec<CloudInstance>,
    /// provider → lower-case instance id → index.
    pub(crate) instance_index: HashMap<String, HashMap<String, usize>>,
    /// (provider, region) → zone.
    pub regions: HashMap<(String, String), ZoneRef>,
    /// Which tables were present, in the order of [`HOSTING_FILES`].
    pub present: [bool; 10],
}

impl HostingTables {
    /// A model parameter by id.
    pub fn parameter(&self, id: &str) -> Option<&HostingParameter> {
        self.parameters.iter().find(|p| p.id == id)
    }

    /// A CPU by name (case-, accent- and punctuation-insensitive; the manufacturer may be omitted).
    pub fn find_cpu(&self, name: &str) -> Option<&CpuSpec> {
        self.cpu_index.get(&match_key(name)).map(|&i| &self.cpus[i])
    }

    /// A server archetype or cloud platform by id.
    pub fn find_server(&self, id: &str) -> Option<&ServerArchetype> {
        self.server_index
            .get(&id.to_lowercase())
            .map(|&i| &self.servers[i])
    }

    /// A site by id or any name people write for it.
    pub fn find_site(&self, name: &str) -> Option<&Site> {
        self.site_names.get(name).map(|i| &self.sites[i])
    }

    /// The closest site name, for "did you mean" messages.
    pub fn suggest_site(&self, name: &str) -> Option<String> {
        self.site_names
            .suggest(name)
            .map(|(_, i)| self.sites[i].id.clone())
    }
}

/// Source ids cited inside a text as `source-id: ...` (a word with a hyphen before ": ").
fn cited_ids(text: &str) -> impl Iterator<Item = &str> {
    text.split(": ").filter_map(|before| {
        let word = before.rsplit([' ', '(', ';', ',']).next().unwrap_or("");
        let ok = word.contains('-')
            && word.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        ok.then_some(word)
    })
}

/// Parses `v` or `v;low;high` (empty: `None`).
fn triple(row: &Row<'_>, column: &str) -> Result<Option<Range>, DatasetError> {
    let text = row.text(column);
    if text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<Option<f64>> = text
        .split(';')
        .map(|p| crate::decimal::parse_f64(p.trim()).filter(|v| v.is_finite()))
        .collect();
    let bad = || {
        row.invalid(
            column,
            "a number, or value;low;high with low <= value <= high",
        )
    };
    match parts.as_slice() {
        [Some(v)] => Ok(Some(Range::exact(*v))),
        [Some(v), Some(lo), Some(hi)] if lo <= v && v <= hi => Ok(Some(Range::new(*lo, *v, *hi))),
        _ => Err(bad()),
    }
}

fn required_triple(row: &Row<'_>, column: &str) -> Result<Range, DatasetError> {
    triple(row, column)?.ok_or_else(|| row.invalid(column, "a number, or value;low;high"))
}

fn opt_number(row: &Row<'_>, column: &str) -> Result<Option<f64>, DatasetError> {
    match row.text(column) {
        "" => Ok(None),
        _ => row.number(column).map(Some),
    }
}

fn range_of(row: &Row<'_>, v: &str, lo: &str, hi: &str) -> Result<Range, DatasetError> {
    let value = row.number(v)?;
    let low = row.number(lo)?;
    let high = row.number(hi)?;
    if !(low <= value && value <= high) {
        return Err(row.invalid(v, &format!("{lo} <= {v} <= {hi}")));
    }
    Ok(Range::new(low, value, high))
}

impl Dataset {
    /// Adds the optional hosting tables (text of each file, `None` when absent), validating them:
    /// columns, numbers and ranges, units, cited sources, references between tables.
    pub fn with_hosting_tables(
        mut self,
        files: &HostingFiles<'_>,
    ) -> Result<Dataset, DatasetError> {
        let mut h = HostingTables::default();
        let known_sources: Vec<String> = self.sources.iter().map(|s| s.id.clone()).collect();
        let check_source = |row: &Row<'_>, file: &str, key: &str| -> Result<(), DatasetError> {
            let sid = row.required("source_id")?;
            if known_sources.iter().any(|s| s == sid) {
                Ok(())
            } else {
                Err(DatasetError::UnknownSource {
                    file: file.into(),
                    line: row.line,
                    factor_id: key.into(),
                    source_id: sid.into(),
                    known: known_sources.join(", "),
                })
            }
        };
        let dup = |file: &str, line: u64, kind: &str, key: &str| DatasetError::Duplicate {
            file: file.into(),
            line,
            kind: kind.into(),
            key: key.into(),
            first_line: 0,
        };
        for (i, text) in files.iter().enumerate() {
            h.present[i] = text.is_some();
        }
        let table = |i: usize| -> Result<Option<Table>, DatasetError> {
            files[i]
                .map(|t| Table::parse(HOSTING_FILES[i], t))
                .transpose()
        };

        if let Some(t) = table(0)? {
            t.require(&[
                "site", "label_fr", "label_en", "aliases", "pue", "pue_low", "pue_high",
            ])?;
            t.require(&["quality", "source_id", "source_row"])?;
            for row in t.rows() {
                let id = row.required("site")?.to_string();
                check_source(&row, HOSTING_FILES[0], &id)?;
                // Further sources cited in the text as `source-id: figure` must exist too.
                for cited in cited_ids(row.text("source_row")) {
                    if !known_sources.iter().any(|s| s == cited) {
                        return Err(DatasetError::UnknownSource {
                            file: HOSTING_FILES[0].into(),
                            line: row.line,
                            factor_id: id.clone(),
                            source_id: cited.into(),
                            known: known_sources.join(", "),
                        });
                    }
                }
                let pue = range_of(&row, "pue", "pue_low", "pue_high")?;
                if pue.low < 1.0 {
                    return Err(row.invalid("pue_low", "a PUE of at least 1"));
                }
                let site = Site {
                    label_fr: row.required("label_fr")?.into(),
                    label_en: row.required("label_en")?.into(),
                    aliases: row.list("aliases"),
                    pue,
                    quality: row.quality()?,
                    source_id: row.text("source_id").into(),
                    source_row: row.required("source_row")?.into(),
                    note: row.text("note").into(),
                    id,
                };
                let item = h.sites.len();
                for name in [&site.id, &site.label_fr, &site.label_en]
                    .into_iter()
                    .chain(site.aliases.iter())
                {
                    if h.site_names.insert(name, item).is_some() {
                        return Err(dup(HOSTING_FILES[0], row.line, "site name", name));
                    }
                }
                h.sites.push(site);
            }
        }

        if let Some(t) = table(1)? {
            t.require(&[
                "parameter",
                "value",
                "low",
                "high",
                "unit",
                "source_id",
                "source_row",
            ])?;
            for row in t.rows() {
                let id = row.required("parameter")?.to_string();
                check_source(&row, HOSTING_FILES[1], &id)?;
                if h.parameters.iter().any(|p| p.id == id) {
                    return Err(dup(HOSTING_FILES[1], row.line, "parameter", &id));
                }
                h.parameters.push(HostingParameter {
                    value: range_of(&row, "value", "low", "high")?,
                    unit: row.text("unit").into(),
                    source_id: row.text("source_id").into(),
                    source_row: row.required("source_row")?.into(),
                    id,
                });
            }
        }

        if let Some(t) = table(2)? {
            t.require(&[
                "factor_id",
                "component",
                "term",
                "indicator",
                "value",
                "low",
                "high",
                "unit",
            ])?;
            t.require(&["quality", "source_id", "source_row"])?;
            for row in t.rows() {
                let id = row.required("factor_id")?.to_string();
                check_source(&row, HOSTING_FILES[2], &id)?;
                if h.components.iter().any(|c| c.id == id)
                    || self.factors.iter().any(|f| f.id == id)
                {
                    return Err(dup(HOSTING_FILES[2], row.line, "factor_id", &id));
                }
                let indicator = Indicator::from_id(row.text("indicator"))
                    .ok_or_else(|| row.invalid("indicator", "an indicator id of SCHEMA.md"))?;
                let term = row.required("term")?.to_string();
                let suffix = match term.as_str() {
                    "fixed" | "enclosure_16_slots" => "",
                    "per_kg" => "/kg",
                    "per_die_area" => match row.text("component") {
                        "cpu" => "/mm2",
                        _ => "/cm2",
                    },
                    _ => {
                        return Err(row
                            .invalid("term", "fixed, per_die_area, per_kg or enclosure_16_slots"))
                    }
                };
                let expected = format!("{}{suffix}", indicator.unit());
                if row.text("unit") != expected {
                    return Err(DatasetError::UnitMismatch {
                        file: HOSTING_FILES[2].into(),
                        line: row.line,
                        factor_id: id,
                        indicator: indicator.id().into(),
                        unit: row.text("unit").into(),
                        expected,
                    });
                }
                h.components.push(ComponentFactor {
                    component: row.required("component")?.into(),
                    term,
                    indicator,
                    value: range_of(&row, "value", "low", "high")?,
                    unit: row.text("unit").into(),
                    source_id: row.text("source_id").into(),
                    source_row: row.required("source_row")?.into(),
                    id,
                });
            }
        }

        if let Some(t) = table(3)? {
            t.require(&[
                "server",
                "case_type",
                "cpu_units",
                "load_percent",
                "use_time_ratio",
            ])?;
            t.require(&[
                "lifetime_hours",
                "other_consumption_ratio",
                "source_id",
                "source_row",
            ])?;
            for row in t.rows() {
                let id = row.required("server")?.to_string();
                check_source(&row, HOSTING_FILES[3], &id)?;
                if h.server_index
                    .insert(id.to_lowercase(), h.servers.len())
                    .is_some()
                {
                    return Err(dup(HOSTING_FILES[3], row.line, "server", &id));
                }
                let s = ServerArchetype {
                    manufacturer: row.text("manufacturer").into(),
                    case_type: match row.text("case_type") {
                        c @ ("rack" | "blade" | "tower") => c.into(),
                        _ => return Err(row.invalid("case_type", "rack, blade or tower")),
                    },
                    cpu_units: required_triple(&row, "cpu_units")?,
                    cpu_name: row.text("cpu_name").into(),
                    cpu_manufacturer: row.text("cpu_manufacturer").into(),
                    cpu_family: row.text("cpu_family").into(),
                    cpu_model_range: row.text("cpu_model_range").into(),
                    cpu_tdp_w: triple(&row, "cpu_tdp_w")?,
                    cpu_core_units: triple(&row, "cpu_core_units")?,
                    cpu_threads: triple(&row, "cpu_threads")?,
                    cpu_die_size_mm2: triple(&row, "cpu_die_size_mm2")?,
                    ram_units: triple(&row, "ram_units")?,
                    ram_capacity_gb: triple(&row, "ram_capacity_gb")?,
                    ssd_units: triple(&row, "ssd_units")?,
                    ssd_capacity_gb: triple(&row, "ssd_capacity_gb")?,
                    hdd_units: triple(&row, "hdd_units")?,
                    hdd_capacity_gb: triple(&row, "hdd_capacity_gb")?,
                    gpu_units: triple(&row, "gpu_units")?,
                    psu_units: triple(&row, "psu_units")?,
                    psu_unit_weight_kg: triple(&row, "psu_unit_weight_kg")?,
                    load_percent: required_triple(&row, "load_percent")?,
                    use_time_ratio: required_triple(&row, "use_time_ratio")?,
                    lifetime_hours: required_triple(&row, "lifetime_hours")?,
                    other_consumption_ratio: required_triple(&row, "other_consumption_ratio")?,
                    source_row: row.required("source_row")?.into(),
                    id,
                };
                h.servers.push(s);
            }
        }

        if let Some(t) = table(4)? {
            t.require(&[
                "name",
                "manufacturer",
                "family",
                "model_range",
                "tdp_w",
                "cores",
                "threads",
            ])?;
            t.require(&["die_size_mm2"])?;
            for row in t.rows() {
                let cpu = CpuSpec {
                    name: row.required("name")?.into(),
                    manufacturer: row.text("manufacturer").into(),
                    family: row.text("family").into(),
                    model_range: row.text("model_range").into(),
                    tdp_w: opt_number(&row, "tdp_w")?,
                    cores: opt_number(&row, "cores")?,
                    threads: opt_number(&row, "threads")?,
                    die_size_mm2: opt_number(&row, "die_size_mm2")?,
                };
                let i = h.cpus.len();
                // The full name, and the name without its manufacturer ("Xeon Gold 6134").
                let short = cpu
                    .name
                    .strip_prefix(cpu.manufacturer.as_str())
                    .map(str::trim)
                    .unwrap_or("");
                for key in [match_key(&cpu.name), match_key(short)] {
                    if !key.is_empty() {
                        h.cpu_index.entry(key).or_insert(i);
                    }
                }
                h.cpus.push(cpu);
            }
        }

        if let Some(t) = table(5)? {
            t.require(&["cores", "mean_mm2", "min_mm2", "max_mm2"])?;
            for row in t.rows() {
                h.die_by_cores.push((
                    row.number("cores")?,
                    row.number("mean_mm2")?,
                    row.number("min_mm2")?,
                    row.number("max_mm2")?,
                ));
            }
        }

        if let Some(t) = table(6)? {
            t.require(&[
                "manufacturer",
                "model_range",
                "a",
                "b",
                "c",
                "d",
                "source_id",
            ])?;
            for row in t.rows() {
                check_source(&row, HOSTING_FILES[6], row.text("model_range"))?;
                h.profiles.push(CpuProfile {
                    manufacturer: row.text("manufacturer").into(),
                    model_range: row.required("model_range")?.into(),
                    a: row.number("a")?,
                    b: row.number("b")?,
                    c: row.number("c")?,
                    d: row.number("d")?,
                });
            }
        }

        if let Some(t) = table(7)? {
            t.require(&["cpu_family", "memory_type"])?;
            for row in t.rows() {
                let ty = row.required("memory_type")?;
                if !["DDR3", "DDR4", "DDR5"].contains(&ty) {
                    return Err(row.invalid("memory_type", "DDR3, DDR4 or DDR5"));
                }
                h.memory_types
                    .insert(row.required("cpu_family")?.into(), ty.into());
            }
        }

        if let Some(t) = table(8)? {
            t.require(&[
                "provider",
                "instance",
                "vcpu",
                "memory_gb",
                "ssd_gb",
                "hdd_gb",
                "gpu_units",
                "platform",
            ])?;
            for row in t.rows() {
                let provider = row.required("provider")?.to_string();
                let id = row.required("instance")?.to_string();
                let platform_id = row.required("platform")?;
                let platform =
                    *h.server_index
                        .get(&platform_id.to_lowercase())
                        .ok_or_else(|| DatasetError::UnknownReference {
                            file: HOSTING_FILES[8].into(),
                            line: row.line,
                            kind: "platform (hosting_servers.csv)".into(),
                            value: platform_id.into(),
                            known: format!("{} servers", h.servers.len()),
                        })?;
                let by_provider = h.instance_index.entry(provider.clone()).or_default();
                if by_provider
                    .insert(id.to_lowercase(), h.instances.len())
                    .is_some()
                {
                    return Err(dup(HOSTING_FILES[8], row.line, "provider/instance", &id));
                }
                h.instances.push(CloudInstance {
                    vcpu: row.number_in("vcpu", f64::MIN_POSITIVE, 1.0e6)?,
                    memory_gb: row.number_in("memory_gb", 0.0, 1.0e9)?,
                    ssd_gb: row.number_in("ssd_gb", 0.0, 1.0e9)?,
                    hdd_gb: row.number_in("hdd_gb", 0.0, 1.0e9)?,
                    gpu_units: row.number_in("gpu_units", 0.0, 1.0e6)?,
                    provider,
                    id,
                    platform,
                });
            }
        }

        if let Some(t) = table(9)? {
            t.require(&["provider", "region", "zone"])?;
            for row in t.rows() {
                let code = row.required("zone")?;
                let zone = self
                    .zones
                    .iter()
                    .position(|z| z.code == code)
                    .ok_or_else(|| DatasetError::UnknownReference {
                        file: HOSTING_FILES[9].into(),
                        line: row.line,
                        kind: "zone".into(),
                        value: code.into(),
                        known: "the zones of zones.csv".into(),
                    })?;
                h.regions.insert(
                    (
                        row.required("provider")?.into(),
                        row.required("region")?.to_lowercase(),
                    ),
                    ZoneRef(zone as u32),
                );
            }
        }

        self.hosting = Some(Box::new(h));
        Ok(self)
    }

    /// The hosting tables of the dataset (all empty when it has none).
    pub fn hosting_tables(&self) -> Option<&HostingTables> {
        self.hosting.as_deref()
    }
}

/// Reads the hosting tables present in a dataset folder and attaches them.
pub(crate) fn attach_from_dir(ds: Dataset, dir: &std::path::Path) -> Result<Dataset, DatasetError> {
    let mut texts: Vec<Option<String>> = Vec::new();
    for name in HOSTING_FILES {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(t) => texts.push(Some(t)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => texts.push(None),
            Err(e) => {
                return Err(DatasetError::Io {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })
            }
        }
    }
    if texts.iter().all(Option::is_none) {
        return Ok(ds);
    }
    let files: HostingFiles<'_> = std::array::from_fn(|i| texts[i].as_deref());
    ds.with_hosting_tables(&files)
}
