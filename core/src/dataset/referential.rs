//! A référentiel in G4IT's format (the `ref_*` tables NumEcoEval's reference data comes in:
//! criteria, life-cycle steps, hypotheses, item types, item impacts with the electricity mixes,
//! matching items) loaded as a [`Dataset`]: its criteria mapped onto empreinte's indicators
//! (by code, the unit checked), its steps onto the phases, its items onto categories, its
//! mixes onto zones; written as the tidy tables and loaded by the one loader (`load.rs`), so
//! the result is validated like any dataset and named by its id and version. What cannot be
//! mapped is left out and said (`DatasetInfo::unmapped`); a table that cannot be read is an
//! error at its file, line and column.
//!
//! The mapping follows NumEcoEval's method: an item's phases other than use are its
//! MANUFACTURING, TRANSPORTATION and END_OF_LIFE rows, spread over the lifespan (the type's
//! `default_lifespan`, else the `dureeVieParDefaut` hypothesis); its use is its
//! `avg_electricity_consumption` (kWh a year) × the country's mix (× the PUE of a data-centre
//! item: `PUEParDefaut`, or the data centre's); the items' own USING rows are not used.

use super::table::Table;
use super::{Dataset, DatasetError, DatasetFiles};
use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use crate::names::NameIndex;
use std::collections::BTreeMap;

/// G4IT's criterion codes and the indicators they are (EF 3.x).
pub const CRITERIA: [(&str, Indicator); 12] = [
    ("CLIMATE_CHANGE", Indicator::ClimateChange),
    ("RESOURCE_USE", Indicator::ResourceUseMineralsMetals),
    ("ACIDIFICATION", Indicator::Acidification),
    ("IONISING_RADIATION", Indicator::IonisingRadiation),
    ("PARTICULATE_MATTER", Indicator::ParticulateMatter),
    ("RESOURCE_USE_FOSSILS", Indicator::ResourceUseFossils),
    ("EUTROPHICATION_MARINE", Indicator::EutrophicationMarine),
    (
        "EUTROPHICATION_FRESHWATER",
        Indicator::EutrophicationFreshwater,
    ),
    (
        "EUTROPHICATION_TERRESTRIAL",
        Indicator::EutrophicationTerrestrial,
    ),
    (
        "PHOTOCHEMICAL_OZONE_FORMATION",
        Indicator::PhotochemicalOzoneFormation,
    ),
    ("OZONE_DEPLETION", Indicator::OzoneDepletion),
    ("WATER_USE", Indicator::WaterUse),
];

/// Life-cycle step codes (G4IT 3.x, then NumEcoEval's older names) and their phases.
const STEPS: [(&str, Phase); 8] = [
    ("MANUFACTURING", Phase::Manufacturing),
    ("TRANSPORTATION", Phase::Distribution),
    ("USING", Phase::Use),
    ("END_OF_LIFE", Phase::EndOfLife),
    ("FABRICATION", Phase::Manufacturing),
    ("DISTRIBUTION", Phase::Distribution),
    ("UTILISATION", Phase::Use),
    ("FIN_DE_VIE", Phase::EndOfLife),
];

/// The file names of a référentiel, in reading order.
pub const REFERENTIAL_FILES: [&str; 6] = [
    "ref_criterion.csv",
    "ref_lifecycle_step.csv",
    "ref_hypothesis.csv",
    "ref_item_type.csv",
    "ref_item_impact.csv",
    "ref_matching_item.csv",
];

/// G4IT's code of an indicator: its criterion code, else the indicator's id in capitals (an
/// indicator G4IT has no criterion for, as a référentiel may carry it).
pub fn criterion_code(indicator: Indicator) -> String {
    CRITERIA.iter().find(|(_, i)| *i == indicator).map_or_else(
        || indicator.id().to_ascii_uppercase(),
        |(c, _)| (*c).to_string(),
    )
}

/// The indicator of a criterion code: G4IT's codes, and empreinte's indicator ids in any case.
pub fn indicator_of(code: &str) -> Option<Indicator> {
    let code = code.trim();
    CRITERIA
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, i)| *i)
        .or_else(|| Indicator::from_id(&code.to_ascii_lowercase()))
}

