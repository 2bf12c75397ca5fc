//! `empreinte import glpi PATH...`, and GLPI input for `evaluate` and `report`.

use empreinte::glpi::{DepartmentFrom, GlpiImport, GlpiImporter, GlpiOptions, UserMapping};
use empreinte::review::LeftOut;
use empreinte::{Dataset, EquipmentLine, EvaluateError, EvaluationOptions, InventoryError, Report};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct GlpiArgs {
    /// GLPI agent JSON inventories, GLPI CSV exports, or folders of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write the inventory CSV here (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Your own mapping: a CSV of model or type → category (or `ignore`); wins over the built-in table.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Also write every item not counted (excluded, unmapped, invalid) with its reason, as CSV.
    #[arg(long)]
    unmapped: Option<PathBuf>,
    /// Where departments come from.
    #[arg(long, value_enum, default_value_t = DepartmentArg::Auto)]
    department_from: DepartmentArg,
    /// Embedded dataset id, or a folder holding a dataset (its categories are the targets).
    #[arg(long, default_value = empreinte::defaults::DATASET)]
    dataset: String,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum DepartmentArg {
    /// The entity (last level below the root), else the location (first level).
    Auto,
    Entity,
    Location,
}

impl From<DepartmentArg> for DepartmentFrom {
    fn from(d: DepartmentArg) -> DepartmentFrom {
        match d {
            DepartmentArg::Auto => DepartmentFrom::EntityThenLocation,
            DepartmentArg::Entity => DepartmentFrom::Entity,
            DepartmentArg::Location => DepartmentFrom::Location,
        }
    }
}

/// Whether a path is GLPI input (standard input, `-`, never is).
fn is_glpi(path: &Path) -> bool {
    path != Path::new("-") && empreinte::glpi::is_glpi_path(path)
}

pub fn load_mapping(ds: &Dataset, path: Option<&Path>) -> Result<UserMapping, String> {
    let Some(path) = path else {
        return Ok(UserMapping::default());
    };
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    UserMapping::from_bytes(&path.display().to_string(), &bytes, ds).map_err(|e| e.to_string())
}

pub fn import(
    ds: &Dataset,
    paths: &[PathBuf],
    mapping: Option<&Path>,
    department_from: DepartmentFrom,
) -> Result<GlpiImport, String> {
    let mapping = load_mapping(ds, mapping)?;
    let mut importer = GlpiImporter::new(ds, mapping, GlpiOptions { department_from });
    for p in paths {
        importer.add_path(p).map_err(|e| e.to_string())?;
    }
    Ok(importer.finish())
}

/// Items left out on purpose, for the review.
pub fn left_out(import: &GlpiImport) -> Vec<LeftOut> {
    empreinte::review::left_out(import)
}

/// GLPI input evaluated: the report, the items left out on purpose, and the numbered lines.
pub(crate) type GlpiEvaluated = (Report, Vec<LeftOut>, Vec<(u64, EquipmentLine)>);

/// Evaluates GLPI input directly; `None` when the path is not GLPI input.
pub fn evaluate_if_glpi(
    ds: &Dataset,
    path: &Path,
    options: &EvaluationOptions,
    mapping: Option<&Path>,
) -> Result<Option<GlpiEvaluated>, EvaluateError> {
    if !is_glpi(path) {
        return Ok(None);
    }
    let read_error =
        |message: String| EvaluateError::Inventory(InventoryError::Read { line: 0, message });
    let import = import(
        ds,
        &[path.to_path_buf()],
        mapping,
        DepartmentFrom::EntityThenLocation,
    )
    .map_err(read_error)?;
    let report = import
        .evaluate(ds, options)
        .map_err(EvaluateError::Options)?;
    let lines = import.to_inventory().lines;
    Ok(Some((report, left_out(&import), lines)))
}

/// Summary of an import on standard error: counts, then each item not counted.
fn summary(import: &GlpiImport, err: &mut impl Write) -> std::io::Result<()> {
    let c = import.counts();
    writeln!(
        err,
        "GLPI: {} file(s), {} item(s): {} mapped ({} devices), {} excluded, {} unmapped, {} invalid",
        c.files, c.items, c.mapped, c.devices, c.excluded, c.unmapped, c.invalid
    )?;
    const SHOWN: usize = 50;
    for (n, item) in import.not_counted().enumerate() {
        if n == SHOWN {
            writeln!(
                err,
                "  … {} more (write them all with --unmapped FILE)",
                c.excluded + c.unmapped + c.invalid - SHOWN as u64
            )?;
            break;
        }
        writeln!(
            err,
            "  {} [{}] {}: {}",
            item.status.id(),
            item.code,
            empreinte::glpi::describe(item),
            item.detail
        )?;
    }
    for f in &import.skipped_files {
        writeln!(
            err,
            "  skipped {f}: only .json and .csv files of a folder are read"
        )?;
    }
    Ok(())
}

pub fn run(args: &GlpiArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = crate::load_dataset(&args.dataset)?;
    let import = import(
        &ds,
        &args.paths,
        args.mapping.as_deref(),
        args.department_from.into(),
    )?;
    let csv = import.to_csv();
    match &args.output {
        Some(p) => std::fs::write(p, csv).map_err(|e| format!("{}: {e}", p.display()))?,
        None => out
            .write_all(csv.as_bytes())
            .map_err(|e| format!("cannot write the output: {e}"))?,
    }
    if let Some(p) = &args.unmapped {
        std::fs::write(p, import.not_counted_csv()).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    let _ = summary(&import, &mut std::io::stderr().lock());
    let c = import.counts();
    Ok(if c.unmapped + c.invalid > 0 { 1 } else { 0 })
}
