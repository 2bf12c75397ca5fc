//! Loading and validating a dataset from its files.

use super::table::{Row, Table};
use super::*;
use std::collections::HashMap;
use std::path::Path;

/// The text of a dataset's files, for loading without a file system (WebAssembly).
#[derive(Debug, Clone, Copy, Default)]
pub struct DatasetFiles<'a> {
    /// `datapackage.json`: identity, licences, declared resources and coverage.
    pub datapackage: &'a str,
    /// `sources.csv`.
    pub sources: &'a str,
    /// `zones.csv`.
    pub zones: &'a str,
    /// `categories.csv`.
    pub categories: &'a str,
    /// `embodied.csv`.
    pub embodied: &'a str,
    /// Optional: a dataset may model no refurbishment.
    pub refurbishment: Option<&'a str>,
    /// `electricity.csv`.
    pub electricity: &'a str,
}

/// The file names of a dataset folder, in loading order.
pub const FILE_NAMES: [&str; 7] = [
    "datapackage.json",
    "sources.csv",
    "zones.csv",
    "categories.csv",
    "embodied.csv",
    "refurbishment.csv",
    "electricity.csv",
];

pub(crate) fn from_dir(dir: &Path) -> Result<Dataset, DatasetError> {
    let read = |name: &str, required: bool| -> Result<Option<String>, DatasetError> {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(DatasetError::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            }),
        }
    };
    let texts: Vec<Option<String>> = FILE_NAMES
        .iter()
        .map(|n| read(n, *n != "refurbishment.csv"))
        .collect::<Result<_, _>>()?;
    let get = |i: usize| texts[i].as_deref().unwrap_or("");
    let ds = from_files(&DatasetFiles {
        datapackage: get(0),
        sources: get(1),
        zones: get(2),
        categories: get(3),
        embodied: get(4),
        refurbishment: texts[5].as_deref(),
        electricity: get(6),
    })?;
    let ds = service_tables::attach_from_dir(ds, dir)?;
    hosting_tables::attach_from_dir(ds, dir)
}

