//! The reference dataset: sources, zones, equipment categories and their factors.
//!
//! A dataset is loaded from its CSV files (see `reference-data/SCHEMA.md`), validated once,
//! and then answers lookups by index. Every factor keeps its id and source so results can say
//! exactly which rows they used.

// Dataset errors carry file, line, column, value and what was expected; they are built once per
// failed load, so their size does not matter.
#![allow(clippy::result_large_err)]

// Used by `build.rs` (by path) for the embedded default set; here only by its tests.
#[cfg(test)]
mod compact;
#[cfg(test)]
mod compact_tests;
mod embedded;
mod error;
mod hosting_tables;
mod load;
#[cfg(feature = "numecoeval")]
pub mod referential;
mod service_tables;
mod table;

pub use embedded::{DEFAULT_ID as DEFAULT_DATASET_ID, EMBEDDED_IDS};
pub use error::DatasetError;
pub use hosting_tables::{
    CloudInstance, ComponentFactor, CpuProfile, CpuSpec, HostingFiles, HostingParameter,
    HostingTables, ServerArchetype, Site, HOSTING_FILES,
};
pub use load::DatasetFiles;
pub use service_tables::{Access, NetworkEntry, NETWORK_FILE};

use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use crate::names::NameIndex;
use serde::Serialize;

/// Number of indicator slots (one per [`Indicator`] variant).
pub(crate) const N_IND: usize = Indicator::ALL.len();

/// Index of a factor in [`Dataset::factors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactorRef(pub(crate) u32);

/// Index of a category in [`Dataset::categories`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CategoryRef(pub(crate) u32);

/// Index of a zone in [`Dataset::zones`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ZoneRef(pub(crate) u32);

/// Identity of a dataset, named in every result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatasetInfo {
    /// The dataset id (`name` in datapackage.json, e.g. `ademe-negaoctet-2022`).
    pub id: String,
    /// The dataset version (`version` in datapackage.json, e.g. `2022.1.0`).
    pub version: String,
    /// Title (datapackage.json; the id when absent).
    pub title: String,
    /// Description (datapackage.json; empty when absent).
    pub description: String,
    /// Names (or titles) of the licences listed in datapackage.json `licenses`.
    pub licenses: Vec<String>,
    /// Zone used when an inventory line gives no country.
    pub default_country: String,
    /// False when the set gives one embodied figure not split into phases (kept under manufacturing).
    pub phases_split: bool,
    /// What the set may be used for, in plain words.
    pub usage_note: String,
    /// What the loader could not map onto empreinte's indicators, phases and categories and
    /// left out, in words: a référentiel's unknown criteria, its rows of steps without a phase
    /// (feature `numecoeval`); empty for a dataset in empreinte's own schema.
    #[cfg(feature = "numecoeval")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmapped: Vec<String>,
}

/// A row of `sources.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Short unique key, cited by factors' `source_id` (`ademe-acv-numerique-2.2.0`).
    pub id: String,
    /// Title of the document or dataset.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Year of publication, as written (may be empty).
    pub year: String,
    /// Where to find it (may be empty).
    pub url: String,
    /// SPDX id or plain words.
    pub licence: String,
    /// What the dataset may be used for under that licence (may be empty).
    pub used_for: String,
    /// Free text (may be empty).
    pub note: String,
}

/// A row of `zones.csv`: a country or region electricity is known for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zone {
    /// Zone code: ISO 3166-1 alpha-2 (`FR`, `DE`), or `EU27`, `WORLD`.
    pub code: String,
    /// ISO alpha-3 code (`FRA`), or a code of that style for regions.
    pub alpha3: String,
    /// Display name in French.
    pub name_fr: String,
    /// Display name in English.
    pub name_en: String,
    /// Other spellings people write (`Allemagne`, `Deutschland`).
    pub aliases: Vec<String>,
}

