//! Errors about inventory input: whole-file errors, and per-row rejections.

use super::Field;
use serde::Serialize;

/// The inventory as a whole cannot be read. Nothing was evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum InventoryError {
    #[error("the inventory is empty: expected a header row (category;quantity;...) and at least one line")]
    Empty,

    #[error("this does not look like a CSV or JSON inventory: {detail}")]
    NotText { detail: String },

    #[error(
        "missing required column `{field}` (columns found: {found}); name a column {expected}"
    )]
    MissingColumn {
        field: Field,
        found: String,
        expected: String,
    },

    #[error("columns {first:?} and {second:?} both give `{field}`; keep only one")]
    DuplicateColumn {
        field: Field,
        first: String,
        second: String,
    },

    #[error("cannot read the inventory at line {line}: {message}")]
    Read { line: u64, message: String },

    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        line: u64,
        column: u64,
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
    #[error("{field}: a value is required")]
    Missing { field: Field },

    #[error("{field}: {value:?} is not a number; expected {expected}")]
    NotANumber {
        field: Field,
        value: String,
        expected: String,
    },

    #[error("{field}: {value} is out of range; expected {expected}")]
    OutOfRange {
        field: Field,
        value: String,
        expected: String,
    },

    #[error("{field}: {value:?} is not a whole number")]
    NotWhole { field: Field, value: String },

    #[error("category: unknown category {value:?}{}; see `empreinte factors` for the list", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownCategory {
        value: String,
        suggestion: Option<String>,
    },

    #[error("country: unknown country or zone {value:?}{}; use an ISO code such as FR or DE", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownCountry {
        value: String,
        suggestion: Option<String>,
    },

    #[error("condition: unknown condition {value:?}; expected new (neuf), refurbished (reconditionné), reused (réemploi) or repaired (réparé)")]
    UnknownCondition { value: String },

    #[error("acquisition_year: {year} is after the reporting year {reporting_year}; the device is not in service yet")]
    AcquisitionInFuture { year: i32, reporting_year: i32 },

    #[error("condition: dataset {dataset} has no refurbishment factors for {category}; refurbished devices can be evaluated for: {available}")]
    NoRefurbishmentData {
        category: String,
        dataset: String,
        available: String,
    },

    #[error("category: dataset {dataset} has no figure for {category}; it cannot be compared (inventories count it as not available)")]
    NoFigures { category: String, dataset: String },

    #[error("country: dataset {dataset} has no electricity factor for {zone}")]
    NoElectricityFactor { zone: String, dataset: String },

    #[error("the row has {found} fields but the header has {expected}; a decimal comma in a comma-separated file? Quote the value or use ';' as separator")]
    FieldCount { expected: usize, found: usize },

    #[error("{field}: {reason}")]
    InvalidText { field: Field, reason: String },

    #[error("keys {first:?} and {second:?} both give `{field}`; keep only one")]
    DuplicateField {
        field: Field,
        first: String,
        second: String,
    },

    #[error("category: {item} was not counted: {reason} [{code}]")]
    Unmapped {
        /// What the source calls the item (GLPI: its type, name and model).
        item: String,
        reason: String,
        /// The mapping's own code for why (e.g. `glpi_no_chassis`).
        code: String,
    },

    #[error("option {option}: {value} is out of range; expected {expected}")]
    InvalidOption {
        option: &'static str,
        value: String,
        expected: String,
    },

    #[error("{field}: the value is {length} characters long; at most {max} are accepted")]
    TooLong {
        field: Field,
        length: usize,
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
        }
    }
}

/// A rejected row: where it was and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    /// 1-based line in the file (header = line 1), or item number in a JSON array.
    pub line: u64,
    pub error: RowError,
}

impl Serialize for RejectedRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RejectedRow", 4)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("field", &self.error.field().map(Field::name))?;
        st.serialize_field("code", self.error.code())?;
        st.serialize_field("message", &self.error.to_string())?;
        st.end()
    }
}

/// Something worth knowing that did not stop evaluation (an ignored column, an assumption).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub line: Option<u64>,
    pub field: Option<String>,
    pub code: &'static str,
    pub message: String,
}
