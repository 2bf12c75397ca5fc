//! `empreinte compare`, `scenario` and `trajectory`: procurement and planning.
//! Parsing and printing only; every figure comes from the `empreinte` crate.

use crate::render::number;
use crate::{load_dataset, Format, LangArg};
use empreinte::scenario::Delta;
use empreinte::{
    compare_offers, line_from_cells, Allocation, CellValue, Comparison, Field, Indicator, Lang,
    Lever, Offer, Phase, Range, ReplacedPart, Scenario,
};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// An offer: `NAME: key=value; key=value...` with inventory keys (category, condition,
    /// lifetime_years, hours_per_day, power_w, energy_kwh_per_year, country...) and `price`
    /// (euros), `part` (`NAME:KG` or `NAME:LOW:KG:HIGH`, repeatable). Separate pairs with `;`
    /// (or `,` when no `;` is used). The first offer is the reference.
    #[arg(long = "offer", required = true)]
    offers: Vec<String>,
    /// Year of the electricity factors.
    #[arg(long, default_value_t = empreinte::defaults::REPORTING_YEAR)]
    year: i32,
    #[arg(long, default_value = empreinte::defaults::DATASET)]
    dataset: String,
    #[arg(long, value_enum, default_value_t = AllocationArg::CutOff)]
    allocation: AllocationArg,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    lang: LangArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum AllocationArg {
    CutOff,
    Shared,
}

/// Levers shared by `scenario` and `trajectory`.
#[derive(clap::Args, Debug)]
pub struct LeverArgs {
    /// Keep devices N years longer.
    #[arg(long)]
    extend_lifetime: Option<f64>,
    /// Buy this percentage of new devices refurbished (0 to 100).
    #[arg(long)]
    refurbished_share: Option<f64>,
    /// Have this percentage fewer devices (pooling; 0 to 100).
    #[arg(long)]
    reduce: Option<f64>,
    /// Use another country's electricity (greener contract, hosting elsewhere).
    #[arg(long)]
    electricity: Option<String>,
    /// Restrict the levers to these categories (comma-separated).
    #[arg(long, value_delimiter = ',')]
    categories: Vec<String>,
    /// Name of the scenario.
    #[arg(long, default_value = "scénario")]
    name: String,
}

#[derive(clap::Args, Debug)]
pub struct ScenarioArgs {
    inventory: PathBuf,
    #[arg(long, default_value_t = empreinte::defaults::REPORTING_YEAR)]
    year: i32,
    #[arg(long, default_value = empreinte::defaults::DATASET)]
    dataset: String,
    #[command(flatten)]
    levers: LeverArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    lang: LangArg,
}

#[derive(clap::Args, Debug)]
pub struct TrajectoryArgs {
    inventory: PathBuf,
    #[arg(long, default_value_t = empreinte::defaults::REPORTING_YEAR)]
    from: i32,
    #[arg(long, default_value_t = empreinte::defaults::TRAJECTORY_HORIZON)]
    to: i32,
    /// How devices are renewed: `practice` (each class at the lifetime its devices in service
    /// show, bounded by the dataset's range, the backlog spread), `dataset-lifetime` (each device
    /// at its own or the dataset's lifetime, all due devices at once), or lifetimes by class
    /// (`laptop=7,desktop=8`; the other classes at their practice).
    #[arg(long, default_value = "practice")]
    baseline: String,
    #[arg(long, default_value = empreinte::defaults::DATASET)]
    dataset: String,
    #[command(flatten)]
    levers: LeverArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    lang: LangArg,
}