pub(crate) fn from_files(files: &DatasetFiles<'_>) -> Result<Dataset, DatasetError> {
    let (info, declared) = parse_package(files.datapackage)?;
    let mut b = Builder {
        factors: Vec::new(),
        factor_ids: HashMap::new(),
    };
    let phases_split = info.phases_split;

    let sources_t = Table::parse("sources.csv", files.sources)?;
    let sources = parse_sources(&sources_t)?;
    let source_ids: HashMap<&str, ()> = sources.iter().map(|s| (s.id.as_str(), ())).collect();
    let known_sources = || {
        let mut ids: Vec<&str> = source_ids.keys().copied().collect();
        crate::sort::sort_by(&mut ids, |a, b| a.cmp(b));
        ids.join(", ")
    };

    let zones_t = Table::parse("zones.csv", files.zones)?;
    let (zones, zone_names) = parse_zones(&zones_t)?;

    let cats_t = Table::parse("categories.csv", files.categories)?;
    let (categories, category_names) = parse_categories(&cats_t)?;
    for (cat, row) in categories.iter().zip(cats_t.rows()) {
        if !source_ids.contains_key(cat.source_id.as_str()) {
            return Err(DatasetError::UnknownSource {
                file: "categories.csv".into(),
                line: row.line,
                factor_id: cat.id.clone(),
                source_id: cat.source_id.clone(),
                known: known_sources(),
            });
        }
    }
    let cat_index: HashMap<&str, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let lookup_category = |row: &Row<'_>| -> Result<usize, DatasetError> {
        let v = row.required("category")?;
        cat_index
            .get(v)
            .copied()
            .ok_or_else(|| DatasetError::UnknownReference {
                file: row_file(row, "category"),
                line: row.line,
                kind: "category".into(),
                value: v.into(),
                known: categories
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    };

    // Embodied factors.
    let emb_t = Table::parse("embodied.csv", files.embodied)?;
    emb_t.require(&FACTOR_COLUMNS)?;
    emb_t.require(&["category", "phase"])?;
    let mut embodied = vec![[[None; N_IND]; 3]; categories.len()];
    let mut seen = HashMap::new();
    for row in emb_t.rows() {
        let cat = lookup_category(&row)?;
        let phase = if phases_split {
            parse_phase(
                &row,
                &[Phase::Manufacturing, Phase::Distribution, Phase::EndOfLife],
            )?
        } else {
            // One embodied figure, kept under manufacturing: it includes the other phases.
            parse_phase(&row, &[Phase::Manufacturing])?
        };
        let f = b.factor(
            &row,
            FactorTable::Embodied,
            phase,
            "",
            &source_ids,
            &known_sources,
        )?;
        let key = (cat, phase, f.1);
        unique(&mut seen, key, &row, "category/phase/indicator", || {
            format!("{}/{}/{}", categories[cat].id, phase, f.1)
        })?;
        if let Some(r) = f.0 {
            if !phases_split {
                b.factors[r.0 as usize].includes =
                    (1 << Phase::Distribution.index()) | (1 << Phase::EndOfLife.index());
            }
            embodied[cat][embodied_slot(phase).unwrap_or(0)][f.1 as usize] = Some(r);
        }
    }

    // Refurbishment factors.
    let mut refurbishment: Vec<Option<Refurbishment>> = vec![None; categories.len()];
    if let Some(text) = files.refurbishment {
        let t = Table::parse("refurbishment.csv", text)?;
        t.require(&FACTOR_COLUMNS)?;
        t.require(&["category", "phase", "second_life_years"])?;
        let mut seen = HashMap::new();
        for row in t.rows() {
            let cat = lookup_category(&row)?;
            let phase = parse_phase(&row, &[Phase::Manufacturing, Phase::Distribution])?;
            let years = row.number_in("second_life_years", f64::MIN_POSITIVE, 50.0)?;
            let f = b.factor(
                &row,
                FactorTable::Refurbishment,
                phase,
                "",
                &source_ids,
                &known_sources,
            )?;
            unique(
                &mut seen,
                (cat, phase, f.1),
                &row,
                "category/phase/indicator",
                || format!("{}/{}/{}", categories[cat].id, phase, f.1),
            )?;
            let entry = refurbishment[cat].get_or_insert(Refurbishment {
                second_life_years: years,
                factors: [[None; N_IND]; 2],
            });
            if entry.second_life_years != years {
                return Err(row.invalid(
                    "second_life_years",
                    &format!(
                        "the same second life on every row of `{}` ({} years)",
                        categories[cat].id,
                        crate::decimal::Num(entry.second_life_years)
                    ),
                ));
            }
            if let Some(r) = f.0 {
                let slot = if phase == Phase::Manufacturing { 0 } else { 1 };
                entry.factors[slot][f.1 as usize] = Some(r);
            }
        }
    }

    // Electricity factors.
    let el_t = Table::parse("electricity.csv", files.electricity)?;
    el_t.require(&FACTOR_COLUMNS)?;
    el_t.require(&["zone", "year"])?;
    let mut electricity: Vec<ZoneElectricity> = vec![vec![Vec::new(); N_IND]; zones.len()];
    let mut seen = HashMap::new();
    for row in el_t.rows() {
        let code = row.required("zone")?;
        let zone = zones.iter().position(|z| z.code == code).ok_or_else(|| {
            DatasetError::UnknownReference {
                file: "electricity.csv".into(),
                line: row.line,
                kind: "zone".into(),
                value: code.into(),
                known: zones
                    .iter()
                    .map(|z| z.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        })?;
        let year = match row.text("year") {
            "" => None,
            t => Some(
                t.parse::<i32>()
                    .ok()
                    .filter(|y| (1900..=2200).contains(y))
                    .ok_or_else(|| row.invalid("year", "a year such as 2024, or empty"))?,
            ),
        };
        let f = b.factor(
            &row,
            FactorTable::Electricity,
            Phase::Use,
            "/kWh",
            &source_ids,
            &known_sources,
        )?;
        unique(
            &mut seen,
            (zone, year, f.1),
            &row,
            "zone/year/indicator",
            || {
                format!(
                    "{code}/{}/{}",
                    year.map_or("-".into(), |y| y.to_string()),
                    f.1
                )
            },
        )?;
        if let Some(r) = f.0 {
            electricity[zone][f.1 as usize].push((year, r));
        }
    }
    for per_zone in &mut electricity {
        for v in per_zone.iter_mut() {
            crate::sort::sort_by_key(v, |(y, _)| (y.is_none(), *y));
        }
    }

    let default_zone = zones
        .iter()
        .position(|z| z.code == info.default_country)
        .ok_or_else(|| DatasetError::Package {
            message: format!(
                "empreinte.default_country `{}` is not a zone of zones.csv",
                info.default_country
            ),
        })?;

    // Climate change is always there: every category and the default zone need it.
    for (i, cat) in categories.iter().enumerate() {
        if embodied[i]
            .iter()
            .all(|p| p[Indicator::ClimateChange as usize].is_none())
        {
            return Err(DatasetError::Incomplete {
                message: format!(
                    "embodied.csv: category `{}` has no climate_change factor; every category needs one",
                    cat.id
                ),
            });
        }
    }
    if electricity[default_zone][Indicator::ClimateChange as usize].is_empty() {
        return Err(DatasetError::Incomplete {
            message: format!(
                "electricity.csv: the default zone `{}` has no climate_change factor",
                info.default_country
            ),
        });
    }

    let (coverage, indicators) = coverage_of(&b.factors, declared)?;

    let mut ds = Dataset {
        info,
        sources,
        zones,
        zone_names,
        categories,
        category_names,
        factors: b.factors,
        embodied,
        refurbishment,
        electricity,
        indicators,
        coverage,
        default_zone: ZoneRef(default_zone as u32),
        class_targets: Vec::new(),
        vocabulary: Vec::new(),
        hosting: None,
        services: Default::default(),
    };
    ds.answer_vocabulary();
    Ok(ds)
}

const FACTOR_COLUMNS: [&str; 9] = [
    "factor_id",
    "indicator",
    "value",
    "low",
    "high",
    "unit",
    "quality",
    "source_id",
    "source_row",
];

fn row_file(row: &Row<'_>, column: &str) -> String {
    match row.invalid(column, "") {
        DatasetError::InvalidValue { file, .. } => file,
        _ => String::new(),
    }
}

fn unique<K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, u64>,
    key: K,
    row: &Row<'_>,
    kind: &str,
    show: impl FnOnce() -> String,
) -> Result<(), DatasetError> {
    if let Some(first) = seen.get(&key) {
        return Err(DatasetError::Duplicate {
            file: row_file(row, kind),
            line: row.line,
            kind: kind.into(),
            key: show(),
            first_line: *first,
        });
    }
    seen.insert(key, row.line);
    Ok(())
}

fn parse_phase(row: &Row<'_>, allowed: &[Phase]) -> Result<Phase, DatasetError> {
    Phase::from_id(row.text("phase"))
        .filter(|p| allowed.contains(p))
        .ok_or_else(|| {
            let ids: Vec<&str> = allowed.iter().map(|p| p.id()).collect();
            row.invalid("phase", &format!("one of {}", ids.join(", ")))
        })
}

struct Builder {
    factors: Vec<Factor>,
    factor_ids: HashMap<String, u64>,
}

impl Builder {
    /// Validates and stores one factor row. Returns its ref (`None` when flagged) and indicator.
    fn factor(
        &mut self,
        row: &Row<'_>,
        table: FactorTable,
        phase: Phase,
        unit_suffix: &str,
        sources: &HashMap<&str, ()>,
        known_sources: &dyn Fn() -> String,
    ) -> Result<(Option<FactorRef>, Indicator), DatasetError> {
        // A blank id is the one the row's keys make (`compact.rs` leaves it out).
        let id = match row.text("factor_id") {
            "" => {
                let keys = match table {
                    FactorTable::Embodied => [row.text("category"), phase.id()].join("."),
                    FactorTable::Refurbishment => {
                        [row.text("category"), "refurbishment", phase.id()].join(".")
                    }
                    FactorTable::Electricity => [row.text("zone"), row.text("year")].join("."),
                    FactorTable::Network => return Err(row.invalid("factor_id", "a factor id")),
                };
                format!("{keys}.{}", row.text("indicator"))
            }
            id => id.to_string(),
        };
        if let Some(first) = self.factor_ids.get(&id) {
            return Err(DatasetError::Duplicate {
                file: row_file(row, "factor_id"),
                line: row.line,
                kind: "factor_id".into(),
                key: id,
                first_line: *first,
            });
        }
        let indicator = Indicator::from_id(row.text("indicator")).ok_or_else(|| {
            let ids: Vec<&str> = Indicator::ALL.iter().map(|i| i.id()).collect();
            row.invalid("indicator", &format!("one of {}", ids.join(", ")))
        })?;
        let expected = format!("{}{unit_suffix}", indicator.unit());
        // A blank unit is the indicator's.
        let unit = match row.text("unit") {
            "" => expected.as_str(),
            u => u,
        };
        if unit != expected {
            return Err(DatasetError::UnitMismatch {
                file: row_file(row, "unit"),
                line: row.line,
                factor_id: id,
                indicator: indicator.id().into(),
                unit: unit.into(),
                expected,
            });
        }
        let value = row.number("value")?;
        // A blank bound is the value itself (no published range).
        let bound = |column: &str| match row.text(column) {
            "" => Ok(value),
            _ => row.number(column),
        };
        let (low, high) = (bound("low")?, bound("high")?);
        let range = row.range(row_file(row, "value"), &id, (low, value, high))?;
        let quality = row.quality()?;
        let source_id = row.required("source_id")?;
        if !sources.contains_key(source_id) {
            return Err(DatasetError::UnknownSource {
                file: row_file(row, "source_id"),
                line: row.line,
                factor_id: id,
                source_id: source_id.into(),
                known: known_sources(),
            });
        }
        let source_row = row.required("source_row")?.to_string();
        let mut includes = 0u8;
        for p in row.text("includes").split('|').filter(|p| !p.is_empty()) {
            match Phase::from_id(p.trim()) {
                Some(p @ (Phase::Distribution | Phase::EndOfLife))
                    if phase == Phase::Manufacturing =>
                {
                    includes |= 1 << p.index()
                }
                _ => {
                    return Err(row.invalid(
                        "includes",
                        "on a manufacturing figure only, the phases it includes: distribution, end_of_life (separated by |), or empty",
                    ))
                }
            }
        }
        self.factor_ids.insert(id.clone(), row.line);
        let r = FactorRef(self.factors.len() as u32);
        self.factors.push(Factor {
            id,
            table,
            indicator,
            phase,
            value: range,
            unit: unit.into(),
            quality,
            source_id: source_id.into(),
            source_row,
            note: row.text("note").into(),
            method: row.text("method").into(),
            method_fr: row.text("method_fr").into(),
            includes,
        });
        Ok(((quality != Quality::Flagged).then_some(r), indicator))
    }
}

/// What the rows cover, per indicator (one bit per phase): an embodied phase with a factor (or
/// included in a lumped manufacturing figure), use with an electricity factor; flagged rows
/// cover nothing. Checked against the declaration, when there is one; with the indicators the
/// dataset carries, those covered in every phase first.
#[inline(never)]
fn coverage_of(
    factors: &[Factor],
    declared: Option<Declared>,
) -> Result<([u8; N_IND], Vec<Indicator>), DatasetError> {
    let mut coverage = [0u8; N_IND];
    for f in factors {
        if f.quality == Quality::Flagged || f.table == FactorTable::Refurbishment {
            continue;
        }
        coverage[f.indicator as usize] |= (1 << f.phase.index()) | f.includes;
    }
    let mut carried = coverage.map(|c| c != 0);
    if let Some(declared) = declared {
        for ind in Indicator::ALL {
            let i = ind as usize;
            // Not declared reads as no phase: an indicator with rows must be declared.
            let bits = declared[i].unwrap_or(0);
            if bits != coverage[i] {
                return Err(DatasetError::Coverage {
                    key: ["empreinte.indicators.", ind.id(), ".phases"].concat(),
                    message: [
                        "declares ",
                        &phase_list(bits),
                        ", but the rows cover ",
                        &phase_list(coverage[i]),
                        " (a phase is covered by a factor that is not flagged, or by a manufacturing figure that includes it)",
                    ]
                    .concat(),
                });
            }
            // Declared, even with no phase covered (an indicator the source did not assess).
            carried[i] |= declared[i].is_some();
        }
    }
    // Reporting order: the indicators covered in every phase first.
    let mut indicators: Vec<Indicator> = Vec::with_capacity(N_IND);
    for whole in [true, false] {
        for ind in Indicator::ALL {
            if carried[ind as usize] && (coverage[ind as usize] == 0b1111) == whole {
                indicators.push(ind);
            }
        }
    }
    Ok((coverage, indicators))
}

/// Phases as a list for messages: `[manufacturing, use]`.
fn phase_list(bits: u8) -> String {
    let mut s = String::from("[");
    for p in Phase::ALL {
        if bits & (1 << p.index()) != 0 {
            if s.len() > 1 {
                s.push_str(", ");
            }
            s.push_str(p.id());
        }
    }
    s.push(']');
    s
}

/// Per indicator, the phases `empreinte.indicators` declares it covers (`None`: not declared).
type Declared = [Option<u8>; N_IND];

/// `empreinte.indicators`: `{"<indicator>": {"phases": ["manufacturing", ...], "note": "..."}}`.
#[inline(never)]
fn parse_coverage(v: &serde_json::Value) -> Result<Declared, DatasetError> {
    let mut out: Declared = [None; N_IND];
    let Some(map) = v.as_object() else {
        return Err(DatasetError::Coverage {
            key: "empreinte.indicators".into(),
            message: "expected an object: indicator id -> {\"phases\": [...]}".into(),
        });
    };
    for (id, entry) in map {
        // Every phase a known one, every key `phases` or `note`.
        let keys_ok = entry
            .as_object()
            .is_some_and(|o| o.keys().all(|k| k == "phases" || k == "note"));
        let phases = entry
            .get("phases")
            .and_then(|p| p.as_array())
            .filter(|_| keys_ok)
            .and_then(|a| {
                a.iter().try_fold(0u8, |bits, p| {
                    p.as_str()
                        .and_then(Phase::from_id)
                        .map(|p| bits | (1 << p.index()))
                })
            });
        match (Indicator::from_id(id), phases) {
            (Some(ind), Some(bits)) => out[ind as usize] = Some(bits),
            (ind, _) => {
                return Err(DatasetError::Coverage {
                    key: ["empreinte.indicators.", id].concat(),
                    message: if ind.is_none() {
                        "unknown indicator id (see SCHEMA.md)".into()
                    } else {
                        "expected {\"phases\": [...], \"note\": \"...\"}, phases among manufacturing, distribution, use, end_of_life".into()
                    },
                })
            }
        }
    }
    Ok(out)
}

fn parse_package(text: &str) -> Result<(DatasetInfo, Option<Declared>), DatasetError> {
    let pkg = |m: String| DatasetError::Package { message: m };
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| pkg(format!("invalid JSON: {e}")))?;
    let s =
        |key: &str| -> Option<String> { v.get(key).and_then(|x| x.as_str()).map(str::to_string) };
    let ext = v.get("empreinte").ok_or_else(|| {
        pkg("missing the `empreinte` object (schema_version, default_country...)".into())
    })?;
    let schema_version = ext.get("schema_version").and_then(|x| x.as_u64());
    if schema_version != Some(1) {
        return Err(pkg(format!(
            "empreinte.schema_version is {schema_version:?}; this library reads schema version 1"
        )));
    }
    let id = s("name").ok_or_else(|| pkg("missing `name` (the dataset id)".into()))?;
    let version = s("version").ok_or_else(|| pkg("missing `version`".into()))?;
    let licenses = v
        .get("licenses")
        .and_then(|l| l.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|l| {
                    l.get("name")
                        .or_else(|| l.get("title"))
                        .and_then(|n| n.as_str())
                })
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let declared: Vec<&str> = v
        .get("resources")
        .and_then(|r| r.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|r| r.get("path").and_then(|p| p.as_str()))
                .collect()
        })
        .unwrap_or_default();
    for required in [
        "sources.csv",
        "zones.csv",
        "categories.csv",
        "embodied.csv",
        "electricity.csv",
    ] {
        if !declared.contains(&required) {
            return Err(pkg(format!("`resources` does not declare `{required}`")));
        }
    }
    let declared = ext.get("indicators").map(parse_coverage).transpose()?;
    let info = DatasetInfo {
        title: s("title").unwrap_or_else(|| id.clone()),
        description: s("description").unwrap_or_default(),
        id,
        version,
        licenses,
        default_country: ext
            .get("default_country")
            .and_then(|x| x.as_str())
            .unwrap_or("FR")
            .to_string(),
        phases_split: ext
            .get("phases_split")
            .and_then(|x| x.as_bool())
            .unwrap_or(true),
        usage_note: ext
            .get("usage_note")
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_string(),
        #[cfg(feature = "numecoeval")]
        unmapped: Vec::new(),
    };
    Ok((info, declared))
}

