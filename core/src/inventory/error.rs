//! Errors about inventory input: whole-file errors, and per-row rejections.

use super::Field;
use serde::Serialize;

/// The inventory as a whole cannot be read. Nothing was evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum InventoryError {
    /// The input is empty or blank: no header row, no JSON document.
    #[error("the inventory is empty: expected a header row (category;quantity;...) and at least one line")]
    Empty,

    /// The input is not text: a workbook, an image, binary data, or JSON that is not UTF-8.
    #[error("this does not look like a CSV or JSON inventory: {detail}")]
    NotText {
        /// What the input looks like instead.
        detail: String,
    },

    /// A required column (the category) is not in the header row.
    #[error(
        "missing required column `{field}` (columns found: {found}); name a column {expected}"
    )]
    MissingColumn {
        /// The field no column gives.
        field: Field,
        /// The headers that were found, quoted and comma-separated.
        found: String,
        /// Names the column could have.
        expected: String,
    },

    /// Two columns (or JSON keys) with a strong name both give one field.
    #[error("columns {first:?} and {second:?} both give `{field}`; keep only one")]
    DuplicateColumn {
        /// The field given twice.
        field: Field,
        /// The first header giving it, as written.
        first: String,
        /// The second header giving it, as written.
        second: String,
    },

    /// The input could not be read (an I/O error, or a CSV record the reader refuses).
    #[error("cannot read the inventory at line {line}: {message}")]
    Read {
        /// 1-based line where reading failed (0 when the reader cannot tell).
        line: u64,
        /// The underlying error.
        message: String,
    },

    /// The input starts like JSON but does not parse.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the error, as serde_json reports it.
        line: u64,
        /// 1-based column of the error.
        column: u64,
        /// serde_json's message.
        message: String,
    },
}

impl InventoryError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            InventoryError::Empty => "empty_inventory",
            InventoryError::NotText { .. } => "not_text",
            InventoryError::MissingColumn { .. } => "missing_column",
            InventoryError::DuplicateColumn { .. } => "duplicate_column",
            InventoryError::Read { .. } => "read_error",
            InventoryError::Json { .. } => "invalid_json",
        }
    }

    /// The field at fault, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            InventoryError::MissingColumn { field, .. }
            | InventoryError::DuplicateColumn { field, .. } => Some(field.name()),
            _ => None,
        }
    }

    /// The line at fault, when there is one (1-based; the header is line 1).
    pub fn line(&self) -> Option<u64> {
        match self {
            InventoryError::Read { line, .. } | InventoryError::Json { line, .. } => Some(*line),
            InventoryError::MissingColumn { .. } | InventoryError::DuplicateColumn { .. } => {
                Some(1)
            }
            _ => None,
        }
    }
}

