//! The later sections of the review: benchmarks, change since last year, levers, method,
//! sources, rejected rows.

use super::blocks::{
    climate, est, group_label, range, txt, Bar, Block, Chart, Fig, Inline, Table, BAR_COLOR,
    CLIMATE,
};
use super::format::{count, mass, number, percent, signed_mass, t};
use super::{ReviewInput, NATIONAL_FIGURES};
use crate::indicator::Lang;
use crate::report::{GroupFootprint, Report};

/// A value and its JSON pointer.
type Located<T> = Option<(T, String)>;

pub(super) fn national(b: &mut Vec<Block>, r: &Report, lang: Lang) {
    b.push(Block::Section {
        id: "benchmarks",
        title: t(lang, "Repères", "Benchmarks").into(),
        page_break: false,
    });
    let mut rows = Vec::new();
    let per = [
        (
            &r.per_capita.per_inhabitant,
            "per_inhabitant",
            t(lang, "par habitant", "per inhabitant"),
        ),
        (
            &r.per_capita.per_agent,
            "per_agent",
            t(lang, "par agent", "per agent"),
        ),
        (
            &r.per_capita.per_pupil,
            "per_pupil",
            t(lang, "par élève", "per pupil"),
        ),
    ];
    for (table, key, label) in per {
        if let Some(table) = table {
            let ptr = format!("/per_capita/{key}/{CLIMATE}/total");
            let e = climate(table);
            rows.push(vec![
                vec![txt(format!(
                    "{} — {label}",
                    if super::is_estate(r) {
                        t(lang, "Patrimoine numérique", "Digital estate")
                    } else {
                        t(lang, "Parc de la collectivité", "The body's fleet")
                    }
                ))],
                est(&e, &ptr, lang, mass),
                range(&e, &ptr, lang, true),
            ]);
        }
    }
    if rows.is_empty() {
        b.push(Block::Note(vec![txt(t(
            lang,
            "Donnez le nombre d'habitants, d'agents ou d'élèves (--inhabitants, --agents, --pupils) pour obtenir les ratios par personne.",
            "Give the number of inhabitants, agents or pupils (--inhabitants, --agents, --pupils) to get per-person ratios.",
        ))]));
    } else {
        b.push(Block::Table(Table {
            head: vec![
                t(lang, "Ratio", "Ratio").into(),
                t(lang, "Climat / an", "Climate / year").into(),
                t(lang, "Fourchette", "Range").into(),
            ],
            numeric: vec![false, true, true],
            rows,
        }));
    }
    b.push(Block::Sub(
        t(lang, "Chiffres nationaux", "National figures").into(),
    ));
    let items = NATIONAL_FIGURES
        .iter()
        .map(|f| {
            let value = match f.id {
                "france_2020_per_inhabitant" => {
                    mass(f.value, lang)
                        + t(lang, " par habitant et par an", " per inhabitant per year")
                }
                "france_2022_total" => format!("{} Mt\u{a0}CO\u{2082}e", number(f.value, lang)),
                _ => percent(f.value / 100.0, lang),
            };
            vec![
                Inline::Strong(value),
                txt(format!(
                    " — {} (",
                    match lang {
                        Lang::Fr => f.label_fr,
                        Lang::En => f.label_en,
                    }
                )),
                Inline::Link {
                    text: f.source.into(),
                    url: f.url.into(),
                },
                txt(")"),
            ]
        })
        .collect();
    b.push(Block::List(items));
    b.push(Block::Note(vec![txt(t(
        lang,
        "À lire avec prudence : le chiffre national par habitant couvre tout le numérique des Français — leurs téléviseurs, smartphones et ordinateurs personnels, les réseaux et les centres de données. Le parc d'une collectivité n'en est qu'une petite partie : son ratio par habitant ne se compare pas terme à terme au chiffre national ; il sert à suivre l'évolution d'une année sur l'autre et à comparer des collectivités qui mesurent de la même façon.",
        "Read with care: the national per-inhabitant figure covers the whole digital footprint of the French — their TVs, smartphones and personal computers, networks and data centres. A local authority's fleet is a small part of it: its per-inhabitant ratio does not compare one-to-one with the national figure; it serves to follow the change from year to year and to compare bodies that measure the same way.",
    ))]));
}

