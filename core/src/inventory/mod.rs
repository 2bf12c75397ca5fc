//! Inventory input: equipment lines, and readers for spreadsheet CSV and JSON.

mod columns;
mod csv_reader;
mod error;
mod frame;
mod json_reader;
mod units;
mod values;

pub use columns::{Field, TRACE_COLUMNS};
pub use csv_reader::{detect_separator, ColumnMap, CsvFormat, CsvInventory};
pub use error::{InventoryError, RejectedRow, RowError, Warning};
pub(crate) use frame::{plain_number_columns, plain_numbers, Keys};
pub use frame::{read_columns, row_line, FrameColumn, Given};
pub use json_reader::{read_json, ColumnResolver, NamedValue};
pub use values::{fill_line, line_from_cells, parse_number, CellValue, MAX_TEXT_LEN};

use serde::Serialize;
use units::is_one_of;
use uom::si::f64::{Energy, Power, Time};

/// The fields a row's evaluation depends on by their text (the rest are numbers, and a label):
/// rows with the same cells in these resolve the same way.
pub(crate) fn is_key_field(f: Field) -> bool {
    matches!(
        f,
        Field::Category | Field::Model | Field::Condition | Field::Country | Field::Department
    )
}

/// Largest quantity accepted on one line.
pub const MAX_QUANTITY: u32 = 1_000_000;

/// The state a device was acquired in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Bought new: carries its manufacturing, distribution and end of life (the default).
    #[default]
    New,
    /// Refurbished by a professional: under cut-off allocation it carries the refurbishment,
    /// replaced parts and transport, not the first manufacturing.
    Refurbished,
    /// Reused as is (second-hand, or moved from another service): carries transport and end of life.
    Reused,
    /// Kept and repaired (battery, storage, screen): carries the repair parts and its use, no
    /// transport and no new manufacturing. The repair parts default to the dataset's
    /// refurbishment figure (operations and replaced parts), an upper proxy; a buyer's own
    /// replaced-parts figure wins in offers.
    Repaired,
}

/// Words that say a device is leased ("location longue durée", "crédit-bail", "leasing", "LLD",
/// "LOA"), normalized and singular.
const LEASE_MARKS: &str = "location loue louee leasing lease leased lld loa bail locatif locative";
/// The words written around them in a condition cell ("en location", "sous contrat de").
const LEASE_FILLERS: &str =
    "en sous contrat de longue duree credit financiere avec option d achat on in";

