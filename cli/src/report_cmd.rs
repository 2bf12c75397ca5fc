//! `empreinte report INVENTORY [--previous INVENTORY] --format html|md`: the yearly review.

use crate::{AnnualisationArg, LangArg};
use empreinte::review::{render, LeftOut, ReviewFormat, ReviewInput};
use empreinte::{Annualisation, Dataset, EquipmentLine, EvaluationOptions, Report};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// This year's inventory: CSV or JSON, a GLPI agent inventory or CSV export, or a folder of GLPI files.
    inventory: PathBuf,
    /// Last year's inventory, for the change since then (evaluated for the year before),
    /// split into what the fleet, its age and the reference did.
    #[arg(long)]
    previous: Option<PathBuf>,
    /// The year of `--previous` (default: the year before `--year`).
    #[arg(long, requires = "previous")]
    previous_year: Option<i32>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    format: ReportFormat,
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    lang: LangArg,
    /// Reporting year.
    #[arg(long, default_value_t = empreinte::defaults::REPORTING_YEAR)]
    year: i32,
    #[arg(long)]
    inhabitants: Option<f64>,
    #[arg(long)]
    agents: Option<f64>,
    #[arg(long)]
    pupils: Option<f64>,
    /// Name of the commune or body, for the title.
    #[arg(long)]
    commune: Option<String>,
    /// Last year of the trajectory at today's practice (default: the reporting year + 5).
    #[arg(long)]
    horizon: Option<i32>,
    /// How the trajectory renews devices: `practice`, `dataset-lifetime`, or lifetimes by class
    /// (`laptop=7,desktop=8`), as `empreinte trajectory --baseline`.
    #[arg(long, default_value = "practice")]
    baseline: String,
    /// Embedded dataset id, or a folder holding a dataset (default: the estate's, else
    /// ademe-negaoctet-2022).
    #[arg(long)]
    dataset: Option<String>,
    #[arg(long, value_enum, default_value_t = AnnualisationArg::Physical)]
    annualisation: AnnualisationArg,
    /// A GLPI mapping CSV (model or type → category), for GLPI input.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// For an indicator whose manufacturing the dataset does not cover, give the use phase alone
    /// as its total, labelled so, instead of "not available".
    #[arg(long)]
    use_phase_only_indicators: bool,
    /// Write the document here (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum ReportFormat {
    Html,
    Md,
}

/// The report, the items left out, and the lines (for the levers' scenarios).
pub(crate) type Evaluated = (Report, Vec<LeftOut>, Vec<(u64, EquipmentLine)>);