pub(super) fn change(b: &mut Vec<Block>, input: &ReviewInput<'_>) {
    let (r, lang) = (input.report, input.lang);
    b.push(Block::Section {
        id: "change",
        title: t(
            lang,
            "Évolution depuis l'an dernier",
            "Change since last year",
        )
        .into(),
        page_break: false,
    });
    let Some(prev) = input.previous else {
        b.push(Block::Note(vec![txt(t(
            lang,
            "Pas de comparaison : l'inventaire de l'an dernier n'a pas été fourni (--previous).",
            "No comparison: last year's inventory was not given (--previous).",
        ))]));
        return;
    };
    let mut warnings = Vec::new();
    if prev.dataset.id != r.dataset.id || prev.dataset.version != r.dataset.version {
        warnings.push(match lang {
            Lang::Fr => format!("les deux années n'utilisent pas le même jeu de données ({} {} cette année, {} {} l'an dernier) : une partie de l'écart vient des données, pas du parc", r.dataset.id, r.dataset.version, prev.dataset.id, prev.dataset.version),
            Lang::En => format!("the two years do not use the same dataset ({} {} this year, {} {} last year): part of the change comes from the data, not the fleet", r.dataset.id, r.dataset.version, prev.dataset.id, prev.dataset.version),
        });
    }
    if prev.options.annualisation != r.options.annualisation {
        warnings.push(t(lang, "la répartition des impacts de fabrication dans le temps diffère entre les deux années", "the annualisation of embodied impacts differs between the two years").into());
    }
    if prev.options.reporting_year >= r.options.reporting_year {
        warnings.push(match lang {
            Lang::Fr => format!(
                "l'inventaire « précédent » porte sur {}, pas sur une année antérieure à {}",
                prev.options.reporting_year, r.options.reporting_year
            ),
            Lang::En => format!(
                "the \"previous\" inventory is for {}, not a year before {}",
                prev.options.reporting_year, r.options.reporting_year
            ),
        });
    }
    for w in warnings {
        b.push(Block::Note(vec![
            Inline::Strong(t(lang, "Attention : ", "Caution: ").into()),
            txt(w),
        ]));
    }
    let ptr = format!("/totals/impacts/{CLIMATE}/total/central");
    let (now, then) = (climate(&r.totals.impacts), climate(&prev.totals.impacts));
    if let (Some(n), Some(p)) = (now.central(), then.central()) {
        b.push(Block::Chart(Chart {
            title: t(
                lang,
                "Empreinte carbone annuelle du parc",
                "Yearly carbon footprint of the fleet",
            )
            .into(),
            bars: vec![
                Bar {
                    label: prev.options.reporting_year.to_string(),
                    range: then.range,
                    color: "#9bb7cc",
                    text: mass(p, lang),
                },
                Bar {
                    label: r.options.reporting_year.to_string(),
                    range: now.range,
                    color: BAR_COLOR,
                    text: mass(n, lang),
                },
            ],
        }));
    }
    if let Some(yoy) = &r.year_over_year {
        split(b, yoy, r, lang);
    }
    let delta_fig = |n: f64, p: f64, ptr_now: String, ptr_prev: String| {
        Inline::Fig(Fig {
            text: signed_mass(n - p, lang),
            value: n - p,
            json: Some(ptr_now),
            json_previous: Some(ptr_prev),
        })
    };
    // A figure of this year's report (`previous` false) or of last year's.
    let fig = |v: f64, ptr: String, text: String, previous: bool| {
        Inline::Fig(Fig {
            text,
            value: v,
            json: (!previous).then(|| ptr.clone()),
            json_previous: previous.then_some(ptr),
        })
    };
    let mut rows = Vec::new();
    let mut row = |label: String,
                   p: Option<(f64, String)>,
                   n: Option<(f64, String)>,
                   devices: (Located<u64>, Located<u64>)| {
        let cell = |x: &Option<(f64, String)>, previous: bool| match x {
            Some((v, ptr)) => vec![fig(*v, ptr.clone(), mass(*v, lang), previous)],
            None => vec![txt("—")],
        };
        let dcell = |x: &Option<(u64, String)>, previous: bool| match x {
            Some((v, ptr)) => vec![fig(
                *v as f64,
                ptr.clone(),
                count(*v as f64, lang),
                previous,
            )],
            None => vec![txt("—")],
        };
        let delta = match (&p, &n) {
            (Some((pv, pp)), Some((nv, np))) => vec![delta_fig(*nv, *pv, np.clone(), pp.clone())],
            (None, Some(_)) => vec![txt(t(lang, "nouveau", "new"))],
            (Some(_), None) => vec![txt(t(lang, "disparu", "gone"))],
            _ => vec![txt("—")],
        };
        rows.push(vec![
            vec![txt(label)],
            dcell(&devices.0, true),
            dcell(&devices.1, false),
            cell(&p, true),
            cell(&n, false),
            delta,
        ]);
    };
    row(
        t(lang, "Total", "Total").into(),
        then.central().map(|v| (v, ptr.clone())),
        now.central().map(|v| (v, ptr.clone())),
        (
            Some((prev.counts.devices, "/counts/devices".into())),
            Some((r.counts.devices, "/counts/devices".into())),
        ),
    );
    // Largest current footprint first, then what disappeared.
    let mut current: Vec<&GroupFootprint> = r.by_category.iter().collect();
    current.sort_by(|a, b| {
        let c = |g: &GroupFootprint| climate(&g.impacts).range.central;
        c(b).total_cmp(&c(a))
    });
    let mut keys: Vec<&str> = current
        .into_iter()
        .chain(&prev.by_category)
        .filter_map(|g| g.key.as_deref())
        .collect();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(*k));
    for key in keys {
        let find = |rep: &Report| {
            rep.by_category
                .iter()
                .position(|g| g.key.as_deref() == Some(key))
        };
        let (ni, pi) = (find(r), find(prev));
        let label = ni
            .map(|i| group_label(&r.by_category[i], lang))
            .or_else(|| pi.map(|i| group_label(&prev.by_category[i], lang)))
            .unwrap_or_default();
        let val = |rep: &Report, i: Option<usize>| {
            i.and_then(|i| {
                climate(&rep.by_category[i].impacts).central().map(|v| {
                    (
                        v,
                        format!("/by_category/{i}/impacts/{CLIMATE}/total/central"),
                    )
                })
            })
        };
        let dev = |rep: &Report, i: Option<usize>| {
            i.map(|i| {
                (
                    rep.by_category[i].devices,
                    format!("/by_category/{i}/devices"),
                )
            })
        };
        row(
            label,
            val(prev, pi),
            val(r, ni),
            (dev(prev, pi), dev(r, ni)),
        );
    }
    let (py, ny) = (
        prev.options.reporting_year.to_string(),
        r.options.reporting_year.to_string(),
    );
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Type d'équipement", "Kind of device").into(),
            format!("{} {py}", t(lang, "Équip.", "Devices")),
            format!("{} {ny}", t(lang, "Équip.", "Devices")),
            format!("{} {py}", t(lang, "Climat", "Climate")),
            format!("{} {ny}", t(lang, "Climat", "Climate")),
            t(lang, "Écart", "Change").into(),
        ],
        numeric: vec![false, true, true, true, true, true],
        rows,
    }));
    b.push(Block::P(vec![txt(t(
        lang,
        "Un écart par type d'équipement reflète les achats et les retraits de l'année, mais aussi le vieillissement du parc (un équipement gardé au-delà de sa durée de vie ne porte plus que sa consommation d'électricité) et les changements de facteurs de référence.",
        "A change by kind of device reflects the year's purchases and disposals, and also the ageing of the fleet (a device kept past its lifetime only carries its electricity use) and changes of the reference factors.",
    ))]));
}

