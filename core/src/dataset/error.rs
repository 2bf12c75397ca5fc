//! Errors raised while loading a reference dataset.

/// A dataset failed to load. Each variant says which file, which line and column, the bad
/// value and what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DatasetError {
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },

    #[error("{file}: invalid CSV at line {line}: {message}")]
    Csv {
        file: String,
        line: u64,
        message: String,
    },

    #[error("{file}: missing column `{column}` (columns found: {found})")]
    MissingColumn {
        file: String,
        column: String,
        found: String,
    },

    #[error(
        "{file}, line {line}, column `{column}`: invalid value {value:?}; expected {expected}"
    )]
    InvalidValue {
        file: String,
        line: u64,
        column: String,
        value: String,
        expected: String,
    },

    #[error("{file}, line {line}: factor `{factor_id}` cites source `{source_id}`, which is not in sources.csv (known sources: {known})")]
    UnknownSource {
        file: String,
        line: u64,
        factor_id: String,
        source_id: String,
        known: String,
    },

    #[error("{file}, line {line}: unknown {kind} `{value}` (known: {known})")]
    UnknownReference {
        file: String,
        line: u64,
        kind: String,
        value: String,
        known: String,
    },

    #[error(
        "{file}, line {line}: duplicate {kind} `{key}` (already defined at line {first_line})"
    )]
    Duplicate {
        file: String,
        line: u64,
        kind: String,
        key: String,
        first_line: u64,
    },

    #[error("{file}, line {line}: factor `{factor_id}` is in `{unit}`, but {indicator} must be in `{expected}`")]
    UnitMismatch {
        file: String,
        line: u64,
        factor_id: String,
        indicator: String,
        unit: String,
        expected: String,
    },

    #[error("{file}, line {line}: factor `{factor_id}` must have low <= value <= high, got {} / {} / {}", crate::decimal::Num(*low), crate::decimal::Num(*value), crate::decimal::Num(*high))]
    RangeOrder {
        file: String,
        line: u64,
        factor_id: String,
        low: f64,
        value: f64,
        high: f64,
    },

    #[error("datapackage.json: {message}")]
    Package { message: String },

    /// The phases `empreinte.indicators` declares for an indicator do not match its rows.
    #[error("datapackage.json, `{key}`: {message}")]
    Coverage {
        /// Where in datapackage.json: `empreinte.indicators.<indicator>.phases`.
        key: String,
        message: String,
    },

    #[error("{message}")]
    Incomplete { message: String },

    #[error("unknown dataset `{id}`; embedded datasets: {known}")]
    UnknownDataset { id: String, known: String },
}

impl DatasetError {
    /// A stable, machine-readable code for bindings and tests.
    pub fn code(&self) -> &'static str {
        match self {
            DatasetError::Io { .. } => "dataset_io",
            DatasetError::Csv { .. } => "dataset_csv",
            DatasetError::MissingColumn { .. } => "dataset_missing_column",
            DatasetError::InvalidValue { .. } => "dataset_invalid_value",
            DatasetError::UnknownSource { .. } => "dataset_unknown_source",
            DatasetError::UnknownReference { .. } => "dataset_unknown_reference",
            DatasetError::Duplicate { .. } => "dataset_duplicate",
            DatasetError::UnitMismatch { .. } => "dataset_unit_mismatch",
            DatasetError::RangeOrder { .. } => "dataset_range_order",
            DatasetError::Package { .. } => "dataset_package",
            DatasetError::Coverage { .. } => "dataset_coverage",
            DatasetError::Incomplete { .. } => "dataset_incomplete",
            DatasetError::UnknownDataset { .. } => "unknown_dataset",
        }
    }

    /// The file at fault, when there is one.
    pub fn file(&self) -> Option<&str> {
        match self {
            DatasetError::Csv { file, .. }
            | DatasetError::MissingColumn { file, .. }
            | DatasetError::InvalidValue { file, .. }
            | DatasetError::UnknownSource { file, .. }
            | DatasetError::UnknownReference { file, .. }
            | DatasetError::Duplicate { file, .. }
            | DatasetError::UnitMismatch { file, .. }
            | DatasetError::RangeOrder { file, .. } => Some(file),
            DatasetError::Io { path, .. } => Some(path),
            DatasetError::Package { .. } | DatasetError::Coverage { .. } => {
                Some("datapackage.json")
            }
            _ => None,
        }
    }

    /// The column at fault, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            DatasetError::InvalidValue { column, .. }
            | DatasetError::MissingColumn { column, .. } => Some(column),
            DatasetError::Coverage { key, .. } => Some(key),
            _ => None,
        }
    }

    /// The line at fault, when there is one (the header is line 1).
    pub fn line(&self) -> Option<u64> {
        match self {
            DatasetError::Csv { line, .. }
            | DatasetError::InvalidValue { line, .. }
            | DatasetError::UnknownSource { line, .. }
            | DatasetError::UnknownReference { line, .. }
            | DatasetError::Duplicate { line, .. }
            | DatasetError::UnitMismatch { line, .. }
            | DatasetError::RangeOrder { line, .. } => Some(*line),
            _ => None,
        }
    }
}
