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
    /// Last year's inventory, for the change since then (evaluated for the year before).
    #[arg(long)]
    previous: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    format: ReportFormat,
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    lang: LangArg,
    /// Reporting year.
    #[arg(long, default_value_t = 2025)]
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
    /// Embedded dataset id, or a folder holding a dataset.
    #[arg(long, default_value = "ademe-negaoctet-2022")]
    dataset: String,
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

pub fn run(args: &ReportArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = crate::load_dataset(&args.dataset)?;
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
    let (report, left_out, lines) =
        evaluate(&ds, &args.inventory, &options, args.mapping.as_deref())?;
    let levers = empreinte::review::standard_levers(&ds, &lines, &options, args.lang.into())
        .map_err(|e| format!("{e} [{}]", e.code()))?;
    let previous = match &args.previous {
        Some(p) => {
            let prev_options = EvaluationOptions {
                reporting_year: args.year - 1,
                ..options.clone()
            };
            Some(evaluate(&ds, p, &prev_options, args.mapping.as_deref())?.0)
        }
        None => None,
    };
    let input = ReviewInput {
        report: &report,
        previous: previous.as_ref(),
        levers: &levers,
        left_out: &left_out,
        commune: args.commune.as_deref(),
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