/// What explains the change: the fleet, its age, the reference; the method breaks named.
fn split(b: &mut Vec<Block>, yoy: &crate::year_over_year::YearOverYear, r: &Report, lang: Lang) {
    let (py, ny) = (yoy.previous_year, yoy.reporting_year);
    b.push(Block::Sub(
        t(lang, "Ce qui explique l'écart", "What explains the change").into(),
    ));
    let signed = |e: &crate::estimate::Estimate, ptr: &str| match e.value() {
        None => vec![super::blocks::not_available(lang)],
        Some(v) => {
            let mut out = vec![Inline::Fig(Fig {
                text: signed_mass(v.central, lang),
                value: v.central,
                json: Some(format!("{ptr}/central")),
                json_previous: None,
            })];
            if e.availability() == crate::estimate::Availability::Partial {
                out.push(txt(t(lang, " (partiel)", " (partial)")));
            }
            out
        }
    };
    let parts: [(&str, &crate::report::ImpactTable, String, String); 4] = [
        (
            "fleet_effect",
            &yoy.fleet_effect,
            t(lang, "Le parc : ce que la collectivité a fait", "The fleet: what the body did").into(),
            match lang {
                Lang::Fr => format!("achats, retraits, reconditionné, usage : l'inventaire {ny} comparé à celui de {py}, tous deux évalués pour {ny}"),
                Lang::En => format!("purchases, disposals, refurbished devices, use: the {ny} inventory against the {py} one, both evaluated for {ny}"),
            },
        ),
        (
            "ageing_effect",
            &yoy.ageing_effect,
            t(lang, "L'âge du parc", "The age of the fleet").into(),
            match lang {
                Lang::Fr => format!("les équipements de {py} un an plus tard : ceux qui atteignent la fin de leur durée de vie (ou d'amortissement) ne portent plus leur fabrication ; rien n'a été acheté ni retiré"),
                Lang::En => format!("the {py} devices one year later: those reaching the end of their lifetime (or amortisation) no longer carry their manufacturing; nothing bought or retired"),
            },
        ),
        (
            "reference_effect",
            &yoy.reference_effect,
            t(lang, "La référence : facteurs et méthodes", "The reference: factors and methods").into(),
            match lang {
                Lang::Fr => format!("le parc de {py} évalué avec les facteurs de {ny} (électricité de l'année, jeu de données, options) plutôt qu'avec ceux de {py}"),
                Lang::En => format!("the {py} fleet evaluated with the {ny} factors (the year's electricity, the dataset, the options) instead of the {py} ones"),
            },
        ),
        (
            "total_change",
            &yoy.total_change,
            t(lang, "Écart total", "Total change").into(),
            match lang {
                Lang::Fr => format!("{ny} − {py}, la somme des trois parts"),
                Lang::En => format!("{ny} − {py}, the sum of the three parts"),
            },
        ),
    ];
    let mut rows = Vec::new();
    for (key, table, label, what) in &parts {
        let e = table
            .total(crate::indicator::Indicator::ClimateChange)
            .copied()
            .unwrap_or_default();
        let ptr = format!("/year_over_year/{key}/{CLIMATE}/total");
        let label = if *key == "total_change" {
            vec![Inline::Strong(label.clone())]
        } else {
            vec![txt(label.clone())]
        };
        rows.push(vec![
            label,
            signed(&e, &ptr),
            range(&e, &ptr, lang, true),
            vec![txt(what.clone())],
        ]);
    }
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Part de l'écart", "Part of the change").into(),
            t(lang, "Climat / an", "Climate / year").into(),
            t(lang, "Fourchette", "Range").into(),
            t(lang, "Ce que c'est", "What it is").into(),
        ],
        numeric: vec![false, true, true, false],
        rows,
    }));
    for (i, m) in yoy.method_breaks.iter().enumerate() {
        let ptr = format!("/year_over_year/method_breaks/{i}");
        let fig = |v: f64, at: &str| {
            Inline::Fig(Fig {
                text: number(v, lang),
                value: v,
                json: Some(format!("{ptr}/{at}/value")),
                json_previous: None,
            })
        };
        let year = |y: Option<i32>| {
            y.map_or(t(lang, "non daté", "undated").to_string(), |y| {
                y.to_string()
            })
        };
        let method = |v: &crate::year_over_year::FactorVintage| match lang {
            Lang::Fr if !v.method_fr.is_empty() => v.method_fr.clone(),
            _ => v.method.clone(),
        };
        let unit = &m.current.unit;
        let what = match lang {
            Lang::Fr => format!(
                "le facteur de l'électricité ({}, {})",
                m.zone,
                m.indicator.label(lang).to_lowercase()
            ),
            Lang::En => format!(
                "the electricity factor ({}, {})",
                m.zone,
                m.indicator.label(lang).to_lowercase()
            ),
        };
        let note = vec![
            Inline::Strong(t(lang, "Rupture de méthode", "Method break").into()),
            txt(match lang {
                Lang::Fr => format!("\u{a0}: {what} de {} (", year(m.previous.year)),
                Lang::En => format!(": {what} of {} (", year(m.previous.year)),
            }),
            fig(m.previous.value, "previous"),
            txt(match lang {
                Lang::Fr => format!(" {unit}) est une {} ; celui de {} (", method(&m.previous), year(m.current.year)),
                Lang::En => format!(" {unit}) is a {}; that of {} (", method(&m.previous), year(m.current.year)),
            }),
            fig(m.current.value, "current"),
            txt(match lang {
                Lang::Fr => format!(" {unit}) une {}. Une part de l'écart dû à la référence vient de ce changement de méthode, pas d'un changement réel de l'électricité consommée ni du parc.", method(&m.current)),
                Lang::En => format!(" {unit}) a {}. Part of the reference effect comes from this change of method, not from a real change of the electricity used or of the fleet.", method(&m.current)),
            }),
        ];
        b.push(Block::Note(note));
    }
    if let Some(d) = &yoy.dataset_change {
        b.push(Block::Note(vec![txt(match lang {
            Lang::Fr => format!("Changement de jeu de données ({} {} l'an dernier, {} {} cette année) : il est compté dans la part de la référence.", d.previous_id, d.previous_version, d.id, d.version),
            Lang::En => format!("Change of dataset ({} {} last year, {} {} this year): it is counted in the reference part.", d.previous_id, d.previous_version, d.id, d.version),
        })]));
    }
    // The other indicators the dataset carries, central values.
    let others: Vec<crate::indicator::Indicator> = r
        .totals
        .impacts
        .indicators()
        .iter()
        .copied()
        .filter(|i| *i != crate::indicator::Indicator::ClimateChange)
        .collect();
    if !others.is_empty() {
        let rows = others
            .iter()
            .map(|ind| {
                let info = r.indicators.iter().find(|x| x.id == ind.id());
                let mut row = vec![vec![txt(format!(
                    "{} ({})",
                    ind.label(lang),
                    info.map_or("", |x| x.unit)
                ))]];
                for (key, table, ..) in &parts {
                    let e = table.total(*ind).copied().unwrap_or_default();
                    let ptr = format!("/year_over_year/{key}/{}/total", ind.id());
                    row.push(match e.value() {
                        None => vec![super::blocks::not_available(lang)],
                        Some(v) => {
                            let mut cell = vec![Inline::Fig(Fig {
                                text: number(v.central, lang),
                                value: v.central,
                                json: Some(format!("{ptr}/central")),
                                json_previous: None,
                            })];
                            if e.availability() == crate::estimate::Availability::Partial {
                                cell.push(txt(t(lang, " (partiel)", " (partial)")));
                            }
                            cell
                        }
                    });
                }
                row
            })
            .collect();
        b.push(Block::Table(Table {
            head: vec![
                t(lang, "Autres indicateurs / an", "Other indicators / year").into(),
                t(lang, "Parc", "Fleet").into(),
                t(lang, "Âge", "Age").into(),
                t(lang, "Référence", "Reference").into(),
                t(lang, "Total", "Total").into(),
            ],
            numeric: vec![false, true, true, true, true],
            rows,
        }));
    }
}

