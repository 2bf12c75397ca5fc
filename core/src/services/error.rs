//! Errors of the service models.

/// Bad input to a service model. Each variant carries the bad value, the field and what would
/// be valid; [`ServiceError::code`] is stable for bindings and tests.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ServiceError {
    /// A number missing (NaN), not finite or out of range.
    #[error("`{field}`: invalid value {value}; expected {expected}")]
    InvalidNumber {
        /// The input field.
        field: &'static str,
        /// The value given.
        value: f64,
        /// The accepted range.
        expected: String,
    },

    /// A country or grid region with no Ember intensity.
    #[error("unknown country or grid `{value}`{}; give an ISO 3166 code (FRA, FR), a region Ember publishes (WORLD, EU) or a number of gCO2e/kWh", hint(.suggestion))]
    UnknownCountry {
        /// The country as given.
        value: String,
        /// The closest Ember key or zone, when one is close enough.
        suggestion: Option<String>,
    },

    /// The dataset's network table has no network of this id.
    #[error("unknown network `{value}`{}; known: {known}", hint(.suggestion))]
    UnknownNetwork {
        /// The network as given.
        value: String,
        /// The networks of the dataset.
        known: String,
        /// The closest network id, when one is close enough.
        suggestion: Option<String>,
    },

    /// A choice not in its list (a terminal, a region, a video quality, a web model).
    #[error("unknown {kind} `{value}`{}; known: {known}", hint(.suggestion))]
    UnknownChoice {
        /// What was chosen (`terminal`, `region`, `quality`, `model`).
        kind: &'static str,
        /// The choice as given.
        value: String,
        /// The valid choices.
        known: String,
        /// The closest valid choice, when one is close enough.
        suggestion: Option<String>,
    },

    /// An option the model does not have (e.g. OneByte per visit).
    #[error("{model} does not support {option}: {reason}")]
    UnsupportedOption {
        /// The model.
        model: &'static str,
        /// The option.
        option: &'static str,
        /// Why the model does not have it.
        reason: &'static str,
    },

    /// The dataset lacks a table the model needs (`network.csv`).
    #[error("dataset `{dataset}` has no {table}; use a dataset that carries one (the embedded default, ademe-negaoctet-2022, does)")]
    MissingTable {
        /// Id of the dataset.
        dataset: String,
        /// The table missing.
        table: &'static str,
    },

    /// The dataset lacks a factor the model needs (an electricity factor, a network's
    /// climate-change factor).
    #[error("dataset `{dataset}` has no {what}")]
    MissingFactor {
        /// Id of the dataset.
        dataset: String,
        /// The factor missing.
        what: String,
    },

    /// A parameter of another service (e.g. `minutes` for an e-mail, `dom_elements` for SWD).
    #[error("`{field}` does not apply to {service}")]
    NotApplicable {
        /// The service.
        service: &'static str,
        /// The field that does not apply.
        field: &'static str,
    },

    /// Not a service of ADEME's per-use model.
    #[error("unknown service `{value}`{}; known: email, visio, streaming, web_search, file_transfer", hint(.suggestion))]
    UnknownService {
        /// The service as given.
        value: String,
        /// The closest service, when one is close enough.
        suggestion: Option<String>,
    },

    /// A method with one end-to-end figure (EcoIndex) was asked to leave the terminals out.
    #[error("{method} gives one end-to-end figure and cannot leave the terminals out; use an SWD model or ADEME's per-use services when the fleet is already counted")]
    CannotExcludeTerminals {
        /// The method.
        method: &'static str,
    },

    /// The same quantity given twice in different units (`hours_per_use` and `minutes_per_use`).
    #[error("`{}` and `{}` are both given: give one of them", fields.0, fields.1)]
    Conflict {
        /// The two fields given.
        fields: (&'static str, &'static str),
    },
}

fn hint(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    }
}

impl ServiceError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ServiceError::InvalidNumber { .. } => "service_invalid_number",
            ServiceError::UnknownCountry { .. } => "unknown_country",
            ServiceError::UnknownNetwork { .. } => "unknown_network",
            ServiceError::UnknownChoice { .. } => "unknown_choice",
            ServiceError::UnsupportedOption { .. } => "unsupported_option",
            ServiceError::MissingTable { .. } => "dataset_missing_table",
            ServiceError::MissingFactor { .. } => "dataset_missing_factor",
            ServiceError::CannotExcludeTerminals { .. } => "cannot_exclude_terminals",
            // The code a binding gave before the check moved to the core (a shape error).
            ServiceError::NotApplicable { .. } => "invalid_input",
            ServiceError::UnknownService { .. } => "unknown_service",
            ServiceError::Conflict { .. } => "conflicting_fields",
        }
    }

    /// The closest valid value, when there is one.
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            ServiceError::UnknownCountry { suggestion, .. }
            | ServiceError::UnknownNetwork { suggestion, .. }
            | ServiceError::UnknownChoice { suggestion, .. }
            | ServiceError::UnknownService { suggestion, .. } => suggestion.as_deref(),
            _ => None,
        }
    }

    /// The input field at fault, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            ServiceError::InvalidNumber { field, .. } => Some(field),
            ServiceError::UnknownCountry { .. } => Some("country"),
            ServiceError::UnknownNetwork { .. } => Some("network"),
            ServiceError::UnknownChoice { kind, .. } => Some(kind),
            ServiceError::UnsupportedOption { option, .. } => Some(option),
            ServiceError::NotApplicable { field, .. } => Some(field),
            ServiceError::UnknownService { .. } => Some("kind"),
            ServiceError::Conflict { fields } => Some(fields.1),
            _ => None,
        }
    }
}
