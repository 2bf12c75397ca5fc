//! Human-readable tables (French by default); CSV is in `csv_out`.

use empreinte::report::GroupFootprint;
use empreinte::{Availability, Dataset, Estimate, Indicator, Lang, Phase, Report};
use std::io::{self, Write};

/// Formats a number for people: French `1 234,5` or English `1,234.5`, about 3 significant
/// digits (the core's formatter, as the REEN review writes them).
pub fn number(v: f64, lang: Lang) -> String {
    empreinte::review::format_number(v, lang)
}

/// "n.d." / "n/a": not available, never a zero.
pub fn not_available(lang: Lang) -> &'static str {
    t(lang, "n.d.", "n/a")
}

/// An estimate's central value for a table: `*` partial, `‡` the use phase alone (asked for),
/// "incl." included in manufacturing, "n.d." / "n/a" not available.
pub fn cell(e: &Estimate, lang: Lang) -> String {
    let n = || number(e.range.central, lang);
    match e.availability() {
        Availability::NotAvailable => not_available(lang).into(),
        Availability::IncludedInManufacturing => "incl.".into(),
        Availability::Partial => format!("{}*", n()),
        Availability::UsePhaseOnly if e.n_missing > 0 => format!("{}*‡", n()),
        Availability::UsePhaseOnly => format!("{}‡", n()),
        Availability::Available => n(),
    }
}

/// A share of a whole for a table: "n.d." when either is not available.
fn share(e: &Estimate, whole: Option<f64>, lang: Lang) -> String {
    match (e.central(), whole) {
        (Some(v), Some(w)) if w > 0.0 => format!("{} %", number(v / w * 100.0, lang)),
        (Some(_), Some(_)) => String::new(),
        _ => not_available(lang).into(),
    }
}

fn range(e: &Estimate, lang: Lang) -> String {
    match e.value() {
        None => String::new(),
        Some(r) => format!("[{} – {}]", number(r.low, lang), number(r.high, lang)),
    }
}

