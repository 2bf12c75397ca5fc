//! Errors of the hosting model.

/// A server or cloud instance could not be evaluated. Each variant carries the bad value, the
/// field it came from and what would be valid (with a "did you mean" suggestion where one exists).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HostingError {
    /// The dataset lacks a table (or a parameter, or the `server` category) the model needs.
    #[error("dataset `{dataset}` has no {table}: {needed_for} needs it (the boavizta-2.5 dataset has it)")]
    MissingTable {
        /// Id of the dataset (may be empty when a parameter is missing).
        dataset: String,
        /// What is missing.
        table: String,
        /// What needs it.
        needed_for: String,
    },

    /// A number outside the range the field accepts.
    #[error("{field}: {value} is out of range; expected {expected}")]
    OutOfRange {
        /// The input field (`cpu.units`, `pue`, `duration_hours`...).
        field: String,
        /// The value given.
        value: String,
        /// The accepted range.
        expected: String,
    },

    /// A PUE below 1 (or not a number).
    #[error("pue: {value} is below 1; a PUE is total facility energy / IT energy, so at least 1 (typical: 1.1 to 2.1)")]
    InvalidPue {
        /// The PUE given.
        value: f64,
    },

    /// No archetype of `hosting_servers.csv` has this id.
    #[error("unknown server archetype `{value}`{}", did_you_mean(suggestion))]
    UnknownServer {
        /// The id given.
        value: String,
        /// The closest archetype id, when one is close enough.
        suggestion: Option<String>,
    },

    /// No CPU of `hosting_cpus.csv` has this name.
    #[error(
        "unknown CPU `{value}`{}; give its die area (die_size_mm2) or cores instead",
        did_you_mean(suggestion)
    )]
    UnknownCpu {
        /// The name given.
        value: String,
        /// The closest CPU name, when one is close enough.
        suggestion: Option<String>,
    },

    /// The dataset has no instances of this cloud provider.
    #[error("unknown cloud provider `{value}`; known providers: {known}")]
    UnknownProvider {
        /// The provider given.
        value: String,
        /// The providers the dataset knows.
        known: String,
    },

    /// The provider has no instance type of this name.
    #[error(
        "unknown instance type `{value}` at {provider}{}",
        did_you_mean(suggestion)
    )]
    UnknownInstance {
        /// The provider.
        provider: String,
        /// The instance type given.
        value: String,
        /// The closest instance type, when one is close enough.
        suggestion: Option<String>,
    },

    /// The provider has no region of this name.
    #[error("unknown region `{value}` at {provider}{}", did_you_mean(suggestion))]
    UnknownRegion {
        /// The provider.
        provider: String,
        /// The region given.
        value: String,
        /// The closest region, when one is close enough.
        suggestion: Option<String>,
    },

    /// The location matches no zone of the dataset.
    #[error("unknown location `{value}`{}", did_you_mean(suggestion))]
    UnknownLocation {
        /// The location given.
        value: String,
        /// The closest zone, when one is close enough.
        suggestion: Option<String>,
    },

    /// The site matches no site of `hosting_sites.csv`.
    #[error(
        "unknown site `{value}`{}; known sites: {known}",
        did_you_mean(suggestion)
    )]
    UnknownSite {
        /// The site given.
        value: String,
        /// The closest site id, when one is close enough.
        suggestion: Option<String>,
        /// The site ids the dataset knows.
        known: String,
    },

    /// A configuration the model does not cover (GPUs, a platform whose CPU threads are unknown).
    #[error("{what} is not supported: {reason}")]
    Unsupported {
        /// What was asked for.
        what: String,
        /// Why it cannot be evaluated.
        reason: String,
    },

    /// The dataset has no climate-change electricity factor for the zone.
    #[error("dataset `{dataset}` has no electricity factor for zone `{zone}`")]
    NoElectricity {
        /// Id of the dataset.
        dataset: String,
        /// Code of the zone.
        zone: String,
    },

    /// The same quantity given twice in different units.
    #[error("{} and {} are both given: give one of them", fields.0, fields.1)]
    Conflict {
        /// The two fields given (`duration_hours`, `duration_years`).
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
