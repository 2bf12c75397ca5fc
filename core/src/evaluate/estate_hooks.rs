//! What an estate evaluation (and a NumEcoEval inventory, read as one) asks of an evaluation in
//! progress beyond adding lines: the rows so far, rows of other files, figures outside the
//! fleet for the Monte Carlo draws.

use super::Evaluation;
#[cfg(feature = "numecoeval")]
use crate::fleet::LineFootprint;
use crate::inventory::RejectedRow;
#[cfg(feature = "numecoeval")]
use crate::inventory::RowError;
use crate::report::Counts;

impl Evaluation<'_> {
    /// The rows rejected so far (an estate names each one's file).
    pub(crate) fn rejected(&self) -> &[RejectedRow] {
        &self.rejected
    }

    /// Rows read, evaluated and rejected so far.
    pub(crate) fn counts(&self) -> Counts {
        self.counts
    }

    /// A row of another file read and accepted without being a fleet line (a data centre, a
    /// virtual machine, an application of a NumEcoEval inventory): counted, so that rows read
    /// = evaluated + rejected covers every row of every file.
    #[cfg(feature = "numecoeval")]
    pub(crate) fn count_row(&mut self) {
        self.counts.rows_read += 1;
        self.counts.rows_evaluated += 1;
    }

    /// Computes every added line's footprint (otherwise only the strata's scalars are added),
    /// for [`Evaluation::last_footprint`].
    #[cfg(feature = "numecoeval")]
    pub(crate) fn compute_footprints(&mut self) {
        self.footprints = true;
    }

    /// The footprint of the line [`Evaluation::add`] evaluated last (when it succeeded and
    /// [`Evaluation::compute_footprints`] was asked).
    #[cfg(feature = "numecoeval")]
    pub(crate) fn last_footprint(&self) -> &LineFootprint {
        &self.scratch
    }

    /// Rewrites the error of the row rejected last (a reader in another format names its own
    /// column).
    #[cfg(feature = "numecoeval")]
    pub(crate) fn relabel_last_rejected(&mut self, f: impl FnOnce(RowError) -> RowError) {
        if let Some(row) = self.rejected.last_mut() {
            let placeholder = RowError::Missing {
                field: crate::inventory::Field::Category,
            };
            let error = std::mem::replace(&mut row.error, placeholder);
            row.error = f(error);
        }
    }

    /// A figure outside the fleet (an estate's hosting or service) for the Monte Carlo draws
    /// of the totals: drawn on its own range, independently. Without Monte Carlo, nothing.
    pub(crate) fn add_independent(
        &mut self,
        indicator: crate::Indicator,
        phase: crate::Phase,
        range: crate::Range,
    ) {
        if let Some(mc) = &mut self.monte_carlo {
            mc.add_independent(indicator, phase, range);
        }
    }
}