pub(crate) fn t(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

pub fn report_table(r: &Report, name: &str, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let annualisation = match (r.options.annualisation.id(), lang) {
        ("physical_lifetime", Lang::Fr) => "durée de vie physique",
        ("accounting", Lang::Fr) => "amortissement comptable",
        ("none", Lang::Fr) => "aucune (tout l'année d'acquisition)",
        ("physical_lifetime", Lang::En) => "physical lifetime",
        ("accounting", Lang::En) => "accounting amortisation",
        _ => "none (all in the acquisition year)",
    };
    writeln!(
        out,
        "{} — {name}",
        match r.estate {
            Some(_) => t(
                lang,
                "Empreinte environnementale du patrimoine numérique",
                "Environmental footprint of the digital estate"
            ),
            None => t(
                lang,
                "Empreinte environnementale du parc",
                "Environmental footprint of the fleet"
            ),
        }
    )?;
    writeln!(
        out,
        "{} : {} v{} · {} {} · {} : {annualisation}",
        t(lang, "Référentiel", "Dataset"),
        r.dataset.id,
        r.dataset.version,
        t(lang, "année", "year"),
        r.options.reporting_year,
        t(lang, "annualisation", "annualisation"),
    )?;
    let c = &r.counts;
    writeln!(
        out,
        "{} : {} · {} : {} · {} : {} · {} : {}\n",
        t(lang, "Lignes lues", "Rows read"),
        c.rows_read,
        t(lang, "évaluées", "evaluated"),
        c.rows_evaluated,
        t(lang, "rejetées", "rejected"),
        c.rows_rejected,
        t(lang, "équipements", "devices"),
        c.devices
    )?;

    // Totals by indicator and phase.
    let headers: Vec<String> =
        std::iter::once(t(lang, "Indicateur (par an)", "Indicator (per year)").to_string())
            .chain(Phase::ALL.iter().map(|p| p.label(lang).to_string()))
            .chain([
                t(lang, "Total", "Total").to_string(),
                t(lang, "Fourchette", "Range").to_string(),
            ])
            .collect();
    let mut rows = vec![headers];
    // The indicators the dataset covers in every phase lead; the others follow, marked †.
    let mut incomplete = false;
    for (info, ind) in r.indicators.iter().zip(r.totals.impacts.indicators()) {
        let whole = info.phases_covered.len() == Phase::ALL.len();
        if !whole && !incomplete {
            incomplete = true;
            rows.push(vec![t(
                lang,
                "† Non couverts dans toutes les phases par le référentiel :",
                "† Not covered in every phase by the dataset:",
            )
            .into()]);
        }
        let mark = if whole { "" } else { " †" };
        let mut row = vec![format!("{} ({}){mark}", ind.label(lang), ind.unit())];
        for p in Phase::ALL {
            row.push(if info.phases_covered.contains(&p) {
                r.totals
                    .impacts
                    .get(*ind, p)
                    .map_or(not_available(lang).into(), |e| cell(e, lang))
            } else {
                "n.c.".into()
            });
        }
        let total = r.totals.impacts.total(*ind);
        row.push(total.map_or(not_available(lang).into(), |e| cell(e, lang)));
        row.push(total.map_or(String::new(), |e| range(e, lang)));
        rows.push(row);
    }
    print_rows(&rows, out)?;
    writeln!(
        out,
        "{} : {} kWh",
        t(lang, "Électricité consommée", "Electricity used"),
        number(r.totals.electricity_kwh, lang)
    )?;
    writeln!(
        out,
        "{}",
        t(
            lang,
            "n.d. : non disponible dans le référentiel · * : partiel (certaines lignes sans facteur) · incl. : inclus dans la fabrication (la source donne un seul chiffre)",
            "n/a: not available in the dataset · *: partial (some lines lack a factor) · incl.: included in manufacturing (the source gives one figure)"
        )
    )?;
    if incomplete {
        writeln!(
            out,
            "{}",
            t(
                lang,
                "† n.c. : phase non couverte par le référentiel ; le total n'est pas disponible (--use-phase-only-indicators : la phase d'utilisation seule, ‡)",
                "† n.c.: phase not covered by the dataset; the total is not available (--use-phase-only-indicators: the use phase alone, ‡)"
            )
        )?;
    }
    writeln!(out)?;
    if let Some(e) = &r.estate {
        estate_table(r, e, lang, out)?;
    }

    let climate = Indicator::ClimateChange;
    let group_rows =
        |title: String, groups: &[GroupFootprint], label: &dyn Fn(&GroupFootprint) -> String| {
            let mut rows = vec![vec![
                title,
                t(lang, "Équip.", "Devices").to_string(),
                format!("{} (kgCO2e)", t(lang, "Climat", "Climate")),
                t(lang, "Part", "Share").to_string(),
                t(lang, "Fourchette", "Range").to_string(),
            ]];
            let whole = r.totals.impacts.total(climate).and_then(Estimate::central);
            // Order only: groups without a figure last.
            let central = |g: &GroupFootprint| {
                g.impacts
                    .total(climate)
                    .and_then(Estimate::central)
                    .unwrap_or(f64::NEG_INFINITY)
            };
            let mut sorted: Vec<&GroupFootprint> = groups.iter().collect();
            sorted.sort_by(|a, b| central(b).total_cmp(&central(a)));
            for g in sorted {
                let Some(e) = g.impacts.total(climate) else {
                    continue;
                };
                rows.push(vec![
                    label(g),
                    g.devices.to_string(),
                    cell(e, lang),
                    share(e, whole, lang),
                    range(e, lang),
                ]);
            }
            rows
        };
    let cat_label = |g: &GroupFootprint| match lang {
        Lang::Fr => g.label_fr.clone().unwrap_or_default(),
        Lang::En => g.label_en.clone().unwrap_or_default(),
    };
    print_rows(
        &group_rows(
            t(lang, "Par catégorie", "By category").into(),
            &r.by_category,
            &cat_label,
        ),
        out,
    )?;
    writeln!(out)?;
    let dept_label = |g: &GroupFootprint| {
        g.key
            .clone()
            .unwrap_or_else(|| t(lang, "(sans service)", "(no department)").to_string())
    };
    print_rows(
        &group_rows(
            t(lang, "Par service", "By department").into(),
            &r.by_department,
            &dept_label,
        ),
        out,
    )?;

    let per = [
        (
            t(lang, "par habitant", "per inhabitant"),
            &r.per_capita.per_inhabitant,
        ),
        (t(lang, "par agent", "per agent"), &r.per_capita.per_agent),
        (t(lang, "par élève", "per pupil"), &r.per_capita.per_pupil),
    ];
    for (what, table) in per {
        if let Some(e) = table.as_ref().and_then(|tb| tb.total(climate)) {
            writeln!(
                out,
                "{} {what} : {} kgCO2e {}",
                t(lang, "Climat", "Climate"),
                cell(e, lang),
                range(e, lang)
            )?;
        }
    }

    if let Some(y) = &r.year_over_year {
        writeln!(
            out,
            "\n{} {} → {} :",
            t(
                lang,
                "Écart depuis l'an dernier, expliqué",
                "Change since last year, explained"
            ),
            y.previous_year,
            y.reporting_year
        )?;
        let mut rows = vec![vec![
            t(lang, "Part (par an)", "Part (per year)").to_string(),
            format!("{} (kgCO2e)", t(lang, "Climat", "Climate")),
            t(lang, "Fourchette", "Range").to_string(),
        ]];
        for (label, table) in [
            (
                t(
                    lang,
                    "Parc (achats, retraits…)",
                    "Fleet (purchases, disposals…)",
                ),
                &y.fleet_effect,
            ),
            (t(lang, "Âge du parc", "Age of the fleet"), &y.ageing_effect),
            (
                t(
                    lang,
                    "Référence (facteurs, méthodes)",
                    "Reference (factors, methods)",
                ),
                &y.reference_effect,
            ),
            (t(lang, "Total", "Total"), &y.total_change),
        ] {
            let e = table.total(climate).copied().unwrap_or_default();
            let signed = match e.value() {
                Some(v) if v.central > 0.0 => format!("+{}", cell(&e, lang)),
                _ => cell(&e, lang),
            };
            rows.push(vec![label.to_string(), signed, range(&e, lang)]);
        }
        print_rows(&rows, out)?;
        for m in &y.method_breaks {
            let method = |v: &empreinte::year_over_year::FactorVintage| match lang {
                Lang::Fr if !v.method_fr.is_empty() => v.method_fr.clone(),
                _ => v.method.clone(),
            };
            let year = |v: Option<i32>| v.map_or("-".to_string(), |y| y.to_string());
            writeln!(
                out,
                "{} {} {} : {} {} ({}) → {} {} ({})",
                t(lang, "Rupture de méthode", "Method break"),
                m.zone,
                m.indicator.label(lang),
                year(m.previous.year),
                number(m.previous.value, lang),
                method(&m.previous),
                year(m.current.year),
                number(m.current.value, lang),
                method(&m.current),
            )?;
        }
    }

    if let Some(mc) = &r.monte_carlo {
        writeln!(
            out,
            "\nMonte Carlo ({} {}, seed {}) :",
            mc.draws,
            t(lang, "tirages", "draws"),
            mc.seed
        )?;
        for ind in mc.totals.indicators.iter() {
            if let Some(s) = mc.totals.total(*ind) {
                writeln!(
                    out,
                    "  {} ({}) : {} {} · P5 {} · P50 {} · P95 {}",
                    ind.label(lang),
                    ind.unit(),
                    t(lang, "moyenne", "mean"),
                    number(s.mean, lang),
                    number(s.p5, lang),
                    number(s.p50, lang),
                    number(s.p95, lang)
                )?;
            }
        }
    }
    if !r.rejected.is_empty() {
        writeln!(
            out,
            "\n{} ({}) :",
            t(lang, "Lignes rejetées", "Rejected rows"),
            r.rejected.len()
        )?;
        for row in &r.rejected {
            writeln!(
                out,
                "  {} {} — {}",
                t(lang, "ligne", "line"),
                row.line,
                row.error
            )?;
        }
    }
    if !r.warnings.is_empty() {
        writeln!(
            out,
            "\n{} ({}) :",
            t(lang, "Avertissements", "Warnings"),
            r.warnings.len()
        )?;
        for w in &r.warnings {
            writeln!(out, "  {}", w.message)?;
        }
    }
    let sources: Vec<&str> = r
        .provenance
        .sources
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    writeln!(
        out,
        "\n{} : {}",
        t(lang, "Sources", "Sources"),
        sources.join(" ; ")
    )?;
    Ok(())
}

pub fn print_rows(rows: &[Vec<String>], out: &mut impl Write) -> io::Result<()> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (k, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (i, c) in row.iter().enumerate() {
            let pad = widths[i] - c.chars().count();
            if i == 0 {
                line.push_str(c);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(c);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
        if k == 0 {
            writeln!(
                out,
                "{}",
                "─".repeat(widths.iter().sum::<usize>() + 2 * (n.saturating_sub(1)))
            )?;
        }
    }
    Ok(())
}

pub fn datasets(json: bool, out: &mut impl Write) -> io::Result<()> {
    let infos: Vec<_> = empreinte::dataset::EMBEDDED_IDS
        .iter()
        .filter_map(|id| Dataset::embedded(id).ok())
        .map(|d| d.info().clone())
        .collect();
    if json {
        return writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&infos).unwrap_or_default()
        );
    }
    for (i, d) in infos.iter().enumerate() {
        let default = if i == 0 {
            " (par défaut / default)"
        } else {
            ""
        };
        writeln!(
            out,
            "{} v{}{default}\n  {}\n  licences: {}\n  {}\n",
            d.id,
            d.version,
            d.title,
            d.licenses.join(", "),
            d.usage_note
        )?;
    }
    Ok(())
}