pub(super) fn levers(b: &mut Vec<Block>, input: &ReviewInput<'_>) {
    let lang = input.lang;
    b.push(Block::Section {
        id: "levers",
        title: t(lang, "Principaux leviers", "Main levers").into(),
        page_break: false,
    });
    if input.levers.is_empty() {
        b.push(Block::Note(vec![txt(t(
            lang,
            "Aucun scénario n'a été chiffré pour ce bilan : cette section ne donne donc aucun gain estimé. Pistes habituelles, à chiffrer : acheter moins d'équipements, les garder plus longtemps, acheter reconditionné, héberger sobrement.",
            "No scenario was quantified for this review, so this section gives no estimated saving. Usual levers, to be quantified: buy fewer devices, keep them longer, buy refurbished, host soberly.",
        ))]));
        return;
    }
    let total = climate(&input.report.totals.impacts).central();
    let mut levers: Vec<&super::Lever> = input.levers.iter().collect();
    levers.sort_by(|a, b| a.delta_kgco2e.central.total_cmp(&b.delta_kgco2e.central));
    let rows = levers
        .iter()
        .map(|l| {
            let d = l.delta_kgco2e;
            let f = |v: f64| {
                Inline::Fig(Fig {
                    text: signed_mass(v, lang),
                    value: v,
                    json: None,
                    json_previous: None,
                })
            };
            vec![
                vec![Inline::Strong(l.title.clone())],
                vec![f(d.central)],
                vec![
                    txt("["),
                    f(d.low.min(d.high)),
                    txt(" – "),
                    f(d.low.max(d.high)),
                    txt("]"),
                ],
                vec![txt(match total {
                    Some(total) if total > 0.0 => percent(d.central / total, lang),
                    Some(_) => String::new(),
                    None => t(lang, "n.d.", "n/a").into(),
                })],
                vec![txt(l.description.clone())],
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Levier", "Lever").into(),
            t(lang, "Effet / an", "Effect / year").into(),
            t(lang, "Fourchette", "Range").into(),
            t(lang, "Part du total", "Share of total").into(),
            t(lang, "Description", "Description").into(),
        ],
        numeric: vec![false, true, true, true, false],
        rows,
    }));
    b.push(Block::P(vec![txt(t(
        lang,
        "Effets estimés par scénario, chacun par rapport à la situation actuelle ; ils ne s'additionnent pas forcément.",
        "Effects estimated by scenario, each against the current situation; they do not necessarily add up.",
    ))]));
}

