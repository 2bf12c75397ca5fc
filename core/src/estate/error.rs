//! Errors of an estate: where (file, line, key path) and what would be valid.

use crate::hosting::HostingError;
use crate::services::ServiceError;

/// An estate that cannot be evaluated as written. Nothing is half-evaluated: the first error
/// stops the evaluation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EstateError {
    /// Not valid TOML or JSON, an unknown key, a value of the wrong type.
    #[error("{file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Syntax {
        /// The description's name.
        file: String,
        /// Its line, when the parser knows it.
        line: Option<u64>,
        /// What the parser says (the unknown key and the keys allowed, the type expected).
        message: String,
    },

    /// Larger than the stated limits.
    #[error("{file}: too large: {what}")]
    TooLarge {
        /// The description's name.
        file: String,
        /// What is too large, and the limit.
        what: String,
    },

    /// An entry that is valid TOML but not a valid estate entry.
    #[error("{path}: {message}")]
    Invalid {
        /// The key path of the entry (`services[2]`).
        path: String,
        /// What is wrong and what would be valid.
        message: String,
    },

    /// A file the estate names could not be read.
    #[error("{path}: cannot read `{file}`: {message}")]
    File {
        /// The key path of the entry naming the file (`fleet[0]`).
        path: String,
        /// The file as the estate names it.
        file: String,
        /// The reason (not found, not readable).
        message: String,
    },

    /// A fleet source that cannot be read at all (not an inventory, bad mapping...).
    #[error("{path} (`{file}`): {message} [{code}]")]
    Fleet {
        /// The key path of the source (`fleet[0]`, `fleet[0].mapping`).
        path: String,
        /// The file as the estate names it.
        file: String,
        /// The reader's error code (`inventory_*`, `glpi_*`).
        code: &'static str,
        /// The reader's message.
        message: String,
    },

    /// A file in another inventory format (NumEcoEval / G4IT) that cannot be read as one: not
    /// text, a mandatory column missing, two files of one kind.
    #[error("{file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Format {
        /// The file, as given.
        file: String,
        /// Its line, when one is at fault (the header is line 1).
        line: Option<u64>,
        /// The column at fault, as the format names it.
        field: Option<String>,
        /// A stable code (`numecoeval_missing_column`...).
        code: &'static str,
        /// What is wrong and what would be valid.
        message: String,
    },

    /// A server room, server or cloud entry the hosting model refuses.
    #[error("{path}: {error}")]
    Hosting {
        /// The key path of the entry (`rooms[0].servers[1]`, `cloud[0]`).
        path: String,
        /// The hosting model's error (its code and field).
        error: HostingError,
    },

    /// A service entry the service models refuse.
    #[error("{path}: {error}")]
    Service {
        /// The key path of the entry (`services[3]`).
        path: String,
        /// The service model's error (its code and field).
        error: ServiceError,
    },
}

impl EstateError {
    pub(crate) fn invalid(path: &str, message: String) -> EstateError {
        EstateError::Invalid {
            path: path.to_string(),
            message,
        }
    }

    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            EstateError::Syntax { .. } => "estate_syntax",
            EstateError::TooLarge { .. } => "estate_too_large",
            EstateError::Invalid { .. } => "estate_invalid",
            EstateError::File { .. } => "estate_missing_file",
            EstateError::Fleet { code, .. } | EstateError::Format { code, .. } => code,
            EstateError::Hosting { error, .. } => error.code(),
            EstateError::Service { error, .. } => error.code(),
        }
    }

    /// The entry at fault, as a key path (`rooms[0].servers[1]`), when there is one.
    pub fn key_path(&self) -> Option<&str> {
        match self {
            EstateError::Invalid { path, .. }
            | EstateError::File { path, .. }
            | EstateError::Fleet { path, .. }
            | EstateError::Hosting { path, .. }
            | EstateError::Service { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The field at fault inside the entry, when the model names one.
    pub fn field(&self) -> Option<&str> {
        match self {
            EstateError::Hosting { error, .. } => error.field(),
            EstateError::Service { error, .. } => error.field(),
            EstateError::Format { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The line at fault: the description's (TOML or JSON syntax errors), or a NumEcoEval
    /// file's.
    pub fn line(&self) -> Option<u64> {
        match self {
            EstateError::Syntax { line, .. } | EstateError::Format { line, .. } => *line,
            _ => None,
        }
    }

    /// The file at fault: the description, or a file it names.
    pub fn file(&self) -> Option<&str> {
        match self {
            EstateError::Syntax { file, .. }
            | EstateError::TooLarge { file, .. }
            | EstateError::File { file, .. }
            | EstateError::Fleet { file, .. }
            | EstateError::Format { file, .. } => Some(file),
            _ => None,
        }
    }
}
