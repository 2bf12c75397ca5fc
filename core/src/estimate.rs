//! Values with a range, and "not available" kept apart from zero.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// A value with its low and high bounds (`low <= central <= high` for non-negative inputs).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, serde::Deserialize)]
pub struct Range {
    /// Low bound.
    pub low: f64,
    /// Central value.
    pub central: f64,
    /// High bound.
    pub high: f64,
}

impl Range {
    /// Zero, without spread.
    pub const ZERO: Range = Range {
        low: 0.0,
        central: 0.0,
        high: 0.0,
    };

    /// A range from its three values (not reordered).
    pub fn new(low: f64, central: f64, high: f64) -> Range {
        Range { low, central, high }
    }

    /// A range with no spread.
    pub fn exact(value: f64) -> Range {
        Range::new(value, value, value)
    }

    /// Multiplies every bound by a non-negative scalar.
    pub fn scale(self, k: f64) -> Range {
        Range::new(self.low * k, self.central * k, self.high * k)
    }
}

/// Adds bound by bound.
impl std::ops::Add for Range {
    type Output = Range;
    fn add(self, other: Range) -> Range {
        Range::new(
            self.low + other.low,
            self.central + other.central,
            self.high + other.high,
        )
    }
}

/// An aggregated figure: the sum of the contributions that had a factor, and how many lacked one.
///
/// `n_available == 0 && n_missing > 0` is "not available"; both non-zero is "partial": the
/// sum covers only part of the inventory and says so. Contributions whose figure for this phase
/// is inside their manufacturing figure (a lumped embodied figure) are counted apart
/// (`n_included`): known, not missing, and not available separately.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Estimate {
    /// Sum of the available contributions, bound by bound.
    pub range: Range,
    /// Contributions that had a figure.
    pub n_available: u64,
    /// Contributions without a figure (not available).
    pub n_missing: u64,
    /// Contributions included in their manufacturing figure (the source gives one lump).
    pub n_included: u64,
    /// What the figure is when the dataset does not cover every phase of its indicator.
    pub scope: Scope,
}

/// What a total holds when the dataset does not cover every phase of its indicator
/// (`Dataset::covers_all_phases`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The figure is what it sums (every phase of a covered indicator, or one phase).
    #[default]
    AsSummed,
    /// The use phase alone, given on request for an indicator whose manufacturing the dataset
    /// does not cover (`EvaluationOptions::use_phase_only_indicators`).
    UsePhaseOnly,
    /// A total of an indicator the dataset does not cover in every phase: not available.
    NotCovered,
}

/// Whether an [`Estimate`] covers everything it sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Every contribution had a factor (or there was nothing to sum).
    Available,
    /// Some contributions had no factor: the value is a lower bound of the true figure.
    Partial,
    /// No contribution had a factor, or the dataset does not cover every phase of the
    /// indicator (a total).
    NotAvailable,
    /// Every contribution's figure for this phase is included in its manufacturing figure
    /// (the source gives one lump): known, counted there, not available separately.
    IncludedInManufacturing,
    /// The use phase alone, asked for (`use_phase_only_indicators`), of an indicator whose
    /// manufacturing the dataset does not cover: not a whole-life figure.
    UsePhaseOnly,
}

impl Availability {
    /// Stable id, as in JSON and CSV (`available`, `partial`, `not_available`,
    /// `included_in_manufacturing`, `use_phase_only`).
    pub fn id(self) -> &'static str {
        match self {
            Availability::Available => "available",
            Availability::Partial => "partial",
            Availability::NotAvailable => "not_available",
            Availability::IncludedInManufacturing => "included_in_manufacturing",
            Availability::UsePhaseOnly => "use_phase_only",
        }
    }
}

impl Estimate {
    /// Adds one contribution; `None` means the dataset has no factor for it.
    #[inline]
    pub fn push(&mut self, value: Option<Range>) {
        match value {
            Some(r) => {
                self.range = self.range + r;
                self.n_available += 1;
            }
            None => self.n_missing += 1,
        }
    }