fn t(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

fn parse_part(spec: &str) -> Result<ReplacedPart, String> {
    let bits: Vec<&str> = spec.split(':').map(str::trim).collect();
    let num = |s: &str| {
        empreinte::inventory::parse_number(s)
            .ok_or_else(|| format!("part {spec:?}: {s:?} is not a number"))
    };
    let climate_kgco2e = match bits.as_slice() {
        [_, kg] => Range::exact(num(kg)?),
        [_, lo, kg, hi] => Range::new(num(lo)?, num(kg)?, num(hi)?),
        _ => {
            return Err(format!(
                "part {spec:?}: write NAME:KG or NAME:LOW:KG:HIGH (kg CO2e)"
            ))
        }
    };
    Ok(ReplacedPart {
        name: bits[0].to_string(),
        climate_kgco2e,
    })
}

/// Parses `NAME: key=value; key=value`.
fn parse_offer(spec: &str, index: usize) -> Result<Offer, String> {
    let (name, body) = match spec.split_once(':') {
        Some((n, b)) if !n.contains('=') => (n.trim().to_string(), b),
        _ => (format!("offre {}", index + 1), spec),
    };
    let sep = if body.contains(';') { ';' } else { ',' };
    let mut cells: Vec<(Field, String)> = Vec::new();
    let mut offer = Offer {
        name,
        device: empreinte::EquipmentLine::new("", 1),
        replaced_parts: Vec::new(),
        unit_price_eur: None,
    };
    for pair in body.split(sep).map(str::trim).filter(|p| !p.is_empty()) {
        let Some((k, v)) = pair.split_once('=') else {
            return Err(format!("offer {:?}: {pair:?} is not key=value", offer.name));
        };
        let (k, v) = (k.trim(), v.trim());
        match empreinte::names::normalize(k).as_str() {
            "name" | "nom" => offer.name = v.to_string(),
            "price" | "prix" | "price eur" | "prix eur" | "unit price eur" => {
                offer.unit_price_eur =
                    Some(empreinte::inventory::parse_number(v).ok_or_else(|| {
                        format!("offer {:?}: price {v:?} is not a number", offer.name)
                    })?)
            }
            "part" | "piece" | "pieces" | "parts" => offer.replaced_parts.push(parse_part(v)?),
            _ => match Field::from_header(k) {
                Some((f, _)) => cells.push((f, v.to_string())),
                None => return Err(format!("offer {:?}: unknown key {k:?}", offer.name)),
            },
        }
    }
    offer.device = line_from_cells(cells.iter().map(|(f, v)| (*f, CellValue::Text(v))))
        .map_err(|e| format!("offer {:?}: {e}", offer.name))?;
    Ok(offer)
}

pub fn compare(args: &CompareArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&args.dataset)?;
    let offers = args
        .offers
        .iter()
        .enumerate()
        .map(|(i, s)| parse_offer(s, i))
        .collect::<Result<Vec<_>, _>>()?;
    let allocation = match args.allocation {
        AllocationArg::CutOff => Allocation::CutOff,
        AllocationArg::Shared => Allocation::SharedFirstLife,
    };
    let c = compare_offers(&ds, &offers, args.year, allocation)
        .map_err(|e| format!("{e} [{}]", e.code()))?;
    let w = |e: std::io::Error| e.to_string();
    match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&c).unwrap_or_default()
        )
        .map_err(w)?,
        Format::Csv => crate::csv_out::compare(&c, out).map_err(w)?,
        Format::Table => compare_table(&c, args.lang.into(), out).map_err(w)?,
    }
    Ok(0)
}

