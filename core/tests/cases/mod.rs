//! The JSON case format shared by the vectors (`tests/vectors/`) and the bad-input catalog
//! (`tests/bad-inputs/`): one `kind`/`api` per public entry point, its `input` as JSON, and the
//! serialized output (or the error) it gives. Documented in `tests/vectors/README.md`; the wasm
//! and Python runners implement the same mapping.
#![allow(dead_code, clippy::result_large_err)]

use base64::Engine;
use empreinte::estate::{evaluate_estate, Estate, EstateError, InMemoryFiles};
use empreinte::glpi::{DepartmentFrom, UserMapping};
use empreinte::hosting::{
    cloud_footprint, hosting_json, server_footprint, CloudRequest, HostingError, HostingUsage,
    ServerRequest, ServerSpec, UsageRequest,
};
use empreinte::services::{
    page_json, PageRequest, PerUseRequest, ServiceError, ThreeTierRequest, TransferRequest,
};
use empreinte::{
    compare_offers, evaluate_bytes, evaluate_json, read_inventory, run_scenarios, trajectory,
    Allocation, CompareError, Dataset, DatasetError, DatasetFiles, EquipmentLine, EvaluateError,
    EvaluationOptions, GlpiImporter, GlpiOptions, InventoryError, Offer, ReplacedPart, RowError,
    Scenario, ScenarioError, TrajectoryError,
};
use serde_json::{json, Value};
use std::path::PathBuf;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// An error as every binding reports it: the Rust error type (bindings map it to their exception
/// class / JS error name), the stable code, and where (line, field, dataset file).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseError {
    pub error_type: &'static str,
    pub code: String,
    pub line: Option<u64>,
    pub field: Option<String>,
    pub file: Option<String>,
    /// The estate entry at fault (`rooms[0].servers[1]`): estates only.
    pub key_path: Option<String>,
    pub message: String,
}

impl CaseError {
    pub fn to_json(&self) -> Value {
        let mut out = json!({"kind": "error", "error_type": self.error_type, "code": self.code, "line": self.line, "field": self.field, "file": self.file});
        if self.error_type == "EstateError" {
            out["key_path"] = json!(self.key_path);
        }
        out
    }
    fn bad_case(message: impl Into<String>) -> CaseError {
        CaseError {
            error_type: "BadCase",
            code: "bad_case".into(),
            line: None,
            field: None,
            file: None,
            key_path: None,
            message: message.into(),
        }
    }
}

impl From<InventoryError> for CaseError {
    fn from(e: InventoryError) -> Self {
        CaseError {
            error_type: "InventoryError",
            code: e.code().into(),
            line: e.line(),
            field: e.field().map(str::to_string),
            file: None,
            key_path: None,
            message: e.to_string(),
        }
    }
}

impl From<RowError> for CaseError {
    fn from(e: RowError) -> Self {
        CaseError {
            error_type: "RowError",
            code: e.code().into(),
            line: None,
            field: e.field().map(|f| f.name().to_string()),
            file: None,
            key_path: None,
            message: e.to_string(),
        }
    }
}

impl From<EvaluateError> for CaseError {
    fn from(e: EvaluateError) -> Self {
        match e {
            EvaluateError::Inventory(i) => i.into(),
            EvaluateError::Options(r) => CaseError {
                error_type: "OptionsError",
                ..r.into()
            },
        }
    }
}

impl From<DatasetError> for CaseError {
    fn from(e: DatasetError) -> Self {
        let field = e.field().map(str::to_string);
        CaseError {
            error_type: "DatasetError",
            code: e.code().into(),
            line: e.line(),
            field,
            file: e.file().map(str::to_string),
            key_path: None,
            message: e.to_string(),
        }
    }
}

impl From<HostingError> for CaseError {
    fn from(e: HostingError) -> Self {
        let field = e.field().map(str::to_string);
        CaseError {
            error_type: "HostingError",
            code: e.code().into(),
            line: None,
            field,
            file: None,
            key_path: None,
            message: e.to_string(),
        }
    }
}

impl From<ServiceError> for CaseError {
    fn from(e: ServiceError) -> Self {
        CaseError {
            error_type: "ServiceError",
            code: e.code().into(),
            line: None,
            field: e.field().map(str::to_string),
            file: None,
            key_path: None,
            message: e.to_string(),
        }
    }
}