pub(super) fn method(b: &mut Vec<Block>, r: &Report, lang: Lang) {
    b.push(Block::Section {
        id: "method",
        title: t(lang, "Méthode", "Method").into(),
        page_break: true,
    });
    let annualisation = match (r.options.annualisation.id(), lang) {
        ("physical_lifetime", Lang::Fr) => {
            "réparties sur la durée de vie physique de chaque équipement"
        }
        ("accounting", Lang::Fr) => "réparties sur la durée d'amortissement comptable",
        ("none", Lang::Fr) => "comptées en entier l'année d'acquisition",
        ("physical_lifetime", Lang::En) => "spread over each device's physical lifetime",
        ("accounting", Lang::En) => "spread over the accounting amortisation period",
        _ => "counted in full in the acquisition year",
    };
    let mut items = vec![
        vec![txt(match lang {
            Lang::Fr => format!("Année du bilan : {}. Les impacts de fabrication, de transport et de fin de vie sont {annualisation} ; un équipement gardé au-delà ne porte plus que son utilisation.", r.options.reporting_year),
            Lang::En => format!("Reporting year: {}. Manufacturing, transport and end-of-life impacts are {annualisation}; a device kept longer only carries its use.", r.options.reporting_year),
        })],
        vec![txt(t(lang,
            "Utilisation : électricité annuelle (mesurée, ou puissance × heures × jours) multipliée par le facteur d'émission de l'électricité du pays et de l'année.",
            "Use: yearly electricity (measured, or power × hours × days) times the emission factor of the country's electricity for the year."))],
        vec![txt(t(lang,
            "Reconditionné (allocation « cut-off ») : l'équipement porte le reconditionnement, les pièces remplacées et le transport, pas sa première fabrication.",
            "Refurbished (cut-off allocation): the device carries the refurbishment, replaced parts and transport, not its first manufacturing."))],
        vec![txt(t(lang,
            "Fourchettes : bornes basse et haute des facteurs, des durées de vie et des puissances, propagées borne à borne.",
            "Ranges: low and high bounds of the factors, lifetimes and powers, propagated bound by bound."))],
    ];
    for e in &r.provenance.electricity {
        items.push(vec![txt(match lang {
            Lang::Fr => format!(
                "Électricité {} : facteur {} utilisé pour {} ({} lignes).",
                e.zone,
                e.year_used
                    .map_or("non daté".to_string(), |y| y.to_string()),
                e.year_requested,
                e.lines
            ),
            Lang::En => format!(
                "Electricity {}: {} factor used for {} ({} lines).",
                e.zone,
                e.year_used.map_or("undated".to_string(), |y| y.to_string()),
                e.year_requested,
                e.lines
            ),
        })]);
    }
    let proxies = r
        .provenance
        .factors
        .iter()
        .filter(|f| f.quality == crate::dataset::Quality::Proxy)
        .count();
    if proxies > 0 {
        items.push(vec![txt(match lang {
            Lang::Fr => format!("{proxies} des {} facteurs utilisés sont des approximations (« proxy ») pour des équipements que la source n'a pas étudiés ; ils sont signalés dans le jeu de données.", r.provenance.factors.len()),
            Lang::En => format!("{proxies} of the {} factors used are proxies for devices the source did not study; the dataset flags them.", r.provenance.factors.len()),
        })]);
    }
    b.push(Block::List(items));
    b.push(Block::P(vec![txt(match lang {
        Lang::Fr => format!(
            "Calcul : empreinte (bibliothèque libre), {} lignes lues, {} évaluées, {} rejetées.",
            r.counts.rows_read, r.counts.rows_evaluated, r.counts.rows_rejected
        ),
        Lang::En => format!(
            "Computed with empreinte (free software): {} lines read, {} evaluated, {} rejected.",
            r.counts.rows_read, r.counts.rows_evaluated, r.counts.rows_rejected
        ),
    })]));
}