impl Condition {
    /// Stable id: `new`, `refurbished`, `reused` or `repaired`.
    pub fn id(self) -> &'static str {
        match self {
            Condition::New => "new",
            Condition::Refurbished => "refurbished",
            Condition::Reused => "reused",
            Condition::Repaired => "repaired",
        }
    }

    /// Parses the words people write, in French or English.
    pub fn parse(text: &str) -> Option<Condition> {
        // Fast path for the words written most.
        match values::trim(text) {
            "" | "neuf" | "Neuf" | "new" | "New" | "NEUF" => return Some(Condition::New),
            "reconditionné" | "Reconditionné" | "refurbished" | "Refurbished" => {
                return Some(Condition::Refurbished)
            }
            "réemploi" | "Réemploi" | "reused" | "Reused" | "occasion" | "Occasion" => {
                return Some(Condition::Reused)
            }
            _ => {}
        }
        let words = crate::names::singularize(&crate::names::normalize(text));
        Condition::from_words(&words).or_else(|| {
            // An ownership mode written in the condition column ("location", "neuf en
            // location", "reconditionné - LLD"): leased devices are devices the body uses, counted
            // like its own, in the condition written beside the lease (new when none is).
            let leased = words.split(' ').any(|w| is_one_of(w, LEASE_MARKS));
            let rest = words
                .split(' ')
                .filter(|w| !is_one_of(w, LEASE_MARKS) && !is_one_of(w, LEASE_FILLERS));
            leased.then(|| Condition::from_words(&rest.collect::<String>()))?
        })
    }

    /// The condition of normalized, singular words, compared without their spaces ("d'occasion",
    /// "d occasion" and "doccasion" alike).
    fn from_words(words: &str) -> Option<Condition> {
        let key = words.replace(' ', "");
        Some(match key.as_str() {
            "" | "new" | "neuf" | "neuve" | "nouveau" | "nouvelle" | "n" => Condition::New,
            "refurbished" | "refurb" | "reconditionne" | "reconditionnee" | "recond"
            | "remanufactured" | "reconditionnement" | "r" => Condition::Refurbished,
            "reused" | "reuse" | "reemploi" | "reemploye" | "reemployee" | "occasion"
            | "doccasion" | "secondemain" | "secondhand" | "used" | "reutilise"
            | "reutilisation" | "don" => Condition::Reused,
            "repaired" | "repair" | "keptandrepaired" | "repare" | "reparee" | "reparation"
            | "conserveetrepare" | "gardeetrepare" | "prolonge" => Condition::Repaired,
            _ => return None,
        })
    }

    /// The label in French or English.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (Condition::New, crate::Lang::Fr) => "neuf",
            (Condition::Refurbished, crate::Lang::Fr) => "reconditionné",
            (Condition::Reused, crate::Lang::Fr) => "réemploi",
            (Condition::Repaired, crate::Lang::Fr) => "conservé et réparé",
            (Condition::Repaired, crate::Lang::En) => "kept and repaired",
            (Condition::New, crate::Lang::En) => "new",
            (Condition::Refurbished, crate::Lang::En) => "refurbished",
            (Condition::Reused, crate::Lang::En) => "reused",
        }
    }
}

/// One line of an equipment inventory: `quantity` identical devices.
///
/// Optional fields fall back to the dataset's defaults for the category.
#[derive(Debug, Clone, PartialEq)]
pub struct EquipmentLine {
    /// The category as written ("PC portable", "écrans", "laptop").
    pub category: String,
    /// Number of identical devices.
    pub quantity: u32,
    /// The state the devices were acquired in.
    pub condition: Condition,
    /// Year of acquisition: places the devices in their amortisation period (`None`: spread evenly
    /// over the period, or a rejection under [`crate::Annualisation::None`]).
    pub acquisition_year: Option<i32>,
    /// Physical lifetime (default: the dataset's, or the second life for refurbished devices).
    pub lifetime: Option<Time>,
    /// Accounting amortisation period, used with [`crate::Annualisation::Accounting`].
    pub amortisation: Option<Time>,
    /// Hours of use per day.
    pub hours_per_day: Option<Time>,
    /// Days of use per year.
    pub days_per_year: Option<f64>,
    /// Average power when in use, per device.
    pub power: Option<Power>,
    /// Measured electricity per device and year; takes precedence over power × hours.
    pub energy_per_year: Option<Energy>,
    /// ISO code or name of the country the device is used in (default: the dataset's).
    pub country: Option<String>,
    /// Free tag: mairie, école, médiathèque...
    pub department: Option<String>,
    /// Free description.
    pub label: Option<String>,
    /// The model as written, evidence of the class when the category is vague.
    pub model: Option<String>,
    /// PUE of the room the device runs in; default: its class's room, if any (servers).
    pub pue: Option<f64>,
}

impl EquipmentLine {
    /// A line of `quantity` new devices of `category`, everything else by default.
    pub fn new(category: impl Into<String>, quantity: u32) -> EquipmentLine {
        EquipmentLine {
            category: category.into(),
            quantity,
            condition: Condition::New,
            acquisition_year: None,
            lifetime: None,
            amortisation: None,
            hours_per_day: None,
            days_per_year: None,
            power: None,
            energy_per_year: None,
            country: None,
            department: None,
            label: None,
            model: None,
            pue: None,
        }
    }
}

/// One item read from an inventory.
#[derive(Debug, Clone, PartialEq)]
pub enum InventoryItem {
    /// A line to evaluate, with its line number.
    Line(u64, EquipmentLine),
    /// A row that could not be read into a line.
    Rejected(RejectedRow),
}

