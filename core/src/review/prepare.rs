//! From an evaluated inventory (or estate) to everything the review shows: the standard levers
//! quantified on its lines (and the hosting and services levers of an estate), last year's
//! report and the change split, and the trajectory at today's practice. One definition for the
//! CLI's `report`, Python's `review` and the browser; front ends read files and render.

use super::{LeftOut, Lever, ReviewInput};
use crate::dataset::Dataset;
use crate::indicator::Lang;
use crate::inventory::{EquipmentLine, RejectedRow, RowError};
use crate::options::EvaluationOptions;
use crate::report::Report;
use crate::scenario::ScenarioError;
use crate::trajectory::{Baseline, TrajectoryError, TrajectorySeries};

/// Last year's inventory, read by the front end.
#[derive(Debug, Clone, Copy)]
pub struct PreviousInventory<'a> {
    /// Its lines, numbered as in its file.
    pub lines: &'a [(u64, EquipmentLine)],
    /// Its rows rejected on reading.
    pub rejected: &'a [RejectedRow],
    /// Its year (default: the reporting year − 1).
    pub year: Option<i32>,
}

/// How the review is prepared; every field has a default.
#[derive(Debug, Clone, Default)]
pub struct ReviewOptions {
    /// Last year of the trajectory (default: the reporting year +
    /// [`crate::defaults::REVIEW_OUTLOOK_YEARS`]).
    pub horizon: Option<i32>,
    /// How the trajectory renews devices (default: the inventory's practice).
    pub baseline: Baseline,
    /// Language of the levers' texts.
    pub lang: Lang,
}

/// Everything the review shows beside the report.
#[derive(Debug, Clone)]
pub struct PreparedReview {
    /// This year's report, with the change since last year when last year's inventory was given.
    pub report: Report,
    /// Last year's report.
    pub previous: Option<Report>,
    /// The trajectory at today's practice.
    pub trajectory: Vec<TrajectorySeries>,
    /// The levers, each quantified.
    pub levers: Vec<Lever>,
}

impl PreparedReview {
    /// The review's input, with the items left out (GLPI) and the body's name.
    pub fn input<'a>(
        &'a self,
        left_out: &'a [LeftOut],
        commune: Option<&'a str>,
        lang: Lang,
    ) -> ReviewInput<'a> {
        ReviewInput {
            report: &self.report,
            previous: self.previous.as_ref(),
            trajectory: Some(&self.trajectory),
            levers: &self.levers,
            left_out,
            commune,
            lang,
        }
    }
}

/// Why a review could not be prepared.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PrepareError {
    /// A lever's scenario failed.
    #[error("levers: {0}")]
    Levers(ScenarioError),
    /// Last year's inventory could not be evaluated.
    #[error("last year's inventory: {0}")]
    Previous(RowError),
    /// The trajectory failed (a horizon before the year, a bad baseline).
    #[error("trajectory: {0}")]
    Trajectory(TrajectoryError),
    /// An estate's hosting or services lever failed.
    #[cfg(feature = "estate")]
    #[error("levers: {0}")]
    Estate(crate::estate::EstateError),
    /// Something the review does not do yet.
    #[error("{0}")]
    Unsupported(&'static str),
}

impl PrepareError {
    /// A stable, machine-readable code (the inner error's).
    pub fn code(&self) -> &'static str {
        match self {
            PrepareError::Levers(e) => e.code(),
            PrepareError::Previous(e) => e.code(),
            PrepareError::Trajectory(e) => e.code(),
            #[cfg(feature = "estate")]
            PrepareError::Estate(e) => e.code(),
            PrepareError::Unsupported(_) => "unsupported",
        }
    }
}

/// Evaluates last year's inventory with this year's options (for its year, default the year
/// before) and sets the split of the change (`report.year_over_year`); last year's report.
pub fn compare_with_previous(
    ds: &Dataset,
    report: &mut Report,
    previous: PreviousInventory<'_>,
) -> Result<Report, RowError> {
    let before = EvaluationOptions {
        reporting_year: previous
            .year
            .unwrap_or(report.options.reporting_year.saturating_sub(1)),
        keep_lines: false,
        monte_carlo: None,
        ..report.options.clone()
    };
    let last = crate::scenario::evaluate_numbered(ds, previous.lines, previous.rejected, &before)?;
    report.year_over_year = Some(crate::year_over_year(ds, report, &last, previous.lines)?);
    Ok(last)
}

/// Prepares the review of `report`, evaluated from `lines` (an estate's fleet lines when
/// `estate` is given).
pub fn prepare(
    ds: &Dataset,
    report: Report,
    lines: &[(u64, EquipmentLine)],
    previous: Option<PreviousInventory<'_>>,
    #[cfg(feature = "estate")] estate: Option<&crate::estate::Estate>,
    options: &ReviewOptions,
) -> Result<PreparedReview, PrepareError> {
    let mut report = report;
    let evaluation = EvaluationOptions {
        keep_lines: false,
        monte_carlo: None,
        ..report.options.clone()
    };
    let year = evaluation.reporting_year;
    #[allow(unused_mut)]
    let mut levers = super::standard_levers(ds, lines, &evaluation, options.lang)
        .map_err(PrepareError::Levers)?;
    #[cfg(feature = "estate")]
    if let Some(e) = estate {
        if previous.is_some() {
            return Err(PrepareError::Unsupported(
                "the change since last year is split for inventories, not yet for estates: give last year's and this year's inventories",
            ));
        }
        levers.extend(
            super::estate_levers(ds, e, &report, options.lang).map_err(PrepareError::Estate)?,
        );
    }
    let previous = previous
        .map(|p| compare_with_previous(ds, &mut report, p))
        .transpose()
        .map_err(PrepareError::Previous)?;
    let horizon = options
        .horizon
        .unwrap_or(year.saturating_add(crate::defaults::REVIEW_OUTLOOK_YEARS));
    let trajectory = crate::trajectory(
        ds,
        lines,
        &[],
        year,
        horizon,
        &evaluation,
        &options.baseline,
    )
    .map_err(PrepareError::Trajectory)?;
    Ok(PreparedReview {
        report,
        previous,
        trajectory,
        levers,
    })
}
