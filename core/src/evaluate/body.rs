//! One body of a many-bodies pass (`crate::bodies`): the lines added since the last body, closed
//! into their counts and totals while the evaluation keeps what it learned (classifications,
//! factor kernels, rows remembered by their text) for the next body.

use super::Evaluation;
use crate::inventory::RejectedRow;
use crate::report::{Counts, GroupFootprint};

impl Evaluation<'_> {
    /// The lines added since the last body: their counts, their totals (as
    /// [`Evaluation::finish`] gives them) and their rejected rows; the evaluation then starts
    /// the next body.
    pub(crate) fn close_body(&mut self) -> (Counts, GroupFootprint, Vec<RejectedRow>) {
        let mut totals = GroupFootprint::new(None, self.ds.indicators());
        for s in &self.strata.items {
            s.impacts(&self.kernels[s.kernel]).merge_into(&mut totals);
        }
        totals.impacts.apply_scopes(self.scopes);
        totals.devices = self.counts.devices;
        self.strata.clear();
        let counts = std::mem::take(&mut self.counts);
        (counts, totals, std::mem::take(&mut self.rejected))
    }
}