/// A whole inventory read into memory: the lines to evaluate and the rows rejected on reading.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadInventory {
    /// The lines to evaluate, with their 1-based line numbers.
    pub lines: Vec<(u64, EquipmentLine)>,
    /// The rows rejected on reading.
    pub rejected: Vec<RejectedRow>,
    /// What the reader noticed without rejecting anything (ignored columns...).
    pub warnings: Vec<Warning>,
    /// Empty CSV rows skipped (spreadsheets export trailing `;;;;` rows).
    pub blank_rows: u64,
}

/// Reads an inventory given as bytes, CSV (any encoding) or JSON, told apart by its first
/// character. For scenarios and trajectories, which evaluate the same lines several times.
pub fn read_inventory(bytes: Vec<u8>) -> Result<ReadInventory, InventoryError> {
    let mut out = ReadInventory::default();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let items: Vec<InventoryItem> = if matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'[') | Some(b'{')
    ) {
        let text = std::str::from_utf8(body).map_err(|e| InventoryError::NotText {
            detail: format!(
                "a JSON inventory must be UTF-8 (invalid byte at {})",
                e.valid_up_to()
            ),
        })?;
        read_json(text, &mut out.warnings)?
    } else {
        let mut reader = CsvInventory::new(std::io::Cursor::new(bytes))?;
        out.warnings = reader.take_warnings();
        let items = reader.by_ref().collect::<Result<Vec<_>, _>>()?;
        out.blank_rows = reader.blank_rows();
        items
    };
    for item in items {
        match item {
            InventoryItem::Line(n, l) => out.lines.push((n, l)),
            InventoryItem::Rejected(r) => out.rejected.push(r),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::Condition;
    use crate::Lang;

    const ALL: [Condition; 4] = [
        Condition::New,
        Condition::Refurbished,
        Condition::Reused,
        Condition::Repaired,
    ];

    #[test]
    fn conditions_read_back_their_own_labels_and_ids() {
        for c in ALL {
            for text in [c.id(), c.label(Lang::Fr), c.label(Lang::En)] {
                assert_eq!(Condition::parse(text), Some(c), "{text:?}");
                assert_eq!(Condition::parse(&text.to_uppercase()), Some(c), "{text:?}");
            }
        }
    }

    #[test]
    fn conditions_of_several_words() {
        for (text, c) in [
            ("d'occasion", Condition::Reused),
            ("D'occasion", Condition::Reused),
            ("seconde main", Condition::Reused),
            ("Seconde-main", Condition::Reused),
            ("second hand", Condition::Reused),
            ("conservé et réparé", Condition::Repaired),
            ("gardé et réparé", Condition::Repaired),
            ("kept and repaired", Condition::Repaired),
        ] {
            assert_eq!(Condition::parse(text), Some(c), "{text:?}");
        }
    }

    #[test]
    fn leases_are_read_in_the_condition_written_with_them() {
        for (text, c) in [
            ("location", Condition::New),
            ("Location", Condition::New),
            ("en location", Condition::New),
            ("loué", Condition::New),
            ("Louées", Condition::New),
            ("LLD", Condition::New),
            ("location longue durée", Condition::New),
            ("Location avec option d'achat", Condition::New),
            ("crédit-bail", Condition::New),
            ("leasing", Condition::New),
            ("leased", Condition::New),
            ("neuf (location)", Condition::New),
            ("Neuf - en location", Condition::New),
            ("reconditionné en location", Condition::Refurbished),
            ("leased, refurbished", Condition::Refurbished),
            ("occasion - LLD", Condition::Reused),
        ] {
            assert_eq!(Condition::parse(text), Some(c), "{text:?}");
        }
        // A lease beside an unknown word is no condition; the words around a lease alone are none.
        for text in [
            "location cassé",
            "en",
            "de",
            "contrat",
            "longue durée",
            "neuf et cassé",
        ] {
            assert_eq!(Condition::parse(text), None, "{text:?}");
        }
    }
}