fn compare_table(c: &Comparison, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
    let alloc = match (c.allocation, lang) {
        (Allocation::CutOff, Lang::Fr) => {
            "cut-off (la seconde vie porte le reconditionnement, les pièces et le transport)"
        }
        (Allocation::CutOff, Lang::En) => {
            "cut-off (the second life carries refurbishment, parts and transport)"
        }
        (Allocation::SharedFirstLife, Lang::Fr) => {
            "partage de la première fabrication entre les vies"
        }
        (Allocation::SharedFirstLife, Lang::En) => "first manufacturing shared between lives",
    };
    writeln!(
        out,
        "{}",
        t(
            lang,
            "Comparaison d'offres, par année de service",
            "Offers compared, per year of service"
        )
    )?;
    writeln!(
        out,
        "{} : {} v{} · {} {} · allocation : {alloc}\n",
        t(lang, "Référentiel", "Dataset"),
        c.dataset.id,
        c.dataset.version,
        t(lang, "électricité", "electricity"),
        c.reporting_year
    )?;
    let mut rows: Vec<Vec<String>> = vec![std::iter::once(String::new())
        .chain(c.offers.iter().map(|o| o.name.clone()))
        .collect()];
    let mut row = |label: &str, f: &dyn Fn(&empreinte::OfferResult) -> String| {
        rows.push(
            std::iter::once(label.to_string())
                .chain(c.offers.iter().map(f))
                .collect(),
        );
    };
    row(t(lang, "Catégorie", "Category"), &|o| o.category.clone());
    row(t(lang, "État", "Condition"), &|o| {
        o.condition.label(lang).to_string()
    });
    row(t(lang, "Durée de vie (ans)", "Lifetime (years)"), &|o| {
        number(o.lifetime_years, lang)
    });
    let cc = Indicator::ClimateChange as usize;
    let na = crate::render::not_available(lang);
    for p in Phase::ALL {
        let label = format!("{} (kgCO2e/{})", p.label(lang), t(lang, "an", "yr"));
        row(&label, &|o| {
            if o.included[cc] & (1 << p.index()) != 0 {
                return t(
                    lang,
                    "incl. (dans la fabrication)",
                    "incl. (in manufacturing)",
                )
                .into();
            }
            o.per_year[cc][p.index()].map_or(na.into(), |v| number(v.central, lang))
        });
    }
    let total = format!(
        "{} (kgCO2e/{})",
        t(lang, "Total climat", "Climate total"),
        t(lang, "an", "yr")
    );
    row(&total, &|o| {
        o.per_year[cc][4].map_or(na.into(), |v| {
            format!(
                "{} [{} – {}]",
                number(v.central, lang),
                number(v.low, lang),
                number(v.high, lang)
            )
        })
    });
    row(
        t(lang, "Écart avec la 1re offre", "Against the first offer"),
        &|o| match (o.difference_kgco2e_per_year, o.difference_percent) {
            (Some(d), Some(p)) => format!("{} kg ({} %)", number(d, lang), number(p, lang)),
            (Some(d), None) => format!("{} kg", number(d, lang)),
            // The first offer itself, or a figure not available on either side.
            (None, _) if std::ptr::eq(o, &c.offers[0]) => "—".into(),
            (None, _) => na.into(),
        },
    );
    row(
        t(
            lang,
            "La 1re offre devrait durer",
            "The first offer would need to last",
        ),
        &|o| match o.break_even {
            None => "—".into(),
            Some(b) => b
                .first_offer_lifetime_to_match_years
                .map_or(t(lang, "jamais", "never").into(), |y| {
                    format!("{} {}", number(y, lang), t(lang, "ans", "years"))
                }),
        },
    );
    row(t(lang, "Coût par an (€)", "Cost per year (€)"), &|o| {
        o.cost_per_year_eur.map_or("—".into(), |v| number(v, lang))
    });
    row(
        t(lang, "kgCO2e évités par €", "kgCO2e avoided per €"),
        &|o| {
            o.kgco2e_avoided_per_eur
                .map_or("—".into(), |v| number(v, lang))
        },
    );
    if let Some(first) = c.offers.first() {
        let shown = |i: &&Indicator| {
            **i != Indicator::ClimateChange
                && c.offers
                    .iter()
                    .any(|o| o.per_year[**i as usize][4].is_some())
        };
        for ind in first.indicators.iter().filter(shown) {
            let label = format!(
                "{} ({}/{})",
                ind.label(lang),
                ind.unit(),
                t(lang, "an", "yr")
            );
            row(&label, &|o| {
                o.per_year[*ind as usize][4].map_or(na.into(), |v| number(v.central, lang))
            });
        }
    }
    crate::render::print_rows(&rows, out)
}

fn scenario_of(args: &LeverArgs) -> Scenario {
    let cats = args.categories.clone();
    let mut levers = Vec::new();
    if let Some(y) = args.extend_lifetime {
        levers.push(Lever::ExtendLifetime {
            years: y,
            categories: cats.clone(),
        });
    }
    if let Some(p) = args.refurbished_share {
        levers.push(Lever::RefurbishedShare {
            share: p / 100.0,
            categories: cats.clone(),
        });
    }
    if let Some(p) = args.reduce {
        levers.push(Lever::ReduceFleet {
            share: p / 100.0,
            categories: cats.clone(),
        });
    }
    if let Some(c) = &args.electricity {
        levers.push(Lever::Electricity {
            country: c.clone(),
            categories: cats,
        });
    }
    Scenario {
        name: args.name.clone(),
        levers,
    }
}

fn read(path: &PathBuf) -> Result<empreinte::ReadInventory, String> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map_err(|e| e.to_string())?;
        b
    } else {
        std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?
    };
    empreinte::read_inventory(bytes).map_err(|e| format!("{}: {e} [{}]", path.display(), e.code()))
}

