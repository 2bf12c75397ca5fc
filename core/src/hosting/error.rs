//! Errors of the hosting model.

/// A server or cloud instance could not be evaluated. Each variant carries the bad value, the
/// field it came from and what would be valid (with a "did you mean" suggestion where one exists).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HostingError {
    #[error("dataset `{dataset}` has no {table}: {needed_for} needs it (the boavizta-2.5 dataset has it)")]
    MissingTable {
        dataset: String,
        table: String,
        needed_for: String,
    },

    #[error("{field}: {value} is out of range; expected {expected}")]
    OutOfRange {
        field: String,
        value: String,
        expected: String,
    },

    #[error("pue: {value} is below 1; a PUE is total facility energy / IT energy, so at least 1 (typical: 1.1 to 2.1)")]
    InvalidPue { value: f64 },

    #[error("unknown server archetype `{value}`{}", did_you_mean(suggestion))]
    UnknownServer {
        value: String,
        suggestion: Option<String>,
    },

    #[error(
        "unknown CPU `{value}`{}; give its die area (die_size_mm2) or cores instead",
        did_you_mean(suggestion)
    )]
    UnknownCpu {
        value: String,
        suggestion: Option<String>,
    },

    #[error("unknown cloud provider `{value}`; known providers: {known}")]
    UnknownProvider { value: String, known: String },

    #[error(
        "unknown instance type `{value}` at {provider}{}",
        did_you_mean(suggestion)
    )]
    UnknownInstance {
        provider: String,
        value: String,
        suggestion: Option<String>,
    },

    #[error("unknown region `{value}` at {provider}{}", did_you_mean(suggestion))]
    UnknownRegion {
        provider: String,
        value: String,
        suggestion: Option<String>,
    },

    #[error("unknown location `{value}`{}", did_you_mean(suggestion))]
    UnknownLocation {
        value: String,
        suggestion: Option<String>,
    },

    #[error(
        "unknown site `{value}`{}; known sites: {known}",
        did_you_mean(suggestion)
    )]
    UnknownSite {
        value: String,
        suggestion: Option<String>,
        known: String,
    },

    #[error("{what} is not supported: {reason}")]
    Unsupported { what: String, reason: String },

    #[error("dataset `{dataset}` has no electricity factor for zone `{zone}`")]
    NoElectricity { dataset: String, zone: String },

    #[error("{} and {} are both given: give one of them", fields.0, fields.1)]
    Conflict {
        fields: (&'static str, &'static str),
    },
}

fn did_you_mean(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    }
}

impl HostingError {
    /// A stable, machine-readable code for bindings and tests.
    pub fn code(&self) -> &'static str {
        match self {
            HostingError::MissingTable { .. } => "hosting_missing_table",
            HostingError::OutOfRange { .. } => "hosting_out_of_range",
            HostingError::InvalidPue { .. } => "hosting_invalid_pue",
            HostingError::UnknownServer { .. } => "hosting_unknown_server",
            HostingError::UnknownCpu { .. } => "hosting_unknown_cpu",
            HostingError::UnknownProvider { .. } => "hosting_unknown_provider",
            HostingError::UnknownInstance { .. } => "hosting_unknown_instance",
            HostingError::UnknownRegion { .. } => "hosting_unknown_region",
            HostingError::UnknownLocation { .. } => "hosting_unknown_location",
            HostingError::UnknownSite { .. } => "hosting_unknown_site",
            HostingError::Unsupported { .. } => "hosting_unsupported",
            HostingError::NoElectricity { .. } => "hosting_no_electricity",
            HostingError::Conflict { .. } => "hosting_conflicting_fields",
        }
    }

    /// The input field at fault, when there is one (`pue` for an invalid PUE).
    pub fn field(&self) -> Option<&str> {
        match self {
            HostingError::OutOfRange { field, .. } => Some(field),
            HostingError::InvalidPue { .. } => Some("pue"),
            HostingError::Conflict { fields } => Some(fields.1),
            _ => None,
        }
    }

    /// The suggestion of a "did you mean" error, if any.
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            HostingError::UnknownServer { suggestion, .. }
            | HostingError::UnknownCpu { suggestion, .. }
            | HostingError::UnknownInstance { suggestion, .. }
            | HostingError::UnknownRegion { suggestion, .. }
            | HostingError::UnknownLocation { suggestion, .. }
            | HostingError::UnknownSite { suggestion, .. } => suggestion.as_deref(),
            _ => None,
        }
    }
}

/// The closest candidate to `value` (Jaro-Winkler on lower-case text), when close enough.
pub(crate) fn closest<'a>(
    value: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<String> {
    let v = value.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let mut score = strsim::jaro_winkler(&v, &c.to_lowercase());
        if c.to_lowercase().contains(&v) && !v.is_empty() {
            score = score.max(0.85);
        }
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.filter(|(s, _)| *s >= 0.75).map(|(_, c)| c.to_string())
}
