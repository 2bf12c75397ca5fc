//! `empreinte`: evaluate an inventory, browse the reference datasets.
//! Thin: parsing arguments and printing; every figure comes from the `empreinte` crate.

mod bodies_cmd;
mod csv_out;
mod estate_cmd;
mod glpi_cmd;
mod hosting_cmd;
mod numecoeval_cmd;
mod planning_cmd;
mod render;
mod report_cmd;
mod services_cmd;

use clap::{Parser, Subcommand, ValueEnum};
use empreinte::{Annualisation, Dataset, EvaluateError, EvaluationOptions, Lang, Report};
use std::borrow::Cow;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Environmental footprint of a commune's digital estate, against a sourced reference dataset.
#[derive(Parser, Debug)]
#[command(name = "empreinte", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate an inventory (CSV as spreadsheets export it, or JSON; `-` for standard input),
    /// an estate, GLPI files, or NumEcoEval / G4IT files (a folder or the files).
    Evaluate(EvaluateArgs),
    /// Import an inventory from another tool into empreinte's CSV schema, to review and edit.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// The yearly review (loi REEN) as a self-contained HTML page or Markdown.
    Report(report_cmd::ReportArgs),
    /// Compare offers for one need (new, refurbished, reused) per year of service.
    Compare(planning_cmd::CompareArgs),
    /// Apply levers (longer lifetimes, refurbished share, pooling, electricity) to an inventory.
    Scenario(planning_cmd::ScenarioArgs),
    /// Year-by-year footprint with renewals at end of life, baseline and scenario.
    Trajectory(planning_cmd::TrajectoryArgs),
    /// One web page: EcoIndex (DOM, requests, size) or SWD v4 / v3 / OneByte (bytes transferred).
    Page(services_cmd::PageArgs),
    /// One use of a digital service: e-mail, visio, streaming, search, file, transfer, generic.
    Service(services_cmd::ServiceArgs),
    /// One server over a duration: archetype, configuration (CPU, RAM, disks...), load, site (PUE).
    Server(Box<hosting_cmd::ServerArgs>),
    /// One cloud instance over a duration: provider, instance type, region.
    Cloud(hosting_cmd::CloudArgs),
    /// List the embedded datasets.
    Datasets {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List the categories of a dataset, or the factors of one category with their sources.
    Factors {
        /// A category, written any way (laptop, "PC portable", écrans).
        category: Option<String>,
        #[arg(long, default_value = empreinte::defaults::DATASET)]
        dataset: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long, value_enum, default_value_t = LangArg::Fr)]
        lang: LangArg,
    },
}

#[derive(Subcommand, Debug)]
enum ImportSource {
    /// GLPI agent JSON inventories (files or folders) and GLPI CSV exports.
    Glpi(glpi_cmd::GlpiArgs),
}