/// G4IT's code of a phase (`MANUFACTURING`, `TRANSPORTATION`, `USING`, `END_OF_LIFE`).
pub fn step_code(phase: Phase) -> &'static str {
    STEPS
        .iter()
        .find(|(_, p)| *p == phase)
        .map_or("", |(c, _)| c)
}

fn phase_of(code: &str) -> Option<Phase> {
    STEPS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
        .map(|(_, p)| *p)
}

/// A unit as written, for comparison: letters, digits and `+`, lower case, `eq` read `e`
/// (`kg CO2 eq` and `kgCO2e`, `m3 world eq. deprived` and `m3_world_eq_deprived`).
fn unit_key(unit: &str) -> String {
    unit.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+')
        .collect::<String>()
        .to_ascii_lowercase()
        .replace("eq", "e")
}

/// The text of a référentiel's tables, by table; `None` for an absent optional table.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReferentialFiles<'a> {
    /// `ref_criterion.csv`: code, label, description, unit.
    pub criterion: &'a str,
    /// `ref_lifecycle_step.csv`: code, label (default: G4IT's four steps).
    pub lifecycle_step: Option<&'a str>,
    /// `ref_hypothesis.csv`: code, source, value (PUEParDefaut, dureeVieParDefaut...).
    pub hypothesis: Option<&'a str>,
    /// `ref_item_type.csv`: type, default_lifespan, is_server, ref_default_item...
    pub item_type: Option<&'a str>,
    /// `ref_item_impact.csv`: one row per item (or electricity mix) × criterion × step.
    pub item_impact: &'a str,
    /// `ref_matching_item.csv`: an inventory's model → an item.
    pub matching_item: Option<&'a str>,
}

/// Whether files by these names are a référentiel (one is `ref_item_impact`, `.csv` or not).
pub fn is_referential<'a>(names: impl IntoIterator<Item = &'a str>) -> bool {
    names.into_iter().any(|n| {
        n.trim_end_matches(".csv")
            .eq_ignore_ascii_case("ref_item_impact")
    })
}

pub(crate) fn is_referential_dir(dir: &std::path::Path) -> bool {
    dir.join("ref_item_impact.csv").is_file()
}