/// A row of `categories.csv`: an equipment class with its default lifetime and usage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    /// Stable id, snake_case English (`laptop`, `multifunction_printer`).
    pub id: String,
    /// Display label in French.
    pub label_fr: String,
    /// Display label in English.
    pub label_en: String,
    /// Names people write for the class, French and English.
    pub aliases: Vec<String>,
    /// Family of the class: `terminal`, `display`, `printing`, `network`, `server`, `storage`,
    /// `telephony` or `other`.
    pub group: String,
    /// Physical lifetime in years, default and range (NaN for a class the dataset has no figure
    /// for).
    pub lifetime_years: Range,
    /// Average power when on (W), with its range.
    pub power_w: Range,
    /// Default hours of use per day.
    pub hours_per_day: f64,
    /// Default days of use per year.
    pub days_per_year: f64,
    /// Whether the class's energy (power × hours × days) is a yearly figure that a line's hours
    /// and days do not change (`energy_basis` `yearly`: a printer's typical energy consumption
    /// is a week of jobs, not the hours an office is open).
    pub yearly_energy: bool,
    /// Whether the figures stand in for a class the main source lacks.
    pub is_proxy: bool,
    /// Whether the dataset's figures for the class are its own, a proxy, or absent.
    pub coverage: Coverage,
    /// Where devices of the class run by default when not on their user's mains (a server
    /// room): the site and its PUE, which multiplies their electricity.
    pub room: Option<Room>,
    /// What a proxy stands in for, and why this figure (empty when not a proxy).
    pub proxy_note: String,
    /// Source of the lifetime and usage (a key of [`Dataset::sources`]).
    pub source_id: String,
    /// Where in that source they were read.
    pub source_row: String,
}

/// The site a class runs in by default, and its PUE.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Room {
    /// A hosting site id (`own_server_room`).
    pub site: String,
    /// The site's PUE, with its range.
    pub pue: Range,
}

/// How a vocabulary class is answered by a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The dataset has a category for the class.
    Own,
    /// The nearest ancestor the dataset has (a rugged laptop → laptop).
    Parent(&'static str),
    /// No figure: a category without factors, evaluated as not available.
    NotAvailable,
}

/// How a dataset answers for a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Figures of the class itself, from the dataset's main source.
    Direct,
    /// Figures standing in for the class (`proxy_note` says which and why).
    Proxy,
    /// No figure at all: lines of the class are evaluated and counted as not available.
    NotAvailable,
}

impl Coverage {
    /// Stable id (`direct`, `proxy`, `not_available`).
    pub fn id(self) -> &'static str {
        match self {
            Coverage::Direct => "direct",
            Coverage::Proxy => "proxy",
            Coverage::NotAvailable => "not_available",
        }
    }
}

impl Category {
    /// Default annual electricity of one device (kWh/year).
    pub fn default_energy_kwh_per_year(&self) -> f64 {
        self.power_w.central * self.hours_per_day * self.days_per_year / 1000.0
    }
}

/// How far a factor can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quality {
    /// A figure as its source publishes it.
    Primary,
    /// A figure computed from published figures (a conversion, a combination); its note says how.
    Derived,
    /// A figure of another device or class standing in for this one.
    Proxy,
    /// A figure used with reservations its note states.
    Uncertain,
    /// Its own maintainers say it is wrong: loaded and listed, never used.
    Flagged,
}

impl Quality {
    pub(crate) fn from_id(s: &str) -> Option<Quality> {
        Some(match s {
            "primary" => Quality::Primary,
            "derived" => Quality::Derived,
            "proxy" => Quality::Proxy,
            "uncertain" => Quality::Uncertain,
            "flagged" => Quality::Flagged,
            _ => return None,
        })
    }
}

/// Which table a factor comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorTable {
    /// `embodied.csv`: one new device, per phase, whole life.
    Embodied,
    /// `refurbishment.csv`: the second life of a refurbished device (cut-off allocation).
    Refurbishment,
    /// `electricity.csv`: per kWh consumed, by zone and vintage.
    Electricity,
    /// Per GB transferred over a network (optional `network.csv`).
    Network,
}