pub(super) fn sources(b: &mut Vec<Block>, r: &Report, lang: Lang) {
    b.push(Block::Section {
        id: "sources",
        title: t(
            lang,
            "Données de référence et sources",
            "Reference data and sources",
        )
        .into(),
        page_break: false,
    });
    let d = &r.dataset;
    b.push(Block::P(vec![
        Inline::Strong(format!("{} {}", d.id, d.version)),
        txt(format!(
            " — {}. {} {}. {}",
            d.title,
            t(lang, "Licences :", "Licences:"),
            d.licenses.join(", "),
            d.usage_note
        )),
    ]));
    let rows = r
        .provenance
        .sources
        .iter()
        .map(|s| {
            vec![
                vec![if s.url.is_empty() {
                    txt(s.title.clone())
                } else {
                    Inline::Link {
                        text: s.title.clone(),
                        url: s.url.clone(),
                    }
                }],
                vec![txt(s.publisher.clone())],
                vec![txt(s.year.clone())],
                vec![txt(s.licence.clone())],
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        head: vec![
            t(lang, "Source", "Source").into(),
            t(lang, "Éditeur", "Publisher").into(),
            t(lang, "Année", "Year").into(),
            t(lang, "Licence", "Licence").into(),
        ],
        numeric: vec![false; 4],
        rows,
    }));
    if !r.provenance.flagged_factors_excluded.is_empty() {
        b.push(Block::P(vec![txt(match lang {
            Lang::Fr => format!(
                "Facteurs signalés comme erronés par leur source, jamais utilisés : {}.",
                r.provenance.flagged_factors_excluded.join(", ")
            ),
            Lang::En => format!(
                "Factors flagged as wrong by their source, never used: {}.",
                r.provenance.flagged_factors_excluded.join(", ")
            ),
        })]));
    }
}

