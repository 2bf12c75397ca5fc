//! What a référentiel maps to, written as the tidy tables and loaded by the dataset loader.

use super::criterion_code;
use crate::dataset::{Dataset, DatasetError, DatasetFiles};
use crate::estimate::Range;
use crate::indicator::{Indicator, Phase};
use crate::names::NameIndex;
use std::collections::BTreeMap;

/// The hours of a day and the days of a year an item's average consumption is spread over (the
/// calendar; `crate::defaults::HOURS_PER_YEAR` is their product, but `defaults` names the
/// embedded dataset and cannot be used here).
const HOURS_PER_DAY: f64 = 24.0;
/// See [`HOURS_PER_DAY`].
const DAYS_PER_YEAR: f64 = 365.0;

/// One item of the référentiel, as it becomes a category.
#[derive(Debug, Default)]
pub(super) struct Item {
    pub(super) line: u64,
    pub(super) names: Vec<String>,
    pub(super) lifespan: Option<f64>,
    pub(super) server: bool,
    pub(super) group: &'static str,
    pub(super) kwh: Option<f64>,
    pub(super) source: String,
    /// (phase, indicator) → (value, line).
    pub(super) factors: BTreeMap<(usize, usize), (f64, u64)>,
}

/// A zone of an electricity mix: its name, and per indicator (value, line).
#[derive(Debug, Default)]
pub(super) struct Mix {
    pub(super) location: String,
    pub(super) factors: BTreeMap<usize, (f64, u64, String)>,
}

pub(super) struct Built {
    pub(super) items: BTreeMap<String, Item>,
    pub(super) mixes: BTreeMap<String, Mix>,
    pub(super) criteria: BTreeMap<String, (Indicator, String)>,
    pub(super) pue: Option<(f64, u64)>,
    pub(super) default_life: Option<f64>,
    pub(super) notes: Vec<String>,
    pub(super) versions: Vec<String>,
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
pub(super) fn build(id: &str, b: Built) -> Result<Dataset, DatasetError> {
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
                .map_or(0.0, |k| k * 1000.0 / (HOURS_PER_DAY * DAYS_PER_YEAR))),
            num(HOURS_PER_DAY),
            num(DAYS_PER_YEAR),
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