impl From<CompareError> for CaseError {
    fn from(e: CompareError) -> Self {
        let (line, field) = match &e {
            CompareError::Offer { index, error, .. } => (
                Some(*index as u64),
                error.field().map(|f| f.name().to_string()),
            ),
            CompareError::Price { index, .. } => {
                (Some(*index as u64), Some("unit_price_eur".into()))
            }
            CompareError::Part { index, .. } => {
                (Some(*index as u64), Some("replaced_parts".into()))
            }
            _ => (None, None),
        };
        CaseError {
            error_type: "CompareError",
            code: e.code().into(),
            line,
            field,
            file: None,
            key_path: None,
            message: e.to_string(),
        }
    }
}

impl From<ScenarioError> for CaseError {
    fn from(e: ScenarioError) -> Self {
        let field = e.field().map(str::to_string);
        CaseError {
            error_type: "ScenarioError",
            code: e.code().into(),
            line: None,
            field,
            file: None,
            key_path: None,
            message: e.to_string(),
        }
    }
}

impl From<TrajectoryError> for CaseError {
    fn from(e: TrajectoryError) -> Self {
        match e {
            TrajectoryError::Scenario(s) => s.into(),
            e => {
                let field = e.field().map(str::to_string);
                CaseError {
                    error_type: "TrajectoryError",
                    code: e.code().into(),
                    line: None,
                    field,
                    file: None,
                    key_path: None,
                    message: e.to_string(),
                }
            }
        }
    }
}

impl From<EstateError> for CaseError {
    fn from(e: EstateError) -> Self {
        CaseError {
            error_type: "EstateError",
            code: e.code().into(),
            line: e.line(),
            field: e.field().map(str::to_string),
            file: e.file().map(str::to_string),
            key_path: e.key_path().map(str::to_string),
            message: e.to_string(),
        }
    }
}

type R<T> = Result<T, CaseError>;

fn de<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> R<T> {
    serde_json::from_value(v.clone()).map_err(|e| CaseError::bad_case(format!("{what}: {e}")))
}

fn b64(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .expect("valid base64 in a case")
}

/// The dataset of a case: `dataset` (an embedded id, default `ademe-negaoctet-2022`), or
/// `dataset_files` (a dataset given as its files; see [`dataset_from_files`]).
pub fn dataset(case: &Value) -> R<Ds> {
    if !case["dataset_files"].is_null() {
        return Ok(Ds::Loaded(Box::new(dataset_from_files(
            &case["dataset_files"],
        )?)));
    }
    let id = case["dataset"].as_str().unwrap_or("ademe-negaoctet-2022");
    Ok(Ds::Embedded(Dataset::embedded(id)?))
}

/// An embedded dataset, or one loaded from files.
pub enum Ds {
    Embedded(&'static Dataset),
    Loaded(Box<Dataset>),
}

impl std::ops::Deref for Ds {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        match self {
            Ds::Embedded(d) => d,
            Ds::Loaded(d) => d,
        }
    }
}

/// The seven files of a dataset, in loading order.
pub const FILE_NAMES: [&str; 7] = [
    "datapackage.json",
    "sources.csv",
    "zones.csv",
    "categories.csv",
    "embodied.csv",
    "refurbishment.csv",
    "electricity.csv",
];

/// `{"base": "core/tests/fixtures/mini", "files": {"zones.csv": "text..." | null}}`: the seven
/// files of the base folder (repository-relative), each replaced by the given text, or left out
/// when `null` (refurbishment.csv is optional; any other left out is given as an empty text).
pub fn dataset_from_files(spec: &Value) -> R<Dataset> {
    let base = repo_root().join(spec["base"].as_str().unwrap_or("core/tests/fixtures/mini"));
    let names = FILE_NAMES;
    let mut texts: Vec<Option<String>> = Vec::new();
    for name in names {
        let over = &spec["files"][name];
        let text = if spec["files"].get(name).is_some() {
            if over.is_null() {
                None
            } else if let Some(b) = over.get("base64").and_then(Value::as_str) {
                Some(String::from_utf8_lossy(&b64(b)).into_owned())
            } else {
                Some(over.as_str().unwrap_or_default().to_string())
            }
        } else {
            std::fs::read_to_string(base.join(name)).ok()
        };
        texts.push(text);
    }
    let get = |i: usize| texts[i].as_deref().unwrap_or("");
    Ok(Dataset::from_files(&DatasetFiles {
        datapackage: get(0),
        sources: get(1),
        zones: get(2),
        categories: get(3),
        embodied: get(4),
        refurbishment: texts[5].as_deref(),
        electricity: get(6),
    })?)
}