/// Why one inventory row was rejected. The row is listed, never silently dropped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RowError {
    /// A required value is empty.
    #[error("{field}: a value is required")]
    Missing {
        /// The field left empty.
        field: Field,
    },

    /// A numeric cell does not read as a number.
    #[error("{field}: {value:?} is not a number; expected {expected}")]
    NotANumber {
        /// The field of the cell.
        field: Field,
        /// The cell as written.
        value: String,
        /// What a valid value looks like.
        expected: String,
    },

    /// A number outside the range the field accepts.
    #[error("{field}: {value} is out of range; expected {expected}")]
    OutOfRange {
        /// The field of the cell.
        field: Field,
        /// The value, as written or as computed.
        value: String,
        /// The accepted range.
        expected: String,
    },

    /// A whole number expected (a quantity, a year) has a fractional part.
    #[error("{field}: {value:?} is not a whole number")]
    NotWhole {
        /// The field of the cell.
        field: Field,
        /// The value as written.
        value: String,
    },

    /// The category matches no class the dataset can evaluate.
    #[error("category: unknown category {value:?}{}; see `empreinte factors` for the list", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownCategory {
        /// The category as written (the model when the category is blank).
        value: String,
        /// The closest known category, when one is close enough.
        suggestion: Option<String>,
    },

    /// The country (of a line, or the evaluation's default country) matches no zone of the dataset.
    #[error("country: unknown country or zone {value:?}{}; use an ISO code such as FR or DE", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownCountry {
        /// The country as written.
        value: String,
        /// The closest zone, when one is close enough.
        suggestion: Option<String>,
    },

    /// The condition is not a word [`Condition::parse`](super::Condition::parse) knows.
    #[error("condition: unknown condition {value:?}; expected new (neuf), refurbished (reconditionné), reused (réemploi) or repaired (réparé), a lease (location, LLD) written beside it or alone")]
    UnknownCondition {
        /// The condition as written.
        value: String,
    },

    /// The device was acquired after the reporting year.
    #[error("acquisition_year: {year} is after the reporting year {reporting_year}; the device is not in service yet")]
    AcquisitionInFuture {
        /// The acquisition year of the line.
        year: i32,
        /// The reporting year of the evaluation.
        reporting_year: i32,
    },

    /// An offer of a refurbished or repaired device whose class has no refurbishment figures in
    /// the dataset (and, when repaired, no replaced parts of the buyer's).
    #[error("condition: dataset {dataset} has no refurbishment factors for {category}; refurbished devices can be evaluated for: {available}")]
    NoRefurbishmentData {
        /// Id of the class.
        category: String,
        /// Id of the dataset.
        dataset: String,
        /// Classes of the dataset that have refurbishment figures.
        available: String,
    },

    /// The dataset has no figure for the class, so it cannot be compared (an offer); an inventory
    /// counts such a line as not available instead.
    #[error("category: dataset {dataset} has no figure for {category}; it cannot be compared (inventories count it as not available)")]
    NoFigures {
        /// Id of the class.
        category: String,
        /// Id of the dataset.
        dataset: String,
    },

    /// The dataset has no electricity factor for the zone the line is used in.
    #[error("country: dataset {dataset} has no electricity factor for {zone}")]
    NoElectricityFactor {
        /// Code of the zone.
        zone: String,
        /// Id of the dataset.
        dataset: String,
    },

    /// A CSV row with another number of fields than the header.
    #[error("the row has {found} fields but the header has {expected}; a decimal comma in a comma-separated file? Quote the value or use ';' as separator")]
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },

    /// A cell that cannot be read as text or a value (bad encoding, a JSON list or object...).
    #[error("{field}: {reason}")]
    InvalidText {
        /// The field of the cell.
        field: Field,
        /// Why.
        reason: String,
    },

    /// Two keys of one JSON item give the same field.
    #[error("keys {first:?} and {second:?} both give `{field}`; keep only one")]
    DuplicateField {
        /// The field given twice.
        field: Field,
        /// The first key giving it.
        first: String,
        /// The second key giving it.
        second: String,
    },

    /// An imported item (GLPI) that maps to no category and was not counted.
    #[error("category: {item} was not counted: {reason} [{code}]")]
    Unmapped {
        /// What the source calls the item (GLPI: its type, name and model).
        item: String,
        /// Why it could not be mapped.
        reason: String,
        /// The mapping's own code for why (e.g. `glpi_no_chassis`).
        code: String,
    },

    /// An evaluation option out of its range: the evaluation does not start.
    #[error("option {option}: {value} is out of range; expected {expected}")]
    InvalidOption {
        /// The option's path (e.g. `annualisation.default_years`).
        option: &'static str,
        /// The value given.
        value: String,
        /// The accepted range.
        expected: String,
    },

    /// A value of a file in another inventory format (NumEcoEval / G4IT; feature `numecoeval`),
    /// by the column that format names: a reference to a row that is not there (a virtual machine's host, an
    /// equipment's data centre), dates in the wrong order, a number out of range.
    #[cfg(feature = "numecoeval")]
    #[error("{column}: {message}")]
    Column {
        /// The column, as the format names it (`nomEquipementPhysique`, `dateRetrait`...).
        column: String,
        /// A stable code (`numecoeval_unknown_host`, `numecoeval_date_order`, or the code of
        /// the inventory error it stands for).
        code: &'static str,
        /// What is wrong and what would be valid.
        message: String,
    },

    /// A text cell longer than the reader accepts ([`MAX_TEXT_LEN`](super::MAX_TEXT_LEN) bytes).
    #[error("{field}: the value is {length} characters long; at most {max} are accepted")]
    TooLong {
        /// The field of the cell.
        field: Field,
        /// Its length in bytes (UTF-8).
        length: usize,
        /// The longest accepted, in bytes.
        max: usize,
    },
}