/// The climate total of a delta's baseline (0), scenario (1) or change (2); `None`: not available.
fn climate(d: &Delta, which: u8) -> Option<f64> {
    let table = match which {
        0 => &d.baseline,
        1 => &d.scenario,
        _ => &d.change,
    };
    table
        .total(Indicator::ClimateChange)
        .and_then(empreinte::Estimate::central)
}

pub fn scenario(args: &ScenarioArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&args.dataset)?;
    let inv = read(&args.inventory)?;
    let s = scenario_of(&args.levers);
    let (_, results) = empreinte::run_scenarios(
        &ds,
        &inv.lines,
        std::slice::from_ref(&s),
        &empreinte::EvaluationOptions::new(args.year),
    )
    .map_err(|e| format!("{e} [{}]", e.code()))?;
    let r = &results[0];
    let lang: Lang = args.lang.into();
    let w = |e: std::io::Error| e.to_string();
    match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&results).unwrap_or_default()
        )
        .map_err(w)?,
        Format::Csv => crate::csv_out::scenario(r, out).map_err(w)?,
        Format::Table => {
            let mut rows = vec![vec![
                t(lang, "Indicateur (par an)", "Indicator (per year)").to_string(),
                t(lang, "Aujourd'hui", "Baseline").to_string(),
                r.name.clone(),
                t(lang, "Écart", "Change").to_string(),
            ]];
            let na = crate::render::not_available(lang);
            for ind in r.totals.change.indicators() {
                let get = |tb: &empreinte::ImpactTable| {
                    tb.total(*ind)
                        .map_or(na.into(), |e| crate::render::cell(e, lang))
                };
                rows.push(vec![
                    format!("{} ({})", ind.label(lang), ind.unit()),
                    get(&r.totals.baseline),
                    get(&r.totals.scenario),
                    get(&r.totals.change),
                ]);
            }
            writeln!(
                out,
                "{} « {} » — {} {}\n",
                t(lang, "Scénario", "Scenario"),
                r.name,
                t(lang, "année", "year"),
                r.reporting_year
            )
            .map_err(w)?;
            crate::render::print_rows(&rows, out).map_err(w)?;
            writeln!(
                out,
                "\n{} : {} kgCO2e ({} %)\n",
                t(lang, "Écart climat", "Climate change"),
                r.change_kgco2e.map_or(na.into(), |c| number(c, lang)),
                r.change_percent.map_or(na.into(), |p| number(p, lang))
            )
            .map_err(w)?;
            for (title, groups) in [
                (t(lang, "Par catégorie", "By category"), &r.by_category),
                (t(lang, "Par service", "By department"), &r.by_department),
            ] {
                let mut rows = vec![vec![
                    title.to_string(),
                    t(lang, "Aujourd'hui", "Baseline").into(),
                    r.name.clone(),
                    t(lang, "Écart (kgCO2e)", "Change (kgCO2e)").into(),
                ]];
                let mut sorted: Vec<&Delta> = groups.iter().collect();
                // Largest reduction first; changes not available last.
                let key = |d: &Delta| climate(d, 2).unwrap_or(f64::INFINITY);
                sorted.sort_by(|a, b| key(a).total_cmp(&key(b)));
                let show = |v: Option<f64>| v.map_or(na.into(), |v| number(v, lang));
                for d in sorted {
                    let key = match (
                        &d.key,
                        d.key
                            .as_deref()
                            .and_then(|k| ds.find_category(k))
                            .filter(|_| std::ptr::eq(groups, &r.by_category)),
                    ) {
                        (_, Some(c)) => {
                            if lang == Lang::Fr {
                                ds.category(c).label_fr.clone()
                            } else {
                                ds.category(c).label_en.clone()
                            }
                        }
                        (Some(k), None) => k.clone(),
                        (None, None) => t(lang, "(sans service)", "(no department)").into(),
                    };
                    rows.push(vec![
                        key,
                        show(climate(d, 0)),
                        show(climate(d, 1)),
                        show(climate(d, 2)),
                    ]);
                }
                crate::render::print_rows(&rows, out).map_err(w)?;
                writeln!(out).map_err(w)?;
            }
        }
    }
    Ok(if inv.rejected.is_empty() { 0 } else { 1 })
}