pub fn factors(
    ds: &Dataset,
    category: Option<&str>,
    json: bool,
    lang: Lang,
    out: &mut impl Write,
) -> Result<u8, String> {
    let io = |e: io::Error| e.to_string();
    let Some(name) = category else {
        let classes = ds.classes();
        if json {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&classes).unwrap_or_default()
            )
            .map_err(io)?;
            return Ok(0);
        }
        writeln!(
            out,
            "{} v{} — {} {}",
            ds.id(),
            ds.version(),
            classes.len(),
            t(lang, "classes", "classes")
        )
        .map_err(io)?;
        for c in &classes {
            let label = if lang == Lang::Fr {
                &c.label_fr
            } else {
                &c.label_en
            };
            let coverage = match (c.coverage, lang) {
                ("direct", _) => String::new(),
                ("proxy", _) => " [proxy]".into(),
                ("parent", Lang::Fr) => format!(" [chiffres de {}]", c.evaluated_as),
                ("parent", Lang::En) => format!(" [{}'s figures]", c.evaluated_as),
                (_, Lang::Fr) => " [non disponible]".into(),
                (_, Lang::En) => " [not available]".into(),
            };
            writeln!(
                out,
                "  {:<26} {label}{coverage} — {}",
                c.id,
                c.aliases.join(", ")
            )
            .map_err(io)?;
        }
        return Ok(0);
    };
    let Some(cref) = ds.find_category(name) else {
        let hint = ds
            .suggest_category(name)
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        return Err(format!(
            "unknown category {name:?}{hint}; run `empreinte factors` for the list"
        ));
    };
    let cat = ds.category(cref);
    let rows: Vec<&empreinte::Factor> = ds
        .factors()
        .iter()
        .filter(|f| {
            f.id.starts_with(&format!("{}.", cat.id))
                && Phase::ALL.iter().any(|p| {
                    ds.embodied_factor(cref, *p, f.indicator)
                        .is_some_and(|r| ds.factor(r).id == f.id)
                        || ds
                            .refurbishment_factor(cref, *p, f.indicator)
                            .is_some_and(|r| ds.factor(r).id == f.id)
                })
        })
        .collect();
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"category": cat, "factors": rows}))
                .unwrap_or_default()
        )
        .map_err(io)?;
        return Ok(0);
    }
    writeln!(out, "{} ({}) — {}", cat.label_fr, cat.id, ds.id()).map_err(io)?;
    writeln!(
        out,
        "  {} : {} {} [{}–{}] · {} W × {} h/{} × {} {}",
        t(lang, "durée de vie", "lifetime"),
        number(cat.lifetime_years.central, lang),
        t(lang, "ans", "years"),
        number(cat.lifetime_years.low, lang),
        number(cat.lifetime_years.high, lang),
        number(cat.power_w.central, lang),
        number(cat.hours_per_day, lang),
        t(lang, "j", "d"),
        number(cat.days_per_year, lang),
        t(lang, "j/an", "d/yr"),
    )
    .map_err(io)?;
    if cat.is_proxy {
        writeln!(out, "  proxy : {}", cat.proxy_note).map_err(io)?;
    }
    for f in rows {
        let src = ds
            .source(&f.source_id)
            .map_or(f.source_id.as_str(), |s| s.title.as_str());
        writeln!(
            out,
            "  {:<52} {} {} [{} – {}] ({:?})\n      {src} — {}",
            f.id,
            number(f.value.central, lang),
            f.unit,
            number(f.value.low, lang),
            number(f.value.high, lang),
            f.quality,
            f.source_row
        )
        .map_err(io)?;
    }
    Ok(0)
}

