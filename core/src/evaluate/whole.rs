//! Whole inventories evaluated in one call: in-memory lines, CSV (streamed), JSON, bytes.

use super::Evaluation;
use crate::dataset::Dataset;
use crate::inventory::{CsvInventory, EquipmentLine, InventoryError, RowError};
use crate::options::EvaluationOptions;
use crate::report::Report;
use std::io::Read;

/// Evaluates in-memory lines (line numbers are their 1-based positions).
pub fn evaluate_lines(
    ds: &Dataset,
    lines: &[EquipmentLine],
    options: &EvaluationOptions,
) -> Result<Report, RowError> {
    let mut ev = Evaluation::new(ds, options.clone())?;
    for (i, line) in lines.iter().enumerate() {
        let _ = ev.add(i as u64 + 1, line);
    }
    Ok(ev.finish())
}

/// Errors of a whole-inventory evaluation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvaluateError {
    /// The inventory cannot be read.
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    /// The evaluation options are invalid (an unknown default country, an option out of range).
    #[error("option default_country: {0}")]
    Options(RowError),
}

impl EvaluateError {
    /// A stable, machine-readable code (that of the inner error).
    pub fn code(&self) -> &'static str {
        match self {
            EvaluateError::Inventory(e) => e.code(),
            EvaluateError::Options(e) => e.code(),
        }
    }
}

/// Evaluates a CSV inventory as spreadsheets export it, streaming.
pub fn evaluate_csv<R: Read + 'static>(
    ds: &Dataset,
    input: R,
    options: &EvaluationOptions,
) -> Result<Report, EvaluateError> {
    let mut reader = CsvInventory::new(input)?;
    let mut ev = Evaluation::new(ds, options.clone()).map_err(EvaluateError::Options)?;
    ev.add_csv(&mut reader)?;
    Ok(ev.finish())
}

/// Evaluates a JSON inventory (an array of lines, or `{"lines": [...]}`).
///
/// ```
/// use empreinte::{evaluate_json, Dataset, EvaluationOptions, Indicator};
///
/// let inventory = r#"[
///     {"category": "laptop", "quantity": 10, "acquisition_year": 2022, "department": "Mairie"},
///     {"category": "écran 24 pouces", "quantity": 12, "acquisition_year": 2021}
/// ]"#;
/// let ds = Dataset::embedded_default();
/// let report = evaluate_json(ds, inventory, &EvaluationOptions::new(2025))?;
/// assert_eq!(report.counts.rows_evaluated, 2);
/// // "Mairie", then the lines without department.
/// let departments: Vec<_> = report.by_department.iter().map(|g| g.key.as_deref()).collect();
/// assert_eq!(departments, [Some("Mairie"), None]);
/// assert!(report.climate_change_kgco2e().unwrap() > 0.0);
/// # Ok::<(), empreinte::EvaluateError>(())
/// ```
pub fn evaluate_json(
    ds: &Dataset,
    text: &str,
    options: &EvaluationOptions,
) -> Result<Report, EvaluateError> {
    let mut warnings = Vec::new();
    let items = crate::inventory::read_json(text, &mut warnings)?;
    let mut ev = Evaluation::new(ds, options.clone()).map_err(EvaluateError::Options)?;
    for w in warnings {
        ev.warn(w);
    }
    ev.add_items(items);
    Ok(ev.finish())
}

/// Evaluates an inventory given as bytes, CSV or JSON (told apart by the first character).
pub fn evaluate_bytes(
    ds: &Dataset,
    bytes: Vec<u8>,
    options: &EvaluationOptions,
) -> Result<Report, EvaluateError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'[') | Some(b'{')) {
        let text = std::str::from_utf8(body).map_err(|e| InventoryError::NotText {
            detail: format!(
                "a JSON inventory must be UTF-8 (invalid byte at {})",
                e.valid_up_to()
            ),
        })?;
        evaluate_json(ds, text, options)
    } else {
        evaluate_csv(ds, std::io::Cursor::new(bytes), options)
    }
}