#[derive(clap::Args, Debug)]
struct EvaluateArgs {
    /// Inventory file (.csv or .json), `-` for standard input, an estate (.toml), GLPI files,
    /// or NumEcoEval / G4IT files: their folder, or the files themselves.
    #[arg(required = true, num_args = 1..)]
    inventory: Vec<PathBuf>,
    /// Reporting year.
    #[arg(long, default_value_t = empreinte::defaults::REPORTING_YEAR)]
    year: i32,
    /// Embedded dataset id, or a folder holding a dataset or a G4IT référentiel (`ref_*.csv`)
    /// (default: the estate's, else ademe-negaoctet-2022).
    #[arg(long)]
    dataset: Option<String>,
    /// `numecoeval`: the indicators in NumEcoEval's shape (criterion × life-cycle step, by
    /// entity, equipment type, data centre, virtual machine, application), `;` separated.
    #[arg(long, value_enum, default_value_t = EvaluateFormat::Table)]
    format: EvaluateFormat,
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    lang: LangArg,
    /// How embodied impacts are spread over the years.
    #[arg(long, value_enum, default_value_t = AnnualisationArg::Physical)]
    annualisation: AnnualisationArg,
    /// Amortisation period for lines that give none (with --annualisation accounting).
    #[arg(long, default_value_t = empreinte::DEFAULT_AMORTISATION_YEARS)]
    amortisation_years: f64,
    /// Country of lines that give none (default: the dataset's).
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    inhabitants: Option<f64>,
    #[arg(long)]
    agents: Option<f64>,
    #[arg(long)]
    pupils: Option<f64>,
    /// Include one result per line (JSON and CSV output).
    #[arg(long)]
    lines: bool,
    /// Monte Carlo: draw the dataset's factors N times (mean, P5, P50, P95).
    #[arg(long, value_name = "N")]
    monte_carlo: Option<u32>,
    /// Seed of the Monte Carlo draws (same seed, same numbers).
    #[arg(long, default_value_t = empreinte::defaults::MONTE_CARLO_SEED)]
    seed: u64,
    /// For GLPI input: a CSV of model or type → category (or `ignore`).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Last year's inventory: the change since then, split into what the fleet, its age and
    /// the reference did (`year_over_year` in JSON).
    #[arg(long)]
    previous: Option<PathBuf>,
    /// The year of `--previous` (default: the year before `--year`).
    #[arg(long, requires = "previous")]
    previous_year: Option<i32>,
    /// For an indicator whose manufacturing the dataset does not cover, show the use phase alone
    /// as its total (marked ‡) instead of "not available".
    #[arg(long)]
    use_phase_only_indicators: bool,
    /// Many bodies in one pass: the inventory is a folder (its .csv, .json and .toml files, one
    /// body each, by name), a list of files (one per line), or the bodies' files themselves:
    /// each body's figures, then the total.
    #[arg(long, conflicts_with_all = ["previous", "monte_carlo", "lines", "mapping"])]
    bodies: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub(crate) enum Format {
    Table,
    Json,
    Csv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum EvaluateFormat {
    Table,
    Json,
    Csv,
    Numecoeval,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum LangArg {
    Fr,
    En,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum AnnualisationArg {
    Physical,
    Accounting,
    None,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

/// Exit codes: 0 ok, 1 input rejected (in whole or in part), 2 usage.
pub(crate) const EXIT_REJECTED: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let result = match cli.command {
        Command::Evaluate(args) => evaluate(&args, &mut out),
        Command::Import {
            source: ImportSource::Glpi(args),
        } => glpi_cmd::run(&args, &mut out),
        Command::Report(args) => report_cmd::run(&args, &mut out),
        Command::Compare(args) => planning_cmd::compare(&args, &mut out),
        Command::Scenario(args) => planning_cmd::scenario(&args, &mut out),
        Command::Trajectory(args) => planning_cmd::trajectory(&args, &mut out),
        Command::Page(args) => services_cmd::page(&args, &mut out),
        Command::Service(args) => services_cmd::service(&args, &mut out),
        Command::Server(args) => hosting_cmd::server(&args, &mut out),
        Command::Cloud(args) => hosting_cmd::cloud(&args, &mut out),
        Command::Datasets { format } => render::datasets(format == Format::Json, &mut out)
            .map(|_| 0)
            .map_err(|e| e.to_string()),
        Command::Factors {
            category,
            dataset,
            format,
            lang,
        } => load_dataset(&dataset).and_then(|ds| {
            render::factors(
                &ds,
                category.as_deref(),
                format == Format::Json,
                lang.into(),
                &mut out,
            )
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // Output piped into `head` and closed: not an error worth a message.
        Err(message) if message.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(message) => {
            let _ = out.flush();
            eprintln!("empreinte: {message}");
            ExitCode::from(EXIT_REJECTED)
        }
    }
}

pub(crate) fn load_dataset(spec: &str) -> Result<Cow<'static, Dataset>, String> {
    if empreinte::dataset::EMBEDDED_IDS.contains(&spec) {
        return Dataset::embedded(spec)
            .map(Cow::Borrowed)
            .map_err(|e| e.to_string());
    }
    let path = Path::new(spec);
    if path.is_dir() {
        return Dataset::from_dir(path)
            .map(Cow::Owned)
            .map_err(|e| format!("dataset {spec}: {e}"));
    }
    Err(format!(
        "unknown dataset {spec:?}: give an embedded id ({}), a folder holding datapackage.json and the CSV tables, or a folder holding a G4IT référentiel (ref_*.csv)",
        empreinte::dataset::EMBEDDED_IDS.join(", ")
    ))
}

fn evaluate(args: &EvaluateArgs, out: &mut impl Write) -> Result<u8, String> {
    let numecoeval = if args.bodies {
        None
    } else {
        numecoeval_cmd::read_if_numecoeval(&args.inventory)?
    };
    let path = match (&numecoeval, args.inventory.as_slice()) {
        (Some(_), _) => args.inventory[0].clone(),
        (None, [one]) => one.clone(),
        (None, _) if args.bodies => args.inventory[0].clone(),
        (None, _) => {
            return Err(
                "several files given, none of them a NumEcoEval file: give one inventory, estate or GLPI \
                 folder, or NumEcoEval / G4IT files"
                    .into(),
            )
        }
    };
    let estate = match numecoeval {
        _ if args.bodies => None,
        Some(_) => None,
        None => estate_cmd::read_if_estate(&path)?,
    };
    let dataset = args
        .dataset
        .as_deref()
        .or(estate.as_ref().and_then(|e| e.dataset.as_deref()))
        .unwrap_or(empreinte::defaults::DATASET);
    let ds = load_dataset(dataset)?;
    let options = EvaluationOptions {
        reporting_year: args.year,
        annualisation: match args.annualisation {
            AnnualisationArg::Physical => Annualisation::PhysicalLifetime,
            AnnualisationArg::Accounting => Annualisation::Accounting {
                default_years: args.amortisation_years,
            },
            AnnualisationArg::None => Annualisation::None,
        },
        default_country: args.country.clone(),
        inhabitants: args.inhabitants,
        agents: args.agents,
        pupils: args.pupils,
        keep_lines: args.lines,
        monte_carlo: args.monte_carlo.map(|draws| empreinte::MonteCarloOptions {
            draws,
            seed: args.seed,
        }),
        use_phase_only_indicators: args.use_phase_only_indicators,
    };
    if args.bodies {
        let format = match args.format {
            EvaluateFormat::Table => Format::Table,
            EvaluateFormat::Json => Format::Json,
            EvaluateFormat::Csv => Format::Csv,
            EvaluateFormat::Numecoeval => {
                return Err("--bodies writes a table, JSON or CSV, not --format numecoeval".into())
            }
        };
        return bodies_cmd::run(&ds, &options, &args.inventory, format, out);
    }
    let name = args
        .inventory
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut report = match (&numecoeval, &estate) {
        (Some(files), _) => numecoeval_cmd::evaluate(&ds, files, &options)?.0,
        (None, Some(estate)) => estate_cmd::evaluate(&ds, estate, &path, &options)?,
        (None, None) => {
            let glpi = glpi_cmd::evaluate_if_glpi(&ds, &path, &options, args.mapping.as_deref());
            match glpi {
                Ok(Some((report, _, _))) => Ok(report),
                Ok(None) => read_and_evaluate(&ds, &path, &options),
                Err(e) => Err(e),
            }
            .map_err(|e| format!("{name}: {e} [{}]", e.code()))?
        }
    };
    if let Some(previous) = &args.previous {
        report_cmd::compare_with_previous(
            &ds,
            &mut report,
            previous,
            args.previous_year,
            args.mapping.as_deref(),
        )?;
    }
    let written = match args.format {
        EvaluateFormat::Table => render::report_table(&report, &name, args.lang.into(), out),
        EvaluateFormat::Json => writeln!(out, "{}", report.to_json()),
        EvaluateFormat::Csv => csv_out::report(&report, out),
        EvaluateFormat::Numecoeval => empreinte::numecoeval::write_csv(&report, &mut *out),
    };
    written.map_err(|e| format!("cannot write the output: {e}"))?;
    if report.counts.rows_rejected > 0 {
        Ok(EXIT_REJECTED)
    } else {
        Ok(0)
    }
}

fn read_and_evaluate(
    ds: &Dataset,
    path: &Path,
    options: &EvaluationOptions,
) -> Result<Report, EvaluateError> {
    let io = |e: std::io::Error| {
        EvaluateError::Inventory(empreinte::InventoryError::Read {
            line: 0,
            message: e.to_string(),
        })
    };
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(io)?;
        return empreinte::evaluate_bytes(ds, bytes, options);
    }
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let bytes = std::fs::read(path).map_err(io)?;
        empreinte::evaluate_bytes(ds, bytes, options)
    } else {
        // Streamed: memory stays bounded whatever the size of the file.
        let file = std::fs::File::open(path).map_err(io)?;
        empreinte::evaluate_csv(ds, BufReader::with_capacity(1 << 16, file), options)
    }
}
