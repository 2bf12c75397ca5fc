//! Estates on the command line: `empreinte evaluate ESTATE.toml`, `empreinte report
//! ESTATE.toml`. Reads the description and hands it to `empreinte::estate`, with the files it
//! names relative to its folder.

use empreinte::estate::{
    evaluate_estate, evaluate_estate_with, is_estate, Estate, EstateError, Folder,
};
use empreinte::{Dataset, EquipmentLine, EvaluationOptions, Report};
use std::io::Read;
use std::path::Path;

/// The estate description at `path`, or `None` when the file is not one (an inventory, GLPI).
pub fn read_if_estate(path: &Path) -> Result<Option<Estate>, String> {
    if path == Path::new("-") || path.is_dir() {
        return Ok(None);
    }
    let name = path.display().to_string();
    let mut head = Vec::new();
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(4096).read_to_end(&mut head);
    }
    if !is_estate(&name, &head) {
        return Ok(None);
    }
    let text = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    let text = String::from_utf8(text)
        .map_err(|_| format!("{name}: an estate description is UTF-8 text [estate_syntax]"))?;
    Estate::parse(&name, &text).map(Some).map_err(fail)
}

/// Evaluates the estate, files relative to the description's folder.
pub fn evaluate(
    ds: &Dataset,
    estate: &Estate,
    path: &Path,
    options: &EvaluationOptions,
) -> Result<Report, String> {
    let folder = Folder::new(path.parent().unwrap_or(Path::new(".")));
    evaluate_estate(ds, estate, &folder, options).map_err(fail)
}

/// [`evaluate`], with the fleet's lines as evaluated (for the review's levers and trajectory).
pub fn evaluate_with_lines(
    ds: &Dataset,
    estate: &Estate,
    path: &Path,
    options: &EvaluationOptions,
) -> Result<(Report, Vec<(u64, EquipmentLine)>), String> {
    let folder = Folder::new(path.parent().unwrap_or(Path::new(".")));
    evaluate_estate_with(ds, None, estate, &folder, options).map_err(fail)
}

fn fail(e: EstateError) -> String {
    format!("{e} [{}]", e.code())
}