fn parse_sources(t: &Table) -> Result<Vec<Source>, DatasetError> {
    t.require(&["source_id", "title", "publisher", "year", "url", "licence"])?;
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for row in t.rows() {
        let id = row.required("source_id")?.to_string();
        unique(&mut seen, id.clone(), &row, "source_id", || id.clone())?;
        out.push(Source {
            title: row.required("title")?.into(),
            publisher: row.required("publisher")?.into(),
            year: row.text("year").into(),
            url: row.text("url").into(),
            licence: row.required("licence")?.into(),
            used_for: row.text("used_for").into(),
            note: row.text("note").into(),
            id,
        });
    }
    Ok(out)
}

fn parse_zones(t: &Table) -> Result<(Vec<Zone>, NameIndex), DatasetError> {
    t.require(&["zone", "alpha3", "name_fr", "name_en", "aliases"])?;
    let mut zones = Vec::new();
    let mut names = NameIndex::new();
    let mut lines = Vec::new();
    for row in t.rows() {
        let zone = Zone {
            code: row.required("zone")?.into(),
            alpha3: row.text("alpha3").into(),
            name_fr: row.text("name_fr").into(),
            name_en: row.text("name_en").into(),
            aliases: row.list("aliases"),
        };
        let item = zones.len();
        let all = [&zone.code, &zone.alpha3, &zone.name_fr, &zone.name_en]
            .into_iter()
            .chain(zone.aliases.iter());
        for name in all {
            if let Some(other) = names.insert(name, item) {
                return Err(DatasetError::Duplicate {
                    file: "zones.csv".into(),
                    line: row.line,
                    kind: "zone name".into(),
                    key: name.clone(),
                    first_line: lines[other],
                });
            }
        }
        lines.push(row.line);
        zones.push(zone);
    }
    Ok((zones, names))
}