/// `{"csv": text}`, `{"csv_base64": bytes}`, `{"json": value}` (serialized to text) or
/// `{"json_text": text}` (kept as is, for malformed JSON).
pub fn inventory_bytes(inv: &Value) -> Vec<u8> {
    if let Some(t) = inv["csv"].as_str() {
        t.as_bytes().to_vec()
    } else if let Some(b) = inv["csv_base64"].as_str() {
        b64(b)
    } else if let Some(t) = inv["json_text"].as_str() {
        t.as_bytes().to_vec()
    } else {
        inv["json"].to_string().into_bytes()
    }
}

fn options(case: &Value) -> R<EvaluationOptions> {
    if case["options"].is_null() {
        return Ok(EvaluationOptions::default());
    }
    serde_json::from_value(case["options"].clone()).map_err(|e| CaseError {
        error_type: "OptionsError",
        code: "invalid_options".into(),
        line: None,
        field: None,
        file: None,
        key_path: None,
        message: e.to_string(),
    })
}

fn lines_of(inv: &Value) -> R<Vec<(u64, EquipmentLine)>> {
    Ok(read_inventory(inventory_bytes(inv))?.lines)
}

fn scenarios_of(v: &Value) -> R<Vec<Scenario>> {
    if v.is_null() {
        return Ok(Vec::new());
    }
    de(v, "scenarios")
}

/// The name an estate given as text or as an object goes by (its errors' `file`), in every
/// runner: the Python and JS bindings name such an estate so.
pub const ESTATE_NAME: &str = "estate";

