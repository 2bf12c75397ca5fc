//! Errors raised while loading a reference dataset.

/// A dataset failed to load. Each variant says which file, which line and column, the bad
/// value and what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DatasetError {
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        message: String,
    },

    /// A table is not valid CSV.
    #[error("{file}: invalid CSV at line {line}: {message}")]
    Csv {
        /// The file name.
        file: String,
        /// Line of the error, as the CSV parser counts it.
        line: u64,
        /// The CSV parser's message.
        message: String,
    },

    /// A required column is missing from a table's header.
    #[error("{file}: missing column `{column}` (columns found: {found})")]
    MissingColumn {
        /// The file name.
        file: String,
        /// The missing column.
        column: String,
        /// The columns that were found.
        found: String,
    },

    /// A cell holds a value the column does not accept.
    #[error(
        "{file}, line {line}, column `{column}`: invalid value {value:?}; expected {expected}"
    )]
    InvalidValue {
        /// The file name.
        file: String,
        /// 1-based line (the header is line 1).
        line: u64,
        /// The column.
        column: String,
        /// The cell as written.
        value: String,
        /// What a valid value looks like.
        expected: String,
    },

    /// A factor cites a source that is not in `sources.csv`.
    #[error("{file}, line {line}: factor `{factor_id}` cites source `{source_id}`, which is not in sources.csv (known sources: {known})")]
    UnknownSource {
        /// The file name.
        file: String,
        /// 1-based line of the factor.
        line: u64,
        /// The factor's id.
        factor_id: String,
        /// The source it cites.
        source_id: String,
        /// The sources that exist.
        known: String,
    },

    /// A row refers to a key another table lacks (a category, a zone, a platform).
    #[error("{file}, line {line}: unknown {kind} `{value}` (known: {known})")]
    UnknownReference {
        /// The file name.
        file: String,
        /// 1-based line of the row.
        line: u64,
        /// What kind of key (`category`, `zone`...).
        kind: String,
        /// The key as written.
        value: String,
        /// The keys that exist.
        known: String,
    },

    /// A key defined twice in a table.
    #[error(
        "{file}, line {line}: duplicate {kind} `{key}` (already defined at line {first_line})"
    )]
    Duplicate {
        /// The file name.
        file: String,
        /// 1-based line of the second definition.
        line: u64,
        /// What kind of key.
        kind: String,
        /// The key.
        key: String,
        /// 1-based line of the first definition.
        first_line: u64,
    },

    /// A factor is not in its indicator's unit.
    #[error("{file}, line {line}: factor `{factor_id}` is in `{unit}`, but {indicator} must be in `{expected}`")]
    UnitMismatch {
        /// The file name.
        file: String,
        /// 1-based line of the factor.
        line: u64,
        /// The factor's id.
        factor_id: String,
        /// The indicator's id.
        indicator: String,
        /// The unit written.
        unit: String,
        /// The unit the indicator requires.
        expected: String,
    },

    /// A factor's bounds are not `low <= value <= high`.
    #[error("{file}, line {line}: factor `{factor_id}` must have low <= value <= high, got {} / {} / {}", crate::decimal::Num(*low), crate::decimal::Num(*value), crate::decimal::Num(*high))]
    RangeOrder {
        /// The file name.
        file: String,
        /// 1-based line of the factor.
        line: u64,
        /// The factor's id.
        factor_id: String,
        /// The low bound.
        low: f64,
        /// The central value.
        value: f64,
        /// The high bound.
        high: f64,
    },

    /// `datapackage.json` is not valid JSON, or lacks a required key or resource declaration.
    #[error("datapackage.json: {message}")]
    Package {
        /// What is wrong.
        message: String,
    },

    /// The phases `empreinte.indicators` declares for an indicator do not match its rows.
    #[error("datapackage.json, `{key}`: {message}")]
    Coverage {
        /// Where in datapackage.json: `empreinte.indicators.<indicator>.phases`.
        key: String,
        /// What is wrong.
        message: String,
    },

    /// The dataset lacks a figure every dataset needs (a climate-change factor for every category,
    /// an electricity factor for the default zone).
    #[error("{message}")]
    Incomplete {
        /// What is missing.
        message: String,
    },

    /// A référentiel's table over a stated limit
    /// ([`crate::dataset::referential::MAX_TABLE_BYTES`], [`crate::dataset::referential::MAX_TABLE_ROWS`]).
    #[cfg(feature = "numecoeval")]
    #[error("{file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    TooLarge {
        /// The file name.
        file: String,
        /// The first row over the limit (`None`: the file's size).
        line: Option<u64>,
        /// The limit and what to do.
        message: String,
    },

    /// No embedded dataset has this id.
    #[error("unknown dataset `{id}`; embedded datasets: {known}")]
    UnknownDataset {
        /// The id asked for.
        id: String,
        /// The ids of the embedded datasets.
        known: String,
    },
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
            #[cfg(feature = "numecoeval")]
            DatasetError::TooLarge { .. } => "dataset_too_large",
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
            #[cfg(feature = "numecoeval")]
            DatasetError::TooLarge { file, .. } => Some(file),
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
            #[cfg(feature = "numecoeval")]
            DatasetError::TooLarge { line, .. } => *line,
            _ => None,
        }
    }
}