/// Loads the référentiel of a folder; its id is the folder's name.
pub(crate) fn from_dir(dir: &std::path::Path) -> Result<Dataset, DatasetError> {
    let mut texts: Vec<Option<String>> = Vec::new();
    for name in REFERENTIAL_FILES {
        let path = dir.join(name);
        match std::fs::read(&path) {
            Ok(bytes) => texts.push(Some(crate::text::decode_auto(&bytes).0.into_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => texts.push(None),
            Err(e) => {
                return Err(DatasetError::Io {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })
            }
        }
    }
    let get = |i: usize| texts[i].as_deref();
    let id = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "referential".into());
    Dataset::from_referential(
        &id,
        &ReferentialFiles {
            criterion: get(0).unwrap_or(""),
            lifecycle_step: get(1),
            hypothesis: get(2),
            item_type: get(3),
            item_impact: get(4).unwrap_or(""),
            matching_item: get(5),
        },
    )
}

/// A table of a référentiel: `;` or `,`, whichever its header uses.
fn table(file: &str, text: &str) -> Result<Table, DatasetError> {
    let head = text.lines().next().unwrap_or("");
    let sep = if head.matches(',').count() > head.matches(';').count() {
        b','
    } else {
        b';'
    };
    Table::parse_with(file, text, sep)
}

/// A cell: `NULL` is empty.
fn cell<'a>(row: &'a super::table::Row<'_>, column: &str) -> &'a str {
    match row.text(column) {
        "NULL" | "null" => "",
        t => t,
    }
}

/// One item of the référentiel, as it becomes a category.
#[derive(Debug, Default)]
struct Item {
    line: u64,
    names: Vec<String>,
    lifespan: Option<f64>,
    server: bool,
    group: &'static str,
    kwh: Option<f64>,
    source: String,
    /// (phase, indicator) → (value, line).
    factors: BTreeMap<(usize, usize), (f64, u64)>,
}

/// A zone of an electricity mix: its name, and per indicator (value, line).
#[derive(Debug, Default)]
struct Mix {
    location: String,
    factors: BTreeMap<usize, (f64, u64, String)>,
}

impl Dataset {
    /// Loads a référentiel in G4IT's format as a dataset named `id` (its version: the one its
    /// rows state). What cannot be mapped is left out and listed in
    /// [`super::DatasetInfo::unmapped`].
    pub fn from_referential(
        id: &str,
        files: &ReferentialFiles<'_>,
    ) -> Result<Dataset, DatasetError> {
        let mut notes: Vec<String> = Vec::new();
        let mut versions: Vec<String> = Vec::new();
        let mut version_of = |row: &super::table::Row<'_>| {
            let v = cell(row, "version");
            if !v.is_empty() && !versions.iter().any(|x| x == v) {
                versions.push(v.to_string());
            }
        };

        // Criteria: by code, the unit checked.
        let t = table("ref_criterion.csv", files.criterion)?;
        t.require(&["code", "unit"])?;
        let mut criteria: BTreeMap<String, (Indicator, String)> = BTreeMap::new();
        let mut seen = BTreeMap::new();
        for row in t.rows() {
            let code = row.required("code")?.to_string();
            if let Some(first) = seen.insert(code.clone(), row.line) {
                return Err(DatasetError::Duplicate {
                    file: "ref_criterion.csv".into(),
                    line: row.line,
                    kind: "criterion".into(),
                    key: code,
                    first_line: first,
                });
            }
            let unit = cell(&row, "unit");
            let label = cell(&row, "label");
            match indicator_of(&code) {
                None => notes.push(format!(
                    "criterion {code} ({label}): no empreinte indicator; its rows are left out"
                )),
                Some(ind) if !unit.is_empty() && unit_key(unit) != unit_key(ind.unit()) => notes
                    .push(format!(
                    "criterion {code}: its unit `{unit}` is not {}'s `{}`; its rows are left out",
                    ind.id(),
                    ind.unit()
                )),
                Some(ind) => {
                    criteria.insert(code.to_ascii_uppercase(), (ind, label.to_string()));
                }
            }
        }

        // Steps: G4IT's four when the table is absent.
        let mut steps: BTreeMap<String, Phase> = BTreeMap::new();
        match files.lifecycle_step {
            Some(text) => {
                let t = table("ref_lifecycle_step.csv", text)?;
                t.require(&["code"])?;
                for row in t.rows() {
                    let code = row.required("code")?;
                    match phase_of(code) {
                        Some(p) => {
                            steps.insert(code.to_ascii_uppercase(), p);
                        }
                        None => notes.push(format!(
                            "life-cycle step {code}: no empreinte phase; its rows are left out"
                        )),
                    }
                }
            }
            None => {
                for (c, p) in &STEPS[..4] {
                    steps.insert((*c).to_string(), *p);
                }
            }
        }

        // Hypotheses: the default PUE of data-centre items, the default lifespan.
        let (mut pue, mut default_life) = (None, None);
        if let Some(text) = files.hypothesis {
            let t = table("ref_hypothesis.csv", text)?;
            t.require(&["code", "value"])?;
            for row in t.rows() {
                version_of(&row);
                let code = row.required("code")?;
                match code {
                    "PUEParDefaut" => pue = Some((row.number_in("value", 1.0, 5.0)?, row.line)),
                    "dureeVieParDefaut" => {
                        default_life = Some(row.number_in("value", f64::MIN_POSITIVE, 50.0)?)
                    }
                    _ => notes.push(format!(
                        "hypothesis {code} = {}: not used by empreinte's model",
                        cell(&row, "value")
                    )),
                }
            }
        }

        // Items: their impacts and mixes.
        let t = table("ref_item_impact.csv", files.item_impact)?;
        t.require(&["criterion", "lifecycle_step", "name", "value"])?;
        let mut items: BTreeMap<String, Item> = BTreeMap::new();
        let mut mixes: BTreeMap<String, Mix> = BTreeMap::new();
        let (mut using_rows, mut empty_rows) = (0u64, 0u64);
        let mut left_out: BTreeMap<String, u64> = BTreeMap::new();
        for row in t.rows() {
            version_of(&row);
            let name = row.required("name")?.to_string();
            let criterion = row.required("criterion")?.to_ascii_uppercase();
            let step = row.required("lifecycle_step")?.to_ascii_uppercase();
            if cell(&row, "value").is_empty() {
                empty_rows += 1;
                continue;
            }
            let value = row.number("value")?;
            let mix = cell(&row, "category").eq_ignore_ascii_case("electricity-mix");
            let Some((ind, _)) = criteria.get(&criterion) else {
                *left_out
                    .entry(format!("criterion {criterion}"))
                    .or_insert(0) += 1;
                continue;
            };
            let ind = *ind as usize;
            let source = cell(&row, "source").to_string();
            if mix {
                let location = cell(&row, "location");
                let code = zone_code(&name, location);
                let m = mixes.entry(code.clone()).or_insert_with(|| Mix {
                    location: location.to_string(),
                    ..Mix::default()
                });
                if let Some((_, first, _)) = m.factors.get(&ind) {
                    return Err(DatasetError::Duplicate {
                        file: "ref_item_impact.csv".into(),
                        line: row.line,
                        kind: "electricity mix/criterion".into(),
                        key: format!("{name}/{criterion}"),
                        first_line: *first,
                    });
                }
                m.factors.insert(ind, (value, row.line, source));
                continue;
            }
            let Some(phase) = steps.get(&step) else {
                *left_out.entry(format!("step {step}")).or_insert(0) += 1;
                continue;
            };
            if *phase == Phase::Use {
                using_rows += 1;
                continue;
            }
            let item = items.entry(name.clone()).or_insert_with(|| Item {
                line: row.line,
                names: vec![name.clone()],
                source: source.clone(),
                group: group_of(cell(&row, "tier")),
                ..Item::default()
            });
            if item.kwh.is_none() && !cell(&row, "avg_electricity_consumption").is_empty() {
                item.kwh = Some(row.number_in("avg_electricity_consumption", 0.0, 1.0e7)?);
            }
            let key = (phase.index(), ind);
            if let Some((_, first)) = item.factors.get(&key) {
                return Err(DatasetError::Duplicate {
                    file: "ref_item_impact.csv".into(),
                    line: row.line,
                    kind: "item/criterion/step".into(),
                    key: format!("{name}/{criterion}/{step}"),
                    first_line: *first,
                });
            }
            item.factors.insert(key, (value, row.line));
        }
        if using_rows > 0 {
            notes.push(format!(
                "{using_rows} USING row(s) of items: the use phase is the item's avg_electricity_consumption \
                 × the country's electricity mix (× PUE), as NumEcoEval computes it; those rows are not used"
            ));
        }
        if empty_rows > 0 {
            notes.push(format!(
                "{empty_rows} row(s) of ref_item_impact.csv without a value: left out"
            ));
        }
        for (what, n) in left_out {
            notes.push(format!(
                "{n} row(s) of ref_item_impact.csv of {what}, not mapped: left out"
            ));
        }

        // Item types: names, lifespans and data-centre items.
        if let Some(text) = files.item_type {
            let t = table("ref_item_type.csv", text)?;
            t.require(&["type", "ref_default_item"])?;
            for row in t.rows() {
                version_of(&row);
                let ty = row.required("type")?.to_string();
                let target = cell(&row, "ref_default_item");
                let life = match cell(&row, "default_lifespan") {
                    "" => None,
                    _ => Some(row.number_in("default_lifespan", f64::MIN_POSITIVE, 50.0)?),
                };
                let server = cell(&row, "is_server").eq_ignore_ascii_case("true");
                match items.get_mut(target) {
                    Some(item) => {
                        item.names.push(ty);
                        item.lifespan = item.lifespan.or(life);
                        item.server |= server;
                    }
                    None if target.is_empty() => notes.push(format!(
                        "item type {ty}: no default item; its lines are read by the classifier alone"
                    )),
                    None => notes.push(format!(
                        "item type {ty}: its default item {target} has no impact rows of a mapped criterion"
                    )),
                }
            }
        }
        if let Some(text) = files.matching_item {
            let t = table("ref_matching_item.csv", text)?;
            t.require(&["item_source", "ref_item_target"])?;
            for row in t.rows() {
                let (from, to) = (row.required("item_source")?, cell(&row, "ref_item_target"));
                match items.get_mut(to) {
                    Some(item) => item.names.push(from.to_string()),
                    None => notes.push(format!(
                        "matching item {from} → {to}: {to} has no impact rows of a mapped criterion"
                    )),
                }
            }
        }
        build(
            id,
            Built {
                items,
                mixes,
                criteria,
                pue,
                default_life,
                notes,
                versions,
            },
        )
    }
}