/// How a trajectory renews devices: the rule, then each class's lifetime.
pub fn renewal(
    r: &empreinte::trajectory::Renewal,
    ds: &Dataset,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<()> {
    let rule = match (r.rule, lang) {
        ("practice", Lang::Fr) => "la pratique de l'inventaire : durée par type = 2 × âge moyen des équipements en service + 1, bornée par la fourchette du jeu de données élargie aux durées que donnent les lignes ; les équipements déjà en fin de vie renouvelés sur les années suivantes (⌈en retard / durée⌉ par an, les plus anciens d'abord), les autres à leur échéance",
        ("practice", Lang::En) => "the inventory's practice: lifetime per class = 2 × mean age of the devices in service + 1, bounded by the dataset's range widened to the lines' lifetimes; devices already due renewed over the following years (⌈backlog / lifetime⌉ a year, oldest first), the others when due",
        ("dataset_lifetime", Lang::Fr) => "la durée de vie de chaque ligne, sinon celle du jeu de données ; tous les équipements arrivés en fin de vie renouvelés la même année",
        ("dataset_lifetime", Lang::En) => "each line's lifetime, else the dataset's; every device due renewed the same year",
        (_, Lang::Fr) => "les durées données par type, la pratique de l'inventaire pour les autres ; les équipements déjà en fin de vie renouvelés sur les années suivantes",
        (_, Lang::En) => "the lifetimes given by class, the inventory's practice for the others; devices already due renewed over the following years",
    };
    writeln!(out, "\n{} : {rule}", t(lang, "Renouvellement", "Renewal"))?;
    let mut rows = vec![vec![
        t(lang, "Type", "Class").to_string(),
        t(lang, "Équip.", "Devices").to_string(),
        t(lang, "Âge moyen", "Mean age").to_string(),
        t(lang, "Durée (ans)", "Lifetime (yr)").to_string(),
        t(lang, "Origine", "From").to_string(),
        t(lang, "En retard", "Backlog").to_string(),
        t(lang, "Dont par an", "Of which a year").to_string(),
    ]];
    for c in &r.classes {
        let label = ds
            .category_by_id(&c.category)
            .map(|k| {
                let cat = ds.category(k);
                match lang {
                    Lang::Fr => cat.label_fr.clone(),
                    Lang::En => cat.label_en.clone(),
                }
            })
            .unwrap_or_else(|| c.category.clone());
        rows.push(vec![
            label,
            c.devices.to_string(),
            c.mean_age_years.map_or("-".into(), |a| number(a, lang)),
            number(c.lifetime_years, lang),
            c.source.to_string(),
            c.backlog.to_string(),
            c.backlog_per_year.map_or("-".into(), |m| m.to_string()),
        ]);
    }
    print_rows(&rows, out)
}

/// An estate's scopes, hosting and services (climate change), and its notes.
fn estate_table(
    r: &Report,
    e: &empreinte::estate::EstateSection,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<()> {
    let climate = Indicator::ClimateChange;
    let whole = r.totals.impacts.total(climate).and_then(Estimate::central);
    let mut rows = vec![vec![
        t(lang, "Périmètre", "Scope").to_string(),
        t(lang, "Entrées", "Entries").to_string(),
        format!("{} (kgCO2e)", t(lang, "Climat", "Climate")),
        t(lang, "Part", "Share").to_string(),
        t(lang, "Fourchette", "Range").to_string(),
    ]];
    for s in &e.by_scope {
        let label = match lang {
            Lang::Fr => s.label_fr,
            Lang::En => s.label_en,
        };
        let row = match s.impacts.total(climate) {
            Some(x) => vec![cell(x, lang), share(x, whole, lang), range(x, lang)],
            None => vec![
                not_available(lang).to_string(),
                String::new(),
                String::new(),
            ],
        };
        rows.push([vec![label.to_string(), s.entries.to_string()], row].concat());
    }
    print_rows(&rows, out)?;
    let mut rows = vec![vec![
        t(lang, "Hébergement", "Hosting").to_string(),
        t(lang, "Nombre", "Count").to_string(),
        format!("{} (kgCO2e)", t(lang, "Climat", "Climate")),
    ]];
    for h in &e.hosting {
        let name = h.name.clone().unwrap_or_else(|| h.path.clone());
        let where_ = h
            .room
            .as_ref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        rows.push(vec![
            format!("{name}{where_}"),
            number(h.count, lang),
            h.climate_change_kgco2e
                .map_or(not_available(lang).to_string(), |x| number(x.central, lang)),
        ]);
    }
    if rows.len() > 1 {
        writeln!(out)?;
        print_rows(&rows, out)?;
    }
    let mut rows = vec![vec![
        t(lang, "Service", "Service").to_string(),
        t(lang, "Usages / an", "Uses / year").to_string(),
        t(lang, "gCO2e / usage", "gCO2e / use").to_string(),
        format!("{} (kgCO2e)", t(lang, "Climat / an", "Climate / year")),
    ]];
    for s in &e.services {
        let total = s.footprint.total(climate);
        rows.push(vec![
            s.name.clone().unwrap_or_else(|| s.kind.to_string()),
            number(s.uses, lang),
            s.gco2e_per_use
                .map_or(not_available(lang).to_string(), |g| number(g, lang)),
            total
                .central()
                .map_or(not_available(lang).to_string(), |_| cell(&total, lang)),
        ]);
    }
    if rows.len() > 1 {
        writeln!(out)?;
        print_rows(&rows, out)?;
    }
    if let Some(n) = &e.numecoeval {
        numecoeval_table(n, lang, out)?;
    }
    for n in &e.notes {
        writeln!(out, "- {n}")?;
    }
    writeln!(out)
}

/// A NumEcoEval inventory's data centres and applications (climate change), for the table.
fn numecoeval_table(
    n: &empreinte::numecoeval::NumEcoEvalSection,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<()> {
    let climate = |i: &empreinte::ImpactTable| {
        i.total(Indicator::ClimateChange)
            .map_or(not_available(lang).to_string(), |e| cell(e, lang))
    };
    let mut rows = vec![vec![
        t(lang, "Centre de données", "Data centre").to_string(),
        "PUE".to_string(),
        t(lang, "Équip.", "Devices").to_string(),
        format!("{} (kgCO2e)", t(lang, "Climat", "Climate")),
    ]];
    for d in &n.data_centres {
        rows.push(vec![
            d.name.clone(),
            d.pue.map_or("-".into(), |p| number(p, lang)),
            d.devices.to_string(),
            climate(&d.impacts),
        ]);
    }
    if rows.len() > 1 {
        writeln!(out)?;
        print_rows(&rows, out)?;
    }
    let mut rows = vec![vec![
        t(lang, "Application", "Application").to_string(),
        t(lang, "Environnement", "Environment").to_string(),
        format!("{} (kgCO2e)", t(lang, "Climat", "Climate")),
    ]];
    for a in &n.applications {
        rows.push(vec![
            a.name.clone(),
            a.environment.clone().unwrap_or_default(),
            climate(&a.impacts),
        ]);
    }
    if rows.len() > 1 {
        writeln!(out)?;
        print_rows(&rows, out)?;
        writeln!(
            out,
            "{}",
            t(
                lang,
                "(parts des machines virtuelles et de leurs hôtes : comprises dans les totaux ci-dessus)",
                "(shares of virtual machines and their hosts: within the totals above)"
            )
        )?;
    }
    Ok(())
}
