//! NumEcoEval / G4IT files on the command line: `empreinte evaluate FOLDER` or `FILE...`
//! (and `empreinte report FOLDER`). Reads the files and hands them to `empreinte::numecoeval`,
//! which tells them apart by their headers.

use empreinte::estate::EstateError;
use empreinte::numecoeval::{NamedFiles, WithLines};
use empreinte::{Dataset, EvaluationOptions};
use std::path::{Path, PathBuf};

/// The NumEcoEval files among the paths, read; `None` when none of them is one (an
/// inventory, a GLPI folder, an estate).
pub fn read_if_numecoeval(paths: &[PathBuf]) -> Result<Option<NamedFiles>, String> {
    if paths.iter().any(|p| p == Path::new("-")) {
        return Ok(None);
    }
    empreinte::numecoeval::read_paths(paths).map_err(fail)
}

/// Evaluates NumEcoEval files: the report, the physical equipment's lines, the estate they make.
pub fn evaluate(
    ds: &Dataset,
    files: &[(String, Vec<u8>)],
    options: &EvaluationOptions,
) -> Result<WithLines, String> {
    empreinte::numecoeval::evaluate_numecoeval_with(ds, files, options).map_err(fail)
}

fn fail(e: EstateError) -> String {
    format!("{e} [{}]", e.code())
}