/// One factor row, whatever its table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    /// Unique key (`factor_id`, e.g. `laptop.manufacturing.climate_change`,
    /// `FR.2024.climate_change`).
    pub id: String,
    /// The table it comes from.
    pub table: FactorTable,
    /// The indicator it gives.
    pub indicator: Indicator,
    /// Phase for embodied and refurbishment factors; `Use` for electricity.
    pub phase: Phase,
    /// Central value with its low and high bounds, in `unit`.
    pub value: Range,
    /// The indicator's unit, per kWh or per GB for electricity and network factors (`kgCO2e`,
    /// `kgCO2e/kWh`).
    pub unit: String,
    /// How far it can be trusted.
    pub quality: Quality,
    /// Source it was read from (a key of [`Dataset::sources`]).
    pub source_id: String,
    /// Where in that source it was read (a rule name, a table row, a page).
    pub source_row: String,
    /// How low and high were set, caveats (may be empty).
    pub note: String,
    /// How the source made the figure, where the dataset says (`electricity.csv`'s optional
    /// `method` column: "single-year figure", "four-year smoothed average"); empty when not
    /// stated. Two vintages of a zone with different methods are a method break
    /// ([`year_over_year`](mod@crate::year_over_year)).
    pub method: String,
    /// The method in French (`method_fr`), empty when not given.
    pub method_fr: String,
    /// For a lumped manufacturing figure, the other phases it includes (one bit per
    /// [`Phase::index`]): they are known, counted in it, and not available separately. Written
    /// as in the CSV (`distribution|end_of_life`), absent when none.
    #[serde(
        serialize_with = "serialize_includes",
        skip_serializing_if = "no_phase"
    )]
    pub(crate) includes: u8,
}

fn no_phase(bits: &u8) -> bool {
    *bits == 0
}

/// `includes` as the CSV writes it.
fn serialize_includes<S: serde::Serializer>(bits: &u8, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match *bits {
        0b0010 => "distribution",
        0b1000 => "end_of_life",
        _ => "distribution|end_of_life",
    })
}

impl Factor {
    /// Whether this (manufacturing) figure includes `phase`.
    pub fn includes(&self, phase: Phase) -> bool {
        self.includes & (1 << phase.index()) != 0
    }

    /// The phases this (manufacturing) figure includes, in life-cycle order.
    pub fn included_phases(&self) -> Vec<Phase> {
        Phase::ALL
            .into_iter()
            .filter(|p| self.includes(*p))
            .collect()
    }
}

/// Per indicator, the vintages of one zone: (year, factor), sorted by year, undated last.
pub(crate) type ZoneElectricity = Vec<Vec<(Option<i32>, FactorRef)>>;

/// Per-category refurbishment data (cut-off allocation).
#[derive(Debug, Clone)]
pub(crate) struct Refurbishment {
    pub second_life_years: f64,
    /// Manufacturing (refurbishment + parts) and distribution (transport) factors.
    pub factors: [[Option<FactorRef>; N_IND]; 2],
}

/// A validated reference dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub(crate) info: DatasetInfo,
    pub(crate) sources: Vec<Source>,
    pub(crate) zones: Vec<Zone>,
    pub(crate) zone_names: NameIndex,
    pub(crate) categories: Vec<Category>,
    pub(crate) category_names: NameIndex,
    pub(crate) factors: Vec<Factor>,
    /// Per category: [manufacturing, distribution, end_of_life] × indicator.
    pub(crate) embodied: Vec<[[Option<FactorRef>; N_IND]; 3]>,
    pub(crate) refurbishment: Vec<Option<Refurbishment>>,
    /// Per zone and indicator, the vintages sorted by year (undated last).
    pub(crate) electricity: Vec<ZoneElectricity>,
    pub(crate) indicators: Vec<Indicator>,
    /// Per indicator (by `Indicator as usize`), the phases the dataset covers, one bit per
    /// `Phase::index()` (declared in datapackage.json `empreinte.indicators`, else read from the rows).
    pub(crate) coverage: [u8; N_IND],
    pub(crate) default_zone: ZoneRef,
    /// Per class of [`crate::vocabulary::CLASSES`], the category answering for it.
    pub(crate) class_targets: Vec<(CategoryRef, Target)>,
    /// The vocabulary's names, sorted by matching key (`classify::index`).
    pub(crate) vocabulary: Vec<(String, crate::vocabulary::Entry)>,
    /// Optional hosting tables (hosting_*.csv).
    pub(crate) hosting: Option<Box<hosting_tables::HostingTables>>,
    /// Optional service tables (network.csv).
    pub(crate) services: service_tables::ServiceTables,
}

/// The electricity factors chosen for a zone and a reporting year, one vintage per indicator
/// (sources give different indicators for different years).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElectricityLookup {
    /// The zone looked up.
    pub zone: ZoneRef,
    /// The vintage of the climate-change factor (`None`: an undated figure).
    pub year_used: Option<i32>,
    pub(crate) factors: [Option<FactorRef>; N_IND],
    /// The vintage of each indicator's factor (`None`: undated, or no factor).
    pub(crate) years: [Option<i32>; N_IND],
}

