//! Values with a range, and "not available" kept apart from zero.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// A value with its low and high bounds (`low <= central <= high` for non-negative inputs).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, serde::Deserialize)]
pub struct Range {
    pub low: f64,
    pub central: f64,
    pub high: f64,
}

impl Range {
    pub const ZERO: Range = Range {
        low: 0.0,
        central: 0.0,
        high: 0.0,
    };

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
/// sum covers only part of the inventory and says so.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Estimate {
    pub range: Range,
    pub n_available: u64,
    pub n_missing: u64,
}

/// Whether an [`Estimate`] covers everything it sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Every contribution had a factor (or there was nothing to sum).
    Available,
    /// Some contributions had no factor: the value is a lower bound of the true figure.
    Partial,
    /// No contribution had a factor.
    NotAvailable,
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
    }

    pub fn availability(&self) -> Availability {
        match (self.n_available, self.n_missing) {
            (_, 0) => Availability::Available,
            (0, _) => Availability::NotAvailable,
            _ => Availability::Partial,
        }
    }

    /// The range, or `None` when not available.
    pub fn value(&self) -> Option<Range> {
        match self.availability() {
            Availability::NotAvailable => None,
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
}

impl Serialize for Estimate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let availability = self.availability();
        let mut st = s.serialize_struct("Estimate", 5)?;
        st.serialize_field("status", &availability)?;
        if availability == Availability::NotAvailable {
            st.skip_field("low")?;
            st.skip_field("central")?;
            st.skip_field("high")?;
        } else {
            st.serialize_field("low", &self.range.low)?;
            st.serialize_field("central", &self.range.central)?;
            st.serialize_field("high", &self.range.high)?;
        }
        if availability == Availability::Available {
            st.skip_field("missing_contributions")?;
        } else {
            st.serialize_field("missing_contributions", &self.n_missing)?;
        }
        st.end()
    }
}