impl RowError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            RowError::Missing { .. } => "missing_value",
            RowError::NotANumber { .. } => "not_a_number",
            RowError::OutOfRange { .. } => "out_of_range",
            RowError::NotWhole { .. } => "not_whole",
            RowError::UnknownCategory { .. } => "unknown_category",
            RowError::UnknownCountry { .. } => "unknown_country",
            RowError::UnknownCondition { .. } => "unknown_condition",
            RowError::AcquisitionInFuture { .. } => "acquisition_in_future",
            RowError::NoRefurbishmentData { .. } => "no_refurbishment_data",
            RowError::NoFigures { .. } => "no_figures",
            RowError::NoElectricityFactor { .. } => "no_electricity_factor",
            RowError::FieldCount { .. } => "field_count",
            RowError::InvalidText { .. } => "invalid_text",
            RowError::TooLong { .. } => "too_long",
            RowError::InvalidOption { .. } => "invalid_option",
            RowError::Unmapped { .. } => "unmapped_item",
            RowError::DuplicateField { .. } => "duplicate_column",
            #[cfg(feature = "numecoeval")]
            RowError::Column { code, .. } => code,
        }
    }

    /// The field at fault, when one is.
    pub fn field(&self) -> Option<Field> {
        match self {
            RowError::Missing { field }
            | RowError::NotANumber { field, .. }
            | RowError::OutOfRange { field, .. }
            | RowError::NotWhole { field, .. }
            | RowError::InvalidText { field, .. }
            | RowError::TooLong { field, .. }
            | RowError::DuplicateField { field, .. } => Some(*field),
            RowError::UnknownCategory { .. }
            | RowError::Unmapped { .. }
            | RowError::NoFigures { .. } => Some(Field::Category),
            RowError::UnknownCountry { .. } | RowError::NoElectricityFactor { .. } => {
                Some(Field::Country)
            }
            RowError::UnknownCondition { .. } | RowError::NoRefurbishmentData { .. } => {
                Some(Field::Condition)
            }
            RowError::AcquisitionInFuture { .. } => Some(Field::AcquisitionYear),
            RowError::FieldCount { .. } | RowError::InvalidOption { .. } => None,
            #[cfg(feature = "numecoeval")]
            RowError::Column { .. } => None,
        }
    }

    /// The name of the field (or of another format's column) at fault, when one is: what a
    /// rejected row reports as its `field`.
    pub fn field_name(&self) -> Option<&str> {
        match self {
            #[cfg(feature = "numecoeval")]
            RowError::Column { column, .. } => Some(column),
            e => e.field().map(Field::name),
        }
    }
}

/// A rejected row: where it was and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    /// 1-based line in the file (header = line 1), or item number in a JSON array.
    pub line: u64,
    /// Why it was rejected.
    pub error: RowError,
}

impl Serialize for RejectedRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RejectedRow", 4)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("field", &self.error.field_name())?;
        st.serialize_field("code", self.error.code())?;
        st.serialize_field("message", &self.error.to_string())?;
        st.end()
    }
}

/// Something worth knowing that did not stop evaluation (an ignored column, an assumption).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// 1-based line the warning is about, if any (`None`: the whole input).
    pub line: Option<u64>,
    /// Name of the field concerned, if any (e.g. `country`, `acquisition_year`).
    pub field: Option<String>,
    /// A stable, machine-readable code (e.g. `ignored_column`, `category_assumption`).
    pub code: &'static str,
    /// A human-readable message in English.
    pub message: String,
}
