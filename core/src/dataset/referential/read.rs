//! Reading a référentiel's `ref_*` tables: criteria, steps, hypotheses, items and their
//! impacts, mixes, item types and matching items, with errors at their file, line and column.

use super::tidy::{build, Built, Item, Mix};
use super::{
    indicator_of, phase_of, unit_key, ReferentialFiles, MAX_TABLE_BYTES, MAX_TABLE_ROWS, STEPS,
};
use crate::dataset::table::{Row, Table};
use crate::dataset::{Dataset, DatasetError};
use crate::indicator::{Indicator, Phase};
use std::collections::BTreeMap;

/// A table of `bytes` bytes, over [`MAX_TABLE_BYTES`].
pub(super) fn too_large(file: &str, bytes: u64) -> DatasetError {
    DatasetError::TooLarge {
        file: file.to_string(),
        line: None,
        message: format!(
            "{bytes} bytes; a référentiel table is at most {MAX_TABLE_BYTES} bytes (split the \
             référentiel, or check that this is the right file)"
        ),
    }
}

/// A table of a référentiel: `;` or `,`, whichever its header uses; within the limits.
fn table(file: &str, text: &str) -> Result<Table, DatasetError> {
    if text.len() > MAX_TABLE_BYTES {
        return Err(too_large(file, text.len() as u64));
    }
    let head = text.lines().next().unwrap_or("");
    let sep = if head.matches(',').count() > head.matches(';').count() {
        b','
    } else {
        b';'
    };
    let t = Table::parse_with(file, text, sep)?;
    if let Some(row) = t.rows().nth(MAX_TABLE_ROWS) {
        return Err(DatasetError::TooLarge {
            file: file.to_string(),
            line: Some(row.line),
            message: format!(
                "more than {MAX_TABLE_ROWS} rows; a référentiel table has at most {MAX_TABLE_ROWS}"
            ),
        });
    }
    Ok(t)
}

/// A cell: `NULL` is empty.
fn cell<'a>(row: &'a Row<'_>, column: &str) -> &'a str {
    match row.text(column) {
        "NULL" | "null" => "",
        t => t,
    }
}

impl Dataset {
    /// Loads a référentiel in G4IT's format as a dataset named `id` (its version: the one its
    /// rows state). What cannot be mapped is left out and listed in
    /// [`crate::dataset::DatasetInfo::unmapped`].
    pub fn from_referential(
        id: &str,
        files: &ReferentialFiles<'_>,
    ) -> Result<Dataset, DatasetError> {
        let mut notes: Vec<String> = Vec::new();
        let mut versions: Vec<String> = Vec::new();
        let mut version_of = |row: &Row<'_>| {
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
