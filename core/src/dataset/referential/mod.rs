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

mod read;
mod tidy;

use super::{Dataset, DatasetError, DatasetFiles};
use crate::indicator::{Indicator, Phase};

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

/// The largest référentiel table read, in bytes (G4IT's own référentiel is a few MB; the bound
/// keeps a wrong or hostile file from taking the memory of a browser tab).
pub const MAX_TABLE_BYTES: usize = 64 << 20;

/// The most rows a référentiel table may have.
pub const MAX_TABLE_ROWS: usize = 1_000_000;

pub(crate) fn is_referential_dir(dir: &std::path::Path) -> bool {
    dir.join("ref_item_impact.csv").is_file()
}

/// Loads the référentiel of a folder; its id is the folder's name.
pub(crate) fn from_dir(dir: &std::path::Path) -> Result<Dataset, DatasetError> {
    let mut texts: Vec<Option<String>> = Vec::new();
    for name in REFERENTIAL_FILES {
        let path = dir.join(name);
        // A file over the limit is refused before it is read.
        if let Ok(m) = std::fs::metadata(&path) {
            if m.len() > MAX_TABLE_BYTES as u64 {
                return Err(read::too_large(name, m.len()));
            }
        }
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

impl Dataset {
    /// A dataset from its files given by name, `.csv` / `.json` or not (what a program that has
    /// no folder holds: a Python mapping, a JS object): the tidy tables (`datapackage.json`,
    /// `sources.csv`... with the optional `network.csv` and `hosting_*.csv`), or a référentiel
    /// in G4IT's format (`ref_item_impact.csv`...), named `id` (default `referential`). A name
    /// that is neither's is an error naming the files expected.
    pub fn from_named_files(
        files: &[(String, String)],
        id: Option<&str>,
    ) -> Result<Dataset, DatasetError> {
        let key = |n: &str| {
            let base = n.rsplit(['/', '\\']).next().unwrap_or(n);
            base.strip_suffix(".csv")
                .or_else(|| base.strip_suffix(".json"))
                .unwrap_or(base)
                .to_ascii_lowercase()
        };
        let get = |name: &str| {
            files
                .iter()
                .find(|(n, _)| key(n) == name)
                .map(|(_, t)| t.as_str())
        };
        let unknown = |expected: Vec<&str>| {
            files
                .iter()
                .find(|(n, _)| !expected.contains(&key(n).as_str()))
                .map(|(n, _)| DatasetError::Package {
                    message: format!(
                        "unknown dataset file `{n}`; expected {}",
                        expected.join(", ")
                    ),
                })
        };
        if is_referential(
            files
                .iter()
                .map(|(n, _)| key(n))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        ) {
            let names: Vec<&str> = REFERENTIAL_FILES
                .iter()
                .map(|f| f.trim_end_matches(".csv"))
                .collect();
            if let Some(e) = unknown(names) {
                return Err(e);
            }
            return Dataset::from_referential(
                id.unwrap_or("referential"),
                &ReferentialFiles {
                    criterion: get("ref_criterion").unwrap_or(""),
                    lifecycle_step: get("ref_lifecycle_step"),
                    hypothesis: get("ref_hypothesis"),
                    item_type: get("ref_item_type"),
                    item_impact: get("ref_item_impact").unwrap_or(""),
                    matching_item: get("ref_matching_item"),
                },
            );
        }
        let hosting: Vec<&str> = super::HOSTING_FILES
            .iter()
            .map(|h| h.trim_end_matches(".csv"))
            .collect();
        let mut expected = vec![
            "datapackage",
            "sources",
            "zones",
            "categories",
            "embodied",
            "refurbishment",
            "electricity",
            "network",
        ];
        expected.extend(hosting.iter().copied());
        if let Some(e) = unknown(expected) {
            return Err(e);
        }
        let mut ds = Dataset::from_files(&DatasetFiles {
            datapackage: get("datapackage").unwrap_or(""),
            sources: get("sources").unwrap_or(""),
            zones: get("zones").unwrap_or(""),
            categories: get("categories").unwrap_or(""),
            embodied: get("embodied").unwrap_or(""),
            refurbishment: get("refurbishment"),
            electricity: get("electricity").unwrap_or(""),
        })?;
        if let Some(network) = get("network") {
            ds = ds.with_network_table(network)?;
        }
        let tables = super::HOSTING_FILES.map(|h| get(h.trim_end_matches(".csv")));
        if tables.iter().any(Option::is_some) {
            ds = ds.with_hosting_tables(&tables)?;
        }
        Ok(ds)
    }
}