/// Runs one case and gives its output as JSON.
pub fn run(case: &Value) -> R<Value> {
    let kind = case["kind"]
        .as_str()
        .or(case["api"].as_str())
        .unwrap_or("evaluate");
    let input = &case["input"];
    match kind {
        "evaluate" => {
            let ds = dataset(case)?;
            let inv = if case["inventory"].is_null() {
                input
            } else {
                &case["inventory"]
            };
            let o = options(case)?;
            let r = if inv.get("json_text").is_some() {
                evaluate_json(&ds, inv["json_text"].as_str().unwrap(), &o)?
            } else if inv.get("json").is_some() {
                evaluate_json(&ds, &inv["json"].to_string(), &o)?
            } else {
                evaluate_bytes(&ds, inventory_bytes(inv), &o)?
            };
            Ok(serde_json::to_value(&r).unwrap())
        }
        "compare" => {
            let ds = dataset(case)?;
            let mut offers = Vec::new();
            for (i, o) in input["offers"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let mut warnings = Vec::new();
                let items = empreinte::inventory::read_json(
                    &Value::Array(vec![o["device"].clone()]).to_string(),
                    &mut warnings,
                )?;
                let device = match items.into_iter().next() {
                    Some(empreinte::InventoryItem::Line(_, l)) => l,
                    Some(empreinte::InventoryItem::Rejected(r)) => {
                        return Err(CompareError::Offer {
                            index: i,
                            name: o["name"].as_str().unwrap_or("").into(),
                            error: r.error,
                        }
                        .into())
                    }
                    None => return Err(CaseError::bad_case("offer without a device")),
                };
                offers.push(Offer {
                    name: o["name"].as_str().unwrap_or("").into(),
                    device,
                    replaced_parts: if o["replaced_parts"].is_null() {
                        Vec::new()
                    } else {
                        de::<Vec<ReplacedPart>>(&o["replaced_parts"], "replaced_parts")?
                    },
                    unit_price_eur: o["unit_price_eur"].as_f64(),
                });
            }
            let allocation: Allocation = if input["allocation"].is_null() {
                Allocation::CutOff
            } else {
                de(&input["allocation"], "allocation")?
            };
            let year = input["year"].as_i64().unwrap_or(2025) as i32;
            let c = compare_offers(&ds, &offers, year, allocation)?;
            Ok(serde_json::to_value(&c).unwrap())
        }
        "scenario" => {
            let ds = dataset(case)?;
            let lines = lines_of(&input["inventory"])?;
            let (baseline, results) = run_scenarios(
                &ds,
                &lines,
                &scenarios_of(&input["scenarios"])?,
                &options(case)?,
            )?;
            Ok(json!({"baseline": baseline, "scenarios": results}))
        }
        "trajectory" => {
            let ds = dataset(case)?;
            let lines = lines_of(&input["inventory"])?;
            let series = trajectory(
                &ds,
                &lines,
                &scenarios_of(&input["scenarios"])?,
                input["start"].as_i64().unwrap_or(2025) as i32,
                input["horizon"].as_i64().unwrap_or(2030) as i32,
                &options(case)?,
                &match &input["baseline"] {
                    Value::Null => empreinte::Baseline::default(),
                    v => de::<empreinte::Baseline>(v, "baseline")?,
                },
            )?;
            Ok(json!({ "series": series }))
        }
        "server" => {
            let ds = dataset(case)?;
            let spec = match &input["spec"] {
                Value::Null => ServerSpec::Generic,
                Value::String(g) if g == "generic" => ServerSpec::Generic,
                v => de::<ServerRequest>(v, "spec")?.spec(&ds),
            };
            let f = server_footprint(&ds, &spec, &usage(&input["usage"])?)?;
            Ok(hosting_json(&f))
        }
        "cloud" => {
            let ds = dataset(case)?;
            let instance = json!({"provider": input["provider"], "instance_type": input["instance_type"], "region": input["region"]});
            let spec = de::<CloudRequest>(&instance, "cloud instance")?.spec();
            let f = cloud_footprint(&ds, &spec, &usage(&input["usage"])?)?;
            Ok(hosting_json(&f))
        }
        "page" => page(input),
        "service" => {
            let ds = dataset(case)?;
            service(&ds, input)
        }
        "glpi" => {
            let ds = dataset(case)?;
            let mapping = match input["mapping"].as_str() {
                Some(text) => {
                    UserMapping::from_csv("mapping.csv", text, &ds).map_err(|e| CaseError {
                        error_type: "GlpiError",
                        code: e.code().into(),
                        line: None,
                        field: None,
                        file: None,
                        key_path: None,
                        message: e.to_string(),
                    })?
                }
                None => UserMapping::default(),
            };
            let department_from = match input["department_from"].as_str() {
                None | Some("entity_then_location") => DepartmentFrom::EntityThenLocation,
                Some("entity") => DepartmentFrom::Entity,
                Some("location") => DepartmentFrom::Location,
                Some(o) => return Err(CaseError::bad_case(format!("department_from {o}"))),
            };
            let mut importer = GlpiImporter::new(&ds, mapping, GlpiOptions { department_from });
            for f in input["files"].as_array().cloned().unwrap_or_default() {
                let name = f["name"].as_str().unwrap_or("file");
                let bytes = if let Some(t) = f["text"].as_str() {
                    t.as_bytes().to_vec()
                } else if let Some(b) = f["base64"].as_str() {
                    b64(b)
                } else {
                    std::fs::read(repo_root().join(f["path"].as_str().unwrap_or_default()))
                        .map_err(|e| CaseError::bad_case(e.to_string()))?
                };
                importer.add_bytes(name, &bytes);
            }
            let import = importer.finish();
            let report = import.evaluate(&ds, &options(case)?)?;
            Ok(json!({"counts": import.counts(), "items": import.items, "report": report}))
        }
        "estate" => {
            let estate = match &input["estate"] {
                Value::String(text) => Estate::parse(ESTATE_NAME, text)?,
                v => Estate::from_value(ESTATE_NAME, v.clone())?,
            };
            let ds = match (&case["dataset"], &case["dataset_files"], &estate.dataset) {
                (Value::Null, Value::Null, Some(id)) => Ds::Embedded(Dataset::embedded(id)?),
                _ => dataset(case)?,
            };
            let mut files = InMemoryFiles::default();
            for (name, f) in input["files"].as_object().into_iter().flatten() {
                let bytes = match f.get("base64").and_then(Value::as_str) {
                    Some(b) => b64(b),
                    None => f.as_str().unwrap_or_default().as_bytes().to_vec(),
                };
                files.insert(name.clone(), bytes);
            }
            let r = evaluate_estate(&ds, &estate, &files, &options(case)?)?;
            Ok(serde_json::to_value(&r).unwrap())
        }
        "numecoeval" => {
            let ds = dataset(case)?;
            let files: Vec<(String, Vec<u8>)> = input["files"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(name, f)| {
                    let bytes = match f.get("base64").and_then(Value::as_str) {
                        Some(b) => b64(b),
                        None => f.as_str().unwrap_or_default().as_bytes().to_vec(),
                    };
                    (name.clone(), bytes)
                })
                .collect();
            let r = empreinte::numecoeval::evaluate_numecoeval(&ds, &files, &options(case)?)?;
            Ok(serde_json::to_value(&r).unwrap())
        }
        "referential" => {
            // The files of `base`, with `files` replacing (or, null, removing) some.
            let base = repo_root().join(input["base"].as_str().unwrap_or_default());
            let mut files: Vec<(String, String)> = Vec::new();
            for name in empreinte::dataset::referential::REFERENTIAL_FILES {
                let text = match input["files"].get(name) {
                    Some(Value::Null) => None,
                    Some(v) => Some(v.as_str().unwrap_or_default().to_string()),
                    None => std::fs::read_to_string(base.join(name)).ok(),
                };
                files.extend(text.map(|t| (name.to_string(), t)));
            }
            let ds = Dataset::from_named_files(&files, Some("referential"))?;
            Ok(json!({"dataset": ds.info()}))
        }
        "dataset" => {
            let ds = dataset_from_files(input)?;
            Ok(json!({"dataset": ds.info()}))
        }
        other => Err(CaseError::bad_case(format!("unknown kind {other}"))),
    }
}