/// `practice`, `dataset-lifetime`, or `CATEGORY=YEARS,...`.
pub(crate) fn parse_baseline(spec: &str) -> Result<empreinte::Baseline, String> {
    match spec.trim() {
        "practice" | "pratique" => return Ok(empreinte::Baseline::Practice),
        "dataset-lifetime" | "dataset_lifetime" => return Ok(empreinte::Baseline::DatasetLifetime),
        _ => {}
    }
    let mut lifetimes = Vec::new();
    for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (cat, years) = pair.split_once('=').ok_or_else(|| {
            format!("--baseline {spec:?}: write practice, dataset-lifetime, or CATEGORY=YEARS,... (laptop=7,desktop=8)")
        })?;
        let years = empreinte::inventory::parse_number(years.trim()).ok_or_else(|| {
            format!(
                "--baseline {spec:?}: {:?} is not a number of years",
                years.trim()
            )
        })?;
        lifetimes.push((cat.trim().to_string(), years));
    }
    if lifetimes.is_empty() {
        return Err(format!(
            "--baseline {spec:?}: write practice, dataset-lifetime, or CATEGORY=YEARS,..."
        ));
    }
    Ok(empreinte::Baseline::Lifetimes(lifetimes))
}

pub fn trajectory(args: &TrajectoryArgs, out: &mut impl Write) -> Result<u8, String> {
    let ds = load_dataset(&args.dataset)?;
    let inv = read(&args.inventory)?;
    let s = scenario_of(&args.levers);
    let scenarios = if s.levers.is_empty() { vec![] } else { vec![s] };
    let baseline = parse_baseline(&args.baseline)?;
    let series = empreinte::trajectory(
        &ds,
        &inv.lines,
        &scenarios,
        args.from,
        args.to,
        &empreinte::EvaluationOptions::new(args.from),
        &baseline,
    )
    .map_err(|e| format!("{e} [{}]", e.code()))?;
    let lang: Lang = args.lang.into();
    let w = |e: std::io::Error| e.to_string();
    if args.format == Format::Json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&series).unwrap_or_default()
        )
        .map_err(w)?;
        return Ok(0);
    }
    let estimate = |p: &empreinte::YearPoint| p.impacts.total(Indicator::ClimateChange).copied();
    if args.format == Format::Csv {
        crate::csv_out::trajectory(&series, estimate, out).map_err(w)?;
        return Ok(0);
    }
    let na = crate::render::not_available(lang);
    let climate = |p: &empreinte::YearPoint| estimate(p).and_then(|e| e.central());
    writeln!(
        out,
        "{} {}–{} ({} kgCO2e/{})\n",
        t(lang, "Trajectoire", "Trajectory"),
        args.from,
        args.to,
        t(lang, "climat", "climate"),
        t(lang, "an", "yr")
    )
    .map_err(w)?;
    let mut header = vec![t(lang, "Année", "Year").to_string()];
    for s in &series {
        let name = if s.name == "baseline" {
            t(lang, "tendanciel", "baseline").to_string()
        } else {
            s.name.clone()
        };
        header.push(name.clone());
        header.push(format!("{} ({})", t(lang, "achats", "purchases"), name));
    }
    let mut rows = vec![header];
    for (i, p) in series[0].years.iter().enumerate() {
        let mut row = vec![p.year.to_string()];
        for s in &series {
            row.push(estimate(&s.years[i]).map_or(na.into(), |e| crate::render::cell(&e, lang)));
            row.push(s.years[i].purchases.to_string());
        }
        rows.push(row);
    }
    crate::render::print_rows(&rows, out).map_err(w)?;
    crate::render::renewal(&series[0].renewal, &ds, lang, out).map_err(w)?;
    for s in &series {
        // A year without a figure makes the sum not available, never a smaller number.
        let total: Option<f64> = s.years.iter().map(climate).sum();
        writeln!(
            out,
            "{} « {} » : {} kgCO2e",
            t(lang, "Cumul", "Cumulated"),
            s.name,
            total.map_or(na.into(), |v| number(v, lang))
        )
        .map_err(w)?;
    }
    Ok(if inv.rejected.is_empty() { 0 } else { 1 })
}