fn parse_categories(t: &Table) -> Result<(Vec<Category>, NameIndex), DatasetError> {
    t.require(&[
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
    ])?;
    let mut cats = Vec::new();
    let mut names = NameIndex::new();
    let mut lines = Vec::new();
    for row in t.rows() {
        let lifetime = row.number_in("lifetime_years", f64::MIN_POSITIVE, 50.0)?;
        let low = row.number_in("lifetime_low_years", f64::MIN_POSITIVE, lifetime)?;
        let high = row.number_in("lifetime_high_years", lifetime, 50.0)?;
        let cat = Category {
            id: row.required("category")?.into(),
            label_fr: row.required("label_fr")?.into(),
            label_en: row.required("label_en")?.into(),
            aliases: row.list("aliases"),
            group: row.text("group").into(),
            lifetime_years: Range::new(low, lifetime, high),
            power_w: {
                let p = row.number_in("power_w", 0.0, 1.0e6)?;
                // Optional range columns; without them the power has no spread.
                let low = match row.text("power_low_w") {
                    "" => p,
                    _ => row.number_in("power_low_w", 0.0, p)?,
                };
                let high = match row.text("power_high_w") {
                    "" => p,
                    _ => row.number_in("power_high_w", p, 1.0e6)?,
                };
                Range::new(low, p, high)
            },
            hours_per_day: row.number_in("hours_per_day", 0.0, 24.0)?,
            days_per_year: row.number_in("days_per_year", 0.0, 366.0)?,
            yearly_energy: match row.text("energy_basis") {
                "" => false,
                "yearly" => true,
                _ => return Err(row.invalid("energy_basis", "`yearly` or empty")),
            },
            is_proxy: row.boolean("is_proxy")?,
            coverage: Coverage::Direct,
            room: match row.text("site") {
                "" => None,
                site => {
                    let pue = row.number_in("pue", 1.0, 5.0)?;
                    let low = row.number_in("pue_low", 1.0, pue)?;
                    let high = row.number_in("pue_high", pue, 5.0)?;
                    Some(Room {
                        site: site.into(),
                        pue: Range::new(low, pue, high),
                    })
                }
            },
            proxy_note: row.text("proxy_note").into(),
            source_id: row.required("source_id")?.into(),
            source_row: row.required("source_row")?.into(),
        };
        let mut cat = cat;
        if cat.is_proxy {
            cat.coverage = Coverage::Proxy;
        }
        let item = cats.len();
        let all = [&cat.id, &cat.label_fr, &cat.label_en]
            .into_iter()
            .chain(cat.aliases.iter());
        for name in all {
            if let Some(other) = names.insert(name, item) {
                return Err(DatasetError::Duplicate {
                    file: "categories.csv".into(),
                    line: row.line,
                    kind: "category name".into(),
                    key: name.clone(),
                    first_line: lines[other],
                });
            }
        }
        lines.push(row.line);
        cats.push(cat);
    }
    Ok((cats, names))
}