fn evaluate(
    ds: &Dataset,
    path: &Path,
    options: &EvaluationOptions,
    mapping: Option<&Path>,
) -> Result<Evaluated, String> {
    let name = path.display().to_string();
    let fail = |e: empreinte::EvaluateError| format!("{name}: {e} [{}]", e.code());
    if let Some((report, left_out, lines)) =
        crate::glpi_cmd::evaluate_if_glpi(ds, path, options, mapping).map_err(fail)?
    {
        return Ok((report, left_out, lines));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    let inventory =
        empreinte::read_inventory(bytes).map_err(|e| format!("{name}: {e} [{}]", e.code()))?;
    let report =
        empreinte::scenario::evaluate_numbered(ds, &inventory.lines, &inventory.rejected, options)
            .map_err(|e| format!("{name}: {e} [{}]", e.code()))?;
    Ok((report, Vec::new(), inventory.lines))
}

/// Evaluates last year's inventory for `previous_year` with this year's options, and sets the
/// split of the change (`report.year_over_year`). Returns last year's report.
pub(crate) fn compare_with_previous(
    ds: &Dataset,
    report: &mut Report,
    path: &Path,
    previous_year: i32,
    mapping: Option<&Path>,
) -> Result<Report, String> {
    let options = EvaluationOptions {
        reporting_year: previous_year,
        keep_lines: false,
        monte_carlo: None,
        ..report.options.clone()
    };
    let (previous, _, lines) = evaluate(ds, path, &options, mapping)?;
    report.year_over_year = Some(
        empreinte::year_over_year(ds, report, &previous, &lines)
            .map_err(|e| format!("{e} [{}]", e.code()))?,
    );
    Ok(previous)
}

pub fn run(args: &ReportArgs, out: &mut impl Write) -> Result<u8, String> {
    let estate = crate::estate_cmd::read_if_estate(&args.inventory)?;
    let ds = crate::load_dataset(
        args.dataset
            .as_deref()
            .or(estate.as_ref().and_then(|e| e.dataset.as_deref()))
            .unwrap_or(empreinte::defaults::DATASET),
    )?;
    let options = EvaluationOptions {
        reporting_year: args.year,
        annualisation: match args.annualisation {
            AnnualisationArg::Physical => Annualisation::PhysicalLifetime,
            AnnualisationArg::Accounting => Annualisation::Accounting {
                default_years: empreinte::DEFAULT_AMORTISATION_YEARS,
            },
            AnnualisationArg::None => Annualisation::None,
        },
        inhabitants: args.inhabitants,
        agents: args.agents,
        pupils: args.pupils,
        use_phase_only_indicators: args.use_phase_only_indicators,
        ..EvaluationOptions::new(args.year)
    };
    let (report, left_out, lines) = match &estate {
        Some(e) => {
            let (report, lines) =
                crate::estate_cmd::evaluate_with_lines(&ds, e, &args.inventory, &options)?;
            (report, Vec::new(), lines)
        }
        None => evaluate(&ds, &args.inventory, &options, args.mapping.as_deref())?,
    };
    // The estate's year and commune win over the options'.
    let options = EvaluationOptions {
        keep_lines: false,
        monte_carlo: None,
        ..report.options.clone()
    };
    let year = options.reporting_year;
    let mut levers = empreinte::review::standard_levers(&ds, &lines, &options, args.lang.into())
        .map_err(|e| format!("{e} [{}]", e.code()))?;
    if let Some(e) = &estate {
        levers.extend(
            empreinte::estate::estate_levers(&ds, e, &report, args.lang.into())
                .map_err(|e| format!("{e} [{}]", e.code()))?,
        );
        if args.previous.is_some() {
            return Err("--previous is not supported with an estate yet: the change since last year is split for inventories (give last year's and this year's inventories) [unsupported]".into());
        }
    }
    let mut report = report;
    let previous = match &args.previous {
        Some(p) => Some(compare_with_previous(
            &ds,
            &mut report,
            p,
            args.previous_year.unwrap_or(year.saturating_sub(1)),
            args.mapping.as_deref(),
        )?),
        None => None,
    };
    let baseline = crate::planning_cmd::parse_baseline(&args.baseline)?;
    let trajectory = empreinte::trajectory(
        &ds,
        &lines,
        &[],
        year,
        args.horizon
            .unwrap_or(year.saturating_add(empreinte::defaults::REVIEW_OUTLOOK_YEARS)),
        &options,
        &baseline,
    )
    .map_err(|e| format!("{e} [{}]", e.code()))?;
    let input = ReviewInput {
        report: &report,
        previous: previous.as_ref(),
        trajectory: Some(&trajectory),
        levers: &levers,
        left_out: &left_out,
        commune: args
            .commune
            .as_deref()
            .or(estate.as_ref().and_then(|e| e.commune.name.as_deref())),
        lang: args.lang.into(),
    };
    let doc = render(
        &input,
        match args.format {
            ReportFormat::Html => ReviewFormat::Html,
            ReportFormat::Md => ReviewFormat::Markdown,
        },
    );
    match &args.output {
        Some(p) => std::fs::write(p, doc).map_err(|e| format!("{}: {e}", p.display()))?,
        None => out
            .write_all(doc.as_bytes())
            .map_err(|e| format!("cannot write the output: {e}"))?,
    }
    Ok(if report.counts.rows_rejected > 0 {
        1
    } else {
        0
    })
}
