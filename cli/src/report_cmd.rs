//! `empreinte report INVENTORY [--previous INVENTORY] --format html|md`: the yearly review.

use crate::{AnnualisationArg, LangArg};
use empreinte::review::{render, LeftOut, ReviewFormat};
use empreinte::{Annualisation, Dataset, EquipmentLine, EvaluationOptions, Report};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// This year's inventory: CSV or JSON, a GLPI agent inventory or CSV export, a folder of GLPI
    /// files, an estate (.toml), or a folder of NumEcoEval / G4IT files.
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

/// Last year's inventory read: the rows rejected on reading, and the lines (the rows the
/// evaluation rejects are evaluated again for last year by the core).
type Previous = (Vec<empreinte::RejectedRow>, Vec<(u64, EquipmentLine)>);

fn read_previous(
    ds: &Dataset,
    path: &Path,
    options: &EvaluationOptions,
    mapping: Option<&Path>,
) -> Result<Previous, String> {
    let (last, _, lines) = evaluate(ds, path, options, mapping)?;
    let numbers: std::collections::HashSet<u64> = lines.iter().map(|(n, _)| *n).collect();
    let rejected = last
        .rejected
        .into_iter()
        .filter(|r| !numbers.contains(&r.line))
        .collect();
    Ok((rejected, lines))
}

/// Last year's inventory (a file as `evaluate` reads it) evaluated with this year's options for
/// its year (default: the year before), and the change split (`report.year_over_year`), by the
/// core. Returns last year's report.
pub(crate) fn compare_with_previous(
    ds: &Dataset,
    report: &mut Report,
    path: &Path,
    previous_year: Option<i32>,
    mapping: Option<&Path>,
) -> Result<Report, String> {
    let (rejected, lines) = read_previous(ds, path, &report.options, mapping)?;
    let previous = empreinte::review::PreviousInventory {
        lines: &lines,
        rejected: &rejected,
        year: previous_year,
    };
    empreinte::review::compare_with_previous(ds, report, previous)
        .map_err(|e| format!("{}: {e} [{}]", path.display(), e.code()))
}

pub fn run(args: &ReportArgs, out: &mut impl Write) -> Result<u8, String> {
    let numecoeval =
        crate::numecoeval_cmd::read_if_numecoeval(std::slice::from_ref(&args.inventory))?;
    let mut estate = match numecoeval {
        Some(_) => None,
        None => crate::estate_cmd::read_if_estate(&args.inventory)?,
    };
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
    let (report, left_out, lines) = match (&numecoeval, &estate) {
        (Some(files), _) => {
            let (report, lines, made) = crate::numecoeval_cmd::evaluate(&ds, files, &options)?;
            estate = Some(made);
            (report, Vec::new(), lines)
        }
        (None, Some(e)) => {
            let (report, lines) =
                crate::estate_cmd::evaluate_with_lines(&ds, e, &args.inventory, &options)?;
            (report, Vec::new(), lines)
        }
        (None, None) => evaluate(&ds, &args.inventory, &options, args.mapping.as_deref())?,
    };
    let previous = args
        .previous
        .as_ref()
        .map(|p| read_previous(&ds, p, &report.options, args.mapping.as_deref()))
        .transpose()?;
    let review = empreinte::review::prepare(
        &ds,
        report,
        &lines,
        previous
            .as_ref()
            .map(|(rejected, lines)| empreinte::review::PreviousInventory {
                lines,
                rejected,
                year: args.previous_year,
            }),
        estate.as_ref(),
        &empreinte::review::ReviewOptions {
            horizon: args.horizon,
            baseline: crate::planning_cmd::parse_baseline(&args.baseline)?,
            lang: args.lang.into(),
        },
    )
    .map_err(|e| format!("{e} [{}]", e.code()))?;
    let commune = args
        .commune
        .as_deref()
        .or(estate.as_ref().and_then(|e| e.commune.name.as_deref()));
    let input = review.input(&left_out, commune, args.lang.into());
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
    Ok(if review.report.counts.rows_rejected > 0 {
        1
    } else {
        0
    })
}
