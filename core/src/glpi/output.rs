//! What an import gives: an inventory CSV in empreinte's schema (to review and edit), the list
//! of items not counted, and a direct evaluation.

use super::{GlpiImport, GlpiItem, ItemStatus};
use crate::csv_safe::{self, Cell::Number, Cell::Text};
use crate::dataset::Dataset;
use crate::inventory::{Field, ReadInventory, RejectedRow, RowError, Warning};
use crate::options::EvaluationOptions;
use crate::report::Report;

/// Extra columns after the inventory's own: where each line came from (the inventory reader
/// knows them and ignores them quietly).
pub use crate::inventory::TRACE_COLUMNS;

/// CSV text with CRLF line ends; text cells neutralised for spreadsheets ([`crate::csv_safe`])
/// unless `plain`.
fn csv_string(
    plain: bool,
    rows: impl FnOnce(&mut csv_safe::Writer<Vec<u8>>) -> csv::Result<()>,
) -> String {
    let inner = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut w = if plain {
        csv_safe::Writer::plain(inner)
    } else {
        csv_safe::Writer::new(inner)
    };
    let ok = rows(&mut w).and_then(|_| w.flush().map_err(csv::Error::from));
    debug_assert!(ok.is_ok());
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

impl GlpiImport {
    /// The mapped items as an inventory CSV with the canonical English headers (`category`,
    /// `quantity`, `condition`, `acquisition_year`, `hours_per_day`, `department`, `label`),
    /// followed by the [`TRACE_COLUMNS`]. Comma-separated, UTF-8. Text cells that a spreadsheet
    /// would run as formulas (a computer named `=HYPERLINK(...)`) start with an apostrophe
    /// ([`crate::csv_safe`]); empreinte's CSV reader drops it, so the file evaluates the same as
    /// the import.
    pub fn to_csv(&self) -> String {
        self.inventory_csv(false)
    }

    /// [`GlpiImport::to_csv`] without the apostrophes: for a program that parses it straight
    /// back (the Python package's records and DataFrame), never for a file a person opens.
    pub fn to_plain_csv(&self) -> String {
        self.inventory_csv(true)
    }

    fn inventory_csv(&self, plain: bool) -> String {
        csv_string(plain, |w| {
            let fields = [
                Field::Category,
                Field::Quantity,
                Field::Condition,
                Field::AcquisitionYear,
                Field::HoursPerDay,
                Field::Department,
                Field::Label,
            ];
            let mut header: Vec<&str> = fields.iter().map(|f| f.name()).collect();
            header.extend(TRACE_COLUMNS);
            w.header(&header)?;
            for item in self.items.iter().filter(|i| i.status == ItemStatus::Mapped) {
                let year = item
                    .acquisition_year
                    .map(|y| y.to_string())
                    .unwrap_or_default();
                w.row(&[
                    Text(item.category.as_deref().unwrap_or("")),
                    Number(&item.quantity.max(1).to_string()),
                    Text("new"),
                    Number(&year),
                    Number(if item.in_stock { "0" } else { "" }),
                    Text(item.department.as_deref().unwrap_or("")),
                    Text(&item.label()),
                    Text(item.year_source.id()),
                    Text(&item.itemtype),
                    Text(item.serial.as_deref().unwrap_or("")),
                    Text(&item.source),
                    Text(&item.detail),
                ])?;
            }
            Ok(())
        })
    }

    /// The items not counted (excluded, unmapped, invalid), one per row, with the reason; text
    /// cells neutralised for spreadsheets as in [`GlpiImport::to_csv`].
    pub fn not_counted_csv(&self) -> String {
        csv_string(false, |w| {
            w.header(&[
                "status",
                "code",
                "reason",
                "glpi_itemtype",
                "name",
                "manufacturer",
                "model",
                "glpi_serial",
                "department",
                "glpi_source",
            ])?;
            for item in self.not_counted() {
                w.row(&[
                    Text(item.status.id()),
                    Text(item.code),
                    Text(&item.detail),
                    Text(&item.itemtype),
                    Text(item.name.as_deref().unwrap_or("")),
                    Text(item.manufacturer.as_deref().unwrap_or("")),
                    Text(item.model.as_deref().unwrap_or("")),
                    Text(item.serial.as_deref().unwrap_or("")),
                    Text(item.department.as_deref().unwrap_or("")),
                    Text(&item.source),
                ])?;
            }
            Ok(())
        })
    }

    /// Evaluates the mapped items. Unmapped and invalid items are listed as rejected rows (their
    /// line is the item number; the message names the GLPI file and the reason), so
    /// `rows_read = rows_evaluated + rows_rejected` covers every item; excluded items become
    /// `glpi_excluded` warnings.
    pub fn evaluate(&self, ds: &Dataset, options: &EvaluationOptions) -> Result<Report, RowError> {
        let mut ev = crate::Evaluation::new(ds, options.clone())?;
        self.add_to(&mut ev, &mut |_, _| true);
        Ok(ev.finish())
    }

    /// The import as an inventory read into memory: the mapped items as lines numbered by item,
    /// the unmapped and invalid items as the rows [`GlpiImport::evaluate`] rejects. What the
    /// review reads of it (levers, trajectory, last year's inventory), as of any inventory.
    pub fn to_inventory(&self) -> ReadInventory {
        let mut out = ReadInventory::default();
        for item in &self.items {
            match (item.status, item.line()) {
                (ItemStatus::Mapped, Some(line)) => out.lines.push((item.number, line)),
                (ItemStatus::Excluded, _) => {}
                _ => out.rejected.push(rejected_row(item)),
            }
        }
        out
    }

    /// Adds the items to an evaluation; `adjust` may change a mapped item's line before it is
    /// evaluated, or leave it out (`false`, having said why).
    pub(crate) fn add_to(
        &self,
        ev: &mut crate::Evaluation,
        adjust: &mut dyn FnMut(&mut crate::EquipmentLine, &mut crate::Evaluation) -> bool,
    ) {
        for item in &self.items {
            match (item.status, item.line()) {
                (ItemStatus::Mapped, Some(mut line)) => {
                    if adjust(&mut line, ev) {
                        let _ = ev.add(item.number, &line);
                    }
                }
                (ItemStatus::Excluded, _) => ev.warn(Warning {
                    line: Some(item.number),
                    field: None,
                    code: "glpi_excluded",
                    message: format!(
                        "{}: not counted: {} [{}]",
                        describe(item),
                        item.detail,
                        item.code
                    ),
                }),
                _ => ev.reject(rejected_row(item)),
            }
        }
        for f in &self.skipped_files {
            ev.warn(Warning {
                line: None,
                field: None,
                code: "glpi_skipped_file",
                message: format!("{f}: not read (only .json and .csv files of a folder are)"),
            });
        }
    }
}

/// An unmapped or invalid item as a rejected row: its number, the file and the reason.
fn rejected_row(item: &GlpiItem) -> RejectedRow {
    RejectedRow {
        line: item.number,
        error: RowError::Unmapped {
            item: describe(item),
            reason: item.detail.clone(),
            code: format!("glpi_{}", item.code),
        },
    }
}

/// "GLPI Computer glpixps (XPS 13 9350) in computer_1.json".
pub fn describe(item: &GlpiItem) -> String {
    let it = if item.itemtype.is_empty() {
        "item"
    } else {
        &item.itemtype
    };
    format!("GLPI {it} {} in {}", item.label(), item.source)
}