fn f(v: &Value, k: &str) -> Option<f64> {
    v[k].as_f64()
}

fn s(v: &Value, k: &str) -> Option<String> {
    v[k].as_str().map(str::to_string)
}

/// The `usage` object of `server` and `cloud` cases (core's request type).
fn usage(u: &Value) -> R<HostingUsage> {
    if u.is_null() {
        return Ok(UsageRequest::default().usage()?);
    }
    Ok(de::<UsageRequest>(u, "usage")?.usage()?)
}

/// A `page` case (core's request type); `per_visit` defaults to false, as in JS's `webPage`.
fn page(i: &Value) -> R<Value> {
    let mut p = de::<PageRequest>(i, "page")?;
    p.per_visit.get_or_insert(false);
    let (estimate, footprint) = p.evaluate()?;
    Ok(page_json(&estimate, &footprint))
}

/// A `service` case (core's request types): ADEME's `params` with the model's `options` and
/// `uses`; `transfer` with `uses`; `three_tier` reads its own `uses`, `year`, `exclude_terminals`.
fn service(ds: &Dataset, i: &Value) -> R<Value> {
    let p = if i["params"].is_null() {
        &json!({})
    } else {
        &i["params"]
    };
    let uses = f(i, "uses");
    match i["service"].as_str().unwrap_or_default() {
        "transfer" => {
            let mut t = de::<TransferRequest>(p, "params")?;
            t.uses = uses;
            Ok(json!({ "footprint": t.evaluate(ds)? }))
        }
        "three_tier" => {
            let fp = de::<ThreeTierRequest>(p, "params")?.evaluate(ds)?;
            Ok(json!({ "footprint": fp }))
        }
        kind => {
            let mut r = de::<PerUseRequest>(p, "params")?;
            let o = &i["options"];
            r.year = o["year"].as_i64().map(|y| y as i32);
            r.terminal_region = s(o, "terminal_region");
            r.data_centre_region = s(o, "data_centre_region");
            r.exclude_terminals = o["exclude_terminals"].as_bool().unwrap_or(false);
            r.uses = uses;
            Ok(serde_json::to_value(r.evaluate(ds, kind)?).unwrap())
        }
    }
}

/// Keys whose values are prose (messages, provenance sentences): left out of `expected` so a
/// reworded message does not break the vectors; ids and numbers stay.
const PROSE: [&str; 8] = [
    "message",
    "detail",
    "provenance",
    "notes",
    "reason",
    "warnings",
    "description",
    "source",
];

pub fn strip_prose(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !PROSE.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), strip_prose(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_prose).collect()),
        v => v.clone(),
    }
}

/// `expected` is a subset of `actual`; numbers compared as exact f64.
pub fn check_subset(expected: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => check_subset(ev, av, &format!("{path}.{k}"), errors),
                    None => errors.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!("{path}: {} items, expected {}", a.len(), e.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                check_subset(ev, av, &format!("{path}[{i}]"), errors);
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() != a.as_f64() => {
            errors.push(format!("{path}: {a}, expected {e}"));
        }
        (Value::Number(_), Value::Number(_)) => {}
        (e, a) if e != a => errors.push(format!("{path}: {a}, expected {e}")),
        _ => {}
    }
}