impl ElectricityLookup {
    /// The vintage of one indicator's factor (`None`: undated, or no factor).
    pub fn year_of(&self, indicator: Indicator) -> Option<i32> {
        self.years[indicator as usize]
    }
}

pub(crate) fn embodied_slot(phase: Phase) -> Option<usize> {
    match phase {
        Phase::Manufacturing => Some(0),
        Phase::Distribution => Some(1),
        Phase::EndOfLife => Some(2),
        Phase::Use => None,
    }
}

impl Dataset {
    /// The default dataset for French communes, embedded in the library.
    pub fn embedded_default() -> &'static Dataset {
        embedded::default_dataset()
    }

    /// An embedded dataset by id (see [`EMBEDDED_IDS`]).
    ///
    /// ```
    /// use empreinte::dataset::{Dataset, EMBEDDED_IDS};
    /// use empreinte::{Indicator, Phase};
    ///
    /// let ds = Dataset::embedded("ademe-negaoctet-2022")?;
    /// assert!(EMBEDDED_IDS.contains(&ds.id()));
    /// // Device types are read as people write them, in French or English.
    /// let laptop = ds.find_category("PC portables").unwrap();
    /// assert_eq!(ds.category(laptop).id, "laptop");
    /// assert_eq!(ds.zone(ds.default_zone()).code, "FR");
    /// // What the dataset covers decides what a total is.
    /// assert!(ds.covers(Indicator::ClimateChange, Phase::Manufacturing));
    /// // Every factor cites a source of the dataset.
    /// assert!(ds.factors().iter().all(|f| ds.source(&f.source_id).is_some()));
    /// // An unknown id is an error that names the embedded ones.
    /// assert_eq!(Dataset::embedded("negaoctet").unwrap_err().code(), "unknown_dataset");
    /// # Ok::<(), empreinte::DatasetError>(())
    /// ```
    pub fn embedded(id: &str) -> Result<&'static Dataset, DatasetError> {
        embedded::by_id(id)
    }

    /// Loads a dataset from a folder holding `datapackage.json` and the CSV tables, or a
    /// référentiel in G4IT's format (its `ref_*.csv` tables, no datapackage.json;
    /// `Dataset::from_referential` with the `numecoeval` feature, named by the folder).
    pub fn from_dir(path: impl AsRef<std::path::Path>) -> Result<Dataset, DatasetError> {
        let dir = path.as_ref();
        #[cfg(feature = "numecoeval")]
        if !dir.join("datapackage.json").exists() && referential::is_referential_dir(dir) {
            return referential::from_dir(dir);
        }
        load::from_dir(dir)
    }

    /// Loads a dataset from the text of its files.
    pub fn from_files(files: &DatasetFiles<'_>) -> Result<Dataset, DatasetError> {
        load::from_files(files)
    }

    /// Identity of the dataset (from datapackage.json).
    pub fn info(&self) -> &DatasetInfo {
        &self.info
    }
    /// The dataset id.
    pub fn id(&self) -> &str {
        &self.info.id
    }
    /// The dataset version.
    pub fn version(&self) -> &str {
        &self.info.version
    }
    /// The rows of `sources.csv`.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
    /// The rows of `zones.csv`.
    pub fn zones(&self) -> &[Zone] {
        &self.zones
    }
    /// Every category: the rows of `categories.csv`, then the vocabulary classes the dataset has no
    /// figure for (coverage not available).
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }
    /// Every factor of every table, including flagged ones.
    pub fn factors(&self) -> &[Factor] {
        &self.factors
    }
    /// Indicators the dataset carries (a factor, or a declaration in `empreinte.indicators`), in
    /// reporting order: those it covers in every phase first, then the others.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// Whether the dataset covers `phase` of `indicator` (some factor gives it, or a lumped
    /// manufacturing figure includes it). A phase it covers may still lack a factor for some
    /// categories or zones: that is "partial", not "not covered".
    pub fn covers(&self, indicator: Indicator, phase: Phase) -> bool {
        self.coverage[indicator as usize] & (1 << phase.index()) != 0
    }

    /// Whether the dataset covers every phase of `indicator`: its totals are whole-life figures.
    pub fn covers_all_phases(&self, indicator: Indicator) -> bool {
        self.coverage[indicator as usize] == 0b1111
    }

    /// The phases of `indicator` the dataset covers, in life-cycle order.
    pub fn phases_covered(&self, indicator: Indicator) -> Vec<Phase> {
        Phase::ALL
            .into_iter()
            .filter(|p| self.covers(indicator, *p))
            .collect()
    }

    /// The category behind a reference.
    pub fn category(&self, r: CategoryRef) -> &Category {
        &self.categories[r.0 as usize]
    }
    /// The zone behind a reference.
    pub fn zone(&self, r: ZoneRef) -> &Zone {
        &self.zones[r.0 as usize]
    }
    /// The factor behind a reference.
    pub fn factor(&self, r: FactorRef) -> &Factor {
        &self.factors[r.0 as usize]
    }
    /// A source by id, if the dataset has it.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    /// The zone of lines that give no country (`default_country` of datapackage.json, France when
    /// absent).
    pub fn default_zone(&self) -> ZoneRef {
        self.default_zone
    }

    /// A category by one of the dataset's own names (id, labels, aliases), exactly.
    pub fn find_category_name(&self, name: &str) -> Option<CategoryRef> {
        self.category_names.get(name).map(|i| CategoryRef(i as u32))
    }

    /// A category by id.
    pub fn category_by_id(&self, id: &str) -> Option<CategoryRef> {
        self.categories
            .iter()
            .position(|c| c.id == id)
            .map(|i| CategoryRef(i as u32))
    }

    /// A dataset name within `budget` edits of `name`, as "name (id)".
    pub(crate) fn typo_of_category_name(&self, name: &str, budget: usize) -> Option<String> {
        self.category_names
            .closest_within(name, budget)
            .map(|(display, item)| {
                let cat = &self.categories[item];
                if crate::names::match_key(&display) == crate::names::match_key(&cat.id) {
                    cat.id.clone()
                } else {
                    format!("{display} ({})", cat.id)
                }
            })
    }

    /// The category answering for a vocabulary class, and how.
    pub fn class_target(&self, class_id: &str) -> (CategoryRef, Target) {
        crate::vocabulary::CLASSES
            .iter()
            .position(|c| c.id == class_id)
            .and_then(|i| self.class_targets.get(i).copied())
            .unwrap_or((CategoryRef(0), Target::NotAvailable))
    }

    /// Gives every vocabulary class a category: its own (same id, or the dataset names its
    /// label), its nearest ancestor's, or a new category without figures (not available).
    pub(crate) fn answer_vocabulary(&mut self) {
        use crate::vocabulary::CLASSES;
        let own = |ds: &Dataset, c: &crate::vocabulary::Class| {
            ds.category_by_id(c.id).or_else(|| {
                [c.label_fr, c.label_en]
                    .iter()
                    .find_map(|n| ds.find_category_name(n))
            })
        };
        let mut targets = Vec::with_capacity(CLASSES.len());
        for c in CLASSES {
            let mut target = own(self, c).map(|r| (r, Target::Own));
            let mut parent = c.parent;
            while target.is_none() {
                let Some(p) = parent.and_then(crate::vocabulary::class_by_id) else {
                    break;
                };
                target = own(self, p).map(|r| (r, Target::Parent(p.id)));
                parent = p.parent;
            }
            let target = target.unwrap_or_else(|| {
                self.categories.push(Category {
                    id: c.id.into(),
                    label_fr: c.label_fr.into(),
                    label_en: c.label_en.into(),
                    aliases: Vec::new(),
                    group: c.group.into(),
                    lifetime_years: Range::exact(f64::NAN),
                    power_w: Range::exact(f64::NAN),
                    hours_per_day: f64::NAN,
                    days_per_year: f64::NAN,
                    yearly_energy: false,
                    is_proxy: false,
                    coverage: Coverage::NotAvailable,
                    room: None,
                    proxy_note: String::new(),
                    source_id: String::new(),
                    source_row: String::new(),
                });
                self.embodied.push([[None; N_IND]; 3]);
                self.refurbishment.push(None);
                (
                    CategoryRef(self.categories.len() as u32 - 1),
                    Target::NotAvailable,
                )
            });
            targets.push(target);
        }
        self.class_targets = targets;
        self.vocabulary = crate::vocabulary::index();
    }

    pub(crate) fn vocabulary_index(&self) -> &[(String, crate::vocabulary::Entry)] {
        &self.vocabulary
    }

    /// Resolves a zone by ISO code, alpha-3 code or name (French or English).
    pub fn find_zone(&self, name: &str) -> Option<ZoneRef> {
        self.zone_names.get(name).map(|i| ZoneRef(i as u32))
    }

    /// The closest zone name when the text looks like a typo of one, as "name (code)", for "did you
    /// mean" messages.
    pub fn suggest_zone(&self, name: &str) -> Option<String> {
        self.zone_names
            .suggest(name)
            .map(|(display, item)| format!("{display} ({})", self.zones[item].code))
    }

    /// Embodied factor of a new device of `category`, or `None` when not available.
    pub fn embodied_factor(
        &self,
        category: CategoryRef,
        phase: Phase,
        indicator: Indicator,
    ) -> Option<FactorRef> {
        let slot = embodied_slot(phase)?;
        self.embodied[category.0 as usize][slot][indicator as usize]
    }

    /// Refurbishment factor (phase manufacturing or distribution), or `None`.
    pub fn refurbishment_factor(
        &self,
        category: CategoryRef,
        phase: Phase,
        indicator: Indicator,
    ) -> Option<FactorRef> {
        let slot = match phase {
            Phase::Manufacturing => 0,
            Phase::Distribution => 1,
            _ => return None,
        };
        self.refurbishment[category.0 as usize]
            .as_ref()
            .and_then(|r| r.factors[slot][indicator as usize])
    }

    /// Default second-life duration of a refurbished device, when the dataset models refurbishment for it.
    pub fn second_life_years(&self, category: CategoryRef) -> Option<f64> {
        self.refurbishment[category.0 as usize]
            .as_ref()
            .map(|r| r.second_life_years)
    }

    /// Categories the dataset has refurbishment factors for.
    pub fn refurbishable_categories(&self) -> impl Iterator<Item = &Category> {
        self.categories
            .iter()
            .zip(&self.refurbishment)
            .filter(|(_, r)| r.is_some())
            .map(|(c, _)| c)
    }

    /// The electricity factors for a reporting year: per indicator, the factor of that year,
    /// else the latest before, else the earliest after, else an undated one. `None` when the
    /// zone has no electricity factor at all.
    pub fn electricity_for(&self, zone: ZoneRef, year: i32) -> Option<ElectricityLookup> {
        let mut factors = [None; N_IND];
        let mut years = [None; N_IND];
        for (slot, vintages) in self.electricity[zone.0 as usize].iter().enumerate() {
            let dated = || vintages.iter().filter(|(y, _)| y.is_some());
            let pick = dated()
                .filter(|(y, _)| y.is_some_and(|y| y <= year))
                .max_by_key(|(y, _)| *y)
                .or_else(|| dated().min_by_key(|(y, _)| *y))
                .or_else(|| vintages.iter().find(|(y, _)| y.is_none()));
            if let Some((y, f)) = pick {
                factors[slot] = Some(*f);
                years[slot] = *y;
            }
        }
        factors
            .iter()
            .any(Option::is_some)
            .then_some(ElectricityLookup {
                zone,
                year_used: years[Indicator::ClimateChange as usize],
                factors,
                years,
            })
    }

    /// The electricity factor of a lookup for one indicator.
    pub fn electricity_factor(
        &self,
        lookup: &ElectricityLookup,
        indicator: Indicator,
    ) -> Option<FactorRef> {
        lookup.factors[indicator as usize]
    }

    /// The vintage of an electricity factor of a zone and indicator (`None`: undated).
    pub fn electricity_vintage(
        &self,
        zone: ZoneRef,
        indicator: Indicator,
        factor: FactorRef,
    ) -> Option<i32> {
        self.electricity[zone.0 as usize][indicator as usize]
            .iter()
            .find(|(_, f)| *f == factor)
            .and_then(|(y, _)| *y)
    }

    /// Factors loaded but never used because their maintainers flag them as wrong.
    pub fn flagged_factors(&self) -> impl Iterator<Item = &Factor> {
        self.factors
            .iter()
            .filter(|f| f.quality == Quality::Flagged)
    }
}