/// A mix's zone code: the last word of its name when it is a code (`Electricity Mix FR`), else
/// its location.
fn zone_code(name: &str, location: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("");
    let is_code = (2..=5).contains(&last.len())
        && last
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if is_code || location.is_empty() {
        last.to_string()
    } else {
        location.to_string()
    }
}

/// A category group from G4IT's tier.
fn group_of(tier: &str) -> &'static str {
    match crate::names::normalize(tier).as_str() {
        "datacenter" | "data center" | "datacentre" => "server",
        "network" => "network",
        "end user terminals" | "terminals" | "end user" => "terminal",
        _ => "other",
    }
}

struct Built {
    items: BTreeMap<String, Item>,
    mixes: BTreeMap<String, Mix>,
    criteria: BTreeMap<String, (Indicator, String)>,
    pue: Option<(f64, u64)>,
    default_life: Option<f64>,
    notes: Vec<String>,
    versions: Vec<String>,
}

/// The indicator of a slot (`Indicator as usize`).
fn indicator_at(slot: usize) -> Indicator {
    Indicator::ALL
        .into_iter()
        .find(|i| *i as usize == slot)
        .unwrap_or(Indicator::ClimateChange)
}

/// A CSV text from rows (quoted as needed).
fn csv_text(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn num(v: f64) -> String {
    v.to_string()
}

/// The tidy tables of what was mapped, loaded by the dataset loader.
fn build(id: &str, b: Built) -> Result<Dataset, DatasetError> {
    let Built {
        items,
        mixes,
        criteria,
        pue,
        default_life,
        mut notes,
        versions,
    } = b;
    // Sources: one per source text.
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    let mut source_id = |text: &str| -> String {
        let text = if text.is_empty() {
            "référentiel"
        } else {
            text
        };
        let n = sources.len();
        sources
            .entry(text.to_string())
            .or_insert_with(|| format!("ref-{n}"))
            .clone()
    };
    // Zones.
    let mut zone_names = NameIndex::new();
    let mut zones = Vec::new();
    let mut electricity = Vec::new();
    for (i, (code, mix)) in mixes.iter().enumerate() {
        let taken =
            zone_names.insert(code, i).is_some() || zone_names.insert(&mix.location, i).is_some();
        let location = if taken {
            notes.push(format!(
                "electricity mix {code}: its location `{}` names another mix too; kept as {code}",
                mix.location
            ));
            String::new()
        } else {
            mix.location.clone()
        };
        zones.push(vec![
            code.clone(),
            String::new(),
            location.clone(),
            location,
            String::new(),
        ]);
        for (ind, (value, line, source)) in &mix.factors {
            let ind = indicator_at(*ind);
            electricity.push(vec![
                format!("{code}.{}", ind.id()),
                code.clone(),
                String::new(),
                ind.id().to_string(),
                num(*value),
                String::new(),
                String::new(),
                String::new(),
                "primary".into(),
                source_id(source),
                format!("ref_item_impact.csv line {line}"),
            ]);
        }
    }
    let default_zone = mixes
        .iter()
        .filter(|(_, m)| m.factors.contains_key(&(Indicator::ClimateChange as usize)))
        .map(|(c, _)| c.clone())
        .find(|c| c == "FR")
        .or_else(|| {
            mixes
                .iter()
                .find(|(_, m)| m.factors.contains_key(&(Indicator::ClimateChange as usize)))
                .map(|(c, _)| c.clone())
        })
        .ok_or_else(|| DatasetError::Incomplete {
            message: "ref_item_impact.csv: no electricity mix (category electricity-mix) gives CLIMATE_CHANGE; \
                      a dataset needs one for its default country"
                .into(),
        })?;

    // Categories: items with a climate-change figure and a lifespan.
    let mut names = NameIndex::new();
    let mut categories = Vec::new();
    let mut embodied = Vec::new();
    let climate = Indicator::ClimateChange as usize;
    for (name, item) in &items {
        if !item.factors.keys().any(|(_, i)| *i == climate) {
            notes.push(format!("item {name}: no CLIMATE_CHANGE figure; left out"));
            continue;
        }
        let Some(life) = item.lifespan.or(default_life) else {
            notes.push(format!(
                "item {name}: no lifespan (no item type gives it a default_lifespan, no dureeVieParDefaut hypothesis); left out"
            ));
            continue;
        };
        let k = categories.len();
        if names.get(name).is_some() {
            notes.push(format!("item {name}: its name is another item's; left out"));
            continue;
        }
        names.insert(name, k);
        let mut kept: Vec<&str> = vec![name];
        for n in item.names.iter().skip(1) {
            if n.contains('|') || names.get(n).is_some_and(|other| other != k) {
                notes.push(format!(
                    "name {n} of item {name}: another item has it; not kept"
                ));
                continue;
            }
            names.insert(n, k);
            if !kept.contains(&n.as_str()) {
                kept.push(n);
            }
        }
        let label = kept.get(1).copied().unwrap_or(name);
        let aliases: Vec<&str> = kept.iter().skip(2).copied().collect();
        let (site, pue_cell) = match (item.server, pue) {
            (true, Some((p, _))) => ("referential_default_pue".to_string(), num(p)),
            _ => (String::new(), String::new()),
        };
        let group = if item.server { "server" } else { item.group };
        let src = source_id(&item.source);
        categories.push(vec![
            name.clone(),
            label.to_string(),
            label.to_string(),
            aliases.join("|"),
            group.to_string(),
            num(life),
            num(life),
            num(life),
            num(item
                .kwh
                .map_or(0.0, |k| k * 1000.0 / crate::defaults::HOURS_PER_YEAR)),
            num(24.0),
            num(crate::defaults::DAYS_PER_YEAR),
            "false".into(),
            src.clone(),
            format!(
                "ref_item_impact.csv line {} (lifespan: item type or dureeVieParDefaut)",
                item.line
            ),
            site,
            pue_cell.clone(),
            pue_cell.clone(),
            pue_cell,
        ]);
        for ((phase, ind), (value, line)) in &item.factors {
            let phase = Phase::ALL[*phase];
            let ind = indicator_at(*ind);
            embodied.push(vec![
                format!("{name}.{}.{}", phase.id(), ind.id()),
                name.clone(),
                phase.id().to_string(),
                ind.id().to_string(),
                num(*value),
                String::new(),
                String::new(),
                String::new(),
                "primary".into(),
                src.clone(),
                format!("ref_item_impact.csv line {line}"),
            ]);
        }
    }
    if categories.is_empty() {
        return Err(DatasetError::Incomplete {
            message: "ref_item_impact.csv: no item has a CLIMATE_CHANGE figure and a lifespan; nothing to evaluate with".into(),
        });
    }
    if pue.is_none() && items.values().any(|i| i.server) {
        notes.push("no PUEParDefaut hypothesis: data-centre items run at the PUE of their data centre only".into());
    }

    // The package: identity, and every mapped criterion declared with the phases its rows cover.
    let mut coverage: BTreeMap<usize, u8> = BTreeMap::new();
    for (ind, _) in criteria.values() {
        coverage.entry(*ind as usize).or_insert(0);
    }
    for row in &embodied {
        if let (Some(p), Some(i)) = (Phase::from_id(&row[2]), Indicator::from_id(&row[3])) {
            *coverage.entry(i as usize).or_insert(0) |= 1 << p.index();
        }
    }
    for row in &electricity {
        if let Some(i) = Indicator::from_id(&row[3]) {
            *coverage.entry(i as usize).or_insert(0) |= 1 << Phase::Use.index();
        }
    }
    let mut indicators = serde_json::Map::new();
    for (ind, bits) in coverage {
        let ind = indicator_at(ind);
        let phases: Vec<&str> = Phase::ALL
            .iter()
            .filter(|p| bits & (1 << p.index()) != 0)
            .map(|p| p.id())
            .collect();
        let code = criterion_code(ind);
        indicators.insert(
            ind.id().to_string(),
            serde_json::json!({"phases": phases, "note": format!("criterion {code} of the référentiel")}),
        );
    }
    let version = match versions.as_slice() {
        [] => {
            notes.push(
                "the référentiel states no version (its rows' version column is empty)".into(),
            );
            "unversioned".to_string()
        }
        [one] => one.clone(),
        many => {
            notes.push(format!(
                "the référentiel's rows state several versions: {}",
                many.join(", ")
            ));
            many.join("+")
        }
    };
    let resources: Vec<serde_json::Value> = [
        "sources.csv",
        "zones.csv",
        "categories.csv",
        "embodied.csv",
        "electricity.csv",
    ]
    .iter()
    .map(|p| serde_json::json!({"path": p}))
    .collect();
    let package = serde_json::json!({
        "name": id,
        "version": version,
        "title": format!("Référentiel G4IT {id}"),
        "description": format!(
            "A référentiel in G4IT's format (ref_* tables): {} items, {} electricity mixes, {} criteria mapped.",
            categories.len(), zones.len(), criteria.len()
        ),
        "licenses": [],
        "resources": resources,
        "empreinte": {
            "schema_version": 1,
            "default_country": default_zone,
            "phases_split": true,
            "usage_note": "A référentiel in G4IT's format, loaded as it is: its figures, their sources and their terms are its distributor's.",
            "indicators": indicators,
        },
    });
    let source_rows: Vec<Vec<String>> = sources
        .iter()
        .map(|(text, id)| {
            vec![
                id.clone(),
                text.clone(),
                "not stated in the référentiel".into(),
                String::new(),
                String::new(),
                "not stated in the référentiel".into(),
                String::new(),
                "the `source` column of the référentiel".into(),
            ]
        })
        .collect();
    const FACTOR: [&str; 11] = [
        "factor_id",
        "category",
        "phase",
        "indicator",
        "value",
        "low",
        "high",
        "unit",
        "quality",
        "source_id",
        "source_row",
    ];
    let mut electricity_header = FACTOR;
    electricity_header[1] = "zone";
    electricity_header[2] = "year";
    let texts = [
        package.to_string(),
        csv_text(
            &[
                "source_id",
                "title",
                "publisher",
                "year",
                "url",
                "licence",
                "used_for",
                "note",
            ],
            &source_rows,
        ),
        csv_text(&["zone", "alpha3", "name_fr", "name_en", "aliases"], &zones),
        csv_text(
            &[
                "category",
                "label_fr",
                "label_en",
                "aliases",
                "group",
                "lifetime_years",
                "lifetime_low_years",
                "lifetime_high_years",
                "power_w",
                "hours_per_day",
                "days_per_year",
                "is_proxy",
                "source_id",
                "source_row",
                "site",
                "pue",
                "pue_low",
                "pue_high",
            ],
            &categories,
        ),
        csv_text(&FACTOR, &embodied),
        csv_text(&electricity_header, &electricity),
    ];
    let mut ds = Dataset::from_files(&DatasetFiles {
        datapackage: &texts[0],
        sources: &texts[1],
        zones: &texts[2],
        categories: &texts[3],
        embodied: &texts[4],
        refurbishment: None,
        electricity: &texts[5],
    })?;
    // An item without an average consumption has no default use: not available, never 0 kWh.
    for (i, row) in categories.iter().enumerate() {
        if items.get(&row[0]).is_some_and(|it| it.kwh.is_none()) {
            ds.categories[i].power_w = Range::exact(f64::NAN);
        }
    }
    ds.info.unmapped = notes;
    Ok(ds)
}