/// Rows shown in full; the rest are counted.
const MAX_ROWS: usize = 200;

pub(super) fn rejected(b: &mut Vec<Block>, input: &ReviewInput<'_>) {
    let (r, lang) = (input.report, input.lang);
    b.push(Block::Section {
        id: "rejected",
        title: t(
            lang,
            "Lignes rejetées et éléments non comptés",
            "Rejected rows and items left out",
        )
        .into(),
        page_break: false,
    });
    b.push(Block::P(vec![txt(match lang {
        Lang::Fr => format!("{} lignes rejetées, {} éléments écartés volontairement. Rien n'est écarté en silence : chaque ligne est listée avec sa raison.", r.counts.rows_rejected, input.left_out.len()),
        Lang::En => format!("{} rejected rows, {} items left out on purpose. Nothing is left out silently: each is listed with its reason.", r.counts.rows_rejected, input.left_out.len()),
    })]));
    if !r.rejected.is_empty() {
        b.push(Block::Sub(
            t(
                lang,
                "Lignes rejetées (à corriger)",
                "Rejected rows (to fix)",
            )
            .into(),
        ));
        let mut rows: Vec<Vec<Vec<Inline>>> = r
            .rejected
            .iter()
            .take(MAX_ROWS)
            .map(|x| {
                vec![
                    vec![txt(x.line.to_string())],
                    vec![txt(x.error.code())],
                    vec![txt(x.error.to_string())],
                ]
            })
            .collect();
        if r.rejected.len() > MAX_ROWS {
            rows.push(vec![
                vec![txt("…")],
                vec![],
                vec![txt(format!(
                    "{} {}",
                    r.rejected.len() - MAX_ROWS,
                    t(lang, "autres lignes", "more rows")
                ))],
            ]);
        }
        b.push(Block::Table(Table {
            head: vec![
                t(lang, "Ligne", "Line").into(),
                t(lang, "Code", "Code").into(),
                t(lang, "Raison", "Reason").into(),
            ],
            numeric: vec![true, false, false],
            rows,
        }));
    }
    if !input.left_out.is_empty() {
        b.push(Block::Sub(
            t(
                lang,
                "Éléments écartés volontairement",
                "Items left out on purpose",
            )
            .into(),
        ));
        let mut rows: Vec<Vec<Vec<Inline>>> = input
            .left_out
            .iter()
            .take(MAX_ROWS)
            .map(|x| {
                vec![
                    vec![txt(x.what.clone())],
                    vec![txt(x.code.clone())],
                    vec![txt(x.reason.clone())],
                ]
            })
            .collect();
        if input.left_out.len() > MAX_ROWS {
            rows.push(vec![
                vec![txt("…")],
                vec![],
                vec![txt(format!(
                    "{} {}",
                    input.left_out.len() - MAX_ROWS,
                    t(lang, "autres éléments", "more items")
                ))],
            ]);
        }
        b.push(Block::Table(Table {
            head: vec![
                t(lang, "Élément", "Item").into(),
                t(lang, "Code", "Code").into(),
                t(lang, "Raison", "Reason").into(),
            ],
            numeric: vec![false; 3],
            rows,
        }));
    }
    let warnings: Vec<&crate::inventory::Warning> = r
        .warnings
        .iter()
        .filter(|w| w.code != "glpi_excluded")
        .collect();
    if !warnings.is_empty() {
        b.push(Block::Sub(t(lang, "Avertissements", "Warnings").into()));
        b.push(Block::List(
            warnings
                .iter()
                .take(30)
                .map(|w| vec![txt(format!("{} [{}]", w.message, w.code))])
                .collect(),
        ));
    }
}