    /// Merges another aggregate into this one.
    pub fn merge(&mut self, other: &Estimate) {
        self.range = self.range + other.range;
        self.n_available += other.n_available;
        self.n_missing += other.n_missing;
        self.n_included += other.n_included;
        if other.scope != Scope::AsSummed {
            self.scope = other.scope;
        }
    }

    /// Whether the figure is available, partial, not available, included in manufacturing, or the
    /// use phase alone.
    pub fn availability(&self) -> Availability {
        let summed = match (self.n_available, self.n_missing, self.n_included) {
            (0, 0, k) if k > 0 => Availability::IncludedInManufacturing,
            (_, 0, _) => Availability::Available,
            (0, _, _) => Availability::NotAvailable,
            _ => Availability::Partial,
        };
        match (self.scope, summed) {
            (Scope::NotCovered, _) | (_, Availability::NotAvailable) => Availability::NotAvailable,
            (Scope::UsePhaseOnly, _) => Availability::UsePhaseOnly,
            (Scope::AsSummed, a) => a,
        }
    }

    /// The range, or `None` when not available (or included in manufacturing).
    pub fn value(&self) -> Option<Range> {
        match self.availability() {
            Availability::NotAvailable | Availability::IncludedInManufacturing => None,
            _ => Some(self.range),
        }
    }

    /// The central value, or `None` when not available.
    pub fn central(&self) -> Option<f64> {
        self.value().map(|r| r.central)
    }

    /// Divides the value (e.g. per inhabitant), keeping availability.
    pub fn per(&self, divisor: f64) -> Estimate {
        Estimate {
            range: self.range.scale(1.0 / divisor),
            ..*self
        }
    }

    /// `after − before`, figure by figure (bounds assume both draw the same factors: low − low,
    /// high − high): not available where either side is not; a total not covered on either
    /// side is not covered.
    pub fn change(before: &Estimate, after: &Estimate) -> Estimate {
        let (e0, e1) = (before, after);
        let lo = e1.range.low - e0.range.low;
        let hi = e1.range.high - e0.range.high;
        let mid = e1.range.central - e0.range.central;
        let scope = if e0.scope == Scope::NotCovered || e1.scope == Scope::NotCovered {
            Scope::NotCovered
        } else {
            e0.scope.max_by(e1.scope)
        };
        Estimate {
            range: Range::new(lo.min(mid).min(hi), mid, hi.max(mid).max(lo)),
            n_available: e0.n_available.min(e1.n_available),
            n_missing: e0.n_missing.max(e1.n_missing),
            n_included: e0.n_included.max(e1.n_included),
            scope,
        }
    }
}

impl Scope {
    fn max_by(self, other: Scope) -> Scope {
        if self == Scope::AsSummed {
            other
        } else {
            self
        }
    }
}

impl Serialize for Estimate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let availability = self.availability();
        let mut st = s.serialize_struct("Estimate", 7)?;
        st.serialize_field("status", &availability)?;
        if let Some(r) = self.value() {
            st.serialize_field("low", &r.low)?;
            st.serialize_field("central", &r.central)?;
            st.serialize_field("high", &r.high)?;
        } else {
            st.skip_field("low")?;
            st.skip_field("central")?;
            st.skip_field("high")?;
        }
        if self.n_missing > 0 {
            st.serialize_field("missing_contributions", &self.n_missing)?;
        } else {
            st.skip_field("missing_contributions")?;
        }
        if self.n_included > 0 {
            st.serialize_field("included_contributions", &self.n_included)?;
        } else {
            st.skip_field("included_contributions")?;
        }
        if self.scope == Scope::NotCovered {
            st.serialize_field("not_covered", &true)?;
        } else {
            st.skip_field("not_covered")?;
        }
        st.end()
    }
}
